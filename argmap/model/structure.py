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

#: the colour names SVG (CSS) and Graphviz (X11) both know, with their SVG values; X11
#: gives gray/grey, green, maroon and purple other values, so a drawing writes these
_SVG_NAMES = """
aliceblue f0f8ff antiquewhite faebd7 aqua 00ffff aquamarine 7fffd4 azure f0ffff
beige f5f5dc bisque ffe4c4 black 000000 blanchedalmond ffebcd blue 0000ff
blueviolet 8a2be2 brown a52a2a burlywood deb887 cadetblue 5f9ea0 chartreuse 7fff00
chocolate d2691e coral ff7f50 cornflowerblue 6495ed cornsilk fff8dc crimson dc143c
cyan 00ffff darkblue 00008b darkcyan 008b8b darkgoldenrod b8860b darkgray a9a9a9
darkgreen 006400 darkgrey a9a9a9 darkkhaki bdb76b darkmagenta 8b008b
darkolivegreen 556b2f darkorange ff8c00 darkorchid 9932cc darkred 8b0000
darksalmon e9967a darkseagreen 8fbc8f darkslateblue 483d8b darkslategray 2f4f4f
darkslategrey 2f4f4f darkturquoise 00ced1 darkviolet 9400d3 deeppink ff1493
deepskyblue 00bfff dimgray 696969 dimgrey 696969 dodgerblue 1e90ff firebrick b22222
floralwhite fffaf0 forestgreen 228b22 fuchsia ff00ff gainsboro dcdcdc
ghostwhite f8f8ff gold ffd700 goldenrod daa520 gray 808080 grey 808080 green 008000
greenyellow adff2f honeydew f0fff0 hotpink ff69b4 indianred cd5c5c indigo 4b0082
ivory fffff0 khaki f0e68c lavender e6e6fa lavenderblush fff0f5 lawngreen 7cfc00
lemonchiffon fffacd lightblue add8e6 lightcoral f08080 lightcyan e0ffff
lightgoldenrodyellow fafad2 lightgray d3d3d3 lightgreen 90ee90 lightgrey d3d3d3
lightpink ffb6c1 lightsalmon ffa07a lightseagreen 20b2aa lightskyblue 87cefa
lightslategray 778899 lightslategrey 778899 lightsteelblue b0c4de
lightyellow ffffe0 lime 00ff00 limegreen 32cd32 linen faf0e6 magenta ff00ff
maroon 800000 mediumaquamarine 66cdaa mediumblue 0000cd mediumorchid ba55d3
mediumpurple 9370db mediumseagreen 3cb371 mediumslateblue 7b68ee
mediumspringgreen 00fa9a mediumturquoise 48d1cc mediumvioletred c71585
midnightblue 191970 mintcream f5fffa mistyrose ffe4e1 moccasin ffe4b5
navajowhite ffdead navy 000080 oldlace fdf5e6 olive 808000 olivedrab 6b8e23
orange ffa500 orangered ff4500 orchid da70d6 palegoldenrod eee8aa palegreen 98fb98
paleturquoise afeeee palevioletred db7093 papayawhip ffefd5 peachpuff ffdab9
peru cd853f pink ffc0cb plum dda0dd powderblue b0e0e6 purple 800080 red ff0000
rosybrown bc8f8f royalblue 4169e1 saddlebrown 8b4513 salmon fa8072
sandybrown f4a460 seagreen 2e8b57 seashell fff5ee sienna a0522d silver c0c0c0
skyblue 87ceeb slateblue 6a5acd slategray 708090 slategrey 708090 snow fffafa
springgreen 00ff7f steelblue 4682b4 tan d2b48c teal 008080 thistle d8bfd8
tomato ff6347 turquoise 40e0d0 violet ee82ee wheat f5deb3 white ffffff
whitesmoke f5f5f5 yellow ffff00 yellowgreen 9acd32
""".split()
NAMED_COLORS: dict[str, str] = {
    name: "#" + value for name, value in zip(_SVG_NAMES[::2], _SVG_NAMES[1::2], strict=True)
}

_HEX = r"#[0-9A-Fa-f]{3}|#[0-9A-Fa-f]{6}"
#: a colour Graphviz, SVG and Argdown all draw alike: #rgb, #rrggbb, or one of the names
#: above in any case (the format readers leave out what does not match)
COLOR_PATTERN = rf"^({_HEX}|(?i:{'|'.join(sorted(NAMED_COLORS))}))$"
#: what the JSON Schema says (its patterns have no case-insensitive names)
SCHEMA_COLOR_PATTERN = rf"^({_HEX}|[A-Za-z]{{3,30}})$"
_COLOR = re.compile(COLOR_PATTERN)
_WORD = re.compile(r"[A-Za-z]{1,30}")


def check_color(value: str) -> str:
    if _COLOR.fullmatch(value) is not None:
        return value
    if _WORD.fullmatch(value) is not None:
        raise ValueError(
            f"'{value}' is not a colour Graphviz and SVG both know: "
            "use #rrggbb or a CSS colour name such as navy"
        )
    raise ValueError(f"'{shown(value, 40)}' is not a colour: use #rrggbb or a colour name")


def rgb(color: str) -> str:
    """The #rrggbb an accepted colour means in SVG (lower case): what drawings write,
    since the system dot 2.43 fills #rgb black and X11 gives some names other values."""
    if not color.startswith("#"):
        return NAMED_COLORS[color.lower()]
    digits = color[1:].lower()
    return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits)


Color = Annotated[
    str,
    AfterValidator(check_color),
    WithJsonSchema({"type": "string", "pattern": SCHEMA_COLOR_PATTERN}),
]


#: what ends a line for Python (str.splitlines), so for editors and Argdown's headings
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


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
        if any(char in _LINE_BREAKS for char in value):
            raise ValueError("a section's title is one line (it has a line break)")
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
