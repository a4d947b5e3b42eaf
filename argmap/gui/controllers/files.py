"""New, Open, Save, Save As, Revert, recent files and recovery: the File menu's behaviour.

Opening and importing read the file off the GUI thread (gui/controllers/import_job.py): the
command returns at once, `busy` and `idle` bracket the read, and the map is
replaced when the result arrives (unless the user cancelled).  Every save
path catches any failure of the writer: one dialog of one line, the edits kept
open and in the recovery file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThreadPool, Signal

from argmap.formats.atomic import ReadOnlyError, refuse_read_only
from argmap.formats.native import SUFFIX, save
from argmap.formats.registry import FORMATS, export_warning, write_any
from argmap.formats.source_move import settle_source
from argmap.gui.common.settings import AppSettings
from argmap.gui.controllers.failures import describe, one_line
from argmap.gui.controllers.import_job import Loaded, LoadJob, LoadSignals, read_map
from argmap.gui.controllers.prompter import Prompter
from argmap.gui.controllers.recovery import Orphan, Recovery, find_orphans, restore
from argmap.gui.controllers.write_guard import export_refusal, unasked
from argmap.gui.document.wrapper import DiskStamp, Document
from argmap.model import ArgumentMap, ops


def with_suffix(path: Path) -> Path:
    """A name typed without a suffix gets ours; one the user chose is kept."""
    if path.suffix or not path.name:  # "." or "/" has no name to add to: the save says why
        return path
    return path.with_name(path.name + SUFFIX)


def save_map(m: ArgumentMap, path: Path) -> DiskStamp:
    """formats.save, keeping what was written: the file's state without reading it back."""
    return DiskStamp.of_bytes(save(m, path))


def summary(prefix: str, notes: tuple[str, ...] | list[str]) -> str:
    """All of a load's notes in one status message, however many there are."""
    unique = list(dict.fromkeys(notes))
    if not unique:
        return prefix
    more = f" (and {len(unique) - 1} more note{'s' if len(unique) > 2 else ''})"
    return one_line(f"{prefix} — {unique[0]}" + (more if len(unique) > 1 else ""))


@dataclass(frozen=True)
class _Pending:
    number: int
    path: Path
    revision: int  # the document's, when the user agreed to replace it


class FileController(QObject):
    message = Signal(str)  # for the status bar
    recent_changed = Signal()
    busy = Signal(str)  # a file is being read in the background
    idle = Signal()  # ... no more (done, failed or cancelled)
    started_new = Signal()  # File ▸ New made an empty map: show it
    loaded = Signal(bool)  # a background load ended: True when its map was opened

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
        self._pending: _Pending | None = None
        self._number = 0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)  # a cancelled read may still finish beside a new one
        self._signals = LoadSignals(self)
        self._signals.done.connect(self._on_loaded, Qt.ConnectionType.QueuedConnection)

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
        self._drop_load()
        self.recovery.discard()
        self.document.replace(ArgumentMap(), None)
        self.message.emit("New map")
        self.started_new.emit()
        return True

    def open(self, path: Path | None = None) -> bool:
        """Ask, then read `path` in the background; True when the read started."""
        if not self.maybe_save():
            return False
        if path is None:
            path = self.prompter.open_path(self.settings.last_folder)
            if path is None:
                return False
        return self.start_load(path)

    def import_file(self) -> bool:
        if not self.maybe_save():
            return False
        path = self.prompter.import_path(self.settings.last_folder)
        return False if path is None else self.start_load(path)

    # -- loading ----------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._pending is not None

    def start_load(self, path: Path, fmt: str | None = None) -> bool:
        """Read `path` (any format argmap reads) off the GUI thread; a newer load wins."""
        self._drop_load()
        self._number += 1
        self._pending = _Pending(self._number, path, self.document.revision)
        self._pool.start(LoadJob(self._number, path, fmt, self._signals))
        self.busy.emit(one_line(f"Opening {path.name}…"))
        return True

    def cancel_load(self) -> None:
        """Stop waiting for the file being read; the open map stays as it is."""
        pending = self._pending
        if pending is None:
            return
        self._drop_load()
        self.message.emit(one_line(f"Cancelled opening {pending.path.name}; the open map is kept"))

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for reads still running (a cancelled one finishes in the background),
        then take or drop what they sent back; False when one still runs."""
        done = self._pool.waitForDone(msecs)
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)  # their results
        return done

    def _drop_load(self) -> None:
        if self._pending is not None:
            self._pending = None  # its result, when it comes, is dropped
            self.idle.emit()

    def _on_loaded(self, number: int, outcome: Loaded) -> None:
        pending = self._pending
        if pending is None or pending.number != number:
            return  # cancelled or superseded: a late result is dropped
        self._pending = None
        self.idle.emit()
        self.loaded.emit(self._take(outcome, pending.revision))

    def load(self, path: Path, fmt: str | None = None) -> bool:
        """Read `path` on this thread and open it: for scripts and tests.  The window's
        commands (Open, Import, Revert, recent files, a drop) use `start_load`."""
        self._drop_load()
        return self._take(read_map(path, fmt), self.document.revision)

    def _take(self, outcome: Loaded, revision: int) -> bool:
        """Open what was read; on failure say why in one line and keep the open map."""
        path = outcome.path
        if outcome.map is None:  # the status bar says so before the dialog does, not after
            self.message.emit(one_line(f"Could not open {path.name}"))
            self.prompter.error("Cannot open map", outcome.error or describe(ValueError(), path))
            return False
        if self.document.revision != revision and not self.maybe_save():
            self.message.emit(one_line(f"Did not open {path.name}; your edits are kept"))
            return False  # edited while the file was read: asked again, and kept
        self.recovery.discard()
        m = outcome.map
        if outcome.fmt == "argmap":
            self.document.replace(m, path.resolve(), stamp=outcome.stamp)
            self.message.emit(summary(one_line(f"Opened {path.name}"), outcome.notes))
        else:  # an import: saving asks for a new .argmap.json rather than overwrite the source
            if not m.title:
                m = m.evolve(title=path.stem)
            self.document.replace(m, None)
            label = FORMATS[outcome.fmt or ""].label if outcome.fmt in FORMATS else "import"
            self.message.emit(
                one_line(f"Imported {path.name} ({label}); save it as an argmap map to keep it")
            )
        self._remember(path)
        return True

    # -- writing ----------------------------------------------------------------------
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
        typed = chosen
        if not chosen.suffix and chosen.name:
            chosen = chosen.with_suffix(suffix)
        refused = export_refusal(self.document.map, self.document.path, typed, chosen)
        if refused is not None:
            self.prompter.error("Cannot export", refused)
            return False
        try:
            write_any(self.document.map, chosen, fmt)
        except Exception as exc:  # any writer's failure: told, and nothing of the map lost
            self.recovery.autosave()
            self.prompter.error("Cannot export", describe(exc, chosen))
            return False
        lost = export_warning(self.document.map, fmt)
        told = f"Exported {chosen.name} ({FORMATS[fmt].label})"
        self.message.emit(one_line(told if lost is None else f"{told}; {lost}"))
        return True

    def save(self) -> bool:
        path = self.document.path
        if path is None:
            return self.save_as()
        try:  # asked first: changed on disk or not, it cannot be replaced
            refuse_read_only(path)
        except ReadOnlyError:
            return self._read_only(path)
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
        final = with_suffix(chosen)
        refused = unasked(chosen, final)
        if refused is not None:
            self.prompter.error("Cannot save", refused)
            return False
        return self._write(final)

    def _write(self, path: Path) -> bool:
        try:
            self._settle_source(path)
            stamp = save_map(self.document.map, path)
        except ReadOnlyError:
            return self._read_only(path)
        except Exception as exc:  # whatever failed, the edits stay open and recoverable
            kept = self.recovery.autosave()
            where = "here and in the recovery file" if kept else "here"
            self.prompter.error(
                "Cannot save map",
                one_line(f"{describe(exc, path, 150)} — your changes are still open {where}"),
            )
            return False
        self.document.mark_saved(path.resolve(), stamp)
        self.recovery.discard()
        self._remember(path)
        self.message.emit(one_line(f"Saved {path.name}"))
        return True

    def _read_only(self, path: Path) -> bool:
        """The file may not be written: one question, Save As or keep the edits open."""
        self.recovery.autosave()
        if self.prompter.ask_read_only(one_line(path.name, 120)) == "save_as":
            return self.save_as()
        self.message.emit(one_line(f"Did not save: {path.name} is read-only"))
        return False

    def _settle_source(self, path: Path) -> None:
        """A source kept beside the map stays beside it only if it is in the new folder."""
        settled = settle_source(self.document.map.source, self.document.path, path)
        if settled is not None:
            source, note = settled
            self.document.edit("Keep Source Text", ops.replace_source, source)
            self.message.emit(note)

    def revert(self) -> bool:
        path = self.document.path
        if path is None or not self.document.is_modified():
            return False
        answer = self.prompter.ask_unsaved(self.document.display_name())
        if answer == "cancel":
            return False
        if answer == "save":
            return self.save()
        return self.start_load(path)

    def _remember(self, path: Path) -> None:
        self.settings.add_recent(path)
        self.settings.set("files/last_folder", str(path.resolve().parent))
        self.recent_changed.emit()

    def open_recent(self, path: Path) -> bool:
        if not path.is_file():
            self.prompter.error("Cannot open map", one_line(f"{path}: does not exist any more"))
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
            if not all([orphan.discard() for orphan in orphans]):
                self.message.emit("Could not remove every recovery file")
            return False
        try:
            m, notes = restore(newest)
        except Exception as exc:  # the recovery file stays for another try
            self.prompter.error("Cannot restore", describe(exc, newest.file))
            return False
        self.document.replace(m, newest.original, modified=True, stamp=newest.stamp)
        newest.discard()  # older ones, if any, are offered again next time
        self.recovery.autosave()  # now ours: the next crash keeps it too
        self.message.emit(summary("Restored unsaved changes; save them to keep them", notes))
        return True
