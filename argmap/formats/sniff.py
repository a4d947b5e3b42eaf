"""Telling a file's format: by its name where the name says, else by its content.

The names: `.argmap.json` is argmap, `.argdown` and `.ad` Argdown, `.md` and
`.markdown` a Markdown outline (written, never read).  Any other name (`.json`,
`.txt`, `.argmap`, none, `map.JSON`) is told by what the file holds, so that
whatever argmap wrote it reads back under any name:

* a JSON object is argmap when its top level has ``"format": "argmap"``, AIF
  when it has a ``"nodes"`` list or OVA's ``"AIF"`` object (argmap.formats.
  json_scan looks at the top-level keys only, in any order, whatever comes
  before them, in time linear in the file);
* a first line ``Discussion Title: …`` or ``1. …`` is a Kialo export;
* a first line ``===`` (front matter), ``[Title]…``, ``<Title>…`` or
  ``## Heading`` is Argdown, as argmap writes it, unless it is markup
  (``<?xml version=…``, ``<!DOCTYPE``, ``<svg>``, a tag with attributes: an
  exported SVG is no map); a one-line JSON list is a valid Argdown statement;
* a first line ``# Heading`` may be Argdown or a Markdown outline: argmap
  says so and asks for ``--from``, as it does for anything else.

Only a head of the file is read, except when the head cannot tell: a JSON
document whose tag comes later, or a head of nothing but white space.  Then
the file is read up to the largest reader's cap.  A JSON document that breaks
before it tells its kind gets the JSON error.  A folder, a FIFO or a device is
said to be one, at once, without waiting on it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from argmap.formats import json_scan
from argmap.formats.bounded import BOM, decode_utf8, read_bounded, read_head
from argmap.formats.errors import LoadError, parse_json

#: the one table of names that say a format; any other name is told by content
SUFFIXES: dict[str, tuple[str, ...]] = {
    "argmap": (".argmap.json",),
    "argdown": (".argdown", ".ad"),
    "markdown": (".md", ".markdown"),
}
HEAD_BYTES = 1 << 20
_FIRST_LINE = 4096  # bytes of the first line of text looked at

_KIALO = re.compile(r"discussion\s+title\s*:|[0-9]+(?:\.[0-9]+)*\.(?:\s|$)", re.IGNORECASE)
#: Argdown's front matter, or a heading below the top level (a Markdown outline
#: starts with a top-level one)
_ARGDOWN_LINE = re.compile(r"={3,}[ \t]*$|#{2,6}[ \t]")
_HEADING = re.compile(r"#[ \t]")
#: markup, not an argument's <Title>: <?xml version=, <!--, <!DOCTYPE, </x>, <svg>,
#: <html>, or any tag with an attribute (<svg width="1")
_TAG = re.compile(
    r"""<(?:\?xml\s+[\w.:-]+\s*= | !-- | ![Dd][Oo][Cc][Tt][Yy][Pp][Ee]\s | /[A-Za-z][\w.:-]*\s*>
    | (?:svg|SVG|html|HTML)(?:[\s/>]|$)
    | [A-Za-z][\w.:-]*\s+[\w.:-]+\s*=\s*["'])""",
    re.VERBOSE,
)
_DEFINED = re.compile(r">[ \t]*:")  # <Title>: text
#: HTML, not an argument: a block element with words after it (<p>Text</p>); argmap's
#: Argdown puts a colon after an argument's title (<p>: text), or nothing (<p>)
_HTML = re.compile(
    r"<(?:p|div|h[1-6]|head|body|section|article|ul|ol|li|table|blockquote)\s*>[ \t]*[^\s:]",
    re.IGNORECASE,
)


class FormatUnknownError(LoadError):
    """The file's format cannot be told from it: it needs a format name.  `reason` says
    why, `choices` are the formats a name could pick, `hint` how the command line names
    one (`; use --from …`, after the reason); the app says what it can do instead (gui.failures)."""

    needs = "a format name"

    def __init__(
        self, path: Path, reason: str, choices: Sequence[str] = (), hint: str = ""
    ) -> None:
        self.reason, self.choices = reason, tuple(choices)
        hint = hint or (f"; use --from ({', '.join(choices)})" if choices else "; use --from")
        super().__init__(path, None, reason + hint)


def _is_argdown(line: str) -> bool:
    """Whether a first line is one argmap's Argdown starts with: front matter, a
    heading below the top, a statement `[Title]: …` or an argument `<Title>: …`."""
    if _ARGDOWN_LINE.match(line):
        return True
    if line.startswith("["):  # a statement (a one-line JSON list is one too)
        return "]" in line
    if not line.startswith("<") or ">" not in line:
        return False
    if _DEFINED.search(line) is not None:
        return True
    return _TAG.match(line) is None and _HTML.match(line) is None


def by_suffix(path: str | Path) -> str | None:
    """The format a file's name says (case aside), or None."""
    name = Path(path).name.lower()
    for fmt, suffixes in SUFFIXES.items():
        if name.endswith(suffixes):
            return fmt
    return None


def _largest_cap() -> int:
    from argmap.formats import aif, argdown, kialo, native

    return max(native.MAX_BYTES, aif.MAX_BYTES, kialo.MAX_BYTES, argdown.MAX_BYTES)


def _head(path: Path) -> bytes:
    """The head of a regular file, or a LoadError saying what the path is instead."""
    head = read_head(path, HEAD_BYTES)
    if not head:  # empty, or not a regular file: the bounded reader says which
        read_bounded(path, 0)
    return head


def _whole(path: Path) -> bytes:
    return read_bounded(path, _largest_cap(), "a map")


def _json_error(path: Path, data: bytes) -> str | None:
    """Raise the JSON error in `data`; if it is JSON after all, the kind it is."""
    text = decode_utf8(data, path, "line and column")  # as the JSON readers say it
    return json_scan.kind_of_data(parse_json(text, path))


def _json_kind(path: Path, data: bytes, complete: bool, readable: Sequence[str]) -> str:
    found = json_scan.scan(data)
    if found.kind is None and found.state in (json_scan.CUT, json_scan.BROKEN) and not complete:
        data = _whole(path)  # the tag may come later; an error is told from the whole file
        found = json_scan.scan(data)
    if found.kind is not None:
        return found.kind
    if found.state in (json_scan.CUT, json_scan.BROKEN):
        kind = _json_error(path, data)  # raises unless the scan was wrong
        if kind is not None:
            return kind
    if found.state == json_scan.TOO_COMPLEX:
        reason = "is JSON too intricate to tell argmap from AIF quickly"
    elif found.state == json_scan.NOT_OBJECT:
        reason = "is not a JSON object, as maps are"
    else:
        reason = 'is JSON without a top-level "format": "argmap" or "nodes" list'
    raise FormatUnknownError(path, reason, readable)


def _text_kind(path: Path, first: bytes, readable: Sequence[str]) -> str:
    line = first[:_FIRST_LINE].decode("utf-8", errors="replace").split("\n", 1)[0].rstrip("\r")
    if _KIALO.match(line):
        return "kialo"
    if _is_argdown(line):
        return "argdown"
    if _HEADING.match(line):
        raise FormatUnknownError(
            path,
            "starts with '# ': Argdown, or a Markdown outline (not read)?",
            ("argdown",),
            " For Argdown, use --from argdown",
        )
    raise FormatUnknownError(path, "cannot tell which format this is", readable)


def content_format(path: str | Path, readable: Sequence[str] = ()) -> str:
    """The format a file's content says: argmap, aif, kialo or argdown.

    Otherwise a one-line LoadError: what the path is if not a file, the JSON error
    of a broken JSON document, or why the format cannot be told (a
    FormatUnknownError, naming --from and the `readable` formats)."""
    path = Path(path)
    data = _head(path)
    complete = len(data) < HEAD_BYTES
    start = len(data) - len(data.removeprefix(BOM).lstrip())
    if start == len(data) and not complete:  # a head of nothing but white space
        data, complete = _whole(path), True
        start = len(data) - len(data.removeprefix(BOM).lstrip())
    if start == len(data):
        what = "is empty" if not data else "holds only white space"
        raise FormatUnknownError(path, f"{what}: nothing tells its format", readable)
    first = data[start]
    json_list = first == ord("[") and path.suffix.lower() == ".json"
    if first == ord("{") or json_list:
        return _json_kind(path, data, complete, readable)
    return _text_kind(path, data[start : start + _FIRST_LINE], readable)


def existing_map_format(path: str | Path) -> str | None:
    """The map format an existing file reads as (by its name or content), else None."""
    found = by_suffix(path)
    if found in ("argmap", "argdown"):
        return found if Path(path).is_file() else None
    try:
        return content_format(path)
    except LoadError:
        return None
