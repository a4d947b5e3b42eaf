"""docs/collaboration.md states the shared document's layout: checked against the code
that writes it, so that the two cannot drift apart."""

from __future__ import annotations

import re
from pathlib import Path

from pycrdt import Map, Text

from argmap.model import ArgumentMap
from argmap.share import layout
from argmap.share.layout import new_doc

DOC = (Path(__file__).resolve().parents[1] / "docs" / "collaboration.md").read_text(
    encoding="utf-8"
)


def _section(title: str) -> str:
    start = DOC.index(title)
    end = DOC.find("\n## ", start + 1)
    return DOC[start : end if end != -1 else None]


def _ticked(text: str) -> list[str]:
    return re.findall(r"`([a-z_]+)`", text)


def test_the_layout_version_is_the_code_s() -> None:
    assert f"Version {layout.LAYOUT}." in _section("## The shared document's layout")
    assert f"`layout` (the number {layout.LAYOUT})" in DOC


def test_the_roots_and_their_types_are_the_code_s() -> None:
    rows = re.findall(r"^\| `(\w+)` \| (\w+) \|", _section("## The shared document's layout"), re.M)
    doc = new_doc(ArgumentMap())
    assert {name for name, _ in rows} == set(doc.keys())
    kinds = {"Map": Map, "Text": Text}
    for name, kind in rows:
        assert isinstance(doc.get(name, type=kinds[kind]), kinds[kind])


def test_the_map_root_s_fields_are_the_code_s() -> None:
    row = next(line for line in DOC.splitlines() if line.startswith("| `map` |"))
    texts, _, json_fields = row.partition(" as Text; ")
    assert set(_ticked(texts)) - {"map", "layout"} == set(layout.MAP_TEXTS)
    written = set(new_doc(ArgumentMap()).get("map", type=Map).keys())
    assert set(_ticked(json_fields)) == written - set(layout.MAP_TEXTS) - {"layout"}
    assert set(_ticked(json_fields)) == set(layout.MAP_FIELDS) | {"source", "has_source_text"}


def test_a_node_s_fields_are_the_code_s() -> None:
    section = _section("A node's fields:")
    lines = section.split("- **")
    text_line = next(line for line in lines if line.startswith("Text, merged"))
    json_line = next(line for line in lines if line.startswith("JSON strings"))
    assert tuple(_ticked(text_line)) == layout.TEXTS
    assert set(_ticked(json_line)) == set(layout.NODE_FIELDS) - set(layout.TEXTS)
    m = ArgumentMap.model_validate({"nodes": [{"id": "a"}]})
    entry = new_doc(m).get("nodes", type=Map)["a"]
    assert set(entry.keys()) == set(layout.NODE_FIELDS) | {"deleted"}
