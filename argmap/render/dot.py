"""Model -> DOT text, as a pure function.

The DOT node id and the SVG element id of a node are the model's node id;
edges are `edge.<child>`, cross-links `link.<id>`, co-premise groups
`group.<id>` (a group's one edge is its spokesman member's, the others' links are
invisible `joined.<child>`: dot_lines.py).  No user text ever becomes an attribute
name or an id: it only appears inside quoted, escaped label and tooltip strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal, TypedDict, Unpack

from argmap.model import ArgumentMap, CrossLink, Fit, Node, Relation, Style
from argmap.model.document import LAYOUTS
from argmap.model.roles import Role, role_of
from argmap.model.source import quote_of
from argmap.model.validation import check_font
from argmap.render import structure
from argmap.render.dot_lines import (
    JUNCTION_WEIGHT,
    Quoted,
    attrs,
    cluster_line,
    cluster_name,
    edge_line,
    group_force,
    hidden_edge,
    link_line,
    spokesman,
)
from argmap.render.marks import MARKS, border
from argmap.render.text import dot_escape, label, quote, tooltip_quote, visible
from argmap.render.themes import CAPTIONS, THEMES, Theme

QUOTE_LIMIT = 160
ThemeName = Literal["default", "colorblind", "print"]


class StyleOverrides(TypedDict, total=False):
    """What a caller may set over a map's own style; None keeps the style's value."""

    theme: str | None
    direction: str | None
    wrap: int | None
    font: str | None
    font_size: float | None
    show_title: bool | None
    show_quotes: bool | None
    show_evaluation: bool | None
    unfolded: frozenset[str] | None
    collapsed_sections: frozenset[str] | None
    layout: str | None


@dataclass(frozen=True)
class RenderOptions:
    theme: str = "default"
    direction: str = "TB"
    wrap: int = 30
    font: str = "Helvetica"
    font_size: float = 11.0
    show_title: bool = True
    show_quotes: bool = False  # the quoted words of the source under each node's text
    show_evaluation: bool = False  # what the computed acceptability says of each node
    #: arguments whose premise–conclusion box is open (the rest show a fold line)
    unfolded: frozenset[str] = frozenset()
    #: sections drawn as one box each
    collapsed_sections: frozenset[str] = frozenset()
    #: "auto" (render/layout.py chooses direction and strategy to fit) or a pinned strategy
    layout: str = "tree"
    #: the sticky choice of an earlier fit (the map style's `fit`), used while it holds
    fit: Fit | None = None
    #: invisible edges (above, below) that stack separate claims into rows
    invisible: tuple[tuple[str, str], ...] = ()
    #: invisible edges (above, below) that hang a reason under its left neighbour's
    #: subtree, so that a wide fan is drawn in columns (render/layout.py)
    chains: tuple[tuple[str, str], ...] = ()
    #: the wrap width as given (`--wrap`): a fit to the page keeps it
    fixed_wrap: bool = False
    roles: tuple[tuple[str, str], ...] = ()  # (node, role) in the whole map, for a part of it

    @classmethod
    def from_style(cls, style: Style, **overrides: Unpack[StyleOverrides]) -> RenderOptions:
        base = cls(
            theme=style.theme,
            direction=style.direction,
            wrap=style.wrap,
            font=style.font,
            font_size=style.font_size,
            layout=style.layout,
            fit=style.fit,
        )
        given: dict[str, Any] = {k: v for k, v in overrides.items() if v is not None}
        return replace(base, **given)

    def validate(self) -> None:
        if self.theme not in THEMES:
            raise ValueError(f"unknown theme '{self.theme}' (choose {', '.join(THEMES)})")
        if self.direction not in ("TB", "LR"):
            raise ValueError(f"unknown direction '{self.direction}' (choose TB or LR)")
        if not 8 <= self.wrap <= 200:
            raise ValueError("wrap width must be between 8 and 200 characters")
        check_font(self.font)
        if self.layout not in LAYOUTS:
            raise ValueError(f"unknown layout '{self.layout}' (choose {', '.join(LAYOUTS)})")


def _quotes(m: ArgumentMap, node: Node) -> list[str]:
    out = []
    for ref in node.refs:
        words = quote_of(m.source.text, ref)
        if words:
            words = " ".join(words.split())
            out.append(words if len(words) <= QUOTE_LIMIT else words[: QUOTE_LIMIT - 1] + "…")
    return out


def _tooltip(m: ArgumentMap, node: Node, folded: bool = False) -> str:
    tip = node.text
    steps = structure.folded_steps(m, node) if folded else ""
    if steps:
        tip += ("\n" if tip else "") + steps
    for ref in node.refs:
        words = quote_of(m.source.text, ref)
        tip += f"\n¶ {ref.paragraph}" + (f": “{' '.join(words.split())}”" if words else "")
    return tip


#: the gaps of the drawing, in inches (Graphviz's unit): between neighbours in a rank,
#: between ranks, and around the whole (render/layout.py estimates with them)
NODESEP, RANKSEP, PAD = 0.25, 0.35, 0.08


#: the part of a DOT that does not depend on the direction or the invisible edges, by
#: the options it does depend on: `to_dot(..., bodies=)` reuses it across the candidates
#: of one fit (render/layout.py), which differ only in those
Bodies = dict[tuple[object, ...], list[str]]


def to_dot(
    m: ArgumentMap,
    options: RenderOptions | None = None,
    hidden: Mapping[str, int] | None = None,
    verdicts: Mapping[str, str] | None = None,
    bodies: Bodies | None = None,
) -> str:
    """The whole map as DOT; claims at the top (or left), reasons below.  `hidden` counts
    the nodes under each collapsed node, shown as a caption.  Given `bodies` (for one
    map and one `hidden`, unchanged meanwhile), the nodes and edges are made once for
    all options that differ only in direction and invisible edges."""
    opts = options or RenderOptions.from_style(m.style)
    opts.validate()
    if opts.show_evaluation and verdicts is None:
        from argmap.model.evaluation import evaluate

        verdicts = {k: v.value for k, v in evaluate(m).items()}
    if not opts.show_evaluation:
        verdicts = None
    theme = THEMES[opts.theme]
    out = _preamble(m, opts, theme)
    key = _body_key(opts, verdicts)
    body = bodies.get(key) if bodies is not None else None
    if body is None:
        body = _body(m, opts, theme, hidden, verdicts)
        if bodies is not None:
            bodies[key] = body
    out += body
    out += [  # separate claims stacked in rows (render/layout.py)
        f"  {quote(a)} -> {quote(b)} " + attrs(style="invis", weight=0, dir="none")
        for a, b in opts.invisible
        if a in m.nodes and b in m.nodes
    ]
    out += [
        f"  {quote(a)} -> {quote(b)} " + attrs(style="invis", weight=2, dir="none")
        for a, b in opts.chains
        if a in m.nodes and b in m.nodes
    ]
    out.append("}")
    return "\n".join(out) + "\n"


def _body_key(opts: RenderOptions, verdicts: Mapping[str, str] | None) -> tuple[object, ...]:
    """What the nodes and edges depend on: every option but the direction, the layout,
    the fit and the invisible edges."""
    same = replace(opts, direction="TB", layout="tree", fit=None, invisible=(), chains=())
    return (same, tuple(sorted(verdicts.items())) if verdicts is not None else None)


def _body(
    m: ArgumentMap,
    opts: RenderOptions,
    theme: Theme,
    hidden: Mapping[str, int] | None,
    verdicts: Mapping[str, str] | None,
) -> list[str]:
    out: list[str] = []
    draw = _Layout(m, opts, theme)
    given = dict(opts.roles)
    for node_id in m.tree.walk():
        node = m.nodes[node_id]
        if node_id in draw.inside:
            continue  # drawn inside its argument
        if node_id not in draw.drawn_as:
            if node.group and node.group not in draw.emitted_groups:
                draw.emitted_groups.add(node.group)
                line = cluster_line(node.group, draw.drawn_group(node), theme)
                draw.group_line(node, line, out)
            status = verdicts.get(node_id) if verdicts else None
            hidden_below = (hidden or {}).get(node_id, 0)
            role = Role(given[node_id]) if node_id in given else None
            out.append("  " + _node_line(m, node, theme, opts, hidden_below, status, role))
        if node.parent is not None and node.relation is not None:
            out += draw.tree_edge(node)
    for link in m.links:
        out += draw.link(link)
    out += draw.closing()
    return out


class _Layout:
    """What the structure adds to the tree's drawing: premises drawn inside their
    arguments, junctions on undercut edges, section clusters and collapsed sections."""

    def __init__(self, m: ArgumentMap, opts: RenderOptions, theme: Theme) -> None:
        self.m, self.opts, self.theme = m, opts, theme
        self.inside = structure.placed_premises(m)
        self.drawn_as = structure.section_of_drawn(m, opts.collapsed_sections)
        self.junctions = {  # no junction where a collapsed section's box ends the edge
            t
            for t in structure.undercut_targets(m) - self.inside
            if t not in self.drawn_as and m.nodes[t].parent not in self.drawn_as
        }
        self.members_of = structure.group_members(m)
        self.emitted_groups: set[str] = set()
        #: each drawn co-premise group's one edge: (parent, group) -> the member it is of
        self.spokesmen: dict[tuple[str | None, str], str | None] = {}
        self.clustered = bool(m.sections) and any(n.section for n in m.nodes.values())
        self.section_groups: dict[str, list[str]] = {}
        self.boxed_edges: set[tuple[str, str]] = set()

    def drawn_group(self, node: Node) -> list[str]:
        """The members of `node`'s co-premise group drawn as nodes of their own (not
        inside an argument, not in a collapsed section's box)."""
        members = self.members_of[(node.parent, node.group or "")]
        return [i for i in members if i not in self.inside and i not in self.drawn_as]

    def group_line(self, node: Node, line: str, out: list[str]) -> None:
        """A co-premise cluster: inside its members' section when they share one."""
        if self.clustered and self._group_in_section(node):
            section = self.m.nodes[self.drawn_group(node)[0]].section
            self.section_groups.setdefault(str(section), []).append(line)
        else:
            out.append(line)

    def _ends(self, source: str, target: str) -> tuple[str, str, bool]:
        a, b = self.drawn_as.get(source, source), self.drawn_as.get(target, target)
        return a, b, (a, b) != (source, target)

    def _spokesman(self, node: Node) -> str | None:
        """The member whose edge stands for `node`'s co-premise group, if one does."""
        if not node.group:
            return None
        key = (node.parent, node.group)
        if key not in self.spokesmen:
            drawn = self.drawn_group(node)
            self.spokesmen[key] = spokesman(self.m, drawn, self.junctions)
        return self.spokesmen[key]

    def tree_edge(self, node: Node) -> list[str]:
        parent, relation = node.parent or "", node.relation
        assert relation is not None
        top, bottom, boxed = self._ends(parent, node.id)
        if boxed:
            if top == bottom or (top, bottom) in self.boxed_edges:
                return []
            self.boxed_edges.add((top, bottom))
            return [f"  {quote(top)} -> {quote(bottom)} " + attrs(style="dashed", color="#9e9e9e")]
        if relation is Relation.UNDERCUTS and parent in self.junctions:
            top = structure.junction_id(parent)
        speaker = self._spokesman(node)
        if speaker is not None and speaker != node.id:
            return [hidden_edge(top, node.id)]
        force, frame = None, {}
        if speaker is not None:  # the group's one edge, from its frame
            force = group_force(self.m, self.drawn_group(node))
            frame = {"lhead": cluster_name(node.group or "")}
        look_of = (relation, self.theme, self.opts.font)
        if node.id not in self.junctions:
            return [edge_line(node, top, look_of, force=force, extra=frame)]
        junction = structure.junction_id(node.id)
        look = self.theme.supports if relation is Relation.SUPPORTS else self.theme.rebuts
        # in one group with the node and pulled on by both halves of the edge, the
        # junction stays on the line between the node and its parent
        return [
            f"  {quote(junction)} "
            + attrs(
                id=junction, shape="point", width=0.09, color=look.color, label="", group=junction
            ),
            f"  {quote(node.id)} " + attrs(group=junction),
            edge_line(node, top, look_of, child=junction, force=force),
            f"  {quote(junction)} -> {quote(node.id)} "
            + attrs(
                id=f"edge.{node.id}.tail",
                dir="none",
                color=look.color,
                style=look.style,
                penwidth=look.penwidth,
                weight=JUNCTION_WEIGHT,
                **frame,
            ),
        ]

    def link(self, link: CrossLink) -> list[str]:
        if link.source in self.inside or link.target in self.inside:
            return []
        target = link.target
        if link.relation is Relation.UNDERCUTS and target in self.junctions:
            target = structure.junction_id(target)
        source, target, _ = self._ends(link.source, target)
        if source == target:
            return []
        return [link_line(link, self.theme, self.opts.font, (source, target))]

    def closing(self) -> list[str]:
        out = []
        for box in structure.section_boxes(self.m, self.drawn_as):
            out.append(
                f"  {quote(box.id)} "
                + attrs(
                    id=box.id,
                    label=f"§ {box.title}\n[{box.count} node{'s' if box.count != 1 else ''}]",
                    shape="folder",
                    style="filled",
                    fillcolor="#f2f2f2",
                    color="#757575",
                )
            )
        if not self.clustered:
            return out
        members: dict[str, list[str]] = {}
        parents = {f"section.{s.id}": s.parent for s in self.m.sections}
        for box in structure.section_boxes(self.m, self.drawn_as):
            above = parents.get(box.id)
            if above is not None:  # inside the section around the collapsed one
                members.setdefault(above, []).append(box.id)
        for node_id in self.m.tree.walk():
            node = self.m.nodes[node_id]
            if node.section and node_id not in self.inside and node_id not in self.drawn_as:
                if node_id in self.junctions:  # ranked with its node: on the edge, not above
                    members.setdefault(node.section, []).append(structure.junction_id(node_id))
                if node.group and self._group_in_section(node):
                    continue  # named by its co-premise cluster, inside the section
                members.setdefault(node.section, []).append(node_id)
        return out + structure.section_clusters(self.m, members, self.section_groups, quote)

    def _group_in_section(self, node: Node) -> bool:
        sections = {self.m.nodes[i].section for i in self.drawn_group(node)}
        return len(sections) == 1 and None not in sections


def _preamble(m: ArgumentMap, opts: RenderOptions, theme: Theme) -> list[str]:
    """The graph's opening line and its graph, node and edge defaults (and its title)."""
    out = [
        "digraph argmap {",
        "  graph "
        + attrs(
            rankdir=opts.direction,
            ordering="out",
            nodesep=NODESEP,
            ranksep=RANKSEP,
            pad=PAD,
            bgcolor=theme.background,
            fontname=opts.font,
            fontsize=opts.font_size + 5,
            labelloc="t",
            compound="true",  # a co-premise group's edge ends at its frame
            id="argmap",
        ),
        "  node "
        + attrs(
            shape="box",
            fontname=opts.font,
            fontsize=opts.font_size,
            margin="0.12,0.07",
        ),
        "  edge " + attrs(dir="back", arrowsize=0.8),
    ]
    if opts.show_title and m.title:
        title = structure.first_line_kept(dot_escape(visible(m.title)))
        out.append(f'  graph [label="{title}"]')
    return out


def _node_line(
    m: ArgumentMap,
    node: Node,
    theme: Theme,
    opts: RenderOptions,
    hidden: int = 0,
    status: str | None = None,
    role: Role | None = None,
) -> str:
    role = role or role_of(m, node)
    look = theme.nodes[role]
    body = label(node.text, opts.wrap)
    first, titled = 0, 0
    if node.title:
        heading, titled = structure.title_label(node.title, opts.wrap)
        body = heading + ("\\n" + body if body else "")
    if opts.show_quotes:
        for words in _quotes(m, node):
            body += "\\n" + label(f"“{words}”", opts.wrap)
    if node.argument is not None:
        box = structure.structure_box(m, node, opts.wrap) if node.id in opts.unfolded else ""
        fold = structure.fold_line(node)
        if box:
            body += "\\n" + box
        elif fold:
            body += "\\n" + label(fold, opts.wrap)
    if theme.captions:
        caption = CAPTIONS[role] + (" ARGUMENT" if node.argument is not None else "")
        body = caption + "\\n" + body
        first = 1
        tags = structure.tag_caption(m, node, opts.wrap)
        if tags:
            body += "\\n" + tags
    if hidden:
        body += f"\\n[+{hidden} hidden]"
    if node.acceptance is not None:
        body += f"\\n[{node.acceptance.value}]"
    if status is not None:
        body += "\\n" + MARKS[status]
    body = structure.first_line_kept(body)
    ink, pen = look.border, look.penwidth
    style, fill, font = look.style, look.fill, look.fontcolor
    if node.argument is not None:  # square corners and a heavier border: an argument
        style = ",".join(p for p in style.split(",") if p != "rounded") or "filled"
        pen = max(pen, 2.0)
    color = structure.tag_color(m, node) if not theme.captions else None
    if color is not None:
        fill, font = color, "white" if structure.dark(color) else font
    if status is not None:  # the verdict's line and colour (marks.py)
        style, ink, pen = border(theme, status, style)
    return f"{quote(node.id)} " + attrs(
        id=node.id,
        label=Quoted('"' + body + '"'),
        tooltip=Quoted(tooltip_quote(_tooltip(m, node, node.id not in opts.unfolded))),
        style=style,
        fillcolor=fill,
        color=ink,
        fontcolor=font,
        penwidth=pen,
        peripheries=look.peripheries,
        **{"class": _node_class(node, role.value, status, first, titled)},
    )


def _node_class(node: Node, role: str, status: str | None, first: int, titled: int) -> str:
    """The SVG class: the role, the verdict, "argument", and where the title lines are
    (for `structure.bold_titles`)."""
    words = [role]
    if status:
        words.append(status)
    if node.argument is not None:
        words.append("argument")
    if titled:
        words.append(f"title{first}_{titled}")
    return " ".join(words)
