"""Copy and paste of subtrees in the model (issue 17, point 9): a fragment keeps what is
inside the copied part and says what it left out; a paste grafts it with fresh ids as one
edit that every rule of a loaded map accepts, or is refused with nothing changed.

Qt-free: only `argmap.model` is imported."""

from __future__ import annotations

from typing import Any

import pytest

from argmap.model import ArgumentMap, EditError, Relation, Source, ops, revalidate
from argmap.model.fragment import Fragment, fragment_of, paste

S, R, U = Relation.SUPPORTS, Relation.REBUTS, Relation.UNDERCUTS
SOURCE = "Cars pollute the air in cities.\n\nBuses carry more people per road."


def rich_map(**changes: Any) -> ArgumentMap:
    """
    c   Cities should ban cars            (section Transport/Economy, tag policy)
      s1  Cars pollute    supports, co-premise g1, cites "Cars pollute the"
        r1  Electric cars do not pollute  rebuts (weak)
        u1  That is no reason to ban      undercuts s1
      s2  Pollution harms health          supports, co-premise g1
      a1  <Buses>                         supports; an argument: p1 premise, c conclusion
        p1  Buses carry more people       supports (placed premise)
    link x1: r1 rebuts s2
    """
    nodes = [
        {"id": "c", "text": "Cities should ban cars", "section": "econ", "tags": ["policy"]},
        {
            "id": "s1",
            "text": "Cars pollute",
            "parent": "c",
            "relation": "supports",
            "group": "g1",
            "section": "econ",
            "refs": [{"paragraph": 1, "start": 0, "end": 16, "quote": "Cars pollute the"}],
        },
        {"id": "r1", "text": "Electric cars do not pollute", "parent": "s1"}
        | {"relation": "rebuts", "force": "weak"},
        {"id": "u1", "text": "That is no reason to ban", "parent": "s1", "relation": "undercuts"},
        {"id": "s2", "text": "Pollution harms health", "parent": "c", "relation": "supports"}
        | {"group": "g1", "order": 1},
        {"id": "a1", "title": "Buses", "parent": "c", "relation": "supports", "order": 2}
        | {
            "argument": {
                "pcs": [
                    {"statement": "p1", "role": "premise"},
                    {"statement": "c", "role": "conclusion"},
                ]
            }
        },
        {"id": "p1", "text": "Buses carry more people", "parent": "a1", "relation": "supports"}
        | {"meta": {"relation": "premise"}},
    ]
    data: dict[str, Any] = {
        "nodes": nodes,
        "links": [{"id": "x1", "source": "r1", "target": "s2", "relation": "rebuts"}],
        "sections": [
            {"id": "top", "title": "Transport"},
            {"id": "econ", "title": "Economy", "parent": "top"},
        ],
        "tag_colors": {"policy": "navy"},
        "source": {"text": SOURCE},
        **changes,
    }
    return ArgumentMap.model_validate(data)


def other_map(text: str | None = None) -> ArgumentMap:
    """Another map: one claim, another source text (or none)."""
    m = ops.add_claim(ArgumentMap(), "Work from home", node_id="w").map
    if text is not None:
        m = ops.replace_source(m, Source(text=text)).map
    return m


def texts_below(m: ArgumentMap, node_id: str) -> list[tuple[int, str, str | None]]:
    """(depth, text, relation) of a subtree, its root at depth 0."""
    base = m.tree.depth(node_id)
    return [
        (m.tree.depth(i) - base, m.nodes[i].text, m.nodes[i].relation) for i in m.tree.walk(node_id)
    ]


# -- copying ---------------------------------------------------------------------------


def test_a_fragment_holds_the_subtree_and_nothing_else() -> None:
    m = rich_map()
    fragment = fragment_of(m, ["s1"])
    assert isinstance(fragment, Fragment) and len(fragment) == 3
    assert fragment.roots == ("s1",)
    assert set(fragment.holder.nodes) == {"s1", "r1", "u1", fragment.anchor}
    assert fragment.holder.nodes["s1"].group is None  # its co-premise was not copied
    revalidate(fragment.holder)


def test_what_points_outside_the_copied_part_is_left_out_and_said() -> None:
    m = rich_map()
    fragment = fragment_of(m, ["s1"])
    assert fragment.holder.links == ()  # x1 goes to s2, which was not copied
    assert fragment.notes == ("1 cross-link to nodes not copied left out",)
    argument = fragment_of(m, ["a1"])
    pcs = argument.holder.nodes["a1"].argument
    assert pcs is not None and [s.statement for s in pcs.pcs] == ["p1"]
    assert argument.notes == ("argument 'a1': 1 step naming statements not copied left out",)


def test_what_is_inside_the_copied_part_is_kept() -> None:
    m = rich_map()
    fragment = fragment_of(m, ["c"])
    assert fragment.notes == ()
    assert [x.id for x in fragment.holder.links] == ["x1"]
    assert [s.id for s in fragment.holder.sections] == ["top", "econ"]
    assert fragment.holder.tag_colors == {"policy": "navy"}
    assert fragment.holder.nodes["s2"].group == "g1"
    assert fragment.holder.source.checksum == m.source.checksum


def test_several_nodes_copy_as_one_fragment_a_node_inside_another_once() -> None:
    m = rich_map()
    fragment = fragment_of(m, ["s2", "s1", "r1", "s1"])
    assert fragment.roots == ("s2", "s1")  # r1 comes with s1; the order given is kept
    assert fragment.holder.nodes["s1"].group == fragment.holder.nodes["s2"].group == "g1"
    assert len(fragment) == 4


def test_copying_nothing_or_an_unknown_node_is_refused() -> None:
    with pytest.raises(EditError, match="nothing to copy"):
        fragment_of(rich_map(), [])
    with pytest.raises(EditError, match="no node 'zz'"):
        fragment_of(rich_map(), ["zz"])


# -- pasting ---------------------------------------------------------------------------


def test_paste_grafts_a_copy_with_fresh_ids_as_one_edit() -> None:
    m = rich_map()
    result = paste(m, fragment_of(m, ["s1"]), "s2", S)
    new = result.map
    revalidate(new)
    (root,) = result.roots
    assert result.node_id == root and root not in m.nodes
    assert set(result.change.added) == set(new.nodes) - set(m.nodes)
    assert len(result.change.added) == 3
    assert texts_below(new, root) == [
        (0, "Cars pollute", S),
        (1, "Electric cars do not pollute", R),
        (1, "That is no reason to ban", U),
    ]
    assert new.nodes[root].parent == "s2" and new.nodes[root].group is None
    assert new.nodes[root].refs == m.nodes["s1"].refs  # the same source: kept as they are
    assert ops.apply(new, result.undo).map == m
    assert result.notes == ()


def test_paste_as_rebuttal_turns_an_undercut_of_the_root_into_a_rebuttal_and_says_so() -> None:
    m = rich_map()
    result = paste(m, fragment_of(m, ["s1"]), "c", R)
    revalidate(result.map)
    (root,) = result.roots
    assert [r for _d, _t, r in texts_below(result.map, root)] == [R, R, R]
    assert result.notes == (
        "1 undercut of a pasted root became rebuttals: it has no inference to undercut here",
    )


def test_paste_with_no_parent_makes_top_level_claims() -> None:
    m = rich_map()
    result = paste(m, fragment_of(m, ["r1"]), None)
    (root,) = result.roots
    node = result.map.nodes[root]
    assert (node.parent, node.relation, node.force) == (None, None, None)
    assert result.map.tree.roots == ("c", root)
    revalidate(result.map)


def test_paste_at_an_index_renumbers_the_siblings() -> None:
    m = rich_map()
    result = paste(m, fragment_of(m, ["r1"]), "c", S, index=1)
    (root,) = result.roots
    assert result.map.tree.children("c") == ("s1", root, "s2", "a1")
    revalidate(result.map)


def test_co_premises_pasted_together_stay_one_reason_with_a_new_group() -> None:
    m = rich_map()
    result = paste(m, fragment_of(m, ["s1", "s2"]), "a1", S)
    first, second = (result.map.nodes[r] for r in result.roots)
    assert first.group is not None and first.group == second.group != "g1"
    revalidate(result.map)


def test_a_pasted_argument_names_its_pasted_premise() -> None:
    m = rich_map()
    result = paste(m, fragment_of(m, ["a1"]), "s2", S)
    (root,) = result.roots
    argument = result.map.nodes[root].argument
    (premise,) = result.map.tree.children(root)
    assert argument is not None and [s.statement for s in argument.pcs] == [premise]
    assert result.map.nodes[root].meta == {}  # placed where it was pasted, not as before
    assert result.map.nodes[premise].meta == {"relation": "premise"}
    revalidate(result.map)


def test_cross_links_inside_are_pasted_with_new_ids() -> None:
    m = rich_map()
    result = paste(m, fragment_of(m, ["c"]), None)
    new_links = [x for x in result.map.links if x.id != "x1"]
    assert len(new_links) == 1 and new_links[0].source not in m.nodes
    assert result.change.links_changed
    revalidate(result.map)


def test_into_the_same_map_sections_are_the_same_into_another_they_are_made() -> None:
    m = rich_map()
    same = paste(m, fragment_of(m, ["s1"]), "c", S)
    assert same.map.sections == m.sections
    assert same.map.nodes[same.roots[0]].section == "econ"
    other = paste(other_map(), fragment_of(m, ["s1"]), "w", S)
    titles = {s.id: (s.title, s.parent) for s in other.map.sections}
    section = other.map.nodes[other.roots[0]].section
    assert section is not None and titles[section][0] == "Economy"
    parent = titles[section][1]
    assert parent is not None and titles[parent] == ("Transport", None)
    again = paste(other.map, fragment_of(m, ["s1"]), "w", S)
    assert again.map.sections == other.map.sections  # found by their titles this time
    revalidate(again.map)


def test_the_colours_of_pasted_tags_come_along_unless_the_map_has_its_own() -> None:
    m = rich_map()
    result = paste(other_map(), fragment_of(m, ["c"]), None)
    assert result.map.tag_colors == {"policy": "navy"}
    assert "tag_colors" in result.change.fields
    own = ArgumentMap.model_validate({**other_map().model_dump(), "tag_colors": {"policy": "red"}})
    assert paste(own, fragment_of(m, ["c"]), None).map.tag_colors == {"policy": "red"}
    untagged = paste(other_map(), fragment_of(m, ["s1"]), "w", S)
    assert untagged.map.tag_colors == {}


def test_source_references_follow_their_words_into_another_text() -> None:
    m = rich_map()
    moved = "Intro.\n\nCars pollute the air in cities."
    result = paste(other_map(moved), fragment_of(m, ["s1"]), "w", S)
    (ref,) = result.map.nodes[result.roots[0]].refs
    assert moved[ref.start : ref.end] == "Cars pollute the" and not ref.review
    missing = paste(other_map("Nothing about it."), fragment_of(m, ["s1"]), "w", S)
    (lost,) = missing.map.nodes[missing.roots[0]].refs
    assert lost.review and lost.start is None and lost.quote == "Cars pollute the"
    assert missing.notes == (
        "1 source reference not found in this map's source text: marked for review",
    )
    kept = paste(other_map(None), fragment_of(m, ["s1"]), "w", S)
    assert kept.map.nodes[kept.roots[0]].refs == m.nodes["s1"].refs
    for each in (result, missing, kept):
        revalidate(each.map)


def test_every_subtree_pastes_anywhere_into_a_valid_map() -> None:
    m = rich_map()
    for copied in m.nodes:
        fragment = fragment_of(m, [copied])
        for parent in (None, *m.nodes):
            for relation in (S, R):
                result = paste(m, fragment, parent, relation)
                revalidate(result.map)
                assert len(result.map.nodes) == len(m.nodes) + len(fragment)
                assert ops.apply(result.map, result.undo).map == m


@pytest.mark.parametrize(
    ("parent", "relation", "message"),
    [
        ("zz", S, "there is no node 'zz'"),
        ("c", U, "node 'c' is neither a support nor an argument"),
        ("r1", U, "node 'r1' is neither a support nor an argument"),
    ],
)
def test_a_paste_that_cannot_be_made_is_refused_with_nothing_changed(
    parent: str, relation: Relation, message: str
) -> None:
    m = rich_map()
    before = m.model_dump()
    with pytest.raises(EditError, match=message):
        paste(m, fragment_of(m, ["s2"]), parent, relation)
    assert m.model_dump() == before


def test_an_undercut_pasted_under_a_support_is_one() -> None:
    m = rich_map()
    result = paste(m, fragment_of(m, ["s2"]), "s1", U)
    assert result.map.nodes[result.roots[0]].relation is U
    revalidate(result.map)
