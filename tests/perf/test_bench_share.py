"""`make bench`: two live replicas making 1,000 edits each through `argmap serve` on
loopback: the time until both hold every edit, and how long one person's edit takes to
show on the other's replica (median and 99th percentile).  Nothing here asserts a time.

Each replica retypes a node of its own (A the first claim, B the second), its text
carrying the edit's number; the other side's map callbacks (coalesced every 30 ms, as
in the app) date the arrival of every number up to the one they see.
"""

from __future__ import annotations

import statistics
import threading
import time
from pathlib import Path

from argmap.model import ArgumentMap, ops
from argmap.share.layout import EmptyRoomError
from argmap.share.rooms import new_room, parse_room_url
from argmap.share.session import CONNECTED, Callbacks, Session
from tests.test_share_server import Served, sample

EDITS = 1000


class Side:
    def __init__(self, url: str, mine: str, theirs: str, create: ArgumentMap | None) -> None:
        self.mine, self.theirs = mine, theirs
        self.sent: dict[int, float] = {}
        self.arrived: dict[int, float] = {}
        self.status = ""
        self.lock = threading.Lock()
        self.session = Session(
            parse_room_url(url),
            Callbacks(self._on_map, self._on_status),
            create_from=create,
            name=mine,
        )

    def _on_status(self, status: str, detail: str) -> None:
        self.status = status

    def _on_map(self, m: ArgumentMap, tag: int) -> None:
        node = m.nodes.get(self.theirs)
        if node is None or not node.text.startswith("edit "):
            return
        seen = int(node.text.split()[1])
        now = time.perf_counter()
        with self.lock:
            for k in range(seen + 1):
                self.arrived.setdefault(k, now)

    def run(self, pause: float, edits: int = EDITS) -> None:
        m = self.session.current()
        for k in range(edits):
            new = ops.edit_node(m, self.mine, text=f"edit {k} by {self.mine}").map
            self.sent[k] = time.perf_counter()
            self.session.local_edit(m, new)
            m = new
            if pause:
                time.sleep(pause)


def _current(session: Session) -> ArgumentMap | None:
    try:
        return session.current()
    except EmptyRoomError:  # the room's map not here yet
        return None


def one_run(
    served: Served, pause: float, base: ArgumentMap | None = None, edits: int = EDITS
) -> tuple[float, list[float]]:
    base = base or sample()
    first, second = list(base.tree.walk())[:2]
    url = str(new_room(served.url))
    a = Side(url, first, second, base)
    a.session.start()
    while a.status != CONNECTED:
        time.sleep(0.01)
    b = Side(url, second, first, None)
    b.session.start()
    while b.status != CONNECTED or _current(b.session) != base:
        time.sleep(0.01)
    try:
        start = time.perf_counter()
        threads = [threading.Thread(target=side.run, args=(pause, edits)) for side in (a, b)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        while len(a.arrived) < edits or len(b.arrived) < edits:
            time.sleep(0.005)
        converged = time.perf_counter() - start
        assert a.session.current() == b.session.current()
        latencies = [
            side.arrived[k] - other.sent[k]
            for side, other in ((a, b), (b, a))
            for k in range(edits)
        ]
        return converged, latencies
    finally:
        a.session.stop()
        b.session.stop()


def test_two_replicas_making_1000_edits_each(tmp_path: Path) -> None:
    served = Served(tmp_path / "rooms")
    try:
        print(f"\n\nTwo replicas, {EDITS} edits each, through argmap serve on loopback")
        print(f"{'pace':24} {'converged (s)':>14} {'median (ms)':>12} {'p99 (ms)':>10}")
        runs = [
            ("as fast as they can", 0.0, None, EDITS),
            ("one edit per 10 ms each", 0.01, None, EDITS),
            ("5,000 nodes, 1 per 200 ms", 0.2, big_map(5000), 50),
        ]
        for name, pause, base, edits in runs:
            converged, latencies = one_run(served, pause, base, edits)
            assert len(latencies) == 2 * edits and min(latencies) >= 0  # each edit arrived
            cut = statistics.quantiles(latencies, n=100)
            median = statistics.median(latencies)
            print(f"{name:24} {converged:14.2f} {median * 1000:12.1f} {cut[98] * 1000:10.1f}")
    finally:
        served.stop()


def big_map(size: int) -> ArgumentMap:
    """A claim and `size - 1` reasons, ten under the claim and the rest below them."""
    from argmap.model import Node, Relation

    nodes = {"r": Node(id="r", text="the claim")}
    for k in range(size - 1):
        parent = "r" if k < 10 else f"n{(k * 7) % k}"
        nodes[f"n{k}"] = Node(
            id=f"n{k}", text=f"reason {k}, in a few words", parent=parent,
            relation=Relation.SUPPORTS, order=k,
        )  # fmt: skip
    return ArgumentMap().evolve(nodes=nodes)


def test_reading_a_big_shared_map_after_one_edit() -> None:
    """What each change costs a replica of a big map: reading it whole (`read_map`)
    against reading only the nodes the change touched (`Reader`, as the session does)."""
    from argmap.share.layout import Reader, new_doc, read_map, write_map

    print(f"\n\n{'nodes':>6} {'read_map (s)':>13} {'Reader after an edit (s)':>25}")
    for size in (1000, 5000):
        m = big_map(size)
        doc = new_doc(m)
        reader = Reader(doc)
        reader.read()
        whole, touched = [], []
        for k in range(5):
            current = read_map(doc)
            write_map(doc, current, ops.edit_node(current, "n5", text=f"edit {k}").map)
            start = time.perf_counter()
            read_map(doc)
            whole.append(time.perf_counter() - start)
            start = time.perf_counter()
            kept = reader.read()
            touched.append(time.perf_counter() - start)
            assert kept == read_map(doc) and kept.nodes["n5"].text == f"edit {k}"
        print(f"{size:6d} {statistics.median(whole):13.3f} {statistics.median(touched):25.3f}")
