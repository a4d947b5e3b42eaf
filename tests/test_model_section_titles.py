"""A section's title is one line, like a view's name: a line break is refused by the
model, by the edits (nothing changed) and when a file is read (second adversary pass)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from argmap.formats import native
from argmap.formats.errors import LoadError
from argmap.model import ArgumentMap, EditError
from argmap.model import structure_ops as so
from argmap.model.structure import Section

BREAKS = ["\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("brk", BREAKS, ids=[repr(b) for b in BREAKS])
def test_a_section_title_with_a_line_break_is_refused(brk: str) -> None:
    with pytest.raises(ValidationError, match="a section's title is one line"):
        Section(id="s1", title=f"a{brk}b")


def test_a_one_line_title_is_kept_as_it_is() -> None:
    assert Section(id="s1", title="  Costs\tand benefits ").title == "  Costs\tand benefits "


def test_adding_or_renaming_with_a_line_break_changes_nothing() -> None:
    m = so.add_section(ArgumentMap(), "Costs").map
    before = m.model_dump()
    with pytest.raises(EditError, match="one line") as caught:
        so.rename_section(m, m.sections[0].id, "Costs\nand benefits")
    assert "\n" not in str(caught.value)
    with pytest.raises(EditError, match="one line"):
        so.add_section(m, "Costs\u2028and benefits")
    assert m.model_dump() == before


def test_a_file_with_such_a_title_is_refused_in_one_line(tmp_path: Path) -> None:
    data = {
        "format": "argmap",
        "version": 2,
        "nodes": [{"id": "c", "text": "Claim", "section": "s1"}],
        "sections": [{"id": "s1", "title": "a\nb"}],
    }
    path = tmp_path / "m.argmap.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        native.load(path)
    message = str(caught.value)
    assert "\n" not in message
    assert "sections[0].title" in message and "one line" in message
