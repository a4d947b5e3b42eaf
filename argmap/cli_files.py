"""What the headless commands share: reading a map, refusing to write over one, number
flags, notes on stderr."""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.cli_output import tell

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

# every number flag reads the same forms: ASCII digits, a sign, a point, an exponent
# (`100`, `+1e2`, `100.0`); no `_`, no words such as `nan`, no digits of other scripts
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def ranged(
    low: float, high: float, integer: bool = False, above: bool = False
) -> Callable[[str], float | int]:
    """An argparse type: a finite number from `low` (or above it) to `high`; an integer
    flag takes the same forms as the others and refuses only a fraction (`80.5`)."""

    def parse(text: str) -> float | int:
        shown = repr(text if len(text) <= 24 else text[:23] + "…")
        kind = "a whole number" if integer else "a number"
        if not _NUMBER.fullmatch(text.strip()):
            raise argparse.ArgumentTypeError(f"expected {kind}, not {shown}")
        value = float(text)
        if integer and math.isfinite(value) and not value.is_integer():
            raise argparse.ArgumentTypeError(f"expected {kind}, not {shown}")
        low_ok = value > low if above else value >= low
        if not (math.isfinite(value) and low_ok and value <= high):
            bound = f"more than {low:g}" if above else f"from {low:g}"
            raise argparse.ArgumentTypeError(f"{shown} is out of range ({bound} to {high:g})")
        return int(value) if integer else value

    return parse


def read_map(path: Path, named: str | None) -> tuple[ArgumentMap, list[str], str]:
    """(map, notes, format) of any map file argmap reads; the native format reads its
    source text kept beside it, and its notes say what became of it."""
    from argmap.formats.registry import input_format, read_any

    fmt = input_format(path, named)
    if fmt == "argmap":
        from argmap.formats import load_with_notes

        m, notes = load_with_notes(path)
        return m, notes, fmt
    return read_any(path, fmt)[0], [], fmt


def tell_notes(notes: Sequence[str]) -> None:
    from argmap.model.validation import shown

    for note in notes:
        tell(f"argmap: note: {shown(note, 300)}")


DRAWINGS = (".svg", ".png", ".pdf", ".html", ".htm", ".dot")


def told(output: Path, named: str | None) -> bool:
    """Whether export knows what to write: a format named, or a drawing's suffix."""
    return named is not None or output.suffix.lower() in DRAWINGS


def same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)  # links and other names of the same file too
    except OSError:
        return False


def refuse_overwrite(source: Path, output: Path, force: bool) -> None:
    """Never write over the input, nor over a file that reads as a map, unless --force."""
    from argmap.formats import SaveError
    from argmap.formats.registry import FORMATS
    from argmap.formats.sniff import existing_map_format

    if force:
        return
    if same_file(source, output):
        raise SaveError(output, "is the input file; choose another output (or add --force)")
    found = existing_map_format(output)
    if found is not None:
        raise SaveError(
            output,
            f"already exists and reads as {FORMATS[found].label}; "
            "choose another output (or add --force to replace it)",
        )


def refuse_source(file: str | None, source: Path, output: Path, force: bool) -> None:
    """Nor over the text the input's spans point into: that would lose the source."""
    from argmap.formats import SaveError

    if force or not file:
        return
    with contextlib.suppress(ValueError):  # a NUL in the name: it names no file at all
        if same_file(source.parent / file, output):
            raise SaveError(
                output, "is the input's source text; choose another output (or add --force)"
            )


def in_view(m: ArgumentMap, name: str) -> ArgumentMap | None:
    """The part of `m` its view `name` shows; None, said in one line, when it has none."""
    from argmap.model.views import UnknownViewError, apply_view, view_named

    try:
        return apply_view(m, view_named(m, name))
    except UnknownViewError as exc:
        tell(f"argmap: {exc}")
        return None
