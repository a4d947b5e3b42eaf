"""The checked AIF node set: its nodes by key and its edges with their ends.

`check_nodeset` is where parsed JSON becomes typed rows: every node has an id and a
type (an I-node's text is a string or null), every edge two ends that are nodes of
the set; anything else is a LoadError saying which node or edge and what is wrong.
The rows themselves stay the file's own dicts, verbatim, so that what argmap keeps
of them writes back unchanged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple, Required, TypedDict

from argmap.formats.errors import LoadError

DIALOGUE_TYPES = frozenset({"L", "YA", "TA"})
SCHEME_TYPES = frozenset({"RA", "CA", "MA", "PA"})

#: an AIF nodeID: a string, though some tools write numbers
NodeId = str | int
#: a JSON object as the file has it, kept verbatim
JsonObject = dict[str, Any]
#: what a node is to argmap: I-node, S (scheme), D (dialogue) or O (any other type)
Kind = Literal["I", "S", "D", "O"]

EDGE_ENDS = ("fromID", "toID")


class AifNode(TypedDict, total=False):
    """A checked AIF node (and whatever other keys the file gives it)."""

    nodeID: Required[NodeId]
    type: Required[str]
    text: Any  # an I-node's is a string or null (checked); another node's anything
    timestamp: Any


class AifEdge(TypedDict, total=False):
    """A checked AIF edge (and whatever other keys the file gives it)."""

    fromID: Required[NodeId]
    toID: Required[NodeId]
    edgeID: Any
    formEdgeID: Any


class Edge(NamedTuple):
    """An edge of the set: the keys of its ends, and the edge as the file has it."""

    source: str
    target: str
    raw: AifEdge


@dataclass
class NodeSet:
    """The checked nodeset: nodes by key (str of the nodeID) in file order, and edges."""

    keys: list[str] = field(default_factory=list)
    raw: dict[str, AifNode] = field(default_factory=dict)
    kind: dict[str, Kind] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    outs: dict[str, list[int]] = field(default_factory=dict)  # key -> its outgoing edges
    ins: dict[str, list[int]] = field(default_factory=dict)  # key -> its incoming edges
    #: the I-nodes that can stand for a scheme, worked out once (graph.candidates)
    candidates: dict[str, list[str]] = field(default_factory=dict)


def is_id(value: object) -> bool:
    """AIF ids are strings, though some tools write numbers."""
    return isinstance(value, str | int) and not isinstance(value, bool)


def json_type(value: object) -> str:
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


def unwrap(doc: Any, path: str | Path | None) -> tuple[JsonObject, str, JsonObject | None]:
    """The nodeset, the prefix of positions in it, and OVA's wrapper (None for AIFdb)."""
    if not isinstance(doc, dict):
        raise LoadError(path, None, f"expected a JSON object at the top, found {json_type(doc)}")
    if "nodes" not in doc and "AIF" in doc:
        body = doc["AIF"]
        if not isinstance(body, dict):
            raise LoadError(
                path,
                "AIF",
                f"expected an object with 'nodes' and 'edges', found {json_type(body)}",
            )
        return body, "AIF.", {k: v for k, v in doc.items() if k != "AIF"}
    return doc, "", None


def list_field(body: JsonObject, name: str, prefix: str, path: str | Path | None) -> list[Any]:
    if name not in body:
        raise LoadError(
            path,
            None,
            f"not an AIF document: there is no '{prefix}{name}' list "
            "(expected 'nodes' and 'edges', or an OVA file with an 'AIF' object)",
        )
    value = body[name]
    if not isinstance(value, list):
        raise LoadError(path, prefix + name, f"expected a list, found {json_type(value)}")
    return value


def check_nodeset(
    nodes: list[Any], edges: list[Any], prefix: str, path: str | Path | None
) -> NodeSet:
    """The nodeset of parsed `nodes` and `edges`; the first that is wrong is a LoadError.

    A plain node or edge (a dict with a string or number id, as JSON gives) takes the
    short way; anything else gets every check, in order, to say what is wrong."""
    g = NodeSet()
    keys, raws, kinds, position = g.keys, g.raw, g.kind, g.position
    for i, raw in enumerate(nodes):
        key: str | None = None
        kind: Kind | None = None
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
        all_edges.append(Edge(a, b, raw))
    return g


#: the kind of each node type: I, S (scheme) or D (dialogue); any other is O
_SCHEME: Kind = "S"
_DIALOGUE: Kind = "D"
_KINDS: dict[str, Kind] = {
    "I": "I",
    **dict.fromkeys(SCHEME_TYPES, _SCHEME),
    **dict.fromkeys(DIALOGUE_TYPES, _DIALOGUE),
}


def _checked_node(
    g: NodeSet, raw: Any, i: int, prefix: str, path: str | Path | None
) -> tuple[str, Kind]:
    """The key and kind of node `i`, or the LoadError saying what is wrong with it."""
    where = f"{prefix}nodes[{i}]"
    if not isinstance(raw, dict):
        raise LoadError(path, where, f"expected a node object, found {json_type(raw)}")
    node_id = raw.get("nodeID")
    if not is_id(node_id):
        problem = (
            "the node has no nodeID"
            if node_id is None
            else f"expected a string or a whole number, found {json_type(node_id)}"
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
            else f'expected a type name such as "I" or "RA", found {json_type(node_type)}'
        )
        raise LoadError(path, f"{where}.type", problem)
    if node_type == "I":
        text = raw.get("text")
        if text is not None and not isinstance(text, str):
            raise LoadError(
                path, f"{where}.text", f"expected the node's text, found {json_type(text)}"
            )
    return key, _KINDS.get(node_type, "O")


def _checked_edge(
    g: NodeSet, raw: Any, j: int, prefix: str, path: str | Path | None
) -> tuple[str, str]:
    """The keys of the ends of edge `j`, or the LoadError saying what is wrong with it."""
    where = f"{prefix}edges[{j}]"
    if not isinstance(raw, dict):
        raise LoadError(path, where, f"expected an edge object, found {json_type(raw)}")
    ends: list[str] = []
    for end in EDGE_ENDS:
        value = raw.get(end)
        if not is_id(value):
            problem = (
                f"the edge has no {end}"
                if value is None
                else f"expected a nodeID, found {json_type(value)}"
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


def without_ends(edge: AifEdge) -> JsonObject:
    """The edge's keys but fromID and toID: what a relation keeps of it."""
    return {k: v for k, v in edge.items() if k not in EDGE_ENDS}
