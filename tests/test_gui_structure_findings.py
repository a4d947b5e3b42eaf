"""Findings against issue 15's window, each through the real main window: collapsing a
section from a node hidden in a collapsed section around it, toggling an undercut, the
words of the undercut refusal, and the inspector in the screenshots."""

from __future__ import annotations

import itertools

from argmap.gui.window.main_window import MainWindow
from argmap.model import Relation, ops
from argmap.model import structure_ops as so


def _nested(window: MainWindow) -> tuple[str, str]:
    """A claim, a support in section Inner inside Outer, a rebuttal in Outer itself."""
    doc = window.document
    doc.edit("Add", ops.add_claim, "Cities should ban cars.", node_id="C")
    doc.edit("Add", ops.add_node, "C", Relation.SUPPORTS, "The air gets cleaner.", node_id="S")
    doc.edit("Add", ops.add_node, "C", Relation.REBUTS, "Shops lose trade.", node_id="R")
    doc.edit("Sec", so.add_section, "Outer", None, ["R"])
    outer = doc.map.sections[0].id
    doc.edit("Sec", so.add_section, "Inner", outer, ["S"])
    inner = doc.map.sections[1].id
    doc.undo_stack.clear()
    return outer, inner


def test_collapse_section_acts_on_the_box_the_node_is_drawn_in(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    outer, inner = _nested(window)
    state, command = window.view_state, window.commands["view.section"]
    status = window.statusBar()
    window.selection.set_current("R")
    command.trigger()
    assert state.collapsed_sections == {outer}
    assert "Outer" in status.currentMessage() and "one box" in status.currentMessage()
    # S is inside the Outer box (chosen in the outline): the box is what the user sees
    window.selection.set_current("S")
    command.trigger()
    assert state.collapsed_sections == set()
    assert "Outer" in status.currentMessage() and "in full" in status.currentMessage()
    command.trigger()  # nothing collapsed: S's own section
    assert state.collapsed_sections == {inner}
    assert "Inner" in status.currentMessage() and "one box" in status.currentMessage()
    window.selection.set_current("R")
    command.trigger()  # Outer around the collapsed Inner: one box for both
    assert state.collapsed_sections == {inner, outer}
    window.selection.set_current("S")
    command.trigger()  # opens Outer, and says that Inner inside it is still one box
    assert state.collapsed_sections == {inner}
    message = status.currentMessage()
    assert "Outer" in message and "in full" in message
    assert "Inner" in message and "still one box" in message
    qtbot.waitUntil(
        lambda: (
            not window.live.pending and window.diagram.node_rect(f"section.{inner}") is not None
        ),
        timeout=20000,
    )
    assert "R" in window.diagram.node_ids() and "S" not in window.diagram.node_ids()
    window.selection.set_current("C")  # in no section: nothing to collapse, and it says so
    command.trigger()
    assert state.collapsed_sections == {inner}
    assert "in no section" in status.currentMessage()
    assert window.document.undo_stack.count() == 0  # all view state


def _undercut(window: MainWindow) -> None:
    """A claim, a support S of it, an undercut U of S's inference, a rebuttal R."""
    doc = window.document
    doc.edit("Add", ops.add_claim, "Cities should ban cars.", node_id="C")
    doc.edit("Add", ops.add_node, "C", Relation.SUPPORTS, "The air gets cleaner.", node_id="S")
    doc.edit("Add", ops.add_node, "S", Relation.UNDERCUTS, "Old figures.", node_id="U")
    doc.edit("Add", ops.add_node, "C", Relation.REBUTS, "Shops lose trade.", node_id="R")
    doc.undo_stack.clear()


def test_toggle_support_rebuttal_leaves_an_undercut_alone_and_says_why(window) -> None:  # type: ignore[no-untyped-def]
    _undercut(window)
    doc, toggle = window.document, window.commands["edit.toggle_relation"]
    status = window.statusBar()
    window.selection.set_current("U")
    assert not toggle.isEnabled()  # an undercut is neither: nothing to toggle
    before = doc.map
    toggle.trigger()
    assert doc.map is before and doc.undo_stack.count() == 0
    window.editor.toggle_relation()  # the controller, reached some other way, says why
    assert doc.map is before and doc.undo_stack.count() == 0
    message = status.currentMessage()
    assert "undercut" in message and "inspector" in message
    assert doc.map.nodes["U"].relation is Relation.UNDERCUTS
    kinds = window.inspector.kind  # where the message sends the user: one step, undone
    kinds.activated.emit(kinds.findText("Support"))
    assert doc.map.nodes["U"].relation is Relation.SUPPORTS and doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.map.nodes["U"].relation is Relation.UNDERCUTS
    window.selection.set_current("R")  # supports and rebuttals still toggle, one step each
    assert toggle.isEnabled()
    toggle.trigger()
    assert doc.map.nodes["R"].relation is Relation.SUPPORTS
    toggle.trigger()
    assert doc.map.nodes["R"].relation is Relation.REBUTS
    doc.undo_stack.undo()
    assert doc.map.nodes["R"].relation is Relation.SUPPORTS
    doc.undo_stack.undo()
    assert doc.map.nodes["R"].relation is Relation.REBUTS and doc.undo_stack.index() == 0
    assert doc.map.nodes["U"].relation is Relation.UNDERCUTS
    window.selection.set_current("C")  # a top-level claim: disabled as before
    assert not toggle.isEnabled()


def test_the_undercut_refusal_on_a_rebuttal_says_what_an_undercut_needs(window) -> None:  # type: ignore[no-untyped-def]
    _undercut(window)
    doc = window.document
    errors: list[str] = []
    doc.error.connect(errors.append)
    before = doc.map
    window.selection.set_current("R")
    assert not window.commands["edit.add_undercut"].isEnabled()
    window.editor.add_undercut()  # the controller, reached some other way
    assert doc.map is before and doc.undo_stack.count() == 0
    assert errors == ["An undercut attacks a support or an argument; this is a rebuttal"]
    window.selection.set_current("C")
    window.editor.add_undercut()
    assert doc.map is before and doc.undo_stack.count() == 0
    assert errors[-1] == "An undercut attacks a support or an argument; this is a claim"
    window.selection.set_current("U")
    window.editor.add_undercut()
    assert doc.map is before and doc.undo_stack.count() == 0
    assert errors[-1] == "An undercut attacks a support or an argument; this is an undercut"
    assert len(errors) == 3 and "use a rebuttal" not in " ".join(errors)


def _screenshots():  # type: ignore[no-untyped-def]
    """docs/make_screenshots.py, the script `make screenshots` runs, as a module."""
    import importlib.util

    from tests.conftest import ROOT

    spec = importlib.util.spec_from_file_location(
        "make_screenshots", ROOT / "docs" / "make_screenshots.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _stacked(window: MainWindow) -> list[str]:
    """The inspector's fields that overlap the one above them or are cut off at the
    bottom (none when laid out)."""
    ins = window.inspector
    fields = [
        ins.title,
        ins.text,
        ins.kind,
        ins.structure.argument,
        ins.structure.section_row,
        ins.tags.parentWidget(),
        ins.note,
        ins.paragraphs,
        ins.acceptance,
        ins.force,
        ins.verdict,
        ins.structure.editor,
    ]
    box = ins._fields
    out = []
    for above, below in itertools.pairwise(fields):
        bottom = above.mapTo(box, above.rect().bottomLeft()).y()
        if below.mapTo(box, below.rect().topLeft()).y() <= bottom:
            out.append(f"{below.accessibleName() or type(below).__name__} overlaps the field above")
    last = fields[-1]
    if last.mapTo(box, last.rect().bottomLeft()).y() >= box.height():
        out.append("the structure editor ends below the fields' box (cut off)")
    return out


def test_the_structure_screenshot_draws_the_inspector_laid_out(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    shots = _screenshots()
    window.resize(1400, 860)
    shots.start_over(window)  # as the script does between its pictures
    shots.structure_scene(QApplication.instance(), window, tmp_path)
    assert window.selection.current == "S" and window.view_state.unfolded == {"S"}
    assert window.isVisible()  # a hidden window's layouts are not redone: stale fields
    shots.settle()  # what the script's shot() runs before it grabs the window
    assert _stacked(window) == []
    box = window.inspector._fields
    assert box.height() >= box.layout().heightForWidth(box.width())  # it scrolls instead
    shots.shot(window, "structure.png", tmp_path)
    assert (tmp_path / "structure.png").stat().st_size > 0
    window.document.undo_stack.setClean()
