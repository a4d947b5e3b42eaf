"""Writing argmap's hints into an AIF file: what the nodeset written cannot say.

The writer hands over the nodes and edges it wrote; `hints_of` reads them as the
reader would (argmap.formats.aif.reader.read_rows) and compares the map with that:
each field of a node or cross-link that reads back otherwise goes into the hint, as
argmap.formats.aif.hints_in describes (which reads it back).  A map read from an
AIF file and not edited reads back as it is, so it gets no hint and the file comes
back byte for byte.  `aif_warning` names what no hint holds: the source text and
the nodes' spans in it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from argmap.formats.aif.hints_in import MAP_FIELDS, Marks
from argmap.formats.aif.meta import LinkRow, NodeRow, as_dict, dicts
from argmap.formats.aif.nodeset import JsonObject
from argmap.formats.aif.reader import read_rows
from argmap.formats.errors import LoadError
from argmap.model import FORMAT_VERSION, ArgumentMap, CrossLink, Node, Relation, Source

__all__ = ["aif_warning", "hints_of"]

_DEFAULTS = ArgumentMap().model_dump(mode="json", include=set(MAP_FIELDS))
#: a node's fields the reader leaves out of its rows, and the values they then take
_NODE_DEFAULTS: dict[str, object] = {
    "title": "",
    "order": 0,
    "group": None,
    "relation": None,
    "tags": [],
    "note": "",
    "section": None,
    "acceptance": None,
    "force": None,
}


def aif_warning(m: ArgumentMap) -> str | None:
    """One line naming what an AIF export of `m` leaves out, or None if it keeps all."""
    cited = sum(1 for n in m.nodes.values() if n.refs)
    parts = ["the map's source (its text and details)"] if m.source != Source() else []
    if cited:
        parts.append(f"the source spans of {cited:,} node{'s' if cited != 1 else ''}")
    if not parts:
        return None
    return (
        f"AIF has no place for {' and '.join(parts)}: the AIF file leaves them out "
        "(save the map as .argmap.json to keep them)"
    )


def _others(meta: Mapping[str, object]) -> JsonObject:
    """What a node's, link's or map's metadata holds besides the AIF file's."""
    return {k: v for k, v in meta.items() if k != "aif"}


def _steps(argument: Mapping[str, Any] | None, key: Mapping[str, str]) -> object:
    """The steps of an argument dumped as JSON, each naming its statement's nodeID."""
    if argument is None:
        return None
    return [
        {
            "statement": key.get(s["statement"]),
            "role": s.get("role", "premise"),
            "inference": s.get("inference", ""),
        }
        for s in dicts(argument.get("pcs"))
    ]


def _argument_hint(
    node: Node, row: NodeRow, key: Mapping[str, str], row_key: Mapping[str, str]
) -> tuple[bool, object]:
    """Whether the argument needs a hint, and the hint: None for a statement, else the
    parts of the argument (its steps naming nodeIDs) that read back otherwise."""
    read = row.get("argument")
    if node.argument is None:
        return read is not None, None
    mine = node.argument.model_dump(mode="json")
    mine["pcs"] = _steps(mine, key)
    theirs: dict[str, object] = dict(read) if read is not None else {}
    theirs["pcs"] = _steps(read, row_key)
    hint = {k: v for k, v in mine.items() if read is None or theirs.get(k) != v}
    return bool(hint), hint


def _value(value: object) -> object:
    """A field's value as JSON has it: an enum's value, a tuple as a list."""
    if isinstance(value, tuple):
        return list(value)
    return value.value if isinstance(value, Enum) else value


@dataclass
class _Ends:
    """The nodeIDs of the map's nodes (`key`), and of the rows read back (`row_key`); the
    cross-links out of each node, and those a node's hint says it is hung by instead."""

    key: Mapping[str, str]
    row_key: Mapping[str, str]
    out: dict[str, list[tuple[int, CrossLink]]] = field(default_factory=dict)
    rooted: set[str] = field(default_factory=set)


def _root_hint(node: Node, row: NodeRow, ends: _Ends) -> JsonObject | None:
    """A top-level claim the reader hangs by its cross-link: that link, to make it again."""
    parent = row.get("parent")
    if node.parent is not None or parent is None:
        return None
    for at, link in ends.out.get(node.id, ()):
        if link.id not in ends.rooted and ends.key[link.target] == ends.row_key[parent]:
            ends.rooted.add(link.id)
            hint = {"id": link.id, "relation": link.relation.value, "at": at}
            return hint | {"meta": _others(link.meta)}
    return None


def _node_hint(node: Node, row: NodeRow | None, ends: _Ends) -> JsonObject:
    """The fields of `node` that its row reads back otherwise."""
    key, row_key = ends.key, ends.row_key
    if row is None:  # the nodeset did not read: say it all
        row = {"id": "", "text": "", "meta": {"aif": {"nodeID": ""}}}
    hint: JsonObject = {}
    root = _root_hint(node, row, ends)
    if root is not None:
        hint["root"] = root
    for name in ("id", "text", *_NODE_DEFAULTS):
        mine = _value(getattr(node, name))
        theirs = _value(row.get(name, _NODE_DEFAULTS.get(name)))
        if name == "relation" and (mine is None or theirs is None):
            continue  # a root, or no relation read: not a hint's to change
        if mine != theirs:
            hint[name] = mine
    parent = row.get("parent")
    if node.relation is Relation.UNDERCUTS and node.parent is not None and parent is not None:
        if key[node.parent] != row_key.get(parent):  # the reader's anchor: another premise
            hint["parent"] = key[node.parent]
    needed, argument = _argument_hint(node, row, key, row_key)
    if needed:
        hint["argument"] = argument
    if _others(node.meta) != _others(row["meta"]):
        hint["meta"] = _others(node.meta)
    return hint


def _link_hints(links: tuple[CrossLink, ...], rows: list[LinkRow], ends: _Ends) -> list[JsonObject]:
    """A hint for each cross-link that reads back otherwise: named by its ends' nodeIDs
    and which of the links between them it is (n)."""
    key, row_key = ends.key, ends.row_key
    read: dict[tuple[str, str, int], LinkRow] = {}
    seen: dict[tuple[str, str], int] = {}
    for read_row in rows:
        pair = (row_key[read_row["source"]], row_key[read_row["target"]])
        seen[pair] = seen.get(pair, -1) + 1
        read[(*pair, seen[pair])] = read_row
    hints: list[JsonObject] = []
    seen = {}
    for link in links:
        if link.id in ends.rooted:
            continue  # made again by its source's hint
        pair = (key[link.source], key[link.target])
        n = seen[pair] = seen.get(pair, -1) + 1
        row = read.get((*pair, n))
        if row is None:
            continue
        hint: JsonObject = {}
        if row["id"] != link.id:
            hint["id"] = link.id
        if str(row["relation"]) != link.relation.value:
            hint["relation"] = link.relation.value
        if _others(link.meta) != _others(row["meta"]):
            hint["meta"] = _others(link.meta)
        if hint:
            hints.append({"from": pair[0], "to": pair[1], "n": n, **hint})
    # a link the map does not have (a premise's edge into its argument's RA beside the
    # relation it hangs by): only a step of the structure, which the hint says
    for pair_n in read:
        if pair_n[2] >= seen.get(pair_n[:2], -1) + 1:
            hints.append({"from": pair_n[0], "to": pair_n[1], "n": pair_n[2], "drop": True})
    return hints


def hints_of(
    m: ArgumentMap,
    nodes: list[JsonObject],
    edges: list[JsonObject],
    aif_id: Mapping[str, object],
    marks: Marks,
) -> JsonObject | None:
    """argmap's hints for the nodeset `nodes`/`edges` written for `m` (`aif_id`: the
    nodeID each node got; `marks`: the RAs the reader must be told are arguments, and
    top-level), or None when it reads back as `m` without them."""
    try:
        rows, link_rows = read_rows(nodes, edges, marks)
    except LoadError:
        rows, link_rows = [], []
    by_key = {str(as_dict(row["meta"]["aif"]).get("nodeID")): row for row in rows}
    row_key = {row["id"]: k for k, row in by_key.items()}
    key = {node_id: str(value) for node_id, value in aif_id.items()}
    hint: JsonObject = {}
    mine = m.model_dump(mode="json", include=set(MAP_FIELDS))
    hint |= {k: v for k, v in mine.items() if v != _DEFAULTS[k]}
    if _others(m.meta):
        hint["meta"] = _others(m.meta)
    ends = _Ends(key, row_key)
    for at, link in enumerate(m.links):
        ends.out.setdefault(link.source, []).append((at, link))
    node_hints: JsonObject = {}
    node_of = {k: node_id for node_id, k in key.items()}
    for written in nodes:  # in the nodeset's order, as the reader makes the map's nodes
        node_id = node_of.get(str(written.get("nodeID")))
        if node_id is None:
            continue
        found = _node_hint(m.nodes[node_id], by_key.get(key[node_id]), ends)
        found |= {"ra": True} if key[node_id] in marks.arguments else {}
        found |= {"top": True} if key[node_id] in marks.top else {}
        if found:
            node_hints[key[node_id]] = found
    if node_hints:
        hint["nodes"] = node_hints
    link_hints = _link_hints(m.links, link_rows, ends) if rows else []
    if link_hints:
        hint["links"] = link_hints
    return {"version": FORMAT_VERSION, **hint} if hint else None
