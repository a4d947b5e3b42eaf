"""Parts of the diagram pane: the editor laid over a node, and the overview of the map."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QMouseEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QGraphicsView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from argmap.gui.common.keys import claims_key

if TYPE_CHECKING:
    from argmap.gui.diagram.view import DiagramView


class InPlaceEditor(QPlainTextEdit):
    """Edits a node's text over the node: Enter commits, Ctrl/Shift+Enter breaks a line,
    Escape cancels, leaving the field commits."""

    committed = Signal(str, str)  # node id, text
    cancelled = Signal()
    abandoned = Signal(str)  # the node whose editing Escape ended

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.node_id: str | None = None
        self.setTabChangesFocus(True)
        self.setAccessibleName("Edit node text on the diagram")
        self.setStyleSheet(
            "QPlainTextEdit { border: 2px solid #1f6fd1; background: white; color: black; }"
        )
        self.hide()

    def open(self, node_id: str, text: str, rect: QRect, point_size: float) -> None:
        """Cover the node with an editor big enough for its text at a readable size."""
        self.node_id = node_id
        font = self.font()
        font.setPointSizeF(max(9.0, min(point_size, 16.0)))
        self.setFont(font)
        self.setPlainText(text)
        self.selectAll()
        line = self.fontMetrics().lineSpacing()
        width = max(rect.width() + 8, 260)
        height = max(rect.height() + 8, line * 5 + 12)
        holder = self.parentWidget()
        area = holder.rect() if holder else rect
        left = min(max(0, rect.center().x() - width // 2), max(0, area.width() - width))
        top = min(max(0, rect.top() - 4), max(0, area.height() - height))
        self.setGeometry(QRect(left, top, width, height))
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _finish(self, commit: bool) -> None:
        node_id, self.node_id = self.node_id, None
        if node_id is None:
            return
        self.hide()
        if commit:
            self.committed.emit(node_id, self.toPlainText())
        else:
            self.cancelled.emit()
            self.abandoned.emit(node_id)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if claims_key(event):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
            ):
                self.insertPlainText("\n")
            else:
                self._finish(True)
            return
        if event.key() == Qt.Key.Key_Escape:
            self._finish(False)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self._finish(True)


class Overview(QGraphicsView):
    """A small map of the whole diagram with the visible part framed; click to go there."""

    WIDTH, HEIGHT = 220, 140

    def __init__(self, main: DiagramView) -> None:
        super().__init__(main.scene(), main)
        self.main = main
        self.setInteractive(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setRenderHints(QPainter.RenderHint.Antialiasing)
        self.setStyleSheet("border: 1px solid #9e9e9e; background: white;")
        self.setAccessibleName("Overview of the whole diagram")
        self.setFixedSize(self.WIDTH, self.HEIGHT)
        self.enabled = True  # View > Overview
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        main.horizontalScrollBar().valueChanged.connect(self.refresh)
        main.verticalScrollBar().valueChanged.connect(self.refresh)
        main.scene().sceneRectChanged.connect(self.refresh)
        main.viewport().installEventFilter(self)
        self.hide()
        self._thumb: QPixmap | None = None
        self._thumb_of: bytes | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.refresh()
        return False

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:  # noqa: N802
        """The whole map as boxes and lines, drawn once per drawing at this small size from
        the nodes' rectangles and the edges' lines.  (Painting the SVG itself here held the
        window for a tenth of a second at 1,000 nodes, and again after every scroll.)"""
        super().drawBackground(painter, rect)
        if self.main.svg is None:
            return
        size = self.viewport().size()
        ratio = self.devicePixelRatioF()
        if self._thumb is None or self._thumb_of is not self.main.svg:
            thumb = QPixmap(size * ratio)
            thumb.setDevicePixelRatio(ratio)
            thumb.fill(Qt.GlobalColor.white)
            sketch = QPainter(thumb)
            sketch.setRenderHint(QPainter.RenderHint.Antialiasing)
            sketch.setTransform(self.transform())  # scene to this view, as drawn
            sketch.translate(-self.mapToScene(0, 0))
            lines = QPen(QColor("#9e9e9e"))
            lines.setCosmetic(True)
            sketch.setPen(lines)
            for _child, line in self.main.edge_lines():
                sketch.drawPath(line)
            boxes = QPen(QColor("#5f6b7a"))
            boxes.setCosmetic(True)
            sketch.setPen(boxes)
            sketch.setBrush(QColor("#dbe4ee"))
            for box in self.main.node_boxes():
                sketch.drawRect(box)
            sketch.end()
            self._thumb, self._thumb_of = thumb, self.main.svg
        painter.save()
        painter.resetTransform()
        painter.drawPixmap(0, 0, self._thumb)
        painter.restore()

    def visible_rect(self) -> QRectF:
        return self.main.mapToScene(self.main.viewport().rect()).boundingRect()

    def refresh(self, *args: object) -> None:
        scene_rect = self.main.sceneRect()
        needed = (
            self.enabled
            and self.main.has_diagram()
            and not self.visible_rect().contains(scene_rect.adjusted(2, 2, -2, -2))
        )
        self.setVisible(bool(needed))
        if needed:
            port = self.main.viewport().geometry()
            # at most 0.4 of each side: never more than a fifth of the view
            self.setFixedSize(
                max(60, min(self.WIDTH, int(port.width() * 0.4))),
                max(40, min(self.HEIGHT, int(port.height() * 0.4))),
            )
            self.fitInView(scene_rect, Qt.AspectRatioMode.KeepAspectRatio)
            self._thumb = None  # the fit may have changed: paint the thumbnail again
            self.move(self._corner(port))
            self.viewport().update()

    def _corner(self, port: QRect) -> QPoint:
        """Bottom right, unless the selected node is there: then top right, or bottom left."""
        w, h, gap = self.width(), self.height(), 6
        corners = (
            QPoint(port.right() - w - gap, port.bottom() - h - gap),
            QPoint(port.right() - w - gap, port.top() + gap),
            QPoint(port.left() + gap, port.bottom() - h - gap),
        )
        selected = self.main.node_rect(self.main.selected) if self.main.selected else None
        if selected is None:
            return corners[0]
        node = self.main.mapFromScene(selected).boundingRect().translated(port.topLeft())
        for corner in corners:
            if not QRect(corner, self.size()).intersects(node):
                return corner
        return corners[0]

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:  # noqa: N802
        pen = QPen(QColor("#1f6fd1"), 2)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(QColor(31, 111, 209, 30))
        painter.drawRect(self.visible_rect())

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.main.centerOn(self.mapToScene(event.position().toPoint()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.main.centerOn(self.mapToScene(event.position().toPoint()))


class Invite(QWidget):
    """What an empty map shows: a line and a button to add the main claim."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAccessibleName("An empty map")
        text = QLabel("This map is empty. Start with the claim the text argues for.")
        self.button = QPushButton("Add the Main Claim")
        self.button.setDefault(True)
        hint = QLabel("or double-click anywhere here, or right-click ▸ Add Claim")
        hint.setStyleSheet("color: #666;")
        for label in (text, hint):  # a narrow diagram pane wraps them instead of cutting
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self)
        for widget in (text, self.button, hint):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        self.hide()
