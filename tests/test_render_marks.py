"""The evaluation's marks (issue 17, point 8): a sign, a border line and a colour for each
verdict, none of the colours a relation's, in every theme, and a legend that says so."""

from __future__ import annotations

import re
from typing import Any

import pytest

from argmap.model import ArgumentMap
from argmap.model.evaluation import evaluate
from argmap.render import RenderOptions, to_dot
from argmap.render import legend as L  # noqa: N812
from argmap.render.marks import LINES, MARKS, STATUSES
from argmap.render.themes import THEMES

#: a claim that stands, a rebuttal of it that does not, and two statements that rebut each
#: other (a cross-link back), so neither is decided
NODES: list[dict[str, Any]] = [
    {"id": "c", "text": "The claim"},
    {"id": "s", "text": "A reason", "parent": "c", "relation": "supports"},
    {"id": "r", "text": "An objection", "parent": "c", "relation": "rebuts"},
    {"id": "k", "text": "A reply", "parent": "r", "relation": "rebuts"},
    {"id": "x", "text": "Another claim"},
    {"id": "y", "text": "Its rival", "parent": "x", "relation": "rebuts"},
]
EXPECTED = {"c": "in", "s": "in", "r": "out", "k": "in", "x": "undecided", "y": "undecided"}
#: Graphviz's SVG stroke-dasharray for each line style
SVG_DASH = {"solid": None, "dashed": "5,2", "dotted": "1,5"}


def mapped() -> ArgumentMap:
    links = [{"id": "back", "source": "x", "target": "y", "relation": "rebuts"}]
    return ArgumentMap.model_validate({"nodes": NODES, "links": links})


def node_svg(svg: str, node_id: str) -> str:
    start = svg.index(f'<g id="{node_id}" class="node')
    return svg[start : svg.index("</g>\n</g>", start)]


def test_the_map_has_every_verdict() -> None:
    assert {k: v.value for k, v in evaluate(mapped()).items()} == EXPECTED


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_each_verdict_has_its_sign_its_line_and_its_colour(engine, theme: str) -> None:  # type: ignore[no-untyped-def]
    options = RenderOptions(theme=theme, show_evaluation=True)
    svg = engine.render(to_dot(mapped(), options), "svg").decode()
    for node_id, status in EXPECTED.items():
        part = node_svg(svg, node_id)
        assert MARKS[status] in part.replace("\xa0", " ")
        line, pen = LINES[status]
        shape = re.search(r"<(?:path|polygon) [^>]*>", part)
        assert shape is not None
        drawn = shape.group(0)
        assert f'stroke="{THEMES[theme].verdicts[status]}"' in drawn, (node_id, drawn)
        assert f'stroke-width="{pen:g}"' in drawn
        dash = re.search(r'stroke-dasharray="([^"]+)"', drawn)
        assert (dash.group(1) if dash else None) == SVG_DASH[line], (node_id, drawn)


def test_the_three_lines_differ_so_grey_print_still_tells_verdicts_apart() -> None:
    assert len({LINES[s][0] for s in STATUSES}) == 3
    assert LINES["in"][1] > max(look.penwidth for look in THEMES["default"].nodes.values())


def _lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* of an sRGB colour, to measure how different two colours look."""
    named = {"black": "#000000", "white": "#ffffff"}
    code = named.get(colour, colour).lstrip("#")
    channels = [int(code[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92 for c in channels)
    xyz = (
        (r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047,
        r * 0.2126 + g * 0.7152 + b * 0.0722,
        (r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883,
    )
    fx, fy, fz = (v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116 for v in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def distance(a: str, b: str) -> float:
    return float(sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b), strict=True)) ** 0.5)


@pytest.mark.parametrize("theme", ["default", "colorblind"])
def test_verdict_colours_are_far_from_every_relation_colour(theme: str) -> None:
    look = THEMES[theme]
    relations = [look.supports.color, look.rebuts.color, look.undercuts.color]
    for status in STATUSES:
        for colour in relations:
            # 2.3 is a just noticeable difference; 30 is plainly another colour
            assert distance(look.verdicts[status], colour) > 30, (status, colour)
    shades = [look.verdicts[s] for s in STATUSES]
    assert min(distance(a, b) for a in shades for b in shades if a != b) > 30
    assert len(set(shades)) == 3


def test_print_marks_in_black_and_grey_only() -> None:
    for colour in THEMES["print"].verdicts.values():
        r, g, b = (int(_hex(colour)[i : i + 2], 16) for i in (0, 2, 4))
        assert r == g == b


def _hex(colour: str) -> str:
    return {"black": "000000"}.get(colour, colour.lstrip("#"))


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_the_legend_explains_each_mark_with_its_line_and_colour(theme: str) -> None:
    options = RenderOptions(theme=theme, show_evaluation=True)
    marks = [e for e in L.entries(mapped(), options) if e.kind == "mark"]
    assert [e.label for e in marks] == [MARKS[s] for s in STATUSES]
    assert [e.border for e in marks] == [THEMES[theme].verdicts[s] for s in STATUSES]
    assert [e.dash for e in marks] == ["", "5,3", "1.5,2.5"]
    svg = L.legend_svg(mapped(), options).decode()
    for status in STATUSES:
        assert MARKS[status] in svg
    assert not [e for e in L.entries(mapped(), RenderOptions(theme=theme)) if e.kind == "mark"]
