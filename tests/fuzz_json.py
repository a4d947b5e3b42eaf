"""A structure-aware mutator for the JSON readers (native maps and AIF).

Byte mutations mostly break the JSON, so the readers' deeper checks are barely
reached.  This mutator parses a valid seed, changes values inside it and writes
valid JSON again (or, now and then, JSON that only just fails: a duplicate key,
NaN, a number too long, a lone surrogate, nesting too deep).  What it changes:
ids swapped or pointed at missing nodes, cycles, keys dropped, duplicated or
renamed, values of another type, huge, negative and non-finite numbers, strings
with syntax, control and surrogate characters, objects and lists reordered,
deepened and cut, spans past the end of a shortened text.

Objects are kept as lists of [key, value] pairs (`Obj`), so a key can repeat;
`Raw` is a token written as it is; `Deep` nests a value in many brackets
without recursing when it is written.
"""

from __future__ import annotations

import json
import math
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from json.encoder import encode_basestring, encode_basestring_ascii
from pathlib import Path
from typing import Any

from argmap.formats import dumps
from argmap.formats.aif import read_aif
from argmap.formats.argdown import read_argdown
from argmap.model import ArgumentMap, Relation, ops
from argmap.model.document import Source, Style
from argmap.model.source import make_ref


class Obj(list[list[Any]]):
    """A JSON object as its [key, value] pairs, in order; a key may repeat."""


class Raw(str):
    """A JSON token written exactly as it is: NaN, 1e400, 0000, a 5000-digit number."""


@dataclass
class Deep:
    """`value` inside `depth` brackets: "[[[value]]]" or {"d": {"d": value}}."""

    value: Any
    depth: int
    brackets: str = "[]"


def clone(value: Any) -> Any:
    """A copy of a parsed document (much faster than copy.deepcopy)."""
    if isinstance(value, Obj):
        return Obj([[key, clone(item)] for key, item in value])
    if isinstance(value, list):
        return [clone(item) for item in value]
    if isinstance(value, Deep):
        return Deep(clone(value.value), value.depth, value.brackets)
    return value


def parse(raw: bytes) -> Any:
    return json.loads(raw, object_pairs_hook=lambda pairs: Obj([list(p) for p in pairs]))


# -- writing ----------------------------------------------------------------------------


def write(value: Any, rng: random.Random) -> bytes:
    """JSON text of `value` in one of several layouts, as UTF-8 (a lone surrogate is
    usually written as its escape, now and then as the raw bytes it would have)."""
    layout = Layout(
        ascii_only=rng.random() < 0.3,
        raw_surrogates=rng.random() < 0.1,
        indent=rng.choice([None, None, 2]),
        spaced=rng.random() < 0.5,
    )
    out: list[str] = []
    _write(value, out, layout, 0)
    text = "".join(out)
    if rng.random() < 0.05:
        text = "\ufeff" + text  # a byte-order mark
    return text.encode("utf-8", "surrogatepass")


@dataclass(frozen=True)
class Layout:
    ascii_only: bool  # every non-ASCII character escaped
    raw_surrogates: bool  # a lone surrogate as the bytes it would have: not UTF-8
    indent: int | None
    spaced: bool

    def string(self, text: str) -> str:
        if self.ascii_only or (not self.raw_surrogates and _SURROGATE.search(text)):
            return encode_basestring_ascii(text)
        return encode_basestring(text)


def _write(value: Any, out: list[str], layout: Layout, level: int) -> None:
    comma, colon = (", ", ": ") if layout.spaced else (",", ":")
    indent = layout.indent
    if indent is not None:
        comma = ","
    newline = "" if indent is None else "\n" + " " * (indent * (level + 1))
    close = "" if indent is None else "\n" + " " * (indent * level)
    if isinstance(value, Raw):
        out.append(str(value))
    elif isinstance(value, Deep):
        opening, closing = ("[", "]") if value.brackets == "[]" else ('{"d":', "}")
        out.append(opening * value.depth)
        _write(value.value, out, layout, level)
        out.append(closing * value.depth)
    elif isinstance(value, Obj):
        out.append("{")
        for i, (key, item) in enumerate(value):
            out.append((comma if i else "") + newline)
            out.append(layout.string(str(key)) + colon)
            _write(item, out, layout, level + 1)
        out.append((close if value else "") + "}")
    elif isinstance(value, list):
        out.append("[")
        for i, item in enumerate(value):
            out.append((comma if i else "") + newline)
            _write(item, out, layout, level + 1)
        out.append((close if value else "") + "]")
    elif isinstance(value, str):
        out.append(layout.string(value))
    elif value is None or isinstance(value, bool):
        out.append(json.dumps(value))
    elif isinstance(value, int):
        out.append(str(value))
    elif math.isfinite(value):
        out.append(repr(float(value)))
    else:
        out.append("NaN" if math.isnan(value) else "-Infinity" if value < 0 else "Infinity")


_SURROGATE = re.compile("[\ud800-\udfff]")


# -- what values become ---------------------------------------------------------------

STRINGS = [
    "", " ", "  lead and trail  ", "x", "a b", "x\ny", "tab\there", "\r\n", "\x00", "\x1b[31m",
    "\x7f", "\u0085", "\u2028", "\u202e", "\u200b", "\ufeff", "\ud800", "\udfff", "a\ud800b",
    "\udc00\ud800", "\U0001f600", "e\u0301", "\u0301", "ß", "İ", "#3", "-", "_", "0", "1e5",
    '"', "\\", "{", "}", "[", "]", ",", ":", '{"a": 1}', "null", "true", "/*", "*/", "//",
    "<!--", "-->", "[Title]:", "<Arg>", "+>", "->", "#tag", "===", "../../secret.txt",
    "/etc/passwd", "/proc/self/environ", "supports", "rebuts", "accepted", "strong",
    "RA", "CA", "MA", "I", "L", "YA", "TA", "default", "LR", "TB", "sha256:00",
]  # fmt: skip
NUMBERS: list[Any] = [
    0, 1, 2, -1, 3, 7, 8, 200, 201, 4, 72, 73, 10**9, 2**31, 2**53 + 1, 2**63, -(2**63) - 1,
    10**300, -(10**300), 0.5, 1.0, -0.0, 3.0, 1e308, 1e-308, 4.9e-324, True, False,
    Raw("NaN"), Raw("Infinity"), Raw("-Infinity"), Raw("1e400"), Raw("-1e400"), Raw("1e-400"),
    Raw("-0"), Raw("1E2"), Raw("1.0e0"), Raw("9" * 400), Raw("9" * 5000), Raw("0.000000001"),
]  # fmt: skip
KEYS = [
    "id", "text", "title", "parent", "relation", "order", "group", "tags", "note", "refs",
    "acceptance", "force", "meta", "paragraph", "start", "end", "quote", "prefix", "suffix",
    "review", "source", "target", "nodes", "links", "style", "format", "version", "file",
    "checksum", "description", "nodeID", "type", "edges", "edgeID", "fromID", "toID",
    "locutions", "scheme", "schemeID", "personID", "timestamp", "__proto__", "", "\ud800",
]  # fmt: skip
#: keys whose values name other parts of the document
REF_KEYS = {"id", "parent", "group", "source", "target", "nodeID", "edgeID", "fromID", "toID"}


def _value(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(10)
    if kind < 4:
        return rng.choice(STRINGS)
    if kind < 7:
        return rng.choice(NUMBERS)
    if kind == 7:
        return None
    if kind == 8 or depth > 2:
        return [] if rng.random() < 0.5 else [_value(rng, depth + 1)]
    return Obj([[rng.choice(KEYS), _value(rng, depth + 1)]] if rng.random() < 0.7 else [])


def _odd_string(rng: random.Random, text: str) -> str:
    """`text` with a special piece inserted, replacing part of it, or repeated."""
    piece = rng.choice(STRINGS)
    at = rng.randint(0, len(text))
    choice = rng.randrange(4)
    if choice == 0:
        return text[:at] + piece + text[at:]
    if choice == 1:
        return text[:at] + piece + text[at + rng.randint(1, 10) :]
    if choice == 2:
        return text * rng.choice([2, 10, 1000]) if len(text) < 200 else text + text
    return piece * rng.choice([1, 2, 50, 4000])


# -- where: every value in the document --------------------------------------------------


@dataclass
class Slot:
    """One value: `holder[index]` is it (a list item, or an object's [key, value])."""

    holder: list[Any]
    index: int
    key: str | None  # the object key, None in a list

    def get(self) -> Any:
        return self.holder[self.index][1] if self.key is not None else self.holder[self.index]

    def set(self, value: Any) -> None:
        if self.key is not None:
            self.holder[self.index][1] = value
        else:
            self.holder[self.index] = value


def slots(doc: Any) -> list[Slot]:
    found: list[Slot] = []
    stack = [doc]
    while stack:
        value = stack.pop()
        if isinstance(value, Obj):
            for i, (key, item) in enumerate(value):
                found.append(Slot(value, i, str(key)))
                stack.append(item)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                found.append(Slot(value, i, None))
                stack.append(item)
    return found


def containers(doc: Any) -> Iterator[list[Any]]:
    stack = [doc]
    while stack:
        value = stack.pop()
        if isinstance(value, Obj):
            yield value
            stack.extend(item for _key, item in value)
        elif isinstance(value, list):
            yield value
            stack.extend(value)


def _get(obj: Obj, key: str) -> Any:
    return next((v for k, v in obj if k == key), None)


def _set(obj: Obj, key: str, value: Any) -> None:
    for pair in obj:
        if pair[0] == key:
            pair[1] = value
            return
    obj.append([key, value])


# -- the mutations -------------------------------------------------------------------


def replace_value(rng: random.Random, doc: Any) -> None:
    """Any value becomes another: of another type, odd, huge or empty."""
    found = slots(doc)
    if found:
        rng.choice(found).set(_value(rng))


def tweak_value(rng: random.Random, doc: Any) -> None:
    """A value changes but mostly keeps its type: a string gains odd characters, a
    number moves a little or a lot."""
    found = [s for s in slots(doc) if isinstance(s.get(), str | int | float)]
    if not found:
        return
    slot = rng.choice(found)
    value = slot.get()
    if isinstance(value, str):
        slot.set(_odd_string(rng, value))
    elif isinstance(value, bool):
        slot.set(not value)
    elif isinstance(value, int):
        slot.set(rng.choice([value + 1, value - 1, -value, value * 1000, 0, rng.choice(NUMBERS)]))
    else:
        whole = float(int(value)) if math.isfinite(value) else value
        slot.set(rng.choice([value * 2, -value, whole, rng.choice(NUMBERS)]))


def point_elsewhere(rng: random.Random, doc: Any) -> None:
    """A reference (or an id) names another existing id, itself, or nothing at all."""
    refs = [s for s in slots(doc) if s.key in REF_KEYS and isinstance(s.get(), str | int)]
    if not refs:
        return
    ids = [s.get() for s in refs]
    slot = rng.choice(refs)
    choice = rng.randrange(5)
    if choice < 3:
        slot.set(rng.choice(ids))
    elif choice == 3:
        slot.set(f"missing-{rng.randrange(100)}")
    else:
        other = rng.choice(refs)  # swap two
        first, second = slot.get(), other.get()
        slot.set(second)
        other.set(first)


def make_cycle(rng: random.Random, doc: Any) -> None:
    """Two nodes become each other's parents (native), or an edge runs back (AIF)."""
    objs = [c for c in containers(doc) if isinstance(c, Obj)]
    nodes = [o for o in objs if _get(o, "id") is not None and any(k == "parent" for k, _ in o)]
    if len(nodes) >= 2:
        a, b = rng.sample(nodes, 2)
        _set(a, "parent", _get(b, "id"))
        if rng.random() < 0.7:
            _set(b, "parent", _get(a, "id"))
        _set(a, "relation", _get(a, "relation") or "supports")
        return
    holders = [
        c
        for c in containers(doc)
        if not isinstance(c, Obj) and any(isinstance(o, Obj) and _get(o, "toID") for o in c)
    ]
    if holders:
        holder = rng.choice(holders)
        edge = clone(rng.choice([o for o in holder if isinstance(o, Obj)]))
        start, end = _get(edge, "fromID"), _get(edge, "toID")
        _set(edge, "fromID", end)
        _set(edge, "toID", start)
        _set(edge, "edgeID", f"back-{rng.randrange(1000)}")
        holder.append(edge)


def reshape_object(rng: random.Random, doc: Any) -> None:
    """A key is dropped, duplicated, renamed or added; or the keys are reordered."""
    objs = [c for c in containers(doc) if isinstance(c, Obj)]
    if not objs:
        return
    obj = rng.choice(objs)
    choice = rng.randrange(5)
    if choice == 0 and obj:
        del obj[rng.randrange(len(obj))]
    elif choice == 1 and obj:
        pair = rng.choice(obj)
        again = [pair[0], clone(pair[1]) if rng.random() < 0.5 else _value(rng)]
        obj.insert(rng.randint(0, len(obj)), again)
    elif choice == 2 and obj:
        rng.choice(obj)[0] = rng.choice(KEYS)
    elif choice == 3:
        obj.insert(rng.randint(0, len(obj)), [rng.choice(KEYS), _value(rng)])
    else:
        rng.shuffle(obj)


def reshape_list(rng: random.Random, doc: Any) -> None:
    """A list is cut, emptied, reordered, or an item is dropped or copied (same ids)."""
    lists = [c for c in containers(doc) if not isinstance(c, Obj) and c]
    if not lists:
        return
    items = rng.choice(lists)
    choice = rng.randrange(5)
    if choice == 0:
        del items[rng.randrange(len(items)) :]
    elif choice == 1:
        del items[rng.randrange(len(items))]
    elif choice == 2:
        rng.shuffle(items)
    elif choice == 3:
        items.insert(rng.randint(0, len(items)), clone(rng.choice(items)))
    else:
        items.reverse()


def grow_list(rng: random.Random, doc: Any) -> None:
    """An item is copied many times under new ids: bigger documents that still load."""
    lists = [c for c in containers(doc) if not isinstance(c, Obj) and c]
    if not lists:
        return
    items = rng.choice(lists)
    model = rng.choice(items)
    for n in range(rng.choice([2, 2, 10, 10, 100, 500])):
        twin = clone(model)
        if isinstance(twin, Obj):
            for key in ("id", "nodeID", "edgeID"):
                if isinstance(old := _get(twin, key), str):
                    _set(twin, key, f"{old}-{n}")
        items.append(twin)


def deepen(rng: random.Random, doc: Any) -> None:
    """A value is wrapped once, or buried in hundreds of thousands of brackets."""
    found = slots(doc)
    if not found:
        return
    slot = rng.choice(found)
    value = slot.get()
    choice = rng.randrange(4)
    if choice == 0:
        slot.set([value])
    elif choice == 1:
        slot.set(Obj([[rng.choice(KEYS), value]]))
    else:
        depth = rng.choice([10, 100, 1000, 10_000, 200_000])
        slot.set(Deep(value, depth, rng.choice(["[]", "{}"])))


def break_spans(rng: random.Random, doc: Any) -> None:
    """Spans run past the text's end, backwards or below zero; or the text shrinks
    under them; or a paragraph number is impossible."""
    objs = [c for c in containers(doc) if isinstance(c, Obj)]
    sources = [o for o in objs if any(k == "checksum" for k, _ in o)]
    refs = [o for o in objs if any(k in ("start", "end", "paragraph") for k, _ in o)]
    text = next((_get(s, "text") for s in sources if isinstance(_get(s, "text"), str)), "")
    choice = rng.randrange(4)
    if choice == 0 and sources and text:
        source = rng.choice(sources)
        _set(source, "text", text[: rng.randrange(len(text))])
        if rng.random() < 0.5:
            _set(source, "checksum", None)
    elif refs:
        ref = rng.choice(refs)
        end = len(text) + rng.choice([0, 1, 2, 100, 10**6])
        if choice == 1:
            _set(ref, "end", end)
            _set(ref, "start", rng.choice([0, end - 1, end, end + 1]))
        elif choice == 2:
            start = _get(ref, "start")
            start = start if isinstance(start, int) else 0
            _set(ref, "start", rng.choice([-1, end, start + 5]))
            _set(ref, "end", rng.choice([0, -1, start]))
        else:
            _set(ref, "paragraph", rng.choice([0, -1, 1, 2, 10**6, 2**64, None, "1"]))


MUTATIONS: list[tuple[Callable[[random.Random, Any], None], int]] = [
    (replace_value, 6), (tweak_value, 10), (point_elsewhere, 6), (make_cycle, 2),
    (reshape_object, 6), (reshape_list, 4), (grow_list, 2), (deepen, 1), (break_spans, 3),
]  # fmt: skip


def mutate(rng: random.Random, seeds: list[Any]) -> bytes:
    """One input: a seed (parsed), one to four changes, written as JSON."""
    doc = clone(rng.choice(seeds))
    actions = [m for m, _ in MUTATIONS]
    weights = [w for _, w in MUTATIONS]
    for action in rng.choices(actions, weights, k=rng.choice([1, 1, 1, 2, 2, 3, 4])):
        action(rng, doc)
    return write(doc, rng)


# -- seeds ------------------------------------------------------------------------------

ARTICLE = (
    "Cities are loud.\n\nCars make most of the noise, and the fumes too.\n\n"
    "Buses would carry the same people with less of both. Shops worry about deliveries."
)


def rich_map() -> ArgumentMap:
    """A map with every part the native format has: a source text with spans, co-premises,
    cross-links, tags, notes, titles, judgements, style and meta."""
    m = ops.add_claim(ArgumentMap(title="Cars in the centre"), "Ban cars", node_id="ban").map
    source = Source(title="Article", author="A. Writer", url="https://example.org/a//b")
    m = ops.set_map_fields(m, source=source.model_copy(update={"text": ARTICLE})).map
    noise = ARTICLE.index("Cars make")
    m = ops.add_node(
        m, "ban", Relation.SUPPORTS, "Less noise", node_id="quiet",
        refs=(make_ref(ARTICLE, noise, noise + 30),),
    ).map  # fmt: skip
    m = ops.add_node(m, "ban", Relation.REBUTS, "Shops suffer", node_id="shops").map
    m = ops.add_co_premise(m, "quiet", "Buses carry the same people").map
    buses = ARTICLE.index("Buses")
    m = ops.edit_node(
        m, "shops", tags=("economy", "#(odd)"), note="see /* here */",
        refs=(make_ref(ARTICLE, buses, buses + 5), make_ref(ARTICLE, 0, 16)),
        acceptance="undecided", force="weak", title="Shops", meta={"from": {"tool": "x"}},
    ).map  # fmt: skip
    m = ops.add_node(m, "shops", Relation.REBUTS, "Deliveries can come early", node_id="dl").map
    m = ops.add_claim(m, "Cities are loud", node_id="loud").map
    m = ops.add_link(m, "loud", "quiet", Relation.SUPPORTS, link_id="x1").map
    return ops.set_map_fields(m, style=Style(theme="print", direction="LR", wrap=40)).map


def native_seeds(sample: Path, shared: Path) -> list[Any]:
    """The sample map, the rich map, and maps read from a few AIF and Argdown files."""
    raws = [sample.read_bytes(), dumps(rich_map()).encode()]
    for path in sorted((shared / "corpus" / "aif").glob("*.json"))[:6]:
        raws.append(dumps(read_aif(path.read_bytes(), path)).encode())
    for path in sorted((shared / "corpus" / "argdown").glob("*.argdown"))[:4]:
        raws.append(dumps(read_argdown(path.read_bytes(), path)).encode())
    return [parse(raw) for raw in raws]


def aif_seeds(shared: Path, limit: int = 40) -> list[Any]:
    files = sorted((shared / "corpus" / "aif").glob("*.json"))[:limit]
    return [parse(path.read_bytes()) for path in files]
