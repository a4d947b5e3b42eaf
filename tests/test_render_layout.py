"""Stable layout: one edit must not reshuffle the rest of the map.

Measured on the real engines' layouts (Graphviz JSON output), in the
top-left coordinates a viewer sees.
"""

from __future__ import annotations

import json

import pytest

from argmap.model import ArgumentMap, Relation, ops
from argmap.render import get_engine, to_dot
from tests.conftest import engine_names

NEW_TEXT = "A new reason of ordinary length, a dozen words or so"
NODESEP_PT = 0.25 * 72  # the gap between neighbours in a rank (render/dot.py)


def layout(
    engine_name: str, m: ArgumentMap
) -> tuple[dict[str, tuple[float, float]], dict[str, float]]:
    data = json.loads(get_engine(engine_name).render(to_dot(m), "json"))
    height = float(data["bb"].split(",")[3])
    positions, widths = {}, {}
    for obj in data["objects"]:
        if "pos" in obj and "nodes" not in obj:
            x, y = (float(v) for v in obj["pos"].split(","))
            positions[obj["name"]] = (x, height - y)
            widths[obj["name"]] = float(obj["width"]) * 72
    return positions, widths


def rank_orders(positions: dict[str, tuple[float, float]]) -> dict[float, list[str]]:
    ranks: dict[float, list[tuple[float, str]]] = {}
    for node_id, (x, y) in positions.items():
        ranks.setdefault(round(y), []).append((x, node_id))
    return {y: [n for _, n in sorted(row)] for y, row in ranks.items()}


@pytest.mark.parametrize("engine_name", engine_names())
def test_adding_a_leaf_keeps_order_and_moves_others_at_most_its_room(
    engine_name, debate_map
) -> None:
    before, _ = layout(engine_name, debate_map)
    for target in debate_map.nodes:
        added = ops.add_node(debate_map, target, Relation.SUPPORTS, NEW_TEXT)
        after, widths = layout(engine_name, added.map)
        room = widths[added.node_id] + NODESEP_PT + 2  # the slot the new node takes
        changed = {target, *debate_map.tree.ancestors(target)}  # their subtrees grew
        for node_id, (x, y) in before.items():
            if node_id in changed:
                continue
            moved = max(abs(after[node_id][0] - x), abs(after[node_id][1] - y))
            assert moved <= room, (target, node_id, moved, room)
        # left-to-right order within each rank, ignoring the new node
        for row in rank_orders(after).values():
            kept = [n for n in row if n != added.node_id]
            old_rows = [r for r in rank_orders(before).values() if set(kept) <= set(r)]
            assert old_rows and [n for n in old_rows[0] if n in kept] == kept, (target, row)


@pytest.mark.parametrize("engine_name", engine_names())
def test_deleting_a_leaf_or_editing_text_keeps_the_order(engine_name, debate_map) -> None:
    before, widths = layout(engine_name, debate_map)
    leaves = [n for n in debate_map.nodes if not debate_map.tree.children(n)]
    for leaf in leaves[::3]:
        removed = ops.delete_subtree(debate_map, leaf).map
        after, _ = layout(engine_name, removed)
        room = widths[leaf] + NODESEP_PT + 2
        changed = set(debate_map.tree.ancestors(leaf))
        for node_id, (x, y) in after.items():
            if node_id not in changed:
                assert max(abs(before[node_id][0] - x), abs(before[node_id][1] - y)) <= room
        for row in rank_orders(after).values():
            old = next(r for r in rank_orders(before).values() if set(row) <= set(r))
            assert [n for n in old if n in row] == row
    edited = ops.edit_node(debate_map, "pace", text="Short now").map
    after, _ = layout(engine_name, edited)
    for row in rank_orders(after).values():
        old = next(r for r in rank_orders(before).values() if set(row) <= set(r))
        assert old == row
