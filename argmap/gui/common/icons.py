"""Icons drawn with QPainter: crisp at any size, no image files to keep in sync."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from argmap.model.roles import Role
from argmap.render.themes import THEMES

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


def _magnifier(size: int, symbol: str) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ink = QColor("#37474f")
    pen = QPen(ink, max(1.5, size / 10))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(QColor("#e3f2fd"))
    c, r = size * 0.42, size * 0.3
    painter.drawEllipse(QPointF(c, c), r, r)
    painter.drawLine(QPointF(c + r * 0.7, c + r * 0.7), QPointF(size * 0.9, size * 0.9))
    s = r * 0.55
    if symbol in ("+", "-"):
        painter.drawLine(QPointF(c - s, c), QPointF(c + s, c))
    if symbol == "+":
        painter.drawLine(QPointF(c, c - s), QPointF(c, c + s))
    if symbol == "fit":
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(c - s, c - s * 0.7, 2 * s, 1.4 * s))
    painter.end()
    return pixmap


def _sized(draw: Callable[[int], QPixmap]) -> QIcon:
    """One icon with a pixmap for each size the toolbars and menus ask for."""
    icon = QIcon()
    for size in _SIZES:
        icon.addPixmap(draw(size))
    return icon


@cache
def zoom_icon(symbol: str) -> QIcon:
    """A magnifier with +, - or a frame (fit), for the View commands."""
    return _sized(lambda size: _magnifier(size, symbol))


def _icon(fill: str, border: str, symbol: str, dashed: bool = False) -> QIcon:
    return _sized(lambda size: _draw(size, fill, border, symbol, dashed))


_ROLE_SYMBOLS = {
    Role.CLAIM: "!",
    Role.SUPPORT: "+",
    Role.REBUTTAL: "-",
    Role.COUNTER: "=",
    Role.UNDERCUT: "/",
}


@cache
def role_icon(role: Role) -> QIcon:
    """The outline's marker for claims, supports, rebuttals and counter-rebuttals."""
    look = THEMES["default"].nodes[role]
    symbol = _ROLE_SYMBOLS[role]
    return _icon(
        look.fill, look.border, symbol, dashed=role in (Role.REBUTTAL, Role.COUNTER, Role.UNDERCUT)
    )


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


def _glyph(size: int, name: str) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ink = QColor("#37474f")
    pen = QPen(ink, max(1.5, size / 11))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    u = size / 16
    if name in ("undo", "redo"):
        mirror = name == "redo"

        def x(v: float) -> float:
            return size - v if mirror else v

        path = QPainterPath()
        path.moveTo(x(4 * u), 7 * u)
        path.lineTo(x(10 * u), 7 * u)
        path.cubicTo(x(15 * u), 7 * u, x(15 * u), 14 * u, x(10 * u), 14 * u)
        path.lineTo(x(7 * u), 14 * u)
        painter.drawPath(path)
        painter.drawLine(QPointF(x(4 * u), 7 * u), QPointF(x(7 * u), 4 * u))
        painter.drawLine(QPointF(x(4 * u), 7 * u), QPointF(x(7 * u), 10 * u))
    elif name == "attach":  # a page with lines of text and a paper clip
        painter.drawRect(QRectF(3 * u, 2 * u, 9 * u, 12 * u))
        for row in (5, 7.5, 10):
            painter.drawLine(QPointF(5 * u, row * u), QPointF(10 * u, row * u))
        clip = QPainterPath()
        clip.moveTo(13.5 * u, 6 * u)
        clip.lineTo(13.5 * u, 13 * u)
        clip.arcTo(QRectF(11.5 * u, 12 * u, 4 * u, 3 * u), 0, -180)
        painter.drawPath(clip)
    elif name == "export":  # a picture frame with an arrow leaving it
        painter.drawRoundedRect(QRectF(2 * u, 5 * u, 9 * u, 9 * u), u, u)
        painter.drawLine(QPointF(7 * u, 9 * u), QPointF(14 * u, 2 * u))
        painter.drawLine(QPointF(14 * u, 2 * u), QPointF(9.5 * u, 2 * u))
        painter.drawLine(QPointF(14 * u, 2 * u), QPointF(14 * u, 6.5 * u))
    else:  # indent / outdent: lines of text with an arrow
        for row in (3, 13):
            painter.drawLine(QPointF(2 * u, row * u), QPointF(14 * u, row * u))
        for row in (6.3, 9.7):
            painter.drawLine(QPointF(8 * u, row * u), QPointF(14 * u, row * u))
        painter.setBrush(ink)
        tip, back = (6 * u, 2 * u) if name == "indent" else (2 * u, 6 * u)
        arrow = QPainterPath()
        arrow.moveTo(back, 5.5 * u)
        arrow.lineTo(tip, 8 * u)
        arrow.lineTo(back, 10.5 * u)
        arrow.closeSubpath()
        painter.drawPath(arrow)
    painter.end()
    return pixmap


@cache
def glyph_icon(name: str) -> QIcon:
    """undo, redo, indent, outdent: shapes that stay distinct next to each other."""
    return _sized(lambda size: _glyph(size, name))
