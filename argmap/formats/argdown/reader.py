"""Argdown text -> statements, arguments and relations, as the Argdown tool models them.

Reading follows the Argdown language as its own tool interprets it (version 1.7,
"loose" mode unless the front matter asks for `model: mode: strict`): statements
are grouped by title into equivalence classes, arguments by title; relations come
from the indented relation trees; outgoing relations of a reconstructed argument
(one with a premise-conclusion structure) belong to its main conclusion; in strict
mode statement-to-statement support and attack become entailment and contrariety.
An undercut ``<_`` under a statement after any inference line undercuts the argument of
the last inference line, as the tool reads it (its model keeps that inference open).

The tokens come from `lexer`; this module only assembles them, line by line,
without recursion, so a chain nested 50,000 deep reads like a list.  A text is what the
tool makes of it: escapes resolved, emphasis marks and comments dropped, a link read
as its words, tags kept in the words (unless the front matter says
`removeTagsFromText`); shortcodes such as ".A." are kept as written (the tool shows ∀).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import TypeVar

from argmap.formats.argdown.frontmatter import FrontMatter, split_front_matter
from argmap.formats.argdown.lexer import BLANK, Line, tokenize
from argmap.formats.argdown.pcs import Inference, PcsStep, Role, closed, once_each
from argmap.formats.argdown.relations import move_argument_relations, strict_statement_relations
from argmap.formats.argdown.syntax import RefusedError
from argmap.formats.argdown.words import Element, Hints, Words
from argmap.model.validation import lone_surrogate, shown, unsaveable

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
#: statements and arguments, and relations, a map may have: a node costs some 3 KB in
#: memory at the peak of a load and "* a" is one in 4 bytes of text; 100,000 is twice
#: the deepest chain argmap promises to read, and 100,000 list items load in about 2 s
MAX_ELEMENTS = 100_000


class TooManyError(ValueError):
    """More statements, arguments or relations than argmap keeps in one map."""


@dataclass
class Entry:
    """A statement (an equivalence class of the tool) or an argument, by its title."""

    title: str
    line: int
    seq: int  # where it first appears: the order of the map's nodes
    texts: list[str] = field(default_factory=list)  # each once, in order
    seen: set[str] = field(default_factory=set)  # ... the same texts, to look up
    tags: dict[str, None] = field(default_factory=dict)  # in order, each once
    section: str | None = None
    hints: Hints = field(default_factory=dict)  # {"argmap": ...} data
    data: list[str] = field(default_factory=list)  # the author's data blocks, each once
    shortcodes: dict[str, None] = field(default_factory=dict)  # ".A." as written, once
    placed: bool = False  # its section is settled (a definition was in one)
    mentioned: str | None = None  # the section of its first occurrence


_E = TypeVar("_E", bound=Entry)


@dataclass
class StatementEntry(Entry):
    untitled: bool = False


@dataclass
class ArgumentEntry(Entry):
    pcs: list[PcsStep] = field(default_factory=list)


@dataclass
class ToolRelation:
    """A relation as the tool's model has it: between titled statements and arguments."""

    source: tuple[str, str]  # (kind, title)
    target: tuple[str, str]
    type: str
    line: int


@dataclass
class ArgdownDocument:
    statements: dict[str, StatementEntry] = field(default_factory=dict)
    arguments: dict[str, ArgumentEntry] = field(default_factory=dict)
    relations: list[ToolRelation] = field(default_factory=list)
    front_matter: str = ""
    settings: FrontMatter = field(default_factory=FrontMatter)
    title: str = ""
    warnings: list[str] = field(default_factory=list)
    #: each heading as (key, title), in order: the tool makes a section of every heading,
    #: so two of one title are two sections; elements name their section by its key
    sections: list[tuple[str, str]] = field(default_factory=list)
    #: each heading's level ("#" is 1), by key
    levels: dict[str, int] = field(default_factory=dict)
    #: the data blocks of each heading ({isGroup: false}), by key
    section_data: dict[str, list[str]] = field(default_factory=dict)
    #: the tags of each heading, by key (its title holds them too)
    section_tags: dict[str, list[str]] = field(default_factory=dict)
    #: every tag in the order the tool first meets it (which orders its colours)
    tag_order: dict[str, None] = field(default_factory=dict)
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
    def _entry(self, table: dict[str, _E], cls: type[_E], title: str | None, line: int) -> _E:
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
            if untitled and isinstance(entry, StatementEntry):
                entry.untitled = True
        return entry

    def add(self, element: Element, section: str | None) -> tuple[str, str]:
        """An element, in its section as the tool finds it: that of its first definition
        in a section (not a reference), or where its data says `isInGroup: true`; else
        that of its first occurrence (the tool's first member)."""
        entry: Entry
        before = self._seq
        if element.kind == "argument":
            entry = self._entry(self.arguments, ArgumentEntry, element.title, element.line)
        else:
            entry = self._entry(self.statements, StatementEntry, element.title, element.line)
        if self._seq != before:
            entry.section = entry.mentioned = section
        grouped = element.in_group() if element.data else None
        takes = not element.reference and grouped is None and not entry.placed
        if section is not None and (grouped is True or takes):
            entry.section, entry.placed = section, True
        same = " ".join(element.text.split()) or element.text  # each once (but for spaces)
        if element.text and same not in entry.seen:
            entry.seen.add(same)
            entry.texts.append(element.text)
        entry.tags.update(element.tags)
        self.tag_order.update(element.tags)
        entry.data += [data for data in element.data if data not in entry.data]
        entry.shortcodes.update(dict.fromkeys(element.shortcodes))
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
        self.relations.append(ToolRelation(source, target, kind, line))

    def argument(self, title: str | None, line: int, section: str | None) -> str:
        return self.add(Element("argument", title, "", line), section)[1]


class Reading(Enum):
    """What a line without a head of its own goes on with (`_Reader.reading`)."""

    NOTHING = "nothing"  # between elements: the next line starts one
    HEADING = "heading"  # a heading's words, until a blank line (`_Reader.heading`)
    ELEMENT = "element"  # a statement, argument or relation (`_Reader.current`)


class Block(Enum):
    """What the elements being read belong to (`_Reader.block`)."""

    TREE = "tree"  # statements, arguments and the relation trees under them
    PCS = "pcs"  # the reconstruction of `_Reader.owner`: "(n)" starts a premise
    INFERENCE = "inference"  # after its inference line (`_Reader.rule`): "(n)" concludes


@dataclass
class _Open:
    """An element being read: its lines, and where it hangs."""

    words: Words
    line: int
    indent: int
    relation: str | None  # the symbol linking it to its parent, if any
    parent: tuple[str, str] | None
    number: int | None = None  # "(n)": a premise or conclusion of a reconstruction
    inference: Inference | None = None  # the inference line above a conclusion


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
        if front.problem:
            doc.warnings.append(front.problem)
        doc.warnings.extend(front.notes)
    _Reader(doc).run(tokenize(body, first_line))
    if doc.strict:
        strict_statement_relations(doc)
    move_argument_relations(doc)
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
    """The lines of the body -> the document's elements and relations, in one pass.

    Two small state machines, each changed only by the methods named here:

    `reading` (what a line without a head goes on with)
        NOTHING -> ELEMENT   a line starting an element (`start_*`)
        NOTHING -> HEADING   "# words" (`start_heading`)
        ELEMENT -> NOTHING   a blank line, or any line that starts something (`close`)
        HEADING -> NOTHING   a blank line, or any line with a head (`end_heading`)
    `block` (what the elements belong to)
        TREE -> PCS          "(n)": a reconstruction starts (`start_numbered`)
        PCS -> INFERENCE     "-- rule --" (`inference_line`)
        INFERENCE -> PCS     "(n)": the statement is a conclusion (`start_numbered`)
        PCS|INFERENCE -> TREE  "#", an unindented element, the end (`end_block`)
    """

    def __init__(self, doc: ArgdownDocument) -> None:
        self.doc = doc
        self.remove_tags = doc.settings.remove_tags
        self.section: str | None = None
        self.stack: list[tuple[int, tuple[str, str]]] = []  # (indent, element) of relation trees
        self.last_top: tuple[str, str] | None = None
        self.reading = Reading.NOTHING
        self.heading: list[str] = []  # in HEADING: its words so far
        self.heading_data: list[str] = []  # ... and its data blocks
        self.heading_tags: list[str] = []  # ... and its tags (kept in its words too)
        self.heading_level = 1
        self.current: _Open | None = None  # in ELEMENT: the element
        self.block = Block.TREE
        self.owner = ""  # in PCS and INFERENCE: the argument reconstructed
        self.steps: list[PcsStep] = []  # ... and its numbered statements so far
        self.rule = ""  # in INFERENCE: the rules of the inference line
        self.rule_data: tuple[str, ...] = ()  # ... and its data blocks
        #: the argument of the last inference line read: the tool's "<_" under a
        #: statement undercuts it from then on (its model never closes an inference)
        self.inferred: str | None = None

    def run(self, lines: Iterable[Line | None]) -> None:
        for line in lines:
            if line is BLANK:
                self.pause()
            else:
                self.feed(line)
        self.pause()
        self.end_block()

    def pause(self) -> None:
        """A blank line: the element or heading being read ends."""
        if self.reading is Reading.ELEMENT:
            self.close()
        elif self.reading is Reading.HEADING:
            self.end_heading()

    def feed(self, line: Line) -> None:
        head, parts = line.head, line.parts
        first = parts[0] if parts else None  # "@include x": another file, not read
        include = first is not None and first[0] == "t" and first[1].startswith(_INCLUDE)
        if not head and self.reading is Reading.ELEMENT and self.current is not None:
            if not include:  # the common case: the element goes on
                self.current.words.add(parts)
                if line.specials:
                    self.current.words.shortcodes.update(dict.fromkeys(line.specials))
                return
        if self.reading is Reading.HEADING:
            if not head:  # a heading goes on until a blank line
                more = (" " if p[0] == "nl" else p[-1] for p in line.parts if p[0] != "data")
                self.heading += [" ", *more]
                self.heading_data += [p[1] for p in line.parts if p[0] == "data"]
                self.heading_tags += [p[1] for p in line.parts if p[0] == "tag"]
                return
            self.end_heading()
        if head == "#":
            self.start_heading(line)
            return
        if include:  # the Argdown tool reads it as a statement too; the file is not read
            shown = " ".join(parts[0][1].split())[:40]
            self.doc.warnings.append(f"line {line.number}: include ({shown}) is not followed")
        if head == "(n)":
            self.start_numbered(line)
        elif head == "--":
            self.inference_line(line)
        elif head in _SYMBOLS and (self.stack or self.reading is Reading.ELEMENT):
            self.start_relation(line)
        elif self.reading is Reading.ELEMENT and self.current is not None and head != "*":
            self.current.words.add(line.parts)  # a list item "1." goes on the element
            self.current.words.shortcodes.update(dict.fromkeys(line.specials))
        else:
            self.start_top(line)

    def words(self, line: Line) -> Words:
        words = Words(line.parts, line.number, self.remove_tags)
        words.shortcodes.update(dict.fromkeys(line.specials))
        return words

    # -- reading: elements and headings -----------------------------------------------
    def start_top(self, line: Line) -> None:
        """A new top-level element (statement, argument, or a list item's text)."""
        self.close()
        if self.block is not Block.TREE and line.indent == 0:
            self.end_block()
        self.reading = Reading.ELEMENT
        self.current = _Open(self.words(line), line.number, line.indent, None, None)

    def start_relation(self, line: Line) -> None:
        """An element under the nearest one less indented, related to it by the head."""
        self.close()
        while self.stack and self.stack[-1][0] >= line.indent and len(self.stack) > 1:
            self.stack.pop()
        parent = self.stack[-1][1] if self.stack else None
        if parent is None:
            self.doc.warnings.append(f"line {line.number}: relation without an element above it")
            return
        self.reading = Reading.ELEMENT
        self.current = _Open(self.words(line), line.number, line.indent, line.head, parent)

    def close(self) -> None:
        """Finish the element being read and record it with its relation."""
        current = self.current
        if self.reading is not Reading.ELEMENT or current is None:
            return
        self.reading, self.current = Reading.NOTHING, None
        element = current.words.element()
        if current.number is not None:
            ref = self.pcs_statement(current.number, current.inference, element)
            self.stack = [(current.indent, ref)]
            return
        ref = self.doc.add(element, self.section)
        if current.relation is None:
            self.last_top = ref
            self.stack = [(current.indent, ref)]
            return
        if current.parent is not None:
            relation_type, incoming = _SYMBOLS[current.relation]
            if incoming:
                source, target = ref, current.parent
                if relation_type == "undercut" and target[0] == "statement" and self.inferred:
                    target = ("argument", self.inferred)
            else:
                source, target = current.parent, ref
            self.doc.relate(source, target, relation_type, current.line)
        self.stack.append((current.indent, ref))

    def start_heading(self, line: Line) -> None:
        self.close()
        self.end_block()
        self.reading = Reading.HEADING
        self.heading_level = line.level
        self.heading = [p[1] if p[0] == "t" else p[-1] for p in line.parts if p[0] != "data"]
        self.heading_data = [p[1] for p in line.parts if p[0] == "data"]
        self.heading_tags = [p[1] for p in line.parts if p[0] == "tag"]
        self.stack = []

    def end_heading(self) -> None:
        if self.reading is not Reading.HEADING:
            return
        self.reading = Reading.NOTHING
        title = " ".join("".join(self.heading).split())
        self.heading = []
        self.section = key = f"h{len(self.doc.sections) + 1}" if title else ""
        if not key:  # a heading of no words is no section argmap can hold
            return
        self.doc.sections.append((key, title))
        self.doc.levels[key] = self.heading_level
        if self.heading_data:
            self.doc.section_data[key] = self.heading_data
        if self.heading_tags:
            self.doc.section_tags[key] = list(dict.fromkeys(self.heading_tags))
            self.doc.tag_order.update(dict.fromkeys(self.heading_tags))

    # -- block: premise-conclusion structures -----------------------------------------
    def start_numbered(self, line: Line) -> None:
        """ "(n) words": a premise, or after an inference line a conclusion."""
        self.close()
        inference = None
        if self.block is Block.TREE:  # its argument is the one just above, or a new one
            top = self.last_top
            if top is not None and top[0] == "argument":
                self.owner = top[1]
            else:
                self.owner = self.doc.argument(None, line.number, self.section)
            if self.section is not None:  # the tool puts an argument where its structure is
                owner = self.doc.arguments[self.owner]
                owner.section, owner.placed = self.section, True
            self.block, self.steps = Block.PCS, []
        elif self.block is Block.INFERENCE:
            inference = Inference(self.rule, self.rule_data)
            self.block, self.rule = Block.PCS, ""
        words = self.words(line)
        self.reading = Reading.ELEMENT
        self.current = _Open(words, line.number, line.indent, None, None, line.level, inference)

    def inference_line(self, line: Line) -> None:
        self.close()
        if self.block is Block.TREE:
            self.doc.warnings.append(f"line {line.number}: an inference outside an argument")
            return
        self.block, self.rule = Block.INFERENCE, ", ".join(r for r in line.rules if r)
        self.rule_data = tuple(p[1] for p in line.parts if p[0] == "data")
        if line.specials:  # the argument's: its rules are written with it
            self.doc.arguments[self.owner].shortcodes.update(dict.fromkeys(line.specials))
        self.inferred = self.owner

    def pcs_statement(
        self, number: int, inference: Inference | None, element: Element
    ) -> tuple[str, str]:
        element.kind = "statement"
        data, element.data = tuple(element.data), []  # the step's, not the statement's
        _, title = self.doc.add(element, self.section)
        role = Role.PREMISE if inference is None else Role.CONCLUSION
        step = PcsStep(number, title, role, inference, element.line, data, element.text)
        self.steps.append(step)
        return ("statement", title)

    def end_block(self) -> None:
        if self.block is Block.TREE:
            return
        argument = self.doc.arguments[self.owner]
        if self.steps and not argument.pcs:
            argument.pcs = self.structure(self.steps)
        self.block, self.owner, self.steps, self.rule = Block.TREE, "", [], ""

    def structure(self, steps: list[PcsStep]) -> list[PcsStep]:
        """The steps as the model holds them (pcs.once_each, pcs.closed), each change
        said in a warning."""
        kept, dropped = once_each(steps)
        owner = shown(self.owner, 40)
        warned: set[str] = set()
        for step, place in dropped:
            if step.statement not in warned:
                warned.add(step.statement)
                self.doc.warnings.append(
                    f"line {step.line}: [{shown(step.statement, 40)}] is in the structure of "
                    f"<{owner}> more than once; argmap keeps it once, as ({place.number})"
                )
        out = closed(kept)
        if out and out[-1].role is Role.PREMISE and any(s.role is not Role.PREMISE for s in out):
            after = out[-1]
            self.doc.warnings.append(
                f"line {after.line}: ({after.number}) [{shown(after.statement, 40)}] comes "
                f"after the last conclusion of <{owner}>; its structure stays unfinished"
            )
        return out
