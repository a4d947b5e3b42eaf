"""The diagram as an editing surface, driven at node positions taken from the rendered layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent

from argmap.formats import dumps
from argmap.gui.window.main_window import MainWindow
from argmap.model import Relation


def sample_window(qtbot, make_window, debate_path: Path, width: int = 1200, height: int = 800):  # type: ignore[no-untyped-def]
    """The map at `debate_path` open and drawn in a shown window of this size."""
    win = make_window()
    win.resize(width, height)
    win.show()
    qtbot.waitExposed(win)
    win.files.load(debate_path)
    wait_drawn(qtbot, win)
    return win


@pytest.fixture
def window(qtbot, make_window, debate_path: Path):
    return sample_window(qtbot, make_window, debate_path)


def wait_drawn(qtbot, win: MainWindow) -> None:
    qtbot.waitUntil(lambda: not win.live.pending and win.diagram.has_diagram(), timeout=20000)


def pin_tree(qtbot, win: MainWindow) -> None:
    """Draw the plain top-to-bottom tree (View ▸ Direction ▸ Top to Bottom): wider than
    the window, as the tests of arrows, panning and the overview need."""
    win.commands["view.direction.TB"].trigger()
    wait_drawn(qtbot, win)


def point(win: MainWindow, node_id: str) -> QPoint:
    """Where a node is on screen, from the rendered layout; scrolled into view first."""
    rect = win.diagram.node_rect(node_id)
    assert rect is not None, node_id
    win.diagram.ensureVisible(rect, 10, 10)
    return win.diagram.view_point_of(node_id)


def click(qtbot, win: MainWindow, node_id: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.mouseClick(
        win.diagram.viewport(), Qt.MouseButton.LeftButton, modifier, point(win, node_id)
    )


def keys(qtbot, win: MainWindow, *sequence) -> None:
    for key in sequence:
        modifier = Qt.KeyboardModifier.NoModifier
        if isinstance(key, tuple):
            key, modifier = key
        qtbot.keyClick(win.diagram, key, modifier)


def visible_in_viewport(win: MainWindow, node_id: str) -> bool:
    rect = win.diagram.mapFromScene(win.diagram.node_rect(node_id)).boundingRect()
    return win.diagram.viewport().rect().intersects(rect)


# -- selection both ways -------------------------------------------------------------


def test_click_selects_in_outline_and_inspector(qtbot, window) -> None:
    click(qtbot, window, "capture")
    assert window.selection.current == "capture"
    assert window.outline_model.node_id(window.outline.currentIndex()) == "capture"
    assert window.inspector.text.toPlainText() == window.document.map.nodes["capture"].text
    mark = window.diagram._selection_mark
    assert mark.isVisible() and mark.path().boundingRect().contains(
        window.diagram.node_rect("capture")
    )


def test_outline_selection_highlights_and_scrolls_into_view(qtbot, window) -> None:
    window.diagram.centerOn(window.diagram.node_rect("pace").center())
    assert not visible_in_viewport(window, "convene")
    window.outline.setCurrentIndex(window.outline_model.index_of("convene"))
    assert window.diagram.selected == "convene"
    assert visible_in_viewport(window, "convene")


def test_hover_highlights_the_node_under_the_pointer(qtbot, window) -> None:
    qtbot.mouseMove(window.diagram.viewport(), point(window, "sacks"))
    mark = window.diagram._hover_mark
    assert mark.isVisible() and mark.path().boundingRect().contains(
        window.diagram.node_rect("sacks")
    )


# -- in-place editing ----------------------------------------------------------------


def test_double_click_edits_in_place_and_commits_one_step(qtbot, window) -> None:
    qtbot.mouseDClick(
        window.diagram.viewport(), Qt.MouseButton.LeftButton, pos=point(window, "loop")
    )
    editor = window.diagram.editor
    assert editor.isVisible() and editor.node_id == "loop"
    editor.selectAll()
    qtbot.keyClicks(editor, "Gains compound")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "quickly")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert not editor.isVisible()
    assert window.document.map.nodes["loop"].text == "Gains compound\nquickly"
    assert window.document.undo_stack.count() == 1
    window.document.undo_stack.undo()
    assert window.document.map.nodes["loop"].text.startswith("If each round")


def test_escape_cancels_the_in_place_edit(qtbot, window) -> None:
    click(qtbot, window, "loop")
    keys(qtbot, window, Qt.Key.Key_F2)
    editor = window.diagram.editor
    assert editor.isVisible()
    qtbot.keyClicks(editor, "never mind")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert window.document.undo_stack.count() == 0


# -- context menus -------------------------------------------------------------------


def menu_texts(win: MainWindow) -> list[str]:
    return [a.text().replace("&", "") for a in win.menus.last_menu.actions() if a.text()]


def test_context_menus_on_a_node_and_on_the_canvas(qtbot, window) -> None:
    view = window.diagram
    at = point(window, "capture")
    view.contextMenuEvent(
        QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, view.mapToGlobal(at))
    )
    texts = menu_texts(window)
    for wanted in (
        "Add Support",
        "Add Rebuttal",
        "Add Co-premise",
        "Edit Text",
        "Delete",
        "Collapse Subtree",
        "Focus on Subtree",
        "Export Subtree…",
    ):
        assert wanted in texts, (wanted, texts)
    assert window.selection.current == "capture"
    window.menus.last_menu.close()
    empty = QPoint(3, 3)
    assert view.node_at(empty) is None
    view.contextMenuEvent(
        QContextMenuEvent(QContextMenuEvent.Reason.Mouse, empty, view.mapToGlobal(empty))
    )
    texts = menu_texts(window)
    for wanted in ("Fit to Window", "Zoom to Selection", "Export…"):
        assert wanted in texts, (wanted, texts)
    window.menus.last_menu.close()


# -- drag to re-parent ---------------------------------------------------------------


def drag(qtbot, win: MainWindow, source: str, target: str, modifier=Qt.KeyboardModifier.NoModifier):
    viewport = win.diagram.viewport()
    win.diagram.fit()  # both ends on screen
    start, end = win.diagram.view_point_of(source), win.diagram.view_point_of(target)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    qtbot.mouseMove(viewport, start + QPoint(12, 12))
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifier, end)


def test_drag_onto_a_node_makes_a_support_or_with_shift_a_rebuttal(qtbot, window) -> None:
    drag(qtbot, window, "loop", "capture")
    node = window.document.map.nodes["loop"]
    assert (node.parent, node.relation) == ("capture", Relation.SUPPORTS)
    assert window.document.undo_stack.count() == 1
    wait_drawn(qtbot, window)
    drag(qtbot, window, "lecun", "pace", Qt.KeyboardModifier.ShiftModifier)
    node = window.document.map.nodes["lecun"]
    assert (node.parent, node.relation) == ("pace", Relation.REBUTS)
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert window.document.map.nodes["loop"].parent == "pace"


def test_drag_into_its_own_subtree_is_refused(qtbot, window) -> None:
    before = dumps(window.document.map)
    drag(qtbot, window, "capture", "open-source")
    assert dumps(window.document.map) == before
    assert window.document.undo_stack.count() == 0


def test_drop_targets_light_up_green_or_red(qtbot, window) -> None:
    viewport = window.diagram.viewport()
    window.diagram.fit()
    start = window.diagram.view_point_of("capture")
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, start + QPoint(12, 12))
    qtbot.mouseMove(viewport, window.diagram.view_point_of("pace"))
    mark = window.diagram._drop_mark
    assert mark.isVisible() and mark.pen().color().name() == "#2e7d32"
    qtbot.mouseMove(viewport, window.diagram.view_point_of("open-source"))
    assert mark.isVisible() and mark.pen().color().name() == "#c62828"
    qtbot.keyClick(window.diagram, Qt.Key.Key_Escape)
    qtbot.mouseRelease(
        viewport, Qt.MouseButton.LeftButton, pos=window.diagram.view_point_of("pace")
    )
    assert window.document.undo_stack.count() == 0


# -- keyboard on the canvas ----------------------------------------------------------


def test_arrows_walk_the_tree(qtbot, window) -> None:
    pin_tree(qtbot, window)
    click(qtbot, window, "capture")
    keys(qtbot, window, Qt.Key.Key_Down)
    assert window.selection.current == "sacks"
    keys(qtbot, window, Qt.Key.Key_Up, Qt.Key.Key_Right)
    assert window.selection.current == "marketing"
    keys(qtbot, window, Qt.Key.Key_Left, Qt.Key.Key_Left)
    assert window.selection.current == "not-reached"
    keys(qtbot, window, Qt.Key.Key_Up)
    assert window.selection.current == "main"


def test_build_a_map_with_only_the_diagram_and_the_keyboard(qtbot, window) -> None:
    window.files.new()
    window.diagram.setFocus()
    keys(
        qtbot,
        window,
        (
            Qt.Key.Key_Return,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        ),
    )

    def type_node(text: str) -> None:
        qtbot.waitUntil(lambda: window.diagram.editor.isVisible(), timeout=20000)
        qtbot.keyClicks(window.diagram.editor, text)
        qtbot.keyClick(window.diagram.editor, Qt.Key.Key_Return)
        wait_drawn(qtbot, window)

    type_node("Slow down frontier AI")
    keys(qtbot, window, Qt.Key.Key_Insert)
    type_node("Progress is fast")
    keys(qtbot, window, (Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier))
    type_node("Institutions lag behind")
    keys(qtbot, window, Qt.Key.Key_Up)  # back to the claim
    keys(qtbot, window, (Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier))
    type_node("Regulatory capture")
    keys(qtbot, window, (Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier))
    type_node("Safety focus predates the boom")
    m = window.document.map
    texts = {n.text: n for n in m.nodes.values()}
    claim = texts["Slow down frontier AI"]
    assert texts["Progress is fast"].parent == claim.id
    assert texts["Institutions lag behind"].group == texts["Progress is fast"].group is not None
    assert (texts["Regulatory capture"].parent, texts["Regulatory capture"].relation) == (
        claim.id,
        Relation.REBUTS,
    )
    reply = texts["Safety focus predates the boom"]
    assert (reply.parent, reply.relation) == (texts["Regulatory capture"].id, Relation.REBUTS)
    stack = window.document.undo_stack
    while stack.canUndo():
        stack.undo()
    assert window.document.map.nodes == {}


def test_delete_key_on_the_canvas(qtbot, window) -> None:
    click(qtbot, window, "loop")
    keys(qtbot, window, Qt.Key.Key_Delete)
    assert "loop" not in window.document.map.nodes
    assert window.selection.current == "pace"


# -- navigation ----------------------------------------------------------------------


def test_zoom_pan_fit_and_zoom_box(qtbot, window) -> None:
    pin_tree(qtbot, window)
    view = window.diagram
    view.reset_zoom()
    keys(qtbot, window, Qt.Key.Key_Plus)
    assert view.scale_factor() == pytest.approx(1.25)
    keys(qtbot, window, Qt.Key.Key_Minus)
    assert view.scale_factor() == pytest.approx(1.0)
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    wheel = QWheelEvent(
        QPointF(200, 200),
        QPointF(view.mapToGlobal(QPoint(200, 200))),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    view.wheelEvent(wheel)
    assert view.scale_factor() == pytest.approx(1.15)
    # pan: drag empty canvas
    empty = QPoint(5, view.viewport().height() - 5)
    assert view.node_at(empty) is None
    before = view.horizontalScrollBar().value()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=empty + QPoint(200, 0))
    qtbot.mouseMove(view.viewport(), empty + QPoint(100, 0))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=empty + QPoint(100, 0))
    assert view.horizontalScrollBar().value() == before + 100
    # zoom box: shift-drag a rectangle around one node
    rect = view.mapFromScene(view.node_rect("loop")).boundingRect()
    qtbot.mousePress(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ShiftModifier,
        rect.topLeft() - QPoint(5, 5),
    )
    qtbot.mouseMove(view.viewport(), rect.bottomRight() + QPoint(5, 5))
    qtbot.mouseRelease(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ShiftModifier,
        rect.bottomRight() + QPoint(5, 5),
    )
    zoomed = view.mapFromScene(view.node_rect("loop")).boundingRect()
    # the box now fills most of the view in its tighter direction
    fill = max(zoomed.width() / view.viewport().width(), zoomed.height() / view.viewport().height())
    assert fill > 0.6
    window.commands["view.fit"].trigger()
    assert view.mapFromScene(view.sceneRect()).boundingRect().width() <= view.viewport().width() + 2
    window.commands["view.actual_size"].trigger()
    assert view.scale_factor() == 1.0
    window.selection.set_current("sacks")
    window.commands["view.zoom_selection"].trigger()
    assert visible_in_viewport(window, "sacks") and view.scale_factor() > 1.0


def test_overview_appears_for_a_large_map_and_moves_the_view(qtbot, window) -> None:
    pin_tree(qtbot, window)
    view = window.diagram
    view.reset_zoom()
    overview = view.overview
    assert overview.isVisible()  # the debate map is wider than the window at 100%
    before = view.horizontalScrollBar().value()
    target = overview.mapFromScene(view.node_rect("convene").center())
    qtbot.mouseClick(overview.viewport(), Qt.MouseButton.LeftButton, pos=target)
    assert view.horizontalScrollBar().value() != before
    assert visible_in_viewport(window, "convene")
    window.commands["view.fit"].trigger()
    # everything fits: no need for it (once the scroll bars the fit made needless are gone)
    qtbot.waitUntil(lambda: not overview.isVisible(), timeout=5000)


# -- collapse and focus --------------------------------------------------------------


def test_collapse_shows_a_count_and_focus_shows_one_subtree(qtbot, window, tmp_path) -> None:
    window.selection.set_current("capture")
    window.commands["view.collapse"].trigger()
    wait_drawn(qtbot, window)
    svg = window.diagram.svg
    assert b"[+2 hidden]" in svg and b'id="sacks"' not in svg
    window.commands["view.collapse"].trigger()
    wait_drawn(qtbot, window)
    assert b'id="sacks"' in window.diagram.svg
    window.selection.set_current("coordination")
    window.commands["view.focus"].trigger()
    wait_drawn(qtbot, window)
    shown = set(window.diagram.node_ids())
    assert shown == set(window.document.map.tree.subtree("coordination"))
    # exports honour what is shown
    from argmap.gui.dialogs.export_dialog import ExportDialog

    dialog = ExportDialog(window.document.map, None, window.settings, window, window.live.shown)
    qtbot.addWidget(dialog)
    assert dialog.as_shown.isChecked()
    assert set(dialog.chosen_map().map.nodes) == shown
    dialog.done(0)
    window.commands["view.whole_map"].trigger()
    wait_drawn(qtbot, window)
    assert len(window.diagram.node_ids()) == 33


def test_every_diagram_edit_is_undoable(qtbot, window) -> None:
    before = dumps(window.document.map)
    drag(qtbot, window, "loop", "capture")
    wait_drawn(qtbot, window)
    qtbot.mouseDClick(
        window.diagram.viewport(), Qt.MouseButton.LeftButton, pos=point(window, "pace")
    )
    qtbot.keyClicks(window.diagram.editor, " (edited)")
    qtbot.keyClick(window.diagram.editor, Qt.Key.Key_Return)
    click(qtbot, window, "valuation")
    keys(qtbot, window, Qt.Key.Key_Insert)
    qtbot.waitUntil(lambda: window.diagram.editor.isVisible(), timeout=20000)
    qtbot.keyClicks(window.diagram.editor, "More money")
    qtbot.keyClick(window.diagram.editor, Qt.Key.Key_Return)
    assert window.document.undo_stack.count() == 3  # move, edit, add with its typed text
    while window.document.undo_stack.canUndo():
        window.document.undo_stack.undo()
    assert dumps(window.document.map) == before


# -- the context menu of an edge ---------------------------------------------------------


def edge_menu(qtbot, win: MainWindow, child: str) -> list[str]:
    """Right-click the edge above `child`, where the drawing puts its line."""
    view = win.diagram
    win.diagram.fit()
    at = view.edge_point_of(child)
    assert view.node_at(at) is None  # on the line, not on a node
    assert view.edge_at(at) == child
    view.contextMenuEvent(
        QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, view.mapToGlobal(at))
    )
    return menu_texts(win)


def enabled_in_menu(win: MainWindow, text: str) -> bool:
    action = next(a for a in win.menus.last_menu.actions() if a.text().replace("&", "") == text)
    return action.isEnabled()


def test_the_menu_of_a_support_edge_adds_an_undercut_of_that_link(qtbot, window) -> None:
    doc = window.document
    window.selection.set_current("main")
    texts = edge_menu(qtbot, window, "loop")
    assert "Add Undercut" in texts and "Toggle Support/Rebuttal" in texts
    assert window.selection.current == "loop"  # the menu acts on the edge's reason
    assert enabled_in_menu(window, "Add Undercut")
    window.menus.last_menu.close()
    window.commands["edit.add_undercut"].trigger()
    cut = window.selection.current
    assert cut is not None and cut not in ("loop", "main")
    node = doc.map.nodes[cut]
    assert (node.parent, node.relation) == ("loop", Relation.UNDERCUTS)
    assert doc.undo_stack.count() == 1
    wait_drawn(qtbot, window)
    # the undercut points at a junction on the edge; the junction is the edge's, not a node
    assert not any(i.startswith("junction.") for i in window.diagram.node_ids())
    assert window.diagram.edge_at(window.diagram.edge_point_of("loop")) == "loop"


def test_a_rebuttal_edge_has_no_inference_to_undercut(qtbot, window) -> None:
    texts = edge_menu(qtbot, window, "capture")
    assert "Add Undercut" in texts
    assert not enabled_in_menu(window, "Add Undercut")
    window.menus.last_menu.close()
    before = window.document.map
    window.commands["edit.add_undercut"].trigger()
    assert window.document.map is before and window.document.undo_stack.count() == 0


def test_a_click_away_from_every_edge_finds_none(qtbot, window) -> None:
    view = window.diagram
    assert view.edge_at(QPoint(3, 3)) is None
    view.contextMenuEvent(
        QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, QPoint(3, 3), view.mapToGlobal(QPoint(3, 3))
        )
    )
    assert "Fit to Window" in menu_texts(window)  # the canvas's menu, not an edge's
    window.menus.last_menu.close()
