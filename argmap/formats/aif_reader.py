"""AIF reading: check the nodeset and lay its graph onto argmap's tree.

`from_aif` maps a parsed AIF document (AIFdb nodeset or OVA file) onto an
ArgumentMap as argmap.formats.aif describes; what argmap has no place for is
kept in ``meta["aif"]``.  The constants and small helpers here are shared with
argmap.formats.aif_writer.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from argmap.formats.errors import LoadError
from argmap.model import ArgumentMap, Relation
from argmap.model.validation import first_problem, path_text, unsaveable

DIALOGUE_TYPES = frozenset({"L", "YA", "TA"})
SCHEME_TYPES = frozenset({"RA", "CA", "MA", "PA"})
#: the argmap relation of each scheme type
SCHEME_RELATION = {
    "RA": Relation.SUPPORTS,
    "MA": Relation.SUPPORTS,
    "PA": Relation.SUPPORTS,
    "CA": Relation.REBUTS,
}
#: the name kept in meta["relation"] for scheme types argmap has no relation for
SCHEME_NAME = {"MA": "rephrase", "PA": "preference"}

_MAX_ID = 64
_EDGE_ENDS = ("fromID", "toID")


# -- small helpers -------------------------------------------------------------------


def _is_id(value: Any) -> bool:
    """AIF ids are strings, though some tools write numbers."""
    return isinstance(value, str | int) and not isinstance(value, bool)


def _json_type(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int | float):
        return "a number"
    return f"a {type(value).__name__}"


def _safe(value: str) -> str:
    return "".join(c if (c.isascii() and (c.isalnum() or c in "_-")) else "_" for c in value)


def _unique(base: str, taken: set[str]) -> str:
    """`base` cut to an id's length, with a suffix if `taken` has it already."""
    candidate = base[:_MAX_ID]
    k = 2
    while candidate in taken:
        suffix = f"_{k}"
        candidate = base[: _MAX_ID - len(suffix)] + suffix
        k += 1
    taken.add(candidate)
    return candidate


def _as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _without_ends(edge: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in edge.items() if k not in _EDGE_ENDS}


# -- reading -------------------------------------------------------------------------


@dataclass
class _Graph:
    """The checked nodeset: nodes by key (str of the nodeID), edges as (from, to, raw)."""

    keys: list[str] = field(default_factory=list)
    raw: dict[str, dict[str, Any]] = field(default_factory=dict)
    kind: dict[str, str] = field(default_factory=dict)  # I, S (scheme), D (dialogue), O
    position: dict[str, int] = field(default_factory=dict)
    edges: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    outs: dict[str, list[int]] = field(default_factory=dict)
    ins: dict[str, list[int]] = field(default_factory=dict)


def _unwrap(doc: Any, path: str | Path | None) -> tuple[dict[str, Any], str, dict[str, Any] | None]:
    """The nodeset, the prefix of positions in it, and OVA's wrapper (None for AIFdb)."""
    if not isinstance(doc, dict):
        raise LoadError(path, None, f"expected a JSON object at the top, found {_json_type(doc)}")
    if "nodes" not in doc and "AIF" in doc:
        body = doc["AIF"]
        if not isinstance(body, dict):
            raise LoadError(
                path,
                "AIF",
                f"expected an object with 'nodes' and 'edges', found {_json_type(body)}",
            )
        return body, "AIF.", {k: v for k, v in doc.items() if k != "AIF"}
    return doc, "", None


def _list_field(body: dict[str, Any], name: str, prefix: str, path: str | Path | None) -> list[Any]:
    if name not in body:
        raise LoadError(
            path,
            None,
            f"not an AIF document: there is no '{prefix}{name}' list "
            "(expected 'nodes' and 'edges', or an OVA file with an 'AIF' object)",
        )
    value = body[name]
    if not isinstance(value, list):
        raise LoadError(path, prefix + name, f"expected a list, found {_json_type(value)}")
    return value


def _check_graph(
    nodes: list[Any], edges: list[Any], prefix: str, path: str | Path | None
) -> _Graph:
    g = _Graph()
    for i, raw in enumerate(nodes):
        where = f"{prefix}nodes[{i}]"
        if not isinstance(raw, dict):
            raise LoadError(path, where, f"expected a node object, found {_json_type(raw)}")
        node_id = raw.get("nodeID")
        if not _is_id(node_id):
            problem = (
                "the node has no nodeID"
                if node_id is None
                else f"expected a string or a whole number, found {_json_type(node_id)}"
            )
            raise LoadError(path, f"{where}.nodeID", problem)
        key = str(node_id)
        if key in g.position:
            raise LoadError(
                path,
                f"{where}.nodeID",
                f"duplicate nodeID {json.dumps(node_id)} "
                f"(also at {prefix}nodes[{g.position[key]}])",
            )
        node_type = raw.get("type")
        if not isinstance(node_type, str):
            problem = (
                "the node has no type (I, RA, CA, ...)"
                if node_type is None
                else f'expected a type name such as "I" or "RA", found {_json_type(node_type)}'
            )
            raise LoadError(path, f"{where}.type", problem)
        if node_type == "I":
            text = raw.get("text")
            if text is not None and not isinstance(text, str):
                raise LoadError(
                    path, f"{where}.text", f"expected the node's text, found {_json_type(text)}"
                )
            kind = "I"
        elif node_type in SCHEME_TYPES:
            kind = "S"
        elif node_type in DIALOGUE_TYPES:
            kind = "D"
        else:
            kind = "O"
        g.keys.append(key)
        g.raw[key] = raw
        g.kind[key] = kind
        g.position[key] = i
    for j, raw in enumerate(edges):
        where = f"{prefix}edges[{j}]"
        if not isinstance(raw, dict):
            raise LoadError(path, where, f"expected an edge object, found {_json_type(raw)}")
        ends: list[str] = []
        for end in _EDGE_ENDS:
            value = raw.get(end)
            if not _is_id(value):
                problem = (
                    f"the edge has no {end}"
                    if value is None
                    else f"expected a nodeID, found {_json_type(value)}"
                )
                raise LoadError(path, f"{where}.{end}", problem)
            if str(value) not in g.position:
                raise LoadError(
                    path,
                    f"{where}.{end}",
                    f"points to node {json.dumps(value)}, which is not in the nodes list",
                )
            ends.append(str(value))
        g.outs.setdefault(ends[0], []).append(j)
        g.ins.setdefault(ends[1], []).append(j)
        g.edges.append((ends[0], ends[1], raw))
    return g


def _anchor_in_chain(g: _Graph, scheme: str, target: str, exclude: set[str]) -> str | None:
    """The I-node that stands for the scheme `target`: its first premise, else its conclusion,
    else further along the chain of schemes; never one of `exclude` (the attacker's premises)."""
    seen = {scheme, target}
    queue = deque([target])
    while queue:
        current = queue.popleft()
        sources = [g.edges[j][0] for j in g.ins.get(current, ())]
        targets = [g.edges[j][1] for j in g.outs.get(current, ())]
        premises = sorted({k for k in sources if g.kind[k] == "I"}, key=g.position.__getitem__)
        for candidate in (*premises, *(k for k in targets if g.kind[k] == "I")):
            if candidate not in exclude:
                return candidate
        for other in (*sources, *targets):
            if g.kind[other] == "S" and other not in seen:
                seen.add(other)
                queue.append(other)
    return None


@dataclass
class _Scheme:
    key: str
    out: int  # index of the outgoing edge that makes the relations
    anchor: str  # the I-node the relations point to
    premise_edges: list[int]


def _map_schemes(g: _Graph) -> dict[str, _Scheme]:
    """The scheme nodes that become relations; the others stay verbatim."""
    mapped: dict[str, _Scheme] = {}
    for key in g.keys:
        if g.kind[key] != "S":
            continue
        premise_edges = [j for j in g.ins.get(key, ()) if g.kind[g.edges[j][0]] == "I"]
        if not premise_edges:
            continue
        out = next(
            (
                j
                for j in g.outs.get(key, ())
                if g.kind[g.edges[j][1]] in ("I", "S") and g.edges[j][1] != key
            ),
            None,
        )
        if out is None:
            continue
        target = g.edges[out][1]
        premises = {g.edges[j][0] for j in premise_edges}
        anchor = target if g.kind[target] == "I" else _anchor_in_chain(g, key, target, premises)
        if anchor is None:
            continue
        mine = [j for j in premise_edges if g.edges[j][0] != anchor]
        if mine:
            mapped[key] = _Scheme(key, out, anchor, mine)
    return mapped


class _Forest:
    """Union-find over the tree under construction: a new parent edge closes a cycle
    exactly when child and parent are in one tree already (the child is a root)."""

    def __init__(self) -> None:
        self._up: dict[str, str] = {}

    def find(self, key: str) -> str:
        root = key
        while self._up.get(root, root) != root:
            root = self._up[root]
        while key != root:  # path compression
            key, self._up[key] = self._up[key], root
        return root

    def join(self, child: str, parent: str) -> bool:
        a, b = self.find(child), self.find(parent)
        if a == b:
            return False
        self._up[a] = b
        return True


def from_aif(doc: Any, path: str | Path | None = None) -> ArgumentMap:
    """Map a parsed AIF document (AIFdb nodeset or OVA file) onto an ArgumentMap."""
    body, prefix, wrapper = _unwrap(doc, path)
    nodes_raw = _list_field(body, "nodes", prefix, path)
    edges_raw = _list_field(body, "edges", prefix, path)
    locutions = body.get("locutions")
    if locutions is None:
        locutions = []
    elif not isinstance(locutions, list):
        raise LoadError(
            path,
            f"{prefix}locutions",
            f"expected a list of locutions, found {_json_type(locutions)}",
        )
    try:
        json.dumps(doc, ensure_ascii=False).encode("utf-8")
        bad = None
    except UnicodeEncodeError:
        # what the map keeps of the file must be savable: the same rule as the model's
        bad = unsaveable(doc)
    except (RecursionError, ValueError):
        raise LoadError(path, None, "nested too deeply") from None
    if bad is not None:
        raise LoadError(path, path_text(bad[0]) or None, bad[1])
    g = _check_graph(nodes_raw, edges_raw, prefix, path)
    schemes = _map_schemes(g)

    # relations in the order of their premise edges: (premise edge, scheme)
    relations = sorted((j, s.key) for s in schemes.values() for j in s.premise_edges)
    forest = _Forest()
    tree: dict[str, tuple[int, str]] = {}  # child -> (premise edge, scheme)
    order: dict[str, int] = {}
    children: dict[str, int] = {}
    cross: list[tuple[int, str]] = []
    for j, scheme in relations:
        child, anchor = g.edges[j][0], schemes[scheme].anchor
        if child not in tree and forest.join(child, anchor):
            tree[child] = (j, scheme)
            order[child] = children.get(anchor, 0)
            children[anchor] = order[child] + 1
        else:
            cross.append((j, scheme))

    taken: set[str] = set()
    ids = {k: _unique("i" + _safe(k), taken) for k in g.keys if g.kind[k] == "I"}
    members: dict[str, int] = {}
    for _, scheme in tree.values():
        members[scheme] = members.get(scheme, 0) + 1
    groups = {
        s: _unique(g.raw[s]["type"].lower() + _safe(s), taken)
        for s in schemes
        if members.get(s, 0) >= 2
    }

    def via(scheme: str) -> dict[str, Any]:
        s = schemes[scheme]
        target = g.edges[s.out][1]
        info: dict[str, Any] = {
            "node": g.raw[scheme],
            "to": g.raw[target]["nodeID"],
            "out": _without_ends(g.edges[s.out][2]),
        }
        if g.kind[target] != "I":
            info["anchor"] = g.raw[s.anchor]["nodeID"]
        return info

    def name(scheme: str) -> str | None:
        scheme_type = g.raw[scheme]["type"]
        if scheme_type == "CA" and g.kind[g.edges[schemes[scheme].out][1]] != "I":
            return "undercut"
        return SCHEME_NAME.get(scheme_type)

    nodes: list[dict[str, Any]] = []
    roots = 0
    for key in g.keys:
        if g.kind[key] != "I":
            continue
        raw = g.raw[key]
        aif: dict[str, Any] = {"nodeID": raw["nodeID"]}
        if "timestamp" in raw:
            aif["timestamp"] = raw["timestamp"]
        extra = {k: v for k, v in raw.items() if k not in ("nodeID", "text", "type", "timestamp")}
        if extra:
            aif["extra"] = extra
        node: dict[str, Any] = {"id": ids[key], "text": raw.get("text") or ""}
        meta: dict[str, Any] = {"aif": aif}
        if key in tree:
            j, scheme = tree[key]
            node["parent"] = ids[schemes[scheme].anchor]
            node["relation"] = SCHEME_RELATION[g.raw[scheme]["type"]]
            node["order"] = order[key]
            node["group"] = groups.get(scheme)
            aif["via"] = via(scheme)
            aif["edge"] = _without_ends(g.edges[j][2])
            relation_name = name(scheme)
            if relation_name:
                meta["relation"] = relation_name
        else:
            node["order"] = roots
            roots += 1
        node["meta"] = meta
        nodes.append(node)

    links: list[dict[str, Any]] = []
    for j, scheme in cross:
        link_meta: dict[str, Any] = {
            "aif": {"via": via(scheme), "edge": _without_ends(g.edges[j][2])}
        }
        relation_name = name(scheme)
        if relation_name:
            link_meta["relation"] = relation_name
        links.append(
            {
                "id": f"x{len(links) + 1}",
                "source": ids[g.edges[j][0]],
                "target": ids[schemes[scheme].anchor],
                "relation": SCHEME_RELATION[g.raw[scheme]["type"]],
                "meta": link_meta,
            }
        )

    consumed = {s.out for s in schemes.values()}
    consumed.update(j for s in schemes.values() for j in s.premise_edges)
    dialogue_edges: list[dict[str, Any]] = []
    other_edges: list[dict[str, Any]] = []
    for j, (a, b, raw) in enumerate(g.edges):
        if j in consumed:
            continue
        (dialogue_edges if "D" in (g.kind[a], g.kind[b]) else other_edges).append(raw)
    kept: dict[str, Any] = {
        "dialogue_nodes": [g.raw[k] for k in g.keys if g.kind[k] == "D"],
        "dialogue_edges": dialogue_edges,
        "locutions": locutions,
    }
    other_nodes = [
        g.raw[k] for k in g.keys if g.kind[k] == "O" or (g.kind[k] == "S" and k not in schemes)
    ]
    if other_nodes:
        kept["other_nodes"] = other_nodes
    if other_edges:
        kept["other_edges"] = other_edges
    extra_keys = {k: v for k, v in body.items() if k not in ("nodes", "edges", "locutions")}
    if extra_keys:
        kept["extra"] = extra_keys
    if wrapper is not None:
        kept["wrapper"] = wrapper
    try:
        return ArgumentMap.model_validate({"nodes": nodes, "links": links, "meta": {"aif": kept}})
    except ValidationError as exc:
        loc, message = first_problem(exc)
        raise LoadError(path, path_text(loc) or None, f"cannot be mapped: {message}") from None
    except RecursionError:
        raise LoadError(path, None, "nested too deeply") from None
