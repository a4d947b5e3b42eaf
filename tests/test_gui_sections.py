"""The Sections panel through the real window: new, rename in place, nest, delete, and
nodes put into and taken out of a section; each one undo step."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidgetItem

from argmap.gui.window.main_window import MainWindow
from argmap.model import Relation, ops


def _panel(window: MainWindow):  # type: ignore[no-untyped-def]
    doc = window.document
    doc.edit("Add", ops.add_claim, "Ban cars.", node_id="C")
    doc.edit("Add", ops.add_node, "C", Relation.SUPPORTS, "Cleaner air.", node_id="S")
    doc.undo_stack.clear()
    return window.sections


def _titles(item: QTreeWidgetItem | None, depth: int = 0) -> list[tuple[int, str]]:
    if item is None:
        return []
    out = [(depth, item.text(0))]
    for i in range(item.childCount()):
        out += _titles(item.child(i), depth + 1)
    return out


def _tree(panel) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    out = []
    for i in range(panel.tree.topLevelItemCount()):
        out += _titles(panel.tree.topLevelItem(i))
    return out


def test_sections_are_made_renamed_nested_and_deleted(window) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(window)
    doc = window.document
    panel.new.click()
    item = panel.tree.currentItem()
    assert item is not None
    item.setText(0, "Environment")  # as the in-place editor leaves it
    panel.tree.clearSelection()
    panel.tree.setCurrentItem(None)
    panel.new.click()
    second = panel.tree.currentItem()
    assert second is not None
    second.setText(0, "Air")
    assert [s.title for s in doc.map.sections] == ["Environment", "Air"]
    panel.indent.click()
    assert _tree(panel) == [(0, "Environment"), (1, "Air")]
    assert doc.map.sections[1].parent == doc.map.sections[0].id
    panel.outdent.click()
    assert _tree(panel) == [(0, "Environment"), (0, "Air")]
    assert doc.undo_stack.count() == 6  # two new, two renames, indent, outdent
    panel.delete.click()
    assert [s.title for s in doc.map.sections] == ["Environment"]
    for _ in range(doc.undo_stack.count()):
        doc.undo_stack.undo()
    assert doc.map.sections == () and _tree(panel) == []


def test_a_node_is_put_into_a_section_and_taken_out(window) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(window)
    doc = window.document
    panel.new.click()
    window.selection.set_current("S")
    assert panel.move_here.isEnabled() and not panel.take_out.isEnabled()
    panel.move_here.click()
    section = doc.map.sections[0].id
    assert doc.map.nodes["S"].section == section
    assert panel.tree.topLevelItem(0).text(1) == "1"  # type: ignore[union-attr]
    panel.take_out.click()
    assert doc.map.nodes["S"].section is None


def test_a_refused_name_comes_back_and_the_first_section_cannot_indent(window) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(window)
    doc = window.document
    errors: list[str] = []
    doc.error.connect(errors.append)
    panel.new.click()
    item = panel.tree.currentItem()
    assert item is not None
    before = doc.map
    item.setText(0, "   ")
    assert doc.map is before and panel.tree.topLevelItem(0).text(0) == "New section"  # type: ignore[union-attr]
    panel.indent.click()
    assert doc.map is before
    assert errors == [
        "title: a section's title cannot be empty",
        "The first section has none above it to go inside",
    ]


def test_the_panel_can_be_shown_from_the_view_menu(window) -> None:  # type: ignore[no-untyped-def]
    action = window.commands["panel.sections"]
    assert action.text() == "Sections" and action.isCheckable()
    shown = not window.sections_dock.isHidden()
    action.trigger()
    assert window.sections_dock.isHidden() == shown


def _drop(panel, data, item: QTreeWidgetItem | None) -> bool:  # type: ignore[no-untyped-def]
    """Drop `data` on `item` of the tree (None: on the empty space below the sections), as
    a drag from the outline or from the tree itself ends; whether the tree took it."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    view = panel.tree.viewport()
    at = (
        panel.tree.visualItemRect(item).center()
        if item is not None
        else QPoint(5, view.height() - 5)
    )
    assert panel.tree.itemAt(at) is item
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    press, plain = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    # as a drag arrives: it enters, moves over the item, then drops (Qt delivers the drop
    # only to a widget that took the drag when it entered)
    QApplication.sendEvent(view, QDragEnterEvent(at, actions, data, press, plain))
    QApplication.sendEvent(view, QDragMoveEvent(at, actions, data, press, plain))
    event = QDropEvent(QPointF(at), actions, data, press, plain)
    QApplication.sendEvent(view, event)
    return event.isAccepted()


def test_outline_nodes_dragged_onto_a_section_go_into_it(window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QMimeData

    from argmap.model import structure_ops as so

    panel = _panel(window)
    doc = window.document
    doc.edit("Sec", so.add_section, "Air", None)
    doc.undo_stack.clear()
    window.sections_dock.show()
    window.sections_dock.raise_()
    section = doc.map.sections[0].id
    # what the outline's model puts in a drag of its rows
    rows = [window.outline_model.index_of(i) for i in ("C", "S")]
    data = window.outline_model.mimeData(rows)
    assert _drop(panel, data, panel.tree.topLevelItem(0))
    assert [doc.map.nodes[i].section for i in ("C", "S")] == [section, section]
    assert doc.undo_stack.count() == 1 and doc.undo_stack.text(0) == "Move to Section"
    assert panel.tree.topLevelItem(0).text(1) == "2"  # type: ignore[union-attr]
    assert set(doc.map.nodes) == {"C", "S"} and doc.map.nodes["S"].parent == "C"  # only moved in
    assert _drop(panel, window.outline_model.mimeData(rows[1:]), None)  # onto empty space: out
    assert doc.map.nodes["S"].section is None and doc.map.nodes["C"].section == section
    assert doc.undo_stack.count() == 2
    other = QMimeData()
    other.setText("not a node")
    before = doc.map
    assert not _drop(panel, other, panel.tree.topLevelItem(0))  # nothing else is taken
    assert doc.map is before


def test_a_section_dragged_onto_another_goes_inside_it(window) -> None:  # type: ignore[no-untyped-def]
    from argmap.model import structure_ops as so

    panel = _panel(window)
    doc = window.document
    doc.edit("Sec", so.add_section, "Environment", None)
    doc.edit("Sec", so.add_section, "Air", None)
    doc.undo_stack.clear()
    window.sections_dock.show()
    window.sections_dock.raise_()
    env, air = (s.id for s in doc.map.sections)
    second = panel.tree.topLevelItem(1)
    assert second is not None and second.text(0) == "Air"
    data = panel.tree.mimeData([second])  # what the tree puts in a drag of its row
    assert _drop(panel, data, panel.tree.topLevelItem(0))
    assert doc.map.sections[1].parent == env
    assert _tree(panel) == [(0, "Environment"), (1, "Air")]
    assert doc.undo_stack.count() == 1
    errors: list[str] = []
    doc.error.connect(errors.append)
    before = doc.map
    outer = panel.tree.topLevelItem(0)
    inner = outer.child(0)  # type: ignore[union-attr]
    assert _drop(panel, panel.tree.mimeData([outer]), inner)  # into its own child: refused
    assert doc.map is before and errors == [f"section '{env}' cannot go inside itself"]
    assert _drop(panel, panel.tree.mimeData([inner]), None)  # onto empty space: top level
    assert doc.map.sections[1].parent is None
    assert _tree(panel) == [(0, "Environment"), (0, "Air")]
    assert doc.undo_stack.count() == 2
    assert air in {s.id for s in doc.map.sections}


def test_the_titles_take_the_width_of_the_panel(window) -> None:  # type: ignore[no-untyped-def]
    from argmap.model import structure_ops as so

    panel = _panel(window)
    window.document.edit("Sec", so.add_section, "A rather long section title to read", None)
    window.sections_dock.show()
    window.sections_dock.raise_()
    header = panel.tree.header()
    assert header.sectionSize(0) > 3 * header.sectionSize(1)  # the count column stays narrow
    assert header.sectionSize(0) + header.sectionSize(1) <= panel.tree.viewport().width() + 1
