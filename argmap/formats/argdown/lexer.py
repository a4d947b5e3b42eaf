"""Argdown text -> lines of tokens, as the Argdown tool's lexer (1.7) cuts them.

The tool tries its tokens in a fixed order wherever a token may start; a comment
is only a comment where a token starts (``//`` inside a ``[title]`` or a ``{data}``
block is text), an escape ``\\x`` is the character x, and a relation, heading,
statement number or list item is only recognised at the start of a line.  This
module follows that order in one pass from left to right.

Everything is linear: each token is found by a match at the current position or by a
search whose answer is remembered (`_Finder`), so a run of unclosed ``<!--``, ``#(``
or ``{`` costs no more than the text is long.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from argmap.formats.argdown.brackets import bracketed
from argmap.formats.argdown.inference import read_inference
from argmap.formats.argdown.lines import PlainLine, plain_line
from argmap.formats.argdown.scan import Finder, data_end
from argmap.formats.argdown.syntax import FREESTYLE, JS_SPACE, JS_SPACE_CHARS, LINE_BREAKS

#: a part of a line: ("t", text) | ("tag", name, image) | ("data", raw) |
#: ("sdef"|"sref"|"adef"|"aref", title) | ("nl",), a line break inside the Line
Part = tuple[str, ...]

_EMPTYLINE = re.compile(r"(?:[ \t]*\n){2,}")
_NEWLINE = re.compile(r"[ \t]*\n")
_BLANKS = re.compile(r"\n*")  # the tool's (?:[ \t]*\r\n|\n|\r)*, line ends made "\n"
_ONE_BREAK = re.compile(r"[ \t]*\n(?![ \t]*\n)")
_SPACES = re.compile(r"[ \t]*")


def _spaces_end(text: str, pos: int) -> int:
    """Where the run of spaces and tabs at `pos` ends."""
    match = _SPACES.match(text, pos)
    return match.end() if match else pos  # "*" always matches


#: what the tool recognises at the start of a line, in its order: an inference,
#: relations, a heading, a statement number, list items
_LINE_START = re.compile(
    rf"""(?P<ws>[ \t]*)(?:
        (?P<inference>--)
        | (?P<relation>\+>|->|<?\+|<?-|><|_>|<_|_(?=[{JS_SPACE}]))
        | (?P<heading>\#+)\x20
        | \((?P<number>\d+)\)
        | (?P<item>\d+\.|\*)(?=[{JS_SPACE}])
    )""",
    re.VERBOSE,
)
_END_FOLLOW = set("\n\r)}_.,!?;:-*")
_EMPHASIS = {"*": ("*bold", "*italic"), "_": ("_bold", "_italic")}  # one string each
_SPACED = set("@#*_[],.:;</>-(){}")  # a control character takes one space after it
_NOT_FREE = _SPACED | set("\\\r\n")  # what the Freestyle token stops at
_BREAK_RE = re.compile(f"[{LINE_BREAKS}]")
_SPACE_RE = re.compile(f"[{JS_SPACE}]")


@dataclass(slots=True)
class Line:
    """One line of Argdown (an inference, which may span lines, is one Line)."""

    number: int
    indent: int = 0
    head: str = ""  # a relation symbol, "#", "(n)", "--", "*" or "1."; "" for none
    level: int = 0  # a heading's level or a statement's number
    parts: list[Part] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)  # an inference's rules
    specials: tuple[str, ...] = ()  # its shortcodes (".A."), as written


BLANK = None  # an empty line between elements
LINE_BREAK: Part = ("nl",)  # where a Line of words that went on over lines broke


class Lexer:
    join_lines = True  # lines of words alone go on the Line before them (tests turn it off)

    def __init__(self, text: str, first_line: int = 1) -> None:
        self.text = text
        self.n = len(text)
        self.pos = 0
        self.find = Finder(text)
        self.line_no = first_line
        self.out: list[Line | None] = []
        self.blank = True  # no BLANK before the first line, nor two in a row
        self.run_line: Line | None = None
        self.frags: list[str] = []  # text of the current line not yet made a part
        self.chunks: list[str] = []  # ... and the same, 256 pieces joined at a time
        self.run_start = self.run_end = -1
        self.cur: Line | None = None
        self.last = ""  # "" (no token yet), "nl", "empty" or "x"
        self.ranges: list[str] = []  # open emphasis, as the tool's lexer keeps them
        self.matched_end = -1
        self.skipped_end = -1
        self.data_fails_until = -1

    # -- output -----------------------------------------------------------------------
    def line(self) -> Line:
        if self.cur is None:
            self.cur = Line(self.line_no)
        return self.cur

    def part(self, *item: str) -> None:
        if self.run_line is not None or self.frags or self.chunks:
            self.flush_words()
        self.line().parts.append(item)

    def end_line(self, blank: bool) -> None:
        self.flush_words()
        if self.cur is not None and (self.cur.parts or self.cur.head or self.cur.rules):
            self.out.append(self.cur)
            self.blank = False
        self.cur = None
        if blank and not self.blank:
            self.out.append(BLANK)
            self.blank = True

    def advance(self, end: int, newlines: bool = False) -> None:
        if newlines:
            self.line_no += self.text.count("\n", self.pos, end)
        self.pos = end

    def breaks_from(self, start: int) -> int:
        return self.find.search("brk", _BREAK_RE, start)

    # -- the pass ---------------------------------------------------------------------
    def run(self) -> Iterator[Line | None]:
        """The lines as they are finished: the reader never holds them all."""
        self.pos = 0
        text, n, out = self.text, self.n, self.out
        while self.pos < n:
            if self.last != "x" and self.pos in (self.matched_end, 0):
                found = plain_line(text, self.pos)  # a line read in one match
                if found is not None:
                    yield from self.plain_lines(found)
                    continue
            self.step()
            if out:
                yield from out
                out.clear()
        self.end_line(False)
        yield from out

    def plain_lines(self, found: PlainLine) -> Iterator[Line | None]:
        """Plain lines in a row; a line of words alone goes on the Line before it
        (`join_lines`): after a plain line an element is always open, and such a line
        can only continue it (or the heading being read)."""
        line_no, held = self.line_no, None
        while True:
            indent, head, parts, breaks, end = found
            if held is not None and not head and len(parts) == 1 and parts[0][0] == "t":
                held.parts += (LINE_BREAK, parts[0])
            else:
                if held is not None:
                    yield held
                held = Line(line_no, indent, head, 0, parts)
            line_no += breaks
            if breaks > 1 or len(held.parts) > 256 or not self.join_lines:  # held: not all
                yield held
                held = None
                if breaks > 1:
                    yield BLANK
            next_one = plain_line(self.text, end)
            if next_one is None:
                break
            found = next_one
        if held is not None:
            yield held
        self.blank = breaks > 1
        self.last = "empty" if self.blank else "nl"
        self.line_no = line_no
        self.pos = self.matched_end = end

    def step(self) -> None:
        """One token: the tries for its first character (`_STEPS`), in the tool's order."""
        c = self.text[self.pos]
        handler = _STEPS.get(c)
        if handler is None or not handler(self, c):
            self.control(c)

    def control(self, c: str) -> None:
        """Plain text (the tool's Freestyle token), or a character that starts nothing;
        and so on while the next character, too, can only be one of these."""
        text, n = self.text, self.n
        while True:
            if c not in _NOT_FREE:
                free = FREESTYLE.match(text, self.pos)  # c itself at least
                end = free.end() if free else self.pos + 1
            else:
                end = self.pos + 1
                if c in _SPACED and end < n and text[end] in " \t":
                    end += 1
            self.verbatim(end)  # a control character (or a stray "\")
            if end >= n or text[end] in _MID_LINE_STEPS:
                return
            c = text[end]

    def angle(self, c: str) -> bool:
        return self.comment(c) or self.starts_line(c) or bracketed(self, c)

    def hash(self, c: str) -> bool:
        return self.starts_line(c) or bracketed(self, c)

    def mark(self, c: str) -> bool:
        return self.starts_line(c) or self.emphasis(c)

    def space(self, c: str) -> bool:
        text, pos = self.text, self.pos
        if c != "\n":
            spaces = _spaces_end(text, pos)
            if spaces >= self.n or text[spaces] != "\n":  # no line ends here
                return self.starts_line(c) or self.skip_spaces(spaces)
        empty = _EMPTYLINE.match(text, pos) if self.last != "empty" else None
        if empty:
            self.advance(empty.end(), True)
            self.end_line(True)
            self.last, self.matched_end = "empty", empty.end()
            return True
        newline = _NEWLINE.match(text, pos)
        if newline:
            self.advance(newline.end(), True)
            self.end_line(False)
            self.last, self.matched_end = "nl", newline.end()
            return True
        return self.starts_line(c) or self.skip_spaces(_spaces_end(text, pos))

    def skip_spaces(self, end: int) -> bool:
        if self.cur is None and self.last != "x":
            self.line().indent = end - self.pos
        self.pos = self.skipped_end = end
        return True

    def escape(self, c: str) -> bool:
        text, pos = self.text, self.pos
        if pos + 1 >= self.n or text[pos + 1] in LINE_BREAKS:
            return False
        end = pos + 2
        while end < self.n and text[end] == " ":
            end += 1
        self.text_token(text[pos + 1 : end], end)
        return True

    def starts_line(self, c: str) -> bool:
        return self.last != "x" and self.line_start(c)

    def text_token(self, value: str, end: int) -> None:
        """Text that is not the source as it stands (an escape, a link's words)."""
        self.flush()
        self.words(value)
        self.pos = self.matched_end = end
        self.last = "x"

    def words(self, value: str) -> None:
        """Text for the current line: pieces are joined as they pile up, so text cut
        into millions of pieces (by dropped emphasis marks) costs its length."""
        self.line()
        self.frags.append(value)
        if len(self.frags) >= 256:
            self.chunks.append("".join(self.frags))
            self.frags.clear()

    def verbatim(self, end: int) -> None:
        """Text that is the source from here to `end`: runs of it make one part, so a
        line of a million tokens costs a string, not a million tuples."""
        if self.run_end != self.pos or self.run_line is not self.cur or self.cur is None:
            self.flush()
            self.run_line = self.line()
            self.run_start = self.pos
        self.run_end = self.pos = self.matched_end = end
        self.last = "x"

    def flush(self) -> None:
        if self.run_line is not None and self.run_end > self.run_start:
            self.words(self.text[self.run_start : self.run_end])
        self.run_line = None
        self.run_start = self.run_end = -1

    def flush_words(self) -> None:
        self.flush()
        if self.frags or self.chunks:
            self.line().parts.append(("t", "".join(self.chunks) + "".join(self.frags)))
            self.frags.clear()
            self.chunks.clear()

    def matched(self, end: int, newlines: bool = False) -> None:
        self.advance(end, newlines)
        self.matched_end = end
        self.last = "x"

    # -- comments ---------------------------------------------------------------------
    def comment(self, c: str) -> bool:
        text, pos = self.text, self.pos
        end = -1
        if c == "<" and text.startswith("<!--", pos):
            close = self.find.find("-->", pos + 4)
            end = close + 3 if close >= 0 else -1
        elif c == "/" and text.startswith("/*", pos):
            close = self.find.find("*/", pos + 2)
            end = close + 2 if close >= 0 else -1
        elif c == "/" and text.startswith("//", pos):
            eol = self.find.find("\n", pos)
            if eol >= 0 and self.breaks_from(pos) == eol:
                end = eol  # "." stops at U+2028 too; a comment must reach the line break
        if end < 0:
            return False
        tail = None
        if self.last == "empty":
            tail = _BLANKS.match(text, end)
        elif self.last == "nl":
            tail = _ONE_BREAK.match(text, end)
        if tail:
            end = tail.end()
        self.advance(end, True)
        self.skipped_end = end
        return True

    def front_matter_token(self) -> bool:
        """A front matter block where the document's body goes on: the tool reads it
        as one token (and then refuses the document); skipped here."""
        start = self.pos
        while start < self.n and self.text[start] == "=":
            start += 1
        close = self.find.find("===", start)
        if close < 0:
            return False
        end = close
        while end < self.n and self.text[end] == "=":
            end += 1
        self.advance(end, True)
        self.skipped_end = end
        return True

    # -- data -------------------------------------------------------------------------
    def data(self) -> bool:
        if self.pos < self.data_fails_until:
            return False
        end, self.data_fails_until = data_end(self.text, self.pos)
        if end < 0:
            return False
        self.part("data", self.text[self.pos + 1 : end - 1])
        self.matched(end, True)
        return True

    def special(self, c: str) -> bool:
        """.name. or :name: (the tool's shortcodes; kept as written)."""
        end = self.special_end(c)
        if end < 0:
            return False
        self.line().specials += (self.text[self.pos : end].rstrip(" \t"),)
        self.verbatim(end)
        return True

    def special_end(self, c: str) -> int:
        pos = self.pos
        close = self.find.find(c, pos + 2)
        if close < 0 or self.find.search("ws", _SPACE_RE, pos + 1) < close:
            return -1
        end = close + 1
        if end < self.n and self.text[end] in " \t":
            end += 1
        return end

    # -- the start of a line ----------------------------------------------------------
    def line_start(self, c: str) -> bool:
        if c not in " \t-+<>_#(0123456789*":
            return False
        match = _LINE_START.match(self.text, self.pos)
        if match is None:
            return False
        indent = len(match.group("ws"))
        if match.group("inference"):
            line = self.line()
            line.head, line.indent = "--", indent
            self.advance(match.end())
            read_inference(self, line)
            return True
        if match.group("relation"):
            return self.head(match.group("relation"), indent, match.end())
        if match.group("heading"):
            return self.head("#", 0, match.end(), len(match.group("heading")))
        number = match.group("number")
        if number:
            return self.head("(n)", indent, match.end(), int(number) if len(number) < 10 else 10**9)
        return self.head("*", indent, match.end())

    def head(self, head: str, indent: int, end: int, level: int = 0) -> bool:
        line = self.line()
        if line.head or line.parts or self.frags or self.chunks or self.run_line is not None:
            line = self.new_logical_line()
        line.head, line.indent, line.level = head, indent, level
        self.matched(end)
        return True

    def new_logical_line(self) -> Line:
        """A head after a comment that ate the line break: a new line all the same."""
        self.end_line(False)
        return self.line()

    # -- emphasis ---------------------------------------------------------------------
    def emphasis(self, c: str) -> bool:
        """Close the innermost emphasis if this mark is its kind, or open one."""
        text, pos, n, ranges = self.text, self.pos, self.n, self.ranges
        double = pos + 1 < n and text[pos + 1] == c
        bold, italic = _EMPHASIS[c]
        if ranges and self.can_end():
            top = ranges[-1]
            size = 2 if double and top == bold else 1 if top == italic else 0
            end = pos + size
            if size and (end >= n or text[end] in _END_FOLLOW):
                ranges.pop()
                self.matched(end)
                return True
            if size and text[end] in " \t":
                ranges.pop()
                self.text_token(" ", end + 1)
                return True
        if double:  # "**" opens bold, unless a space follows: then "*" opens italic
            wide = pos + 2 >= n or text[pos + 2] not in JS_SPACE_CHARS
            ranges.append(bold if wide else italic)
            self.matched(pos + 2 if wide else pos + 1)
            return True
        if pos + 1 >= n or text[pos + 1] not in JS_SPACE_CHARS:
            ranges.append(italic)
            self.matched(pos + 1)
            return True
        return False

    def can_end(self) -> bool:
        return self.matched_end >= 0 and not self.skipped_end > self.matched_end


#: what is tried where a token starts with each character, in the tool's order (a
#: character that is not here only starts plain text or stands for itself)
_STEPS: dict[str, Callable[[Lexer, str], bool]] = {
    **dict.fromkeys(" \t\n", Lexer.space),
    **dict.fromkeys("+-(>0123456789", Lexer.starts_line),
    **dict.fromkeys("*_", Lexer.mark),
    "<": Lexer.angle,
    "/": Lexer.comment,
    "#": Lexer.hash,
    **dict.fromkeys("[@", bracketed),
    "=": lambda lx, c: lx.text.startswith("===", lx.pos) and lx.front_matter_token(),
    "{": lambda lx, c: lx.data(),
    "\\": Lexer.escape,
    **dict.fromkeys(".:", Lexer.special),
}


#: ... once a line has begun: "+", "-", "(", ">" and digits only start a line
_MID_LINE_STEPS = set(_STEPS) - set("+-(>0123456789")


def tokenize(text: str, first_line: int = 1) -> Iterator[Line | None]:
    """The body of an Argdown document (front matter removed) as lines and BLANKs."""
    return Lexer(text, first_line).run()
