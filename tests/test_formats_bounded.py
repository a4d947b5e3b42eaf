"""The one way readers turn a file's bytes into text (formats/bounded.py decode_utf8).

Qt-free.  Every reader of text decodes alike: UTF-8, a leading BOM skipped, the
first byte that is not UTF-8 refused in one LoadError naming the file and where,
as that format's other errors say where (line and column, line, or byte).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.formats import LoadError
from argmap.formats.aif import read_aif
from argmap.formats.argdown import read_argdown
from argmap.formats.bounded import BOM, decode_utf8
from argmap.formats.kialo import read_kialo
from argmap.formats.native import loads
from argmap.formats.sniff import content_format

BAD = b'{\n  "title": "ab\xff"\n}'  # the bad byte: offset 16, line 2, column 15


def refusal(read: object, data: bytes) -> str:
    with pytest.raises(LoadError) as info:
        read(data, "map.json")  # type: ignore[operator]  # each reader's (data, path)
    assert type(info.value) is LoadError
    return str(info.value)


def test_a_bom_is_skipped_once() -> None:
    assert decode_utf8(BOM + "é".encode(), None, "byte") == "é"
    assert decode_utf8(BOM + BOM, None, "byte") == "\ufeff"  # a second one is text


@pytest.mark.parametrize(
    ("where", "said"),
    [("line and column", "line 2, column 15"), ("line", "line 2"), ("byte", "byte 16")],
)
def test_bytes_that_are_not_utf8_are_refused_saying_where(where: str, said: str) -> None:
    for data in (BAD, BOM + BAD):  # counted from after the BOM
        with pytest.raises(LoadError) as info:
            decode_utf8(data, Path("m.json"), where)  # type: ignore[arg-type]  # a Where
        assert str(info.value) == f"m.json: {said}: is not UTF-8 text"


def test_every_reader_says_it_as_its_format_does() -> None:
    assert refusal(loads, BAD) == "map.json: line 2, column 15: is not UTF-8 text"
    assert refusal(read_aif, BAD) == "map.json: byte 16: is not UTF-8 text"
    assert refusal(read_argdown, BAD) == "map.json: byte 16: is not UTF-8 text"
    assert refusal(read_kialo, BAD) == "map.json: line 2: is not UTF-8 text"


def test_the_sniff_says_it_as_the_json_readers_do(tmp_path: Path) -> None:
    path = tmp_path / "m.data"
    path.write_bytes(b'{"title": "ab\xff" "x"}')  # broken JSON: the whole file is decoded
    with pytest.raises(LoadError) as info:
        content_format(path)
    assert str(info.value).endswith(": line 1, column 14: is not UTF-8 text")


def test_the_line_counts_the_breaks_before_the_bad_byte_only() -> None:
    """Mutation testing: counting from the bad byte, or from the second byte, went unseen."""
    with pytest.raises(LoadError, match=r"line 3: is not UTF-8 text"):
        decode_utf8(b"a\nb\n\xff\nmore\nlines\n", "t.txt", "line")
    with pytest.raises(LoadError, match=r"line 3: is not UTF-8 text"):
        decode_utf8(b"\n\n\xff", "t.txt", "line")  # a first byte that is a line break counts
