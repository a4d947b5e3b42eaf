"""The one way argmap reads a file: bounded in size, never blocking.

A map is data: opening it must not hang on a FIFO, read a device without
end, or trust a size the file system reports (``/proc`` files say 0, a
device says 0 and never ends).  Only regular files are read, with
``O_NONBLOCK`` so that opening a FIFO returns at once, and at most
``max_bytes`` are read whatever ``st_size`` says.

Every reader of text turns those bytes into text the same way (`decode_utf8`):
UTF-8, a leading BOM skipped, and the first byte that is not UTF-8 refused in one
LoadError naming the file and where the byte is.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Literal

from argmap.formats.errors import LoadError, describe_os_error, line_col

_CHUNK = 1 << 20


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a pipe (FIFO), not a file; argmap reads only regular files"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file; argmap reads only regular files"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file; argmap reads only regular files"
    return "is not a regular file; argmap reads only regular files"


_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # opening a FIFO returns at once
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def _read_regular(path: str | Path, limit: int) -> bytes:
    """At most `limit` bytes of a regular file; OSError, or LoadError for another kind."""
    fd = os.open(path, _FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise LoadError(path, None, _kind(info.st_mode))
        chunks: list[bytes] = []
        total = 0
        while total < limit:
            chunk = os.read(fd, min(_CHUNK, limit - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_bounded(path: str | Path, max_bytes: int, what: str = "a map") -> bytes:
    """The bytes of a regular file of at most `max_bytes`, or a LoadError."""
    path = Path(path)
    try:
        data = _read_regular(path, max_bytes + 1)  # one byte more tells "too large"
    except OSError as exc:
        raise LoadError(path, None, describe_os_error(exc, reading=True)) from exc
    if len(data) > max_bytes:
        raise LoadError(path, None, f"is more than {max_bytes:,} bytes, too large for {what}")
    return data


def read_head(path: str | Path, max_bytes: int) -> bytes:
    """Up to `max_bytes` from the start of a regular file; b"" for anything else."""
    try:
        return _read_regular(path, max_bytes)
    except (OSError, LoadError):
        return b""


BOM = b"\xef\xbb\xbf"

#: how a refusal of bytes that are not UTF-8 says where the first bad one is: as the
#: format's other errors do, its line and column (JSON), its line (Kialo's lines of
#: text) or its offset (AIF, Argdown); each counted from after a BOM
Where = Literal["line and column", "line", "byte"]


def decode_utf8(data: bytes, path: str | Path | None, where: Where) -> str:
    """The text of a file's bytes: UTF-8, a leading BOM skipped; else a LoadError
    "is not UTF-8 text" naming `path` and where."""
    data = data.removeprefix(BOM)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if where == "byte":
            at = f"byte {exc.start}"
        elif where == "line":
            line = data.count(b"\n", 0, exc.start) + 1
            at = f"line {line}"
        else:
            before = data[: exc.start].decode("utf-8")  # valid up to the first bad byte
            at = line_col(before, len(before))
        raise LoadError(path, at, "is not UTF-8 text") from None
