"""Find in the map (issue 17, point 9): which nodes a query is in, in the outline's order,
with the field it was found in; forgiving of case, accents and white space; fast on
thousands of nodes.  Qt-free."""

from __future__ import annotations

from argmap.model import ArgumentMap, Node, Relation
from argmap.model import structure_ops as so
from argmap.model.search import Field, Match, SearchIndex, find, fold
from argmap.model.structure import Argument

S, R = Relation.SUPPORTS, Relation.REBUTS


def _map(*nodes: Node, **fields: object) -> ArgumentMap:
    return ArgumentMap.model_validate({"nodes": list(nodes), **fields})


def _ids(matches: list[Match]) -> list[str]:
    return [m.node for m in matches]


def test_fold_ignores_case_accents_compatibility_forms_and_spacing() -> None:
    assert fold("Café") == fold("CAFE") == "cafe"
    assert fold("Straße") == "strasse"
    assert fold("ﬁne") == "fine"  # the ligature
    assert fold("e\u0301") == fold("é") == "e"  # decomposed or composed, the same
    assert fold("  two\n\twords  ") == "two words"
    assert fold("Ａ") == "a"  # a full-width letter
    assert fold("") == "" and fold(" \n ") == ""


def test_each_field_is_searched_and_named() -> None:
    m = _map(
        Node(id="c", text="Taxes should rise", title="Fiscal"),
        Node(id="a", parent="c", relation=S, text="Schools need money", note="see the budget"),
        Node(id="b", parent="c", relation=R, text="Growth slows", tags=("economy", "risk")),
        Node(
            id="g",
            parent="c",
            relation=S,
            text="An expert says so",
            argument=Argument(scheme="Expert opinion"),
        ),
    )
    assert find(m, "fiscal") == [Match("c", (Field.TITLE,))]
    assert find(m, "budget") == [Match("a", (Field.NOTE,))]
    assert find(m, "econ") == [Match("b", (Field.TAG,))]
    assert find(m, "opinion") == [Match("g", (Field.SCHEME,))]
    assert find(m, "schools") == [Match("a", (Field.TEXT,))]


def test_a_node_found_in_several_fields_names_each_once() -> None:
    m = _map(Node(id="c", text="risk ahead", title="Risk", note="risk", tags=("risk", "riskier")))
    assert find(m, "RISK") == [Match("c", (Field.TEXT, Field.TITLE, Field.NOTE, Field.TAG))]


def test_case_accents_and_line_breaks_do_not_count() -> None:
    m = _map(
        Node(id="c", text="Le café est fermé"),
        Node(id="a", parent="c", relation=S, text="Die Straße\nist zu"),
    )
    assert _ids(find(m, "CAFE EST")) == ["c"]
    assert _ids(find(m, "fermé")) == ["c"]
    assert _ids(find(m, "strasse ist")) == ["a"]  # ß and the line break
    assert _ids(find(m, "STRAẞE")) == ["a"]  # the capital sharp s


def test_matches_come_in_the_outline_order_not_the_file_order() -> None:
    # stored out of order: the second claim first, children before parents, order fields
    m = _map(
        Node(id="z2", parent="c2", relation=S, text="x", order=0),
        Node(id="c2", text="x", order=1),
        Node(id="b", parent="c1", relation=S, text="x", order=1),
        Node(id="a", parent="c1", relation=S, text="x", order=0),
        Node(id="a1", parent="a", relation=R, text="x"),
        Node(id="c1", text="x", order=0),
    )
    assert _ids(find(m, "x")) == ["c1", "a", "a1", "b", "c2", "z2"]


def test_a_blank_query_or_no_match_finds_nothing() -> None:
    m = _map(Node(id="c", text="something"))
    assert find(m, "") == [] and find(m, "  \n") == []
    assert find(m, "nothing") == []
    assert find(ArgumentMap(), "x") == []


def test_a_section_title_finds_the_first_node_of_the_section() -> None:
    m = _map(
        Node(id="c", text="claim"),
        Node(id="a", parent="c", relation=S, text="one"),
        Node(id="b", parent="c", relation=S, text="two"),
        Node(id="d", parent="c", relation=S, text="three"),
    )
    m = so.add_section(m, "Économie", members=("b", "d")).map
    outer = m.sections[0].id
    m = so.add_section(m, "Inner part", parent=outer).map
    m = so.set_section(m, ("a",), m.sections[1].id).map  # a is first, in the nested section
    assert find(m, "economie") == [Match("a", (Field.SECTION,))]  # the outer one starts at a
    assert find(m, "inner") == [Match("a", (Field.SECTION,))]
    # a section with no node finds nothing: there is nowhere to go
    empty = so.add_section(m, "Lonely").map
    assert find(empty, "lonely") == []


def test_the_index_follows_edits_and_folds_only_what_changed() -> None:
    from argmap.model import ops

    m = _map(Node(id="c", text="apples"), Node(id="a", parent="c", relation=S, text="pears"))
    index = SearchIndex()
    assert _ids(index.find(m, "pear")) == ["a"]
    folded_c = index._nodes["c"]  # the folded fields kept for an unchanged node
    m2 = ops.edit_node(m, "a", text="plums").map
    assert index.find(m2, "pear") == []
    assert _ids(index.find(m2, "plum")) == ["a"]
    assert index._nodes["c"] is folded_c  # not folded again
    m3 = ops.add_node(m2, "c", S, "more pears", node_id="n").map
    assert _ids(index.find(m3, "pear")) == ["n"]
    m4 = ops.delete_subtree(m3, "n").map
    assert index.find(m4, "pear") == [] and "n" not in index._nodes
    assert _ids(index.find(m, "pear")) == ["a"]  # back to the first map (an undo)


def big_map(count: int) -> ArgumentMap:
    """A tree of `count` nodes, four reasons under each, with accented text (tests/perf
    times the search on it)."""
    nodes = [Node(id="c", text="Root claim")]
    for i in range(1, count):
        parent = nodes[(i - 1) // 4].id
        text = f"Reason number {i} about the café économique, ½ of it Straße {i % 97}"
        nodes.append(
            Node(id=f"n{i}", parent=parent, relation=S, text=text, note=f"note {i}", tags=("t",))
        )
    return _map(*nodes)


def test_five_thousand_nodes_are_found_in_the_outline_order() -> None:
    m = big_map(5000)
    found = SearchIndex().find(m, "STRASSE 42")
    assert _ids(found) == [i for i in m.tree.walk() if i != "c" and int(i[1:]) % 97 == 42]
    assert len(found) == 52
