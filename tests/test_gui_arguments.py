"""Editing the structure through the real window's inspector: titles, arguments and their
premise–conclusion structures, schemes and critical questions, sections, tag colours;
each change one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QColorDialog, QInputDialog, QLineEdit, QPlainTextEdit

from argmap.gui.window.main_window import MainWindow
from argmap.model import ArgumentMap, Relation, ops
from argmap.model import structure_ops as so
from argmap.model.structure import StepRole


@pytest.fixture
def debate(window: MainWindow) -> MainWindow:
    doc = window.document
    doc.edit("Add", ops.add_claim, "Cities should ban cars.", node_id="C")
    doc.edit("Add", ops.add_node, "C", Relation.SUPPORTS, "The air gets cleaner.", node_id="S")
    doc.edit("Add", ops.add_node, "C", Relation.REBUTS, "Shops lose trade.", node_id="R")
    doc.edit("Tags", ops.edit_node, "R", tags=("economy",))
    doc.undo_stack.clear()
    return window


def steps(m: ArgumentMap, node_id: str = "S") -> list[tuple[str, str]]:
    argument = m.nodes[node_id].argument
    assert argument is not None
    return [(m.nodes[s.statement].text, s.role.value) for s in argument.pcs]


def test_the_title_is_edited_in_the_inspector_as_one_undo_step(debate, qtbot) -> None:  # type: ignore[no-untyped-def]
    inspector = debate.inspector
    debate.selection.set_current("S")
    inspector.title.setFocus()
    qtbot.keyClicks(inspector.title, "Clean air")
    assert debate.document.map.nodes["S"].title == "Clean air"
    assert debate.document.undo_stack.count() == 1
    inspector.title.clearFocus()  # a field being typed in keeps what is typed
    debate.document.undo_stack.undo()
    assert debate.document.map.nodes["S"].title == ""
    assert inspector.title.text() == ""


def test_an_argument_gets_premises_a_conclusion_and_an_inference(debate, qtbot) -> None:  # type: ignore[no-untyped-def]
    doc, fields = debate.document, debate.inspector.structure
    editor = fields.editor
    debate.selection.set_current("S")
    assert not editor.isVisibleTo(debate.inspector)
    fields.argument.click()
    assert doc.map.nodes["S"].argument is not None and editor.isVisibleTo(debate.inspector)
    editor.add_premise.click()
    editor.add_premise.click()
    assert steps(doc.map) == [("", "premise"), ("", "premise")]
    for row, words in ((0, "Cars pollute."), (1, "A ban means fewer cars.")):
        item = editor.steps.topLevelItem(row)
        assert item is not None
        item.setText(1, words)  # as the in-place editor leaves it
    editor.add_conclusion.click()
    editor.steps.topLevelItem(2).setText(1, "So the air gets cleaner.")  # type: ignore[union-attr]
    assert steps(doc.map) == [
        ("Cars pollute.", "premise"),
        ("A ban means fewer cars.", "premise"),
        ("So the air gets cleaner.", "conclusion"),
    ]
    editor.set_row(2)
    editor.inference.setText("modus ponens")
    editor.inference.editingFinished.emit()
    assert doc.map.nodes["S"].argument.pcs[-1].inference == "modus ponens"  # type: ignore[union-attr]
    editor.set_row(1)
    editor.up.click()
    assert [t for t, _ in steps(doc.map)][:2] == ["A ban means fewer cars.", "Cars pollute."]
    editor.set_row(0)
    editor.remove.click()
    assert [t for t, _ in steps(doc.map)] == ["Cars pollute.", "So the air gets cleaner."]
    # every action was one step: undo them all and the map is as it was
    count = doc.undo_stack.count()
    assert count == 10
    for _ in range(count):
        doc.undo_stack.undo()
    assert doc.map.nodes["S"].argument is None and len(doc.map.nodes) == 3


def test_a_new_premise_goes_before_the_conclusion_and_intermediates_are_marked(debate) -> None:  # type: ignore[no-untyped-def]
    doc, editor = debate.document, debate.inspector.structure.editor
    doc.edit("Arg", so.set_argument, "S", True)
    doc.edit("P", so.add_step, "S", text="one")
    doc.edit("K", so.add_step, "S", StepRole.CONCLUSION, text="two")
    doc.undo_stack.clear()
    debate.selection.set_current("S")
    editor.add_premise.click()
    assert [r for _, r in steps(doc.map)] == ["premise", "premise", "conclusion"]
    # with a main conclusion there, a second one is an intermediate conclusion before it
    editor.add_conclusion.click()
    assert [r for _, r in steps(doc.map)] == ["premise", "premise", "intermediate", "conclusion"]
    assert editor.current_row() == 2 and editor.intermediate.isChecked()
    assert editor.inference.isEnabled()
    # a premise is marked an intermediate conclusion, and back
    editor.set_row(1)
    assert editor.intermediate.isEnabled() and not editor.intermediate.isChecked()
    editor.intermediate.click()
    assert [r for _, r in steps(doc.map)][1] == "intermediate"
    editor.intermediate.click()
    assert [r for _, r in steps(doc.map)][1] == "premise"
    assert [doc.undo_stack.text(i) for i in range(doc.undo_stack.count())] == [
        "Add Premise",
        "Add Intermediate Conclusion",
        "Mark Intermediate Conclusion",
        "Mark Premise",
    ]
    doc.undo_stack.undo()
    assert [r for _, r in steps(doc.map)][1] == "intermediate"


def test_the_main_conclusion_cannot_be_marked_and_a_last_premise_is_refused(debate) -> None:  # type: ignore[no-untyped-def]
    doc, editor = debate.document, debate.inspector.structure.editor
    doc.edit("Arg", so.set_argument, "S", True)
    doc.edit("P", so.add_step, "S", text="one")
    doc.edit("K", so.add_step, "S", StepRole.CONCLUSION, text="two")
    debate.selection.set_current("S")
    editor.set_row(1)
    assert not editor.intermediate.isEnabled()  # the main conclusion is the last step
    doc.edit("Drop", so.remove_step, "S", doc.map.nodes["S"].argument.pcs[1].statement)  # type: ignore[union-attr]
    before = doc.map
    errors: list[str] = []
    doc.error.connect(errors.append)
    editor.set_row(0)  # the only step, a premise: an intermediate cannot come last
    editor.intermediate.click()
    assert doc.map is before and not editor.intermediate.isChecked()
    assert errors == ["argument 'S': step 1: the last conclusion is the main one"]


def test_a_scheme_brings_its_critical_questions_as_a_checklist(debate) -> None:  # type: ignore[no-untyped-def]
    doc, editor = debate.document, debate.inspector.structure.editor
    doc.edit("Arg", so.set_argument, "S", True)
    debate.selection.set_current("S")
    editor.scheme.setCurrentText("Expert opinion")
    editor.scheme.activated.emit(editor.scheme.currentIndex())
    argument = doc.map.nodes["S"].argument
    assert argument is not None and argument.scheme == "Expert opinion"
    assert editor.questions.count() == len(argument.questions) == 5
    item = editor.questions.item(2)
    assert item is not None
    item.setCheckState(Qt.CheckState.Checked)
    assert [q.answered for q in doc.map.nodes["S"].argument.questions] == [  # type: ignore[union-attr]
        False,
        False,
        True,
        False,
        False,
    ]
    assert doc.undo_stack.count() == 3


def test_a_node_moves_into_a_new_section_in_one_step(debate, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    doc, fields = debate.document, debate.inspector.structure
    debate.selection.set_current("R")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Economy", True))
    fields.new_section.click()
    assert [s.title for s in doc.map.sections] == ["Economy"]
    assert doc.map.nodes["R"].section == doc.map.sections[0].id
    assert doc.undo_stack.count() == 1
    assert [fields.section.itemText(i) for i in range(fields.section.count())] == [
        "(none)",
        "Economy",
    ]
    fields.section.activated.emit(0)
    assert doc.map.nodes["R"].section is None


def test_the_tag_palette_lists_every_tag_and_picks_and_clears_colours(debate, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor

    doc, fields = debate.document, debate.inspector.structure
    doc.edit("Tags", ops.edit_node, "S", tags=("air", "Health"))
    doc.edit("Colour", so.set_tag_color, "kept", "#123456")  # in the palette, on no node
    doc.undo_stack.clear()
    debate.selection.set_current("C")  # a node without tags opens it too
    fields.colours.click()
    palette = fields.palette
    assert palette is not None and palette.isVisible()
    assert list(palette.swatches) == ["air", "economy", "Health", "kept"]
    assert palette.swatches["kept"].text() == "#123456"
    assert not palette.clears["air"].isEnabled()
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#fdd49e"))
    palette.swatches["economy"].click()
    assert doc.map.tag_colors == {"kept": "#123456", "economy": "#fdd49e"}
    assert palette.swatches["economy"].text() == "#fdd49e"
    assert not palette.swatches["economy"].icon().isNull()
    palette.clears["kept"].click()
    assert doc.map.tag_colors == {"economy": "#fdd49e"}
    assert list(palette.swatches) == ["air", "economy", "Health"]  # no node has it now
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    assert palette.swatches["kept"].text() == "#123456" and palette.clears["kept"].isEnabled()
    doc.undo_stack.undo()
    assert doc.map.tag_colors == {"kept": "#123456"}
    assert palette.swatches["economy"].text() == "no colour"
    doc.undo_stack.redo()
    assert doc.map.tag_colors["economy"] == "#fdd49e"
    assert fields.open_palette() is palette  # one window, raised again


def test_cancelling_the_colour_dialog_changes_nothing(debate, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor

    doc = debate.document
    palette = debate.inspector.structure.open_palette()
    before = doc.map
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor())  # cancelled
    palette.swatches["economy"].click()
    assert doc.map is before and doc.undo_stack.count() == 0


def test_an_undercut_shows_as_such_and_can_be_chosen_only_under_an_inference(debate) -> None:  # type: ignore[no-untyped-def]
    doc, inspector = debate.document, debate.inspector
    doc.edit("Undercut", so.add_undercut, "S", "Old data")
    cut = next(i for i, n in doc.map.nodes.items() if n.text == "Old data")
    debate.selection.set_current(cut)
    assert inspector.kind.currentText() == "Undercut"
    debate.selection.set_current("R")  # a rebuttal of the claim: nothing to undercut
    model = inspector.kind.model()
    assert not model.item(3).isEnabled()  # type: ignore[attr-defined]
    debate.selection.set_current(cut)
    assert model.item(3).isEnabled()  # type: ignore[attr-defined]


def test_the_outline_shows_titles_as_argdown_writes_them(debate) -> None:  # type: ignore[no-untyped-def]
    doc = debate.document
    model = debate.outline_model
    doc.edit("Title", ops.edit_node, "S", title="Clean  air")
    doc.edit("Arg", so.set_argument, "R", True)
    doc.edit("Title", ops.edit_node, "C", title="Ban")
    shown = {}
    for node_id in ("C", "S", "R"):
        shown[node_id] = model.data(model.index_of(node_id))
    assert shown == {
        "C": "[Ban]: Cities should ban cars.",
        "S": "[Clean air]: The air gets cleaner.",
        "R": "<> Shops lose trade.",
    }


def outline_fields(window: MainWindow) -> tuple[QLineEdit, QPlainTextEdit]:
    titles = [w for w in window.outline.findChildren(QLineEdit) if w.isVisible()]
    texts = [w for w in window.outline.findChildren(QPlainTextEdit) if w.isVisible()]
    assert len(titles) == 1 and len(texts) == 1
    return titles[0], texts[0]


def test_the_outline_edits_title_and_text_in_place_as_one_undo_step(debate, qtbot) -> None:  # type: ignore[no-untyped-def]
    doc = debate.document
    doc.edit("Title", ops.edit_node, "S", title="Air")
    doc.undo_stack.clear()
    debate.outline.edit_node("S")
    qtbot.waitUntil(lambda: any(w.isVisible() for w in debate.outline.findChildren(QLineEdit)))
    title, text = outline_fields(debate)
    assert (title.text(), text.toPlainText()) == ("Air", "The air gets cleaner.")
    assert title.accessibleName() == "Edit node title"
    title.selectAll()
    qtbot.keyClicks(title, "Clean air")
    qtbot.keyClick(title, Qt.Key.Key_Tab)  # on to the text, still editing
    assert text.hasFocus() and doc.undo_stack.count() == 0
    text.selectAll()
    qtbot.keyClicks(text, "Less smog.")
    qtbot.keyClick(text, Qt.Key.Key_Return)
    node = doc.map.nodes["S"]
    assert (node.title, node.text) == ("Clean air", "Less smog.")
    assert doc.undo_stack.count() == 1
    model = debate.outline_model
    assert model.data(model.index_of("S")) == "[Clean air]: Less smog."
    doc.undo_stack.undo()
    node = doc.map.nodes["S"]
    assert (node.title, node.text) == ("Air", "The air gets cleaner.")
    doc.undo_stack.redo()
    assert doc.map.nodes["S"].title == "Clean air"


def test_the_outline_editor_returns_from_the_title_and_escape_changes_nothing(
    debate, qtbot
) -> None:  # type: ignore[no-untyped-def]
    doc = debate.document
    debate.outline.edit_node("R")
    qtbot.waitUntil(lambda: any(w.isVisible() for w in debate.outline.findChildren(QLineEdit)))
    title, _text = outline_fields(debate)
    title.setFocus()
    qtbot.keyClicks(title, "Trade")
    qtbot.keyClick(title, Qt.Key.Key_Escape)
    assert doc.map.nodes["R"].title == "" and doc.undo_stack.count() == 0
    debate.outline.edit_node("R")
    qtbot.waitUntil(lambda: any(w.isVisible() for w in debate.outline.findChildren(QLineEdit)))
    title, _text = outline_fields(debate)
    title.setFocus()
    qtbot.keyClicks(title, "Trade")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert doc.map.nodes["R"].title == "Trade" and doc.undo_stack.count() == 1
    assert doc.map.nodes["R"].text == "Shops lose trade."


def test_leaving_the_outline_editor_commits_it_and_shift_enter_breaks_the_line(
    debate, qtbot
) -> None:  # type: ignore[no-untyped-def]
    doc = debate.document
    debate.show()
    debate.activateWindow()
    qtbot.waitUntil(debate.isActiveWindow)
    debate.outline.edit_node("C")
    qtbot.waitUntil(lambda: any(w.isVisible() for w in debate.outline.findChildren(QLineEdit)))
    title, text = outline_fields(debate)
    qtbot.waitUntil(text.hasFocus)
    qtbot.keyClick(text, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(text, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(text, "Now.")
    qtbot.keyClick(text, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert title.hasFocus() and doc.undo_stack.count() == 0
    qtbot.keyClicks(title, "Ban")
    debate.inspector.note.setFocus()  # focus leaves the editor
    qtbot.waitUntil(lambda: doc.undo_stack.count() == 1)
    node = doc.map.nodes["C"]
    assert (node.title, node.text) == ("Ban", "Cities should ban cars.\nNow.")
    assert not any(w.isVisible() for w in debate.outline.findChildren(QLineEdit))


def test_an_existing_statement_becomes_a_premise_before_the_conclusion(debate, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    doc, editor = debate.document, debate.inspector.structure.editor
    doc.edit("Arg", so.set_argument, "S", True)
    doc.edit("K", so.add_step, "S", StepRole.CONCLUSION, text="So cleaner air.")
    doc.edit("Title", ops.edit_node, "R", title="Trade")
    doc.undo_stack.clear()
    debate.selection.set_current("S")
    offered: list[list[str]] = []

    def choose(parent, title, label, items, current, editable):  # type: ignore[no-untyped-def]
        offered.append(list(items))
        return next(i for i in items if i.endswith("(R)")), True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    editor.add_existing.click()
    assert offered == [["Cities should ban cars.  (C)", "[Trade]: Shops lose trade.  (R)"]]
    assert steps(doc.map) == [("Shops lose trade.", "premise"), ("So cleaner air.", "conclusion")]
    assert doc.map.nodes["R"].parent == "C"  # an existing statement stays where it is
    assert doc.undo_stack.count() == 1 and editor.current_row() == 0
    doc.undo_stack.undo()
    assert steps(doc.map) == [("So cleaner air.", "conclusion")]
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: ("", False))  # cancelled
    before = doc.map
    editor.add_existing.click()
    assert doc.map is before


def test_with_no_statement_left_the_existing_premise_is_refused_in_one_line(window) -> None:  # type: ignore[no-untyped-def]
    doc = window.document
    doc.edit("Add", ops.add_claim, "Only one.", node_id="A")
    doc.edit("Arg", so.set_argument, "A", True)
    window.selection.set_current("A")
    errors: list[str] = []
    doc.error.connect(errors.append)
    before = doc.map
    window.inspector.structure.editor.add_existing.click()
    assert errors == ["no statement of the map is left to add as a premise"]
    assert doc.map is before


def test_the_tags_label_leads_to_the_tags_field_beside_the_palette_button(window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    labels = [w for w in window.inspector.findChildren(QLabel) if w.text() == "Ta&gs"]
    assert len(labels) == 1 and labels[0].buddy() is window.inspector.tags


def test_a_scheme_of_one_s_own_has_no_questions_and_undoes_in_one_step(debate) -> None:  # type: ignore[no-untyped-def]
    doc, editor = debate.document, debate.inspector.structure.editor
    doc.edit("Arg", so.set_argument, "S", True)
    doc.undo_stack.clear()
    debate.selection.set_current("S")
    line = editor.scheme.lineEdit()
    line.setText("Argument  from   local custom")
    line.editingFinished.emit()
    argument = doc.map.nodes["S"].argument
    assert argument is not None and argument.scheme == "Argument from local custom"
    assert argument.questions == () and not editor.questions.isVisibleTo(editor)
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.map.nodes["S"].argument.scheme == ""  # type: ignore[union-attr]
    assert editor.scheme.currentText() == ""


def test_an_argument_s_editor_scrolls_in_the_inspector_instead_of_growing_the_window(
    debate,
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QScrollArea

    doc, inspector = debate.document, debate.inspector
    doc.edit("Arg", so.set_argument, "S", True)
    for words in ("one", "two", "three"):
        doc.edit("P", so.add_step, "S", text=words)
    doc.edit("K", so.add_step, "S", StepRole.CONCLUSION, text="so")
    doc.edit("Scheme", so.set_scheme, "S", "Expert opinion")
    debate.selection.set_current("S")
    editor = inspector.structure.editor
    assert editor.isVisibleTo(inspector)
    scroll = inspector.findChild(QScrollArea)
    assert scroll is not None and editor in scroll.widget().findChildren(type(editor))
    # a 1280x800 screen holds the window: the inspector asks for its own fields only
    assert inspector.minimumSizeHint().height() < 480
    assert inspector.minimumSizeHint().height() < scroll.widget().minimumSizeHint().height()
