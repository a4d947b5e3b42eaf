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

The reader is linear in the size of the file: numbers are kept as their
canonical text (a parent is a prefix, found by slicing, not by building
tuples), a chain of ``-> See`` lines is followed once and remembered, and
numbers and texts quoted in an error are shortened.  It reads at most
`MAX_BYTES` and `MAX_CLAIMS` numbered lines (claims and links), which loads
in a few seconds (argmap.formats.caps).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import JsonValue, ValidationError

from argmap.formats.bounded import decode_utf8, read_bounded
from argmap.formats.caps import collector_paused, too_many
from argmap.formats.errors import LoadError
from argmap.formats.native import ID_BYTES, check_reopens
from argmap.model import ArgumentMap, CrossLink, Node, Relation

#: 16 MiB: the worst shape per byte (millions of one-letter lines) loads in about
#: 3 s; a real export of 100,000 claims is well under it
MAX_BYTES = 16 * 1024 * 1024
#: numbered lines (claims and `-> See` links): 100,000 load in about 2 s
MAX_CLAIMS = 100_000
MAX_ID_LENGTH = 64
MAX_DIGITS = 18  # per part of a claim number
SHOWN = 40  # characters of a number or text quoted in an error

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_TITLE = re.compile(r"discussion\s+title\s*:\s*(.*)", re.IGNORECASE)
#: `1.2.3.` followed by a space or the end of the line
_NUMBERED = re.compile(r"([0-9]+(?:\.[0-9]+)*)\.(?:\s+|$)(.*)")
#: a relation label: `Pro:` or `Con:`, or any other word and a colon (refused)
_LABEL = re.compile(r"(pro|con)\s*:\s*(.*)", re.IGNORECASE)
_OTHER_LABEL = re.compile(r"([^\s:]{1,30})\s*:(?:\s|$)")
_SEE = re.compile(r"->\s*see\b\s*(.*)", re.IGNORECASE)
_SEE_NUMBER = re.compile(r"([0-9]+(?:\.[0-9]+)*)\.?(?:\s+|$)(.*)")
_LONG_PART = re.compile(f"[0-9]{{{MAX_DIGITS + 1}}}")
_LEADING_ZERO = re.compile(r"(?:^|\.)0[0-9]")
_ESCAPED = re.compile(r'[\x00-\x09\x0b\x0c\x0e-\x1f"\\]')  # JSON escapes, but line breaks

_DIGITS = frozenset("0123456789")  # what a numbered line starts with
_RELATIONS = {"pro": Relation.SUPPORTS, "con": Relation.REBUTS}

#: a claim number in canonical form: `"1.2.3"` (no leading zeros, no final dot)
Number = str


@dataclass(slots=True)
class _Entry:
    """One numbered line and the text lines that continue it."""

    line: int
    number: Number
    label: str | None  # "pro", "con" or None
    lines: list[str] = field(default_factory=list)
    see: Number | None = None  # for `-> See` lines: the number referred to
    see_lines: list[str] = field(default_factory=list)  # text after the referred number

    @property
    def text(self) -> str:
        lines = self.lines
        first, last = 0, len(lines)
        while last > first and not lines[last - 1]:
            last -= 1
        while first < last and not lines[first]:
            first += 1
        return "\n".join(lines[first:last])

    @property
    def see_text(self) -> str:
        return "\n".join(line for line in self.see_lines if line)


def parent_of(number: Number) -> Number | None:
    """`"1.2.3"` -> `"1.2"`; None for a top-level number."""
    cut = number.rfind(".")
    return None if cut < 0 else number[:cut]


def node_id_for(number: Number, ordinal: int) -> str:
    """`k1_2_3`; `kx<ordinal>` when the number is too long for an id."""
    if len(number) + 1 > MAX_ID_LENGTH:
        return f"kx{ordinal}"
    return "k" + number.replace(".", "_")


def load_kialo(path: str | Path) -> ArgumentMap:
    """Read a Kialo export file; every problem is a `LoadError` naming `path`."""
    raw = read_bounded(path, MAX_BYTES, "a Kialo export")
    return read_kialo(raw, path)


def read_kialo(text: str | bytes, path: str | Path | None = None) -> ArgumentMap:
    """The map of a Kialo plain-text export (bytes must be UTF-8; a BOM is skipped)."""
    if len(text) > MAX_BYTES:
        unit = "bytes" if isinstance(text, bytes) else "characters"
        raise LoadError(
            path, None, f"is more than {MAX_BYTES:,} {unit}, too large for a Kialo export"
        )
    with collector_paused():
        text = _decode(text, path)
        title, entries = _parse(text, path)
        m = _build(title, entries, path)
        check_reopens(m, path, _written_bound(text, m))
    return m


def _written_bound(text: str, m: ArgumentMap) -> int:
    """At most the bytes the texts, numbers and ids of `m` take in JSON: the input's,
    one more for each line break (``\\n``), five more for each other character JSON
    escapes (``\\u0001``), and the ids."""
    escaped = len(text) - len(_ESCAPED.sub("", text)) if _ESCAPED.search(text) else 0
    size = len(text.encode("utf-8", "surrogatepass")) + text.count("\n") + text.count("\r")
    return size + 5 * escaped + ID_BYTES * (len(m.nodes) + len(m.links))


# -- reading -------------------------------------------------------------------------


def _decode(raw: str | bytes, path: str | Path | None) -> str:
    if isinstance(raw, bytes):
        return decode_utf8(raw, path, "line")
    raw = raw.removeprefix("\ufeff")
    _check_saveable(raw, path)
    return raw


def _check_saveable(text: str, path: str | Path | None) -> None:
    """A map must be writable as UTF-8: refuse unpaired surrogates (only in `str` input)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        before = text[: exc.start]
        line_start = max(before.rfind("\n"), before.rfind("\r")) + 1
        line = len(_LINE_BREAK.findall(before)) + 1
        raise LoadError(
            path,
            f"line {line}",
            f"text contains an unpaired surrogate at character {exc.start - line_start + 1}",
        ) from None


def _parse(text: str, path: str | Path | None) -> tuple[str, list[_Entry]]:
    lines = _LINE_BREAK.split(text)
    title: str | None = None
    entries: list[_Entry] = []
    seen: dict[Number, int] = {}
    blank_pending = False
    for line_no, raw_line in enumerate(lines, 1):
        line = raw_line.strip()
        if not line:
            blank_pending = True
            continue
        numbered = _NUMBERED.fullmatch(line) if line[0] in _DIGITS else None
        if numbered is None:
            if entries:
                current = entries[-1]
                if current.see is not None:  # more of the text after `-> See 1.2.`
                    current.see_lines.append(line)
                else:
                    if blank_pending and (current.lines[-1] or len(current.lines) > 1):
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
        if len(entries) >= MAX_CLAIMS:
            raise LoadError(path, f"line {line_no}", too_many("numbered lines", MAX_CLAIMS))
        number = _number(numbered.group(1), line_no, path)
        first = seen.setdefault(number, line_no)
        if first != line_no:
            raise LoadError(
                path,
                f"line {line_no}",
                f"number {_clip(number)} appears twice (first on line {first})",
            )
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
    """The canonical form of a claim number as written (`1.02` -> `1.2`)."""
    if _LONG_PART.search(text):
        raise LoadError(path, f"line {line_no}", f"the number {_clip(text)} has too many digits")
    if _LEADING_ZERO.search(text):
        return ".".join(str(int(part)) for part in text.split("."))
    return text


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
                "'-> See' must be followed by a claim number like '1.2.', found "
                f"{_clip(see.group(1).strip())!r}",
            )
        if "." not in number:
            raise LoadError(
                path, where, "a top-level line cannot be a link '-> See'; it has no parent"
            )
        see_text = target.group(2).strip()
        return _Entry(
            line_no,
            number,
            label,
            see=_number(target.group(1), line_no, path),
            see_lines=[see_text] if see_text else [],
        )
    if "." in number and label is None:
        other = _OTHER_LABEL.match(rest)
        found = f"found '{other.group(1)}:'" if other else f"found {_clip(rest)!r}"
        raise LoadError(
            path,
            where,
            f"expected 'Pro:' or 'Con:' after {_clip(number)}., {found}",
        )
    return _Entry(line_no, number, label, lines=[rest])


def _clip(text: str, limit: int = SHOWN) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- building ------------------------------------------------------------------------


def _build(title: str, entries: list[_Entry], path: str | Path | None) -> ArgumentMap:
    by_number = {entry.number: entry for entry in entries}
    ids = {
        entry.number: node_id_for(entry.number, ordinal) for ordinal, entry in enumerate(entries)
    }
    resolved: dict[Number, Number] = {}  # `-> See` line -> the claim it leads to
    order: dict[Number | None, int] = {}
    nodes: dict[str, Node] = {}
    links: list[CrossLink] = []
    for entry in entries:
        where = f"line {entry.line}"
        parent_number = parent_of(entry.number)
        if parent_number is not None:
            _check_parent(entry, by_number.get(parent_number), parent_number, path)
        relation = _RELATIONS[entry.label] if entry.label else None
        if entry.see is not None:
            assert parent_number is not None  # refused in _entry
            source = _resolve_see(entry, by_number, resolved, path)
            if source == parent_number:
                raise LoadError(
                    path,
                    where,
                    f"'-> See {_clip(entry.see)}' links claim {_clip(parent_number)} to itself",
                )
            kialo: dict[str, JsonValue] = {"number": entry.number}
            see_text = entry.see_text
            if see_text:
                kialo["text"] = see_text
            links.append(
                CrossLink(
                    id=ids[entry.number],
                    source=ids[source],
                    target=ids[parent_number],
                    relation=relation or Relation.SUPPORTS,
                    meta={"kialo": kialo},
                )
            )
            continue
        meta: dict[str, JsonValue] = {"number": entry.number}
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
            raise LoadError(path, where, _clip(message, 160)) from None
        nodes[node.id] = node
    try:
        return ArgumentMap(title=title, nodes=nodes, links=tuple(links))
    except ValidationError as exc:  # not expected: every known problem is refused above
        message = exc.errors()[0].get("msg", "invalid map").removeprefix("Value error, ")
        raise LoadError(path, None, _clip(message, 160)) from None


def _check_parent(
    entry: _Entry, parent: _Entry | None, parent_number: Number, path: str | Path | None
) -> None:
    where = f"line {entry.line}"
    if parent is None:
        raise LoadError(
            path,
            where,
            f"claim {_clip(entry.number)} has no parent: there is no claim {_clip(parent_number)}",
        )
    if parent.see is not None:
        raise LoadError(
            path,
            where,
            f"claim {_clip(entry.number)} is placed under {_clip(parent_number)}, which is a "
            f"link '-> See' (line {parent.line}) and cannot have claims of its own",
        )


def _resolve_see(
    entry: _Entry,
    by_number: dict[Number, _Entry],
    resolved: dict[Number, Number],
    path: str | Path | None,
) -> Number:
    """The claim a `-> See` line refers to, following links to links.

    Every `-> See` line passed on the way is remembered in `resolved`, so a
    chain of n links costs n steps in all, not n steps per link.
    """
    assert entry.see is not None
    where = f"line {entry.line}"
    if entry.see == entry.number:
        raise LoadError(path, where, f"'-> See {_clip(entry.see)}' refers to its own line")
    walked: list[Number] = []
    on_path: set[Number] = set()
    current = entry.number
    while (claim := resolved.get(current)) is None:
        target = by_number.get(current)
        if target is None:
            raise LoadError(
                path,
                where,
                f"'-> See {_clip(entry.see)}' refers to claim {_clip(current)}, "
                "which does not exist",
            )
        if target.see is None:
            claim = current
            break
        if current in on_path:
            raise LoadError(
                path,
                where,
                f"'-> See {_clip(entry.see)}' leads round a loop of links and never "
                "reaches a claim",
            )
        on_path.add(current)
        walked.append(current)
        current = target.see
    for number in walked:
        resolved[number] = claim
    return claim
