"""The diagram: the rendered SVG as an editing surface.

Node geometry comes from the SVG itself: each node's group carries the model
id (see render/dot.py), and QSvgRenderer gives that element's bounds.  Clicks,
hover, drags and the in-place editor all go through those rectangles, never
through guesses from text.  The view only reports what the user did
(signals); the controllers decide what it means for the map.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPixmap,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtSvgWidgets import QGraphicsSvgItem
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QLabel,
    QRubberBand,
    QWidget,
)

from argmap.gui.diagram.drawing import Drawing, prepare_drawing
from argmap.gui.diagram.handles import AddHandles
from argmap.gui.diagram.input import DiagramInput, _outline
from argmap.gui.diagram.parts import InPlaceEditor, Invite, Overview
from argmap.gui.diagram.peers import place_peers

MIN_SCALE, MAX_SCALE = 0.05, 8.0


def _highlight(colour: str, width: float, z: float, fill: str | None = None) -> QGraphicsPathItem:
    item = QGraphicsPathItem()
    pen = QPen(QColor(colour), width)
    pen.setCosmetic(True)  # the same thickness at every zoom
    item.setPen(pen)
    item.setBrush(QBrush(QColor(fill)) if fill else QBrush(Qt.BrushStyle.NoBrush))
    item.setZValue(z)
    item.hide()
    return item


class DiagramView(DiagramInput, QGraphicsView):
    """The diagram; its mouse, wheel and key handling is DiagramInput's (gui/diagram/input.py)."""

    node_clicked = Signal(str)
    node_toggled = Signal(str)  # Ctrl+click or Shift+click: in or out of the selection
    edit_requested = Signal(str)
    #: a double-click on an argument with a premise–conclusion structure: open or fold it
    fold_requested = Signal(str)
    node_dropped = Signal(str, str, bool)  # dragged id, target id, as a rebuttal
    navigate = Signal(str)  # "parent", "child", "previous", "next"
    menu_requested = Signal(object, QPoint)  # node id or None, global position
    #: the context menu of a tree edge: the id of the reason whose link it draws
    edge_menu_requested = Signal(str, QPoint)
    text_committed = Signal(str, str)
    text_abandoned = Signal(str)  # Escape in the in-place editor, on this node
    claim_wanted = Signal()  # the empty map's button, or a double-click on empty canvas
    drag_hint = Signal(str)  # what a drop here would do, for the status bar
    picture_wanted = Signal()  # the vectors are showing: a painted picture would be faster

    MIN_FIRST_SCALE = 0.75  # below this the text of a wide map is unreadable
    MAX_FIT = 1.5  # fitting never magnifies more: a one-node map is not blown up

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(Qt.GlobalColor.white)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Diagram")
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self._renderer: QSvgRenderer | None = None
        self._item: QGraphicsSvgItem | None = None
        self._picture: QGraphicsPixmapItem | None = None
        self._picture_region = QRectF()
        self._want_picture = QTimer(self)
        self._want_picture.setSingleShot(True)
        self._want_picture.setInterval(150)  # once zooming or scrolling pauses
        self._want_picture.timeout.connect(self.picture_wanted)
        self.horizontalScrollBar().valueChanged.connect(self._scrolled)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._rects: dict[str, QRectF] = {}
        self._edges: list[tuple[str, QPainterPath]] = []
        self._fitted = False
        #: every new drawing is fitted to the window until the user zooms
        self.fit_mode = True
        self._scroll_to: str | None = None  # selected before it was drawn: show it once it is
        self.svg: bytes | None = None
        self.direction = "TB"
        self.selected: str | None = None
        self.can_drop = lambda dragged, target: True  # set by the owner: no drop into own subtree
        self.foldable = lambda node_id: False  # set by the owner: an argument with a structure
        self._press: tuple[QPoint, str | None] | None = None
        self._dragging: str | None = None
        self._panning: QPoint | None = None
        self._band: QRubberBand | None = None
        self._band_origin = QPoint()
        self._selection_mark = _highlight("#1f6fd1", 3, 10)
        #: the other nodes of a multi-selection: thinner than the current node's mark
        self._also_mark = _highlight("#1f6fd1", 2, 10, "#181f6fd1")
        self.also: tuple[str, ...] = ()
        self._hover_mark = _highlight("#64a0e8", 1.5, 9)
        self._drop_mark = _highlight("#2e7d32", 3, 11, "#302e7d32")
        self._ghost = _highlight("#555555", 1, 12, "#40888888")
        #: the nodes find in the map matched: an amber halo outside the selection's frame
        self.found: frozenset[str] = frozenset()
        self.found_mark = _highlight("#e08a00", 3, 8, "#38ffc107")
        self.peers: dict[str, list[tuple[str, str]]] = {}  # others' selections (shared)
        self._peer_items: list[QGraphicsItem] = []
        self.editor = InPlaceEditor(self.viewport())
        self.editor.committed.connect(self.text_committed)
        self.editor.abandoned.connect(self.text_abandoned)
        self.editor.committed.connect(lambda *args: self.setFocus())
        self.editor.cancelled.connect(self.setFocus)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(
            "background: #fff3f2; color: #8b1a1a; border: 1px solid #c62828; padding: 6px;"
        )
        self.message.hide()
        self.invite = Invite(self)
        self.invite.button.clicked.connect(self.setFocus)  # its text is typed here
        self.invite.button.clicked.connect(self.claim_wanted)
        self.overview = Overview(self)
        self.handles = AddHandles(self)
        # scroll bars come and go after a fit, changing what is seen without a resize
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.rangeChanged.connect(self.overview.refresh)
        for ended in (self.editor.committed, self.editor.cancelled, self.editor.abandoned):
            ended.connect(lambda *_: self.handles.place())

    # -- content ----------------------------------------------------------------------
    def show_svg(self, svg: bytes, focus: str | None = None) -> bool:
        """Parse and show `svg` here (the live diagram prepares drawings off the GUI thread)."""
        try:
            drawing = prepare_drawing(svg)
        except ValueError:
            return False
        self.show_drawing(drawing, focus)
        return True

    def show_drawing(self, drawing: Drawing, focus: str | None = None) -> None:
        """Show a prepared drawing; the first is fitted, or centred on `focus` if too small."""
        self.hide_message()
        self.svg = drawing.svg
        scene = self.scene()
        for mark in self._marks():
            if mark.scene() is scene:
                scene.removeItem(mark)
        scene.clear()
        self._peer_items = []  # gone with the scene's other items
        # the renderer lives in the worker thread that parsed it (see prepare_drawing):
        # it has no parent, so the old one is deleted here once its item (gone with
        # scene.clear()) no longer draws with it
        renderer = drawing.renderer
        self._renderer = renderer
        self._item = QGraphicsSvgItem()
        self._item.setSharedRenderer(renderer)
        # repaints (hover, scrolling) copy a cached picture instead of redrawing the vectors
        self._item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        scene.addItem(self._item)
        self._picture = None
        if not self.show_picture(drawing):
            self._want_picture.start()
        for mark in self._marks():
            scene.addItem(mark)
            mark.hide()
        scene.setSceneRect(self._item.boundingRect())
        self._rects = drawing.rects
        self._edges = drawing.edges
        self.set_found(self.found)
        self.set_selected(self.selected, scroll=False)
        self.set_many(self.also)
        self.set_peers(self.peers)
        first, self._fitted = not self._fitted, True
        if self.fit_mode:
            self.fit()
            if first and self.transform().m11() < self.MIN_FIRST_SCALE:
                self.resetTransform()
                self.scale(self.MIN_FIRST_SCALE, self.MIN_FIRST_SCALE)
                self.fit_mode = False  # a readable part, not the whole: the user pans
                if focus in self._rects:
                    centre = self._rects[focus].center()
                    self.centerOn(centre.x(), centre.y() + self.viewport().height() / 3)
        wanted, self._scroll_to = self._scroll_to, None
        if wanted in self._rects:
            self.ensureVisible(self._rects[wanted], 40, 40)
        self.overview.refresh()

    def _marks(self) -> tuple[QGraphicsPathItem, ...]:
        """The items drawn over the diagram, kept from one drawing to the next."""
        return (
            self._selection_mark,
            self._also_mark,
            self._hover_mark,
            self._drop_mark,
            self._ghost,
            self.found_mark,
        )

    def node_rect(self, node_id: str) -> QRectF | None:
        """Where a node is drawn, in scene coordinates."""
        return self._rects.get(node_id)

    def node_ids(self) -> list[str]:
        return list(self._rects)

    def node_boxes(self) -> list[QRectF]:
        """Every node's rectangle (and an undercut's junction), in scene coordinates."""
        return list(self._rects.values())

    def edge_lines(self) -> list[tuple[str, QPainterPath]]:
        """Each tree edge's line by the node at its lower end, in scene coordinates."""
        return list(self._edges)

    def node_at(self, view_pos: QPoint) -> str | None:
        point = self.mapToScene(view_pos)
        for node_id, rect in self._rects.items():
            if rect.contains(point):
                return node_id
        return None

    EDGE_REACH = (1.5, 3.0, 6.0)  # how near an edge a click counts, in screen pixels

    def edge_at(self, view_pos: QPoint) -> str | None:
        """The reason whose edge (its link to what it supports or rebuts) passes under
        `view_pos`; the nearest, when several pass within reach."""
        point = self.mapToScene(view_pos)
        scale = self.transform().m11() or 1.0
        for reach in self.EDGE_REACH:
            width = reach / scale
            stroker = QPainterPathStroker()
            stroker.setWidth(2 * width)
            for child, line in self._edges:
                near = line.boundingRect().adjusted(-width, -width, width, width)
                if near.contains(point) and stroker.createStroke(line).contains(point):
                    return child
        return None

    def edge_point_of(self, child: str) -> QPoint:
        """A point on the edge above `child`, in viewport coordinates (for tests)."""
        line = next(line for node, line in self._edges if node == child)
        return self.mapFromScene(line.pointAtPercent(0.5))

    def view_point_of(self, node_id: str) -> QPoint:
        """The centre of a node in viewport coordinates (for tests and the editor)."""
        return self.mapFromScene(self._rects[node_id].center())

    def show_picture(self, drawing: Drawing) -> bool:
        """Show pixels painted off the GUI thread, if they are of this drawing at this zoom."""
        fits = (
            drawing.image is not None
            and self._item is not None
            and drawing.svg is self.svg
            and abs(drawing.scale - self.device_scale()) < 1e-6
        )
        if not fits or drawing.image is None or self._item is None:
            return False
        if self._picture is not None:
            self.scene().removeItem(self._picture)
        pixmap = QPixmap.fromImage(drawing.image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self._picture = QGraphicsPixmapItem(pixmap)
        self._picture.setScale(1 / self.transform().m11())
        self._picture.setPos(drawing.region.topLeft())
        self._picture_region = drawing.region
        self.scene().addItem(self._picture)
        self._item.hide()
        return True

    def visible_region(self) -> QRectF:
        """What the window shows, with a margin for scrolling, in scene units."""
        shown = self.mapToScene(self.viewport().rect()).boundingRect()
        return shown.adjusted(
            -shown.width() / 2, -shown.height() / 2, shown.width() / 2, shown.height() / 2
        )

    def _scrolled(self) -> None:
        self.handles.place()
        if self._picture is not None:
            shown = self.mapToScene(self.viewport().rect()).boundingRect()
            if not self._picture_region.contains(shown):
                self._use_vectors()
        elif self._item is not None:
            self._want_picture.start()

    def device_scale(self) -> float:
        """Device pixels per scene unit at the current zoom."""
        return self.transform().m11() * self.devicePixelRatioF()

    def _use_vectors(self) -> None:
        """After a zoom, the vectors (crisp at any scale) replace the pre-painted picture."""
        if self._picture is not None and self._item is not None:
            self.scene().removeItem(self._picture)
            self._picture = None
            self._item.show()
        if self._item is not None:
            self._want_picture.start()

    def has_diagram(self) -> bool:
        return self._item is not None

    def clear(self) -> None:
        for mark in self._marks():
            if mark.scene() is self.scene():
                self.scene().removeItem(mark)
        self.scene().clear()
        self._peer_items = []
        self._item = None
        self._picture = None
        self._renderer = None
        self._rects = {}
        self._edges = []
        self.svg = None
        self._fitted = False
        self.fit_mode = True
        self.overview.refresh()
        self.handles.place()

    # -- messages ---------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        """A render error, shown over the last good diagram rather than in a dialog."""
        self.message.setText(text)
        self.message.setFixedWidth(max(200, self.viewport().width() - 20))
        self.message.adjustSize()
        self.message.move(10, 10)
        self.message.show()

    def hide_message(self) -> None:
        self.message.hide()
        self.invite.hide()

    def show_invite(self) -> None:
        """An empty map: an invitation to add its main claim, in the middle of the view,
        no wider than the view (its lines wrap)."""
        self.message.hide()
        port = self.viewport().geometry()
        self.invite.setFixedWidth(max(120, min(420, port.width() - 16)))
        self.invite.adjustSize()
        self.invite.move(port.center().x() - self.invite.width() // 2, port.center().y() - 60)
        self.invite.show()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self.invite.isHidden():
            self.show_invite()  # placed while hidden (behind the welcome page): again

    # -- selection and hover ----------------------------------------------------------
    def set_many(self, node_ids: tuple[str, ...]) -> None:
        """Mark the nodes of a multi-selection (the current one has its own mark)."""
        self.also = node_ids if len(node_ids) > 1 else ()
        path = QPainterPath()
        for node_id in self.also:
            rect = self._rects.get(node_id)
            if rect is not None and node_id != self.selected:
                path.addPath(_outline(rect, 4))
        self._also_mark.setPath(path)
        self._also_mark.setVisible(not path.isEmpty())
        self.handles.place()

    def set_selected(self, node_id: str | None, scroll: bool = True) -> None:
        self.selected = node_id
        self.set_many(self.also)
        rect = self._rects.get(node_id) if node_id else None
        if rect is None:
            self._selection_mark.hide()
            if scroll and node_id:
                self._scroll_to = node_id  # a new node: scrolled to once it is drawn
            return
        self._selection_mark.setPath(_outline(rect, 4))
        self._selection_mark.show()
        if scroll:
            self.ensureVisible(rect, 40, 40)
        self.overview.refresh()  # out of the selected node's way

    def set_peers(self, peers: dict[str, list[tuple[str, str]]]) -> None:
        """Outline the nodes others have selected in a shared map (gui/diagram/peers.py)."""
        self.peers = dict(peers)
        self._peer_items = place_peers(self.scene(), self._peer_items, self.peers, self._rects)

    def set_found(self, found: frozenset[str]) -> None:
        """Halo the nodes find in the map matched, those that are drawn (none: no halo)."""
        self.found = found
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)
        for node_id in found:
            rect = self._rects.get(node_id)
            if rect is not None:
                path.addPath(_outline(rect, 8))
        self.found_mark.setPath(path)
        self.found_mark.setVisible(not path.isEmpty())

    def _hover(self, node_id: str | None) -> None:
        rect = self._rects.get(node_id) if node_id else None
        if rect is None:
            self._hover_mark.hide()
            self.viewport().unsetCursor()
            return
        self._hover_mark.setPath(_outline(rect, 2))
        self._hover_mark.show()
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)

    # -- zoom -------------------------------------------------------------------------
    def scale(self, sx: float, sy: float) -> None:  # every zoom passes through here
        super().scale(sx, sy)
        self._use_vectors()
        self.handles.place()

    def resetTransform(self) -> None:  # noqa: N802 (Qt override)
        super().resetTransform()
        self._use_vectors()
        self.handles.place()

    def fitInView(self, *args: Any, **kwargs: Any) -> None:  # noqa: N802 (each of Qt's overloads)
        super().fitInView(*args, **kwargs)
        self._use_vectors()
        self.handles.place()

    def fit(self) -> None:
        """The whole drawing in the window, magnified at most MAX_FIT; fit mode is on."""
        self.fit_mode = True
        if self._item is not None:
            self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)
            if self.transform().m11() > self.MAX_FIT:
                self.resetTransform()
                self.scale(self.MAX_FIT, self.MAX_FIT)
                self.centerOn(self._item.boundingRect().center())
        self.overview.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self.fit_mode and self._item is not None:
            self.fit()
        self.handles.place()
        if not self.invite.isHidden():
            self.show_invite()  # kept in the middle

    def zoom(self, factor: float) -> None:
        self.fit_mode = False  # the user zooms: the view keeps their zoom from now on
        scale = self.transform().m11() * factor
        if MIN_SCALE <= scale <= MAX_SCALE:
            self.scale(factor, factor)
        self.overview.refresh()

    def reset_zoom(self) -> None:
        self.fit_mode = False
        self.resetTransform()
        self.overview.refresh()

    def zoom_to(self, rect: QRectF) -> None:
        self.fit_mode = False
        if rect.width() > 2 and rect.height() > 2:
            self.fitInView(rect.adjusted(-20, -20, 20, 20), Qt.AspectRatioMode.KeepAspectRatio)
            if self.transform().m11() > 2.0:  # a small node need not fill the window
                self.resetTransform()
                self.scale(2.0, 2.0)
                self.centerOn(rect.center())
        self.overview.refresh()

    def zoom_to_selection(self) -> None:
        rect = self._rects.get(self.selected) if self.selected else None
        if rect is not None:
            self.zoom_to(rect)

    def scale_factor(self) -> float:
        return self.transform().m11()

    # -- in-place editing -------------------------------------------------------------
    def start_edit(self, node_id: str, text: str, point_size: float = 11.0) -> bool:
        rect = self._rects.get(node_id)
        if rect is None:
            return False
        self.ensureVisible(rect, 20, 20)
        view_rect = self.mapFromScene(rect).boundingRect()
        self.editor.open(node_id, text, view_rect, point_size * self.scale_factor())
        self.handles.hide()
        return True


__all__ = ["DiagramView", "InPlaceEditor", "Overview"]
