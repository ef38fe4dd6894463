"""``newsbrief sentiment --jsonl``: target-dependent sentiment for mentions listed in JSONL.

Each input line is ``{"id", "text", "target_start", "target_end"}`` (offsets index
``text`` exactly as given); each output line is ``{"id", "label", "score"}``. A line
that cannot be read gives ``{"id", "error"}`` in its place and one message on
stderr naming ``file:line``; the other lines go on. Each distinct text is encoded
once by the target model (:mod:`analysis.sentiment.encoder`), a few ms a line.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from analysis.article import IngestError, printable
from analysis.ingest.limits import MAX_ARTICLE_BYTES
from analysis.ingest.records import bounded_lines, parse_json
from analysis.ingest.textio import check_regular_file
from analysis.outputs import OutputError, json_text, refuse_overwrite
from analysis.sentiment.target import target_sentiment_many

#: Lines are classified in batches: one model call per batch is much faster than
#: one per line, and a batch bounds memory on huge inputs.
BATCH = 512


class LineError(ValueError):
    """A JSONL line that does not describe a target mention."""


def _load(raw: str) -> object:
    # The shared parser refuses the hostile cases too (deep nesting, huge numbers).
    try:
        return parse_json(raw, "line")
    except IngestError as exc:
        limit = exc.problem.startswith("JSON")  # nested too deep, a number too long
        raise LineError(exc.problem if limit else f"not valid JSON ({exc.problem})") from None


def _parse(raw: str) -> tuple[object, str, int, int]:
    row = _load(raw)
    if not isinstance(row, dict):
        raise LineError("not a JSON object")
    text, start, end = row.get("text"), row.get("target_start"), row.get("target_end")
    if not isinstance(text, str) or not text.strip():
        raise LineError('"text" must be a non-empty string')
    for name, value in (("target_start", start), ("target_end", end)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise LineError(f'"{name}" must be an integer')
    if not 0 <= start < end <= len(text):
        raise LineError(f"target span [{start}, {end}) is outside the text ({len(text)} chars)")
    # One replacement character per lone surrogate: the span still holds.
    return row.get("id"), printable(text), start, end


def _results(path: Path) -> Iterator[dict]:
    batch: list[tuple[object, str, int, int]] = []

    def flush() -> Iterator[dict]:
        found = target_sentiment_many([(t, s, e) for _, t, s, e in batch])
        for (ident, *_), (label, score) in zip(batch, found, strict=True):
            yield {"id": ident, "label": label, "score": score}
        batch.clear()

    with path.open("rb") as handle:
        for lineno, data in enumerate(bounded_lines(handle), start=1):
            raw = "" if data is None else data.decode("utf-8", errors="replace")
            if data is not None and not raw.strip():
                continue
            try:
                if data is None:
                    raise LineError(f"line longer than the {MAX_ARTICLE_BYTES // 2**20} MiB limit")
                batch.append(_parse(raw))
            except LineError as exc:
                yield from flush()
                message = f"{path}:{lineno}: {exc}"
                print(f"newsbrief: error: {message}", file=sys.stderr)
                yield {"id": _guess_id(raw), "error": message}
                continue
            if len(batch) >= BATCH:
                yield from flush()
    yield from flush()


def _guess_id(raw: str) -> object:
    try:
        row = _load(raw)
    except LineError:
        return None
    return row.get("id") if isinstance(row, dict) else None


def sentiment_jsonl(in_path: str, out_path: str | None = None) -> int:
    """Classify every mention in a JSONL file, one output line per input line.

    Args:
        in_path: Input JSONL of ``{"id", "text", "target_start", "target_end"}``.
        out_path: Output JSONL; None writes to stdout.

    Returns:
        0 when every line was classified, 1 when some lines were bad, 2 when the
        input cannot be read or the output is the input (nothing is written then).
    """
    source = Path(in_path)
    try:
        check_regular_file(source, in_path)
        refuse_overwrite([out_path] if out_path else [], [source])
    except (IngestError, OutputError) as exc:
        print(f"newsbrief: error: {exc}", file=sys.stderr)
        return 2
    failed = 0
    sink = open(out_path, "w", encoding="utf-8") if out_path else sys.stdout  # noqa: SIM115
    try:
        for result in _results(source):
            failed += "error" in result
            sink.write(json_text(result) + "\n")
    finally:
        if out_path:
            sink.close()
    return 1 if failed else 0
