"""Keeps the diagram in step with the document: debounced renders off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from argmap.gui.diagram import DiagramView
from argmap.gui.document import Document
from argmap.gui.render_worker import RenderWorker
from argmap.render import RenderOptions
from argmap.render.engines import Engine

DEBOUNCE_MS = 150


class LiveDiagram(QObject):
    status = Signal(str)  # "rendered in 40 ms" or the error

    def __init__(
        self,
        document: Document,
        view: DiagramView,
        theme: str = "default",
        direction: str = "TB",
        engine: Engine | None = None,
    ) -> None:
        super().__init__(document)
        self.document = document
        self.view = view
        self.theme = theme
        self.direction = direction
        self.worker = RenderWorker(self, engine)
        self.worker.rendered.connect(self._on_rendered)
        self.worker.failed.connect(self._on_failed)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.render_now)
        document.changed.connect(lambda *args: self.timer.start())
        document.reset.connect(self._on_reset)
        self.pending = False

    def options(self) -> RenderOptions:
        return RenderOptions.from_style(
            self.document.map.style, theme=self.theme, direction=self.direction
        )

    def set_view(self, theme: str | None = None, direction: str | None = None) -> None:
        self.theme = theme or self.theme
        self.direction = direction or self.direction
        self.render_now()

    def _on_reset(self) -> None:
        self.view.clear()
        self.render_now()

    def render_now(self) -> None:
        self.timer.stop()
        if not self.document.map.nodes:
            self.view.clear()
            self.view.show_message("An empty map. Add a claim to start (Edit ▸ Add Claim).")
            self.pending = False
            self.status.emit("")
            return
        self.pending = True
        self.worker.request(self.document.map, self.options())
        self.status.emit("rendering…")

    def _on_rendered(self, svg: bytes, seconds: float) -> None:
        self.pending = False
        roots = self.document.map.tree.roots
        if self.view.show_svg(svg, focus=roots[0] if roots else None):
            self.status.emit(f"rendered in {seconds * 1000:.0f} ms")
        else:
            self._on_failed("the diagram could not be displayed (invalid SVG)")

    def _on_failed(self, message: str) -> None:
        self.pending = False
        self.view.show_message(f"Could not draw the map: {message}")
        self.status.emit(f"render failed: {message}")
