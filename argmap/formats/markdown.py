"""Export of a map as a readable Markdown outline.

::

    # Map title

    Description.

    ## Top-level claim #tag (¶ 2)

    - **Support:** a reason (¶ 3)
      - **Rebuttal:** an objection to it
    - **Co-premises (together a support):**
      - **Co-premise:** one premise
      - **Co-premise:** the premise it needs

    ## Cross-links

    - “A reason” rebuts “An objection to it”

Every top-level claim is a ``##`` heading with its reasons as a nested list
below (two spaces per level).  Nesting stops at `MAX_NESTING` levels, so the
output stays linear in the map's size however deep it is (a 50,000-deep
chain would otherwise be gigabytes of spaces): deeper items keep that
indentation and say their level, ``- (level 12) **Support:** …``, in the
same order as before, so an item's parent is the nearest item above it one
level up.  Co-premises (siblings sharing a group) are
listed together under one item, at the place of the first of them.  Tags
follow the text as ``#tag``, source paragraphs as ``(¶ 3)``; a node's title
leads its text in bold (``**Title**: text``) and its note follows on its own
line.  Sections are headings: claims in no section first, then each section
(nested ones a level deeper) with its claims a level below it; a node under a
claim of another section says ``(§ Title)`` there and is named again under its
own section's heading, with its relation and the claim it is listed under.  An
argument lists its scheme, its numbered premises and conclusions and its critical
questions as a task list below its item; an undercut is ``**Undercut:**``.  Line breaks
in a text become hard line breaks (a backslash at the end of the line), blank
lines paragraph breaks inside the same item.

User text is escaped so that it renders literally: Markdown's punctuation
(``\\ ` * _ [ ] < > # | ~ $``) gets a backslash everywhere, entity-like ``&``
too, and list markers, ``=`` and ``1.`` at the start of a line as well.

The walk is iterative, so a 50,000-deep chain exports like any other map.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from argmap.formats.atomic import atomic_write
from argmap.model import ArgumentMap, Node, Relation
from argmap.model.structure import StepRole

SHORT_TEXT = 60
INDENT = "  "
#: list levels nested by indentation; deeper ones are numbered instead
MAX_NESTING = 8

_SPECIAL = re.compile(r"[\\`*_\[\]<>#|~$]")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_BLOCK_START = re.compile(r"\s*(?:[-+=]|[0-9]+[.)])")
_NO_TEXT = "*(no text)*"
#: what CommonMark ends a line at; inside one line of the outline it is a space
_BREAK = re.compile(r"\r\n?|\n")

_ROLE = {Relation.SUPPORTS: "Support", Relation.REBUTS: "Rebuttal", Relation.UNDERCUTS: "Undercut"}
_GROUP_ROLE = {
    Relation.SUPPORTS: "a support",
    Relation.REBUTS: "a rebuttal",
    Relation.UNDERCUTS: "an undercut",
}
#: leads the list of a section's nodes that the outline lists under another section's claim
_ELSEWHERE = "In this section, listed elsewhere in the outline:"
#: deepest Markdown heading
MAX_HEADING = 6
_STEP_ROLE = {StepRole.INTERMEDIATE: "Intermediate conclusion", StepRole.CONCLUSION: "Conclusion"}


def save_markdown(m: ArgumentMap, path: str | Path) -> None:
    """Write the outline to `path` atomically (UTF-8); raises `SaveError`."""
    atomic_write(path, write_markdown(m).encode("utf-8"))


def write_markdown(m: ArgumentMap) -> str:
    """The map as a Markdown outline; see the module documentation."""
    out = ["# " + (escape_inline(" ".join(_lines(m.title))) or "Untitled argument map")]
    if m.description.strip():
        out.append("")
        out.extend(_continued(_paragraphs(m.description), ""))
    source = _source_line(m)
    if source:
        out += ["", source]
    placed = _where(m)
    where = placed.where
    for root, level in _walk_sections(m, out, placed.elsewhere):
        out.append("")
        out.extend(_claim(m, m.nodes[root], level, where))
        body = _reasons(m, root, where)
        if body:
            out.append("")
            out.extend(body)
    if m.links:
        out += ["", "## Cross-links", ""]
        for link in m.links:
            verb = link.relation.value.replace("undercuts", "undercuts the inference of")
            original = link.meta.get("relation")
            if isinstance(original, str) and original and original != verb:
                verb += f" ({escape_inline(original)})"
            source, target = short_text(m.nodes[link.source]), short_text(m.nodes[link.target])
            out.append(f"- “{source}” {verb} “{target}”")
    return "\n".join(out) + "\n"


# -- sections ------------------------------------------------------------------------


def _section_order(m: ArgumentMap) -> list[tuple[str, int]]:
    """Sections depth first, each under its parent, in the map's order, with its depth."""
    below: dict[str | None, list[str]] = {}
    for section in m.sections:
        below.setdefault(section.parent, []).append(section.id)
    order: list[tuple[str, int]] = []
    stack = [(s, 0) for s in reversed(below.get(None, []))]
    while stack:
        section_id, depth = stack.pop()
        order.append((section_id, depth))
        stack.extend((s, depth + 1) for s in reversed(below.get(section_id, [])))
    return order


def _walk_sections(
    m: ArgumentMap, out: list[str], elsewhere: dict[str, list[str]]
) -> Iterator[tuple[str, int]]:
    """The top-level claims with their heading level: those in no section first, as
    ``##``; then each section as a heading written to `out` in its turn (a nested one a
    level deeper), with the nodes of it `elsewhere` lists, then its claims one level
    below it."""
    by_section: dict[str | None, list[str]] = {}
    for root in m.tree.roots:
        by_section.setdefault(m.nodes[root].section, []).append(root)
    for root in by_section.pop(None, []):
        yield root, 2
    titles = {s.id: s.title for s in m.sections}
    for section_id, depth in _section_order(m):
        level = min(2 + depth, MAX_HEADING)
        title = escape_inline(" ".join(_lines(titles[section_id])))
        out += ["", "#" * level + " " + title]
        if section_id in elsewhere:
            out += ["", _ELSEWHERE, "", *elsewhere[section_id]]
        for root in by_section.get(section_id, []):
            yield root, min(level + 1, MAX_HEADING)


class _Placed(NamedTuple):
    where: dict[str, str]  # node id -> "(§ title)", for a node listed in another section
    elsewhere: dict[str, list[str]]  # section id -> its nodes listed there, as list items


def _where(m: ArgumentMap) -> _Placed:
    """Nodes listed under a claim of another section than their own: in the tree they
    say ``(§ title)``; under their own section's heading they are named again."""
    titles = {s.id: " ".join(_lines(s.title)) for s in m.sections}
    placed = _Placed({}, {})
    for root in m.tree.roots:
        home = m.nodes[root].section
        listed = f"listed under “{short_text(m.nodes[root])}”"
        if home is not None and home in titles:
            listed += f" (§ {escape_inline(titles[home])})"
        for node_id in m.tree.walk(root):
            node = m.nodes[node_id]
            section = node.section
            if section is None or section == home or section not in titles:
                continue
            placed.where[node_id] = f"(§ {escape_inline(titles[section])})"
            assert node.parent is not None and node.relation is not None
            parent = short_text(m.nodes[node.parent])
            role = _GROUP_ROLE[node.relation]
            item = f"- “{short_text(node)}”, {role} of “{parent}”, {listed}"
            placed.elsewhere.setdefault(section, []).append(item)
    return placed


# -- premise–conclusion structures ---------------------------------------------------


def _structure(m: ArgumentMap, node: Node, pad: str) -> list[str]:
    """An argument's scheme, numbered premises and conclusions, and critical questions."""
    argument = node.argument
    if argument is None:
        return []
    out: list[str] = []
    if argument.scheme.strip():
        out.append(f"{pad}*Scheme:* {escape_inline(' '.join(_lines(argument.scheme)))}")
    for number, step in enumerate(argument.pcs, 1):
        statement = m.nodes.get(step.statement)
        text = short_text(statement) if statement is not None else "(missing)"
        role = _STEP_ROLE.get(step.role)
        if role is not None:
            rule = " ".join(_lines(step.inference))
            role += f" (inference: {escape_inline(rule)})" if rule else ""
            text = f"**{role}:** {text}"
        out.append(f"{pad}{number}. {text}")
    for question in argument.questions:
        box = "x" if question.answered else " "
        out.append(f"{pad}- [{box}] {escape_inline(' '.join(_lines(question.text)))}")
    return out


# -- escaping ------------------------------------------------------------------------


def escape_inline(text: str) -> str:
    """Backslash-escape what Markdown would read as markup inside a line; a line break
    (LF, CR or CRLF) becomes a space, so the piece stays on its line."""
    text = _BREAK.sub(" ", text)
    return _ENTITY.sub(r"\\&", _SPECIAL.sub(lambda match: "\\" + match.group(), text))


def escape_line(text: str) -> str:
    """`escape_inline`, and no list marker, setext underline or `1.` at the start either."""
    escaped = escape_inline(text)
    start = _BLOCK_START.match(escaped)
    if start is None:
        return escaped
    at = start.end() - 1  # the marker's last character
    return f"{escaped[:at]}\\{escaped[at:]}"


def short_text(node: Node) -> str:
    """The node's title, or the first line of its text cut to `SHORT_TEXT`; escaped."""
    lines = _lines(node.title) or _lines(node.text)
    if not lines:
        return "(no text)"
    text = lines[0]
    if len(lines) > 1 or len(text) > SHORT_TEXT:
        if len(text) > SHORT_TEXT:
            cut = text[: SHORT_TEXT - 1]
            space = cut.rfind(" ")
            text = cut[:space] if space > SHORT_TEXT // 2 else cut
        text = text.rstrip() + "…"
    return escape_inline(text)


# -- pieces --------------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    """The non-blank lines of `text` (at LF, CR or CRLF, as CommonMark reads them), stripped."""
    return [line.strip() for line in _BREAK.split(text) if line.strip()]


def _paragraphs(text: str) -> list[list[str]]:
    """Escaped lines, grouped into paragraphs at blank lines."""
    paragraphs: list[list[str]] = [[]]
    for raw in _BREAK.split(text):
        line = raw.strip()
        if line:
            paragraphs[-1].append(escape_line(line))
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def _continued(paragraphs: list[list[str]], pad: str) -> list[str]:
    """Lines of paragraphs at `pad`: hard breaks inside, a blank line between."""
    out: list[str] = []
    for p_index, paragraph in enumerate(paragraphs):
        if p_index:
            out.append("")
        for l_index, line in enumerate(paragraph):
            end = "\\" if l_index < len(paragraph) - 1 else ""
            out.append(pad + line + end)
    return out


def _decorations(node: Node) -> str:
    tags = (" ".join(_lines(tag)) for tag in node.tags)
    parts = [f"#{escape_inline(tag)}" for tag in tags if tag]
    paragraphs = sorted({ref.paragraph for ref in node.refs})
    if paragraphs:
        parts.append("(" + ", ".join(f"¶ {p}" for p in paragraphs) + ")")
    return " ".join(parts)


def _content(node: Node, where: str = "") -> list[list[str]]:
    """The node's title, text, tags, references, section (`where`, when it is not the
    heading's) and note as escaped paragraphs; an argument's text may be empty."""
    empty = [[_NO_TEXT]] if not (node.argument is not None and node.title.strip()) else [[""]]
    paragraphs = _paragraphs(node.text) or empty
    title = " ".join(_lines(node.title))
    if title:
        first = paragraphs[0][0]
        paragraphs[0][0] = f"**{escape_inline(title)}**" + (f": {first}" if first else "")
    decorations = " ".join(d for d in (_decorations(node), where) if d)
    if decorations:
        paragraphs[-1][-1] += " " + decorations
    note = _paragraphs(node.note)
    if note:
        note[0][0] = "_Note:_ " + note[0][0]
        paragraphs[-1].extend(note[0])
        paragraphs.extend(note[1:])
    return paragraphs


def _claim(m: ArgumentMap, node: Node, level: int, where: dict[str, str]) -> list[str]:
    """A top-level claim: a heading of its first line, the rest as paragraphs below."""
    paragraphs = _content(node, where.get(node.id, ""))
    first = paragraphs[0].pop(0)
    out = ["#" * level + " " + first]
    rest = [p for p in paragraphs if p]
    if rest:
        out.append("")
        out.extend(_continued(rest, ""))
    structure = _structure(m, node, "")
    if structure:
        out += ["", *structure]
    return out


def _item(m: ArgumentMap, pad: str, marker: str, node: Node, where: str) -> list[str]:
    lines = _continued(_content(node, where), pad + INDENT)
    lines[0] = f"{pad}- {marker} {lines[0][len(pad) + len(INDENT) :]}".rstrip()
    return lines + _structure(m, node, pad + INDENT)


def _role(node: Node) -> str:
    assert node.relation is not None
    role = _ROLE[node.relation]
    original = node.meta.get("relation")
    if isinstance(original, str) and original and original != node.relation.value:
        role += f" ({escape_inline(original)})"
    return f"**{role}:**"


class _Step(NamedTuple):
    kind: str  # "node", "group" or "member"
    ids: tuple[str, ...]  # one node, or the members of a group
    depth: int


def _steps_below(m: ArgumentMap, node_id: str, depth: int) -> list[_Step]:
    """The node's children in sibling order; co-premises together at the first one."""
    children = m.tree.children(node_id)
    members: dict[str, list[str]] = {}
    for child in children:
        group = m.nodes[child].group
        if group is not None:
            members.setdefault(group, []).append(child)
    steps: list[_Step] = []
    done: set[str] = set()
    for child in children:
        group = m.nodes[child].group
        if group is None or len(members[group]) < 2:
            steps.append(_Step("node", (child,), depth))
        elif group not in done:
            done.add(group)
            steps.append(_Step("group", tuple(members[group]), depth))
    return steps


def _reasons(m: ArgumentMap, root: str, where: dict[str, str]) -> list[str]:
    """The nested list below a top-level claim, built without recursion."""
    out: list[str] = []
    stack = list(reversed(_steps_below(m, root, 0)))
    while stack:
        step = stack.pop()
        pad = INDENT * min(step.depth, MAX_NESTING)
        level = f"(level {step.depth + 1}) " if step.depth >= MAX_NESTING else ""
        if step.kind == "group":
            first = m.nodes[step.ids[0]]
            assert first.relation is not None
            role = _GROUP_ROLE[first.relation]
            out.append(f"{pad}- {level}**Co-premises (together {role}):**")
            stack.extend(_Step("member", (i,), step.depth + 1) for i in reversed(step.ids))
            continue
        node = m.nodes[step.ids[0]]
        marker = "**Co-premise:**" if step.kind == "member" else _role(node)
        out.extend(_item(m, pad, level + marker, node, where.get(node.id, "")))
        stack.extend(reversed(_steps_below(m, node.id, step.depth + 1)))
    return out


def _source_line(m: ArgumentMap) -> str:
    source = m.source
    parts = [" ".join(_lines(value)) for value in (source.title, source.author, source.date)]
    parts.append(source.url.strip())
    parts = [escape_inline(part) for part in parts if part]
    return "_Source:_ " + ", ".join(parts) if parts else ""
