"""Copy and paste of subtrees: a `Fragment` holds copied subtrees apart from any map, and
`paste` grafts one into a map, with fresh ids, as one edit.

A fragment is itself a valid map (its `holder`): one node, the `anchor`, with the copied
subtrees under it as they were, each root keeping its relation.  The anchor is an argument,
so that every relation a root can have fits under it; it is never pasted.  Keeping the
fragment a map means it is checked by the same rules as a loaded map (formats/fragment.py
reads one from the clipboard through them), and what refers outside the copied part
(cross-links, steps of a structure) is left out when it is made, and said so in `notes`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from argmap.model.base import ID_TAG
from argmap.model.consistency import has_inference, repaired
from argmap.model.document import ArgumentMap, CrossLink, Node, Relation, Source, SourceRef
from argmap.model.edit_checks import EditError, check_refs
from argmap.model.ops import EditResult, Patch, _require, apply
from argmap.model.source import reanchor_ref
from argmap.model.structure import Argument, Section

Refs = tuple[SourceRef, ...]


@dataclass(frozen=True)
class Fragment:
    """Copied subtrees: `holder` is a map whose node `anchor` has them as its children."""

    holder: ArgumentMap
    anchor: str
    #: what making it left out (a cross-link to a node not copied, ...), for the user
    notes: tuple[str, ...] = ()

    @property
    def roots(self) -> tuple[str, ...]:
        return self.holder.tree.children(self.anchor)

    def __len__(self) -> int:
        """How many nodes it holds (the anchor is none of them)."""
        return len(self.holder.nodes) - 1


@dataclass(frozen=True)
class PasteResult(EditResult):
    """The edit, the new ids of the pasted roots, and what the paste had to change."""

    roots: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


ANCHOR = "fragment"


def free_id(taken: Iterable[str], prefix: str) -> str:
    """`prefix`, or `prefix` and the first number that makes it not one of `taken`."""
    used = set(taken)
    if prefix not in used:
        return prefix
    k = 2
    while f"{prefix}{k}" in used:
        k += 1
    return f"{prefix}{k}"


def anchor_node(node_id: str) -> Node:
    return Node(id=node_id, argument=Argument())


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


# -- copying ---------------------------------------------------------------------------


def copied_roots(m: ArgumentMap, node_ids: Iterable[str]) -> list[str]:
    """The nodes to copy, each once, without those inside another one's subtree (they come
    with it), in the order given."""
    wanted = list(dict.fromkeys(node_ids))
    for node_id in wanted:
        _require(m, node_id)
    chosen = set(wanted)
    return [i for i in wanted if not any(a in chosen for a in m.tree.ancestors(i))]


def fragment_of(m: ArgumentMap, node_ids: Iterable[str]) -> Fragment:
    """The subtrees of `node_ids` (a list, so that several selected nodes copy as one)."""
    roots = copied_roots(m, node_ids)
    if not roots:
        raise EditError("nothing to copy: select a node")
    anchor = free_id(m.nodes, ANCHOR)
    groups = [m.nodes[r].group for r in roots if m.nodes[r].group is not None]
    shared = {g for g in groups if groups.count(g) > 1}  # co-premises copied together
    nodes: dict[str, Node] = {}
    for index, root in enumerate(roots):
        node = m.nodes[root]
        nodes[root] = node.model_copy(
            update={
                "parent": anchor,
                "relation": node.relation or Relation.SUPPORTS,
                "group": node.group if node.group in shared else None,
                "order": index,
            }
        )
        nodes.update((below, m.nodes[below]) for below in m.tree.walk(root) if below != root)
    notes = _left_out(m, nodes)
    links = tuple(x for x in m.links if x.source in nodes and x.target in nodes)
    if len(links) < sum(1 for x in m.links if x.source in nodes or x.target in nodes):
        dropped = sum(1 for x in m.links if (x.source in nodes) != (x.target in nodes))
        notes.append(f"{_plural(dropped, 'cross-link')} to nodes not copied left out")
    nodes[anchor] = anchor_node(anchor)
    source = Source(checksum=m.source.checksum if m.source.is_current() else None)
    tags = {t for n in nodes.values() for t in n.tags}
    holder = ArgumentMap().evolve(
        nodes=nodes,
        links=links,
        sections=_sections_of(m.sections, nodes.values()),
        tag_colors={t: c for t, c in m.tag_colors.items() if t in tags},
        source=source,
    )
    return Fragment(repaired(holder), anchor, tuple(notes))


def _left_out(m: ArgumentMap, nodes: Mapping[str, Node]) -> list[str]:
    """What the copied arguments' structures name outside the copied part."""
    notes = []
    for node in nodes.values():
        if node.argument is not None:
            outside = sum(1 for s in node.argument.pcs if s.statement not in nodes)
            if outside:
                notes.append(
                    f"argument '{node.id}': {_plural(outside, 'step')} naming statements "
                    "not copied left out"
                )
    return notes[:1] + ([f"and {len(notes) - 1} more"] if len(notes) > 1 else [])


def _sections_of(sections: tuple[Section, ...], nodes: Iterable[Node]) -> tuple[Section, ...]:
    """The sections the nodes are in, and the sections those are in, in the map's order."""
    parent = {s.id: s.parent for s in sections}
    kept: set[str] = set()
    for node in nodes:
        current = node.section
        while current is not None and current not in kept and current in parent:
            kept.add(current)
            current = parent[current]
    return tuple(s for s in sections if s.id in kept)


# -- pasting ---------------------------------------------------------------------------


class _Ids:
    """Fresh ids for a map, as `ops.new_id` makes them (prefix and a number), many at once:
    none is a node, link or group id of the map or one handed out before."""

    def __init__(self, m: ArgumentMap) -> None:
        self.used = set(m.nodes) | {x.id for x in m.links}
        self.used |= {n.group for n in m.nodes.values() if n.group}
        self.next = {"n": len(m.nodes) + 1, "g": len(m.nodes) + 1, "x": len(m.links) + 1}

    def take(self, prefix: str) -> str:
        tag = ID_TAG.get()
        k = self.next[prefix]
        while f"{prefix}{k}{tag}" in self.used:
            k += 1
        self.next[prefix] = k + 1
        self.used.add(f"{prefix}{k}{tag}")
        return f"{prefix}{k}{tag}"


def _title_paths(sections: Iterable[Section]) -> dict[str, tuple[str, ...]]:
    """Each section's titles from the top-level one down (sections nest 50 deep at most)."""
    table = {s.id: s for s in sections}
    paths: dict[str, tuple[str, ...]] = {}
    for section in table.values():
        chain: list[Section] = []
        current: Section | None = section
        while current is not None and current.id not in paths and len(chain) <= len(table):
            chain.append(current)
            current = table.get(current.parent) if current.parent else None
        above = paths[current.id] if current is not None and current.id in paths else ()
        for item in reversed(chain):
            above = paths[item.id] = (*above, item.title)
    return paths


def _place_sections(m: ArgumentMap, holder: ArgumentMap) -> tuple[dict[str, str], list[Section]]:
    """Where the fragment's sections go: to the map's section with the same titles from the
    top down, else to a new section; the new ones, in order."""
    have = {path: sid for sid, path in _title_paths(m.sections).items()}
    theirs = _title_paths(holder.sections)
    used = {s.id for s in m.sections}
    placed: dict[str, str] = {}
    new: list[Section] = []
    for section in sorted(holder.sections, key=lambda s: len(theirs[s.id])):  # parents first
        path = theirs[section.id]
        if path in have:
            placed[section.id] = have[path]
            continue
        section_id = free_id(used, f"section{len(used) + 1}")
        used.add(section_id)
        parent = placed[section.parent] if section.parent else None
        new.append(Section(id=section_id, title=section.title, parent=parent))
        placed[section.id] = have[path] = section_id
    return placed, new


def _find_refs_in(m: ArgumentMap, holder: ArgumentMap) -> str | None:
    """The text to find the pasted references' words in, or None to keep them as they are:
    when they were anchored to this very text, or when the map has no text (they wait, as
    a detached source's do, to be found when one is attached)."""
    if m.source.text is None:
        return None
    if m.source.is_current() and holder.source.checksum == m.source.checksum:
        return None
    return m.source.text


def _moved_refs(node: Node, find_in: str | None, text: str | None, flagged: list[str]) -> Refs:
    refs = node.refs
    if refs and find_in is not None:
        found = [reanchor_ref(find_in, ref) for ref in refs]
        flagged.extend(node.id for _ref, how in found if how == "flagged")
        refs = tuple(ref for ref, _how in found)
    check_refs(text, node.id, refs)
    return refs


@dataclass(frozen=True)
class _Place:
    """Where a fragment goes: under `parent` (None: as claims) with `relation`."""

    parent: str | None
    relation: Relation | None
    sections: Mapping[str, str]  # the fragment's section id -> the map's
    find_refs_in: str | None


def _grafted(m: ArgumentMap, fragment: Fragment, place: _Place, ids: _Ids) -> _Grafted:
    """The fragment's nodes with new ids, the roots hung where `place` says."""
    holder, anchor = fragment.holder, fragment.anchor
    new_ids = {old: ids.take("n") for old in holder.tree.walk(anchor) if old != anchor}
    # siblings are numbered again: tied orders were broken by the old ids, not the new
    orders = {c: i for p in (anchor, *new_ids) for i, c in enumerate(holder.tree.children(p))}
    groups: dict[str, str] = {}
    flagged: list[str] = []
    nodes: dict[str, Node] = {}
    for old, new in new_ids.items():
        node = holder.nodes[old]
        root = node.parent == anchor
        update: dict[str, object] = {
            "id": new,
            "order": orders[old],
            "parent": place.parent if root else new_ids[node.parent or ""],
            "relation": place.relation if root else node.relation,
            "section": place.sections.get(node.section) if node.section else None,
            "refs": _moved_refs(node, place.find_refs_in, m.source.text, flagged),
        }
        group = None if root and place.parent is None else node.group
        if group is not None and group not in groups:
            groups[group] = ids.take("g")
        update["group"] = groups[group] if group is not None else None
        if root:  # its relation is the one it is pasted with now
            update["meta"] = {k: v for k, v in node.meta.items() if k != "relation"}
            if place.parent is None:
                update["force"] = None  # a claim is no reason: it has no force
        if node.argument is not None and node.argument.pcs:
            steps = tuple(
                s.model_copy(update={"statement": new_ids[s.statement]}) for s in node.argument.pcs
            )
            update["argument"] = node.argument.model_copy(update={"pcs": steps})
        nodes[new] = node.model_copy(update=update)
    links = tuple(
        x.model_copy(
            update={"id": ids.take("x"), "source": new_ids[x.source], "target": new_ids[x.target]}
        )
        for x in holder.links
    )
    notes = []
    if flagged:
        notes.append(
            f"{_plural(len(flagged), 'source reference')} not found in this map's "
            "source text: marked for review"
        )
    return _Grafted(new_ids, nodes, links, notes)


@dataclass
class _Grafted:
    new_ids: dict[str, str]  # fragment id -> map id
    nodes: dict[str, Node]  # by map id
    links: tuple[CrossLink, ...]
    notes: list[str]


def paste(
    m: ArgumentMap,
    fragment: Fragment,
    parent: str | None,
    relation: Relation = Relation.SUPPORTS,
    index: int | None = None,
) -> PasteResult:
    """Graft `fragment` under `parent` (its roots with `relation`, at `index` among its
    children, the end by default), or as new top-level claims when `parent` is None."""
    if not fragment.roots:
        raise EditError("there is nothing to paste")
    if parent is not None:
        target = _require(m, parent)
        if relation is Relation.UNDERCUTS and not has_inference(target):
            raise EditError(
                f"node '{parent}' is neither a support nor an argument; only an inference "
                "can be undercut (paste as a rebuttal instead)"
            )
    sections, new_sections = _place_sections(m, fragment.holder)
    place = _Place(
        parent,
        relation if parent is not None else None,
        sections,
        _find_refs_in(m, fragment.holder),
    )
    grafted = _grafted(m, fragment, place, _Ids(m))
    nodes, links, fixed = _undercuts_kept(m, parent, grafted.nodes, grafted.links)
    notes = grafted.notes
    if fixed:
        notes.append(
            f"{_plural(fixed, 'undercut')} of a pasted root became rebuttals: "
            "it has no inference to undercut here"
        )
    roots = [grafted.new_ids[r] for r in fragment.roots]
    siblings = [m.nodes[c] for c in m.tree.children(parent)]
    at = len(siblings) if index is None else max(0, min(index, len(siblings)))
    siblings[at:at] = [nodes[r] for r in roots]
    for order, sibling in enumerate(siblings):
        if sibling.order != order:
            nodes[sibling.id] = sibling.model_copy(update={"order": order})
    fields: list[tuple[str, object]] = []
    if new_sections:
        fields.append(("sections", (*m.sections, *new_sections)))
    colors = {t: c for t, c in fragment.holder.tag_colors.items() if t not in m.tag_colors}
    if colors:
        fields.append(("tag_colors", {**m.tag_colors, **colors}))
    patch = Patch(put_nodes=tuple(nodes.values()), put_links=links, fields=tuple(fields))
    result = apply(m, patch, roots[0])
    return PasteResult(**vars(result), roots=tuple(roots), notes=tuple(notes))


def _undercuts_kept(
    m: ArgumentMap,
    parent: str | None,
    nodes: dict[str, Node],
    links: tuple[CrossLink, ...],
) -> tuple[dict[str, Node], tuple[CrossLink, ...], int]:
    """The pasted nodes and links with an undercut of a root that lost its inference (pasted
    as a rebuttal or a claim) made the rebuttal it then is, as a loaded map's would be."""
    around = {parent: m.nodes[parent]} if parent is not None else {}
    part = ArgumentMap.model_construct(nodes={**around, **nodes}, links=links)
    fixed = repaired(part)
    if fixed is part:
        return nodes, links, 0
    mended = {i: fixed.nodes[i] for i in nodes}
    count = sum(1 for i in nodes if mended[i].relation != nodes[i].relation)
    count += sum(1 for a, b in zip(links, fixed.links, strict=True) if a.relation != b.relation)
    return mended, fixed.links, count
