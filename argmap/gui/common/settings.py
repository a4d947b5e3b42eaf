"""Typed access to QSettings that survives a damaged or hand-edited store.

Every read has a default and a check, so a bad value is ignored, never fatal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10
THEMES = ("default", "colorblind", "print")
#: "auto": the layout that fits the window (or page) best; TB/LR pin a plain tree
DIRECTIONS = ("auto", "TB", "LR")
EXPORT_FORMATS = ("svg", "png", "pdf", "html", "dot")


class AppSettings:
    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings()

    # -- primitives -------------------------------------------------------------------
    def _get(self, key: str) -> Any:
        try:
            return self.store.value(key)
        except Exception:  # a value Qt cannot even decode
            return None

    def text(self, key: str, default: str, choices: tuple[str, ...] | None = None) -> str:
        value = self._get(key)
        if not isinstance(value, str) or (choices is not None and value not in choices):
            return default
        return value

    def number(self, key: str, default: float, low: float, high: float) -> float:
        value = self._get(key)
        try:
            number = float(value)  # whatever the store held: a str, a number, ...
        except (TypeError, ValueError):
            return default
        return number if low <= number <= high else default

    def blob(self, key: str) -> QByteArray | None:
        value = self._get(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set(self, key: str, value: Any) -> None:
        self.store.setValue(key, value)

    # -- what the app keeps -----------------------------------------------------------
    def recent_files(self) -> list[Path]:
        value = self._get("files/recent")
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        return [Path(v) for v in value if isinstance(v, str) and v][:MAX_RECENT]

    def add_recent(self, path: Path) -> None:
        path = path.resolve()
        recent = [p for p in self.recent_files() if p != path]
        self.set("files/recent", [str(p) for p in [path, *recent][:MAX_RECENT]])

    def remove_recent(self, path: Path) -> None:
        self.set("files/recent", [str(p) for p in self.recent_files() if p != path])

    def recent_shared(self) -> list[tuple[str, str]]:
        """(title, room URL) of the shared maps joined or shared last, newest first."""
        value = self._get("share/recent")
        if not isinstance(value, list):
            return []
        out = []
        for item in value:
            if isinstance(item, str) and "\n" in item:
                title, url = item.split("\n", 1)
                out.append((title, url))
        return out[:MAX_RECENT]

    def add_recent_shared(self, title: str, url: str) -> None:
        title = " ".join(title.split())[:80] or "Shared map"
        kept = [f"{t}\n{u}" for t, u in self.recent_shared() if u != url]
        self.set("share/recent", [f"{title}\n{url}", *kept][:MAX_RECENT])

    @property
    def theme(self) -> str:
        return self.text("view/theme", "default", THEMES)

    @property
    def direction(self) -> str:
        return self.text("view/direction", "auto", DIRECTIONS)

    @property
    def autosave_seconds(self) -> int:
        return int(self.number("files/autosave_seconds", 30, 2, 3600))

    @property
    def last_folder(self) -> str:
        folder = self.text("files/last_folder", "")
        return folder if folder and Path(folder).is_dir() else str(Path.home())
