"""The common Argdown line in one match, cut as the token-by-token pass cuts it.

Most lines of a document are plain: an indent, perhaps a relation or a list item,
perhaps a title or reference, words with no syntax character, and the line break.
The lexer (lexer) tries its tokens one by one at every position; for these
lines that costs ten times what one regular expression does.  `plain_line` answers
for exactly the lines whose tokens are settled without looking further than the
line: anything else (a tag, emphasis, a comment, a link, data, a heading, a number,
a line with nothing on it) is left to the lexer, which reads it as it always did.
tests/test_formats_argdown_lean.py checks that both cut every text alike.
"""

from __future__ import annotations

import re

# A title may not hold its closing bracket or a line break (the lexer's titles end at
# the first "]:" or "]" before a break); a reference may not start with "-", and an
# argument's title not with what makes "<" a relation ("<+", "<-", "<_") or a comment.
_PLAIN_LINE = re.compile(
    r"""
    (?P<ws>[ \t]*+)
    (?:(?P<head>\+>|->|<\+|<-|\+|-|\*|\d+\.)[ \t]++)?
    (?:
        \[(?P<statement>[^\]\n\r\u2028\u2029]++)\](?P<sdef>:)?
      | <(?P<argument>[^>\-+_!\n\r\u2028\u2029][^>\n\r\u2028\u2029]*+)>(?P<adef>:)?
    )?
    [ \t]*+
    (?P<words>[^\\@#*_\[\],.:;</>\-\r\n(){}=+\ \t0-9][^\\@#*_\[\],.:;</>\-\r\n(){}]*+)?
    (?P<end>[ \t]*\n(?:[ \t]*\n)*)
    """,
    re.VERBOSE,
)
#: what each head reads as: a relation symbol as written, a list item as "*"
_HEADS = {"+>": "+>", "->": "->", "<+": "<+", "<-": "<-", "+": "+", "-": "-", None: ""}

#: (indent, head, parts, line breaks at its end, where the next line starts)
PlainLine = tuple[int, str, list[tuple[str, ...]], int, int]


def plain_line(text: str, pos: int) -> PlainLine | None:
    """The line starting at `pos`, if it is plain, as the lexer would cut it."""
    match = _PLAIN_LINE.match(text, pos)
    if match is None:
        return None
    ws, head, statement, sdef, argument, adef, words, end = match.groups()
    parts: list[tuple[str, ...]]
    if statement is not None:
        if sdef is None and statement[0] == "-":
            return None  # "[-" starts no reference
        parts = [("sdef" if sdef else "sref", statement)]
    elif argument is not None:
        parts = [("adef" if adef else "aref", argument)]
    elif words:  # the most common line of all: words alone
        return len(ws), _HEADS.get(head, "*"), [("t", words)], end.count("\n"), match.end()
    elif head is None:
        return None  # a line of spaces: the lexer's blank-line rules decide
    else:
        parts = []
    if words:
        parts.append(("t", words))
    return len(ws), _HEADS.get(head, "*"), parts, end.count("\n"), match.end()
