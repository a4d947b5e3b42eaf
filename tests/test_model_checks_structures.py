"""An argument's structure and its place in the tree agree, or `check` says so: an
argument hangs under its conclusion as a support (as the Argdown reader places it), and
an unfinished structure, which Argdown cannot write, is named (second adversary pass on
issue 15, finding 8).  Such maps are states of editing: they load and save, never
refused, so these are warnings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.formats import native
from argmap.formats.argdown import load_argdown
from argmap.model import ArgumentMap, Node, Relation
from argmap.model import structure_ops as so
from argmap.model.checks import problems
from argmap.model.structure import StepRole
from tests.test_model_checks_arguments import _accepted

ARGMAP = Path(sys.executable).with_name("argmap")
ELSEWHERE = (
    "warning: node 'a': is an argument concluding node 'd' but is a support of node 'c'; "
    "hang it under its conclusion as a support, or change its conclusion"
)
UNFINISHED = (
    "warning: node 'a': is an argument whose premise–conclusion structure is unfinished "
    "(a premise first, the conclusion last); Argdown export leaves the structure out"
)


def _structure_warnings(m: ArgumentMap) -> list[str]:
    return [str(p) for p in problems(m) if "is an argument " in p.message]


def _under_c() -> ArgumentMap:
    m = ArgumentMap(
        nodes=[
            Node(id="c", text="Claim"),
            Node(id="d", text="Other"),
            Node(id="a", text="Arg", parent="c", relation=Relation.SUPPORTS),
        ]
    )
    m = so.set_argument(m, "a", True).map
    return so.add_step(m, "a", StepRole.PREMISE, "P").map


def test_an_argument_concluding_another_node_than_it_supports_is_warned_of() -> None:
    m = so.add_step(_under_c(), "a", StepRole.CONCLUSION, statement="d").map
    assert _structure_warnings(m) == [ELSEWHERE]


def test_an_argument_concluding_what_it_supports_is_fine() -> None:
    m = so.add_step(_under_c(), "a", StepRole.CONCLUSION, statement="c").map
    assert _structure_warnings(m) == []


def test_a_structure_without_conclusion_is_warned_of() -> None:
    assert _structure_warnings(_under_c()) == [UNFINISHED]


def test_an_argument_without_structure_is_no_unfinished_one() -> None:
    m = so.set_argument(ArgumentMap(nodes=[Node(id="a", title="A")]), "a", True).map
    assert _structure_warnings(m) == []


def test_a_top_level_argument_with_a_conclusion_is_warned_of() -> None:
    m = ArgumentMap(nodes=[Node(id="a", title="A"), Node(id="d", text="D")])
    m = so.set_argument(m, "a", True).map
    m = so.add_step(m, "a", StepRole.PREMISE, "P").map
    m = so.add_step(m, "a", StepRole.CONCLUSION, statement="d").map
    assert _structure_warnings(m) == [
        "warning: node 'a': is an argument concluding node 'd' but is a top-level claim; "
        "hang it under its conclusion as a support, or change its conclusion"
    ]


@pytest.mark.parametrize("with_conclusion", [True, False])
def test_such_maps_are_saved_and_loaded_never_refused(
    tmp_path: Path, with_conclusion: bool
) -> None:
    m = _under_c()
    if with_conclusion:
        m = so.add_step(m, "a", StepRole.CONCLUSION, statement="d").map
    path = tmp_path / "m.argmap.json"
    native.save(m, path)
    assert native.load(path).model_dump() == m.model_dump()


def _file(with_conclusion: bool) -> dict[str, object]:
    """The adversary's two native files: argument 'a' hangs under 'c' as a support."""
    steps: list[dict[str, str]] = [{"statement": "p", "role": "premise"}]
    if with_conclusion:
        steps.append({"statement": "d", "role": "conclusion"})
    return {
        "format": "argmap",
        "version": 2,
        "title": "T",
        "nodes": [
            {"id": "c", "text": "Claim"},
            {"id": "d", "text": "Other"},
            {"id": "p", "text": "P", "parent": "c", "relation": "supports"},
            {
                "id": "a",
                "text": "Arg",
                "parent": "c",
                "relation": "supports",
                "argument": {"pcs": steps},
            },
        ],
    }


@pytest.mark.parametrize(("with_conclusion", "expected"), [(True, ELSEWHERE), (False, UNFINISHED)])
def test_check_warns_of_such_files(tmp_path: Path, with_conclusion: bool, expected: str) -> None:
    path = tmp_path / "m.argmap.json"
    path.write_text(json.dumps(_file(with_conclusion)), encoding="utf-8")
    done = subprocess.run(
        [str(ARGMAP), "check", str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "  " + expected in done.stdout.splitlines()


@pytest.mark.skipif(not _accepted(), reason="the shared Argdown corpus")
def test_no_accepted_corpus_document_gets_these_warnings() -> None:
    flagged = {
        path.name: found
        for path in _accepted()
        if (found := _structure_warnings(load_argdown(path)))
    }
    assert flagged == {}
