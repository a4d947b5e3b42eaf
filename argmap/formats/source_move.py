"""Where a source kept beside a map goes when the map is written to another place.

One rule for every writer (the app's Save As, `argmap convert`): a link stays a link
only where opening the map from its new place would read it, by the reader's own rule
(`source_text.beside_source`); any other text read from the link is kept inside the map.
"""

from __future__ import annotations

import os
from pathlib import Path

from argmap.formats.errors import LoadError
from argmap.formats.source_text import beside_source
from argmap.model import Source
from argmap.model.validation import shown


def link_within(path: Path, folder: Path) -> str | None:
    """`path` relative to `folder` when opening a map in `folder` would read it there
    (a regular file in the folder or below, not hidden, after resolving links); else None.

    A relative `path` is taken from the working folder, as the command line gives it,
    never from `folder`, which would name another file."""
    try:
        real = beside_source(os.path.abspath(path), folder)
        if not real.is_file():
            return None  # a link to nothing would lose the text on the next open
        return real.relative_to(Path(os.path.realpath(folder))).as_posix()
    except (LoadError, ValueError, OSError):
        return None


def settle_source(source: Source, old_map: Path | None, new_map: Path) -> tuple[Source, str] | None:
    """The source to write when the map at `old_map` (None: never saved) is written as
    `new_map`, and one line saying what changed; None when nothing changes.

    A link the new place can read is rebased to it; otherwise a text that was read is
    kept inside the map, since the link would not be followed on the next open.  A link
    whose text was never read is all there is, so it is kept as it was."""
    if not source.file:
        return None
    where = Path(source.file)
    if not where.is_absolute():
        if old_map is None:
            return None
        where = old_map.parent / where
    link = link_within(where, new_map.parent)
    if link == source.file:
        return None
    if link is not None:
        return source.model_copy(update={"file": link}), f"Source text linked: {shown(link, 120)}"
    if source.text is None:
        return None
    note = f"{shown(where.name, 80)} is not in the map's folder, so its text is kept inside the map"
    return source.model_copy(update={"file": None}), note
