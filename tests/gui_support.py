"""Shared pieces of the GUI tests: a prompter that answers for the user, and windows."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from argmap.gui.controllers.prompter import OnDisk, ReadOnly, Storage, Unsaved
from argmap.gui.dialogs.prompts import DialogPrompter

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from argmap.gui.window.main_window import MainWindow


class ScriptedPrompter(DialogPrompter):
    """Answers the app's questions as a user would; a modal dialog would block the test."""

    def __init__(self) -> None:
        super().__init__(None)
        self.answers: dict[str, list[object]] = {}
        self.asked: list[tuple[str, object]] = []

    def script(self, question: str, *answers: object) -> None:
        self.answers.setdefault(question, []).extend(answers)

    def _answer(self, question: str, detail: object) -> object:
        self.asked.append((question, detail))
        queue = self.answers.get(question)
        if not queue:
            raise AssertionError(f"unexpected question: {question} ({detail})")
        return queue.pop(0)

    def confirm_delete(self, text: str, count: int) -> bool:
        return bool(self._answer("delete", count))

    def ask_text(self, title: str, label: str, text: str) -> str | None:
        return cast("str | None", self._answer("text", (title, text)))

    def ask_tag(self, tags: list[str], count: int, remove: bool) -> str | None:
        return cast("str | None", self._answer("tag", (tags, count, remove)))

    def ask_unsaved(self, name: str) -> Unsaved:
        return cast(Unsaved, self._answer("unsaved", name))

    def ask_changed_on_disk(self, name: str) -> OnDisk:
        return cast(OnDisk, self._answer("on_disk", name))

    def ask_read_only(self, name: str) -> ReadOnly:
        return cast(ReadOnly, self._answer("read_only", name))

    def ask_restore(self, descriptions: list[str]) -> bool:
        return bool(self._answer("restore", descriptions))

    def open_path(self, folder: str) -> Path | None:
        return cast("Path | None", self._answer("open", folder))

    def save_path(self, suggestion: str, title: str = "", filters: str = "") -> Path | None:
        return cast("Path | None", self._answer("save", suggestion))

    def import_path(self, folder: str) -> Path | None:
        return cast("Path | None", self._answer("import", folder))

    def source_path(self) -> Path | None:
        return cast("Path | None", self._answer("source", None))

    def ask_source_storage(self, name: str) -> Storage:
        return cast(Storage, self._answer("storage", name))

    def error(self, title: str, text: str) -> None:
        self.asked.append(("error", text))


def wait_loaded(qtbot: QtBot, window: MainWindow, timeout: int = 20000) -> None:
    """Opening reads the file in the background: wait until it is read and opened."""
    qtbot.waitUntil(lambda: not window.files.loading, timeout=timeout)
