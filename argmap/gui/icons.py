"""Icons drawn with QPainter: crisp at any size, no image files to keep in sync."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from argmap.render.themes import THEMES, Role

_SIZES = (16, 24, 32, 48)


def _draw(size: int, fill: str, border: str, symbol: str, dashed: bool = False) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(border), max(1.0, size / 12))
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(QColor(fill))
    margin = size * 0.1
    rect = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    painter.drawRoundedRect(rect, size * 0.2, size * 0.2)
    symbol_pen = QPen(QColor(border), max(1.5, size / 8))
    symbol_pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(symbol_pen)
    c, r = size / 2, size * 0.22
    if symbol in ("+", "++"):
        offset = size * 0.12 if symbol == "++" else 0
        for dx in (-offset, offset) if offset else (0,):
            painter.drawLine(QPointF(c + dx - r * 0.7, c), QPointF(c + dx + r * 0.7, c))
            painter.drawLine(QPointF(c + dx, c - r * 0.7), QPointF(c + dx, c + r * 0.7))
    elif symbol == "-":
        painter.drawLine(QPointF(c - r, c), QPointF(c + r, c))
    elif symbol == "=":
        painter.drawLine(QPointF(c - r, c - r * 0.5), QPointF(c + r, c - r * 0.5))
        painter.drawLine(QPointF(c - r, c + r * 0.5), QPointF(c + r, c + r * 0.5))
    elif symbol == "!":
        path = QPainterPath()
        path.moveTo(c - r, c + r * 0.6)
        path.lineTo(c, c - r)
        path.lineTo(c + r, c + r * 0.6)
        painter.drawPath(path)
    painter.end()
    return pixmap


def _icon(fill: str, border: str, symbol: str, dashed: bool = False) -> QIcon:
    icon = QIcon()
    for size in _SIZES:
        icon.addPixmap(_draw(size, fill, border, symbol, dashed))
    return icon


@cache
def role_icon(role: str) -> QIcon:
    """The outline's marker for claims, supports, rebuttals and counter-rebuttals."""
    look = THEMES["default"].nodes[Role(role)]
    symbol = {"claim": "!", "support": "+", "rebuttal": "-", "counter": "="}[role]
    return _icon(look.fill, look.border, symbol, dashed=role in ("rebuttal", "counter"))


@cache
def action_icon(name: str) -> QIcon:
    """Icons of our own actions; standard ones come from the platform theme."""
    nodes = THEMES["default"].nodes
    looks = {
        "add-support": (nodes[Role.SUPPORT], "+"),
        "add-rebuttal": (nodes[Role.REBUTTAL], "-"),
        "add-co-premise": (nodes[Role.SUPPORT], "++"),
        "add-sibling": (nodes[Role.CLAIM], "+"),
        "add-claim": (nodes[Role.CLAIM], "!"),
        "toggle-relation": (nodes[Role.COUNTER], "="),
    }
    look, symbol = looks[name]
    return _icon(look.fill, look.border, symbol)
