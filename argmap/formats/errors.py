"""Typed errors of the readers and writers; their text is meant for the user."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


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


def parse_json(text: str, path: str | Path | None) -> Any:
    """JSON text -> data, or a LoadError saying where the text stops being JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(
            path, f"line {exc.lineno}, column {exc.colno}", f"invalid JSON: {exc.msg}"
        ) from None
    except (RecursionError, ValueError) as exc:  # too deep, or a number too long
        raise LoadError(path, None, f"invalid JSON: {exc}") from None
