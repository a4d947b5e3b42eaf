"""Import of Kialo's plain-text discussion export.

The export is one numbered line per claim; the number gives the tree::

    Discussion Title: Should cities ban cars from their centres?

    1. Cities should ban cars from their centres.
    1.1. Pro: Fewer cars means cleaner air.
    1.1.1. Con: Delivery vans would still pollute.
    1.2. Con: Shops would lose customers who drive.
    1.2.1. -> See 1.1.1.

- A number's parent is the number without its last part; a one-part number
  (``1.``) is a top-level claim (the thesis).
- ``Pro:`` becomes ``supports``, ``Con:`` becomes ``rebuts``; every line
  below the thesis must say which.
- A line whose text is ``-> See 1.1.1.`` (optionally with text after the
  number) reuses claim 1.1.1 at this place: it becomes a `CrossLink` from
  1.1.1 to this line's parent, with this line's relation (``supports`` when
  it has none).  The claim is not duplicated.
- Lines not starting with a number continue the previous claim's text
  (joined with newlines); blank lines between them are kept as one empty
  line (a paragraph break), blank lines elsewhere are ignored.

Each node keeps its Kialo number in ``meta["kialo"]["number"]`` and gets the
id ``k`` + the number's parts joined by ``_`` (``k1_2``), or ``kx<n>`` when
that would be longer than an id may be.  Anything that does not fit is a
`LoadError` naming the line; nothing is dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import JsonValue, ValidationError

from argmap.formats.atomic import describe_os_error
from argmap.formats.errors import LoadError
from argmap.model import ArgumentMap, CrossLink, Node, Relation

MAX_BYTES = 256 * 1024 * 1024
MAX_ID_LENGTH = 64
MAX_DIGITS = 18  # per part of a claim number

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_TITLE = re.compile(r"discussion\s+title\s*:\s*(.*)", re.IGNORECASE)
#: `1.2.3.` followed by a space or the end of the line
_NUMBERED = re.compile(r"([0-9]+(?:\.[0-9]+)*)\.(?:\s+|$)(.*)")
#: a relation label: `Pro:` or `Con:`, or any other word and a colon (refused)
_LABEL = re.compile(r"(pro|con)\s*:\s*(.*)", re.IGNORECASE)
_OTHER_LABEL = re.compile(r"([^\s:]{1,30})\s*:(?:\s|$)")
_SEE = re.compile(r"->\s*see\b\s*(.*)", re.IGNORECASE)
_SEE_NUMBER = re.compile(r"([0-9]+(?:\.[0-9]+)*)\.?(?:\s+|$)(.*)")

_RELATIONS = {"pro": Relation.SUPPORTS, "con": Relation.REBUTS}

Number = tuple[int, ...]


@dataclass
class _Entry:
    """One numbered line and the text lines that continue it."""

    line: int
    number: Number
    label: str | None  # "pro", "con" or None
    lines: list[str] = field(default_factory=list)
    see: Number | None = None  # for `-> See` lines: the number referred to
    see_text: str = ""  # text after the referred number, if any

    @property
    def text(self) -> str:
        lines = list(self.lines)
        while lines and not lines[-1]:
            lines.pop()
        while lines and not lines[0]:
            lines.pop(0)
        return "\n".join(lines)


def number_text(number: Number) -> str:
    """`(1, 2, 3)` -> `"1.2.3"`."""
    return ".".join(str(part) for part in number)


def node_id_for(number: Number, ordinal: int) -> str:
    """`k1_2_3`; `kx<ordinal>` when the number is too long for an id."""
    candidate = "k" + "_".join(str(part) for part in number)
    return candidate if len(candidate) <= MAX_ID_LENGTH else f"kx{ordinal}"


def load_kialo(path: str | Path) -> ArgumentMap:
    """Read a Kialo export file; every problem is a `LoadError` naming `path`."""
    path = Path(path)
    try:
        if path.is_dir():
            raise LoadError(path, None, "is a folder, not a Kialo export")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise LoadError(path, None, f"is {size} bytes, more than a Kialo export can be")
        raw = path.read_bytes()
    except OSError as exc:
        raise LoadError(path, None, describe_os_error(exc, reading=True)) from exc
    return read_kialo(raw, path)


def read_kialo(text: str | bytes, path: str | Path | None = None) -> ArgumentMap:
    """The map of a Kialo plain-text export (bytes must be UTF-8; a BOM is skipped)."""
    text = _decode(text, path)
    title, entries = _parse(text, path)
    return _build(title, entries, path)


# -- reading -------------------------------------------------------------------------


def _decode(raw: str | bytes, path: str | Path | None) -> str:
    if isinstance(raw, bytes):
        raw = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise LoadError(path, f"line {line}", "is not UTF-8 text") from None
    return raw.removeprefix("\ufeff")


def _parse(text: str, path: str | Path | None) -> tuple[str, list[_Entry]]:
    lines = _LINE_BREAK.split(text)
    title: str | None = None
    entries: list[_Entry] = []
    seen: dict[Number, int] = {}
    blank_pending = False
    for index, raw_line in enumerate(lines):
        line_no = index + 1
        line = raw_line.strip()
        _check_saveable(raw_line, line_no, path)
        if not line:
            blank_pending = True
            continue
        numbered = _NUMBERED.fullmatch(line)
        if numbered is None:
            if entries:
                current = entries[-1]
                if current.see is not None:  # more of the text after `-> See 1.2.`
                    current.see_text = f"{current.see_text}\n{line}".lstrip("\n")
                else:
                    if blank_pending and any(current.lines):
                        current.lines.append("")
                    current.lines.append(line)
            elif title is None and (match := _TITLE.fullmatch(line)) is not None:
                title = match.group(1).strip()
            else:
                expected = "a numbered line like '1. …'"
                if title is None:
                    expected = "'Discussion Title: …' or " + expected
                raise LoadError(
                    path,
                    f"line {line_no}",
                    f"unexpected text before the thesis; expected {expected}",
                )
            blank_pending = False
            continue
        blank_pending = False
        number = _number(numbered.group(1), line_no, path)
        if number in seen:
            raise LoadError(
                path,
                f"line {line_no}",
                f"number {number_text(number)} appears twice (first on line {seen[number]})",
            )
        seen[number] = line_no
        entries.append(_entry(line_no, number, numbered.group(2).strip(), path))
    if not entries:
        raise LoadError(
            path,
            f"line {len(lines) - 1 if len(lines) > 1 and not lines[-1] else len(lines)}",
            "no numbered claims found; a Kialo export has lines like '1. thesis' "
            "and '1.1. Pro: reason'",
        )
    return title or "", entries


def _number(text: str, line_no: int, path: str | Path | None) -> Number:
    parts = text.split(".")
    if any(len(part) > MAX_DIGITS for part in parts):
        raise LoadError(path, f"line {line_no}", f"the number {_clip(text)} has too many digits")
    return tuple(int(part) for part in parts)


def _check_saveable(line: str, line_no: int, path: str | Path | None) -> None:
    """A map must be writable as UTF-8: refuse unpaired surrogates (only in `str` input)."""
    try:
        line.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise LoadError(
            path,
            f"line {line_no}",
            f"text contains an unpaired surrogate at character {exc.start + 1}",
        ) from None


def _entry(line_no: int, number: Number, rest: str, path: str | Path | None) -> _Entry:
    where = f"line {line_no}"
    label: str | None = None
    match = _LABEL.fullmatch(rest)
    if match is not None:
        label = match.group(1).lower()
        rest = match.group(2).strip()
    see = _SEE.fullmatch(rest)
    if see is not None:
        target = _SEE_NUMBER.fullmatch(see.group(1).strip())
        if target is None:
            raise LoadError(
                path,
                where,
                f"'-> See' must be followed by a claim number like '1.2.', found "
                f"{see.group(1).strip()!r}",
            )
        if len(number) == 1:
            raise LoadError(
                path, where, "a top-level line cannot be a link '-> See'; it has no parent"
            )
        return _Entry(
            line_no,
            number,
            label,
            see=_number(target.group(1), line_no, path),
            see_text=target.group(2).strip(),
        )
    if len(number) > 1 and label is None:
        other = _OTHER_LABEL.match(rest)
        found = f"found '{other.group(1)}:'" if other else f"found {_clip(rest)!r}"
        raise LoadError(
            path,
            where,
            f"expected 'Pro:' or 'Con:' after {number_text(number)}., {found}",
        )
    return _Entry(line_no, number, label, lines=[rest])


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- building ------------------------------------------------------------------------


def _build(title: str, entries: list[_Entry], path: str | Path | None) -> ArgumentMap:
    by_number = {entry.number: entry for entry in entries}
    ids: dict[Number, str] = {
        entry.number: node_id_for(entry.number, ordinal) for ordinal, entry in enumerate(entries)
    }
    order: dict[Number | None, int] = {}
    nodes: dict[str, Node] = {}
    links: list[CrossLink] = []
    for entry in entries:
        where = f"line {entry.line}"
        parent_number = entry.number[:-1] or None
        if parent_number is not None:
            parent_entry = by_number.get(parent_number)
            if parent_entry is None:
                raise LoadError(
                    path,
                    where,
                    f"claim {number_text(entry.number)} has no parent: there is no claim "
                    f"{number_text(parent_number)}",
                )
            if parent_entry.see is not None:
                raise LoadError(
                    path,
                    where,
                    f"claim {number_text(entry.number)} is placed under "
                    f"{number_text(parent_number)}, which is a link '-> See' "
                    f"(line {parent_entry.line}) and cannot have claims of its own",
                )
        relation = _RELATIONS[entry.label] if entry.label else None
        if entry.see is not None:
            assert parent_number is not None  # refused in _entry
            source = _resolve_see(entry, by_number, path)
            target_id = ids[parent_number]
            if ids[source] == target_id:
                raise LoadError(
                    path,
                    where,
                    f"'-> See {number_text(entry.see)}' links claim "
                    f"{number_text(parent_number)} to itself",
                )
            kialo: dict[str, JsonValue] = {"number": number_text(entry.number)}
            if entry.see_text:
                kialo["text"] = entry.see_text
            links.append(
                CrossLink(
                    id=ids[entry.number],
                    source=ids[source],
                    target=target_id,
                    relation=relation or Relation.SUPPORTS,
                    meta={"kialo": kialo},
                )
            )
            continue
        meta: dict[str, JsonValue] = {"number": number_text(entry.number)}
        if parent_number is None and entry.label:
            meta["relation"] = entry.label  # a thesis has no relation; keep what it said
            relation = None
        sibling = order.get(parent_number, 0)
        order[parent_number] = sibling + 1
        try:
            node = Node(
                id=ids[entry.number],
                text=entry.text,
                parent=None if parent_number is None else ids[parent_number],
                relation=relation,
                order=sibling,
                meta={"kialo": meta},
            )
        except ValidationError as exc:
            message = exc.errors()[0].get("msg", "invalid claim").removeprefix("Value error, ")
            raise LoadError(path, where, message) from None
        nodes[node.id] = node
    try:
        return ArgumentMap(title=title, nodes=nodes, links=tuple(links))
    except ValidationError as exc:  # not expected: every known problem is refused above
        message = exc.errors()[0].get("msg", "invalid map").removeprefix("Value error, ")
        raise LoadError(path, None, message) from None


def _resolve_see(entry: _Entry, by_number: dict[Number, _Entry], path: str | Path | None) -> Number:
    """The claim a `-> See` line refers to, following links to links."""
    assert entry.see is not None
    visited = {entry.number}
    current = entry.see
    while True:
        target = by_number.get(current)
        if target is None:
            raise LoadError(
                path,
                f"line {entry.line}",
                f"'-> See {number_text(entry.see)}' refers to claim {number_text(current)}, "
                "which does not exist",
            )
        if target.see is None:
            return current
        if current in visited:
            raise LoadError(
                path,
                f"line {entry.line}",
                f"'-> See {number_text(entry.see)}' leads round a loop of links and never "
                "reaches a claim",
            )
        visited.add(current)
        current = target.see
