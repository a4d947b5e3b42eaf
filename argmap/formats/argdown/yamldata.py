"""The YAML of a front matter, read as the Argdown tool reads it (js-yaml 4, YAML 1.2).

PyYAML parses: libyaml's C parser when it is installed, PyYAML's own otherwise or
where libyaml refuses what js-yaml reads (a surrogate pair spelled as two escapes).
Nothing is constructed (no tag can make an object, run code or read a file): the
parser's events become plain `Scalar`, `Sequence` and `Mapping` nodes, and a scalar
is typed as js-yaml's default schema types it.  What the tool refuses, argmap refuses
in one line naming where: a YAML error, a duplicated key, an unknown tag, nesting
100 deep (the tool's own limit).  An alias (``*name``) is refused too: nothing ever
expands, so no "billion laughs".  A front matter of more than `MAX_VALUES` values is
refused before it costs more than that.

YAML 1.1, which PyYAML speaks, ends a line at U+0085, U+2028 and U+2029 too; YAML 1.2
does not: they are read as stand-ins that cannot end a line and put back in the values.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml  # type: ignore[import-untyped]  # PyYAML ships no types (no types-PyYAML)

MAX_DEPTH = 100  # js-yaml's maxDepth: a value inside 100 collections is refused
MAX_VALUES = 10_000  # scalars, sequences, mappings and merged keys of one front matter
#: what libyaml refuses is read again by PyYAML's own parser, which reads about 0.4 MB a
#: second, only up to this size (about half a second); a larger one stays refused
RETRY_CHARS = 256 * 1024

_C_LOADER = getattr(yaml, "CSafeLoader", None)
_BREAKS = "\x85\u2028\u2029"  # line breaks in YAML 1.1 only
#: what js-yaml reads in a comment but not in a value, and PyYAML nowhere; and _BREAKS
_ODD = set("\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\ufffe\uffff" + _BREAKS)
_ODD |= {chr(c) for c in (*range(0x10, 0x20), *range(0x7F, 0x85), *range(0x86, 0xA0))}
_BLANK_LINE = re.compile(r"(?m)^ *+\t[ \t]*+$")  # spaces and tabs alone, one tab at least
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {"str", "null", "bool", "int", "float", "timestamp", "binary", "merge"}
_SEQUENCE_TAGS = {"seq", "omap", "pairs"}
_MAPPING_TAGS = {"map", "set"}
_FLOAT = re.compile(
    r"[-+]?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_SPECIAL = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9]{2}:[0-9]{2}"
    r"(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9]{2})?))?"
)
_INT = re.compile(r"[-+]?(?:0b[01]+|0x[0-9a-fA-F]+|0o[0-7]+|[0-9]+)")
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Mark(Protocol):
    line: int  # from 0


class _Event(Protocol):
    """What argmap reads of a PyYAML parser event (PyYAML ships no types)."""

    start_mark: _Mark | None
    tag: str | None  # a node's: its tag in full ("tag:yaml.org,2002:str"), "!" or none


class _ScalarEvent(_Event, Protocol):
    value: str
    implicit: tuple[bool, bool]  # (plain and untagged, quoted and untagged)
    style: str | None  # None for plain, or one of ' " | >


class YamlError(ValueError):
    """YAML the Argdown tool would not read; `line` counts from the front matter's first."""

    def __init__(self, line: int, problem: str) -> None:
        self.line = line
        self.problem = problem
        super().__init__(f"line {line}: {problem}")


@dataclass(frozen=True, slots=True)
class Scalar:
    text: str  # as written, quotes, escapes and folding resolved
    kind: str  # what js-yaml makes of it: null, bool, int, float, timestamp, str, binary
    block: bool = False  # written as a block scalar ("|" or ">"): its text ends in "\n"

    def truthy(self) -> bool:
        """What JavaScript's `!!value` says of js-yaml's value."""
        if self.kind == "null":
            return False
        if self.kind == "bool":
            return self.text in ("true", "True", "TRUE")
        if self.kind in ("int", "float"):
            number = _number(self.text)
            return number != 0 and not math.isnan(number)
        return self.kind != "str" or self.text != ""

    def key(self) -> str:
        """The key js-yaml stores: JavaScript's String(value)."""
        if self.kind == "null":
            return "null"
        if self.kind == "bool":
            return "true" if self.truthy() else "false"
        if self.kind in ("int", "float"):
            return _js_number(_number(self.text))
        return self.text


@dataclass(slots=True)
class Sequence:
    items: list[Node] = field(default_factory=list)


@dataclass(slots=True)
class Mapping:
    pairs: dict[str, Node] = field(default_factory=dict)  # as written
    merged: dict[str, Node] = field(default_factory=dict)  # from "<<" merge keys

    def get(self, key: str) -> Node | None:
        return self.pairs.get(key, self.merged.get(key))


Node = Scalar | Sequence | Mapping


def truthy(node: Node | None) -> bool:
    """JavaScript's `!!value` of what js-yaml reads (a collection is an object: true)."""
    return node.truthy() if isinstance(node, Scalar) else node is not None


def load(raw: str) -> Node | None:
    """The one document of `raw` (None when it is empty), or YamlError."""
    if "\0" in raw:
        raise YamlError(raw.count("\n", 0, raw.index("\0")) + 1, "a null byte, not allowed")
    chars = _Chars(raw)
    if _C_LOADER is not None:
        try:
            return _Builder(chars).build(yaml.parse(chars.text, Loader=_C_LOADER))
        except yaml.YAMLError as exc:
            if len(raw) > RETRY_CHARS:
                raise _refusal(exc) from None
            # PyYAML's own parser reads more as js-yaml does, and says why not
    try:
        return _Builder(chars).build(yaml.parse(chars.text, Loader=yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise _refusal(exc) from None


def _refusal(exc: Exception) -> YamlError:
    """PyYAML's error as one line: what it found, and the line (a mark counts from 0)."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = int(mark.line) + 1 if mark is not None else 1
    found = getattr(exc, "problem", None) or getattr(exc, "context", None)
    problem = str(found or str(exc).split("\n", 1)[0] or "not YAML")
    if "maximum nesting depth" in problem:  # libyaml's limit (1000), above the tool's
        problem = f"nested more than {MAX_DEPTH} deep"
    return YamlError(line, problem)


class _Chars:
    """`raw` with a stand-in for each character YAML 1.1 and js-yaml read differently:
    a line break of YAML 1.1 only, and the characters js-yaml allows in comments but
    refuses in values (in a quoted value it refuses only those below U+0020); and
    lines of nothing but spaces and tabs made empty."""

    def __init__(self, raw: str) -> None:
        if "\t" in raw:  # js-yaml skips a line of spaces and tabs; PyYAML trips on its tab
            raw = _BLANK_LINE.sub("", raw)
        used = set(raw)
        odd = sorted(_ODD & used)
        self.text = raw
        self.back: dict[int, str] = {}
        self.anywhere: re.Pattern[str] | None = None  # stand-ins no plain value may hold
        self.quoted: re.Pattern[str] | None = None  # ... and no quoted value
        if not odd:
            return
        planes = itertools.chain(range(0xF0000, 0x110000), range(0xE000, 0xF900))
        free = [chr(c) for c in _first_free(planes, used, len(odd))]
        if len(free) < len(odd):  # a text holding every private-use character
            raise YamlError(1, "every private-use character is in it; argmap needs one free")
        self.text = raw.translate({ord(a): b for a, b in zip(odd, free, strict=True)})
        self.back = {ord(b): a for a, b in zip(odd, free, strict=True)}
        refused = [b for a, b in zip(odd, free, strict=True) if a not in _BREAKS]
        below = [b for a, b in zip(odd, free, strict=True) if a < " "]
        self.anywhere = re.compile(f"[{''.join(refused)}]") if refused else None
        self.quoted = re.compile(f"[{''.join(below)}]") if below else None

    def refused(self, value: str, quoted: bool) -> str | None:
        """The first character of `value` a value may not hold, if any."""
        pattern = self.quoted if quoted else self.anywhere
        found = pattern.search(value) if pattern is not None else None
        return self.back[ord(found.group())] if found is not None else None


def _first_free(codes: Iterable[int], used: set[str], wanted: int) -> list[int]:
    out: list[int] = []
    for code in codes:
        if chr(code) not in used and (code & 0xFFFE) != 0xFFFE:  # not a noncharacter
            out.append(code)
            if len(out) == wanted:
                break
    return out


class _Builder:
    """Parser events -> nodes, without recursion, counting values and depth."""

    def __init__(self, chars: _Chars) -> None:
        self.chars = chars
        self.values = 0
        self.open: list[_Open] = []  # the collections being read, innermost last
        self.documents = 0
        self.root: Node | None = None

    def build(self, events: Iterable[Any]) -> Node | None:  # PyYAML's events, untyped
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise _at(event, "expected a single document in the stream, but found more")
            elif isinstance(event, yaml.AliasEvent):
                raise _at(event, f"found an alias (*{event.anchor}), which argmap does not read")
            elif isinstance(event, yaml.ScalarEvent):
                self.add(self.scalar(event), _line(event))
            elif isinstance(event, yaml.SequenceStartEvent):
                self.start(event, Sequence(), _SEQUENCE_TAGS, "sequence")
            elif isinstance(event, yaml.MappingStartEvent):
                self.start(event, Mapping(), _MAPPING_TAGS, "mapping")
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                done = self.open.pop()
                self.add(done.node, done.line)
        return self.root

    def count(self, line: int, more: int = 1) -> None:
        self.values += more
        if self.values > MAX_VALUES:
            raise YamlError(line, f"more than {MAX_VALUES:,} values")

    def enter(self, event: _Event) -> int:
        line = _line(event)
        if len(self.open) >= MAX_DEPTH:
            raise YamlError(line, f"nested more than {MAX_DEPTH} deep")
        self.count(line)
        return line

    def start(self, event: _Event, node: Sequence | Mapping, tags: set[str], kind: str) -> None:
        _check_tag(event, tags, kind)
        self.open.append(_Open(node, self.enter(event)))

    def scalar(self, event: _ScalarEvent) -> Scalar:
        self.enter(event)
        text = event.value
        if self.chars.back:
            refused = self.chars.refused(text, event.style in ("'", '"'))
            if refused is not None:
                raise _at(event, f"unacceptable character #x{ord(refused):04X}")
            text = text.translate(self.chars.back)
        if _SURROGATE.search(text):  # "\\ud83d\\ude00" is one character, as in js-yaml
            text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
        tag, block = event.tag, event.style in ("|", ">")
        if tag is None or tag == "?":
            return Scalar(text, _resolve(text) if event.implicit[0] else "str", block)
        if tag == "!":
            return Scalar(text, "str", block)
        _check_tag(event, _SCALAR_TAGS, "scalar")
        kind = tag[len(_CORE) :]
        if kind not in ("str", "binary") and _resolve(text) != kind:
            raise _at(event, f"cannot resolve a node with !!{kind} explicit tag")
        return Scalar(text, kind, block)

    def add(self, node: Node, line: int) -> None:
        if not self.open:
            self.root = node
            return
        parent = self.open[-1]
        if isinstance(parent.node, Sequence):
            parent.node.items.append(node)
        elif parent.key is None:
            parent.key = (node, line)  # its value comes next
        else:
            key, parent.key = parent.key, None
            self.pair(parent.node, key[0], key[1], node)

    def pair(self, parent: Mapping, key: Node, line: int, value: Node) -> None:
        if isinstance(key, Scalar) and key.kind == "merge":
            self.merge(parent, value, line)
            return
        name = _key(key, line)
        if name in parent.pairs:
            raise YamlError(line, f"duplicated mapping key ({name[:40]})")
        parent.pairs[name] = value

    def merge(self, parent: Mapping, value: Node, line: int) -> None:
        """ "<<: {...}" or "<<: [{...}, ...]": keys not there yet, as js-yaml merges."""
        for source in value.items if isinstance(value, Sequence) else [value]:
            if not isinstance(source, Mapping):
                raise YamlError(line, "cannot merge mappings; the source is not a mapping")
            self.count(line, 1 + len(source.pairs) + len(source.merged))
            for name, node in (source.merged | source.pairs).items():
                if name not in parent.pairs:
                    parent.merged.setdefault(name, node)


@dataclass(slots=True)
class _Open:
    """A collection being read: where it starts and, in a mapping, the key read last."""

    node: Sequence | Mapping
    line: int
    key: tuple[Node, int] | None = None


def _key(node: Node, line: int) -> str:
    """The key js-yaml stores for a node: JavaScript's String() of its value, where an
    object is "[object Object]" and a list its items joined by ","."""
    if isinstance(node, Scalar):
        return node.key()
    if isinstance(node, Mapping):
        return "[object Object]"
    names = []
    for item in node.items:
        if isinstance(item, Sequence):
            raise YamlError(line, "nested arrays are not supported inside keys")
        null = isinstance(item, Scalar) and item.kind == "null"
        names.append("" if null else _key(item, line))
    return ",".join(names)


def _resolve(text: str) -> str:
    """The type js-yaml's default schema gives a plain scalar, in its order."""
    if text in ("", "~", "null", "Null", "NULL"):
        return "null"
    if text in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return "bool"
    if _INT.fullmatch(text) and math.isfinite(_number(text)):
        return "int"
    if _FLOAT.fullmatch(text) and (math.isfinite(_number(text)) or _SPECIAL.fullmatch(text)):
        return "float"
    if _DATE.fullmatch(text) or _TIMESTAMP.fullmatch(text):
        return "timestamp"
    if text == "<<":
        return "merge"
    return "str"


def _number(text: str) -> float:
    """The number js-yaml reads from an int or float scalar (inf where it overflows)."""
    sign = -1.0 if text.startswith("-") else 1.0
    body = text.lstrip("+-")
    if body.lower() in (".inf", ".nan"):
        return sign * math.inf if body.lower() == ".inf" else math.nan
    try:
        if body[:2] in ("0b", "0x", "0o"):
            return sign * float(int(body[2:], {"b": 2, "x": 16, "o": 8}[body[1]]))
        return sign * float(body)
    except OverflowError:
        return sign * math.inf


def _js_number(value: float) -> str:
    """JavaScript's String(number), for the numbers a key can hold."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return repr(value)


def _check_tag(event: _Event, known: set[str], kind: str) -> None:
    tag = event.tag
    if tag is None or tag in ("!", "?"):
        return
    name = tag[len(_CORE) :] if tag.startswith(_CORE) else None
    if name in known:
        return
    shown = f"!!{name}" if name is not None else tag
    if name in _SCALAR_TAGS | _SEQUENCE_TAGS | _MAPPING_TAGS:
        raise _at(event, f"unacceptable node kind for {shown[:40]} tag: a {kind}")
    raise _at(event, f"unknown tag {shown[:40]}")


def _line(event: _Event) -> int:
    mark = event.start_mark
    return int(mark.line) + 1 if mark is not None else 1


def _at(event: _Event, problem: str) -> YamlError:
    return YamlError(_line(event), problem)
