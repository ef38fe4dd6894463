"""The batch runner's files in a reports folder: what is done, what failed, and the log.

``OUT/<name>_<key>/manifest.json`` with status ``ok`` marks an article as done;
an input that could not even be read gets ``OUT/<name>_<key>.failed/`` with a
manifest saying why, like any failed report. ``OUT/failures.json`` lists the
inputs whose latest attempt failed, merged across runs under a lock so that
overlapping runs do not lose each other's records. ``OUT/newsbrief.log`` is the
running log; ``OUT/.locks/`` holds the lock files.

Everything here may meet names and text that are not valid UTF-8 (a lone
surrogate from a file name that is not UTF-8, a broken ``\\ud800`` in an article)
or that hold control characters: records are written so that this never raises,
and names in log and stderr lines are escaped so that each message stays one line.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import time
from pathlib import Path

from filelock import FileLock, Timeout

from analysis.ingest.textio import slugify
from analysis.report.files import FAILED_SUFFIX, MANIFEST_SCHEMA
from analysis.report.publish import json_bytes, leftovers, publish, settle

LOCKS = ".locks"
FAILURES = "failures.json"
LOG = "newsbrief.log"
_KEYED = re.compile(r"_([0-9a-f]{8})$")
_FAILED = re.compile(r"_([0-9a-f]{8})" + re.escape(FAILED_SUFFIX) + "$")
#: How long a run waits for another to finish updating the shared records.
RECORDS_LOCK_TIMEOUT = 120


def _status(folder: Path) -> str | None:
    try:
        return json.loads((folder / "manifest.json").read_text(encoding="utf-8")).get("status")
    except (OSError, ValueError, AttributeError):
        return None


def one_line(text: object) -> str:
    """Escape control characters and lone surrogates, so a name prints on one line.

    Args:
        text: A file name, a source (``file:line``) or a message holding them.

    Returns:
        The text with ``\\n``, ``\\t``, ``\\x1b``, ``\\udce9`` ... in place of those characters.
    """
    return "".join(
        ch
        if ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF
        else ch.encode("unicode_escape", "backslashreplace").decode("ascii")
        for ch in str(text)
    )


def _keyed_folders(out: Path, pattern: re.Pattern, status: str) -> dict[str, str]:
    if not out.is_dir():
        return {}
    found = {}
    for child in sorted(out.iterdir()):
        match = pattern.search(child.name)
        if match and not child.name.startswith(".") and child.is_dir():
            if _status(child) == status:
                found[match.group(1)] = child.name
    return found


def done_reports(out: Path) -> dict[str, str]:
    """Map report key to folder name for every good report in a reports folder.

    Args:
        out: The reports folder (it need not exist).

    Returns:
        ``{key: folder name}`` for folders named ``..._<key>`` whose manifest says ``ok``.
    """
    return _keyed_folders(out, _KEYED, "ok")


def failed_reports(out: Path) -> dict[str, str]:
    """Map report key to folder name for every failed report in a reports folder.

    Args:
        out: The reports folder (it need not exist).

    Returns:
        ``{key: folder name}`` for folders named ``..._<key>.failed`` whose
        manifest says ``failed``.
    """
    return _keyed_folders(out, _FAILED, "failed")


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
    label = Path(re.sub(r":\d+$", "", source)).name  # a row's file, without ":line"
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
    (work / "manifest.json").write_bytes(json_bytes(manifest))
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
            {
                "source": f["source"],
                "error": f["error"],
                "folder": f.get("folder"),
                "key": f.get("key"),
                "at": stamp,
            }
            for f in failures
        ]
        records = sorted(kept + fresh, key=lambda record: str(record.get("source")))
        partial = out / f".{FAILURES}.{os.getpid()}.tmp"
        partial.write_bytes(json_bytes(records))
        os.replace(partial, path)
    return path


def clean_leftovers(out: Path) -> list[str]:
    """Settle what dead runs left in a reports folder: set-aside reports, temporary folders.

    A leftover of a report is settled under that report's lock, so it is never
    touched while a live batch run works on the same article.

    Args:
        out: The reports folder.

    Returns:
        One line per leftover settled, e.g. ``restored undated_x_1a2b3c4d``.
    """
    done = []
    for item in leftovers(out):
        try:
            if item.key is None:
                action = settle(item)
            else:
                with FileLock(out / LOCKS / f"{item.key}.lock", timeout=0):
                    action = settle(item)
        except (Timeout, OSError):
            continue  # busy, or gone meanwhile: a later run looks again
        if action == "restored":
            done.append(f"restored {item.name} from {item.path.name}")
        elif action:
            done.append(f"{action} {item.path.name}")
    return done


def setup_log(logger: logging.Logger, out: Path) -> logging.Handler:
    """Send a logger's records to ``OUT/newsbrief.log``; return the handler to remove later."""
    # A file name that is not UTF-8 is logged with escapes, not as a logging traceback.
    handler = logging.FileHandler(out / LOG, encoding="utf-8", errors="backslashreplace")
    handler.setFormatter(logging.Formatter("%(asctime)s pid=%(process)d %(levelname)s %(message)s"))
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    return handler
