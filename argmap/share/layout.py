"""The shared document's layout (version 1), and maps read from it and written into it.

A room's document has seven root types (docs/collaboration.md gives the same table):

- ``map`` (Map): ``layout`` (this layout's version), ``title`` and ``description``
  (Text), and ``source``, ``style``, ``meta``, ``has_source_text`` as JSON strings (one
  writer's value wins as a whole).
- ``source_text`` (Text): the source's text, merged by characters.
- ``nodes`` (Map): a node's id -> a Map of its fields: ``text``, ``title``, ``note`` as
  Text (merged by characters); every other field of a node as a JSON string; and
  ``deleted`` (JSON): a deleted node stays as a tombstone, so that its parent is known.
- ``links``, ``sections``, ``views``, ``tag_colors`` (Map): an item's key (a link's or
  section's id, a view's name, a tag) -> the rest of it and its ``position`` as JSON.

Whatever the document holds, `read_map` makes a valid map of it, the same on every
replica: each conflict that concurrent edits can leave is resolved by a fixed rule
(share/repair.py, and the rules in docs/collaboration.md), and a value no version of argmap
writes is read as the field's default.  `write_map` writes the difference between two
maps as the fewest changes: a retyped text as the characters that changed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pycrdt import Doc, Map, Text

from argmap.model import ArgumentMap, Node
from argmap.model.source import reanchor_ref
from argmap.share.repair import assembled
from argmap.share.texts import edit_text as _edit_text

LAYOUT = 1
#: a node's fields held as shared text, merged by characters
TEXTS = ("text", "title", "note")
#: the map's own fields held as shared text
MAP_TEXTS = ("title", "description")
#: the map's other fields, each one JSON value
MAP_FIELDS = ("style", "meta")
#: the map's lists kept item by item, each a root Map keyed by the item's own key
KEYED = {"sections": "id", "views": "name", "tag_colors": "tag"}
NODE_FIELDS = tuple(name for name in Node.model_fields if name != "id")


class LayoutError(ValueError):
    """The document is of a layout this argmap does not know."""


class EmptyRoomError(LayoutError):
    """The document holds no map at all (a room being made, or one that lost its data)."""


# -- writing ----------------------------------------------------------------------------


def new_doc(m: ArgumentMap, client_id: int | None = None) -> Doc[Any]:
    """A document holding `m`."""
    doc: Doc[Any] = Doc(client_id=client_id) if client_id is not None else Doc()
    write_map(doc, None, m)
    return doc


def write_map(
    doc: Doc[Any], old: ArgumentMap | None, new: ArgumentMap, origin: Any = "local"
) -> None:
    """Write into `doc` what changed from `old` (the map last read from it, or None for
    a document being filled) to `new`, in one transaction."""
    with doc.transaction(origin=origin):
        root = doc.get("map", type=Map)
        nodes = doc.get("nodes", type=Map)
        links = doc.get("links", type=Map)
        source_text = doc.get("source_text", type=Text)
        if root.get("layout") != LAYOUT:
            root["layout"] = LAYOUT
        for name in MAP_TEXTS:
            if old is None or getattr(old, name) != getattr(new, name):
                _set_text(root, name, getattr(old, name) if old else None, getattr(new, name))
        wanted = _map_fields(new)
        had = _map_fields(old) if old is not None else {}
        for name, value in wanted.items():  # only what the edit changed: others' stays
            if old is None or had.get(name) != value:
                _set_json(root, name, value)
        if old is None:
            _edit_text(source_text, str(source_text), new.source.text or "")
        elif old.source.text != new.source.text:
            _edit_text(source_text, old.source.text or "", new.source.text or "")
        old_nodes = old.nodes if old else {}
        for node_id, node in new.nodes.items():
            before = old_nodes.get(node_id)
            if before is not None and before == node:
                continue
            _write_node(nodes, node, before)
        for node_id in old_nodes.keys() - new.nodes.keys():
            entry = nodes.get(node_id)
            if isinstance(entry, Map):
                _set_json(entry, "deleted", True)
        for name, key in KEYED.items():
            _write_keyed(
                doc.get(name, type=Map),
                _items(old, name, key) if old else None,
                _items(new, name, key),
            )
        was = {link.id: (k, link) for k, link in enumerate(old.links)} if old else {}
        old_links = set(was)
        new_links = {link.id for link in new.links}
        for position, link in enumerate(new.links):
            if was.get(link.id) == (position, link):
                continue  # unchanged by this edit: what others did to it stays
            link_fields = link.model_dump(mode="json", exclude={"id"})
            _set_json(links, link.id, {**link_fields, "position": position})
        for link_id in old_links - new_links:
            if link_id in links:
                del links[link_id]


def _items(m: ArgumentMap, name: str, key: str) -> list[tuple[str, Any]]:
    """A keyed list of the map as (key, the rest), in its order."""
    if name == "tag_colors":
        return [(tag, {"colour": colour}) for tag, colour in m.tag_colors.items()]
    out = []
    for item in m.model_dump(mode="json", include={name})[name]:
        rest = dict(item)
        out.append((str(rest.pop(key)), rest))
    return out


def _write_keyed(
    container: Map[Any], old: list[tuple[str, Any]] | None, new: list[tuple[str, Any]]
) -> None:
    """Each item that this edit added, changed or moved (its position in the list kept
    with it), and each it removed: two people adding sections at once keep both."""
    was = {key: (k, rest) for k, (key, rest) in enumerate(old)} if old is not None else {}
    for position, (key, rest) in enumerate(new):
        if was.get(key) != (position, rest):
            _set_json(container, key, {**rest, "position": position})
    for key in was.keys() - {key for key, _ in new}:
        if key in container:
            del container[key]


def _read_keyed(container: Map[Any], name: str, key: str) -> Any:
    """A keyed list back as the model has it, in (position, key) order."""
    items = []
    for item_key, value in container.items():
        fields = _decoded(value)
        if isinstance(fields, dict):
            position = fields.pop("position", 0)
            if isinstance(position, bool) or not isinstance(position, int | float):
                position = 0
            items.append((position, item_key, fields))
    items.sort(key=lambda item: (item[0], item[1]))
    if name == "tag_colors":
        return {k: f.get("colour") for _, k, f in items}
    return [{**f, key: k} for _, k, f in items]


def _map_fields(m: ArgumentMap) -> dict[str, Any]:
    dumped = m.model_dump(mode="json", include=set(MAP_FIELDS) | {"source"})
    source = dict(dumped.pop("source"))
    source.pop("text", None)  # held as shared text
    source.pop("checksum", None)  # the text's checksum is the reader's to work out
    dumped["source"] = source
    dumped["has_source_text"] = m.source.text is not None
    return dumped


def _write_node(nodes: Map[Any], node: Node, before: Node | None) -> None:
    """A new node whole; an edited one by the fields the edit changed (from `before`),
    so that what others changed meanwhile in the other fields stays; a node deleted and
    brought back (undo) by its tombstone's fields, which hold others' edits since."""
    entry = nodes.get(node.id)
    dumped = node.model_dump(mode="json", exclude={"id", *TEXTS})
    if not isinstance(entry, Map):
        fields: dict[str, Any] = {name: Text(getattr(node, name)) for name in TEXTS}
        fields.update({name: _json(value) for name, value in dumped.items()})
        fields["deleted"] = _json(False)
        nodes[node.id] = Map(fields)
        return
    if before is None:  # a tombstone revived: as it was left, others' edits included
        _set_json(entry, "deleted", False)
        return
    for name in TEXTS:
        if getattr(before, name) != getattr(node, name):
            _set_text(entry, name, getattr(before, name), getattr(node, name))
    old = before.model_dump(mode="json", exclude={"id", *TEXTS})
    for name, value in dumped.items():
        if old.get(name) != value:
            _set_json(entry, name, value)
    _set_json(entry, "deleted", False)


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _set_json(container: Map[Any], key: str, value: Any) -> None:
    encoded = _json(value)
    if container.get(key) != encoded:
        container[key] = encoded


def _set_text(container: Map[Any], key: str, old: str | None, new: str) -> None:
    text = container.get(key)
    if not isinstance(text, Text):
        container[key] = Text(new)
        return
    _edit_text(text, str(text) if old is None else old, new)


# -- reading ------------------------------------------------------------------------------


def read_map(doc: Doc[Any]) -> ArgumentMap:
    """The valid map the document holds (the same on every replica that holds the same
    updates); raises LayoutError for a layout newer than this argmap's, EmptyRoomError for a
    document with no map in it."""
    return _checked(doc, lambda: _raw_nodes(doc.get("nodes", type=Map)))


class Reader:
    """`read_map` for a replica that reads its map after every change: a node's fields
    are read from the document again only when a change touched that node (reading
    them all took 0.3 s at 5,000 nodes); the map's rules still run on every read."""

    def __init__(self, doc: Doc[Any]) -> None:
        self.doc = doc
        self.nodes = doc.get("nodes", type=Map)
        self.raw: dict[str, tuple[bool, dict[str, Any]]] = {}
        self.dirty: set[str] | None = None  # None: every node to be read
        self._watch = self.nodes.observe_deep(self._changed)

    def _changed(self, events: list[Any]) -> None:
        if self.dirty is None:
            return
        for event in events:
            path = list(event.path)
            if path:
                self.dirty.add(str(path[0]))
            else:
                self.dirty.update(str(key) for key in event.keys)

    def read(self) -> ArgumentMap:
        return _checked(self.doc, self._nodes)

    def _nodes(self) -> tuple[dict[str, dict[str, Any]], dict[str, str | None]]:
        if self.dirty is None:
            self.raw = {}
            for node_id, entry in self.nodes.items():
                self._keep(node_id, entry)
        else:
            for node_id in self.dirty:
                self.raw.pop(node_id, None)
                self._keep(node_id, self.nodes.get(node_id))
        self.dirty = set()
        live: dict[str, dict[str, Any]] = {}
        tombstones: dict[str, str | None] = {}
        for node_id in sorted(self.raw):
            deleted, fields = self.raw[node_id]
            if deleted:
                parent = fields.get("parent")
                tombstones[node_id] = parent if isinstance(parent, str) else None
            else:
                live[node_id] = fields
        return live, tombstones

    def _keep(self, node_id: str, entry: object) -> None:
        read = _raw_entry(node_id, entry)
        if read is not None:
            self.raw[node_id] = read


def _checked(
    doc: Doc[Any],
    nodes: Callable[[], tuple[dict[str, dict[str, Any]], dict[str, str | None]]],
) -> ArgumentMap:
    root = doc.get("map", type=Map)
    layout = root.get("layout")
    if isinstance(layout, int | float) and not isinstance(layout, bool) and layout > LAYOUT:
        raise LayoutError(
            f"the shared map is of layout {shown_layout(layout)}; this argmap reads layout "
            f"{LAYOUT}: update argmap"
        )
    if layout is None and not len(doc.get("nodes", type=Map)):
        raise EmptyRoomError("the room holds no map")
    try:
        return _read(doc, root, *nodes())
    except RecursionError:  # nested past Python's limit: nothing argmap writes
        return ArgumentMap()


def _read(
    doc: Doc[Any],
    root: Map[Any],
    raw_nodes: dict[str, dict[str, Any]],
    tombstones: dict[str, str | None],
) -> ArgumentMap:
    data: dict[str, Any] = {name: _text_of(root.get(name)) for name in MAP_TEXTS}
    for name in MAP_FIELDS:
        value = _decoded(root.get(name))
        if value is not None:
            data[name] = value
    for name, key in KEYED.items():
        data[name] = _read_keyed(doc.get(name, type=Map), name, key)
    source = _decoded(root.get("source"))
    source = dict(source) if isinstance(source, dict) else {}
    source.pop("checksum", None)
    source.pop("text", None)
    if _decoded(root.get("has_source_text")) is True:
        source["text"] = _text_of(doc.get("source_text", type=Text))
    data["source"] = source
    raw_links = _raw_links(doc.get("links", type=Map))
    return spans_kept(assembled(data, raw_nodes, tombstones, raw_links))


def spans_kept(m: ArgumentMap) -> ArgumentMap:
    """Each source span whose quoted words are no longer at its offsets (someone edited
    the source text while another added the span) moved to where its words are now, or
    flagged for review when they cannot be found once; the rest as they are."""
    text = m.source.text
    if not text:
        return m
    changed = {}
    for node_id, node in m.nodes.items():
        refs = list(node.refs)
        for k, ref in enumerate(refs):
            if ref.quote and ref.start is not None and ref.end is not None:
                if text[ref.start : ref.end] != ref.quote:
                    refs[k] = reanchor_ref(text, ref)[0]
        if refs != list(node.refs):
            changed[node_id] = node.model_copy(update={"refs": tuple(refs)})
    return m.evolve(nodes={**m.nodes, **changed}) if changed else m


def shown_layout(value: object) -> str:
    """A layout number as written (Yjs numbers are floats: 2.0 is shown as 2)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value) if isinstance(value, int) else repr(value)[:20]


def _text_of(value: object) -> str:
    return str(value) if isinstance(value, Text) else ""


def _decoded(value: object) -> Any:
    if not isinstance(value, str):
        return None
    try:
        return json.loads(value)
    except (ValueError, RecursionError):
        return None


def _raw_nodes(nodes: Map[Any]) -> tuple[dict[str, dict[str, Any]], dict[str, str | None]]:
    """Each live node's fields as decoded (unchecked), and each tombstone's parent."""
    live: dict[str, dict[str, Any]] = {}
    tombstones: dict[str, str | None] = {}
    for node_id, entry in nodes.items():
        read = _raw_entry(node_id, entry)
        if read is None:
            continue
        deleted, fields = read
        if deleted:
            parent = fields.get("parent")
            tombstones[node_id] = parent if isinstance(parent, str) else None
        else:
            live[node_id] = fields
    return dict(sorted(live.items())), tombstones


def _raw_entry(node_id: str, entry: object) -> tuple[bool, dict[str, Any]] | None:
    """(deleted, the fields as decoded) of a node's entry; None if it is no node's."""
    if not isinstance(entry, Map):
        return None
    fields: dict[str, Any] = {"id": node_id}
    for name in TEXTS:
        fields[name] = _text_of(entry.get(name))
    for name in NODE_FIELDS:
        if name not in TEXTS:
            value = _decoded(entry.get(name))
            if value is not None:
                fields[name] = value
    return _decoded(entry.get("deleted")) is True, fields


def _raw_links(links: Map[Any]) -> list[dict[str, Any]]:
    """The cross-links in (position, id) order, each without its position."""
    out = []
    for link_id, value in links.items():
        fields = _decoded(value)
        if isinstance(fields, dict):
            position = fields.pop("position", 0)
            if isinstance(position, bool) or not isinstance(position, int | float):
                position = 0
            out.append((position, link_id, {**fields, "id": link_id}))
    return [fields for _, _, fields in sorted(out, key=lambda item: (item[0], item[1]))]
