"""The YAML front matter of an Argdown document, read and written without a YAML library.

argmap needs little of it: the title, the description, and three settings of the
Argdown tool's model (strict mode, exploded arguments, tags removed from texts).
Values are written as YAML double-quoted strings in which nothing can end the block:
line breaks and control characters are escapes, and no three "=" ever follow each
other (the tool's front matter ends at the first "===", even inside a string).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from argmap.formats.argdown.syntax import RefusedError
from argmap.model.validation import unsaveable

_STRICT = re.compile(r"(?m)^[ \t]*mode[ \t]*:[ \t]*['\"]?strict\b")
_EXPLODE = re.compile(r"(?m)^[ \t]*explodeArguments:[ \t]*true")
_REMOVE_TAGS = re.compile(r"(?m)^[ \t]*removeTagsFromText:[ \t]*true")
_MODE = re.compile(r"[ \t]+mode[ \t]*:")
_TOP_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)")
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v"}
_ESCAPES |= {"f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\"}
_ESCAPES |= {"N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_HEX = {"x": 2, "u": 4, "U": 8}
_SURROGATE = re.compile("[\ud800-\udfff]")
#: what YAML allows unescaped in a double-quoted string (js-yaml refuses the rest)
_PRINTABLE = re.compile(
    "[\t\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


@dataclass
class FrontMatter:
    raw: str = ""
    title: str = ""
    description: str = ""
    strict: bool = False
    explode: bool = False
    remove_tags: bool = False


def split_front_matter(text: str) -> tuple[FrontMatter | None, str, int]:
    """(front matter, the body after it, the body's first line number).

    As the tool's token /===+[\\s\\S]*?===+/ after blank lines at the start.
    """
    start = 0
    while True:  # skip blank lines
        end = text.find("\n", start)
        if end < 0 or text[start:end].strip(" \t"):
            break
        start = end + 1
    while start < len(text) and text[start] in " \t":
        start += 1
    if not text.startswith("===", start):
        return None, text, 1
    inner = start
    while inner < len(text) and text[inner] == "=":
        inner += 1
    close = text.find("===", inner)
    if close < 0:
        if inner - start < 6:
            return None, text, 1
        close = inner = start + 3  # "======" alone: an empty block
    end = close
    while end < len(text) and text[end] == "=":
        end += 1
    raw = text[inner:close].strip("\n")
    front = read_front_matter(raw)
    return front, text[end:], 1 + text.count("\n", 0, end)


def read_front_matter(raw: str) -> FrontMatter:
    front = FrontMatter(raw=raw)
    model = _model_block(raw)
    front.strict = _STRICT.search(model) is not None
    front.explode = _EXPLODE.search(model) is not None
    front.remove_tags = _REMOVE_TAGS.search(model) is not None
    for line in raw.split("\n"):
        key = _TOP_KEY.match(line)
        if key is None or key.group(1) not in ("title", "description"):
            continue
        value = scalar(line[key.end() :])
        problem = unsaveable(value)  # "\\ud800" spells a lone surrogate
        if problem is not None:
            raise RefusedError(f"the front matter's {key.group(1)} {problem[1]}")
        if key.group(1) == "title":
            front.title = value
        else:
            front.description = value
    return front


def _model_block(raw: str) -> str:
    """The settings under the top-level key `model`, one per line (flow style too)."""
    lines = raw.split("\n")
    for index, line in enumerate(lines):
        key = _TOP_KEY.match(line)
        if key is None or key.group(1) != "model":
            continue
        inline = line[key.end() :].strip()
        if inline:  # model: {mode: strict, removeTagsFromText: true}
            return "\n".join(part.strip() for part in inline.strip("{}").split(","))
        block = []
        for child in lines[index + 1 :]:
            if child and child[0] not in " \t#":
                break
            block.append(child)
        return "\n".join(block)
    return ""


def scalar(value: str) -> str:
    """A one-line YAML scalar: double-quoted (with escapes), single-quoted, or plain."""
    value = value.strip(" \t")
    if value.startswith('"'):
        return _double_quoted(value)
    if value.startswith("'"):
        end = value.find("'", 1)
        while end >= 0 and value.startswith("''", end):
            end = value.find("'", end + 2)
        body = value[1:end] if end >= 0 else value[1:]
        return body.replace("''", "'")
    comment = re.search(r"[ \t]#", value)
    return value[: comment.start()].rstrip(" \t") if comment else value


def _double_quoted(value: str) -> str:
    out: list[str] = []
    i, n = 1, len(value)
    while i < n:
        c = value[i]
        if c == '"':
            break
        if c != "\\" or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        e = value[i + 1]
        if e in _HEX:
            digits = value[i + 2 : i + 2 + _HEX[e]]
            try:
                out.append(chr(int(digits, 16)))
            except ValueError:
                out.append(value[i : i + 2 + _HEX[e]])
            i += 2 + _HEX[e]
            continue
        out.append(_ESCAPES.get(e, "\\" + e))
        i += 2
    text = "".join(out)
    if _SURROGATE.search(text):  # "\\ud83d\\ude00" is one character, as in js-yaml
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    return text


def yaml_string(value: str) -> str:
    """`value` as a YAML double-quoted string that keeps inside an Argdown front matter."""
    out = ['"']
    previous = ""
    for c in value:
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "=" and previous == "=":
            out.append("\\x3D")  # never "===": the front matter would end there
        elif _PRINTABLE.fullmatch(c) and c not in "\t\u2028\u2029":
            out.append(c)
        elif ord(c) < 0x100:
            out.append(f"\\x{ord(c):02X}")
        elif ord(c) < 0x10000:
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(f"\\U{ord(c):08X}")
        previous = c if out[-1] == c else ""
    out.append('"')
    return "".join(out)


def merged_front_matter(original: str, title: str, description: str, strict: bool) -> list[str]:
    """The lines of a front matter: the original's settings kept where they are safe,
    argmap's title and description, strict mode when the relations need it."""
    kept: list[str] = []
    model_at = -1
    if original and "===" not in original and "\r" not in original:
        skipping = False
        for line in original.split("\n"):
            key = _TOP_KEY.match(line)
            top = bool(line) and line[0] not in " \t#"
            if top:
                skipping = key is not None and key.group(1) in ("title", "description")
                if not skipping and key is not None and key.group(1) == "model":
                    model_at = len(kept) if not line[key.end() :].strip() else -2
            if skipping or _REMOVE_TAGS.match(line) or re.match(r"[ \t]*removeTagsFromText:", line):
                continue
            kept.append(line)
    if model_at == -2:  # a model written inline: argmap cannot merge into it, so drops it
        kept = [line for line in kept if not re.match(r"model[ \t]*:", line)]
        model_at = -1
    if strict and not _STRICT.search("\n".join(kept)):
        if model_at >= 0:
            end = model_at + 1
            while end < len(kept) and (not kept[end] or kept[end][0] in " \t#"):
                end += 1
            block = [line for line in kept[model_at + 1 : end] if not _MODE.match(line)]
            kept[model_at + 1 : end] = ["    mode: strict", *block]
        else:
            kept += ["model:", "    mode: strict"]
    while kept and not kept[-1].strip():
        kept.pop()
    lines: list[str] = []
    if title:
        lines.append(f"title: {yaml_string(title)}")
    if description:
        lines.append(f"description: {yaml_string(description)}")
    return lines + kept
