"""Which arguments AIF export writes as their RA node, and which as an I-node.

The reader makes an argument of an RA that names a scheme, from I-node premises to
the I-node it points at, and hangs it under that I-node as a support.  So only an
argument of that shape comes back from its RA: one naming a scheme that supports a
node written as an I-node, has a premise (a step, or a support of it; not the node
it supports, which its RA points at, and none twice) and is the source of no
cross-link (an RA has one way out).  Every other argument (no scheme; a top-level
one; a rebuttal, an undercut; one supporting an argument that is an RA) is written
as an I-node, as a statement is, and argmap's hints (argmap.formats.aif.hints_out)
keep what makes it an argument: its structure, scheme and critical questions.
"""

from __future__ import annotations

from argmap.model import ArgumentMap, Relation

__all__ = ["written_as_ra"]


def written_as_ra(m: ArgumentMap) -> frozenset[str]:
    """The ids of the arguments written as their RA node."""
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
    for node_id in m.tree.walk():  # a parent before its children
        node = m.nodes[node_id]
        argument = node.argument
        if (
            argument is None
            or not argument.scheme
            or node.relation is not Relation.SUPPORTS
            or node.parent in ras
            or node_id in sources
        ):
            continue
        mine = premises.get(node_id, [])
        if node.parent in mine or len(set(mine)) < len(mine):
            continue  # its RA's conclusion as its premise, or one premise twice
        if mine or any(p != node.parent for p in argument.premises()):
            ras.add(node_id)
    return frozenset(ras)
