"""AIF reading: lay the checked nodeset's graph onto argmap's tree.

`from_aif` maps a parsed AIF document (AIFdb nodeset or OVA file) onto an
ArgumentMap as argmap.formats.aif describes; what argmap has no place for is
kept in ``meta["aif"]`` (argmap.formats.aif.meta: its shapes).
argmap.formats.aif.nodeset checks the nodeset, argmap.formats.aif.graph chooses
the scheme nodes that become relations, and argmap.formats.graph the tree.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from argmap.formats.aif.graph import (
    MAX_BYTES,
    MAX_COPIED_ITEMS,
    MAX_EDGES,
    MAX_ID,
    MAX_NODES,
    SCHEME_NAME,
    SCHEME_RELATION,
    Scheme,
    map_schemes,
    safe,
)
from argmap.formats.aif.hints_in import HINT_KEY, Marks, apply_hints, marks_of
from argmap.formats.aif.meta import (
    LinkMeta,
    LinkRow,
    MapAif,
    NodeAif,
    NodeMeta,
    NodeRow,
    RelationAif,
    Via,
    as_dict,
)
from argmap.formats.aif.nodeset import (
    AifEdge,
    JsonObject,
    NodeSet,
    check_nodeset,
    json_type,
    list_field,
    unwrap,
    without_ends,
)
from argmap.formats.aif.schemes import argument_of
from argmap.formats.caps import collector_paused, json_items, too_many
from argmap.formats.errors import LoadError
from argmap.formats.graph import sibling_positions, spanning_tree
from argmap.formats.native import ID_BYTES, check_reopens
from argmap.formats.native import MAX_BYTES as NATIVE_MAX_BYTES
from argmap.model import ArgumentMap, Relation
from argmap.model.structure_ops import PLACED_PREMISE
from argmap.model.validation import first_problem, path_text, unsaveable


def from_aif(doc: Any, path: str | Path | None = None, size: int | None = None) -> ArgumentMap:
    """Map a parsed AIF document (AIFdb nodeset or OVA file) onto an ArgumentMap; `size`
    is the bytes of the JSON text it was parsed from (without it, the map is written
    once to check that it opens again)."""
    with collector_paused():
        body, prefix, wrapper = unwrap(doc, path)
        nodes_raw, edges_raw, locutions = _parts(body, prefix, path)
        _check_saveable(doc, path)
        g = check_nodeset(nodes_raw, edges_raw, prefix, path)
        marks = marks_of(body.get(HINT_KEY))
        layout = _Layout(g, map_schemes(g, marks.arguments), marks.top)
        copied = _check_copies(layout, path)
        kept = _kept(g, layout.schemes, body, locutions, wrapper)
        nodes, links = _undercuts(layout.nodes(), layout.links())
        m = _validated(nodes, links, kept, path, body.get(HINT_KEY))
        # the map's texts and values are the file's (JSON writes them back no longer),
        # its copies of scheme nodes and its ids
        bound = NATIVE_MAX_BYTES + 1 if size is None else size + copied
        check_reopens(m, path, bound + ID_BYTES * (len(m.nodes) + len(m.links)))
        return m


def read_rows(
    nodes: list[Any], edges: list[Any], marks: Marks
) -> tuple[list[NodeRow], list[LinkRow]]:
    """The rows and cross-links a nodeset reads as with the hints' `marks`, before the
    other hints (what export compares a map with, to write hints for what differs);
    LoadError if it is no nodeset."""
    g = check_nodeset(nodes, edges, "", None)
    layout = _Layout(g, map_schemes(g, marks.arguments), marks.top)
    return _undercuts(layout.nodes(), layout.links())


def _parts(
    body: JsonObject, prefix: str, path: str | Path | None
) -> tuple[list[Any], list[Any], list[Any]]:
    """The nodes, edges and locutions lists, each checked, at most MAX_NODES and MAX_EDGES."""
    nodes_raw = list_field(body, "nodes", prefix, path)
    edges_raw = list_field(body, "edges", prefix, path)
    locutions = body.get("locutions")
    if locutions is None:
        locutions = []
    elif not isinstance(locutions, list):
        raise LoadError(
            path,
            f"{prefix}locutions",
            f"expected a list of locutions, found {json_type(locutions)}",
        )
    if len(nodes_raw) > MAX_NODES:
        raise LoadError(path, None, too_many("AIF nodes", MAX_NODES))
    if len(edges_raw) > MAX_EDGES:
        raise LoadError(path, None, too_many("AIF edges", MAX_EDGES))
    return nodes_raw, edges_raw, locutions


def _check_saveable(doc: Any, path: str | Path | None) -> None:
    """What the map keeps of the file must be savable: the same rule as the model's."""
    try:
        json.dumps(doc, ensure_ascii=False).encode("utf-8")
        bad = None
    except UnicodeEncodeError:
        bad = unsaveable(doc)
    except (RecursionError, ValueError):
        raise LoadError(path, None, "nested too deeply") from None
    if bad is not None:
        raise LoadError(path, path_text(bad[0]) or None, bad[1])


#: the keys of an I-node argmap has a place for; the others are kept as ``extra``
_I_NODE_KEYS = ("nodeID", "text", "type", "timestamp")


class _Names:
    """Ids made unique: a base cut to an id's length, with a suffix if it is taken.

    For each base (cut) the next suffix to try is remembered: the ones before it were
    taken when tried and still are, so the ids are those of trying 2, 3, ... each time,
    without the quadratic cost when many nodeIDs make the same base."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self._next: dict[str, int] = {}

    def unique(self, base: str) -> str:
        candidate = base[:MAX_ID]
        if candidate in self.taken:
            short = candidate
            k = self._next.get(short, 2)
            while candidate in self.taken:
                suffix = f"_{k}"
                candidate = base[: MAX_ID - len(suffix)] + suffix
                k += 1
            self._next[short] = k
        self.taken.add(candidate)
        return candidate


#: how a relation of the layout came about: through a scheme node ("rel"), a premise's
#: edge into its argument's RA ("premise"), or the RA's edge to its conclusion ("argument")
_Info = tuple[int, str, str]  # (edge index, scheme key, how)


class _Layout:
    """The mapped schemes laid onto the tree: each I-node (and each argument, the RA
    of one) under the target of its first relation, other relations as cross-links;
    the ids of nodes and co-premise groups."""

    def __init__(self, g: NodeSet, schemes: dict[str, Scheme], top: frozenset[str]) -> None:
        self.g, self.schemes = g, schemes
        #: the arguments whose RA's edge to their conclusion is no relation (top-level)
        self.top = {s.key for s in schemes.values() if s.argument and str(s.key) in top}
        relations: list[tuple[str, str, _Info]] = []
        for s in schemes.values():
            target = s.key if s.argument else s.anchor
            how = "premise" if s.argument else "rel"
            relations += [(g.edges[j].source, target, (j, s.key, how)) for j in s.premise_edges]
            if s.argument and s.key not in self.top:
                relations.append((s.key, s.anchor, (s.out, s.key, "argument")))
        relations.sort(key=lambda r: r[2][0])  # in the order of their edges in the file
        parent, links = spanning_tree(relations)
        # child -> how it hangs; siblings in the order they were hung
        self.tree: dict[str, _Info] = {k: up[1] for k, up in parent.items()}
        self.order = sibling_positions(parent, parent)
        self.cross: list[tuple[str, str, _Info]] = links
        names = _Names()
        self.ids = {k: names.unique("i" + safe(k)) for k in g.keys if g.kind[k] == "I"}
        self.ids |= {
            s.key: names.unique("ra" + safe(s.key)) for s in schemes.values() if s.argument
        }
        members: dict[str, int] = {}
        for _, scheme, how in self.tree.values():
            if how != "argument":
                members[scheme] = members.get(scheme, 0) + 1
        self.groups = {
            s: names.unique(("g" if schemes[s].argument else g.raw[s]["type"].lower()) + safe(s))
            for s in schemes
            if members.get(s, 0) >= 2
        }
        self._via: dict[str, Via] = {}

    def via(self, scheme: str) -> Via:
        """What each relation of `scheme` keeps of it: one dict for all of them (the
        model makes each its own copy)."""
        found = self._via.get(scheme)
        if found is None:
            found = self._via[scheme] = self._make_via(scheme)
        return found

    def _at_argument(self, scheme: str) -> bool:
        """The scheme points at an argument's RA (an undercut, for a CA)."""
        target = self.g.edges[self.schemes[scheme].out].target
        found = self.schemes.get(target)
        return found is not None and found.argument

    def _make_via(self, scheme: str) -> Via:
        g, s = self.g, self.schemes[scheme]
        target = g.edges[s.out].target
        info: Via = {
            "node": g.raw[scheme],
            "to": g.raw[target]["nodeID"],
            "out": without_ends(g.edges[s.out].raw),
        }
        if g.kind[target] != "I" and not self._at_argument(scheme):
            info["anchor"] = g.raw[s.anchor]["nodeID"]
        return info

    def relation(self, scheme: str, how: str) -> Relation:
        scheme_type = self.g.raw[scheme]["type"]
        if how == "rel" and scheme_type == "CA" and self._at_argument(scheme):
            return Relation.UNDERCUTS
        return SCHEME_RELATION[scheme_type]

    def name(self, scheme: str, how: str) -> str | None:
        if how == "premise":
            return PLACED_PREMISE
        if how == "argument":
            return None
        g = self.g
        scheme_type = g.raw[scheme]["type"]
        if scheme_type == "CA" and g.kind[g.edges[self.schemes[scheme].out].target] != "I":
            return None if self._at_argument(scheme) else "undercut"
        return SCHEME_NAME.get(scheme_type)

    def kept(self, j: int, scheme: str, how: str) -> RelationAif:
        """What a relation keeps of the file: the edge, and the scheme node it goes through."""
        edge = without_ends(self.g.edges[j].raw)
        return {"edge": edge} if how != "rel" else {"via": self.via(scheme), "edge": edge}

    def nodes(self) -> list[NodeRow]:
        """The argmap nodes, one per I-node in file order, then one per argument."""
        g = self.g
        rows: list[NodeRow] = []
        roots = 0
        for key in g.keys:
            if g.kind[key] != "I":
                continue
            raw = g.raw[key]
            aif: NodeAif = {"nodeID": raw["nodeID"]}
            if "timestamp" in raw:
                aif["timestamp"] = raw["timestamp"]
            extra = {k: v for k, v in raw.items() if k not in _I_NODE_KEYS}
            if extra:
                aif["extra"] = extra
            node: NodeRow = {
                "id": self.ids[key],
                "text": raw.get("text") or "",
                "meta": {"aif": aif},
            }
            roots += self._hang(node, key, roots)
            rows.append(node)
        for s in self.schemes.values():
            if s.argument:
                node = self._argument(s)
                roots += self._hang(node, s.key, roots)
                rows.append(node)
        return rows

    def _argument(self, s: Scheme) -> NodeRow:
        """The argument node of an RA: its premises and conclusion, its scheme."""
        g, ids = self.g, self.ids
        raw = g.raw[s.key]
        steps: list[JsonObject] = [
            {"statement": ids[g.edges[j].source], "role": "premise"} for j in s.premise_edges
        ]
        steps.append({"statement": ids[s.anchor], "role": "conclusion"})
        argument = argument_of(raw).model_dump(mode="json") | {"pcs": steps}
        meta: NodeMeta = {"aif": {"nodeID": raw["nodeID"], "ra": raw}}
        if s.key in self.top:  # its edge to its conclusion: kept, as no relation keeps it
            meta["aif"]["edge"] = without_ends(g.edges[s.out].raw)
        return {
            "id": ids[s.key],
            "text": "",
            "title": argument["scheme"],
            "meta": meta,
            "argument": argument,
        }

    def _hang(self, node: NodeRow, key: str, roots: int) -> int:
        """Put `node` under the target of its tree relation; 1 if it is a top-level claim."""
        if key not in self.tree:
            node["order"] = roots
            return 1
        j, scheme, how = self.tree[key]
        target = self.schemes[scheme].anchor if how != "premise" else scheme
        node["parent"] = self.ids[target]
        node["relation"] = self.relation(scheme, how)
        node["order"] = self.order[key]
        node["group"] = self.groups.get(scheme) if how != "argument" else None
        aif = node["meta"]["aif"]
        kept = self.kept(j, scheme, how)
        if "via" in kept:
            aif["via"] = kept["via"]
        aif["edge"] = kept["edge"]
        relation_name = self.name(scheme, how)
        if relation_name:
            node["meta"]["relation"] = relation_name
        return 0

    def links(self) -> list[LinkRow]:
        """The cross-links ``x1``, ``x2``, ...: relations that are not tree edges."""
        links: list[LinkRow] = []
        for source, target, (j, scheme, how) in self.cross:
            link_meta: LinkMeta = {"aif": self.kept(j, scheme, how)}
            relation_name = self.name(scheme, how)
            if relation_name:
                link_meta["relation"] = relation_name
            links.append(
                {
                    "id": f"x{len(links) + 1}",
                    "source": self.ids[source],
                    "target": self.ids[target],
                    "relation": self.relation(scheme, how),
                    "meta": link_meta,
                }
            )
        return links


def _undercuts(nodes: list[NodeRow], links: list[LinkRow]) -> tuple[list[NodeRow], list[LinkRow]]:
    """A CA into an RA that made supports is anchored at a premise of that RA: where the
    premise is a support, the CA undercuts it (attacks its inference); where it is not,
    it stays a rebuttal named "undercut"."""
    relation = {row["id"]: row.get("relation") for row in nodes}
    for item, target in [(row, row.get("parent")) for row in nodes] + [
        (link, link["target"]) for link in links
    ]:
        meta = item["meta"]
        if meta.get("relation") == "undercut" and relation.get(target or "") == Relation.SUPPORTS:
            item["relation"] = Relation.UNDERCUTS
            del meta["relation"]
    return nodes, links


def _check_copies(layout: _Layout, path: str | Path | None) -> int:
    """Each relation keeps a copy of its scheme node (``via``), so a small file with a
    big scheme node and many premises could make a map of gigabytes: refuse copies of
    more than MAX_COPIED_ITEMS JSON values or MAX_BYTES bytes in all; their bytes."""
    uses: dict[str, int] = {}
    for _, scheme, how in (*layout.tree.values(), *(info for _, _, info in layout.cross)):
        if how == "rel":
            uses[scheme] = uses.get(scheme, 0) + 1
    items = size = 0
    for scheme, count in uses.items():
        if count > 1:
            via = layout.via(scheme)
            items += (count - 1) * json_items(via)
            size += (count - 1) * len(json.dumps(via))  # ASCII: no fewer than UTF-8 bytes
    what = "in the copies of scheme nodes (one with each relation)"
    if items > MAX_COPIED_ITEMS:
        raise LoadError(path, None, too_many(f"JSON values {what}", MAX_COPIED_ITEMS))
    if size > MAX_BYTES:
        raise LoadError(
            path, None, f"has more than {MAX_BYTES:,} bytes {what}, too large for one map"
        )
    return size


def _kept(
    g: NodeSet,
    schemes: dict[str, Scheme],
    body: JsonObject,
    locutions: list[Any],
    wrapper: JsonObject | None,
) -> MapAif:
    """What argmap has no place for, verbatim: the map's ``meta["aif"]``."""
    consumed = {s.out for s in schemes.values()}
    consumed.update(j for s in schemes.values() for j in s.premise_edges)
    dialogue_edges: list[AifEdge] = []
    other_edges: list[AifEdge] = []
    for j, (a, b, raw) in enumerate(g.edges):
        if j in consumed:
            continue
        (dialogue_edges if "D" in (g.kind[a], g.kind[b]) else other_edges).append(raw)
    kept: MapAif = {
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
    standard = ["nodes", "edges", "locutions"]
    if isinstance(body.get(HINT_KEY), dict):  # argmap's hints are read, not kept
        standard.append(HINT_KEY)
    extra_keys = {k: v for k, v in body.items() if k not in standard}
    if extra_keys:
        kept["extra"] = extra_keys
    if wrapper is not None:
        kept["wrapper"] = wrapper
    return kept


def _validated(
    nodes: list[NodeRow],
    links: list[LinkRow],
    kept: MapAif,
    path: str | Path | None,
    hint: object = None,
) -> ArgumentMap:
    """The one place the rows become the model: checked by it as any map is; with
    argmap's hints if the map they make is valid, else as the nodeset alone says."""
    for careful in (False, True) if hint is not None else ():
        hinted, hinted_links, fields = apply_hints(nodes, links, hint, careful)
        meta = {**as_dict(fields.pop("meta", None)), "aif": kept}
        data = {**fields, "nodes": hinted, "links": hinted_links, "meta": meta}
        with contextlib.suppress(ValidationError, RecursionError):
            return ArgumentMap.model_validate(data)
    try:
        return ArgumentMap.model_validate({"nodes": nodes, "links": links, "meta": {"aif": kept}})
    except ValidationError as exc:
        loc, message = first_problem(exc)
        raise LoadError(path, path_text(loc) or None, f"cannot be mapped: {message}") from None
    except RecursionError:
        raise LoadError(path, None, "nested too deeply") from None
