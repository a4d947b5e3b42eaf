"""Every corpus document the Argdown tool accepts comes back from argmap -> Argdown with
the same premise–conclusion structures, sections (titles, levels, membership) and tags,
according to the tool's own JSON (issue 15; the measure: tests/argdown_measure.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from argmap.formats.argdown import load_argdown, write_argdown
from tests.argdown_measure import TOOL, differences, tool_json
from tests.conftest import SHARED

CORPUS = SHARED / "corpus" / "argdown"

#: documents that cannot come back equal, each with the reason and the measures it fails:
#: none since the inferences' data ({uses: [...]}) and shortcodes are written back
EXCEPTIONS: dict[str, tuple[str, ...]] = {}


def accepted() -> list[Path]:
    import csv

    manifest = CORPUS / "MANIFEST.csv"
    if not manifest.is_file():
        return []
    with manifest.open(encoding="utf-8") as rows:
        found = [CORPUS / r["file"] for r in csv.DictReader(rows) if r["argdown_accepts"] == "yes"]
    return [p for p in found if p.with_suffix(".json").is_file()]


DOCUMENTS = accepted()
pytestmark = pytest.mark.skipif(
    not TOOL.exists() or not DOCUMENTS, reason="the Argdown tool (.tools/argdown) and the corpus"
)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """argmap's export of every accepted document, read by the tool in one run."""
    folder = tmp_path_factory.mktemp("exported")
    for path in DOCUMENTS:
        (folder / path.name).write_text(write_argdown(load_argdown(path)), encoding="utf-8")
    back = tmp_path_factory.mktemp("back")
    tool_json(folder, back)
    return back


def _json(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.stem[-60:])
def test_the_tool_reads_the_same_structures_sections_and_tags(
    document: Path, exported: Path
) -> None:
    mine = exported / document.with_suffix(".json").name
    assert mine.is_file(), "the Argdown tool did not read argmap's export"
    found = differences(_json(document.with_suffix(".json")), _json(mine))
    assert tuple(found) == EXCEPTIONS.get(document.stem, ()), found


def test_the_exceptions_are_corpus_documents() -> None:
    names = {p.stem for p in DOCUMENTS}
    assert set(EXCEPTIONS) <= names
