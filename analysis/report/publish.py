"""Putting a finished report folder in place, so that a crash at any instant loses nothing.

A report is written into ``OUT/.tmp-<name>-<pid>`` and then takes the place of
``OUT/<name>``. On Linux the two folders are exchanged in one step
(``renameat2(RENAME_EXCHANGE)``): ``<name>`` holds the old report or the new
one, never neither. Where the exchange is not available (another system, a
file system without it) the old folder steps aside as ``.old-<name>-<pid>``
first; a crash between the two renames then leaves the good old report there,
and :func:`settle` (run by the next batch, and by the next publish of that
name) puts it back.

Leftovers of runs that died (``.tmp-*``, ``.old-*``, ``.<file>.<pid>.tmp``) are
found by :func:`leftovers` and cleared by :func:`settle` once their process is
gone, or after :data:`STALE_AFTER` when no process is named.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import json
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

FAILED_SUFFIX = ".failed"
#: Seconds after which a leftover that names no process is taken to be abandoned.
STALE_AFTER = 3600
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
#: Errors that mean "this system or file system cannot exchange", not "it failed".
_NO_EXCHANGE = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}
_ASIDE = re.compile(r"^\.(?P<kind>tmp|old)-(?P<name>.+?)(?:-(?P<pid>\d+))?$")
_PARTIAL = re.compile(r"^\..+\.(?P<pid>\d+)\.tmp$")
_KEY = re.compile(r"_(?P<key>[0-9a-f]{8})(?:\.failed)?$")


def json_bytes(value: object) -> bytes:
    """Serialise a record for a file: readable UTF-8, and never an error.

    A lone surrogate (a file name that is not UTF-8, a broken ``\\ud800`` in an
    article) cannot be encoded; it is written as the JSON escape ``\\udcXX``,
    which reads back as the same string.
    """
    text = json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    return text.encode("utf-8", errors="backslashreplace")


def report_key_of(name: str) -> str | None:
    """Return the report key a folder name ends in (``..._<key>`` or ``..._<key>.failed``)."""
    match = _KEY.search(name)
    return match.group("key") if match else None


def pid_alive(pid: int) -> bool:
    """Tell whether a process with this pid exists on this machine."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


@functools.lru_cache(maxsize=1)
def _renameat2():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one atomic step.

    Returns:
        True when swapped; False when this system or file system cannot do it.

    Raises:
        OSError: If the exchange was possible but failed.
    """
    function = _renameat2()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _NO_EXCHANGE:
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def _replace(new: Path, dest: Path) -> None:
    if not os.path.lexists(dest):
        try:
            os.rename(new, dest)
            return
        except OSError as error:  # another process put one there meanwhile
            if error.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                raise
    if exchange(new, dest):
        shutil.rmtree(new, ignore_errors=True)  # it now holds the old report
        return
    old = dest.with_name(f".old-{dest.name}-{os.getpid()}")
    shutil.rmtree(old, ignore_errors=True)
    os.rename(dest, old)
    try:
        os.rename(new, dest)
    except BaseException:  # an interrupt too: the old report must come back
        os.rename(old, dest)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _restore_aside(dest: Path) -> None:
    """Settle any ``.old-<dest>-<pid>`` left by a process that died mid-publish."""
    for path in dest.parent.glob(f".old-{glob_escape(dest.name)}-*"):
        found = _leftover(path)
        if found is not None and found.name == dest.name:
            settle(found)


def glob_escape(name: str) -> str:
    """Escape a literal name for :meth:`Path.glob`."""
    return re.sub(r"([*?\[])", r"[\1]", name)


def publish(work: Path, out: Path, name: str, ok: bool) -> Path:
    """Move a finished report folder into place.

    A good report becomes ``out/name`` and clears every failed folder of its
    key; a failed one becomes ``out/name.failed`` (replacing any other failed
    folder of its key) and never touches ``out/name``.

    Args:
        work: The complete temporary folder.
        out: The reports folder.
        name: The report's folder name.
        ok: Whether the run succeeded.

    Returns:
        The final folder.
    """
    dest = out / name if ok else out / f"{name}{FAILED_SUFFIX}"
    _restore_aside(dest)
    _replace(work, dest)
    key = report_key_of(name)
    if key:
        for failed in out.glob(f"*_{key}{FAILED_SUFFIX}"):
            if failed != dest and failed.is_dir():
                shutil.rmtree(failed, ignore_errors=True)
    return dest


@dataclass
class Leftover:
    """Something a run leaves in a reports folder while it works.

    Attributes:
        path: The leftover.
        kind: ``tmp`` (a report being written), ``old`` (a report set aside while
            its successor moves in) or ``partial`` (a file being written).
        name: For ``tmp`` and ``old``, the report folder it belongs to.
        pid: The process that made it, when its name says.
    """

    path: Path
    kind: str
    name: str | None
    pid: int | None

    @property
    def key(self) -> str | None:
        """The report key it belongs to, if any."""
        return report_key_of(self.name) if self.name else None


def _leftover(path: Path) -> Leftover | None:
    match = _ASIDE.match(path.name)
    if match:
        pid = match.group("pid")
        return Leftover(path, match.group("kind"), match.group("name"), pid and int(pid))
    match = _PARTIAL.match(path.name)
    if match:
        return Leftover(path, "partial", None, int(match.group("pid")))
    return None


def leftovers(out: Path) -> list[Leftover]:
    """Every temporary or set-aside entry in a reports folder, in name order."""
    if not out.is_dir():
        return []
    found = (_leftover(path) for path in sorted(out.iterdir()))
    return [item for item in found if item is not None]


def _abandoned(item: Leftover, now: float) -> bool:
    if item.pid is not None:
        return item.pid != os.getpid() and not pid_alive(item.pid)
    try:
        return now - item.path.lstat().st_mtime > STALE_AFTER
    except OSError:
        return False


def settle(item: Leftover, now: float | None = None) -> str | None:
    """Finish or undo what a dead process left; leave the work of live ones alone.

    A set-aside report comes back under its name when that name is empty, and
    is deleted when a report stands there again. Temporary folders and files
    are deleted.

    Args:
        item: The leftover.
        now: The current time (for leftovers that name no process).

    Returns:
        ``"restored"`` or ``"removed"`` when something was done, else None.
    """
    if not _abandoned(item, time.time() if now is None else now):
        return None
    path = item.path
    if item.kind == "old" and item.name and not os.path.lexists(path.parent / item.name):
        with contextlib.suppress(FileNotFoundError):
            os.rename(path, path.parent / item.name)
            return "restored"
        return None
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    return None if os.path.lexists(path) else "removed"
