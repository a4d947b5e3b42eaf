"""Argdown the model cannot hold as written opens with a one-line warning, or is refused
in one line of plain words: never pydantic's text (adversary finding f).

- a statement repeated in one premise–conclusion structure is kept once: at its last
  place as a conclusion when it is one (a conclusion stated again, as the tool's main
  conclusion), else at its first place as a premise;
- numbered statements after the last conclusion (the tool refuses such a document)
  leave the structure unfinished: the conclusion above them is intermediate;
- a `selection:` setting holding a lone surrogate (YAML's "\\ud800") is refused, as
  the front matter's title is."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.formats.argdown import load_argdown, read_argdown, write_argdown
from argmap.formats.errors import LoadError
from argmap.model import ArgumentMap
from argmap.model.structure import StepRole


def _structure(m: ArgumentMap) -> list[tuple[str, str]]:
    argument = next(n for n in m.nodes.values() if n.argument is not None)
    assert argument.argument is not None
    return [(m.nodes[s.statement].title, s.role.value) for s in argument.argument.pcs]


def _warnings(m: ArgumentMap) -> list[str]:
    info = m.meta.get("argdown")
    assert isinstance(info, dict)
    found = info.get("warnings")
    assert isinstance(found, list)
    return [str(w) for w in found]


def test_a_premise_written_twice_is_kept_once_with_a_warning() -> None:
    m = read_argdown("<A>\n\n(1) [P]: p.\n(2) [P]\n----\n(3) [C]: c.\n")
    assert _structure(m) == [("P", "premise"), ("C", "conclusion")]
    assert _warnings(m) == [
        "line 4: [P] is in the structure of <A> more than once; argmap keeps it once, as (1)"
    ]
    again = read_argdown(write_argdown(m))  # and it is written so
    assert _structure(again) == _structure(m)


def test_a_conclusion_stated_again_keeps_its_last_place() -> None:
    m = read_argdown("<A>\n\n(1) [P]: p.\n----\n(2) [C]: c.\n(3) [Q]: q.\n-- r --\n(4) [C]\n")
    assert _structure(m) == [("P", "premise"), ("Q", "premise"), ("C", "conclusion")]
    argument = next(n for n in m.nodes.values() if n.argument is not None)
    assert argument.argument is not None and argument.argument.pcs[-1].inference == "r"
    assert _warnings(m) == [
        "line 5: [C] is in the structure of <A> more than once; argmap keeps it once, as (4)"
    ]


def test_a_statement_concluded_from_itself_is_its_conclusion() -> None:
    m = read_argdown("<A>\n\n(1) [P]: p.\n----\n(2) [P]\n")
    assert _structure(m) == [("P", "conclusion")]
    assert len(_warnings(m)) == 1


def test_premises_after_the_last_conclusion_leave_the_structure_unfinished() -> None:
    m = read_argdown("<A>\n\n(1) [P]: p.\n----\n(2) [C]: c.\n(3) [Q]: q.\n")
    assert _structure(m) == [("P", "premise"), ("C", "intermediate"), ("Q", "premise")]
    assert _warnings(m) == [
        "line 6: (3) [Q] comes after the last conclusion of <A>; its structure stays unfinished"
    ]
    argument = next(n for n in m.nodes.values() if n.argument is not None)
    assert argument.argument is not None
    assert argument.argument.pcs[1].role is StepRole.INTERMEDIATE


@pytest.mark.parametrize(
    ("setting", "reason"),
    [
        ('selectedTags: ["\\ud800"]', "selectedTags contains a lone surrogate (U+D800)"),
        ('selectedTags: "a\\udc00"', "selectedTags contains a lone surrogate (U+DC00)"),
        (
            'selectedSections: ["S", "\\ud800"]',
            "selectedSections contains a lone surrogate (U+D800)",
        ),
    ],
)
def test_a_selection_with_a_lone_surrogate_is_refused_in_one_line(
    tmp_path: Path, setting: str, reason: str
) -> None:
    path = tmp_path / "doc.argdown"
    text = f"===\nselection:\n    {setting}\n===\n\n# S\n\n[A]: a #x\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_argdown(path)
    message = str(caught.value)
    at = " (character 1)" if "a\\udc00" in setting else ""
    assert message == f"{path}: the front matter's {reason}, which no file can hold{at}"
    assert "validation error" not in message and "input_value" not in message
    assert path.read_text(encoding="utf-8") == text  # nothing changed
