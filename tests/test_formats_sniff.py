"""Telling a file's format by its name or content (issue 13): argmap.formats.sniff,
json_scan and the registry.

A `.json` of any size and key order is told argmap or AIF by its top level; whatever
argmap writes reads back under any name (out.txt, .argmap, no suffix, map.JSON); a
folder or a FIFO says what it is, at once; what cannot be told is one line naming
--from.  Real files on disk; the CLI runs in-process.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.formats import LoadError, dumps, load, loads
from argmap.formats import aif as aif_format
from argmap.formats import argdown as argdown_format
from argmap.formats import kialo as kialo_format
from argmap.formats import native as native_format
from argmap.formats.aif import read_aif, write_aif
from argmap.formats.argdown import read_argdown, write_argdown
from argmap.formats.registry import FORMATS, input_format, read_any, sniff_json
from argmap.model import ArgumentMap
from argmap.resources import sample_map
from tests.cli_support import one_line, run_cli
from tests.limits import time_limit

MIB = 1 << 20
EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "25"))
KIALO = "Discussion Title: Cars?\n\n1. Ban cars.\n1.1. Pro: Cleaner air.\n1.2. Con: Shops lose.\n"


@pytest.fixture(scope="module")
def sample() -> ArgumentMap:
    return load(sample_map())


def refused(path: Path, match: str, reading: bool = False) -> str:
    """input_format (or, `reading`, read_any) refuses `path` with one line matching
    `match`, in seconds; the file is unchanged."""
    before = path.read_bytes() if path.is_file() else None
    with time_limit(10), pytest.raises(LoadError, match=match) as caught:
        read_any(path) if reading else input_format(path)
    text = str(caught.value)
    assert "\n" not in text and len(text) <= 220 + len(str(path))
    assert not text.endswith("…"), text  # short enough to be shown whole
    assert (path.read_bytes() if path.is_file() else None) == before
    return text


def native_data(m: ArgumentMap) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(dumps(m))
    return data


def ordered(data: dict[str, Any], *first: str) -> dict[str, Any]:
    """The same object with the keys `first` first."""
    return {**{k: data[k] for k in first}, **{k: v for k, v in data.items() if k not in first}}


def big_native(m: ArgumentMap, count: int) -> dict[str, Any]:
    """The map with `count` more supports of its first claim (about 200 bytes each)."""
    data = native_data(m)
    root = data["nodes"][0]["id"]
    data["nodes"] += [
        {
            "id": f"big{i}",
            "text": f"reason {i} " + "with some words " * 8,
            "parent": root,
            "relation": "supports",
            "order": 1000 + i,
        }
        for i in range(count)
    ]
    return data


# -- a .json of any size is told by its top level (finding 5) -------------------------


def test_sorted_keys_with_a_huge_description_first_is_argmap(
    tmp_path: Path, sample: ArgumentMap
) -> None:
    data = native_data(sample.model_copy(update={"description": "long " * (MIB // 2)}))
    path = tmp_path / "sorted.json"
    path.write_text(json.dumps(data, sort_keys=True, indent=1), encoding="utf-8")
    assert path.read_bytes().find(b'"format"') > 2 * MIB
    assert input_format(path) == "argmap"
    assert read_any(path)[0] == loads(path.read_bytes())


def test_a_huge_meta_first_is_argmap(tmp_path: Path, sample: ArgumentMap) -> None:
    data = native_data(sample)
    data["meta"] = {"notes": [{"k": "v" * 100, "deep": {"x": [1, {"y": "z"}]}}] * 30_000}
    path = tmp_path / "meta-first.json"
    path.write_text(json.dumps(ordered(data, "meta")), encoding="utf-8")
    assert path.stat().st_size > 3 * MIB
    assert input_format(path) == "argmap"


def test_nodes_first_over_a_mib_is_argmap_not_aif(tmp_path: Path, sample: ArgumentMap) -> None:
    data = ordered(big_native(sample, 12_000), "nodes", "links", "meta")
    path = tmp_path / "nodes-first.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert path.read_bytes().find(b'"format"') > 2 * MIB
    assert input_format(path) == "argmap"
    assert len(read_any(path)[0].nodes) == len(sample.nodes) + 12_000


def test_a_native_map_with_nodes_first_is_argmap_at_any_size(
    tmp_path: Path, sample: ArgumentMap
) -> None:
    path = tmp_path / "small.json"
    path.write_text(json.dumps(ordered(native_data(sample), "nodes", "links")), encoding="utf-8")
    assert input_format(path) == "argmap"
    assert read_any(path)[0] == sample


def test_an_aif_file_with_nodes_first_is_aif_at_any_size(
    tmp_path: Path, sample: ArgumentMap
) -> None:
    small = json.loads(write_aif(sample))
    big = json.loads(write_aif(loads(json.dumps(big_native(sample, 6_000)))))
    for name, data in (("small", small), ("big", big)):
        path = tmp_path / f"{name}.json"
        # node texts that look like the argmap tag, nested and quoted, change nothing
        data["nodes"][0]["text"] = '"format": "argmap"'
        data["nodes"][0]["format"] = "argmap"
        path.write_text(json.dumps(ordered(data, "nodes")), encoding="utf-8")
        assert input_format(path) == "aif", name
    assert (tmp_path / "big.json").stat().st_size > MIB
    assert read_any(tmp_path / "small.json")[0] == read_aif((tmp_path / "small.json").read_bytes())


def test_an_ova_file_is_aif(tmp_path: Path, sample: ArgumentMap) -> None:
    path = tmp_path / "ova.json"
    body = json.loads(write_aif(sample))
    path.write_text(json.dumps({"text": "x" * (2 * MIB), "AIF": body}), encoding="utf-8")
    assert input_format(path) == "aif"


def test_megabytes_of_leading_white_space(tmp_path: Path, sample: ArgumentMap) -> None:
    for name, text in (("native", dumps(sample)), ("aif", write_aif(sample))):
        path = tmp_path / f"{name}.json"
        path.write_bytes(b"\xef\xbb\xbf" + b" \n\t\r" * (3 * MIB // 4) + text.encode())
        assert input_format(path) == ("argmap" if name == "native" else "aif")
        assert read_any(path)[0] == (sample if name == "native" else read_aif(text))
    kialo = tmp_path / "kialo.txt"
    kialo.write_text("\n" * (3 * MIB) + KIALO, encoding="utf-8")
    assert input_format(kialo) == "kialo"


def test_a_bom_before_the_document(tmp_path: Path, sample: ArgumentMap) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(ordered(native_data(sample), "nodes")).encode())
    assert input_format(path) == "argmap"
    assert read_any(path)[0] == sample


@pytest.fixture
def small_caps(monkeypatch: pytest.MonkeyPatch) -> int:
    """Every reader's byte cap set to 3 MiB, so a file at the cap is quick to write."""
    cap = 3 * MIB
    for module in (native_format, aif_format, kialo_format, argdown_format):
        monkeypatch.setattr(module, "MAX_BYTES", cap)
    return cap


def test_a_file_of_exactly_the_cap_is_told_and_one_byte_more_is_too_large(
    tmp_path: Path, sample: ArgumentMap, small_caps: int
) -> None:
    body = json.dumps(ordered(native_data(sample), "nodes", "links", "meta", "description"))
    path = tmp_path / "at-cap.json"
    path.write_bytes(b" " * (small_caps - len(body.encode())) + body.encode())
    assert path.stat().st_size == small_caps
    assert input_format(path) == "argmap"
    assert read_any(path)[0] == sample
    over = tmp_path / "over-cap.json"
    over.write_bytes(b" " + path.read_bytes())
    assert "too large" in refused(over, "is more than 3,145,728 bytes")


def test_a_truncated_json_file_gives_the_json_error(tmp_path: Path, sample: ArgumentMap) -> None:
    data = ordered(native_data(sample.model_copy(update={"description": "d" * MIB})), "description")
    text = json.dumps(data, indent=2)
    for name, cut in (("small", 3000), ("big", MIB + 5000), ("in-description", 100)):
        path = tmp_path / f"{name}.json"
        path.write_text(text[:cut] if name != "small" else json.dumps(native_data(sample))[:cut])
        message = refused(path, "invalid JSON", reading=True)
        assert "cannot tell" not in message and "line " in message
    broken = tmp_path / "broken.json"
    broken.write_text('{"title": "x", "nodes" [1]}')
    assert "line 1, column 24" in refused(broken, "invalid JSON", reading=True)
    # broken early in a file longer than the head, whose head ends inside a character
    long = tmp_path / "long.json"
    long.write_bytes(b'{"title": "x" "nodes": [], "t": "' + "é".encode() * MIB + b'"}')
    assert "line 1, column 15" in refused(long, "invalid JSON")


def test_json_that_is_no_map_says_why_in_one_line(tmp_path: Path) -> None:
    cases = {
        "object": (
            '{"title": "x", "meta": {"format": "argmap", "nodes": []}}',
            "without a top-level",
        ),
        "list": ('["format", "argmap"]', "not a JSON object"),
        "empty": ("", "is empty"),
        "blank": (" \n" * 10, "only white space"),
    }
    for name, (text, says) in cases.items():
        path = tmp_path / f"{name}.json"
        path.write_text(text)
        message = refused(path, says)
        assert message.endswith("; use --from (argmap, argdown, aif, kialo)"), name
        assert sniff_json(path) is None


def test_telling_is_quick_and_bounded_on_hostile_json(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_bytes(b'{"a": ' + b"[" * (8 * MIB))
    keys = tmp_path / "keys.json"
    keys.write_bytes(b"{" + b'"a":1,' * (8 * MIB // 6) + b'"format": "argmap"}')
    tiny = tmp_path / "tiny.json"
    tiny.write_bytes(b'{"a": [' + b"[[0]]," * (8 * MIB // 6) + b'0], "format": "argmap"}')
    start = time.perf_counter()
    assert "invalid JSON" in refused(deep, "deep|recursion")
    assert "use --from" in refused(keys, "too intricate")
    assert "use --from" in refused(tiny, "too intricate")
    assert time.perf_counter() - start < 15


# -- what argmap writes reads back under any name (finding 6) --------------------------


def written(tmp_path: Path, sample: ArgumentMap) -> dict[str, tuple[str, str]]:
    """File name -> (format, text) for what argmap writes, under names that say nothing."""
    untitled = sample.model_copy(update={"title": "", "description": ""})
    return {
        "out.txt": ("argmap", dumps(sample)),
        "map.argmap": ("argmap", dumps(sample)),
        "noext": ("argmap", dumps(sample)),
        "map.JSON": ("argmap", dumps(sample)),
        "MAP.ARGMAP.JSON": ("argmap", dumps(sample)),
        "aif.txt": ("aif", write_aif(sample)),
        "aif-noext": ("aif", write_aif(sample)),
        "argdown.txt": ("argdown", write_argdown(sample)),
        "argdown-noext": ("argdown", write_argdown(sample)),
        "untitled.txt": ("argdown", write_argdown(untitled)),
        "empty-map.txt": ("argdown", write_argdown(ArgumentMap())),
        "titled-empty.txt": ("argdown", write_argdown(ArgumentMap(title="T"))),
        "kialo": ("kialo", KIALO),
        "numbered.export": ("kialo", "1. Ban cars.\n1.1. Pro: Cleaner air.\n"),
    }


def test_every_format_is_told_by_content_under_any_name(
    tmp_path: Path, sample: ArgumentMap
) -> None:
    readers = {"argmap": loads, "aif": read_aif, "argdown": read_argdown}
    readers["kialo"] = kialo_format.read_kialo
    for name, (fmt, text) in written(tmp_path, sample).items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert input_format(path) == fmt, name
        assert read_any(path) == (readers[fmt](text), fmt), name


def test_check_convert_and_export_need_no_from(
    tmp_path: Path, sample: ArgumentMap, capsys: pytest.CaptureFixture[str]
) -> None:
    files = written(tmp_path, sample)
    for name in ("out.txt", "aif.txt", "argdown-noext", "kialo"):
        path = tmp_path / name
        path.write_text(files[name][1], encoding="utf-8")
        code, out, err = run_cli(capsys, "check", str(path))
        assert code == 0 and err == "", err
        converted = tmp_path / f"{name}-converted.argmap.json"
        code, out, err = run_cli(capsys, "convert", str(path), str(converted))
        assert code == 0, err
        assert f"from {files[name][0]}" in out
        dot = tmp_path / f"{name}.dot"
        code, out, err = run_cli(capsys, "export", str(path), "-o", str(dot))
        assert code == 0, err
        assert dot.read_text().startswith("digraph")


def test_the_gui_opens_by_content(tmp_path: Path, sample: ArgumentMap) -> None:
    from argmap.gui.controllers.import_job import read_map

    for name in ("noext", "aif.txt", "argdown.txt"):
        fmt, text = written(tmp_path, sample)[name]
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        loaded = read_map(path)
        assert (loaded.error, loaded.fmt) == ("", fmt)
        assert loaded.map is not None and len(loaded.map.nodes) == len(sample.nodes)


def test_what_cannot_be_told_is_one_line_naming_from(
    tmp_path: Path, sample: ArgumentMap, capsys: pytest.CaptureFixture[str]
) -> None:
    from argmap.formats.markdown import save_markdown

    outline = tmp_path / "outline.txt"
    save_markdown(sample, outline)
    assert "--from argdown" in refused(outline, "Markdown outline")
    prose = tmp_path / "notes.txt"
    prose.write_text("Just some notes.\n")
    assert refused(prose, "cannot tell which format").endswith(
        "; use --from (argmap, argdown, aif, kialo)"
    )
    named_md = tmp_path / "outline.md"
    save_markdown(sample, named_md)
    assert "--from" in refused(named_md, "Markdown outline, which argmap does not read")
    code, out, err = run_cli(capsys, "check", str(prose))
    assert code != 0 and out == ""
    assert "--from" in one_line(err)


def test_exports_are_not_taken_for_maps(
    tmp_path: Path, sample: ArgumentMap, capsys: pytest.CaptureFixture[str]
) -> None:
    from argmap.formats.sniff import existing_map_format

    source = tmp_path / "map.argmap.json"
    source.write_text(dumps(sample), encoding="utf-8")
    for suffix in ("svg", "dot"):
        out = tmp_path / f"out.{suffix}"
        for _ in range(2):  # the second export writes over the first
            code, _, err = run_cli(capsys, "export", str(source), "-o", str(out))
            assert code == 0, err
        assert existing_map_format(out) is None
    for name, (fmt, text) in written(tmp_path, sample).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert existing_map_format(tmp_path / name) == fmt, name


# -- a folder or a FIFO says what it is (finding 7c) ------------------------------------


def test_a_folder_named_json_says_it_is_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("x.json", "x.txt", "x"):
        folder = tmp_path / name
        folder.mkdir()
        refused(folder, "is a folder")
        code, _, err = run_cli(capsys, "check", str(folder))
        assert code != 0 and "is a folder" in one_line(err)


def test_a_fifo_named_json_says_it_is_a_fifo_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("x.json", "x.txt", "x"):
        fifo = tmp_path / name
        os.mkfifo(fifo)
        refused(fifo, r"is a pipe \(FIFO\)")
        with time_limit(10):
            code, _, err = run_cli(capsys, "check", str(fifo))
        assert code != 0 and "FIFO" in one_line(err)


def test_a_missing_file_says_it_does_not_exist(tmp_path: Path) -> None:
    text = refused(tmp_path / "gone.json", "does not exist")
    assert "gone.json" in text
    assert not (tmp_path / "gone.json").exists()


# -- one table of suffixes (finding 11) --------------------------------------------------


def test_one_table_of_suffixes() -> None:
    from argmap.formats.sniff import SUFFIXES, by_suffix

    assert {name: f.suffixes for name, f in FORMATS.items() if f.suffixes} == SUFFIXES
    for fmt, suffixes in SUFFIXES.items():
        for suffix in suffixes:
            assert by_suffix(Path("a" + suffix.upper())) == fmt
    assert by_suffix(Path("a.json")) is None and by_suffix(Path("a.txt")) is None


# -- any key order, any white space -------------------------------------------------------

_NATIVE_KEYS = list(native_data(ArgumentMap()))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    order=st.permutations(_NATIVE_KEYS),
    aif_order=st.permutations(["nodes", "edges", "locutions"]),
    indent=st.sampled_from([None, 0, 1, 2, 4, "\t"]),
    lead=st.text(alphabet=" \t\r\n", max_size=20),
)
def test_any_key_order_and_layout_is_told(
    tmp_path_factory: pytest.TempPathFactory,
    order: list[str],
    aif_order: list[str],
    indent: int | str | None,
    lead: str,
) -> None:
    folder = tmp_path_factory.mktemp("order")
    m = load(sample_map())
    native = native_data(m)
    aif = json.loads(write_aif(m))
    for name, data, fmt in (
        ("n.json", {k: native[k] for k in order}, "argmap"),
        ("a.json", {k: aif[k] for k in aif_order}, "aif"),
    ):
        path = folder / name
        path.write_text(lead + json.dumps(data, indent=indent), encoding="utf-8")
        assert input_format(path) == fmt


_SYNTAX = st.lists(
    st.sampled_from([*"ab []<>:#{}()=\"'\\/*-+.019!?,`~|\t", "<!--", "===", "//", "svg"]),
    max_size=10,
).map("".join)


@settings(max_examples=EXAMPLES * 4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=_SYNTAX,
    text=_SYNTAX,
    argument=st.booleans(),
    map_title=st.sampled_from(["", "A map"]),
)
def test_argmaps_argdown_is_told_whatever_the_first_title(
    tmp_path_factory: pytest.TempPathFactory, title: str, text: str, argument: bool, map_title: str
) -> None:
    node: dict[str, Any] = {"id": "c", "text": text, "title": title}
    if argument:
        node["meta"] = {"argdown": {"type": "argument"}}
    try:
        m = ArgumentMap.model_validate({"title": map_title, "nodes": [node]})
    except ValueError:
        return  # not a map argmap could hold
    if argument and not text.strip() and title.strip().lower() in ("svg", "html"):
        return  # `<svg>` alone is taken for markup (documented)
    path = tmp_path_factory.mktemp("argdown") / "map.txt"
    path.write_text(write_argdown(m), encoding="utf-8")
    assert input_format(path) == "argdown"


@pytest.mark.parametrize(
    ("data", "kind", "state"),
    [
        (b'{"nodes": [], "edges": [], "format": "argmap"}', "argmap", "decided"),
        (b'{"nodes": [], "edges": []}', "aif", "whole"),
        (b'{"nodes": [], "edges": [', None, "cut"),  # "format": "argmap" may follow
        (b'{"nodes": [] "edges": []}', None, "broken"),
        (b'{"a": {"format": "argmap"}, "b": "\\"format\\": \\"argmap\\""}', None, "whole"),
        (b'{"t": "a\\\\", "format": "argmap"}', "argmap", "decided"),  # escaped backslash
        (b'{"t": "a\\", "format": "argmap"}', None, "broken"),  # "a\", " is one string
        (b'{"\\u0066ormat": "argm\\u0061p"}', "argmap", "decided"),
        (b'{"a": [1, {"b": [2, {"c": []}]}], "AIF": {}}', "aif", "whole"),
        (b"\xef\xbb\xbf \n{}", None, "whole"),
        (b"[1]", None, "not an object"),
    ],
)
def test_the_top_level_scan(data: bytes, kind: str | None, state: str) -> None:
    from argmap.formats.json_scan import Scan, scan

    assert scan(data) == Scan(kind, state)


# -- the guards of the telling, one by one (found by make mutate) ---------------------


def test_each_refusal_names_the_file_and_says_exactly_why(tmp_path: Path) -> None:
    from argmap.formats.sniff import content_format

    cases = {
        "object.json": (b'{"title": "x"}', 'is JSON without a top-level "format": "argmap"'),
        "list.json": (b"[1]", "is not a JSON object, as maps are"),
        "heading.txt": (
            b"# Heading\n",
            "starts with '# ': Argdown, or a Markdown outline (not read)? "
            "For Argdown, use --from argdown",
        ),
        "prose.txt": (b"Some notes.\n", "cannot tell which format this is"),
        "arrow.txt": (b"Cars > bikes.\n", "cannot tell which format this is"),  # no <Title>
        "latin1.txt": ("Café notes\n".encode("latin-1"), "cannot tell which format this is"),
        "version.txt": (b"1.X\n", "cannot tell which format this is"),  # no Kialo "1. "
        "not-utf8.json": (b'{"title": "ab\xff" "x"}', "is not UTF-8 text"),
        "bom-not-utf8.json": (b'\xef\xbb\xbf{"title": "ab\xff" "x"}', "is not UTF-8 text"),
    }
    where = {"not-utf8.json": "line 1, column 14: ", "bom-not-utf8.json": "line 1, column 14: "}
    object_hint = ' or "nodes" list'
    for name, (content, reason) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(LoadError) as caught:
            content_format(path)
        end = object_hint if name == "object.json" else ""
        hint = "" if "--from" in reason or "UTF-8" in reason else "; use --from"
        assert str(caught.value) == f"{path}: {where.get(name, '')}{reason}{end}{hint}", name
        assert path.read_bytes() == content


def test_a_broken_json_file_names_itself_in_the_json_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(b'{"title": "x" "nodes": []}')
    with pytest.raises(LoadError) as caught:
        input_format(path)
    assert str(caught.value).startswith(f"{path}: line 1, column 15: invalid JSON")


def test_crlf_argdown_is_told_whatever_ends_its_first_line(tmp_path: Path) -> None:
    for name, content in {
        "front.txt": b"===\r\ntitle: T\r\n===\r\n\r\n[A]: a\r\n",
        "heading.txt": b"## \r\n\r\n[A]: a\r\n",
    }.items():
        path = tmp_path / name
        path.write_bytes(content)
        assert input_format(path) == "argdown", name


def test_a_head_that_tells_is_enough_even_past_the_caps(
    tmp_path: Path, sample: ArgumentMap, small_caps: int
) -> None:
    """Only the head is read when it tells: a file over every cap whose top level tells
    in its first MiB is told (and then refused by its reader, as too large)."""
    tail = b" " * (small_caps + MIB)
    told = tmp_path / "big.json"
    told.write_bytes(dumps(sample).encode() + tail)
    assert input_format(told) == "argmap"
    assert "too large" in refused(told, "is more than 3,145,728 bytes", reading=True)
    untagged = tmp_path / "untagged.json"
    untagged.write_bytes(b'{"title": "x"}' + tail)
    assert "use --from" in refused(untagged, 'without a top-level "format"')
    listed = tmp_path / "listed.json"
    listed.write_bytes(b"[1]" + tail)
    assert "use --from" in refused(listed, "not a JSON object")


@pytest.mark.parametrize("largest", [native_format, aif_format, kialo_format, argdown_format])
def test_a_whole_read_goes_up_to_the_largest_readers_cap(
    tmp_path: Path, sample: ArgumentMap, monkeypatch: pytest.MonkeyPatch, largest: Any
) -> None:
    """A head of white space sends the telling to the whole file, read up to the largest
    of the readers' caps (whichever that is), and no further."""
    for module in (native_format, aif_format, kialo_format, argdown_format):
        monkeypatch.setattr(module, "MAX_BYTES", 2 * MIB)
    monkeypatch.setattr(largest, "MAX_BYTES", 4 * MIB)
    body = dumps(sample).encode()
    path = tmp_path / "spaced.json"
    path.write_bytes(b" " * (3 * MIB) + body)
    assert input_format(path) == "argmap"
    over = tmp_path / "over.json"
    over.write_bytes(b" " * (4 * MIB + 1 - len(body)) + body)
    message = refused(over, "is more than 4,194,304 bytes, too large for a map$")
    assert message == f"{over}: is more than 4,194,304 bytes, too large for a map"


def test_the_scan_reads_keys_that_are_not_utf8() -> None:
    from argmap.formats.json_scan import DECIDED, Scan, scan

    assert scan(b'{"caf\xe9": 1, "format": "argmap"}') == Scan("argmap", DECIDED)
    assert scan(b'{"t": "\xff", "format": "argmap"}') == Scan("argmap", DECIDED)


def test_the_scan_stops_at_its_depth_bound() -> None:
    """Containers nested MAX_DEPTH deep (the innermost, flat, one skipped whole) are
    scanned; one level more is BROKEN (no reader reads that deep)."""
    from argmap.formats.json_scan import BROKEN, MAX_DEPTH, WHOLE, scan

    def nested(depth: int) -> bytes:  # a long text first, so the budget is no limit
        return b'{"pad": "' + b"x" * 200_000 + b'", "a": ' + b"[" * depth + b"]" * depth + b"}"

    assert scan(nested(MAX_DEPTH + 1)).state == WHOLE
    assert scan(nested(MAX_DEPTH + 2)).state == BROKEN


def test_the_scan_stops_exactly_at_its_budget() -> None:
    """A key costs one step: K top-level keys are scanned while K <= size // 16 + 10,000,
    and are TOO_COMPLEX from one key more."""
    from argmap.formats.json_scan import TOO_COMPLEX, WHOLE, scan

    for keys in range(15_996, 16_004):  # 16,000 keys: the budget's last step
        data = b"{" + b'"a":1,' * (keys - 1) + b'"a":1}'
        told = scan(data).state
        assert told == (WHOLE if keys <= len(data) // 16 + 10_000 else TOO_COMPLEX), keys


def test_the_scan_and_the_parsed_verdict_agree() -> None:
    from argmap.formats.json_scan import kind_of_data, scan

    docs = [
        b'{"format": "argmap", "nodes": []}',
        b'{"nodes": [], "format": "aif"}',
        b'{"nodes": {}, "AIF": {}}',
        b'{"AIF": []}',
        b'{"nodes": "x"}',
        b'{"format": "ARGMAP"}',
        b"{}",
    ]
    kinds = [scan(doc).kind for doc in docs]
    assert kinds == ["argmap", "aif", "aif", None, None, None, None]
    assert [kind_of_data(json.loads(doc)) for doc in docs] == kinds
    assert kind_of_data([{"format": "argmap"}]) is None


@pytest.mark.parametrize(
    ("data", "state"),
    [
        (b"", "cut"),
        (b" \n", "cut"),
        (b"{} ", "whole"),
        (b'{"ab', "cut"),  # the data ends inside a key
        (b"{ab: 1}", "broken"),
        (b'{"a"', "cut"),
        (b'{"a" ', "cut"),
        (b'{"a":', "cut"),
        (b'{"a": 1', "cut"),
        (b'{"a": "x', "cut"),
        (b'{"a": ["x', "cut"),
        (b'{"a": 1 "b": 2}', "broken"),
    ],
)
def test_where_the_scan_stops_says_why(data: bytes, state: str) -> None:
    from argmap.formats.json_scan import Scan, scan

    assert scan(data) == Scan(None, state)


@pytest.mark.parametrize(
    "text",
    [
        "<p>First paragraph.</p>\n\n<p>Second.</p>\n",
        "<div>A page</div>\n",
        "<H2>Title</H2>\n<p>Text</p>\n",
    ],
)
def test_an_ordinary_html_page_is_not_taken_for_argdown(tmp_path: Path, text: str) -> None:
    """Adversary: an export over article.html (a page starting with <p>) was refused as
    "a map file (Argdown)"."""
    from argmap.formats.sniff import existing_map_format

    page = tmp_path / "article.html"
    page.write_text(text, encoding="utf-8")
    assert existing_map_format(page) is None


def test_an_argument_titled_like_a_tag_is_still_argdown(tmp_path: Path) -> None:
    from argmap.formats.sniff import existing_map_format

    for first in ("<p>: a reason\n", "<p>\n", "<div>:\n"):
        path = tmp_path / "map.txt"
        path.write_text(first, encoding="utf-8")
        assert existing_map_format(path) == "argdown", first
