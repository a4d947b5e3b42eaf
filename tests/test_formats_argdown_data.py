"""An Argdown author's data and shortcodes come back as written, so the Argdown tool
reads argmap's export as it read the original: data on statements and arguments
({isInMap: false}), on numbered statements and inference lines ({uses: [1, 2]}, which
decide how the tool explodes an argument), on headings ({isGroup: false}); shortcodes
(".A.") the tool shows as symbols.  A text typed in argmap keeps its dots as typed."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from argmap.formats.argdown import read_argdown, write_argdown
from argmap.model import ArgumentMap, ops
from tests.conftest import ROOT

TOOL = ROOT / ".tools" / "argdown" / "node_modules" / ".bin" / "argdown"
needs_tool = pytest.mark.skipif(not TOOL.exists(), reason="the Argdown tool in .tools/argdown")

DOC = """===
model:
    explodeArguments: true
    removeTagsFromText: true
===

# Evidence {isGroup: false}

[Fact]: It rained .A. day. {isInMap: false, color: "#ff0000"}

<Wet>: The streets are wet.

(1) [Rain]: It rained.
(2) [Open]: The streets were open.
-- by cause {uses: [1]} --
(3) [Puddles]: There are puddles.
(4) [Dry]: Nothing dried them. #evidence
----
(5) [Wet streets]: The streets are wet. {uses: [3, 4]}
"""


def _tool(tmp_path: Path, name: str, text: str) -> dict[str, Any]:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "m.argdown").write_text(text, encoding="utf-8")
    subprocess.run(
        [str(TOOL), "json", str(folder / "m.argdown"), str(folder / "out"), "--silent"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    data: dict[str, Any] = json.loads((folder / "out" / "m.json").read_text("utf-8"))
    return data


def _what_the_tool_keeps(data: dict[str, Any]) -> dict[str, object]:
    statements = data["statements"]
    return {
        "sections": [(s["title"], s.get("isGroup")) for s in data["sections"]],
        "fact": (statements["Fact"]["members"][0]["text"], statements["Fact"].get("data")),
        "arguments": {
            title: [
                (step["title"], step["role"], (step.get("inference") or {}).get("data"))
                for step in argument["pcs"]
            ]
            for title, argument in data["arguments"].items()
        },
    }


@needs_tool
def test_the_tool_reads_the_export_with_the_authors_data_as_the_original(
    tmp_path: Path,
) -> None:
    original = _what_the_tool_keeps(_tool(tmp_path, "original", DOC))
    assert original["sections"] == [("Evidence", False)]
    assert original["fact"] == ("It rained ∀ day. ", {"isInMap": False, "color": "#ff0000"})
    exported = _what_the_tool_keeps(_tool(tmp_path, "exported", write_argdown(read_argdown(DOC))))
    assert exported == original


def test_argmap_reads_its_export_with_the_same_data() -> None:
    m = read_argdown(DOC)
    again = read_argdown(write_argdown(m))
    for node_id, node in m.nodes.items():
        assert again.nodes[node_id].meta["argdown"].get("data") == node.meta["argdown"].get("data")
    wet = next(n for n in again.nodes.values() if n.title == "Wet")
    kept = wet.meta["argdown"]
    ids = {n.title: n.id for n in again.nodes.values()}
    assert kept["inference_data"] == {ids["Puddles"]: ["uses: [1]"]}
    assert kept["step_data"] == {ids["Wet streets"]: ["uses: [3, 4]"]}
    assert again.meta["argdown"]["section_data"] == {again.sections[0].id: ["isGroup: false"]}


def test_the_authors_data_and_argmaps_share_one_block() -> None:
    m = read_argdown("[A]: a {x: 1}\n")
    node = next(iter(m.nodes.values()))
    m = ops.edit_node(m, node.id, note="A note.").map
    text = write_argdown(m)
    assert '[A]: a {"argmap":{"note":"A note."}, x: 1}' in text
    again = next(iter(read_argdown(text).nodes.values()))
    assert (again.note, again.meta["argdown"]["data"]) == ("A note.", ["x: 1"])
    # a shortcode typed in argmap is escaped, one read from Argdown is not
    r = ops.add_claim(ArgumentMap(), "For all x .A. and :heart:.")
    typed = write_argdown(r.map)
    assert "x \\.A. and \\:heart:." in typed
    assert next(iter(read_argdown(typed).nodes.values())).text == "For all x .A. and :heart:."
    assert "It rained .A. day." in write_argdown(read_argdown(DOC))


@needs_tool
def test_an_empty_model_block_is_not_written(tmp_path: Path) -> None:
    """Without its one setting (argmap takes tags out of texts itself) "model:" would be
    null, and the tool then fails on any shortcode."""
    doc = "===\nmodel:\n    removeTagsFromText: true\n===\n\n[A]: More ... #x\n"
    text = write_argdown(read_argdown(doc))
    assert "model" not in text
    data = _tool(tmp_path, "empty", text)
    assert data["statements"]["A"]["members"][0]["text"].strip() == "More ..."
