"""Keeps the diagram in step with the document: debounced renders off the GUI thread,
and the view state that decides what is shown (collapsed subtrees, a focused subtree)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from argmap.gui.diagram.drawing import Drawing
from argmap.gui.diagram.render_worker import RenderWorker
from argmap.gui.diagram.view import DiagramView
from argmap.gui.document.wrapper import Document
from argmap.model.views import Shown, shown_map
from argmap.render import RenderOptions
from argmap.render.engines import Engine

DEBOUNCE_MS = 150


class LiveDiagram(QObject):
    status = Signal(str)  # "rendered in 40 ms" or the error
    rendered = Signal()
    shown_changed = Signal()  # collapse or focus changed

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
        self.quotes = False
        self.evaluation = False
        self.font_size = document.map.style.font_size
        view.direction = direction
        self.collapsed: set[str] = set()
        self.focus: str | None = None
        self.shown = Shown(document.map)
        self.worker = RenderWorker(self, engine)
        self.worker.drawn.connect(self._on_drawn)
        self.worker.painted.connect(view.show_picture)
        view.picture_wanted.connect(self._paint_view)
        self.worker.failed.connect(self._on_failed)
        self.engine_notice = ""  # e.g. why the system Graphviz draws instead of the embedded
        self.worker.notice.connect(self._on_notice)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.render_now)
        document.changed.connect(self._on_changed)
        document.reset.connect(self._on_reset)
        self.pending = False
        view.can_drop = self.can_drop

    # -- view state -------------------------------------------------------------------
    def options(self) -> RenderOptions:
        return RenderOptions.from_style(
            self.document.map.style,
            theme=self.theme,
            direction=self.direction,
            show_quotes=self.quotes,
            show_evaluation=self.evaluation,
            font_size=self.font_size,
        )

    def set_view(
        self,
        theme: str | None = None,
        direction: str | None = None,
        quotes: bool | None = None,
        evaluation: bool | None = None,
        font_size: float | None = None,
    ) -> None:
        self.theme = theme or self.theme
        self.direction = direction or self.direction
        if quotes is not None:
            self.quotes = quotes
        if evaluation is not None:
            self.evaluation = evaluation
        if font_size is not None:
            self.font_size = font_size
        self.view.direction = self.direction
        self.render_now()

    def toggle_collapsed(self, node_id: str) -> None:
        if node_id in self.collapsed:
            self.collapsed.discard(node_id)
        elif self.document.map.tree.children(node_id):
            self.collapsed.add(node_id)
        else:
            return
        self.shown_changed.emit()
        self.render_now()

    def set_focus(self, node_id: str | None) -> None:
        self.focus = node_id if node_id in self.document.map.nodes else None
        self.shown_changed.emit()
        self.render_now()

    def can_drop(self, dragged: str, target: str) -> bool:
        m = self.document.map
        return (
            dragged in m.nodes and target in m.nodes and not m.tree.is_in_subtree(target, dragged)
        )

    def neighbour(self, node_id: str | None, where: str) -> str | None:
        """The shown node next to `node_id`: its parent, first child, or a sibling."""
        m = self.shown.map
        tree = m.tree
        if node_id is None or node_id not in m.nodes:
            return tree.roots[0] if tree.roots else None
        if where == "parent":
            return m.nodes[node_id].parent
        if where == "child":
            kids = tree.children(node_id)
            return kids[0] if kids else None
        siblings = tree.siblings(node_id)
        index = siblings.index(node_id) + (1 if where == "next" else -1)
        return siblings[index] if 0 <= index < len(siblings) else None

    # -- rendering --------------------------------------------------------------------
    def _on_changed(self, *args: object) -> None:
        nodes = self.document.map.nodes
        self.collapsed &= set(nodes)
        if self.focus is not None and self.focus not in nodes:
            self.focus = None
        self.timer.start()

    def _on_reset(self) -> None:
        self.collapsed.clear()
        self.focus = None
        self.view.clear()
        self.render_now()

    def render_now(self) -> None:
        self.timer.stop()
        self.shown = shown_map(self.document.map, self.collapsed, self.focus)
        if not self.document.map.nodes:
            self.view.clear()
            self.view.show_message("An empty map. Add a claim to start (Edit ▸ Add Claim).")
            self.pending = False
            self.status.emit("")
            return
        self.pending = True
        # judged on the whole map (in the worker), shown on the part that is drawn
        judged = self.document.map if self.evaluation else None
        scale, region = (
            (self.view.device_scale(), self.view.visible_region())
            if self.view.has_diagram()
            else (0.0, None)
        )
        self.worker.request(
            self.shown.map, self.options(), self.shown.hidden, judged, scale, region
        )
        self.status.emit("rendering…")

    def _paint_view(self) -> None:
        if self.view.svg is not None:
            self.worker.paint(self.view.svg, self.view.device_scale(), self.view.visible_region())

    def _on_drawn(self, drawing: Drawing, seconds: float) -> None:
        self.pending = False
        roots = self.shown.map.tree.roots
        self.view.show_drawing(drawing, focus=roots[0] if roots else None)
        shown = " (part of the map)" if self.focus or self.collapsed else ""
        notice = f"; {self.engine_notice}" if self.engine_notice else ""
        self.status.emit(f"rendered in {seconds * 1000:.0f} ms{shown}{notice}")
        self.rendered.emit()

    def _on_notice(self, notice: str) -> None:
        self.engine_notice = notice

    def _on_failed(self, message: str) -> None:
        self.pending = False
        self.view.show_message(f"Could not draw the map: {message}")
        self.status.emit(f"render failed: {message}")
