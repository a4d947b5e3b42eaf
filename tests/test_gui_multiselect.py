"""Several nodes selected at once (issue 17, point 9): Ctrl+click or Shift+click in the
outline and in the diagram, then delete, move, assess and tag them together, each one
undo step.  The real main window on the 33-node debate map (tests/data)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from argmap.formats import dumps
from argmap.model import Acceptance, Relation
from tests.test_gui_diagram import click, drag, sample_window, wait_drawn

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def outline_click(qtbot, win, node_id: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    view = win.outline
    index = view.outline.index_of(node_id)
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_ctrl_click_in_the_outline_selects_several_and_the_diagram_marks_them(
    qtbot, make_window, debate_path
) -> None:
    win = sample_window(qtbot, make_window, debate_path)
    outline_click(qtbot, win, "loop")
    assert win.selection.selected == ("loop",)
    assert not win.diagram._also_mark.isVisible()
    outline_click(qtbot, win, "capture", CTRL)
    outline_click(qtbot, win, "security", CTRL)
    assert win.selection.selected == ("loop", "security", "capture")
    assert win.selection.current == "security"
    assert win.diagram.also == ("loop", "security", "capture")
    assert win.diagram._also_mark.isVisible()
    marked = win.diagram._also_mark.path().boundingRect()
    for node_id in ("loop", "capture"):  # the current node has the selection's own mark
        rect = win.diagram.node_rect(node_id)
        assert rect is not None and marked.contains(rect)
    assert "3 nodes selected" in win.statusBar().currentMessage()
    rows = {win.outline.outline.node_id(i) for i in win.outline.selectionModel().selectedRows()}
    assert rows == {"loop", "security", "capture"}
    outline_click(qtbot, win, "security", CTRL)  # out again: the last added is current
    assert win.selection.selected == ("loop", "capture")
    assert win.selection.current == "capture"
    outline_click(qtbot, win, "pace")  # a plain click: one node again
    assert win.selection.selected == ("pace",)
    assert not win.diagram._also_mark.isVisible()


def test_shift_click_in_the_outline_selects_a_range(qtbot, make_window, debate_path) -> None:
    win = sample_window(qtbot, make_window, debate_path)
    outline_click(qtbot, win, "hijack")
    outline_click(qtbot, win, "othman", SHIFT)
    assert win.selection.selected == ("hijack", "thin-literature", "othman")


def test_ctrl_click_on_the_diagram_adds_and_removes_nodes(qtbot, make_window, debate_path) -> None:
    win = sample_window(qtbot, make_window, debate_path)
    click(qtbot, win, "loop")
    click(qtbot, win, "lecun", CTRL)
    click(qtbot, win, "valuation", SHIFT)
    assert win.selection.selected == ("loop", "valuation", "lecun")
    rows = {win.outline.outline.node_id(i) for i in win.outline.selectionModel().selectedRows()}
    assert rows == {"loop", "valuation", "lecun"}  # the outline shows the same selection
    click(qtbot, win, "lecun", CTRL)
    assert win.selection.selected == ("loop", "valuation")
    click(qtbot, win, "pace")
    assert win.selection.selected == ("pace",)


def test_delete_removes_every_selected_subtree_in_one_step(
    qtbot, make_window, debate_path, prompter
) -> None:  # type: ignore[no-untyped-def]
    win = sample_window(qtbot, make_window, debate_path)
    before = dumps(win.document.map)
    win.selection.set_selection(["loop", "lecun", "marketing"], "lecun")
    prompter.script("delete", True)  # marketing has a reply below it: asked first
    win.commands["edit.delete"].trigger()
    m = win.document.map
    for gone in ("loop", "lecun", "marketing", "marketing-reply"):
        assert gone not in m.nodes
    assert win.document.undo_stack.count() == 1
    assert prompter.asked[-1] == ("delete", 2)
    assert win.selection.selected == ("pace",)  # where the first of them was
    win.document.undo_stack.undo()
    assert dumps(win.document.map) == before


def test_delete_of_several_asks_first_and_cancel_keeps_everything(
    qtbot, make_window, debate_path, prompter
) -> None:
    win = sample_window(qtbot, make_window, debate_path)
    before = dumps(win.document.map)
    win.selection.set_selection(["capture", "valuation"], "capture")
    prompter.script("delete", False)
    win.commands["edit.delete"].trigger()
    assert dumps(win.document.map) == before
    assert win.document.undo_stack.count() == 0
    win.selection.set_selection(["hijack", "othman"], "hijack")
    prompter.script("delete", True)
    win.commands["edit.delete"].trigger()  # two leaves: asked too (Ctrl+A, Delete)
    assert "hijack" not in win.document.map.nodes and "othman" not in win.document.map.nodes
    assert prompter.asked == [("delete", 3), ("delete", 1)]


def test_assess_and_weigh_act_on_every_selected_node(qtbot, make_window, debate_path) -> None:
    win = sample_window(qtbot, make_window, debate_path)
    win.selection.set_selection(["loop", "capture", "sceptics"], "loop")
    win.commands["assess.rejected"].trigger()
    m = win.document.map
    assert {m.nodes[i].acceptance for i in ("loop", "capture", "sceptics")} == {Acceptance.REJECTED}
    assert m.nodes["pace"].acceptance is None
    assert win.document.undo_stack.count() == 1
    assert win.document.undo_stack.text(0) == "Assess 3 Nodes"
    win.commands["assess.weak"].trigger()
    assert win.document.undo_stack.count() == 2
    win.selection.set_selection(["loop", "main"], "loop")
    before = dumps(win.document.map)
    errors: list[str] = []
    win.document.error.connect(errors.append)
    win.commands["assess.strong"].trigger()  # the main claim has no force: refused whole
    assert dumps(win.document.map) == before
    assert errors == ["A top-level claim is not a reason: it has no force"]


def test_add_and_remove_a_tag_on_several(qtbot, make_window, debate_path, prompter) -> None:  # type: ignore[no-untyped-def]
    win = sample_window(qtbot, make_window, debate_path)
    win.selection.set_selection(["can-code", "all-players", "defector"], "defector")
    prompter.script("tag", "untagged-before")
    win.commands["edit.add_tag"].trigger()
    m = win.document.map
    assert all(m.nodes[i].tags == ("untagged-before",) for i in ("can-code", "all-players"))
    question, (tags, count, remove) = prompter.asked[-1]
    assert question == "tag" and count == 3 and remove is False and "timing" in tags
    assert win.document.undo_stack.count() == 1
    prompter.script("tag", "untagged-before")
    win.commands["edit.remove_tag"].trigger()
    assert all(win.document.map.nodes[i].tags == () for i in ("can-code", "defector"))
    assert prompter.asked[-1][1] == (["untagged-before"], 3, True)
    prompter.script("tag", None)  # cancelled: nothing changes
    before = dumps(win.document.map)
    win.commands["edit.add_tag"].trigger()
    assert dumps(win.document.map) == before
    assert win.document.undo_stack.count() == 2


def test_remove_tag_on_untagged_nodes_says_so(qtbot, make_window, debate_path, prompter) -> None:  # type: ignore[no-untyped-def]
    win = sample_window(qtbot, make_window, debate_path)
    win.selection.set_selection(["can-code", "all-players"], "can-code")
    errors: list[str] = []
    win.document.error.connect(errors.append)
    win.commands["edit.remove_tag"].trigger()
    assert errors == ["The selected nodes have no tags"]
    assert not [q for q in prompter.asked if q[0] == "tag"]


def test_dragging_one_of_several_moves_them_all(qtbot, make_window, debate_path) -> None:
    win = sample_window(qtbot, make_window, debate_path)
    win.selection.set_selection(["valuation", "revenue"], "valuation")
    drag(qtbot, win, "revenue", "capture", SHIFT)
    m = win.document.map
    assert m.tree.children("capture")[-2:] == ("valuation", "revenue")
    assert {m.nodes[i].relation for i in ("valuation", "revenue")} == {Relation.REBUTS}
    assert win.document.undo_stack.count() == 1
    assert win.selection.selected == ("valuation", "revenue")
    wait_drawn(qtbot, win)
    before = dumps(win.document.map)
    win.selection.set_selection(["capture", "loop"], "loop")
    drag(qtbot, win, "loop", "open-source")  # into capture's own subtree: refused whole
    assert dumps(win.document.map) == before


def test_dropping_several_rows_in_the_outline_moves_them_together(
    qtbot, make_window, debate_path
) -> None:
    win = sample_window(qtbot, make_window, debate_path)
    model = win.outline.outline
    win.selection.set_selection(["valuation", "lecun"], "lecun")
    indexes = win.outline.selectionModel().selectedRows()
    data = model.mimeData(indexes)
    target = model.index_of("pace")
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, target)
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, target)
    m = win.document.map
    assert m.tree.children("pace") == ("valuation", "lecun", "loop")
    assert win.document.undo_stack.text(0) == "Move 2 Nodes"
    win.selection.set_selection(["sceptics", "loop"], "loop")
    data = model.mimeData(win.outline.selectionModel().selectedRows())
    assert not model.canDropMimeData(
        data, Qt.DropAction.MoveAction, 0, 0, model.index_of("can-code")
    )


def test_select_all_then_a_plain_click_selects_one(qtbot, make_window, debate_path) -> None:
    win = sample_window(qtbot, make_window, debate_path)
    win.diagram.setFocus()
    qtbot.waitUntil(win.diagram.hasFocus)
    qtbot.keyClick(win.diagram, Qt.Key.Key_A, CTRL)
    assert len(win.selection.selected) == len(win.document.map.nodes)
    assert win.selection.current == "main"
    click(qtbot, win, "loop")
    assert win.selection.selected == ("loop",)


def test_the_node_menu_on_one_of_several_keeps_the_selection(
    qtbot, make_window, debate_path
) -> None:
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication, QMenu

    win = sample_window(qtbot, make_window, debate_path)
    win.selection.set_selection(["loop", "lecun"], "loop")
    win.diagram.fit()
    where = win.diagram.view_point_of("lecun")
    menus: list[QMenu] = []

    def close_menu() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            menus.append(menu)
            menu.close()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(300, close_menu)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, where, win.diagram.viewport().mapToGlobal(where)
    )
    win.diagram.contextMenuEvent(event)
    assert win.selection.selected == ("loop", "lecun")
    click(qtbot, win, "pace")
    where = win.diagram.view_point_of("capture") + QPoint(0, 0)
    QTimer.singleShot(300, close_menu)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, where, win.diagram.viewport().mapToGlobal(where)
    )
    win.diagram.contextMenuEvent(event)  # on an unselected node: it alone is selected
    assert win.selection.selected == ("capture",)


def test_deleting_a_selected_node_elsewhere_keeps_the_rest_selected(
    qtbot, make_window, debate_path
) -> None:
    win = sample_window(qtbot, make_window, debate_path)
    win.selection.set_selection(["loop", "lecun", "revenue"], "lecun")
    from argmap.model import ops

    win.document.edit("Delete", ops.delete_subtree, "lecun")
    assert win.selection.selected == ("loop", "revenue")
    assert win.selection.current in ("loop", "revenue")
    win.document.edit("Delete", ops.delete_subtree, "sceptics")  # nothing selected in it
    assert win.selection.selected == ("loop", "revenue")


def test_cut_and_copy_take_every_selected_node_and_paste_brings_them_back(
    qtbot, make_window, debate_path
) -> None:
    from PySide6.QtGui import QGuiApplication

    win = sample_window(qtbot, make_window, debate_path)
    before = dumps(win.document.map)
    first = win.document.map
    win.selection.set_selection(["marketing", "loop"], "loop")
    win.clipboard.cut()
    m = win.document.map
    for gone in ("loop", "marketing", "marketing-reply"):
        assert gone not in m.nodes
    assert win.document.undo_stack.count() == 1
    lines = QGuiApplication.clipboard().text().splitlines()
    heads = [line for line in lines if not line.startswith(" ")]
    assert len(heads) == 2  # two roots, in the outline's order: loop, then marketing
    assert first.nodes["loop"].text.split()[0] in heads[0]
    assert first.nodes["marketing"].text.split()[0] in heads[1]
    win.document.undo_stack.undo()
    assert dumps(win.document.map) == before
    win.selection.set_current("lecun")
    win.clipboard.paste()
    kids = win.document.map.tree.children("lecun")
    assert len(kids) == 2  # both roots, under the selected node
    assert len(win.document.map.nodes) == len(m.nodes) + 3 + 3


def test_the_status_bar_count_goes_when_one_node_is_selected_again(
    qtbot, make_window, debate_path
) -> None:
    win = sample_window(qtbot, make_window, debate_path)
    win.selection.set_selection(["loop", "lecun"], "loop")
    assert win.statusBar().currentMessage().startswith("2 nodes selected")
    win.selection.set_current("pace")
    assert win.statusBar().currentMessage() == ""
    win.statusBar().showMessage("Saved")
    win.selection.set_current("loop")
    assert win.statusBar().currentMessage() == "Saved"  # other news stays
