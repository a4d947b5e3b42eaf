"""Who else is editing a shared map, drawn over the diagram: each person's selected
node outlined in their colour, their name above it at a readable size at any zoom."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QColor, QPen, QTransform
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from argmap.gui.diagram.input import _outline


def place_peers(
    scene: QGraphicsScene,
    old: list[QGraphicsItem],
    peers: Mapping[str, list[tuple[str, str]]],
    rects: Mapping[str, QRectF],
) -> list[QGraphicsItem]:
    """The marks for `peers` (node id -> [(name, colour)]) in `scene`, the `old` ones
    taken away; a node not drawn (folded away) gets none."""
    for item in old:
        if item.scene() is scene:
            scene.removeItem(item)
    items: list[QGraphicsItem] = []
    for node_id, people in sorted(peers.items()):
        rect = rects.get(node_id)
        if rect is None:
            continue
        for index, (name, colour) in enumerate(people):
            frame = QGraphicsPathItem(_outline(rect, 7 + 4 * index))
            pen = QPen(QColor(colour), 2.5)
            pen.setCosmetic(True)  # the same thickness at every zoom
            frame.setPen(pen)
            frame.setZValue(9.5)
            label = QGraphicsSimpleTextItem(name)
            label.setBrush(QBrush(QColor(colour)))
            label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            label.setPos(rect.left(), rect.top())
            # drawn unscaled: the shift above the frame is in screen pixels
            label.setTransform(QTransform.fromTranslate(0, -20 - 15 * index))
            label.setZValue(12)
            for item in (frame, label):
                scene.addItem(item)
                items.append(item)
    return items
