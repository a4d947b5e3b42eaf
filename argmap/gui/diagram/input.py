"""The diagram view's input: clicks, hover, drags onto a drop target, panning, rubber-band
and wheel or pinch zoom, and the keys that step through the map.

DiagramInput is mixed into DiagramView (gui/diagram/view.py), which holds the node geometry,
the marks and the signals; these handlers only turn what the user did into those signals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QPainterPath,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QGestureEvent,
    QGraphicsView,
    QPinchGesture,
    QRubberBand,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QGraphicsPathItem

    from argmap.gui.diagram.parts import Overview

    _View = QGraphicsView
else:
    _View = object  # a mixin: DiagramView supplies the QGraphicsView


def _outline(rect: QRectF, pad: float) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(rect.adjusted(-pad, -pad, pad, pad), 8, 8)
    return path


class DiagramInput(_View):
    """Mouse, wheel, gesture and key handling for DiagramView (see the module)."""

    # what the handlers use of DiagramView (declared for the type checker only)
    node_clicked: SignalInstance
    node_toggled: SignalInstance
    also: tuple[str, ...]
    edit_requested: SignalInstance
    fold_requested: SignalInstance
    node_dropped: SignalInstance
    menu_requested: SignalInstance
    edge_menu_requested: SignalInstance
    navigate: SignalInstance
    drag_hint: SignalInstance
    claim_wanted: SignalInstance
    selected: str | None
    direction: str
    can_drop: Callable[[str, str], bool]
    foldable: Callable[[str], bool]
    overview: Overview
    node_at: Callable[[QPoint], str | None]
    edge_at: Callable[[QPoint], str | None]
    zoom: Callable[[float], None]
    _hover: Callable[[str | None], None]
    _rects: dict[str, QRectF]
    _press: tuple[QPoint, str | None] | None
    _dragging: str | None
    _panning: QPoint | None
    _band: QRubberBand | None
    _band_origin: QPoint
    _drop_mark: QGraphicsPathItem
    _ghost: QGraphicsPathItem

    # -- mouse ------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position().toPoint()
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        node_id = self.node_at(pos)
        if node_id is not None:
            self._press = (pos, node_id)
        elif event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._band_origin = pos
            self._band = self._band or QRubberBand(QRubberBand.Shape.Rectangle, self.viewport())
            self._band.setGeometry(QRect(pos, QSize()))
            self._band.show()
        else:
            self._panning = pos
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position().toPoint()
        if self._panning is not None:
            delta = pos - self._panning
            self._panning = pos
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            return
        if self._band is not None and self._band.isVisible():
            self._band.setGeometry(QRect(self._band_origin, pos).normalized())
            return
        if self._press is not None:
            start, node_id = self._press
            if node_id and (pos - start).manhattanLength() >= QApplication.startDragDistance():
                self._dragging = node_id
            if self._dragging:
                self._drag_over(pos, event.modifiers())
                return
        self._hover(self.node_at(pos))
        super().mouseMoveEvent(event)

    def _drag_over(self, pos: QPoint, modifiers: Qt.KeyboardModifier) -> None:
        assert self._dragging is not None
        source = self._rects[self._dragging]
        ghost = QRectF(source)
        ghost.moveCenter(self.mapToScene(pos))
        self._ghost.setPath(_outline(ghost, 0))
        self._ghost.show()
        target = self.node_at(pos)
        if target is None or target == self._dragging:
            self._drop_mark.hide()
            self.drag_hint.emit("Drop on a node to make this a reason of it")
            return
        ok = self.can_drop(self._dragging, target)
        colour = "#2e7d32" if ok else "#c62828"
        pen = self._drop_mark.pen()
        pen.setColor(QColor(colour))
        self._drop_mark.setPen(pen)
        fill = QColor(colour)
        fill.setAlpha(40)  # the target's text stays readable under the mark
        self._drop_mark.setBrush(fill)
        self._drop_mark.setPath(_outline(self._rects[target], 5))
        self._drop_mark.show()
        rebut = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        if ok:
            what = "rebuttal" if rebut else "support (hold Shift for a rebuttal)"
            self.drag_hint.emit(f"Drop: becomes a {what} of this node")
        else:
            self.drag_hint.emit("Cannot drop a node into its own subtree")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position().toPoint()
        if self._panning is not None:
            self._panning = None
            self.viewport().unsetCursor()
            return
        if self._band is not None and self._band.isVisible():
            self._band.hide()
            rect = QRect(self._band_origin, pos).normalized()
            if rect.width() > 4 and rect.height() > 4:
                self.fitInView(
                    self.mapToScene(rect).boundingRect(), Qt.AspectRatioMode.KeepAspectRatio
                )
                self.overview.refresh()
            return
        press, self._press = self._press, None
        dragging, self._dragging = self._dragging, None
        self._ghost.hide()
        self._drop_mark.hide()
        if dragging:
            target = self.node_at(pos)
            self.drag_hint.emit("")
            if target and target != dragging and self.can_drop(dragging, target):
                rebut = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.node_dropped.emit(dragging, target, rebut)
            return
        if press is not None and press[1] is not None:
            mods = event.modifiers()
            if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
                self.node_toggled.emit(press[1])
            else:
                self.node_clicked.emit(press[1])
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """On an argument with a structure: open or fold its premise–conclusion box (its
        text is edited with Enter or F2); on any other node: edit its text in place."""
        node_id = self.node_at(event.position().toPoint())
        if node_id is not None:
            self.node_clicked.emit(node_id)
            if self.foldable(node_id):
                self.fold_requested.emit(node_id)
            else:
                self.edit_requested.emit(node_id)
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton:  # empty canvas: a new claim
            self.claim_wanted.emit()
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802
        self._hover(None)
        super().leaveEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        node_id = self.node_at(event.pos())
        if node_id is not None:
            if node_id not in self.also:  # a menu on one of several selected acts on them all
                self.node_clicked.emit(node_id)
        else:
            edge = self.edge_at(event.pos())
            if edge is not None:
                self.edge_menu_requested.emit(edge, event.globalPos())
                return
        self.menu_requested.emit(node_id, event.globalPos())

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            event.accept()
        else:
            super().wheelEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.NativeGesture:
            assert isinstance(event, QNativeGestureEvent)
            if event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
                self.zoom(1.0 + event.value())
                return True
        if event.type() == QEvent.Type.Gesture:
            assert isinstance(event, QGestureEvent)
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                self.zoom(pinch.scaleFactor())
                return True
        return super().viewportEvent(event)

    # -- keyboard ---------------------------------------------------------------------
    _STEPS: ClassVar[dict[str, dict[Qt.Key, str]]] = {
        "TB": {
            Qt.Key.Key_Up: "parent",
            Qt.Key.Key_Down: "child",
            Qt.Key.Key_Left: "previous",
            Qt.Key.Key_Right: "next",
        },
        "LR": {
            Qt.Key.Key_Left: "parent",
            Qt.Key.Key_Right: "child",
            Qt.Key.Key_Up: "previous",
            Qt.Key.Key_Down: "next",
        },
    }

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = Qt.Key(event.key())
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        step = self._STEPS.get(self.direction, self._STEPS["TB"]).get(key)
        if step is not None and plain:
            self.navigate.emit(step)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2) and self.selected:
            self.edit_requested.emit(self.selected)
            return
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.25)
            return
        if key == Qt.Key.Key_Minus:
            self.zoom(0.8)
            return
        if key == Qt.Key.Key_Escape and self._dragging:
            self._dragging = self._press = None
            self._ghost.hide()
            self._drop_mark.hide()
            return
        super().keyPressEvent(event)
