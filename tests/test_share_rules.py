"""Each repair rule of docs/collaboration.md by its own outcome (what the map keeps and
what it gives up), and the text and update helpers' edges: written to kill the
mutants `mutmut` left alive in argmap/share (a rule broken into another one that still
gives a valid map passed the property test)."""

from __future__ import annotations

import json
import random

import pytest
from pycrdt import Map

from argmap.model import ArgumentMap, Relation, Source, ops, revalidate, structure_ops
from argmap.model.source import make_ref
from argmap.model.structure import View
from argmap.share.inbox import _var_uint
from argmap.share.layout import new_doc, read_map, shown_layout
from argmap.share.texts import carry_edit, carry_index
from tests.test_share_layout import deliver_all, replicas, two_claims


def test_a_node_moved_into_a_section_deleted_meanwhile_keeps_everything_but_the_section() -> None:
    m = structure_ops.add_section(two_claims(), "Economics").map
    section = m.sections[0].id
    x, y = replicas(m, 2)
    x.edit(structure_ops.delete_section(m, section).map)
    y.edit(structure_ops.set_section(m, ["a1"], section).map)
    deliver_all([x, y], random.Random(1))
    merged = x.map()
    assert merged == y.map() and revalidate(merged) == merged
    assert merged.nodes["a1"].section is None
    assert merged.nodes["a1"].text == "under a" and merged.nodes["a1"].parent == "a"


def test_a_view_hiding_a_section_deleted_meanwhile_keeps_the_view() -> None:
    m = structure_ops.add_section(two_claims(), "Economics").map
    section = m.sections[0].id
    x, y = replicas(m, 2)
    x.edit(structure_ops.delete_section(m, section).map)
    y.edit(structure_ops.save_view(m, View(name="no economics", hidden_sections=(section,))).map)
    deliver_all([x, y], random.Random(2))
    merged = x.map()
    assert merged == y.map() and revalidate(merged) == merged
    assert [(v.name, v.hidden_sections) for v in merged.views] == [("no economics", ())]
    assert merged.title == m.title and merged.sections == ()


def test_an_argument_whose_step_was_deleted_meanwhile_is_read_as_a_statement() -> None:
    m = structure_ops.set_argument(two_claims(), "a1", True).map
    x, y = replicas(m, 2)
    x.edit(ops.delete_subtree(m, "b1").map)
    y.edit(structure_ops.add_step(m, "a1", statement="b1").map)
    deliver_all([x, y], random.Random(3))
    merged = x.map()
    assert merged == y.map() and revalidate(merged) == merged
    assert merged.nodes["a1"].argument is None
    assert merged.nodes["a1"].text == "under a" and "b1" not in merged.nodes


def test_a_span_past_the_end_of_a_shortened_source_is_flagged_not_dropped() -> None:
    text = "Apples are red.\n\nPears are green."
    m = two_claims().evolve(source=Source(text=text))
    at = text.index("green")
    x, y = replicas(m, 2)
    x.edit(m.evolve(source=Source(text="Apples are red.")))
    y.edit(ops.edit_node(m, "a1", refs=(make_ref(text, at, at + 5),)).map)
    deliver_all([x, y], random.Random(4))
    merged = x.map()
    assert merged == y.map() and revalidate(merged) == merged
    (ref,) = merged.nodes["a1"].refs
    assert (ref.start, ref.end, ref.review, ref.quote) == (None, None, True, "green")


def test_a_node_with_an_unreadable_id_leaves_its_children_under_its_parent() -> None:
    m = two_claims()
    doc = new_doc(m)
    nodes = doc.get("nodes", type=Map)
    entry = nodes["a1"]
    nodes["bad id!"] = Map({"parent": json.dumps("a"), "relation": json.dumps("supports")})
    entry["parent"] = json.dumps("bad id!")
    read = read_map(doc)
    assert revalidate(read) == read
    assert "bad id!" not in read.nodes
    assert read.nodes["a1"].parent == "a" and read.nodes["a1"].relation is Relation.SUPPORTS


def test_a_node_field_that_does_not_validate_costs_that_field_only() -> None:
    doc = new_doc(two_claims())
    entry = doc.get("nodes", type=Map)["a1"]
    entry["tags"] = json.dumps([1, 2])
    entry["note"] = entry["note"]  # unchanged
    read = read_map(doc)
    assert read.nodes["a1"].tags == () and read.nodes["a1"].text == "under a"
    assert read.nodes["a1"].parent == "a"


def test_bad_map_fields_cost_those_fields_only() -> None:
    m = two_claims().evolve(title="Kept", description="Kept too")
    doc = new_doc(m)
    root = doc.get("map", type=Map)
    root["style"] = json.dumps({"wrap": -4})
    root["meta"] = json.dumps("not a mapping")
    root["source"] = json.dumps({"title": 7})
    read = read_map(doc)
    assert (read.title, read.description) == ("Kept", "Kept too")
    assert read.style == ArgumentMap().style and read.meta == {} and read.source == Source()
    assert set(read.nodes) == set(m.nodes)


@pytest.mark.parametrize(
    ("before", "after", "current", "expected"),
    [
        ("abc", "abXc", "abc", "abXc"),  # nothing changed meanwhile
        ("abc", "abXc", "0abc", "0abXc"),  # someone typed before
        ("abc", "abXc", "abc9", "abXc9"),  # after
        ("abc", "abXc", "abYc", "abYXc"),  # at the same place: theirs first
        ("abcdef", "abef", "abcdeZf", "abeZf"),  # a deletion keeps what was typed in it
        ("abc", "Xabc", "", "X"),  # all of it deleted meanwhile
        ("abcdef", "abcdYef", "abXcdef", "abXcdYef"),  # inside text that moved along
        ("abcdef", "abcf", "abXcdef", "abXcf"),  # a deletion in text that moved along
        ("abcdef", "abZf", "Xabcdef", "XabZf"),  # replaced, after text typed before it
        ("abcdef", "aZf", "abQcdef", "aZQf"),  # theirs inside the replaced words stays
        # what another inserted inside the words one deletes stays, as Yjs keeps it
        ("hello world", "hello", "hello big world", "hellobig "),
    ],
)
def test_an_edit_is_carried_into_a_text_others_changed(
    before: str, after: str, current: str, expected: str
) -> None:
    assert carry_edit(before, after, current) == expected


@pytest.mark.parametrize(
    ("old", "new", "index", "expected"),
    # typed right at the caret by someone else: the caret goes after it (theirs first)
    [("abc", "abc", 2, 2), ("abc", "XYabc", 3, 5), ("abc", "abcXY", 3, 5), ("abc", "ac", 3, 2)],
)
def test_a_caret_is_carried_past_others_typing(
    old: str, new: str, index: int, expected: int
) -> None:
    assert carry_index(old, new, index) == expected


def test_a_var_uint_is_read_to_its_end_and_a_cut_one_refused() -> None:
    assert _var_uint(bytes([0x05]), 0) == (5, 1)
    assert _var_uint(bytes([0x80, 0x01, 0x07]), 0) == (128, 2)
    assert _var_uint(bytes([0x00, 0xAC, 0x02]), 1) == (300, 3)
    with pytest.raises(ValueError, match="cut short"):
        _var_uint(bytes([0x80]), 0)
    with pytest.raises(ValueError, match="cut short"):
        _var_uint(bytes([0xFF] * 12), 0)


def test_a_layout_number_is_shown_as_written() -> None:
    assert shown_layout(2.0) == "2" and shown_layout(3) == "3"
    assert shown_layout(2.5) == "2.5" and shown_layout("x" * 40) == repr("x" * 40)[:20]


def test_a_child_with_no_readable_relation_supports_and_a_claim_has_none() -> None:
    m = two_claims()
    doc = new_doc(m)
    nodes = doc.get("nodes", type=Map)
    nodes["a1"]["relation"] = json.dumps(5)
    nodes["a"]["relation"] = json.dumps("rebuts")
    nodes["a"]["group"] = json.dumps("g1")
    read = read_map(doc)
    assert revalidate(read) == read and set(read.nodes) == set(m.nodes)
    assert read.nodes["a1"].relation is Relation.SUPPORTS and read.nodes["a1"].parent == "a"
    assert read.nodes["a"].relation is None and read.nodes["a"].group is None


def test_a_group_keeps_the_members_that_share_its_first_members_place() -> None:
    m = ops.add_co_premise(two_claims(), "a1", "with a1").map
    partner = next(i for i in m.nodes if i not in ("a", "b", "a1", "b1"))
    doc = new_doc(m)
    nodes = doc.get("nodes", type=Map)
    nodes[partner]["relation"] = json.dumps("rebuts")  # no longer beside a1
    nodes["b1"]["group"] = json.dumps(m.nodes["a1"].group)  # under another parent
    read = read_map(doc)
    assert revalidate(read) == read and set(read.nodes) == set(m.nodes)
    first = min(("a1", partner))
    assert read.nodes[first].group == m.nodes["a1"].group
    assert read.nodes["b1"].group is None
    others = [i for i in ("a1", partner) if i != first]
    assert all(read.nodes[i].group is None for i in others)
