"""How long find in the map takes on big maps (issue 17, point 9): folding every node
once (what opening the find bar costs on a new map), one query as a key is typed, and
the query again after one edit (one node folded again).  Run with `make bench`; prints
the figures, asserts only what was found."""

from __future__ import annotations

import time

from argmap.model import ops
from argmap.model.search import SearchIndex
from tests.test_model_search import big_map


def test_bench_search() -> None:
    rows = []
    for count in (1000, 5000, 20000):
        m = big_map(count)
        index = SearchIndex()
        started = time.perf_counter()
        index.update(m)
        folded = time.perf_counter() - started
        started = time.perf_counter()
        found = index.find(m, "strasse 42")
        typed = time.perf_counter() - started
        edited = ops.edit_node(m, "n7", text="strasse 42 now").map
        started = time.perf_counter()
        again = index.find(edited, "strasse 42")
        after_edit = time.perf_counter() - started
        assert len(again) == len(found) + 1
        rows.append((count, folded, typed, after_edit))
    print("\nnodes  fold all (ms)  one query (ms)  query after an edit (ms)")
    for count, folded, typed, after_edit in rows:
        print(f"{count:5}  {folded * 1000:13.1f}  {typed * 1000:14.1f}  {after_edit * 1000:24.1f}")
