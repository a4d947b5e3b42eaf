"""What a command is, as data: a row of the command table (gui/window/command_table.py).

A row says what the command is called, its keys, its icon, its status tip, when it is
enabled and what it calls.  gui/window/actions.py turns the rows into QActions,
gui/window/menus.py lays them out by id, and the shortcuts dialog and the key-collision
test read the same rows.  A handler calls a part (a controller, the diagram, the view
state); the behaviour stays in the part.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QStyle

from argmap.gui.controllers.clipboard import ClipboardController
from argmap.gui.controllers.editing import EditController
from argmap.gui.controllers.exporting import ExportController
from argmap.gui.controllers.files import FileController
from argmap.gui.controllers.sharing import SharingController
from argmap.gui.controllers.sourcing import SourceController
from argmap.gui.diagram.view import DiagramView
from argmap.gui.document.selection import Selection
from argmap.gui.document.view_state import ViewState
from argmap.gui.panels.find_bar import FindBar

K = QKeySequence.StandardKey
SP = QStyle.StandardPixmap

#: a key as the table gives it: a platform's standard key, or a portable key string
Key = QKeySequence.StandardKey | str

#: when a command is enabled: always (the command itself tells the user why it cannot
#: run), when a node is selected, when the selected node has a parent, when the map has
#: a file, when the selected node has an inference an undercut can attack (a support or
#: an argument), when the selected node is a support or a rebuttal (not an undercut)
Rule = Literal["always", "node", "child", "saved", "inference", "reason"]


class Targets(Protocol):
    """The parts the commands call: the main window has them all."""

    @property
    def editor(self) -> EditController: ...
    @property
    def clipboard(self) -> ClipboardController: ...
    @property
    def files(self) -> FileController: ...
    @property
    def sharing(self) -> SharingController: ...
    @property
    def exporting(self) -> ExportController: ...
    @property
    def sourcing(self) -> SourceController: ...
    @property
    def view_state(self) -> ViewState: ...
    @property
    def diagram(self) -> DiagramView: ...
    @property
    def selection(self) -> Selection: ...
    @property
    def find_bar(self) -> FindBar: ...

    def close(self) -> bool: ...
    def show_guide(self) -> None: ...
    def show_shortcuts(self) -> None: ...
    def show_about(self) -> None: ...
    def show_panel(self, name: str, shown: bool) -> None: ...
    def place_source(self, beside: bool) -> None: ...


@dataclass(frozen=True)
class Icon:
    """An icon as data: the desktop theme's (with Qt's standard pixmap where the theme
    has none), or one that argmap draws (gui/common/icons.py)."""

    kind: Literal["theme", "own", "glyph", "zoom"]
    name: str
    fallback: QStyle.StandardPixmap | None = None


def themed(name: str, fallback: QStyle.StandardPixmap) -> Icon:
    return Icon("theme", name, fallback)


def own(name: str) -> Icon:
    return Icon("own", name)


def glyph(name: str) -> Icon:
    return Icon("glyph", name)


def zoom(symbol: str) -> Icon:
    return Icon("zoom", symbol)


Run = Callable[[Targets], object]
Toggle = Callable[[Targets, bool], object]


@dataclass(frozen=True)
class Command:
    id: str
    text: str
    #: the status tip: what the command does, in one line
    tip: str
    keys: tuple[Key, ...] = ()
    icon: Icon | None = None
    enabled_when: Rule = "always"
    #: what a plain command calls
    run: Run | None = None
    #: what a checkable command calls with its new state (it is checkable when set)
    toggle: Toggle | None = None
    #: a checkable command's state, read from the view state whenever it changes
    checked_when: Callable[[ViewState], bool] | None = None
    #: "undo" or "redo": the action comes from the document's undo stack
    stack: Literal["undo", "redo"] | None = None
    #: the exclusive group of a checkable choice (one theme, one direction)
    group: str | None = None
    #: the dock widget (by object name) a checkable command shows and hides; its checked
    #: state follows the dock's own toggle action, so closing the dock unchecks it
    panel: str | None = None

    @property
    def checkable(self) -> bool:
        return self.toggle is not None


def theme_choice(theme: str, text: str, tip: str) -> Command:
    """One of the View menu's themes: checked while it is the view state's."""
    return Command(
        f"view.theme.{theme}",
        text,
        tip,
        toggle=lambda t, on: t.view_state.choose_theme(theme),
        checked_when=lambda state: state.theme == theme,
        group="theme",
    )


def direction_choice(direction: str, text: str, tip: str) -> Command:
    """One of the View menu's directions: checked while it is the view state's."""
    return Command(
        f"view.direction.{direction}",
        text,
        tip,
        toggle=lambda t, on: t.view_state.choose_direction(direction),
        checked_when=lambda state: state.direction == direction,
        group="direction",
    )


def part_toggle(part: Literal["legend", "overview"], text: str, tip: str, key: str) -> Command:
    """Show or hide a part drawn over the diagram: checked while the view state shows it."""
    return Command(
        f"view.{part}",
        text,
        tip,
        (key,),
        toggle=lambda t, on: t.view_state.show_part(part, on),
        checked_when=lambda state: bool(getattr(state, part)),
    )


def panel_toggle(name: str, text: str) -> Command:
    """Show or hide a dock widget, as its own toggle action does."""
    return Command(
        f"panel.{name}",
        text,
        f"Show or hide the {text} panel",
        toggle=lambda t, on: t.show_panel(name, on),
        panel=name,
    )


#: the View menu's layout, legend and overview
LAYOUT = (
    Command(
        "view.relayout",
        "Re-&layout to Fit",
        "Choose the layout again for the window's shape, and keep it in the map",
        ("Ctrl+Shift+L",),
        run=lambda t: t.view_state.ask_refit(),
    ),
    part_toggle(
        "overview",
        "O&verview",
        "Show a small map of the whole diagram in a corner when it does not fit",
        "Ctrl+Shift+O",
    ),
    part_toggle(
        "legend", "L&egend", "Show what the diagram's colours, frames and marks mean", "F8"
    ),
)

#: the View menu's exclusive choices, and its panel toggles
CHOICES = (
    theme_choice("default", "&Default", "Draw with the usual colours"),
    theme_choice("colorblind", "&Colour-blind Safe", "Draw with colours everyone tells apart"),
    theme_choice("print", "&Print (Greyscale)", "Draw in greys, for printing"),
    direction_choice(
        "auto", "&Automatic (Fit the Window)", "Lay the map out to fit the window best"
    ),
    direction_choice("TB", "&Top to Bottom", "Draw the claims at the top, reasons below"),
    direction_choice("LR", "&Left to Right", "Draw the claims on the left, reasons to the right"),
)
PANELS = (
    *(
        panel_toggle(name, text)
        for name, text in (
            *(("outline", "Outline"), ("inspector", "Inspector"), ("history", "History")),
            *(("source", "Source"), ("problems", "Problems"), ("sections", "Sections")),
        )
    ),
    Command(
        "panel.source_beside",
        "Source &Beside Diagram",
        "Show the source text in a column of its own next to the diagram, or back in the tabs",
        toggle=lambda t, on: t.place_source(on),
    ),
)


def sequences(keys: tuple[Key, ...]) -> list[QKeySequence]:
    """The key sequences a row's keys stand for on this platform, in order, each once
    (HelpContents is F1 on Linux: "F1" beside it must not bind it twice)."""
    found: list[QKeySequence] = []
    for key in keys:
        bound = (
            QKeySequence.keyBindings(key)
            if isinstance(key, QKeySequence.StandardKey)
            else [QKeySequence(key)]
        )
        found.extend(k for k in bound if usable(k) and k not in found)
    return found


def usable(key: QKeySequence) -> bool:
    """A key on an ordinary keyboard: not empty, no F13-F35, no media or vendor key.
    Platforms add such keys to the standard bindings (Undo is F14 on old Sun keyboards,
    "New" and "Save" are media keys); the shortcuts dialog would list them as names."""
    if key.isEmpty():
        return False
    for index in range(key.count()):
        code = key[index].key()  # type: ignore[index]  # __getitem__ is missing from the stubs
        if Qt.Key.Key_F13.value <= code.value <= Qt.Key.Key_F35.value:
            return False
        if code.value >= Qt.Key.Key_Super_L.value:  # media, vendor and unknown keys
            return False
    return True
