"""Keeps the diagram in step with the document and the view state: debounced renders off
the GUI thread, keyboard navigation over the nodes shown, and the in-place editor opened
once a new node is drawn."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from argmap.gui.diagram.drawing import Drawing
from argmap.gui.diagram.render_worker import RenderWorker
from argmap.gui.diagram.view import DiagramView
from argmap.gui.document.selection import Selection
from argmap.gui.document.view_state import ViewState
from argmap.gui.document.wrapper import Document
from argmap.model.views import Shown, shown_map
from argmap.render import RenderOptions
from argmap.render.engines import Engine

DEBOUNCE_MS = 150


class LiveDiagram(QObject):
    status = Signal(str)  # "rendered in 40 ms" or the error
    rendered = Signal()

    def __init__(
        self,
        document: Document,
        view: DiagramView,
        state: ViewState,
        selection: Selection,
        engine: Engine | None = None,
    ) -> None:
        super().__init__(document)
        self.document = document
        self.view = view
        self.state = state
        self.selection = selection
        view.direction = state.direction
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
        state.changed.connect(self._on_view_changed)
        state.shown_changed.connect(self.render_now)
        self.pending = False
        self._pending_edit: str | None = None
        self.rendered.connect(self._edit_pending)
        view.can_drop = self.can_drop
        view.foldable = self.foldable

    # -- view state -------------------------------------------------------------------
    def options(self) -> RenderOptions:
        state = self.state
        return RenderOptions.from_style(
            self.document.map.style,
            theme=state.theme,
            direction=state.direction,
            show_quotes=state.quotes,
            show_evaluation=state.evaluation,
            font_size=state.font_size,
            unfolded=frozenset(state.unfolded),
            collapsed_sections=frozenset(state.collapsed_sections),
        )

    def _on_view_changed(self) -> None:
        self.view.direction = self.state.direction
        self.render_now()

    def can_drop(self, dragged: str, target: str) -> bool:
        m = self.document.map
        return (
            dragged in m.nodes and target in m.nodes and not m.tree.is_in_subtree(target, dragged)
        )

    def foldable(self, node_id: str) -> bool:
        """Whether a double-click opens or folds what is drawn there: an argument with a
        premise–conclusion structure, or a collapsed section's box."""
        if self.state.section_box(node_id) is not None:
            return True
        node = self.document.map.nodes.get(node_id)
        return node is not None and node.argument is not None and bool(node.argument.pcs)

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

    def navigate(self, where: str) -> None:
        """Select the shown node next to the selected one (the diagram's arrow keys)."""
        target = self.neighbour(self.selection.current, where)
        if target is not None:
            self.selection.set_current(target)

    # -- editing on the diagram -----------------------------------------------------------
    def edit_text(self, node_id: str) -> None:
        """Open the in-place editor on the node; a node not drawn yet, once it is."""
        node = self.document.map.nodes.get(node_id)
        if node is None:
            return
        if self.pending or self.view.node_rect(node_id) is None:
            self._pending_edit = node_id  # a new node: edit it once it is drawn
            return
        self.view.start_edit(node_id, node.text, self.document.map.style.font_size)

    def _edit_pending(self) -> None:
        pending, self._pending_edit = self._pending_edit, None
        if pending is not None and self.view.node_rect(pending) is not None:
            self.edit_text(pending)

    # -- rendering --------------------------------------------------------------------
    def _on_changed(self, *args: object) -> None:
        self.state.follow()
        self.timer.start()

    def _on_reset(self) -> None:
        self.state.forget_shown()
        self.view.clear()
        self.render_now()

    def render_now(self) -> None:
        self.timer.stop()
        m = self.document.map
        view = next((v for v in m.views if v.name == self.state.saved_view), None)
        self.shown = shown_map(m, self.state.collapsed, self.state.focus, view)
        if not self.document.map.nodes:
            self.view.clear()
            self.view.show_message("An empty map. Add a claim to start (Edit ▸ Add Claim).")
            self.pending = False
            self.status.emit("")
            return
        self.pending = True
        # judged on the whole map (in the worker), shown on the part that is drawn
        judged = self.document.map if self.state.evaluation else None
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
        shown = " (part of the map)" if self.state.partial else ""
        notice = f"; {self.engine_notice}" if self.engine_notice else ""
        self.status.emit(f"rendered in {seconds * 1000:.0f} ms{shown}{notice}")
        self.rendered.emit()

    def _on_notice(self, notice: str) -> None:
        self.engine_notice = notice

    def _on_failed(self, message: str) -> None:
        self.pending = False
        self.view.show_message(f"Could not draw the map: {message}")
        self.status.emit(f"render failed: {message}")
