"""The Article record that ingestion produces and every later stage reads.

Every character offset anywhere in newsbrief indexes :attr:`Article.text`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_SURROGATES = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """Replace lone surrogates with U+FFFD, so that the text can be written as UTF-8.

    A JSON ``"\\ud800"`` escape and a file name that is not UTF-8 both leave lone
    surrogates in a Python string, and writing one raises ``UnicodeEncodeError``.
    Each becomes one replacement character, so offsets into the text still hold.

    Args:
        text: Any text.

    Returns:
        The text, unchanged when it holds no surrogates.
    """
    return _SURROGATES.sub("\ufffd", text)


class IngestError(ValueError):
    """An input that cannot be read as an article.

    The message is one line that names the file and the problem, which is what
    the command line prints before exiting with status 2.

    Args:
        path: The file (or ``file:line``) that was refused.
        problem: What is wrong with it, in a few words.
    """

    def __init__(self, path: str, problem: str):
        self.path = printable(str(path))
        self.problem = printable(problem)
        super().__init__(f"{self.path}: {problem}")


@dataclass
class Article:
    """One news article, as loaded from disk or from a row of a JSONL/CSV source."""

    id: str
    text: str
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    source_path: str | None = None
    sha256: str | None = None
    #: ISO 639-1 code of the body's language ("en", "de"), or None when unknown.
    language: str | None = None
    #: Page-furniture lines that ingestion took out of the body ("Thanks for signing
    #: up!"); not part of the ``article`` object, the briefing's text-quality note shows them.
    furniture: list[str] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Every writer (JSON, CSV, parquet, the notebook) needs text that UTF-8 can hold.
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, str):
                setattr(self, item.name, printable(value))

    @property
    def n_words(self) -> int:
        """Number of words in the body."""
        return len(_WORD.findall(self.text))

    def to_dict(self) -> dict:
        """Return the ``article`` object of schema ``newsbrief/1``."""
        record = asdict(self)
        record["n_words"] = self.n_words
        order = [
            "id",
            "title",
            "byline",
            "published",
            "outlet",
            "url",
            "source_path",
            "sha256",
            "text",
            "n_words",
            "language",
        ]
        return {key: record[key] for key in order}
