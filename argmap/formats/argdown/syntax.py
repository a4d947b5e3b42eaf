"""What Argdown's own tool (version 1.7) treats as syntax, shared by reader and writer.

The character classes are the tool's JavaScript ones spelled out, because Python's
differ: JavaScript's ``.`` also stops at U+2028/U+2029, its ``\\s`` includes U+FEFF and
leaves out U+001C-U+001F and U+0085.  The reader and the writer use the same rules, so
what one writes the other reads back exactly, and the tool reads it the same way.
"""

from __future__ import annotations

import re

#: JavaScript's \s
JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
JS_SPACE_RE = re.compile(f"[{JS_SPACE}]")
JS_SPACE_CHARS = set(JS_SPACE.replace("\u2000-\u200a", "")) | {
    chr(c) for c in range(0x2000, 0x200B)
}
#: what JavaScript's "." does not match
LINE_BREAKS = "\n\r\u2028\u2029"
#: a #tag without parentheses; "A-z" is the tool's, and includes [ \ ] ^ _ `
TAG_NAME = re.compile("[a-zA-z0-9\\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+")
#: the tool's Freestyle token: plain text, no token starts inside it
FREESTYLE = re.compile(r"[^\\@#*_\[\],.:;</>\-\r\n(){}]+")
#: characters that start a token of their own (the tool's UnusedControlChar and others)
CONTROL = set("@#*_[],.:;</>-(){}")
#: the names the tool gives statements and arguments without a title
GENERATED_TITLE = re.compile(r"Untitled [1-9][0-9]*")


class RefusedError(ValueError):
    """Input argmap will not read; the message is one line that says where and why."""


def visible_text(text: str) -> str:
    """How a text reads in Argdown: a statement is one paragraph, line breaks are spaces."""
    if any(c in text for c in LINE_BREAKS):
        text = text.replace("\r\n", " ")
        for brk in LINE_BREAKS:
            text = text.replace(brk, " ")
    return text


def tag_fits(tag: str) -> bool:
    """Whether `tag` can be written as #(tag) after a [reference]: not empty, no ")",
    no line break, and no "]:" or ">:" (the reference would read as a definition)."""
    if not tag or ")" in tag or "]:" in tag or ">:" in tag:
        return False
    return not any(c in tag for c in LINE_BREAKS)


def visible_tags(tags: tuple[str, ...] | list[str]) -> list[str]:
    """The tags as Argdown holds them: those it can write, each once, in order."""
    out: list[str] = []
    seen: set[str] = set()
    for tag in tags:
        if tag_fits(tag) and tag not in seen:
            seen.add(tag)
            out.append(tag)
    return out


def title_base(title: str, argument: bool) -> str | None:
    """The title as Argdown can write it, before making it unique; None: generate one.

    A statement title cannot hold "]", an argument title ">", neither a line break;
    a reference cannot start with "-", and an argument title at the start of a line
    must not read as a relation ("<+", "<-", "<_") or a comment ("<!--").
    """
    title = visible_text(title)
    title = title.replace(">" if argument else "]", ")")
    if not title:
        return None
    if title[0] == "-" or (argument and (title[0] in "+_" or title.startswith("!--"))):
        title = "#" + title
    return title


def title_fits(title: str, written: str, argument: bool) -> bool:
    """Whether `written` is how the writer writes `title` (the hint in a file is honest)."""
    base = title_base(title, argument)
    if base is None:
        return GENERATED_TITLE.fullmatch(written) is not None
    if written == base:
        return True
    rest = written[len(base) :] if written.startswith(base) else ""
    return re.fullmatch(r" \([1-9][0-9]*\)", rest) is not None
