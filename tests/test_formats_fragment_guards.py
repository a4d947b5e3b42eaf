"""The guards of the clipboard's formats (argmap/formats/fragment.py), each pinned by a
test that fails when it breaks (the survivors of a mutation run): the caps at their exact
bounds (a text at its cap is read, one character more is refused before it is parsed),
the fragment's version and shape checks, the anchor that no copied node can name, the
outline's cut at its limit, and how a line's indent and mark make a node.

Qt-free: argmap.formats and argmap.model only."""

from __future__ import annotations

import json

import pytest

from argmap.formats import fragment as clip
from argmap.formats import native
from argmap.formats.fragment import (
    PasteError,
    fragment_json,
    outline_text,
    read_fragment,
    read_pasted_text,
)
from argmap.model import ArgumentMap, Relation
from argmap.model.fragment import fragment_of
from tests.test_formats_fragment import shape
from tests.test_model_fragment import rich_map

S, R, U = Relation.SUPPORTS, Relation.REBUTS, Relation.UNDERCUTS


def _never(*args: object, **kwargs: object) -> object:
    raise AssertionError("parsed a clipboard that should have been refused first")


def fragment_with(nodes: object, **more: object) -> str:
    return json.dumps({"argmap-fragment": 1, "nodes": nodes, **more})


def roots_of(pasted: clip.Pasted) -> list[tuple[str, Relation | None]]:
    """(text, relation under the anchor) of each root."""
    holder = pasted.fragment.holder
    return [(holder.nodes[r].text, holder.nodes[r].relation) for r in pasted.fragment.roots]


# -- the caps at their bounds ----------------------------------------------------------


def test_a_fragment_at_its_byte_cap_is_read_one_byte_more_is_refused_unparsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = fragment_with([{"id": "a", "text": "é"}])
    raw = text.encode("utf-8")
    monkeypatch.setattr(clip, "MAX_JSON_CHARS", len(raw))
    assert read_fragment(raw).holder.nodes["a"].text == "é"
    monkeypatch.setattr(clip, "MAX_JSON_CHARS", len(raw) - 1)
    monkeypatch.setattr(clip, "parse_json", _never)
    with pytest.raises(PasteError, match=f"more than {len(raw) - 1:,} bytes, too much"):
        read_fragment(raw)


def test_pasted_json_at_its_cap_is_read_one_character_more_is_refused_unparsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = fragment_with([{"id": "a", "text": "x"}])
    monkeypatch.setattr(clip, "MAX_JSON_CHARS", len(text))
    assert read_pasted_text(text).kind == "fragment"
    monkeypatch.setattr(clip, "MAX_JSON_CHARS", len(text) - 1)
    monkeypatch.setattr(clip, "read_fragment", _never)
    with pytest.raises(PasteError, match="more than .* characters, too much$"):
        read_pasted_text(text)


def test_a_map_file_over_the_cap_is_refused_before_it_is_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from argmap.formats import dumps

    text = dumps(rich_map())
    monkeypatch.setattr(clip, "MAX_JSON_CHARS", len(text))
    assert read_pasted_text(text).kind == "map"
    monkeypatch.setattr(clip, "MAX_JSON_CHARS", len(text) - 1)
    monkeypatch.setattr(native, "loads", _never)
    with pytest.raises(PasteError, match="too much$"):
        read_pasted_text(text)


def test_json_a_long_way_in_is_still_read_as_json(monkeypatch: pytest.MonkeyPatch) -> None:
    # the fragment's cap, not the text's, applies to what names argmap-fragment early on
    text = "  " + fragment_with([{"id": "a", "text": "x" * 50}])
    monkeypatch.setattr(clip, "MAX_TEXT_CHARS", 10)
    assert read_pasted_text(text).kind == "fragment"
    tagged = 'copied: {"argmap-fragment": 1, "nodes": [{"id": "a"}]}'
    with pytest.raises(PasteError, match="invalid JSON"):
        read_pasted_text(tagged)  # named early: read as JSON, and it is none


def test_text_at_its_cap_is_read_one_character_more_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "Cars pollute the air."
    monkeypatch.setattr(clip, "MAX_TEXT_CHARS", len(text))
    assert read_pasted_text(text).kind == "text"
    monkeypatch.setattr(clip, "MAX_TEXT_CHARS", len(text) - 1)
    with pytest.raises(PasteError, match=f"more than {len(text) - 1:,} characters, too much"):
        read_pasted_text(text)


def test_json_values_at_their_cap_are_read_more_are_refused_unparsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = fragment_with([{"id": "a"}, {"id": "b"}])
    items = text.count(",") + text.count("{") + text.count("[")
    monkeypatch.setattr(native, "MAX_ITEMS", items)
    assert len(read_fragment(text)) == 2
    monkeypatch.setattr(native, "MAX_ITEMS", items - 1)
    monkeypatch.setattr(clip, "parse_json", _never)
    with pytest.raises(PasteError, match=f"more than {items - 1:,} JSON values"):
        read_fragment(text)


def test_nodes_over_a_maps_cap_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    text = fragment_with([{"id": "a"}, {"id": "b"}])
    monkeypatch.setattr(native, "MAX_NODES", 2)
    assert len(read_fragment(text)) == 2
    monkeypatch.setattr(native, "MAX_NODES", 1)
    with pytest.raises(PasteError, match="more than 1 nodes"):
        read_fragment(text)


def test_an_outline_at_its_line_cap_is_read_one_line_more_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "a\n b\n c\n"
    monkeypatch.setattr(clip, "MAX_LINES", 3)
    assert len(read_pasted_text(text).fragment) == 3
    monkeypatch.setattr(clip, "MAX_LINES", 2)
    with pytest.raises(PasteError, match="more than 2 lines, too many to paste"):
        read_pasted_text(text)


# -- the fragment's shape --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[1, 2]", 'not argmap nodes \\(no "argmap-fragment" in a JSON object\\)'),
        ('{"nodes": []}', "not argmap nodes"),
        ('{"argmap-fragment": true, "nodes": [{"id": "a"}]}', "expected a version number"),
        ('{"argmap-fragment": 0, "nodes": [{"id": "a"}]}', "expected a version number"),
        ('{"argmap-fragment": -1, "nodes": [{"id": "a"}]}', "expected a version number"),
        ('{"argmap-fragment": 1.0, "nodes": [{"id": "a"}]}', "expected a version number"),
        ('{"argmap-fragment": 2, "nodes": [{"id": "a"}]}', "fragment version 2"),
        ('{"argmap-fragment": 1}', "nodes: expected a list"),
        ('{"argmap-fragment": 1, "nodes": {"id": "a"}}', "nodes: expected a list"),
    ],
)
def test_a_fragment_of_the_wrong_shape_or_version_is_refused(text: str, message: str) -> None:
    with pytest.raises(PasteError, match=message):
        read_fragment(text)


def test_the_current_version_is_read() -> None:
    fragment = read_fragment(f'{{"argmap-fragment": {clip.VERSION}, "nodes": [{{"id": "a"}}]}}')
    assert fragment.roots == ("a",)


def test_no_copied_node_can_hang_under_the_anchor_by_naming_it() -> None:
    with pytest.raises(PasteError, match="'fragment' does not exist"):
        read_fragment(fragment_with([{"id": "a", "parent": "fragment", "relation": "rebuts"}]))
    named = read_fragment(
        fragment_with(
            [
                {"id": "fragment", "text": "named"},
                {"id": "b", "parent": "fragment", "relation": "rebuts", "text": "under it"},
            ]
        )
    )
    assert named.anchor == "fragment2" and named.roots == ("fragment",)
    assert named.holder.nodes["b"].parent == "fragment"


def test_a_root_keeps_its_relation_one_without_supports() -> None:
    fragment = read_fragment(
        fragment_with(
            [
                {"id": "a", "text": "a", "relation": "rebuts"},
                {"id": "b", "text": "b", "parent": None, "order": 1},
                {"id": "c", "text": "c", "parent": "b", "relation": "undercuts"},
            ]
        )
    )
    holder = fragment.holder
    assert fragment.roots == ("a", "b")
    assert [holder.nodes[r].parent for r in fragment.roots] == [fragment.anchor] * 2
    assert [holder.nodes[r].relation for r in ("a", "b", "c")] == [R, S, U]


def test_the_maps_parts_come_along_and_nothing_else() -> None:
    fragment = read_fragment(
        fragment_with(
            [{"id": "a", "text": "a", "tags": ["t"], "section": "s"}],
            source={"checksum": "abc"},
            sections=[{"id": "s", "title": "Part"}],
            tag_colors={"t": "navy"},
            title="not a fragment's",
        )
    )
    holder = fragment.holder
    assert holder.source.checksum == "abc"
    assert [s.title for s in holder.sections] == ["Part"]
    assert holder.tag_colors == {"t": "navy"}
    assert holder.title == ArgumentMap().title


def test_a_node_that_does_not_validate_is_named_where_it_is() -> None:
    with pytest.raises(PasteError, match=r"^nodes\[id=a\]\.text: "):
        read_fragment(fragment_with([{"id": "a", "text": 3}]))


def test_a_value_error_while_building_is_refused_in_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def deep(*args: object, **kwargs: object) -> object:
        raise RecursionError("too deep")

    monkeypatch.setattr(ArgumentMap, "model_validate", deep)
    with pytest.raises(PasteError, match="^the copied nodes cannot be read: too deep$"):
        read_fragment(fragment_with([{"id": "a"}]))


def test_a_map_with_no_nodes_is_refused() -> None:
    with pytest.raises(PasteError, match="^the map on the clipboard has no nodes$"):
        read_pasted_text('{"format": "argmap", "version": 1, "nodes": []}')


# -- writing ---------------------------------------------------------------------------


def test_the_fragment_json_leaves_out_what_is_empty() -> None:
    m = rich_map()
    bare = json.loads(fragment_json(fragment_of(m, ["r1"])))
    assert set(bare) == {"argmap-fragment", "source", "nodes"}
    assert bare["nodes"] == [
        {
            "id": "r1",
            "text": "Electric cars do not pollute",
            "parent": None,
            "relation": "rebuts",
            "force": "weak",
        }
    ]
    detached = ArgumentMap.model_validate({**m.model_dump(), "source": {}})
    assert "source" not in json.loads(fragment_json(fragment_of(detached, ["r1"])))
    full = json.loads(fragment_json(fragment_of(m, ["c"])))
    assert set(full) == {"argmap-fragment", "source", "nodes", "links", "sections", "tag_colors"}
    assert [n["id"] for n in full["nodes"]] == ["c", "s1", "r1", "u1", "s2", "a1", "p1"]
    assert [n.get("parent") for n in full["nodes"]][:2] == [None, "c"]


def test_the_outline_is_cut_at_exactly_its_limit() -> None:
    fragment = fragment_of(rich_map(), ["c"])
    # lines of 22, 16 and 34 characters, each and its line break: 75 in all, 80 kept free
    three = outline_text(fragment, limit=155)
    assert three.splitlines()[:3] == [
        "Cities should ban cars",
        "  + Cars pollute",
        "    - Electric cars do not pollute",
    ]
    assert three.endswith("… and 4 more nodes: paste into argmap to have them all\n")
    two = outline_text(fragment, limit=154)
    assert len(two.splitlines()) == 3
    assert two.endswith("… and 5 more nodes: paste into argmap to have them all\n")
    assert "more nodes" not in outline_text(fragment)


def test_the_outline_writes_titles_and_words_tidied() -> None:
    m = ArgumentMap.model_validate(
        {
            "nodes": [
                {"id": "c", "text": "  two\n words ", "title": "   "},
                {"id": "a", "parent": "c", "relation": "rebuts", "title": " A  b ", "text": "x"},
            ]
        }
    )
    assert outline_text(fragment_of(m, ["a"])) == "[A b]: x\n"  # a root is not marked
    assert outline_text(fragment_of(m, ["c"])) == "two words\n  - [A b]: x\n"


# -- reading text ----------------------------------------------------------------------


def test_a_tab_is_four_spaces_of_indent() -> None:
    deeper = read_pasted_text("a\n   b\n\tc\n")  # 3 spaces, then a tab: c is below b
    assert [(d, t) for d, _ti, t, _r in shape(deeper)] == [(0, "a"), (1, "b"), (2, "c")]
    level = read_pasted_text("a\n    b\n\tc\n")  # 4 spaces and a tab: the same level
    assert [(d, t) for d, _ti, t, _r in shape(level)] == [(0, "a"), (1, "b"), (1, "c")]
    shallower = read_pasted_text("a\n     b\n\tc\n")  # 5 spaces, then a tab: c is not below b
    assert [(d, t) for d, _ti, t, _r in shape(shallower)] == [(0, "a"), (1, "b"), (1, "c")]


def test_an_outline_root_marked_as_a_rebuttal_is_a_root_that_supports() -> None:
    pasted = read_pasted_text("- a\n  - b\n_ c\n")
    assert pasted.kind == "outline"
    assert roots_of(pasted) == [("a", S), ("c", S)]
    assert shape(pasted)[1] == (1, "", "b", R)


def test_each_mark_makes_its_relation_a_list_mark_supports() -> None:
    pasted = read_pasted_text("claim\n  + a\n  - b\n  * c\n  • d\n  -e\n")
    assert shape(pasted)[1:] == [
        (1, "", "a", S),
        (1, "", "b", R),
        (1, "", "c", S),
        (1, "", "d", S),
        (1, "", "-e", S),  # no space after it: not a mark
    ]


def test_a_line_of_only_a_mark_is_a_node_of_no_text() -> None:
    pasted = read_pasted_text("claim\n  -\n")
    assert shape(pasted)[1] == (1, "", "", R)


@pytest.mark.parametrize(
    ("text", "node"),
    [
        ("-", "-"),  # only the mark: the mark is its text
        ("* x", "x"),
        ("- a\nb", "- a\nb"),  # the mark of a first line of several is kept
        ("\ufeff  plain  \n", "plain"),
    ],
)
def test_one_node_of_text_loses_only_a_lone_items_mark(text: str, node: str) -> None:
    pasted = read_pasted_text(text)
    assert pasted.kind == "text" and shape(pasted) == [(0, "", node, None)]


def test_lines_of_one_indent_unmarked_are_one_node() -> None:
    pasted = read_pasted_text("  first\n  second\n")
    assert pasted.kind == "text"
    assert shape(pasted) == [(0, "", "first\n  second", None)]
    listed = read_pasted_text("  - first\n  + second\n")
    assert listed.kind == "outline" and len(listed.fragment) == 2


def test_a_line_that_cannot_be_a_node_is_refused_naming_it() -> None:
    with pytest.raises(PasteError, match="^line 2: .*surrogate"):
        read_pasted_text("claim\n  b \ud800\n")
    with pytest.raises(PasteError, match="^line 1: .*surrogate"):
        read_pasted_text("b \ud800")


# -- messages and what else the mutation run found -------------------------------------


def test_a_long_refusal_is_cut_to_one_line_of_200_characters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fails(*args: object, **kwargs: object) -> object:
        raise ValueError("no\n" + "x" * 400)

    monkeypatch.setattr(ArgumentMap, "model_validate", fails)
    with pytest.raises(PasteError) as refused:
        read_fragment(fragment_with([{"id": "a"}]))
    message = str(refused.value)
    assert len(message) == 200 and "\n" not in message
    assert message.startswith("the copied nodes cannot be read: no")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"argmap-fragment": 1, "nodes": [', r"^line 1, column 34: invalid JSON"),
        ('["argmap-fragment"]', r'^not argmap nodes \(no "argmap-fragment" in a JSON object\)$'),
        ('{"argmap-fragment": 1, "nodes": []}', "^nodes: expected a list of the copied nodes$"),
        ('{"argmap-fragment": true, "nodes": []}', "^argmap-fragment: expected a version number"),
        (
            fragment_with(
                [
                    {"id": "a", "parent": "b", "relation": "supports"},
                    {"id": "b", "parent": "a", "relation": "supports"},
                ]
            ),
            r"^node 'a': is its own ancestor \(parent cycle\)$",
        ),
        (fragment_with([{"id": "a"}], links=[{"id": "x", "source": "a"}]), r"^links\[0\]\.target"),
    ],
)
def test_a_refusal_names_where_only_when_there_is_a_where(text: str, message: str) -> None:
    with pytest.raises(PasteError, match=message):
        read_fragment(text)


def test_the_version_refusal_shows_what_it_found() -> None:
    with pytest.raises(PasteError, match="found True$"):
        read_fragment('{"argmap-fragment": true, "nodes": [{"id": "a"}]}')
    with pytest.raises(PasteError, match="found 1.5$"):
        read_fragment('{"argmap-fragment": 1.5, "nodes": [{"id": "a"}]}')
    with pytest.raises(PasteError, match="found x") as refused:
        read_fragment('{"argmap-fragment": "' + "x" * 100 + '", "nodes": [{"id": "a"}]}')
    assert len(str(refused.value).split("found ")[1]) == 40  # shortened


def test_a_count_refusal_is_the_caps_own_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(native, "MAX_NODES", 1)
    with pytest.raises(PasteError, match="^has more than 1 nodes, too many for one map$"):
        read_fragment(fragment_with([{"id": "a"}, {"id": "b"}]))


def test_links_over_a_maps_cap_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    link = {"source": "a", "target": "b", "relation": "rebuts"}
    nodes = [{"id": "a"}, {"id": "b"}]
    text = fragment_with(nodes, links=[{"id": "x1", **link}, {"id": "x2", **link}])
    monkeypatch.setattr(native, "MAX_LINKS", 2)
    assert len(read_fragment(text).holder.links) == 2
    monkeypatch.setattr(native, "MAX_LINKS", 1)
    with pytest.raises(PasteError, match="more than 1 cross-links"):
        read_fragment(text)


def test_the_fragment_json_is_compact_unescaped_with_its_parts_as_written() -> None:
    m = rich_map()
    text = fragment_json(fragment_of(m, ["c"]))
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    assert data["links"] == [{"id": "x1", "source": "r1", "target": "s2", "relation": "rebuts"}]
    assert data["sections"] == [
        {"id": "top", "title": "Transport"},
        {"id": "econ", "title": "Economy", "parent": "top"},
    ]
    assert data["tag_colors"] == {"policy": "navy"}
    accented = ArgumentMap.model_validate({"nodes": [{"id": "c", "text": "Café"}]})
    assert '"text":"Café"' in fragment_json(fragment_of(accented, ["c"]))


def test_json_after_white_space_or_a_byte_order_mark_is_still_json() -> None:
    from argmap.formats import dumps

    text = dumps(rich_map())
    for before in ("\n  ", "\ufeff", "\ufeff\r\n\t "):
        assert read_pasted_text(before + text).kind == "map"
    fragment = fragment_with([{"id": "a", "text": "x"}])
    for before in ("\n  ", "\ufeff", "\ufeff\r\n\t "):  # a BOM was refused as invalid JSON
        assert read_pasted_text(before + fragment).kind == "fragment"
    assert len(read_fragment(b"\xef\xbb\xbf" + fragment.encode("utf-8"))) == 1


def test_the_tag_is_looked_for_in_the_first_200_characters_only() -> None:
    tag = '"argmap-fragment"'
    near = "x" * (200 - len(tag)) + tag  # ends at the 200th character
    with pytest.raises(PasteError, match="invalid JSON"):
        read_pasted_text(near)
    far = "x" * (201 - len(tag)) + tag
    assert read_pasted_text(far).kind == "text"


def test_text_starting_with_x_keeps_it() -> None:
    # (the characters stripped before a text or a line are white space only)
    assert shape(read_pasted_text("Xavier\n")) == [(0, "", "Xavier", None)]
    pasted = read_pasted_text("Xa\n  Xb\n   Xc\n")
    assert [(d, t) for d, _ti, t, _r in shape(pasted)] == [(0, "Xa"), (1, "Xb"), (2, "Xc")]
    assert read_pasted_text("X- a\nX- b\n").kind == "text"  # not a list: not marked


def test_two_lines_make_an_outline_one_indented_line_is_enough() -> None:
    pasted = read_pasted_text("a\n  b\n")
    assert pasted.kind == "outline"
    assert [(d, t) for d, _ti, t, _r in shape(pasted)] == [(0, "a"), (1, "b")]
    middle = read_pasted_text("a\n  b\nc\n")  # only the second line is indented
    assert middle.kind == "outline"
    assert [(d, t) for d, _ti, t, _r in shape(middle)] == [(0, "a"), (1, "b"), (0, "c")]


def test_many_siblings_keep_their_lines_order() -> None:
    text = "claim\n" + "".join(f"  reason {i}\n" for i in range(12))
    pasted = read_pasted_text(text)
    holder = pasted.fragment.holder
    (root,) = pasted.fragment.roots
    children = holder.tree.children(root)
    assert [holder.nodes[c].text for c in children] == [f"reason {i}" for i in range(12)]
    assert [holder.nodes[c].order for c in children] == list(range(12))
    assert [holder.nodes[c].id for c in children[:2]] == ["n2", "n3"]  # n1 is the claim
    assert holder.nodes[root].order == 0


def test_one_node_of_text_is_the_first_root() -> None:
    pasted = read_pasted_text("just words")
    (root,) = pasted.fragment.roots
    node = pasted.fragment.holder.nodes[root]
    assert (node.id, node.order, node.relation) == ("n1", 0, S)


def test_an_outline_is_checked_as_a_loaded_map_is(monkeypatch: pytest.MonkeyPatch) -> None:
    # repaired() makes an undercut of a rebuttal a rebuttal; without it, the check refuses
    monkeypatch.setattr(clip, "repaired", lambda holder: holder)
    with pytest.raises(PasteError, match="^node 'n3': .*undercut") as refused:
        read_pasted_text("Claim\n  - objection\n    _ not the point\n")
    assert "\n" not in str(refused.value)


def test_only_spaces_and_tabs_indent_a_line_or_come_before_its_mark() -> None:
    # a no-break space is a line's first character: not indent, and no mark after it
    nbsp = read_pasted_text("a\n\u00a0 b\n c\n")
    assert [(d, t) for d, _ti, t, _r in shape(nbsp)] == [(0, "a"), (0, "b"), (1, "c")]
    unmarked = read_pasted_text("claim\n  x\n  \u00a0- b\n")
    assert shape(unmarked)[1:] == [(1, "", "x", S), (1, "", "- b", S)]
    assert read_pasted_text("\u00a0- a\n\u00a0- b\n").kind == "text"  # not a list
    inner = read_pasted_text("a\n X  b\n   c\n")  # the indent ends at the first other character
    assert [(d, t) for d, _ti, t, _r in shape(inner)] == [(0, "a"), (1, "X  b"), (2, "c")]


def test_a_copied_node_named_like_the_anchor_moves_the_anchor() -> None:
    fragment = read_fragment(fragment_with([{"id": "fragment", "text": "alone"}]))
    assert fragment.anchor == "fragment2" and fragment.roots == ("fragment",)
    assert fragment.holder.nodes["fragment"].text == "alone"


def test_empty_text_is_refused_in_those_words() -> None:
    with pytest.raises(PasteError, match="^the clipboard holds no text to paste$"):
        read_pasted_text("\ufeff \r\n")
