"""The structure of a map beyond its tree: arguments with premise–conclusion structures,
argument schemes and their critical questions, sections, the tag palette and saved views.

An argument is a node with an `Argument` value: Argdown's `<Title>`, Rationale's and
OVA's inference.  Its premise–conclusion structure lists statements of the map by id,
in order, each with its role; an inference line (its rule or note) sits above each
conclusion.  Sections are headings, nested through `parent`; a node names the one it
is in.  These models check what they can see alone; what needs the whole map (that a
step names a statement of the map, that a section exists) is checked by
`document.structural_problems`.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    Field,
    StrictBool,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from argmap.model.base import NodeId, _Frozen, _saveable, clean_text, share_fields_set
from argmap.model.validation import check_saveable, shown

#: a colour Graphviz, SVG and Argdown all read: #rgb, #rrggbb, or a plain colour name
COLOR_PATTERN = r"^(#[0-9A-Fa-f]{3}|#[0-9A-Fa-f]{6}|[A-Za-z]{3,30})$"
_COLOR = re.compile(COLOR_PATTERN)


def check_color(value: str) -> str:
    if _COLOR.fullmatch(value) is None:
        raise ValueError(f"'{shown(value, 40)}' is not a colour: use #rrggbb or a colour name")
    return value


Color = Annotated[
    str, AfterValidator(check_color), WithJsonSchema({"type": "string", "pattern": COLOR_PATTERN})
]


def _not_blank(value: str, what: str) -> str:
    if not value.strip():
        raise ValueError(f"{what} cannot be empty")
    return value


class StepRole(StrEnum):
    """What a numbered statement is in its argument."""

    PREMISE = "premise"
    INTERMEDIATE = "intermediate"  # a conclusion a later inference starts from
    CONCLUSION = "conclusion"  # the last step: the argument's own conclusion


class Step(_Frozen):
    """One numbered statement of a premise–conclusion structure."""

    statement: NodeId = Field(description="the id of a statement of the map")
    role: StepRole = StepRole.PREMISE
    inference: str = Field(
        default="",
        description="the rule or note of the inference line above a conclusion",
    )

    @field_validator("inference", mode="after")
    @classmethod
    def _clean(cls, value: str) -> str:
        return clean_text(value)

    @model_validator(mode="after")
    def _checked(self) -> Step:
        check_step(self)
        share_fields_set(self)
        return self


def check_step(step: Step) -> None:
    if step.role is StepRole.PREMISE and step.inference:
        raise ValueError(
            f"step '{step.statement}': a premise has no inference line (only conclusions)"
        )


class Question(_Frozen):
    """A critical question of an argument's scheme, ticked off once it is answered."""

    text: str
    answered: StrictBool = False

    @field_validator("text", mode="after")
    @classmethod
    def _clean(cls, value: str) -> str:
        return _not_blank(clean_text(value), "a question")


class Argument(_Frozen):
    """What makes a node an argument rather than a statement."""

    pcs: tuple[Step, ...] = Field(
        default=(), description="the premise–conclusion structure, in order"
    )
    scheme: str = Field(default="", description="the argument scheme, e.g. 'Expert opinion'")
    questions: tuple[Question, ...] = Field(
        default=(), description="the scheme's critical questions, as a checklist"
    )

    _strings = field_validator("scheme", mode="after")(_saveable)

    @model_validator(mode="after")
    def _checked(self) -> Argument:
        check_pcs(self.pcs)
        return self

    def premises(self) -> tuple[str, ...]:
        return tuple(s.statement for s in self.pcs if s.role is StepRole.PREMISE)

    def conclusion(self) -> str | None:
        """The main conclusion's statement, when the structure has one."""
        if self.pcs and self.pcs[-1].role is StepRole.CONCLUSION:
            return self.pcs[-1].statement
        return None

    def complete(self) -> bool:
        """A structure Argdown can write: starts with a premise, ends with the conclusion."""
        return (
            len(self.pcs) >= 2
            and self.pcs[0].role is StepRole.PREMISE
            and self.conclusion() is not None
        )


def check_pcs(steps: tuple[Step, ...]) -> None:
    """A structure may be unfinished while it is edited, but never ambiguous: each
    statement once, the main conclusion only last, and no intermediate conclusion last."""
    seen: set[str] = set()
    for index, step in enumerate(steps):
        if step.statement in seen:
            raise ValueError(f"statement '{step.statement}' is twice in one structure")
        seen.add(step.statement)
        last = index == len(steps) - 1
        if step.role is StepRole.CONCLUSION and not last:
            raise ValueError(
                f"step {index + 1}: the main conclusion is the last step; "
                "mark an earlier one intermediate"
            )
        if step.role is StepRole.INTERMEDIATE and last:
            raise ValueError(f"step {index + 1}: the last conclusion is the main one")


class Section(_Frozen):
    """A heading; `parent` nests it in another section."""

    id: NodeId
    title: str
    parent: NodeId | None = None

    @field_validator("title", mode="after")
    @classmethod
    def _clean(cls, value: str) -> str:
        return _not_blank(clean_text(value), "a section's title")


class View(_Frozen):
    """A named way to look at the map, saved in the file and chosen for export."""

    name: str
    tags: tuple[str, ...] = Field(
        default=(), description="show only nodes with one of these tags (none: all)"
    )
    hidden_sections: tuple[NodeId, ...] = Field(
        default=(), description="sections whose nodes are not shown"
    )
    hide_disconnected: StrictBool = Field(
        default=False, description="leave out statements with no relation"
    )

    _strings = field_validator("tags", mode="after")(_saveable)

    @field_validator("name", mode="after")
    @classmethod
    def _named(cls, value: str) -> str:
        check_saveable(value)
        if not value.strip() or "\n" in value or len(value) > 200:
            raise ValueError("a view's name is one line of 1 to 200 characters")
        return value
