"""A graph of relations laid onto argmap's tree: one spanning tree plus cross-links.

The graph formats (Argdown, AIF) hold relations between statements in any shape;
argmap's map is a tree whose other relations are cross-links that are never
dropped (docs/interchange.md).  `spanning_tree` makes that choice, the same way for
every reader: each node hangs under the target of its first relation, in the order
the relations come, and every further relation, or one that would close a cycle, is
a cross-link.  It takes near-constant time per relation (union-find), where walking
up the parents made a 50,000-deep chain quadratic.

`build_map` makes the map of nodes given as fields and relations named as Argdown
and argmap's ``meta["relation"]`` name them (support, attack, undercut, ...).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Any, Generic, NamedTuple, TypeVar

from argmap.model import ArgumentMap, CrossLink, Node, Relation
from argmap.model.consistency import has_inference
from argmap.model.document import clean_text
from argmap.model.structure import Section
from argmap.model.validation import check_saveable

K = TypeVar("K", bound=Hashable)
P = TypeVar("P")


class Forest(Generic[K]):
    """The trees of nodes while edges join them (union-find with path compression).

    A node is joined only while it is a root (it has no parent yet), so each tree's
    representative stays its root: "would this edge close a cycle" is "are both ends
    in one tree already"."""

    def __init__(self) -> None:
        self._up: dict[K, K] = {}

    def find(self, node: K) -> K:
        """The root of the tree `node` is in (`node` itself when it is in none)."""
        up = self._up
        root = node
        while root in up:
            root = up[root]
        while node != root:  # path compression: every node on the way now points at root
            up[node], node = root, up[node]
        return root

    def join(self, child: K, parent: K) -> bool:
        """Hang the tree of `child`, a root, under `parent`; False if that closes a cycle."""
        a, b = self.find(child), self.find(parent)
        if a == b:
            return False
        self._up[a] = b
        return True


class Spanning(NamedTuple, Generic[K, P]):
    """A tree chosen from relations: `parent` maps each child to (its parent, the
    relation's payload), in the order the children were hung; `links` are the other
    relations, (source, target, payload), in the order they came."""

    parent: dict[K, tuple[K, P]]
    links: list[tuple[K, K, P]]


def spanning_tree(
    edges: Iterable[tuple[K, K, P]],
    placement: Iterable[tuple[K, K, P]] = (),
    roots: frozenset[K] | set[K] = frozenset(),
) -> Spanning[K, P]:
    """Relations (source, target, payload) -> a spanning tree plus cross-links.

    A source hangs under the target of its first relation unless it is in `roots` (it
    stays a root) or that would close a cycle; such relations, and every further
    relation of a source, are cross-links.  `placement` edges come after all relations
    and only place a node no relation placed: one that cannot place is dropped, never a
    cross-link."""
    parent: dict[K, tuple[K, P]] = {}
    trees: Forest[K] = Forest()
    links: list[tuple[K, K, P]] = []
    for source, target, payload in edges:
        if source not in parent and source not in roots and trees.join(source, target):
            parent[source] = (target, payload)
        else:
            links.append((source, target, payload))
    for source, target, payload in placement:
        if source in parent or source in roots:
            continue
        if trees.join(source, target):
            parent[source] = (target, payload)
    return Spanning(parent, links)


def sibling_positions(nodes: Iterable[K], parent: Mapping[K, tuple[K, object]]) -> dict[K, int]:
    """The place of each of `nodes` among its siblings (0, 1, ...), in the order given;
    nodes without a parent are counted together, as the top level."""
    position: dict[K, int] = {}
    count: dict[K | None, int] = {}
    for node in nodes:
        placed = parent.get(node)
        under = placed[0] if placed else None
        position[node] = found = count.get(under, 0)
        count[under] = found + 1
    return position


#: the model's relation for each named kind of relation; a kind other than the plain
#: "support" and "attack" is also kept as the node's or link's ``meta["relation"]``
RELATION_OF = {
    "support": Relation.SUPPORTS,
    "entails": Relation.SUPPORTS,
    "attack": Relation.REBUTS,
    "undercut": Relation.REBUTS,
    "contrary": Relation.REBUTS,
    "contradictory": Relation.REBUTS,
}
_PLAIN = ("support", "attack")


def build_map(
    order: list[str],
    fields: dict[str, dict[str, Any]],
    edges: Iterable[tuple[str, str, str]],
    placement: Iterable[tuple[str, str, str]] = (),
    roots: set[str] | frozenset[str] = frozenset(),
    sections: tuple[Section, ...] = (),
) -> ArgumentMap:
    """Nodes plus (source, target, type) relations -> a spanning tree plus cross-links.

    `placement` edges only decide where a node hangs when no relation does; a node in
    `roots` stays a root (argmap wrote it so).  `order` is the nodes' order in the
    document, which orders siblings too.
    """
    parent, links = spanning_tree(edges, placement, roots)
    position = sibling_positions(order, parent)
    nodes = []
    for node_id in order:
        step = parent.get(node_id)
        above: str | None = step[0] if step else None
        kind = step[1] if step else ""
        data = dict(fields[node_id])
        meta = dict(data.pop("meta", {}))
        relation = None
        if above is not None:
            relation = RELATION_OF.get(kind, Relation.SUPPORTS)
            if kind not in _PLAIN:
                meta["relation"] = kind
        data.update(id=node_id, parent=above, relation=relation, order=position[node_id])
        nodes.append(_node(data, meta))
    cross = tuple(
        _BLANK_LINK.model_copy(
            update={
                "id": f"x{index}",
                "source": source,
                "target": target,
                "relation": RELATION_OF.get(kind, Relation.SUPPORTS),
                "meta": {} if kind in _PLAIN else {"relation": kind},
            }
        )
        for index, (source, target, kind) in enumerate(links, 1)
    )
    nodes, cross = _undercuts(nodes, cross)
    return ArgumentMap(
        nodes=nodes, links=cross, sections=sections
    )  # the map as a whole is validated


def _undercuts(
    nodes: list[Node], links: tuple[CrossLink, ...]
) -> tuple[list[Node], tuple[CrossLink, ...]]:
    """An undercut of what has an inference (a support or an argument) is an undercut in
    the map; of anything else it stays a rebuttal that remembers it was an undercut."""
    table = {node.id: node for node in nodes}

    def promoted(item: Node | CrossLink, target: str | None) -> Node | CrossLink:
        if item.meta.get("relation") != "undercut" or not has_inference(table.get(target or "")):
            return item
        meta = {k: v for k, v in item.meta.items() if k != "relation"}
        return item.model_copy(update={"relation": Relation.UNDERCUTS, "meta": meta})

    out = [promoted(node, node.parent) for node in nodes]
    return [n for n in out if isinstance(n, Node)], tuple(
        x for x in (promoted(link, link.target) for link in links) if isinstance(x, CrossLink)
    )


#: validated once; each node and link is a copy with its own values.  Validating each
#: again cost more than reading the document: ids ("s1", "x1"), parents, relations and
#: orders are the reader's own; the strings came from a text the reader checked holds
#: no lone surrogate, or from argmap's data, checked as it was read; texts and notes
#: are cleaned here as Node cleans them, titles and tags checked as Node checks them.
_BLANK_NODE = Node(id="blank")
_BLANK_LINK = CrossLink(id="blank", source="a", target="b", relation=Relation.SUPPORTS)


def _node(data: dict[str, Any], meta: dict[str, Any]) -> Node:
    data["text"] = clean_text(data.get("text", ""))
    data["note"] = clean_text(data.get("note", ""))
    check_saveable(data.get("title", ""))
    for tag in data.get("tags", ()):
        check_saveable(tag)
    data["tags"] = tuple(data.get("tags", ()))
    data["meta"] = meta
    return _BLANK_NODE.model_copy(update=data)
