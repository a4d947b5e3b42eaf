"""Reading argmap's own hints back from an AIF file (argmap.formats.aif.hints_out writes them).

A nodeset holds statements, inferences and conflicts; what argmap knows beyond them
(titles, tags, notes, sections, an argument's text and structure, ticked questions,
tag colours, views, ids) is written in one top-level ``"argmap"`` object beside
``nodes``, ``edges`` and ``locutions``, so a plain AIF reader sees a standard nodeset:

    {"version": 2, "title": ..., "description": ..., "sections": [...],
     "tag_colors": {...}, "views": [...], "style": {...}, "meta": {...},
     "nodes": {"<nodeID>": {"id": ..., "title": ..., "argument": {"pcs": [...]}, ...}},
     "links": [{"from": "<nodeID>", "to": "<nodeID>", "n": 0, "id": ..., "meta": ...}]}

A node's hint holds only what differs from what the nodeset alone reads as (the
reader's own rows): the fields of NODE_FIELDS, ``id``, ``meta`` (all but the AIF
file's), ``argument`` (null: a statement; else its ``pcs``, ``scheme`` and
``questions`` that differ, steps naming statements by nodeID), ``parent`` (an
undercut's: the premise it was under, where the reader anchors it at another) and
``root`` (a top-level claim the reader hangs by its cross-link: that link's id,
relation, metadata and place among the links, ``at``); an RA's hint may also say
``"ra": true`` (an argument though it names no scheme) and ``"top": true`` (a top-level
argument: its RA's edge to its conclusion hangs it nowhere), which the reader lays
the nodeset out with (`marks_of`).  A cross-link's hint names
it by its ends' nodeIDs and which of the links between them it is (``n``); ``"drop": true``
says the map has no such link (a premise's edge into its argument's RA beside the
relation the premise hangs by is a step of the structure alone).  The nodeset decides:
a hint that does not fit it (a step naming a node that is not there, a value of the
wrong shape, an id taken twice) is left out, each field alone, and the map is what
the nodeset says; the other hints still apply.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from pydantic import ValidationError

from argmap.formats.aif.meta import LinkRow, NodeRow, as_dict, dicts
from argmap.formats.aif.nodeset import JsonObject, is_id
from argmap.model import ArgumentMap, Node, Relation
from argmap.model.validation import ID_PATTERN

__all__ = ["HINT_KEY", "MAP_FIELDS", "NODE_FIELDS", "Marks", "apply_hints", "marks_of"]

#: the nodeset's top-level key that holds argmap's hints
HINT_KEY = "argmap"
#: the map's fields a hint may hold, each checked alone (views after sections)
MAP_FIELDS = ("title", "description", "style", "tag_colors", "sections", "views")
#: a node's fields a hint holds as they are (besides id, argument and meta)
NODE_FIELDS = (
    "order",
    "title",
    "text",
    "tags",
    "note",
    "section",
    "acceptance",
    "force",
    "group",
    "relation",
)
_ID = re.compile(ID_PATTERN)


@dataclass(frozen=True, slots=True)
class Marks:
    """The RAs a node hint marks (by nodeID): arguments though they name no scheme
    (``"ra": true``), and top-level arguments whose RA's edge to their structure's
    conclusion hangs them nowhere (``"top": true``); the reader lays the nodeset out
    with them (argmap.formats.aif.arguments says which RAs export marks)."""

    arguments: frozenset[str] = frozenset()
    top: frozenset[str] = frozenset()


def marks_of(hint: object) -> Marks:
    """The marks of the node hints in `hint` (argmap's object); none if it has no nodes."""
    nodes = as_dict(as_dict(hint).get("nodes"))
    hinted = [(key, as_dict(value)) for key, value in nodes.items()]
    arguments = frozenset(key for key, value in hinted if value.get("ra") is True)
    return Marks(arguments, frozenset(key for key, value in hinted if value.get("top") is True))


def _valid(model: type[ArgumentMap] | type[Node], data: Mapping[str, Any]) -> bool:
    """Whether `data` makes a valid `model` (a hint's part checked alone)."""
    try:
        model.model_validate(data)
    except (ValidationError, ValueError, TypeError, RecursionError):
        return False
    return True


def _map_fields(hint: JsonObject) -> JsonObject:
    """The map's fields the hint holds that are valid, each checked alone."""
    fields: JsonObject = {}
    for name in MAP_FIELDS:
        if name not in hint:
            continue
        data = {name: hint[name]}
        if name == "views":
            data["sections"] = fields.get("sections", [])
        if _valid(ArgumentMap, data):
            fields[name] = hint[name]
    meta = as_dict(hint.get("meta"))
    if meta:
        fields["meta"] = {k: v for k, v in meta.items() if k != "aif"}
    return fields


def _key(row: NodeRow) -> str:
    return str(row["meta"]["aif"]["nodeID"])


def _renames(rows: list[NodeRow], hints: Mapping[str, object]) -> dict[str, str]:
    """The ids the hints give back (all or none: an id taken twice keeps the read ones)."""
    renames: dict[str, str] = {}
    for row in rows:
        wanted = as_dict(hints.get(_key(row))).get("id")
        if isinstance(wanted, str) and _ID.fullmatch(wanted) and wanted != row["id"]:
            renames[row["id"]] = wanted
    finals = [renames.get(row["id"], row["id"]) for row in rows]
    return renames if len(set(finals)) == len(finals) else {}


def _steps(value: object, ids: Mapping[str, str]) -> list[JsonObject] | None:
    """A hint's structure with its nodeIDs as the map's ids; None if a step names none."""
    steps: list[JsonObject] = []
    if not isinstance(value, list):
        return None
    for step in value:
        statement = step.get("statement") if isinstance(step, dict) else None
        if not is_id(statement) or str(statement) not in ids:
            return None
        steps.append({**step, "statement": ids[str(statement)]})
    return steps


def _argument(base: object, hint: object, ids: Mapping[str, str]) -> object:
    """The argument a hint makes of the row's (None: a statement); `base` if it does not fit."""
    if hint is None:
        return None
    if not isinstance(hint, dict):
        return base
    argument = dict(as_dict(base))
    for name in ("scheme", "questions"):
        if name in hint:
            argument[name] = hint[name]
    if "pcs" in hint:
        steps = _steps(hint["pcs"], ids)
        if steps is None:
            return base
        argument["pcs"] = steps
    return argument


def _renamed(row: NodeRow, renames: Mapping[str, str]) -> NodeRow:
    """`row` with the ids it names given back (a copy when any changes)."""
    if not renames:
        return row
    new = cast(NodeRow, dict(row))
    new["id"] = renames.get(row["id"], row["id"])
    if "parent" in row:
        new["parent"] = renames.get(row["parent"], row["parent"])
    argument = row.get("argument")
    if argument is not None:
        steps = [
            {**s, "statement": renames.get(s["statement"], s["statement"])}
            for s in dicts(argument.get("pcs"))
        ]
        new["argument"] = {**argument, "pcs": steps}
    return new


def _hinted(row: NodeRow, hint: JsonObject, ids: Mapping[str, str], careful: bool) -> NodeRow:
    """`row` with the fields of its hint; `careful`: those that fit, all at once, else
    each alone."""
    changes: dict[str, Any] = {k: hint[k] for k in NODE_FIELDS if k in hint}
    if "argument" in hint:
        argument = _argument(row.get("argument"), hint["argument"], ids)
        if argument is not row.get("argument"):
            changes["argument"] = argument
    if isinstance(hint.get("meta"), dict):
        kept = {k: v for k, v in hint["meta"].items() if k != "aif"}
        changes["meta"] = {**kept, "aif": row["meta"]["aif"]}
    parent = hint.get("parent")
    undercut = str(changes.get("relation", row.get("relation"))) == Relation.UNDERCUTS.value
    if undercut and "parent" in row and is_id(parent) and str(parent) in ids:
        changes["parent"] = ids[str(parent)]  # an undercut's anchor: the premise it was under

    def made(more: Mapping[str, Any]) -> NodeRow:
        new: dict[str, Any] = {**row, **more}
        if new.get("argument") is None:
            new.pop("argument", None)
        return cast(NodeRow, new)

    whole = made(changes)
    if not careful or _valid(Node, whole):
        return whole
    good = {k: v for k, v in changes.items() if _valid(Node, made({k: v}))}
    return made(good)


#: what a row's ``meta["aif"]`` keeps of the relation it hangs by (the rest: of its I-node)
_RELATION_KEYS = ("via", "edge")


def _uprooted(row: NodeRow, hint: object) -> tuple[NodeRow, tuple[int, LinkRow] | None]:
    """A row its hint says is a top-level claim (``"root"``): the reader hung it by its
    one relation, which was a cross-link; that link, and where it goes among the links."""
    if not isinstance(hint, dict) or "parent" not in row or not isinstance(hint.get("id"), str):
        return row, None
    aif: dict[str, Any] = {**row["meta"]["aif"]}
    link_meta = {k: v for k, v in as_dict(hint.get("meta")).items() if k != "aif"}
    link_meta["aif"] = {k: aif[k] for k in _RELATION_KEYS if k in aif}
    link = {
        "id": hint["id"],
        "source": row["id"],
        "target": row["parent"],
        "relation": hint.get("relation", row.get("relation")),
        "meta": link_meta,
    }
    new: dict[str, Any] = {k: v for k, v in row.items() if k not in ("parent", "relation", "group")}
    own = {k: v for k, v in row["meta"].items() if k not in ("aif", "relation")}
    new["meta"] = {**own, "aif": {k: v for k, v in aif.items() if k not in _RELATION_KEYS}}
    return cast(NodeRow, new), (_count(hint.get("at")), cast(LinkRow, link))


def _links(
    links: list[LinkRow], hints: object, keys: Mapping[str, str], renames: Mapping[str, str]
) -> tuple[list[LinkRow], list[LinkRow]]:
    """The cross-links with the ids they name given back and their hints applied, and
    those a hint drops: a hint names its link by its ends' nodeIDs and which of the
    links between them it is."""
    out: list[LinkRow] = []
    place: dict[tuple[str, str, int], int] = {}
    seen: dict[tuple[str, str], int] = {}
    for link in links:
        new = cast(LinkRow, dict(link))
        new["source"] = renames.get(link["source"], link["source"])
        new["target"] = renames.get(link["target"], link["target"])
        pair = (keys[link["source"]], keys[link["target"]])
        n = seen[pair] = seen.get(pair, -1) + 1
        place[(*pair, n)] = len(out)
        out.append(new)
    dropped: set[int] = set()
    for hint in dicts(hints):
        at = place.get((str(hint.get("from")), str(hint.get("to")), _count(hint.get("n"))))
        if at is None:
            continue
        if hint.get("drop") is True:
            dropped.add(at)
            continue
        link = out[at]
        hinted: dict[str, Any] = {**link}
        for name in ("id", "relation"):
            if name in hint:
                hinted[name] = hint[name]
        if isinstance(hint.get("meta"), dict):
            kept = {k: v for k, v in hint["meta"].items() if k != "aif"}
            hinted["meta"] = {**kept, "aif": link["meta"]["aif"]}
        out[at] = cast(LinkRow, hinted)
    remaining = [link for at, link in enumerate(out) if at not in dropped]
    return remaining, [out[at] for at in sorted(dropped)]


def _with_steps(rows: list[NodeRow], dropped: list[LinkRow]) -> list[NodeRow]:
    """Each argument whose premise edges were dropped as links keeps their edges (by the
    premise's id) in ``meta["aif"]["step_edges"]``, so export writes them back as they were."""
    edges: dict[str, dict[str, JsonObject]] = {}
    for link in dropped:
        edge = as_dict(as_dict(link["meta"].get("aif")).get("edge"))
        edges.setdefault(link["target"], {})[link["source"]] = edge
    if not edges:
        return rows
    out: list[NodeRow] = []
    for row in rows:
        if row["id"] in edges:
            aif = {**row["meta"]["aif"], "step_edges": edges[row["id"]]}
            row = cast(NodeRow, {**row, "meta": {**row["meta"], "aif": aif}})
        out.append(row)
    return out


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def apply_hints(
    rows: list[NodeRow], links: list[LinkRow], hint: object, careful: bool = False
) -> tuple[list[NodeRow], list[LinkRow], JsonObject]:
    """The rows and links with argmap's hints applied, and the map's fields they hold; the
    rows given are not changed (a copy is made of each that changes).  `careful`: each
    node's hint is checked and only what fits is applied (slower; for when the map the
    hints make is not valid)."""
    if not isinstance(hint, dict):
        return rows, links, {}
    fields = _map_fields(hint)
    sections = {s.get("id") for s in dicts(fields.get("sections"))}
    hints = as_dict(hint.get("nodes"))
    renames = _renames(rows, hints)
    keys = {row["id"]: _key(row) for row in rows}
    ids = {key: renames.get(row_id, row_id) for row_id, key in keys.items()}
    out: list[NodeRow] = []
    uprooted: list[tuple[int, LinkRow]] = []
    for row in rows:
        new = _renamed(row, renames)
        node_hint = as_dict(hints.get(keys[row["id"]]))
        section = node_hint.get("section")
        if not isinstance(section, str) or section not in sections:
            node_hint = {k: v for k, v in node_hint.items() if k != "section"}
        if "root" in node_hint:
            new, made = _uprooted(new, node_hint["root"])
            uprooted += [made] if made is not None else []
        out.append(_hinted(new, node_hint, ids, careful) if node_hint else new)
    all_links, dropped = _links(links, hint.get("links"), keys, renames)
    for at, link in sorted(uprooted, key=lambda item: item[0]):
        all_links.insert(at, link)
    return _with_steps(out, dropped), all_links, fields
