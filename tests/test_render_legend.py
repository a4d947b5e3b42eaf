"""The legend of a drawing (issue 16, point 3): render/legend.py lists only what the
drawing uses and draws it as `<g id="legend">` beside or below real Graphviz drawings,
at the nodes' font size, never over a node."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from typing import Any

import pytest

from argmap.formats.native import load
from argmap.model import ArgumentMap
from argmap.render import RenderOptions
from argmap.render import legend as L  # noqa: N812
from argmap.render.export import Paper, render_bytes, svg_to_png
from tests.conftest import ROOT

SAMPLE = ROOT / "samples" / "ai-slowdown.argmap.json"
NS = "{http://www.w3.org/2000/svg}"


def build(nodes: list[dict[str, Any]], **extra: Any) -> ArgumentMap:
    return ArgumentMap.model_validate({"nodes": nodes, **extra})


CLAIM_ONLY = [{"id": "c", "text": "The claim"}]
DEBATE = [
    {"id": "c", "text": "The claim"},
    {"id": "s", "text": "A reason", "parent": "c", "relation": "supports"},
    {"id": "r", "text": "An objection", "parent": "c", "relation": "rebuts"},
    {"id": "k", "text": "A reply", "parent": "r", "relation": "rebuts"},
]


def labels(m: ArgumentMap, **options: Any) -> list[str]:
    return [e.label for e in L.entries(m, replace(RenderOptions(), **options))]


def test_a_claim_alone_has_one_entry_and_a_debate_names_each_role() -> None:
    assert labels(build(CLAIM_ONLY)) == ["claim"]
    assert labels(build(DEBATE)) == [
        "claim",
        "support (reason for)",
        "rebuttal (objection)",
        "counter-rebuttal",
    ]
    assert labels(ArgumentMap()) == []


def test_frames_undercuts_tags_and_marks_appear_only_when_drawn() -> None:
    nodes = [
        *DEBATE,
        {"id": "p1", "text": "P1", "parent": "c", "relation": "supports", "group": "g"},
        {"id": "p2", "text": "P2", "parent": "c", "relation": "supports", "group": "g"},
        {"id": "u", "text": "Bad inference", "parent": "s", "relation": "undercuts"},
        {"id": "t", "text": "Tagged", "parent": "c", "relation": "supports", "tags": ["econ", "x"]},
    ]
    m = build(nodes, tag_colors={"econ": "#336699"})
    found = labels(m)
    assert "co-premises (hold only together)" in found
    assert "undercut (attacks an inference)" in found
    assert found[-1] == "#econ" and "#x" not in found  # only a tag whose colour fills
    assert not any("stands" in f for f in found)
    marked = labels(m, show_evaluation=True)
    assert "✔ stands" in marked
    assert "#econ" not in labels(m, theme="print")  # print writes tags as captions


def _boxes(root: ET.Element) -> list[tuple[float, float, float, float]]:
    """Node boxes in root coordinates (Graphviz's top group is translated)."""
    top = root.find(f"{NS}g")
    assert top is not None
    tx, ty = (
        float(v) for v in re.findall(r"translate\(([-\d.]+) ([-\d.]+)", top.get("transform", ""))[0]
    )
    boxes = []
    for group in root.iter(f"{NS}g"):
        if "node" not in group.get("class", "").split():
            continue
        for shape in group:
            if shape.tag in (f"{NS}polygon", f"{NS}path"):
                nums = [
                    float(n)
                    for n in re.findall(
                        r"-?\d+(?:\.\d+)?", shape.get("points") or shape.get("d") or ""
                    )
                ]
                xs, ys = nums[0::2], nums[1::2]
                boxes.append((min(xs) + tx, min(ys) + ty, max(xs) + tx, max(ys) + ty))
                break
    return boxes


def _legend_box(root: ET.Element) -> tuple[float, float, float, float]:
    (legend,) = [g for g in root.iter(f"{NS}g") if g.get("id") == "legend"]
    rect = legend.find(f"{NS}rect")
    assert rect is not None
    x, y = float(rect.get("x", "0")), float(rect.get("y", "0"))
    return x, y, x + float(rect.get("width", "0")), y + float(rect.get("height", "0"))


def _view(root: ET.Element) -> tuple[float, float]:
    parts = [float(v) for v in (root.get("viewBox") or "").split()]
    assert root.get("width") == f"{parts[2]:g}pt" and root.get("height") == f"{parts[3]:g}pt"
    return parts[2], parts[3]


@pytest.fixture(scope="module")
def sample_svg() -> bytes:
    return render_bytes(load(SAMPLE), "svg")[0]


def test_the_sample_s_legend_lies_inside_the_drawing_and_over_no_node(sample_svg) -> None:
    root = ET.fromstring(sample_svg)
    x0, y0, x1, y1 = _legend_box(root)
    width, height = _view(root)
    assert 0 <= x0 < x1 <= width + 0.01 and 0 <= y0 < y1 <= height + 0.01
    for a0, b0, a1, b1 in _boxes(root):
        across = min(a1, x1) - max(a0, x0)
        down = min(b1, y1) - max(b0, y0)
        assert min(across, down) <= 0, "the legend covers a node"  # no common area
    assert not any(
        "node" in g.get("class", "").split() or "edge" in g.get("class", "").split()
        for g in root.iter(f"{NS}g")
        if g.get("id") == "legend"
    )


def test_the_legend_goes_below_a_wide_drawing_and_right_of_a_tall_one() -> None:
    fan = [{"id": "c", "text": "The claim"}] + [
        {"id": f"s{i}", "text": f"Reason {i}", "parent": "c", "relation": "supports"}
        for i in range(14)
    ]
    chain = [{"id": "n0", "text": "The claim"}] + [
        {"id": f"n{i}", "text": f"Step {i}", "parent": f"n{i - 1}", "relation": "rebuts"}
        for i in range(1, 9)
    ]
    opts = replace(RenderOptions(), layout="tree")
    for nodes, side in ((fan, "below"), (chain, "right")):
        m = build(nodes)
        plain = render_bytes(m, "svg", opts, paper=Paper(legend=False))[0]
        root = ET.fromstring(L.with_legend(plain, m, opts))
        base_w, base_h = _view(ET.fromstring(plain))
        x0, y0, _, _ = _legend_box(root)
        if side == "below":
            assert (x0, y0) == (0, pytest.approx(base_h)) and _view(root)[1] > base_h
        else:
            assert (x0, y0) == (pytest.approx(base_w), 0) and _view(root)[0] > base_w


def test_legend_text_has_the_node_font_and_size() -> None:
    m = build(DEBATE)
    opts = replace(RenderOptions(), font="DejaVu Sans", font_size=13.0)
    svg = L.with_legend(render_bytes(m, "svg", opts, paper=Paper(legend=False))[0], m, opts)
    (legend,) = [g for g in ET.fromstring(svg).iter(f"{NS}g") if g.get("id") == "legend"]
    texts = list(legend.iter(f"{NS}text"))
    assert len(texts) == 4
    assert {(t.get("font-family"), t.get("font-size")) for t in texts} == {("DejaVu Sans", "13.00")}


def test_tag_names_are_escaped() -> None:
    tag = '<b>&amp;"é'
    m = build([{"id": "c", "text": "C", "tags": [tag]}], tag_colors={tag: "#aa0000"})
    svg = L.legend_svg(m, RenderOptions())
    texts = [t.text for t in ET.fromstring(svg).iter(f"{NS}text")]
    assert texts == ["claim", f"#{tag}"]


def test_an_empty_map_gets_no_legend() -> None:
    svg = render_bytes(ArgumentMap(), "svg", paper=Paper(legend=False))[0]
    assert L.with_legend(svg, ArgumentMap(), RenderOptions()) == svg
    assert b"legend" not in L.legend_svg(ArgumentMap(), RenderOptions())


@pytest.mark.parametrize("theme", ["default", "colorblind", "print"])
def test_every_theme_draws_a_legend_that_qt_paints(theme: str) -> None:
    m = build(DEBATE)
    opts = replace(RenderOptions(), theme=theme)
    plain = render_bytes(m, "svg", opts, paper=Paper(legend=False))[0]
    with_it = render_bytes(m, "svg", opts)[0]
    from PySide6.QtGui import QImage

    image = QImage.fromData(svg_to_png(with_it, 72))
    x0, y0, x1, y1 = _legend_box(ET.fromstring(with_it))
    assert _view(ET.fromstring(with_it)) != _view(ET.fromstring(plain))

    def darkest(box: tuple[float, float, float, float], png: QImage) -> int:
        return min(
            png.pixelColor(x, y).lightness()
            for y in range(round(box[1]) + 2, min(png.height(), round(box[3])) - 2)
            for x in range(round(box[0]) + 2, min(png.width(), round(box[2])) - 2)
        )

    # where the legend is, Qt painted its swatches and words
    assert darkest((x0, y0, x1, y1), image) < 100
