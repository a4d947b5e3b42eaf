"""More of the Argdown tool's JSON than tests/test_formats_argdown_roundtrip.py compares,
equal for every corpus document the tool accepts after argmap -> Argdown:

- **own sections**: the section the tool puts each statement and argument in (that of
  its first definition in a section, an argument's structure's, `isInGroup`), as argmap
  keeps it in `Node.section`;
- **heading data**: each section's `isGroup`, `isClosed` and data ({isGroup: false});
- **inferences**: each step's inference rules and data ({uses: [1, 2]});
- **data**: each statement's and argument's data, argmap's own block left out;
- **tag colours**: each tag's colour and priority as the tool works them out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.argdown_measure import TOOL, _name, exported_by_tool, read_json
from tests.test_formats_argdown_roundtrip import DOCUMENTS

Data = dict[str, Any]

#: documents that cannot come back equal, with the measures they fail and why
EXCEPTIONS: dict[str, tuple[str, ...]] = {}

pytestmark = pytest.mark.skipif(
    not TOOL.exists() or not DOCUMENTS, reason="the Argdown tool (.tools/argdown) and the corpus"
)


def _titles(data: Data) -> dict[str, str]:
    titles: dict[str, str] = {}
    stack = list(data.get("sections") or [])
    while stack:
        item = stack.pop()
        titles[str(item["id"])] = " ".join(str(item.get("title", "")).split())
        stack += item.get("children") or []
    return titles


def own_sections(data: Data) -> dict[str, str]:
    titles = _titles(data)
    out = {}
    for kind in ("statements", "arguments"):
        for title, element in data.get(kind, {}).items():
            section = element.get("section")
            at = section.get("id") if isinstance(section, dict) else section
            if at:
                out[_name(data, kind, title)] = titles.get(str(at), "?")
    return out


def heading_data(data: Data) -> list[tuple[str, object, object, str]]:
    out = []
    stack = list(reversed(data.get("sections") or []))
    while stack:
        item = stack.pop()
        title = " ".join(str(item.get("title", "")).split())
        shown = json.dumps(item.get("data"), sort_keys=True)
        out.append((title, item.get("isGroup"), item.get("isClosed"), shown))
        stack += reversed(item.get("children") or [])
    return out


def inferences(data: Data) -> dict[tuple[str, int], tuple[str, object]]:
    out = {}
    for title, argument in data.get("arguments", {}).items():
        for index, step in enumerate(argument.get("pcs") or []):
            inference = step.get("inference") or {}
            if inference.get("data") or inference.get("inferenceRules"):
                shown = json.dumps(inference.get("data"), sort_keys=True)
                out[(_name(data, "arguments", title), index)] = (
                    shown,
                    inference.get("inferenceRules"),
                )
    return out


def element_data(data: Data) -> dict[str, str]:
    out = {}
    for kind in ("statements", "arguments"):
        for title, element in data.get(kind, {}).items():
            found = {k: v for k, v in (element.get("data") or {}).items() if k != "argmap"}
            if found:
                out[_name(data, kind, title)] = json.dumps(found, sort_keys=True)
    return out


def tag_colors(data: Data) -> dict[str, tuple[object, object]]:
    return {t: (v.get("color"), v.get("priority")) for t, v in (data.get("tags") or {}).items()}


MEASURES = {
    "own sections": own_sections,
    "heading data": heading_data,
    "inferences": inferences,
    "data": element_data,
    "tag colours": tag_colors,
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """argmap's export of every accepted document, read by the tool in one run."""
    folder, back = tmp_path_factory.mktemp("exported"), tmp_path_factory.mktemp("back")
    return exported_by_tool(DOCUMENTS, folder, back)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.stem[-60:])
def test_the_tool_reads_the_same_sections_data_inferences_and_colours(
    document: Path, exported: Path
) -> None:
    mine = exported / document.with_suffix(".json").name
    assert mine.is_file(), "the Argdown tool did not read argmap's export"
    a, b = read_json(document.with_suffix(".json")), read_json(mine)
    found = {name: (f(a), f(b)) for name, f in MEASURES.items() if f(a) != f(b)}
    assert tuple(found) == EXCEPTIONS.get(document.stem, ()), found


def test_the_exceptions_are_corpus_documents() -> None:
    assert set(EXCEPTIONS) <= {p.stem for p in DOCUMENTS}
