"""The limits that keep hostile input from hanging or crashing newsbrief.

Every limit is far above what a real article needs; input beyond one is refused
with one line naming the file (or ``file:line``) and the limit, never a
traceback. The README lists them under "Using it", "Limits".
"""

from __future__ import annotations

MiB = 1024 * 1024

#: Deepest nesting of lists and objects in a JSON or YAML document. An article
#: object needs three or four levels; Python's own parser crashes near a thousand.
MAX_NESTING_DEPTH = 64

#: Most digits in one JSON number. A millisecond timestamp has 13; Python refuses
#: to convert integers of more than 4,300 digits.
MAX_NUMBER_DIGITS = 100

#: Largest file read as one article (text, HTML or JSON), and longest JSONL line.
MAX_ARTICLE_BYTES = 32 * MiB

#: Largest CSV (or UTF-16 JSONL) file, which is read into memory whole; ordinary
#: JSONL is streamed line by line and has no overall limit.
MAX_ROWS_FILE_BYTES = 1024 * MiB

#: Largest ``-f params.yaml`` file.
MAX_PARAMETERS_BYTES = 1 * MiB

#: Longest file name part (UTF-8 bytes) made from an article id by
#: ``extract --out``; most file systems allow 255 bytes in all.
MAX_ID_FILE_NAME_BYTES = 120

#: Largest web page fetched for ``report URL`` / ``extract URL``, and the seconds
#: the server may take to answer (per connection attempt and per read).
MAX_PAGE_BYTES = 16 * MiB
FETCH_TIMEOUT = 20.0
