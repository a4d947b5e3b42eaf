"""A rendered diagram made ready to show: the SVG parsed and every node's rectangle found.

This is done where the render runs, off the GUI thread, so that showing even
a large diagram does not freeze the window.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from PySide6.QtCore import QByteArray, QPointF, QRectF, QThread
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from argmap.render.export import for_qt

_NODE_GROUP = re.compile(rb'<g id="([^"]+)" class="node')


MAX_PREVIEW_PIXELS = 24_000_000  # beyond this the view draws the vectors itself


@dataclass
class Drawing:
    svg: bytes
    renderer: QSvgRenderer
    bounds: QRectF
    rects: dict[str, QRectF] = field(default_factory=dict)
    #: the drawing painted at `scale` (device pixels per unit), so the GUI thread only
    #: has to copy pixels; None when too large, or no scale was asked for
    image: QImage | None = None
    scale: float = 0.0
    region: QRectF = field(default_factory=QRectF)  # the part of the drawing the image shows


def prepare_drawing(
    svg: bytes, home: QThread | None = None, scale: float = 0.0, region: QRectF | None = None
) -> Drawing:
    """Parse `svg`, and paint the `region` the view shows at `scale` device pixels per unit.

    `home` is the GUI thread that will use the renderer.
    """
    renderer = QSvgRenderer(QByteArray(for_qt(svg)))
    if not renderer.isValid():
        raise ValueError("the diagram could not be read (invalid SVG)")
    bounds = QRectF(QPointF(0, 0), renderer.defaultSize().toSizeF())
    drawing = Drawing(svg, renderer, bounds, node_rects(renderer, svg, bounds))
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
    if home is not None and renderer.thread() is not home:
        renderer.moveToThread(home)
    return drawing


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
