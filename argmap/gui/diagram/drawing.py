"""A rendered diagram made ready to show: the SVG parsed and every node's rectangle found.

This is done where the render runs, off the GUI thread, so that showing even
a large diagram does not freeze the window.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from PySide6.QtCore import QByteArray, QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QTransform
from PySide6.QtSvg import QSvgRenderer

from argmap.model import Fit
from argmap.render.export import for_qt

_NODE_GROUP = re.compile(rb'<g id="([^"]+)" class="node')
#: a tree edge's group (render/dot.py names it `edge.<child id>`, and the part below an
#: undercut's junction `edge.<child id>.tail`) and the path data of its line
_EDGE_GROUP = re.compile(rb'<g id="(edge\.[^"]+)" class="edge">(.*?)</g>', re.DOTALL)
_PATH_DATA = re.compile(rb'<path[^>]*\sd="([^"]+)"')
_NUMBER = re.compile(rb"-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?")


MAX_PREVIEW_PIXELS = 24_000_000  # beyond this the view draws the vectors itself


@dataclass
class Drawing:
    svg: bytes
    renderer: QSvgRenderer
    bounds: QRectF
    rects: dict[str, QRectF] = field(default_factory=dict)
    #: each tree edge's line by the id of the node at its lower end (the reason whose
    #: link it draws), in the same coordinates as `rects`
    edges: list[tuple[str, QPainterPath]] = field(default_factory=list)
    #: the drawing painted at `scale` (device pixels per unit), so the GUI thread only
    #: has to copy pixels; None when too large, or no scale was asked for
    image: QImage | None = None
    scale: float = 0.0
    region: QRectF = field(default_factory=QRectF)  # the part of the drawing the image shows
    #: the layout chosen for the window (render/layout.py), to keep for the next render
    fit: Fit | None = None
    direction: str = "TB"  # where the reasons lie: below ("TB") or to the right ("LR")
    legend: bytes | None = None  # the on-screen legend's SVG, when it was asked for


def prepare_drawing(svg: bytes, scale: float = 0.0, region: QRectF | None = None) -> Drawing:
    """Parse `svg`, and paint the `region` the view shows at `scale` device pixels per unit.

    The renderer stays in the thread that made it: the GUI thread uses it as it is.
    Moving it (`moveToThread`) from a worker deadlocked the window: PySide holds the
    GIL through that call, which takes one of Qt's shared connection locks, while the
    GUI thread, holding such a lock inside a disconnect, waited for the GIL.
    """
    renderer = QSvgRenderer(QByteArray(for_qt(svg)))
    if not renderer.isValid():
        raise ValueError("the diagram could not be read (invalid SVG)")
    bounds = QRectF(QPointF(0, 0), renderer.defaultSize().toSizeF())
    rects = node_rects(renderer, svg, bounds)
    drawing = Drawing(svg, renderer, bounds, rects, edge_paths(renderer, svg, bounds, rects))
    part = (region or bounds).intersected(bounds)
    width, height = round(part.width() * scale), round(part.height() * scale)
    if scale > 0 and 0 < width * height <= MAX_PREVIEW_PIXELS:
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        painter.scale(scale, scale)
        painter.translate(-part.x(), -part.y())
        renderer.render(painter, bounds)
        painter.end()
        drawing.image, drawing.scale, drawing.region = image, scale, part
    return drawing


def _to_item(renderer: QSvgRenderer, bounds: QRectF) -> QTransform:
    """From the SVG's user units (its view box) to the coordinates of the drawing's item."""
    view_box = renderer.viewBoxF()
    sx = bounds.width() / view_box.width() if view_box.width() else 1.0
    sy = bounds.height() / view_box.height() if view_box.height() else 1.0
    return QTransform(sx, 0, 0, sy, -view_box.x() * sx, -view_box.y() * sy)


def _line(data: bytes) -> QPainterPath:
    """A Graphviz edge's path data (a move, then cubic Bézier segments) as a path."""
    numbers = [float(n) for n in _NUMBER.findall(data)]
    points = [QPointF(x, y) for x, y in zip(numbers[0::2], numbers[1::2], strict=False)]
    path = QPainterPath()
    if not points:
        return path
    path.moveTo(points[0])
    rest = points[1:]
    if len(rest) % 3 == 0:
        for at in range(0, len(rest), 3):
            path.cubicTo(rest[at], rest[at + 1], rest[at + 2])
    else:  # not the Bézier form Graphviz writes: join the points
        for point in rest:
            path.lineTo(point)
    return path


def edge_paths(
    renderer: QSvgRenderer, svg: bytes, bounds: QRectF, rects: dict[str, QRectF]
) -> list[tuple[str, QPainterPath]]:
    """Each tree edge's line, by the id of the node at its lower end, in item coordinates.

    The junction an undercut points at is part of the edge it sits on: its point is taken
    out of `rects` (it is not a node of the map) and added to that edge's line.
    """
    to_item = _to_item(renderer, bounds)
    found = [(html.unescape(raw.decode("utf-8")), body) for raw, body in _EDGE_GROUP.findall(svg)]
    names = {element for element, _body in found}
    edges = []
    for element, body in found:
        line = QPainterPath()
        for data in _PATH_DATA.findall(body):
            line.addPath(_line(data))
        if line.isEmpty() or not renderer.elementExists(element):
            continue
        line = to_item.map(renderer.transformForElement(element).map(line))
        child = element.removeprefix("edge.")
        if element.endswith(".tail") and element.removesuffix(".tail") in names:
            child = child.removesuffix(".tail")  # below the junction an undercut attacks
            junction = rects.pop(f"junction.{child}", None)
            if junction is not None:
                line.addEllipse(junction)
        edges.append((child, line))
    return edges


def node_rects(renderer: QSvgRenderer, svg: bytes, bounds: QRectF) -> dict[str, QRectF]:
    """Where each node is drawn, in the coordinates of the drawing's item."""
    view_box = renderer.viewBoxF()
    sx = bounds.width() / view_box.width() if view_box.width() else 1.0
    sy = bounds.height() / view_box.height() if view_box.height() else 1.0
    rects = {}
    for raw in _NODE_GROUP.findall(svg):
        node_id = html.unescape(raw.decode("utf-8"))  # Graphviz writes "-" as &#45;
        if not renderer.elementExists(node_id):
            continue
        rect = renderer.transformForElement(node_id).mapRect(renderer.boundsOnElement(node_id))
        rects[node_id] = QRectF(
            (rect.x() - view_box.x()) * sx,
            (rect.y() - view_box.y()) * sy,
            rect.width() * sx,
            rect.height() * sy,
        )
    return rects
