"""Text as Argdown that reads back as exactly that text, in argmap and in the Argdown tool.

Nothing a user types can become syntax: the writer knows where the tool starts a
token (see lexer) and escapes with a backslash exactly what would start one there.
argmap's own data block, ``{"argmap": {...}}``, is JSON whose strings hold nothing the
tool's data token or a definition could end at.
"""

from __future__ import annotations

import json
from collections.abc import Collection

from argmap.formats.argdown import yamldata
from argmap.formats.argdown.frontmatter import PRINTABLE
from argmap.formats.argdown.scan import data_end
from argmap.formats.argdown.syntax import CONTROL, JS_SPACE_RE, TAG_NAME
from argmap.formats.argdown.words import hints as read_hints

_ALWAYS = set("\\[<{*_#")  # start a token wherever they stand


def _needs_escape(text: str, i: int, dots: set[int]) -> bool:
    c = text[i]
    if c in _ALWAYS:
        return True
    if c == "/":
        return text.startswith("/", i + 1)  # "//" starts a comment; "/*" has "*" escaped
    if c in ".:":
        return i in dots
    if c == "=":
        return text.startswith("==", i + 1)  # "===" starts a front matter block
    return False


def _special_starts(
    text: str, shortcodes: bool | Collection[str] = False, limit: int | None = None
) -> tuple[set[int], dict[int, int]]:
    """Positions of "." and ":" followed, before any space, by the same character: the
    tool would read ".x." as a shortcode token and its escapes as written.

    `shortcodes`: leave each such token in `text[:limit]` (".A.", ":heart:", ".->.") as
    it is (True), or those named, with the one space or tab the token takes after it:
    argmap reads it as written and the tool shows its symbol, as it does in the
    document it came from.
    Returns the positions still to escape and the kept tokens (start -> end)."""
    out: set[int] = set()
    seen = {".": False, ":": False}
    for i in range(len(text) - 1, -1, -1):
        c = text[i]
        if JS_SPACE_RE.match(c):
            seen = {".": False, ":": False}
        elif c in seen:
            if seen[c]:
                out.add(i)
            seen[c] = True
    kept: dict[int, int] = {}
    if not shortcodes:
        return out, kept
    end_of = len(text) if limit is None else limit
    if shortcodes is not True:
        kept = _mentions(text, shortcodes, end_of)
    i = 0
    while i < end_of:  # left to right, as the tool's lexer meets them
        if i in kept:
            out -= set(range(i, kept[i]))
            i = kept[i]
            continue
        close = text.find(text[i], i + 2) if i in out else -1
        named = shortcodes is True or text[i : close + 1] in shortcodes
        if 0 < close < end_of and named:
            end = close + 1
            if end < end_of and text[end] in " \t":
                end += 1
            kept[i] = end
            out -= set(range(i, end))
            i = end
            continue
        i += 1
    return out, kept


def _mentions(text: str, named: Collection[str], end_of: int) -> dict[int, int]:
    """The mentions ("@[S]", "@<A>") in `text[:end_of]` that are in `named` (read from
    Argdown, left live), start -> end with the one space or tab the tool takes after."""
    kept: dict[int, int] = {}
    if not any(code.startswith("@") for code in named):
        return kept
    i = text.find("@")
    while 0 <= i < end_of:
        close = {"[": "]", "<": ">"}.get(text[i + 1 : i + 2], "")
        at = text.find(close, i + 3) if close else -1
        if 0 < at < end_of and text[i : at + 1] in named:
            end = at + 1
            if end < end_of and text[end] in " \t":
                end += 1
            kept[i] = end
            i = text.find("@", end)
            continue
        i = text.find("@", i + 1)
    return kept


def _live_tag(text: str, i: int) -> tuple[str, int] | None:
    """The tag the tool reads at text[i] == "#" (name, end), as it would read it raw."""
    if text.startswith("(", i + 1):
        close = text.find(")", i + 2)
        if close >= i + 3:
            return text[i + 2 : close], close + 1
    match = TAG_NAME.match(text, i + 1)
    return (match.group(), match.end()) if match else None


def escape_text(
    text: str,
    tags: list[str] | None = None,
    rule: bool = False,
    follow: str = "",
    shortcodes: bool | Collection[str] = False,
) -> tuple[str, list[str]]:
    """`text` (one line) as Argdown that reads back as exactly `text`.

    Occurrences of the node's `tags` (in their order) stay live tags; returns the
    escaped text and the tags still to be written elsewhere.  `rule`: the text of an
    inference rule, where "--" ends the rule.  `follow`: what the line has after the
    text (a data block), which a ".x." token could reach into.
    """
    out: list[str] = []
    dots, kept = _special_starts(text + follow, shortcodes, len(text))
    pending = list(tags or ())
    emitted: set[str] = set()
    at_start = True  # where the tool starts a token, a space would be skipped
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if i in kept:  # a shortcode, as written
            out.append(text[i : kept[i]])
            i, at_start = kept[i], True
            continue
        if c == "#" and not rule:
            tag = _live_tag(text, i)
            if tag is not None and (tag[0] in emitted or (pending and tag[0] == pending[0])):
                end = tag[1]
                if end >= n or not _needs_escape(text, end, dots):
                    if tag[0] not in emitted:
                        emitted.add(pending.pop(0))
                    out.append(text[i:end])
                    i = end
                    if i < n and text[i] in " \t":
                        out.append(text[i])
                        i += 1
                    at_start = True
                    continue
        if (
            (at_start and c in " \t")
            or _needs_escape(text, i, dots)
            or (rule and c == "-" and text.startswith("-", i + 1))
        ):
            out.append("\\" + c)
            i += 1
            while i < n and text[i] == " ":  # the tool's \x takes the spaces after it
                out.append(" ")
                i += 1
            at_start = True
            continue
        if c in CONTROL:
            out.append(c)
            i += 1
            if i < n and text[i] in " \t":
                out.append(text[i])
                i += 1
            at_start = True
            continue
        start = i
        while i < n and text[i] not in CONTROL and not _needs_escape(text, i, dots):
            i += 1
        out.append(text[start:i])
        at_start = False
    return "".join(out), pending


def _json_string(value: str) -> str:
    out = json.dumps(value, ensure_ascii=False)
    chars = []
    for c in out:
        if c in "{}]>\u2028\u2029" or not PRINTABLE.fullmatch(c):
            chars.append(f"\\u{ord(c):04x}" if ord(c) < 0x10000 else c)
        else:
            chars.append(c)
    return "".join(chars)


#: what argmap's data block says of a node: its text, title, tags and note as typed,
#: whether it stays a root, an argument's scheme and critical questions (ticked or not)
Hint = str | bool | list[str] | list[bool]


def data_block(hints: dict[str, Hint]) -> str:
    """{"argmap":{...}} as JSON (which YAML reads too) whose strings hold no "{", "}",
    "]", ">" or line break, only their escapes: the tool's data token ends at a "}"
    followed by a space and cannot cross a U+2028, and a "]:" or ">:" after a
    [reference] on its line would read as a definition."""
    if not hints:
        return ""
    items = []
    for key, value in hints.items():
        if isinstance(value, bool):
            shown = "true" if value else "false"
        elif isinstance(value, list):
            values = (
                ("true" if v else "false") if isinstance(v, bool) else _json_string(str(v))
                for v in value
            )
            shown = "[" + ",".join(values) + "]"
        else:
            shown = _json_string(str(value))
        items.append(f'"{key}":{shown}')
    return '{"argmap":{' + ",".join(items) + "}}"


def tag_list(tags: list[str]) -> str:
    return " ".join(
        f"#{t}" if t.isascii() and TAG_NAME.fullmatch(t) and t[0].isalnum() else f"#({t})"
        for t in tags
    )


def joined_data(hints: dict[str, Hint], author: list[str]) -> tuple[str, list[str]]:
    """One data block for an element's line: argmap's data and the first of the author's
    blocks (as read: the inside of its braces) as {"argmap": {...}, the author's}, when
    that reads back as both, in argmap and as YAML; and the author's blocks left over,
    each to go on a reference line of its own."""
    block = data_block(hints)
    if not author:
        return block, []
    if not block:
        return "{" + author[0] + "}", author[1:]
    both = block[:-1] + ", " + author[0] + "}"
    try:
        fine = isinstance(yamldata.load(both), yamldata.Mapping)
        fine = fine and read_hints(both[1:-1], 0) == (hints, author[0].strip(" \t\n"))
    except (yamldata.YamlError, ValueError):
        fine = False
    if fine and data_end(both, 0)[0] == len(both):
        return both, author[1:]
    return block, author
