"""Argdown text -> statements, arguments and relations, as the Argdown tool models them.

Reading follows the Argdown language as its own tool interprets it (version 1.7,
"loose" mode unless the front matter asks for `model: mode: strict`): statements
are grouped by title into equivalence classes, arguments by title; relations come
from the indented relation trees; outgoing relations of a reconstructed argument
(one with a premise-conclusion structure) belong to its main conclusion; in strict
mode statement-to-statement support and attack become entailment and contrariety.

The tokens come from `lexer`; this module only assembles them, line by line,
without recursion, so a chain nested 50,000 deep reads like a list.  A text is what the
tool makes of it: escapes resolved, emphasis marks and comments dropped, a link read
as its words, tags kept in the words (unless the front matter says
`removeTagsFromText`); shortcodes such as ".A." are kept as written (the tool shows ∀).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from argmap.formats.argdown.frontmatter import FrontMatter, split_front_matter
from argmap.formats.argdown.lexer import BLANK, Line, Part, tokenize
from argmap.formats.argdown.syntax import RefusedError
from argmap.model.validation import lone_surrogate, path_text, unsaveable

_SYMBOLS = {
    "+": ("support", True),
    "<+": ("support", True),
    "-": ("attack", True),
    "<-": ("attack", True),
    "_": ("undercut", True),
    "<_": ("undercut", True),
    "+>": ("support", False),
    "->": ("attack", False),
    "_>": ("undercut", False),
    "><": ("contradictory", False),
}
_INCLUDE = ("@include", "@import")
_HINT_DEPTH = 4  # {"argmap": {"tags": ["x"]}}: what argmap writes, and no deeper
#: statements and arguments, and relations, a map may have: a node costs some 3 KB in
#: memory at the peak of a load and "* a" is one in 4 bytes of text; 100,000 is twice
#: the deepest chain argmap promises to read, and 100,000 list items load in about 2 s
MAX_ELEMENTS = 100_000


class TooManyError(ValueError):
    """More statements, arguments or relations than argmap keeps in one map."""


@dataclass
class _Entry:
    title: str
    line: int
    seq: int  # where it first appears: the order of the map's nodes
    texts: list[str] = field(default_factory=list)
    tags: dict[str, None] = field(default_factory=dict)  # in order, each once
    section: str | None = None
    hints: dict[str, Any] = field(default_factory=dict)  # {"argmap": ...} data


@dataclass
class _Statement(_Entry):
    untitled: bool = False


@dataclass
class _Argument(_Entry):
    pcs: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Relation:
    source: tuple[str, str]  # (kind, title)
    target: tuple[str, str]
    type: str
    line: int


@dataclass
class _Element:
    kind: str  # "statement" | "argument"
    title: str | None
    text: str
    line: int
    tags: dict[str, None] = field(default_factory=dict)  # in order, each once
    hints: dict[str, Any] = field(default_factory=dict)


@dataclass
class ArgdownDocument:
    statements: dict[str, _Statement] = field(default_factory=dict)
    arguments: dict[str, _Argument] = field(default_factory=dict)
    relations: list[_Relation] = field(default_factory=list)
    front_matter: str = ""
    settings: FrontMatter = field(default_factory=FrontMatter)
    title: str = ""
    warnings: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    _untitled: int = 0
    _seq: int = 0
    _related: set[tuple[tuple[str, str], tuple[str, str], str]] = field(default_factory=set)

    @property
    def strict(self) -> bool:
        return self.settings.strict

    @property
    def explode(self) -> bool:
        return self.settings.explode

    # -- building ---------------------------------------------------------------------
    def _entry(self, table: dict[str, Any], cls: type[_Entry], title: str | None, line: int) -> Any:
        untitled = title is None
        if title is None:
            self._untitled += 1
            title = f"Untitled {self._untitled}"
        entry = table.get(title)
        if entry is None:
            if self._seq >= MAX_ELEMENTS:
                raise TooManyError(f"has more than {MAX_ELEMENTS:,} statements and arguments")
            self._seq += 1
            entry = table[title] = cls(title, line, self._seq)
            if untitled and isinstance(entry, _Statement):
                entry.untitled = True
        return entry

    def add(self, element: _Element, section: str | None) -> tuple[str, str]:
        table: dict[str, Any] = self.arguments if element.kind == "argument" else self.statements
        cls = _Argument if element.kind == "argument" else _Statement
        entry = self._entry(table, cls, element.title, element.line)
        if entry.section is None:
            entry.section = section
        if element.text:
            entry.texts.append(element.text)
        entry.tags.update(element.tags)
        for key, value in element.hints.items():
            entry.hints.setdefault(key, value)
        return element.kind, entry.title

    def relate(
        self, source: tuple[str, str], target: tuple[str, str], kind: str, line: int
    ) -> None:
        """A relation, once: the tool merges the same relation written twice."""
        key = (source, target, kind)
        if key in self._related:
            return
        if len(self._related) >= MAX_ELEMENTS:
            raise TooManyError(f"has more than {MAX_ELEMENTS:,} relations")
        self._related.add(key)
        self.relations.append(_Relation(source, target, kind, line))

    def argument(self, title: str | None, line: int, section: str | None) -> str:
        return self.add(_Element("argument", title, "", line), section)[1]


def _hints(raw: str, line: int) -> dict[str, Any]:
    """argmap's own data block, {"argmap": {...}}; any other data is the author's.

    A JSON escape can spell a lone surrogate, which no map may hold: refused here,
    where the line is known (the nodes are built without validating each again)."""
    if not raw.startswith('"argmap":'):
        return {}
    depth = deepest = 0
    quoted = escaped = False
    for char in raw:  # json.loads recurses: refuse deep nesting before it sees it
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
            deepest = max(deepest, depth)
            if deepest >= _HINT_DEPTH:
                return {}
        elif char in "]}":
            depth -= 1
    try:
        data = json.loads("{" + raw + "}")
    except ValueError:
        return {}
    hints = data.get("argmap") if isinstance(data, dict) else None
    if not isinstance(hints, dict):
        return {}
    problem = unsaveable(hints)
    if problem is not None:
        raise RefusedError(f"line {line}: argmap's data: {path_text(problem[0])} {problem[1]}")
    return hints


class _Words:
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
        self.words: list[str] = []
        self.chunks: list[str] = []  # the words before, joined 1024 at a time
        self.spaced = False  # whether the last word ends in a space
        self.tags: dict[str, None] = {}
        self.hints: dict[str, Any] = {}
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
                for name, value in _hints(part[1], self.line).items():
                    self.hints.setdefault(name, value)
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

    def element(self) -> _Element:
        text = "".join(self.chunks) + "".join(self.words)
        return _Element(self.kind, self.title, text, self.line, self.tags, self.hints)


@dataclass
class _Open:
    """An element being read: its lines, and where it hangs."""

    words: _Words
    line: int
    indent: int
    relation: str | None  # the symbol linking it to its parent, if any
    parent: tuple[str, str] | None
    pcs: int | None = None  # its number, for a premise or conclusion of a reconstruction


def parse(text: str) -> ArgdownDocument:
    """Argdown text -> statements, arguments and relations (the Argdown tool's model)."""
    doc = ArgdownDocument()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _refuse_surrogates(text)
    text = text.lstrip("\ufeff")
    front, body, first_line = split_front_matter(text)
    if front is not None:
        doc.front_matter = front.raw
        doc.settings = front
        doc.title = front.title
    _Reader(doc).run(tokenize(body, first_line))
    if doc.strict:
        _strict_statement_relations(doc)
    _move_argument_relations(doc)
    return doc


def _refuse_surrogates(text: str) -> None:
    """No string cut from `text` can hold a lone surrogate once `text` holds none, so
    one search here stands in for checking every text, title, tag and section."""
    at = lone_surrogate(text)
    if at is not None:
        line = text.count("\n", 0, at) + 1
        column = at - text.rfind("\n", 0, at)
        found = unsaveable(text[at])  # the model's own words for it
        reason = found[1] if found else "contains a lone surrogate"
        raise RefusedError(f"line {line}, column {column}: {reason}")


class _Reader:
    def __init__(self, doc: ArgdownDocument) -> None:
        self.doc = doc
        self.remove_tags = doc.settings.remove_tags
        self.section: str | None = None
        self.heading: list[str] | None = None  # the words of a heading being read
        self.current: _Open | None = None
        self.stack: list[tuple[int, tuple[str, str]]] = []  # (indent, element) of relation trees
        self.last_top: tuple[str, str] | None = None
        self.pcs_owner: str | None = None
        self.pcs: list[dict[str, Any]] = []
        self.pending_inference: dict[str, Any] | None = None

    def run(self, lines: Iterable[Line | None]) -> None:
        for line in lines:
            if line is BLANK:
                self.close()
                self.end_heading()
            else:
                self.feed(line)
        self.close()
        self.end_heading()
        self.finish_pcs()

    # -- elements ---------------------------------------------------------------------
    def close(self) -> tuple[str, str] | None:
        """Finish the element being read and record it with its relation."""
        current, self.current = self.current, None
        if current is None:
            return None
        element = current.words.element()
        if current.pcs is not None:
            ref = self.pcs_statement(current.pcs, element)
            self.stack = [(current.indent, ref)]
            return ref
        ref = self.doc.add(element, self.section)
        if current.relation is not None and current.parent is not None:
            relation_type, incoming = _SYMBOLS[current.relation]
            if incoming:
                source, target = ref, current.parent
            else:
                source, target = current.parent, ref
            self.doc.relate(source, target, relation_type, current.line)
        if current.relation is None:
            self.last_top = ref
            self.stack = [(current.indent, ref)]
        else:
            self.stack.append((current.indent, ref))
        return ref

    def end_heading(self) -> None:
        if self.heading is None:
            return
        self.section = " ".join("".join(self.heading).split())
        self.heading = None
        self.doc.sections.append(self.section)

    def feed(self, line: Line) -> None:
        head = line.head
        if not head and self.current is not None:  # the common case: the element goes on
            first = line.parts[0] if line.parts else None  # (no heading is being read)
            if first is None or first[0] != "t" or not first[1].startswith(_INCLUDE):
                self.current.words.add(line.parts)
                return
        if self.heading is not None:
            if not head:  # a heading goes on until a blank line
                self.heading += [" ", *(" " if p[0] == "nl" else p[-1] for p in line.parts)]
                return
            self.end_heading()
        if head == "#":
            self.close()
            self.finish_pcs()
            self.heading = [p[1] if p[0] == "t" else p[-1] for p in line.parts if p[0] != "data"]
            if not self.doc.title and line.level == 1:
                self.doc.title = " ".join("".join(self.heading).split())
            self.stack = []
            return
        first = line.parts[0] if line.parts else None
        if first is not None and first[0] == "t" and first[1].startswith(_INCLUDE):
            # the Argdown tool reads it as a statement too; the other file is not read
            shown = " ".join(first[1].split())[:40]
            self.doc.warnings.append(f"line {line.number}: include ({shown}) is not followed")
        if head == "(n)":
            self.close()
            if self.pcs_owner is None:
                self.start_pcs(line.number)
            self.current = _Open(self.words(line), line.number, line.indent, None, None, line.level)
            return
        if head == "--":
            self.close()
            if self.pcs_owner is not None:
                self.pending_inference = {"rule": ", ".join(r for r in line.rules if r)}
            else:
                self.doc.warnings.append(f"line {line.number}: an inference outside an argument")
            return
        if head in _SYMBOLS and (self.stack or self.current is not None):
            self.close()
            while self.stack and self.stack[-1][0] >= line.indent and len(self.stack) > 1:
                self.stack.pop()
            parent = self.stack[-1][1] if self.stack else None
            if parent is None:
                self.doc.warnings.append(
                    f"line {line.number}: relation without an element above it"
                )
                return
            self.current = _Open(self.words(line), line.number, line.indent, head, parent)
            return
        if self.current is not None and head not in ("*", "(n)") and head not in _SYMBOLS:
            self.current.words.add(line.parts)
            return
        self.close()
        # a new top-level element (statement, argument, or a list item's text)
        if self.pcs_owner is not None and head != "(n)" and line.indent == 0:
            self.finish_pcs()
        self.current = _Open(self.words(line), line.number, line.indent, None, None)

    def words(self, line: Line) -> _Words:
        return _Words(line.parts, line.number, self.remove_tags)

    # -- premise-conclusion structures ------------------------------------------------
    def start_pcs(self, number: int) -> None:
        owner = self.last_top if self.last_top and self.last_top[0] == "argument" else None
        if owner is None:
            title = self.doc.argument(None, number, self.section)
        else:
            title = owner[1]
        self.pcs_owner = title
        self.pcs = []
        self.pending_inference = None

    def pcs_statement(self, number: int, element: _Element) -> tuple[str, str]:
        element.kind = "statement"
        _, title = self.doc.add(element, self.section)
        role = "premise"
        inference = None
        if self.pending_inference is not None:
            role = "conclusion"
            inference = {"rule": str(self.pending_inference.get("rule", ""))}
            self.pending_inference = None
        self.pcs.append({"number": number, "title": title, "role": role, "inference": inference})
        return ("statement", title)

    def finish_pcs(self) -> None:
        if self.pcs_owner is None:
            return
        if self.pcs:
            conclusions = [s for s in self.pcs if s["role"] == "conclusion"]
            for step in conclusions[:-1]:
                step["role"] = "intermediate"
            argument = self.doc.arguments[self.pcs_owner]
            if not argument.pcs:
                argument.pcs = self.pcs
        self.pcs_owner = None
        self.pcs = []
        self.pending_inference = None


def _move_argument_relations(doc: ArgdownDocument) -> None:
    """Outgoing relations of a reconstructed argument belong to its main conclusion."""
    seen: set[tuple[tuple[str, str], tuple[str, str], str]] = set()
    kept: list[_Relation] = []
    for relation in doc.relations:
        kind, title = relation.source
        argument = doc.arguments.get(title) if kind == "argument" else None
        if argument is not None and argument.pcs and argument.pcs[-1]["role"] == "conclusion":
            relation.source = ("statement", argument.pcs[-1]["title"])
            if relation.source == relation.target:
                continue  # "this argument supports its own conclusion" says nothing more
        key = (relation.source, relation.target, relation.type)
        if key in seen:
            continue
        seen.add(key)
        kept.append(relation)
    doc.relations = kept


def _strict_statement_relations(doc: ArgdownDocument) -> None:
    kept: list[_Relation] = []
    contraries: set[frozenset[tuple[str, str]]] = set()
    for relation in doc.relations:
        both = relation.source[0] == relation.target[0] == "statement"
        if both and relation.type == "support":
            relation.type = "entails"
        elif both and relation.type == "attack":
            pair = frozenset((relation.source, relation.target))
            if pair in contraries:
                continue
            contraries.add(pair)
            relation.type = "contrary"
        kept.append(relation)
    doc.relations = kept
