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


def _outline_editor(win):  # type: ignore[no-untyped-def]
    from argmap.gui.panels.outline_view import NodeEditor

    editors = [e for e in win.outline.findChildren(NodeEditor) if e.isVisible()]
    return editors[0] if editors else None


def test_in_the_outline_adding_and_typing_is_one_step_and_escape_removes_it(
    qtbot, make_window
) -> None:
    """The keyboard path: Ctrl+N leaves the focus in the outline, where new nodes are
    typed; each node and its text are one undo step, as on the diagram (issue 17, 4)."""
    win = new_map(qtbot, make_window)
    win.outline.setFocus()
    qtbot.waitUntil(win.outline.hasFocus, timeout=5000)
    texts = []
    for key, text in (
        (
            (
                Qt.Key.Key_Return,
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
            ),
            "Ban cars",
        ),
        ((Qt.Key.Key_Insert, Qt.KeyboardModifier.NoModifier), "Cleaner air"),
        ((Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier), "Shops suffer"),
    ):
        qtbot.keyClick(win.outline, *key)
        qtbot.waitUntil(lambda: _outline_editor(win) is not None, timeout=5000)
        editor = _outline_editor(win)
        qtbot.keyClicks(editor.text, text)
        qtbot.keyClick(editor.text, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: _outline_editor(win) is None, timeout=5000)
        texts.append(text)
        win.selection.set_current(win.document.map.tree.roots[0])
    m = win.document.map
    assert sorted(n.text for n in m.nodes.values()) == sorted(texts)
    assert win.document.undo_stack.count() == 3
    assert [win.document.undo_stack.text(i) for i in range(3)] == [
        "Add Claim",
        "Add Support",
        "Add Rebuttal",
    ]
    qtbot.keyClick(win.outline, Qt.Key.Key_Insert)
    qtbot.waitUntil(lambda: _outline_editor(win) is not None, timeout=5000)
    assert len(win.document.map.nodes) == 4
    qtbot.keyClick(_outline_editor(win).text, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(win.document.map.nodes) == 3, timeout=5000)
    assert win.document.undo_stack.index() == 3  # the empty node's step undone
    assert "" not in {n.text for n in win.document.map.nodes.values()}
    win.document.undo_stack.undo()  # one step back: the rebuttal and its text go together
    assert sorted(n.text for n in win.document.map.nodes.values()) == ["Ban cars", "Cleaner air"]


def test_the_invitation_fits_and_is_centred_after_the_welcome_page(qtbot, make_window) -> None:
    """Adversary: New Map from the welcome page placed it while the diagram was hidden,
    cut off ("Add the Main Clai") in a narrow pane."""
    win = make_window()
    win.resize(1100, 750)
    win.show()
    qtbot.waitExposed(win)
    win.files.new()
    qtbot.waitUntil(lambda: win.diagram.invite.isVisible(), timeout=5000)
    port = win.diagram.viewport().geometry()
    invite = win.diagram.invite.geometry()
    assert port.contains(invite)
    assert abs(invite.center().x() - port.center().x()) <= 2
    button = win.diagram.invite.button
    assert button.width() >= button.sizeHint().width()  # its words whole


def test_ten_nodes_with_the_keyboard_alone_then_exported(
    qtbot, make_window, prompter, tmp_path, monkeypatch
) -> None:
    """Done when (issue 17): a ten-node map built with keys only, in the outline where
    Ctrl+N leaves the focus, each node one undo step, then exported with Ctrl+E."""
    from argmap.gui.dialogs.export_dialog import ExportDialog

    win = new_map(qtbot, make_window)
    win.outline.setFocus()
    qtbot.waitUntil(win.outline.hasFocus, timeout=5000)
    ctrl, none = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.NoModifier
    claim = (Qt.Key.Key_Return, ctrl | Qt.KeyboardModifier.ShiftModifier)
    support, rebuttal = (Qt.Key.Key_Insert, none), (Qt.Key.Key_2, ctrl)
    sibling = (Qt.Key.Key_Return, ctrl)
    up = (Qt.Key.Key_Up, none)
    steps = [claim, support, sibling, rebuttal, support, up, rebuttal, sibling, support, up]
    for number, key in enumerate(steps):
        if key == up:  # walk up a row first, then add a rebuttal there
            qtbot.keyClick(win.outline, *key)
            key = rebuttal
        qtbot.keyClick(win.outline, *key)
        qtbot.waitUntil(lambda: _outline_editor(win) is not None, timeout=5000)
        editor = _outline_editor(win)
        qtbot.keyClicks(editor.text, f"Point {number}")
        qtbot.keyClick(editor.text, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: _outline_editor(win) is None, timeout=5000)
    m = win.document.map
    assert len(m.nodes) == 10
    assert sorted(n.text for n in m.nodes.values()) == sorted(f"Point {i}" for i in range(10))
    assert len(m.tree.roots) == 1
    assert win.document.undo_stack.count() == 10
    target = tmp_path / "ten.svg"

    def form(scope):  # type: ignore[no-untyped-def]
        dialog = ExportDialog(win.document.map, None, win.settings, win)
        dialog.exec = lambda: 1  # Enter on the dialog's Export button
        return dialog

    monkeypatch.setattr(win.exporting, "open_form", form)
    prompter.script("save", target)
    qtbot.keyClick(win.outline, Qt.Key.Key_E, ctrl)
    qtbot.waitUntil(lambda: not win.exporting.jobs and target.exists(), timeout=60000)
    svg = target.read_text(encoding="utf-8")
    assert all(f"Point {i}" in svg for i in range(10))
