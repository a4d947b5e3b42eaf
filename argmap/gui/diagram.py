"""The diagram pane: the rendered SVG, zoomable and pannable."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QPainter, QWheelEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtSvgWidgets import QGraphicsSvgItem
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QLabel, QWidget

from argmap.render.export import for_qt


class DiagramView(QGraphicsView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(Qt.GlobalColor.white)
        self._renderer: QSvgRenderer | None = None
        self._item: QGraphicsSvgItem | None = None
        self._fitted = False
        self.svg: bytes | None = None
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(
            "background: #fff3f2; color: #8b1a1a; border: 1px solid #c62828; padding: 6px;"
        )
        self.message.hide()
        self.setAccessibleName("Diagram")

    MIN_FIRST_SCALE = 0.75  # below this the text of a wide map is unreadable

    def show_svg(self, svg: bytes, focus: str | None = None) -> bool:
        """Show a new drawing; the first one is fitted, or centred on `focus` if too small."""
        renderer = QSvgRenderer(QByteArray(for_qt(svg)), self)
        if not renderer.isValid():
            return False
        self.hide_message()
        self.svg = svg
        self.scene().clear()
        self._renderer = renderer
        self._item = QGraphicsSvgItem()
        self._item.setSharedRenderer(renderer)
        self.scene().addItem(self._item)
        self.scene().setSceneRect(self._item.boundingRect())
        if not self._fitted:
            self.fit()
            self._fitted = True
            if self.transform().m11() < self.MIN_FIRST_SCALE:
                self.resetTransform()
                self.zoom(self.MIN_FIRST_SCALE)
                if focus and renderer.elementExists(focus):
                    bounds = renderer.transformForElement(focus).mapRect(
                        renderer.boundsOnElement(focus)
                    )
                    self.centerOn(bounds.center().x(), bounds.top() + self.viewport().height() / 3)
        return True

    def show_message(self, text: str) -> None:
        """A render error, shown over the last good diagram rather than in a dialog."""
        self.message.setText(text)
        self.message.setFixedWidth(max(200, self.viewport().width() - 20))
        self.message.adjustSize()
        self.message.move(10, 10)
        self.message.show()

    def hide_message(self) -> None:
        self.message.hide()

    def clear(self) -> None:
        self.scene().clear()
        self._item = None
        self._renderer = None
        self.svg = None
        self._fitted = False

    def reset_zoom(self) -> None:
        self.resetTransform()

    def has_diagram(self) -> bool:
        return self._item is not None

    def fit(self) -> None:
        if self._item is not None:
            self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)

    def zoom(self, factor: float) -> None:
        self.scale(factor, factor)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            event.accept()
        else:
            super().wheelEvent(event)
