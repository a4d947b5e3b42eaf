"""Node rectangles and edge lines read from the coordinates the engine wrote into the
SVG (issue 19, point 5) are the ones QtSvg finds by looking each element up.  The real
engine, real maps; QtSvg's lookups are the reference."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QPointF, QRectF
from PySide6.QtSvg import QSvgRenderer

from argmap.formats import load
from argmap.gui.diagram import drawing
from argmap.model import ArgumentMap
from argmap.render import RenderOptions, get_engine, to_dot
from argmap.render.export import for_qt
from argmap.render.structure import bold_titles

ROOT = Path(__file__).resolve().parents[1]


def varied() -> ArgumentMap:
    """Ids Graphviz escapes, an undercut's junction, co-premises, an argument, a title."""
    nodes = [
        {"id": "c-1", "text": "Claim", "title": "The claim"},
        {"id": "r_1-x", "text": "Reason", "parent": "c-1", "relation": "supports"},
        {"id": "o", "text": "Objection", "parent": "c-1", "relation": "rebuts", "order": 1},
        {"id": "u", "text": "Cut", "parent": "r_1-x", "relation": "undercuts", "order": 2},
        {"id": "p1", "text": "Half one", "parent": "r_1-x", "relation": "supports", "group": "g"},
        {"id": "p2", "text": "Half two", "parent": "r_1-x", "relation": "supports", "group": "g",
         "order": 1},
        {"id": "a", "text": "An argument", "parent": "c-1", "relation": "supports", "order": 2,
         "argument": {}},
    ]  # fmt: skip
    return ArgumentMap.model_validate({"title": "V", "nodes": nodes})


def maps() -> list[tuple[str, ArgumentMap]]:
    return [
        ("sample", load(ROOT / "samples" / "ai-slowdown.argmap.json")),
        ("debate", load(ROOT / "tests" / "data" / "debate.argmap.json")),
        ("varied", varied()),
    ]


def parsed(m: ArgumentMap, direction: str) -> tuple[bytes, QSvgRenderer, QRectF]:
    options = RenderOptions.from_style(m.style, direction=direction, layout="tree")
    svg = bold_titles(get_engine().render(to_dot(m, options), "svg"))
    renderer = QSvgRenderer(QByteArray(for_qt(svg)))
    return svg, renderer, QRectF(QPointF(0, 0), renderer.defaultSize().toSizeF())


def close(a: QRectF, b: QRectF) -> bool:
    return all(abs(x - y) < 0.01 for x, y in zip(a.getRect(), b.getRect(), strict=True))


@pytest.mark.parametrize("direction", ["TB", "LR"])
@pytest.mark.parametrize(("name", "m"), maps(), ids=[n for n, _ in maps()])
def test_rectangles_from_the_engine_are_those_qtsvg_finds(
    qapp, name: str, m: ArgumentMap, direction: str
) -> None:
    svg, renderer, bounds = parsed(m, direction)
    assert drawing._GRAPH_TRANSFORM.search(svg, 0, 4096) is not None  # read, not looked up
    read = drawing.node_rects(renderer, svg, bounds)
    looked_up = drawing._looked_up(renderer, svg, bounds)
    assert read.keys() == looked_up.keys() and len(read) >= len(m.nodes)
    assert all(close(read[k], looked_up[k]) for k in read), name


@pytest.mark.parametrize(("name", "m"), maps(), ids=[n for n, _ in maps()])
def test_edge_lines_from_the_engine_are_those_qtsvg_places(
    qapp, name: str, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    svg, renderer, bounds = parsed(m, "TB")
    assert drawing._graph_transform(svg) is not None
    rects = drawing.node_rects(renderer, svg, bounds)
    read = drawing.edge_paths(renderer, svg, bounds, dict(rects))
    monkeypatch.setattr(drawing, "_GRAPH_TRANSFORM", re.compile(rb"(?!x)x"))  # QtSvg's way
    placed = drawing.edge_paths(renderer, svg, bounds, dict(rects))
    assert [k for k, _ in read] == [k for k, _ in placed] and read
    assert all(
        close(a.boundingRect(), b.boundingRect())
        for (_, a), (_, b) in zip(read, placed, strict=True)
    )


def test_an_svg_of_another_form_is_measured_by_qtsvg(qapp) -> None:
    svg, renderer, bounds = parsed(varied(), "TB")
    other = re.sub(rb'(class="graph" transform=")', rb"\1 ", svg, count=1)
    assert drawing._GRAPH_TRANSFORM.search(other) is None
    rects = drawing.node_rects(renderer, other, bounds)
    assert rects.keys() == drawing._looked_up(renderer, svg, bounds).keys()
