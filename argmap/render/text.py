"""Our own wrapping and escaping of node text for Graphviz plain labels.

We do not use HTML-like labels (the embedded engine cannot draw them), so
every label is a quoted DOT string.  Whatever a user typed must come out in
the SVG exactly as typed: quotes, backslashes, Graphviz's own escapes such
as `\\N` or `\\l`, entities such as `&amp;`, braces, emoji, any script.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

_TOKENS = re.compile(r"\S+|\s+")


def char_width(ch: str) -> int:
    """Columns a character takes: wide East Asian 2, combining marks 0."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def text_width(text: str) -> int:
    if text.isascii():  # every ASCII character is one column: no Unicode lookups
        return len(text)
    return sum(char_width(c) for c in text)


@dataclass(frozen=True)
class Line:
    """One wrapped line and what separated it from the previous line."""

    text: str
    joint: (
        str  # "" at the start, "\n" for a typed break, " " for a consumed space, "" for a cut word
    )


def wrap(text: str, width: int) -> list[Line]:
    """Greedy wrap at spaces; words longer than `width` are cut.

    Lossless: `unwrap(wrap(t, w)) == t` for every text, so nothing the user
    typed is lost or invented by the layout.
    """
    lines: list[Line] = []
    for p_index, paragraph in enumerate(text.split("\n")):
        state = _Wrapper(width, "\n" if p_index else "")
        for token in _TOKENS.findall(paragraph):
            state.add(token)
        lines.extend(state.finish())
    return lines


class _Wrapper:
    """Builds lines from parts joined once per line: adding to a string one
    character at a time would copy the line each time, and a line of zero-width
    marks can be as long as the text (quadratic on a run of combining marks)."""

    def __init__(self, width: int, joint: str) -> None:
        self.width = width
        self.joint = joint
        self.parts: list[str] = []
        self.current_w = 0
        self.lines: list[Line] = []

    def _emit(self) -> None:
        """End the line; a trailing space becomes the joint of the next line."""
        current = "".join(self.parts)
        if current.endswith(" "):
            self.lines.append(Line(current[:-1], self.joint))
            self.joint = " "
        else:
            self.lines.append(Line(current, self.joint))
            self.joint = ""
        self.parts, self.current_w = [], 0

    def add(self, token: str) -> None:
        token_w = text_width(token)
        fits = self.current_w + token_w <= self.width
        if fits or (token.isspace() and token_w <= self.width):
            # spaces may overhang: the break that follows consumes one of them
            self.parts.append(token)
            self.current_w += token_w
            return
        if token_w <= self.width:
            if self.parts:
                self._emit()
            self.parts, self.current_w = [token], token_w
            return
        for ch in token:  # a run too long for any line: cut it
            w = char_width(ch)
            if self.current_w + w > self.width and self.parts:
                self._emit()
            self.parts.append(ch)
            self.current_w += w

    def finish(self) -> list[Line]:
        self.lines.append(Line("".join(self.parts), self.joint))
        return self.lines


def unwrap(lines: list[Line]) -> str:
    return "".join(line.joint + line.text for line in lines)


_XML_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def visible(text: str) -> str:
    """Control characters cannot appear in SVG (XML); show them as symbols."""

    def picture(match: re.Match[str]) -> str:
        code = ord(match.group())
        if code < 0x20:
            return chr(0x2400 + code)
        if code == 0x7F:
            return "\u2421"
        return "\ufffd"

    return _XML_UNSAFE.sub(picture, text)


def dot_escape(text: str) -> str:
    """Escape for the inside of a quoted DOT string used as an escString.

    A backslash doubles (so `\\N`, `\\G`, `\\l` stay literal), a quote gets
    its backslash, `&` becomes `&amp;` (Graphviz decodes entities in plain
    labels), and newlines become `\\n` line breaks.
    """
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;").replace("\n", "\\n")


@functools.lru_cache(maxsize=8192)  # an automatic fit draws each label many times
def label(text: str, width: int) -> str:
    """A centred, wrapped, escaped label body (without the surrounding quotes)."""
    return "\\n".join(dot_escape(visible(line.text)) for line in wrap(text, width))


@functools.lru_cache(maxsize=4096)  # colours, styles and names recur on every node
def quote(text: str) -> str:
    """A quoted DOT string holding `text` literally."""
    return '"' + dot_escape(visible(text)) + '"'


def tooltip_quote(text: str) -> str:
    """A quoted DOT string for a tooltip, which shows `text` literally.

    Graphviz reads a tooltip differently from a label: it decodes entities,
    then substitutes `\\N`, `\\G`, `\\L`... and halves backslashes, then
    reads the result as an escString once more.  Four backslashes come out as
    one whatever follows them (measured on dot 2.43 and the embedded 16.1;
    tests/test_render_dot.py checks both), so each typed backslash is written
    as four; `&` is written `&amp;` so that the decoding gives it back.
    """
    escaped = visible(text).replace("&", "&amp;").replace("\\", "\\" * 4)
    return '"' + escaped.replace('"', '\\"').replace("\n", "\\n") + '"'


def xml_escape(text: str) -> str:
    """`&`, `<` and `>` as entities, for text inside an XML element (as xml.sax.saxutils
    does; that module imports urllib and http.client, 40 ms at start)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def xml_quoteattr(text: str) -> str:
    """An XML attribute value, quoted: as xml.sax.saxutils.quoteattr writes it."""
    text = xml_escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace('"', "&quot;") + '"'
