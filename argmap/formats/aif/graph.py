"""AIF nodeset: the checks of its nodes and edges, and which scheme nodes become relations.

The constants and small helpers here are shared by argmap.formats.aif.reader
(which lays the graph onto argmap's tree) and argmap.formats.aif.writer.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.formats.errors import LoadError
from argmap.model import Relation

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

#: the caps (argmap.formats.caps): 100,000 nodes of a nodeset (50,000 I-nodes, each
#: with its own RA or CA, and 100,000 edges) load in about 3 s
MAX_NODES = 100_000
MAX_EDGES = 200_000
#: bytes: half the native format's, as a map keeps all of an AIF file and adds fields
#: of its own; a nodeset at MAX_NODES is some 20 MB (aif.py reads at most this much)
MAX_BYTES = 32 * 1024 * 1024
#: JSON values in the copies of scheme nodes that relations keep (`via`), beyond the
#: first: a few for each in a real nodeset; each takes some 100 bytes in memory
MAX_COPIED_ITEMS = 1_000_000
#: nodes of the scheme graph one search for an undercut's anchor looks at, at most
ANCHOR_STEPS = 64

_MAX_ID = 64
_EDGE_ENDS = ("fromID", "toID")
_I_NODE_KEYS = ("nodeID", "text", "type", "timestamp")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


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
    """Every character but ASCII letters, digits, '_' and '-' as '_'."""
    return _UNSAFE.sub("_", value)


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
    candidates: dict[str, list[str]] = field(default_factory=dict)  # see _candidates


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
    """The nodeset as a graph; the first node or edge that is wrong is a LoadError.

    A plain node or edge (a dict with a string or number id, as JSON gives) takes the
    short way; anything else gets every check, in order, to say what is wrong."""
    g = _Graph()
    keys, raws, kinds, position = g.keys, g.raw, g.kind, g.position
    for i, raw in enumerate(nodes):
        key, kind = None, None
        if type(raw) is dict:
            node_id, node_type = raw.get("nodeID"), raw.get("type")
            if type(node_type) is str and (type(node_id) is str or type(node_id) is int):
                key = node_id if type(node_id) is str else str(node_id)
                kind = _KINDS.get(node_type, "O")
                text = raw.get("text") if kind == "I" else None
                if key in position or not (text is None or type(text) is str):
                    key = None
        if key is None or kind is None:
            key, kind = _checked_node(g, raw, i, prefix, path)
        keys.append(key)
        raws[key] = raw
        kinds[key] = kind
        position[key] = i
    outs, ins, all_edges = g.outs, g.ins, g.edges
    for j, raw in enumerate(edges):
        a = b = None
        if type(raw) is dict:
            a, b = raw.get("fromID"), raw.get("toID")
            a = a if type(a) is str else str(a) if type(a) is int else None
            b = b if type(b) is str else str(b) if type(b) is int else None
            if a not in position or b not in position:
                a = None
        if a is None or b is None:
            a, b = _checked_edge(g, raw, j, prefix, path)
        if (found := outs.get(a)) is None:
            outs[a] = [j]
        else:
            found.append(j)
        if (found := ins.get(b)) is None:
            ins[b] = [j]
        else:
            found.append(j)
        all_edges.append((a, b, raw))
    return g


#: the kind of each node type: I, S (scheme) or D (dialogue); any other is O
_KINDS = {"I": "I"} | dict.fromkeys(SCHEME_TYPES, "S") | dict.fromkeys(DIALOGUE_TYPES, "D")


def _checked_node(
    g: _Graph, raw: Any, i: int, prefix: str, path: str | Path | None
) -> tuple[str, str]:
    """The key and kind of node `i`, or the LoadError saying what is wrong with it."""
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
            f"duplicate nodeID {json.dumps(node_id)} (also at {prefix}nodes[{g.position[key]}])",
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
        return key, "I"
    if node_type in SCHEME_TYPES:
        return key, "S"
    if node_type in DIALOGUE_TYPES:
        return key, "D"
    return key, "O"


def _checked_edge(
    g: _Graph, raw: Any, j: int, prefix: str, path: str | Path | None
) -> tuple[str, str]:
    """The keys of the ends of edge `j`, or the LoadError saying what is wrong with it."""
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
    return ends[0], ends[1]


def _candidates(g: _Graph, key: str) -> list[str]:
    """The I-nodes that can stand for the scheme `key`, best first: its I-node premises in
    file order, then the I-nodes it points to (worked out once per scheme)."""
    found = g.candidates.get(key)
    if found is None:
        edges, kind = g.edges, g.kind
        premises = {edges[j][0] for j in g.ins.get(key, ()) if kind[edges[j][0]] == "I"}
        found = sorted(premises, key=g.position.__getitem__)
        found += [edges[j][1] for j in g.outs.get(key, ()) if kind[edges[j][1]] == "I"]
        g.candidates[key] = found
    return found


def _neighbours(g: _Graph, key: str) -> Iterator[str]:
    """The nodes with an edge into `key`, then the nodes it has an edge to."""
    for j in g.ins.get(key, ()):
        yield g.edges[j][0]
    for j in g.outs.get(key, ()):
        yield g.edges[j][1]


def _anchor_in_chain(g: _Graph, scheme: str, target: str, exclude: set[str]) -> str | None:
    """The I-node that stands for the scheme `target`: its first premise, else its conclusion,
    else further along the chain of schemes; never one of `exclude` (the attacker's premises).

    The search looks at `ANCHOR_STEPS` nodes at most (a real undercut finds its anchor
    at the first), so that many attackers sharing premises cannot make it quadratic; a
    scheme whose anchor is further stays as it is in the file (``other_nodes``)."""
    seen = {scheme, target}
    queue = deque([target])
    steps = 0
    while queue:
        current = queue.popleft()
        for candidate in _candidates(g, current):
            steps += 1
            if steps > ANCHOR_STEPS:
                return None
            if candidate not in exclude:
                return candidate
        for other in _neighbours(g, current):
            steps += 1
            if steps > ANCHOR_STEPS:
                return None
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
        mine = _first_edge_per_premise(g, premise_edges, anchor)
        if mine:
            mapped[key] = _Scheme(key, out, anchor, mine)
    return mapped


def _first_edge_per_premise(g: _Graph, premise_edges: list[int], anchor: str) -> list[int]:
    """One relation per premise of a scheme: a premise's repeated edges into it (same
    ends, another edgeID) stay verbatim in ``other_edges``, so export writes them back;
    the anchor itself is no premise of its own relation."""
    seen = {anchor}
    mine: list[int] = []
    for j in premise_edges:
        premise = g.edges[j][0]
        if premise not in seen:
            seen.add(premise)
            mine.append(j)
    return mine
