"""Every file format argmap reads or writes, and how a file's format is told.

The name decides where it can (`.argmap.json`, `.argdown`, `.ad`, `.md`: the
table is argmap.formats.sniff.SUFFIXES).  Any other name is told by content
(argmap.formats.sniff): whatever argmap writes reads back under any name.  A
file whose format cannot be told is a clear one-line error naming --from,
never a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from argmap.formats.errors import LoadError, SaveError
from argmap.formats.sniff import SUFFIXES, FormatUnknownError, by_suffix, content_format
from argmap.model import ArgumentMap

Reader = Callable[[Path], ArgumentMap]
Writer = Callable[[ArgumentMap, Path], None]


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    suffixes: tuple[str, ...]
    reader: Reader | None
    writer: Writer | None


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


def _format(name: str, label: str, reader: Reader | None, writer: Writer | None) -> Format:
    return Format(name, label, SUFFIXES.get(name, ()), reader, writer)


FORMATS: dict[str, Format] = {
    "argmap": _format("argmap", "argmap map", _native_read, _native_write),
    "argdown": _format("argdown", "Argdown", _argdown_read, _argdown_write),
    "aif": _format("aif", "AIF JSON", _aif_read, _aif_write),
    "kialo": _format("kialo", "Kialo text export", _kialo_read, None),
    "markdown": _format("markdown", "Markdown outline", None, _markdown_write),
}
READABLE = tuple(name for name, f in FORMATS.items() if f.reader)
WRITABLE = tuple(name for name, f in FORMATS.items() if f.writer)


def sniff_json(path: Path) -> str | None:
    """argmap or AIF, by what a file holds; None when it is neither (or not JSON)."""
    try:
        found = content_format(path)
    except LoadError:
        return None
    return found if found in ("argmap", "aif") else None


def input_format(path: Path, named: str | None = None) -> str:
    """The format to read `path` in: the one named, else by its name, else by content."""
    if named is not None:
        if named not in READABLE:
            raise LoadError(path, None, f"cannot read {named!r} (readable: {', '.join(READABLE)})")
        return named
    found = by_suffix(path)
    if found is None:
        return content_format(path, READABLE)
    if FORMATS[found].reader is None:
        reason = f"is named as a {FORMATS[found].label}, which argmap does not read"
        raise FormatUnknownError(path, reason, READABLE)
    return found


def output_format(path: Path, named: str | None = None) -> str:
    if named is not None:
        if named not in WRITABLE:
            raise SaveError(path, f"cannot write {named!r} (writable: {', '.join(WRITABLE)})")
        return named
    found = by_suffix(path)
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


def export_warning(m: ArgumentMap, fmt: str) -> str | None:
    """One line naming what writing `m` as `fmt` leaves out, or None when it keeps it all."""
    if fmt == "aif":
        from argmap.formats.aif.hints_out import aif_warning

        return aif_warning(m)
    return None
