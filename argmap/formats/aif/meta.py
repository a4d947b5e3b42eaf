"""What argmap keeps of an AIF file, typed: written by the reader, read back by the writer.

The reader writes these shapes into the model as plain JSON dicts (TypedDicts are
dicts: the model stores them as they are, so files stay byte-identical):

* a node's ``meta["aif"]`` (`NodeAif`): its I-node's nodeID, timestamp and other keys,
  and for a node in the tree the `via` and `edge` of the relation it hangs by;
* a cross-link's ``meta["aif"]`` (`RelationAif`): its relation's `via` and `edge`;
* the map's ``meta["aif"]`` (`MapAif`): dialogue, locutions and what has no place.

What the writer finds there may have been edited since (the map is the user's), so
it reads them leniently into frozen views (`KeptVia`, `KeptINode`, `KeptMap`): a
value of the wrong shape counts as missing, never as an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Required, TypedDict

from argmap.formats.aif.nodeset import AifEdge, AifNode, JsonObject, NodeId
from argmap.model import Relation

# -- what the reader writes ----------------------------------------------------------


class Via(TypedDict, total=False):
    """What each relation of one scheme node keeps of it."""

    node: Required[AifNode]  # the scheme node, verbatim
    to: Required[NodeId]  # the nodeID it points to
    out: Required[JsonObject]  # its outgoing edge, without fromID and toID
    anchor: NodeId  # pointing at a scheme: the I-node that stands for it


class RelationAif(TypedDict, total=False):
    """A cross-link's ``meta["aif"]``; a premise's edge into its argument's RA, or the
    RA's edge to its conclusion, goes through no scheme node and has no `via`."""

    via: Via
    edge: Required[JsonObject]  # the premise's edge into the scheme, without fromID and toID


class NodeAif(TypedDict, total=False):
    """A node's ``meta["aif"]``; `via` and `edge` are those of the relation it hangs by."""

    nodeID: Required[NodeId]  # verbatim: string or number
    timestamp: Any
    extra: JsonObject  # the I-node's other keys
    via: Via
    edge: JsonObject
    ra: AifNode  # an argument's: its RA node, verbatim
    #: an argument's: the edges into its RA of premises that hang elsewhere, by their ids
    step_edges: dict[str, JsonObject]


class NodeMeta(TypedDict, total=False):
    aif: Required[NodeAif]
    relation: str  # e.g. "undercut", "rephrase"


class LinkMeta(TypedDict, total=False):
    aif: Required[RelationAif]
    relation: str


class MapAif(TypedDict, total=False):
    """The map's ``meta["aif"]``: what argmap has no place for, verbatim."""

    dialogue_nodes: Required[list[AifNode]]  # L, YA and TA nodes
    dialogue_edges: Required[list[AifEdge]]  # every edge touching one of them
    locutions: Required[list[Any]]
    other_nodes: list[AifNode]  # schemes that make no relation, nodes of other types
    other_edges: list[AifEdge]  # edges that make no relation
    extra: JsonObject  # the nodeset's other top-level keys
    wrapper: JsonObject  # OVA's keys beside "AIF" (present: the map came from OVA)


class NodeRow(TypedDict, total=False):
    """An argmap node as the reader gives it to the model to validate."""

    id: Required[str]
    text: Required[str]
    title: str
    argument: JsonObject  # an argument's: scheme, questions and structure
    parent: str
    relation: Relation
    order: int
    group: str | None
    meta: Required[NodeMeta]


class LinkRow(TypedDict):
    """A cross-link as the reader gives it to the model to validate."""

    id: str
    source: str
    target: str
    relation: Relation
    meta: LinkMeta


# -- what the writer reads back --------------------------------------------------------


def as_dict(value: object) -> JsonObject:
    """`value` if it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def dicts(value: object) -> list[JsonObject]:
    """The JSON objects in `value` if it is a list, else none."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


@dataclass(frozen=True, slots=True)
class KeptVia:
    """A relation's `via` as the map holds it now."""

    node: JsonObject  # the scheme node ({} if there is none)
    to: object  # None if missing
    out: JsonObject
    anchored: bool  # an anchor is named: the scheme points at another scheme
    anchor: object

    @property
    def expected(self) -> object:
        """The nodeID of the I-node the relation must still point to for the scheme to
        be the one recorded: its anchor's, else its target's."""
        return self.anchor if self.anchored else self.to


@dataclass(frozen=True, slots=True)
class KeptRelation:
    """A relation's ``meta["aif"]`` as the map holds it now."""

    via: KeptVia
    edge: JsonObject  # the premise's edge into the scheme ({} if there is none)


def kept_relation(meta: Mapping[str, object]) -> KeptRelation:
    """What the node's or link's ``meta`` keeps of its relation's scheme node."""
    aif = as_dict(meta.get("aif"))
    via = as_dict(aif.get("via"))
    kept = KeptVia(
        as_dict(via.get("node")),
        via.get("to"),
        as_dict(via.get("out")),
        "anchor" in via,
        via.get("anchor"),
    )
    return KeptRelation(kept, as_dict(aif.get("edge")))


@dataclass(frozen=True, slots=True)
class KeptINode:
    """A node's I-node as the map keeps it."""

    node_id: object  # None if missing
    known: bool  # a nodeID is kept: the node came from AIF
    timestamp: object
    timed: bool  # a timestamp is kept
    extra: JsonObject


def step_edge(meta: Mapping[str, object], premise: str) -> JsonObject:
    """The edge an argument keeps of its `premise`'s edge into its RA ({} if none)."""
    return as_dict(as_dict(as_dict(meta.get("aif")).get("step_edges")).get(premise))


def step_edges(meta: Mapping[str, object]) -> list[JsonObject]:
    """Every edge an argument keeps of its premises' edges into its RA."""
    return dicts(list(as_dict(as_dict(meta.get("aif")).get("step_edges")).values()))


def kept_i_node(meta: Mapping[str, object]) -> KeptINode:
    aif = as_dict(meta.get("aif"))
    return KeptINode(
        aif.get("nodeID"),
        "nodeID" in aif,
        aif.get("timestamp", ""),
        "timestamp" in aif,
        as_dict(aif.get("extra")),
    )


@dataclass(frozen=True, slots=True)
class KeptMap:
    """The map's ``meta["aif"]`` as it is now."""

    other_nodes: list[JsonObject]
    dialogue_nodes: list[JsonObject]
    other_edges: list[JsonObject]
    dialogue_edges: list[JsonObject]
    locutions: list[Any]
    extra: JsonObject
    wrapper: JsonObject | None  # None: not from OVA


def kept_map(meta: Mapping[str, object]) -> KeptMap:
    kept = as_dict(meta.get("aif"))
    locutions, wrapper = kept.get("locutions"), kept.get("wrapper")
    return KeptMap(
        dicts(kept.get("other_nodes")),
        dicts(kept.get("dialogue_nodes")),
        dicts(kept.get("other_edges")),
        dicts(kept.get("dialogue_edges")),
        locutions if isinstance(locutions, list) else [],
        as_dict(kept.get("extra")),
        wrapper if isinstance(wrapper, dict) else None,
    )
