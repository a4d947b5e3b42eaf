"""The native `*.argmap.json` format: versioned, stable key order, atomic saves."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from argmap.formats import bounded
from argmap.formats.atomic import atomic_write
from argmap.formats.caps import collector_paused, json_items_over, too_many
from argmap.formats.errors import LoadError, parse_json
from argmap.formats.migrate import upgraded
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
#: commas and brackets outside strings, about one per JSON value, as argmap writes the
#: map (a file is checked before it is parsed, and its map after: saving writes every
#: field): an ordinary node has 17, so 100,000 nodes need 1.7 million; a file of nothing
#: but `{},` takes about 1.5 s and 300 MB
MAX_ITEMS = 4_000_000


def dumps(m: ArgumentMap) -> str:
    """The file text: two-space indent, fields in model order, one node per block."""
    return json.dumps(m.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def save(m: ArgumentMap, path: str | Path) -> bytes:
    """Write `m` atomically; the bytes written, so that the caller knows the file's
    state without reading it back."""
    data = dumps(m).encode("utf-8")
    atomic_write(path, data)
    return data


def load(path: str | Path) -> ArgumentMap:
    return load_with_notes(path)[0]


def load_with_notes(path: str | Path) -> tuple[ArgumentMap, list[str]]:
    """Load a map and its source kept beside it; the notes say what was re-anchored."""
    m, notes, _ = load_with_bytes(path)
    return m, notes


def load_with_bytes(path: str | Path) -> tuple[ArgumentMap, list[str], bytes]:
    """`load_with_notes`, and the very bytes read: the file's state when it was read.

    Regular files only, at most MAX_BYTES, never blocking (a FIFO is refused at once)."""
    from argmap.formats.source_text import resolve_source

    path = Path(path)
    data = bounded.read_bounded(path, MAX_BYTES)  # "too large for a map"
    m, notes = resolve_source(loads(data, path), path.parent)
    return m, notes, data


def loads(raw: bytes | str, path: str | Path | None = None) -> ArgumentMap:
    if len(raw) > MAX_BYTES:
        unit = "bytes" if isinstance(raw, bytes) else "characters"
        raise LoadError(path, None, f"is more than {MAX_BYTES:,} {unit}, too large for a map")
    with collector_paused():
        return _loads(raw, path)


def _loads(raw: bytes | str, path: str | Path | None) -> ArgumentMap:
    if isinstance(raw, bytes):
        text = bounded.decode_utf8(raw, path, "line and column")  # a BOM is harmless
        size = len(raw.removeprefix(bounded.BOM))
    else:
        text = raw.removeprefix("\ufeff")
        size = len(text.encode("utf-8", "surrogatepass"))
    if not text.strip():
        raise LoadError(path, None, "is empty; expected an argmap JSON document")
    if json_items_over(text, MAX_ITEMS):  # a file has at most the items its map writes
        raise LoadError(path, None, too_many(_ITEMS, MAX_ITEMS))
    return from_data(parse_json(text, path), path, size)


def from_data(data: Any, path: str | Path | None = None, size: int | None = None) -> ArgumentMap:
    """The map of parsed JSON `data`; `size` is the bytes of the text it was parsed from
    (without it, the map is written once to check it would open again)."""
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
    data = upgraded(data, version)
    nodes = data.get("nodes", _MISSING)
    if nodes is _MISSING:
        raise LoadError(path, "nodes", 'missing; a map lists its nodes (an empty map: "nodes": [])')
    if not isinstance(nodes, list):
        raise LoadError(path, "nodes", f"expected a list of nodes, found {_json_type(nodes)}")
    _check_counts(nodes, data.get("links"), path)
    source = data.get("source")
    if isinstance(source, dict) and source.get("text") is not None and source.get("file"):
        # argmap writes one of them; with both, the text would be dropped on the next save
        raise LoadError(
            path, "source", 'has both "text" and "file"; a map keeps its source text in one'
        )
    try:
        with collector_paused():
            m = ArgumentMap.model_validate(data)
    except ValidationError as exc:
        loc, message = first_problem(exc)  # where inside a field too, e.g. meta.k[0]
        where = _field_path(loc)
        more = exc.error_count() - 1
        if more:
            message += f" (and {more} more problem{'s' if more > 1 else ''})"
        raise LoadError(path, where or None, message) from None
    except RecursionError:
        raise LoadError(path, None, "nested too deeply") from None
    check_reopens(m, path, MAX_BYTES + 1 if size is None else size)
    return m


_MISSING = object()


#: at most how many bytes `dumps` writes for a map, node, reference, link and tag beyond
#: what the most compact file holding them has (every field, on a line of its own;
#: measured 349, 262, 179, 52 and 8); tests check the bound on generated maps
_MAP_BYTES, _NODE_BYTES, _REF_BYTES, _LINK_BYTES, _TAG_BYTES = 600, 360, 200, 80, 12


def _measure(value: dict[str, Any], depth: int) -> tuple[int, int]:
    """The JSON items of `value` (each object and list one, and one for each comma in
    it) and at most how many bytes `dumps` adds to its compact JSON, its members at
    `depth`: each on a line indented two spaces a level; a float as Python writes it.
    The values are a validated model's (plain dicts and lists: JsonValue makes them)."""
    items = grow = 0
    stack: list[tuple[Any, int]] = [(value, depth)]  # containers with members only
    while stack:
        item, level = stack.pop()
        members = item.values() if type(item) is dict else item
        count = len(members)
        items += count or 1
        grow += (2 * level + 6) * count
        for child in members:
            kind = type(child)
            if kind is dict or kind is list:
                if child:
                    stack.append((child, level + 1))
                else:
                    items += 1
            elif kind is float:
                grow += 24
    return items, grow


def _written(m: ArgumentMap) -> tuple[int, int]:
    """`written_items` and `written_growth` of `m`, in one pass."""
    items, grow = _measure(m.meta, 2)
    items += 8 + 7 + max(len(m.nodes), 1) + max(len(m.links), 1)
    more, bigger = _measure(
        {
            "style": m.style.model_dump(mode="json"),
            "sections": [s.model_dump(mode="json") for s in m.sections],
            "tag_colors": dict(m.tag_colors),
            "views": [v.model_dump(mode="json") for v in m.views],
        },
        1,
    )
    items, grow = items + more, grow + bigger
    grow += _MAP_BYTES + _NODE_BYTES * len(m.nodes) + _LINK_BYTES * len(m.links)
    for node in m.nodes.values():  # 15 fields, the tags and refs lists, 7 fields a ref
        refs, tags = len(node.refs), len(node.tags)
        items += 15 + max(tags, 1) + max(refs, 1) + 7 * refs
        if node.argument is not None:
            more, bigger = _measure(node.argument.model_dump(mode="json"), 4)
            items, grow = items + more, grow + bigger
        grow += _REF_BYTES * refs + _TAG_BYTES * tags
        if node.meta:
            more, bigger = _measure(node.meta, 4)
            items, grow = items + more, grow + bigger
        else:
            items += 1
    for link in m.links:
        more, bigger = _measure(link.meta, 4)
        items, grow = items + 5 + more, grow + bigger
    return items, grow


def written_items(m: ArgumentMap) -> int:
    """The JSON items of `m` as `dumps` writes it (commas and opening brackets outside
    strings, as `json_items_over` counts): every field is written, so a file that leaves
    fields out has fewer; tests compare it with `dumps` itself."""
    return _written(m)[0]


def written_growth(m: ArgumentMap) -> int:
    """At most how many more bytes `dumps(m)` has than a file `m` was read from."""
    return _written(m)[1]


def check_reopens(m: ArgumentMap, path: str | Path | None, size: int) -> None:
    """Refuse a map that, once saved, would be over the caps of this reader: saving
    writes every field, so a file can grow, and imports make maps of their own.  Every
    reader calls it, so that what argmap writes, argmap opens.

    `size` is at most the bytes that the map's texts, ids and values take in JSON: a
    native file's own size, or what an import works out from its input.  Only when that
    and what saving adds (`written_growth`) could be over MAX_BYTES is the map written
    to see (a second or two at the caps)."""
    _check_sizes(len(m.nodes), len(m.links), sum(len(n.refs) for n in m.nodes.values()), path)
    items, grow = _written(m)
    if items > MAX_ITEMS:
        raise LoadError(path, None, too_many(_ITEMS, MAX_ITEMS))
    if size + grow <= MAX_BYTES:
        return
    written = len(dumps(m).encode("utf-8"))
    if written > MAX_BYTES:
        message = f"would be {written:,} bytes as a map, more than the {MAX_BYTES:,} one may be"
        raise LoadError(path, None, message)


#: at most the bytes an id takes in a map beyond its input: written as its id, its
#: children's parent and link ends, in quotes (imports make ids of their own)
ID_BYTES = 3 * 66


#: what MAX_ITEMS counts, for messages
_ITEMS = "JSON values as argmap writes them"


def _check_sizes(nodes: int, links: int, refs: int, path: str | Path | None) -> None:
    if nodes > MAX_NODES:
        raise LoadError(path, None, too_many("nodes", MAX_NODES))
    if links > MAX_LINKS:
        raise LoadError(path, None, too_many("cross-links", MAX_LINKS))
    if refs > MAX_REFS:
        raise LoadError(path, None, too_many("source references", MAX_REFS))


def _check_counts(nodes: list[Any], links: Any, path: str | Path | None) -> None:
    """Refuse more nodes, cross-links or source references than MAX_NODES and the like,
    before the model is built."""
    if len(nodes) > MAX_NODES:  # before counting the references in them
        raise LoadError(path, None, too_many("nodes", MAX_NODES))
    refs = 0
    for node in nodes:
        if isinstance(node, dict) and isinstance(found := node.get("refs"), list):
            refs += len(found)
    _check_sizes(len(nodes), len(links) if isinstance(links, list) else 0, refs, path)


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
