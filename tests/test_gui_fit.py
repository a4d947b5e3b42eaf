"""The diagram on screen fitted to the window (issue 16, points 1, 2, 3, 5): the layout
chosen for the window's shape and kept, Re-layout to Fit, a pinned direction, the map's
layout in the inspector, the legend overlay, and the export dialog's page, legend, HTML
and text-size preview.  The real main window, the real Graphviz engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.gui.dialogs.export_dialog import ExportDialog
from argmap.model import Relation, ops
from argmap.render import RenderOptions, to_dot
from argmap.render.engines import get_engine
from argmap.render.export import svg_size_pt
from tests.test_gui_diagram import sample_window, wait_drawn


@pytest.fixture
def shown(qtbot, make_window, sample_path: Path):
    return sample_window(qtbot, make_window, sample_path, 1300, 850)


def window_scale(win, svg: bytes) -> float:
    """How much a drawing is shrunk to fit the diagram's viewport."""
    width, height = svg_size_pt(svg)
    size = win.diagram.viewport().size()
    return min(size.width() * 0.75 / width, size.height() * 0.75 / height)


def test_the_diagram_is_laid_out_for_the_window(qtbot, shown) -> None:
    live = shown.live
    assert live.fit is not None and live.fit.nodes == len(shown.document.map.nodes) == 24
    plain = get_engine().render(to_dot(shown.document.map, RenderOptions()), "svg")
    assert window_scale(shown, shown.diagram.svg) > window_scale(shown, plain) * 1.1
    assert shown.diagram.direction == live.fit.direction  # the arrows follow the drawing
    assert shown.document.undo_stack.count() == 0  # choosing is not an edit


def test_one_edit_keeps_the_layout(qtbot, shown) -> None:
    before = shown.live.fit
    shown.document.edit("Add", ops.add_node, "main", Relation.SUPPORTS, "One more reason")
    wait_drawn(qtbot, shown)
    after = shown.live.fit
    assert (after.direction, after.strategy, after.wrap_scale) == (
        before.direction,
        before.strategy,
        before.wrap_scale,
    )


def test_relayout_stores_the_choice_as_one_undo_step(qtbot, shown) -> None:
    stack = shown.document.undo_stack
    shown.resize(700, 1000)  # a tall window: another shape
    qtbot.waitUntil(lambda: shown.diagram.viewport().height() > shown.diagram.viewport().width())
    shown.commands["view.relayout"].trigger()
    qtbot.waitUntil(lambda: stack.count() == 1, timeout=20000)
    wait_drawn(qtbot, shown)
    style = shown.document.map.style
    assert stack.text(0) == "Re-layout to Fit"
    assert style.layout == "auto" and style.fit == shown.live.fit
    stack.undo()
    wait_drawn(qtbot, shown)
    assert shown.document.map.style.fit is None
    shown.commands["view.relayout"].trigger()  # chosen again: the same choice, stored again
    qtbot.waitUntil(lambda: stack.count() == 1 and stack.canUndo(), timeout=20000)
    assert shown.document.map.style.fit == style.fit


def test_relayout_when_nothing_would_change_says_so(qtbot, shown) -> None:
    shown.commands["view.relayout"].trigger()
    qtbot.waitUntil(lambda: shown.document.undo_stack.count() == 1, timeout=20000)
    wait_drawn(qtbot, shown)
    with qtbot.waitSignal(
        shown.live.status, check_params_cb=lambda s: s.startswith("The layout already")
    ):
        shown.commands["view.relayout"].trigger()
    assert shown.document.undo_stack.count() == 1


def test_a_direction_from_the_view_menu_pins_the_plain_tree(qtbot, shown) -> None:
    shown.commands["view.direction.LR"].trigger()
    wait_drawn(qtbot, shown)
    plain = get_engine().render(to_dot(shown.document.map, RenderOptions(direction="LR")), "svg")
    assert svg_size_pt(shown.diagram.svg) == svg_size_pt(plain)
    assert shown.diagram.direction == "LR"
    assert shown.settings.direction == "LR"
    shown.commands["view.direction.auto"].trigger()
    wait_drawn(qtbot, shown)
    assert shown.settings.direction == "auto"
    assert shown.commands["view.direction.auto"].isChecked()


def test_the_inspector_shows_the_map_layout_when_nothing_is_selected(qtbot, shown) -> None:
    inspector = shown.inspector
    shown.selection.set_current(None)
    fields = inspector.map_style
    assert fields.isVisible() and not inspector._node_fields.isVisible()
    assert fields.layout_choice.currentData() == "auto" and not fields.direction.isEnabled()
    fields.layout_choice.setCurrentIndex(fields.layout_choice.findData("rows2"))
    fields.layout_choice.activated.emit(fields.layout_choice.currentIndex())
    style = shown.document.map.style
    assert (style.layout, style.fit) == ("rows2", None)
    assert fields.direction.isEnabled()
    fields.direction.setCurrentIndex(fields.direction.findData("LR"))
    fields.direction.activated.emit(fields.direction.currentIndex())
    assert shown.document.map.style.direction == "LR"
    assert shown.document.undo_stack.count() == 2
    wait_drawn(qtbot, shown)
    assert shown.diagram.direction == "LR"
    shown.document.undo_stack.undo()
    assert shown.document.map.style.direction == style.direction == "TB"
    assert fields.direction.currentData() == "TB"  # the field follows the undo
    shown.selection.set_current("main")
    assert not fields.isVisible() and inspector._node_fields.isVisible()


def test_the_legend_can_be_shown_on_screen(qtbot, shown) -> None:
    legend = shown.live.legend
    assert not legend.isVisible()
    shown.commands["view.legend"].trigger()
    wait_drawn(qtbot, shown)
    qtbot.waitUntil(legend.isVisible, timeout=10000)
    assert legend.svg is not None and b"support" in legend.svg
    for width in (1300, 1111, 1000, 937, 820):  # never more than 0.4 of the view (+ padding)
        shown.resize(width, 850)
        qtbot.wait(20)
        room = shown.diagram.viewport().geometry()
        assert legend.width() <= room.width() * 0.4 + 12, width
        assert legend.height() <= room.height() * 0.4 + 12, width
    assert shown.settings.text("view/legend", "") == "on"
    shown.commands["view.legend"].trigger()
    wait_drawn(qtbot, shown)
    assert not legend.isVisible()


def _dialog(qtbot, win) -> ExportDialog:
    dialog = ExportDialog(win.document.map, None, win.settings, win, win.live.shown)
    qtbot.addWidget(dialog)
    return dialog


def test_the_export_dialog_previews_the_text_on_a_page(qtbot, shown) -> None:
    dialog = _dialog(qtbot, shown)
    assert dialog.direction.currentData() == "auto"
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    dialog.paper.setCurrentIndex(dialog.paper.findData("a4"))
    qtbot.waitUntil(lambda: " pt on " in dialog.text_label.text(), timeout=20000)
    assert "A4" in dialog.text_label.text()
    assert dialog.turn.isEnabled() and dialog.legend.isChecked()
    dialog.format.setCurrentIndex(dialog.format.findData("html"))
    assert not dialog.paper.isEnabled() and dialog.legend.isEnabled()
    qtbot.waitUntil(lambda: "at full size" in dialog.text_label.text(), timeout=20000)
    dialog.format.setCurrentIndex(dialog.format.findData("dot"))
    assert not dialog.legend.isEnabled()
    dialog.done(0)


def test_a_big_map_is_said_to_tile(qtbot, make_window) -> None:
    from argmap.model import ArgumentMap

    m = ops.add_claim(ArgumentMap(), "The claim", node_id="c").map
    for k in range(150):
        m = ops.add_node(m, "c", Relation.SUPPORTS, f"Reason number {k} with some words").map
    win = make_window()
    win.show()
    win.document.replace(m, None)
    dialog = _dialog(qtbot, win)
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    dialog.paper.setCurrentIndex(dialog.paper.findData("a4"))
    qtbot.waitUntil(lambda: "tiled across" in dialog.text_label.text(), timeout=60000)
    dialog.format.setCurrentIndex(dialog.format.findData("png"))
    qtbot.waitUntil(lambda: "a PDF would tile it" in dialog.text_label.text(), timeout=60000)
    dialog.done(0)


def test_the_dialog_exports_on_a_page_with_a_legend_and_as_html(
    qtbot, shown, prompter, tmp_path: Path
) -> None:
    from tests.test_export_paper import _pdf_pages

    dialog = _dialog(qtbot, shown)
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    dialog.paper.setCurrentIndex(dialog.paper.findData("a4"))
    dialog.turn.setCurrentIndex(dialog.turn.findData("portrait"))
    choice = dialog.choice()
    assert (choice.page, choice.orientation, choice.legend) == ("a4", "portrait", True)
    dialog.remember(tmp_path)
    dialog.done(0)
    again = _dialog(qtbot, shown)  # the choices come back
    assert again.paper.currentData() == "a4" and again.turn.currentData() == "portrait"
    again.done(0)
    from argmap.gui.controllers.exporting import start_export
    from argmap.model.views import Shown

    done: list[tuple[str, str]] = []
    jobs = [  # kept, as the controller keeps them, until they are done
        start_export(
            Shown(shown.document.map), tmp_path / "m.pdf", choice, lambda *a: done.append(a)
        )
    ]
    qtbot.waitUntil(lambda: len(done) == 1, timeout=60000)
    assert done[0][1] == ""
    assert set(_pdf_pages((tmp_path / "m.pdf").read_bytes())) == {(595.0, 842.0)}
    html = choice.__class__(**{**choice.__dict__, "fmt": "html", "page": None})
    jobs.append(
        start_export(
            Shown(shown.document.map), tmp_path / "m.html", html, lambda *a: done.append(a)
        )
    )
    qtbot.waitUntil(lambda: len(done) == 2, timeout=60000)
    assert done[1][1] == ""
    assert (tmp_path / "m.html").read_bytes().startswith(b"<!DOCTYPE html>")


def test_the_dialog_says_an_empty_map_has_nothing_to_draw(qtbot, window) -> None:
    dialog = _dialog(qtbot, window)
    dialog.paper.setCurrentIndex(dialog.paper.findData("a4"))
    qtbot.waitUntil(lambda: "nothing to draw" in dialog.size_label.text(), timeout=10000)
    assert dialog.text_label.text() == ""
    dialog.done(0)


def test_the_map_title_and_description_are_edited_with_nothing_selected(qtbot, shown) -> None:
    """Issue 17, point 8: the inspector with nothing selected edits the map's own title
    and description; typing in one is one undo step."""
    shown.selection.set_current(None)
    fields = shown.inspector.map_style
    assert fields.title.text() == shown.document.map.title
    fields.title.setFocus()
    fields.title.selectAll()
    qtbot.keyClicks(fields.title, "Slow down?")
    assert shown.document.map.title == "Slow down?"
    fields.title.editingFinished.emit()
    fields.description.setPlainText("A map of the debate")
    assert shown.document.map.description == "A map of the debate"
    stack = shown.document.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == ["Map Title", "Map Description"]
    stack.undo()
    assert (
        fields.description.toPlainText() == shown.document.map.description != "A map of the debate"
    )
