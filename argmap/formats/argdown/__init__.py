"""Argdown in and out.

Reading follows the Argdown language as its own tool interprets it (version 1.7):
lexer cuts the text into tokens as the tool's lexer does, reader
builds the tool's model (statements, arguments, relations; words gathers an
element's words, pcs types a reconstruction's steps), mapping lays it onto argmap's
tree.  The front matter (frontmatter) is YAML, read as the tool reads it (yamldata).
Writing (writer) escapes whatever a user typed so
that argmap and the Argdown tool both read back the same texts, titles, tags and
relations; what Argdown cannot hold travels in a data block argmap reads back.

A construct argmap cannot represent is reported by name and line, and the rest
still imports.  Reading is linear in the size of the text, and a file is read
only up to `MAX_BYTES`.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from argmap.formats.argdown.mapping import PLACEMENT, counts, kind_of, relations_of, to_map
from argmap.formats.argdown.reader import MAX_ELEMENTS, ArgdownDocument, TooManyError, parse
from argmap.formats.argdown.syntax import RefusedError
from argmap.formats.argdown.writer import write_argdown
from argmap.formats.atomic import atomic_write
from argmap.formats.bounded import decode_utf8, read_bounded
from argmap.formats.caps import collector_paused, too_many
from argmap.formats.errors import LoadError, SaveError
from argmap.formats.graph import build_map
from argmap.model import ArgumentMap
from argmap.model.validation import first_problem, path_text

SUFFIXES = (".argdown", ".ad")
#: Argdown is written by hand: the largest public documents are about 100 KB.  4 MiB is
#: 40 times that, holds the 100,000 statements of `MAX_ELEMENTS` written as list items
#: and what argmap writes for a 50,000-deep chain (3.4 MB), and reads in about 3 s at
#: worst (one-character lines, or nothing but syntax characters: some 1.3 MB a second;
#: ordinary Argdown reads at 3 MB a second).  The JSON readers allow 256 MiB: their
#: parsing is in C.  Figures: tests/perf/test_bench_readers.py::test_argdown_at_its_caps.
MAX_BYTES = 4 * 1024 * 1024

__all__ = [
    "MAX_BYTES",
    "MAX_ELEMENTS",
    "PLACEMENT",
    "SUFFIXES",
    "ArgdownDocument",
    "build_map",
    "counts",
    "kind_of",
    "load_argdown",
    "parse",
    "read_argdown",
    "relations_of",
    "save_argdown",
    "to_map",
    "write_argdown",
]


def read_argdown(text: str | bytes, path: str | Path | None = None) -> ArgumentMap:
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:  # as a file is read: the cap in bytes
            raise LoadError(path, None, f"is more than {MAX_BYTES:,} bytes, too large for Argdown")
        text = decode_utf8(text, path, "byte")
    if len(text) > MAX_BYTES:
        raise LoadError(path, None, f"is more than {MAX_BYTES:,} characters, too large for Argdown")
    with collector_paused():  # the reader makes no cycles (formats/caps.py)
        try:
            doc = parse(text)
        except TooManyError as exc:
            raise LoadError(path, None, f"{exc}, too many for one map") from None
        except RefusedError as exc:
            raise LoadError(path, None, str(exc)) from None
        try:
            return to_map(doc)
        except ValidationError as exc:  # none known: each case is refused or kept before
            where, message = first_problem(exc)
            place = path_text(where) or None
            raise LoadError(path, place, f"cannot be mapped: {message}") from None
        except ValueError as exc:
            raise LoadError(path, None, f"cannot be mapped: {exc}") from None


def load_argdown(path: str | Path) -> ArgumentMap:
    path = Path(path)
    return read_argdown(read_bounded(path, MAX_BYTES, "an Argdown document"), path)


def save_argdown(m: ArgumentMap, path: str | Path) -> None:
    """Write `m` as Argdown, refusing a text over the caps argmap reads back (what argmap
    writes, argmap opens): such a map is saved in argmap's own format instead."""
    if len(m.nodes) > MAX_ELEMENTS:
        raise SaveError(path, f"{too_many('statements', MAX_ELEMENTS)} in Argdown; {_INSTEAD}")
    data = write_argdown(m).encode("utf-8")
    if len(data) > MAX_BYTES:
        raise SaveError(
            path,
            f"would be {len(data):,} bytes of Argdown, over the {MAX_BYTES:,} argmap "
            f"reads back; {_INSTEAD}",
        )
    atomic_write(path, data)


_INSTEAD = "save it as an argmap map (.argmap.json) instead"
