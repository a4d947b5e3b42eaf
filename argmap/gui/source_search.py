"""Case-insensitive search that reports matches in the text's own character offsets.

Casefolding changes lengths ("ß" -> "ss", "İ" -> "i̇", "ﬁ" -> "fi"), so offsets in
the folded text are not offsets in the original.  `FoldedText` folds one
character at a time and keeps where each original character starts in the
folded text; a match counts only when it starts and ends on those boundaries
(it never covers half of a "ß" or of a ligature) and never separates a letter
from the combining marks after it.  Each character is also decomposed (NFD), so
"é" and "e" + U+0301 match each other.  No Qt here: offsets are code points.
"""

from __future__ import annotations

import bisect
import unicodedata
from functools import lru_cache

MAX_MATCHES = 1000  # more are not highlighted, nor counted one by one


@lru_cache(maxsize=4096)
def fold(ch: str) -> str:
    """The search key of one character: canonical caseless (NFD, casefold, NFD)."""
    return unicodedata.normalize("NFD", unicodedata.normalize("NFD", ch).casefold())


def fold_text(text: str) -> str:
    if text.isascii():
        return text.lower()  # the same as folding per character, much faster
    return "".join(fold(ch) for ch in text)


class FoldedText:
    """A text folded for searching, with the map back to original offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        if text.isascii():
            self.folded = text.lower()
            self._starts: list[int] | None = None  # identity: offsets are the same
            return
        pieces = [fold(ch) for ch in text]
        self.folded = "".join(pieces)
        starts, at = [], 0
        for piece in pieces:
            starts.append(at)
            at += len(piece)
        starts.append(at)
        self._starts = starts

    def _original(self, folded_at: int) -> int | None:
        """The original offset whose character starts at `folded_at`, if one does."""
        if self._starts is None:
            return folded_at
        index = bisect.bisect_left(self._starts, folded_at)
        if index < len(self._starts) and self._starts[index] == folded_at:
            return index
        return None

    def _splits_a_character(self, start: int, end: int) -> bool:
        """A match must not begin on a combining mark nor stop just before one."""
        text = self.text
        return (start < len(text) and unicodedata.combining(text[start]) != 0) or (
            end < len(text) and unicodedata.combining(text[end]) != 0
        )

    def find_all(self, needle: str, limit: int = MAX_MATCHES) -> list[tuple[int, int]]:
        """(start, end) in original offsets of each match, in order, not overlapping."""
        key = fold_text(needle)
        if not key:
            return []
        found: list[tuple[int, int]] = []
        at = self.folded.find(key)
        while at >= 0 and len(found) < limit:
            start, end = self._original(at), self._original(at + len(key))
            if start is not None and end is not None and not self._splits_a_character(start, end):
                found.append((start, end))
                at = self.folded.find(key, at + len(key))
            else:
                at = self.folded.find(key, at + 1)
        return found


def next_match(
    matches: list[tuple[int, int]], start: int, end: int, backward: bool = False
) -> tuple[int, int] | None:
    """The match after the selection [start, end) (or before it), wrapping around."""
    if not matches:
        return None
    if backward:
        index = bisect.bisect_left(matches, (start, -1)) - 1
        return matches[index]  # -1 wraps to the last
    index = bisect.bisect_left(matches, (end, -1))
    return matches[index] if index < len(matches) else matches[0]
