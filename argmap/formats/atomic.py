"""Atomic file replacement: the old file survives any failure while writing."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from argmap.formats.errors import SaveError

_ADVICE = {
    errno.ENOSPC: "the disk is full; free some space or save elsewhere",
    errno.EDQUOT: "the disk quota is exhausted; free some space or save elsewhere",
    errno.EACCES: "permission denied; save to a folder you can write to",
    errno.EPERM: "permission denied; save to a folder you can write to",
    errno.EROFS: "the disk is read-only; save elsewhere",
    errno.ENOENT: "the folder does not exist (any more); choose another",
    errno.EISDIR: "that name is a folder; choose a file name",
}


_READING = {
    errno.ENOENT: "does not exist",
    errno.EACCES: "permission denied; check the file's permissions",
    errno.EPERM: "permission denied; check the file's permissions",
    errno.EISDIR: "is a folder, not a map file",
}


def describe_os_error(exc: OSError, reading: bool = False) -> str:
    advice = (_READING if reading else _ADVICE).get(exc.errno or 0)
    return advice or (exc.strerror or str(exc))


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder.

    The temporary file is flushed and fsynced, then renamed over the target,
    so readers see either the old file or the new one, never a mixture.
    """
    target = Path(path)
    if target.is_dir():
        raise SaveError(target, _ADVICE[errno.EISDIR])
    folder = target.parent if str(target.parent) else Path(".")
    try:
        # a short name: the target's own name may already be near the length limit
        fd, tmp_name = tempfile.mkstemp(prefix=".argmap-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SaveError(target, describe_os_error(exc)) from exc
    tmp = Path(tmp_name)
    try:
        try:
            handle = os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)
            raise
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        except FileNotFoundError:
            os.chmod(tmp, 0o644)  # mkstemp's 0o600 would hide a new map from others
        os.replace(tmp, target)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise SaveError(target, describe_os_error(exc)) from exc
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
