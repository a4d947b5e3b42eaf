"""The steps of a premise-conclusion structure, typed from the reader to the writer.

A reconstructed argument lists numbered statements: premises, and conclusions each
under an inference line ("-- rule --").  The reader makes one `PcsStep` per numbered
statement (its `statement` is the title), mapping stores them in the argument's node
meta as plain JSON (its `statement` then a node id) and hands them back to the writer
typed again: `mapping.pcs_meta` and `mapping.pcs_of` are that one boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class Role(StrEnum):
    """What a numbered statement is in its argument; the value is what meta says."""

    PREMISE = "premise"
    INTERMEDIATE = "intermediate"  # a conclusion a later inference starts from
    CONCLUSION = "conclusion"  # the last conclusion: the argument's own


@dataclass(frozen=True, slots=True)
class Inference:
    """The inference line above a conclusion."""

    rule: str  # its rules as written, joined by ", " ("" for a bare "----")
    data: tuple[str, ...] = ()  # its data blocks as written ({uses: [1, 2]})


@dataclass(frozen=True, slots=True)
class PcsStep:
    """One numbered statement of a premise-conclusion structure."""

    number: int  # as written: "(3)"
    statement: str  # the statement's title in the reader, its node id in a map
    role: Role
    inference: Inference | None = None  # set for a conclusion: the line above it
    line: int = 0  # where it is written (0: not read from a text)
    data: tuple[str, ...] = ()  # the data blocks of the numbered statement, as written
    text: str = ""  # the numbered statement's own text, as read ("" for a reference)


def closed(steps: list[PcsStep]) -> list[PcsStep]:
    """The steps of a finished structure: every conclusion but the last is intermediate,
    and the last too when premises follow it (the structure is then unfinished)."""
    conclusions = [i for i, step in enumerate(steps) if step.role is not Role.PREMISE]
    out = list(steps)
    for index in conclusions:
        last = index == len(steps) - 1
        out[index] = replace(steps[index], role=Role.CONCLUSION if last else Role.INTERMEDIATE)
    return out


def once_each(steps: list[PcsStep]) -> tuple[list[PcsStep], list[tuple[PcsStep, PcsStep]]]:
    """The steps with each statement once, as the model holds a structure, and the
    (dropped, kept) pairs: a statement that is a conclusion keeps its last place as one
    (it was stated again: the tool's main conclusion is the last), any other its first."""
    concluded = {s.statement: i for i, s in enumerate(steps) if s.role is not Role.PREMISE}
    first: dict[str, int] = {}
    for index, step in enumerate(steps):
        first.setdefault(step.statement, index)
    kept_at = {title: concluded.get(title, at) for title, at in first.items()}
    kept = [s for i, s in enumerate(steps) if kept_at[s.statement] == i]
    dropped = [
        (s, steps[kept_at[s.statement]]) for i, s in enumerate(steps) if kept_at[s.statement] != i
    ]
    return kept, dropped
