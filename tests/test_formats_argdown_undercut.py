"""Undercuts written to Argdown as the Argdown tool reads them (adversary finding e).

The tool reads ``[Y]`` followed by ``<_ [X]`` after any inference line of the document
as X undercutting that (last) inference, not Y: its model keeps the last inference open
for the rest of the file.  argmap writes each undercut from the undercutter's side
(``[X]`` then ``_> [Y]``), which the tool reads as written, and reads ``<_`` under a
statement as the tool does."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from argmap.formats.argdown import read_argdown, relations_of, write_argdown
from argmap.model import ArgumentMap, Relation, ops
from argmap.model import structure_ops as so
from argmap.model.structure import StepRole
from tests.conftest import ROOT

TOOL = ROOT / ".tools" / "argdown" / "node_modules" / ".bin" / "argdown"
needs_tool = pytest.mark.skipif(not TOOL.exists(), reason="the Argdown tool in .tools/argdown")


def _titled(m: ArgumentMap, node_id: str | None, title: str) -> ArgumentMap:
    return ops.edit_node(m, node_id or "", title=title).map


def undercut_after_a_reconstruction() -> ArgumentMap:
    """Claim, supported by <Arg> (reconstructed: P1 therefore Claim) and by the plain
    reason Y; X undercuts Y's support, U undercuts <Arg>'s inference."""
    r = ops.add_claim(ArgumentMap(), "Main claim.")
    claim = r.node_id or ""
    m = _titled(r.map, claim, "Claim")
    r = ops.add_node(m, claim, Relation.SUPPORTS, "An argument.")
    arg = r.node_id or ""
    m = _titled(so.set_argument(r.map, arg, True).map, arg, "Arg")
    r = so.add_step(m, arg, text="Premise one.")
    m = _titled(r.map, r.node_id, "P1")
    m = so.add_step(m, arg, StepRole.CONCLUSION, statement=claim).map
    r = ops.add_node(m, claim, Relation.SUPPORTS, "Plain reason.")
    m = _titled(r.map, r.node_id, "Y")
    r = so.add_undercut(m, r.node_id or "", "Undercutter.")
    m = _titled(r.map, r.node_id, "X")
    r = so.add_undercut(m, arg, "Another undercutter.")
    return _titled(r.map, r.node_id, "U")


def _undercuts(m: ArgumentMap) -> set[tuple[str, str]]:
    titles = {i: n.title for i, n in m.nodes.items()}
    return {(titles[s], titles[t]) for s, t, kind in relations_of(m) if kind == "undercut"}


def _tool(tmp_path: Path, text: str) -> dict[str, object]:
    (tmp_path / "m.argdown").write_text(text, encoding="utf-8")
    subprocess.run(
        [str(TOOL), "json", str(tmp_path / "m.argdown"), str(tmp_path / "out"), "--silent"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    data: dict[str, object] = json.loads((tmp_path / "out" / "m.json").read_text("utf-8"))
    return data


def _tool_undercuts(data: dict[str, object]) -> set[tuple[str, str, str]]:
    relations = data["relations"]
    assert isinstance(relations, list)
    return {(r["from"], r["to"], r["toType"]) for r in relations if r["relationType"] == "undercut"}


@needs_tool
def test_the_tool_reads_the_undercut_of_a_plain_support_after_a_reconstruction(
    tmp_path: Path,
) -> None:
    m = undercut_after_a_reconstruction()
    data = _tool(tmp_path, write_argdown(m))
    assert _tool_undercuts(data) == {
        ("X", "Y", "equivalence-class"),  # the statement whose support it attacks
        ("U", "Arg", "inference"),  # the argument's inference
    }
    again = read_argdown(write_argdown(m))  # and argmap reads the same back
    assert _undercuts(again) == {("X", "Y"), ("U", "Arg")} == _undercuts(m)
    kinds = {n.title: n.relation for n in again.nodes.values()}
    assert kinds["X"] is kinds["U"] is Relation.UNDERCUTS


TOOL_READS = """<Arg>: An argument.

(1) [P1]: Premise one.
----
(2) [Claim]: Main claim.

[Claim]
    <+ [Y]: Plain reason.

[Y]
    <_ [X]: Undercutter.
"""


@needs_tool
def test_an_undercut_under_a_statement_after_an_inference_reads_as_the_tool_reads_it(
    tmp_path: Path,
) -> None:
    assert _tool_undercuts(_tool(tmp_path, TOOL_READS)) == {("X", "Arg", "inference")}
    m = read_argdown(TOOL_READS)
    assert _undercuts(m) == {("X", "Arg")}
    assert next(n for n in m.nodes.values() if n.title == "X").relation is Relation.UNDERCUTS
    # before any inference line, the same lines undercut the statement's support
    m = read_argdown("[Claim]: c.\n    <+ [Y]: y.\n\n[Y]\n    <_ [X]: x.\n")
    assert _undercuts(m) == {("X", "Y")}
