"""AIF writing: argmap's map back into an AIF nodeset (or OVA's wrapper).

`to_aif` writes every node as an I-node (an argument with premises as ONE RA from
them to its conclusion) and every other relation through a scheme node, then what
the reader kept verbatim and argmap's hints, as argmap.formats.aif describes;
`scheme_counts` says how many AIF nodes of each type that writes.
"""

from __future__ import annotations

import heapq
import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from argmap.formats.aif.arguments import RaPlan, plan_ras, written_as_ra
from argmap.formats.aif.graph import SCHEME_RELATION
from argmap.formats.aif.hints_in import HINT_KEY, Marks
from argmap.formats.aif.hints_out import hints_of
from argmap.formats.aif.meta import (
    KeptINode,
    KeptVia,
    as_dict,
    kept_i_node,
    kept_map,
    kept_relation,
    step_edge,
    step_edges,
)
from argmap.formats.aif.nodeset import EDGE_ENDS, JsonObject, is_id
from argmap.formats.aif.schemes import ra_node, scheme_of
from argmap.model import ArgumentMap, Node, Relation

#: text, scheme and schemeID of the scheme nodes that export creates
DEFAULT_SCHEME: dict[str, tuple[str, str | None]] = {
    "RA": ("Default Inference", "72"),
    "CA": ("Default Conflict", "71"),
    "MA": ("Default Rephrase", "144"),
    "PA": ("Default Preference", None),
}


class _Ids:
    """Ids in use, and new numeric ids above every number seen."""

    def __init__(self, seen: Iterable[object]) -> None:
        self.used: set[str] = set()
        top = 0
        for value in seen:
            if is_id(value):
                text = str(value)
                if text.isascii() and text.isdigit() and len(text) <= 18:
                    top = max(top, int(text))
        self._next = top + 1

    def claim(self, value: object) -> bool:
        if not is_id(value) or str(value) in self.used:
            return False
        self.used.add(str(value))
        return True

    def new(self) -> str:
        while str(self._next) in self.used:
            self._next += 1
        value = str(self._next)
        self.used.add(value)
        self._next += 1
        return value


@dataclass
class _Item:
    """One relation of the map: a tree edge or a cross-link."""

    source: str
    target: str
    relation: Relation
    name: str | None
    via: KeptVia
    edge: JsonObject
    group: tuple[str | None, str, str] | None = None  # (parent, relation, group) of a tree edge
    #: a premise's edge into its argument's RA, or the RA's to its conclusion: no scheme node
    direct: bool = False
    tree: bool = False  # the edge of a node to its parent


@dataclass
class _Out:
    """One scheme node to write and the relations going through it."""

    target: str
    relation: Relation
    scheme_type: str
    via: KeptVia | None  # None: a new scheme node
    items: list[_Item] = field(default_factory=list)
    node_id: object = None


def _direct(ras: frozenset[str], source: str, target: str, relation: Relation) -> bool:
    """A support into or out of an argument written as its RA (argmap.formats.aif.arguments)
    is an edge of its RA, through no scheme node."""
    return relation is Relation.SUPPORTS and (source in ras or target in ras)


_NO_VIA = KeptVia({}, None, {}, False, None)


def _items(m: ArgumentMap, ras: frozenset[str]) -> list[_Item]:
    """Tree edges in pre-order (siblings in order), then cross-links in order."""
    items: list[_Item] = []
    for node_id in m.tree.walk():
        node = m.nodes[node_id]
        if node.parent is None or node.relation is None:
            continue
        kept = kept_relation(node.meta)
        name = node.meta.get("relation")
        items.append(
            _Item(
                node.id,
                node.parent,
                node.relation,
                name if isinstance(name, str) else None,
                kept.via,
                kept.edge,
                None if node.group is None else (node.parent, node.relation.value, node.group),
                _direct(ras, node.id, node.parent, node.relation),
                tree=True,
            )
        )
    for link in m.links:
        kept = kept_relation(link.meta)
        name = link.meta.get("relation")
        items.append(
            _Item(
                link.source,
                link.target,
                link.relation,
                name if isinstance(name, str) else None,
                kept.via,
                kept.edge,
                direct=_direct(ras, link.source, link.target, link.relation),
            )
        )
    return items


def _scheme_type(relation: Relation, name: str | None) -> str:
    if relation is not Relation.SUPPORTS:
        return "CA"
    return {"rephrase": "MA", "preference": "PA"}.get(name or "", "RA")


def _export_order(m: ArgumentMap) -> list[Node]:
    """Storage order, the top-level claims put into their sibling order in their slots."""
    roots = iter(m.tree.roots)
    return [m.nodes[next(roots)] if n.parent is None else n for n in m.nodes.values()]


def _plan(items: list[_Item], aif_id: dict[str, object]) -> list[_Out]:
    """Gather relations into scheme nodes: by recorded scheme, by co-premise group, or alone."""

    def valid(item: _Item) -> bool:
        node = item.via.node
        scheme_type = node.get("type")
        if scheme_type not in SCHEME_RELATION or not is_id(node.get("nodeID")):
            return False
        relation = Relation.REBUTS if item.relation is Relation.UNDERCUTS else item.relation
        if SCHEME_RELATION[scheme_type] is not relation:
            return False
        expected = item.via.expected
        return is_id(expected) and str(expected) == str(aif_id[item.target])

    group_via: dict[tuple[str | None, str, str], KeptVia] = {}
    for item in items:
        if item.group is not None and item.group not in group_via and valid(item):
            group_via[item.group] = item.via
    outs: dict[tuple[Any, ...], _Out] = {}
    for index, item in enumerate(items):
        if item.direct:
            continue
        via = group_via.get(item.group) if item.group is not None else None
        if via is None and valid(item):
            via = item.via
        key: tuple[Any, ...]
        if via is not None:
            key = ("via", str(via.node["nodeID"]))
        elif item.group is not None:
            key = ("group", *item.group)
        else:
            key = ("single", index)
        key = (*key, item.target, item.relation)
        out = outs.get(key)
        if out is None:
            scheme_type = via.node["type"] if via else _scheme_type(item.relation, item.name)
            out = outs[key] = _Out(item.target, item.relation, scheme_type, via)
        out.items.append(item)
    return list(outs.values())


def _edge(edge_ids: _Ids, stored: JsonObject, source: object, target: object) -> JsonObject:
    edge_id = stored.get("edgeID")
    edge: JsonObject = {
        "edgeID": edge_id if edge_ids.claim(edge_id) else edge_ids.new(),
        "fromID": source,
        "toID": target,
    }
    if not stored:
        edge["formEdgeID"] = None
    for k, v in stored.items():
        edge.setdefault(k, v)
    return edge


def to_aif(m: ArgumentMap) -> JsonObject:
    """The AIF document of `m`: an AIFdb nodeset, or OVA's wrapper if it came from OVA."""
    kept = kept_map(m.meta)
    verbatim_nodes = kept.other_nodes + kept.dialogue_nodes
    verbatim_edges = kept.other_edges + kept.dialogue_edges
    ra_plan = plan_ras(m)
    as_ra = ra_plan.ras
    items = _items(m, as_ra)
    # a top-level argument's RA points at its structure's conclusion: no relation's edge
    items += [_top_item(m.nodes[a], c) for a, c in ra_plan.top.items()]
    i_nodes = [(node, kept_i_node(node.meta)) for node in _export_order(m)]
    node_ids, edge_ids = _id_pools(i_nodes, items, verbatim_nodes, verbatim_edges)
    statements = [(node, kept) for node, kept in i_nodes if node.id not in as_ra]
    arguments = [(node, kept) for node, kept in i_nodes if node.id in as_ra]
    nodes, aif_id = _i_nodes(statements, node_ids)
    ras, ra_id = _ra_nodes(arguments, node_ids)
    aif_id |= ra_id
    plan = _plan(items, aif_id)
    nodes += ras
    nodes += _scheme_nodes(plan, node_ids)
    nodes.extend(verbatim_nodes)
    present = {str(n["nodeID"]) for n in nodes if is_id(n.get("nodeID"))}
    edges = _edges(m, items, plan, aif_id, edge_ids, present, as_ra)
    for raw in verbatim_edges:
        ends = [raw.get(end) for end in EDGE_ENDS]
        if all(is_id(end) and str(end) in present for end in ends):
            edges.append(raw)
    body: JsonObject = {"nodes": nodes, "edges": edges, "locutions": kept.locutions}
    marks = _marks(ras, ra_plan, aif_id)
    hints = hints_of(m, nodes, edges, aif_id, marks)  # what the nodeset cannot say
    if hints is not None:
        body[HINT_KEY] = hints
    for k, v in kept.extra.items():
        body.setdefault(k, v)
    if kept.wrapper is not None:
        doc: JsonObject = {"AIF": body}
        for k, v in kept.wrapper.items():
            doc.setdefault(k, v)
        return doc
    return body


def _top_item(node: Node, conclusion: str) -> _Item:
    """The edge from a top-level argument's RA to its structure's main conclusion."""
    kept = kept_relation(node.meta).edge
    return _Item(node.id, conclusion, Relation.SUPPORTS, None, _NO_VIA, kept, direct=True)


def _marks(ras: list[JsonObject], ra_plan: RaPlan, aif_id: dict[str, object]) -> Marks:
    """What the hints must say for the reader to make the same arguments of the RAs:
    those naming no scheme are arguments, the top-level ones hang by no relation."""
    unnamed = frozenset(str(ra["nodeID"]) for ra in ras if not scheme_of(ra))
    return Marks(unnamed, frozenset(str(aif_id[a]) for a in ra_plan.top))


def _id_pools(
    i_nodes: list[tuple[Node, KeptINode]],
    items: list[_Item],
    verbatim_nodes: list[JsonObject],
    verbatim_edges: list[JsonObject],
) -> tuple[_Ids, _Ids]:
    """The nodeIDs and edgeIDs to write: the kept nodes' and edges' own first."""

    def mentioned() -> Iterator[object]:
        for raw in verbatim_nodes:
            yield raw.get("nodeID")
        for _, kept in i_nodes:
            yield kept.node_id
        for item in items:
            yield item.via.node.get("nodeID")

    node_ids = _Ids(mentioned())
    for raw in verbatim_nodes:
        node_ids.claim(raw.get("nodeID"))
    edge_ids = _Ids(
        [e.get("edgeID") for e in verbatim_edges]
        + [e.get("edgeID") for node, _ in i_nodes for e in step_edges(node.meta)]
        + [item.edge.get("edgeID") for item in items]
        + [item.via.out.get("edgeID") for item in items]
    )
    for raw in verbatim_edges:
        edge_ids.claim(raw.get("edgeID"))
    return node_ids, edge_ids


def _i_nodes(
    i_nodes: list[tuple[Node, KeptINode]], node_ids: _Ids
) -> tuple[list[JsonObject], dict[str, object]]:
    """An I-node for every argmap node, and the nodeID each got."""
    nodes: list[JsonObject] = []
    aif_id: dict[str, object] = {}
    for node, kept in i_nodes:
        wanted = kept.node_id
        aif_id[node.id] = wanted if node_ids.claim(wanted) else node_ids.new()
        entry: JsonObject = {"nodeID": aif_id[node.id], "text": node.text, "type": "I"}
        if kept.timed or not kept.known:
            entry["timestamp"] = kept.timestamp
        for k, v in kept.extra.items():
            entry.setdefault(k, v)
        nodes.append(entry)
    return nodes, aif_id


def _ra_nodes(
    arguments: list[tuple[Node, KeptINode]], node_ids: _Ids
) -> tuple[list[JsonObject], dict[str, object]]:
    """An RA node for every argument, naming its scheme, and the nodeID each got."""
    nodes: list[JsonObject] = []
    aif_id: dict[str, object] = {}
    for node, kept in arguments:
        assert node.argument is not None
        wanted = kept.node_id
        aif_id[node.id] = wanted if node_ids.claim(wanted) else node_ids.new()
        ra = as_dict(as_dict(node.meta.get("aif")).get("ra"))
        nodes.append(ra_node(ra, node.argument.scheme, aif_id[node.id]))
    return nodes, aif_id


def _scheme_nodes(plan: list[_Out], node_ids: _Ids) -> list[JsonObject]:
    """A scheme node for every planned scheme: the recorded one, or a new one."""
    nodes: list[JsonObject] = []
    for out in plan:
        wanted = out.via.node.get("nodeID") if out.via else None
        out.node_id = wanted if out.via and node_ids.claim(wanted) else node_ids.new()
        scheme: JsonObject
        if out.via:
            scheme = dict(out.via.node)
            scheme["nodeID"] = out.node_id
        else:
            text, scheme_id = DEFAULT_SCHEME[out.scheme_type]
            scheme = {"nodeID": out.node_id, "text": text, "type": out.scheme_type}
            scheme["timestamp"] = ""
            if scheme_id is not None:
                scheme["scheme"] = text
                scheme["schemeID"] = scheme_id
        nodes.append(scheme)
    return nodes


def _premises_in_order(m: ArgumentMap, items: list[_Item], ras: frozenset[str]) -> list[_Item]:
    """`items` in an order the reader maps back the same: each node's tree edge before
    its other edges, siblings in order, and each argument's premise edges in the order of
    its structure (a listed premise no relation places gets an edge too): the items as
    they come, each held back only until what must precede it is written."""
    extra: list[_Item] = []
    into: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        if item.direct and item.target in ras:
            into.setdefault(item.target, []).append(index)
    for node in m.nodes.values():
        if node.argument is not None and node.id in ras:
            have = {items[k].source for k in into.get(node.id, ())}
            for premise in node.argument.premises():
                if premise not in have and premise not in ras:
                    edge = step_edge(node.meta, premise)
                    extra.append(_Item(premise, node.id, Relation.SUPPORTS, None, _NO_VIA, edge))
                    extra[-1].direct = True
    every = items + extra
    after: list[list[int]] = [[] for _ in every]
    needs = [0] * len(every)

    def before(a: int, b: int) -> None:
        after[a].append(b)
        needs[b] += 1

    first: dict[str, int] = {}
    last_child: dict[str, int] = {}
    for index, item in enumerate(every):
        if item.tree:
            if item.target in last_child:
                before(last_child[item.target], index)
            last_child[item.target] = index
        if item.source in first:
            before(first[item.source], index)
        else:
            first[item.source] = index
    place = {
        (p, n.id): k
        for n in m.nodes.values()
        if n.argument is not None and n.id in ras
        for k, p in enumerate(n.argument.premises())
    }
    by_argument: dict[str, list[int]] = {}
    for index, item in enumerate(every):
        if (item.source, item.target) in place and item.direct:
            by_argument.setdefault(item.target, []).append(index)
    for found in by_argument.values():
        found.sort(key=lambda k: place[(every[k].source, every[k].target)])
        for a, b in itertools.pairwise(found):
            before(a, b)
    ready = [k for k in range(len(every)) if needs[k] == 0]
    heapq.heapify(ready)
    out: list[_Item] = []
    while ready:
        k = heapq.heappop(ready)
        out.append(every[k])
        for b in after[k]:
            needs[b] -= 1
            if needs[b] == 0:
                heapq.heappush(ready, b)
    if len(out) < len(every):  # constraints that contradict (an edited map): as they come
        written = {id(i) for i in out}
        out += [i for i in every if id(i) not in written]
    return out


def _edges(
    m: ArgumentMap,
    items: list[_Item],
    plan: list[_Out],
    aif_id: dict[str, object],
    edge_ids: _Ids,
    present: set[str],
    as_ra: frozenset[str],
) -> list[JsonObject]:
    """Each relation's edge into its scheme, then each scheme's edge out of it (an
    undercut's back to the scheme node it attacks, when that is `present`)."""
    edges: list[JsonObject] = []
    scheme_of = {id(item): out for out in plan for item in out.items}
    for item in _premises_in_order(m, items, as_ra):
        if item.direct:
            edges.append(_edge(edge_ids, item.edge, aif_id[item.source], aif_id[item.target]))
            continue
        out = scheme_of[id(item)]
        edges.append(_edge(edge_ids, item.edge, aif_id[item.source], out.node_id))
    # the scheme node of each statement's relation to its parent: what undercuts attack
    inference: dict[str, object] = {}
    for item in items:  # tree edges first: a statement's relation to its parent
        if item.relation is Relation.SUPPORTS and id(item) in scheme_of:
            inference.setdefault(item.source, scheme_of[id(item)].node_id)
    for out in plan:
        target = aif_id[out.target]
        via = out.via
        if via and via.anchored and is_id(via.to) and str(via.to) in present:
            target = via.to  # an undercut: back to the scheme node it attacks
        elif out.relation is Relation.UNDERCUTS and out.target in inference:
            target = inference[out.target]  # into the RA of the support it attacks
        edges.append(_edge(edge_ids, via.out if via else {}, out.node_id, target))
    return edges


def write_aif(m: ArgumentMap) -> str:
    """The AIF JSON text of `m`."""
    return json.dumps(to_aif(m), indent=2, ensure_ascii=False) + "\n"


# -- counting ------------------------------------------------------------------------


def scheme_counts(m: ArgumentMap) -> dict[str, int]:
    """How many AIF nodes of each type the map holds or keeps (what export writes for a map
    read from AIF): I-nodes, the distinct scheme nodes behind its relations, kept nodes."""
    arguments = len(written_as_ra(m))
    counts: dict[str, int] = {"I": len(m.nodes) - arguments}
    if arguments:
        counts["RA"] = arguments
    schemes: dict[str, str] = {}
    relations = [n.meta for n in m.nodes.values() if n.parent is not None]
    relations += [link.meta for link in m.links]
    for meta in relations:
        node = kept_relation(meta).via.node
        if is_id(node.get("nodeID")) and isinstance(node.get("type"), str):
            schemes.setdefault(str(node["nodeID"]), node["type"])
    kept = kept_map(m.meta)
    types: list[object] = list(schemes.values())
    types += [n.get("type") for n in kept.other_nodes]
    types += [n.get("type") for n in kept.dialogue_nodes]
    for scheme_type in types:
        if isinstance(scheme_type, str):
            counts[scheme_type] = counts.get(scheme_type, 0) + 1
    return counts
