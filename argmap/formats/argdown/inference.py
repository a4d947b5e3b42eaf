"""An inference line of Argdown, "-- rule, rule --", as the tool's lexer reads it.

It may span lines and hold comments, escapes, shortcodes and data; the lexer
(lexer) hands over at the opening "--" and takes back after the closing one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from argmap.formats.argdown.syntax import LINE_BREAKS

if TYPE_CHECKING:
    from argmap.formats.argdown.lexer import Lexer, Line

_RULE_TEXT = re.compile(r"[^\\,\-\n{/<.:]+")


def read_inference(lexer: Lexer, line: Line) -> None:
    """From "--" to the next "--": rules separated by commas, data, comments."""
    text, n = lexer.text, lexer.n
    rule: list[str] = []
    lexer.last = "x"
    while lexer.pos < n:
        pos = lexer.pos
        c = text[pos]
        if lexer.comment(c):
            continue
        if c == "\n":
            lexer.advance(pos + 1, True)
            rule.append(" ")
            continue
        if c == "\\" and pos + 1 < n and text[pos + 1] not in LINE_BREAKS:
            rule.append(text[pos + 1])
            lexer.advance(pos + 2)
            continue
        if c in ".:" and _special(lexer, c, rule):
            continue
        if c == "-" and text.startswith("--", pos):
            end = pos + 2
            while end < n and text[end] == "-":
                end += 1
            lexer.matched(end)
            break
        if c == "{" and lexer.data():
            continue
        if c == ",":
            line.rules.append("".join(rule).strip())
            rule = []
            lexer.advance(pos + 1)
            continue
        free = _RULE_TEXT.match(text, pos)
        end = free.end() if free else pos + 1
        rule.append(text[pos:end])
        lexer.advance(end, True)
    line.rules.append("".join(rule).strip())
    if line.rules == [""]:
        line.rules = []


def _special(lexer: Lexer, c: str, rule: list[str]) -> bool:
    """.name. or :name: in a rule, kept as written."""
    end = lexer.special_end(c)
    if end < 0:
        return False
    image = lexer.text[lexer.pos : end]
    rule.append(image)
    lexer.line().specials += (image.rstrip(" \t"),)
    lexer.advance(end)
    return True
