"""The Help menu's rows of the command table (gui/window/command_table.py)."""

from __future__ import annotations

from argmap.gui.window.commands import Command, K

HELP = (
    Command(
        "help.guide",
        "User &Guide",
        "How to map an article, with the keys, export, import and evaluation",
        (K.HelpContents, "F1"),
        run=lambda t: t.show_guide(),
    ),
    Command(
        "help.shortcuts",
        "&Keyboard Shortcuts",
        "Every command with its keys",
        ("Ctrl+/",),
        run=lambda t: t.show_shortcuts(),
    ),
    Command("help.about", "&About argmap", "The version of argmap", run=lambda t: t.show_about()),
    Command(
        "view.font_larger",
        "Diagram Te&xt Larger",
        "Make the diagram's text larger",
        ("Ctrl+Alt+=",),
        run=lambda t: t.view_state.step_font(+1),
    ),
    Command(
        "view.font_smaller",
        "Diagram Text S&maller",
        "Make the diagram's text smaller",
        ("Ctrl+Alt+-",),
        run=lambda t: t.view_state.step_font(-1),
    ),
    Command(
        "view.colorblind",
        "Colour-blind Safe Colours",
        "Draw with colours that people with colour-vision deficiencies tell apart",
        toggle=lambda t, on: t.view_state.choose_theme("colorblind" if on else "default"),
        checked_when=lambda state: state.theme == "colorblind",
    ),
)

#: the View menu's choices and panel toggles (no keys, so not in the shortcuts dialog)
