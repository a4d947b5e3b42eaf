"""What a save or an export may not write over without asking: a file the user never
named (a suffix argmap added after the dialog asked about the name typed), the map
itself, another map file, and the source text the map's spans point into."""

from __future__ import annotations

import os
from pathlib import Path

from argmap.model import ArgumentMap


def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return a.resolve() == b.resolve()
    except (OSError, ValueError):  # a NUL or an unreadable folder: not the same file
        return False


def unasked(chosen: Path, final: Path) -> str | None:
    """The dialog asked about `chosen`; argmap added a suffix: `final` is not replaced
    without the user naming it."""
    if final != chosen and final.exists():
        return f"{final.name} already exists; choose it by its full name to replace it"
    return None


def source_of(m: ArgumentMap, map_path: Path | None) -> Path | None:
    """The file of the source text kept beside the map, if any."""
    if not m.source.file or map_path is None:
        return None
    return map_path.parent / m.source.file


def export_refusal(m: ArgumentMap, map_path: Path | None, chosen: Path, final: Path) -> str | None:
    """Why an export may not write `final`, or None."""
    from argmap.formats.registry import FORMATS as MAPS
    from argmap.formats.sniff import existing_map_format

    told = unasked(chosen, final)
    if told is not None:
        return told
    if map_path is not None and _same(final, map_path):
        return f"{final.name} is the map itself; export it under another name"
    source = source_of(m, map_path)
    if source is not None and _same(final, source):
        return f"{final.name} is the map's source text; export to another name"
    found = existing_map_format(final)
    if found is not None:
        return f"{final.name} is a map file ({MAPS[found].label}); export to another name"
    return None
