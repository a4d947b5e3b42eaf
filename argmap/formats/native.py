"""The native `*.argmap.json` format: versioned, stable key order, atomic saves."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from argmap.formats import bounded
from argmap.formats.atomic import atomic_write
from argmap.formats.caps import collector_paused, json_items_over, too_many
from argmap.formats.errors import LoadError, line_col, parse_json
from argmap.model import FORMAT_TAG, FORMAT_VERSION, ArgumentMap
from argmap.model.validation import first_problem, shown

SUFFIX = ".argmap.json"
#: The caps (argmap.formats.caps) are above what every import can make, so that a map
#: imported and saved opens again, and each loads in a few seconds at most: 100,000
#: ordinary nodes are some 40 MB and load in about 3 s; the rest is texts (cheap) or
#: the JSON items that MAX_ITEMS bounds.
MAX_BYTES = 64 * 1024 * 1024
MAX_NODES = 100_000
MAX_LINKS = 200_000
MAX_REFS = 200_000  # source references, in all nodes
#: commas and brackets outside strings, about one per JSON value: an ordinary node has
#: some 17, so 100,000 nodes need 1.7 million; nothing but `{},` would take 3 s
MAX_ITEMS = 4_000_000


def dumps(m: ArgumentMap) -> str:
    """The file text: two-space indent, fields in model order, one node per block."""
    return json.dumps(m.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def save(m: ArgumentMap, path: str | Path) -> None:
    atomic_write(path, dumps(m).encode("utf-8"))


def load(path: str | Path) -> ArgumentMap:
    return load_with_notes(path)[0]


def load_with_notes(path: str | Path) -> tuple[ArgumentMap, list[str]]:
    """Load a map and its source kept beside it; the notes say what was re-anchored."""
    from argmap.formats.source_text import resolve_source

    path = Path(path)
    return resolve_source(_load_file(path), path.parent)


def _load_file(path: Path) -> ArgumentMap:
    """Regular files only, at most MAX_BYTES, never blocking (a FIFO is refused at once)."""
    return loads(bounded.read_bounded(path, MAX_BYTES), path)  # "too large for a map"


def loads(raw: bytes | str, path: str | Path | None = None) -> ArgumentMap:
    if len(raw) > MAX_BYTES:
        unit = "bytes" if isinstance(raw, bytes) else "characters"
        raise LoadError(path, None, f"is more than {MAX_BYTES:,} {unit}, too large for a map")
    with collector_paused():
        return _loads(raw, path)


def _loads(raw: bytes | str, path: str | Path | None) -> ArgumentMap:
    if isinstance(raw, bytes):
        raw = raw.removeprefix(b"\xef\xbb\xbf")  # a BOM is harmless; positions skip it
        try:
            text = raw.decode()  # UTF-8
        except UnicodeDecodeError as exc:
            before = raw[: exc.start].decode()  # valid up to the first bad byte
            raise LoadError(path, line_col(before, len(before)), "is not UTF-8 text") from None
    else:
        text = raw.removeprefix("\ufeff")
    if not text.strip():
        raise LoadError(path, None, "is empty; expected an argmap JSON document")
    if json_items_over(text, MAX_ITEMS):
        raise LoadError(path, None, too_many("JSON values", MAX_ITEMS))
    return from_data(parse_json(text, path), path)


def from_data(data: Any, path: str | Path | None = None) -> ArgumentMap:
    if not isinstance(data, dict):
        raise LoadError(path, None, f"expected a JSON object at the top, found {_json_type(data)}")
    tag = data.get("format")
    if tag != FORMAT_TAG:
        raise LoadError(
            path,
            "format",
            f'not an argmap file (expected format "{FORMAT_TAG}", found {_echo(tag)})',
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise LoadError(path, "version", f"expected a whole number, found {_echo(version)}")
    if version > FORMAT_VERSION:
        raise LoadError(
            path,
            "version",
            f"written by a newer argmap (format version {version}); this one reads "
            f"version {FORMAT_VERSION} and older: please upgrade argmap",
        )
    if version < 1:
        raise LoadError(path, "version", f"unknown format version {version}")
    nodes = data.get("nodes", _MISSING)
    if nodes is _MISSING:
        raise LoadError(path, "nodes", 'missing; a map lists its nodes (an empty map: "nodes": [])')
    if not isinstance(nodes, list):
        raise LoadError(path, "nodes", f"expected a list of nodes, found {_json_type(nodes)}")
    _check_counts(nodes, data.get("links"), path)
    try:
        with collector_paused():
            return ArgumentMap.model_validate(data)
    except ValidationError as exc:
        loc, message = first_problem(exc)  # where inside a field too, e.g. meta.k[0]
        where = _field_path(loc)
        more = exc.error_count() - 1
        if more:
            message += f" (and {more} more problem{'s' if more > 1 else ''})"
        raise LoadError(path, where or None, message) from None
    except RecursionError:
        raise LoadError(path, None, "nested too deeply") from None


_MISSING = object()


def _check_counts(nodes: list[Any], links: Any, path: str | Path | None) -> None:
    """Refuse more nodes, cross-links or source references than MAX_NODES and the like."""
    if len(nodes) > MAX_NODES:
        raise LoadError(path, None, too_many("nodes", MAX_NODES))
    if isinstance(links, list) and len(links) > MAX_LINKS:
        raise LoadError(path, None, too_many("cross-links", MAX_LINKS))
    refs = 0
    for node in nodes:
        if isinstance(node, dict) and isinstance(found := node.get("refs"), list):
            refs += len(found)
    if refs > MAX_REFS:
        raise LoadError(path, None, too_many("source references", MAX_REFS))


def _field_path(loc: tuple[Any, ...]) -> str:
    """("nodes", "a", "text") -> nodes[id=a].text; a node without a valid id is
    nodes[3] (its place in the list); keys are shortened and escaped."""
    parts: list[str] = []
    for i, item in enumerate(loc):
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif i == 1 and loc[0] == "nodes":
            name = str(item)
            parts.append(f"[{name[1:]}]" if name.startswith("#") else f"[id={shown(name, 64)}]")
        else:
            parts.append(("." if parts else "") + shown(item, 40))
    return "".join(parts)


def _echo(value: Any) -> str:
    """A value from the file as JSON, shortened for a message."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        text = repr(value)
    return shown(text, 60)


def _json_type(value: Any) -> str:
    """The JSON name of a value's type, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    names = {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number"}
    return next((name for kind, name in names.items() if isinstance(value, kind)), "a value")
