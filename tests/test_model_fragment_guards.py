"""The guards of copy and paste in the model (argmap/model/fragment.py), each pinned by a
test that fails when it breaks (the survivors of a mutation run): the anchor's free id,
what a fragment leaves out and says, the refusal of an empty fragment with nothing
changed, the index clamped to the siblings, fresh ids as `ops.new_id` makes them, and what
a root pasted as a claim loses.

Qt-free: only `argmap.model` is imported."""

from __future__ import annotations

import json
from typing import Any

import pytest

from argmap.model import ArgumentMap, EditError, Relation, ops, revalidate
from argmap.model.fragment import ANCHOR, Fragment, anchor_node, fragment_of, free_id, paste
from tests.test_model_fragment import SOURCE, other_map, rich_map

S, R, U = Relation.SUPPORTS, Relation.REBUTS, Relation.UNDERCUTS


def _map(nodes: list[dict[str, Any]], **fields: Any) -> ArgumentMap:
    return ArgumentMap.model_validate({"nodes": nodes, **fields})


# -- the anchor's id -------------------------------------------------------------------


def test_free_id_is_the_prefix_when_free_else_the_first_free_number_from_two() -> None:
    assert free_id([], "fragment") == "fragment"
    assert free_id(["fragment"], "fragment") == "fragment2"
    assert free_id(["fragment", "fragment2", "fragment4"], "fragment") == "fragment3"
    assert free_id(iter(["a", "fragment"]), "fragment") == "fragment2"  # any iterable, once


def test_a_node_named_like_the_anchor_is_copied_under_another_anchor() -> None:
    m = _map([{"id": ANCHOR, "text": "named fragment"}, {"id": "fragment2", "text": "too"}])
    fragment = fragment_of(m, [ANCHOR, "fragment2"])
    assert fragment.anchor == "fragment3"
    assert fragment.roots == (ANCHOR, "fragment2")
    assert fragment.holder.nodes[ANCHOR].text == "named fragment"
    assert len(fragment) == 2


# -- copying ---------------------------------------------------------------------------


def test_a_copied_claim_hangs_under_the_anchor_as_a_support() -> None:
    fragment = fragment_of(rich_map(), ["c"])
    root = fragment.holder.nodes["c"]
    assert (root.parent, root.relation, root.order) == (fragment.anchor, S, 0)
    assert fragment.holder.nodes[fragment.anchor].argument is not None


def test_copied_roots_are_numbered_in_the_order_given() -> None:
    fragment = fragment_of(rich_map(), ["a1", "r1", "s2"])
    assert fragment.roots == ("a1", "r1", "s2")
    assert [fragment.holder.nodes[r].order for r in fragment.roots] == [0, 1, 2]


def test_a_lone_co_premise_loses_its_group_two_keep_it() -> None:
    m = rich_map()
    assert fragment_of(m, ["s1", "r1"]).holder.nodes["s1"].group is None
    both = fragment_of(m, ["s1", "s2"]).holder
    assert both.nodes["s1"].group == both.nodes["s2"].group == "g1"


def test_a_stale_source_gives_the_fragment_no_checksum() -> None:
    m = rich_map()
    stale = ArgumentMap.model_validate(
        {**m.model_dump(), "source": {"text": SOURCE + " changed", "checksum": m.source.checksum}}
    )
    assert not stale.source.is_current()
    assert fragment_of(stale, ["r1"]).holder.source.checksum is None
    assert fragment_of(m, ["r1"]).holder.source.checksum == m.source.checksum


def test_only_the_copied_tags_colours_and_sections_come_along() -> None:
    m = rich_map()
    untagged = fragment_of(m, ["r1"]).holder
    assert untagged.tag_colors == {} and untagged.sections == ()
    inner = fragment_of(m, ["s1"]).holder  # s1 is in econ, which is in top
    assert [s.id for s in inner.sections] == ["top", "econ"]
    assert inner.tag_colors == {}
    whole = fragment_of(m, ["c"]).holder
    assert whole.tag_colors == {"policy": "navy"}


def test_a_section_nested_in_a_kept_one_is_kept_its_parent_once() -> None:
    m = rich_map(
        sections=[
            {"id": "top", "title": "Transport"},
            {"id": "econ", "title": "Economy", "parent": "top"},
            {"id": "other", "title": "Other", "parent": "top"},
            {"id": "spare", "title": "Spare"},
        ]
    )
    m = ArgumentMap.model_validate(
        {
            **m.model_dump(),
            "nodes": [
                n.model_dump() | ({"section": "other"} if n.id == "s2" else {})
                for n in m.nodes.values()
            ],
        }
    )
    kept = fragment_of(m, ["s1", "s2"]).holder.sections
    assert [s.id for s in kept] == ["top", "econ", "other"]


def _two_arguments() -> ArgumentMap:
    """Two arguments whose conclusion, c, is not in the part copied; a link inside."""
    argument = {
        "argument": {
            "pcs": [
                {"statement": "c", "role": "conclusion"},
            ]
        }
    }
    return _map(
        [
            {"id": "c", "text": "claim"},
            {"id": "a", "parent": "c", "relation": "supports", "title": "A"} | argument,
            {"id": "b", "parent": "c", "relation": "supports", "title": "B"} | argument,
            {"id": "d", "parent": "c", "relation": "rebuts", "text": "d"},
        ],
        links=[
            {"id": "x1", "source": "a", "target": "b", "relation": "rebuts"},
            {"id": "x2", "source": "a", "target": "d", "relation": "rebuts"},
            {"id": "x3", "source": "d", "target": "b", "relation": "rebuts"},
        ],
    )


def test_what_several_arguments_leave_out_is_said_once_and_counted() -> None:
    fragment = fragment_of(_two_arguments(), ["a", "b"])
    assert fragment.notes == (
        "argument 'a': 1 step naming statements not copied left out",
        "and 1 more",
        "2 cross-links to nodes not copied left out",
    )
    assert [x.id for x in fragment.holder.links] == ["x1"]
    revalidate(fragment.holder)


def test_a_link_inside_the_copied_part_is_kept_and_not_counted_as_left_out() -> None:
    m = _two_arguments()
    fragment = fragment_of(m, ["c"])
    assert fragment.notes == ()
    assert [x.id for x in fragment.holder.links] == ["x1", "x2", "x3"]


# -- pasting ---------------------------------------------------------------------------


def test_an_empty_fragment_is_refused_with_nothing_changed() -> None:
    m = rich_map()
    before = m.model_dump()
    empty = Fragment(ArgumentMap.model_validate({"nodes": [anchor_node(ANCHOR)]}), ANCHOR)
    assert len(empty) == 0 and empty.roots == ()
    with pytest.raises(EditError, match="^there is nothing to paste$"):
        paste(m, empty, "c")
    with pytest.raises(EditError, match="^there is nothing to paste$"):
        paste(m, empty, None)
    assert m.model_dump() == before


@pytest.mark.parametrize(
    ("index", "children"),
    [
        (None, ["s1", "s2", "a1", "new"]),
        (0, ["new", "s1", "s2", "a1"]),
        (-5, ["new", "s1", "s2", "a1"]),
        (3, ["s1", "s2", "a1", "new"]),
        (99, ["s1", "s2", "a1", "new"]),
        (2, ["s1", "s2", "new", "a1"]),
    ],
)
def test_the_index_is_clamped_to_the_siblings(index: int | None, children: list[str]) -> None:
    m = rich_map()
    result = paste(m, fragment_of(m, ["r1"]), "c", S, index=index)
    (root,) = result.roots
    got = ["new" if c == root else c for c in result.map.tree.children("c")]
    assert got == children
    orders = [result.map.nodes[c].order for c in result.map.tree.children("c")]
    assert orders == [0, 1, 2, 3]
    revalidate(result.map)


def test_siblings_already_in_place_are_not_rewritten() -> None:
    m = rich_map()
    result = paste(m, fragment_of(m, ["r1"]), "c", S)
    assert set(result.change.added) == {result.roots[0]}
    assert result.map.nodes["s1"] is m.nodes["s1"]
    moved = paste(m, fragment_of(m, ["r1"]), "c", S, index=0)
    assert moved.map.nodes["a1"].order == 3 and m.nodes["a1"].order == 2


def test_siblings_renumbered_when_their_orders_had_gaps() -> None:
    m = _map(
        [
            {"id": "c", "text": "claim"},
            {"id": "a", "parent": "c", "relation": "supports", "text": "a", "order": 4},
            {"id": "b", "parent": "c", "relation": "supports", "text": "b", "order": 9},
        ]
    )
    result = paste(m, fragment_of(m, ["a"]), "c", S)
    (root,) = result.roots
    assert result.map.tree.children("c") == ("a", "b", root)
    assert [result.map.nodes[i].order for i in ("a", "b", root)] == [0, 1, 2]


def test_pasted_ids_are_those_ops_new_id_would_make() -> None:
    m = other_map()  # one node, w
    assert ops.new_id(m) == "n2"
    result = paste(m, fragment_of(rich_map(), ["s1"]), "w", S)
    assert set(result.map.nodes) == {"w", "n2", "n3", "n4"}
    assert result.roots == ("n2",)


def test_pasted_ids_skip_the_maps_node_link_and_group_ids() -> None:
    m = _map(
        [
            {"id": "c", "text": "claim"},
            {"id": "n4", "parent": "c", "relation": "supports", "text": "a", "group": "n5"},
            {"id": "x", "parent": "c", "relation": "supports", "text": "b", "group": "n5"},
        ],
        links=[{"id": "n6", "source": "x", "target": "n4", "relation": "rebuts"}],
    )
    fragment = fragment_of(rich_map(), ["s1"])
    result = paste(m, fragment, "c", S)
    new = set(result.map.nodes) - set(m.nodes)
    assert new == {"n7", "n8", "n9"}  # n4 is a node, n5 a group, n6 a link
    revalidate(result.map)


def test_pasted_groups_and_links_get_fresh_ids_past_the_maps() -> None:
    m = _map(
        [
            {"id": "c", "text": "claim"},
            {"id": "a", "parent": "c", "relation": "supports", "text": "a", "group": "g4"},
            {"id": "b", "parent": "c", "relation": "supports", "text": "b", "group": "g4"},
            {"id": "d", "parent": "c", "relation": "rebuts", "text": "d"},
        ],
        links=[{"id": "x2", "source": "d", "target": "a", "relation": "rebuts"}],
    )
    copied = fragment_of(rich_map(), ["c"])  # with co-premises g1 and link x1
    result = paste(m, copied, "d", S)
    groups = {n.group for i, n in result.map.nodes.items() if i not in m.nodes and n.group}
    assert groups == {"g5"}  # g4 is the map's
    assert [x.id for x in result.map.links] == ["x2", "x3"]  # x2 is the map's
    revalidate(result.map)


def test_co_premises_pasted_as_claims_lose_their_group_their_children_keep_theirs() -> None:
    m = rich_map()
    result = paste(other_map(), fragment_of(m, ["s1", "s2"]), None)
    for root in result.roots:
        node = result.map.nodes[root]
        assert (node.parent, node.relation, node.group, node.force) == (None, None, None, None)
    whole = paste(other_map(), fragment_of(m, ["c"]), None)
    groups = [n.group for n in whole.map.nodes.values() if n.group is not None]
    assert len(groups) == 2 and len(set(groups)) == 1
    revalidate(result.map)
    revalidate(whole.map)


def test_a_root_pasted_under_a_node_keeps_its_force_a_claim_drops_it() -> None:
    m = rich_map()
    under = paste(m, fragment_of(m, ["r1"]), "s2", R)
    assert under.map.nodes[under.roots[0]].force == "weak"
    claim = paste(m, fragment_of(m, ["r1"]), None)
    assert claim.map.nodes[claim.roots[0]].force is None
    whole = paste(m, fragment_of(m, ["s1"]), None)
    below = [whole.map.nodes[i] for i in whole.map.tree.children(whole.roots[0])]
    assert [n.force for n in below] == ["weak", None]  # only the root's force goes


def test_the_undercuts_made_rebuttals_are_counted_nodes_and_links() -> None:
    m = _map(
        [
            {"id": "c", "text": "claim"},
            {"id": "s", "parent": "c", "relation": "supports", "text": "s"},
            {"id": "u", "parent": "s", "relation": "undercuts", "text": "u"},
            {"id": "v", "parent": "s", "relation": "undercuts", "text": "v"},
            {"id": "r", "parent": "s", "relation": "rebuts", "text": "r"},
        ],
        links=[{"id": "x1", "source": "r", "target": "s", "relation": "undercuts"}],
    )
    result = paste(m, fragment_of(m, ["s"]), None)
    assert result.notes == (
        "3 undercuts of a pasted root became rebuttals: it has no inference to undercut here",
    )
    (root,) = result.roots
    relations = sorted(str(result.map.nodes[i].relation) for i in result.map.tree.children(root))
    assert relations == ["rebuts", "rebuts", "rebuts"]
    assert [x.relation for x in result.map.links if x.id != "x1"] == [R]
    revalidate(result.map)


def test_a_paste_that_needs_no_mending_says_nothing() -> None:
    m = _map(
        [
            {"id": "c", "text": "claim"},
            {"id": "s", "parent": "c", "relation": "supports", "text": "s"},
            {"id": "u", "parent": "s", "relation": "undercuts", "text": "u"},
        ]
    )
    result = paste(m, fragment_of(m, ["s"]), "c", S)
    assert result.notes == ()
    (root,) = result.roots
    (child,) = result.map.tree.children(root)
    assert result.map.nodes[child].relation is U


def test_the_refusals_say_exactly_why() -> None:
    m = rich_map()
    with pytest.raises(EditError, match="^nothing to copy: select a node$"):
        fragment_of(m, [])
    with pytest.raises(EditError) as refused:
        paste(m, fragment_of(m, ["s2"]), "c", U)
    assert str(refused.value) == (
        "node 'c' is neither a support nor an argument; only an inference "
        "can be undercut (paste as a rebuttal instead)"
    )


def _nested_sections_map() -> ArgumentMap:
    """A node in section C, in B, in A; the child sections listed before their parents."""
    return _map(
        [{"id": "c", "text": "claim", "section": "sc"}],
        sections=[
            {"id": "sc", "title": "C", "parent": "sb"},
            {"id": "sb", "title": "B", "parent": "sa"},
            {"id": "sa", "title": "A"},
        ],
    )


def test_sections_are_matched_by_their_whole_title_path_parents_made_first() -> None:
    source = _nested_sections_map()
    # the map has a top-level B and C: not the same sections as A/B/C
    target = _map(
        [{"id": "w", "text": "work"}],
        sections=[{"id": "sb", "title": "B"}, {"id": "sc", "title": "C", "parent": "sb"}],
    )
    result = paste(target, fragment_of(source, ["c"]), None)
    made = {s.id: (s.title, s.parent) for s in result.map.sections}
    assert made == {
        "sb": ("B", None),
        "sc": ("C", "sb"),
        "section3": ("A", None),
        "section4": ("B", "section3"),
        "section5": ("C", "section4"),
    }
    assert result.map.nodes[result.roots[0]].section == "section5"
    again = paste(result.map, fragment_of(source, ["c"]), None)
    assert again.map.sections == result.map.sections
    assert again.map.nodes[again.roots[0]].section == "section5"
    revalidate(again.map)


def test_new_sections_get_ids_free_in_the_map() -> None:
    target = _map([{"id": "w", "text": "work"}], sections=[{"id": "section3", "title": "Z"}])
    result = paste(target, fragment_of(_nested_sections_map(), ["c"]), None)
    ids = [s.id for s in result.map.sections]
    assert ids[0] == "section3" and len(set(ids)) == 4  # the map's, and three new ones
    plain = paste(other_map(), fragment_of(_nested_sections_map(), ["c"]), None)
    assert [s.id for s in plain.map.sections] == ["section1", "section2", "section3"]
    revalidate(result.map)
    revalidate(plain.map)


def test_references_past_the_maps_text_are_refused_with_nothing_changed() -> None:
    from argmap.formats.fragment import read_fragment

    m = rich_map()
    ref = {"paragraph": 1, "start": 0, "end": 999, "quote": "q"}
    forged = read_fragment(  # says it was copied from this very text, with a span past it
        json.dumps(
            {
                "argmap-fragment": 1,
                "source": {"checksum": m.source.checksum},
                "nodes": [{"id": "a", "text": "a", "refs": [ref]}],
            }
        )
    )
    before = m.model_dump()
    with pytest.raises(EditError, match="^node 'a': source span 0-999 runs past the end"):
        paste(m, forged, "c")
    assert m.model_dump() == before


def test_a_pasted_root_loses_only_the_meta_of_its_old_relation() -> None:
    m = rich_map()
    m = ops.edit_node(m, "p1", meta={"relation": "premise", "kept": "yes"}).map
    result = paste(m, fragment_of(m, ["p1"]), "s2", S)
    assert result.map.nodes[result.roots[0]].meta == {"kept": "yes"}
    below = paste(m, fragment_of(m, ["a1"]), "s2", S)
    (premise,) = below.map.tree.children(below.roots[0])
    assert below.map.nodes[premise].meta == {"relation": "premise", "kept": "yes"}


def test_pasted_links_join_the_pasted_nodes() -> None:
    m = rich_map()
    result = paste(other_map(), fragment_of(m, ["c"]), None)
    (link,) = result.map.links
    new = set(result.map.nodes) - {"w"}
    assert link.source in new and link.target in new
    assert result.map.nodes[link.source].text == "Electric cars do not pollute"
    assert result.map.nodes[link.target].text == "Pollution harms health"
    revalidate(result.map)


def test_a_pasted_link_takes_the_first_free_number_from_one_more_than_the_links() -> None:
    m = rich_map()  # one link, x1
    result = paste(m, fragment_of(m, ["c"]), None)
    assert [x.id for x in result.map.links] == ["x1", "x2"]
