"""How the evaluation marks a node: a sign and a word in its label, and its border.

Three things tell a verdict apart, so that no one of them has to: the sign (✔ stands,
✘ does not stand, ? undecided, drawn by the nodes' font or DejaVu on both engines), the
border's line (stands: thick and solid; does not stand: dashed, as if struck out;
undecided: dotted) and its colour.  The colours are the theme's own (themes.py), none of
them a support's or rebuttal's colour, so a verdict is never read as a relation; in
print they are black and greys, and the line and sign carry the verdict.
"""

from __future__ import annotations

from argmap.render.themes import Theme

STATUSES = ("in", "out", "undecided")
MARKS = {"in": "✔ stands", "out": "✘ does not stand", "undecided": "? undecided"}
#: the border's line style and width for each verdict
LINES = {"in": ("solid", 3.0), "out": ("dashed", 2.4), "undecided": ("dotted", 2.4)}
#: the parts of a role's node style that draw its border's line (the verdict's replace them)
_LINE_STYLES = {"solid", "dashed", "dotted", "bold"}


def border(theme: Theme, status: str, style: str) -> tuple[str, str, float]:
    """The node `style` with the verdict's line in it, the border colour and width."""
    line, pen = LINES[status]
    kept = [p for p in style.split(",") if p and p not in _LINE_STYLES]
    if line != "solid":
        kept.append(line)
    return ",".join(kept) or "solid", theme.verdicts[status], pen


def dash(status: str) -> str:
    """The verdict's line as an SVG stroke-dasharray (the legend's swatch)."""
    return {"dashed": "5,3", "dotted": "1.5,2.5"}.get(LINES[status][0], "")
