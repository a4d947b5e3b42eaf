"""A node's role in the map: the one rule that renders, panels and checks share.

A top-level node is a claim; a node that supports its parent is a support; a
node that rebuts its parent is a rebuttal, or a counter-rebuttal when that parent
stands against the claim at the top (an odd number of rebuttals and undercuts on the
way up: a rebuttal or an undercut, a support of one, a rebuttal of a counter-rebuttal's
support...), so that a counter-rebuttal always answers the other side and a rebuttal
always attacks the claim's side; a node that undercuts its parent (attacks its
inference) is an undercut, on whichever side it stands.  Roles follow the tree
only: cross-links never change a node's role.
"""

from __future__ import annotations

from enum import StrEnum

from argmap.model.document import ArgumentMap, Node, Relation


class Role(StrEnum):
    CLAIM = "claim"
    SUPPORT = "support"
    REBUTTAL = "rebuttal"
    COUNTER = "counter"  # a rebuttal that answers the other side (e.g. of a rebuttal)
    UNDERCUT = "undercut"  # attacks the inference of its parent, not the parent


#: what every view calls each role: one name for a rebuttal of a rebuttal everywhere
ROLE_NAMES = {
    Role.CLAIM: "claim",
    Role.SUPPORT: "support",
    Role.REBUTTAL: "rebuttal",
    Role.COUNTER: "counter-rebuttal",
    Role.UNDERCUT: "undercut",
}


def role_of(m: ArgumentMap, node: Node) -> Role:
    """The role of `node` in `m` (pure; a rebuttal's role asks which side its parent is
    on, which the map's tree finds for every node at once)."""
    if node.relation is None:
        return Role.CLAIM
    if node.relation is Relation.SUPPORTS:
        return Role.SUPPORT
    if node.relation is Relation.UNDERCUTS:
        return Role.UNDERCUT
    parent = m.nodes.get(node.parent or "")
    if parent is not None and m.tree.against(parent.id):  # the parent is the map's own
        return Role.COUNTER
    return Role.REBUTTAL


def roles_in(whole: ArgumentMap, part: ArgumentMap) -> tuple[tuple[str, str], ...]:
    """The roles the nodes of `part` (a subtree, focus or view of `whole`) have in the
    whole map: a part's top node is no claim of its own, and a rebuttal's side is the one
    it has in the whole map."""
    return tuple(
        (node_id, role_of(whole, whole.nodes[node_id]).value)
        for node_id in part.nodes
        if node_id in whole.nodes
    )
