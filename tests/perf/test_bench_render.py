"""Benchmarks, run on demand with `make bench`; they print, they do not assert speed.

Each figure is a median of runs measured side by side in one process, so the
ratios hold on a noisy machine even when the absolute times do not.
"""

from __future__ import annotations

import shutil
import statistics
import time

from argmap.model import ArgumentMap, Relation, ops
from argmap.render import get_engine, to_dot

WORDS = "the institutions may not be ready for systems that improve their own code quickly".split()


def generated(size: int, fanout: int = 4) -> ArgumentMap:
    """A bushy map with sentence-length texts."""
    m = ops.add_claim(ArgumentMap(title="bench"), " ".join(WORDS), node_id="n0").map
    nodes = dict(m.nodes)
    from argmap.model import Node

    for k in range(1, size):
        text = " ".join(WORDS[(k + i) % len(WORDS)] for i in range(8 + k % 12))
        relation = Relation.SUPPORTS if k % 3 else Relation.REBUTS
        nodes[f"n{k}"] = Node(
            id=f"n{k}",
            text=text,
            parent=f"n{(k - 1) // fanout}",
            relation=relation,
            order=(k - 1) % fanout,
        )
    return ArgumentMap.model_validate({**m.model_dump(), "nodes": list(nodes.values())})


def median_time(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def test_engines_side_by_side() -> None:
    rows = []
    have_dot = shutil.which("dot") is not None
    embedded = get_engine("embedded")
    system = get_engine("system") if have_dot else None
    for size in (100, 1000):
        m = generated(size)
        dot_time = median_time(lambda: to_dot(m))
        dot = to_dot(m)
        emb = median_time(lambda: embedded.render(dot, "svg", timeout=300), 3)
        sys_t = median_time(lambda: system.render(dot, "svg", timeout=300), 3) if system else None
        svg = embedded.render(dot, "svg", timeout=300)
        assert svg.count(b'class="node') == size  # we timed a complete drawing
        rows.append((size, dot_time, emb, sys_t))
    print("\nnodes  to_dot(s)  embedded(s)  system(s)  system/embedded  to_dot/embedded")
    for size, dot_time, emb, sys_t in rows:
        ratio = f"{sys_t / emb:14.2f}" if sys_t else "   (no dot)   "
        sys_col = f"{sys_t:9.3f}" if sys_t else "       --"
        print(
            f"{size:5d}  {dot_time:9.4f}  {emb:11.3f}  {sys_col}  {ratio}  {dot_time / emb:15.3f}"
        )
