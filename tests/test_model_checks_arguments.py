"""An argument is named by its title or its premise–conclusion structure, not by a text:
`check` does not call it an empty statement (second adversary pass on issue 15)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from argmap.formats.argdown import load_argdown, read_argdown
from argmap.model.checks import problems
from argmap.model.document import ArgumentMap, Node
from argmap.model.structure import Argument
from tests.conftest import SHARED
from tests.corpus import argdown_documents

CORPUS = SHARED / "corpus" / "argdown"
ARGMAP = Path(sys.executable).with_name("argmap")


def _empty_text(m: ArgumentMap) -> list[str]:
    return [str(p) for p in problems(m) if p.level == "error" and "no text" in p.message]


def test_a_titled_argument_with_a_structure_is_no_empty_statement(tmp_path: Path) -> None:
    path = tmp_path / "anon2.argdown"
    path.write_text("<Arg>\n\n(1) [P1]: p\n----\n(2) [C]: c\n", encoding="utf-8")
    done = subprocess.run(
        [str(ARGMAP), "check", str(path)], capture_output=True, text=True, check=False
    )
    assert "no text" not in done.stdout + done.stderr
    assert done.returncode == 0, done.stdout + done.stderr


def test_an_anonymous_structure_is_no_empty_statement() -> None:
    m = read_argdown("(1) p\n(2) q\n----\n(3) [C]: c\n")
    assert any(n.argument is not None for n in m.nodes.values())
    assert _empty_text(m) == []


def test_a_titled_argument_without_structure_is_no_empty_statement() -> None:
    m = ArgumentMap(nodes={"a": Node(id="a", title="Arg", argument=Argument())})
    assert _empty_text(m) == []


def test_an_argument_with_nothing_at_all_is_still_reported() -> None:
    m = ArgumentMap(nodes={"a": Node(id="a", argument=Argument())})
    assert [str(p) for p in problems(m) if p.node_id == "a" and p.level == "error"] == [
        "error: node 'a': is an argument with no title, text or premise–conclusion structure"
    ]


def test_an_empty_statement_is_still_an_error() -> None:
    m = ArgumentMap(nodes={"s": Node(id="s")})
    assert _empty_text(m) == ["error: node 's': is a statement with no text"]


def test_a_titled_statement_without_text_is_a_warning_not_an_error() -> None:
    m = read_argdown("[s1]\n\n<a1>: r\n    + [s1]\n")
    assert _empty_text(m) == []
    assert "warning: node 's1': is a statement with a title but no text" in map(str, problems(m))


def _accepted() -> list[Path]:
    return argdown_documents()


@pytest.mark.skipif(not _accepted(), reason="the shared Argdown corpus")
def test_no_accepted_corpus_document_has_an_empty_statement() -> None:
    flagged = {
        path.name: found for path in _accepted() if (found := _empty_text(load_argdown(path)))
    }
    assert flagged == {}
