"""The clipboard's commands (gui/controllers/clipboard.py): rows of the command table.

Copy is Ctrl+C rather than the platform's whole standard Copy: on Linux that is also
Ctrl+Insert, which is Add Rebuttal's.  Ctrl+C is Cmd+C on macOS, so it is the standard
key everywhere it matters."""

from __future__ import annotations

from argmap.gui.window.commands import Command, K
from argmap.model import Relation

CLIPBOARD = (
    Command(
        "edit.cut",
        "Cu&t",
        "Cut the selected node and what is below it to the clipboard",
        (K.Cut,),
        enabled_when="node",
        run=lambda t: t.clipboard.cut(),
    ),
    Command(
        "edit.copy",
        "Cop&y",
        "Copy the selected node and what is below it, for argmap and as a text outline",
        ("Ctrl+C",),
        enabled_when="node",
        run=lambda t: t.clipboard.copy(),
    ),
    Command(
        "edit.paste",
        "&Paste",
        "Paste nodes, an outline or Argdown from the clipboard as supports of the selected"
        " node (as claims when none is selected)",
        (K.Paste,),
        run=lambda t: t.clipboard.paste(),
    ),
    Command(
        "edit.paste_rebuttal",
        "Paste as Re&buttal",
        "Paste from the clipboard as rebuttals of the selected node",
        ("Ctrl+Shift+V",),
        enabled_when="node",
        run=lambda t: t.clipboard.paste(Relation.REBUTS),
    ),
)
