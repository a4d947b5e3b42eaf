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


@dataclass(frozen=True, slots=True)
class PcsStep:
    """One numbered statement of a premise-conclusion structure."""

    number: int  # as written: "(3)"
    statement: str  # the statement's title in the reader, its node id in a map
    role: Role
    inference: Inference | None = None  # set for a conclusion: the line above it


def closed(steps: list[PcsStep]) -> list[PcsStep]:
    """The steps of a finished structure: every conclusion but the last is intermediate."""
    conclusions = [i for i, step in enumerate(steps) if step.role is Role.CONCLUSION]
    if len(conclusions) < 2:
        return steps
    out = list(steps)
    for index in conclusions[:-1]:
        out[index] = replace(steps[index], role=Role.INTERMEDIATE)
    return out
