"""An empty map invites (issue 17, point 4): a button to add the main claim instead of a
red error box, a double-click on empty canvas or the canvas menu adds a claim, adding a
node and typing its text is one undo step, Escape on a new empty node removes it, and a
new map's history starts with "New map".  The real main window."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from argmap.model import ArgumentMap, Relation, ops
from tests.test_gui_diagram import wait_drawn


def new_map(qtbot, make_window):  # type: ignore[no-untyped-def]
    win = make_window()
    win.resize(1100, 750)
    win.show()
    qtbot.waitExposed(win)
    win.files.new()
    qtbot.waitUntil(lambda: win.diagram.invite.isVisible(), timeout=5000)
    return win


def focus_diagram(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    """Work on the diagram: edits open its in-place editor, not the outline's."""
    win.diagram.setFocus()
    qtbot.waitUntil(win.diagram.hasFocus, timeout=5000)


def type_into_new_node(qtbot, win, text: str) -> str:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: win.diagram.editor.isVisible(), timeout=20000)
    node = win.diagram.editor.node_id
    qtbot.keyClicks(win.diagram.editor, text)
    qtbot.keyClick(win.diagram.editor, Qt.Key.Key_Return)
    wait_drawn(qtbot, win)
    return node


def test_an_empty_map_shows_an_invitation_not_an_error(qtbot, make_window) -> None:
    win = new_map(qtbot, make_window)
    assert not win.diagram.message.isVisible()
    assert win.diagram.invite.button.text() == "Add the Main Claim"
    qtbot.mouseClick(win.diagram.invite.button, Qt.MouseButton.LeftButton)
    node = type_into_new_node(qtbot, win, "Cities should ban cars")
    assert win.document.map.nodes[node].text == "Cities should ban cars"
    assert win.document.map.nodes[node].parent is None
    assert not win.diagram.invite.isVisible()
    assert win.document.undo_stack.count() == 1  # the claim and its text: one step
    assert win.document.undo_stack.text(0) == "Add Claim"
    win.document.undo_stack.undo()
    assert win.document.map.nodes == {}


def test_double_click_on_empty_canvas_adds_a_claim(qtbot, make_window) -> None:
    win = new_map(qtbot, make_window)
    qtbot.mouseDClick(win.diagram.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(40, 40))
    type_into_new_node(qtbot, win, "First claim")
    corner = QPoint(5, win.diagram.viewport().height() - 5)
    assert win.diagram.node_at(corner) is None
    qtbot.mouseDClick(win.diagram.viewport(), Qt.MouseButton.LeftButton, pos=corner)
    type_into_new_node(qtbot, win, "Second claim")
    texts = sorted(n.text for n in win.document.map.nodes.values() if n.parent is None)
    assert texts == ["First claim", "Second claim"]


def test_the_canvas_menu_offers_add_claim(qtbot, make_window) -> None:
    win = new_map(qtbot, make_window)
    win.menus.popup_diagram_menu(None, win.diagram.mapToGlobal(QPoint(30, 30)))
    texts = [a.text().replace("&", "") for a in win.menus.last_menu.actions()]
    win.menus.last_menu.close()
    assert "Add Claim" in texts


def test_escape_on_a_new_empty_node_removes_it(qtbot, make_window) -> None:
    win = new_map(qtbot, make_window)
    win.document.edit("Add", ops.add_claim, "The claim", node_id="c")
    win.document.end_typing()
    wait_drawn(qtbot, win)
    win.selection.set_current("c")
    focus_diagram(qtbot, win)
    win.editor.add_support()
    qtbot.waitUntil(lambda: win.diagram.editor.isVisible(), timeout=20000)
    new = win.diagram.editor.node_id
    assert new in win.document.map.nodes
    qtbot.keyClick(win.diagram.editor, Qt.Key.Key_Escape)
    assert new not in win.document.map.nodes
    assert set(win.document.map.nodes) == {"c"}


def test_escape_keeps_a_node_that_is_not_new_or_not_empty(qtbot, make_window) -> None:
    win = new_map(qtbot, make_window)
    m = ops.add_claim(ArgumentMap(), "The claim", node_id="c").map
    m = ops.add_node(m, "c", Relation.SUPPORTS, "", node_id="empty").map
    win.document.replace(m, None)
    wait_drawn(qtbot, win)
    win.selection.set_current("empty")
    focus_diagram(qtbot, win)
    win.editor.edit_text()  # an old empty node, not one just added
    qtbot.waitUntil(lambda: win.diagram.editor.isVisible(), timeout=20000)
    qtbot.keyClick(win.diagram.editor, Qt.Key.Key_Escape)
    assert "empty" in win.document.map.nodes


def test_typing_into_an_old_node_is_its_own_step(qtbot, make_window) -> None:
    win = new_map(qtbot, make_window)
    focus_diagram(qtbot, win)
    win.editor.add_claim()
    type_into_new_node(qtbot, win, "A claim")
    node = next(iter(win.document.map.nodes))
    win.selection.set_current(node)
    focus_diagram(qtbot, win)
    win.editor.edit_text()
    qtbot.waitUntil(lambda: win.diagram.editor.isVisible(), timeout=20000)
    win.diagram.editor.selectAll()
    qtbot.keyClicks(win.diagram.editor, "A better claim")
    qtbot.keyClick(win.diagram.editor, Qt.Key.Key_Return)
    stack = win.document.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == ["Add Claim", "Edit Text"]


def test_a_new_maps_history_starts_as_a_new_map(qtbot, make_window, sample_path) -> None:
    win = new_map(qtbot, make_window)
    assert win.history.emptyLabel() == "New map"
    win.files.load(sample_path)
    qtbot.waitUntil(lambda: win.document.path is not None, timeout=20000)
    assert win.history.emptyLabel() == f"Opened {sample_path.name}"
