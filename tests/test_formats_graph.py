"""The one builder of a tree plus cross-links from a graph of relations (formats/graph.py).

Qt-free.  Argdown and AIF both lay their relations onto argmap's tree through
`spanning_tree`: each node under the target of its first relation, every further
relation and every one that would close a cycle a cross-link, never dropped.
"""

from __future__ import annotations

import pytest

from argmap.formats.graph import Forest, build_map, sibling_positions, spanning_tree
from argmap.model import Relation
from argmap.model.validation import UnsaveableError
from tests.limits import time_limit
from tests.reader_inputs import BUDGET


def test_each_node_hangs_under_the_target_of_its_first_relation() -> None:
    parent, links = spanning_tree([("b", "a", 1), ("c", "a", 2), ("b", "c", 3)])
    assert parent == {"b": ("a", 1), "c": ("a", 2)}
    assert links == [("b", "c", 3)]  # a second relation of b: a cross-link


def test_a_cycle_becomes_a_cross_link() -> None:
    parent, links = spanning_tree([("a", "b", "x"), ("b", "c", "y"), ("c", "a", "z")])
    assert parent == {"a": ("b", "x"), "b": ("c", "y")}
    assert links == [("c", "a", "z")]  # c is the root of a's tree: hanging it closes a cycle


def test_a_relation_of_a_node_to_itself_is_a_cross_link() -> None:
    parent, links = spanning_tree([("a", "a", 0)])
    assert parent == {}
    assert links == [("a", "a", 0)]


def test_roots_stay_roots_and_their_relations_are_cross_links() -> None:
    parent, links = spanning_tree(
        [("a", "b", 1), ("c", "a", 2)], [("a", "d", 3)], roots=frozenset({"a"})
    )
    assert parent == {"c": ("a", 2)}
    assert links == [("a", "b", 1)]  # and the placement of a is not used


def test_placement_places_only_what_no_relation_placed_and_is_never_a_link() -> None:
    edges = [("p", "q", "support")]
    placement = [("p", "arg", "premise"), ("c", "arg", "conclusion"), ("arg", "c", "premise")]
    parent, links = spanning_tree(edges, placement)
    assert parent == {"p": ("q", "support"), "c": ("arg", "conclusion")}
    assert links == []  # the placement arg -> c would close a cycle: dropped


def test_placement_comes_after_every_relation() -> None:
    # the placement is listed first but a relation of the same node wins
    parent, _ = spanning_tree([("a", "b", "support")], [("a", "c", "premise")])
    assert parent == {"a": ("b", "support")}


def test_children_are_kept_in_the_order_they_were_hung() -> None:
    parent, _ = spanning_tree([("z", "r", 0), ("y", "r", 1), ("x", "z", 2)])
    assert list(parent) == ["z", "y", "x"]
    assert sibling_positions(parent, parent) == {"z": 0, "y": 1, "x": 0}
    order = ["r", "x", "y", "z"]  # the document's order decides instead when given
    assert sibling_positions(order, parent) == {"r": 0, "x": 0, "y": 0, "z": 1}


def test_the_forest_joins_trees_and_refuses_a_cycle() -> None:
    trees: Forest[int] = Forest()
    assert trees.join(1, 2) and trees.join(2, 3)
    assert trees.find(1) == 3 and trees.find(4) == 4
    assert not trees.join(3, 1)
    assert trees.find(1) == trees.find(2) == 3  # compression keeps the root


def test_a_100000_deep_chain_is_linear_in_either_order() -> None:
    count = 100_000
    up = [(i, i + 1, None) for i in range(count)]
    with time_limit(BUDGET):
        for edges in (up, up[::-1]):
            parent, links = spanning_tree([*edges, (count, 0, None)])  # and a cycle
            assert len(parent) == count
            assert links == [(count, 0, None)]


def test_build_map_names_relations_and_keeps_the_rest_as_cross_links() -> None:
    fields = {k: {"text": k.upper(), "meta": {"k": k}} for k in ("a", "b", "c")}
    edges = [("b", "a", "support"), ("c", "a", "undercut"), ("a", "c", "attack")]
    m = build_map(["a", "b", "c"], fields, edges)
    assert m.node("b").parent == "a" and m.node("b").relation is Relation.SUPPORTS
    assert m.node("c").relation is Relation.REBUTS
    assert m.node("c").meta == {"k": "c", "relation": "undercut"}
    assert [n.order for n in m.nodes.values()] == [0, 0, 1]
    (link,) = m.links
    assert (link.id, link.source, link.target) == ("x1", "a", "c")
    assert link.relation is Relation.REBUTS and link.meta == {}


def test_build_map_of_a_20000_deep_chain_is_linear() -> None:
    """Walking up the parents to find a cycle took minutes here (quadratic)."""
    count = 20_000
    names = [f"s{i}" for i in range(count)]
    fields = {name: {"text": name} for name in names}
    edges = [(names[i], names[i - 1], "support") for i in range(1, count)]
    with time_limit(BUDGET):
        m = build_map(names, fields, [*edges, (names[0], names[-1], "attack")])
    assert m.node(names[-1]).parent == names[-2]
    assert [(x.source, x.target) for x in m.links] == [(names[0], names[-1])]


def test_build_map_cleans_each_node_as_the_model_does() -> None:
    """Mutation testing: the builder skips the model's validation, so its own cleaning
    is all a reader gets; line endings become "\\n" in text and note, tags a tuple."""
    fields = {
        "a": {"text": "one\r\ntwo\rthree", "note": "n\r\n", "title": "T", "tags": ["x", "y"]},
        "b": {},
    }
    m = build_map(["a", "b"], fields, [("b", "a", "support")])
    a, b = m.node("a"), m.node("b")
    assert (a.text, a.note, a.title, a.tags) == ("one\ntwo\nthree", "n\n", "T", ("x", "y"))
    assert (b.text, b.note, b.title, b.tags, b.meta) == ("", "", "", (), {})
    assert b.meta == {} and a.meta == {}


@pytest.mark.parametrize("field", ["text", "note", "title", "tags"])
def test_build_map_refuses_a_lone_surrogate_in_any_field(field: str) -> None:
    bad = "a\ud800b"
    data: dict[str, object] = {field: [bad] if field == "tags" else bad}
    with pytest.raises(UnsaveableError):
        build_map(["a"], {"a": data}, [])


def test_build_map_keeps_its_roots_and_reads_other_relations_as_supports() -> None:
    """Mutation testing: the roots were not passed on, and a cross-link of another kind
    of a kind argmap has no name for fell back to no relation, both unseen."""
    fields = {k: {"text": k} for k in ("a", "b", "c", "d")}
    edges = [("b", "a", "support"), ("c", "a", "entails"), ("c", "b", "contrary?")]
    m = build_map(["a", "b", "c", "d"], fields, [*edges, ("d", "a", "contrary?")], roots={"b"})
    assert m.node("d").relation is Relation.SUPPORTS
    assert m.node("d").meta == {"relation": "contrary?"}
    assert m.node("b").parent is None
    assert m.node("c").parent == "a" and m.node("c").relation is Relation.SUPPORTS
    assert m.node("c").meta == {"relation": "entails"}
    assert [(x.source, x.target, x.relation, x.meta) for x in m.links] == [
        ("b", "a", Relation.SUPPORTS, {}),
        ("c", "b", Relation.SUPPORTS, {"relation": "contrary?"}),
    ]
