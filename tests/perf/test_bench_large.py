"""`make bench`: Graphviz's own limits on large maps (issue 19, point 3).

Each generated map (bushy and deep, 1,000 to 10,000 nodes) is drawn by the embedded
engine as a plain tree with dot's defaults and with each setting below added to the
graph; printed are the seconds (median of 3, in one process), the text size on A4
landscape by issue 16's legibility measure (tests/legibility.py), and the edge crossings
(tree edges as straight lines from tail to head between neighbouring ranks, counted as
inversions).  A setting is worth keeping only where it is quicker and the drawing stays
as good: the same text size and no more crossings.  The table is the result.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from argmap.render import RenderOptions, get_engine, to_dot
from tests import legibility
from tests.perf.test_bench_performance import generated

SETTINGS = {
    "defaults": "",
    "nslimit=2 nslimit1=2": "nslimit=2 nslimit1=2",
    "mclimit=0.3": "mclimit=0.3",
    "searchsize=10": "searchsize=10",
    "newrank=true": "newrank=true",
    "remincross=false": "remincross=false",
    "mclimit=0.3 nslimit=2": "mclimit=0.3 nslimit=2 nslimit1=2",
}
SIZES = ((1_000, "bushy"), (1_000, "deep"), (3_000, "bushy"), (3_000, "deep"), (10_000, "bushy"))


def crossings(layout: dict[str, object]) -> int:
    """Tree edges that cross, as straight lines between ranks: for each pair of
    neighbouring ranks, the inversions of the heads' x once sorted by the tails' x."""
    objects = layout.get("objects", [])
    assert isinstance(objects, list)
    where = {}
    for o in objects:
        if isinstance(o, dict) and "pos" in o:
            x, y = (float(v) for v in str(o["pos"]).split(","))
            where[int(o["_gvid"])] = (x, y)
    by_gap: dict[tuple[float, float], list[tuple[float, float]]] = {}
    for edge in layout.get("edges", []):  # type: ignore[union-attr]  # JSON of dot
        tail, head = where.get(edge["tail"]), where.get(edge["head"])
        if tail is None or head is None or edge.get("style") == "invis":
            continue
        by_gap.setdefault((round(tail[1]), round(head[1])), []).append((tail[0], head[0]))
    return sum(_inversions([h for _, h in sorted(pairs)]) for pairs in by_gap.values())


def _inversions(values: list[float]) -> int:
    if len(values) < 2:
        return 0
    middle = len(values) // 2
    left, right = sorted(values[:middle]), sorted(values[middle:])
    count = _inversions(values[:middle]) + _inversions(values[middle:])
    j = 0
    for value in left:  # pairs (left, right) with left > right
        while j < len(right) and right[j] < value:
            j += 1
        count += j
    return count


def test_graphviz_limits_on_large_maps(tmp_path: Path) -> None:
    engine = get_engine("embedded")
    print("\n\nLarge layouts: the plain tree with dot's limits (embedded engine)")
    print(
        f"{'map':12} {'setting':22} {'seconds':>8} {'x faster':>8} {'text pt':>8} {'crossings':>10}"
    )
    for size, shape in SIZES:
        dot = to_dot(generated(size, shape), RenderOptions())
        base = 0.0
        for name, extra in SETTINGS.items():
            source = dot.replace("graph [", f"graph [{extra} ", 1) if extra else dot
            times = []
            for _ in range(3 if size < 10_000 else 1):
                start = time.perf_counter()
                svg = engine.render(source, "svg", 600)
                times.append(time.perf_counter() - start)
            seconds = statistics.median(times)
            base = base or seconds
            drawn = tmp_path / "d.svg"
            drawn.write_bytes(svg)
            crossed = crossings(json.loads(engine.render(source, "json0", 600)))
            assert svg.startswith(b"<?xml") and crossed >= 0  # a drawing, not an error
            label = f"{shape} {size}"
            print(
                f"{label:12} {name:22} {seconds:8.2f} {base / seconds:8.2f} "
                f"{legibility.text_size(drawn):8.3f} {crossed:10d}"
            )
