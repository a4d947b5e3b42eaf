"""Autosave of unsaved changes to a recovery file, and the offer to restore it.

Each running window writes `<pid>-<n>.argmap.json` plus a `.meta.json` that
names the original file.  A recovery file whose process is gone is what a
crash left behind.
"""

from __future__ import annotations

import itertools
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal

from argmap.formats import SaveError, save
from argmap.formats.atomic import atomic_write
from argmap.gui.document import Document

EDITS_PER_AUTOSAVE = 20
_serial = itertools.count(1)


def recovery_folder() -> Path:
    explicit = os.environ.get("ARGMAP_RECOVERY_DIR")
    if explicit:
        return Path(explicit)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base or Path.home() / ".local" / "share" / "argmap") / "recovery"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class Orphan:
    """A recovery file left by a process that is gone."""

    file: Path
    meta: Path
    original: Path | None
    saved_at: float
    title: str

    def describe(self) -> str:
        name = self.original.name if self.original else "an untitled map"
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.saved_at))
        return f"• {name} ({self.title or 'no title'}), saved {when}"

    def discard(self) -> None:
        self.file.unlink(missing_ok=True)
        self.meta.unlink(missing_ok=True)


def find_orphans(folder: Path | None = None) -> list[Orphan]:
    folder = folder or recovery_folder()
    found = []
    for meta in sorted(folder.glob("*.meta.json")) if folder.is_dir() else []:
        try:
            info = json.loads(meta.read_text("utf-8"))
            pid = int(info["pid"])
            file = meta.with_name(meta.name.replace(".meta.json", ".argmap.json"))
        except (OSError, ValueError, KeyError, TypeError):
            continue  # not ours, or damaged: leave it alone
        if _alive(pid) or not file.is_file():
            continue
        original = info.get("path")
        found.append(
            Orphan(
                file,
                meta,
                Path(original) if isinstance(original, str) else None,
                float(info.get("saved_at", 0)),
                str(info.get("title", "")),
            )
        )
    return found


class Recovery(QObject):
    failed = Signal(str)

    def __init__(self, document: Document, seconds: int, folder: Path | None = None) -> None:
        super().__init__(document)
        self.document = document
        self.folder = folder or recovery_folder()
        stem = f"{os.getpid()}-{next(_serial)}"
        self.file = self.folder / f"{stem}.argmap.json"
        self.meta = self.folder / f"{stem}.meta.json"
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.autosave)
        self.set_interval(seconds)
        document.changed.connect(self._after_edit)
        document.modified_changed.connect(lambda modified: None if modified else self.discard())

    def set_interval(self, seconds: int) -> None:
        self.timer.start(max(1, seconds) * 1000)

    def _after_edit(self, *args: object) -> None:
        if self.document.edits_since_autosave >= EDITS_PER_AUTOSAVE:
            self.autosave()

    def autosave(self) -> bool:
        """Write the unsaved map to the recovery file; True if it was written."""
        if not self.document.is_modified():
            self.discard()
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            save(self.document.map, self.file)
            info = {
                "pid": os.getpid(),
                "path": str(self.document.path) if self.document.path else None,
                "saved_at": time.time(),
                "title": self.document.map.title,
            }
            atomic_write(self.meta, json.dumps(info, indent=2).encode("utf-8"))
        except (OSError, SaveError) as exc:
            self.failed.emit(f"Autosave failed: {exc}")
            return False
        self.document.edits_since_autosave = 0
        return True

    def discard(self) -> None:
        self.file.unlink(missing_ok=True)
        self.meta.unlink(missing_ok=True)
