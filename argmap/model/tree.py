"""The tree derived from the flat node table.

Every walk is iterative: a 10,000-deep chain must not hit Python's
recursion limit anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from argmap.model.document import Node, Relation

#: the relations that attack what they hang under: each one crosses to the other side
_ATTACKS = (Relation.REBUTS, Relation.UNDERCUTS)


class Tree:
    """Children lists (in sibling order) and roots of a set of nodes."""

    def __init__(self, nodes: Iterable[Node]) -> None:
        self._nodes: dict[str, Node] = {n.id: n for n in nodes}
        children: dict[str | None, list[Node]] = {}
        for node in self._nodes.values():
            children.setdefault(node.parent, []).append(node)
        self._children: dict[str | None, tuple[str, ...]] = {
            parent: tuple(n.id for n in sorted(kids, key=lambda n: (n.order, n.id)))
            for parent, kids in children.items()
        }
        self._against: dict[str, bool] | None = None

    @property
    def roots(self) -> tuple[str, ...]:
        return self._children.get(None, ())

    def children(self, node_id: str | None) -> tuple[str, ...]:
        return self._children.get(node_id, ())

    def siblings(self, node_id: str) -> tuple[str, ...]:
        """The node's parent's children, the node included."""
        return self.children(self._nodes[node_id].parent)

    def index_of(self, node_id: str) -> int:
        return self.siblings(node_id).index(node_id)

    def ancestors(self, node_id: str) -> Iterator[str]:
        """From the parent up to the root."""
        parent = self._nodes[node_id].parent
        while parent is not None:
            yield parent
            parent = self._nodes[parent].parent

    def depth(self, node_id: str) -> int:
        """0 for a top-level claim."""
        return sum(1 for _ in self.ancestors(node_id))

    def walk(self, start: str | None = None) -> Iterator[str]:
        """Pre-order, in sibling order; from all roots when `start` is None."""
        stack = list(reversed(self.roots if start is None else (start,)))
        while stack:
            node_id = stack.pop()
            yield node_id
            stack.extend(reversed(self._children.get(node_id, ())))

    def walk_with_depth(self) -> Iterator[tuple[str, int]]:
        stack = [(r, 0) for r in reversed(self.roots)]
        while stack:
            node_id, depth = stack.pop()
            yield node_id, depth
            stack.extend((c, depth + 1) for c in reversed(self._children.get(node_id, ())))

    def subtree(self, node_id: str) -> list[str]:
        return list(self.walk(node_id))

    def is_in_subtree(self, node_id: str, root: str) -> bool:
        return node_id == root or root in self.ancestors(node_id)

    def against(self, node_id: str) -> bool:
        """Whether the node stands against the claim at the top of its tree: an odd number
        of rebuttals and undercuts on the way up, itself included (found for every node
        in one walk, the first time it is asked)."""
        if self._against is None:
            found: dict[str, bool] = {}
            for each in self.walk():
                node = self._nodes[each]
                above = found[node.parent] if node.parent is not None else False  # pre-order
                found[each] = above != (node.relation in _ATTACKS)
            self._against = found
        return self._against[node_id]

    def max_depth(self) -> int:
        return max((d for _, d in self.walk_with_depth()), default=-1)
