"""Opening and importing a file off the GUI thread.

The reading runs in a thread pool; the result comes back as a value (`Loaded`)
through a queued signal, never as an exception across threads.  Each load has
a number; a result whose number is no longer the current one (the user
cancelled, or opened something else) is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from argmap.formats.native import load_with_bytes
from argmap.formats.registry import input_format, read_any
from argmap.gui.controllers.failures import describe
from argmap.gui.document.wrapper import DiskStamp
from argmap.model import ArgumentMap


@dataclass(frozen=True)
class Loaded:
    """What a load gives the GUI thread: a map, or one line saying why not."""

    path: Path
    fmt: str | None
    map: ArgumentMap | None = None
    notes: tuple[str, ...] = ()
    stamp: DiskStamp | None = None
    error: str = ""


def read_map(path: Path, fmt: str | None = None) -> Loaded:
    """Read `path` in any format argmap reads; safe on any thread, never raises."""
    try:
        fmt = input_format(path, fmt)
        if fmt == "argmap":
            return read_native(path)
        m, _ = read_any(path, fmt)
        return Loaded(path, fmt, m)
    except Exception as exc:  # any failure of any reader is a message, not a crash
        return Loaded(path, fmt, error=describe(exc, path))


def read_native(path: Path) -> Loaded:
    """formats.load_with_notes, keeping the state of the very bytes it read (one read)."""
    m, notes, data = load_with_bytes(path)
    return Loaded(path, "argmap", m, tuple(notes), DiskStamp.of_bytes(data))


class LoadSignals(QObject):
    done = Signal(int, object)  # the load's number, Loaded


class LoadJob(QRunnable):
    def __init__(self, number: int, path: Path, fmt: str | None, signals: LoadSignals) -> None:
        super().__init__()
        self.number, self.path, self.fmt, self.signals = number, path, fmt, signals

    def run(self) -> None:
        self.signals.done.emit(self.number, read_map(self.path, self.fmt))


__all__ = ["LoadJob", "LoadSignals", "Loaded", "read_map"]
