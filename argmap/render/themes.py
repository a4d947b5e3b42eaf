"""How each role looks.  Roles, not colours alone, tell the parts apart.

Every theme varies line style and arrowheads too, so a map printed in grey
still shows supports (solid, arrow) and rebuttals (dashed, bar) apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.model.roles import Role


@dataclass(frozen=True)
class NodeLook:
    fill: str
    border: str
    style: str  # Graphviz node style
    penwidth: float = 1.2
    peripheries: int = 1
    fontcolor: str = "#1a1a1a"


@dataclass(frozen=True)
class EdgeLook:
    color: str
    style: str
    arrow: str
    penwidth: float = 1.4


@dataclass(frozen=True)
class Theme:
    name: str
    nodes: dict[Role, NodeLook]
    supports: EdgeLook
    rebuts: EdgeLook
    #: an undercut's edge, ending on the junction of the edge it attacks: dotted in
    #: every theme (a rebuttal's is dashed), so the two differ by more than colour
    undercuts: EdgeLook = EdgeLook("#8e24aa", "dotted", "tee", penwidth=1.8)
    background: str = "white"
    group_border: str = "#7a7a7a"
    edge_labels: bool = False
    captions: bool = False  # prefix nodes with their role, for greyscale print
    #: the border colour of each verdict of the evaluation (marks.py): none of them a
    #: relation's colour (tests/test_render_marks.py measures how far apart they are)
    verdicts: dict[str, str] = field(
        default_factory=lambda: {"in": "#00838f", "out": "#212121", "undecided": "#8d8d8d"}
    )


THEMES: dict[str, Theme] = {
    "default": Theme(
        name="default",
        nodes={
            Role.CLAIM: NodeLook("#dbe8f7", "#1f4e8c", "rounded,filled,bold", penwidth=2.4),
            Role.SUPPORT: NodeLook("#e2f2dc", "#2e7d32", "rounded,filled"),
            Role.REBUTTAL: NodeLook("#fbe0dd", "#c62828", "rounded,filled"),
            Role.COUNTER: NodeLook("#fdf0d0", "#b26a00", "rounded,filled", peripheries=2),
            Role.UNDERCUT: NodeLook("#f3e1f5", "#8e24aa", "rounded,filled,dotted", penwidth=1.6),
        },
        supports=EdgeLook("#2e7d32", "solid", "normal"),
        rebuts=EdgeLook("#c62828", "dashed", "tee"),
    ),
    # Okabe & Ito's palette, safe for the common colour-vision deficiencies.
    "colorblind": Theme(
        name="colorblind",
        nodes={
            Role.CLAIM: NodeLook("#d6ecfa", "#0072b2", "rounded,filled,bold", penwidth=2.4),
            Role.SUPPORT: NodeLook("#d9f0e9", "#009e73", "rounded,filled"),
            Role.REBUTTAL: NodeLook("#f9e0cc", "#d55e00", "rounded,filled,dashed"),
            Role.COUNTER: NodeLook("#fbeecb", "#e69f00", "rounded,filled", peripheries=2),
            Role.UNDERCUT: NodeLook("#f1dcea", "#cc79a7", "rounded,filled,dotted", penwidth=1.6),
        },
        supports=EdgeLook("#009e73", "solid", "normal"),
        rebuts=EdgeLook("#d55e00", "dashed", "tee"),
        undercuts=EdgeLook("#cc79a7", "dotted", "tee", penwidth=1.8),
        edge_labels=True,
        verdicts={"in": "#0072b2", "out": "#000000", "undecided": "#999999"},
    ),
    "print": Theme(
        name="print",
        nodes={
            Role.CLAIM: NodeLook("white", "black", "rounded,filled,bold", penwidth=2.6),
            Role.SUPPORT: NodeLook("white", "black", "rounded,filled"),
            Role.REBUTTAL: NodeLook("#eeeeee", "black", "rounded,filled,dashed"),
            Role.COUNTER: NodeLook("white", "black", "rounded,filled,dashed", peripheries=2),
            Role.UNDERCUT: NodeLook("#f4f4f4", "black", "rounded,filled,dotted", penwidth=1.6),
        },
        supports=EdgeLook("black", "solid", "normal"),
        rebuts=EdgeLook("black", "dashed", "tee"),
        undercuts=EdgeLook("black", "dotted", "tee", penwidth=1.8),
        group_border="black",
        edge_labels=True,
        captions=True,
        verdicts={"in": "black", "out": "black", "undecided": "#555555"},
    ),
}

CAPTIONS = {
    Role.CLAIM: "CLAIM",
    Role.SUPPORT: "SUPPORT",
    Role.REBUTTAL: "REBUTTAL",
    Role.COUNTER: "COUNTER-REBUTTAL",
    Role.UNDERCUT: "UNDERCUT",
}
