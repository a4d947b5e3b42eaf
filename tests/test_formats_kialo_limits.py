"""Hostile and pathological Kialo exports (argmap.formats.kialo).

Qt-free.  Each shape either maps correctly or is one short `LoadError`
naming the line, and every one finishes in a small fraction of the budget
below (the reader is linear; before the fix 64k chained ``-> See`` lines
took 256 s).  The budget is a generous wall-clock limit enforced with a
timer signal, so a quadratic reader fails the test instead of hanging it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

import argmap.formats.kialo as kialo
from argmap.formats import LoadError
from argmap.formats.kialo import load_kialo, read_kialo
from argmap.model import Relation, revalidate
from tests.limits import time_limit

T = TypeVar("T")

#: seconds; the fixed reader needs well under a tenth of this for each shape
BUDGET = 20.0
#: what a message shown to the user may be at most (a path prefix comes on top)
MAX_MESSAGE = 200


class TooSlowError(Exception):
    pass


def budget(seconds: float = BUDGET):  # type: ignore[no-untyped-def]
    """Fail with TooSlowError when the block runs longer than `seconds` (main thread only)."""
    return time_limit(seconds, TooSlowError, "took more than")


def timed(fn: Callable[[], T]) -> T:
    with budget():
        return fn()


def refused(text: str | bytes) -> LoadError:
    with budget(), pytest.raises(LoadError) as info:
        read_kialo(text)
    error = info.value
    assert type(error) is LoadError
    assert error.where is not None and error.where.startswith("line ")
    assert "\n" not in str(error)
    assert len(error.message) <= MAX_MESSAGE, error.message[:300]
    return error


def chained_sees(count: int) -> str:
    """`1.2.1. -> See 1.1.`, then each `-> See` line refers to the one before it."""
    lines = ["Discussion Title: chain", "", "1. Thesis", "1.1. Pro: A", "1.2. Con: B"]
    previous = "1.1"
    for index in range(1, count + 1):
        number = f"1.2.{index}"
        lines.append(f"{number}. {'Con: ' if index % 2 else ''}-> See {previous}.")
        previous = number
    return "\n".join(lines) + "\n"


# -- long chains of links ------------------------------------------------------------


def test_64k_chained_see_lines_map_in_seconds() -> None:
    count = 64_000
    m = timed(lambda: read_kialo(chained_sees(count)))
    assert len(m.nodes) == 3
    assert len(m.links) == count
    assert {link.source for link in m.links} == {"k1_1"}  # every link reaches the claim
    assert {link.target for link in m.links} == {"k1_2"}
    assert m.links[0].relation is Relation.REBUTS and m.links[1].relation is Relation.SUPPORTS
    assert m.links[-1].meta == {"kialo": {"number": f"1.2.{count}"}}


def test_a_chain_ending_at_a_missing_claim_names_the_first_line_and_the_number() -> None:
    text = chained_sees(50_000).replace("-> See 1.1.", "-> See 1.9.", 1)
    error = refused(text)
    assert error.where == "line 6"
    assert "1.9" in error.message and "does not exist" in error.message


def test_a_long_cycle_of_see_lines_is_one_error() -> None:
    count = 50_000
    text = chained_sees(count).replace("-> See 1.1.", f"-> See 1.2.{count}.", 1)
    error = refused(text)
    assert error.where == "line 6"
    assert "loop" in error.message


def test_see_to_its_own_line_says_so() -> None:
    error = refused("1. T\n1.1. Pro: a\n1.2. -> See 1.2.\n")
    assert error.where == "line 3"
    assert "its own line" in error.message


def test_many_lines_of_text_after_a_see_line_are_joined_in_linear_time() -> None:
    count = 400_000
    text = "1. T\n1.1. Pro: a\n1.2. -> See 1.1. first\n" + "more text\n" * count
    m = timed(lambda: read_kialo(text))
    assert m.links[0].meta["kialo"]["text"] == "first" + "\nmore text" * count  # type: ignore[index]


# -- deep, wide and long ---------------------------------------------------------------


def deep(depth: int) -> str:
    lines = ["1. root"]
    lines += [".".join(["1"] * (level + 1)) + f". Pro: level {level}" for level in range(1, depth)]
    return "\n".join(lines) + "\n"


def test_very_deep_numbering_maps_to_a_chain() -> None:
    depth = 3_000  # 9 MB: each line repeats the whole number
    m = timed(lambda: read_kialo(deep(depth)))
    assert len(m.nodes) == depth
    assert m.tree.max_depth() == depth - 1
    assert all(len(node_id) <= 64 for node_id in m.nodes)
    deepest = next(n for n in m.nodes.values() if n.text == f"level {depth - 1}")
    assert deepest.meta == {"kialo": {"number": ".".join(["1"] * depth)}}
    parent = m.node(deepest.parent or "")
    assert parent.text == f"level {depth - 2}"


def test_a_deep_number_without_parent_is_a_short_error() -> None:
    error = refused("1. T\n" + ".".join(["1"] * 200_000) + ". Pro: a\n")
    assert error.where == "line 2"
    assert "no parent" in error.message and "…" in error.message


def test_a_deep_see_target_that_is_missing_is_a_short_error() -> None:
    error = refused("1. T\n1.1. Pro: a\n1.2. -> See " + ".".join(["1"] * 200_000) + ".\n")
    assert error.where == "line 3"
    assert "does not exist" in error.message


def test_duplicate_deep_numbers_are_a_short_error() -> None:
    number = ".".join(["1"] * 100_000)
    error = refused(f"1. T\n{number}. Pro: a\n{number}. Pro: b\n")
    assert error.where == "line 3" and "appears twice" in error.message


def siblings(count: int) -> str:
    """A thesis and `count` reasons under it: `count + 1` numbered lines."""
    return "1. T\n" + "".join(f"1.{i}. {'Pro' if i % 2 else 'Con'}: s{i}\n" for i in range(count))


def test_siblings_up_to_the_cap_keep_their_order() -> None:
    count = kialo.MAX_CLAIMS - 1  # and the thesis: exactly at the cap
    text = siblings(count)
    m = timed(lambda: read_kialo(text))
    assert len(m.nodes) == count + 1 == kialo.MAX_CLAIMS
    children = m.tree.children("k1")
    assert len(children) == count
    assert children[:3] == ("k1_0", "k1_1", "k1_2") and children[-1] == f"k1_{count - 1}"
    assert m.node("k1_7").relation is Relation.SUPPORTS
    assert m.node("k1_8").text == "s8"


def test_a_huge_single_line_is_one_claim() -> None:
    text = "1. " + "word " * 3_000_000 + "end"  # 15 MB, under the cap
    m = timed(lambda: read_kialo(text))
    assert m.node("k1").text.endswith("word end")
    assert len(m.node("k1").text) == len(text) - 3


@pytest.mark.parametrize(
    ("text", "line", "fragments"),
    [
        pytest.param("1. T\n1.1. -> See " + "y" * 1_000_000, 2, ["claim number"], id="see-junk"),
        pytest.param("1. T\n1.1. " + "Maybe " * 500_000, 2, ["'Pro:' or 'Con:'"], id="no-label"),
        pytest.param("1. T\n1.1. " + "z" * 1_000_000 + ": a", 2, ["'Pro:' or 'Con:'"], id="label"),
        pytest.param(
            "1. T\n1." + "9" * 1_000_000 + ". Pro: a", 2, ["too many digits"], id="digits"
        ),
        pytest.param(
            "1. T\n1.1. Pro: a\n1.2. -> See 1." + "7" * 1_000_000 + ".",
            3,
            ["too many digits"],
            id="see-digits",
        ),
        pytest.param("x" * 2_000_000 + "\n1. T\n", 1, ["before the thesis"], id="prose"),
    ],
)
def test_a_huge_bad_line_is_a_short_error_naming_it(
    text: str, line: int, fragments: list[str]
) -> None:
    error = refused(text)
    assert error.where == f"line {line}"
    for fragment in fragments:
        assert fragment in error.message


def test_control_characters_in_an_echoed_line_are_escaped() -> None:
    error = refused("1. T\n1.1. -> See \x1b[31m\x07 evil")
    assert "\x1b" not in str(error) and "\x07" not in str(error)
    assert "\\x1b" in error.message


def test_generated_maps_survive_a_round_trip_through_validation() -> None:
    m = timed(lambda: read_kialo(chained_sees(2_000) + "1.3. Pro: -> See 1.2.2000.\n"))
    assert revalidate(m) == m


# -- reading files -------------------------------------------------------------------


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "debate.txt"
    os.mkfifo(fifo)
    with budget(5.0), pytest.raises(LoadError, match="pipe") as info:
        load_kialo(fifo)
    assert info.value.path == fifo
    assert fifo.exists()


def test_a_file_over_the_cap_is_refused_without_reading_it_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kialo, "MAX_BYTES", 1000)
    path = tmp_path / "big.txt"
    content = ("1. T\n" + "more\n" * 400).encode()
    path.write_bytes(content)
    with pytest.raises(LoadError, match="1,000 bytes") as info:
        load_kialo(path)
    assert info.value.path == path
    assert path.read_bytes() == content
    path.write_bytes(content[:990])
    assert load_kialo(path).node("k1").text.startswith("T\nmore")


# -- the caps: an input at the cap loads in seconds, one over it is one line ---------


def _not_built(*args: object) -> None:
    raise AssertionError("an input over the cap was mapped")


def test_one_numbered_line_over_the_cap_is_refused_naming_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """100,000 numbered lines load (above); one more is refused before anything is built."""
    monkeypatch.setattr(kialo, "_build", _not_built)
    path = tmp_path / "debate.txt"
    content = siblings(kialo.MAX_CLAIMS).encode()  # the cap and one more
    path.write_bytes(content)
    with budget(), pytest.raises(LoadError) as info:
        load_kialo(path)
    error = info.value
    assert error.path == path
    assert error.where == f"line {kialo.MAX_CLAIMS + 1}"
    assert error.message == "has more than 100,000 numbered lines, too many for one map"
    assert "\n" not in str(error) and len(str(error)) <= 200 + len(str(path))
    assert path.read_bytes() == content


@pytest.mark.parametrize("kind", [bytes, str])
def test_an_input_over_the_byte_cap_is_refused_naming_the_cap(
    kind: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given as bytes or text (not only as a file), more than 16 MiB is refused at once."""
    monkeypatch.setattr(kialo, "_parse", _not_built)
    text = "1. T\n" + " " * kialo.MAX_BYTES
    data = text.encode() if kind is bytes else text
    with budget(), pytest.raises(LoadError) as info:
        read_kialo(data)
    unit = "bytes" if kind is bytes else "characters"
    assert info.value.message == f"is more than 16,777,216 {unit}, too large for a Kialo export"
    assert info.value.where is None


def test_a_file_over_the_byte_cap_is_refused_naming_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "debate.txt"
    content = b"1. T\n" + b"x\n" * (kialo.MAX_BYTES // 2)
    path.write_bytes(content)
    with budget(), pytest.raises(LoadError) as info:
        load_kialo(path)
    assert info.value.message == "is more than 16,777,216 bytes, too large for a Kialo export"
    assert path.read_bytes() == content
