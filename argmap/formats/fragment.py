"""Subtrees on the clipboard: argmap's own fragment (JSON), a plain-text outline, and the
reading of whatever text is pasted.

The fragment is a small versioned JSON object of its own::

    {"argmap-fragment": 1, "source": {"checksum": ...},
     "nodes": [...], "links": [...], "sections": [...], "tag_colors": {...}}

whose nodes are a map's nodes as a map file has them; a copied root has `"parent": null`
and keeps the relation it had where it was copied from.  Ids are the copied map's and are
made again on paste.  The outline is for people: one line per node, two spaces of indent
per level, each line but a root's marked with its relation as Argdown marks it ("+ "
supports, "- " rebuts, "_ " undercuts).

Pasted text is read as the first of: an argmap fragment, a whole argmap map, Argdown (when
it uses Argdown's own syntax: [titles], <arguments>, arrows, numbered premises, headings,
front matter), an indented outline (indent = depth, optional +/- markers, unmarked lines
support), else one node of the whole text.  Every reading is bounded as a file's is: a
text over its cap is refused in one line before it is parsed, and each is linear in time.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import ValidationError

from argmap.formats import native
from argmap.formats.caps import collector_paused, json_items_over, too_many
from argmap.formats.errors import LoadError, parse_json
from argmap.model import ArgumentMap, EditError, Node, Relation
from argmap.model.consistency import repaired
from argmap.model.fragment import ANCHOR, Fragment, anchor_node, fragment_of, free_id
from argmap.model.validation import first_problem, one_line, shown

TAG = "argmap-fragment"
VERSION = 1
MIME = "application/x-argmap-fragment+json"
#: a fragment is at most a map: its caps are a map file's
MAX_JSON_CHARS = native.MAX_BYTES
MAX_NODES = native.MAX_NODES
#: pasted text other than JSON is read as Argdown is, and at most as much of it
MAX_TEXT_CHARS = 4 * 1024 * 1024  # argdown.MAX_BYTES, not imported (a test checks they agree)
#: lines of an outline: as many as a map may have nodes
MAX_LINES = native.MAX_NODES

Kind = Literal["fragment", "map", "argdown", "outline", "text"]


class PasteError(ValueError):
    """Clipboard contents that cannot be pasted; the message is one line for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message, 200))


@dataclass(frozen=True)
class Pasted:
    """What a text on the clipboard holds, ready to paste, and what it was read as."""

    fragment: Fragment
    kind: Kind


def _refused(exc: LoadError) -> PasteError:
    return PasteError(f"{exc.where}: {exc.message}" if exc.where else exc.message)


# -- writing ---------------------------------------------------------------------------


def fragment_json(fragment: Fragment) -> str:
    """The fragment as the clipboard carries it: compact, fields at their defaults left out."""
    holder, anchor = fragment.holder, fragment.anchor
    nodes = []
    for node_id in holder.tree.walk(anchor):
        if node_id == anchor:
            continue
        data = holder.nodes[node_id].model_dump(mode="json", exclude_defaults=True)
        if data.get("parent") == anchor:
            data["parent"] = None
        nodes.append(data)
    out: dict[str, Any] = {TAG: VERSION}
    if holder.source.checksum is not None:
        out["source"] = {"checksum": holder.source.checksum}
    out["nodes"] = nodes
    for name in ("links", "sections"):
        values = getattr(holder, name)
        if values:
            out[name] = [v.model_dump(mode="json", exclude_defaults=True) for v in values]
    if holder.tag_colors:
        out["tag_colors"] = dict(holder.tag_colors)
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


_MARKS = {Relation.SUPPORTS: "+ ", Relation.REBUTS: "- ", Relation.UNDERCUTS: "_ "}


def outline_text(fragment: Fragment, limit: int = MAX_TEXT_CHARS) -> str:
    """The fragment as an indented outline a person reads (and argmap pastes back), at most
    `limit` characters: a longer one ends with a line saying how many nodes it leaves out."""
    holder = fragment.holder
    lines: list[str] = []
    size = 0
    stack = [(root, 0) for root in reversed(fragment.roots)]
    written = 0
    while stack:
        node_id, depth = stack.pop()
        node = holder.nodes[node_id]
        mark = "" if depth == 0 or node.relation is None else _MARKS[node.relation]
        words = " ".join(node.text.split()) or "(no text)"
        title = f"[{' '.join(node.title.split())}]: " if node.title.strip() else ""
        line = f"{'  ' * depth}{mark}{title}{words}"
        if size + len(line) + 1 > limit - 80:
            left = len(fragment) - written
            lines.append(f"… and {left:,} more nodes: paste into argmap to have them all")
            break
        lines.append(line)
        size += len(line) + 1
        written += 1
        stack.extend((c, depth + 1) for c in reversed(holder.tree.children(node_id)))
    return "\n".join(lines) + "\n"


# -- reading the fragment --------------------------------------------------------------


def read_fragment(raw: bytes | str) -> Fragment:
    """An argmap fragment (as `fragment_json` writes it), checked as a map file is."""
    if len(raw) > MAX_JSON_CHARS:
        raise PasteError(f"the clipboard holds more than {MAX_JSON_CHARS:,} bytes, too much")
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        raise PasteError(f"the copied nodes are not UTF-8 text (byte {exc.start})") from None
    text = text.removeprefix("\ufeff")  # a BOM is harmless, as in a map file
    if json_items_over(text, native.MAX_ITEMS):
        raise PasteError(f"the copied nodes {too_many('JSON values', native.MAX_ITEMS)}")
    try:
        data = parse_json(text, None)
    except LoadError as exc:
        raise _refused(exc) from None
    return _from_data(data)


def _from_data(data: Any) -> Fragment:
    if not isinstance(data, dict) or TAG not in data:
        raise PasteError(f'not argmap nodes (no "{TAG}" in a JSON object)')
    version = data[TAG]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise PasteError(f"{TAG}: expected a version number, found {shown(version, 40)}")
    if version > VERSION:
        raise PasteError(
            f"copied by a newer argmap (fragment version {version}); please upgrade argmap"
        )
    nodes = data.get("nodes")
    if not isinstance(nodes, list) or not nodes:
        raise PasteError("nodes: expected a list of the copied nodes")
    try:
        native._check_counts(nodes, data.get("links"), None)
    except LoadError as exc:
        raise _refused(exc) from None
    named = {v for n in nodes if isinstance(n, dict) for v in (n.get("id"), n.get("parent"))}
    anchor = free_id({v for v in named if isinstance(v, str)}, ANCHOR)
    hung = [_hung(node, anchor) for node in nodes]
    holder_data = {
        key: data[key] for key in ("source", "links", "sections", "tag_colors") if key in data
    }
    holder_data["nodes"] = [*hung, anchor_node(anchor).model_dump(mode="json")]
    try:
        with collector_paused():
            holder = ArgumentMap.model_validate(holder_data)
    except ValidationError as exc:
        loc, message = first_problem(exc)
        where = native._field_path(loc)
        raise PasteError(f"{where}: {message}" if where else message) from None
    except (RecursionError, ValueError) as exc:
        raise PasteError(f"the copied nodes cannot be read: {exc}") from None
    return Fragment(holder, anchor)


def _hung(node: Any, anchor: str) -> Any:
    """A copied root hung under the anchor (its relation kept, supports if it had none)."""
    if isinstance(node, dict) and node.get("parent") is None:
        return {**node, "parent": anchor, "relation": node.get("relation") or "supports"}
    return node


# -- reading text ----------------------------------------------------------------------

#: what only Argdown writes, at the start of a line: a [title] or <argument>, a relation
#: arrow, a numbered premise, an inference line, a heading, front matter
_ARGDOWN = re.compile(
    r"^[ \t]*(?:\[[^\]\n]+\]|<[^>\n]+>|(?:<\+|<-|<_|\+>|->|_>|><)[ \t]|\(\d+\)[ \t]|--+[ \t]*$)"
    r"|^#{1,6}[ \t]|\A(?:===|---)[ \t]*$",
    re.MULTILINE,
)
#: how an argmap fragment, or a map file, starts
_JSON = re.compile(rf'\{{\s*"({TAG}|format)"\s*:')
_MARK = re.compile(r"([+\-_*•])(?:[ \t]+|$)")
_RELATIONS = {"+": Relation.SUPPORTS, "-": Relation.REBUTS, "_": Relation.UNDERCUTS}


_LINE_ENDS = re.compile(r"\r\n|\r|\n")


def read_pasted_text(text: str) -> Pasted:
    """Whatever text is on the clipboard, as nodes to paste; PasteError if it cannot be."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if _JSON.match(stripped) is not None or f'"{TAG}"' in stripped[:200]:
        return _json_text(text)
    if len(text) > MAX_TEXT_CHARS:
        raise PasteError(
            f"the clipboard holds more than {MAX_TEXT_CHARS:,} characters, too much to paste"
        )
    if not stripped.strip():
        raise PasteError("the clipboard holds no text to paste")
    if _ARGDOWN.search(text) is not None:
        try:
            from argmap.formats.argdown import read_argdown  # only for pasted Argdown

            m = read_argdown(text)
        except LoadError as exc:
            raise PasteError(f"Argdown: {_refused(exc)}") from None
        return Pasted(_whole(m), "argdown")
    # lines end at \n, \r\n or \r only: a form feed or a file separator inside a text
    # (str.splitlines breaks there) is not a new node
    lines = [line for line in _LINE_ENDS.split(text) if line.strip()]
    if len(lines) > 1 and _is_outline(lines):
        return Pasted(_outline(lines), "outline")
    return Pasted(_one_node(stripped.strip()), "text")


def _json_text(text: str) -> Pasted:
    if len(text) > MAX_JSON_CHARS:
        raise PasteError(f"the clipboard holds more than {MAX_JSON_CHARS:,} characters, too much")
    found = _JSON.match(text.lstrip("\ufeff \t\r\n"))
    if found is not None and found[1] == "format":  # a whole map's file
        try:
            return Pasted(_whole(native.loads(text)), "map")
        except LoadError as exc:
            raise _refused(exc) from None
    return Pasted(read_fragment(text), "fragment")


def _whole(m: ArgumentMap) -> Fragment:
    """All of a map read from the clipboard."""
    if not m.tree.roots:
        raise PasteError("the map on the clipboard has no nodes")
    try:
        return fragment_of(m, m.tree.roots)
    except EditError as exc:
        raise PasteError(str(exc)) from None


def _indent(line: str) -> int:
    body = line.lstrip(" \t")
    prefix = line[: len(line) - len(body)]
    return prefix.count(" ") + 4 * prefix.count("\t")


def _is_outline(lines: list[str]) -> bool:
    """Lines indented below the first, or every line marked like a list: one node each."""
    first = _indent(lines[0])
    if any(_indent(line) > first for line in lines[1:]):
        return True
    return all(_MARK.match(line.lstrip(" \t")) for line in lines)


def _outline(lines: list[str]) -> Fragment:
    """One node per line; a line indented below another is its reason."""
    if len(lines) > MAX_LINES:
        raise PasteError(f"the outline has more than {MAX_LINES:,} lines, too many to paste")
    anchor = ANCHOR
    nodes: dict[str, Node] = {anchor: anchor_node(anchor)}
    stack: list[tuple[int, str]] = []  # (indent, node id) of the lines above, outermost first
    counts: dict[str, int] = {}
    with collector_paused():
        for number, line in enumerate(lines, 1):
            indent = _indent(line)
            while stack and stack[-1][0] >= indent:
                stack.pop()
            parent = stack[-1][1] if stack else anchor
            relation, words = _marked(line.lstrip(" \t"))
            if parent == anchor:
                relation = Relation.SUPPORTS
            order = counts.get(parent, 0)
            counts[parent] = order + 1
            node_id = f"n{number}"
            nodes[node_id] = _line_node(node_id, words, parent, relation, order, number)
            stack.append((indent, node_id))
        holder = ArgumentMap.model_construct(nodes=nodes)
        return Fragment(_checked(repaired(holder)), anchor)


def _marked(body: str) -> tuple[Relation, str]:
    found = _MARK.match(body)
    if found is None:
        return Relation.SUPPORTS, body.strip()
    return _RELATIONS.get(found.group(1), Relation.SUPPORTS), body[found.end() :].strip()


def _line_node(
    node_id: str, words: str, parent: str, relation: Relation, order: int, number: int
) -> Node:
    try:
        return Node(id=node_id, text=words, parent=parent, relation=relation, order=order)
    except ValidationError as exc:
        _loc, message = first_problem(exc)
        raise PasteError(f"line {number}: {message}") from None


def _one_node(text: str) -> Fragment:
    """The whole text as one node (a lone list item without its mark)."""
    body = text
    found = _MARK.match(text)
    if found is not None and "\n" not in text:
        body = text[found.end() :].strip() or text
    node = _line_node("n1", body, ANCHOR, Relation.SUPPORTS, 0, 1)
    holder = ArgumentMap.model_construct(nodes={ANCHOR: anchor_node(ANCHOR), "n1": node})
    return Fragment(_checked(holder), ANCHOR)


def _checked(holder: ArgumentMap) -> ArgumentMap:
    """The map made of pasted text, checked as a loaded one is (its nodes were, one by
    one, when they were made: pydantic does not validate them again)."""
    try:
        return ArgumentMap.model_validate({"nodes": holder.nodes})
    except ValidationError as exc:
        _loc, message = first_problem(exc)
        raise PasteError(message) from None


__all__ = [
    "MIME",
    "PasteError",
    "Pasted",
    "fragment_json",
    "outline_text",
    "read_fragment",
    "read_pasted_text",
]
