"""The embedded engine's compiled module, cached on disk and checked before use.

wasmtime runs a deserialized module as machine code without checking it: a
cache file with a few flipped bytes (a bad disk, a copy cut short, another
tool) crashes the whole process.  So the cache file carries a SHA-256 of its
contents, and a file that does not match is rebuilt, never run.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from argmap.formats.bounded import read_bounded
from argmap.formats.errors import LoadError

MAGIC = b"argmap compiled graphviz, sha256\n"
DIGEST = 32
MAX_CACHE_BYTES = 256 * 1024 * 1024  # the module compiles to about 3 MB


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/argmap; a relative XDG_CACHE_HOME is ignored, as the spec says."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "argmap"


def read_cached(path: Path) -> bytes | None:
    """The serialized module in `path` if the file is whole; None when missing or damaged."""
    try:
        data = read_bounded(path, MAX_CACHE_BYTES, "the compiled Graphviz")
    except LoadError:
        return None
    head = len(MAGIC) + DIGEST
    if len(data) <= head or not data.startswith(MAGIC):
        return None
    payload = data[head:]
    if hashlib.sha256(payload).digest() != data[len(MAGIC) : head]:
        return None
    return payload


def framed(payload: bytes) -> bytes:
    """What `read_cached` accepts: the marker, the checksum, then the module."""
    return MAGIC + hashlib.sha256(payload).digest() + payload
