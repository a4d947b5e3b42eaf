"""Every corpus document the Argdown tool accepts comes back from argmap -> Argdown with
the same premise–conclusion structures, sections (titles, levels, membership) and tags,
according to the tool's own JSON (issue 15; the measure: tests/argdown_measure.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.argdown_measure import TOOL, differences, exported_by_tool, read_json
from tests.conftest import SHARED
from tests.corpus import argdown_documents

CORPUS = SHARED / "corpus" / "argdown"

#: documents that cannot come back equal, each with the reason and the measures it fails:
#: none since the inferences' data ({uses: [...]}) and shortcodes are written back
EXCEPTIONS: dict[str, tuple[str, ...]] = {}


def accepted() -> list[Path]:
    return [p for p in argdown_documents() if p.with_suffix(".json").is_file()]


DOCUMENTS = accepted()
pytestmark = pytest.mark.skipif(
    not TOOL.exists() or not DOCUMENTS, reason="the Argdown tool (.tools/argdown) and the corpus"
)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """argmap's export of every accepted document, read by the tool in one run."""
    folder, back = tmp_path_factory.mktemp("exported"), tmp_path_factory.mktemp("back")
    return exported_by_tool(DOCUMENTS, folder, back)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.stem[-60:])
def test_the_tool_reads_the_same_structures_sections_and_tags(
    document: Path, exported: Path
) -> None:
    mine = exported / document.with_suffix(".json").name
    assert mine.is_file(), "the Argdown tool did not read argmap's export"
    found = differences(read_json(document.with_suffix(".json")), read_json(mine))
    assert tuple(found) == EXCEPTIONS.get(document.stem, ()), found


def test_the_exceptions_are_corpus_documents() -> None:
    names = {p.stem for p in DOCUMENTS}
    assert set(EXCEPTIONS) <= names


def _step_texts(data: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """Each structure's steps as the tool has them: role and the step's own text (a
    step written as a bare reference has none). Arguments are named as the measure does;
    untitled statements, numbered by the tool in file order, are not compared by name."""
    import re

    def clean(text: object) -> str:
        return re.sub(r"\s+", " ", str(text or "")).strip()

    return {
        title: [(str(s.get("role")), clean(s.get("text"))) for s in argument["pcs"]]
        for title, argument in data.get("arguments", {}).items()
        if argument.get("pcs")
    }


def test_every_step_keeps_its_own_text(exported: Path) -> None:
    """Issue 15: structures come back with their roles, order and texts: the text a
    numbered step shows in the tool's JSON, for every step of every accepted document
    (377 steps; before, 7 steps of 5 documents whose statement belongs to another
    section came back as bare references, with no text)."""
    differing = {}
    for document in DOCUMENTS:
        mine = exported / document.with_suffix(".json").name
        before = _step_texts(read_json(document.with_suffix(".json")))
        after = _step_texts(read_json(mine))
        lost: dict[str, object] = {
            t: (steps, after.get(t))
            for t, steps in before.items()
            if not t.startswith("Untitled ") and after.get(t) != steps
        }
        untitled = [
            sorted(v for t, v in x.items() if t.startswith("Untitled ")) for x in (before, after)
        ]
        if untitled[0] != untitled[1]:  # the tool numbers these by their place in the file
            lost["untitled arguments"] = tuple(untitled)
        if lost:
            differing[document.stem] = lost
    assert differing == {}
