"""The shared document's layout (version 1), and maps read from it and written into it.

A room's document has four root types (docs/collaboration.md gives the same table):

- ``map`` (Map): ``layout`` (this layout's version), ``title`` and ``description``
  (Text), and ``source``, ``style``, ``sections``, ``views``, ``tag_colors``, ``meta``,
  ``has_source_text`` as JSON strings (one writer's value wins as a whole).
- ``source_text`` (Text): the source's text, merged by characters.
- ``nodes`` (Map): a node's id -> a Map of its fields: ``text``, ``title``, ``note`` as
  Text (merged by characters); every other field of a node as a JSON string; and
  ``deleted`` (JSON): a deleted node stays as a tombstone, so that its parent is known.
- ``links`` (Map): a cross-link's id -> its fields as one JSON string.

Whatever the document holds, `read_map` makes a valid map of it, the same on every
replica: each conflict that concurrent edits can leave is resolved by a fixed rule
(`_repair`, and the rules in docs/collaboration.md), and a value no version of argmap
writes is read as the field's default.  `write_map` writes the difference between two
maps as the fewest changes: a retyped text as the characters that changed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from pycrdt import Doc, Map, Text
from pydantic import ValidationError

from argmap.model import ArgumentMap, CrossLink, Node, structural_problems
from argmap.share.texts import edit_text as _edit_text

LAYOUT = 1
#: a node's fields held as shared text, merged by characters
TEXTS = ("text", "title", "note")
#: the map's own fields held as shared text
MAP_TEXTS = ("title", "description")
#: the map's other fields, each one JSON value
MAP_FIELDS = ("style", "sections", "views", "tag_colors", "meta")
NODE_FIELDS = tuple(name for name in Node.model_fields if name != "id")
#: how many rounds of repair a document gets before the last resort (nodes dropped)
ROUNDS = 12


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
        return _read(doc, root)
    except RecursionError:  # nested past Python's limit: nothing argmap writes
        return ArgumentMap()


def _read(doc: Doc[Any], root: Map[Any]) -> ArgumentMap:
    data: dict[str, Any] = {name: _text_of(root.get(name)) for name in MAP_TEXTS}
    for name in MAP_FIELDS:
        value = _decoded(root.get(name))
        if value is not None:
            data[name] = value
    source = _decoded(root.get("source"))
    source = dict(source) if isinstance(source, dict) else {}
    source.pop("checksum", None)
    source.pop("text", None)
    if _decoded(root.get("has_source_text")) is True:
        source["text"] = _text_of(doc.get("source_text", type=Text))
    data["source"] = source
    raw_nodes, tombstones = _raw_nodes(doc.get("nodes", type=Map))
    raw_links = _raw_links(doc.get("links", type=Map))
    return _assembled(data, raw_nodes, tombstones, raw_links)


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
        if not isinstance(entry, Map):
            continue
        fields: dict[str, Any] = {"id": node_id}
        for name in TEXTS:
            fields[name] = _text_of(entry.get(name))
        for name in NODE_FIELDS:
            if name not in TEXTS:
                value = _decoded(entry.get(name))
                if value is not None:
                    fields[name] = value
        parent = fields.get("parent")
        if _decoded(entry.get("deleted")) is True:
            tombstones[node_id] = parent if isinstance(parent, str) else None
        else:
            live[node_id] = fields
    return live, tombstones


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


def _assembled(
    data: dict[str, Any],
    raw: dict[str, dict[str, Any]],
    tombstones: Mapping[str, str | None],
    raw_links: list[dict[str, Any]],
) -> ArgumentMap:
    base = _base_map(data)
    live = {node_id: dict(fields) for node_id, fields in sorted(raw.items())}
    gone = dict(tombstones)  # and the nodes left out below: their children are re-attached
    links = list(raw_links)
    for _ in range(ROUNDS):
        _repair(live, gone)
        nodes = _valid_nodes(live)
        left_out = [i for i in live if i not in nodes]
        for node_id in left_out:
            parent = live.pop(node_id).get("parent")
            gone[node_id] = parent if isinstance(parent, str) else None
        if left_out:
            continue  # their children are re-attached first
        valid_links = _valid_links(links, nodes)
        m = base.model_construct(**{**base.__dict__, "nodes": nodes, "links": valid_links})
        problems = list(structural_problems(m))
        if not problems:
            try:
                valid = ArgumentMap.model_validate(m.model_dump())
                return valid.evolve(nodes={i: valid.nodes[i] for i in valid.tree.walk()})
            except ValidationError as exc:  # a check the structural ones do not make
                problems = [str(error.get("msg", "")) for error in exc.errors()]
        if not _resolve(problems, live, gone, links):
            break
    # the last resort, never reached by a document argmap wrote: the claims alone
    claims = {i: f for i, f in live.items() if f.get("parent") is None}
    nodes = _valid_nodes({i: _bare(f) for i, f in claims.items()})
    return base.evolve(nodes=nodes, links=())


def _base_map(data: dict[str, Any]) -> ArgumentMap:
    """The map's own fields; a view's hidden section that is gone is dropped from it,
    and a field that still does not validate is read as its default."""
    fields = dict(data)
    sections = fields.get("sections")
    known = (
        {s["id"] for s in sections if isinstance(s, dict) and isinstance(s.get("id"), str)}
        if isinstance(sections, list)
        else set()
    )
    views = fields.get("views")
    if isinstance(views, list):
        fields["views"] = [
            {**v, "hidden_sections": [h for h in v["hidden_sections"] if _hashable(h) in known]}
            if isinstance(v, dict) and isinstance(v.get("hidden_sections"), list)
            else v
            for v in views
        ]
    droppable = ["views", "sections", "tag_colors", "meta", "style", "source", "description"]
    for _ in range(len(fields) + len(droppable) + 1):
        try:
            return ArgumentMap.model_validate(fields)
        except (TypeError, ValueError) as exc:  # ValidationError, or a check given nonsense
            if not isinstance(exc, ValidationError):
                fields.pop(next((n for n in droppable if n in fields), ""), None)
                continue
            bad = {str(error["loc"][0]) for error in exc.errors() if error.get("loc")}
            bad &= fields.keys()
            if not bad:  # a check of the whole map: the least of its fields given up first
                bad = {next((name for name in droppable if name in fields), "")}
            if bad == {""}:
                break
            for name in bad:
                fields.pop(name, None)
    return ArgumentMap()


def _hashable(value: object) -> object:
    return value if isinstance(value, str | int | float | bool | None) else None


def _repair(live: dict[str, dict[str, Any]], tombstones: Mapping[str, str | None]) -> None:
    """The structural rules, in order: a parent deleted -> its nearest live ancestor
    (else a claim); a cycle of parents -> broken at its smallest id; a child needs a
    relation (supports) and a claim has none (siblings are in (order, id) order,
    so equal orders from two people are no conflict); a co-premise group keeps the
    members that share its first member's parent and relation."""
    for fields in live.values():
        fields["parent"] = _living(fields.get("parent"), live, tombstones)
    for node_id in sorted(live):
        cycle = _cycle_from(node_id, live)
        if cycle:
            live[min(cycle)]["parent"] = None
    for fields in live.values():
        if fields["parent"] is None:
            fields["relation"] = None
            fields["group"] = None
        elif not isinstance(fields.get("relation"), str):
            fields["relation"] = "supports"
    first: dict[str, dict[str, Any]] = {}
    for node_id in sorted(live):
        fields = live[node_id]
        group = fields.get("group")
        if group is None:
            continue
        if not isinstance(group, str):
            fields["group"] = None
            continue
        lead = first.setdefault(group, fields)
        if (lead["parent"], lead["relation"]) != (fields["parent"], fields["relation"]):
            fields["group"] = None


def _living(
    parent: object, live: Mapping[str, object], tombstones: Mapping[str, str | None]
) -> str | None:
    seen: set[str] = set()
    while isinstance(parent, str) and parent not in live and parent not in seen:
        seen.add(parent)
        parent = tombstones.get(parent)
    return parent if isinstance(parent, str) and parent in live else None


def _cycle_from(start: str, live: Mapping[str, dict[str, Any]]) -> list[str]:
    path: list[str] = []
    on_path: set[str] = set()
    current: str | None = start
    while current is not None and current not in on_path:
        on_path.add(current)
        path.append(current)
        current = live[current]["parent"]
    if current is None:
        return []
    return path[path.index(current) :]


def _valid_nodes(live: Mapping[str, dict[str, Any]]) -> dict[str, Node]:
    """Each node validated; a field that does not validate is read as its default, and
    a node that still does not (its id, say) is left out."""
    nodes: dict[str, Node] = {}
    for node_id, fields in live.items():
        node = _valid_node(fields)
        if node is not None:
            nodes[node_id] = node
    return nodes


def _valid_node(fields: dict[str, Any]) -> Node | None:
    tried = dict(fields)
    for _ in range(len(tried) + 1):
        try:
            return Node.model_validate(tried)
        except (TypeError, ValueError) as exc:
            if not isinstance(exc, ValidationError):
                return None
            bad = {str(e["loc"][0]) for e in exc.errors() if e.get("loc")}
            bad &= tried.keys() - {"id", "parent", "relation"}
            if not bad:
                break
            for name in bad:
                tried.pop(name)
    return None


def _bare(fields: dict[str, Any]) -> dict[str, Any]:
    return {name: fields[name] for name in ("id", "text", "title", "note") if name in fields}


def _valid_links(
    links: Iterable[dict[str, Any]], nodes: Mapping[str, Node]
) -> tuple[CrossLink, ...]:
    out = []
    for fields in links:
        try:
            link = CrossLink.model_validate(fields)
        except (TypeError, ValueError):
            continue
        if link.source in nodes and link.target in nodes and link.source != link.target:
            out.append(link)
    return tuple(out)


_NAMED = re.compile(r"^(node|argument|cross-link|view) '([^']*)'")


def _resolve(
    problems: list[str],
    live: dict[str, dict[str, Any]],
    gone: dict[str, str | None],
    links: list[dict[str, Any]],
) -> bool:
    """The rest of the rules, by what the model's checks say: an undercut of what is
    not an inference becomes a rebuttal; a section that is gone is dropped from the
    node; an argument whose steps do not hold is read as a plain statement; spans
    past the end of the source keep their quote but lose their offsets; a cross-link
    that does not hold is dropped; anything else leaves the node out (its children
    are re-attached like a deleted node's).  False when nothing was changed."""
    changed = False
    for problem in problems:
        match = _NAMED.match(problem.removeprefix("Value error, "))
        if match is None:
            continue
        kind, name = match.groups()
        if kind == "cross-link":
            before = len(links)
            links[:] = [link for link in links if link.get("id") != name]
            changed |= len(links) != before
            continue
        if kind == "view" or name not in live:
            continue
        fields = live[name]
        if "undercuts" in problem and fields.get("relation") == "undercuts":
            fields["relation"] = "rebuts"
        elif "section" in problem and "source span" not in problem and fields.get("section"):
            fields["section"] = None
        elif kind == "argument" and fields.get("argument") is not None:
            fields["argument"] = None
        elif "source span" in problem and fields.get("refs"):
            fields["refs"] = [_unplaced(ref) for ref in fields["refs"]]
        else:
            parent = live.pop(name).get("parent")
            gone[name] = parent if isinstance(parent, str) else None
        changed = True
    return changed


def _unplaced(ref: object) -> object:
    if isinstance(ref, dict):
        return {**ref, "start": None, "end": None}
    return ref
