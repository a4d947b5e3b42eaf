"""Typed errors of the readers and writers; their text is meant for the user."""

from __future__ import annotations

from pathlib import Path


class LoadError(Exception):
    """A file could not be read as a map.  Says which file, where and what."""

    def __init__(self, path: str | Path | None, where: str | None, message: str) -> None:
        self.path = None if path is None else Path(path)
        self.where = where
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        parts = [str(self.path) if self.path is not None else "<input>"]
        if self.where:
            parts.append(self.where)
        parts.append(self.message)
        return ": ".join(parts)


class SaveError(Exception):
    """A map could not be written; the file on disk is unchanged."""

    def __init__(self, path: str | Path, message: str) -> None:
        self.path = Path(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")
