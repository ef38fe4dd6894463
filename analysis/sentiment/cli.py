"""``newsbrief sentiment --jsonl``: target-dependent sentiment for mentions listed in JSONL.

Each input line is ``{"id", "text", "target_start", "target_end"}`` (offsets index
``text`` exactly as given); each output line is ``{"id", "label", "score"}``. A line
that cannot be read gives ``{"id", "error"}`` in its place and one message on
stderr naming ``file:line``; the other lines go on. The model reads the parse of
each text, so every text goes through spaCy here (a few ms a line).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from analysis.sentiment.target import target_sentiment_many

#: Lines are classified in batches: one model call per batch is much faster than
#: one per line, and a batch bounds memory on huge inputs.
BATCH = 512


class LineError(ValueError):
    """A JSONL line that does not describe a target mention."""


def _parse(raw: str) -> tuple[object, str, int, int]:
    try:
        row = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise LineError(f"not valid JSON ({exc.msg})") from None
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
    return row.get("id"), text, start, end


def _results(path: Path) -> Iterator[dict]:
    batch: list[tuple[object, str, int, int]] = []

    def flush() -> Iterator[dict]:
        found = target_sentiment_many([(t, s, e) for _, t, s, e in batch])
        for (ident, *_), (label, score) in zip(batch, found, strict=True):
            yield {"id": ident, "label": label, "score": score}
        batch.clear()

    with path.open(encoding="utf-8", errors="replace") as handle:
        for lineno, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
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
        row = json.loads(raw)
    except json.JSONDecodeError:
        return None
    return row.get("id") if isinstance(row, dict) else None


def sentiment_jsonl(in_path: str, out_path: str | None = None) -> int:
    """Classify every mention in a JSONL file, one output line per input line.

    Args:
        in_path: Input JSONL of ``{"id", "text", "target_start", "target_end"}``.
        out_path: Output JSONL; None writes to stdout.

    Returns:
        0 when every line was classified, 1 when some lines were bad, 2 when the
        input cannot be read.
    """
    source = Path(in_path)
    if not source.is_file():
        print(f"newsbrief: error: {in_path}: no such file", file=sys.stderr)
        return 2
    failed = 0
    sink = open(out_path, "w", encoding="utf-8") if out_path else sys.stdout  # noqa: SIM115
    try:
        for result in _results(source):
            failed += "error" in result
            sink.write(json.dumps(result, ensure_ascii=False) + "\n")
    finally:
        if out_path:
            sink.close()
    return 1 if failed else 0
