"""The source pane through pytest-qt: attach, mark, create, highlight, follow, find."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt

from argmap.formats import load, save
from argmap.gui.panels.source_search import MAX_MATCHES, FoldedText, Search, fold_text, has_border
from argmap.gui.window.main_window import MainWindow
from argmap.model import Relation, ops
from argmap.model.source import paragraph_span
from tests.conftest import SHARED
from tests.limits import time_limit

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
    window.commands["source.attach"].trigger()
    pane = window.source_pane
    assert pane.view.text == TEXT.replace("\r\n", "\n")  # Windows line endings normalised
    assert window.document.map.source.text == pane.view.text

    mark(window, "Progress toward self-improvement is fast")
    window.commands["source.claim_from"].trigger()
    claim = window.selection.current
    node = window.document.map.nodes[claim]
    assert node.text == "Progress toward self-improvement is fast" and node.parent is None
    ref = node.refs[0]
    assert ref.paragraph == 2 and pane.view.text[ref.start : ref.end] == node.text

    start, end = mark(window, "Critics call the warning marketing")
    window.commands["source.rebuttal_from"].trigger()
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
    window.commands["source.cite"].trigger()
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
    window.commands["source.claim_from"].trigger()
    critic = window.selection.current
    mark(window, "Ещё один абзац")
    window.commands["source.claim_from"].trigger()
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
    window.commands["source.claim_from"].trigger()
    node = window.selection.current
    pane.view.verticalScrollBar().setValue(0)
    window.selection.set_current(None)
    window.selection.set_current(node)
    first_visible = pane.view.firstVisibleBlock().blockNumber()
    assert 200 < first_visible <= 249


def test_nodes_without_a_source_are_marked_and_listed(qtbot, window, sample_path) -> None:
    window.files.load(sample_path)
    window.document.edit("Add", ops.add_node, "pace", Relation.SUPPORTS, "No source here")
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
    assert sourced is None  # a sourced non-root node keeps the default font: not italic


def test_the_sample_lights_up_when_the_article_is_attached(qtbot, window, sample_path) -> None:
    article = SHARED / "seed-article.txt"
    if not article.exists():
        pytest.skip("the article is in ../shared, not shipped")
    window.files.load(sample_path)
    window.sourcing.attach(article, keep_beside=True)
    pane = window.source_pane
    spans = pane.spans()
    assert len({node for node, *_ in spans}) == 24  # every node cites a paragraph
    window.selection.set_current("security")
    start, end = paragraph_span(pane.view.text, 10)
    assert ("security", start, end, True) in spans
    assert not any(r.review for n in window.document.map.nodes.values() for r in n.refs)


def test_find_in_source(qtbot, window, source_file) -> None:
    window.sourcing.attach(source_file, keep_beside=False)
    pane = window.source_pane
    window.commands["source.find"].trigger()
    qtbot.keyClicks(pane.find_field, "the")
    assert pane.find_count.text() == "3 found"  # "then", "the lab", "the warning"
    qtbot.keyClick(pane.find_field, Qt.Key.Key_Return)
    first = pane.view.textCursor().selectionStart()
    qtbot.keyClick(pane.find_field, Qt.Key.Key_Return)
    assert pane.view.textCursor().selectionStart() > first


def test_source_beside_the_map_survives_save_and_an_edited_text(
    qtbot, window, prompter, source_file, tmp_path
):
    window.sourcing.attach(source_file, keep_beside=True)
    mark(window, "Critics call the warning marketing")
    window.commands["source.claim_from"].trigger()
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
    window.commands["source.claim_from"].trigger()
    window.document.edit("Edit", ops.edit_node, window.selection.current, text="Warnings are ads")
    window.commands["source.show_quotes"].trigger()
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


# -- find: exactly the matched characters, whatever casefolding does to lengths ----------

FOUND = "#ffeb3b"

FIND_CASES = [
    # text, needle, the words each highlight must cover
    ("Die Straße zur Brücke", "Brücke", ["Brücke"]),
    ("STRASSE oder Straße", "straße", ["STRASSE", "Straße"]),
    ("Straße strasse", "SS", ["ß", "ss"]),  # never half of a ß
    ("İstanbul is big, big", "big", ["big", "big"]),
    ("İstanbul or ISTANBUL", "istanbul", ["ISTANBUL"]),  # İ folds to i + a dot above
    ("İstanbul or ISTANBUL", "İSTANBUL", ["İstanbul"]),
    ("the ﬁnal ﬁle, the file", "fil", ["ﬁl", "fil"]),
    ("the ﬁnal ﬁle", "final", ["ﬁnal"]),
    ("😀 Straße 😀 Brücke 👍🏽 brücke", "brücke", ["Brücke", "brücke"]),
    ("👍🏽 then 👍🏽", "👍🏽", ["👍🏽", "👍🏽"]),
    ("cafe\u0301 and café", "café", ["cafe\u0301", "café"]),
    ("cafe\u0301 and café", "cafe\u0301", ["cafe\u0301", "café"]),
    ("cafe\u0301 and cafe", "cafe", ["cafe"]),  # never a letter without its accent
    ("ΣΟΦΊΑ and σοφία", "σοφία", ["ΣΟΦΊΑ", "σοφία"]),
]


def found_words(pane) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        s.cursor.selectedText()
        for s in pane.view.extraSelections()
        if s.format.background().color().name() == FOUND
    ]


@pytest.mark.parametrize(("text", "needle", "words"), FIND_CASES)
def test_find_highlights_exactly_the_matched_characters(
    qtbot, window, tmp_path, text, needle, words
) -> None:
    path = tmp_path / "source.txt"
    path.write_text(text, encoding="utf-8")
    window.sourcing.attach(path, keep_beside=False)
    pane = window.source_pane
    window.commands["source.find"].trigger()
    pane.find_field.setText(needle)
    assert found_words(pane) == words
    assert pane.find_count.text() == f"{len(words)} found"
    # Enter walks the same matches, in order, and wraps around
    for expected in [*words, words[0]]:
        qtbot.keyClick(pane.find_field, Qt.Key.Key_Return)
        assert pane.view.textCursor().selectedText() == expected
    qtbot.keyClick(pane.find_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert pane.view.textCursor().selectedText() == words[-1]


def test_find_types_through_the_keyboard(qtbot, window, tmp_path) -> None:
    path = tmp_path / "source.txt"
    path.write_text("Nach der Straße kommt die Brücke.\n", encoding="utf-8")
    window.sourcing.attach(path, keep_beside=False)
    pane = window.source_pane
    window.commands["source.find"].trigger()
    qtbot.keyClicks(pane.find_field, "STRASSE")  # QTest types ASCII only
    assert found_words(pane) == ["Straße"]
    pane.find_field.clear()
    qtbot.keyClicks(pane.find_field, "cke")
    assert found_words(pane) == ["cke"]
    pane.find_field.clear()
    qtbot.keyClicks(pane.find_field, "nothing here")
    assert found_words(pane) == [] and pane.find_count.text() == "not found"
    qtbot.keyClick(pane.find_field, Qt.Key.Key_Return)
    assert not pane.view.textCursor().hasSelection()


ALPHABET = "aAsSiIfeE ßẞİıﬁﬀΣσς\u0301\u0308\u0307é😀👍🏽\n"


def at_a_whole_character(text: str, k: int) -> bool:
    """Offset k does not split a letter from its combining marks."""
    return not unicodedata.combining(text[k : k + 1] or "a")


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(ALPHABET, max_size=40), st.data())
def test_every_match_is_exactly_the_needle_folded(text: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(text)))
    j = data.draw(st.integers(i, len(text)))
    needle = data.draw(st.one_of(st.just(text[i:j]), st.text(ALPHABET, min_size=1, max_size=4)))
    matches = FoldedText(text).find_all(needle)
    key = fold_text(needle)
    ends = [0]
    for start, end in matches:
        assert fold_text(text[start:end]) == key  # exactly these characters, no more or less
        assert start >= ends[-1] and end > start  # in order, never overlapping
        ends.append(end)
        assert not unicodedata.combining(text[start])
        assert at_a_whole_character(text, end)
    whole = at_a_whole_character(text, i) and at_a_whole_character(text, j)
    if needle == text[i:j] and key and whole:
        assert matches  # a piece of the text is always found


def walk(search: Search, backward: bool, steps: int) -> list[tuple[int, int]]:
    """The selections that Find Next (or Previous) gives in turn, from the text's start."""
    visited: list[tuple[int, int]] = []
    start = end = 0
    for _ in range(steps):
        found = search.before(start) if backward else search.after(end)
        assert found is not None
        visited.append(found)
        start, end = found
    return visited


@settings(max_examples=300, deadline=None, database=None)
@given(st.text("aAsSß\u0301é😀 ", max_size=30), st.text("aAsSß\u0301é ", min_size=1, max_size=3))
def test_find_next_and_previous_visit_every_match_in_order(text: str, needle: str) -> None:
    every = FoldedText(text).find_all(needle, limit=len(text) + 1)
    search = Search(FoldedText(text), needle)
    if not every:
        assert search.after(0) is None and search.before(0) is None
        return
    assert walk(search, False, len(every) + 1) == [*every, every[0]]
    assert walk(Search(FoldedText(text), needle), True, len(every) + 1) == [
        *reversed(every),
        every[-1],
    ]


def test_keys_that_can_overlap_themselves_are_told() -> None:
    assert [has_border(k) for k in ("aa", "abab", "ss", "aba")] == [True] * 4
    assert [has_border(k) for k in ("", "a", "ab", "aab", "abc")] == [False] * 5


# -- find past the highlighted thousand (note.md 11b) -----------------------------------


def attach(window, tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "source.txt"
    path.write_text(text, encoding="utf-8")
    window.sourcing.attach(path, keep_beside=False)
    window.commands["source.find"].trigger()
    return window.source_pane


def selected(pane) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    cursor = pane.view.textCursor()
    offsets = pane.view.offsets
    return offsets.from_qt(cursor.selectionStart()), offsets.from_qt(cursor.selectionEnd())


def press(qtbot, pane, times: int, backward: bool = False) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    shift = Qt.KeyboardModifier.ShiftModifier if backward else Qt.KeyboardModifier.NoModifier
    visited = []
    for _ in range(times):
        qtbot.keyClick(pane.find_field, Qt.Key.Key_Return, shift)
        visited.append(selected(pane))
    return visited


@pytest.mark.parametrize("needle", ["Needle", "aa"])  # "aa" can overlap itself
def test_find_next_goes_on_past_the_highlighted_thousand(qtbot, window, tmp_path, needle) -> None:
    lines = [f"line {i} has a needle and aaa, then more words.\n" for i in range(1010)]
    text = "".join(lines)
    pane = attach(window, tmp_path, text)
    qtbot.keyClicks(pane.find_field, needle)
    key = needle.lower()
    every = [(m, m + len(key)) for m in range(len(text)) if text.startswith(key, m)]
    if key == "aa":  # not overlapping: "aaa" holds one match
        every = [(m, e) for m, e in every if text[m - 1] != "a"]
    assert len(every) == 1010
    assert pane.find_count.text() == "1000+ found"
    assert len(found_words(pane)) == 1000  # highlights stay capped
    walked = []
    for _ in range(len(every) - 1):  # what Enter does, without a key event each time
        assert pane.find_next()
        walked.append(selected(pane))
    # the last two by the keyboard: the last match, then around to the first
    assert walked + press(qtbot, pane, 2) == [*every, every[0]]
    assert press(qtbot, pane, 3, backward=True) == [every[-1], every[-2], every[-3]]


def test_find_previous_from_the_start_reaches_the_last_of_many(qtbot, window, tmp_path) -> None:
    pane = attach(window, tmp_path, "e" * 20_000 + " the end")
    qtbot.keyClicks(pane.find_field, "e")
    assert pane.find_count.text() == "1000+ found"
    assert press(qtbot, pane, 2, backward=True) == [(20_005, 20_006), (20_003, 20_004)]


def test_typing_in_find_stays_bounded_on_a_large_source(qtbot, window, tmp_path) -> None:
    """200,000 lines, as many matches: each key highlights a thousand (about 0.1 s), and
    Find Previous from the start reaches the last line without listing the rest."""
    pane = attach(window, tmp_path, "one needle.\n" * 200_000)
    with time_limit(20):
        for ch in "needle":
            qtbot.keyClicks(pane.find_field, ch)
            assert pane.find_count.text() == "1000+ found"
        assert press(qtbot, pane, 1, backward=True) == [(2_399_992, 2_399_998)]
        assert press(qtbot, pane, 1) == [(4, 10)]


def test_exactly_the_cap_is_not_more() -> None:
    text = "x " * MAX_MATCHES
    assert len(FoldedText(text).find_all("x", MAX_MATCHES + 1)) == MAX_MATCHES
