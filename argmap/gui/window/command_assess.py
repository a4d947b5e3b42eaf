"""The Assess menu's rows of the command table (gui/window/command_table.py): a node's
acceptance and a reason's force, for the selected node or every selected node."""

from __future__ import annotations

from argmap.gui.window.commands import Command, Run
from argmap.model import Acceptance, Force


def _assess(acceptance: Acceptance | None) -> Run:
    return lambda t: t.editor.assess(acceptance)


def _weigh(force: Force | None) -> Run:
    return lambda t: t.editor.weigh(force)


A, F = Acceptance, Force
ASSESS = (
    Command(
        "assess.accepted",
        "&Accepted",
        "Assess the selected statement as accepted",
        ("Ctrl+Alt+A",),
        run=_assess(A.ACCEPTED),
    ),
    Command(
        "assess.rejected",
        "&Rejected",
        "Assess the selected statement as rejected",
        ("Ctrl+Alt+R",),
        run=_assess(A.REJECTED),
    ),
    Command(
        "assess.undecided",
        "&Undecided",
        "Assess the selected statement as undecided",
        ("Ctrl+Alt+U",),
        run=_assess(A.UNDECIDED),
    ),
    Command(
        "assess.clear",
        "&Not Assessed",
        "Clear the selected statement's assessment",
        ("Ctrl+Alt+0",),
        run=_assess(None),
    ),
    Command(
        "assess.strong",
        "&Strong",
        "The selected reason or rebuttal weighs heavily",
        ("Ctrl+Alt+S",),
        run=_weigh(F.STRONG),
    ),
    Command(
        "assess.weak",
        "&Weak",
        "The selected reason or rebuttal weighs little",
        ("Ctrl+Alt+W",),
        run=_weigh(F.WEAK),
    ),
    Command(
        "assess.no_force",
        "No &Force",
        "The selected reason or rebuttal counts for nothing",
        ("Ctrl+Alt+N",),
        run=_weigh(F.NONE),
    ),
    Command(
        "assess.clear_force",
        "F&orce Not Assessed",
        "Clear the selected reason's force",
        ("Ctrl+Alt+9",),
        run=_weigh(None),
    ),
    Command(
        "assess.evaluation",
        "Show &Evaluation",
        "Show which statements stand, computed from your assessments",
        ("F9",),
        toggle=lambda t, on: t.view_state.set_view(evaluation=on),
    ),
)
