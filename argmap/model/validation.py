"""What every value of a map must be so that it can be saved, and how values are shown in
one-line messages.

A map that opens must always save: every string (dictionary keys included) must be
writable as UTF-8, so a lone surrogate (which JSON can spell as ``"\\ud800"``) is
refused wherever it is; numbers kept in ``meta`` must be ones JSON can write and read
back.  The checks are linear in the size of the value and cost next to nothing on
ASCII text.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from typing import Any

from pydantic import BaseModel, ValidationError

#: the bounds of counts and offsets in a file: integers JSON readers agree on (I-JSON)
MAX_INT = 2**53 - 1

_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: controls, surrogates, line/paragraph separators, format characters (BOM, zero-width
#: space and joiners, soft hyphen) and unassigned code points (noncharacters U+FFFE, …)
_INVISIBLE = {"Cc", "Cs", "Zl", "Zp", "Cf", "Cn"}
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

Path = tuple[str | int, ...]


# -- showing values in messages --------------------------------------------------------


def _escaped(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    if code < 0x80:
        return char if 0x20 <= code < 0x7F else f"\\x{code:02x}"
    if char in _BIDI or unicodedata.category(char) in _INVISIBLE:
        if code < 0x100:
            return f"\\x{code:02x}"
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    return char


def shown(value: object, limit: int = 60) -> str:
    """`value` as at most `limit` characters of one line: control characters, line
    separators, bidi controls, lone surrogates, BOM and zero-width characters and
    noncharacters as visible escapes, cut with "…"."""
    text = value if isinstance(value, str) else repr(value)[: limit + 1]
    pieces: list[str] = []
    size = 0
    for char in text[: limit + 1]:
        piece = _escaped(char)
        pieces.append(piece)
        size += len(piece)
        if size > limit:
            break
    if size <= limit and len(text) <= limit:
        return "".join(pieces)
    out: list[str] = []
    size = 0
    for piece in pieces:  # cut at a whole escape, leaving room for the ellipsis
        if size + len(piece) > limit - 1:
            break
        out.append(piece)
        size += len(piece)
    return "".join(out) + "…"


def one_line(text: str, limit: int = 200) -> str:
    """A message as one line of at most `limit` characters."""
    return shown(text, limit)


def path_text(path: Path) -> str:
    """("meta", "k", 0) -> meta.k[0], each key shown shortened and escaped."""
    parts: list[str] = []
    for item in path:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + shown(item, 40))
    return "".join(parts)


# -- what a map may hold ---------------------------------------------------------------


class UnsaveableError(ValueError):
    """A value no file can hold; `path` is where inside the field, `reason` says why."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        where = path_text(path)
        super().__init__(f"{where}: {reason}" if where else reason)


def lone_surrogate(text: str) -> int | None:
    """The index of the first lone surrogate in `text`, or None (O(1) for ASCII text)."""
    if text.isascii():
        return None
    found = _SURROGATE.search(text)
    return None if found is None else found.start()


def _surrogate_reason(text: str, at: int) -> str:
    reason = f"contains a lone surrogate (U+{ord(text[at]):04X}), which no file can hold"
    return f"{reason} (character {at})" if at else reason


def _key_reason(key: str, at: int) -> str:
    return (
        f'the key "{shown(key, 40)}" contains a lone surrogate (U+{ord(key[at]):04X}), '
        "which no file can hold"
    )


def _value_reason(item: Any) -> str | None:
    """Why a value that is no container cannot be written, or None."""
    if isinstance(item, str):
        at = lone_surrogate(item)
        return None if at is None else _surrogate_reason(item, at)
    if isinstance(item, float) and not math.isfinite(item):
        return f"is {item}, which JSON cannot hold"
    if isinstance(item, int):
        try:
            str(item)
        except ValueError:  # Python writes and reads at most sys.get_int_max_str_digits()
            return "is a whole number with too many digits to write"
    return None


def unsaveable(value: Any) -> tuple[Path, str] | None:
    """(where, why) of the first thing in `value` no file can hold, or None.

    Walks dictionaries (keys first), lists and tuples without recursion; anything else
    is a value (models inside are none of these: they are checked when built)."""
    stack: list[tuple[Path, Any]] = [((), value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, dict):
            for key in item:
                at = lone_surrogate(key)
                if at is not None:
                    return path, _key_reason(key, at)
            stack.extend(reversed([((*path, key), child) for key, child in item.items()]))
        elif isinstance(item, list | tuple):
            stack.extend(reversed([((*path, i), child) for i, child in enumerate(item)]))
        else:
            reason = _value_reason(item)
            if reason is not None:
                return path, reason
    return None


def _skip_models(value: Any) -> None:
    if isinstance(value, BaseModel):
        return None  # checked when it was built
    raise TypeError(type(value).__name__)


_encoder = getattr(json.encoder, "c_make_encoder", None)
_TOP_LEVEL = 0  # of indentation (there is none)
#: JSON data -> its text pieces, in C: raises for NaN, infinity and too many digits, and
#: keeps lone surrogates, so encoding the text as UTF-8 finds them
_to_json = (
    _encoder(
        None, _skip_models, json.encoder.encode_basestring, None, ":", ",", False, False, False
    )
    if _encoder is not None
    else None
)


def _json_fine(value: Any) -> bool:
    if _to_json is None:
        return False
    try:
        for piece in _to_json(value, _TOP_LEVEL):
            piece.encode()
    except (ValueError, TypeError, RecursionError):  # UnicodeEncodeError is a ValueError
        return False
    return True


def check_saveable(value: Any) -> Any:
    """`value` itself, or UnsaveableError saying where and why no file could hold it.

    The common cases cost a C call or two (text, tags, `meta` JSON can write); only a
    value that fails them is walked, to say where."""
    if isinstance(value, str):
        if value.isascii() or _SURROGATE.search(value) is None:
            return value
    elif not value:
        return value
    elif isinstance(value, dict | tuple) and _json_fine(value):  # models inside: skipped
        return value
    found = unsaveable(value)
    if found is not None:
        raise UnsaveableError(*found)
    return value


def first_problem(exc: ValidationError) -> tuple[Path, str]:
    """Where and what of the first error pydantic found, reaching inside a field for an
    UnsaveableError (("meta", "k", 0), "contains a lone surrogate …")."""
    first = exc.errors()[0]
    loc: Path = tuple(first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    cause = first.get("ctx", {}).get("error")
    if isinstance(cause, UnsaveableError):
        return (*loc, *cause.path), cause.reason
    if first["type"] in _TOO_DEEP_TYPES:
        return _deep_place(loc), f"nested too deeply (more than {MAX_DEPTH} levels)"
    return loc, message


#: how deep values nest in a map: pydantic stops at 255 levels, counted from the top of
#: the document, so a refusal says the bound that always holds
MAX_DEPTH = 250
_TOO_DEEP_TYPES = frozenset({"recursion_depth_exceeded", "recursion_loop"})
_JSON_TAGS = frozenset({"dict", "list"})  # pydantic's names of JsonValue's branches


def _deep_place(loc: Path) -> Path:
    """Where a value nested too deeply is, without pydantic's branch names: the field, its
    keys down to the first list ("meta", "k", "dict", "j", "list", 0, ... -> meta.k.j)."""
    if "meta" not in loc:
        return loc[:2]
    start = loc.index("meta") + 2
    place = list(loc[:start])
    for at in range(start, len(loc) - 1, 2):
        if loc[at] != "dict" or not isinstance(loc[at + 1], str):
            break
        place.append(loc[at + 1])
    return tuple(place)


# -- ids ---------------------------------------------------------------------------------

#: Ids end up as DOT node ids and SVG element ids, so they are XML names without dots
#: (we use dots for the ids of edges and groups): non-empty, at most 64 characters, no
#: control characters, nothing to escape.
ID_PATTERN = r"^[A-Za-z_][A-Za-z0-9_-]{0,63}$"
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,63}")
ID_RULE = "1 to 64 letters A-Z or a-z, digits, '_' or '-', starting with a letter or '_'"


def check_id(value: str) -> str:
    if _ID.fullmatch(value) is None:
        raise ValueError(f'"{shown(value, 40)}" is not an id: an id is {ID_RULE}')
    return value


FONT_RULE = '1 to 100 characters, none of them a control character or one of " < > & \\'


def check_font(value: str) -> str:
    """A font name reaches the drawing's SVG as Graphviz writes it, unescaped: only names
    that cannot close an attribute or open markup are taken."""
    bad = not 1 <= len(value) <= 100 or any(
        c in '"<>&\\' or unicodedata.category(c).startswith("C") for c in value
    )
    if bad:
        raise ValueError(f'"{shown(value, 40)}" is not a font name: a font name is {FONT_RULE}')
    return value


def shown_path(path: object, room: int = 120) -> str:
    """A file's name as every message shows it: escaped as `shown` escapes; a long one
    keeps its end, where the file's name is, cut at a whole escape after escaping, so
    the escapes never push the name out."""
    text = str(path)
    if text.isascii() and text.isprintable():  # nothing to escape: each char is itself
        return text if len(text) <= room else "…" + text[len(text) - room + 1 :]
    pieces = [shown(char) for char in text]  # one character: one escape or itself
    if sum(len(piece) for piece in pieces) <= room:
        return "".join(pieces)
    kept: list[str] = []
    left = room - 1  # for the "…"
    for piece in reversed(pieces):
        if len(piece) > left:
            break
        kept.append(piece)
        left -= len(piece)
    return "…" + "".join(reversed(kept))
