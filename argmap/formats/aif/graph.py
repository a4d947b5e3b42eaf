"""AIF nodeset: its caps, and which scheme nodes become relations.

argmap.formats.aif.nodeset checks the nodeset; `map_schemes` chooses the scheme
nodes that become relations and the I-node each is anchored at.  The constants
here are shared by argmap.formats.aif.reader (which lays the relations onto
argmap's tree) and argmap.formats.aif.writer.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from argmap.formats.aif.nodeset import DIALOGUE_TYPES, SCHEME_TYPES, NodeSet
from argmap.formats.aif.schemes import scheme_of
from argmap.model import Relation

__all__ = [
    "ANCHOR_STEPS",
    "DIALOGUE_TYPES",
    "MAX_BYTES",
    "MAX_COPIED_ITEMS",
    "MAX_EDGES",
    "MAX_ID",
    "MAX_NODES",
    "SCHEME_NAME",
    "SCHEME_RELATION",
    "SCHEME_TYPES",
    "Scheme",
    "map_schemes",
    "safe",
]

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
#: characters of an id argmap makes of a nodeID
MAX_ID = 64

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def safe(value: str) -> str:
    """Every character but ASCII letters, digits, '_' and '-' as '_'."""
    return _UNSAFE.sub("_", value)


# -- which scheme nodes become relations ---------------------------------------------


def _candidates(g: NodeSet, key: str) -> list[str]:
    """The I-nodes that can stand for the scheme `key`, best first: its I-node premises in
    file order, then the I-nodes it points to (worked out once per scheme)."""
    found = g.candidates.get(key)
    if found is None:
        edges, kind = g.edges, g.kind
        premises = {edges[j].source for j in g.ins.get(key, ()) if kind[edges[j].source] == "I"}
        found = sorted(premises, key=g.position.__getitem__)
        found += [edges[j].target for j in g.outs.get(key, ()) if kind[edges[j].target] == "I"]
        g.candidates[key] = found
    return found


def _neighbours(g: NodeSet, key: str) -> Iterator[str]:
    """The nodes with an edge into `key`, then the nodes it has an edge to."""
    for j in g.ins.get(key, ()):
        yield g.edges[j].source
    for j in g.outs.get(key, ()):
        yield g.edges[j].target


def _anchor_in_chain(g: NodeSet, scheme: str, target: str, exclude: set[str]) -> str | None:
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


@dataclass(frozen=True, slots=True)
class Scheme:
    """A scheme node that becomes relations: one for each of its premise edges."""

    key: str
    out: int  # index of the outgoing edge that makes the relations
    anchor: str  # the I-node (or the argument's RA) the relations point to
    premise_edges: tuple[int, ...]
    #: an RA naming a scheme, from I-nodes to an I-node: an argument node of its own,
    #: its premises hanging under it, itself under its conclusion
    argument: bool = False


def map_schemes(g: NodeSet, unnamed: frozenset[str] = frozenset()) -> dict[str, Scheme]:
    """The scheme nodes that become relations (or arguments); the others stay verbatim.
    `unnamed`: the keys of RAs that make arguments though they name no scheme (argmap's
    hints say so, argmap.formats.aif.hints_in.Marks)."""
    found: dict[str, tuple[list[int], int]] = {}
    for key in g.keys:
        if g.kind[key] != "S":
            continue
        premise_edges = [j for j in g.ins.get(key, ()) if g.kind[g.edges[j].source] == "I"]
        if not premise_edges:
            continue
        out = next(
            (
                j
                for j in g.outs.get(key, ())
                if g.kind[g.edges[j].target] in ("I", "S") and g.edges[j].target != key
            ),
            None,
        )
        if out is not None:
            found[key] = (premise_edges, out)
    arguments = {
        key
        for key, (premise_edges, out) in found.items()
        if g.raw[key]["type"] == "RA"
        and (key in unnamed or scheme_of(g.raw[key]))
        and g.kind[g.edges[out].target] == "I"
        and _first_edge_per_premise(g, premise_edges, g.edges[out].target)
    }
    mapped: dict[str, Scheme] = {}
    for key, (premise_edges, out) in found.items():
        target = g.edges[out].target
        premises = {g.edges[j].source for j in premise_edges}
        if g.kind[target] == "I" or target in arguments:
            anchor: str | None = target
        else:
            anchor = _anchor_in_chain(g, key, target, premises)
        if anchor is None:
            continue
        mine = _first_edge_per_premise(g, premise_edges, anchor)
        if mine:
            mapped[key] = Scheme(key, out, anchor, tuple(mine), key in arguments)
    return mapped


def _first_edge_per_premise(g: NodeSet, premise_edges: list[int], anchor: str) -> list[int]:
    """One relation per premise of a scheme: a premise's repeated edges into it (same
    ends, another edgeID) stay verbatim in ``other_edges``, so export writes them back;
    the anchor itself is no premise of its own relation."""
    seen = {anchor}
    mine: list[int] = []
    for j in premise_edges:
        premise = g.edges[j].source
        if premise not in seen:
            seen.add(premise)
            mine.append(j)
    return mine
