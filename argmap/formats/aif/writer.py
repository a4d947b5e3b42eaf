"""AIF writing: argmap's map back into an AIF nodeset (or OVA's wrapper).

`to_aif` writes every node as an I-node and every relation through a scheme
node, then what the reader kept verbatim, as argmap.formats.aif describes;
`scheme_counts` says how many AIF nodes of each type that writes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from argmap.formats.aif.graph import _EDGE_ENDS, SCHEME_RELATION, _as_dict, _dicts, _is_id
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

    def __init__(self, seen: Iterable[Any]) -> None:
        self.used: set[str] = set()
        top = 0
        for value in seen:
            if _is_id(value):
                text = str(value)
                if text.isascii() and text.isdigit() and len(text) <= 18:
                    top = max(top, int(text))
        self._next = top + 1

    def claim(self, value: Any) -> bool:
        if not _is_id(value) or str(value) in self.used:
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
    via: dict[str, Any]
    edge: dict[str, Any]
    group: tuple[str | None, str, str] | None = None  # (parent, relation, group) of a tree edge


@dataclass
class _Out:
    """One scheme node to write and the relations going through it."""

    target: str
    relation: Relation
    scheme_type: str
    via: dict[str, Any]  # empty: a new scheme node
    items: list[_Item] = field(default_factory=list)
    node_id: Any = None


def _items(m: ArgumentMap) -> list[_Item]:
    """Tree edges in pre-order (siblings in order), then cross-links in order."""
    items: list[_Item] = []
    for node_id in m.tree.walk():
        node = m.nodes[node_id]
        if node.parent is None or node.relation is None:
            continue
        aif = _as_dict(node.meta.get("aif"))
        name = node.meta.get("relation")
        items.append(
            _Item(
                node.id,
                node.parent,
                node.relation,
                name if isinstance(name, str) else None,
                _as_dict(aif.get("via")),
                _as_dict(aif.get("edge")),
                None if node.group is None else (node.parent, node.relation.value, node.group),
            )
        )
    for link in m.links:
        aif = _as_dict(link.meta.get("aif"))
        name = link.meta.get("relation")
        items.append(
            _Item(
                link.source,
                link.target,
                link.relation,
                name if isinstance(name, str) else None,
                _as_dict(aif.get("via")),
                _as_dict(aif.get("edge")),
            )
        )
    return items


def _scheme_type(relation: Relation, name: str | None) -> str:
    if relation is Relation.REBUTS:
        return "CA"
    return {"rephrase": "MA", "preference": "PA"}.get(name or "", "RA")


def _export_order(m: ArgumentMap) -> list[Node]:
    """Storage order, the top-level claims put into their sibling order in their slots."""
    roots = iter(m.tree.roots)
    return [m.nodes[next(roots)] if n.parent is None else n for n in m.nodes.values()]


def _plan(items: list[_Item], aif_id: dict[str, Any]) -> list[_Out]:
    """Gather relations into scheme nodes: by recorded scheme, by co-premise group, or alone."""

    def valid(item: _Item) -> bool:
        node = _as_dict(item.via.get("node"))
        scheme_type = node.get("type")
        if scheme_type not in SCHEME_RELATION or not _is_id(node.get("nodeID")):
            return False
        if SCHEME_RELATION[scheme_type] is not item.relation:
            return False
        expected = item.via.get("anchor", item.via.get("to"))
        return _is_id(expected) and str(expected) == str(aif_id[item.target])

    group_via: dict[tuple[str | None, str, str], dict[str, Any]] = {}
    for item in items:
        if item.group is not None and item.group not in group_via and valid(item):
            group_via[item.group] = item.via
    outs: dict[tuple[Any, ...], _Out] = {}
    for index, item in enumerate(items):
        via = group_via.get(item.group) if item.group is not None else None
        if via is None and valid(item):
            via = item.via
        key: tuple[Any, ...]
        if via is not None:
            key = ("via", str(via["node"]["nodeID"]))
        elif item.group is not None:
            key = ("group", *item.group)
        else:
            key = ("single", index)
        key = (*key, item.target, item.relation)
        out = outs.get(key)
        if out is None:
            scheme_type = via["node"]["type"] if via else _scheme_type(item.relation, item.name)
            out = outs[key] = _Out(item.target, item.relation, scheme_type, via or {})
        out.items.append(item)
    return list(outs.values())


def _edge(edge_ids: _Ids, stored: dict[str, Any], source: Any, target: Any) -> dict[str, Any]:
    edge_id = stored.get("edgeID")
    edge: dict[str, Any] = {
        "edgeID": edge_id if edge_ids.claim(edge_id) else edge_ids.new(),
        "fromID": source,
        "toID": target,
    }
    if not stored:
        edge["formEdgeID"] = None
    for k, v in stored.items():
        edge.setdefault(k, v)
    return edge


def to_aif(m: ArgumentMap) -> dict[str, Any]:
    """The AIF document of `m`: an AIFdb nodeset, or OVA's wrapper if it came from OVA."""
    kept = _as_dict(m.meta.get("aif"))
    verbatim_nodes = _dicts(kept.get("other_nodes")) + _dicts(kept.get("dialogue_nodes"))
    verbatim_edges = _dicts(kept.get("other_edges")) + _dicts(kept.get("dialogue_edges"))
    items = _items(m)
    node_ids, edge_ids = _id_pools(m, items, verbatim_nodes, verbatim_edges)
    nodes, aif_id = _i_nodes(m, node_ids)
    plan = _plan(items, aif_id)
    nodes += _scheme_nodes(plan, node_ids)
    nodes.extend(verbatim_nodes)
    present = {str(n["nodeID"]) for n in nodes if _is_id(n.get("nodeID"))}
    edges = _edges(items, plan, aif_id, edge_ids, present)
    for raw in verbatim_edges:
        ends = [raw.get(end) for end in _EDGE_ENDS]
        if all(_is_id(end) and str(end) in present for end in ends):
            edges.append(raw)
    locutions = kept.get("locutions")
    body: dict[str, Any] = {
        "nodes": nodes,
        "edges": edges,
        "locutions": locutions if isinstance(locutions, list) else [],
    }
    for k, v in _as_dict(kept.get("extra")).items():
        body.setdefault(k, v)
    wrapper = kept.get("wrapper")
    if isinstance(wrapper, dict):
        doc: dict[str, Any] = {"AIF": body}
        for k, v in wrapper.items():
            doc.setdefault(k, v)
        return doc
    return body


def _id_pools(
    m: ArgumentMap,
    items: list[_Item],
    verbatim_nodes: list[dict[str, Any]],
    verbatim_edges: list[dict[str, Any]],
) -> tuple[_Ids, _Ids]:
    """The nodeIDs and edgeIDs to write: the kept nodes' and edges' own first."""

    def mentioned() -> Iterator[Any]:
        for raw in verbatim_nodes:
            yield raw.get("nodeID")
        for node in m.nodes.values():
            yield _as_dict(node.meta.get("aif")).get("nodeID")
        for item in items:
            yield _as_dict(item.via.get("node")).get("nodeID")

    node_ids = _Ids(mentioned())
    for raw in verbatim_nodes:
        node_ids.claim(raw.get("nodeID"))
    edge_ids = _Ids(
        [e.get("edgeID") for e in verbatim_edges]
        + [item.edge.get("edgeID") for item in items]
        + [_as_dict(item.via.get("out")).get("edgeID") for item in items]
    )
    for raw in verbatim_edges:
        edge_ids.claim(raw.get("edgeID"))
    return node_ids, edge_ids


def _i_nodes(m: ArgumentMap, node_ids: _Ids) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """An I-node for every argmap node, and the nodeID each got."""
    nodes: list[dict[str, Any]] = []
    aif_id: dict[str, Any] = {}
    for node in _export_order(m):
        aif = _as_dict(node.meta.get("aif"))
        wanted = aif.get("nodeID")
        aif_id[node.id] = wanted if node_ids.claim(wanted) else node_ids.new()
        entry: dict[str, Any] = {"nodeID": aif_id[node.id], "text": node.text, "type": "I"}
        if "timestamp" in aif or "nodeID" not in aif:
            entry["timestamp"] = aif.get("timestamp", "")
        for k, v in _as_dict(aif.get("extra")).items():
            entry.setdefault(k, v)
        nodes.append(entry)
    return nodes, aif_id


def _scheme_nodes(plan: list[_Out], node_ids: _Ids) -> list[dict[str, Any]]:
    """A scheme node for every planned scheme: the recorded one, or a new one."""
    nodes: list[dict[str, Any]] = []
    for out in plan:
        wanted = _as_dict(out.via.get("node")).get("nodeID")
        out.node_id = wanted if out.via and node_ids.claim(wanted) else node_ids.new()
        if out.via:
            scheme = dict(out.via["node"])
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


def _edges(
    items: list[_Item],
    plan: list[_Out],
    aif_id: dict[str, Any],
    edge_ids: _Ids,
    present: set[str],
) -> list[dict[str, Any]]:
    """Each relation's edge into its scheme, then each scheme's edge out of it (an
    undercut's back to the scheme node it attacks, when that is `present`)."""
    edges: list[dict[str, Any]] = []
    scheme_of = {id(item): out for out in plan for item in out.items}
    for item in items:
        out = scheme_of[id(item)]
        edges.append(_edge(edge_ids, item.edge, aif_id[item.source], out.node_id))
    for out in plan:
        target = aif_id[out.target]
        to = out.via.get("to")
        if "anchor" in out.via and _is_id(to) and str(to) in present:
            target = to  # an undercut: back to the scheme node it attacks
        edges.append(_edge(edge_ids, _as_dict(out.via.get("out")), out.node_id, target))
    return edges


def write_aif(m: ArgumentMap) -> str:
    """The AIF JSON text of `m`."""
    return json.dumps(to_aif(m), indent=2, ensure_ascii=False) + "\n"


# -- counting ------------------------------------------------------------------------


def scheme_counts(m: ArgumentMap) -> dict[str, int]:
    """How many AIF nodes of each type the map holds or keeps (what export writes for a map
    read from AIF): I-nodes, the distinct scheme nodes behind its relations, kept nodes."""
    counts: dict[str, int] = {"I": len(m.nodes)}
    schemes: dict[str, str] = {}
    relations = [n.meta for n in m.nodes.values() if n.parent is not None]
    relations += [link.meta for link in m.links]
    for meta in relations:
        node = _as_dict(_as_dict(_as_dict(meta.get("aif")).get("via")).get("node"))
        if _is_id(node.get("nodeID")) and isinstance(node.get("type"), str):
            schemes.setdefault(str(node["nodeID"]), node["type"])
    kept = _as_dict(m.meta.get("aif"))
    types: list[Any] = list(schemes.values())
    types += [n.get("type") for n in _dicts(kept.get("other_nodes"))]
    types += [n.get("type") for n in _dicts(kept.get("dialogue_nodes"))]
    for scheme_type in types:
        if isinstance(scheme_type, str):
            counts[scheme_type] = counts.get(scheme_type, 0) + 1
    return counts
