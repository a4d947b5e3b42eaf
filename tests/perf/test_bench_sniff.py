"""Telling a big .json by content when its tag comes last: the time at 1x, 2x, 4x
and 8x (run with `make bench`).  Each size is a native map with "nodes" first and
"format" last, and an AIF file of the same nodes; the scan reads the whole file."""

from __future__ import annotations

import json
import time
from pathlib import Path

from argmap.formats.sniff import content_format

MIB = 1 << 20


def _native(count: int) -> bytes:
    nodes = [
        {
            "id": f"n{i}",
            "text": f"reason {i} with some words of text",
            "parent": "n0" if i else None,
            "relation": "supports" if i else None,
            "order": i,
            "tags": ["a", "b"],
            "spans": [{"start": 1, "end": 5, "quote": "abc"}],
            "meta": {"k": {"x": [1, 2]}},
        }
        for i in range(count)
    ]
    return json.dumps({"nodes": nodes, "links": [], "format": "argmap", "version": 1}).encode()


def _aif(count: int) -> bytes:
    nodes = [{"nodeID": str(i), "text": f"claim {i} text", "type": "I"} for i in range(count)]
    edges = [{"edgeID": str(i), "fromID": str(i), "toID": "0"} for i in range(count)]
    return json.dumps({"nodes": nodes, "edges": edges, "locutions": []}).encode()


def test_telling_a_big_json_is_linear(tmp_path: Path) -> None:
    print("\nformat   MiB   seconds  ratio per doubling")
    for kind, make, base in (("argmap", _native, 25_000), ("aif", _aif, 60_000)):
        previous = None
        for factor in (1, 2, 4, 8):
            path = tmp_path / f"{kind}-{factor}.json"
            path.write_bytes(make(base * factor))
            start = time.perf_counter()
            assert content_format(path) == kind
            took = time.perf_counter() - start
            ratio = f"{took / previous:6.2f}" if previous else "     -"
            print(f"{kind:7s} {path.stat().st_size / MIB:5.0f}  {took:8.2f}  {ratio}")
            previous = took
            path.unlink()
