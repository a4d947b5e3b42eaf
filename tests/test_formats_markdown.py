"""The Markdown outline export (argmap.formats.markdown).

Qt-free.  No Markdown renderer is installed, so literal rendering is checked
on the escaped text: undoing CommonMark's backslash escapes must give the
user's text back, and no markup character may be left unescaped.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.formats import SaveError, load
from argmap.formats.markdown import (
    MAX_NESTING,
    escape_inline,
    escape_line,
    save_markdown,
    short_text,
    write_markdown,
)
from argmap.model import ArgumentMap, CrossLink, Node, Source

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "samples" / "ai-slowdown.argmap.json"

#: CommonMark: a backslash before ASCII punctuation makes it literal
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_TOKEN = re.compile(r"\\[!-/:-@\[-`{-~]|.", re.DOTALL)
_MARKUP = set("\\`*_[]<>#|~$")


def unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text)


def assert_literal(escaped: str, original: str) -> None:
    """`escaped` shows exactly `original` and holds no live markup."""
    assert unescape(escaped) == original
    bare = [t for t in _TOKEN.findall(escaped) if len(t) == 1]
    assert not _MARKUP.intersection(bare), escaped
    assert not re.match(r"\s*(?:[-+=]|[0-9]+[.)])", escaped), escaped
    assert not re.search(r"&#?[A-Za-z0-9]+;", escaped.replace("\\&", "")), escaped


def node(
    node_id: str, text: str, parent: str | None = None, rel: str | None = None, **kw: Any
) -> Node:
    return Node.model_validate(
        {"id": node_id, "text": text, "parent": parent, "relation": rel, **kw}
    )


def small_map() -> ArgumentMap:
    return ArgumentMap(
        title="Car-free centres",
        description="A small map.\nSecond line.\n\nSecond paragraph.",
        source=Source(title="City report", url="https://example.org/report"),
        nodes={
            n.id: n
            for n in [
                node("c", "Cities should ban cars.", tags=["urban"], refs=[{"paragraph": 1}]),
                node(
                    "s1",
                    "Cleaner air.",
                    "c",
                    "supports",
                    order=0,
                    refs=[{"paragraph": 3}, {"paragraph": 2}, {"paragraph": 3}],
                ),
                node("r1", "Vans pollute.\nEven electric ones wear tyres.", "s1", "rebuts"),
                node("g1", "Most trips are short.", "c", "supports", order=1, group="g"),
                node("r2", "Shops lose customers.", "c", "rebuts", order=2, note="Disputed."),
                node("g2", "Short trips can be walked.", "c", "supports", order=3, group="g"),
                node("c2", "Another claim.", order=1),
            ]
        },
        links=(
            CrossLink(
                id="l1", source="r1", target="r2", relation="rebuts", meta={"relation": "undercut"}
            ),
            CrossLink(id="l2", source="g1", target="c2", relation="supports"),
        ),
    )


SMALL_EXPECTED = """\
# Car-free centres

A small map.\\
Second line.

Second paragraph.

_Source:_ City report, https://example.org/report

## Cities should ban cars. #urban (¶ 1)

- **Support:** Cleaner air. (¶ 2, ¶ 3)
  - **Rebuttal:** Vans pollute.\\
    Even electric ones wear tyres.
- **Co-premises (together a support):**
  - **Co-premise:** Most trips are short.
  - **Co-premise:** Short trips can be walked.
- **Rebuttal:** Shops lose customers.\\
  _Note:_ Disputed.

## Another claim.

## Cross-links

- “Vans pollute.…” rebuts (undercut) “Shops lose customers.”
- “Most trips are short.” supports “Another claim.”
"""


# -- structure -----------------------------------------------------------------------


def test_small_map_outline() -> None:
    assert write_markdown(small_map()) == SMALL_EXPECTED


def test_list_nesting_is_two_spaces_per_level_and_markers_name_the_role() -> None:
    items = [line for line in write_markdown(small_map()).splitlines() if "- **" in line]
    assert [(len(line) - len(line.lstrip()), line.split("**")[1]) for line in items] == [
        (0, "Support:"),
        (2, "Rebuttal:"),
        (0, "Co-premises (together a support):"),
        (2, "Co-premise:"),
        (2, "Co-premise:"),
        (0, "Rebuttal:"),
    ]


def test_co_premises_are_listed_together_with_their_own_reasons() -> None:
    m = ArgumentMap(
        nodes=[
            node("c", "Claim"),
            node("p1", "Premise one", "c", "rebuts", order=0, group="g"),
            node("x", "Other reason", "c", "supports", order=1),
            node("p2", "Premise two", "c", "rebuts", order=2, group="g"),
            node("u", "Under premise two", "p2", "rebuts"),
            node("lone", "Lone group member", "c", "supports", order=3, group="h"),
        ]
    )
    assert write_markdown(m).split("## Claim\n\n")[1] == (
        "- **Co-premises (together a rebuttal):**\n"
        "  - **Co-premise:** Premise one\n"
        "  - **Co-premise:** Premise two\n"
        "    - **Rebuttal:** Under premise two\n"
        "- **Support:** Other reason\n"
        "- **Support:** Lone group member\n"
    )


def test_multi_line_texts_are_indented_under_their_item() -> None:
    m = ArgumentMap(
        nodes=[
            node("c", "Claim first line\nclaim second line\n\nclaim paragraph", tags=["t"]),
            node("a", "A", "c", "supports"),
            node("b", "  B one  \n   - B two\n\n\n1. B three\n", "a", "rebuts", note="n1\nn2"),
        ]
    )
    assert write_markdown(m) == (
        "# Untitled argument map\n"
        "\n"
        "## Claim first line\n"
        "\n"
        "claim second line\n"
        "\n"
        "claim paragraph #t\n"
        "\n"
        "- **Support:** A\n"
        "  - **Rebuttal:** B one\\\n"
        "    \\- B two\n"
        "\n"
        "    1\\. B three\\\n"
        "    _Note:_ n1\\\n"
        "    n2\n"
    )


def test_titles_tags_refs_and_empty_texts() -> None:
    m = ArgumentMap(
        title="Two\nlines",
        nodes=[
            node("c", "", title="Short name"),
            node("e", "   ", "c", "supports", tags=["my_tag", " ", "two words"]),
            node("r", "R", "c", "rebuts", refs=[{"paragraph": 12}], meta={"relation": "contrary"}),
        ],
    )
    assert write_markdown(m) == (
        "# Two lines\n"
        "\n"
        "## **Short name**: *(no text)*\n"
        "\n"
        "- **Support:** *(no text)* #my\\_tag #two words\n"
        "- **Rebuttal (contrary):** R (¶ 12)\n"
    )


def test_empty_map() -> None:
    assert write_markdown(ArgumentMap()) == "# Untitled argument map\n"


def test_short_texts_of_cross_links_are_cut_at_a_word() -> None:
    long = "word " * 30
    cut = short_text(node("a", long))
    assert cut.endswith("…")
    assert len(cut) <= 60
    assert cut[:-1] == cut[:-1].rstrip()
    assert short_text(node("a", "x" * 100)) == "x" * 59 + "…"
    assert short_text(node("a", "Text", title="The *title*")) == "The \\*title\\*"
    assert short_text(node("a", "")) == "(no text)"


# -- escaping ------------------------------------------------------------------------


def test_markup_in_user_text_is_escaped() -> None:
    text = "# not a heading *or* [link](x)"
    escaped = escape_line(text)
    assert escaped == "\\# not a heading \\*or\\* \\[link\\](x)"
    assert_literal(escaped, text)
    m = ArgumentMap(title=text, nodes=[node("c", text), node("s", text, "c", "supports")])
    assert write_markdown(m) == (f"# {escaped}\n\n## {escaped}\n\n- **Support:** {escaped}\n")


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("> quote", "\\> quote"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("* item", "\\* item"),
        ("1. item", "1\\. item"),
        ("2024) item", "2024\\) item"),
        ("===", "\\==="),
        ("---", "\\---"),
        ("___", "\\_\\_\\_"),
        ("```python", "\\`\\`\\`python"),
        ("~~~ strike ~~", "\\~\\~\\~ strike \\~\\~"),
        ("<b>html</b>", "\\<b\\>html\\</b\\>"),
        ("<https://x.org>", "\\<https://x.org\\>"),
        ("snake_case and __bold__", "snake\\_case and \\_\\_bold\\_\\_"),
        ("a | b | c", "a \\| b \\| c"),
        ("back\\slash\\", "back\\\\slash\\\\"),
        ("R&D &amp; &#42; &copy;", "R&D \\&amp; &\\#42; \\&copy;"),
        ("$x$ and $y$", "\\$x\\$ and \\$y\\$"),
        ("![img](src)", "!\\[img\\](src)"),
        ("[ref]: http://x", "\\[ref\\]: http://x"),
        ("end #", "end \\#"),
        ("a - b + c = d 3. e", "a - b + c = d 3. e"),
        ("  - indented", "  \\- indented"),
    ],
)
def test_escaping_table(text: str, escaped: str) -> None:
    assert escape_line(text) == escaped
    assert_literal(escaped, text)


@given(st.text(st.characters(blacklist_characters="\n\r"), max_size=40))
def test_escaped_lines_read_back_as_the_text(text: str) -> None:
    assert_literal(escape_line(text), text)
    assert unescape(escape_inline(text)) == text


def test_every_line_of_a_multi_line_text_is_escaped() -> None:
    text = "first\n# second\n- third\n> fourth\n10. fifth"
    m = ArgumentMap(nodes=[node("c", "C"), node("s", text, "c", "supports")])
    lines = write_markdown(m).split("\n\n")[-1].splitlines()
    assert lines == [
        "- **Support:** first\\",
        "  \\# second\\",
        "  \\- third\\",
        "  \\> fourth\\",
        "  10\\. fifth",
    ]


# -- the sample, depth, saving -------------------------------------------------------


def test_sample_exports_every_node_text_exactly_once() -> None:
    m = load(SAMPLE)
    out = write_markdown(m)
    plain = unescape(out)
    texts = [n for n in m.nodes.values() if n.text]
    assert len(texts) == len(m.nodes)
    for n in texts:
        assert plain.count(n.text) == 1, n.id
        assert out.count(escape_line(n.text)) == 1, n.id
    assert plain.count(m.nodes["why-hard"].title) == 1
    assert out.startswith(f"# {escape_line(m.title)}\n")
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert len(headings) == len(m.tree.roots) + 1  # the claims, then "## Cross-links"
    assert headings[-1] == "## Cross-links"
    items = [line for line in out.splitlines() if line.lstrip().startswith("- **")]
    groups = {n.group for n in m.nodes.values() if n.group}
    assert len(items) == len(m.nodes) - len(m.tree.roots) + len(groups)
    for n in m.nodes.values():
        for tag in n.tags:
            assert f"#{escape_inline(tag)}" in out


def chain(depth: int, text: str = "t{}") -> ArgumentMap:
    nodes = [node("n0", text.format(0))] + [
        node(f"n{i}", text.format(i), f"n{i - 1}", "rebuts" if i % 2 else "supports")
        for i in range(1, depth)
    ]
    return ArgumentMap(nodes=nodes)


def test_ten_thousand_deep_chain_exports_without_recursion() -> None:
    n = 10_000
    out = write_markdown(chain(n))
    lines = out.splitlines()
    assert lines[2] == "## t0"
    assert lines[4] == "- **Rebuttal:** t1"
    assert lines[-1] == " " * (2 * MAX_NESTING) + f"- (level {n - 1}) **Rebuttal:** t{n - 1}"
    assert len(lines) == 4 + n - 1


def test_nesting_stops_at_a_fixed_depth_and_deeper_items_say_their_level() -> None:
    m = ArgumentMap(
        nodes=[node("n0", "claim")]
        + [node(f"n{i}", f"t{i}", f"n{i - 1}", "supports") for i in range(1, MAX_NESTING + 3)]
        + [
            node("side", "# side *x* <b>", f"n{MAX_NESTING}", "rebuts", order=1),
            node("p", "1. p", "side", "supports", group="g"),
            node("q", "q\nsecond line", "side", "supports", order=1, group="g"),
        ]
    )
    lines = write_markdown(m).split("## claim\n\n")[1].splitlines()  # hostile text stays escaped
    pad = " " * (2 * MAX_NESTING)
    assert lines[:MAX_NESTING] == [
        "  " * d + f"- **Support:** t{d + 1}" for d in range(MAX_NESTING)
    ]
    assert lines[MAX_NESTING:] == [
        f"{pad}- (level {MAX_NESTING + 1}) **Support:** t{MAX_NESTING + 1}",
        f"{pad}- (level {MAX_NESTING + 2}) **Support:** t{MAX_NESTING + 2}",
        f"{pad}- (level {MAX_NESTING + 1}) **Rebuttal:** \\# side \\*x\\* \\<b\\>",
        f"{pad}- (level {MAX_NESTING + 2}) **Co-premises (together a support):**",
        f"{pad}- (level {MAX_NESTING + 3}) **Co-premise:** 1\\. p",
        f"{pad}- (level {MAX_NESTING + 3}) **Co-premise:** q\\",
        f"{pad}  second line",
    ]


@pytest.mark.parametrize("depth", [5_000, 50_000])
def test_deep_chain_output_is_linear_in_the_map_and_keeps_every_text(depth: int) -> None:
    m = chain(depth, "the reason given at level {} of the chain")
    total_text = sum(len(n.text) for n in m.nodes.values())
    out = write_markdown(m)
    assert len(out) < 3 * total_text  # was 2.5 GB for 50,000 levels: indentation grew
    lines = out.splitlines()
    assert max(len(line) - len(line.lstrip(" ")) for line in lines) == 2 * MAX_NESTING
    items = [line.lstrip(" ") for line in lines if line.lstrip(" ").startswith("- ")]
    assert len(items) == depth - 1
    for level, item in enumerate(items, start=1):
        text = f"the reason given at level {level} of the chain"
        assert item.endswith(f"** {text}")
        assert (f"- (level {level}) " in item) is (level > MAX_NESTING)


def test_save_markdown_writes_utf8(tmp_path: Path) -> None:
    m = small_map()
    path = tmp_path / "map.md"
    save_markdown(m, path)
    assert path.read_bytes() == SMALL_EXPECTED.encode("utf-8")
    with pytest.raises(SaveError):
        save_markdown(m, tmp_path)


# -- every piece stays within its item -------------------------------------------------

_BREAKS = ["\n", "\r", "\r\n"]


def _outline_shape(out: str) -> tuple[list[str], int]:
    """The headings (tag, text) and the number of list items, as CommonMark reads them."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(out)
    headings = [t.tag for t in tokens if t.type == "heading_open"]
    items = sum(t.type == "list_item_open" for t in tokens)
    return headings, items


@pytest.mark.parametrize("brk", _BREAKS)
def test_a_line_break_in_a_tag_note_title_or_relation_stays_within_its_item(brk: str) -> None:
    """A tag `t⏎# x` was written as `#t` and then an unindented `\\# x\\`: out of the item."""
    evil = f"t{brk}# x{brk}- y{brk}---"
    m = ArgumentMap(
        title=f"T{brk}# not a heading",
        source=Source(title=f"S{brk}# h", url=f"https://e.org{brk}# u"),
        nodes=[
            node("c", f"Claim{brk}# c", tags=[evil], note=f"n{brk}# note"),
            node(
                "s",
                f"R{brk}{brk}# p",
                "c",
                "supports",
                title=f"ti{brk}# q",
                tags=[evil, f"a{brk}b"],
                note=f"n{brk}# h{brk}- i",
                meta={"relation": f"r{brk}# z"},
            ),
        ],
        links=(
            CrossLink(
                id="l", source="s", target="c", relation="rebuts", meta={"relation": f"w{brk}# v"}
            ),
        ),
    )
    out = write_markdown(m)
    headings, items = _outline_shape(out)
    assert headings == ["h1", "h2", "h2"], out  # the title, the claim, the cross-links
    assert items == 2, out  # the reason and the cross-link
    assert "\r" not in out
    reasons = out.split("## Cross-links")[0].split("- **Support (r")[1].splitlines()
    assert all(line == "" or line.startswith("  ") for line in reasons[1:]), out


@given(
    st.lists(
        st.text(st.sampled_from("\n\r#- x=1."), max_size=12),
        min_size=4,
        max_size=4,
    )
)
def test_any_breaks_in_any_piece_keep_the_outline_shape(pieces: list[str]) -> None:
    tag, note, title, text = pieces
    m = ArgumentMap(
        nodes=[
            node("c", "C"),
            node("s", text, "c", "supports", tags=[tag], note=note, title=title),
        ],
    )
    headings, items = _outline_shape(write_markdown(m))
    assert headings == ["h1", "h2"]
    assert items == 1
