"""The legibility measure of issue 16 (tests/legibility.py), on hand-written SVGs and a
real argmap export; every number checked exactly."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from argmap.formats.native import load
from argmap.render.export import export
from tests import legibility as leg
from tests.conftest import ROOT


def _svg(tmp: Path, width: float, height: float, body: str, scale: float = 1.0) -> Path:
    path = tmp / "d.svg"
    path.write_text(
        '<?xml version="1.0"?>\n'
        f'<svg width="{width}pt" height="{height}pt" viewBox="0.00 0.00 {width} {height}"'
        ' xmlns="http://www.w3.org/2000/svg">'
        f'<g id="g" class="graph" transform="scale({scale} {scale}) rotate(0) translate(4 {height})">'
        f"{body}</g></svg>",
        encoding="utf-8",
    )
    return path


def _node(x: float, y: float, w: float, h: float, font: float = 10.0) -> str:
    points = f"{x},{-y} {x + w},{-y} {x + w},{-y - h} {x},{-y - h} {x},{-y}"
    return (
        f'<g id="n{x}" class="node claim"><title>n</title><g><a>'
        f'<polygon points="{points}"/>'
        f'<text x="{x}" y="{-y}" font-size="{font:.2f}">words</text></a></g></g>'
    )


def test_a_drawing_that_fits_keeps_its_natural_size(tmp_path: Path) -> None:
    path = _svg(
        tmp_path,
        400,
        300,
        _node(0, 0, 100, 50) + _node(200, 0, 100, 50, 12.0) + _node(0, 100, 10, 10, 14.0),
    )
    assert leg.fit_scale(path) == 1.0
    assert leg.median_font(path) == 12.0
    assert leg.text_size(path) == 12.0
    assert leg.node_area(path) == 100 * 50 * 2 + 100
    # the page could hold the boxes far larger, but the bound is capped at the natural size
    assert leg.packing_bound(path) == 12.0
    assert leg.efficiency(path) == 1.0


def test_a_drawing_twice_as_wide_as_the_page_has_half(tmp_path: Path) -> None:
    path = _svg(tmp_path, 1540, 300, _node(0, 0, 1500, 290))
    assert leg.fit_scale(path) == 0.5
    assert leg.text_size(path) == 5.0
    bound = math.sqrt(770 * 523 / (1500 * 290)) * 10.0
    assert bound < 10.0
    assert leg.packing_bound(path) == pytest.approx(bound, rel=1e-12)
    assert leg.efficiency(path) == pytest.approx(5.0 / bound, rel=1e-12)


def test_a_tall_drawing_is_fitted_by_its_height(tmp_path: Path) -> None:
    path = _svg(tmp_path, 100, 1046, _node(0, 0, 10, 10))
    assert leg.fit_scale(path) == 0.5
    assert leg.text_size(path) == 5.0


def test_the_group_scale_graphviz_writes_applies_to_fonts_and_boxes(tmp_path: Path) -> None:
    path = _svg(tmp_path, 400, 300, _node(0, 0, 100, 50), scale=0.5)
    assert leg.median_font(path) == 5.0
    assert leg.node_area(path) == 100 * 50 * 0.25


def test_a_real_argmap_export(tmp_path: Path) -> None:
    out = tmp_path / "sample.svg"
    export(load(ROOT / "samples" / "ai-slowdown.argmap.json"), out)
    width, height = leg.size(out)
    assert leg.fit_scale(out) == min(1.0, 770 / width, 523 / height)
    assert leg.median_font(out) == 11.0
    assert leg.text_size(out) == 11.0 * leg.fit_scale(out)
    assert 0 < leg.efficiency(out) <= 1.0
