"""Typed errors of the readers and writers; their text is meant for the user.

Every error is one line of at most about 200 characters: values echoed from a file
are shortened ("…") and control characters shown as visible escapes (``\\n``,
``\\x00``), so a hostile file cannot make a message span lines, hide text from the
terminal, or fail to print.
"""

from __future__ import annotations

import errno
import json
import math
import re
import sys
from pathlib import Path
from typing import Any

from argmap.model.validation import MAX_DEPTH, one_line, shown, shown_path

MAX_LINE = 200  # characters of an error line, when the path leaves room
_PATH_ROOM = 120  # a longer path keeps its end, where the file name is


def _parts(path: Path | None, where: str | None, message: str) -> str:
    head = "<input>" if path is None else shown_path(path, _PATH_ROOM)
    if where:
        head += ": " + where
    return f"{head}: {one_line(message, max(60, MAX_LINE - len(head) - 2))}"


class LoadError(Exception):
    """A file could not be read as a map.  Says which file, where and what."""

    def __init__(self, path: str | Path | None, where: str | None, message: str) -> None:
        self.path = None if path is None else Path(path)
        self.where = None if not where else one_line(where, 80)
        self.message = one_line(message, MAX_LINE)
        super().__init__(str(self))

    def __str__(self) -> str:
        return _parts(self.path, self.where, self.message)


class SaveError(Exception):
    """A map could not be written; the file on disk is unchanged."""

    def __init__(self, path: str | Path, message: str) -> None:
        self.path = Path(path)
        self.message = one_line(message, MAX_LINE)
        super().__init__(_parts(self.path, None, self.message))


# -- JSON ------------------------------------------------------------------------------


class _NotJSONError(ValueError):
    """A number JSON cannot hold; `token` is how the file spells it."""

    def __init__(self, token: str, message: str) -> None:
        self.token = token
        super().__init__(message)


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(key)


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return result


def _no_constant(name: str) -> Any:
    raise _NotJSONError(name, f"{name} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotJSONError(text, f"the number {shown(text, 30)} is too large")
    return value


_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]:,]|[^"{}\[\]:,]+')


def line_col(text: str, offset: int) -> str:
    """Where `offset` is in `text`, as an editor counts (from 1)."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {col}"


def _token_position(text: str, token: str) -> str | None:
    """Where `token` first stands outside a string, e.g. NaN or 1e400."""
    for match in _TOKEN.finditer(text):
        if match.group().startswith('"'):
            continue
        found = re.search(rf"(?<![\w.+-]){re.escape(token)}(?![\w.])", match.group())
        if found is not None:
            return line_col(text, match.start() + found.start())
    return None


def _key_position(text: str, key: str) -> str | None:
    """Line and column of the second `key` in one object: a linear scan of valid JSON."""
    stack: list[set[str] | None] = []  # keys seen per open object, None for a list
    last: str | None = None  # the last string token, a key if a ":" follows
    last_at = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token == "{":
            stack.append(set())
        elif token == "[":
            stack.append(None)
        elif token in "}]":
            if stack:
                stack.pop()
        elif token == ":" and last is not None and stack and stack[-1] is not None:
            name = json.loads(last)
            if name in stack[-1]:
                if name == key:
                    return line_col(text, last_at)
            stack[-1].add(name)
        last, last_at = (token, match.start()) if token.startswith('"') else (None, 0)
    return None


def parse_json(text: str, path: str | Path | None) -> Any:
    """JSON text -> data, or a LoadError saying where the text stops being JSON.

    Refused too: a key twice in one object (JSON readers disagree on which wins),
    NaN and Infinity (not JSON), and numbers too large for a float."""
    try:
        return json.loads(
            text, object_pairs_hook=_unique, parse_constant=_no_constant, parse_float=_finite
        )
    except json.JSONDecodeError as exc:
        raise LoadError(
            path, f"line {exc.lineno}, column {exc.colno}", f"invalid JSON: {exc.msg}"
        ) from None
    except _DuplicateKeyError as exc:
        message = f'duplicate key "{shown(exc.key, 40)}" in one object'
        raise LoadError(path, _key_position(text, exc.key), message) from None
    except _NotJSONError as exc:
        where = _token_position(text, exc.token)
        raise LoadError(path, where, f"invalid JSON: {exc}") from None
    except RecursionError:
        raise LoadError(path, _too_deep_position(text), f"invalid JSON: {TOO_DEEP}") from None
    except ValueError as exc:  # Python's own limit: a whole number with too many digits
        if "digits" not in str(exc):
            raise LoadError(path, None, f"invalid JSON: {one_line(str(exc), 120)}") from None
        digits = sys.get_int_max_str_digits()
        message = f"invalid JSON: a number with more than {digits:,} digits"
        raise LoadError(path, _long_number_position(text, digits), message) from None


#: how deep argmap reads JSON: Python's parser stops near 1,000 levels, the model's
#: values sooner (validation.MAX_DEPTH); a refusal says the bound that always holds
MAX_JSON_DEPTH = MAX_DEPTH
TOO_DEEP = f"nested too deeply (more than {MAX_JSON_DEPTH} levels)"


def _too_deep_position(text: str) -> str | None:
    """Where the first bracket past MAX_JSON_DEPTH levels opens: a linear scan."""
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "{[":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return line_col(text, match.start())
        elif token in "}]":
            depth -= 1
    return None


def _long_number_position(text: str, digits: int) -> str | None:
    """Where the first number of more than `digits` digits stands outside a string."""
    long_number = re.compile(rf"-?\d{{{digits + 1},}}")
    for match in _TOKEN.finditer(text):
        if match.group().startswith('"'):
            continue
        found = long_number.search(match.group())
        if found is not None:
            return line_col(text, match.start() + found.start())
    return None


# -- what an OSError means to the user; here so that every reader and writer can say it
SAVE_ADVICE = {
    errno.ENOSPC: "the disk is full; free some space or save elsewhere",
    errno.EDQUOT: "the disk quota is exhausted; free some space or save elsewhere",
    errno.EACCES: "permission denied; save to a folder you can write to",
    errno.EPERM: "permission denied; save to a folder you can write to",
    errno.EROFS: "the disk is read-only; save elsewhere",
    errno.ENOENT: "the folder does not exist (any more); choose another",
    errno.EISDIR: "that name is a folder; choose a file name",
    errno.ELOOP: "is a symbolic link that loops; point it at a file",
    errno.ENOTDIR: "a part of the path is not a folder; choose another",
}


_READING = {
    errno.ENOENT: "does not exist",
    errno.EACCES: "permission denied; check the file's permissions",
    errno.EPERM: "permission denied; check the file's permissions",
    errno.EISDIR: "is a folder, not a map file",
    errno.ELOOP: "is a symbolic link that loops",
}


def describe_os_error(exc: OSError, reading: bool = False) -> str:
    advice = (_READING if reading else SAVE_ADVICE).get(exc.errno or 0)
    return advice or (exc.strerror or str(exc))
