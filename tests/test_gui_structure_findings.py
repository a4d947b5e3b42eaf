"""Findings against issue 15's window, each through the real main window: collapsing a
section from a node hidden in a collapsed section around it, toggling an undercut, the
words of the undercut refusal, and the inspector in the screenshots."""

from __future__ import annotations

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
