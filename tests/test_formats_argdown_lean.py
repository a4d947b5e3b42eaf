"""The lean Argdown reader: what it refuses, in one line, and what it keeps.

Nodes are built without pydantic's per-node validation (the reader's own checks
stand in for it), so these tests pin what those checks must still catch: a lone
surrogate wherever an escape or the caller can put one, refused with where it is,
and a surrogate pair escaped in YAML read as the one character it spells.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from argmap.formats import LoadError
from argmap.formats.argdown import MAX_BYTES, MAX_ELEMENTS, lexer, read_argdown
from argmap.formats.native import dumps
from argmap.model import revalidate
from tests.conftest import SHARED
from tests.limits import time_limit

CORPUS = SHARED / "corpus"
EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "300"))

LONE = "contains a lone surrogate (U+D800), which no file can hold"


def refused(text: str | bytes) -> str:
    with pytest.raises(LoadError) as caught:
        read_argdown(text)
    message = str(caught.value)
    assert "\n" not in message and "\\n" not in message
    assert len(message) <= 200
    return message


@pytest.mark.parametrize("field", ["title", "description"])
def test_a_lone_surrogate_escaped_in_the_front_matter_is_refused(field: str) -> None:
    message = refused(f'===\n{field}: "a\\ud800"\n===\n\n[a]: x\n')
    assert message == f"<input>: the front matter's {field} {LONE} (character 1)"


def test_a_surrogate_pair_escaped_in_the_front_matter_is_one_character() -> None:
    m = read_argdown('===\ntitle: "a \\ud83d\\ude00"\ndescription: "\\uD83D\\uDE00"\n===\n')
    assert (m.title, m.description) == ("a \U0001f600", "\U0001f600")
    assert json.loads(dumps(m).encode("utf-8"))["title"] == "a \U0001f600"


@pytest.mark.parametrize("field", ["note", "text", "title", "root"])
def test_a_lone_surrogate_in_argmaps_data_is_refused_naming_line_and_field(field: str) -> None:
    data = json.dumps({"argmap": {field: "x\ud800"}})[1:-1]
    message = refused(f"[a]: first\n\n[b]: words {{{data}}}\n")
    assert message == f"<input>: line 3: argmap's data: {field} {LONE} (character 1)"


def test_a_lone_surrogate_in_an_authors_own_data_is_not_read() -> None:
    data = json.dumps({"author": "x\ud800"})
    (node,) = read_argdown(f"[a]: words {data}\n").nodes.values()
    assert node.text == "words "


def test_a_lone_surrogate_in_the_text_is_refused_naming_line_and_column() -> None:
    message = refused("[a]: first\n\n[b]: second \ud800 here\n")
    assert message == f"<input>: line 3, column 13: {LONE}"


def test_a_lone_surrogate_in_a_comment_is_refused_too() -> None:
    """The caller's text, not only what becomes a node: one rule, said where."""
    message = refused("<!-- \udfff -->\n[a]: x\n")
    assert message == "<input>: line 1, column 6: " + LONE.replace("D800", "DFFF")


def test_what_the_lean_reader_builds_passes_full_validation() -> None:
    """Texts, titles, tags, notes from argmap's data (\\r\\n included), relations of
    every kind, a reconstruction, sections: equal to the map validated afresh."""
    hint = json.dumps({"argmap": {"text": "a\r\nb #t ", "note": "n\r\n", "tags": ["t", "u)"]}})
    text = (
        "===\ntitle: T\nmodel:\n    mode: strict\n===\n\n# Part\n\n"
        f"[A]: a b #t {hint[1:-1].join('{}')}\n  + [B]: b\n  - <C>: c\n  _ [D]: d\n"
        "  >< [E]: e\n\n<C>\n\n(1) p\n----\n(2) q\n  +> [A]\n"
    )
    m = read_argdown(text)
    assert revalidate(m) == m
    node = m.nodes["s1"]
    assert (node.text, node.note, node.tags) == ("a\nb #t ", "n\n", ("t", "u)"))


def test_an_input_over_the_size_cap_is_refused_naming_the_cap() -> None:
    text = "[a]: x\n" + " " * MAX_BYTES
    message = refused(text)
    assert message == f"<input>: is more than {MAX_BYTES:,} characters, too large for Argdown"


# -- plain lines in one match --------------------------------------------------------

WS = ["", " ", "  ", "\t", "    ", " \t "]
HEADS = ["", "+ ", "- ", "<+ ", "<- ", "+> ", "-> ", "* ", "1. ", "12.\t", "+", "-", "*", "--"]
HEADS += ["_ ", "<_ ", "# ", "(1) ", "+>", "*\ufeff", "><", "_> ", "-- r --"]
TITLES = ["", "[a]: ", "[a]:", "[a b]", "[a] ", "<A>: ", "<A>", "<A b> ", "[-a]", "[-a]: ", "<-a>"]
TITLES += ["<!a>: ", "[a]]: ", "[a](b) ", "<+a>", "[a:b]", "[é]: ", "[a\u2028b]", "[]: ", "<>"]
WORDS = ["", "word", "two words ", "x", "trail  ", "a\u2028b", "ü", "=x", "==", "a=b", "9 x"]
WORDS += ["+x", "a.b", "a*b", "a #t", "a//b", "a <!-- c -->", "\ufeffa", "\xa0x", "a{b}"]
WORDS += ["a [b]: c"]
ENDS = ["\n", "\n\n", " \n", "\n \n", "\n\t\n\n", "", "\n  \n  ", "\n<!-- -->\n", "\n===\n"]


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Lines made of the pieces a plain line has, and pieces that make it not plain."""
    pieces = [WS, HEADS, TITLES, WORDS, ENDS]
    lines = st.tuples(*(st.sampled_from(p) for p in pieces)).map("".join)
    noise = st.text(alphabet=sorted(set("\\[]<>{}#@*_/.:;,-+()=!?\"' \t\naZ0\u2028")), max_size=6)
    return "".join(draw(st.lists(st.one_of(lines, lines, noise), max_size=14)))


def cut(text: str) -> list[object]:
    return [None if line is None else asdict(line) for line in lexer.tokenize(text)]


def read(text: str) -> str:
    try:
        return dumps(read_argdown(text))
    except LoadError as exc:
        return str(exc)


@contextmanager
def token_by_token() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lexer, "plain_line", lambda text, pos: None)
        yield


@settings(max_examples=EXAMPLES, deadline=None)
@given(documents())
def test_a_plain_line_is_cut_as_the_token_by_token_pass_cuts_it(text: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lexer.Lexer, "join_lines", False)
        fast = cut(text)
    with token_by_token():
        assert cut(text) == fast


@settings(max_examples=EXAMPLES, deadline=None)
@given(documents())
@example("- a relation with nothing above it\nthen words\non two lines\n")
@example("# A heading\nthat goes on\nover lines\n\n[a]: x\n  y\n  z\n")
@example("# A heading of many lines\n" + "w\n" * 600 + "\n[a]: x\n" + " y\n" * 600)
def test_lines_of_words_joined_into_one_read_as_the_lines_did(text: str) -> None:
    fast = read(text)
    with token_by_token():
        assert read(text) == fast


@pytest.mark.skipif(not CORPUS.exists(), reason="the corpus is in ../shared/corpus")
def test_the_corpus_is_cut_and_read_alike_with_and_without_plain_lines() -> None:
    texts = [p.read_text(encoding="utf-8-sig") for p in sorted(CORPUS.rglob("*.argdown"))]
    texts = [t.replace("\r\n", "\n").replace("\r", "\n") for t in texts]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lexer.Lexer, "join_lines", False)
        fast = [cut(t) for t in texts]
    maps = [read(t) for t in texts]
    with token_by_token():
        assert [cut(t) for t in texts] == fast
        assert [read(t) for t in texts] == maps
    assert sum(len(lines) for lines in fast) > 5000  # all of it was read


# -- linear in the number of tags ----------------------------------------------------


def test_many_tags_on_one_statement_read_in_linear_time() -> None:
    """Each tag was looked for in a list of those before it: 40,000 took 30 s."""
    text = "[a]: x " + " ".join(f"#t{i}" for i in range(100_000)) + " #t5"
    with time_limit(30):
        (node,) = read_argdown(text).nodes.values()
    assert node.tags == tuple(f"t{i}" for i in range(100_000))


def test_tags_gathered_over_many_mentions_read_in_linear_time() -> None:
    text = "".join(f"[a]: x #t{i} #t{i // 2}\n\n" for i in range(100_000))
    with time_limit(30):
        (node,) = read_argdown(text).nodes.values()
    assert node.tags == tuple(f"t{i}" for i in range(100_000))


def test_the_caps_are_what_loads_in_seconds() -> None:
    """The figures behind them are in tests/perf/test_bench_readers.py (the cap rows)."""
    assert (MAX_BYTES, MAX_ELEMENTS) == (4 * 1024 * 1024, 100_000)


def test_bytes_over_the_size_cap_are_refused_before_they_are_decoded() -> None:
    message = refused(b"[a]: x\n" + b" " * MAX_BYTES)
    assert message == f"<input>: is more than {MAX_BYTES:,} bytes, too large for Argdown"
