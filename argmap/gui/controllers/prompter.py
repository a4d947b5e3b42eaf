"""Every question the app asks the user, as a protocol.

The controllers ask through a Prompter instead of opening dialogs themselves,
so they import no widgets and the tests can answer for the user (a modal
dialog would block them).  The dialogs that ask for real are
argmap.gui.dialogs.prompts.DialogPrompter.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Protocol

Unsaved = Literal["save", "discard", "cancel"]
Storage = Literal["inside", "beside", "cancel"]
OnDisk = Literal["overwrite", "save_as", "cancel"]
ReadOnly = Literal["save_as", "cancel"]

MAP_FILTER = "Argument maps (*.argmap.json);;JSON files (*.json);;All files (*)"
IMPORT_FILTER = (
    "Maps argmap reads (*.argmap.json *.argdown *.ad *.json *.txt);;Argdown (*.argdown *.ad);;"
    "AIF JSON (*.json);;Kialo text export (*.txt);;All files (*)"
)
#: Open reads every format argmap reads, as Import does (Save writes argmap maps)
OPEN_FILTER = (
    "Maps argmap reads (*.argmap.json *.argdown *.ad *.json *.txt);;"
    "argmap maps (*.argmap.json);;Argdown (*.argdown *.ad);;AIF JSON (*.json);;"
    "Kialo text export (*.txt);;All files (*)"
)
SOURCE_FILTER = "Texts (*.txt *.md *.markdown *.html *.htm);;All files (*)"


class Prompter(Protocol):
    """The questions; each answer is a value, and cancelling is one of them."""

    def confirm_delete(self, text: str, count: int) -> bool:
        """Delete the node with `text` and the `count - 1` nodes below it?"""
        ...

    def ask_tag(self, tags: list[str], count: int, remove: bool) -> str | None:
        """The tag to give the `count` selected nodes (or take off them); None: cancel."""
        ...

    def ask_unsaved(self, name: str) -> Unsaved:
        """Save the changes to `name` before closing it?"""
        ...

    def ask_changed_on_disk(self, name: str) -> OnDisk:
        """Another program changed `name`: overwrite it, or save under another name?"""
        ...

    def ask_read_only(self, name: str) -> ReadOnly:
        """`name` is read-only: save under another name?"""
        ...

    def ask_restore(self, descriptions: list[str]) -> bool:
        """Restore the unsaved work a crashed session left?"""
        ...

    def open_path(self, folder: str) -> Path | None:
        """A map to open, starting in `folder`; None if cancelled."""
        ...

    def save_path(
        self, suggestion: str, title: str = "Save Map", filters: str = MAP_FILTER
    ) -> Path | None:
        """Where to save, starting from `suggestion`; None if cancelled."""
        ...

    def import_path(self, folder: str) -> Path | None:
        """A file of another format to import; None if cancelled."""
        ...

    def source_path(self) -> Path | None:
        """A source text to attach; None if cancelled."""
        ...

    def ask_source_storage(self, name: str) -> Storage:
        """Keep the source text `name` inside the map, or link to it beside?"""
        ...

    def ask_text(self, title: str, label: str, text: str) -> str | None:
        """A line of text (a server address, a room URL, a name); None if cancelled."""
        ...

    def error(self, title: str, text: str) -> None:
        """Tell the user something went wrong."""
        ...
