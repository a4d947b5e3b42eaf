"""What part of a map is shown: collapsed subtrees and a focused subtree.

Pure functions: the GUI keeps the collapsed set and the focus as view state
(not edits), and the renderer and exports draw the map these return.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from argmap.model.document import ArgumentMap
from argmap.model.ops import extract_subtree


@dataclass(frozen=True)
class Shown:
    map: ArgumentMap
    #: collapsed node id -> how many nodes below it are hidden
    hidden: dict[str, int] = field(default_factory=dict)


def shown_map(m: ArgumentMap, collapsed: Iterable[str] = (), focus: str | None = None) -> Shown:
    if focus is not None and focus in m.nodes:
        m = extract_subtree(m, focus)
    collapsed_here = [c for c in collapsed if c in m.nodes and m.tree.children(c)]
    if not collapsed_here:
        return Shown(m)
    tree = m.tree
    hidden_ids: set[str] = set()
    hidden: dict[str, int] = {}
    for node_id in collapsed_here:
        if node_id in hidden_ids:
            continue  # inside another collapsed subtree
        below = tree.subtree(node_id)[1:]
        hidden_ids.update(below)
        hidden[node_id] = len(below)
    hidden = {k: v for k, v in hidden.items() if k not in hidden_ids}
    nodes = {i: n for i, n in m.nodes.items() if i not in hidden_ids}
    links = tuple(
        link for link in m.links if link.source not in hidden_ids and link.target not in hidden_ids
    )
    return Shown(m.evolve(nodes=nodes, links=links), hidden)
