"""Autosave of unsaved changes to a recovery file, and the offer to restore it.

Each window writes `<pid>-<n>.argmap.json` plus a `.meta.json`, the lock, that
names the original file and the process that wrote it.  A recovery file whose
process is gone is what a crash left behind.  A process id alone is not enough
(the system hands it out again): the lock also records the process's start
time, the boot, the host and a random token of the session, and a lock whose
id is alive but whose start time differs is stale.

The recovery folder is private (0700, its files 0600, whatever the umask),
since it holds the user's unsaved work.  A source kept beside the map stays a
reference: the lock records the folder the link is relative to, and the
restore reads the text from there.
"""

from __future__ import annotations

import dataclasses
import errno
import itertools
import json
import os
import secrets
import socket
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal

from argmap.formats import LoadError, dumps, loads
from argmap.formats.atomic import atomic_write
from argmap.formats.bounded import read_bounded
from argmap.formats.native import MAX_BYTES
from argmap.formats.processes import boot_id, pid_exists, start_ticks
from argmap.formats.source_text import resolve_source
from argmap.gui.controllers.failures import describe, one_line
from argmap.gui.document.wrapper import DiskStamp, Document
from argmap.model import ArgumentMap

EDITS_PER_AUTOSAVE = 20
_serial = itertools.count(1)


def recovery_folder() -> Path:
    explicit = os.environ.get("ARGMAP_RECOVERY_DIR")
    if explicit:
        return Path(explicit)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base or Path.home() / ".local" / "share" / "argmap") / "recovery"


# -- the lock: who wrote a recovery file --------------------------------------------------
SESSION = secrets.token_hex(16)
HOST = socket.gethostname()
BOOT = boot_id()
STARTED = start_ticks(os.getpid())


def lock_info() -> dict[str, Any]:
    return {"pid": os.getpid(), "started": STARTED, "boot": BOOT, "host": HOST, "session": SESSION}


def owner_alive(info: dict[str, Any]) -> bool:
    """True while the process that wrote this lock may still be running."""
    pid = info.get("pid")
    if not isinstance(pid, int) or isinstance(pid, bool):
        return False
    host = info.get("host")
    if isinstance(host, str) and host != HOST:
        return True  # another machine's: we cannot tell, so we never take it
    started = info.get("started")
    known = isinstance(started, int) and not isinstance(started, bool)
    if pid == os.getpid():
        if known and STARTED is not None and started != STARTED:
            return False  # our id, but an earlier process had it
        return info.get("session") == SESSION
    boot = info.get("boot")
    if isinstance(boot, str) and BOOT is not None and boot != BOOT:
        return False  # written before the machine restarted
    if not pid_exists(pid):
        return False
    now = start_ticks(pid)
    return not (known and now is not None and started != now)  # a reused id: stale


# -- private files ------------------------------------------------------------------------
def private_folder(folder: Path) -> None:
    """Create `folder` as 0700 (whatever the umask); make an existing one of ours private."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    info = os.stat(folder)
    if not stat.S_ISDIR(info.st_mode):
        raise NotADirectoryError(errno.ENOTDIR, "is not a folder", str(folder))
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise PermissionError(errno.EPERM, "belongs to another user; not writing there")
    if stat.S_IMODE(info.st_mode) != 0o700:
        os.chmod(folder, 0o700)


def write_private(path: Path, data: bytes) -> None:
    """Atomically write `data` to `path`, readable and writable by the user only."""
    atomic_write(path, data, mode=0o600)


def by_reference(m: ArgumentMap, original: Path | None) -> tuple[ArgumentMap, str | None]:
    """The map as the recovery file keeps it, and the folder its source link is relative to."""
    link = m.source.file
    if not link:
        return m, None
    where = Path(link)
    if where.is_absolute() and original is None:
        # only an untitled map links by absolute path (a text attached this session);
        # a saved map's link stays as it is, so restoring refuses what opening refused
        source = m.source.model_copy(update={"file": where.name})
        return m.evolve(source=source), str(where.parent)
    return m, str(original.parent) if original is not None else None


# -- what a crash left --------------------------------------------------------------------
def recovery_title(m: ArgumentMap) -> str:
    """What the recovery question calls a lost map: its title, or else the first words
    of its first node with text (a map never shows up as "no title"), printable only."""
    for words in (m.title, *(m.nodes[i].text for i in m.tree.walk())):
        shown = " ".join("".join(c if c.isprintable() else " " for c in words).split())
        if shown:
            return shown if len(shown) <= 60 else shown[:59].rstrip() + "…"
    return ""


@dataclass(frozen=True)
class Orphan:
    """A recovery file left by a process that is gone."""

    file: Path
    meta: Path
    original: Path | None
    saved_at: float
    title: str
    base: Path | None = None  # the folder a source kept beside the map is relative to
    stamp: DiskStamp | None = None  # what the original held when the lost session had it

    def describe(self) -> str:
        name = self.original.name if self.original else "an untitled map"
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.saved_at))
        return one_line(f"• {name} ({self.title or 'an empty map'}), saved {when}")

    def discard(self) -> bool:
        """Remove it; False when the file system would not (it is offered again)."""
        try:
            self.file.unlink(missing_ok=True)
            self.meta.unlink(missing_ok=True)
        except OSError:
            return False
        return True


def _optional_path(value: object) -> Path | None:
    return Path(value) if isinstance(value, str) and value else None


def _optional_stamp(value: object) -> DiskStamp | None:
    if not isinstance(value, dict):
        return None
    size, digest = value.get("size"), value.get("digest")
    if type(size) is not int or size < 0 or not isinstance(digest, str) or len(digest) != 64:
        return None  # an older lock, or a damaged one: the original is read instead
    return DiskStamp(size, digest)


def find_orphans(folder: Path | None = None) -> list[Orphan]:
    folder = folder or recovery_folder()
    found = []
    for meta in sorted(folder.glob("*.meta.json")) if folder.is_dir() else []:
        try:
            info = json.loads(read_bounded(meta, 1 << 20, "a recovery lock"))
            file = meta.with_name(meta.name.replace(".meta.json", ".argmap.json"))
            if not isinstance(info, dict) or not isinstance(info.get("pid"), int):
                continue  # not ours, or damaged: leave it alone
            saved_at = float(info.get("saved_at", 0))
        except (LoadError, ValueError, TypeError):
            continue  # unreadable, not JSON: not a lock of ours
        if owner_alive(info) or not file.is_file():
            continue
        found.append(
            Orphan(
                file,
                meta,
                _optional_path(info.get("path")),
                saved_at,
                str(info.get("title", "")),
                _optional_path(info.get("base")),
                _optional_stamp(info.get("stamp")),
            )
        )
    return found


def restore(orphan: Orphan) -> tuple[ArgumentMap, list[str]]:
    """The map a recovery file holds, its source read from beside the original map."""
    m = loads(read_bounded(orphan.file, MAX_BYTES, "a map"), orphan.file)
    m, notes = resolve_source(m, orphan.base or orphan.file.parent)
    link = m.source.file
    if (
        orphan.original is None
        and orphan.base is not None
        and link
        and not Path(link).is_absolute()
    ):
        m = m.evolve(source=m.source.model_copy(update={"file": str(orphan.base / link)}))
    return m, notes


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
        """Write the unsaved map to the recovery file; True if it was written.

        A failure is told in the status bar (`failed`), never in a dialog: the timer
        tries again."""
        if not self.document.is_modified():
            self.discard()
            return False
        self.document.edits_since_autosave = 0  # a failure waits for the timer, not each edit
        try:
            private_folder(self.folder)
            m, base = by_reference(self.document.map, self.document.path)
            # lone surrogates, if any got in, are kept as JSON escapes rather than fail
            write_private(self.file, dumps(m).encode("utf-8", "backslashreplace"))
            info = {
                **lock_info(),
                "path": str(self.document.path) if self.document.path else None,
                "base": base,
                "stamp": dataclasses.asdict(stamp) if (stamp := self.document.stamp) else None,
                "saved_at": time.time(),
                "title": recovery_title(m),
            }
            write_private(self.meta, json.dumps(info, indent=2).encode("ascii"))
        except Exception as exc:  # any failure: the edits are still open in the window
            self.failed.emit(one_line(f"Autosave failed: {describe(exc, self.folder)}"))
            return False
        return True

    def discard(self) -> None:
        try:
            self.file.unlink(missing_ok=True)
            self.meta.unlink(missing_ok=True)
        except OSError as exc:
            self.failed.emit(one_line(f"Could not remove the recovery file: {describe(exc)}"))
