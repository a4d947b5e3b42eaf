"""Which arguments AIF export writes as their RA node, and which as an I-node.

A plain AIF reader (OVA, AIFdb) sees an inference as one RA with an edge from each
premise I-node into it and one from it to its conclusion I-node, and an undercut as
a CA into that RA.  So every argument with premises is written as ONE RA (its
scheme, or a default inference when it names none) pointing at its conclusion: what
it supports, or, for a top-level argument, its structure's main conclusion.  Its
premises are its steps and the supports below it (not its conclusion, none twice);
it is the source of no cross-link (an RA has one way out) and does not support or
conclude in an argument that is an RA.  Every other argument (no premise; a
rebuttal, an undercut; a top-level one without a main conclusion) is written as an
I-node, as a statement is.  argmap's hints (argmap.formats.aif.hints_out) keep what
makes it the map's argument: its own text, title, structure, scheme and questions;
for an RA naming no scheme they say it is an argument (``"ra"``), for a top-level one
that its RA's edge to its conclusion hangs it nowhere (``"top"``).
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.model import ArgumentMap, Relation

__all__ = ["RaPlan", "plan_ras", "written_as_ra"]


@dataclass(frozen=True, slots=True)
class RaPlan:
    """The arguments written as their RA (`ras`); of them, the top-level ones and the
    conclusion each RA points at (`top`)."""

    ras: frozenset[str]
    top: dict[str, str]


def written_as_ra(m: ArgumentMap) -> frozenset[str]:
    """The ids of the arguments written as their RA node."""
    return plan_ras(m).ras


def plan_ras(m: ArgumentMap) -> RaPlan:
    """Which arguments are written as their RA, and where a top-level one's RA points."""
    sources = {link.source for link in m.links}
    # the premise edges each node would get: one per support below it or supporting
    # cross-link into it (the reader takes one edge per premise: a second is no relation)
    premises: dict[str, list[str]] = {}
    for node in m.nodes.values():
        if node.parent is not None and node.relation is Relation.SUPPORTS:
            premises.setdefault(node.parent, []).append(node.id)
    for link in m.links:
        if link.relation is Relation.SUPPORTS:
            premises.setdefault(link.target, []).append(link.source)
    ras: set[str] = set()
    top: dict[str, str] = {}
    for node_id in m.tree.walk():  # a parent before its children
        node = m.nodes[node_id]
        argument = node.argument
        if argument is None or node_id in sources:
            continue
        if node.parent is None:
            target = argument.conclusion()
            if target is None or target == node_id or target not in m.nodes:
                continue
        elif node.relation is Relation.SUPPORTS and node.parent not in ras:
            target = node.parent
        else:
            continue
        mine = premises.get(node_id, [])
        if target in mine or len(set(mine)) < len(mine):
            continue  # its RA's conclusion as its premise, or one premise twice
        if mine or any(p != target for p in argument.premises()):
            ras.add(node_id)
            if node.parent is None:
                top[node_id] = target
    # a top-level argument concluding in an argument written as its RA stays an I-node
    for node_id, target in list(top.items()):
        if target in ras:
            ras.discard(node_id)
            del top[node_id]
    return RaPlan(frozenset(ras), top)
