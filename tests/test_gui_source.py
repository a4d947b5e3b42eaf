"""The source pane through pytest-qt: attach, mark, create, highlight, follow, find."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from argmap.formats import load, save
from argmap.gui.main_window import MainWindow
from argmap.model import Relation, ops
from argmap.model.source import paragraph_span
from tests.conftest import SHARED

TEXT = (
    "Emoji first 😀 then words.\r\n"
    "Progress toward self-improvement is fast, the lab says.\r\n"
    "Critics call the warning marketing.\r\n"
    "Ещё один абзац — с юникодом.\r\n"
)


@pytest.fixture
def source_file(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    return path


@pytest.fixture
def window(qtbot, make_window):
    win = make_window()
    win.show()
    qtbot.waitExposed(win)
    return win


def mark(win: MainWindow, words: str) -> tuple[int, int]:
    text = win.source_pane.view.text
    start = text.index(words)
    win.source_pane.view.select_span(start, start + len(words))
    return start, start + len(words)


def test_attach_and_build_a_map_by_marking_passages(qtbot, window, prompter, source_file) -> None:
    prompter.script("source", source_file)
    prompter.script("storage", "inside")
    window.act_attach_source.trigger()
    pane = window.source_pane
    assert pane.view.text == TEXT.replace("\r\n", "\n")  # Windows line endings normalised
    assert window.document.map.source.text == pane.view.text

    mark(window, "Progress toward self-improvement is fast")
    window.act_claim_from.trigger()
    claim = window.selection.current
    node = window.document.map.nodes[claim]
    assert node.text == "Progress toward self-improvement is fast" and node.parent is None
    ref = node.refs[0]
    assert ref.paragraph == 2 and pane.view.text[ref.start : ref.end] == node.text

    start, end = mark(window, "Critics call the warning marketing")
    window.act_rebuttal_from.trigger()
    rebuttal = window.document.map.nodes[window.selection.current]
    assert (rebuttal.parent, rebuttal.relation) == (claim, Relation.REBUTS)
    assert (rebuttal.refs[0].start, rebuttal.refs[0].end, rebuttal.refs[0].paragraph) == (
        start,
        end,
        3,
    )

    # cite a second passage on an existing node, with characters outside the basic plane before it
    window.selection.set_current(claim)
    mark(window, "then words")
    window.act_cite.trigger()
    refs = window.document.map.nodes[claim].refs
    assert [pane.view.text[r.start : r.end] for r in refs] == [
        "Progress toward self-improvement is fast",
        "then words",
    ]
    # undo takes back the cite, the rebuttal, the claim and the attachment, one step each
    stack = window.document.undo_stack
    assert stack.count() == 4
    while stack.canUndo():
        stack.undo()
    assert window.document.map.source.text is None and not window.document.map.nodes


def test_highlights_follow_nodes_and_clicks_follow_highlights(qtbot, window, source_file) -> None:
    window.sourcing.attach(source_file, keep_beside=False)
    pane = window.source_pane
    mark(window, "Critics call the warning marketing")
    window.act_claim_from.trigger()
    critic = window.selection.current
    mark(window, "Ещё один абзац")
    window.act_claim_from.trigger()
    other = window.selection.current
    selections = pane.view.extraSelections()
    assert len(selections) == 2
    # the cursor of each highlight covers exactly its words, in Qt's own positions
    texts = sorted(s.cursor.selectedText() for s in selections)
    assert texts == ["Critics call the warning marketing", "Ещё один абзац"]
    # click inside a highlight: its node becomes the selection everywhere
    window.selection.set_current(other)
    start = pane.view.text.index("warning")
    cursor = pane.view.textCursor()
    cursor.setPosition(pane.view.offsets.to_qt(start))
    pane.view.setTextCursor(cursor)
    rect = pane.view.cursorRect(cursor)
    qtbot.mouseClick(
        pane.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() + QPoint(2, 0)
    )
    assert window.selection.current == critic
    assert window.outline_model.node_id(window.outline.currentIndex()) == critic
    assert window.diagram.selected == critic


def test_selecting_a_node_scrolls_the_text_to_its_span(qtbot, window, tmp_path) -> None:
    long_text = "\n".join(f"Paragraph number {i} with some filler words." for i in range(1, 301))
    path = tmp_path / "long.md"
    path.write_text(long_text)
    window.sourcing.attach(path, keep_beside=False)
    pane = window.source_pane
    pane.resize(400, 300)
    mark(window, "Paragraph number 250 with")
    window.act_claim_from.trigger()
    node = window.selection.current
    pane.view.verticalScrollBar().setValue(0)
    window.selection.set_current(None)
    window.selection.set_current(node)
    first_visible = pane.view.firstVisibleBlock().blockNumber()
    assert 200 < first_visible <= 249


def test_nodes_without_a_source_are_marked_and_listed(qtbot, window, sample_path) -> None:
    window.files.load(sample_path)
    window.document.edit(ops.add_node, "pace", Relation.SUPPORTS, "No source here", label="Add")
    pane = window.source_pane
    assert pane.unsourced_toggle.text().startswith("Nodes without a source: 1")
    pane.unsourced_toggle.setChecked(True)
    item = pane.unsourced.item(0)
    assert item.text() == "No source here"
    pane.unsourced.itemClicked.emit(item)
    new_id = window.selection.current
    assert window.document.map.nodes[new_id].text == "No source here"
    font = window.outline_model.data(
        window.outline_model.index_of(new_id), Qt.ItemDataRole.FontRole
    )
    assert font.italic()
    sourced = window.outline_model.data(
        window.outline_model.index_of("loop"), Qt.ItemDataRole.FontRole
    )
    assert sourced is None or not sourced.italic()


def test_the_sample_lights_up_when_the_article_is_attached(qtbot, window, sample_path) -> None:
    article = SHARED / "seed-article.txt"
    if not article.exists():
        pytest.skip("the article is in ../shared, not shipped")
    window.files.load(sample_path)
    window.sourcing.attach(article, keep_beside=True)
    pane = window.source_pane
    spans = pane.spans()
    assert len({node for node, *_ in spans}) == 33  # every node cites a paragraph
    window.selection.set_current("security")
    start, end = paragraph_span(pane.view.text, 10)
    assert ("security", start, end, True) in spans
    assert not any(r.review for n in window.document.map.nodes.values() for r in n.refs)


def test_find_in_source(qtbot, window, source_file) -> None:
    window.sourcing.attach(source_file, keep_beside=False)
    pane = window.source_pane
    window.act_find_source.trigger()
    qtbot.keyClicks(pane.find, "the")
    assert pane.find_count.text() == "3 found"  # "then", "the lab", "the warning"
    qtbot.keyClick(pane.find, Qt.Key.Key_Return)
    first = pane.view.textCursor().selectionStart()
    qtbot.keyClick(pane.find, Qt.Key.Key_Return)
    assert pane.view.textCursor().selectionStart() > first


def test_source_beside_the_map_survives_save_and_an_edited_text(
    qtbot, window, prompter, source_file, tmp_path
):
    window.sourcing.attach(source_file, keep_beside=True)
    mark(window, "Critics call the warning marketing")
    window.act_claim_from.trigger()
    target = tmp_path / "map.argmap.json"
    prompter.script("save", target)
    window.files.save()
    assert "Critics call the warning marketing.\\n" not in target.read_text()
    # someone edits the article: a line inserted before the span, another span deleted
    source_file.write_text("A new opening line.\n" + TEXT, encoding="utf-8")
    window.files.load(target)
    node = next(iter(window.document.map.nodes.values()))
    ref = node.refs[0]
    assert (
        window.document.map.source.text[ref.start : ref.end] == "Critics call the warning marketing"
    )
    assert ref.paragraph == 4 and not ref.review
    source_file.write_text("Everything was rewritten.\n", encoding="utf-8")
    window.files.load(target)
    ref = next(iter(window.document.map.nodes.values())).refs[0]
    assert ref.review and ref.start is None  # flagged, never pointing at other words
    label = window.outline_model.data(window.outline_model.index_of(node.id))
    assert label.startswith("⚠")


def test_quotes_show_under_nodes_in_diagram_and_export(
    qtbot, window, source_file, tmp_path
) -> None:
    window.sourcing.attach(source_file, keep_beside=False)
    mark(window, "Critics call the warning marketing")
    window.act_claim_from.trigger()
    window.document.edit(
        ops.edit_node, window.selection.current, text="Warnings are ads", label="Edit"
    )
    window.act_quotes.trigger()
    qtbot.waitUntil(lambda: b"Critics call the" in (window.diagram.svg or b""), timeout=20000)
    m = window.document.map
    path = tmp_path / "m.argmap.json"
    save(m, path)
    from argmap.cli import main

    assert main(["export", str(path), "-o", str(tmp_path / "q.svg"), "--quotes"]) == 0
    svg = (tmp_path / "q.svg").read_text()
    assert "Warnings are ads" in svg and "“Critics call the" in svg
    assert "¶ 3: “Critics call the warning marketing”" in svg  # the tooltip
    assert load(path) == m
