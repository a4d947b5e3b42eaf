"""Titles, references, links, tags and mentions, as the Argdown tool's lexer finds them.

Each starts with "[", "<", "#" or "@" and ends at a closing character the remembered
searches of scan find, so a run of openers without an end stays linear; the
lexer (lexer) calls `bracketed` where a token starts with one of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.formats.argdown.syntax import TAG_NAME

if TYPE_CHECKING:
    from argmap.formats.argdown.lexer import Lexer


def bracketed(lexer: Lexer, c: str) -> bool:
    """A title or reference ([t]: [t] <t>: <t>), a link, a tag or a mention."""
    text, pos, n = lexer.text, lexer.pos, lexer.n
    if c == "[" and _link(lexer):
        return True
    if c == "#":
        return _tag(lexer)
    if c == "@":
        if pos + 1 < n and text[pos + 1] in "[<":
            close = "]" if text[pos + 1] == "[" else ">"
            at = lexer.find.find(close, pos + 3)
            if at >= 0 and lexer.breaks_from(pos + 2) > at:
                end = at + 1
                if end < n and text[end] in " \t":
                    end += 1
                lexer.verbatim(end)  # kept as a shortcode is: written back live
                lexer.line().specials += (text[pos : at + 1],)
                return True
        return False
    close = "]" if c == "[" else ">"
    kind = "s" if c == "[" else "a"
    at = lexer.find.find(close + ":", pos + 2)
    if at >= 0 and lexer.breaks_from(pos + 1) > at:
        lexer.part(kind + "def", text[pos + 1 : at])
        lexer.matched(at + 2)
        return True
    if pos + 1 < n and text[pos + 1] != "-":
        at = lexer.find.find(close, pos + 2)
        if at >= 0 and lexer.breaks_from(pos + 2) > at:
            lexer.part(kind + "ref", text[pos + 1 : at])
            lexer.matched(at + 1, True)
            return True
    return False


def _link(lexer: Lexer) -> bool:
    text, pos, n = lexer.text, lexer.pos, lexer.n
    at = lexer.find.find("]", pos + 1)
    if at < pos + 2 or at + 1 >= n or text[at + 1] != "(":
        return False
    close = lexer.find.find(")", at + 2)
    if close < at + 3:
        return False
    end = close + 1
    space = end < n and text[end] in " \t"
    lexer.text_token(text[pos + 1 : at] + (" " if space else ""), end + space)
    lexer.line_no += text.count("\n", pos, end)
    return True


def _tag(lexer: Lexer) -> bool:
    text, pos, n = lexer.text, lexer.pos, lexer.n
    name = ""
    end = -1
    if pos + 1 < n and text[pos + 1] == "(":
        close = lexer.find.find(")", pos + 2)
        if close >= pos + 3:
            name, end = text[pos + 2 : close], close + 1
    if end < 0:
        match = TAG_NAME.match(text, pos + 1)
        if match is None:
            return False
        name, end = match.group(), match.end()
    if end < n and text[end] in " \t":
        end += 1
    lexer.part("tag", name, text[pos:end])
    lexer.matched(end, True)
    return True
