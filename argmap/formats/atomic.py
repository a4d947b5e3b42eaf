"""Atomic file replacement: the old file survives any failure while writing."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from argmap.formats.errors import SAVE_ADVICE, SaveError, describe_os_error
from argmap.formats.temp_names import temp_name, tidy_once

READ_ONLY = "is read-only; make it writable first, or save under another name"


class ReadOnlyError(SaveError):
    """The file exists and this user may not write it: it is kept as it is."""


def atomic_write(path: str | Path, data: bytes, *, mode: int | None = None) -> None:
    """Write `data` to `path` through a temporary file in the same folder.

    The temporary file is flushed and fsynced, then renamed over the target,
    so readers see either the old file or the new one, never a mixture.

    - A symbolic link is followed to the file it names, which is replaced; the
      link stays.  A dangling link creates the file it names (when that
      file's folder exists).
    - An existing file keeps its mode, and its owner and group where this
      user may set them.  A new file gets what the umask allows (0o666 less
      the umask), as the kernel applies it at creation.
    - `mode`, when given, is the file's mode exactly, whatever the umask and the old
      file's mode; the temporary file is created 0o600, so data kept private (the
      recovery files) is never readable by others, not even while it is written.
    - A hard link is broken: the saved name gets a new file, any other name
      keeps the old content (as editors' safe saves do).
    - A file this user may not write (read-only, or another's) is refused with a
      ReadOnlyError, even though the folder would let the rename replace it.
    - Temporary files of argmap saves that were killed, left in that folder,
      are removed by the first save there in this run (see temp_names.py).
    """
    given = Path(path)
    target = _follow_links(given)
    if target.is_dir():
        raise SaveError(given, SAVE_ADVICE[errno.EISDIR])
    folder = target.parent  # Path("name").parent is Path(".")
    try:
        old = os.stat(target)
    except FileNotFoundError:
        old = None
    except OSError as exc:
        raise SaveError(given, describe_os_error(exc)) from exc
    if old is not None and not stat.S_ISREG(old.st_mode):  # never replace a device or pipe
        raise SaveError(given, "is not a regular file (a device, pipe or socket); choose a file")
    if old is not None and not writable(target):
        raise ReadOnlyError(given, READ_ONLY)
    tidy_once(folder)
    fd, tmp = _create_temp(given, folder, private=old is not None or mode is not None)
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
        if old is not None:
            _keep_owner(tmp, old)
        if mode is not None:
            os.chmod(tmp, mode)
        elif old is not None:
            os.chmod(tmp, stat.S_IMODE(old.st_mode))
        os.replace(tmp, target)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise SaveError(given, describe_os_error(exc)) from exc
        raise
    _sync_folder(folder)


def refuse_read_only(path: str | Path) -> None:
    """Raise ReadOnlyError when a save onto `path` would be refused for being read-only
    (asked before a save, so that this refusal comes first); raises nothing else."""
    given = Path(path)
    try:
        target = _follow_links(given)
    except SaveError:  # a loop of links: the save itself says so
        return
    if target.is_file() and not writable(target):
        raise ReadOnlyError(given, READ_ONLY)


def writable(path: Path) -> bool:
    """May this user write the file `path` itself?  The rename that replaces a file
    needs only the folder, so the file's own mode is asked here (as editors do)."""
    return os.access(path, os.W_OK)


def _follow_links(path: Path) -> Path:
    """The file a save onto `path` must replace: `path`, or the end of its chain of links."""
    if not os.path.islink(path):
        return path
    resolved = Path(os.path.realpath(path))
    if os.path.islink(resolved):  # realpath stops where a chain of links loops
        raise SaveError(path, SAVE_ADVICE[errno.ELOOP])
    return resolved


def _create_temp(given: Path, folder: Path, private: bool) -> tuple[int, Path]:
    """A new temporary file beside the target: 0o600 when its mode is set after (an
    existing file's, or one given), else 0o666 less the umask, as the new file will be."""
    # O_EXCL: never a file or a link already there (a link is not followed, by POSIX);
    # the descriptor is not inherited by child processes (Python's default, PEP 446)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = folder / temp_name()  # short: the target's own name may be near the limit
        try:
            return os.open(tmp, flags, 0o600 if private else 0o666), tmp
        except FileExistsError:
            continue
        except OSError as exc:
            raise SaveError(given, describe_os_error(exc)) from exc
    raise SaveError(given, "cannot create a temporary file beside it")


def _keep_owner(tmp: Path, old: os.stat_result) -> None:
    """Give the new file the old one's owner and group, as far as this user may."""
    if not hasattr(os, "chown"):
        return
    if (old.st_uid, old.st_gid) == (os.geteuid(), os.getegid()):
        return
    # owner and group (root), else the group alone (this user is in it), else neither:
    # then the file becomes this user's, as with any editor's safe save
    for uid, gid in ((old.st_uid, old.st_gid), (-1, old.st_gid)):
        try:
            os.chown(tmp, uid, gid)
        except OSError:
            continue
        return


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
