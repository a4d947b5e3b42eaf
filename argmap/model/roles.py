"""A node's role in the map: the one rule that renders, panels and checks share.

A top-level node is a claim; a node that supports its parent is a support; a
node that rebuts its parent is a rebuttal, or a counter-rebuttal when that
parent is itself a rebuttal (or a counter-rebuttal); a node that undercuts its parent
(attacks its inference) is an undercut.  Roles follow the tree
only: cross-links never change a node's role.
"""

from __future__ import annotations

from enum import StrEnum

from argmap.model.document import ArgumentMap, Node, Relation


class Role(StrEnum):
    CLAIM = "claim"
    SUPPORT = "support"
    REBUTTAL = "rebuttal"
    COUNTER = "counter"  # a rebuttal of a rebuttal
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
    """The role of `node` in `m` (pure; looks at the node and its parent only)."""
    if node.relation is None:
        return Role.CLAIM
    if node.relation is Relation.SUPPORTS:
        return Role.SUPPORT
    if node.relation is Relation.UNDERCUTS:
        return Role.UNDERCUT
    parent = m.nodes.get(node.parent or "")
    if parent is not None and parent.relation is Relation.REBUTS:
        return Role.COUNTER
    return Role.REBUTTAL
