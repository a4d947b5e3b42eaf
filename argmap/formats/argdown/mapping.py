"""The Argdown tool's model laid onto argmap's tree, and counted back as the tool counts.

Each node hangs under the target of its first relation, every further relation is a
cross-link (docs/interchange.md).  Premises and conclusions of a reconstruction hang
under their argument (marked `premise` / `conclusion`, not relations) so the map
stays readable.  What argmap wrote into its own data block ({"argmap": ...}) is
honoured only where it agrees with what the document says in Argdown, so an edit
made in the Argdown text wins over a stale hint.
"""

from __future__ import annotations

from typing import Any

from argmap.formats.argdown.reader import ArgdownDocument, _Entry
from argmap.formats.argdown.syntax import GENERATED_TITLE, title_fits, visible_tags, visible_text
from argmap.formats.graph import build_map
from argmap.model import ArgumentMap, Node, Relation

PLACEMENT = ("premise", "conclusion")  # tree edges that only place a node, not relations


def _node_id(kind: str, index: int) -> str:
    return f"{'s' if kind == 'statement' else 'a'}{index}"


def _fields(entry: _Entry, argument: bool, untitled: bool) -> dict[str, Any]:
    """Text, title, tags and note of a node: as written, or as argmap's hint has them."""
    text = entry.texts[0] if entry.texts else ""
    title = "" if untitled or GENERATED_TITLE.fullmatch(entry.title) else entry.title
    tags: tuple[str, ...] = tuple(entry.tags)
    hints = entry.hints
    hint = hints.get("text")
    if isinstance(hint, str) and visible_text(hint) == text:
        text = hint
    hint = hints.get("title")
    if isinstance(hint, str) and title_fits(hint, entry.title, argument):
        title = hint
    hint = hints.get("tags")
    if isinstance(hint, list):
        named = [t for t in hint if isinstance(t, str)]
        if len(named) == len(hint) and visible_tags(named) == list(tags):
            tags = tuple(named)
    out: dict[str, Any] = {"text": text, "title": title, "tags": tags}
    note = hints.get("note")
    if isinstance(note, str) and note:
        out["note"] = note
    return out


def to_map(doc: ArgdownDocument) -> ArgumentMap:
    ids: dict[tuple[str, str], str] = {}
    fields: dict[str, dict[str, Any]] = {}
    seq: dict[str, int] = {}
    roots: set[str] = set()
    for index, entry in enumerate(doc.statements.values(), 1):
        node_id = _node_id("statement", index)
        ids[("statement", entry.title)] = node_id
        seq[node_id] = entry.seq
        fields[node_id] = _fields(entry, False, entry.untitled)
        fields[node_id]["meta"] = {
            "argdown": _meta("statement", entry.line, entry.section, entry.texts[1:])
        }
        if entry.hints.get("root") is True:
            roots.add(node_id)
    for index, argument in enumerate(doc.arguments.values(), 1):
        node_id = _node_id("argument", index)
        ids[("argument", argument.title)] = node_id
        seq[node_id] = argument.seq
        meta = _meta("argument", argument.line, argument.section, argument.texts[1:])
        steps = sum(1 for step in argument.pcs if step["role"] != "premise")
        if doc.explode and steps > 1:
            meta["exploded"] = steps  # the Argdown tool shows one argument per inference
        if argument.pcs:
            meta["pcs"] = [
                {
                    "number": step["number"],
                    "node": ids[("statement", step["title"])],
                    "role": step["role"],
                    **({"inference": step["inference"]} if step["inference"] else {}),
                }
                for step in argument.pcs
            ]
        fields[node_id] = _fields(argument, True, False)
        fields[node_id]["meta"] = {"argdown": meta}
        if argument.hints.get("root") is True:
            roots.add(node_id)
    edges = [(ids[r.source], ids[r.target], r.type) for r in doc.relations if r.source != r.target]
    for relation in doc.relations:
        if relation.source == relation.target:  # e.g. a self-attacking argument
            meta = fields[ids[relation.source]]["meta"]["argdown"]
            meta.setdefault("self_relations", []).append(relation.type)
    # premises and conclusions hang under their argument unless a relation places them
    placement = []
    for argument in doc.arguments.values():
        owner = ids[("argument", argument.title)]
        for step in argument.pcs:
            kind = "conclusion" if step["role"] == "conclusion" else "premise"
            statement = ids[("statement", step["title"])]
            if kind == "conclusion":
                placement.append((owner, statement, kind))
            else:
                placement.append((statement, owner, kind))
    order = sorted(fields, key=seq.__getitem__)  # nodes in the order the document has them
    m = build_map(order, fields, edges, placement, roots)
    about: dict[str, Any] = {}
    if doc.front_matter:
        about["front_matter"] = doc.front_matter
    if doc.warnings:
        about["warnings"] = doc.warnings
    if doc.sections:
        about["sections"] = doc.sections
    return m.evolve(
        title=doc.title or m.title,
        description=doc.settings.description,
        meta={"argdown": about} if about else {},
    )


def _meta(kind: str, line: int, section: str | None, more: list[str]) -> dict[str, Any]:
    meta: dict[str, Any] = {"type": kind, "line": line}
    if section:
        meta["section"] = section
    if more:
        meta["texts"] = more
    return meta


# -- counting, as the Argdown tool's JSON does ---------------------------------------


def _relation_name(kept: object, relation: Relation) -> str | None:
    """The Argdown type of a tree edge or cross-link; None for an edge that only places."""
    if kept in PLACEMENT:
        return None
    if isinstance(kept, str):
        return kept
    return "support" if relation is Relation.SUPPORTS else "attack"


def relations_of(m: ArgumentMap) -> list[tuple[str, str, str]]:
    """(source, target, Argdown relation type) of every relation the map holds."""
    out = []
    for node in m.nodes.values():
        if node.parent is None or node.relation is None:
            continue
        name = _relation_name(node.meta.get("relation"), node.relation)
        if name is not None:
            out.append((node.id, node.parent, name))
    for link in m.links:
        name = _relation_name(link.meta.get("relation"), link.relation)
        if name is not None:
            out.append((link.source, link.target, name))
    for node in m.nodes.values():
        info = node.meta.get("argdown")
        own = info.get("self_relations") if isinstance(info, dict) else None
        for kind in own if isinstance(own, list) else ():
            out.append((node.id, node.id, str(kind)))
    return out


def counts(m: ArgumentMap) -> tuple[int, int, dict[str, int]]:
    """Statements, arguments and relations by type, counted as the Argdown tool counts them."""
    statements = arguments = 0
    for node in m.nodes.values():
        if kind_of(node) == "statement":
            statements += 1
            continue
        info = node.meta.get("argdown")
        exploded = info.get("exploded") if isinstance(info, dict) else None
        arguments += exploded if isinstance(exploded, int) and exploded > 1 else 1
    by_type: dict[str, int] = {}
    for _, _, kind in relations_of(m):
        by_type[kind] = by_type.get(kind, 0) + 1
    return statements, arguments, by_type


def kind_of(node: Node) -> str:
    info = node.meta.get("argdown")
    if isinstance(info, dict) and info.get("type") == "argument":
        return "argument"
    return "statement"
