"""The drawing of titles, arguments, premise–conclusion structures, undercuts, sections and
tag colours, on both Graphviz engines (the `engine` fixture), checked in the SVG."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pytest

from argmap.model import ArgumentMap, Relation, ops
from argmap.model import structure_ops as so
from argmap.model.structure import StepRole
from argmap.render import RenderOptions, to_dot
from argmap.render.export import render_bytes
from argmap.render.structure import bold_titles


def cars() -> ArgumentMap:
    """A titled claim; an argument (two placed premises, the claim as its conclusion)
    undercut by U; a rebuttal R tagged "economy"; sections Environment > Air (S, U) and
    Economy (R); tag colours."""
    m = ops.add_claim(ArgumentMap(), "Cities should ban cars.", node_id="C").map
    m = ops.edit_node(m, "C", title="Ban", tags=("policy",)).map
    m = ops.add_node(m, "C", Relation.SUPPORTS, "The air gets cleaner.", node_id="S").map
    m = ops.edit_node(m, "S", title="Clean air").map
    m = so.set_argument(m, "S", True).map
    m = so.add_step(m, "S", text="Cars pollute.").map
    m = so.add_step(m, "S", text="A ban means fewer cars.").map
    m = so.add_step(m, "S", StepRole.CONCLUSION, statement="C", inference="modus ponens").map
    m = ops.add_node(m, "S", Relation.UNDERCUTS, "The figures are old.", node_id="U").map
    m = ops.add_node(m, "C", Relation.REBUTS, "Shops lose customers.", node_id="R").map
    m = ops.edit_node(m, "R", tags=("economy",)).map
    m = so.add_section(m, "Environment").map
    m = so.add_section(m, "Air", parent="section1").map
    m = so.add_section(m, "Economy").map
    m = so.set_section(m, ["S", "U"], "section2").map
    m = so.set_section(m, ["R"], "section3").map
    m = so.set_tag_color(m, "economy", "#fdd49e").map
    return so.set_tag_color(m, "policy", "#1f3b73").map


def svg_of(m: ArgumentMap, engine, **options: object) -> str:  # type: ignore[no-untyped-def]
    opts = replace(RenderOptions(), **options)  # type: ignore[arg-type]
    return render_bytes(m, "svg", opts, engine)[0].decode("utf-8")


def group(svg: str, element_id: str) -> str:
    """The SVG of the element with `element_id`, up to the next node, edge or cluster."""
    start = svg.index(f'<g id="{element_id}" ')
    end = re.compile(r'<g id="[^"]*" class="(node|edge|cluster)').search(svg, start + 5)
    return svg[start : end.start() if end else len(svg)]


def texts(block: str) -> list[tuple[bool, str]]:
    """(bold?, text) of each text element of `block`."""
    found = re.findall(r"<text ([^>]*)>([^<]*)</text>", block)
    return [
        ('font-weight="bold"' in attrs, words.replace("\xa0", " ").strip())
        for attrs, words in found
    ]


def test_titles_are_bold_above_the_text(engine) -> None:  # type: ignore[no-untyped-def]
    svg = svg_of(cars(), engine)
    assert texts(group(svg, "C"))[:2] == [(True, "Ban"), (False, "Cities should ban cars.")]
    assert texts(group(svg, "R")) == [(False, "Shops lose customers.")]  # untitled: no bold
    printed = svg_of(cars(), engine, theme="print")
    assert texts(group(printed, "C"))[:3] == [
        (False, "CLAIM"),
        (True, "Ban"),
        (False, "Cities should ban cars."),
    ]


def test_bold_titles_touches_only_the_title_lines() -> None:
    svg = (
        b'<g id="a" class="node claim title1_2"><text x="1">CAP</text><text x="1">T1</text>'
        b'<text x="1">T2</text><text x="1">body</text></g>\n'
        b'<g id="edge.a" class="edge"><text x="1">label</text></g>'
    )
    out = bold_titles(svg)
    assert out.count(b'font-weight="bold"') == 2
    assert b'<text font-weight="bold" x="1">T1' in out and b'<text x="1">body' in out
    assert b'<text x="1">label' in out
    assert bold_titles(b"<svg>no titles</svg>") == b"<svg>no titles</svg>"


def test_an_argument_looks_different_and_folds_its_premises(engine) -> None:  # type: ignore[no-untyped-def]
    m = cars()
    premises = [s.statement for s in m.nodes["S"].argument.pcs[:2]]  # type: ignore[union-attr]
    svg = svg_of(m, engine)
    assert 'class="node support argument' in svg
    assert "2 premises, 1 conclusion" in svg
    for premise in premises:
        assert f'<g id="{premise}"' not in svg  # drawn inside the argument, not as nodes
    dot = to_dot(m)
    line = next(x for x in dot.splitlines() if x.startswith('  "S" ['))
    assert "rounded" not in line.split("style=")[1].split()[0]
    statement = next(x for x in dot.splitlines() if x.startswith('  "R" ['))
    assert "rounded" in statement.split("style=")[1].split()[0]


def test_an_unfolded_argument_shows_its_premise_conclusion_box(engine) -> None:  # type: ignore[no-untyped-def]
    svg = svg_of(cars(), engine, unfolded=frozenset({"S"}), wrap=60)
    lines = [t for _, t in texts(group(svg, "S"))]
    assert lines[:2] == ["Clean air", "The air gets cleaner."]
    assert lines[2:] == [
        "▾ premise–conclusion structure",
        "(1) Cars pollute.",
        "(2) A ban means fewer cars.",
        "—— modus ponens ——",
        "(3) [Ban] Cities should ban cars.",
    ]


def test_an_undercut_points_at_a_junction_on_the_edge_it_attacks(engine) -> None:  # type: ignore[no-untyped-def]
    svg = svg_of(cars(), engine)
    assert 'id="junction.S" class="node' in svg
    assert 'id="edge.S" class="edge"' in svg and 'id="edge.S.tail" class="edge"' in svg
    dot = to_dot(cars())
    assert '"junction.S" -> "U"' in dot and '"C" -> "junction.S"' in dot
    assert '"junction.S" -> "S"' in dot and '"C" -> "S"' not in dot
    # the undercut's edge ends on the junction: its path starts where the junction is
    junction = re.search(
        r'<g id="junction.S".*?<ellipse[^>]*cx="([-\d.]+)" cy="([-\d.]+)"', svg, re.S
    )
    assert junction is not None
    path = re.search(r'<g id="edge.U".*?<path[^>]* d="M([-\d.]+),([-\d.]+)', svg, re.S)
    assert path is not None
    x, y = float(junction[1]), float(junction[2])
    assert abs(float(path[1]) - x) < 12 and abs(float(path[2]) - y) < 12


def test_a_cross_link_undercut_ends_on_the_junction_too() -> None:
    m = ops.add_claim(cars(), "Another doubt.", node_id="D").map
    m = ops.add_link(m, "D", "S", Relation.UNDERCUTS).map
    assert '"junction.S" -> "D"' in to_dot(m)
    root = ops.add_claim(ArgumentMap(), "x", node_id="A").map
    root = so.set_argument(root, "A", True).map
    root = so.add_undercut(root, "A", "y").map
    assert "junction." not in to_dot(root)  # no edge to sit on: it points at the argument


def test_sections_are_nested_clusters_with_their_titles(engine) -> None:  # type: ignore[no-untyped-def]
    svg = svg_of(cars(), engine)
    for section, title in (
        ("section1", "Environment"),
        ("section2", "Air"),
        ("section3", "Economy"),
    ):
        block = group(svg, f"section.{section}")
        assert 'class="cluster"' in block and title in block
    dot = to_dot(cars())
    outer = dot.index('"cluster_section.section1"')
    inner = dot.index('"cluster_section.section2"')
    assert outer < inner < dot.index("}", inner) < dot.rindex("}")
    body = dot[inner : dot.index("}", inner)]
    assert '"S";' in body and '"U";' in body


def test_a_collapsed_section_is_one_box_that_keeps_the_edges(engine) -> None:  # type: ignore[no-untyped-def]
    svg = svg_of(cars(), engine, collapsed_sections=frozenset({"section1"}))
    assert '<g id="section.section1" class="node' in svg
    assert "§ Environment" in svg and "[2 nodes]" in svg
    assert '<g id="S" ' not in svg and '<g id="U" ' not in svg
    dot = to_dot(cars(), replace(RenderOptions(), collapsed_sections=frozenset({"section1"})))
    assert dot.count('"C" -> "section.section1"') == 1
    assert '"section.section1" -> "section.section1"' not in dot


def test_tag_colours_fill_their_nodes_and_print_names_them(engine) -> None:  # type: ignore[no-untyped-def]
    dot = to_dot(cars())
    rebuttal = next(x for x in dot.splitlines() if x.startswith('  "R" ['))
    assert 'fillcolor="#fdd49e"' in rebuttal
    claim = next(x for x in dot.splitlines() if x.startswith('  "C" ['))
    assert 'fillcolor="#1f3b73"' in claim and 'fontcolor="white"' in claim  # dark: light text
    printed = to_dot(cars(), RenderOptions(theme="print"))
    rebuttal = next(x for x in printed.splitlines() if x.startswith('  "R" ['))
    assert "#fdd49e" not in printed and "\\n#economy" in rebuttal
    svg = svg_of(cars(), engine, theme="colorblind")
    assert 'fill="#fdd49e"' in group(svg, "R")


def test_a_map_without_the_new_structure_draws_as_before() -> None:
    m = ops.add_claim(ArgumentMap(), "x", node_id="C").map
    m = ops.add_node(m, "C", Relation.SUPPORTS, "y", node_id="S").map
    dot = to_dot(m)
    assert "cluster_section" not in dot and "junction." not in dot and "title" not in dot


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_titled_maps_raster_from_the_bold_svg(fmt: str, engine, qapp) -> None:  # type: ignore[no-untyped-def]
    data, used = render_bytes(cars(), fmt, RenderOptions(), engine)
    assert data[:4] in (b"\x89PNG", b"%PDF") and used == engine.name


def _deep(n: int) -> ArgumentMap:
    from argmap.model.structure import Section

    nested = tuple(
        Section(id=f"s{i}", title=f"S{i}", parent=f"s{i - 1}" if i else None) for i in range(n)
    )
    m = ops.add_claim(ArgumentMap(), "x", node_id="C").map.evolve(sections=nested)
    return so.set_section(m, ["C"], f"s{n - 1}").map


def test_thousands_of_nested_sections_draw_without_recursion() -> None:
    m = _deep(3000)  # far past Python's recursion limit
    dot = to_dot(m)
    assert dot.count("subgraph") == 3000
    boxed = to_dot(m, replace(RenderOptions(), collapsed_sections=frozenset({"s5", "s9"})))
    assert '"section.s5" [' in boxed and "section.s9" not in boxed  # the outermost wins


def _corners(block: str) -> tuple[float, float, float, float]:
    """The bounding box (x0, y0, x1, y1) of the outlines (polygon points, path data) in
    `block`, text positions left out."""
    outlines = re.findall(r' (?:points|d)="([^"]*)"', block)
    xy = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", " ".join(outlines))]
    xs, ys = xy[0::2], xy[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def test_a_collapsed_inner_section_is_drawn_inside_its_parent_section(engine) -> None:  # type: ignore[no-untyped-def]
    collapsed = frozenset({"section2"})  # Air, inside Environment, holds S and U
    dot = to_dot(cars(), replace(RenderOptions(), collapsed_sections=collapsed))
    outer = dot.index('"cluster_section.section1"')
    assert '"section.section2";' in dot[outer : dot.index("}", outer)]
    svg = svg_of(cars(), engine, collapsed_sections=collapsed)
    x0, y0, x1, y1 = _corners(group(svg, "section.section1"))
    bx0, by0, bx1, by1 = _corners(group(svg, "section.section2"))
    assert x0 < bx0 < bx1 < x1 and y0 < by0 < by1 < y1
    assert "§ Air" in group(svg, "section.section2")


def test_a_co_premise_partly_in_a_collapsed_section_adds_no_stray_node(engine) -> None:  # type: ignore[no-untyped-def]
    m = ops.add_claim(ArgumentMap(), "x", node_id="C").map
    m = ops.add_node(m, "C", Relation.SUPPORTS, "first half", node_id="P").map
    m = ops.add_co_premise(m, "P", "second half").map
    partner = next(n.id for n in m.nodes.values() if n.id not in ("C", "P"))
    m = so.add_section(m, "Hidden").map
    m = so.set_section(m, [partner], "section1").map
    opts = replace(RenderOptions(), collapsed_sections=frozenset({"section1"}))
    dot = to_dot(m, opts)
    assert f'"{partner}"' not in dot  # only the box stands for it
    svg = svg_of(m, engine, collapsed_sections=frozenset({"section1"}))
    assert f'<g id="{partner}" ' not in svg and '<g id="P" ' in svg
    assert '<g id="section.section1" class="node' in svg


def test_a_folded_argument_keeps_its_steps_texts_in_its_tooltip(engine) -> None:  # type: ignore[no-untyped-def]
    folded = group(svg_of(cars(), engine), "S")
    tip = re.search(r'xlink:title="([^"]*)"', folded)
    assert tip is not None
    assert html.unescape(tip[1]).splitlines() == [
        "The air gets cleaner.",
        "(1) Cars pollute.",
        "(2) A ban means fewer cars.",
        "—— modus ponens ——",
        "(3) Cities should ban cars.",
    ]
    opened = group(svg_of(cars(), engine, unfolded=frozenset({"S"})), "S")
    assert 'xlink:title="The air gets cleaner."' in opened  # the box shows them already


@pytest.mark.parametrize("theme", ["default", "colorblind", "print"])
def test_undercuts_differ_from_rebuttals_by_line_not_colour_alone(theme: str) -> None:
    from argmap.model.roles import Role
    from argmap.render.themes import THEMES

    look = THEMES[theme]

    def lines(style: str) -> set[str]:
        return set(style.split(",")) & {"dashed", "dotted", "solid", "bold"}

    undercut, rebuttal = look.nodes[Role.UNDERCUT], look.nodes[Role.REBUTTAL]
    assert lines(undercut.style) != lines(rebuttal.style)
    assert look.undercuts.style != look.rebuts.style
    dot = to_dot(cars(), RenderOptions(theme=theme))
    edge = next(x for x in dot.splitlines() if x.startswith('  "junction.S" -> "U" '))
    assert f'style="{look.undercuts.style}"' in edge and 'arrowtail="tee"' in edge


def node_fill_and_ink(svg: str, node_id: str) -> tuple[str, set[str]]:
    """The fill of the node's box and the fills of its text."""
    block = group(svg, node_id)
    box = re.search(r'<(?:polygon|path)[^>]* fill="([^"]*)"', block)
    assert box is not None, node_id
    return box[1], set(re.findall(r'<text[^>]* fill="([^"]*)"', block))


def test_tag_colours_fill_with_the_colour_asked_for(engine) -> None:  # type: ignore[no-untyped-def]
    m = ops.add_claim(ArgumentMap(), "short hex", node_id="A").map
    asked = {"A": "#00f", "B": "navy", "D": "Green", "E": "#FDD49E", "F": "lightyellow"}
    for node_id in ("B", "D", "E", "F"):
        m = ops.add_node(m, "A", Relation.SUPPORTS, node_id, node_id=node_id).map
    for node_id, color in asked.items():
        m = ops.edit_node(m, node_id, tags=(node_id.lower(),)).map
        m = so.set_tag_color(m, node_id.lower(), color).map
    svg = svg_of(m, engine)
    # 2.43's dot fills "#00f" black; a name means its SVG value (X11's green is #00ff00)
    expected = {"A": "#0000ff", "B": "#000080", "D": "#008000", "E": "#fdd49e", "F": "#ffffe0"}
    light = {"A", "B", "D"}  # dark fills take white text, names included
    for node_id, fill in expected.items():
        drawn, ink = node_fill_and_ink(svg, node_id)
        assert drawn.lower() == fill, node_id
        assert (ink == {"white"}) is (node_id in light), (node_id, ink)
