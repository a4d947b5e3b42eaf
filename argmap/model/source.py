"""The attached source text: paragraphs, spans, and re-anchoring spans after the text changes.

Offsets are Python string indices (code points) into the text with its line
endings normalised to "\\n".  Paragraphs: blocks separated by blank lines; a
text without any blank line (one paragraph per line, like the sample article)
counts each non-empty line as a paragraph.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from argmap.model.document import ArgumentMap, Node, SourceRef, clean_text, text_checksum

CONTEXT = 32  # characters of context kept on each side of a quote
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def normalise(text: str) -> str:
    """Line endings as "\\n", so offsets and checksums do not depend on the platform."""
    return clean_text(text)


@lru_cache(maxsize=8)
def paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each paragraph, in order; paragraph n is index n - 1."""
    if _BLANK_LINE.search(text):
        pieces = re.finditer(r"(?:[^\n]|\n(?![ \t]*\n))+", text)
    else:
        pieces = re.finditer(r"[^\n]+", text)
    spans = []
    for match in pieces:
        start, end = match.span()
        chunk = match.group()
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk) - len(chunk.rstrip())
            spans.append((start + lead, end - trail))
    return tuple(spans)


def paragraph_at(text: str, offset: int) -> int:
    """The 1-based paragraph holding `offset` (or the nearest one before it)."""
    starts = [start for start, _ in paragraphs(text)]
    if not starts:
        return 1
    return max(1, bisect.bisect_right(starts, offset))


def paragraph_span(text: str, number: int) -> tuple[int, int] | None:
    spans = paragraphs(text)
    return spans[number - 1] if 1 <= number <= len(spans) else None


def make_ref(text: str, start: int, end: int) -> SourceRef:
    """A reference to text[start:end] with what is needed to find it again later."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    return SourceRef(
        paragraph=paragraph_at(text, start),
        start=start,
        end=end,
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
    )


def quote_of(text: str | None, ref: SourceRef) -> str | None:
    if ref.start is not None and ref.end is not None and text is not None:
        return text[ref.start : ref.end]
    return ref.quote


# -- re-anchoring --------------------------------------------------------------------


@dataclass(frozen=True)
class Reanchored:
    map: ArgumentMap
    moved: int  # spans found again at a new place
    flagged: int  # spans that need the user's review (gone, or ambiguous)


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def reanchor_ref(new_text: str, ref: SourceRef) -> tuple[SourceRef, str]:
    """Find a span's words in a changed text: ("same" | "moved" | "flagged").

    A span the new text cannot hold (it runs past the end) is never kept: the map
    would be saved and then refused on open."""
    fits = ref.end is None or ref.end <= len(new_text)
    if ref.start is None or ref.end is None or not ref.quote:
        if not fits:
            return _flag(ref), "flagged"  # no words to look for
        if ref.paragraph > len(paragraphs(new_text)) and new_text:
            return ref.model_copy(update={"review": True}), "flagged"
        return ref, "same"
    quote = ref.quote
    if (
        fits
        and new_text[ref.start : ref.end] == quote
        and _context_score(new_text, ref, ref.start)
        == (
            len(ref.prefix or ""),
            len(ref.suffix or ""),
        )
    ):
        return ref.model_copy(update={"review": False}), "same"
    places = [m.start() for m in re.finditer(re.escape(quote), new_text)]
    if not places:
        return _flag(ref), "flagged"
    scores = {p: sum(_context_score(new_text, ref, p)) for p in places}
    best = max(scores.values())
    winners = [p for p, score in scores.items() if score == best]
    if len(winners) != 1:  # a tie, at no context too: which one is meant is unknown
        return _flag(ref), "flagged"
    return make_ref(new_text, winners[0], winners[0] + len(quote)), "moved"


def _context_score(text: str, ref: SourceRef, start: int) -> tuple[int, int]:
    before = text[max(0, start - CONTEXT) : start]
    after = text[start + len(ref.quote or "") :][:CONTEXT]
    return _common_suffix(before, ref.prefix or ""), _common_prefix(after, ref.suffix or "")


def _flag(ref: SourceRef) -> SourceRef:
    """Keep the words and the paragraph, drop the offsets: never point at other words."""
    return ref.model_copy(update={"start": None, "end": None, "review": True})


def reanchor(m: ArgumentMap, new_text: str) -> Reanchored:
    """The map with its spans moved to where their words are in `new_text`."""
    new_text = normalise(new_text)
    moved = flagged = 0
    nodes: dict[str, Node] = {}
    for node_id, node in m.nodes.items():
        if not node.refs:
            nodes[node_id] = node
            continue
        refs = []
        for ref in node.refs:
            new_ref, what = reanchor_ref(new_text, ref)
            moved += what == "moved"
            flagged += what == "flagged"
            refs.append(new_ref)
        nodes[node_id] = node.model_copy(update={"refs": tuple(refs)})
    source = m.source.model_copy(update={"text": new_text, "checksum": text_checksum(new_text)})
    return Reanchored(m.evolve(nodes=nodes, source=source), moved, flagged)


def spans_in(m: ArgumentMap) -> Iterable[tuple[str, SourceRef]]:
    """Every (node id, reference) of the map, in tree order."""
    for node_id in m.tree.walk():
        for ref in m.nodes[node_id].refs:
            yield node_id, ref
