"""Pure edit operations.

Every edit is expressed as a `Patch`: the node and link values to put and the
ids to drop.  Applying a patch returns the new map, the patch that undoes it
and a `Change` naming what moved, so the GUI's undo commands and views need
nothing else.  Each operation checks its preconditions and raises
`EditError` with a readable message instead of producing an invalid map.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from argmap.model.base import ID_TAG as ID_TAG  # re-exported: sharing sets it
from argmap.model.consistency import has_inference
from argmap.model.document import (
    ArgumentMap,
    CrossLink,
    Node,
    Relation,
    Source,
    SourceRef,
    Style,
    text_checksum,
)
from argmap.model.edit_checks import EditError as EditError  # re-exported: raised by every op
from argmap.model.edit_checks import built, check_refs, make_node, saveable
from argmap.model.validation import shown


@dataclass(frozen=True)
class Patch:
    put_nodes: tuple[Node, ...] = ()
    drop_nodes: tuple[str, ...] = ()
    put_links: tuple[CrossLink, ...] = ()
    drop_links: tuple[str, ...] = ()
    fields: tuple[tuple[str, Any], ...] = ()
    #: storage order to restore (set on the undo of a patch that dropped
    #: something), so undo gives back the same file, not just an equal map
    node_order: tuple[str, ...] | None = None
    link_order: tuple[str, ...] | None = None

    def is_empty(self) -> bool:
        return not (
            self.put_nodes or self.drop_nodes or self.put_links or self.drop_links or self.fields
        )


@dataclass(frozen=True)
class Change:
    """Which nodes an edit added, removed, changed in content or moved."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()
    links_changed: bool = False
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class EditResult:
    map: ArgumentMap
    redo: Patch
    undo: Patch
    change: Change
    node_id: str | None = field(default=None)


_STRUCTURE = ("parent", "relation", "order", "group")


def apply(m: ArgumentMap, patch: Patch, node_id: str | None = None) -> EditResult:
    """Apply `patch` to `m`; the result carries its inverse."""
    nodes = dict(m.nodes)
    undo_put: list[Node] = []
    undo_drop: list[str] = []
    added: list[str] = []
    changed: list[str] = []
    moved: list[str] = []
    removed: list[str] = []
    for node_id_ in patch.drop_nodes:
        undo_put.append(nodes.pop(node_id_))
        removed.append(node_id_)
    for node in patch.put_nodes:
        old = nodes.get(node.id)
        nodes[node.id] = node
        if old is None:
            undo_drop.append(node.id)
            added.append(node.id)
            continue
        undo_put.append(old)
        if any(getattr(old, f) != getattr(node, f) for f in _STRUCTURE):
            moved.append(node.id)
        if any(
            getattr(old, f) != getattr(node, f) for f in Node.model_fields if f not in _STRUCTURE
        ):
            changed.append(node.id)
    links = {link.id: link for link in m.links}
    undo_put_links: list[CrossLink] = []
    undo_drop_links: list[str] = []
    for link_id in patch.drop_links:
        undo_put_links.append(links.pop(link_id))
    for link in patch.put_links:
        old_link = links.get(link.id)
        links[link.id] = link
        if old_link is None:
            undo_drop_links.append(link.id)
        else:
            undo_put_links.append(old_link)
    if patch.node_order is not None:
        nodes = _in_order(nodes, patch.node_order)
    if patch.link_order is not None:
        links = _in_order(links, patch.link_order)
    undo_fields = tuple((name, getattr(m, name)) for name, _ in patch.fields)
    updates: dict[str, Any] = dict(patch.fields)
    updates["nodes"] = nodes
    if patch.put_links or patch.drop_links:
        updates["links"] = tuple(links.values())
    new = m.evolve(**updates)
    undo = Patch(
        put_nodes=tuple(undo_put),
        drop_nodes=tuple(undo_drop),
        put_links=tuple(undo_put_links),
        drop_links=tuple(undo_drop_links),
        fields=undo_fields,
        node_order=tuple(m.nodes) if patch.drop_nodes else None,
        link_order=tuple(link.id for link in m.links) if patch.drop_links else None,
    )
    change = Change(
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(changed),
        moved=tuple(moved),
        links_changed=bool(patch.put_links or patch.drop_links),
        fields=tuple(name for name, _ in patch.fields),
    )
    return EditResult(new, patch, undo, change, node_id)


# -- helpers -------------------------------------------------------------------------


def _in_order(table: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    """`table` re-ordered by `order`; entries it does not name keep their place at the end."""
    ordered = {key: table[key] for key in order if key in table}
    ordered.update((key, value) for key, value in table.items() if key not in ordered)
    return ordered


def new_id(m: ArgumentMap, prefix: str = "n") -> str:
    """A fresh id, `prefix` and the first free number from one more than the node count
    (and `ID_TAG`): short and predictable so files stay readable; no node, link or group
    has it."""
    used = {link.id for link in m.links} | {n.group for n in m.nodes.values() if n.group}
    tag = ID_TAG.get()
    k = len(m.nodes) + 1
    while f"{prefix}{k}{tag}" in m.nodes or f"{prefix}{k}{tag}" in used:
        k += 1
    return f"{prefix}{k}{tag}"


def _require(m: ArgumentMap, node_id: str | None) -> Node:
    if node_id is None or node_id not in m.nodes:
        raise EditError(f"there is no node '{shown(node_id, 64)}'")
    return m.nodes[node_id]


def _renumbered(ordered: list[Node]) -> list[Node]:
    """The siblings in `ordered` whose `order` must change to match the list."""
    out = []
    for index, node in enumerate(ordered):
        if node.order != index:
            out.append(node.model_copy(update={"order": index}))
    return out


def _siblings_without(m: ArgumentMap, parent: str | None, node_id: str) -> list[Node]:
    return [m.nodes[c] for c in m.tree.children(parent) if c != node_id]


def _merge(*groups: Iterable[Node]) -> tuple[Node, ...]:
    """Later versions of a node win; keeps the patch free of duplicates."""
    merged: dict[str, Node] = {}
    for group in groups:
        for node in group:
            merged[node.id] = node
    return tuple(merged.values())


def _dissolve_singleton(nodes: Mapping[str, Node], group: str) -> list[Node]:
    """A co-premise group left with one member stops being a group."""
    members = [n for n in nodes.values() if n.group == group]
    return [members[0].model_copy(update={"group": None})] if len(members) == 1 else []


# -- operations ----------------------------------------------------------------------


def add_claim(
    m: ArgumentMap, text: str = "", *, node_id: str | None = None, refs: tuple[SourceRef, ...] = ()
) -> EditResult:
    node_id = node_id or new_id(m)
    if node_id in m.nodes:
        raise EditError(f"a node '{node_id}' already exists")
    node = make_node(id=node_id, text=text, order=len(m.tree.roots), refs=refs)
    check_refs(m.source.text, node_id, node.refs)
    return apply(m, Patch(put_nodes=(node,)), node_id)


def add_node(
    m: ArgumentMap,
    parent: str,
    relation: Relation,
    text: str = "",
    *,
    index: int | None = None,
    node_id: str | None = None,
    group: str | None = None,
    refs: tuple[SourceRef, ...] = (),
) -> EditResult:
    """Add a support, rebuttal or undercut under `parent`, at `index` among its siblings."""
    if relation is Relation.UNDERCUTS and not has_inference(_require(m, parent)):
        raise EditError(
            f"node '{parent}' is neither a support nor an argument; "
            "only an inference can be undercut (to attack what a node says, add a rebuttal)"
        )
    _require(m, parent)
    node_id = node_id or new_id(m)
    if node_id in m.nodes:
        raise EditError(f"a node '{node_id}' already exists")
    siblings = [m.nodes[c] for c in m.tree.children(parent)]
    if group is not None:
        member = next((n for n in m.nodes.values() if n.group == group), None)
        if member is not None and (member.parent, member.relation) != (parent, relation):
            raise EditError(
                f"co-premise group '{group}' belongs to node '{member.parent}'; "
                "co-premises share their parent and relation"
            )
    index = len(siblings) if index is None else max(0, min(index, len(siblings)))
    node = make_node(
        id=node_id, text=text, parent=parent, relation=relation, group=group, refs=refs
    )
    check_refs(m.source.text, node_id, node.refs)
    siblings.insert(index, node)
    renumbered = _renumbered(siblings)
    new_node = next((n for n in renumbered if n.id == node_id), node)
    return apply(m, Patch(put_nodes=_merge(renumbered, [new_node])), node_id)


def add_co_premise(m: ArgumentMap, partner: str, text: str = "") -> EditResult:
    """A premise that only works together with `partner`: same parent, same group."""
    other = _require(m, partner)
    if other.parent is None or other.relation is None:
        raise EditError("a top-level claim cannot have co-premises; add a reason instead")
    group = other.group or new_id(m, prefix="g")
    index = m.tree.index_of(partner) + 1
    result = add_node(m, other.parent, other.relation, text, index=index, group=group)
    if other.group is None:
        joined = result.map.nodes[partner].model_copy(update={"group": group})
        patch = Patch(put_nodes=_merge(result.redo.put_nodes, [joined]))
        return apply(m, patch, result.node_id)
    return result


def remove_co_premise(m: ArgumentMap, node_id: str) -> EditResult:
    """Make a co-premise an independent reason again."""
    node = _require(m, node_id)
    if node.group is None:
        raise EditError(f"node '{node_id}' is not a co-premise")
    detached = node.model_copy(update={"group": None})
    rest = {i: n for i, n in m.nodes.items() if i != node_id}
    singles = _dissolve_singleton(rest, node.group)
    return apply(m, Patch(put_nodes=_merge([detached], singles)), node_id)


_EDITABLE = {"text", "title", "note", "tags", "refs", "meta", "acceptance", "force"}


def edit_node(m: ArgumentMap, /, node_id: str, **changes: Any) -> EditResult:
    """Change a node's content (text, note, tags, refs); structure has its own ops."""
    node = _require(m, node_id)
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise EditError(f"cannot edit {', '.join(sorted(unknown))} here")
    data = node.model_dump()
    data.update(changes)
    edited = make_node(**data)
    check_refs(m.source.text, node_id, edited.refs)
    if edited == node:
        return apply(m, Patch(), node_id)
    return apply(m, Patch(put_nodes=(edited,)), node_id)


def delete_subtree(m: ArgumentMap, node_id: str) -> EditResult:
    """Remove a node, everything below it, and the cross-links touching them."""
    node = _require(m, node_id)
    doomed = m.tree.subtree(node_id)
    doomed_set = set(doomed)
    siblings = _siblings_without(m, node.parent, node_id)
    renumbered = _renumbered(siblings)
    rest = {i: n for i, n in m.nodes.items() if i not in doomed_set}
    rest.update({n.id: n for n in renumbered})
    singles = _dissolve_singleton(rest, node.group) if node.group else []
    links = tuple(
        link.id for link in m.links if link.source in doomed_set or link.target in doomed_set
    )
    patch = Patch(
        put_nodes=_merge(renumbered, singles, _without_steps(rest, doomed_set)),
        drop_nodes=tuple(doomed),
        drop_links=links,
    )
    return apply(m, patch, node_id)


def _without_steps(nodes: Mapping[str, Node], doomed: set[str]) -> list[Node]:
    """The arguments of `nodes` with the steps naming a `doomed` node taken out."""
    out = []
    for node in nodes.values():
        argument = node.argument
        if argument is not None and any(s.statement in doomed for s in argument.pcs):
            out.append(node)
    if not out:
        return []
    from argmap.model.consistency import repaired

    fixed = repaired(ArgumentMap.model_construct(nodes=dict(nodes)))
    return [fixed.nodes[n.id] for n in out]


def _structure_kept(m: ArgumentMap, result: EditResult) -> EditResult:
    """`result`, unless it leaves an undercut without an inference to attack."""
    if not any(n.relation is Relation.UNDERCUTS for n in result.map.nodes.values()) and not any(
        x.relation is Relation.UNDERCUTS for x in result.map.links
    ):
        return result
    from argmap.model.consistency import first_problem

    problem = first_problem(result.map)
    if problem is not None and first_problem(m) is None:
        raise EditError(problem)
    return result


def move_node(
    m: ArgumentMap,
    node_id: str,
    new_parent: str | None,
    relation: Relation | None = None,
    index: int | None = None,
) -> EditResult:
    """Re-parent and/or reorder.  `new_parent=None` makes a top-level claim."""
    node = _require(m, node_id)
    if new_parent is not None:
        _require(m, new_parent)
        if m.tree.is_in_subtree(new_parent, node_id):
            raise EditError(f"cannot move node '{node_id}' into its own subtree")
        relation = relation or node.relation or Relation.SUPPORTS
    else:
        relation = None
    same_place = new_parent == node.parent and relation == node.relation
    group = node.group if same_place else None
    old_siblings = _siblings_without(m, node.parent, node_id)
    if new_parent == node.parent:
        new_siblings = old_siblings
        touched_old: list[Node] = []
    else:
        new_siblings = [m.nodes[c] for c in m.tree.children(new_parent)]
        touched_old = _renumbered(old_siblings)
    index = len(new_siblings) if index is None else max(0, min(index, len(new_siblings)))
    moved = node.model_copy(update={"parent": new_parent, "relation": relation, "group": group})
    new_siblings = [*new_siblings[:index], moved, *new_siblings[index:]]
    renumbered = _renumbered(new_siblings)
    moved = next((n for n in renumbered if n.id == node_id), moved)
    singles: list[Node] = []
    if node.group and group is None:
        rest = {i: n for i, n in m.nodes.items() if i != node_id}
        rest.update((n.id, n) for n in (*touched_old, *renumbered) if n.id != node_id)
        singles = _dissolve_singleton(rest, node.group)
    put = _merge(touched_old, renumbered, [moved], singles)
    put = tuple(n for n in put if n != m.nodes.get(n.id))
    return _structure_kept(m, apply(m, Patch(put_nodes=put), node_id))


def reorder(m: ArgumentMap, node_id: str, index: int) -> EditResult:
    node = _require(m, node_id)
    return move_node(m, node_id, node.parent, index=index)  # keeps its relation


def set_relation(m: ArgumentMap, node_id: str, relation: Relation) -> EditResult:
    """Turn a support into a rebuttal or back; a co-premise group turns as one."""
    node = _require(m, node_id)
    if node.parent is None:
        raise EditError("a top-level claim has no relation to change")
    members = (
        [node]
        if node.group is None
        else [m.nodes[c] for c in m.tree.siblings(node_id) if m.nodes[c].group == node.group]
    )
    put = tuple(
        n.model_copy(update={"relation": relation}) for n in members if n.relation != relation
    )
    return _structure_kept(m, apply(m, Patch(put_nodes=put), node_id))


def add_link(
    m: ArgumentMap, source: str, target: str, relation: Relation, *, link_id: str | None = None
) -> EditResult:
    _require(m, source)
    _require(m, target)
    if source == target:
        raise EditError("a cross-link needs two different nodes")
    link_id = link_id or new_id(m, prefix="x")
    if any(link.id == link_id for link in m.links):
        raise EditError(f"a cross-link '{link_id}' already exists")
    link = built(
        CrossLink, {"id": link_id, "source": source, "target": target, "relation": relation}
    )
    return _structure_kept(m, apply(m, Patch(put_links=(link,)), link_id))


def remove_link(m: ArgumentMap, link_id: str) -> EditResult:
    if not any(link.id == link_id for link in m.links):
        raise EditError(f"there is no cross-link '{link_id}'")
    return apply(m, Patch(drop_links=(link_id,)))


def set_map_fields(
    m: ArgumentMap,
    *,
    title: str | None = None,
    description: str | None = None,
    source: Source | None = None,
    style: Style | None = None,
) -> EditResult:
    """Change the map's own metadata; the nodes stay as they are."""
    for name, value in (("title", title), ("description", description)):
        if value is not None:
            saveable(name, value)
    if style is not None:
        style = built(Style, dict(style))  # built with model_copy, it was never checked
    if source is not None:
        source = built(Source, dict(source))
        if source.is_current():  # the next load checks every span against this text
            for node in m.nodes.values():
                check_refs(source.text, node.id, node.refs)
    fields = tuple(
        (name, value)
        for name, value in (
            ("title", title),
            ("description", description),
            ("source", source),
            ("style", style),
        )
        if value is not None and value != getattr(m, name)
    )
    return apply(m, Patch(fields=fields))


def extract_subtree(m: ArgumentMap, root: str) -> ArgumentMap:
    """A map of `root` and everything below it, `root` as its claim (for exports)."""
    _require(m, root)
    keep = m.tree.subtree(root)
    kept = set(keep)
    nodes = {}
    for node_id in keep:
        node = m.nodes[node_id]
        if node_id == root:
            node = node.model_copy(
                update={"parent": None, "relation": None, "group": None, "order": 0}
            )
        nodes[node_id] = node
    links = tuple(link for link in m.links if link.source in kept and link.target in kept)
    from argmap.model.consistency import repaired

    return repaired(m.evolve(nodes=nodes, links=links))


def replace_source(m: ArgumentMap, source: Source) -> EditResult:
    """Attach, change or detach the source; spans follow their words into a new text.

    The spans are re-anchored whenever they were not anchored to exactly this text,
    so none runs past its end (which the next load would refuse)."""
    source = built(Source, dict(source))  # built with model_copy, it was never checked
    checksum = None if source.text is None else text_checksum(source.text)
    source = source.model_copy(update={"checksum": checksum})  # anchored to this text now
    changed: tuple[Node, ...] = ()
    if source.text is not None and (source.text != m.source.text or not m.source.is_current()):
        if any(node.refs for node in m.nodes.values()):
            from argmap.model.source import reanchor

            moved = reanchor(m, source.text).map
            changed = tuple(n for i, n in moved.nodes.items() if n != m.nodes[i])
    if source == m.source:  # the same text and checksum: its spans are anchored to it
        return apply(m, Patch())
    return apply(m, Patch(put_nodes=changed, fields=(("source", source),)))
