"""Keeps the diagram in step with the document and the view state: debounced renders off
the GUI thread, keyboard navigation over the nodes shown, and the in-place editor opened
once a new node is drawn."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from argmap.gui.diagram.drawing import Drawing
from argmap.gui.diagram.legend_overlay import LegendOverlay
from argmap.gui.diagram.render_worker import RenderWorker
from argmap.gui.diagram.view import DiagramView
from argmap.gui.document.selection import Selection
from argmap.gui.document.view_state import ViewState
from argmap.gui.document.wrapper import Document
from argmap.model import ArgumentMap, Fit, ops
from argmap.model.roles import roles_in
from argmap.model.views import Shown, shown_map
from argmap.render import RenderOptions
from argmap.render.engines import Engine
from argmap.render.layout import PAGE

DEBOUNCE_MS = 150
#: a viewport smaller than this (px) is not shown yet: lay out for a page instead
SMALLEST_WINDOW = (240, 160)


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
        view.direction = "TB" if state.direction == "auto" else state.direction
        self.shown = Shown(document.map)
        #: the layout chosen for the window, kept while it fits (render/layout.still_fits)
        self.fit: Fit | None = None
        self._refit = False  # the next drawing's fit is stored in the map (Re-layout)
        self._guessed = False  # the fit was chosen before the window had its size
        view.viewport().installEventFilter(self)
        self.legend = LegendOverlay(view, view.viewport())
        view.overview.enabled = state.overview
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
        state.refit_asked.connect(self.refit)
        state.fit_asked.connect(lambda: setattr(view, "fit_mode", True))
        self.pending = False
        self._pending_edit: str | None = None
        self.rendered.connect(self._edit_pending)
        view.can_drop = self.can_drop
        view.foldable = self.foldable

    # -- view state -------------------------------------------------------------------
    def options(self) -> RenderOptions:
        """How the diagram draws the map: the view's choices over the map's style.  A
        direction chosen in the View menu pins a plain tree; "auto" lays the map out to
        fit the window, keeping the fit chosen before while it holds."""
        state = self.state
        pinned = state.direction != "auto"
        options = RenderOptions.from_style(
            self.document.map.style,
            theme=state.theme,
            direction=state.direction if pinned else None,
            layout="tree" if pinned else ("auto" if self._refit else None),
            show_quotes=state.quotes,
            show_evaluation=state.evaluation,
            font_size=state.font_size,
            unfolded=frozenset(state.unfolded),
            collapsed_sections=frozenset(state.collapsed_sections),
        )
        if options.layout == "auto":
            options = replace(options, fit=None if self._refit else self.fit or options.fit)
        if state.focus is not None:  # the focused subtree keeps the roles it has in the map
            options = replace(options, roles=roles_in(self.document.map, self.shown.map))
        return options

    def target(self) -> tuple[float, float] | None:
        """The window's shape in pt, which the layout is fitted to (None: not shown yet)."""
        size = self.view.viewport().size()
        if size.width() < SMALLEST_WINDOW[0] or size.height() < SMALLEST_WINDOW[1]:
            return None
        return size.width() * 0.75, size.height() * 0.75

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """A fit guessed before the window had its size is chosen again once it has."""
        if event.type() == QEvent.Type.Resize and self._guessed and self.target() is not None:
            self._guessed = False
            self.fit = None
            self.timer.start()
        return False

    def refit(self) -> None:
        """View ▸ Re-layout to Fit: choose again for the window, and keep the choice in
        the map's style (one undo step) once it is drawn."""
        self._refit = True
        self.render_now()

    def _on_view_changed(self) -> None:
        self.view.overview.enabled = self.state.overview
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
    def _on_changed(self, old: ArgumentMap, new: ArgumentMap, *args: object) -> None:
        if old.style.fit != new.style.fit or old.style.layout != new.style.layout:
            self.fit = None  # the stored choice changed (Re-layout, or its undo): follow it
        self.state.follow()
        self.timer.start()

    def _on_reset(self) -> None:
        self.fit = None
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
            self.legend.show_legend(None)
            self.view.show_invite()
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
            self.shown.map,
            self.options(),
            self.shown.hidden,
            judged,
            scale,
            region,
            self.target() or PAGE,
            self.state.legend,
        )
        self.status.emit("rendering…")

    def _paint_view(self) -> None:
        if self.view.svg is not None:
            self.worker.paint(self.view.svg, self.view.device_scale(), self.view.visible_region())

    def _on_drawn(self, drawing: Drawing, seconds: float) -> None:
        self.pending = False
        roots = self.shown.map.tree.roots
        self.view.direction = drawing.direction
        self.view.show_drawing(drawing, focus=roots[0] if roots else None)
        self._keep_fit(drawing.fit)
        self.legend.show_legend(drawing.legend if self.state.legend else None)
        shown = " (part of the map)" if self.state.partial else ""
        notice = f"; {self.engine_notice}" if self.engine_notice else ""
        self.status.emit(f"rendered in {seconds * 1000:.0f} ms{shown}{notice}")
        self.rendered.emit()

    def _keep_fit(self, fit: Fit | None) -> None:
        if self.state.direction != "auto" or fit is None:
            return
        style = self.document.map.style
        if self._refit:
            self._refit = False
            if style.layout == "auto" and style.fit == fit:
                self.status.emit("The layout already fits the window best")
            else:
                chosen = style.model_copy(update={"layout": "auto", "fit": fit})
                self.document.edit("Re-layout to Fit", ops.set_map_fields, style=chosen)
        if style.layout == "auto":
            self.fit = fit
            self._guessed = self.target() is None

    def _on_notice(self, notice: str) -> None:
        self.engine_notice = notice

    def _on_failed(self, message: str) -> None:
        self.pending = False
        self.view.show_message(f"Could not draw the map: {message}")
        self.status.emit(f"render failed: {message}")
