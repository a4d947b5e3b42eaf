"""Wrapping is lossless and escaping keeps every typed character literal."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.render.text import dot_escape, text_width, unwrap, visible, wrap


@settings(max_examples=300, deadline=None)
@given(st.text(), st.integers(min_value=8, max_value=60))
def test_wrap_is_lossless(text: str, width: int) -> None:
    assert unwrap(wrap(text, width)) == text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"])), st.integers(8, 60))
def test_wrapped_lines_fit_unless_spaces_overhang(text: str, width: int) -> None:
    for line in wrap(text, width):
        # a line may end in spaces that a following break would consume
        assert text_width(line.text.rstrip()) <= max(width, 2)


def test_wrap_breaks_at_spaces_and_cuts_long_words() -> None:
    lines = [line.text for line in wrap("The world should consider slowing down now", 16)]
    assert lines == ["The world should", "consider slowing", "down now"]
    assert [line.text for line in wrap("x" * 20, 8)] == ["xxxxxxxx", "xxxxxxxx", "xxxx"]


def test_wide_characters_count_double() -> None:
    assert text_width("漢字") == 4
    assert [line.text for line in wrap("漢字漢字漢字", 8)] == ["漢字漢字", "漢字"]


def test_escape_keeps_graphviz_escapes_literal() -> None:
    assert dot_escape('a"b') == 'a\\"b'
    assert dot_escape("\\N") == "\\\\N"
    assert dot_escape("&amp;") == "&amp;amp;"
    assert dot_escape("two\nlines") == "two\\nlines"


def test_control_characters_become_visible_symbols() -> None:
    assert visible("a\x01b\x7fc\x85") == "a\u2401b\u2421c\ufffd"
    assert visible("tab\tand\nnewline") == "tab\tand\nnewline"
