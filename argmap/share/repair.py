"""The rules that make a valid map of whatever a shared document holds (the conflicts
concurrent edits leave, and values no argmap writes), applied the same way on every
replica; docs/collaboration.md states each rule."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from argmap.model import ArgumentMap, CrossLink, Node, structural_problems
from argmap.model.validation import ID_PATTERN

_ID = re.compile(ID_PATTERN.strip("^$"))
#: how many rounds of repair a document gets before the last resort (nodes dropped)
ROUNDS = 12


def assembled(
    data: dict[str, Any],
    raw: dict[str, dict[str, Any]],
    tombstones: Mapping[str, str | None],
    raw_links: list[dict[str, Any]],
) -> ArgumentMap:
    base = _base_map(data)
    live = {node_id: dict(fields) for node_id, fields in sorted(raw.items())}
    gone = dict(tombstones)  # and the nodes left out below: their children are re-attached
    for node_id in [i for i in live if not _ID.fullmatch(i)]:  # no node's id: left out
        parent = live.pop(node_id).get("parent")
        gone[node_id] = parent if isinstance(parent, str) else None
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
    """A span that cannot hold: its words kept, its offsets dropped, flagged for review."""
    if isinstance(ref, dict):
        return {**ref, "start": None, "end": None, "review": True}
    return ref
