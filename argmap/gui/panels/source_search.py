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
from array import array
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

MAX_MATCHES = 1000  # more are not highlighted, nor counted (Find Next still visits them)


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

    def folded_at(self, offset: int) -> int:
        """Where original offset `offset` (0 to len(text)) starts in the folded text."""
        return offset if self._starts is None else self._starts[offset]

    def valid(self, at: int, length: int) -> tuple[int, int] | None:
        """The match (start, end) in original offsets of the folded occurrence at `at`, if
        it is one: it starts and ends on character boundaries and splits no character."""
        start, end = self._original(at), self._original(at + length)
        if start is None or end is None or self._splits_a_character(start, end):
            return None
        return start, end

    def scan(self, key: str, at: int = 0) -> Iterator[tuple[int, tuple[int, int]]]:
        """(folded end, match) of each match of the folded `key` from folded offset `at`,
        in order, not overlapping: a match is skipped past, anything else by one."""
        folded = self.folded
        at = folded.find(key, at)
        while at >= 0:
            match = self.valid(at, len(key))
            if match is not None:
                yield at + len(key), match
                at = folded.find(key, at + len(key))
            else:
                at = folded.find(key, at + 1)

    def find_all(self, needle: str, limit: int = MAX_MATCHES) -> list[tuple[int, int]]:
        """(start, end) in original offsets of each match, in order, not overlapping."""
        key = fold_text(needle)
        if not key:
            return []
        return [match for _end, match in islice(self.scan(key), limit)]


def has_border(key: str) -> bool:
    """Whether a proper prefix of `key` is also its suffix ("aa", "abab", "ss"): only
    then can two occurrences overlap."""
    border = [0] * len(key)  # the prefix function of Knuth, Morris and Pratt
    for i in range(1, len(key)):
        k = border[i - 1]
        while k and key[i] != key[k]:
            k = border[k - 1]
        border[i] = k + 1 if key[i] == key[k] else k
    return bool(key) and border[-1] > 0


class Search:
    """Find next and previous over every match of one needle, however many there are.

    The matches are those `find_all` lists with no limit.  A key no two of whose
    occurrences can overlap has every valid occurrence as a match, so each step is
    one search in the text from where the selection is, in either direction, and
    nothing is listed.  A key that can overlap itself ("aa" in "aaa") depends on
    where the matches before it ended, so its matches are listed as far as a step
    needs (the last one only when going back from the first).
    """

    def __init__(self, folded: FoldedText, needle: str) -> None:
        self.folded = folded
        self.needle = needle
        self.key = fold_text(needle)
        self._overlapping = has_border(self.key)
        self._starts = array("q")  # the listed matches (overlapping keys only)
        self._ends = array("q")
        self._rest = folded.scan(self.key) if self.key else iter(())
        self._complete = not self.key

    def first(self, limit: int) -> list[tuple[int, int]]:
        """The first `limit` matches (for highlighting)."""
        return self.folded.find_all(self.needle, limit)

    def after(self, end: int) -> tuple[int, int] | None:
        """The first match starting at or after `end`, else the first of all."""
        if not self.key:
            return None
        if self._overlapping:
            self._list_past(end)
            index = bisect.bisect_left(self._starts, end)
            if index == len(self._starts):
                index = 0
            return self._listed(index)
        found = next(self.folded.scan(self.key, self.folded.folded_at(end)), None)
        if found is None:
            found = next(self.folded.scan(self.key), None)
        return None if found is None else found[1]

    def before(self, start: int) -> tuple[int, int] | None:
        """The last match starting before `start`, else the last of all."""
        if not self.key:
            return None
        if self._overlapping:
            self._list_past(start)
            index = bisect.bisect_left(self._starts, start) - 1
            if index < 0:
                self._list_past(len(self.folded.text) + 1)
                index = len(self._starts) - 1
            return self._listed(index)
        folded = self.folded
        limit = folded.folded_at(start) + len(self.key) - 1  # occurrences starting before
        wrapped = False
        while True:
            at = folded.folded.rfind(self.key, 0, limit)
            if at < 0:
                if wrapped:
                    return None
                wrapped, limit = True, len(folded.folded)
                continue
            match = folded.valid(at, len(self.key))
            if match is not None:
                return match
            limit = at + len(self.key) - 1

    def _listed(self, index: int) -> tuple[int, int] | None:
        return (self._starts[index], self._ends[index]) if 0 <= index < len(self._starts) else None

    def _list_past(self, offset: int) -> None:
        """List matches until one starts at or after `offset`, or none are left."""
        while not self._complete and (not self._starts or self._starts[-1] < offset):
            found = next(self._rest, None)
            if found is None:
                self._complete = True
            else:
                self._starts.append(found[1][0])
                self._ends.append(found[1][1])
