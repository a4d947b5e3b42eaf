"""New, Open, Save, Save As, Revert, recent files and recovery: the File menu's behaviour."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from argmap.formats import LoadError, SaveError, load, load_with_notes, save
from argmap.formats.native import SUFFIX
from argmap.formats.registry import FORMATS, input_format, read_any, write_any
from argmap.gui.document import Document
from argmap.gui.prompts import Prompter
from argmap.gui.recovery import Orphan, Recovery, find_orphans
from argmap.gui.settings import AppSettings
from argmap.model import ArgumentMap


def with_suffix(path: Path) -> Path:
    """A name typed without a suffix gets ours; one the user chose is kept."""
    return path if path.suffix else path.with_name(path.name + SUFFIX)


class FileController(QObject):
    message = Signal(str)  # for the status bar
    recent_changed = Signal()

    def __init__(
        self,
        document: Document,
        prompter: Prompter,
        settings: AppSettings,
        recovery: Recovery,
    ) -> None:
        super().__init__(document)
        self.document = document
        self.prompter = prompter
        self.settings = settings
        self.recovery = recovery

    # -- asking first -----------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current map (saved, discarded or clean)."""
        if not self.document.is_modified():
            return True
        answer = self.prompter.ask_unsaved(self.document.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    # -- commands ---------------------------------------------------------------------
    def new(self) -> bool:
        if not self.maybe_save():
            return False
        self.recovery.discard()
        self.document.replace(ArgumentMap(), None)
        self.message.emit("New map")
        return True

    def open(self, path: Path | None = None) -> bool:
        if not self.maybe_save():
            return False
        if path is None:
            path = self.prompter.open_path(self.settings.last_folder)
            if path is None:
                return False
        return self.load(path)

    def load(self, path: Path, fmt: str | None = None) -> bool:
        """Read `path` (any format argmap reads); on failure say why and keep the open map."""
        notes: list[str] = []
        try:
            fmt = input_format(path, fmt)
            if fmt == "argmap":
                m, notes = load_with_notes(path)
            else:
                m, _ = read_any(path, fmt)
        except (LoadError, OSError) as exc:
            self.prompter.error("Cannot open map", str(exc))
            self.message.emit(f"Could not open {path.name}")
            return False
        self.recovery.discard()
        if fmt == "argmap":
            self.document.replace(m, path.resolve())
            self.message.emit(f"Opened {path.name}" + (f" — {notes[0]}" if notes else ""))
        else:  # an import: saving asks for a new .argmap.json rather than overwrite the source
            if not m.title:
                m = m.evolve(title=path.stem)
            self.document.replace(m, None)
            label = FORMATS[fmt].label
            self.message.emit(
                f"Imported {path.name} ({label}); save it as an argmap map to keep it"
            )
        self._remember(path)
        return True

    def import_file(self) -> bool:
        if not self.maybe_save():
            return False
        path = self.prompter.import_path(self.settings.last_folder)
        return False if path is None else self.load(path)

    def export_as(self, fmt: str) -> bool:
        """Write the map as Argdown, AIF or Markdown."""
        suffix = {"argdown": ".argdown", "aif": ".json", "markdown": ".md"}[fmt]
        stem = (
            self.document.path.name.removesuffix(SUFFIX)
            if self.document.path
            else (self.document.map.title or "map")
        )
        chosen = self.prompter.save_path(
            str(Path(self.settings.last_folder) / f"{stem}{suffix}"),
            f"Export as {FORMATS[fmt].label}",
            f"{FORMATS[fmt].label} (*{suffix});;All files (*)",
        )
        if chosen is None:
            return False
        if not chosen.suffix:
            chosen = chosen.with_suffix(suffix)
        try:
            write_any(self.document.map, chosen, fmt)
        except (SaveError, OSError) as exc:
            self.prompter.error("Cannot export", str(exc))
            return False
        self.message.emit(f"Exported {chosen.name} ({FORMATS[fmt].label})")
        return True

    def save(self) -> bool:
        path = self.document.path
        if path is None:
            return self.save_as()
        if self.document.changed_on_disk():
            answer = self.prompter.ask_changed_on_disk(path.name)
            if answer == "save_as":
                return self.save_as()
            if answer == "cancel":
                return False
        return self._write(path)

    def save_as(self) -> bool:
        current = self.document.path
        suggestion = str(
            current
            if current
            else Path(self.settings.last_folder)
            / f"{self.document.map.title or 'untitled'}{SUFFIX}"
        )
        chosen = self.prompter.save_path(suggestion)
        if chosen is None:
            return False
        return self._write(with_suffix(chosen))

    def _write(self, path: Path) -> bool:
        try:
            save(self.document.map, path)
        except SaveError as exc:
            self.prompter.error(
                "Cannot save map",
                f"{exc}\n\nYour changes are still open here (and in the recovery file).",
            )
            self.recovery.autosave()
            return False
        self.document.mark_saved(path.resolve())
        self.recovery.discard()
        self._remember(path)
        self.message.emit(f"Saved {path.name}")
        return True

    def revert(self) -> bool:
        path = self.document.path
        if path is None or not self.document.is_modified():
            return False
        answer = self.prompter.ask_unsaved(self.document.display_name())
        if answer == "cancel":
            return False
        if answer == "save":
            return self.save()
        return self.load(path)

    def _remember(self, path: Path) -> None:
        self.settings.add_recent(path)
        self.settings.set("files/last_folder", str(path.resolve().parent))
        self.recent_changed.emit()

    def open_recent(self, path: Path) -> bool:
        if not path.is_file():
            self.prompter.error("Cannot open map", f"{path}: does not exist any more")
            self.settings.remove_recent(path)
            self.recent_changed.emit()
            return False
        return self.open(path)

    # -- recovery ---------------------------------------------------------------------
    def offer_recovery(self, orphans: list[Orphan] | None = None) -> bool:
        """After a crash: offer the newest unsaved work; True if it was restored."""
        orphans = find_orphans(self.recovery.folder) if orphans is None else orphans
        if not orphans:
            return False
        newest = max(orphans, key=lambda o: o.saved_at)
        if not self.prompter.ask_restore([o.describe() for o in orphans]):
            for orphan in orphans:
                orphan.discard()
            return False
        try:
            m = load(newest.file)
        except LoadError as exc:
            self.prompter.error("Cannot restore", str(exc))
            return False
        self.document.replace(m, newest.original, modified=True)
        newest.discard()  # older ones, if any, are offered again next time
        self.recovery.autosave()  # now ours: the next crash keeps it too
        self.message.emit("Restored unsaved changes; save them to keep them")
        return True
