"""Find in the map (issue 17, point 9): Edit ▸ Find in Map (Ctrl+F) opens a bar under the
diagram; typing selects the first match and highlights every match in the outline and
on the diagram; Enter / F3 and Shift+Enter / Shift+F3 step, Escape closes the bar, clears
the highlights and gives the focus back.  A match the diagram or the outline hides is
shown; the matches follow edits.  The real main window, driven by keys."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from argmap.gui.panels.outline_model import FOUND
from argmap.model import ArgumentMap, Node, Relation, ops
from tests.test_gui_diagram import wait_drawn

S, R = Relation.SUPPORTS, Relation.REBUTS
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
BACKGROUND = Qt.ItemDataRole.BackgroundRole


def _map() -> ArgumentMap:
    """Outline order: c, a, a1, b, b1, d; "café" is in a (text), b1 (note) and d (tag)."""
    return ArgumentMap.model_validate(
        {
            "nodes": [
                Node(id="c", text="Cities should ban cars"),
                Node(id="a", parent="c", relation=S, text="Le Café du coin is quieter", order=0),
                Node(id="a1", parent="a", relation=R, text="Noise is not the point"),
                Node(id="b", parent="c", relation=S, text="Streets are safer", order=1),
                Node(id="b1", parent="b", relation=S, text="Fewer accidents", note="cafe study"),
                Node(
                    id="d", parent="c", relation=R, text="Shops lose trade", order=2, tags=("CAFÉ",)
                ),
            ]
        }
    )


def _window(qtbot, make_window):  # type: ignore[no-untyped-def]
    win = make_window()
    win.resize(1100, 750)
    win.show()
    qtbot.waitExposed(win)
    win.document.replace(_map(), None)
    wait_drawn(qtbot, win)
    win.outline.setFocus()
    qtbot.waitUntil(win.outline.hasFocus, timeout=5000)
    return win


def _redrawn(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    """An edit's drawing is made after a short pause: wait for it to be shown."""
    qtbot.waitUntil(lambda: not win.live.timer.isActive(), timeout=5000)
    wait_drawn(qtbot, win)


def _open(qtbot, win):  # type: ignore[no-untyped-def]
    """Ctrl+F where the user is (the outline): the bar opens with the focus in it."""
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, CTRL)
    field = win.find_bar.field
    qtbot.waitUntil(field.hasFocus, timeout=5000)
    return field


def _outline_found(win) -> set[str]:  # type: ignore[no-untyped-def]
    model = win.outline_model
    return {i for i in win.document.map.nodes if model.index_of(i).data(BACKGROUND) == FOUND}


def _halo_around(win, node_id: str) -> bool:  # type: ignore[no-untyped-def]
    """The diagram's find halo is shown and surrounds the node as drawn (its corner too)."""
    mark, rect = win.diagram.found_mark, win.diagram.node_rect(node_id)
    inside = QPointF(rect.left() + 1, rect.top() + rect.height() / 2)
    return (
        mark.isVisible()
        and mark.scene() is win.diagram.scene()
        and mark.path().contains(rect.center())
        and mark.path().contains(inside)
    )


def test_ctrl_f_opens_the_bar_and_typing_selects_and_highlights_every_match(
    qtbot, make_window
) -> None:
    win = _window(qtbot, make_window)
    assert not win.find_bar.isVisible()
    assert win.selection.current == "c"
    field = _open(qtbot, win)
    assert win.find_bar.isVisible()
    qtbot.keyClicks(field, "CAFE")
    assert win.selection.current == "a"  # the first match after the selected claim
    assert win.find_bar.count.text() == "1 of 3"
    assert win.outline.currentIndex() == win.outline_model.index_of("a")
    assert _outline_found(win) == {"a", "b1", "d"}
    drawn = win.diagram.node_ids()
    assert {"a", "b1", "d", "c"} <= set(drawn)
    assert all(_halo_around(win, i) for i in ("a", "b1", "d"))
    assert not any(_halo_around(win, i) for i in ("c", "a1", "b"))
    # the halo is not the selection's frame: a node found and not selected has only it
    assert win.diagram.selected == "a"
    assert win.diagram.found_mark.pen().color() != win.diagram._selection_mark.pen().color()


def test_enter_f3_and_their_shifted_keys_step_round_the_matches(qtbot, make_window) -> None:
    win = _window(qtbot, make_window)
    field = _open(qtbot, win)
    qtbot.keyClicks(field, "caf")
    field.insert("é")  # as a keyboard's composed key types it (QTest types only ASCII)
    seen = [win.selection.current]
    qtbot.keyClick(field, Qt.Key.Key_Return)
    seen.append(win.selection.current)
    qtbot.keyClick(field, Qt.Key.Key_F3)
    seen.append(win.selection.current)
    assert seen == ["a", "b1", "d"]
    assert win.find_bar.count.text() == "3 of 3"
    qtbot.keyClick(field, Qt.Key.Key_Return)  # round past the last
    assert win.selection.current == "a"
    assert win.find_bar.count.text() == "1 of 3"
    assert "Passed the last match" in win.statusBar().currentMessage()
    qtbot.keyClick(field, Qt.Key.Key_Return, SHIFT)  # back past the first
    assert win.selection.current == "d"
    qtbot.keyClick(field, Qt.Key.Key_F3, SHIFT)
    assert win.selection.current == "b1"
    assert win.find_bar.count.text() == "2 of 3"
    assert field.hasFocus() and field.text() == "café"  # the keys typed nothing


def test_find_next_works_from_anywhere_once_there_is_a_query(qtbot, make_window) -> None:
    win = _window(qtbot, make_window)
    field = _open(qtbot, win)
    qtbot.keyClicks(field, "cafe")
    win.diagram.setFocus()
    qtbot.waitUntil(win.diagram.hasFocus, timeout=5000)
    qtbot.keyClick(win.diagram, Qt.Key.Key_F3)
    assert win.selection.current == "b1"
    qtbot.keyClick(win.diagram, Qt.Key.Key_G, CTRL | SHIFT)  # the other Find Previous key
    assert win.selection.current == "a"


def test_escape_closes_the_bar_clears_the_highlights_and_gives_the_focus_back(
    qtbot, make_window
) -> None:
    win = _window(qtbot, make_window)
    win.diagram.setFocus()  # working on the diagram
    qtbot.waitUntil(win.diagram.hasFocus, timeout=5000)
    field = _open(qtbot, win)
    qtbot.keyClicks(field, "cafe")
    assert _outline_found(win) and win.diagram.found_mark.isVisible()
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert not win.find_bar.isVisible()
    assert _outline_found(win) == set()
    assert not win.diagram.found_mark.isVisible()
    assert win.find_bar.count.text() == ""
    qtbot.waitUntil(win.diagram.hasFocus, timeout=5000)
    assert win.selection.current == "a"  # the match found stays selected
    # a new drawing does not bring the halo back
    win.document.edit("Edit", ops.edit_node, "c", text="Cities should ban most cars")
    _redrawn(qtbot, win)
    assert not win.diagram.found_mark.isVisible()
    # Ctrl+F again: the last query, selected, found again
    field = _open(qtbot, win)
    assert field.selectedText() == "cafe"
    assert _outline_found(win) == {"a", "b1", "d"}


def test_no_match_says_so_and_selects_nothing_else(qtbot, make_window) -> None:
    win = _window(qtbot, make_window)
    field = _open(qtbot, win)
    qtbot.keyClicks(field, "bicycle")
    assert win.find_bar.count.text() == "No match"
    assert win.selection.current == "c"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert win.selection.current == "c"
    assert _outline_found(win) == set() and not win.diagram.found_mark.isVisible()
    field.clear()
    assert win.find_bar.count.text() == ""


def test_the_matches_follow_edits(qtbot, make_window) -> None:
    win = _window(qtbot, make_window)
    field = _open(qtbot, win)
    qtbot.keyClicks(field, "cafe")
    win.document.edit("Edit", ops.edit_node, "b", text="Streets with a café terrace")
    assert _outline_found(win) == {"a", "b", "b1", "d"}
    assert win.find_bar.count.text() == "1 of 4"
    _redrawn(qtbot, win)
    assert _halo_around(win, "b")
    win.document.edit("Delete", ops.delete_subtree, "d")
    assert _outline_found(win) == {"a", "b", "b1"}
    assert win.find_bar.count.text() == "1 of 3"
    _redrawn(qtbot, win)
    assert win.diagram.node_rect("d") is None
    win.document.undo_stack.undo()  # the deleted match is back
    assert _outline_found(win) == {"a", "b", "b1", "d"}
    win.document.edit("Edit", ops.edit_node, "a", text="A quiet corner")  # the selected one
    assert win.selection.current == "a"
    assert win.find_bar.count.text() == "3 matches"  # the selected node is no match now
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert win.selection.current == "b"


def test_typing_keys_in_the_field_are_not_window_commands(qtbot, make_window) -> None:
    win = _window(qtbot, make_window)
    field = _open(qtbot, win)
    qtbot.keyClicks(field, "cafe")
    field.setCursorPosition(0)
    before = win.document.map
    qtbot.keyClick(field, Qt.Key.Key_Delete)  # Delete deletes a character, not the node
    qtbot.keyClick(field, Qt.Key.Key_Insert)  # Insert adds no support
    assert field.text() == "afe"
    assert win.document.map is before


def test_a_match_the_diagram_hides_is_shown(qtbot, make_window) -> None:
    win = _window(qtbot, make_window)
    state = win.view_state
    state.toggle_collapsed("a")  # a1 is hidden under a
    wait_drawn(qtbot, win)
    assert win.diagram.node_rect("a1") is None
    field = _open(qtbot, win)
    qtbot.keyClicks(field, "noise")
    assert win.selection.current == "a1"
    assert state.collapsed == set()
    assert "opened the collapsed subtree" in win.statusBar().currentMessage()
    wait_drawn(qtbot, win)
    assert win.diagram.node_rect("a1") is not None
    assert _halo_around(win, "a1") and win.diagram.selected == "a1"
    state.set_focus("b")  # the diagram shows only b's subtree
    wait_drawn(qtbot, win)
    assert win.diagram.node_rect("a1") is None
    qtbot.keyClick(field, Qt.Key.Key_Return)  # the one match again
    assert state.focus is None
    assert "left the focus on a subtree" in win.statusBar().currentMessage()
    wait_drawn(qtbot, win)
    assert _halo_around(win, "a1") and win.diagram.selected == "a1"


def test_a_match_in_a_collapsed_section_or_outside_a_saved_view_is_shown(
    qtbot, make_window
) -> None:
    from argmap.model import structure_ops as so
    from argmap.model.structure import View

    win = _window(qtbot, make_window)
    m = so.add_section(win.document.map, "Safety", members=("b", "b1")).map
    m = so.save_view(m, View(name="Shops only", tags=("CAFÉ",))).map
    win.document.replace(m, None)
    wait_drawn(qtbot, win)
    state = win.view_state
    state.set_saved_view("Shops only")
    wait_drawn(qtbot, win)
    assert win.diagram.node_rect("b1") is None
    field = _open(qtbot, win)
    qtbot.keyClicks(field, "accidents")
    assert state.saved_view is None
    assert "left the saved view “Shops only”" in win.statusBar().currentMessage()
    wait_drawn(qtbot, win)
    state.toggle_section("b1")  # drawn as one box
    wait_drawn(qtbot, win)
    assert win.diagram.node_rect("b1") is None
    qtbot.keyClick(field, Qt.Key.Key_Return)  # the one match again
    assert state.collapsed_sections == set()
    wait_drawn(qtbot, win)
    assert _halo_around(win, "b1")


def test_a_match_under_a_collapsed_outline_row_is_expanded_and_scrolled_to(
    qtbot, make_window
) -> None:
    win = _window(qtbot, make_window)
    parent = win.outline_model.index_of("b")
    win.outline.collapse(parent)
    assert not win.outline.isExpanded(parent)
    field = _open(qtbot, win)
    qtbot.keyClicks(field, "cafe")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert win.selection.current == "b1"
    assert win.outline.isExpanded(parent)
    shown = win.outline.visualRect(win.outline_model.index_of("b1"))
    assert win.outline.viewport().rect().contains(shown)
    # the one match, selected already: a step shows it again all the same
    field.setText("accidents")
    assert win.find_bar.count.text() == "1 of 1"
    win.outline.collapse(parent)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert win.outline.isExpanded(parent)


def test_find_in_source_moved_to_ctrl_alt_f(qtbot, make_window) -> None:
    from PySide6.QtGui import QKeySequence

    win = _window(qtbot, make_window)
    keys = {k.toString() for k in win.commands["source.find"].shortcuts()}
    assert keys == {"Ctrl+Alt+F"}
    assert QKeySequence("Ctrl+F") in win.commands["edit.find"].shortcuts()
    qtbot.keyClick(win.outline, Qt.Key.Key_F, CTRL | Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(win.source_pane.find_field.hasFocus, timeout=5000)
    assert not win.find_bar.isVisible()


def test_the_diagram_scrolls_to_a_match_out_of_sight(qtbot, make_window) -> None:
    win = _window(qtbot, make_window)
    view = win.diagram
    view.zoom(3.0 / view.scale_factor())  # close up on one corner of the map
    view.centerOn(view.node_rect("a1").center())

    def in_sight(node_id: str) -> bool:
        return (
            view.viewport()
            .rect()
            .contains(view.mapFromScene(view.node_rect(node_id)).boundingRect())
        )

    assert in_sight("a1") and not in_sight("d")
    field = _open(qtbot, win)
    qtbot.keyClicks(field, "trade")
    assert win.selection.current == "d"
    assert in_sight("d")
    view.centerOn(view.node_rect("a1").center())  # looked away; the one match again
    assert not in_sight("d")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert in_sight("d")


def test_the_outline_is_told_of_each_row_whose_highlight_changed(qtbot, make_window) -> None:
    win = _window(qtbot, make_window)
    model, told = win.outline_model, []

    def changed(top, bottom, roles) -> None:  # type: ignore[no-untyped-def]
        if BACKGROUND in roles:
            told.extend(
                model.node_id(model.index(row, 0, top.parent()))
                for row in range(top.row(), bottom.row() + 1)
            )

    model.dataChanged.connect(changed)
    field = _open(qtbot, win)
    field.setText("cafe")
    assert told == ["a", "b1", "d"]  # in the outline's order
    told.clear()
    field.setText("trade")  # d stays found
    assert told == ["a", "b1"]
    told.clear()
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert told == ["d"]
