"""DOT lines for the edges of a drawing and its co-premise frames (dot.py calls these).

A co-premise group is one reason, so it is drawn as one: a dashed frame around its
premises and a single edge from the frame to what they support or rebut (Graphviz's
`compound` with `lhead` clips the edge at the frame).  That edge is the edge of one
member, its *spokesman*, and keeps that member's id `edge.<member>`, so a click on it
acts on the group's reason; the other members hang from the parent on invisible edges,
which keep their rank and order.
"""

from __future__ import annotations

from collections.abc import Mapping

from argmap.model import ArgumentMap, CrossLink, Force, Node, Relation
from argmap.model.evaluation import WEIGHT
from argmap.render.text import quote
from argmap.render.themes import EdgeLook, Theme

FORCE_PEN = {"strong": 2.8, "weak": 0.8}
#: how hard both halves of an undercut edge pull its junction into line (Graphviz weight)
JUNCTION_WEIGHT = 4


class Quoted(str):
    """A DOT string we have already quoted and escaped ourselves."""


def attrs(**given: object) -> str:
    """Attribute list; every string is quoted unless it is `Quoted` already."""
    parts = []
    for key, value in given.items():
        if isinstance(value, str) and not isinstance(value, Quoted):
            value = quote(value)
        parts.append(f"{key}={value}")
    return "[" + " ".join(parts) + "]"


def edge_attrs(look: EdgeLook, relation: Relation, theme: Theme, font: str) -> dict[str, object]:
    found: dict[str, object] = {
        "color": look.color,
        "style": look.style,
        "arrowtail": look.arrow,
        "penwidth": look.penwidth,
    }
    if theme.edge_labels:
        found["label"] = relation.value
        found["fontsize"] = 8
        found["fontname"] = font
        found["fontcolor"] = look.color
    return found


def edge_look(theme: Theme, relation: Relation) -> EdgeLook:
    if relation is Relation.SUPPORTS:
        return theme.supports
    return theme.undercuts if relation is Relation.UNDERCUTS else theme.rebuts


def cluster_name(group: str) -> str:
    return "cluster_" + group


def cluster_line(group: str, members: list[str], theme: Theme) -> str:
    """A co-premise group: a dashed cluster around its members."""
    return (
        f"  subgraph {quote(cluster_name(group))} {{ "
        + attrs(
            id=f"group.{group}",
            style="dashed,rounded",
            color=theme.group_border,
            label="",
            margin=8,
        )[1:-1]
        + "; "
        + " ".join(quote(c) + ";" for c in members)
        + " }"
    )


def spokesman(m: ArgumentMap, drawn: list[str], junctions: set[str]) -> str | None:
    """The member of a co-premise group (its members `drawn` as nodes of their own) whose
    edge stands for the group, or None when each member keeps its own edge: fewer than
    two drawn; more than one member's link undercut (each undercut needs its own link to
    point at); a group that does not support, whose members differ in force (only a
    supporting group is weighed as one reason, by its weakest premise)."""
    if len(drawn) < 2:
        return None
    cut = [i for i in drawn if i in junctions]
    if len(cut) > 1:
        return None
    first = m.nodes[drawn[0]]
    forces = {m.nodes[i].force for i in drawn}
    if first.relation is not Relation.SUPPORTS and len(forces) > 1:
        return None
    return cut[0] if cut else drawn[(len(drawn) - 1) // 2]


def group_force(m: ArgumentMap, drawn: list[str]) -> Force | None:
    """The force the group's one edge shows: its weakest premise's (how it is weighed)."""
    return min((m.nodes[i].force for i in drawn), key=lambda f: WEIGHT[f])


def hidden_edge(parent: str, node_id: str) -> str:
    """A member's link drawn by its group's edge: invisible, it keeps rank and order."""
    return f"  {quote(parent)} -> {quote(node_id)} " + attrs(id=f"joined.{node_id}", style="invis")


def edge_line(
    node: Node,
    parent: str,
    look_of: tuple[Relation, Theme, str],
    child: str | None = None,
    force: Force | None = None,
    extra: Mapping[str, object] | None = None,
) -> str:
    """The tree edge from `node`'s parent, drawn with the user's weighing of it (or with
    `force`, a co-premise group's); `look_of` is (relation, theme, font)."""
    relation, theme, font = look_of
    look = edge_look(theme, relation)
    found = edge_attrs(look, relation, theme, font)
    weighed = force if force is not None else node.force
    if weighed is not None:  # the user's weighing: line width and a label
        found["penwidth"] = FORCE_PEN.get(weighed.value, look.penwidth)
        if weighed.value == "none":
            found["style"] = "dotted"
        word = {"none": "no force"}.get(weighed.value, weighed.value)
        found["label"] = f"{found['label']} ({word})" if "label" in found else word
        found["fontsize"] = 8
        found["fontname"] = font
    below = node.id if child is None else child  # a junction when the edge is undercut
    if child is not None:
        found["weight"] = JUNCTION_WEIGHT
    found.update(extra or {})
    return f"  {quote(parent)} -> {quote(below)} " + attrs(id=f"edge.{node.id}", **found)


def link_line(link: CrossLink, theme: Theme, font: str, ends: tuple[str, str] | None = None) -> str:
    """A cross-link: dotted, and not pulling on the layout; `ends` (source, target) as
    drawn, when a junction or a collapsed section's box stands for one of them."""
    look = edge_look(theme, link.relation)
    found = edge_attrs(look, link.relation, theme, font)
    found.update(style=f"{look.style},dotted" if look.style != "solid" else "dotted")
    source, target = ends if ends is not None else (link.source, link.target)
    return f"  {quote(target)} -> {quote(source)} " + attrs(
        id=f"link.{link.id}", constraint="false", **found
    )
