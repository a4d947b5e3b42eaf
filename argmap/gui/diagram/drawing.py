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
    graph = _graph_transform(svg)  # every edge is in the graph's group: one transform
    found = [(html.unescape(raw.decode("utf-8")), body) for raw, body in _EDGE_GROUP.findall(svg)]
    names = {element for element, _body in found}
    edges = []
    for element, body in found:
        line = QPainterPath()
        for data in _PATH_DATA.findall(body):
            line.addPath(_line(data))
        if line.isEmpty():
            continue
        if graph is None:  # not the form Graphviz writes: ask QtSvg
            if not renderer.elementExists(element):
                continue
            line = renderer.transformForElement(element).map(line)
        else:
            line = graph.map(line)
        line = to_item.map(line)
        child = element.removeprefix("edge.")
        if element.endswith(".tail") and element.removesuffix(".tail") in names:
            child = child.removesuffix(".tail")  # below the junction an undercut attacks
            junction = rects.pop(f"junction.{child}", None)
            if junction is not None:
                line.addEllipse(junction)
        edges.append((child, line))
    return edges


#: a node's outline: a path, polygon or ellipse, with its attributes
_SHAPE = re.compile(rb"<(?:path|polygon|polyline|ellipse)\b([^>]*)>")
_COORDS = re.compile(rb'\s(?:d|points)="([^"]+)"')
_ELLIPSE = re.compile(rb'\scx="([-\d.e]+)" cy="([-\d.e]+)" rx="([-\d.e]+)" ry="([-\d.e]+)"')
_STROKE = re.compile(rb'\sstroke="([^"]*)"')
_TO_SPACES = bytes.maketrans(b"MCLZ,", b"     ")
_STROKE_WIDTH = re.compile(rb'\sstroke-width="([\d.]+)"')
_GRAPH_TRANSFORM = re.compile(
    rb'<g id="[^"]*" class="graph" transform="scale\(([-\d.]+) ([-\d.]+)\) rotate\(0\) '
    rb'translate\(([-\d.]+) ([-\d.]+)\)"'
)


def _graph_transform(svg: bytes) -> QTransform | None:
    """The transform of Graphviz's graph group (a translation, then a scale), if found."""
    found = _GRAPH_TRANSFORM.search(svg, 0, 4096)
    if found is None:
        return None
    sx, sy, tx, ty = (float(v) for v in found.groups())
    return QTransform(sx, 0, 0, sy, tx * sx, ty * sy)


def node_rects(renderer: QSvgRenderer, svg: bytes, bounds: QRectF) -> dict[str, QRectF]:
    """Where each node is drawn, in the coordinates of the drawing's item: read from the
    outlines the engine wrote (its own coordinates), not looked up in QtSvg, which takes
    three lookups a node (1.25 s at 10,000 nodes)."""
    found = _GRAPH_TRANSFORM.search(svg, 0, 4096)
    if found is None:  # not the form Graphviz writes: ask QtSvg
        return _looked_up(renderer, svg, bounds)
    sx, sy, tx, ty = (float(v) for v in found.groups())  # scale(sx sy) after translate(tx ty)
    view_box = renderer.viewBoxF()
    kx = bounds.width() / view_box.width() if view_box.width() else 1.0
    ky = bounds.height() / view_box.height() if view_box.height() else 1.0
    rects = {}
    for group in _NODE_GROUP.finditer(svg):
        # the outlines come before the node's texts: read up to the first text, or the group's end
        end = svg.find(b"</g>", group.end())
        text = svg.find(b"<text", group.end(), end)
        body = svg[group.end() : text if text >= 0 else end]
        box = _outline(body)
        if box is None:
            continue
        left, top = (box[0] + tx) * sx, (box[1] + ty) * sy
        right, bottom = (box[2] + tx) * sx, (box[3] + ty) * sy
        node_id = html.unescape(group.group(1).decode("utf-8"))  # "-" is written &#45;
        rects[node_id] = QRectF(
            (left - view_box.x()) * kx,
            (top - view_box.y()) * ky,
            (right - left) * kx,
            (bottom - top) * ky,
        )
    return rects


def _outline(body: bytes) -> tuple[float, float, float, float] | None:
    """(left, top, right, bottom) of a node's outlines, their pens' half widths included,
    as QtSvg measures an element."""
    low_x = low_y = float("inf")
    high_x = high_y = float("-inf")
    for attrs in _SHAPE.findall(body):
        coords = _COORDS.search(attrs)
        if coords is not None:
            try:  # "M x,y C x,y ..." or "x,y x,y ...": numbers between letters, commas, spaces
                numbers = list(map(float, coords.group(1).translate(_TO_SPACES).split()))
            except ValueError:  # another path syntax: every number in it
                numbers = [float(n) for n in _NUMBER.findall(coords.group(1))]
            xs, ys = numbers[0::2], numbers[1::2]
            if not xs or not ys:
                continue
            x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        else:
            ellipse = _ELLIPSE.search(attrs)
            if ellipse is None:
                continue
            cx, cy, rx, ry = (float(v) for v in ellipse.groups())
            x0, x1, y0, y1 = cx - rx, cx + rx, cy - ry, cy + ry
        stroke = _STROKE.search(attrs)
        pen = 0.0
        if stroke is None or stroke.group(1) != b"none":
            width = _STROKE_WIDTH.search(attrs)
            pen = (float(width.group(1)) if width else 1.0) / 2
        low_x, low_y = min(low_x, x0 - pen), min(low_y, y0 - pen)
        high_x, high_y = max(high_x, x1 + pen), max(high_y, y1 + pen)
    if low_x > high_x:
        return None
    return low_x, low_y, high_x, high_y


def _looked_up(renderer: QSvgRenderer, svg: bytes, bounds: QRectF) -> dict[str, QRectF]:
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
