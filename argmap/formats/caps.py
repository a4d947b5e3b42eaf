"""How much a reader reads, and how it reads a big input in seconds.

Every reader has two caps: bytes (`MAX_BYTES` in its module) and elements
(nodes, links, ...; `MAX_NODES` and the like).  Both are set so that an input
at the cap loads in a few seconds and a few hundred MB at most: the byte cap
bounds the worst shape per byte (nothing but tiny values), the element cap the
realistic one (many ordinary nodes), whose cost per node is the model's
validation.  `make bench` shows each reader at its cap.

While a reader builds its data, Python's cyclic garbage collector is paused:
a load allocates hundreds of thousands of objects that all survive, and each
collection walks every one of them again, so with the collector running a load
takes about half as long again, and its full collections come at sizes that
make single doublings of the input cost far more than twice as much.  The
objects a reader makes hold no reference cycles the collector would need to
free; reference counting frees the rest.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager

#: a JSON string, or the rest of the text after an unterminated one: it matches at every
#: quote and never backtracks, so removing the strings of a text is linear
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector in the block, if it runs (nesting is fine).

    Only the one that paused it starts it again, so nested or concurrent loads
    never leave it stopped: at worst a load in another thread runs its end with
    the collector back on."""
    was_running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_running:
            gc.enable()


def too_many(count: str, cap: int) -> str:
    """The refusal of an input over an element cap: 'has more than 100,000 nodes, too many …'."""
    return f"has more than {cap:,} {count}, too many for one map"


def _items(text: str) -> int:
    return text.count(",") + text.count("{") + text.count("[")


def json_items_over(text: str, cap: int) -> bool:
    """True when JSON `text` has more than `cap` items: commas and opening brackets outside
    strings, about one per value (at most two).  Counted before parsing, as parsing a
    file of nothing but `{},` takes some 150 bytes of memory and a microsecond for each
    3 bytes of text; the strings are set aside only when a count of the whole text
    (in C, some milliseconds) is over the cap."""
    if _items(text) <= cap:
        return False
    return _items(_JSON_STRING.sub("", text)) > cap


def json_items(value: object, known: dict[int, int] | None = None) -> int:
    """The items of `value` as JSON text has them (as `json_items_over` counts): each
    object and list one, and one more for each comma between its members; `known` gives
    the count of objects met more than once (by id), which are not walked again."""
    count = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if known and id(item) in known:
            count += known[id(item)]
        elif isinstance(item, dict):
            count += max(len(item), 1)
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            count += max(len(item), 1)
            stack.extend(item)
    return count
