"""Sections nest at most 50 levels deep: a deeper nest is refused with one line naming
the section, on load (the real `argmap check` on a file on disk) and by the edits that
nest sections, which leave the map as it was."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from argmap.formats import native
from argmap.formats.errors import LoadError
from argmap.model import ArgumentMap, EditError
from argmap.model import structure_ops as so
from argmap.model.consistency import MAX_SECTION_DEPTH

DEEP = "section 'n51' is nested 51 deep; at most 50 levels"


def _nest(depth: int) -> list[dict[str, object]]:
    """Sections n1 > n2 > ... > n`depth`, outermost first."""
    return [
        {"id": f"n{k}", "title": f"Level {k}", "parent": f"n{k - 1}" if k > 1 else None}
        for k in range(1, depth + 1)
    ]


def _data(depth: int) -> dict[str, object]:
    return {"format": "argmap", "version": 2, "nodes": [], "sections": _nest(depth)}


def test_fifty_levels_load_and_fifty_one_are_refused_naming_the_section() -> None:
    assert MAX_SECTION_DEPTH == 50
    assert len(native.from_data(_data(50)).sections) == 50
    with pytest.raises(LoadError) as info:
        native.from_data(_data(51))
    assert DEEP in str(info.value) and "\n" not in str(info.value)
    inner_first = {**_data(51), "sections": _nest(51)[::-1]}
    with pytest.raises(LoadError, match=re.escape(DEEP)):
        native.from_data(inner_first)


def test_ten_thousand_nested_sections_are_refused_quickly_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.argmap.json"
    path.write_text(json.dumps(_data(10_000)), encoding="utf-8")
    before = path.read_bytes()
    started = time.monotonic()
    with pytest.raises(LoadError, match=re.escape(DEEP)):
        native.load(path)
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert time.monotonic() - started < 20
    assert done.returncode != 0 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert lines[0].startswith("argmap: ") and DEEP in lines[0] and str(path) in lines[0]
    assert path.read_bytes() == before


def _deep_map(depth: int) -> ArgumentMap:
    return native.from_data(_data(depth))


def test_nesting_a_section_past_fifty_levels_is_refused_and_changes_nothing() -> None:
    m = _deep_map(50)
    m = so.add_section(m, "Top").map  # section51 at the top level
    m = so.add_section(m, "Below", parent="section51").map  # section52 inside it
    before = m.model_dump()
    with pytest.raises(EditError, match=re.escape("is nested 51 deep; at most 50 levels")):
        so.add_section(m, "Too deep", parent="n50")
    with pytest.raises(EditError) as info:
        so.nest_section(m, "section51", "n49")  # section52 would be level 51
    assert str(info.value) == "section 'section52' is nested 51 deep; at most 50 levels"
    with pytest.raises(EditError, match=re.escape("section 'section51' is nested 51 deep")):
        so.nest_section(m, "section51", "n50")
    assert m.model_dump() == before
    assert [s.parent for s in so.nest_section(m, "section52", "n49").map.sections][-1] == "n49"
    assert so.add_section(m, "Deepest", parent="n49").map.sections[-1].parent == "n49"


def test_the_depth_check_stops_at_a_cycle_and_counts_from_a_missing_parent() -> None:
    """What mutation testing found unchecked: the check is also called on sections that
    have other problems (a cycle, a parent that is missing), which are named elsewhere."""
    from argmap.model.consistency import nesting_problem
    from argmap.model.structure import Section
    from tests.limits import time_limit

    cycle = [Section(id="a", title="A", parent="b"), Section(id="b", title="B", parent="a")]
    with time_limit(5.0):
        assert nesting_problem(cycle) is None
    below_nothing = [
        Section(id=f"n{k}", title=f"{k}", parent=f"n{k - 1}" if k > 1 else "gone")
        for k in range(1, 51)
    ]
    assert nesting_problem(below_nothing) is None  # 50 levels: the missing one is no level
    deeper = [*below_nothing, Section(id="n51", title="51", parent="n50")]
    assert nesting_problem(deeper) == DEEP
