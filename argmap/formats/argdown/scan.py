"""Searches the Argdown lexer repeats, made linear.

The tool's lexer tries its patterns again at every position where a token may start;
where a pattern searches ahead (the end of a comment, the "}" of a data block) a run
of openers without an end would make that quadratic.  These searches remember their
last answer, which holds for every later position up to it.
"""

from __future__ import annotations

import re

from argmap.formats.argdown.syntax import JS_SPACE_CHARS

_DATA_STOP = re.compile("[\r\u2028\u2029}]")


class Finder:
    """str.find with memory: asking again from further on reuses the last answer."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cache: dict[str, tuple[int, int]] = {}

    def find(self, needle: str, start: int) -> int:
        known = self.cache.get(needle)
        if known is not None and known[0] <= start and (known[1] < 0 or known[1] >= start):
            return known[1]
        found = self.text.find(needle, start)
        self.cache[needle] = (start, found)
        return found

    def search(self, name: str, pattern: re.Pattern[str], start: int) -> int:
        """The first match of `pattern` at or after `start`, len(text) if none."""
        known = self.cache.get(name)
        if known is not None and known[0] <= start <= known[1]:
            return known[1]
        match = pattern.search(self.text, start)
        found = match.start() if match else len(self.text)
        self.cache[name] = (start, found)
        return found


def data_end(text: str, pos: int) -> tuple[int, int]:
    """Where a data block opened at text[pos] == "{" ends (after its "}"), or -1; and
    the barrier: no block opened before it and after `pos` can end either.

    As the tool's regex /{((?!}\\s[^,}])(.|\\n))*}(?!\\s*(,|}))/: the longest block whose
    inner "}" are not followed by a space and a character other than "," or "}", and
    whose last "}" is not followed by spaces and "," or "}".
    """
    n = len(text)
    closers: list[int] = []
    barrier = n
    scan = pos + 1
    while True:
        match = _DATA_STOP.search(text, scan)
        if match is None:
            break
        at = match.start()
        if text[at] != "}":
            barrier = at
            break
        closers.append(at)
        if at + 2 < n and text[at + 1] in JS_SPACE_CHARS and text[at + 2] not in ",}":
            barrier = at
            break
        scan = at + 1
    for at in reversed(closers):
        after = at + 1
        while after < n and text[after] in JS_SPACE_CHARS:
            after += 1
        if after < n and text[after] in ",}":
            continue
        return at + 1, barrier
    return -1, barrier
