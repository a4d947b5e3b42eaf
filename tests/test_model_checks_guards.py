"""`check`'s problems are said at the level and with the names they are meant to
have (argmap.model.checks): a claim with no supporting reason is a warning, a cycle of
relations through cross-links is an error naming at most six of its nodes.  These
close mutants of checks.py that survived mutation testing; each map is also saved to
a real file and checked there, as a user runs `check`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from argmap.formats import native
from argmap.model import ArgumentMap, CrossLink, Node, Relation
from argmap.model.checks import problems

ARGMAP = Path(sys.executable).with_name("argmap")


def _check(m: ArgumentMap, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "m.argmap.json"
    native.save(m, path)
    return subprocess.run(
        [str(ARGMAP), "check", str(path)], capture_output=True, text=True, check=False
    )


def test_a_claim_with_no_supporting_reason_is_a_warning(tmp_path: Path) -> None:
    m = ArgumentMap(nodes=[Node(id="c", text="Claim")])
    assert [str(p) for p in problems(m)] == [
        "warning: node 'c': is a claim with no supporting reason"
    ]
    done = _check(m, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "  warning: node 'c': is a claim with no supporting reason" in done.stdout.splitlines()


def _chain(length: int) -> ArgumentMap:
    """n0 <- n1 <- ... as supports, and a cross-link from n0 back to the last."""
    nodes = [Node(id="n0", text="t0")]
    nodes += [
        Node(id=f"n{i}", text=f"t{i}", parent=f"n{i - 1}", relation=Relation.SUPPORTS)
        for i in range(1, length)
    ]
    link = CrossLink(id="x", source="n0", target=f"n{length - 1}", relation=Relation.SUPPORTS)
    return ArgumentMap(nodes=nodes, links=[link])


def _cycle_errors(m: ArgumentMap) -> list[str]:
    return [str(p) for p in problems(m) if "cycle" in p.message]


def test_a_cycle_of_six_is_an_error_naming_all_six(tmp_path: Path) -> None:
    m = _chain(6)
    expected = (
        "error: node 'n0': is part of a cycle of relations through cross-links: "
        "'n0' -> 'n5' -> 'n4' -> 'n3' -> 'n2' -> 'n1'"
    )
    assert _cycle_errors(m) == [expected]
    done = _check(m, tmp_path)
    assert done.returncode != 0
    assert "  " + expected in done.stdout.splitlines()


def test_a_cycle_of_seven_names_six_and_says_there_are_more(tmp_path: Path) -> None:
    m = _chain(7)
    expected = (
        "error: node 'n0': is part of a cycle of relations through cross-links: "
        "'n0' -> 'n6' -> 'n5' -> 'n4' -> 'n3' -> 'n2' ..."
    )
    assert _cycle_errors(m) == [expected]
    assert [p.level for p in problems(m) if "cycle" in p.message] == ["error"]
    done = _check(m, tmp_path)
    assert done.returncode != 0
    assert "  " + expected in done.stdout.splitlines()
