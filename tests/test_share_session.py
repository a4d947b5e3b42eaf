"""Live sessions, as the app runs them, against the real server: remote edits within
200 ms, presence, and edits on both sides while the server is down (killed with
SIGKILL), merged when it is back."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from argmap.model import ArgumentMap, Relation, ops
from argmap.share.rooms import new_room
from argmap.share.session import CONNECTED, REFUSED, Callbacks, Peer, Session
from tests.test_share_server import Served, sample


class Watched:
    """A session and what it has told: the latest map, statuses, peers."""

    def __init__(
        self, url_text: str, create_from: ArgumentMap | None = None, name: str = ""
    ) -> None:
        from argmap.share.rooms import parse_room_url

        self.lock = threading.Lock()
        self.map: ArgumentMap | None = None
        self.statuses: list[tuple[str, str]] = []
        self.peers: list[Peer] = []
        self.session = Session(
            parse_room_url(url_text),
            Callbacks(self._on_map, self._on_status, self._on_peers),
            create_from=create_from,
            name=name,
        )
        self.session.start()

    def _on_map(self, m: ArgumentMap, tag: int) -> None:
        with self.lock:
            self.map = m

    def _on_status(self, status: str, detail: str) -> None:
        with self.lock:
            self.statuses.append((status, detail))

    def _on_peers(self, peers: list[Peer]) -> None:
        with self.lock:
            self.peers = peers

    def edit(self, change: Callable[[ArgumentMap], ArgumentMap]) -> ArgumentMap:
        old = self.session.current()
        new = change(old)
        self.session.local_edit(old, new)
        return new

    def status(self) -> str:
        with self.lock:
            return self.statuses[-1][0] if self.statuses else ""


def until(check: Callable[[], bool], seconds: float = 15.0) -> float:
    start = time.monotonic()
    while not check():
        if time.monotonic() - start > seconds:
            raise AssertionError("timed out")
        time.sleep(0.005)
    return time.monotonic() - start


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    server = Served(tmp_path / "rooms")
    yield server
    server.stop()


def retitle(node: str, text: str) -> Callable[[ArgumentMap], ArgumentMap]:
    return lambda m: ops.edit_node(m, node, text=text).map


def test_a_remote_edit_arrives_within_200_ms_and_presence_is_seen(served: Served) -> None:
    url = str(new_room(served.url))
    a = Watched(url, create_from=sample(), name="Ada")
    try:
        until(lambda: a.status() == CONNECTED)
        b = Watched(url, name="Bo")
        try:
            until(lambda: b.map is not None and b.map == sample())
            claim = sample().tree.roots[0]
            sent = time.monotonic()
            a.edit(retitle(claim, "changed by Ada"))
            took = until(lambda: b.map is not None and b.map.nodes[claim].text == "changed by Ada")
            assert took < 0.2, f"{took:.3f} s"
            assert time.monotonic() - sent < 1
            a.session.select(claim)
            until(lambda: any(p.name == "Ada" and p.selected == claim for p in b.peers))
        finally:
            b.session.stop()
    finally:
        a.session.stop()


def test_edits_on_both_sides_while_the_server_is_down_merge_when_it_is_back(
    tmp_path: Path,
) -> None:
    server = Served(tmp_path / "rooms")
    url = str(new_room(server.url))
    a = Watched(url, create_from=sample(), name="Ada")
    b: Watched | None = None
    try:
        until(lambda: a.status() == CONNECTED)
        b = Watched(url, name="Bo")
        until(lambda: b is not None and b.map == sample())
        claim = sample().tree.roots[0]
        a.edit(retitle(claim, "acknowledged"))
        until(
            lambda: (
                b is not None and b.map is not None and b.map.nodes[claim].text == "acknowledged"
            )
        )
        server.kill()
        until(lambda: a.status() != CONNECTED and b is not None and b.status() != CONNECTED)
        a.edit(
            lambda m: ops.add_node(m, claim, Relation.SUPPORTS, "offline at A", node_id="off-a").map
        )
        b.edit(
            lambda m: ops.add_node(m, claim, Relation.REBUTS, "offline at B", node_id="off-b").map
        )
        server = Served(tmp_path / "rooms", server.port)
        until(lambda: a.status() == CONNECTED and b is not None and b.status() == CONNECTED, 30)

        def both_merged() -> bool:
            return all(
                w.map is not None and {"off-a", "off-b"} <= w.map.nodes.keys() for w in (a, b)
            )

        until(both_merged)
        assert a.map == b.map
        assert a.map is not None and a.map.nodes[claim].text == "acknowledged"
    finally:
        a.session.stop()
        if b is not None:
            b.session.stop()
        server.stop()


def test_a_wrong_secret_stops_the_session_with_the_reason(served: Served) -> None:
    url = str(new_room(served.url))
    a = Watched(url, create_from=sample())
    try:
        until(lambda: a.status() == CONNECTED)
        wrong = Watched(url.split("?")[0] + "?token=" + "w" * 22)
        try:
            until(lambda: wrong.status() == REFUSED)
            assert wrong.statuses[-1][1] == "the server refused: wrong or missing room secret"
        finally:
            wrong.session.stop()
    finally:
        a.session.stop()


def test_who_is_there_is_seen_on_joining_and_a_leaver_goes(served: Served) -> None:
    url = str(new_room(served.url))
    a = Watched(url, create_from=sample(), name="Ada")
    try:
        until(lambda: a.status() == CONNECTED)
        claim = sample().tree.roots[0]
        a.session.select(claim)
        time.sleep(0.3)  # said before B is there: the server tells B when B joins
        b = Watched(url, name="Bo")
        try:
            until(lambda: [(p.name, p.selected) for p in b.peers] == [("Ada", claim)], 5)
            until(lambda: [p.name for p in a.peers] == ["Bo"], 5)
            assert [(p.name, p.selected, p.colour) for p in b.peers] == [("Ada", claim, "#1f77b4")]
            a.session.stop()
            until(lambda: b.peers == [], 5)
            assert b.peers == [] and b.status() == CONNECTED  # Ada gone, Bo still in
        finally:
            b.session.stop()
    finally:
        a.session.stop()


class Proxy:
    """A TCP relay between the replicas and the server: `cut` drops every connection and
    refuses new ones (the network gone), `resume` lets them through again."""

    def __init__(self, target: int) -> None:
        self.target = target
        self.links: list[socket.socket] = []
        self.lock = threading.Lock()
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.listener: socket.socket | None = None
        self.resume()

    def resume(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            with self.lock:
                self.links += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.close()

    def cut(self) -> None:
        assert self.listener is not None
        self.listener.close()
        with self.lock:
            links, self.links = self.links, []
        for link in links:
            with contextlib.suppress(OSError):
                link.shutdown(socket.SHUT_RDWR)
            link.close()


def test_a_network_drop_keeps_both_sides_editing_and_merges_them(served: Served) -> None:
    proxy = Proxy(served.port)
    url = str(new_room(f"ws://127.0.0.1:{proxy.port}"))
    a = Watched(url, create_from=sample(), name="Ada")
    b: Watched | None = None
    try:
        until(lambda: a.status() == CONNECTED)
        b = Watched(url, name="Bo")
        until(lambda: b is not None and b.map == sample())
        claim = sample().tree.roots[0]
        proxy.cut()
        until(lambda: a.status() != CONNECTED and b is not None and b.status() != CONNECTED)
        a.edit(retitle(claim, "typed by Ada while cut off"))
        b.edit(
            lambda m: ops.add_node(m, claim, Relation.REBUTS, "Bo, cut off", node_id="cut-b").map
        )
        time.sleep(0.5)  # still cut off: the retries are refused
        proxy.resume()
        until(lambda: a.status() == CONNECTED and b is not None and b.status() == CONNECTED, 30)
        until(
            lambda: all(
                w.map is not None
                and "cut-b" in w.map.nodes
                and w.map.nodes[claim].text == "typed by Ada while cut off"
                for w in (a, b)
            )
        )
        assert a.map == b.map
        assert served.proc.poll() is None  # the server never went away
    finally:
        a.session.stop()
        if b is not None:
            b.session.stop()
        proxy.cut()


def test_nonsense_written_by_a_member_leaves_the_others_editing(served: Served) -> None:
    """A client with the URL writes garbage into the map's own fields: everyone still
    reads a valid map, and edits still go round."""
    from pycrdt import Map

    from tests.test_share_server import _synced

    url = str(new_room(served.url))
    a = Watched(url, create_from=sample(), name="Ada")
    b: Watched | None = None
    try:
        until(lambda: a.status() == CONNECTED)
        b = Watched(url, name="Bo")
        until(lambda: b is not None and b.map == sample())
        from pycrdt import create_update_message

        with _synced(url) as (ws, doc):
            before = doc.get_state()
            root = doc.get("map", type=Map)
            root["sections"] = '[{"id": {}}]'
            root["views"] = '[{"name": "v", "hidden_sections": [{}]}]'
            root["style"] = "not json"
            ws.send(create_update_message(doc.get_update(before)))
            time.sleep(0.3)
        claim = sample().tree.roots[0]
        a.edit(retitle(claim, "still editing"))
        until(
            lambda: (
                b is not None and b.map is not None and b.map.nodes[claim].text == "still editing"
            )
        )
        assert b.status() == CONNECTED and a.status() == CONNECTED
        assert b.map.nodes.keys() == sample().nodes.keys()
    finally:
        a.session.stop()
        if b is not None:
            b.session.stop()


def test_stopping_while_the_server_never_answers_is_quick() -> None:
    """A server that takes the connection and says nothing: closing the window must not
    wait for the connection's 20 s timeout."""
    import socket as sockets

    mute = sockets.socket()
    mute.bind(("127.0.0.1", 0))
    mute.listen()
    port = mute.getsockname()[1]
    try:
        session = Watched(f"ws://127.0.0.1:{port}/{'A' * 22}?token={'B' * 22}", name="Ada")
        time.sleep(0.5)  # connecting, no answer
        start = time.monotonic()
        session.session.stop()
        assert time.monotonic() - start < 2.0
    finally:
        mute.close()
