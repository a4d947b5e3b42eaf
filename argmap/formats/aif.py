"""AIF JSON (the Argument Interchange Format of AIFdb and OVA) in and out.

Two shapes are read: a plain AIFdb nodeset ``{"nodes": [...], "edges": [...],
"locutions": [...]}`` and OVA's wrapper ``{"AIF": {<nodeset>}, "text": ...,
"OVA": {<layout>}}``.  The graph is laid onto argmap's tree as
docs/interchange.md describes; everything argmap has no place for is kept
in ``meta["aif"]`` so that export writes it back.

How AIF maps onto argmap
------------------------
* **I-nodes** become argmap nodes, in file order.  The id is ``"i"`` plus the
  AIF nodeID made safe (``"1070"`` -> ``"i1070"``, made unique).  The node's
  ``meta["aif"]`` keeps ``nodeID`` (verbatim: string or number), ``timestamp``
  and, under ``extra``, any other key of the AIF node.
* **Scheme nodes** (RA, CA, MA, PA) become one relation per I-node premise:
  premise -> the I-node the scheme points to.  RA, MA and PA are ``supports``,
  CA is ``rebuts``; an MA also gets ``meta["relation"] = "rephrase"``, a PA
  ``"preference"``.  Each relation's metadata (the child's ``meta`` for a
  tree edge, the cross-link's ``meta`` otherwise) holds under ``aif``:
  ``via`` = ``{"node": <the scheme node, verbatim>, "to": <nodeID it points
  to>, "out": <its outgoing edge without fromID/toID>}`` and ``edge`` = the
  premise's edge into the scheme (without fromID/toID).  Export gathers the
  relations of one scheme nodeID back into one scheme node.
* **Co-premises**: premises of one scheme that sit in the tree under the same
  conclusion share ``group`` = lower-case type + nodeID (``"ra1073"``).
* **Undercut and chains**: a scheme pointing at another scheme node (CA -> RA,
  CA -> CA, ...) is anchored at the first I-node premise (in file order) of
  the scheme it points at (failing that, that scheme's conclusion, then
  further along the chain).  A CA so anchored is ``rebuts`` with
  ``meta["relation"] = "undercut"``; ``via.anchor`` names the anchor and
  ``via.to`` the attacked scheme, so export points the CA back at the RA.
* **Tree**: each I-node hangs under the target of its first relation (order
  of the premise edges in the file); further relations, and relations that
  would close a cycle, become cross-links ``x1``, ``x2``, ...  I-nodes with
  no relation are top-level claims, in file order.
* **Dialogue**: L, YA and TA nodes, every edge touching one of them and the
  ``locutions`` list are kept verbatim in the map's ``meta["aif"]`` as
  ``dialogue_nodes``, ``dialogue_edges`` and ``locutions``.
* **What cannot be mapped** goes verbatim to ``meta["aif"]["other_nodes"]`` /
  ``["other_edges"]``: a scheme node without an I-node premise or without an
  I-node or scheme target (e.g. an MA between two locutions), nodes of
  unknown types, edges between I-nodes, a premise that is its scheme's own
  target, a scheme's second outgoing edge.  Further top-level keys of the
  nodeset go to ``extra``; OVA's ``text``, ``OVA`` and other wrapper keys to
  ``wrapper`` (its presence means the map came from OVA).

Export writes every argmap node as an I-node (its AIF nodeID when known and
free, else a new numeric id), every relation through a scheme node (the
recorded one when the relation still matches it: same type, same target;
else a new RA, CA, MA or PA chosen by relation and ``meta["relation"]``;
a co-premise group shares one), then the kept nodes, edges and locutions
unchanged (an edge whose end no longer exists is left out).  Argmap's
titles, notes, tags and source spans have no place in AIF and are not
written.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from argmap.formats import bounded
from argmap.formats.atomic import atomic_write
from argmap.formats.errors import LoadError, parse_json
from argmap.model import ArgumentMap, Node, Relation
from argmap.model.validation import first_problem, path_text, unsaveable

SUFFIX = ".json"
MAX_BYTES = 256 * 1024 * 1024

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
#: text, scheme and schemeID of the scheme nodes that export creates
DEFAULT_SCHEME: dict[str, tuple[str, str | None]] = {
    "RA": ("Default Inference", "72"),
    "CA": ("Default Conflict", "71"),
    "MA": ("Default Rephrase", "144"),
    "PA": ("Default Preference", None),
}

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


def read_aif(data: bytes | str, path: str | Path | None = None) -> ArgumentMap:
    """Parse AIF JSON text (AIFdb nodeset or OVA file); LoadError says what is wrong."""
    if isinstance(data, bytes):
        data = data.removeprefix(b"\xef\xbb\xbf")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise LoadError(path, f"byte {exc.start}", "is not UTF-8 text") from None
    else:
        text = data.removeprefix("\ufeff")
    if not text.strip():
        raise LoadError(path, None, "is empty; expected an AIF JSON document")
    return from_aif(parse_json(text, path), path)


def load_aif(path: str | Path) -> ArgumentMap:
    """Regular files only, at most MAX_BYTES, never blocking (a FIFO is refused at once)."""
    return read_aif(bounded.read_bounded(path, MAX_BYTES, "an AIF file"), path)


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


# -- writing -------------------------------------------------------------------------


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
    dialogue_nodes = _dicts(kept.get("dialogue_nodes"))
    dialogue_edges = _dicts(kept.get("dialogue_edges"))
    other_nodes = _dicts(kept.get("other_nodes"))
    other_edges = _dicts(kept.get("other_edges"))
    locutions = kept.get("locutions")
    verbatim_nodes = other_nodes + dialogue_nodes
    verbatim_edges = other_edges + dialogue_edges
    items = _items(m)

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

    plan = _plan(items, aif_id)
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
    nodes.extend(verbatim_nodes)
    present = {str(n["nodeID"]) for n in nodes if _is_id(n.get("nodeID"))}

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
    for raw in verbatim_edges:
        ends = [raw.get(end) for end in _EDGE_ENDS]
        if all(_is_id(end) and str(end) in present for end in ends):
            edges.append(raw)

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


def write_aif(m: ArgumentMap) -> str:
    """The AIF JSON text of `m`."""
    return json.dumps(to_aif(m), indent=2, ensure_ascii=False) + "\n"


def save_aif(m: ArgumentMap, path: str | Path) -> None:
    atomic_write(path, write_aif(m).encode("utf-8"))


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
