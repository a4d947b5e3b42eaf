"""The map window: for now the live diagram of one map (the editor builds on it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from argmap.formats import LoadError, load
from argmap.gui.diagram import DiagramView
from argmap.gui.render_worker import RenderWorker
from argmap.model import ArgumentMap


class MapWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.map: ArgumentMap | None = None
        self.path: Path | None = None
        self.diagram = DiagramView(self)
        self.setCentralWidget(self.diagram)
        self.worker = RenderWorker(self)
        self.worker.rendered.connect(self._on_rendered)
        self.worker.failed.connect(self._on_failed)
        self._status = QLabel("No map open")
        self.statusBar().addWidget(self._status, 1)
        self._add_actions()
        self.resize(1200, 800)
        self.setWindowTitle("argmap")

    def _add_actions(self) -> None:
        view = self.menuBar().addMenu("&View")
        for text, keys, slot in (
            ("Zoom &In", QKeySequence.StandardKey.ZoomIn, lambda: self.diagram.zoom(1.25)),
            ("Zoom &Out", QKeySequence.StandardKey.ZoomOut, lambda: self.diagram.zoom(0.8)),
            ("&Fit to Window", QKeySequence("Ctrl+0"), self.diagram.fit),
        ):
            action = QAction(text, self)
            action.setShortcut(keys)
            action.triggered.connect(slot)
            view.addAction(action)

    def open_path(self, path: Path) -> bool:
        """Load a map; on failure say why and keep what was open."""
        try:
            m = load(path)
        except LoadError as exc:
            QMessageBox.warning(self, "Cannot open map", str(exc))
            self._status.setText(f"Could not open {path}")
            return False
        self.set_map(m, path)
        return True

    def set_map(self, m: ArgumentMap, path: Path | None = None) -> None:
        self.map, self.path = m, path
        name = path.name if path else "untitled"
        self.setWindowTitle(f"{m.title or name} — argmap")
        self._status.setText(f"{name}: {len(m.nodes)} nodes — rendering…")
        self.worker.request(m)

    def _on_rendered(self, svg: bytes, seconds: float) -> None:
        name = self.path.name if self.path else "untitled"
        roots = self.map.tree.roots if self.map else ()
        if self.diagram.show_svg(svg, focus=roots[0] if roots else None):
            count = len(self.map.nodes) if self.map else 0
            self._status.setText(f"{name}: {count} nodes — rendered in {seconds * 1000:.0f} ms")
        else:
            self._status.setText("The diagram could not be displayed (invalid SVG)")

    def _on_failed(self, message: str) -> None:
        self._status.setText(f"Render failed: {message}")
