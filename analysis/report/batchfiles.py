"""The batch runner's files in a reports folder: what is done, what failed, and the log.

``OUT/<name>_<key>/manifest.json`` with status ``ok`` marks an article as done;
an input that could not even be read gets ``OUT/<name>_<key>.failed/`` with a
manifest saying why, like any failed report. ``OUT/failures.json`` lists the
inputs whose latest attempt failed, merged across runs under a lock so that
overlapping runs do not lose each other's records. ``OUT/newsbrief.log`` is the
running log; ``OUT/.locks/`` holds the lock files.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import time
from pathlib import Path

from filelock import FileLock

from analysis.ingest.textio import slugify
from analysis.outputs import json_text
from analysis.report.files import MANIFEST_SCHEMA, publish

LOCKS = ".locks"
FAILURES = "failures.json"
LOG = "newsbrief.log"
_KEYED = re.compile(r"_([0-9a-f]{8})$")
#: How long a run waits for another to finish updating the shared records.
RECORDS_LOCK_TIMEOUT = 120


def _status(folder: Path) -> str | None:
    try:
        return json.loads((folder / "manifest.json").read_text(encoding="utf-8")).get("status")
    except (OSError, ValueError, AttributeError):
        return None


def done_reports(out: Path) -> dict[str, str]:
    """Map report key to folder name for every good report in a reports folder.

    Args:
        out: The reports folder (it need not exist).

    Returns:
        ``{key: folder name}`` for folders named ``..._<key>`` whose manifest says ``ok``.
    """
    if not out.is_dir():
        return {}
    found = {}
    for child in sorted(out.iterdir()):
        match = _KEYED.search(child.name)
        if match and not child.name.startswith(".") and child.is_dir():
            if _status(child) == "ok":
                found[match.group(1)] = child.name
    return found


def find_report(out: Path, key: str) -> Path | None:
    """Return the good report folder with this key, or None."""
    for child in sorted(out.glob(f"*_{key}")):
        if child.is_dir() and not child.name.startswith(".") and _status(child) == "ok":
            return child
    return None


def write_failed_folder(out: Path, source: str, key: str, error: str, parameters: dict) -> Path:
    """Record an input that could not be read as a failed report folder.

    Args:
        out: The reports folder.
        source: The input (``file`` or ``file:line``).
        key: Its report key.
        error: One line saying what is wrong.
        parameters: Effective notebook parameters.

    Returns:
        The ``<name>.failed`` folder.
    """
    label = Path(source.split(":", 1)[0] if ":" in source else source).name
    name = f"undated_{slugify(label) or 'input'}_{key}"
    work = out / f".tmp-{name}-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    manifest = {
        "schema": MANIFEST_SCHEMA,
        "name": name,
        "status": "failed",
        "error": error,
        "input": source,
        "article": {"id": None, "title": label, "published": None, "outlet": None},
        "parameters": parameters,
        "files": {},
    }
    (work / "manifest.json").write_text(json_text(manifest, indent=2) + "\n", encoding="utf-8")
    try:
        return publish(work, out, name, ok=False)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _input_exists(source: str) -> bool:
    path = re.sub(r":\d+$", "", source)
    return Path(path).exists()


def record_failures(out: Path, failures: list[dict], attempted: set[str]) -> Path:
    """Merge this run's failures into ``OUT/failures.json``.

    Records of inputs this run attempted are replaced by this run's outcome;
    records of inputs it left alone are kept while the input still exists.

    Args:
        out: The reports folder.
        failures: This run's failed outcomes (``source``, ``error``, ...).
        attempted: Every input this run briefed, found done, or failed.

    Returns:
        The path of ``failures.json``.
    """
    path = out / FAILURES
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    with FileLock(out / LOCKS / "records.lock", timeout=RECORDS_LOCK_TIMEOUT):
        try:
            earlier = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            earlier = []
        kept = [
            record
            for record in earlier
            if isinstance(earlier, list)
            if isinstance(record, dict)
            and record.get("source") not in attempted
            and _input_exists(str(record.get("source", "")))
        ]
        fresh = [
            {"source": f["source"], "error": f["error"], "folder": f.get("folder"), "at": stamp}
            for f in failures
        ]
        records = sorted(kept + fresh, key=lambda record: str(record.get("source")))
        partial = out / f".{FAILURES}.{os.getpid()}.tmp"
        partial.write_text(json_text(records, indent=2) + "\n", encoding="utf-8")
        os.replace(partial, path)
    return path


def setup_log(logger: logging.Logger, out: Path) -> logging.Handler:
    """Send a logger's records to ``OUT/newsbrief.log``; return the handler to remove later."""
    # A file name that is not UTF-8 is logged with escapes, not as a logging traceback.
    handler = logging.FileHandler(out / LOG, encoding="utf-8", errors="backslashreplace")
    handler.setFormatter(logging.Formatter("%(asctime)s pid=%(process)d %(levelname)s %(message)s"))
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    return handler
