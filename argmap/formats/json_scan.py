"""What a JSON document's top-level object holds, without building it.

argmap's native files and AIF files are both JSON objects.  A native map has
``"format": "argmap"`` at the top level (its reader requires it); an AIF file
has a ``"nodes"`` list there, or OVA's ``"AIF"`` object around its nodeset.
Only the top level is looked at: a ``"format"`` inside a node or a string is
not the tag.

The scan walks the top-level keys in order.  A value is skipped, never built:
strings, numbers and containers without nested containers are passed over by
one regular expression each (in C); only the brackets of nested containers
are counted one by one.  So the time is linear in the document and the memory
is the document itself, whatever the key order or the size of what comes
before the tag (a huge ``"description"`` first when keys are sorted, or
``"nodes"`` first).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

#: JSON's white space (not Python's: a form feed is not JSON)
_WS = re.compile(rb"[ \t\r\n]*")
_STR = rb'"(?:[^"\\]++|\\.)*+"'
_STRING = re.compile(_STR, re.S)
#: a number, true, false or null (checked no further: the reader will)
_ATOM = re.compile(rb'[^\s,:{}\[\]"]+')
_PLAIN = rb'(?:[^"\[\]{}]++|' + _STR + rb")*+"
#: anything up to the next bracket of a nested container: text, strings and flat
#: containers (a list of numbers, a node without lists) in one step
_SKIP = re.compile(
    rb"(?:[^\"\[\]{}]++|" + _STR + rb"|\{" + _PLAIN + rb"\}|\[" + _PLAIN + rb"\])*+", re.S
)
_OPEN = frozenset(b"[{")
_CLOSE = frozenset(b"]}")
_MAX_KEY = 64  # longer keys and tag values are none of the ones looked for

#: what a scan ends with
DECIDED = "decided"  # the tag was found; the rest was not looked at
WHOLE = "whole"  # the top-level object was read to its end
CUT = "cut"  # the data ended inside the document
BROKEN = "broken"  # not JSON where the scan looked
NOT_OBJECT = "not an object"  # a JSON value, but not an object (or not JSON at all)
TOO_COMPLEX = "too complex"  # over the budget below: not looked into further
#: deeper than this no reader reads (Python's JSON parser stops near 1,000)
MAX_DEPTH = 10_000


@dataclass(frozen=True)
class Scan:
    kind: str | None  # "argmap" (DECIDED), "aif" (only WHOLE) or None
    state: str  # DECIDED, WHOLE, CUT, BROKEN, NOT_OBJECT or TOO_COMPLEX


def _short_string(raw: bytes) -> str | None:
    """The text of a short JSON string token; None for a long or an invalid one."""
    if len(raw) > _MAX_KEY + 2:
        return None
    if b"\\" not in raw:
        return raw[1:-1].decode("utf-8", errors="replace")
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, str) else None


class _Budget:
    """Steps of the scan done in Python: a few per top-level key and per bracket of a
    nested container.  A map needs about one per 30 bytes; a document needing more
    than one per 16 (millions of tiny nested lists, or of top-level keys) is not
    looked into further, so the scan stays well under the time a reader takes."""

    def __init__(self, size: int) -> None:
        self.left = size // 16 + 10_000

    def spend(self) -> bool:
        self.left -= 1
        return self.left >= 0


def _skip_container(data: bytes, pos: int, budget: _Budget) -> int | str:
    """The position just after the container opening at `pos`, or why not: CUT
    (the data ends inside it), BROKEN (nested deeper than any reader reads) or
    TOO_COMPLEX (over the budget)."""
    depth = 0
    end = len(data)
    while pos < end:
        if not budget.spend():
            return TOO_COMPLEX
        char = data[pos]
        if char in _OPEN:
            depth += 1
            if depth > MAX_DEPTH:
                return BROKEN
        elif char in _CLOSE:
            depth -= 1
            if depth == 0:
                return pos + 1
        else:  # a string with no closing quote: the data ends inside it
            return CUT
        pos = _SKIP.match(data, pos + 1).end()  # type: ignore[union-attr]  # *+ always matches
    return CUT


def _ws(data: bytes, pos: int) -> int:
    return _WS.match(data, pos).end()  # type: ignore[union-attr]  # * always matches


def scan(data: bytes) -> Scan:
    """Tell argmap from AIF by the top-level keys of the JSON document in `data`.

    `data` may be the head of a file: a document cut off is CUT, and the kind is
    known only if the tag came before the cut."""
    pos = _ws(data, 3 if data.startswith(b"\xef\xbb\xbf") else 0)
    end = len(data)
    if pos == end:
        return Scan(None, CUT)
    if data[pos] != ord("{"):
        return Scan(None, NOT_OBJECT)
    budget = _Budget(end)
    nodes = wrapped = False

    def verdict(state: str) -> Scan:  # AIF only once no "format": "argmap" can follow
        return Scan("aif" if (nodes or wrapped) and state == WHOLE else None, state)

    pos = _ws(data, pos + 1)
    if data[pos : pos + 1] == b"}":
        return verdict(WHOLE)
    while True:
        if not budget.spend():
            return verdict(TOO_COMPLEX)
        if pos == end:
            return verdict(CUT)
        key_token = _STRING.match(data, pos)
        if key_token is None:
            return verdict(CUT if data[pos] == ord('"') else BROKEN)
        key = _short_string(key_token.group())
        pos = _ws(data, key_token.end())
        if pos == end:
            return verdict(CUT)
        if data[pos] != ord(":"):
            return verdict(BROKEN)
        pos = _ws(data, pos + 1)
        if pos == end:
            return verdict(CUT)
        first = data[pos]
        if first == ord('"'):
            value = _STRING.match(data, pos)
            if value is None:
                return verdict(CUT)
            if key == "format" and _short_string(value.group()) == "argmap":
                return Scan("argmap", DECIDED)
            pos = value.end()
        elif first in _OPEN:
            nodes |= key == "nodes" and first == ord("[")
            wrapped |= key == "AIF" and first == ord("{")
            after = _skip_container(data, pos, budget)
            if isinstance(after, str):
                return verdict(after)
            pos = after
        else:
            atom = _ATOM.match(data, pos)
            if atom is None:
                return verdict(BROKEN)
            pos = atom.end()
        pos = _ws(data, pos)
        if pos == end:
            return verdict(CUT)
        if data[pos] == ord("}"):
            return verdict(WHOLE)
        if data[pos] != ord(","):
            return verdict(BROKEN)
        pos = _ws(data, pos + 1)


def kind_of_data(data: object) -> str | None:
    """The same verdict for a document already parsed."""
    if not isinstance(data, dict):
        return None
    if data.get("format") == "argmap":
        return "argmap"
    if isinstance(data.get("nodes"), list) or isinstance(data.get("AIF"), dict):
        return "aif"
    return None
