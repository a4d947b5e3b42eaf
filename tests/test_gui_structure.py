"""The window's commands for the structure: Add Undercut (menus, the node's context menu,
Ctrl+4), and showing an argument's structure or collapsing a section on the diagram
(view state: never an undo step)."""

from __future__ import annotations

from argmap.gui.window.main_window import MainWindow
from argmap.model import Relation, ops
from argmap.model import structure_ops as so
from argmap.model.structure import StepRole
from tests.gui_support import wait_loaded


def _debate(window: MainWindow) -> None:
    doc = window.document
    doc.edit("Add", ops.add_claim, "Cities should ban cars.", node_id="C")
    doc.edit("Add", ops.add_node, "C", Relation.SUPPORTS, "The air gets cleaner.", node_id="S")
    doc.edit("Arg", so.set_argument, "S", True)
    doc.edit("P", so.add_step, "S", text="Cars pollute.")
    doc.edit("K", so.add_step, "S", StepRole.CONCLUSION, statement="C")
    doc.edit("Sec", so.add_section, "Air", None, ["S"])
    doc.undo_stack.clear()


def test_add_undercut_attacks_the_selected_inference_in_one_step(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _debate(window)
    action = window.commands["edit.add_undercut"]
    assert action.shortcut().toString() == "Ctrl+4"
    window.selection.set_current("S")
    action.trigger()
    doc = window.document
    cut = window.selection.current
    assert cut is not None and cut != "S"
    assert (doc.map.nodes[cut].parent, doc.map.nodes[cut].relation) == ("S", Relation.UNDERCUTS)
    assert doc.undo_stack.count() == 1
    errors: list[str] = []
    doc.error.connect(errors.append)
    window.selection.set_current("C")  # a claim has no inference to undercut
    before = doc.map
    action.trigger()
    assert doc.map is before
    assert errors and "only an inference can be undercut" in errors[0]


def test_the_commands_are_in_the_menus_and_the_node_menu(window) -> None:  # type: ignore[no-untyped-def]
    from argmap.gui.window.menus import NODE_MENU, OUTLINE_MENU

    assert "edit.add_undercut" in NODE_MENU and "edit.add_undercut" in OUTLINE_MENU
    assert "view.structure" in NODE_MENU and "view.section" in NODE_MENU
    texts = [a.text() for a in window.menuBar().actions()]
    assert any("Edit" in t for t in texts)


def test_showing_the_structure_and_collapsing_a_section_are_view_state(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _debate(window)
    wait_loaded(qtbot, window)
    window.selection.set_current("S")
    window.commands["view.structure"].trigger()
    assert window.view_state.unfolded == {"S"}
    assert window.live.options().unfolded == frozenset({"S"})
    window.commands["view.section"].trigger()
    section = window.document.map.nodes["S"].section
    assert window.view_state.collapsed_sections == {section}
    assert window.live.options().collapsed_sections == frozenset({section})
    assert window.document.undo_stack.count() == 0
    window.commands["view.structure"].trigger()
    assert window.view_state.unfolded == set()
    window.selection.set_current("C")  # a statement: nothing to open
    window.commands["view.structure"].trigger()
    assert window.view_state.unfolded == set()
