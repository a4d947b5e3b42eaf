"""The on-screen legend (View ▸ Legend): what the diagram's colours, frames and marks
mean, drawn small in the bottom-left corner of the diagram (the overview keeps the
bottom right).  It paints the legend's SVG (render/legend.legend_svg) and lets clicks
through to the diagram below."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget

from argmap.render.export import svg_size_pt

#: the legend never takes more of the diagram's width or height than this
MOST = 0.4
PAD = 6


class LegendOverlay(QWidget):
    def __init__(self, view: QWidget, viewport: QWidget) -> None:
        super().__init__(view)
        self.viewport = viewport
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName("Legend of the diagram")
        self.renderer: QSvgRenderer | None = None
        self.svg: bytes | None = None
        self.natural = (0.0, 0.0)
        viewport.installEventFilter(self)
        self.hide()

    def show_legend(self, svg: bytes | None) -> None:
        """Show `svg` (None or an empty legend: hide)."""
        if svg is None or svg == self.svg:
            if svg is None:
                self.svg, self.renderer = None, None
                self.hide()
            return
        renderer = QSvgRenderer(QByteArray(svg))
        width, height = svg_size_pt(svg)
        if not renderer.isValid() or width < 2 or height < 2:
            self.svg, self.renderer = None, None
            self.hide()
            return
        self.svg, self.renderer, self.natural = svg, renderer, (width * 4 / 3, height * 4 / 3)
        self.place()
        self.show()
        self.raise_()
        self.update()

    def place(self) -> None:
        room = self.viewport.geometry()
        width, height = self.natural
        scale = min(1.0, room.width() * MOST / max(width, 1), room.height() * MOST / max(height, 1))
        w, h = int(width * scale) + 2 * PAD, int(height * scale) + 2 * PAD  # never over MOST
        self.setGeometry(room.left() + 6, room.bottom() - h - 6, w, h)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and self.renderer is not None:
            self.place()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if self.renderer is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#9e9e9e"), 1))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        inner = QRectF(self.rect().adjusted(PAD, PAD, -PAD, -PAD))
        self.renderer.render(painter, inner)
        painter.end()
