"""Find in the map: which nodes a few typed words are in, in the outline's order.

A query matches a node when its folded form is part of the folded form of one of the
node's fields: its text, title, note, tags, its argument's scheme, or the title of the
section it begins (the first node of a section, in outline order, stands for the
section's heading, so a section's title finds where the section starts rather than
every node in it).  Folding makes the search forgiving in the ways people expect of a
find box: case and accents do not count ("cafe" finds "Café", "strasse" finds
"Straße"), nor do compatibility forms (the "ﬁ" ligature is "fi") or how much white
space, line breaks included, separates two words.

A map of thousands of nodes is searched on every key typed, so each node's fields are
folded once and kept in a `SearchIndex` until that node changes: nodes are frozen, so
an edit gives a changed node a new object and leaves the others as they were.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from argmap.model.document import ArgumentMap, Node


class Field(StrEnum):
    """Where in a node a query was found."""

    TEXT = "text"
    TITLE = "title"
    NOTE = "note"
    TAG = "tag"
    SCHEME = "scheme"  # the argument scheme of an argument
    SECTION = "section"  # the title of a section the node begins


@dataclass(frozen=True)
class Match:
    node: str
    fields: tuple[Field, ...]


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", ch).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """The search key of a text: caseless, without accents, white space runs as one
    space and none at either end."""
    if text.isascii():
        return " ".join(text.lower().split())
    return " ".join("".join(_fold_char(ch) for ch in text).split())


#: a node's folded fields, in the order `Field` lists them (tags one string each)
Folded = tuple[tuple[Field, str], ...]


def _folded_fields(node: Node) -> Folded:
    fields: list[tuple[Field, str]] = [
        (Field.TEXT, fold(node.text)),
        (Field.TITLE, fold(node.title)),
        (Field.NOTE, fold(node.note)),
    ]
    fields.extend((Field.TAG, fold(tag)) for tag in node.tags)
    if node.argument is not None:
        fields.append((Field.SCHEME, fold(node.argument.scheme)))
    return tuple((field, text) for field, text in fields if text)


class SearchIndex:
    """The folded fields of a map's nodes, refreshed node by node as the map changes."""

    def __init__(self) -> None:
        self._nodes: dict[str, tuple[Node, Folded]] = {}
        self._sections: tuple[tuple[str, str], ...] = ()  # (first node, folded title)
        self._map: ArgumentMap | None = None

    def update(self, m: ArgumentMap) -> None:
        """Fold what changed since the last map: only the nodes that are new objects."""
        if m is self._map:
            return
        kept = self._nodes
        fresh: dict[str, tuple[Node, Folded]] = {}
        for node_id, node in m.nodes.items():
            known = kept.get(node_id)
            fresh[node_id] = (
                known if known is not None and known[0] is node else (node, _folded_fields(node))
            )
        self._nodes = fresh
        self._sections = _section_starts(m)
        self._map = m

    def find(self, m: ArgumentMap, query: str) -> list[Match]:
        """The nodes of `m` that `query` is in, in the outline's order (depth first, in
        sibling order), each with the fields it was found in; none for a blank query."""
        key = fold(query)
        if not key:
            return []
        self.update(m)
        starts: dict[str, list[Field]] = {}
        for node_id, title in self._sections:
            if key in title:
                starts.setdefault(node_id, [Field.SECTION])
        found: list[Match] = []
        nodes = self._nodes
        for node_id in m.tree.walk():
            fields = [field for field, text in nodes[node_id][1] if key in text]
            fields.extend(starts.get(node_id, ()))
            if fields:
                found.append(Match(node_id, tuple(dict.fromkeys(fields))))
        return found


def find(m: ArgumentMap, query: str) -> list[Match]:
    """`SearchIndex.find` on a map searched once (a find box keeps an index instead)."""
    return SearchIndex().find(m, query)


def _section_starts(m: ArgumentMap) -> tuple[tuple[str, str], ...]:
    """Each section with a node in it (or in a section nested in it): the first such
    node in outline order, and the section's folded title."""
    if not m.sections:
        return ()
    parents = {s.id: s.parent for s in m.sections}
    first: dict[str, str] = {}
    for node_id in m.tree.walk():
        for section in _around(m.nodes[node_id].section, parents):
            first.setdefault(section, node_id)
    return tuple((first[s.id], fold(s.title)) for s in m.sections if s.id in first)


def _around(section: str | None, parents: dict[str, str | None]) -> Iterator[str]:
    """The section and those it is nested in, outwards (a cycle ends the walk)."""
    seen: set[str] = set()
    while section is not None and section in parents and section not in seen:
        yield section
        seen.add(section)
        section = parents[section]
