"""The guards of find in the map (argmap/model/search.py), each pinned by a test that fails
when it breaks (the survivors of a mutation run): a blank query finds nothing, an index
asked about the map it has folds nothing again, empty fields are not kept, a scheme only
for an argument, and a section walk that ends on a cycle or an unknown section.  Qt-free."""

from __future__ import annotations

from argmap.model import ArgumentMap, Node, Relation
from argmap.model.search import Field, Match, SearchIndex, _around, _section_starts, find, fold
from argmap.model.structure import Argument, Section

S = Relation.SUPPORTS


def _map(*nodes: Node, **fields: object) -> ArgumentMap:
    return ArgumentMap.model_validate({"nodes": list(nodes), **fields})


def test_fold_of_ascii_and_of_other_text_agree() -> None:
    assert fold("  MiXed\tCase \n") == "mixed case"
    assert fold("  MiXed\tCasé \n") == "mixed case"
    assert fold("ÀB") == "ab"  # not only lowered: the accent goes
    assert fold("Ǆ") == "dz"  # a compatibility form folded, then lowered


def test_a_blank_query_finds_nothing_even_where_every_field_is_text() -> None:
    m = _map(Node(id="c", text="a", title="b", note="c", tags=("d",)))
    index = SearchIndex()
    assert index.find(m, "") == [] and index.find(m, " \t\n") == []
    assert index._map is None  # nothing was folded for it


def test_the_same_map_is_not_folded_again() -> None:
    m = _map(Node(id="c", text="apples"))
    index = SearchIndex()
    index.update(m)
    nodes, sections = index._nodes, index._sections
    index.update(m)
    assert index._nodes is nodes and index._sections is sections
    assert index.find(m, "apple") == [Match("c", (Field.TEXT,))]
    assert index._nodes is nodes


def test_only_a_changed_node_is_folded_again() -> None:
    m = _map(Node(id="c", text="apples"), Node(id="a", parent="c", relation=S, text="pears"))
    index = SearchIndex()
    index.update(m)
    kept = index._nodes["c"]
    changed = ArgumentMap.model_validate(
        {"nodes": [m.nodes["c"], m.nodes["a"].model_copy(update={"text": "plums"})]}
    )
    index.update(changed)
    assert index._nodes["c"] is kept
    assert index._nodes["a"][1] == ((Field.TEXT, "plums"),)
    # an equal node that is another object is folded again (nodes are compared by identity)
    copy = ArgumentMap.model_validate({"nodes": [m.nodes["c"].model_copy(), m.nodes["a"]]})
    index.update(copy)
    assert index._nodes["c"] is not kept and index._nodes["c"][0] is copy.nodes["c"]


def test_empty_fields_are_not_kept_a_scheme_only_for_an_argument() -> None:
    m = _map(
        Node(id="c", text="claim", tags=("",)),
        Node(id="g", parent="c", relation=S, text="", argument=Argument(scheme="Expert")),
        Node(id="h", parent="c", relation=S, text="plain", argument=Argument()),
    )
    index = SearchIndex()
    index.update(m)
    assert index._nodes["c"][1] == ((Field.TEXT, "claim"),)
    assert index._nodes["g"][1] == ((Field.SCHEME, "expert"),)
    assert index._nodes["h"][1] == ((Field.TEXT, "plain"),)


def test_a_map_without_sections_has_no_section_starts() -> None:
    m = _map(Node(id="c", text="claim"))
    assert _section_starts(m) == ()
    assert find(m, "claim") == [Match("c", (Field.TEXT,))]


def test_a_section_found_twice_names_the_field_once() -> None:
    m = _map(
        Node(id="c", text="claim", section="inner"),
        sections=[
            {"id": "outer", "title": "Economy"},
            {"id": "inner", "title": "Economy too", "parent": "outer"},
        ],
    )
    assert find(m, "economy") == [Match("c", (Field.SECTION,))]
    assert _section_starts(m) == (("c", "economy"), ("c", "economy too"))


def test_the_walk_out_of_sections_ends_on_a_cycle_or_an_unknown_section() -> None:
    assert list(_around("a", {"a": "b", "b": "a"})) == ["a", "b"]
    assert list(_around("a", {"a": "a"})) == ["a"]
    assert list(_around("a", {"a": "gone"})) == ["a"]
    assert list(_around("zz", {"a": None})) == []
    assert list(_around(None, {"a": None})) == []
    assert list(_around("b", {"a": None, "b": "a"})) == ["b", "a"]


def test_sections_in_a_cycle_still_find_their_first_node() -> None:
    m = _map(Node(id="c", text="claim"), Node(id="a", parent="c", relation=S, text="x"))
    looped = ArgumentMap.model_construct(  # no loaded map has such sections: built unchecked
        nodes={**m.nodes, "a": m.nodes["a"].model_copy(update={"section": "s1"})},
        sections=(
            Section(id="s1", title="One", parent="s2"),
            Section(id="s2", title="Two", parent="s1"),
        ),
    )
    assert find(looped, "two") == [Match("a", (Field.SECTION,))]
    assert find(looped, "one") == [Match("a", (Field.SECTION,))]
