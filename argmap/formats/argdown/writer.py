"""argmap -> Argdown that reads back as the same map, in argmap and in the Argdown tool.

Every node is defined once, ``[Title]: text`` or ``<Title>: text``, in the order of
the tree; then the tree's relations, then the cross-links, each under a reference
to its target (an undercut and a contradiction under a reference to their
source, ``[X]`` then ``_> [Y]``, which the tool reads as written).  Nothing a user
types can become syntax: the writer knows where the tool starts a token (see lexer)
and escapes with a backslash exactly what would start one there.  What Argdown cannot
say (a line break in a text, a title that is empty, repeated or holds "]", a tag with
")", a note, a root that relates to another node) goes, only when needed, into a
data block ``{"argmap": {...}}`` after the text, which the Argdown tool keeps as data
and argmap reads back.
"""

from __future__ import annotations

from argmap.formats.argdown.escape import Hint, escape_text, joined_data, tag_list
from argmap.formats.argdown.frontmatter import merged_front_matter, read_front_matter
from argmap.formats.argdown.mapping import kind_of, pcs_of, relation_name, relations_of
from argmap.formats.argdown.pcs import Inference, Role
from argmap.formats.argdown.reader import parse
from argmap.formats.argdown.syntax import GENERATED_TITLE, title_base, visible_tags, visible_text
from argmap.formats.argdown.tagcolors import assigned_colors
from argmap.model import ArgumentMap
from argmap.model.document import Meta
from argmap.model.structure import Section

_SYMBOL_OUT = {
    "support": "<+",
    "entails": "<+",
    "attack": "<-",
    "contrary": "<-",
}


class _Writer:
    def __init__(self, m: ArgumentMap) -> None:
        self.m = m
        self.order = list(m.tree.walk())
        self.titles = self.make_titles()
        self.relations = relations_of(m)
        self.defined: set[str] = set()
        self.keep_root = self.roots_that_relate()
        #: (statement, text): a text a numbered statement writes, not its definition
        self.on_step: set[tuple[str, str]] = set()

    def make_titles(self) -> dict[str, str]:
        taken: dict[str, set[str]] = {"statement": set(), "argument": set()}
        counter = {"statement": 1, "argument": 1}
        suffix: dict[tuple[str, str], int] = {}
        titles = {}
        for node_id in self.order:
            node = self.m.nodes[node_id]
            kind = kind_of(node)
            base = title_base(node.title, kind == "argument")
            if base is None:
                k = counter[kind]
                while f"Untitled {k}" in taken[kind]:
                    k += 1
                counter[kind] = k + 1
                title = f"Untitled {k}"
            else:
                title = base
                if title in taken[kind]:
                    k = suffix.get((kind, base), 2)
                    while f"{base} ({k})" in taken[kind]:
                        k += 1
                    suffix[(kind, base)] = k + 1
                    title = f"{base} ({k})"
            taken[kind].add(title)
            titles[node_id] = title
        return titles

    def roots_that_relate(self) -> set[str]:
        """Roots the reader would hang under something: sources of relations and
        members of reconstructions."""
        nodes = self.m.nodes
        out = {s for s, t, _ in self.relations if s != t and nodes[s].parent is None}
        for node in nodes.values():
            for step in pcs_of(node, nodes):  # the argument hangs under its conclusion,
                moved = node.id if step.role is Role.CONCLUSION else step.statement  # premises
                if nodes[moved].parent is None:  # under the argument
                    out.add(moved)
        return out

    def ref(self, node_id: str) -> str:
        title = self.titles[node_id]
        return f"<{title}>" if kind_of(self.m.nodes[node_id]) == "argument" else f"[{title}]"

    def definition(
        self, node_id: str, prefix: str = "", step: list[str] | None = None, own: str = ""
    ) -> tuple[str, list[str]]:
        """The line defining a node, and lines to write after its block (more tags, more
        data); `step`: the data of a numbered statement, written before its own; `own`:
        the numbered statement's own text, for one defined before."""
        node = self.m.nodes[node_id]
        author = list(step or [])
        first = node_id not in self.defined
        if first:
            author += _own_data(node.meta)
        own = own if not first else ""
        shown = own or visible_text(node.text)
        tags = visible_tags(node.tags)
        hints: dict[str, Hint] = {}
        if node.text != shown and not own:
            hints["text"] = node.text
        written = self.titles[node_id]
        if node.title != ("" if GENERATED_TITLE.fullmatch(written) else written):
            hints["title"] = node.title
        if tuple(tags) != node.tags:
            hints["tags"] = list(node.tags)
        if node.note:
            hints["note"] = node.note
        if node_id in self.keep_root:
            hints["root"] = True
        argument = node.argument
        if argument is not None and argument.scheme:
            hints["scheme"] = argument.scheme
        if argument is not None and argument.questions:
            hints["questions"] = [q.text for q in argument.questions]
            hints["answered"] = [q.answered for q in argument.questions]
        data, more = joined_data(hints, author)
        codes = _kept(node.meta.get("argdown"), "shortcodes")  # live as read
        body, rest = escape_text(shown, tags, follow=data, shortcodes=codes)
        ref = self.ref(node_id)
        self.defined.add(node_id)
        extra = [f"{ref} {{{raw}}}" for raw in more]
        if first:  # its further texts (later descriptions, a step's own) as read
            extra += [
                f"{ref}: {escape_text(t, tags, shortcodes=codes)[0]}"
                for t in _texts(node.meta)
                if (node_id, t) not in self.on_step and t != _one_line(node.text)
            ]
        if body:
            after = [f"{ref} {tag_list(rest)}"] if rest else []
            return f"{prefix}{ref}: {body}{data}", after + extra
        return f"{prefix}{ref}{' ' + tag_list(rest) if rest else ''}{data}", extra

    def nodes(self) -> list[str]:
        """Every node's definition, under the heading of its section: first those in no
        section, then each section (nested ones under deeper headings) in order.  A
        reconstruction is written in the last section one of its statements is in, so
        that each statement first occurs in its own section."""
        by_section: dict[str | None, list[str]] = {}
        for node_id in self.order:
            by_section.setdefault(self.m.nodes[node_id].section, []).append(node_id)
        headings = self.headings()
        self.slot = {section.id: index for index, (section, _) in enumerate(headings, 1)}
        self.mentions = self.first_mentions()
        out = self.definitions(by_section.get(None, []), 0)
        info = self.m.meta.get("argdown")
        headed = info.get("section_data") if isinstance(info, dict) else None
        tagged = info.get("section_tags") if isinstance(info, dict) else None
        for index, (section, level) in enumerate(headings, 1):
            data = _kept(headed, section.id)
            block = f" {{{data[0]}}}" if data else ""
            title = " ".join(section.title.split())
            tags = [t for t in _kept(tagged, section.id) if t in title]  # live as read
            words = escape_text(title, tags, shortcodes=True, follow=block)[0]
            out += [f"{'#' * level} {words}{block}", ""]
            out += self.definitions(by_section.get(section.id, []), index)
        return out

    def headings(self) -> list[tuple[Section, int]]:
        """The sections in document order, each with its heading's level: the level the
        document had where it still nests the same (deeper than its parent's, not deeper
        than the sibling before), else one below its parent's."""
        info = self.m.meta.get("argdown")
        kept = info.get("levels") if isinstance(info, dict) else None
        levels = kept if isinstance(kept, dict) else {}
        children: dict[str | None, list[Section]] = {}
        for section in self.m.sections:
            children.setdefault(section.parent, []).append(section)
        out: list[tuple[Section, int]] = []
        stack = [(s, 1, 6) for s in reversed(children.get(None, []))]
        while stack:
            section, lowest, highest = stack.pop()
            level = levels.get(section.id)
            if not isinstance(level, int) or not lowest <= level <= highest:
                level = lowest
            out.append((section, level))
            if stack and stack[-1][1] == lowest:  # the next sibling: not deeper than this
                stack[-1] = (stack[-1][0], lowest, level)
            stack += [(c, level + 1, 6) for c in reversed(children.get(section.id, []))]
        return out

    def first_mentions(self) -> dict[int, list[str]]:
        """Nodes first named in a section before their own (a reference, as the tool's
        first member was there), by the slot of that section (0: before any heading)."""
        out: dict[int, list[str]] = {}
        for node_id in self.order:
            info = self.m.nodes[node_id].meta.get("argdown")
            if not isinstance(info, dict) or "mentioned" not in info:
                continue
            at = info["mentioned"]
            slot = self.slot.get(at, -1) if isinstance(at, str) else 0 if at is None else -1
            if 0 <= slot < self.slot_of(node_id):
                out.setdefault(slot, []).append(node_id)
        return out

    def definitions(self, node_ids: list[str], slot: int) -> list[str]:
        out: list[str] = []
        for node_id in self.mentions.get(slot, []):
            out += [self.ref(node_id), ""]
        for node_id in node_ids:
            node = self.m.nodes[node_id]
            if node_id in self.defined:
                continue
            pcs = pcs_of(node, self.m.nodes)
            out += self.before_structure(node_id)
            if pcs and self.bare(node_id, out):
                self.defined.add(node_id)
                out += self.reconstruction(node_id, [])
                continue
            line, after = self.definition(node_id)
            out += [line, ""]
            if pcs:
                out += self.reconstruction(node_id, after)
                after = []
            for line in after:
                out += [line, ""]
        return out

    def step_texts(self, node_id: str) -> dict[str, str]:
        """The own texts of an argument's numbered statements, by statement, as read."""
        info = self.m.nodes[node_id].meta.get("argdown")
        found = info.get("step_texts") if isinstance(info, dict) else None
        table = found if isinstance(found, dict) else {}
        return {k: " ".join(v.split()) for k, v in table.items() if isinstance(v, str) and v}

    def before_structure(self, node_id: str) -> list[str]:
        """Statements of the argument's section whose step has a text of its own or was
        a reference, defined before the argument (each with its first text), so that the
        step keeps its own text, or is a reference again."""
        out: list[str] = []
        here = self.m.nodes[node_id].section
        texts = self.step_texts(node_id)
        info = self.m.nodes[node_id].meta.get("argdown")
        refs = set(_kept(info, "step_refs"))
        for step in pcs_of(self.m.nodes[node_id], self.m.nodes):
            statement = step.statement
            node = self.m.nodes[statement]
            if statement in self.defined or node.section != here:
                continue
            own = texts.get(statement, _one_line(node.text))
            if statement not in refs and own == _one_line(node.text):
                continue
            self.on_step.add((statement, own))  # the step writes it
            line, after = self.definition(statement)
            out += [line, ""]
            for more in after:
                out += [more, ""]
        return out

    def bare(self, node_id: str, out: list[str]) -> bool:
        """An argument the tool knows only by its structure: no title, text, tags, data or
        relation; written as its structure alone (as the tool reads one with no argument
        above it: untitled, in no section), after a heading or a statement so that no
        argument above takes it."""
        node = self.m.nodes[node_id]
        if node.title or node.text or node.tags or node.note or node_id in self.keep_root:
            return False
        if node.argument is not None and (node.argument.scheme or node.argument.questions):
            return False  # they go in its data
        if _own_data(node.meta):
            return False
        if not GENERATED_TITLE.fullmatch(self.titles[node_id]):
            return False
        if any(node_id in (source, target) for source, target, _ in self.relations):
            return False
        above = next((line for line in reversed(out) if line), "#")
        return above.startswith(("#", "["))

    def slot_of(self, node_id: str) -> int:
        return self.slot.get(self.m.nodes[node_id].section or "", 0)

    def reconstruction(self, node_id: str, after: list[str]) -> list[str]:
        """The premise–conclusion structure of an argument, written after its definition
        (where the tool puts the argument in the section it is in); then `after`, lines
        of more tags.  A statement of the same section is defined again with its text (a
        reference has no text in the tool's model); one of another section is only
        referred to, as the tool puts a statement where its first definition in a section
        is."""
        out: list[str] = []
        here = self.m.nodes[node_id].section
        info = self.m.nodes[node_id].meta.get("argdown")
        steps = info.get("step_data") if isinstance(info, dict) else None
        inferences = info.get("inference_data") if isinstance(info, dict) else None
        texts = self.step_texts(node_id)
        refs = set(_kept(info, "step_refs"))  # steps read as references
        refs = set(_kept(info, "step_refs"))  # steps read as references
        for step in pcs_of(self.m.nodes[node_id], self.m.nodes):
            if step.role is not Role.PREMISE:
                data = _kept(inferences, step.statement)
                out.append(self.inference(step.inference, data, _kept(info, "shortcodes")))
            data = _kept(steps, step.statement)
            prefix = f"({step.number}) "
            again = step.statement in refs and step.statement in self.defined
            # defined before under its own heading: a text here no longer moves it (the
            # tool puts a statement where its first definition under a heading is)
            settled = (
                step.statement in self.defined
                and step.statement not in refs
                and self.m.nodes[step.statement].section is not None
            )
            if (self.m.nodes[step.statement].section == here and not again) or settled:
                own = texts.get(step.statement, "")
                if own == _one_line(self.m.nodes[step.statement].text):
                    own = ""  # its first text, written as it is
                line, more = self.definition(step.statement, prefix, data, own)
            else:
                block, rest = joined_data({}, data)
                ref = self.ref(step.statement)
                shown = f" {block}" if block else ""
                line, more = f"{prefix}{ref}{shown}", [f"{ref} {{{raw}}}" for raw in rest]
            out.append(line)
            after += more
        out.append("")
        for line in after:
            out += [line, ""]
        return out

    def inference(self, inference: Inference | None, data: list[str], codes: list[str]) -> str:
        """The inference line: its rules (`codes`: the shortcodes to leave for the tool to
        show), and its data as read ({uses: [1, 2]})."""
        rule = inference.rule if inference is not None else ""
        parts = [part.strip() for part in visible_text(rule).split(",")]
        parts = [escape_text(part, rule=True, shortcodes=codes)[0] for part in parts if part]
        block = f"{{{data[0]}}}" if data else ""  # one: the tool reads no second
        inner = " ".join(x for x in (", ".join(parts), block) if x)
        return f"-- {inner} --" if inner else "----"

    def relation_groups(self) -> list[str]:
        """A node's relations to itself first (the Argdown tool keeps them only there),
        then the tree's relations under each parent in sibling order, then the
        cross-links in order: the first relation of each node is its place in the tree."""
        m = self.m
        tree = m.tree
        edges = [(s, t, k) for s, t, k in self.relations if s == t]
        for node_id in self.order:
            for child in tree.children(node_id):
                node = m.nodes[child]
                if node.relation is not None:
                    kind = relation_name(node.meta.get("relation"), node.relation)
                    if kind is not None:
                        edges.append((child, node_id, kind))
        for link in m.links:
            kind = relation_name(link.meta.get("relation"), link.relation)
            if kind is not None:
                edges.append((link.source, link.target, kind))
        out: list[str] = []
        anchor: str | None = None
        for source, target, kind in edges:
            if kind == "contradictory":  # written from its source: [A] >< [B]
                here, line = source, f"    >< {self.ref(target)}"
            elif kind == "undercut":  # from its source, [X] _> [Y]: the tool reads a
                # "[Y] <_ [X]" after any inference line as undercutting that inference
                here, line = source, f"    _> {self.ref(target)}"
            else:
                here, line = target, f"    {_SYMBOL_OUT.get(kind, '<+')} {self.ref(source)}"
            if here != anchor:
                if out:
                    out.append("")
                out.append(self.ref(here))
                anchor = here
            out.append(line)
        return out


def _kept(table: object, key: str) -> list[str]:
    """The data blocks kept under `key` of `table`, as the reader kept them."""
    found = table.get(key) if isinstance(table, dict) else None
    return [d for d in found if isinstance(d, str) and d] if isinstance(found, list) else []


def _one_line(text: str) -> str:
    """A text as the tool shows it, spaces and line breaks as single spaces."""
    return " ".join(visible_text(text).split())


def _texts(meta: Meta) -> list[str]:
    """A node's second and later texts as read (meta.argdown.texts), each one line."""
    return [" ".join(t.split()) for t in _kept(meta.get("argdown"), "texts") if t.strip()]


def _own_data(meta: Meta) -> list[str]:
    """A node's data blocks as the author wrote them (meta.argdown.data)."""
    return _kept(meta.get("argdown"), "data")


def write_argdown(m: ArgumentMap) -> str:
    """The map as Argdown: every node defined once, every relation written once."""
    writer = _Writer(m)
    strict = any(kind in ("contrary", "entails") for _, _, kind in writer.relations)
    info = m.meta.get("argdown")
    kept = info.get("front_matter") if isinstance(info, dict) else None
    original = kept if isinstance(kept, str) else ""

    def front(colors: dict[str, str]) -> list[str]:
        lines = merged_front_matter(
            original, m.title, m.description, strict, colors, m.views, m.sections
        )
        return ["===", *lines, "===", ""] if lines else []

    body = writer.nodes() + writer.relation_groups()
    if not m.nodes and not m.sections:  # Argdown needs an element after the front matter
        sections = info.get("sections") if isinstance(info, dict) else None
        heading = sections[0] if isinstance(sections, list) and sections else m.title
        words = escape_text(" ".join(str(heading or "Untitled").split()))[0]
        level = "#" if m.title else "##"
        body.append(f"{level} {words or 'Untitled'}")
    colors = dict(m.tag_colors)
    pinned = read_front_matter(original).pinned_tags if original else frozenset()
    loose = [tag for tag in colors if tag not in pinned]  # no entry in the original
    if loose:  # written only where the tool would not give the tag that colour anyway
        trial = {tag: color for tag, color in colors.items() if tag in pinned}
        doc = parse(_joined(front(trial) + body))
        settings = doc.settings
        given = assigned_colors(doc.tag_order, settings.tag_scheme, settings.pinned_tags)
        colors = {
            tag: color
            for tag, color in colors.items()
            if tag in pinned or given.get(tag, "").lower() != color.lower()
        }
    return _joined(front(colors) + body)


def _joined(lines: list[str]) -> str:
    return "\n".join(lines).rstrip("\n") + "\n"
