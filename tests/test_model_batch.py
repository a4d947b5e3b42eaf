"""Edits of a multi-selection (model/batch.py): one step each, undone exactly, refused
whole when one part cannot be made."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.formats import native
from argmap.model import ArgumentMap, EditError, Relation, batch, ops

SAMPLE = Path(__file__).parent.parent / "samples" / "ai-slowdown.argmap.json"


def small() -> tuple[ArgumentMap, dict[str, str]]:
    r = ops.add_claim(ArgumentMap(), "Claim")
    m, root = r.map, r.node_id
    ids = {"root": root}
    for name, parent, rel in (
        ("a", "root", Relation.SUPPORTS),
        ("b", "root", Relation.SUPPORTS),
        ("c", "root", Relation.REBUTS),
        ("a1", "a", Relation.SUPPORTS),
        ("a2", "a", Relation.REBUTS),
    ):
        r = ops.add_node(m, ids[parent], rel, name)
        m, ids[name] = r.map, r.node_id
    return m, ids


def undone(m: ArgumentMap, result: ops.EditResult) -> ArgumentMap:
    return ops.apply(result.map, result.undo).map


def same_file(a: ArgumentMap, b: ArgumentMap) -> bool:
    return native.dumps(a) == native.dumps(b)


def test_delete_many_removes_every_subtree_in_one_step_and_undo_restores_the_file() -> None:
    m, n = small()
    result = batch.delete_many(m, [n["a1"], n["c"], n["a"]])  # a1 goes with a
    assert set(result.map.nodes) == {n["root"], n["b"]}
    assert set(result.change.removed) == {n["a"], n["a1"], n["a2"], n["c"]}
    back = undone(m, result)
    assert back == m
    assert same_file(back, m)
    again = ops.apply(back, result.redo).map
    assert again == result.map


def test_delete_many_renumbers_the_siblings_left() -> None:
    m, n = small()
    result = batch.delete_many(m, [n["a"], n["c"]])
    assert result.map.nodes[n["b"]].order == 0
    assert result.map.tree.children(n["root"]) == (n["b"],)


def test_outermost_keeps_map_order_and_drops_nodes_below_others_and_unknown_ids() -> None:
    m, n = small()
    assert batch.outermost(m, [n["c"], n["a2"], n["b"], "ghost"]) == [n["a2"], n["b"], n["c"]]
    assert batch.outermost(m, [n["a2"], n["a"], n["a1"]]) == [n["a"]]
    assert batch.outermost(m, [n["root"], n["c"]]) == [n["root"]]
    assert batch.outermost(m, []) == []


def test_move_many_moves_each_subtree_under_the_target_in_map_order() -> None:
    m, n = small()
    result = batch.move_many(m, [n["c"], n["a1"]], n["b"], Relation.REBUTS)
    assert result.map.tree.children(n["b"]) == (n["a1"], n["c"])
    assert all(result.map.nodes[i].relation is Relation.REBUTS for i in (n["a1"], n["c"]))
    assert result.map.tree.children(n["a"]) == (n["a2"],)
    assert same_file(undone(m, result), m)


def test_move_many_at_an_index_keeps_the_moved_nodes_together() -> None:
    m, n = small()
    result = batch.move_many(m, [n["a1"], n["a2"]], n["root"], None, 1)
    kids = result.map.tree.children(n["root"])
    assert kids == (n["a"], n["a1"], n["a2"], n["b"], n["c"])
    assert result.map.nodes[n["a2"]].relation is Relation.REBUTS  # kept its own relation


def test_move_many_into_a_moved_subtree_is_refused_whole() -> None:
    m, n = small()
    before = native.dumps(m)
    with pytest.raises(EditError, match="^cannot move a node into its own subtree$"):
        batch.move_many(m, [n["b"], n["a"]], n["a1"])
    assert native.dumps(m) == before


def test_move_many_to_top_level_makes_claims() -> None:
    m, n = small()
    result = batch.move_many(m, [n["b"], n["c"]], None, Relation.SUPPORTS)
    assert result.map.tree.roots == (n["root"], n["b"], n["c"])
    assert result.map.nodes[n["c"]].relation is None


def test_each_refuses_whole_when_one_node_refuses() -> None:
    m, n = small()
    before = native.dumps(m)
    with pytest.raises(EditError):
        batch.each(m, [n["a"], n["root"]], ops.set_relation, Relation.REBUTS)  # root: no
    assert native.dumps(m) == before


def test_each_with_nothing_selected_or_nothing_changing_is_refused() -> None:
    m, n = small()
    with pytest.raises(EditError, match="^no node selected$"):
        batch.each(m, ["ghost"], ops.edit_node, note="x")
    with pytest.raises(EditError, match="^no node selected$"):
        batch.delete_many(m, [])
    with pytest.raises(EditError, match="^no node selected$"):
        batch.move_many(m, ["ghost"], n["b"])
    unchanged = batch.each(m, [n["a"]], ops.edit_node, text="a")
    assert unchanged.redo.is_empty()
    assert unchanged.map == m


def test_assess_many_is_one_step() -> None:
    from argmap.model import Acceptance

    m, n = small()
    result = batch.each(m, [n["a"], n["b"]], ops.edit_node, acceptance=Acceptance.REJECTED)
    assert {i for i in result.change.changed} == {n["a"], n["b"]}
    assert result.map.nodes[n["a"]].acceptance is Acceptance.REJECTED
    assert result.map.nodes[n["c"]].acceptance is None
    assert same_file(undone(m, result), m)


def test_retag_adds_once_and_removes() -> None:
    m, n = small()
    m = ops.edit_node(m, n["a"], tags=("old", "keep")).map
    result = batch.retag(m, [n["a"], n["b"]], add="new", remove="old")
    assert result.map.nodes[n["a"]].tags == ("keep", "new")
    assert result.map.nodes[n["b"]].tags == ("new",)
    twice = batch.retag(result.map, [n["a"], n["b"], n["c"]], add="new")
    assert twice.map.nodes[n["a"]].tags == ("keep", "new")  # not added twice
    assert twice.change.changed == (n["c"],)
    assert batch.retag(twice.map, [n["a"]], add="new").redo.is_empty()


def test_deleting_nodes_with_links_restores_links_and_their_order() -> None:
    m = native.load(SAMPLE)
    first = list(m.nodes)[1:4]
    links_before = tuple(link.id for link in m.links)
    m2 = m
    if not m.links:  # the sample gets a cross-link to check
        m2 = ops.add_link(m, first[0], first[1], Relation.SUPPORTS).map
    result = batch.delete_many(m2, first)
    back = undone(m2, result)
    assert same_file(back, m2)
    assert tuple(link.id for link in back.links) == tuple(link.id for link in m2.links)
    assert links_before == tuple(link.id for link in m.links)


def test_a_map_field_change_comes_back_with_undo() -> None:
    m, _ = small()
    new = ops.set_map_fields(m, title="Renamed").map
    result = batch.between(m, new)
    assert result.change.fields == ("title",)
    assert undone(m, result).title == ""


def sequential_delete(m: ArgumentMap, ids: list[str]) -> ArgumentMap:
    for node_id in ids:
        if node_id in m.nodes:
            m = ops.delete_subtree(m, node_id).map
    return m


def test_the_one_step_gives_the_same_file_as_the_edits_one_by_one() -> None:
    m, n = small()
    m = ops.add_link(m, n["b"], n["a1"], Relation.SUPPORTS, link_id="x1").map
    m = ops.add_link(m, n["c"], n["b"], Relation.REBUTS, link_id="x2").map
    m = ops.add_link(m, n["c"], n["root"], Relation.REBUTS, link_id="x3").map
    result = batch.delete_many(m, [n["a"], n["b"]])
    expected = sequential_delete(m, [n["a"], n["b"]])
    assert native.dumps(result.map) == native.dumps(expected)
    assert tuple(link.id for link in result.map.links) == ("x3",)
    assert result.node_id == n["a"]
    assert same_file(undone(m, result), m)
    assert tuple(link.id for link in undone(m, result).links) == ("x1", "x2", "x3")


def test_between_carries_added_and_changed_links_and_the_node_named() -> None:
    m, n = small()
    m = ops.add_link(m, n["b"], n["a1"], Relation.SUPPORTS, link_id="x1").map
    added = ops.add_link(m, n["c"], n["a2"], Relation.REBUTS, link_id="x0").map
    changed = added.evolve(
        links=tuple(
            link.model_copy(update={"relation": Relation.REBUTS}) if link.id == "x1" else link
            for link in added.links
        )
    )
    result = batch.between(m, changed, "someone")
    assert result.node_id == "someone"
    assert result.map.links == changed.links
    assert {link.id for link in result.redo.put_links} == {"x0", "x1"}
    assert undone(m, result).links == m.links
    assert batch.between(m, m, "someone").node_id == "someone"  # nothing changed, still named


def test_outermost_drops_a_grandchild_of_a_chosen_node() -> None:
    m, n = small()
    assert batch.outermost(m, [n["a1"], n["root"]]) == [n["root"]]
    assert batch.outermost(m, [n["a1"], n["b"]]) == [n["a1"], n["b"]]


def test_each_and_move_many_name_their_first_node() -> None:
    m, n = small()
    result = batch.each(m, [n["b"], n["c"]], ops.edit_node, note="x")
    assert result.node_id == n["b"]
    moved = batch.move_many(m, [n["c"], n["a1"]], n["b"])
    assert moved.node_id == n["a1"]  # the first in the outline's order


def test_retag_with_only_a_tag_to_remove_adds_nothing() -> None:
    m, n = small()
    m = ops.edit_node(m, n["a"], tags=("old", "keep")).map
    result = batch.retag(m, [n["a"], n["b"]], remove="old")
    assert result.map.nodes[n["a"]].tags == ("keep",)
    assert result.map.nodes[n["b"]].tags == ()
    kept = batch.retag(result.map, [n["a"]], add="new")
    assert kept.map.nodes[n["a"]].tags == ("keep", "new")
