"""A live replica of a room for the app: its document and connection run on a thread of
their own (an event loop behind an anyio portal), so that the window never waits on the
network.

The app hands it each local edit as (map before, map after); the session writes the
difference into the document and tags it with a count.  Whenever the document changes
(a local write or a remote update) it reads the map again, at most every `COALESCE`
seconds, and calls `on_map(map, tag)` with the count of local writes it holds, so that
the app can ignore a map read before its latest edit arrived.  The connection is kept
up: a drop means "offline" and tries again with backoff; edits made meanwhile stay in
the document and merge when it is back.  A refusal (wrong secret, no room) stops it.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import anyio
from anyio.from_thread import BlockingPortal, start_blocking_portal
from pycrdt import Awareness, Doc

from argmap.model import ArgumentMap
from argmap.share.client import Link, ShareError, connected
from argmap.share.layout import EmptyRoomError, LayoutError, Reader, new_doc, write_map
from argmap.share.rooms import RoomUrl

#: seconds between two reads of the map while updates keep coming
COALESCE = 0.03
BACKOFF = (0.25, 0.5, 1.0, 2.0, 2.5)  # at most 2.5 s, as y-websocket waits
#: seconds a closing session waits for the server to agree
CLOSE = 1.0
#: seconds between two sendings of our presence (Yjs forgets a client after 30)
RENEW = 10.0
CONNECTED, CONNECTING, OFFLINE, REFUSED = "connected", "connecting", "offline", "refused"


@dataclass
class Peer:
    client: int
    name: str
    colour: str
    selected: str | None


@dataclass
class Callbacks:
    """Called on the session's thread: the app hops to its own (Qt's queued signals)."""

    on_map: Callable[[ArgumentMap, int], None]
    on_status: Callable[[str, str], None] = lambda status, detail: None
    on_peers: Callable[[list[Peer]], None] = lambda peers: None


@dataclass
class _State:
    written: int = 0
    link: Link | None = None
    stopping: bool = False
    changed: anyio.Event | None = None
    peers: list[Peer] = field(default_factory=list)


class Session:
    def __init__(
        self,
        url: RoomUrl,
        callbacks: Callbacks,
        *,
        create_from: ArgumentMap | None = None,
        name: str = "",
        colour: str = "#1f77b4",
    ) -> None:
        self.url = url
        self.callbacks = callbacks
        self.create_from = create_from
        self.me = {"name": name, "colour": colour, "selected": None}
        self.status = CONNECTING
        self._state = _State()
        self._portal_cm: Any = None
        self._portal: BlockingPortal | None = None
        self._doc: Doc[Any] | None = None
        self._reading: Reader | None = None
        self._awareness: Awareness | None = None
        self._done = threading.Event()
        self._scope: anyio.CancelScope | None = None

    # -- the app's side (any thread but the session's) --------------------------------
    def start(self) -> None:
        self._portal_cm = start_blocking_portal()
        self._portal = self._portal_cm.__enter__()
        self._portal.call(self._make_doc)
        self._portal.start_task_soon(self._run)

    def local_edit(self, old: ArgumentMap, new: ArgumentMap) -> int:
        """Write an edit of the app into the document; returns its tag."""
        assert self._portal is not None
        return int(self._portal.call(self._write, old, new))

    def select(self, node_id: str | None) -> None:
        """Tell the others which node is selected here."""
        if self._portal is not None:
            self._portal.start_task_soon(self._presence, {"selected": node_id})

    def current(self) -> ArgumentMap:
        assert self._portal is not None
        return self._portal.call(self._read)

    def stop(self) -> None:
        """Close the connection and the thread (edits not yet sent stay unsent)."""
        if self._portal is None:
            return
        self._state.stopping = True
        with contextlib.suppress(Exception):
            self._portal.call(self._close)
        self._done.wait(5)
        with contextlib.suppress(Exception):
            self._portal_cm.__exit__(None, None, None)
        self._portal = None

    # -- the session's thread ---------------------------------------------------------
    def _make_doc(self) -> None:
        doc: Doc[Any] = new_doc(self.create_from) if self.create_from is not None else Doc()
        self._doc = doc
        self._reading = Reader(doc)  # a node read again only when a change touched it
        self._awareness = Awareness(doc)
        self._awareness.set_local_state(dict(self.me))
        self._awareness.observe(self._on_awareness)
        self._state.changed = anyio.Event()
        doc.observe(lambda event: self._changed())

    def _changed(self) -> None:
        assert self._state.changed is not None
        self._state.changed.set()

    def _write(self, old: ArgumentMap, new: ArgumentMap) -> int:
        assert self._doc is not None
        write_map(self._doc, old, new, origin="local")
        self._state.written += 1
        return self._state.written

    def _read(self) -> ArgumentMap:
        assert self._reading is not None
        return self._reading.read()

    async def _presence(self, fields: dict[str, Any]) -> None:
        assert self._awareness is not None
        self.me.update(fields)
        self._awareness.set_local_state(dict(self.me))
        link = self._state.link
        if link is not None:
            with contextlib.suppress(Exception):
                await link.channel.send_awareness()

    def _on_awareness(self, topic: str, changes: tuple[dict[str, Any], Any]) -> None:
        if topic != "change" or self._awareness is None:
            return
        peers = []
        for client, state in sorted(self._awareness.states.items()):
            if client == self._awareness.client_id or not isinstance(state, dict):
                continue
            if "name" not in state:  # the server's own (empty) state, not a person
                continue
            selected = state.get("selected")
            peers.append(
                Peer(
                    client,
                    str(state.get("name") or "someone")[:40],
                    _colour(state.get("colour")),
                    selected if isinstance(selected, str) else None,
                )
            )
        self._state.peers = peers
        self.callbacks.on_peers(peers)

    async def _close(self) -> None:
        """Our presence withdrawn and the connection closed (at most CLOSE seconds);
        a connection still being made is given up at once."""
        link = self._state.link
        if link is None:
            if self._scope is not None:
                self._scope.cancel()
            return
        with anyio.move_on_after(CLOSE):
            assert self._awareness is not None
            self._awareness.set_local_state(None)  # gone: the others stop showing us
            with contextlib.suppress(Exception):
                await link.channel.send_awareness()
            await link.channel.ws.close()
        if self._scope is not None:
            self._scope.cancel()

    def _forget_peers(self) -> None:
        """Offline: nobody is known to be there."""
        if self._awareness is None:
            return
        others = [c for c in self._awareness.states if c != self._awareness.client_id]
        if others:
            self._awareness.remove_awareness_states(others, "offline")

    def _set_status(self, status: str, detail: str = "") -> None:
        self.status = status
        self.callbacks.on_status(status, detail)

    async def _run(self) -> None:
        try:
            async with anyio.create_task_group() as tg:
                self._scope = tg.cancel_scope
                tg.start_soon(self._reader)
                assert self._awareness is not None
                await tg.start(self._awareness.start)  # others not heard from in 30 s go
                tg.start_soon(self._renew_presence)
                await self._keep_connected()
                tg.cancel_scope.cancel()
        finally:
            self._done.set()

    async def _renew_presence(self) -> None:
        """Our presence sent again every RENEW seconds: the others keep showing us."""
        while True:
            await anyio.sleep(RENEW)
            link = self._state.link
            if link is not None and self._awareness is not None:
                self._awareness.set_local_state(dict(self.me))
                with contextlib.suppress(Exception):
                    await link.channel.send_awareness()

    async def _reader(self) -> None:
        """The map read again after changes, at most every COALESCE seconds."""
        while True:
            assert self._state.changed is not None
            await self._state.changed.wait()
            self._state.changed = anyio.Event()
            try:
                m = self._read()
            except EmptyRoomError:
                continue  # nothing to show until the room's map has come
            except LayoutError as exc:
                self._set_status(REFUSED, str(exc))
                return
            except Exception as exc:  # never a silent stop: the app says so
                self._set_status(REFUSED, f"the shared map cannot be read ({exc})")
                return
            self.callbacks.on_map(m, self._state.written)
            await anyio.sleep(COALESCE)

    async def _keep_connected(self) -> None:
        assert self._doc is not None and self._awareness is not None
        create = self.create_from is not None
        tries = 0
        while not self._state.stopping:
            self._set_status(CONNECTING if tries == 0 else OFFLINE, "")
            try:
                async with connected(self.url, self._doc, create, self._awareness) as link:
                    create, tries = False, 0
                    self._state.link = link
                    self._set_status(CONNECTED)
                    self._changed()
                    await link.closed()
            except ShareError as exc:
                if exc.refused:
                    self._set_status(REFUSED, str(exc))
                    return
                if self.status == CONNECTED or tries == 0:
                    self._set_status(OFFLINE, str(exc))
            finally:
                self._state.link = None
                self._forget_peers()
            if self._state.stopping:
                return
            self._set_status(OFFLINE, "reconnecting")
            await anyio.sleep(BACKOFF[min(tries, len(BACKOFF) - 1)])
            tries += 1


def _colour(value: object) -> str:
    if isinstance(value, str) and len(value) == 7 and value.startswith("#"):
        try:
            int(value[1:], 16)
        except ValueError:
            return "#888888"
        return value
    return "#888888"
