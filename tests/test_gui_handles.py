"""The "+" handles beside the selected node (issue 17, point 9): add a support or a
rebuttal with the mouse, and build a ten-node map with the mouse and typing only.
The real main window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from argmap.model import Relation
from tests.test_gui_diagram import click, sample_window, wait_drawn
from tests.test_gui_empty_map import new_map, type_into_new_node

CTRL = Qt.KeyboardModifier.ControlModifier


def handle(win, relation: Relation):  # type: ignore[no-untyped-def]
    return win.diagram.handles.buttons[relation]


def press(qtbot, win, relation: Relation) -> None:  # type: ignore[no-untyped-def]
    button = handle(win, relation)
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_handles_sit_below_the_selected_node_and_add_a_support_or_a_rebuttal(
    qtbot, make_window, debate_path
) -> None:
    win = sample_window(qtbot, make_window, debate_path)
    win.commands["view.direction.TB"].trigger()
    wait_drawn(qtbot, win)
    click(qtbot, win, "loop")
    box = win.diagram.mapFromScene(win.diagram.node_rect("loop")).boundingRect()
    for relation in (Relation.SUPPORTS, Relation.REBUTS):
        geometry = handle(win, relation).geometry()
        assert abs(geometry.center().y() - box.bottom()) <= 2  # astride the lower edge
        assert box.left() <= geometry.center().x() <= box.right()
    assert handle(win, Relation.SUPPORTS).geometry().right() < box.center().x()
    press(qtbot, win, Relation.SUPPORTS)
    new = type_into_new_node(qtbot, win, "It compounds")
    node = win.document.map.nodes[new]
    assert (node.parent, node.relation, node.text) == ("loop", Relation.SUPPORTS, "It compounds")
    assert win.document.undo_stack.count() == 1
    click(qtbot, win, "loop")
    press(qtbot, win, Relation.REBUTS)
    new = type_into_new_node(qtbot, win, "It plateaus")
    assert win.document.map.nodes[new].relation is Relation.REBUTS
    assert win.document.map.nodes[new].parent == "loop"
    assert win.document.undo_stack.count() == 2


def test_handles_follow_zoom_and_turn_with_the_direction(qtbot, make_window, debate_path) -> None:
    win = sample_window(qtbot, make_window, debate_path)
    win.commands["view.direction.LR"].trigger()
    wait_drawn(qtbot, win)
    click(qtbot, win, "pace")
    box = win.diagram.mapFromScene(win.diagram.node_rect("pace")).boundingRect()
    geometry = handle(win, Relation.SUPPORTS).geometry()
    assert abs(geometry.center().x() - box.right()) <= 2  # astride the right edge
    assert box.top() <= geometry.center().y() <= box.bottom()
    win.diagram.zoom(1.3)
    win.diagram.ensureVisible(win.diagram.node_rect("pace"), 60, 60)
    box = win.diagram.mapFromScene(win.diagram.node_rect("pace")).boundingRect()
    geometry = handle(win, Relation.REBUTS).geometry()
    assert abs(geometry.center().x() - box.right()) <= 2
    assert geometry.width() == 22  # the same size at every zoom


def test_handles_hide_for_several_nodes_while_editing_and_off_screen(
    qtbot, make_window, debate_path
) -> None:
    win = sample_window(qtbot, make_window, debate_path)
    click(qtbot, win, "loop")
    assert handle(win, Relation.SUPPORTS).isVisible()
    click(qtbot, win, "lecun", CTRL)
    assert not handle(win, Relation.SUPPORTS).isVisible()
    assert not handle(win, Relation.REBUTS).isVisible()
    click(qtbot, win, "lecun")
    assert handle(win, Relation.REBUTS).isVisible()
    win.diagram.setFocus()
    qtbot.keyClick(win.diagram, Qt.Key.Key_F2)
    qtbot.waitUntil(win.diagram.editor.isVisible)
    assert not handle(win, Relation.SUPPORTS).isVisible()
    qtbot.keyClick(win.diagram.editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: handle(win, Relation.SUPPORTS).isVisible())
    win.diagram.zoom(4.0)
    bar = win.diagram.horizontalScrollBar()
    bar.setValue(bar.maximum() if bar.value() < bar.maximum() // 2 else 0)
    box = win.diagram.mapFromScene(win.diagram.node_rect("lecun")).boundingRect()
    assert not win.diagram.viewport().rect().intersects(box)
    assert not handle(win, Relation.SUPPORTS).isVisible()


def test_ten_nodes_with_the_mouse_and_typing_alone(qtbot, make_window) -> None:
    win = new_map(qtbot, make_window)
    qtbot.mouseClick(win.diagram.invite.button, Qt.MouseButton.LeftButton)
    root = type_into_new_node(qtbot, win, "Cities should ban cars")
    made = [root]
    plan = [
        (0, Relation.SUPPORTS),
        (0, Relation.SUPPORTS),
        (0, Relation.REBUTS),
        (1, Relation.SUPPORTS),
        (1, Relation.REBUTS),
        (3, Relation.REBUTS),
        (2, Relation.SUPPORTS),
        (6, Relation.REBUTS),
        (4, Relation.SUPPORTS),
    ]
    for step, (parent, relation) in enumerate(plan, start=1):
        click(qtbot, win, made[parent])
        press(qtbot, win, relation)
        made.append(type_into_new_node(qtbot, win, f"Point {step}"))
    m = win.document.map
    assert len(m.nodes) == 10
    for step, (parent, relation) in enumerate(plan, start=1):
        node = m.nodes[made[step]]
        assert (node.parent, node.relation, node.text) == (made[parent], relation, f"Point {step}")
    assert win.document.undo_stack.count() == 10  # each node and its text: one step
