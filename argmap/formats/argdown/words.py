"""An element's words, tags and argmap's data, gathered line by line as the tool joins them.

A statement or argument may go on over many lines: its words are joined with one
space where a line broke (none after a word that already ends in one), emphasis
marks and comments are gone already (lexer), and a data block is read only when it
is argmap's own, {"argmap": {...}}, which is checked as it is read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from pydantic import JsonValue

from argmap.formats.argdown import yamldata
from argmap.formats.argdown.lexer import Part
from argmap.formats.argdown.syntax import RefusedError
from argmap.model.validation import path_text, unsaveable

_HINT_DEPTH = 4  # {"argmap": {"tags": ["x"]}}: what argmap writes, and no deeper

#: argmap's own data on an element: {"text": ..., "title": ..., "tags": [...], ...}
Hints = dict[str, JsonValue]


@dataclass
class Element:
    """A statement or argument as one definition or reference writes it."""

    kind: str  # "statement" | "argument"
    title: str | None
    text: str
    line: int
    tags: dict[str, None] = field(default_factory=dict)  # in order, each once
    hints: Hints = field(default_factory=dict)
    data: list[str] = field(default_factory=list)  # the author's data blocks, as written
    shortcodes: tuple[str, ...] = ()  # its shortcodes (".A."), as written
    reference: bool = False  # "[Title]" or "<Title>" with no ":" (the tool's isReference)

    def in_group(self) -> bool | None:
        """What its data says with `isInGroup` (None: nothing): true puts it in the
        section it is written in, false keeps it out of it, as the tool does."""
        for raw in self.data:
            if "isInGroup" not in raw:
                continue
            try:
                found = yamldata.load("{" + raw + "}")
            except yamldata.YamlError:
                continue
            value = found.get("isInGroup") if isinstance(found, yamldata.Mapping) else None
            if value is not None:
                return yamldata.truthy(value)
        return None


def _too_deep(raw: str) -> bool:
    """Whether the JSON value that starts `raw` nests _HINT_DEPTH deep (json would
    recurse); what follows it (the author's data) is not argmap's to read."""
    depth = 0
    quoted = escaped = False
    for char in raw:
        if quoted:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                quoted = False
        elif char == '"':
            quoted = True
        elif char in "[{":
            depth += 1
            if depth >= _HINT_DEPTH:
                return True
        elif char in "]}":
            depth -= 1
            if depth <= 0:
                return False
    return False


_ARGMAP = '"argmap":'
_DECODER = json.JSONDecoder()


def hints(raw: str, line: int) -> tuple[Hints, str]:
    """argmap's own data in a data block, {"argmap": {...}}, and the author's data
    (what else the block says, "" for nothing): a block argmap wrote for both reads
    {"argmap": {...}, the author's}.

    A JSON escape can spell a lone surrogate, which no map may hold: refused here,
    where the line is known (the nodes are built without validating each again)."""
    if not raw.startswith(_ARGMAP) or _too_deep(raw[len(_ARGMAP) :]):
        return {}, raw
    start = len(_ARGMAP)
    while start < len(raw) and raw[start] in " \t\n\r":  # JSON's spaces
        start += 1
    try:
        found, end = _DECODER.raw_decode(raw, start)
    except ValueError:
        return {}, raw
    rest = raw[end:].strip(" \t\n")
    if not isinstance(found, dict) or (rest and not rest.startswith(",")):
        return {}, raw
    problem = unsaveable(found)
    if problem is not None:
        raise RefusedError(f"line {line}: argmap's data: {path_text(problem[0])} {problem[1]}")
    return found, rest[1:].strip(" \t\n")


class Words:
    """An element's words, tags and data, gathered as its lines come (an element of a
    million lines holds no more than its words): the first line's head ([title]: or
    <title>) says what it is."""

    def __init__(self, parts: list[Part], line: int, remove_tags: bool) -> None:
        first = parts[0] if parts else None
        self.kind, self.title, definition = "statement", None, True
        if first is not None and first[0] in ("sdef", "sref", "adef", "aref"):
            self.kind = "argument" if first[0][0] == "a" else "statement"
            self.title, definition, parts = first[1], first[0].endswith("def"), parts[1:]
        self.line = line
        self.keep_tags = definition and not remove_tags
        self.definition = definition
        self.words: list[str] = []
        self.chunks: list[str] = []  # the words before, joined 1024 at a time
        self.spaced = False  # whether the last word ends in a space
        self.tags: dict[str, None] = {}
        self.hints: Hints = {}
        self.data: list[str] = []
        self.shortcodes: dict[str, None] = {}  # each once, in order
        self.add(parts, False)

    def add(self, parts: list[Part], pending: bool = True) -> None:
        """A line's parts; `pending`: a line break before them reads as one space."""
        words, spaced = self.words, self.spaced
        for part in parts:
            key = part[0]
            if key == "t":
                piece = part[1]
            elif key == "nl":  # the Line went on over a line break
                pending = True
                continue
            elif key == "data":
                found, author = hints(part[1], self.line)
                for name, value in found.items():
                    self.hints.setdefault(name, value)
                if author:
                    self.data.append(author)
                continue
            elif key == "tag":
                self.tags[part[1]] = None
                piece = part[2] if self.keep_tags else ""
            else:  # a title inside the words: the tool refuses it; keep it as text
                piece = f"[{part[1]}]" if key[0] == "s" else f"<{part[1]}>"
            if piece:
                if pending and not spaced:
                    words.append(" ")
                pending = False
                words.append(piece)
                spaced = piece[-1] == " "
        self.spaced = spaced
        if len(words) > 1024:  # a long run of short lines: a few strings, not millions
            self.chunks.append("".join(words))
            words.clear()

    def element(self) -> Element:
        text = "".join(self.chunks) + "".join(self.words)
        return Element(
            self.kind,
            self.title,
            text,
            self.line,
            self.tags,
            self.hints,
            self.data,
            tuple(self.shortcodes),
            not self.definition,
        )
