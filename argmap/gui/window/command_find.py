"""Find in the map's rows of the command table (gui/window/command_table.py): the Edit
menu's Find in Map, Find Next and Find Previous."""

from __future__ import annotations

from argmap.gui.window.commands import Command, K

FIND = (
    Command(
        "edit.find",
        "&Find in Map",
        "Find nodes by their text, title, note or tags; each match is highlighted",
        (K.Find,),
        run=lambda t: t.find_bar.open(),
    ),
    Command(
        "edit.find_next",
        "Find &Next",
        "Select the next node that matches the find bar's text",
        (K.FindNext,),
        run=lambda t: t.find_bar.step(forward=True),
    ),
    Command(
        "edit.find_previous",
        "Find Pre&vious",
        "Select the previous node that matches the find bar's text",
        (K.FindPrevious,),
        run=lambda t: t.find_bar.step(forward=False),
    ),
)
