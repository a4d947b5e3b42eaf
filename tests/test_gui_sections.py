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
