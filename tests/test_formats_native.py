"""The native ``*.argmap.json`` reader and writer (argmap.formats.native).

Qt-free: nothing here imports PySide6.  Every test works on real files under
``tmp_path``; loading must never write, so each bad-file test also checks the
bytes on disk are unchanged afterwards.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.formats import LoadError, SaveError, aif, bounded, dumps, load, loads, native, save
from argmap.formats.aif import load_aif
from argmap.formats.schema import schema, schema_text
from argmap.model import ArgumentMap, Node, Source, Style

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "samples" / "ai-slowdown.argmap.json"
SHIPPED_SCHEMA = ROOT / "resources" / "argmap.schema.json"
BOM = b"\xef\xbb\xbf"


# -- helpers -------------------------------------------------------------------------


def sample_doc() -> dict[str, Any]:
    """A fresh, mutable copy of the sample document."""
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def node_ids(doc: dict[str, Any]) -> list[str]:
    return [n["id"] for n in doc["nodes"]]


def write(tmp_path: Path, data: bytes, name: str = "bad.argmap.json") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every entry of `folder` with its bytes (None for sub-folders)."""
    return {p.name: (p.read_bytes() if p.is_file() else None) for p in folder.iterdir()}


def expect_load_error(path: Path, *fragments: str) -> LoadError:
    """`load(path)` raises exactly LoadError naming `path`, and writes nothing."""
    folder = path.parent
    before = snapshot(folder) if folder.is_dir() else None
    with pytest.raises(LoadError) as info:
        load(path)
    error = info.value
    assert type(error) is LoadError  # and nothing else (no subclass, no raw OSError)
    message = str(error)
    assert message.startswith(str(path) + ": "), message
    assert error.path == path
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    if before is not None:
        assert snapshot(folder) == before, "loading changed the folder"
    return error


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of character `offset` in `text`."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


# -- round trips ---------------------------------------------------------------------


def test_sample_round_trips_through_save_and_load(tmp_path: Path) -> None:
    original = load(SAMPLE)
    assert len(original.nodes) > 10  # the sample is a real map, not a stub

    target = tmp_path / "copy.argmap.json"
    save(original, target)
    again = load(target)

    assert again == original
    assert list(again.nodes) == list(original.nodes)  # node order is kept too
    assert dumps(again) == dumps(original)


def test_saving_twice_gives_byte_identical_files(tmp_path: Path) -> None:
    m = load(SAMPLE)
    first, second = tmp_path / "a.argmap.json", tmp_path / "b.argmap.json"
    save(m, first)
    save(load(first), second)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() == dumps(m).encode("utf-8")


def test_dumps_has_model_key_order_indent_and_final_newline() -> None:
    m = load(SAMPLE)
    text = dumps(m)

    assert text.endswith("}\n")
    assert not text.endswith("\n\n")
    assert text.startswith('{\n  "format": "argmap",\n  "version": 2,\n  "title": ')

    doc = json.loads(text)  # dicts keep the file's key order
    assert list(doc) == list(ArgumentMap.model_fields)
    assert list(doc)[:3] == ["format", "version", "title"]
    assert list(doc["style"]) == list(Style.model_fields)
    assert list(doc["source"]) == list(Source.model_fields)
    assert isinstance(doc["nodes"], list)  # a list on disk, not a dict by id
    for node in doc["nodes"]:
        assert list(node) == list(Node.model_fields)
    assert [n["id"] for n in doc["nodes"]] == list(m.nodes)


def test_non_ascii_text_is_stored_as_utf8_and_round_trips(tmp_path: Path) -> None:
    emoji, arabic, cjk = "🧠🚦 slow down 👩🏽‍🔬", "يجب أن نتمهل", "人工智能应该放慢速度"
    m = ArgumentMap.model_validate(
        {
            "title": f"{cjk} / {arabic}",
            "description": emoji,
            "nodes": [
                {"id": "claim", "text": arabic, "tags": [cjk, emoji]},
                {
                    "id": "why",
                    "text": emoji,
                    "note": cjk,
                    "parent": "claim",
                    "relation": "supports",
                },
            ],
        }
    )
    path = tmp_path / "unicode.argmap.json"
    save(m, path)

    raw = path.read_bytes()
    for s in (emoji, arabic, cjk):
        assert s.encode("utf-8") in raw
    assert b"\\u" not in raw  # no ASCII escapes
    raw.decode("utf-8")  # and it is valid UTF-8 (no BOM either)
    assert not raw.startswith(BOM)

    again = load(path)
    assert again == m
    assert again.node("why").text == emoji
    assert again.node("claim").tags == (cjk, emoji)


def test_loads_accepts_bytes_and_str_alike() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    assert loads(text) == loads(text.encode("utf-8")) == load(SAMPLE)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, BOM + SAMPLE.read_bytes(), "bom.argmap.json")
    before = path.read_bytes()
    assert load(path) == load(SAMPLE)
    assert path.read_bytes() == before  # not rewritten without the BOM


# -- property: random maps round-trip exactly ----------------------------------------


def _expected_text(value: str) -> str:
    """What `clean_text` makes of a node text: every line ending becomes \\n."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


@st.composite
def random_maps(draw: st.DrawFn) -> tuple[ArgumentMap, dict[str, str]]:
    """A valid map of random texts, and the node texts we expect it to hold."""
    count = draw(st.integers(min_value=0, max_value=8))
    nodes: list[dict[str, Any]] = []
    expected: dict[str, str] = {}
    for i in range(count):
        node_id = f"n{i}" if draw(st.booleans()) else f"N_{i}-x"
        parent = draw(st.none() | st.integers(min_value=0, max_value=i - 1)) if i else None
        text = draw(st.text())
        node: dict[str, Any] = {
            "id": node_id,
            "text": text,
            "note": draw(st.text(max_size=20)),
            "tags": draw(st.lists(st.text(max_size=10), max_size=3)),
            "order": draw(st.integers(min_value=0, max_value=10**6)),
            "refs": [{"paragraph": p} for p in draw(st.lists(st.integers(1, 99), max_size=2))],
        }
        if parent is not None:
            node["parent"] = nodes[parent]["id"]
            node["relation"] = draw(st.sampled_from(["supports", "rebuts"]))
        nodes.append(node)
        expected[node_id] = _expected_text(text)
    source_text = draw(st.none() | st.text(max_size=50))
    m = ArgumentMap.model_validate(
        {
            "title": draw(st.text(max_size=30)),
            "description": draw(st.text(max_size=30)),
            "source": {"title": draw(st.text(max_size=20)), "text": source_text},
            "style": {
                "theme": draw(st.sampled_from(["default", "colorblind", "print"])),
                "direction": draw(st.sampled_from(["TB", "LR"])),
                "wrap": draw(st.integers(min_value=8, max_value=200)),
                "font_size": draw(
                    st.floats(min_value=4, max_value=72, allow_nan=False, allow_infinity=False)
                ),
            },
            "nodes": nodes,
        }
    )
    return m, expected


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_maps())
def test_random_maps_round_trip_exactly(case: tuple[ArgumentMap, dict[str, str]]) -> None:
    m, expected = case
    assert {i: n.text for i, n in m.nodes.items()} == expected  # \r normalised, rest kept

    text = dumps(m)
    assert text.endswith("\n")
    again = loads(text.encode("utf-8"))

    assert again == m
    assert list(again.nodes) == list(m.nodes)
    assert {i: n.text for i, n in again.nodes.items()} == expected
    assert dumps(again) == text  # a fixed point: saving again changes nothing
    assert loads(text) == m  # the str path agrees with the bytes path


# -- bad files: every one is a LoadError naming the file, where and what -------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nothing-here.argmap.json"
    expect_load_error(path)
    assert not path.exists()  # loading did not create it


def test_missing_file_message_talks_about_the_file(tmp_path: Path) -> None:
    error = expect_load_error(tmp_path / "nothing-here.argmap.json")
    assert "folder" not in error.message
    assert re.search(r"not found|no such file|does not exist", error.message)


def test_folder_instead_of_file(tmp_path: Path) -> None:
    folder = tmp_path / "maps.argmap.json"
    folder.mkdir()
    (folder / "inside.txt").write_text("keep me")
    expect_load_error(folder, "folder")
    assert (folder / "inside.txt").read_text() == "keep me"


def test_file_larger_than_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(native, "MAX_BYTES", 100)
    path = write(tmp_path, SAMPLE.read_bytes())
    error = expect_load_error(path, "is more than 100 bytes")
    assert error.message == "is more than 100 bytes, too large for a map"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "], ids=["empty", "whitespace"])
def test_empty_or_blank_file(tmp_path: Path, data: bytes) -> None:
    expect_load_error(write(tmp_path, data), "is empty")


def test_truncated_json_reports_line_and_column(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    half = text[: len(text) // 2]
    path = write(tmp_path, half.encode("utf-8"))
    error = expect_load_error(path, "invalid JSON")
    found = re.fullmatch(r"line (\d+), column (\d+)", error.where or "")
    assert found, error.where
    line, column = int(found[1]), int(found[2])
    lines = half.split("\n")
    assert 1 <= line <= len(lines)
    assert 1 <= column <= len(lines[line - 1]) + 1


def test_invalid_utf8_reports_where(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    offset = text.index("Should frontier")  # the title, on line 4
    raw = text[:offset].encode("utf-8") + b"\xff\xfe" + text[offset:].encode("utf-8")
    path = write(tmp_path, raw)
    error = expect_load_error(path, "not UTF-8")
    line, column = line_col(text, offset)
    assert error.where == f"line {line}, column {column}"
    assert f"line {line}, column {column}" in str(error)


def test_invalid_utf8_after_multibyte_characters_counts_characters() -> None:
    with pytest.raises(LoadError) as info:
        loads('{"title": "é€'.encode() + b"\xff" + b'"}')
    # {"title": "é€ is 13 characters (16 bytes): the bad byte is character 14
    assert info.value.where == "line 1, column 14"


def test_invalid_utf8_position_is_the_same_with_a_bom(tmp_path: Path) -> None:
    raw = b'{"a": "\xff"}'
    plain = expect_load_error(write(tmp_path, raw, "plain.argmap.json"), "not UTF-8")
    assert plain.where == "line 1, column 8"
    with_bom = expect_load_error(write(tmp_path, BOM + raw, "bom.argmap.json"), "not UTF-8")
    assert with_bom.where == plain.where


def _mutated(change: Callable[[dict[str, Any]], Any]) -> bytes:
    doc = sample_doc()
    change(doc)
    try:
        return json.dumps(doc, indent=2, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: only a "\ud800" escape can hold it
        return json.dumps(doc, indent=2).encode("utf-8")


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], Any]:
    return lambda doc: doc.__setitem__(key, value)


def _set_node(index: int, key: str, value: Any) -> Callable[[dict[str, Any]], Any]:
    return lambda doc: doc["nodes"][index].__setitem__(key, value)


def _duplicate_id(doc: dict[str, Any]) -> None:
    doc["nodes"][2]["id"] = doc["nodes"][1]["id"]


def _cycle(doc: dict[str, Any]) -> None:
    a, b = doc["nodes"][1], doc["nodes"][2]
    a["parent"], a["relation"] = b["id"], "supports"
    b["parent"], b["relation"] = a["id"], "rebuts"


LONE = "contains a lone surrogate (U+D800), which no file can hold"
SECOND = sample_doc()["nodes"][1]["id"]  # a non-root node of the sample

BAD_DOCUMENTS: list[tuple[str, bytes, str | None, tuple[str, ...]]] = [
    # (id, file bytes, expected start of `where` or None if not checked, message fragments)
    ("top-level-list", b'[{"format": "argmap", "version": 1}]\n', None, ("a list",)),
    ("top-level-string", b'"argmap"\n', None, ("a string",)),
    ("wrong-format", _mutated(_set("format", "mindmap")), "format", ('"mindmap"', "not an argmap")),
    ("missing-format", _mutated(lambda d: d.pop("format")), "format", ("not an argmap",)),
    ("version-string", _mutated(_set("version", "1")), "version", ('"1"', "whole number")),
    ("version-float", _mutated(_set("version", 1.5)), "version", ("1.5", "whole number")),
    ("version-bool", _mutated(_set("version", True)), "version", ("true", "whole number")),
    ("missing-version", _mutated(lambda d: d.pop("version")), "version", ("null",)),
    ("version-3", _mutated(_set("version", 3)), "version", ("newer", "upgrade", "version 3")),
    ("version-0", _mutated(_set("version", 0)), "version", ("version 0",)),
    ("version-negative", _mutated(_set("version", -1)), "version", ("version -1",)),
    (
        "unknown-relation",
        _mutated(_set_node(1, "relation", "maybe")),
        f"nodes[id={SECOND}].relation",
        ("'supports', 'rebuts' or 'undercuts'",),
    ),
    ("duplicate-ids", _mutated(_duplicate_id), "nodes", (f"duplicate node id '{SECOND}'",)),
    (
        "dangling-parent",
        _mutated(_set_node(1, "parent", "nowhere")),
        None,
        (f"node '{SECOND}'", "parent 'nowhere' does not exist"),
    ),
    ("cycle", _mutated(_cycle), None, ("parent cycle",)),
    (
        "root-with-relation",
        _mutated(_set_node(0, "relation", "supports")),
        f"nodes[id={sample_doc()['nodes'][0]['id']}]",
        ("top-level claim has no relation",),
    ),
    ("extra-top-field", _mutated(_set("colour", "red")), "colour", ("Extra inputs",)),
    (
        "extra-node-field",
        _mutated(_set_node(1, "colour", "red")),
        f"nodes[id={SECOND}].colour",
        ("Extra inputs",),
    ),
    (
        "text-as-number",
        _mutated(_set_node(1, "text", 42)),
        f"nodes[id={SECOND}].text",
        ("valid string",),
    ),
    (
        "bad-id",
        _mutated(_set_node(1, "id", "has space")),
        "nodes[1].id",  # a bad id is no name: the where gives its place in the list
        ('"has space" is not an id', "1 to 64 letters"),
    ),
    ("id-newline", _mutated(_set_node(1, "id", "x\ny")), "nodes[1].id", ('"x\\ny" is not an id',)),
    ("id-nul", _mutated(_set_node(1, "id", "x\u0000")), "nodes[1].id", ('"x\\x00" is not an id',)),
    (
        "parent-newline",
        _mutated(_set_node(1, "parent", "x\ny")),
        f"nodes[id={SECOND}].parent",
        ('"x\\ny" is not an id',),
    ),
    ("missing-nodes", _mutated(lambda d: d.pop("nodes")), "nodes", ("missing", '"nodes": []')),
    ("nodes-as-empty-object", _mutated(_set("nodes", {})), "nodes", ("a list", "an object")),
    ("nodes-as-null", _mutated(_set("nodes", None)), "nodes", ("a list", "null")),
    (
        "order-as-string",
        _mutated(_set_node(1, "order", "3")),
        f"nodes[id={SECOND}].order",
        ("valid integer",),
    ),
    (
        "order-10**300",
        _mutated(_set_node(1, "order", 10**300)),
        f"nodes[id={SECOND}].order",
        ("less than or equal to 9007199254740991",),
    ),
    (
        "order-float",
        _mutated(_set_node(1, "order", 3.0)),
        f"nodes[id={SECOND}].order",
        ("integer",),
    ),
    (
        "order-bool",
        _mutated(_set_node(1, "order", True)),
        f"nodes[id={SECOND}].order",
        ("integer",),
    ),
    (
        "text-surrogate",
        _mutated(_set_node(1, "text", "a\ud800")),
        f"nodes[id={SECOND}].text",
        (LONE,),
    ),
    ("meta-key-surrogate", _mutated(_set("meta", {"\ud800": 1})), "meta", ('the key "\\ud800"',)),
    (
        "meta-value-surrogate",
        _mutated(_set("meta", {"k": [0, "\udfff"]})),
        "meta.k[1]",
        ("lone surrogate (U+DFFF)",),
    ),
    (
        "node-meta-surrogate",
        _mutated(_set_node(1, "meta", {"a": {"b": "\ud800"}})),
        f"nodes[id={SECOND}].meta.a.b",
        (LONE,),
    ),
    (
        "duplicate-key-top",
        b'{"format": "argmap", "version": 1,\n "title": "a",\n "title": "b", "nodes": []}',
        "line 3, column 2",
        ('duplicate key "title"',),
    ),
    (
        "duplicate-key-in-node",
        b'{"format": "argmap", "version": 1, "nodes": [\n{"id": "a"},\n'
        b' {"id": "b", "text": "x",\n  "parent": "a", "relation": "supports", "te\\u0078t": "y"}]}',
        "line 4, column 42",
        ('duplicate key "text"',),
    ),
    (
        "nan",
        b'{"format": "argmap", "version": 1, "nodes": [], "meta": {"x": NaN}}',
        "line 1",
        ("NaN",),
    ),
    (
        "infinity",
        b'{"format": "argmap", "version": 1, "nodes": [], "meta": {"x": -Infinity}}',
        "line 1",
        ("-Infinity",),
    ),
    (
        "float-overflow",
        b'{"format": "argmap", "version": 1, "nodes": [], "meta": {"x": 1e400}}',
        "line 1",
        ("1e400",),
    ),
    ("title-as-list", _mutated(_set("title", ["x"])), "title", ("valid string",)),
    ("nodes-as-string", _mutated(_set("nodes", "main")), "nodes", ("expected a list", "a string")),
    (
        "negative-order",
        _mutated(_set_node(1, "order", -1)),
        f"nodes[id={SECOND}].order",
        ("greater than or equal to 0",),
    ),
    (
        "several-problems",
        _mutated(lambda d: [n.__setitem__("text", 1) for n in d["nodes"][:3]]),
        f"nodes[id={sample_doc()['nodes'][0]['id']}].text",
        ("valid string", "(and 2 more problems)"),
    ),
    ("deep-nesting", b"[" * 100_000, None, ("invalid JSON",)),
    ("deep-object-nesting", b'{"a": ' * 100_000, None, ("invalid JSON",)),
    (
        "huge-number",
        b'{"format": "argmap", "version": 1, "title": ' + b"1" * 100_000 + b"}\n",
        None,
        ("invalid JSON", "digits"),
    ),
]


@pytest.mark.parametrize(
    ("data", "where", "fragments"),
    [case[1:] for case in BAD_DOCUMENTS],
    ids=[case[0] for case in BAD_DOCUMENTS],
)
def test_bad_documents_raise_load_error(
    tmp_path: Path, data: bytes, where: str | None, fragments: tuple[str, ...]
) -> None:
    path = write(tmp_path, data)
    error = expect_load_error(path, *fragments)
    if where is not None:
        assert error.where is not None and error.where.startswith(where), error.where
        assert f"{path}: {error.where}: " in str(error)
    assert error.message  # says what, not just where


def test_cycle_message_names_a_node_of_the_cycle(tmp_path: Path) -> None:
    error = expect_load_error(write(tmp_path, _mutated(_cycle)), "is its own ancestor")
    # the walk starts at the first node of the cycle in the file: that is the one named
    assert error.message == f"node '{SECOND}': is its own ancestor (parent cycle)"


def test_huge_number_in_the_version_is_a_load_error(tmp_path: Path) -> None:
    data = b'{"format": "argmap", "version": ' + b"9" * 100_000 + b"}\n"
    expect_load_error(write(tmp_path, data), "invalid JSON")


def test_loads_without_a_path_says_input() -> None:
    with pytest.raises(LoadError) as info:
        loads(b"[]")
    assert str(info.value).startswith("<input>: ")
    assert info.value.path is None


def test_nodes_as_json_object_is_rejected(tmp_path: Path) -> None:
    data = (
        b'{"format": "argmap", "version": 1, "nodes": {'
        b'"a": {"id": "a", "text": "first"}, "a": {"id": "a", "text": "second"}}}\n'
    )
    path = write(tmp_path, data)
    # the shipped schema rejects this document ...
    validator = jsonschema.Draft202012Validator(schema())
    assert not validator.is_valid(json.loads(data))
    # ... and so should the loader, instead of keeping only the second node
    expect_load_error(path, "nodes")


# -- the JSON schema -----------------------------------------------------------------


def test_shipped_schema_is_up_to_date() -> None:
    assert SHIPPED_SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "resources/argmap.schema.json is stale: regenerate it from argmap.formats.schema"
    )


def test_sample_validates_against_the_schema() -> None:
    shipped = json.loads(SHIPPED_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(shipped)
    validator = jsonschema.Draft202012Validator(shipped)
    errors = list(validator.iter_errors(sample_doc()))
    assert errors == []
    # a freshly saved map validates too
    assert validator.is_valid(json.loads(dumps(load(SAMPLE))))


@pytest.mark.parametrize(
    "change",
    [_set_node(1, "relation", "maybe"), _set("colour", "red"), _set_node(1, "text", 42)],
    ids=["relation-maybe", "extra-field", "text-as-number"],
)
def test_broken_documents_fail_schema_validation(change: Callable[[dict[str, Any]], Any]) -> None:
    doc = json.loads(_mutated(change))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema(), cls=jsonschema.Draft202012Validator)
    with pytest.raises(LoadError):  # the loader agrees with the schema
        loads(json.dumps(doc))


def test_schema_of_relation_maybe_points_at_the_node() -> None:
    doc = json.loads(_mutated(_set_node(1, "relation", "maybe")))
    errors = list(jsonschema.Draft202012Validator(schema()).iter_errors(doc))
    assert len(errors) == 1
    assert list(errors[0].absolute_path) == ["nodes", 1, "relation"]


# -- every error is one short line ---------------------------------------------------

LONG = "x" * 10_000
LINES = "first line\nsecond line\r\nthird\x00\x1b[31m red"


def _error_of(data: bytes) -> LoadError:
    with pytest.raises(LoadError) as info:
        loads(data, "in.argmap.json")
    return info.value


HOSTILE: list[tuple[str, bytes]] = [
    ("long-format", _mutated(_set("format", LONG))),
    ("lines-format", _mutated(_set("format", LINES))),
    ("long-version", _mutated(_set("version", LONG))),
    ("long-extra-key", _mutated(_set(LONG, 1))),
    ("lines-extra-key", _mutated(_set(LINES, 1))),
    ("long-node-key", _mutated(_set_node(1, LINES * 500, 1))),
    ("long-id", _mutated(_set_node(1, "id", LONG))),
    ("lines-id", _mutated(_set_node(1, "id", LINES))),
    ("long-parent", _mutated(_set_node(1, "parent", LONG))),
    ("long-duplicate-id", _mutated(lambda d: [n.__setitem__("id", "a" * 64) for n in d["nodes"]])),
    ("long-meta-key", _mutated(_set("meta", {LINES * 300: {"\ud800": 1}}))),
    (
        "lines-duplicate-key",
        b'{"' + LINES.encode() * 300 + b'": 1, "' + LINES.encode() * 300 + b'": 2}',
    ),
    ("long-bad-json", b'{"title": "' + LONG.encode() + b'" "' + LONG.encode() + b'"}'),
]


@pytest.mark.parametrize("data", [h[1] for h in HOSTILE], ids=[h[0] for h in HOSTILE])
def test_every_error_is_one_short_line(data: bytes) -> None:
    error = _error_of(data)
    text = str(error)
    assert text.startswith("in.argmap.json: ")
    assert len(text) <= 200, text
    assert text.isprintable(), repr(text)  # no newline, no control character, no surrogate
    for part in (error.where or "", error.message):
        assert part.isprintable() and len(part) <= 200
    text.encode("utf-8")  # and it can be printed on any terminal


def test_shortened_values_say_so_and_escape_what_they_keep() -> None:
    text = str(_error_of(_mutated(_set("format", LINES))))
    assert 'found "first line\\nsecond line\\r\\nthird\\u0000\\u001b[31m red")' in text
    long = str(_error_of(_mutated(_set("format", LONG))))
    assert "xxxx…" in long


def test_a_path_with_a_newline_is_shown_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "two\nlines"
    folder.mkdir()
    path = write(folder, b"[]")
    with pytest.raises(LoadError) as info:
        load(path)
    assert "two\\nlines" in str(info.value)
    assert str(info.value).isprintable()


def test_save_errors_are_one_short_line(tmp_path: Path) -> None:
    error = SaveError(tmp_path / "out.argmap.json", LINES * 1000)
    text = str(error)
    assert text.isprintable() and "first line\\nsecond" in text
    assert len(text) <= 200 + len(str(tmp_path))
    assert text.endswith("…")


def test_load_error_attributes_are_clean_too() -> None:
    error = LoadError("a\nb.json", LINES, LONG)
    assert error.where is not None and error.where.isprintable()
    assert error.message.isprintable() and error.message.endswith("…")
    assert len(str(error)) <= 200


# -- only regular files are read, at once --------------------------------------------


def _finishes(call: Callable[[], Any], seconds: float = 10.0) -> BaseException | None:
    """What `call` raised, checking that it returned within `seconds` (a hang fails)."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            call()
            outcome.append(None)
        except BaseException as exc:  # handed back to the test, which checks it
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert outcome, f"still reading after {seconds} s"
    return outcome[0]


@pytest.mark.parametrize("reader", [load, load_aif], ids=["native", "aif"])
def test_a_fifo_is_refused_at_once(tmp_path: Path, reader: Callable[[Path], Any]) -> None:
    fifo = tmp_path / "pipe.argmap.json"
    os.mkfifo(fifo)
    error = _finishes(lambda: reader(fifo))
    assert isinstance(error, LoadError), error
    assert "FIFO" in error.message and "regular files" in error.message


@pytest.mark.parametrize("reader", [load, load_aif], ids=["native", "aif"])
def test_a_device_is_refused(reader: Callable[[Path], Any]) -> None:
    error = _finishes(lambda: reader(Path("/dev/null")))
    assert isinstance(error, LoadError), error
    assert "device" in error.message


@pytest.mark.parametrize("reader", [load, load_aif], ids=["native", "aif"])
def test_files_are_read_through_the_bounded_reader(
    tmp_path: Path, reader: Callable[[Path], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Neither reader trusts st_size: both go through read_bounded with their cap."""
    seen: list[tuple[Path, int]] = []
    real = bounded.read_bounded

    def spy(path: Any, max_bytes: int, what: str = "a map") -> bytes:
        seen.append((Path(path), max_bytes))
        return real(path, max_bytes, what)

    monkeypatch.setattr(bounded, "read_bounded", spy)
    path = tmp_path / "m.json"
    path.write_text('{"format": "argmap", "version": 1, "nodes": []}')
    with pytest.raises(LoadError) if reader is load_aif else contextlib.nullcontext():
        reader(path)
    assert seen == [(path, native.MAX_BYTES if reader is load else aif.MAX_BYTES)]


# -- through the command line: check, convert and export agree -----------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize("command", ["check", "convert", "export"])
def test_a_lone_surrogate_is_refused_by_every_command(tmp_path: Path, command: str) -> None:
    path = write(tmp_path, _mutated(_set("meta", {"note": ["ok", "\ud800"]})))
    out = tmp_path / ("out.json" if command == "convert" else "out.dot")
    args = {
        "check": [str(path)],
        "convert": [str(path), str(out)],
        "export": [str(path), "-o", str(out)],
    }
    done = _cli(command, *args[command])
    assert done.returncode == 1, done
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0] == f"argmap: {path}: meta.note[1]: {LONE}"
    assert not out.exists()


def test_the_count_of_further_problems_is_exact() -> None:
    one_more = _mutated(lambda d: [n.__setitem__("text", 1) for n in d["nodes"][:2]])
    assert _error_of(one_more).message.endswith(
        "Input should be a valid string (and 1 more problem)"
    )
    alone = _mutated(lambda d: d["nodes"][0].__setitem__("text", 1))
    assert _error_of(alone).message == "Input should be a valid string"


def test_a_validator_that_recurses_too_deeply_is_a_load_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Pydantic caps nesting itself; should Python's limit be hit first, the file is refused."""

    def too_deep(data: Any) -> ArgumentMap:
        raise RecursionError

    monkeypatch.setattr(ArgumentMap, "model_validate", too_deep)
    with pytest.raises(LoadError) as info:
        loads(SAMPLE.read_bytes(), "deep.argmap.json")
    assert str(info.value) == "deep.argmap.json: nested too deeply"


def test_nesting_deeper_than_validation_allows_is_refused_in_one_line() -> None:
    deep = b'{"format": "argmap", "version": 1, "nodes": [], "meta": {"k": ' + b"[" * 600
    error = _error_of(deep + b"]" * 600 + b"}}")
    assert error.where == "meta.k"
    assert error.message == "nested too deeply (more than 250 levels)"


def test_a_str_with_a_bom_loads_like_bytes_with_one() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    assert loads("\ufeff" + text) == loads(BOM + text.encode("utf-8")) == load(SAMPLE)


def test_long_duplicate_keys_and_numbers_are_shown_shortened() -> None:
    key = "k" * 50
    error = _error_of(f'{{"{key}": 1, "{key}": 2}}'.encode())
    assert error.message == f'duplicate key "{"k" * 39}…" in one object'
    number = "1" * 40 + "e400"
    error = _error_of(f'{{"x": {number}}}'.encode())
    assert error.message == f"invalid JSON: the number {'1' * 29}… is too large"
    assert error.where == "line 1, column 7"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"  \n", "is empty; expected an argmap JSON document"),
        (b'{"title": "\xff"}', "is not UTF-8 text"),
        (
            b'{"format": "argmap", "version": 1}',
            'missing; a map lists its nodes (an empty map: "nodes": [])',
        ),
        (
            b'{"format": "argmap", "version": 1, "nodes": 3}',
            "expected a list of nodes, found a number",
        ),
    ],
    ids=["empty", "not-utf8", "no-nodes", "nodes-number"],
)
def test_messages_say_exactly_what_is_wrong(data: bytes, message: str) -> None:
    assert _error_of(data).message == message


def test_a_source_with_both_text_and_file_is_refused(tmp_path):
    # Found by the structured fuzzer: the text was kept on load and dropped on save
    # (a file-kept source writes no text), so reopening lost it.
    data = {
        "format": "argmap",
        "version": 1,
        "source": {"text": "abc", "file": "t.txt"},
        "nodes": [],
    }
    path = tmp_path / "both.argmap.json"
    raw = json.dumps(data).encode()
    path.write_bytes(raw)
    with pytest.raises(LoadError, match=r'source: has both "text" and "file"'):
        native.load(path)
    with pytest.raises(LoadError, match=r'source: has both "text" and "file"'):
        native.loads(raw.decode())
    assert path.read_bytes() == raw
    assert list(tmp_path.iterdir()) == [path]


# -- JSON past Python's limits, in the user's words --------------------------------------

_HEAD = '{"format": "argmap", "version": 1, "meta": '
_TAIL = ', "nodes": [{"id": "a", "text": "x"}]}'


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            _HEAD + "1" * 5000 + _TAIL,
            f"line 1, column {len(_HEAD) + 1}",
            "invalid JSON: a number with more than 4,300 digits",
        ),
        (
            '{"format": "argmap",\n"version": ' + "9" * 5000 + ', "nodes": []}',
            "line 2, column 12",
            "invalid JSON: a number with more than 4,300 digits",
        ),
        (
            _HEAD + "[" * 3000 + "]" * 3000 + _TAIL,
            f"line 1, column {len(_HEAD) + 250}",
            "invalid JSON: nested too deeply (more than 250 levels)",
        ),
        (
            _HEAD + "[" * 200_000,
            f"line 1, column {len(_HEAD) + 250}",
            "invalid JSON: nested too deeply (more than 250 levels)",
        ),
        (
            _HEAD + '{"k": ' + "[" * 300 + "]" * 300 + "}" + _TAIL,
            "meta.k",
            "nested too deeply (more than 250 levels)",
        ),
        (
            '{"format": "argmap", "version": 1, "nodes": [{"id": "a", "text": "x", '
            '"meta": {"k": {"j": ' + "[" * 300 + "]" * 300 + "}}}]}",
            "nodes[id=a].meta.k.j",
            "nested too deeply (more than 250 levels)",
        ),
    ],
    ids=["bignum", "version_big", "deep_list", "deep_unclosed", "deep_meta", "deep_node_meta"],
)
def test_json_past_pythons_limits_is_refused_in_user_words(
    tmp_path: Path, text: str, where: str, message: str
) -> None:
    path = write(tmp_path, text.encode())
    error = expect_load_error(path)
    assert error.where == where
    assert error.message == message
    assert "\n" not in str(error) and len(str(error)) <= 200 + len(str(path))
    assert path.read_bytes() == text.encode()


# -- the bytes a save wrote and a load read (the GUI keeps the file's state from them) --


def test_save_returns_the_bytes_it_wrote(tmp_path: Path) -> None:
    m = ArgumentMap(title="Tea", nodes=[Node(id="c", text="Drink tea")])
    path = tmp_path / "m.argmap.json"
    assert native.save(m, path) == path.read_bytes() == dumps(m).encode("utf-8")


def test_load_with_bytes_returns_the_map_its_notes_and_the_bytes_read(tmp_path: Path) -> None:
    m = ArgumentMap(title="Tea", nodes=[Node(id="c", text="Drink tea")])
    path = tmp_path / "m.argmap.json"
    path.write_bytes(bounded.BOM + dumps(m).encode("utf-8"))  # the bytes as they are
    loaded, notes, data = native.load_with_bytes(path)
    assert loaded == m and notes == [] and data == path.read_bytes()
