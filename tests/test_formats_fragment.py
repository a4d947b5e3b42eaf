"""Subtrees on the clipboard as text (issue 17, point 9): argmap's fragment JSON round-trips,
the outline is what a person reads and pastes back, Argdown and plain outlines make nodes,
and a huge or hostile clipboard is refused in one line, before it is parsed.

Qt-free: argmap.formats and argmap.model only."""

from __future__ import annotations

import json

import pytest

from argmap.formats import argdown
from argmap.formats import fragment as clip
from argmap.formats.fragment import (
    PasteError,
    fragment_json,
    outline_text,
    read_fragment,
    read_pasted_text,
)
from argmap.model import Relation, revalidate
from argmap.model.fragment import fragment_of, paste
from tests.test_model_fragment import rich_map

S, R, U = Relation.SUPPORTS, Relation.REBUTS, Relation.UNDERCUTS


def shape(pasted: clip.Pasted) -> list[tuple[int, str, str, str | None]]:
    """(depth, title, text, relation) of every pasted node, roots at depth 0."""
    holder, anchor = pasted.fragment.holder, pasted.fragment.anchor
    out = []
    for node_id in holder.tree.walk(anchor):
        if node_id != anchor:
            node = holder.nodes[node_id]
            relation = None if node.parent == anchor else node.relation
            out.append((holder.tree.depth(node_id) - 1, node.title, node.text, relation))
    return out


# -- the fragment ----------------------------------------------------------------------


def test_the_fragment_round_trips_and_pastes_alike() -> None:
    m = rich_map()
    fragment = fragment_of(m, ["c"])
    text = fragment_json(fragment)
    data = json.loads(text)
    assert data["argmap-fragment"] == 1 and data["nodes"][0]["parent"] is None
    back = read_fragment(text.encode("utf-8"))
    assert back.roots == fragment.roots
    assert {i: n for i, n in back.holder.nodes.items()} == dict(fragment.holder.nodes)
    assert back.holder.links == fragment.holder.links
    assert back.holder.sections == fragment.holder.sections
    assert back.holder.source.checksum == m.source.checksum
    assert paste(m, back, "s2").map == paste(m, fragment, "s2").map


def test_read_as_pasted_text_the_fragment_is_a_fragment() -> None:
    m = rich_map()
    pasted = read_pasted_text(fragment_json(fragment_of(m, ["s1"])))
    assert pasted.kind == "fragment" and len(pasted.fragment) == 3


def test_a_whole_map_file_on_the_clipboard_pastes_all_of_it() -> None:
    from argmap.formats import dumps

    pasted = read_pasted_text(dumps(rich_map()))
    assert pasted.kind == "map" and len(pasted.fragment) == 7


# -- the outline -----------------------------------------------------------------------


def test_the_outline_marks_each_line_with_its_relation_as_argdown_does() -> None:
    m = rich_map()
    assert outline_text(fragment_of(m, ["c"])) == (
        "Cities should ban cars\n"
        "  + Cars pollute\n"
        "    - Electric cars do not pollute\n"
        "    _ That is no reason to ban\n"
        "  + Pollution harms health\n"
        "  + [Buses]: (no text)\n"
        "    + Buses carry more people\n"
    )


def test_the_outline_pastes_back_as_the_same_tree() -> None:
    m = rich_map()
    fragment = fragment_of(m, ["s1"])
    again = read_pasted_text(outline_text(fragment))
    assert again.kind == "outline"
    assert shape(again) == [
        (0, "", "Cars pollute", None),
        (1, "", "Electric cars do not pollute", R),
        (1, "", "That is no reason to ban", U),
    ]


def test_a_long_outline_stops_at_its_cap_and_says_how_many_it_leaves_out() -> None:
    m = rich_map()
    text = outline_text(fragment_of(m, ["c"]), limit=150)
    assert len(text) <= 150
    assert text.endswith("… and 5 more nodes: paste into argmap to have them all\n")


# -- text from elsewhere ---------------------------------------------------------------


def test_argdown_text_makes_its_statements_and_arguments() -> None:
    pasted = read_pasted_text("[Ban]: Cities should ban cars\n  + <Air>: Cars pollute\n  - No\n")
    assert pasted.kind == "argdown"
    assert shape(pasted) == [
        (0, "Ban", "Cities should ban cars", None),
        (1, "Air", "Cars pollute", S),
        (1, "", "No", R),
    ]


def test_an_indented_outline_makes_one_node_a_line_unmarked_lines_support() -> None:
    pasted = read_pasted_text("Claim\n    reason\n\tother\n      - objection\nSecond claim\n")
    assert pasted.kind == "outline"
    assert shape(pasted) == [
        (0, "", "Claim", None),
        (1, "", "reason", S),
        (1, "", "other", S),
        (2, "", "objection", R),
        (0, "", "Second claim", None),
    ]


def test_a_list_makes_a_node_an_item() -> None:
    pasted = read_pasted_text("* one\n* two\n- three\n")
    assert [t for _d, _ti, t, _r in shape(pasted)] == ["one", "two", "three"]


def test_an_undercut_mark_where_nothing_can_be_undercut_makes_a_rebuttal() -> None:
    pasted = read_pasted_text("Claim\n  - objection\n    _ not the point\n")
    assert shape(pasted)[2] == (2, "", "not the point", R)
    revalidate(pasted.fragment.holder)


@pytest.mark.parametrize(
    ("text", "node"),
    [
        ("Cars pollute the air.", "Cars pollute the air."),
        ("- Cars pollute the air.", "Cars pollute the air."),
        ("  Two lines\nof one paragraph\n", "Two lines\nof one paragraph"),
        ("{ not JSON at all }", "{ not JSON at all }"),
    ],
)
def test_other_text_is_one_node(text: str, node: str) -> None:
    pasted = read_pasted_text(text)
    assert pasted.kind == "text" and shape(pasted) == [(0, "", node, None)]


def test_a_deep_outline_reads_without_recursion() -> None:
    text = "".join(" " * depth + f"step {depth}\n" for depth in range(2000))
    pasted = read_pasted_text(text)
    assert len(pasted.fragment) == 2000
    assert pasted.fragment.holder.tree.max_depth() == 2000  # under the anchor


# -- refusals --------------------------------------------------------------------------


def _never(*args: object, **kwargs: object) -> object:
    raise AssertionError("parsed a clipboard that should have been refused first")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x" * (clip.MAX_TEXT_CHARS + 1), "more than 4,194,304 characters, too much to paste"),
        ('{"argmap-fragment": 1, "nodes": [' + "{}," * 2_100_000 + "{}]}", "too many"),
        ('{"argmap-fragment": 1, "nodes": ["' + "x" * clip.MAX_JSON_CHARS + '"]}', "too much"),
    ],
)
def test_a_huge_clipboard_is_refused_before_it_is_parsed(
    monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    monkeypatch.setattr(clip, "parse_json", _never)
    monkeypatch.setattr(argdown, "read_argdown", _never)  # imported by the paste when used
    monkeypatch.setattr(clip, "_outline", _never)
    with pytest.raises(PasteError, match=message):
        read_pasted_text(text)


def test_an_outline_of_more_lines_than_a_map_has_nodes_is_refused() -> None:
    with pytest.raises(PasteError, match="more than 100,000 lines"):
        read_pasted_text("a\n" + " b\n" * clip.MAX_LINES)


def fragment_with(nodes: object, **more: object) -> str:
    return json.dumps({"argmap-fragment": 1, "nodes": nodes, **more})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (fragment_with([]), "nodes: expected a list of the copied nodes"),
        ('{"argmap-fragment": 2, "nodes": []}', "copied by a newer argmap"),
        ('{"argmap-fragment": "1", "nodes": []}', "expected a version number"),
        ('{"argmap-fragment": 1, "nodes": [', "invalid JSON"),
        ('{"argmap-fragment": 1, "argmap-fragment": 1}', "duplicate key"),
        (fragment_with([{"id": "a"}, {"id": "a"}]), "duplicate node id 'a'"),
        (fragment_with([{"id": "a", "parent": "b", "relation": "supports"}]), "'b' does not"),
        (
            fragment_with(
                [
                    {"id": "a", "parent": "b", "relation": "supports"},
                    {"id": "b", "parent": "a", "relation": "supports"},
                ]
            ),
            "parent cycle",
        ),
        (fragment_with([{"id": "a", "text": 3}]), "text"),
        (fragment_with([{"id": "a b"}]), "id"),
        (fragment_with([{"id": "a", "meta": {"k": json.loads("[" * 300 + "]" * 300)}}]), "deep"),
        (fragment_with([{"id": "a", "text": "\ud800"}]), "lone surrogate"),
        (fragment_with([{"id": "a"}], links=[{"id": "x", "source": "a"}]), "links"),
        (fragment_with([{"id": "a", "section": "s"}]), "section 's' does not exist"),
        ('{"format": "argmap", "version": 9, "nodes": []}', "newer argmap"),
    ],
)
def test_a_hostile_fragment_is_refused_in_one_line(text: str, message: str) -> None:
    with pytest.raises(PasteError, match=message) as refused:
        read_pasted_text(text)
    assert "\n" not in str(refused.value) and len(str(refused.value)) <= 200


def test_fragment_bytes_that_are_not_utf8_are_refused() -> None:
    with pytest.raises(PasteError, match="not UTF-8"):
        read_fragment(b'{"argmap-fragment": 1, "nodes": [{"id": "\xff"}]}')


def test_empty_text_is_refused() -> None:
    with pytest.raises(PasteError, match="no text to paste"):
        read_pasted_text(" \n\t\n")


def test_broken_argdown_is_refused_naming_argdown() -> None:
    with pytest.raises(PasteError, match="^Argdown: "):
        read_pasted_text("[A]: a\n  + [B]: b \ud800\n")


def test_a_form_feed_or_separator_inside_a_text_is_no_line_break() -> None:
    """Adversary: "\\x0c" split a pasted text into two nodes (str.splitlines breaks there)."""
    from argmap.formats.fragment import read_pasted_text

    pasted = read_pasted_text("A claim\x0cthat goes on\x1c and on")
    assert pasted.kind == "text"
    assert len(pasted.fragment) == 1
    outline = read_pasted_text("A claim\n  + a reason\x0cstill the reason\n")
    assert outline.kind == "outline"
    assert len(outline.fragment) == 2
