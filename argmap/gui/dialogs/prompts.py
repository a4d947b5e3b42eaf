"""The dialogs that ask the user the app's questions (the Prompter protocol of
argmap.gui.controllers.prompter, answered with QMessageBox and QFileDialog).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from argmap.gui.controllers import prompter as questions
from argmap.gui.controllers.prompter import (
    IMPORT_FILTER,
    MAP_FILTER,
    OPEN_FILTER,
    SOURCE_FILTER,
    OnDisk,
    ReadOnly,
    Storage,
    Unsaved,
)


class DialogPrompter:
    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def confirm_delete(self, text: str, count: int) -> bool:
        answer = QMessageBox.question(
            self.parent,
            "Delete",
            f"Delete “{text[:80]}” and the {count - 1} node(s) below it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_text(self, title: str, label: str, text: str) -> str | None:
        answer, ok = QInputDialog.getText(self.parent, title, label, text=text)
        return answer.strip() if ok and answer.strip() else None

    def ask_tag(self, tags: list[str], count: int, remove: bool) -> str | None:
        nodes = "the node" if count == 1 else f"the {count} selected nodes"
        title, label = (
            ("Remove Tag", f"Take this tag off {nodes}:")
            if remove
            else ("Add Tag", f"Give {nodes} this tag:")
        )
        tag, ok = QInputDialog.getItem(self.parent, title, label, tags, 0, not remove)
        return tag.strip() if ok and tag.strip() else None

    def ask_unsaved(self, name: str) -> Unsaved:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Unsaved changes",
            f"Save the changes to “{name}” before closing it?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self.parent,
        )
        box.setInformativeText("Your changes are lost if you don't save them.")
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return "save"
        if answer == QMessageBox.StandardButton.Discard:
            return "discard"
        return "cancel"

    def ask_changed_on_disk(self, name: str) -> OnDisk:
        answer = self._choose(
            QMessageBox.Icon.Warning,
            "File changed on disk",
            f"“{name}” was changed by another program since you opened it.",
            "Overwrite it with your version, or save yours under another name?",
            [("Save As…", "save_as"), ("Overwrite", "overwrite")],
        )
        return (
            "save_as" if answer == "save_as" else "overwrite" if answer == "overwrite" else "cancel"
        )

    def ask_read_only(self, name: str) -> ReadOnly:
        answer = self._choose(
            QMessageBox.Icon.Warning,
            "File is read-only",
            f"“{name}” is read-only, so argmap does not replace it.",
            "Save your changes under another name, or make the file writable and save again. "
            "Your changes stay open, and in the recovery file.",
            [("Save As…", "save_as")],
        )
        return "save_as" if answer == "save_as" else "cancel"

    def ask_restore(self, descriptions: list[str]) -> bool:
        answer = QMessageBox.question(
            self.parent,
            "Recover unsaved work",
            "argmap did not close properly last time. Restore the unsaved changes?\n\n"
            + "\n".join(descriptions),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def open_path(self, folder: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.parent, "Open Map", folder, OPEN_FILTER)
        return Path(name) if name else None

    def save_path(
        self, suggestion: str, title: str = "Save Map", filters: str = MAP_FILTER
    ) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self.parent, title, suggestion, filters)
        return Path(name) if name else None

    def import_path(self, folder: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.parent, "Import Map", folder, IMPORT_FILTER)
        return Path(name) if name else None

    def source_path(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.parent, "Attach Source Text", "", SOURCE_FILTER)
        return Path(name) if name else None

    def ask_source_storage(self, name: str) -> Storage:
        answer = self._choose(
            QMessageBox.Icon.Question,
            "Attach source text",
            f"Keep a copy of “{name}” inside the map file, or link to the file beside it?",
            "Inside: the map file carries the text. Beside: the map stores the file's name and "
            "checksum; if the file changes, spans are found again or flagged for review.",
            [("Inside the Map", "inside"), ("Link Beside", "beside")],
        )
        return "inside" if answer == "inside" else "beside" if answer == "beside" else "cancel"

    def _choose(
        self,
        icon: QMessageBox.Icon,
        title: str,
        text: str,
        detail: str,
        choices: list[tuple[str, str]],
    ) -> str:
        """A question with named answers (the first is the default) and Cancel."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, self.parent)
        box.setInformativeText(detail)
        buttons = [
            (box.addButton(label, QMessageBox.ButtonRole.AcceptRole), answer)
            for label, answer in choices
        ]
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(buttons[0][0])
        box.exec()
        clicked = box.clickedButton()
        return next((answer for button, answer in buttons if button == clicked), "cancel")

    def error(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent, title, text)


if TYPE_CHECKING:
    _ASKS_EVERY_QUESTION: type[questions.Prompter] = DialogPrompter  # mypy: keeps the protocol
