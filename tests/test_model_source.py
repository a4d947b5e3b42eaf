"""Source texts and spans, Qt-free: paragraphs, references, re-anchoring, files beside the map."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.formats import dumps, load, load_with_notes, loads, save
from argmap.formats.source_text import html_to_text, read_source_text, resolve_source
from argmap.model import ArgumentMap, Relation, Source, SourceRef, ops, text_checksum
from argmap.model.source import (
    make_ref,
    paragraph_at,
    paragraph_span,
    paragraphs,
    quote_of,
    reanchor,
    reanchor_ref,
)
from tests.conftest import SHARED

TEXT = (
    "Title line\n"
    "The first paragraph says that progress is fast.\n"
    "The second paragraph says that institutions are slow.\n"
    "A third one repeats: progress is fast.\n"
)


def mapped(text: str, quotes: dict[str, str]) -> ArgumentMap:
    """A claim plus one support per quote, each anchored at the quote's first place."""
    m = ops.add_claim(ArgumentMap(source=Source(text=text)), "claim", node_id="c").map
    for node_id, quote in quotes.items():
        start = text.index(quote)
        ref = make_ref(text, start, start + len(quote))
        m = ops.add_node(m, "c", Relation.SUPPORTS, quote, node_id=node_id, refs=(ref,)).map
    return m


def test_paragraphs_one_per_line_without_blank_lines() -> None:
    assert len(paragraphs(TEXT)) == 4
    assert paragraph_at(TEXT, TEXT.index("second")) == 3
    start, end = paragraph_span(TEXT, 2)
    assert TEXT[start:end] == "The first paragraph says that progress is fast."


def test_paragraphs_are_blocks_when_blank_lines_separate_them() -> None:
    text = "# Heading\n\nA paragraph\nwrapped over two lines.\n\n  Another one.  \n"
    spans = paragraphs(text)
    assert [text[a:b] for a, b in spans] == [
        "# Heading",
        "A paragraph\nwrapped over two lines.",
        "Another one.",
    ]
    assert paragraph_at(text, text.index("wrapped")) == 2


def test_the_article_has_thirty_paragraphs_matching_the_sample() -> None:
    article = SHARED / "seed-article.txt"
    if not article.exists():
        pytest.skip("the article is in ../shared, not shipped")
    text = read_source_text(article)
    assert len(paragraphs(text)) == 30
    start, end = paragraph_span(text, 9)
    assert text[start:end] == "Security and control risks"


def test_a_reference_records_span_paragraph_quote_and_context() -> None:
    start = TEXT.index("institutions")
    ref = make_ref(TEXT, start, start + len("institutions are slow"))
    assert (ref.paragraph, ref.quote) == (3, "institutions are slow")
    assert ref.prefix.endswith("says that ") and ref.suffix.startswith(".\n")
    assert quote_of(TEXT, ref) == "institutions are slow"


def test_insertion_before_a_span_moves_it() -> None:
    m = mapped(TEXT, {"s": "institutions are slow"})
    changed = "An inserted line at the very top.\n" + TEXT
    result = reanchor(m, changed)
    ref = result.map.nodes["s"].refs[0]
    assert (result.moved, result.flagged) == (1, 0)
    assert changed[ref.start : ref.end] == "institutions are slow"
    assert ref.paragraph == 4 and not ref.review
    assert result.map.source.is_current()


def test_a_deleted_span_is_flagged_never_pointed_elsewhere() -> None:
    m = mapped(TEXT, {"s": "institutions are slow"})
    changed = TEXT.replace("The second paragraph says that institutions are slow.\n", "")
    result = reanchor(m, changed)
    ref = result.map.nodes["s"].refs[0]
    assert result.flagged == 1
    assert ref.review and ref.start is None and ref.end is None
    assert ref.quote == "institutions are slow"  # the words are kept for the user


def test_repeated_words_are_told_apart_by_context() -> None:
    m = mapped(TEXT, {"s": "progress is fast"})  # first of two places
    changed = "New intro.\n" + TEXT
    ref = reanchor(m, changed).map.nodes["s"].refs[0]
    assert changed[ref.start - 10 : ref.start] == "says that "
    assert paragraph_at(changed, ref.start) == 3


def test_ambiguous_words_are_flagged() -> None:
    text = "x progress is fast y\nx progress is fast y\n"
    ref = make_ref(text, 0, 0).model_copy(
        update={"start": 100, "end": 116, "quote": "progress is fast", "prefix": "", "suffix": ""}
    )
    new_ref, what = reanchor_ref(text, ref)
    assert what == "flagged" and new_ref.review


def test_unchanged_text_keeps_every_span() -> None:
    m = mapped(TEXT, {"s": "institutions are slow", "t": "progress is fast"})
    result = reanchor(m, TEXT)
    assert (result.moved, result.flagged) == (0, 0)
    assert result.map.nodes == m.nodes


def test_non_ascii_and_windows_line_endings() -> None:
    text = "Überschrift 😀\r\nDer Fortschritt ist schnell — sagt man.\r\nИнституты медленны.\r\n"
    m = mapped(text.replace("\r\n", "\n"), {"s": "Институты медленны"})
    # the map's text is normalised; a CRLF copy of the same text is the same text
    assert m.source.text == text.replace("\r\n", "\n")
    result = reanchor(m, text)
    assert (result.moved, result.flagged) == (0, 0)
    assert result.map.source.checksum == text_checksum(text.replace("\r\n", "\n"))
    edited = text.replace("Überschrift 😀", "Überschrift 😀😀 neu")
    ref = reanchor(m, edited).map.nodes["s"].refs[0]
    clean = edited.replace("\r\n", "\n")
    assert clean[ref.start : ref.end] == "Институты медленны"


@settings(max_examples=150, deadline=None)
@given(
    before=st.text(max_size=60),
    quote=st.text(min_size=3, max_size=20).filter(lambda q: q.strip()),
    after=st.text(max_size=60),
    inserted=st.text(max_size=30),
)
def test_any_insertion_before_a_unique_span_keeps_its_words(before, quote, after, inserted):
    text = before + quote + after
    if text.count(quote) != 1 or (inserted + text).count(quote) != 1 or "\r" in text + inserted:
        return
    ref = make_ref(text, len(before), len(before) + len(quote))
    new_text = inserted + text
    new_ref, what = reanchor_ref(new_text, ref)
    assert what in ("same", "moved")
    assert new_text[new_ref.start : new_ref.end] == quote


def test_spans_survive_save_and_reload(tmp_path: Path) -> None:
    m = mapped(TEXT, {"s": "institutions are slow"})
    path = tmp_path / "m.argmap.json"
    save(m, path)
    again = load(path)
    assert again == m
    ref = again.nodes["s"].refs[0]
    assert again.source.text[ref.start : ref.end] == "institutions are slow"


def test_source_kept_beside_the_map(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(TEXT, encoding="utf-8")
    m = mapped(TEXT, {"s": "institutions are slow"})
    m = m.evolve(source=m.source.model_copy(update={"file": "article.txt"}))
    path = tmp_path / "m.argmap.json"
    save(m, path)
    assert "institutions are slow\\n" not in path.read_text()  # the text is not copied in
    assert '"file": "article.txt"' in path.read_text()
    again, notes = load_with_notes(path)
    assert notes == [] and again.source.text == TEXT
    # the text beside it changes: spans move with their words, and the user is told
    (tmp_path / "article.txt").write_text("New first line.\r\n" + TEXT.replace("\n", "\r\n"))
    moved, notes = load_with_notes(path)
    ref = moved.nodes["s"].refs[0]
    assert moved.source.text[ref.start : ref.end] == "institutions are slow"
    assert notes and "1 span(s) found at a new place" in notes[0]


def test_missing_source_file_still_opens_the_map(tmp_path: Path) -> None:
    m = mapped(TEXT, {"s": "institutions are slow"})
    m = m.evolve(source=m.source.model_copy(update={"file": "gone.txt"}))
    path = tmp_path / "m.argmap.json"
    save(m, path)
    again, notes = load_with_notes(path)
    assert again.source.text is None and "gone.txt" in notes[0]
    assert again.nodes["s"].refs[0].quote == "institutions are slow"


def test_text_edited_inside_the_file_is_reanchored_on_load() -> None:
    m = mapped(TEXT, {"s": "institutions are slow"})
    raw = dumps(m).replace("Title line\\n", "A longer title line\\n", 1)
    again, notes = resolve_source(loads(raw), None)
    ref = again.nodes["s"].refs[0]
    assert again.source.text[ref.start : ref.end] == "institutions are slow"
    assert again.source.is_current() and notes


def test_html_is_reduced_to_its_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>x</title><style>p{}</style></head><body>"
        "<h1>Heading &amp; more</h1><p>First <b>bold</b> words.</p><p>Second.</p>"
        "<script>alert(1)</script></body></html>"
    )
    text = read_source_text(page)
    assert text == "Heading & more\n\nFirst bold words.\n\nSecond."
    assert html_to_text("<p>a</p><p>b</p>") == "a\n\nb"


# -- what argmap writes, argmap opens: spans never run past a new text ---------------


def _spanned(refs: list[dict]) -> ArgumentMap:
    text = "Paragraph one.\n\nParagraph two, a longer one."
    return ArgumentMap.model_validate(
        {
            "source": {"text": text},
            "nodes": [
                {"id": "c"},
                {"id": "s", "parent": "c", "relation": "supports", "refs": refs},
            ],
        }
    )


def _opens_again(m: ArgumentMap) -> ArgumentMap:
    """The map saved and opened: it must load, and be the same map."""
    again = loads(dumps(m).encode("utf-8"))
    assert again == m
    return again


SHORTENED = [
    ("quoteless-span", {"paragraph": 2, "start": 16, "end": 44}),
    ("empty-span-at-end", {"paragraph": 2, "start": 44, "end": 44, "quote": ""}),
    ("quote-shorter-than-span", {"paragraph": 2, "start": 16, "end": 44, "quote": "Paragraph"}),
]


@pytest.mark.parametrize("ref", [c[1] for c in SHORTENED], ids=[c[0] for c in SHORTENED])
def test_a_shorter_source_text_flags_spans_it_cannot_hold(ref: dict) -> None:
    m = _spanned([ref])
    result = ops.replace_source(m, Source(text="Short."))
    new = result.map.nodes["s"].refs[0]
    assert new.review  # the user is told to look again
    assert (new.start, new.end) == (None, None)  # never offsets into other words
    assert new.paragraph == ref["paragraph"]  # the paragraph is kept
    _opens_again(result.map)
    # and undo gives back the spans as they were
    assert ops.apply(result.map, result.undo).map == m


def test_spans_the_shorter_text_still_holds_are_kept() -> None:
    m = _spanned([{"paragraph": 1, "start": 0, "end": 4}, {"paragraph": 1, "start": 3, "end": 3}])
    result = ops.replace_source(m, Source(text="Parrot."))
    assert result.map.nodes["s"].refs == m.nodes["s"].refs
    _opens_again(result.map)


def test_reanchor_on_load_flags_a_span_past_the_end() -> None:
    """The same rule when the text beside a map got shorter: the map opens and saves."""
    m = _spanned([{"paragraph": 2, "start": 16, "end": 44}])
    stale = m.evolve(source=Source(text="Short.", checksum=m.source.checksum))
    moved = reanchor(stale, "Short.").map
    assert moved.nodes["s"].refs[0].review
    _opens_again(moved)


def test_replacing_a_stale_source_with_the_same_text_re_anchors() -> None:
    """A text whose spans were anchored to another text is current after replace_source, so
    its spans are checked on the next load: they must be re-anchored first."""
    text = "Short."
    data = {
        "source": {"text": text, "checksum": text_checksum("an older, longer text")},
        "nodes": [{"id": "c", "refs": [{"paragraph": 1, "start": 10, "end": 20}]}],
    }
    m = ArgumentMap.model_validate(data)  # loads: the spans are for the older text
    result = ops.replace_source(m, Source(text=text))
    assert result.map.source.is_current()
    assert result.map.nodes["c"].refs[0].review
    _opens_again(result.map)


def test_set_map_fields_checks_spans_whenever_the_text_becomes_current() -> None:
    text = "Short."
    data = {
        "source": {"text": text, "checksum": text_checksum("an older, longer text")},
        "nodes": [{"id": "c", "refs": [{"paragraph": 1, "start": 10, "end": 20}]}],
    }
    m = ArgumentMap.model_validate(data)
    before = dumps(m)
    with pytest.raises(ops.EditError, match="runs past the end"):
        ops.set_map_fields(m, source=Source(text=text))
    assert dumps(m) == before
    # a title change that keeps the old checksum keeps the map as loadable as it was
    kept = ops.set_map_fields(m, source=m.source.model_copy(update={"title": "T"})).map
    _opens_again(kept)


def test_replace_source_validates_a_source_built_without_validation() -> None:
    m = _spanned([])
    unchecked = m.source.model_copy(update={"title": "bad \ud800"})
    before = dumps(m)
    with pytest.raises(ops.EditError, match="lone surrogate"):
        ops.replace_source(m, unchecked)
    assert dumps(m) == before


# -- re-anchoring, case by case (each kills a mutant `make mutate` found alive) -------


def test_a_quoteless_span_up_to_the_new_end_is_kept() -> None:
    ref = SourceRef(paragraph=1, start=2, end=6)
    assert reanchor_ref("Short.", ref) == (ref, "same")  # 6 = len("Short."): it fits
    flagged, what = reanchor_ref("Short", ref)
    assert what == "flagged" and flagged.review and flagged.end is None


def test_a_paragraph_the_new_text_no_longer_has_is_flagged() -> None:
    ref = SourceRef(paragraph=3)
    flagged, what = reanchor_ref("one\ntwo\n", ref)
    assert (what, flagged) == ("flagged", SourceRef(paragraph=3, review=True))
    assert reanchor_ref("one\ntwo\nthree\n", ref) == (ref, "same")


def test_words_found_in_place_again_clear_an_old_review_flag() -> None:
    text = "The words are here."
    ref = make_ref(text, 4, 9).model_copy(update={"review": True})
    again, what = reanchor_ref(text, ref)
    assert what == "same" and not again.review
    assert (again.start, again.end) == (4, 9)


def test_moved_words_are_no_longer_flagged() -> None:
    ref = make_ref("aaa words bbb", 4, 9).model_copy(update={"review": True})
    moved, what = reanchor_ref("xx aaa words bbb", ref)
    assert what == "moved" and not moved.review and (moved.start, moved.end) == (7, 12)


def test_a_tie_with_some_context_is_flagged_too() -> None:
    text = "so progress is fast. so progress is fast."
    ref = SourceRef(paragraph=1, start=90, end=106, quote="progress is fast", prefix="so ")
    flagged, what = reanchor_ref(text, ref)
    assert what == "flagged" and flagged.start is None


def test_one_character_of_context_is_enough_to_choose() -> None:
    text = "a progress is fast. b progress is fast."
    ref = SourceRef(paragraph=1, start=90, end=106, quote="progress is fast", prefix="b ")
    found, what = reanchor_ref(text, ref)
    assert what == "moved" and text[found.start : found.end] == "progress is fast"
    assert found.start == text.index("b progress") + 2


def test_reanchor_counts_every_moved_and_flagged_span() -> None:
    m = mapped(TEXT, {"s": "institutions are slow", "t": "progress is fast", "u": "Title line"})
    changed = "Intro.\n" + TEXT.replace("institutions are slow", "x").replace("Title", "T")
    result = reanchor(m, changed)
    assert (result.moved, result.flagged) == (1, 2)
