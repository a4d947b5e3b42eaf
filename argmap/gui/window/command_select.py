"""The command table's rows for a multi-selection (gui/window/command_table.py): select
every node, and tag the selected nodes together.  Delete, Move to Section, the Assess
menu and dragging act on every selected node by themselves (gui/controllers/editing.py)."""

from __future__ import annotations

from argmap.gui.window.commands import Command, K

SELECT = (
    Command(
        "edit.select_all",
        "Select &All Nodes",
        "Select every node of the map (Ctrl+click or Shift+click adds or removes one)",
        (K.SelectAll,),
        run=lambda t: t.editor.select_all(),
    ),
    Command(
        "edit.add_tag",
        "Add Ta&g…",
        "Give the selected nodes a tag",
        ("Ctrl+Shift+T",),
        enabled_when="node",
        run=lambda t: t.editor.tag(),
    ),
    Command(
        "edit.remove_tag",
        "Remove Tag…",
        "Take a tag off the selected nodes",
        enabled_when="node",
        run=lambda t: t.editor.tag(remove=True),
    ),
)
