"""Every file format argmap reads or writes, and how a file's format is told.

The suffix decides where it can (`.argmap.json`, `.argdown`, `.ad`, `.md`).
Plain `.json` is looked into: an argmap tag or AIF's nodes and edges say
which it is.  Anything else needs the format named (`--from aif`, ...); a
file whose format cannot be told is a clear error, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from argmap.formats.bounded import read_head
from argmap.formats.errors import LoadError, SaveError
from argmap.formats.sniff import HEAD_BYTES, head_kind
from argmap.model import ArgumentMap


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    suffixes: tuple[str, ...]
    reader: Callable[[Path], ArgumentMap] | None
    writer: Callable[[ArgumentMap, Path], None] | None


def _native_read(path: Path) -> ArgumentMap:
    from argmap.formats.native import load

    return load(path)


def _native_write(m: ArgumentMap, path: Path) -> None:
    from argmap.formats.native import save

    save(m, path)


def _argdown_read(path: Path) -> ArgumentMap:
    from argmap.formats.argdown import load_argdown

    return load_argdown(path)


def _argdown_write(m: ArgumentMap, path: Path) -> None:
    from argmap.formats.argdown import save_argdown

    save_argdown(m, path)


def _aif_read(path: Path) -> ArgumentMap:
    from argmap.formats.aif import load_aif

    return load_aif(path)


def _aif_write(m: ArgumentMap, path: Path) -> None:
    from argmap.formats.aif import save_aif

    save_aif(m, path)


def _kialo_read(path: Path) -> ArgumentMap:
    from argmap.formats.kialo import load_kialo

    return load_kialo(path)


def _markdown_write(m: ArgumentMap, path: Path) -> None:
    from argmap.formats.markdown import save_markdown

    save_markdown(m, path)


FORMATS: dict[str, Format] = {
    "argmap": Format("argmap", "argmap map", (".argmap.json",), _native_read, _native_write),
    "argdown": Format("argdown", "Argdown", (".argdown", ".ad"), _argdown_read, _argdown_write),
    "aif": Format("aif", "AIF JSON", (), _aif_read, _aif_write),
    "kialo": Format("kialo", "Kialo text export", (), _kialo_read, None),
    "markdown": Format("markdown", "Markdown outline", (".md", ".markdown"), None, _markdown_write),
}
READABLE = tuple(name for name, f in FORMATS.items() if f.reader)
WRITABLE = tuple(name for name, f in FORMATS.items() if f.writer)


def _by_suffix(path: Path) -> str | None:
    name = path.name.lower()
    for fmt in FORMATS.values():
        if any(name.endswith(suffix) for suffix in fmt.suffixes):
            return fmt.name
    return None


def sniff_json(path: Path) -> str | None:
    """argmap or AIF, by what a .json file holds; None when it is neither.

    Only the head is read and scanned, so a file of any size is told apart."""
    found = head_kind(read_head(path, HEAD_BYTES))
    return found if found in ("argmap", "aif") else None


def input_format(path: Path, named: str | None = None) -> str:
    if named is not None:
        if named not in READABLE:
            raise LoadError(path, None, f"cannot read {named!r} (readable: {', '.join(READABLE)})")
        return named
    found = _by_suffix(path)
    if found is None and path.suffix.lower() == ".json":
        found = sniff_json(path)
    if found is None and path.suffix.lower() == ".txt":
        found = "kialo" if head_kind(read_head(path, 4096)) == "kialo" else None
    if found is None or FORMATS[found].reader is None:
        raise LoadError(
            path,
            None,
            f"cannot tell which format this is; name it with --from ({', '.join(READABLE)})",
        )
    return found


def output_format(path: Path, named: str | None = None) -> str:
    if named is not None:
        if named not in WRITABLE:
            raise SaveError(path, f"cannot write {named!r} (writable: {', '.join(WRITABLE)})")
        return named
    found = _by_suffix(path)
    if found is None or FORMATS[found].writer is None:
        raise SaveError(
            path, f"cannot tell which format to write; name it with --to ({', '.join(WRITABLE)})"
        )
    return found


def read_any(path: str | Path, named: str | None = None) -> tuple[ArgumentMap, str]:
    path = Path(path)
    fmt = input_format(path, named)
    reader = FORMATS[fmt].reader
    assert reader is not None
    return reader(path), fmt


def write_any(m: ArgumentMap, path: str | Path, named: str | None = None) -> str:
    path = Path(path)
    fmt = output_format(path, named)
    writer = FORMATS[fmt].writer
    assert writer is not None
    writer(m, path)
    return fmt
