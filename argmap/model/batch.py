"""Edits of several nodes at once, each one undo step: what a multi-selection does.

Each runs the one-node operation of ops.py for every node in turn and returns the
difference between the first map and the last as a single patch, so its undo gives back
exactly the map it started from (nodes, links, map fields and storage order)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from argmap.model import ops
from argmap.model.document import ArgumentMap, Node, Relation
from argmap.model.edit_checks import EditError

_WHOLE = ("nodes", "links", "format", "version")


def between(old: ArgumentMap, new: ArgumentMap, node_id: str | None = None) -> ops.EditResult:
    """One edit that turns `old` into `new`."""
    put = tuple(n for i, n in new.nodes.items() if old.nodes.get(i) != n)
    dropped = tuple(i for i in old.nodes if i not in new.nodes)
    old_links = {link.id: link for link in old.links}
    new_ids = {link.id for link in new.links}
    put_links = tuple(link for link in new.links if old_links.get(link.id) != link)
    drop_links = tuple(i for i in old_links if i not in new_ids)
    fields = tuple(
        (name, getattr(new, name))
        for name in ArgumentMap.model_fields
        if name not in _WHOLE and getattr(old, name) != getattr(new, name)
    )
    patch = ops.Patch(
        put_nodes=put,
        drop_nodes=dropped,
        put_links=put_links,
        drop_links=drop_links,
        fields=fields,
        node_order=tuple(new.nodes) if dropped or put else None,
        link_order=tuple(link.id for link in new.links) if drop_links or put_links else None,
    )
    if patch.is_empty():  # like ops.edit_node: an edit that changes nothing, not an error
        return ops.apply(old, ops.Patch(), node_id)
    return ops.apply(old, patch, node_id)


def outermost(m: ArgumentMap, node_ids: Iterable[str]) -> list[str]:
    """The given nodes that are in the map and not below another of them, in map order
    (the outline's depth-first order): a subtree goes with its root."""
    chosen = {i for i in node_ids if i in m.nodes}
    order = {node_id: row for row, node_id in enumerate(m.tree.walk())}
    out = []
    for node_id in chosen:
        parent = m.nodes[node_id].parent
        while parent is not None and parent not in chosen:
            parent = m.nodes[parent].parent
        if parent is None:
            out.append(node_id)
    return sorted(out, key=lambda i: order.get(i, len(order)))


def each(
    m: ArgumentMap,
    node_ids: Sequence[str],
    op: Callable[..., ops.EditResult],
    *args: Any,
    **kwargs: Any,
) -> ops.EditResult:
    """`op(map, node_id, *args, **kwargs)` for every node, as one edit; the first refusal
    refuses the whole edit (nothing changes)."""
    ids = [i for i in dict.fromkeys(node_ids) if i in m.nodes]
    if not ids:
        raise EditError("no node selected")
    current = m
    for node_id in ids:
        if node_id in current.nodes:  # not gone with an earlier node's subtree
            current = op(current, node_id, *args, **kwargs).map
    return between(m, current, ids[0])


def delete_many(m: ArgumentMap, node_ids: Sequence[str]) -> ops.EditResult:
    """Delete every given node with its subtree, one step."""
    return each(m, outermost(m, node_ids), ops.delete_subtree)


def move_many(
    m: ArgumentMap,
    node_ids: Sequence[str],
    new_parent: str | None,
    relation: Relation | None = None,
    index: int | None = None,
) -> ops.EditResult:
    """Move the given nodes (each with its subtree) under `new_parent`, in map order, from
    `index` on (the end when None); refused whole when the target is inside one of them."""
    roots = outermost(m, node_ids)
    if not roots:
        raise EditError("no node selected")
    if new_parent is not None:
        for root in roots:
            if m.tree.is_in_subtree(new_parent, root):
                raise EditError("cannot move a node into its own subtree")
    current = m
    for step, node_id in enumerate(roots):
        at = None if index is None else index + step
        current = ops.move_node(current, node_id, new_parent, relation, at).map
    return between(m, current, roots[0])


def retag(
    m: ArgumentMap, node_ids: Sequence[str], add: str = "", remove: str = ""
) -> ops.EditResult:
    """Add the tag `add` to, and take `remove` off, every given node, one step."""

    def one(cur: ArgumentMap, node_id: str) -> ops.EditResult:
        node: Node = cur.nodes[node_id]
        tags = [t for t in node.tags if t != remove]
        if add and add not in tags:
            tags.append(add)
        return ops.edit_node(cur, node_id, tags=tuple(tags))

    return each(m, node_ids, one)
