"""Import of Kialo's plain-text discussion export (argmap.formats.kialo).

Qt-free.  The fixtures are our own: Kialo's export is one numbered line per
claim (``1.2.3. Pro: text``), continuation lines for multi-line texts, and
``-> See 1.1.`` lines for claims reused elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.formats import LoadError
from argmap.formats.kialo import load_kialo, read_kialo
from argmap.model import ArgumentMap, CrossLink, Relation, revalidate

EXAMPLE = """\
Discussion Title: Should cities ban cars from their centres?

1. Cities should ban cars from their centres.
1.1. Pro: Fewer cars means cleaner air.
1.1.1. Con: Delivery vans would still pollute.
1.1.1.1. Pro: Vans could be electric.
1.2. Con: Shops would lose customers who drive.
1.2.1. -> See 1.1.1.
1.3. Pro: Streets become safer for children.
"""

S, R = Relation.SUPPORTS, Relation.REBUTS


def shape(m: ArgumentMap) -> dict[str, tuple[str | None, Relation | None, int, str]]:
    """id -> (parent, relation, order, text)."""
    return {n.id: (n.parent, n.relation, n.order, n.text) for n in m.nodes.values()}


def load_error(text: str | bytes) -> LoadError:
    with pytest.raises(LoadError) as info:
        read_kialo(text)
    assert type(info.value) is LoadError
    return info.value


# -- the example ---------------------------------------------------------------------


def test_example_imports_tree_relations_texts_and_meta() -> None:
    m = read_kialo(EXAMPLE)
    assert revalidate(m) == m
    assert m.title == "Should cities ban cars from their centres?"
    assert shape(m) == {
        "k1": (None, None, 0, "Cities should ban cars from their centres."),
        "k1_1": ("k1", S, 0, "Fewer cars means cleaner air."),
        "k1_1_1": ("k1_1", R, 0, "Delivery vans would still pollute."),
        "k1_1_1_1": ("k1_1_1", S, 0, "Vans could be electric."),
        "k1_2": ("k1", R, 1, "Shops would lose customers who drive."),
        "k1_3": ("k1", S, 2, "Streets become safer for children."),
    }
    assert list(m.nodes) == ["k1", "k1_1", "k1_1_1", "k1_1_1_1", "k1_2", "k1_3"]
    for node in m.nodes.values():
        assert node.meta == {"kialo": {"number": node.id[1:].replace("_", ".")}}
    assert m.tree.roots == ("k1",)
    assert m.tree.children("k1") == ("k1_1", "k1_2", "k1_3")


def test_see_line_becomes_a_cross_link_not_a_copy() -> None:
    m = read_kialo(EXAMPLE)
    assert m.links == (
        CrossLink(
            id="k1_2_1",
            source="k1_1_1",
            target="k1_2",
            relation=S,
            meta={"kialo": {"number": "1.2.1"}},
        ),
    )
    texts = [n.text for n in m.nodes.values()]
    assert texts.count("Delivery vans would still pollute.") == 1


def test_see_line_with_relation_and_trailing_text() -> None:
    m = read_kialo(
        "1. Thesis.\n"
        "1.1. Pro: A.\n"
        "1.2. Con: B.\n"
        "1.2.1. Con: -> See 1.1. A.\n"
        "1.3. Pro: -> see 1.2\n"  # lower case, no final dot
    )
    first, second = m.links
    assert (first.source, first.target, first.relation) == ("k1_1", "k1_2", R)
    assert first.meta == {"kialo": {"number": "1.2.1", "text": "A."}}
    assert (second.source, second.target, second.relation) == ("k1_2", "k1", S)
    assert len(m.nodes) == 3


def test_see_to_a_see_line_follows_it_to_the_claim() -> None:
    m = read_kialo(
        "1. T\n1.1. Pro: A\n1.2. Con: B\n1.2.1. Pro: -> See 1.1.\n1.3. Pro: -> See 1.2.1.\n"
    )
    assert [(link.source, link.target) for link in m.links] == [("k1_1", "k1_2"), ("k1_1", "k1")]


def test_see_text_may_continue_on_following_lines() -> None:
    m = read_kialo("1. T\n1.1. Pro: A\n1.2. Con: B\n1.2.1. -> See 1.1. First line\nsecond line\n")
    assert m.links[0].meta == {"kialo": {"number": "1.2.1", "text": "First line\nsecond line"}}


def test_title_is_optional() -> None:
    m = read_kialo("1. Just a thesis.\n")
    assert m.title == ""
    assert shape(m) == {"k1": (None, None, 0, "Just a thesis.")}


def test_several_top_level_claims_and_a_labelled_thesis_are_kept() -> None:
    m = read_kialo("1. Pro: First thesis\n1.1. Con: x\n2. Second thesis\n2.1. Pro: y\n")
    assert m.tree.roots == ("k1", "k2")
    assert m.node("k1").text == "First thesis"
    assert m.node("k1").relation is None
    assert m.node("k1").meta == {"kialo": {"number": "1", "relation": "pro"}}
    assert m.node("k2_1").parent == "k2"


def test_pro_and_con_labels_ignore_case_and_spacing() -> None:
    m = read_kialo("1. T\n1.1.   PRO :   a  \n1.2. con:b\n")
    assert shape(m) == {
        "k1": (None, None, 0, "T"),
        "k1_1": ("k1", S, 0, "a"),
        "k1_2": ("k1", R, 1, "b"),
    }


def test_children_may_come_before_their_parent_line() -> None:
    m = read_kialo("1. T\n1.1.1. Con: grandchild\n1.1. Pro: child\n")
    assert m.node("k1_1_1").parent == "k1_1"


def test_sibling_order_follows_the_document_not_the_numbers() -> None:
    m = read_kialo("1. T\n1.3. Pro: c\n1.1. Pro: a\n1.2. Con: b\n")
    assert m.tree.children("k1") == ("k1_3", "k1_1", "k1_2")


def test_leading_zeros_name_the_same_number() -> None:
    m = read_kialo("1. T\n1.01. Pro: a\n")
    assert m.node("k1_1").meta == {"kialo": {"number": "1.1"}}


def test_numbers_too_long_for_an_id_get_a_short_unique_id() -> None:
    depth = 40  # "k1_1_..." would be 80 characters
    lines = ["1. root"] + [".".join(["1"] * (d + 1)) + f". Pro: level {d}" for d in range(1, depth)]
    m = read_kialo("\n".join(lines))
    assert revalidate(m) == m
    assert len(m.nodes) == depth
    assert all(len(node_id) <= 64 for node_id in m.nodes)
    assert m.tree.max_depth() == depth - 1
    deepest = next(n for n in m.nodes.values() if n.text == f"level {depth - 1}")
    assert deepest.meta == {"kialo": {"number": ".".join(["1"] * depth)}}


# -- multi-line texts ----------------------------------------------------------------


def test_continuation_lines_join_the_previous_text() -> None:
    m = read_kialo(
        "Discussion Title: T\n"
        "\n"
        "1. A thesis\n"
        "over two lines.\n"
        "1.1. Pro: A reason\n"
        "  with an indented second line  \n"
        "and a third; 2024 was a year, 3.5 is a number.\n"
        "\n"
        "A second paragraph.\n"
        "\n"
        "\n"
        "1.2. Con:\n"
        "Text only on the next line.\n"
    )
    assert m.node("k1").text == "A thesis\nover two lines."
    assert m.node("k1_1").text == (
        "A reason\nwith an indented second line\n"
        "and a third; 2024 was a year, 3.5 is a number.\n\nA second paragraph."
    )
    assert m.node("k1_2").text == "Text only on the next line."


# -- encodings and line endings ------------------------------------------------------


def test_windows_line_endings_bom_and_bytes_give_the_same_map() -> None:
    expected = read_kialo(EXAMPLE)
    crlf = EXAMPLE.replace("\n", "\r\n")
    assert read_kialo(crlf) == expected
    assert read_kialo(crlf.encode("utf-8")) == expected
    assert read_kialo(b"\xef\xbb\xbf" + crlf.encode("utf-8")) == expected
    assert read_kialo("\ufeff" + EXAMPLE) == expected
    assert read_kialo(EXAMPLE.replace("\n", "\r")) == expected  # old Mac


def test_extra_whitespace_is_tolerated() -> None:
    messy = "\n".join("   " + line.replace(". ", ".   ", 1) + " \t" for line in EXAMPLE.split("\n"))
    assert read_kialo("\n\n" + messy + "\n\n\n") == read_kialo(EXAMPLE)


def test_non_ascii_text_survives() -> None:
    m = read_kialo("1. 人工智能应该放慢速度 🧠\n1.1. Con: يجب أن نتمهل\n".encode())
    assert m.node("k1").text == "人工智能应该放慢速度 🧠"
    assert m.node("k1_1").text == "يجب أن نتمهل"


def test_load_kialo_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "cars.txt"
    path.write_bytes(EXAMPLE.replace("\n", "\r\n").encode("utf-8"))
    assert load_kialo(path) == read_kialo(EXAMPLE)


def test_load_kialo_errors_name_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    with pytest.raises(LoadError) as info:
        load_kialo(missing)
    assert info.value.path == missing
    assert "does not exist" in str(info.value)
    with pytest.raises(LoadError, match="folder"):
        load_kialo(tmp_path)
    bad = tmp_path / "bad.txt"
    bad.write_text("1. T\n1.1. Maybe: x\n", encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load_kialo(bad)
    assert str(info.value).startswith(f"{bad}: line 2: ")


# -- bad input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "fragments"),
    [
        pytest.param("", 1, ["no numbered claims"], id="empty"),
        pytest.param("\n  \n\n", 3, ["no numbered claims"], id="blank"),
        pytest.param("Discussion Title: T\n\n", 2, ["no numbered claims"], id="title-only"),
        pytest.param(
            "Discussion Title: T\nsome prose\n1. T\n", 2, ["before the thesis"], id="prose-first"
        ),
        pytest.param("Hello\n1. T\n", 1, ["Discussion Title"], id="no-title-prose"),
        pytest.param(
            "1. T\n1.1. Pro: a\n1.3.1. Con: b\n", 3, ["no parent", "1.3"], id="missing-parent"
        ),
        pytest.param("1.1. Pro: a\n", 1, ["no parent", "claim 1"], id="no-thesis"),
        pytest.param(
            "1. T\n1.1. Pro: a\n1.1.1. -> See 1.4.\n",
            3,
            ["1.4", "does not exist"],
            id="see-missing",
        ),
        pytest.param(
            "1. T\n1.1. Pro: a\n1.1.1. -> See somewhere\n",
            3,
            ["claim number", "'somewhere'"],
            id="see-not-a-number",
        ),
        pytest.param("1. T\n2. -> See 1.\n", 2, ["top-level", "no parent"], id="see-top-level"),
        pytest.param("1. T\n1.1. -> See 1.\n", 2, ["to itself"], id="see-own-parent"),
        pytest.param(
            "1. T\n1.1. Pro: a\n1.2. -> See 1.3.\n1.3. -> See 1.2.\n", 3, ["loop"], id="see-loop"
        ),
        pytest.param(
            "1. T\n1.1. Pro: a\n1.2. -> See 1.1.\n1.2.1. Con: b\n",
            4,
            ["1.2", "link", "line 3"],
            id="child-of-see",
        ),
        pytest.param("1. T\n1.1. Maybe: a\n", 2, ["'Pro:' or 'Con:'", "'Maybe:'"], id="relation"),
        pytest.param("1. T\n\n1.1. no label here\n", 3, ["'Pro:' or 'Con:'"], id="no-relation"),
        pytest.param("1. T\n1.1.\n", 2, ["'Pro:' or 'Con:'"], id="empty-child"),
        pytest.param(
            "1. T\n1.1. Pro: a\n1.1. Con: b\n", 3, ["1.1 appears twice", "line 2"], id="duplicate"
        ),
        pytest.param("1. T\n1.01. Pro: a\n1.1. Con: b\n", 3, ["appears twice"], id="dup-zeros"),
        pytest.param("1. T\n1." + "9" * 5000 + ". Pro: a\n", 2, ["too many digits"], id="huge"),
        pytest.param(
            "1. T\n1.1. Pro: a\n1.2. -> See 1." + "1" * 30 + ".\n",
            3,
            ["too many digits"],
            id="huge-see",
        ),
    ],
)
def test_bad_input_is_a_load_error_naming_the_line(
    text: str, line: int, fragments: list[str]
) -> None:
    error = load_error(text)
    assert error.where == f"line {line}"
    assert str(error).startswith(f"<input>: line {line}: ")
    for fragment in fragments:
        assert fragment in error.message, f"{fragment!r} not in {error.message!r}"


def test_bytes_that_are_not_utf8_name_the_line() -> None:
    error = load_error(b"1. T\n1.1. Pro: caf\xe9\n")
    assert error.where == "line 2"
    assert "UTF-8" in error.message


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("1. T\n1.1. Pro: bad \ud800 text\n", 2),
        ("Discussion Title: \udfff\n1. T\n", 1),
        ("1. T\n1.1. Pro: a\n1.2. -> See 1.1. \ud800\n", 3),
        ("1. T\nmore \ud800\n", 2),
    ],
)
def test_unpaired_surrogate_names_the_line(text: str, line: int) -> None:
    error = load_error(text)
    assert error.where == f"line {line}"
    assert "surrogate" in error.message


# -- property: generated discussions import to the generated structure ---------------


@dataclass
class Claim:
    parent: int | None
    relation: Relation | None
    lines: list[str]
    number: tuple[int, ...] = ()
    children: list[int] = field(default_factory=list)


@dataclass
class Link:
    source: int  # the claim referred to
    target: int  # the claim under which the `-> See` line stands
    relation: Relation | None


_WORD_CHARS = st.characters(
    blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\r\n\x85"
)


def _text_line() -> st.SearchStrategy[str]:
    """A stripped, non-blank line that the reader cannot take for a numbered line."""
    return (
        st.text(_WORD_CHARS, min_size=1, max_size=30)
        .map(str.strip)
        .filter(bool)
        .filter(lambda s: s[0] not in "0123456789\ufeff")
        .filter(lambda s: not s.lower().startswith(("->", "pro", "con", "discussion")))
    )


@st.composite
def discussions(draw: st.DrawFn) -> tuple[str, str, list[Claim], list[Link]]:
    count = draw(st.integers(min_value=1, max_value=25))
    claims: list[Claim] = []
    for i in range(count):
        parent = draw(st.integers(min_value=0, max_value=i - 1)) if i else None
        relation = draw(st.sampled_from([S, R])) if i else None
        lines = draw(st.lists(_text_line(), min_size=1, max_size=3))
        claims.append(Claim(parent, relation, lines))
        if parent is not None:
            claims[parent].children.append(i)
    links: list[Link] = []
    if count > 1:
        pairs = st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)).filter(
            lambda p: p[0] != p[1]
        )
        for source, target in draw(st.lists(pairs, max_size=4)):
            links.append(Link(source, target, draw(st.sampled_from([S, R, None]))))
    title = draw(st.one_of(st.just(""), _text_line()))
    crlf = draw(st.booleans())

    # number the tree (links take a number among the children of their target) and write it
    links_under: dict[int, list[int]] = {}
    for index, link in enumerate(links):
        links_under.setdefault(link.target, []).append(index)
    claims[0].number = (1,)
    out = [f"Discussion Title: {title}", ""] if title else []
    stack = [0]
    while stack:
        i = stack.pop()
        claim = claims[i]
        label = "" if claim.relation is None else ("Pro: " if claim.relation is S else "Con: ")
        out.append(f"{'.'.join(map(str, claim.number))}. {label}{claim.lines[0]}")
        out.extend(claim.lines[1:])
        slot = 0
        for child in claim.children:
            slot += 1
            claims[child].number = (*claim.number, slot)
        for link_index in links_under.get(i, []):
            slot += 1
            link = links[link_index]
            see_label = {S: "Pro: ", R: "Con: ", None: ""}[link.relation]
            out.append(
                f"{'.'.join(map(str, (*claim.number, slot)))}. {see_label}-> See @{link.source}@."
            )
        stack.extend(reversed(claim.children))
    text = "\n".join(out) + "\n"
    for index, claim in enumerate(claims):  # the links' targets are numbered only now
        text = text.replace(f"@{index}@", ".".join(map(str, claim.number)))
    if crlf:
        text = text.replace("\n", "\r\n")
    return text, title, claims, links


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(discussions())
def test_generated_discussions_import_to_the_generated_structure(
    case: tuple[str, str, list[Claim], list[Link]],
) -> None:
    text, title, claims, links = case
    m = read_kialo(text)
    assert revalidate(m) == m
    assert m.title == title
    assert len(m.nodes) == len(claims)

    by_number = {n.meta["kialo"]["number"]: n for n in m.nodes.values()}  # type: ignore[index]
    number = {i: ".".join(map(str, c.number)) for i, c in enumerate(claims)}
    node_of = {i: by_number[number[i]] for i in range(len(claims))}
    for i, claim in enumerate(claims):
        node = node_of[i]
        assert node.text == "\n".join(claim.lines)
        assert node.relation == claim.relation
        assert node.parent == (None if claim.parent is None else node_of[claim.parent].id)
        assert m.tree.children(node.id) == tuple(node_of[c].id for c in claim.children)

    got = sorted((link.source, link.target, link.relation) for link in m.links)
    expected = [(node_of[k.source].id, node_of[k.target].id, k.relation or S) for k in links]
    assert got == sorted(expected)
    for link in m.links:  # a link is named after its `-> See` line
        assert link.id == "k" + link.meta["kialo"]["number"].replace(".", "_")  # type: ignore[index,union-attr]
