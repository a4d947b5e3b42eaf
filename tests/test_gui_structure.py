"""The window's commands for the structure: Add Undercut (menus, the node's context menu,
Ctrl+4), and showing an argument's structure or collapsing a section on the diagram
(view state: never an undo step)."""

from __future__ import annotations

import pytest

from argmap.gui.window.main_window import MainWindow
from argmap.model import Relation, ops
from argmap.model import structure_ops as so
from argmap.model.edit_checks import EditError
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
    window.selection.set_current("C")  # a claim has no inference to undercut
    assert not action.isEnabled()
    before = doc.map
    action.trigger()  # a disabled action does nothing
    assert doc.map is before and doc.undo_stack.count() == 1
    errors: list[str] = []
    doc.error.connect(errors.append)
    with pytest.raises(EditError, match="only an inference can be undercut"):
        so.add_undercut(doc.map, "C")
    window.editor.add_undercut()  # the controller, reached some other way, says why
    assert doc.map is before
    assert errors == ["An undercut attacks a support or an argument; this is a claim"]
    window.selection.set_current(cut)  # nor has an undercut
    assert not action.isEnabled()
    window.selection.set_current("S")
    assert action.isEnabled()


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


def test_a_saved_view_is_chosen_for_the_diagram_and_the_export(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialog, QInputDialog

    from argmap.gui.dialogs import views
    from argmap.gui.dialogs.export_dialog import ExportDialog

    _debate(window)
    doc = window.document
    doc.edit("Add", ops.add_node, "C", Relation.REBUTS, "Shops lose trade.", node_id="R")
    doc.edit("Tags", ops.edit_node, "R", tags=("economy",))
    wait_loaded(qtbot, window)

    def filled(dialog: views.SaveViewDialog) -> int:
        dialog.name.setText("Economy")
        dialog.tags.setText("economy, ")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(views.SaveViewDialog, "exec", filled)
    count = doc.undo_stack.count()
    window.commands["view.save_view"].trigger()
    assert [(v.name, v.tags) for v in doc.map.views] == [("Economy", ("economy",))]
    assert doc.undo_stack.count() == count + 1
    assert window.view_state.saved_view == "Economy"
    assert set(window.live.shown.map.nodes) == {"C", "R"}
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (views.WHOLE, True))
    window.commands["view.saved_view"].trigger()
    assert window.view_state.saved_view is None
    assert "S" in window.live.shown.map.nodes
    dialog = ExportDialog(doc.map, None, window.settings, window, window.live.shown)
    try:
        dialog.view.setCurrentIndex(dialog.view.findData("Economy"))
        assert set(dialog.chosen_map().map.nodes) == {"C", "R"}
        dialog.view.setCurrentIndex(0)
        assert "S" in dialog.chosen_map().map.nodes
    finally:
        dialog.worker.wait()
        dialog.deleteLater()


def test_a_view_without_a_name_is_not_saved(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialog

    from argmap.gui.dialogs import views

    _debate(window)
    doc = window.document
    monkeypatch.setattr(views.SaveViewDialog, "exec", lambda d: QDialog.DialogCode.Accepted)
    errors: list[str] = []
    doc.error.connect(errors.append)
    before = doc.map
    window.commands["view.save_view"].trigger()
    assert doc.map is before and len(errors) == 1
    assert errors[0].startswith("The view was not saved: name:")


def test_a_saved_view_is_deleted_in_one_step(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog

    from argmap.model.structure import View

    _debate(window)
    doc = window.document
    errors: list[str] = []
    doc.error.connect(errors.append)
    before = doc.map
    window.commands["view.delete_view"].trigger()  # none saved: nothing to ask
    assert doc.map is before and errors == ["This map has no saved views to delete"]
    doc.edit("View", so.save_view, View(name="Air only", hidden_sections=()))
    doc.edit("View", so.save_view, View(name="Other"))
    window.view_state.set_saved_view("Air only")
    count = doc.undo_stack.count()
    asked: list[list[str]] = []

    def choose(parent, title, label, names, current, editable):  # type: ignore[no-untyped-def]
        asked.append(list(names))
        return names[current], True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    window.commands["view.delete_view"].trigger()
    assert asked == [["Air only", "Other"]]
    assert [v.name for v in doc.map.views] == ["Other"]
    assert doc.undo_stack.count() == count + 1
    assert window.view_state.saved_view is None  # the diagram shows the whole map again
    doc.undo_stack.undo()
    assert [v.name for v in doc.map.views] == ["Air only", "Other"]
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Other", False))
    window.commands["view.delete_view"].trigger()  # cancelled: nothing changes
    assert [v.name for v in doc.map.views] == ["Air only", "Other"]


def test_move_to_section_from_the_node_menu_the_edit_menu_and_the_outline(window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    _debate(window)
    doc = window.document
    air = doc.map.sections[0].id
    doc.edit("Sec", so.add_section, "Water & soil", air)
    water = doc.map.sections[1].id
    doc.undo_stack.clear()
    menus = window.menus
    section_menu = menus.section_menu
    window.selection.set_current("C")
    menus.popup_diagram_menu("C", QPoint(0, 0))
    assert section_menu.menuAction() in menus.last_menu.actions()
    menus.last_menu.close()
    edit_menu = menus.bar_menus["&Edit"]
    assert section_menu.menuAction() in edit_menu.actions()
    assert section_menu.menuAction() in window.outline.actions()
    section_menu.aboutToShow.emit()
    entries = section_menu.actions()
    assert [a.text() for a in entries] == ["&No Section", "Air", "    Water && soil"]
    assert [a.isChecked() for a in entries] == [True, False, False]
    entries[2].trigger()
    assert doc.map.nodes["C"].section == water
    assert doc.undo_stack.count() == 1 and doc.undo_stack.text(0) == "Move to Section"
    section_menu.aboutToShow.emit()  # made again: the node's section is checked now
    assert [a.isChecked() for a in section_menu.actions()] == [False, False, True]
    section_menu.actions()[0].trigger()
    assert doc.map.nodes["C"].section is None and doc.undo_stack.count() == 2
    window.selection.set_current(None)
    section_menu.aboutToShow.emit()
    assert not any(a.isEnabled() for a in section_menu.actions())


def test_a_double_click_opens_and_folds_an_argument_and_edits_a_statement(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    _debate(window)
    view = window.diagram
    window.resize(1000, 700)

    def drawn() -> bool:
        return not window.live.pending and view.node_rect("S") is not None

    qtbot.waitUntil(drawn, timeout=20000)
    folded = view.node_rect("S")
    assert folded is not None

    def double_click(node_id: str) -> None:
        view.fit()
        qtbot.mouseDClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.view_point_of(node_id)
        )

    double_click("S")
    assert window.view_state.unfolded == {"S"} and window.selection.current == "S"
    assert window.document.undo_stack.count() == 0  # view state, not an edit
    qtbot.waitUntil(lambda: drawn() and view.node_rect("S") != folded, timeout=20000)
    opened = view.node_rect("S")
    assert opened is not None and opened.height() > folded.height()  # the box shows
    assert not view.editor.isVisible()
    double_click("S")
    assert window.view_state.unfolded == set()
    qtbot.waitUntil(lambda: drawn() and view.node_rect("S") == folded, timeout=20000)
    double_click("C")  # a statement: its text is edited in place, as before
    assert window.view_state.unfolded == set()
    qtbot.waitUntil(view.editor.isVisible, timeout=5000)
    assert view.editor.node_id == "C"


def test_a_collapsed_section_box_opens_by_double_click_its_menu_or_the_whole_map(
    window, qtbot
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint, Qt

    _debate(window)
    view, state = window.diagram, window.view_state
    section = window.document.map.nodes["S"].section
    box = f"section.{section}"

    def drawn_with(node_id: str) -> None:
        qtbot.waitUntil(
            lambda: not window.live.pending and view.node_rect(node_id) is not None, timeout=20000
        )

    def collapse() -> None:
        window.selection.set_current("S")
        window.commands["view.section"].trigger()
        drawn_with(box)
        assert "S" not in view.node_ids() and state.partial

    collapse()
    view.fit()
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.view_point_of(box))
    assert state.collapsed_sections == set()
    drawn_with("S")
    assert box not in view.node_ids()
    collapse()
    window.menus.popup_diagram_menu(box, QPoint(0, 0))
    texts = [a.text() for a in window.menus.last_menu.actions()]
    assert texts == ["E&xpand Section"]  # not the node commands: the box is no node
    window.menus.last_menu.actions()[0].trigger()
    window.menus.last_menu.close()
    assert state.collapsed_sections == set()
    drawn_with("S")
    collapse()
    window.commands["view.whole_map"].trigger()
    assert state.collapsed_sections == set() and not state.partial
    assert window.document.undo_stack.count() == 0  # all view state


def test_the_export_draws_the_arguments_the_diagram_opened_and_its_collapsed_sections(
    window, qtbot, prompter, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from argmap.gui.dialogs import export_dialog

    _debate(window)
    window.settings.set("export/format", "svg")
    section = window.document.map.nodes["S"].section
    chosen: list[export_dialog.ExportDialog] = []

    def export(scope_shown: bool) -> bytes:
        def accept(dialog: export_dialog.ExportDialog) -> int:
            chosen.append(dialog)
            (dialog.as_shown if scope_shown else dialog.whole).setChecked(True)
            return 1

        monkeypatch.setattr(export_dialog.ExportDialog, "exec", accept)
        target = tmp_path / f"out{len(chosen)}.svg"
        prompter.script("save", target)
        window.commands["file.export"].trigger()
        qtbot.waitUntil(lambda: target.is_file() and not window.exporting.jobs, timeout=30000)
        return target.read_bytes()

    folded = export(scope_shown=False)
    # the premise is folded inside its argument: in its tooltip, on no drawn line
    assert b">Cars pollute.</text>" not in folded and b"Cars pollute." in folded
    window.selection.set_current("S")
    window.commands["view.structure"].trigger()
    opened = export(scope_shown=False)
    assert b"Cars pollute.</text>" in opened  # the box the diagram opened, in the whole map too
    assert chosen[-1].shown is None  # nothing hidden yet: no "as shown" to offer
    window.commands["view.section"].trigger()
    whole = export(scope_shown=False)
    box = f'id="section.{section}" class="node'.encode()  # a cluster when open
    assert box not in whole and b'class="cluster"' in whole  # the whole map: sections open
    assert chosen[-1].shown is not None  # a collapsed section: the diagram shows a part
    shown = export(scope_shown=True)
    assert box in shown  # as shown: the section is one box
    assert b"The air gets cleaner." not in shown
    for dialog in chosen:
        dialog.worker.wait()
