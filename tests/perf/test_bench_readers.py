"""`make bench`: every reader at 1x, 2x, 4x and 8x input, printed as a table.

A reader is near-linear when the time per doubling of the input stays near
2 (a quadratic one shows 4).  Each family is an input shape named in issue
13, ordinary or pathological; the time is the best of a few runs
(`time.perf_counter`), and a reader that refuses the input with a
`LoadError` counts too: it is the time to the refusal.  The ratio is taken
of the CPU time (`time.process_time`, also shown): on a machine that other
work shares, the clock counts that work too and single ratios jump.  Even
CPU time grows a little faster than the input on big sizes (memory caches):
building a plain dict of N small dicts shows ratios of 1.9 to 2.9 here too.

Nothing here asserts a time, only that every family ran.  A run is stopped
after `RUN_LIMIT` seconds and a size is skipped when the last ratio says it
would take longer than that, so a reader that is still quadratic shows as
"stopped" or "skipped" instead of hanging the run; each family has an equal
share of `BUDGET` seconds (making its inputs included), so a slow reader
cannot take the others' time and the module keeps to about two minutes.

Base sizes are chosen so that 8x is a big realistic input and the module
fits in its budget: 8x is 64,000 of every Argdown construct the issue names
(its own figures are for 64,000) and 100,000 list items, 64,000 chained
Kialo links, and maps of 40,000 to 80,000 nodes for the JSON formats.

A second table shows every reader at each of its caps (argmap.formats.caps):
an input of the cap's size, in a fresh process each, with its time ("at
cap: N s (cpu M s)", best of two) and how much more memory the process took
at its peak than before the read (VmHWM).  Every such input must load, and its
map, saved in the native format, must open again equal: a reader that refuses
what its own cap allows, or makes a map argmap cannot reopen, fails the test.
Argdown has a table of its own (`test_argdown_at_its_caps`): each input at half
a cap and at the cap.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from argmap.formats import aif as aif_format
from argmap.formats import argdown as argdown_format
from argmap.formats import kialo as kialo_format
from argmap.formats import native as native_format
from argmap.formats.aif import read_aif
from argmap.formats.argdown import read_argdown
from argmap.formats.errors import LoadError
from argmap.formats.kialo import read_kialo
from argmap.formats.native import loads
from argmap.model import ArgumentMap

BUDGET = 105.0  # seconds for the whole module, shared equally by the families
RUN_LIMIT = 10.0  # seconds for one run before it is stopped
SIZE_BUDGET = 3.0  # seconds of repeats at one size
REPEAT = 3
SCALES = (1, 2, 4, 8)

Reader = Callable[[bytes], ArgumentMap]


class _Stopped(BaseException):
    """Raised by the timer: a reader's own `except Exception` cannot swallow it."""


def _expire(signum: int, frame: object) -> None:
    raise _Stopped


# -- inputs ------------------------------------------------------------------------


def _text(i: int) -> str:
    return f"Reason number {i} says that the claim above it holds for a stated cause."


def _native_node(i: int, parent: int | None, order: int) -> dict[str, object]:
    return {
        "id": f"n{i}",
        "text": _text(i),
        "title": "",
        "parent": None if parent is None else f"n{parent}",
        "relation": None if parent is None else ("rebuts" if i % 3 == 0 else "supports"),
        "order": order,
        "group": None,
        "tags": [],
        "note": "",
        "refs": [],
        "acceptance": None,
        "force": None,
        "meta": {},
    }


def native(shape: str) -> Callable[[int], bytes]:
    def make(n: int) -> bytes:
        if shape == "chain":
            nodes = [_native_node(i, i - 1 if i else None, 0) for i in range(n)]
        else:
            nodes = [_native_node(0, None, 0)] + [_native_node(i, 0, i - 1) for i in range(1, n)]
        doc = {"format": "argmap", "version": 1, "title": f"{shape} {n}", "nodes": nodes}
        return json.dumps(doc, indent=2).encode()

    return make


def aif(shape: str) -> Callable[[int], bytes]:
    """I-nodes 1..n; each non-root one backs its parent through its own RA or CA."""

    def make(n: int) -> bytes:
        nodes: list[dict[str, object]] = []
        edges: list[dict[str, object]] = []
        for i in range(1, n + 1):
            nodes.append({"nodeID": str(i), "text": _text(i), "type": "I", "timestamp": ""})
        for i in range(2, n + 1):
            parent = i - 1 if shape == "chain" else 1
            scheme = str(n + i)
            kind = "CA" if i % 3 == 0 else "RA"
            nodes.append({"nodeID": scheme, "text": kind, "type": kind, "timestamp": ""})
            edges.append({"edgeID": f"a{i}", "fromID": str(i), "toID": scheme})
            edges.append({"edgeID": f"b{i}", "fromID": scheme, "toID": str(parent)})
        return json.dumps({"nodes": nodes, "edges": edges, "locutions": []}, indent=2).encode()

    return make


def _chain_statement(i: int) -> str:
    return f"[s{i}]: Reason {i} holds for a stated cause.\n\n"


def _chain_relation(i: int) -> str:
    return f"[s{i - 1}]\n    <+ [s{i}]\n\n"


def argdown_chain(n: int) -> bytes:
    """An n-deep chain: statement i supports statement i - 1 (50,000 deep: 3.8 MB)."""
    parts = [_chain_statement(i) for i in range(n)] + [_chain_relation(i) for i in range(1, n)]
    return "".join(parts).encode()


def kialo_chain(n: int) -> bytes:
    """n `-> See` lines, each referring to the one before it (the first to claim 1.1)."""
    lines = ["Discussion Title: chained links", "", "1. Thesis", "1.1. Pro: A", "1.2. Con: B"]
    previous = "1.1"
    for i in range(1, n + 1):
        lines.append(f"1.2.{i}. -> See {previous}.")
        previous = f"1.2.{i}"
    return ("\n".join(lines) + "\n").encode()


def kialo_tree(n: int) -> bytes:
    """A bushy discussion of n claims, up to 6 reasons under each."""
    numbers = ["1"]
    lines = ["Discussion Title: a big debate", "", f"1. {_text(0)}"]
    counts: dict[int, int] = {}
    for i in range(1, n):
        parent = (i - 1) // 6
        counts[parent] = counts.get(parent, 0) + 1
        numbers.append(f"{numbers[parent]}.{counts[parent]}")
        label = "Con" if i % 3 == 0 else "Pro"
        lines.append(f"{numbers[i]}. {label}: {_text(i)}")
    return ("\n".join(lines) + "\n").encode()


@dataclass(frozen=True)
class Family:
    reader: str
    name: str
    base: int  # N at 1x
    make: Callable[[int], bytes]
    read: Reader


FAMILIES = (
    Family("native", "chain of N nodes", 5_000, native("chain"), loads),
    Family("native", "fan of N nodes", 10_000, native("fan"), loads),
    Family("aif", "chain of N I-nodes", 5_000, aif("chain"), read_aif),
    Family("aif", "fan of N I-nodes", 5_000, aif("fan"), read_aif),
    Family(
        "argdown",
        '"[a]: x\\n" + "<!--"*N',
        8_000,
        lambda n: ("[a]: x\n" + "<!--" * n).encode(),
        read_argdown,
    ),
    Family("argdown", '"*a "*N', 8_000, lambda n: ("*a " * n).encode(), read_argdown),
    Family("argdown", '"#("*N', 8_000, lambda n: ("#(" * n).encode(), read_argdown),
    Family(
        "argdown",
        "N list items",
        12_500,
        lambda n: "".join(f"* item {i} of the list\n" for i in range(n)).encode(),
        read_argdown,
    ),
    Family("argdown", "N-deep chain", 6_250, argdown_chain, read_argdown),
    Family("kialo", "N chained -> See", 8_000, kialo_chain, read_kialo),
    Family("kialo", "tree of N claims", 10_000, kialo_tree, read_kialo),
)


# -- measuring ---------------------------------------------------------------------


@dataclass
class Row:
    family: Family
    n: int
    size: int = 0  # bytes
    seconds: float | None = None
    cpu: float | None = None  # seconds of this process's CPU time
    outcome: str = ""


def run_once(read: Reader, data: bytes) -> tuple[float, float, str]:
    """Seconds, CPU seconds and what came of it; `_Stopped` after RUN_LIMIT seconds."""
    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, RUN_LIMIT)
    start, start_cpu = time.perf_counter(), time.process_time()
    try:
        m = read(data)
        outcome = f"{len(m.nodes)} nodes, {len(m.links)} links"
    except LoadError as exc:
        outcome = "refused: " + exc.message[:40]
    finally:
        took, cpu = time.perf_counter() - start, time.process_time() - start_cpu
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return took, cpu, outcome


def measure(family: Family, deadline: float) -> list[Row]:
    """Rows for 1x, 2x, 4x, 8x, as far as the family's time (until `deadline`) allows."""
    rows: list[Row] = []
    expected = 0.0
    for scale in SCALES:
        row = Row(family, family.base * scale)
        rows.append(row)
        left = deadline - time.perf_counter()
        if expected > RUN_LIMIT:
            row.outcome = f"skipped: about {expected:.0f} s expected"
            break
        if expected > left:
            row.outcome = f"skipped: about {expected:.1f} s expected, {max(left, 0):.1f} s left"
            break
        data = family.make(row.n)
        row.size = len(data)
        times: list[float] = []
        cpus: list[float] = []
        try:
            while not times or (
                len(times) < REPEAT
                and sum(times) + times[-1] < min(SIZE_BUDGET, deadline - time.perf_counter())
            ):
                took, cpu, row.outcome = run_once(family.read, data)
                times.append(took)
                cpus.append(cpu)
        except _Stopped:
            row.outcome = f"stopped after {RUN_LIMIT:g} s"
            break
        except Exception as exc:  # a crash is a result to report, not a timing
            row.outcome = f"crashed: {type(exc).__name__}: {str(exc)[:60]}"
            break
        row.seconds, row.cpu = min(times), min(cpus)
        previous = rows[-2].seconds if len(rows) > 1 else None
        ratio = row.seconds / previous if previous else 2.0
        expected = row.seconds * max(2.0, ratio)
    return rows


def _ratio(rows: list[Row], index: int) -> str:
    """Of CPU time: on a machine shared with other work it varies less than the clock."""
    now, before = rows[index].cpu, rows[index - 1].cpu if index else None
    if now is None or not before:
        return ""
    return f"{now / before:.2f}"


def test_every_reader_at_1x_2x_4x_8x() -> None:
    share = BUDGET / len(FAMILIES)
    print("\n\nReaders: best of up to 3 runs at 1x, 2x, 4x, 8x; ratio = cpu / cpu at half size")
    print(
        f"{'reader':8} {'input':26} {'N':>7} {'bytes':>11} {'seconds':>8} {'cpu':>7} "
        f"{'ratio':>6}  outcome"
    )
    ran: dict[tuple[str, str], bool] = {}
    for family in FAMILIES:
        rows = measure(family, time.perf_counter() + share)
        ran[family.reader, family.name] = rows[0].seconds is not None
        for index, row in enumerate(rows):
            took = f"{row.seconds:8.3f}" if row.seconds is not None else f"{'-':>8}"
            cpu = f"{row.cpu:7.3f}" if row.cpu is not None else f"{'-':>7}"
            size = f"{row.size:11,d}" if row.size else f"{'-':>11}"
            print(
                f"{family.reader:8} {family.name:26} {row.n:7d} {size} {took} {cpu} "
                f"{_ratio(rows, index):>6}  {row.outcome}"
            )
    missing = [f"{reader} {name}" for (reader, name), done in ran.items() if not done]
    assert not missing, f"these did not run at their base size: {missing}"


# -- at the caps -------------------------------------------------------------------


@dataclass(frozen=True)
class Cap:
    reader: str
    cap: str  # which cap the input is at
    name: str  # the input's shape
    make: Callable[[], bytes]
    read: str  # "module:function", called with the file's bytes


def _filled(doc: dict[str, object], cap: int) -> bytes:
    """`doc` with its "@" replaced by a list of empty objects, up to `cap` JSON values
    (commas and opening brackets, as the readers count them)."""
    text = json.dumps(doc)
    base = text.replace('"@"', "[{}]")
    extra = (cap - sum(base.count(c) for c in ",{[")) // 2  # each `,{}` is two more
    return text.replace('"@"', "[" + "{}," * extra + "{}]").encode()


def _native_values() -> bytes:
    """One node whose meta is a list of empty objects, up to the cap of JSON values as
    argmap writes the map (the file leaves out the fields it would write)."""
    doc = {"format": "argmap", "version": 1, "nodes": [{"id": "a", "meta": {"k": "@"}}]}
    written = native_format.written_items(native_format.loads(_filled(doc, 0)))
    return _filled(doc, native_format.MAX_ITEMS - (written - 2))


def _native_text() -> bytes:
    """One node whose text of commas and brackets fills the byte cap as argmap writes
    the map (the values are counted exactly, and the map written once to see it fits)."""
    doc = {"format": "argmap", "version": 1, "nodes": [{"id": "a", "text": "@"}]}
    text = json.dumps(doc)
    written = len(native_format.dumps(native_format.loads(text)).encode())
    filler = "a, [b], {c} " * ((native_format.MAX_BYTES - written) // 12)
    return text.replace("@", filler).encode()


def _aif_values() -> bytes:
    doc = {"nodes": [{"nodeID": "1", "type": "I", "text": "x", "k": "@"}], "edges": []}
    return _filled(doc, aif_format.MAX_ITEMS)


def _kialo_lines() -> bytes:
    """A thesis followed by one-letter lines up to the byte cap: the most lines per byte."""
    return b"1. Thesis\n" + b"x\n" * ((kialo_format.MAX_BYTES - 10) // 2)


_NODES = native_format.MAX_NODES
_AIF_PAIRS = aif_format.MAX_NODES // 2  # each I-node but the first brings its scheme node

CAPS = (
    Cap("native", f"{_NODES:,} nodes", "fan of N nodes", lambda: native("fan")(_NODES), "native"),
    Cap(
        "native", f"{_NODES:,} nodes", "chain of N nodes", lambda: native("chain")(_NODES), "native"
    ),
    Cap("native", f"{native_format.MAX_ITEMS:,} values", "meta of `{},`", _native_values, "native"),
    Cap(
        "native",
        f"{native_format.MAX_BYTES >> 20} MiB",
        "text of `a, [b], {c}`",
        _native_text,
        "native",
    ),
    Cap(
        "aif",
        f"{aif_format.MAX_NODES:,} nodes",
        "chain of N/2 I-nodes",
        lambda: aif("chain")(_AIF_PAIRS),
        "aif",
    ),
    Cap(
        "aif",
        f"{aif_format.MAX_NODES:,} nodes",
        "fan of N/2 I-nodes",
        lambda: aif("fan")(_AIF_PAIRS),
        "aif",
    ),
    Cap("aif", f"{aif_format.MAX_ITEMS:,} values", "extra of `{},`", _aif_values, "aif"),
    Cap(
        "kialo",
        f"{kialo_format.MAX_CLAIMS:,} lines",
        "tree of N claims",
        lambda: kialo_tree(kialo_format.MAX_CLAIMS),
        "kialo",
    ),
    Cap(
        "kialo",
        f"{kialo_format.MAX_CLAIMS:,} lines",
        "N chained -> See",
        lambda: kialo_chain(kialo_format.MAX_CLAIMS - 3),
        "kialo",
    ),
    Cap("kialo", f"{kialo_format.MAX_BYTES >> 20} MiB", "one-letter lines", _kialo_lines, "kialo"),
)

#: the readers by the names CAPS uses
CAP_READERS = {
    "native": "argmap.formats.native:loads",
    "aif": "argmap.formats.aif:read_aif",
    "kialo": "argmap.formats.kialo:read_kialo",
    "argdown": "argmap.formats.argdown:read_argdown",
}

#: run in a fresh process: read the file, time the reader twice, report the memory peak
#: (VmHWM, the peak resident size of this process image: ru_maxrss would start at the
#: parent's size, as Linux carries it over fork and exec)
_CHILD = """
import importlib, json, sys, time
def peak_kb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
module, name = sys.argv[1].split(":")
read = getattr(importlib.import_module(module), name)
with open(sys.argv[2], "rb") as file:
    data = file.read()
before = peak_kb()
times, cpus = [], []
for run in range(2):
    start, start_cpu = time.perf_counter(), time.process_time()
    m = read(data)
    times.append(time.perf_counter() - start)
    cpus.append(time.process_time() - start_cpu)
    if run == 0:
        peak = peak_kb() - before
from argmap.formats.native import dumps, loads
reopens = loads(dumps(m)) == m  # what argmap writes, argmap opens: also at the caps
print(json.dumps({"seconds": min(times), "cpu": min(cpus), "peak_kb": peak, "reopens": reopens}))
"""
CAP_LIMIT = 60.0  # seconds for one child


def at_cap(cap: Cap, folder: str) -> tuple[int, str]:
    """The input's size and the row's outcome: 'at cap: 2.10 s, +180 MB', or what failed."""
    data = cap.make()
    path = os.path.join(folder, "input")
    with open(path, "wb") as file:
        file.write(data)
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, CAP_READERS[cap.read], path],
            capture_output=True,
            text=True,
            timeout=CAP_LIMIT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return len(data), f"stopped after {CAP_LIMIT:g} s"
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return len(data), f"failed: {last[:90]}"
    result = json.loads(done.stdout)
    seconds, cpu, peak = result["seconds"], result["cpu"], result["peak_kb"] / 1024
    if not result["reopens"]:
        return len(data), "failed: saved as a map, it does not open equal"
    return len(data), f"at cap: {seconds:.2f} s (cpu {cpu:.2f} s), +{peak:.0f} MB"


def test_every_reader_at_its_caps() -> None:
    print("\n\nReaders at their caps: one fresh process each, best of 2; memory = peak growth")
    print(f"{'reader':8} {'cap':18} {'input':24} {'bytes':>11}  outcome")
    failed: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        for cap in CAPS:
            size, outcome = at_cap(cap, folder)
            print(f"{cap.reader:8} {cap.cap:18} {cap.name:24} {size:11,d}  {outcome}", flush=True)
            if not outcome.startswith("at cap"):
                failed.append(f"{cap.reader} {cap.name}: {outcome}")
    assert not failed, f"inputs at a cap that did not load: {failed}"


# -- Argdown at its caps (`pytest -k argdown`) -----------------------------------------


def _argdown_items(n: int) -> bytes:
    return "".join(f"* item {i} of the list\n" for i in range(n)).encode()


def _argdown_repeated(piece: str) -> Callable[[int], bytes]:
    return lambda size: (piece * (size // len(piece))).encode()


def _argdown_chain_of(size: int) -> bytes:
    """The deepest `argdown_chain` that `size` bytes hold."""
    depth, total = 1, len(_chain_statement(0))
    while total + len(_chain_statement(depth)) + len(_chain_relation(depth)) <= size:
        total += len(_chain_statement(depth)) + len(_chain_relation(depth))
        depth += 1
    return argdown_chain(depth)


def _argdown_prose(size: int) -> bytes:
    """Ordinary Argdown up to `size` bytes: titled statements with tags and emphasis,
    arguments for and against them, comments, a heading now and then."""
    blocks, total, i = [], 0, 0
    while True:
        block = (f"# Part {i // 50}\n\n" if i % 50 == 0 else "") + (
            f"[Claim {i}]: The *claim* number {i} holds, as #(topic {i % 7}) shows.\n"
            f"  + <Reason {i}>: A reason for it, _stated_ once. <!-- note {i} -->\n"
            f"  - [Objection {i}]: An objection to it, which the reason answers.\n\n"
        )
        if total + len(block) > size:
            return "".join(blocks).encode()
        blocks.append(block)
        total += len(block)
        i += 1


_AD_BYTES = argdown_format.MAX_BYTES
#: (the cap, the input's shape, the input at a share of the cap: 1/2, then 1)
ARGDOWN_CAPS: tuple[tuple[str, str, Callable[[float], bytes]], ...] = (
    (
        f"{argdown_format.MAX_ELEMENTS:,} statements",
        "N list items",
        lambda share: _argdown_items(int(argdown_format.MAX_ELEMENTS * share)),
    ),
    (
        f"{_AD_BYTES >> 20} MiB",
        "deepest chain",
        lambda share: _argdown_chain_of(int(_AD_BYTES * share)),
    ),
    (f"{_AD_BYTES >> 20} MiB", "ordinary Argdown", lambda s: _argdown_prose(int(_AD_BYTES * s))),
    (
        f"{_AD_BYTES >> 20} MiB",
        "one-character lines",
        lambda s: _argdown_repeated("x\n")(int(_AD_BYTES * s)),
    ),
    (f"{_AD_BYTES >> 20} MiB", '"[a] "*N', lambda s: _argdown_repeated("[a] ")(int(_AD_BYTES * s))),
    (f"{_AD_BYTES >> 20} MiB", '"#("*N', lambda s: _argdown_repeated("#(")(int(_AD_BYTES * s))),
    (f"{_AD_BYTES >> 20} MiB", '"*a "*N', lambda s: _argdown_repeated("*a ")(int(_AD_BYTES * s))),
)


def test_argdown_at_its_caps() -> None:
    """Each input at half the cap and at the cap, in a fresh process each (as
    `test_every_reader_at_its_caps`): the time at the cap, and the ratio of the CPU
    time to that at half of it."""
    print("\n\nArgdown at half its caps and at its caps: a fresh process each, best of 2")
    print(f"{'cap':18} {'input':22} {'bytes':>11} {'cpu/2':>7} {'ratio':>6}  outcome at cap")
    failed: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        for cap, name, make in ARGDOWN_CAPS:
            seconds = []
            for share in (0.5, 1.0):
                size, outcome = at_cap(
                    Cap("argdown", cap, name, partial(make, share), "argdown"), folder
                )
                if not outcome.startswith("at cap"):
                    failed.append(f"{name} at {share:g} of {cap}: {outcome}")
                    break
                seconds.append(float(outcome.split()[5]))  # "(cpu 1.73 s)"
            ratio = f"{seconds[1] / seconds[0]:6.2f}" if len(seconds) == 2 else f"{'-':>6}"
            half = f"{seconds[0]:7.2f}" if seconds else f"{'-':>7}"
            print(f"{cap:18} {name:22} {size:11,d} {half} {ratio}  {outcome}", flush=True)
    assert not failed, f"Argdown inputs within its caps that did not load: {failed}"
