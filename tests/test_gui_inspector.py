"""The inspector through the real window: source paragraphs that keep their spans, undo
steps that follow typing and leaving a field, and a verdict computed once per map."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from argmap.gui.window.main_window import MainWindow
from argmap.model import Acceptance, ArgumentMap, Relation, SourceRef, evaluation, ops
from argmap.model.source import make_ref

TEXT = (
    "First paragraph: the lab is fast.\n\n"
    "Second paragraph: a warning and a remark, both quoted.\n\n"
    "Third paragraph: critics call it marketing.\n"
)


@pytest.fixture
def cited(window: MainWindow, tmp_path: Path) -> tuple[MainWindow, str]:
    """A claim citing one span of paragraph 3 and two spans of paragraph 1."""
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    window.sourcing.attach(path, keep_beside=False)
    text = window.document.map.source.text
    assert text is not None

    def span(words: str) -> SourceRef:
        start = text.index(words)
        return make_ref(text, start, start + len(words))

    refs = (span("critics call it"), span("the lab"), span("is fast"))
    assert [r.paragraph for r in refs] == [3, 1, 1]
    result = window.document.edit("Add", ops.add_claim, "The lab is fast")
    assert result is not None
    node = result.node_id
    window.document.edit("Cite", ops.edit_node, node, refs=refs)
    window.document.undo_stack.setClean()
    window.selection.set_current(node)
    return window, node


def focus(qtbot, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=5000)


def refs_of(win: MainWindow, node: str) -> tuple[SourceRef, ...]:
    return win.document.map.nodes[node].refs


# -- source paragraphs ----------------------------------------------------------------


def test_each_paragraph_is_listed_once(qtbot, cited) -> None:
    win, _node = cited
    assert win.inspector.paragraphs.text() == "3, 1"


def test_adding_a_paragraph_keeps_every_span(qtbot, cited) -> None:
    win, node = cited
    before = refs_of(win, node)
    count = win.document.undo_stack.count()
    field = win.inspector.paragraphs
    focus(qtbot, field)
    field.end(False)
    qtbot.keyClicks(field, ", 2")
    assert refs_of(win, node) == (*before, SourceRef(paragraph=2))
    assert win.document.undo_stack.count() == count + 1  # one step for the typing
    win.document.undo_stack.undo()
    assert refs_of(win, node) == before


def test_removing_a_paragraph_drops_only_its_references(qtbot, cited) -> None:
    win, node = cited
    critics, lab, fast = refs_of(win, node)
    field = win.inspector.paragraphs
    focus(qtbot, field)
    field.selectAll()
    qtbot.keyClicks(field, "1")
    assert refs_of(win, node) == (lab, fast)
    field.selectAll()
    qtbot.keyClicks(field, "3")
    assert refs_of(win, node) == (critics,)


def test_typing_through_a_paragraph_number_keeps_its_spans(qtbot, cited) -> None:
    """'3, 1' -> '3, ' (paragraph 1 gone for a moment) -> '3, 1': both spans come back."""
    win, node = cited
    before = refs_of(win, node)
    stack = win.document.undo_stack
    count = stack.count()
    field = win.inspector.paragraphs
    focus(qtbot, field)
    field.end(False)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert refs_of(win, node) == before[:1]
    qtbot.keyClicks(field, "1")
    assert refs_of(win, node) == before
    focus(qtbot, win.inspector.tags)
    assert stack.count() == count and stack.isClean()


def test_a_list_that_is_not_paragraph_numbers_changes_nothing(qtbot, cited) -> None:
    win, _node = cited
    before = win.document.map
    field = win.inspector.paragraphs
    focus(qtbot, field)
    field.end(False)
    qtbot.keyClicks(field, ", x")
    assert win.document.map == before and win.document.undo_stack.isClean()
    assert "c62828" in field.styleSheet()  # shown in red


def test_a_cite_while_the_field_has_focus_is_kept(qtbot, cited) -> None:
    """An edit from elsewhere (the Cite command) is the new starting point of the field."""
    win, node = cited
    field = win.inspector.paragraphs
    focus(qtbot, field)
    field.end(False)
    text = win.document.map.source.text
    assert text is not None
    start = text.index("a warning")
    extra = make_ref(text, start, start + len("a warning"))
    win.document.edit("Cite", ops.edit_node, node, refs=(*refs_of(win, node), extra))
    before = refs_of(win, node)
    assert field.text() == "3, 1, 2"  # shown at once, though the field has focus
    field.end(False)
    qtbot.keyClicks(field, ", 4")
    assert refs_of(win, node) == (*before, SourceRef(paragraph=4))


# -- undo steps of typing ---------------------------------------------------------------


def test_typing_and_typing_back_is_no_undo_step(qtbot, cited) -> None:
    win, _node = cited
    stack = win.document.undo_stack
    count = stack.count()
    inspector = win.inspector
    for field in (inspector.text, inspector.note):
        focus(qtbot, field)
        field.moveCursor(field.textCursor().MoveOperation.End)
        qtbot.keyClicks(field, "x")
        assert not stack.isClean() and win.isWindowModified()
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
        focus(qtbot, inspector.tags)
        assert stack.count() == count and stack.isClean(), field.accessibleName()
        assert not win.isWindowModified()
    focus(qtbot, inspector.tags)
    inspector.tags.end(False)
    qtbot.keyClicks(inspector.tags, "x")
    qtbot.keyClick(inspector.tags, Qt.Key.Key_Backspace)
    focus(qtbot, inspector.text)
    assert stack.count() == count and stack.isClean()


def test_typing_in_one_field_is_one_step(qtbot, cited) -> None:
    win, node = cited
    stack = win.document.undo_stack
    count = stack.count()
    field = win.inspector.text
    focus(qtbot, field)
    field.moveCursor(field.textCursor().MoveOperation.End)
    qtbot.keyClicks(field, " indeed")
    assert stack.count() == count + 1
    stack.undo()
    assert win.document.map.nodes[node].text == "The lab is fast"


def test_leaving_a_field_closes_its_undo_step(qtbot, cited) -> None:
    win, node = cited
    stack = win.document.undo_stack
    count = stack.count()
    inspector = win.inspector
    for field, original in ((inspector.text, "The lab is fast"), (inspector.note, "")):
        focus(qtbot, field)
        field.moveCursor(field.textCursor().MoveOperation.End)
        qtbot.keyClicks(field, " one")
        focus(qtbot, inspector.tags)  # leave the field
        focus(qtbot, field)  # and come back
        field.moveCursor(field.textCursor().MoveOperation.End)
        qtbot.keyClicks(field, " two")
        focus(qtbot, inspector.tags)
        assert stack.count() == count + 2, field.accessibleName()
        stack.undo()
        value = win.document.map.nodes[node]
        assert (value.text if field is inspector.text else value.note) == f"{original} one"
        stack.undo()
        value = win.document.map.nodes[node]
        assert (value.text if field is inspector.text else value.note) == original
        assert stack.isClean()


def test_typing_in_two_fields_makes_two_steps(qtbot, cited) -> None:
    win, node = cited
    stack = win.document.undo_stack
    count = stack.count()
    inspector = win.inspector
    focus(qtbot, inspector.text)
    inspector.text.moveCursor(inspector.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(inspector.text, " indeed")
    focus(qtbot, inspector.tags)
    qtbot.keyClicks(inspector.tags, "pace")
    focus(qtbot, inspector.note)
    qtbot.keyClicks(inspector.note, "check")
    assert stack.count() == count + 3
    stack.undo()
    assert win.document.map.nodes[node].note == ""
    assert win.document.map.nodes[node].tags == ("pace",)
    stack.undo()
    assert win.document.map.nodes[node].tags == ()
    assert win.document.map.nodes[node].text == "The lab is fast indeed"


# -- the verdict ----------------------------------------------------------------------


def test_selecting_nodes_again_on_an_unchanged_map_evaluates_it_once(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The verdict was the whole map's evaluation again at every selection (a map of
    100,000 rebuttals froze the window); now once per map, again after an edit."""
    doc = window.document
    doc.edit("Add", ops.add_claim, "The lab is fast", node_id="C")
    doc.edit("Add", ops.add_node, "C", Relation.REBUTS, "It is not", node_id="R")
    runs: list[ArgumentMap] = []

    class Counted(evaluation._Evaluation):
        def __init__(self, m: ArgumentMap) -> None:
            runs.append(m)
            super().__init__(m)

    monkeypatch.setattr(evaluation, "_Evaluation", Counted)
    shown = window.inspector.verdict
    for _ in range(2):
        window.selection.set_current("C")
        qtbot.waitUntil(lambda: shown.text() == "out: rebutted by “It is not”, which stands")
        window.selection.set_current("R")
        qtbot.waitUntil(lambda: shown.text() == "in: presumed (not assessed) and not rebutted")
    assert runs == [doc.map]
    doc.edit("Assess", ops.edit_node, "R", acceptance=Acceptance.REJECTED)
    qtbot.waitUntil(lambda: shown.text() == "out: you rejected it")
    window.selection.set_current("C")
    qtbot.waitUntil(lambda: shown.text().startswith("in: presumed"))
    assert len(runs) == 2 and runs[1] is doc.map
