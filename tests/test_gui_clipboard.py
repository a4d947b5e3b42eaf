"""Cut, copy and paste of subtrees in the real main window with the real QClipboard (issue
17, point 9): copy puts argmap's fragment and a text outline on the clipboard, paste grafts
under the selected node as one undo step and selects what it pasted, between two windows
too; while a text field has focus, the keys and the commands act on its text instead; a
paste that cannot be made says why in one line and changes nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from argmap.formats.fragment import MIME, outline_text
from argmap.gui.window.main_window import MainWindow
from argmap.model import ArgumentMap, Relation, ops
from argmap.model.fragment import fragment_of
from tests.test_model_fragment import SOURCE, rich_map

CTRL = Qt.KeyboardModifier.ControlModifier


def open_map(qtbot, make_window, m: ArgumentMap | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    win = make_window()
    win.show()
    qtbot.waitExposed(win)
    win.document.replace(rich_map() if m is None else m, None)
    win.activateWindow()
    return win


def focus(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=5000)


def press(qtbot, widget: QWidget, key: Qt.Key, modifiers=CTRL) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(widget, key, modifiers)


def clipboard_formats() -> list[str]:
    data = QGuiApplication.clipboard().mimeData()
    return [] if data is None else list(data.formats())


def put_text(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


@pytest.fixture(autouse=True)
def _empty_clipboard():  # type: ignore[no-untyped-def]
    QGuiApplication.clipboard().clear()
    yield
    QGuiApplication.clipboard().clear()


def test_copy_puts_the_fragment_and_an_outline_on_the_clipboard(qtbot, make_window) -> None:
    win = open_map(qtbot, make_window)
    win.selection.set_current("s1")
    focus(qtbot, win.outline)
    before = win.document.map
    press(qtbot, win.outline, Qt.Key.Key_C)
    assert MIME in clipboard_formats() and "text/plain" in clipboard_formats()
    assert QGuiApplication.clipboard().text() == outline_text(fragment_of(before, ["s1"]))
    assert win.document.map == before and win.document.undo_stack.count() == 0
    assert win.statusBar().currentMessage() == (
        "Copied 3 nodes; 1 cross-link to nodes not copied left out"
    )


def test_paste_grafts_under_the_selected_node_in_one_step_and_selects_it(
    qtbot, make_window
) -> None:
    win = open_map(qtbot, make_window)
    win.selection.set_current("s1")
    focus(qtbot, win.outline)
    press(qtbot, win.outline, Qt.Key.Key_C)
    win.selection.set_current("s2")
    before = win.document.map
    press(qtbot, win.outline, Qt.Key.Key_V)
    m = win.document.map
    added = set(m.nodes) - set(before.nodes)
    assert len(added) == 3 and win.document.undo_stack.count() == 1
    root = win.selection.current
    assert root in added and m.nodes[root].parent == "s2"
    assert m.nodes[root].relation is Relation.SUPPORTS and m.nodes[root].text == "Cars pollute"
    index = win.outline.currentIndex()
    assert win.outline_model.node_id(index) == root
    assert win.outline.viewport().rect().intersects(win.outline.visualRect(index))
    win.document.undo_stack.undo()
    assert win.document.map == before


def test_paste_as_rebuttal_attacks_the_selected_node(qtbot, make_window) -> None:
    win = open_map(qtbot, make_window)
    win.selection.set_current("s2")
    win.commands["edit.copy"].trigger()
    win.selection.set_current("s1")
    win.commands["edit.paste_rebuttal"].trigger()
    root = win.selection.current
    assert root not in rich_map().nodes
    node = win.document.map.nodes[root]
    assert (node.parent, node.relation, node.text) == (
        "s1",
        Relation.REBUTS,
        "Pollution harms health",
    )
    assert win.document.undo_stack.text(0) == "Paste as Rebuttal"


def test_cut_removes_the_subtree_in_one_step_and_it_pastes_back(qtbot, make_window) -> None:
    win = open_map(qtbot, make_window)
    win.selection.set_current("s1")
    focus(qtbot, win.outline)
    press(qtbot, win.outline, Qt.Key.Key_X)
    m = win.document.map
    assert not {"s1", "r1", "u1"} & set(m.nodes)
    assert win.document.undo_stack.count() == 1 and win.selection.current == "c"
    win.selection.set_current("a1")
    press(qtbot, win.outline, Qt.Key.Key_V)
    assert win.document.undo_stack.count() == 2
    assert [win.document.map.nodes[c].text for c in win.document.map.tree.children("a1")] == [
        "Buses carry more people",
        "Cars pollute",
    ]
    win.document.undo_stack.undo()
    win.document.undo_stack.undo()
    assert win.document.map == rich_map()


def test_nodes_copied_in_one_window_paste_into_another_map(qtbot, make_window) -> None:
    first = open_map(qtbot, make_window)
    first.selection.set_current("c")
    first.commands["edit.copy"].trigger()
    other = ops.add_claim(ArgumentMap(), "Work from home", node_id="w").map
    second = open_map(qtbot, make_window, other)
    second.selection.set_current("w")
    focus(qtbot, second.outline)
    press(qtbot, second.outline, Qt.Key.Key_V)
    m = second.document.map
    root = second.selection.current
    assert m.nodes[root].parent == "w" and len(m.nodes) == 1 + 7
    assert [s.title for s in m.sections] == ["Transport", "Economy"]
    assert len(m.links) == 1 and m.tag_colors == {"policy": "navy"}
    assert first.document.map == rich_map()


def test_with_nothing_selected_paste_makes_claims_of_text_from_elsewhere(
    qtbot, make_window
) -> None:
    win = open_map(qtbot, make_window)
    win.selection.set_current(None)
    put_text("Trams are better\n  + They are quiet\n  - They are dear\n")
    win.commands["edit.paste"].trigger()
    m = win.document.map
    root = win.selection.current
    assert m.nodes[root].parent is None and m.tree.roots == ("c", root)
    kids = [(m.nodes[k].text, m.nodes[k].relation) for k in m.tree.children(root)]
    assert kids == [("They are quiet", Relation.SUPPORTS), ("They are dear", Relation.REBUTS)]


def test_the_context_menus_offer_cut_copy_and_paste(qtbot, make_window) -> None:
    win = open_map(qtbot, make_window)
    wanted = {"Cut", "Copy", "Paste", "Paste as Rebuttal"}
    outline = {a.text().replace("&", "") for a in win.outline.actions()}
    assert wanted <= outline
    win.selection.set_current("s1")
    win.menus.popup_diagram_menu("s1", win.diagram.mapToGlobal(win.diagram.rect().center()))
    node_menu = {a.text().replace("&", "") for a in win.menus.last_menu.actions()}
    win.menus.last_menu.close()
    assert wanted <= node_menu


# -- text fields keep their own clipboard keys -----------------------------------------


def test_ctrl_c_and_v_in_the_inspector_act_on_its_text(qtbot, make_window) -> None:
    win = open_map(qtbot, make_window)
    win.selection.set_current("s1")
    field = win.inspector.title
    focus(qtbot, field)
    field.setText("Air")
    field.selectAll()
    press(qtbot, field, Qt.Key.Key_C)
    assert QGuiApplication.clipboard().text() == "Air" and MIME not in clipboard_formats()
    field.end(False)
    press(qtbot, field, Qt.Key.Key_V)
    assert field.text() == "AirAir"
    assert set(win.document.map.nodes) == set(rich_map().nodes)


def test_cut_in_the_outline_editor_cuts_its_text_not_the_node(qtbot, make_window) -> None:
    win = open_map(qtbot, make_window)
    win.selection.set_current("s1")
    win.outline.edit_node("s1")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5000)
    editor = QApplication.focusWidget()
    assert editor is not None and editor.inherits("QPlainTextEdit")
    press(qtbot, editor, Qt.Key.Key_X)  # the editor selects all of the text on opening
    assert QGuiApplication.clipboard().text() == "Cars pollute"
    assert editor.toPlainText() == ""
    assert "s1" in win.document.map.nodes and win.document.undo_stack.count() == 0


def test_copy_in_the_source_text_copies_the_marked_words(qtbot, make_window) -> None:
    win = open_map(qtbot, make_window)
    view = win.source_pane.view
    qtbot.waitUntil(lambda: view.text == SOURCE, timeout=5000)
    win.source_dock.show()
    win.source_dock.raise_()
    start = SOURCE.index("Buses")
    view.select_span(start, start + len("Buses carry"))
    focus(qtbot, view)
    press(qtbot, view, Qt.Key.Key_C)
    assert QGuiApplication.clipboard().text() == "Buses carry"
    assert MIME not in clipboard_formats()


def test_in_the_source_text_cut_paste_select_all_and_delete_leave_the_nodes_alone(
    qtbot, make_window
) -> None:
    """The guide: while the source text has focus, the keys act on the text (adversary:
    Ctrl+X cut the selected node, Ctrl+A selected every node, Delete asked to delete)."""
    from argmap.formats import dumps

    win = open_map(qtbot, make_window)
    view = win.source_pane.view
    qtbot.waitUntil(lambda: view.text == SOURCE, timeout=5000)
    win.source_dock.show()
    win.source_dock.raise_()
    win.selection.set_current("s1")
    before = dumps(win.document.map)
    start = SOURCE.index("Buses")
    view.select_span(start, start + len("Buses carry"))
    focus(qtbot, view)
    for key, mods in (
        (Qt.Key.Key_X, CTRL),
        (Qt.Key.Key_V, CTRL),
        (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier),
    ):
        press(qtbot, view, key, mods)
    assert dumps(win.document.map) == before
    assert win.document.undo_stack.count() == 0
    press(qtbot, view, Qt.Key.Key_A)
    assert win.selection.selected == ("s1",)  # not every node
    assert view.textCursor().selectedText().replace("\u2029", "\n") == SOURCE


def test_the_menu_command_acts_on_the_focused_field_too(qtbot, make_window) -> None:
    win = open_map(qtbot, make_window)
    win.selection.set_current("s1")
    field = win.inspector.tags
    focus(qtbot, field)
    field.setText("one two")
    field.selectAll()
    win.commands["edit.copy"].trigger()
    assert QGuiApplication.clipboard().text() == "one two" and MIME not in clipboard_formats()
    put_text("three")
    win.commands["edit.paste"].trigger()
    assert field.text() == "three"
    assert set(win.document.map.nodes) == set(rich_map().nodes)


# -- refusals --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fill", "message"),
    [
        (
            lambda: put_text("x" * 5_000_000),
            "Cannot paste: the clipboard holds more than 4,194,304 characters, too much to paste",
        ),
        (lambda: QGuiApplication.clipboard().clear(), "Cannot paste: the clipboard holds no"),
        (
            lambda: _fragment_data(
                b'{"argmap-fragment": 1, "nodes": [{"id": "a", "parent": "b"}]}'
            ),
            "Cannot paste: nodes[id=a]",
        ),
    ],
)
def test_a_paste_that_cannot_be_made_says_why_and_changes_nothing(
    qtbot, make_window, fill, message: str
) -> None:
    win = open_map(qtbot, make_window)
    win.selection.set_current("s1")
    fill()
    win.commands["edit.paste"].trigger()
    shown = win.statusBar().currentMessage()
    assert shown.startswith(message) and "\n" not in shown
    assert win.document.map == rich_map() and win.document.undo_stack.count() == 0


def _fragment_data(raw: bytes) -> None:
    data = QMimeData()
    data.setData(MIME, raw)
    data.setText("ignored: the fragment is what argmap pastes")
    QGuiApplication.clipboard().setMimeData(data)


def test_paste_as_rebuttal_with_nothing_selected_is_refused(qtbot, make_window) -> None:
    win = open_map(qtbot, make_window)
    win.selection.set_current("c")
    win.commands["edit.copy"].trigger()
    win.selection.set_current(None)
    assert not win.commands["edit.paste_rebuttal"].isEnabled()
    win.clipboard.paste(Relation.REBUTS)  # as a command would, were it enabled
    assert win.statusBar().currentMessage() == "Select the node to paste a rebuttal of"
    assert win.document.map == rich_map() and win.document.undo_stack.count() == 0


def test_the_keys_on_the_diagram_copy_nodes_and_in_its_editor_text(qtbot, make_window) -> None:
    from tests.test_gui_diagram import wait_drawn

    win = open_map(qtbot, make_window)
    wait_drawn(qtbot, win)
    win.selection.set_current("r1")
    focus(qtbot, win.diagram)
    press(qtbot, win.diagram, Qt.Key.Key_C)
    assert MIME in clipboard_formats()
    assert QGuiApplication.clipboard().text() == "Electric cars do not pollute\n"
    win.live.edit_text("r1")
    editor = win.diagram.editor
    qtbot.waitUntil(editor.isVisible, timeout=20000)
    focus(qtbot, editor)
    editor.selectAll()
    press(qtbot, editor, Qt.Key.Key_C)
    assert QGuiApplication.clipboard().text() == "Electric cars do not pollute"
    assert MIME not in clipboard_formats()
