"""Argdown export cannot be injected, and the reader stays linear on hostile input.

Whatever a user types in a map's title or description, or a node's text, title,
tag or note, comes back from argmap -> Argdown -> argmap unchanged, with the same
tree and cross-links; the Argdown tool itself reads the same export with the same
statements, arguments, relations and texts (tests/test_formats_argdown.py runs it).
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.formats import LoadError
from argmap.formats.argdown import (
    MAX_BYTES,
    kind_of,
    load_argdown,
    read_argdown,
    save_argdown,
    write_argdown,
)
from argmap.model import ArgumentMap, CrossLink, Node, Relation, revalidate

#: what a user might type that means something in Argdown
# fmt: off
TOKENS = [
    "/*", "*/", "//", "https://example.org/a//b", "<!--", "-->", "[Title]:", "[T]", "<Arg>",
    "<Arg>:", "+>", "->", "<-", "<+", "<_", "><", "-", "+", "_>", "_", "#tag", "#(tag)",
    "#(two words)", "{key: value}", "{", "}", "@import x", "@include y", "@[T]", "@<A>", "===",
    "====", "---", "--", "-- x --", "# heading", "## h", "*", "**b**", "*i*", "_u_", "__b__", "[",
    "]", "<", ">", '"', "'", "\\", "\\#", "a\\", "\\\\", "\n", "\n\n", "\t", " ", "  ", " lead",
    "trail ", "* item", "+ item", "- item", "1. one", "(1)", "(2) x", ".A.", ":happy:", "e.g.",
    "a.b.c", "10:30:00", ",", ";", ":", "Untitled 3", "x (2)", "!--", "\r\n", "\u2028", "\u00a0",
    "\ufeff", "😀", "[x](y)", "#(a//b)", "#a_b", "#a[b]", "\x00", "\x1f", "\x85", "]:", ">:",
]
# fmt: on
ALPHABET = sorted(set("\\[]<>{}#@*_/.:;,-+()=!?\"' \t\naZ0é\u00a0\u2028😀"))


def make_map(
    title: str = "",
    description: str = "",
    nodes: list[dict[str, Any]] | None = None,
    links: list[tuple[int, int, Relation]] | None = None,
) -> ArgumentMap:
    """A map from node specs: parent (an index or None), relation, kind, text, title..."""
    table = {}
    siblings: dict[int | None, int] = {}
    for index, spec in enumerate(nodes or []):
        parent = spec.get("parent")
        order = siblings.get(parent, 0)
        siblings[parent] = order + 1
        argument = spec.get("kind") == "argument"
        table[f"n{index}"] = Node(
            id=f"n{index}",
            parent=None if parent is None else f"n{parent}",
            relation=None if parent is None else spec.get("relation", Relation.SUPPORTS),
            order=order,
            text=spec.get("text", ""),
            title=spec.get("title", ""),
            tags=tuple(spec.get("tags", ())),
            note=spec.get("note", ""),
            meta={"argdown": {"type": "argument"}} if argument else {},
        )
    cross = tuple(
        CrossLink(id=f"l{i}", source=f"n{a}", target=f"n{b}", relation=r)
        for i, (a, b, r) in enumerate(links or [])
    )
    return ArgumentMap(title=title, description=description, nodes=table, links=cross)


def three(**field: Any) -> ArgumentMap:
    """A claim with a support (an argument) and a rebuttal, a cross-link between them;
    `field` goes into node 1 (text=, title=, tags=, note=) or the map (map_title=...)."""
    node = {k: v for k, v in field.items() if not k.startswith("map_")}
    return make_map(
        title=field.get("map_title", "A map"),
        description=field.get("map_description", ""),
        nodes=[
            {"text": "The claim", "title": "Claim"},
            {"parent": 0, "kind": "argument", "text": "A reason", **node},
            {"parent": 0, "relation": Relation.REBUTS, "text": "An objection", "tags": ["t"]},
        ],
        links=[(2, 1, Relation.REBUTS)],
    )


def shape(m: ArgumentMap) -> tuple[Any, ...]:
    """Everything a round trip must keep, with nodes named by their place in the tree."""
    order = list(m.tree.walk())
    place = {node_id: i for i, node_id in enumerate(order)}
    nodes = [
        (
            place.get(n.parent) if n.parent else None,
            n.relation,
            n.meta.get("relation"),
            kind_of(n),
            n.text,
            n.title,
            n.tags,
            n.note,
        )
        for n in (m.nodes[i] for i in order)
    ]
    links = [
        (place[x.source], place[x.target], x.relation, x.meta.get("relation")) for x in m.links
    ]
    return m.title, m.description, nodes, links


def round_trip(m: ArgumentMap) -> ArgumentMap:
    again = read_argdown(write_argdown(m))
    assert revalidate(again) == again
    return again


# -- the failures found ------------------------------------------------------------


def test_comment_opener_in_description_and_closer_in_tag_keep_every_text() -> None:
    m = three(map_description="see /* here", tags=["*/"])
    assert shape(round_trip(m)) == shape(m)


def test_a_title_cannot_plant_nodes() -> None:
    m = three(map_title='x"\n===\n\n[Injected]: planted')
    again = round_trip(m)
    assert len(again.nodes) == 3
    assert again.title == m.title
    assert shape(again) == shape(m)


def test_a_double_slash_in_a_title_survives() -> None:
    m = three(title="see https://example.org/a//b")
    assert shape(round_trip(m)) == shape(m)


def test_quotes_and_backslashes_in_titles_come_back_once() -> None:
    m = three(map_title='say "hi" \\ to C:\\dir', title='a "quoted" \\ title')
    again = round_trip(m)
    assert again.title == 'say "hi" \\ to C:\\dir'
    assert shape(again) == shape(m)


def test_tags_are_not_appended_to_the_text() -> None:
    m = three(text="Plain words", tags=["policy", "two words"])
    again = round_trip(m)
    assert [n.text for n in again.nodes.values()] == ["The claim", "Plain words", "An objection"]
    assert shape(again) == shape(m)


def test_a_tag_written_in_the_text_stays_a_live_tag() -> None:
    m = three(text="Cities should ban cars. #policy", tags=["policy"])
    out = write_argdown(m)
    assert "Cities should ban cars. #policy" in out
    assert shape(round_trip(m)) == shape(m)


@pytest.mark.parametrize("where", ["text", "title", "tags", "note", "map_title", "map_description"])
@pytest.mark.parametrize("token", TOKENS, ids=repr)
def test_every_token_in_every_field_comes_back(token: str, where: str) -> None:
    for value in (token, f"a{token}b", f"{token} x {token}", f"  {token}  "):
        field: dict[str, Any] = {where: [value] if where == "tags" else value}
        m = three(**field)
        assert shape(round_trip(m)) == shape(m), value


def test_text_argdown_cannot_hold_travels_in_argmaps_data_and_stays_readable() -> None:
    m = three(text="two\nlines", title="", note="a note {with} braces */")
    out = write_argdown(m)
    assert "two lines" in out  # what the Argdown tool shows
    assert shape(round_trip(m)) == shape(m)


def test_an_edit_in_the_argdown_text_wins_over_argmaps_stale_data() -> None:
    out = write_argdown(three(text="two\nlines"))
    edited = out.replace("two lines{", "new words{")
    texts = [n.text for n in read_argdown(edited).nodes.values()]
    assert "new words" in texts and "two\nlines" not in texts


def test_a_root_that_relates_to_another_node_stays_a_root() -> None:
    m = make_map(nodes=[{"text": "A"}, {"text": "B"}], links=[(0, 1, Relation.SUPPORTS)])
    again = round_trip(m)
    assert shape(again) == shape(m)
    assert len(again.links) == 1


# -- any map ---------------------------------------------------------------------------

_PIECES = st.one_of(st.sampled_from(TOKENS), st.text(alphabet=ALPHABET, max_size=4))
TEXTS = st.lists(_PIECES, max_size=5).map("".join)


@st.composite
def maps(draw: st.DrawFn) -> ArgumentMap:
    count = draw(st.integers(1, 7))
    nodes = []
    edges: set[tuple[int, int, Relation]] = set()
    for index in range(count):
        parent = draw(st.none() | st.integers(0, index - 1)) if index else None
        relation = draw(st.sampled_from([Relation.SUPPORTS, Relation.REBUTS]))
        if parent is not None:
            edges.add((index, parent, relation))
        nodes.append(
            {
                "parent": parent,
                "relation": relation,
                "kind": draw(st.sampled_from(["statement", "statement", "argument"])),
                "text": draw(TEXTS),
                "title": draw(st.sampled_from(["", "", "Same"]) | TEXTS),
                "tags": draw(st.lists(TEXTS, max_size=3)),
                "note": draw(st.sampled_from([""]) | TEXTS),
            }
        )
    links = []
    for a, b, r in draw(
        st.lists(
            st.tuples(
                st.integers(0, count - 1),
                st.integers(0, count - 1),
                st.sampled_from([Relation.SUPPORTS, Relation.REBUTS]),
            ),
            max_size=3,
        )
    ):
        if a != b and (a, b, r) not in edges:  # Argdown holds one relation per kind and pair
            edges.add((a, b, r))
            links.append((a, b, r))
    return make_map(draw(TEXTS), draw(TEXTS), nodes, links)


EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "150"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_any_map_comes_back_from_argdown(m: ArgumentMap) -> None:
    again = round_trip(m)
    assert shape(again) == shape(m)
    assert write_argdown(again) == write_argdown(m)


def random_maps(count: int, seed: int = 13) -> list[ArgumentMap]:
    """Maps like the property's, from a seeded generator: for the Argdown tool's run."""
    rng = random.Random(seed)

    def text() -> str:
        pieces = []
        for _ in range(rng.randint(0, 5)):
            if rng.random() < 0.5:
                pieces.append(rng.choice(TOKENS))
            else:
                pieces.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 4))))
        return "".join(pieces)

    out = []
    for _ in range(count):
        n = rng.randint(1, 7)
        nodes = []
        for index in range(n):
            parent = rng.choice([None, *range(index)]) if index else None
            nodes.append(
                {
                    "parent": parent,
                    "relation": rng.choice([Relation.SUPPORTS, Relation.REBUTS]),
                    "kind": rng.choice(["statement", "statement", "argument"]),
                    "text": text(),
                    "title": rng.choice(["", "Same", text()]),
                    "tags": [text() for _ in range(rng.randint(0, 2))],
                    "note": rng.choice(["", text()]),
                }
            )
        edges = {(i, spec["parent"], spec["relation"]) for i, spec in enumerate(nodes)}
        links = []
        for _ in range(rng.randint(0, 3)):
            a, b = rng.randrange(n), rng.randrange(n)
            r = rng.choice([Relation.SUPPORTS, Relation.REBUTS])
            if a != b and (a, b, r) not in edges:
                edges.add((a, b, r))
                links.append((a, b, r))
        out.append(make_map(text(), text(), nodes, links))
    return out


def hostile_maps() -> dict[str, ArgumentMap]:
    """The known failures, every token in a text and a title, and generated maps."""
    maps_ = {
        "comment-in-description": three(map_description="see /* here", tags=["*/"]),
        "planted-title": three(map_title='x"\n===\n\n[Injected]: planted'),
        "slashes-in-title": three(title="see https://example.org/a//b"),
        "quotes-in-titles": three(map_title='say "hi" \\', title='a "q" \\ t'),
        "tags-not-in-text": three(text="Plain words", tags=["policy", "two words"]),
    }
    for index, token in enumerate(TOKENS):
        maps_[f"token-{index}"] = three(text=f"a{token}b {token}", title=token, tags=[token])
    for index, m in enumerate(random_maps(40)):
        maps_[f"random-{index}"] = m
    return maps_


def test_the_hostile_maps_come_back() -> None:
    for name, m in hostile_maps().items():
        assert shape(round_trip(m)) == shape(m), name


# -- size and time ------------------------------------------------------------------


def _chain_by_references(depth: int) -> str:
    out = ["[s0]: x", ""]
    for i in range(1, depth):
        out += [f"[s{i - 1}]", f"  <+ [s{i}]: t{i}", ""]
    return "\n".join(out)


def _chain_by_indentation(depth: int) -> str:
    return "[s0]: x\n" + "".join(" " * i + f"+ [s{i}]: t{i}\n" for i in range(1, depth))


PATHOLOGICAL = {  # each took over 5 s on commit 5c82dd4: 93 s, 105 s, 24 s, 6 s, 9 s
    "unclosed-html-comments": "[a]: x\n" + "<!--" * 64000,
    "unclosed-emphasis": "*a " * 64000,
    "unclosed-tags": "#(" * 64000,
    "list-items": "".join(f"* item {i}\n" for i in range(32_000)),
    "chain-by-references": _chain_by_references(16_000),
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_input_reads_with_the_right_result(name: str) -> None:
    m = read_argdown(PATHOLOGICAL[name])
    if name == "unclosed-html-comments":
        (node,) = m.nodes.values()
        assert node.title == "a" and node.text.startswith("x <!--<!--")
    elif name == "unclosed-emphasis":
        (node,) = m.nodes.values()
        assert node.text == "a " * 64000
    elif name == "unclosed-tags":
        (node,) = m.nodes.values()
        assert node.text == "#(" * 64000 and node.tags == ()
    elif name == "list-items":
        assert len(m.nodes) == 32_000
        assert all(n.parent is None for n in m.nodes.values())
        assert m.nodes["s32000"].text == "item 31999"
    else:
        assert len(m.nodes) == 16_000
        assert m.tree.max_depth() == 15_999


def test_a_chain_nested_by_indentation_reads_as_deep_as_it_goes() -> None:
    m = read_argdown(_chain_by_indentation(2800))  # 4.0 MB, near the 4 MiB cap
    assert m.tree.max_depth() == 2799
    assert all(n.relation is Relation.SUPPORTS for n in m.nodes.values() if n.parent)


def test_a_50000_deep_chain_exports_and_imports() -> None:
    m = make_map(nodes=[{"text": f"t{i}", "parent": i - 1 if i else None} for i in range(50_000)])
    again = read_argdown(write_argdown(m))
    assert again.tree.max_depth() == 49_999
    assert [again.nodes[i].text for i in again.tree.walk()] == [f"t{i}" for i in range(50_000)]


def test_repeated_titles_stay_linear() -> None:
    m = make_map(nodes=[{"text": f"t{i}", "title": "Same"} for i in range(10_000)])
    assert [n.title for n in round_trip(m).nodes.values()] == ["Same"] * 10_000


def test_a_file_over_the_cap_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.argdown"
    big.write_bytes(b"[a]: x\n" + b" " * MAX_BYTES)
    before = big.read_bytes()
    with pytest.raises(LoadError, match="too large"):
        load_argdown(big)
    assert big.read_bytes() == before


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.argdown"
    os.mkfifo(fifo)
    with pytest.raises(LoadError, match="pipe"):
        load_argdown(fifo)


def test_save_and_load_through_a_file(tmp_path: Path) -> None:
    m = three(text="x /* y", title="t // u")
    path = tmp_path / "m.argdown"
    save_argdown(m, path)
    assert shape(load_argdown(path)) == shape(m)


def test_deep_data_is_not_parsed_and_does_not_recurse() -> None:
    text = '[a]: x{"argmap":' + "[" * 100_000 + "]" * 100_000 + "}"
    (node,) = read_argdown(text).nodes.values()
    assert node.text == "x"


def test_more_elements_than_a_map_holds_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.formats.argdown.reader as reader

    monkeypatch.setattr(reader, "MAX_ELEMENTS", 100)
    text = "".join(f"* item {i}\n" for i in range(100))
    assert len(read_argdown(text).nodes) == 100
    with pytest.raises(LoadError, match="more than 100 statements and arguments"):
        read_argdown(text + "* one more\n")


def test_more_relations_than_a_map_holds_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.formats.argdown.reader as reader

    monkeypatch.setattr(reader, "MAX_ELEMENTS", 100)
    anchors = "".join(f"[a{i}]\n  + [b]\n  - [b]\n\n" for i in range(50))  # 100 relations
    again = "".join(f"[a{i}]\n  + [b]\n\n" for i in range(50))  # the same again: merged
    assert len(read_argdown(anchors + again).links) == 99  # one is [b]'s place in the tree
    with pytest.raises(LoadError, match="more than 100 relations"):
        read_argdown(anchors + "[c]\n  + [b]\n")


def test_a_run_of_dropped_emphasis_marks_reads_in_linear_time_and_space() -> None:
    (node,) = read_argdown("[a]: " + "*x " * 200_000).nodes.values()
    assert node.text == "x " * 200_000


def test_argdown_data_kept_in_a_map_cannot_plant_nodes_either() -> None:
    """What an Argdown import left in `meta` (the front matter, a reconstruction, the
    sections) comes from a file too: it is checked before it is written."""
    planted = "\n===\n\n[Injected]: planted\n\n"
    m = three().model_copy(
        update={"meta": {"argdown": {"front_matter": f"x: 1{planted}", "sections": [planted]}}}
    )
    reason = m.nodes["n1"].model_copy(
        update={
            "meta": {
                "argdown": {
                    "type": "argument",
                    "pcs": [
                        {"number": f"1){planted}", "node": "n2", "role": "premise"},
                        {
                            "number": 2,
                            "node": "n0",
                            "role": "conclusion",
                            "inference": {"rule": f"--{planted}--"},
                        },
                    ],
                }
            }
        }
    )
    m = m.model_copy(update={"nodes": {**m.nodes, "n1": reason}})
    out = write_argdown(m)
    again = read_argdown(out)
    assert "Injected" not in {n.title for n in again.nodes.values()}
    assert len(again.nodes) == 3
    empty = ArgumentMap(meta={"argdown": {"sections": [planted]}})
    assert len(read_argdown(write_argdown(empty)).nodes) == 0
