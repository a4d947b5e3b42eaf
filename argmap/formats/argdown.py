"""Argdown in and out.

Reading follows the Argdown language as its own tool interprets it (version
1.7, "loose" mode unless the front matter asks for `model: mode: strict`):
statements are grouped by title into equivalence classes, arguments by
title; relations come from the indented relation trees; outgoing relations
of a reconstructed argument (one with a premise-conclusion structure) belong
to its main conclusion; in strict mode statement-to-statement support and
attack become entailment and contrariety.

The graph is then laid onto argmap's tree (docs/interchange.md): each node
under the target of its first relation, every further relation a cross-link.
Premises and conclusions of a reconstruction hang under their argument
(marked `premise` / `conclusion`, not relations) so the map stays readable.

A construct argmap cannot represent is reported by name and line, and the
rest still imports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.formats.atomic import atomic_write, describe_os_error
from argmap.formats.errors import LoadError
from argmap.model import ArgumentMap, CrossLink, Node, Relation

SUFFIXES = (".argdown", ".ad")
PLACEMENT = ("premise", "conclusion")  # tree edges that only place a node, not relations

# -- reading: lines -------------------------------------------------------------------

_RELATION = re.compile(r"^(\s*)(<\+|<-|<_|\+>|->|_>|><|\+|-|_)\s+(?=\S)")
_PCS = re.compile(r"^\s*\((\d+)\)\s*(.*)$")
_INFERENCE_LINE = re.compile(r"^\s*-{2,}(.*?)(-{2,})?\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_STATEMENT_HEAD = re.compile(r"^\[([^\]]+)\](:?)\s*(.*)$")
_ARGUMENT_HEAD = re.compile(r"^<([^>]+)>(:?)\s*(.*)$")
_TAG = re.compile(r"(?<![\w#\\])#(?:\(([^)]*)\)|([\w-]+))")
_DATA = re.compile(r"\{[^{}]*\}\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[*+-]|\d+\.)\s+")
_MENTION = re.compile(r"@(\[[^\]]+\]|<[^>]+>)")

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


def _strip_comments(text: str) -> str:
    """Remove <!-- -->, /* */ and // comments, keeping line numbers."""

    def blank(match: re.Match[str]) -> str:
        # NUL marks where a comment was: a line of only comment is no block break
        return re.sub(r"[^\n]", "\0", match.group())

    text = re.sub(r"<!--[\s\S]*?-->", blank, text)
    text = re.sub(r"/\*[\s\S]*?\*/", blank, text)
    return re.sub(
        r"(?m)(^|\s)//[^\n]*",
        lambda m: m.group(1) + "\0" * (len(m.group()) - len(m.group(1))),
        text,
    )


@dataclass
class _Element:
    kind: str  # "statement" | "argument"
    title: str | None
    text: str
    line: int
    tags: list[str] = field(default_factory=list)


@dataclass
class _Statement:
    title: str
    texts: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    untitled: bool = False
    line: int = 0
    section: str | None = None


@dataclass
class _Argument:
    title: str
    texts: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    pcs: list[dict[str, Any]] = field(default_factory=list)
    line: int = 0
    section: str | None = None


@dataclass
class _Relation:
    source: tuple[str, str]  # (kind, title)
    target: tuple[str, str]
    type: str
    line: int


@dataclass
class ArgdownDocument:
    statements: dict[str, _Statement] = field(default_factory=dict)
    arguments: dict[str, _Argument] = field(default_factory=dict)
    relations: list[_Relation] = field(default_factory=list)
    front_matter: str = ""
    strict: bool = False
    explode: bool = False
    title: str = ""
    warnings: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    _untitled: int = 0

    # -- building ---------------------------------------------------------------------
    def statement(
        self, title: str | None, text: str, line: int, section: str | None, tags: Iterable[str] = ()
    ) -> str:
        if title is None:
            self._untitled += 1
            title = f"Untitled {self._untitled}"
            entry = self.statements.setdefault(title, _Statement(title, untitled=True, line=line))
        else:
            entry = self.statements.setdefault(title, _Statement(title, line=line))
        if entry.section is None:
            entry.section = section
        if text:
            entry.texts.append(text)
        entry.tags.extend(t for t in tags if t not in entry.tags)
        return title

    def argument(
        self, title: str | None, text: str, line: int, section: str | None, tags: Iterable[str] = ()
    ) -> str:
        if title is None:
            self._untitled += 1
            title = f"Untitled {self._untitled}"
        entry = self.arguments.setdefault(title, _Argument(title, line=line))
        if entry.section is None:
            entry.section = section
        if text:
            entry.texts.append(text)
        entry.tags.extend(t for t in tags if t not in entry.tags)
        return title

    def element(self, element: _Element, section: str | None) -> tuple[str, str]:
        args = (element.title, element.text, element.line, section, element.tags)
        if element.kind == "argument":
            return "argument", self.argument(*args)
        return "statement", self.statement(*args)


def _tags(text: str) -> list[str]:
    return [a or b for a, b in _TAG.findall(text)]


_ESCAPED = re.compile(r"\\([\\\[\]<>{}#@*_/\-+()])")


def _protect(match: re.Match[str]) -> str:
    return chr(0xE000 + ord(match.group(1)))  # a private-use stand-in, restored at the end


def _clean_text(text: str) -> tuple[str, list[str]]:
    """The element's words and tags: escapes honoured, data blocks and emphasis dropped."""
    text = _ESCAPED.sub(_protect, text)
    tags = _tags(text)
    text = _DATA.sub("", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])", r"\2", text)
    text = _MENTION.sub(lambda m: m.group(1), text)
    text = " ".join(text.split())
    restore = re.compile("[\ue000-\ue07f]")
    return restore.sub(lambda m: chr(ord(m.group()) - 0xE000), text), [
        restore.sub(lambda m: chr(ord(m.group()) - 0xE000), tag) for tag in tags
    ]


def _parse_element(raw: str, line: int) -> _Element:
    raw = raw.strip()
    for pattern, kind in ((_STATEMENT_HEAD, "statement"), (_ARGUMENT_HEAD, "argument")):
        match = pattern.match(raw)
        if match:
            title, rest = match.group(1).strip(), match.group(3)
            text, tags = _clean_text(rest)
            return _Element(kind, title, text, line, tags)
    text, tags = _clean_text(raw)
    return _Element("statement", None, text, line, tags)


@dataclass
class _Open:
    """An element being read: its first line, continuation lines, and where it hangs."""

    raw: list[str]
    line: int
    indent: int
    relation: str | None  # the symbol linking it to its parent, if any
    parent: tuple[str, str] | None
    pcs: int | None = None  # its number, for a premise or conclusion of a reconstruction


def parse(text: str) -> ArgdownDocument:
    """Argdown text -> statements, arguments and relations (the Argdown tool's model)."""
    doc = ArgdownDocument()
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    start = 0
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].strip() == "===":
        for end in range(first + 1, len(lines)):
            if lines[end].strip() == "===":
                doc.front_matter = "\n".join(lines[first + 1 : end])
                start = end + 1
                break
        doc.strict = bool(re.search(r"(?m)^\s*mode:\s*['\"]?strict", doc.front_matter))
        doc.explode = bool(re.search(r"(?m)^\s*explodeArguments:\s*true", doc.front_matter))
        title = re.search(r"(?m)^title:\s*(.+)$", doc.front_matter)
        if title:
            doc.title = title.group(1).strip().strip("'\"")
    body = _strip_comments("\n".join(lines[start:]))
    _Reader(doc, body.split("\n"), start).run()
    if doc.strict:
        _strict_statement_relations(doc)
    _move_argument_relations(doc)
    return doc


class _Reader:
    def __init__(self, doc: ArgdownDocument, lines: list[str], offset: int) -> None:
        self.doc = doc
        self.lines = lines
        self.offset = offset
        self.section: str | None = None
        self.current: _Open | None = None
        self.stack: list[tuple[int, tuple[str, str]]] = []  # (indent, element) of relation trees
        self.last_top: tuple[str, str] | None = None
        self.pcs_owner: str | None = None
        self.pcs: list[dict[str, Any]] = []
        self.pending_inference: dict[str, Any] | None = None
        self.in_inference = False
        self.in_heading = False

    def run(self) -> None:
        for index, line in enumerate(self.lines):
            self.feed(line, index + 1 + self.offset)
        self.close()
        self.finish_pcs()

    # -- elements ---------------------------------------------------------------------
    def close(self) -> tuple[str, str] | None:
        """Finish the element being read and record it with its relation."""
        current, self.current = self.current, None
        if current is None:
            return None
        raw = " ".join(part.strip() for part in current.raw)
        if current.pcs is not None:
            ref = self.pcs_statement(current.pcs, raw, current.line)
            self.stack = [(current.indent, ref)]
            return ref
        element = _parse_element(raw, current.line)
        ref = self.doc.element(element, self.section)
        if current.relation is not None and current.parent is not None:
            relation_type, incoming = _SYMBOLS[current.relation]
            if incoming:
                source, target = ref, current.parent
            else:
                source, target = current.parent, ref
            self.doc.relations.append(_Relation(source, target, relation_type, current.line))
        if current.relation is None:
            self.last_top = ref
            self.stack = [(current.indent, ref)]
        else:
            self.stack.append((current.indent, ref))
        return ref

    def feed(self, line: str, number: int) -> None:
        if "\0" in line:
            if not line.replace("\0", "").strip():
                return  # only a comment: neither text nor a blank line
            line = line.replace("\0", " ")
        stripped = line.strip()
        if not stripped:
            self.close()
            self.in_inference = False
            self.in_heading = False
            return
        if self.in_heading:  # a heading goes on until a blank line
            self.section = f"{self.section} {stripped}".strip()
            if self.doc.sections:
                self.doc.sections[-1] = self.section
            return
        indent = len(line) - len(line.lstrip())
        heading = _HEADING.match(stripped) if self.current is None or indent < 4 else None
        if heading and not stripped.startswith("#("):
            self.close()
            self.finish_pcs()
            self.section = heading.group(2)
            self.in_heading = True
            self.doc.sections.append(self.section)
            if not self.doc.title and len(heading.group(1)) == 1:
                self.doc.title = self.section
            self.stack = []
            return
        if stripped.startswith(("@include", "@import")):
            # the Argdown tool reads it as a statement too; the other file is not read
            self.doc.warnings.append(f"line {number}: include ({stripped[:40]}) is not followed")
        pcs = _PCS.match(line)
        if pcs and (self.pcs_owner is not None or self.current is not None or self.last_top):
            self.close()
            if self.pcs_owner is None:
                self.start_pcs(number)
            self.in_inference = False
            self.current = _Open([pcs.group(2)], number, indent, None, None, int(pcs.group(1)))
            return
        if self.pcs_owner is not None and stripped.startswith("--") and set(stripped) <= {"-"}:
            self.close()
            if self.in_inference:  # the closing line of a multi-line inference
                self.in_inference = False
            elif stripped == "--":  # an inference rule follows, up to the next "--"
                self.pending_inference = {"rule": ""}
                self.in_inference = True
            else:
                self.pending_inference = {"rule": ""}
            return
        inline = re.match(r"^\s*--+\s*(.*?)\s*--+\s*$", line) if self.pcs_owner else None
        if inline:
            self.close()
            self.pending_inference = {"rule": inline.group(1)}
            return
        if self.in_inference and self.pcs_owner is not None:
            if self.pending_inference is not None:
                rule = self.pending_inference.get("rule", "")
                self.pending_inference["rule"] = (rule + " " + stripped).strip()
            return
        relation = _RELATION.match(line)
        if relation and (self.stack or self.current is not None):
            self.close()
            symbol = relation.group(2)
            depth = len(relation.group(1))
            while self.stack and self.stack[-1][0] >= depth and len(self.stack) > 1:
                self.stack.pop()
            parent = self.stack[-1][1] if self.stack else None
            if parent is None:
                self.doc.warnings.append(f"line {number}: relation without an element above it")
                return
            self.current = _Open([line[relation.end() :]], number, depth, symbol, parent)
            return
        item = _LIST_ITEM.match(line) if not stripped.startswith(("-", "+")) else None
        if self.current is not None and item is None:
            self.current.raw.append(line)
            return
        self.close()
        # a new top-level element (statement, argument, or a list item's text)
        if self.pcs_owner is not None and not pcs and indent == 0:
            self.finish_pcs()
        raw = _LIST_ITEM.sub("", line, count=1) if _LIST_ITEM.match(line) else line
        self.current = _Open([raw], number, indent, None, None)

    # -- premise-conclusion structures ------------------------------------------------
    def start_pcs(self, number: int) -> None:
        owner = self.last_top if self.last_top and self.last_top[0] == "argument" else None
        if owner is None:
            title = self.doc.argument(None, "", number, self.section)
        else:
            title = owner[1]
        self.pcs_owner = title
        self.pcs = []
        self.pending_inference = None

    def pcs_statement(self, number: int, raw: str, line: int) -> tuple[str, str]:
        element = _parse_element(raw, line)
        title = self.doc.statement(element.title, element.text, line, self.section, element.tags)
        role = "premise"
        inference = None
        if self.pending_inference is not None:
            role = "conclusion"
            rule = str(self.pending_inference.get("rule", ""))
            inference = {"rule": _ESCAPED.sub(lambda m: m.group(1), rule)}
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
        self.in_inference = False


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


# -- onto argmap's model -------------------------------------------------------------

_ARGMAP_RELATION = {
    "support": Relation.SUPPORTS,
    "entails": Relation.SUPPORTS,
    "attack": Relation.REBUTS,
    "undercut": Relation.REBUTS,
    "contrary": Relation.REBUTS,
    "contradictory": Relation.REBUTS,
}


def _node_id(kind: str, index: int) -> str:
    return f"{'s' if kind == 'statement' else 'a'}{index}"


def to_map(doc: ArgdownDocument) -> ArgumentMap:
    ids: dict[tuple[str, str], str] = {}
    fields: dict[str, dict[str, Any]] = {}
    for index, entry in enumerate(doc.statements.values(), 1):
        node_id = _node_id("statement", index)
        ids[("statement", entry.title)] = node_id
        fields[node_id] = {
            "text": entry.texts[0] if entry.texts else "",
            "title": "" if entry.untitled else entry.title,
            "tags": tuple(entry.tags),
            "meta": {"argdown": _meta("statement", entry.line, entry.section, entry.texts[1:])},
        }
    for index, argument in enumerate(doc.arguments.values(), 1):
        node_id = _node_id("argument", index)
        ids[("argument", argument.title)] = node_id
        meta = _meta("argument", argument.line, argument.section, argument.texts[1:])
        steps = sum(1 for step in argument.pcs if step["role"] != "premise")
        if doc.explode and steps > 1:
            meta["exploded"] = steps  # the Argdown tool shows one argument per inference
        if argument.pcs:
            meta["pcs"] = [
                {
                    "number": step["number"],
                    "node": ids[("statement", step["title"])],
                    "role": step["role"],
                    **({"inference": step["inference"]} if step["inference"] else {}),
                }
                for step in argument.pcs
            ]
        fields[node_id] = {
            "text": argument.texts[0] if argument.texts else "",
            "title": argument.title,
            "tags": tuple(argument.tags),
            "meta": {"argdown": meta},
        }
    edges = [(ids[r.source], ids[r.target], r.type) for r in doc.relations if r.source != r.target]
    for relation in doc.relations:
        if relation.source == relation.target:  # e.g. a self-attacking argument
            meta = fields[ids[relation.source]]["meta"]["argdown"]
            meta.setdefault("self_relations", []).append(relation.type)
    # premises and conclusions hang under their argument unless a relation places them
    placement = []
    for argument in doc.arguments.values():
        owner = ids[("argument", argument.title)]
        for step in argument.pcs:
            kind = "conclusion" if step["role"] == "conclusion" else "premise"
            statement = ids[("statement", step["title"])]
            if kind == "conclusion":
                placement.append((owner, statement, kind))
            else:
                placement.append((statement, owner, kind))
    m = build_map(list(fields), fields, edges, placement)
    about: dict[str, Any] = {}
    if doc.front_matter:
        about["front_matter"] = doc.front_matter
    if doc.warnings:
        about["warnings"] = doc.warnings
    if doc.sections:
        about["sections"] = doc.sections
    return m.evolve(title=doc.title or m.title, meta={"argdown": about} if about else {})


def _meta(kind: str, line: int, section: str | None, more: list[str]) -> dict[str, Any]:
    meta: dict[str, Any] = {"type": kind, "line": line}
    if section:
        meta["section"] = section
    if more:
        meta["texts"] = more
    return meta


def build_map(
    order: list[str],
    fields: dict[str, dict[str, Any]],
    edges: Iterable[tuple[str, str, str]],
    placement: Iterable[tuple[str, str, str]] = (),
) -> ArgumentMap:
    """Nodes plus (source, target, type) relations -> a spanning tree plus cross-links.

    `placement` edges only decide where a node hangs when no relation does.
    """
    parent: dict[str, tuple[str, str]] = {}

    def reaches(start: str, goal: str) -> bool:
        current: str | None = start
        while current is not None:
            if current == goal:
                return True
            step = parent.get(current)
            current = step[0] if step else None
        return False

    links: list[tuple[str, str, str]] = []
    for source, target, kind in edges:
        if source not in parent and not reaches(target, source):
            parent[source] = (target, kind)
        else:
            links.append((source, target, kind))
    for source, target, kind in placement:
        if source not in parent and source != target and not reaches(target, source):
            parent[source] = (target, kind)
    children: dict[str | None, list[str]] = {}
    for node_id in order:
        placed = parent.get(node_id)
        children.setdefault(placed[0] if placed else None, []).append(node_id)
    nodes = []
    for node_id in order:
        step = parent.get(node_id)
        above: str | None = step[0] if step else None
        kind = step[1] if step else ""
        data = dict(fields[node_id])
        meta = dict(data.pop("meta", {}))
        relation = None
        if above is not None:
            relation = _ARGMAP_RELATION.get(kind, Relation.SUPPORTS)
            if kind not in ("support", "attack"):
                meta["relation"] = kind
        siblings = children[above]
        nodes.append(
            Node(
                id=node_id,
                parent=above,
                relation=relation,
                order=siblings.index(node_id),
                meta=meta,
                **data,
            )
        )
    cross = tuple(
        CrossLink(
            id=f"x{index}",
            source=source,
            target=target,
            relation=_ARGMAP_RELATION.get(kind, Relation.SUPPORTS),
            meta={} if kind in ("support", "attack") else {"relation": kind},
        )
        for index, (source, target, kind) in enumerate(links, 1)
    )
    return ArgumentMap(nodes=nodes, links=cross)


def read_argdown(text: str | bytes, path: str | Path | None = None) -> ArgumentMap:
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise LoadError(path, f"byte {exc.start}", "is not UTF-8 text") from None
    try:
        doc = parse(text)
    except RecursionError:
        raise LoadError(path, None, "nested too deeply") from None
    try:
        return to_map(doc)
    except ValueError as exc:
        raise LoadError(path, None, f"cannot be mapped: {exc}") from None


def load_argdown(path: str | Path) -> ArgumentMap:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LoadError(path, None, describe_os_error(exc, reading=True)) from exc
    return read_argdown(raw, path)


# -- counting, as the Argdown tool's JSON does ---------------------------------------


def _relation_name(kept: object, relation: Relation) -> str | None:
    """The Argdown type of a tree edge or cross-link; None for an edge that only places."""
    if kept in PLACEMENT:
        return None
    if isinstance(kept, str):
        return kept
    return "support" if relation is Relation.SUPPORTS else "attack"


def relations_of(m: ArgumentMap) -> list[tuple[str, str, str]]:
    """(source, target, Argdown relation type) of every relation the map holds."""
    out = []
    for node in m.nodes.values():
        if node.parent is None or node.relation is None:
            continue
        name = _relation_name(node.meta.get("relation"), node.relation)
        if name is not None:
            out.append((node.id, node.parent, name))
    for link in m.links:
        name = _relation_name(link.meta.get("relation"), link.relation)
        if name is not None:
            out.append((link.source, link.target, name))
    for node in m.nodes.values():
        info = node.meta.get("argdown")
        own = info.get("self_relations") if isinstance(info, dict) else None
        for kind in own if isinstance(own, list) else ():
            out.append((node.id, node.id, str(kind)))
    return out


def counts(m: ArgumentMap) -> tuple[int, int, dict[str, int]]:
    """Statements, arguments and relations by type, counted as the Argdown tool counts them."""
    statements = arguments = 0
    for node in m.nodes.values():
        if kind_of(node) == "statement":
            statements += 1
            continue
        info = node.meta.get("argdown")
        exploded = info.get("exploded") if isinstance(info, dict) else None
        arguments += exploded if isinstance(exploded, int) and exploded > 1 else 1
    by_type: dict[str, int] = {}
    for _, _, kind in relations_of(m):
        by_type[kind] = by_type.get(kind, 0) + 1
    return statements, arguments, by_type


def kind_of(node: Node) -> str:
    info = node.meta.get("argdown")
    if isinstance(info, dict) and info.get("type") == "argument":
        return "argument"
    return "statement"


# -- writing -------------------------------------------------------------------------

_SYMBOL_OUT = {
    "support": "<+",
    "entails": "<+",
    "attack": "<-",
    "contrary": "<-",
    "undercut": "<_",
}


def _escape(text: str) -> str:
    """Text that Argdown reads back as the same words (no new tags, titles or comments)."""
    text = " ".join(text.split())
    text = re.sub(r"([\\\[\]<>{}#@*_])", r"\\\1", text)
    return text.replace("//", "/\\/").replace("--", "-\\-")


def _text_with_tags(text: str, tags: Iterable[str]) -> str:
    """Escaped text in which the node's own tags stay tags; missing ones are appended."""
    out = _escape(text)
    extra = []
    for tag in tags:
        plain = re.escape(_escape(tag))
        found = False
        for pattern, live in (
            (rf"\\#\({plain}\)", f"#({tag})"),
            (rf"\\#{plain}(?![\w-])", f"#{tag}"),
        ):
            if re.search(pattern, out):
                out = re.sub(pattern, live.replace("\\", "\\\\"), out)
                found = True
        if not found:
            extra.append(f"#({tag})")
    return " ".join(part for part in (out, *extra) if part)


def _titles(m: ArgumentMap) -> dict[str, str]:
    taken: set[tuple[str, str]] = set()
    titles = {}
    for node_id in m.tree.walk():
        node = m.nodes[node_id]
        kind = kind_of(node)
        base = node.title or (f"Untitled {node_id}" if kind == "statement" else node_id)
        base = re.sub(r"[\[\]<>\n]", " ", base).strip() or node_id
        title, n = base, 1
        while (kind, title) in taken:
            n += 1
            title = f"{base} ({n})"
        taken.add((kind, title))
        titles[node_id] = title
    return titles


def write_argdown(m: ArgumentMap) -> str:
    """The map as Argdown: every node defined once, every relation written once."""
    titles = _titles(m)
    relations = relations_of(m)
    strict = any(kind in ("contrary", "entails") for _, _, kind in relations)
    out: list[str] = []
    info = m.meta.get("argdown")
    original = info.get("front_matter") if isinstance(info, dict) else None
    if isinstance(original, str) and original.strip():
        out += ["===", original, "===", ""]  # settings such as strict mode travel along
    else:
        front = []
        if m.title:
            front.append(f"title: {_yaml_string(m.title)}")
        if strict:
            front.append("model:\n    mode: strict")
        if front:
            out += ["===", *front, "===", ""]
    if m.description:
        out += [f"// {line}" for line in m.description.splitlines()] + [""]

    def ref(node_id: str) -> str:
        node = m.nodes[node_id]
        return f"<{titles[node_id]}>" if kind_of(node) == "argument" else f"[{titles[node_id]}]"

    pcs_members: set[str] = set()
    for node_id in m.tree.walk():
        node = m.nodes[node_id]
        body = _text_with_tags(node.text, node.tags)
        if kind_of(node) == "argument":
            out.append(f"{ref(node_id)}: {body}" if body else ref(node_id))
            info = node.meta.get("argdown")
            pcs = info.get("pcs") if isinstance(info, dict) else None
            if isinstance(pcs, list) and pcs:
                out.append("")
                for step in pcs:
                    if not isinstance(step, dict) or step.get("node") not in m.nodes:
                        continue
                    member = str(step["node"])
                    if step.get("role") in ("conclusion", "intermediate"):
                        inference = step.get("inference")
                        rule = inference.get("rule", "") if isinstance(inference, dict) else ""
                        out.append(f"-- {_escape(str(rule))} --" if rule else "----")
                    statement = m.nodes[member]
                    words = _text_with_tags(statement.text, statement.tags)
                    out.append(f"({step.get('number', 1)}) {ref(member)}: {words}")
                    pcs_members.add(member)
            out.append("")
        else:
            if node_id in pcs_members:
                continue
            out.append(f"{ref(node_id)}: {body}" if body else ref(node_id))
            out.append("")
    grouped: dict[str, list[str]] = {}
    # a node's relations to itself first: the Argdown tool keeps them only there
    relations.sort(key=lambda relation: relation[0] != relation[1])
    for source, target, kind in relations:
        if kind == "contradictory":  # written from its source: [A] >< [B]
            grouped.setdefault(source, []).append(f"    >< {ref(target)}")
        else:
            grouped.setdefault(target, []).append(
                f"    {_SYMBOL_OUT.get(kind, '<+')} {ref(source)}"
            )
    for anchor, lines in grouped.items():
        out += [ref(anchor), *lines, ""]
    if not m.nodes:  # Argdown needs at least one element after the front matter
        sections = info.get("sections") if isinstance(info, dict) else None
        heading = sections[0] if isinstance(sections, list) and sections else m.title
        out.append(f"# {' '.join(str(heading or 'Untitled').split())}")
    return "\n".join(out).rstrip() + "\n"


def _yaml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def save_argdown(m: ArgumentMap, path: str | Path) -> None:
    atomic_write(path, write_argdown(m).encode("utf-8"))
