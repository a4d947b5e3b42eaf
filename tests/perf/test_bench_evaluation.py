"""Evaluation speed on generated maps, printed as a table (run with `make bench`)."""

from __future__ import annotations

import random
import statistics
import time

from argmap.model import ArgumentMap, Node, Relation
from argmap.model.evaluation import Label, evaluate, explain


def generated(size: int, seed: int = 1) -> ArgumentMap:
    """A bushy map: a third rebuttals, the rest supports, some co-premise pairs."""
    rng = random.Random(seed)
    nodes = [Node(id="n0", text="claim")]
    for k in range(1, size):
        parent = f"n{rng.randrange(k)}"
        relation = Relation.REBUTS if k % 3 == 0 else Relation.SUPPORTS
        nodes.append(Node(id=f"n{k}", text=f"reason {k}", parent=parent, relation=relation))
    counts: dict[str, int] = {}
    ordered = []
    for node in nodes:
        order = counts.get(node.parent or "", 0)
        counts[node.parent or ""] = order + 1
        ordered.append(node.model_copy(update={"order": order}))
    return ArgumentMap.model_validate({"nodes": [n.model_dump() for n in ordered]})


def median(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def test_evaluation_scales() -> None:
    print("\nnodes   evaluate(s)  explain(s)  per 1000 nodes (ms)")
    for size in (1_000, 10_000):
        m = generated(size)
        labels = evaluate(m)
        assert len(labels) == size and set(labels.values()) <= set(Label)
        took = median(lambda: evaluate(m))
        explained = median(lambda: explain(m), 3)
        print(f"{size:6d}  {took:10.3f}  {explained:10.3f}  {took / size * 1e6:10.2f}")


def fan(size: int) -> ArgumentMap:
    """One thesis and `size` rebuttals of it (wide Kialo files; explain was quadratic)."""
    nodes = [{"id": "t", "text": "thesis"}] + [
        {"id": f"c{k}", "text": f"con {k}", "parent": "t", "relation": "rebuts", "order": k}
        for k in range(size)
    ]
    return ArgumentMap.model_validate({"nodes": nodes})


def test_evaluation_of_a_fan_of_rebuttals_scales() -> None:
    print("\nrebuttals  evaluate(s)  explain(s)")
    for size in (10_000, 100_000):
        m = fan(size)
        assert evaluate(m)["t"] is Label.OUT
        took = median(lambda: evaluate(m), 3)
        explained = median(lambda: explain(m), 3)
        print(f"{size:9d}  {took:10.3f}  {explained:10.3f}")
