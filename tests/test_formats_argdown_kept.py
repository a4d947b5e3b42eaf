"""What Argdown has no words for comes back all the same (adversary finding g): an
argument's scheme and its critical questions (ticked or not) travel in argmap's data on
the argument, saved views in the front matter under `argmap:`; the Argdown tool still
reads the file."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from argmap.formats.argdown import read_argdown, write_argdown
from argmap.model import ArgumentMap, Relation, ops
from argmap.model import structure_ops as so
from argmap.model.structure import StepRole, View
from tests.conftest import ROOT

TOOL = ROOT / ".tools" / "argdown" / "node_modules" / ".bin" / "argdown"


def schemed() -> ArgumentMap:
    """A claim with two arguments: <Expert> names a built-in scheme (one question
    ticked), the untitled one with only its structure names a scheme of its own."""
    r = ops.add_claim(ArgumentMap(), "Smoking harms.")
    claim = r.node_id or ""
    m = ops.edit_node(r.map, claim, title="Claim").map
    r = ops.add_node(m, claim, Relation.SUPPORTS, "Doctors say so.")
    expert = r.node_id or ""
    m = ops.edit_node(so.set_argument(r.map, expert, True).map, expert, title="Expert").map
    m = so.set_scheme(m, expert, "Expert opinion").map
    m = so.answer_question(m, expert, 1, True).map
    r = ops.add_node(m, claim, Relation.SUPPORTS, "")
    bare = r.node_id or ""
    m = so.set_argument(r.map, bare, True).map
    r = so.add_step(m, bare, text="Studies show it.")
    m = so.add_step(r.map, bare, StepRole.CONCLUSION, statement=claim).map
    return so.set_scheme(m, bare, "Evidence, my own").map


def _schemes(m: ArgumentMap) -> list[tuple[str, tuple[tuple[str, bool], ...]]]:
    return [
        (n.argument.scheme, tuple((q.text, q.answered) for q in n.argument.questions))
        for n in m.nodes.values()
        if n.argument is not None
    ]


def test_schemes_and_critical_questions_come_back() -> None:
    m = schemed()
    found = _schemes(m)
    assert found[0][0] == "Expert opinion" and len(found[0][1]) > 2
    assert [answered for _, answered in found[0][1]][:3] == [False, True, False]
    assert found[1] == ("Evidence, my own", ())
    assert _schemes(read_argdown(write_argdown(m))) == found


def with_views() -> ArgumentMap:
    m = schemed()
    m = so.add_section(m, "Health").map
    m = so.add_section(m, "Costs, too", m.sections[0].id).map
    claim = next(n.id for n in m.nodes.values() if n.title == "Claim")
    m = so.set_section(m, [claim], m.sections[1].id).map
    m = ops.edit_node(m, claim, tags=("health", "a: b")).map
    m = so.save_view(m, View(name="Only health", tags=("health", "a: b"))).map
    m = so.save_view(
        m, View(name="No costs", hidden_sections=(m.sections[1].id,), hide_disconnected=True)
    ).map
    return m


def _views(m: ArgumentMap) -> list[tuple[str, tuple[str, ...], tuple[str, ...], bool]]:
    titles = {s.id: s.title for s in m.sections}
    return [
        (v.name, v.tags, tuple(titles[s] for s in v.hidden_sections), v.hide_disconnected)
        for v in m.views
    ]


def test_saved_views_come_back() -> None:
    m = with_views()
    assert (
        _views(read_argdown(write_argdown(m)))
        == _views(m)
        == [
            ("Only health", ("health", "a: b"), (), False),
            ("No costs", (), ("Costs, too",), True),
        ]
    )


@pytest.mark.skipif(not TOOL.exists(), reason="the Argdown tool in .tools/argdown")
def test_the_argdown_tool_reads_the_file_with_schemes_and_views(tmp_path: Path) -> None:
    text = write_argdown(with_views())
    assert "Expert opinion" in text and "Only health" in text
    (tmp_path / "m.argdown").write_text(text, encoding="utf-8")
    done = subprocess.run(
        [str(TOOL), "json", str(tmp_path / "m.argdown"), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (tmp_path / "out" / "m.json").is_file(), done.stdout + done.stderr
    assert "error" not in (done.stdout + done.stderr).lower()


SELECTED = """===
selection:
  statementSelectionMode: all
  selectedTags: [health]
  excludeDisconnected: false
===

# Health

[Claim]: Smoking harms. #health

# Costs

[Price]: It costs. #money
  + [Claim]
"""


def _selection(m: ArgumentMap) -> View:
    return next(v for v in m.views if v.name == "Argdown selection")


def test_the_argdown_selection_view_is_written_back_as_the_selection() -> None:
    m = read_argdown(SELECTED)
    assert "  statementSelectionMode: all\n  selectedTags: [health]\n" in write_argdown(m)
    costs = next(s.id for s in m.sections if s.title == "Costs")
    changed = View(name="Argdown selection", tags=("money",), hidden_sections=(costs,))
    text = write_argdown(so.save_view(m, changed).map)
    assert "  statementSelectionMode: all\n" in text  # what a view cannot hold stays
    again = read_argdown(text)
    assert _views(again) == [("Argdown selection", ("money",), ("Costs",), False)]


def test_a_deleted_selection_view_drops_the_selection() -> None:
    m = so.delete_view(read_argdown(SELECTED), "Argdown selection").map
    text = write_argdown(m)
    assert "selection" not in text and read_argdown(text).views == ()


def test_a_view_called_argdown_selection_made_in_argmap_becomes_the_selection() -> None:
    m = so.save_view(schemed(), View(name="Argdown selection", tags=("x",))).map
    text = write_argdown(m)
    assert 'selection:\n    selectedTags: ["x"]\n    excludeDisconnected: false\n' in text
    assert _views(read_argdown(text)) == [("Argdown selection", ("x",), (), False)]
