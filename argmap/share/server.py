"""`argmap serve`: a Yjs websocket server for shared maps (pycrdt-websocket's rooms, over
the `websockets` library), its rooms kept in SQLite by pycrdt-store.

Every update a client sends is checked (it must decode) and committed to the room's
store before the room applies it and passes it on: what any other client has seen, the
server has on disk, and a server killed with SIGKILL loses none of it.  A message that
is not the Yjs protocol closes that client's connection with a reason; it never reaches
the room.  One log line per connection and per refusal; secrets never appear in it.
"""

from __future__ import annotations

import contextlib
import sqlite3
import sys
import time
from collections.abc import Callable
from logging import Logger, getLogger
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import anyio
from pycrdt import Doc, YMessageType, YSyncMessageType, create_awareness_message, read_message
from pycrdt.store import SQLiteYStore, YDocNotFound
from pycrdt.websocket import WebsocketServer, YRoom
from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from argmap.share.rooms import ROOM, digest, same_secret

DEFAULT_PORT = 8731
#: close codes a client shows as one line (4000-4999 are the application's own)
REFUSED, NO_ROOM, EXISTS, BAD_MESSAGE = 4403, 4404, 4409, 1007
#: the largest message accepted (a whole map's first sync included)
MAX_MESSAGE = 64 * 1024 * 1024


class Keys:
    """Room id -> the SHA-256 of its secret, in `keys.sqlite` (durable at once)."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA synchronous = FULL")
        self.db.execute("CREATE TABLE IF NOT EXISTS rooms (id TEXT PRIMARY KEY, secret TEXT)")

    def get(self, room: str) -> str | None:
        row = self.db.execute("SELECT secret FROM rooms WHERE id = ?", (room,)).fetchone()
        return None if row is None else str(row[0])

    def add(self, room: str, token: str) -> bool:
        """False when the room exists already."""
        try:
            self.db.execute("INSERT INTO rooms VALUES (?, ?)", (room, digest(token)))
        except sqlite3.IntegrityError:
            return False
        return True


def problem_of(message: bytes) -> str | None:
    """Why `message` is not one the room may take, or None."""
    if len(message) < 2:
        return "a message too short for the Yjs protocol"
    if message[0] == YMessageType.SYNC:
        if message[1] not in (0, 1, 2):
            return "an unknown sync message"
        try:
            payload = read_message(message[2:])
            if message[1] != YSyncMessageType.SYNC_STEP1:
                Doc().apply_update(payload)  # it must decode
        except Exception:
            return "an update that does not decode"
        return None
    if message[0] == YMessageType.AWARENESS:
        try:
            read_message(message[1:])
        except Exception:
            return "an awareness message that does not decode"
        return None
    return "not a message of the Yjs protocol"


class Socket:
    """A client's connection as pycrdt's Channel: each update it sends committed to
    the room's store before the room sees it; a bad message closes the connection."""

    def __init__(self, ws: ServerConnection, path: str, store: SQLiteYStore) -> None:
        self.ws = ws
        self._path = path
        self.store = store
        self.updates = 0

    @property
    def path(self) -> str:
        return self._path

    def __aiter__(self) -> Socket:
        return self

    async def __anext__(self) -> bytes:
        try:
            return await self.recv()
        except ConnectionClosed:
            raise StopAsyncIteration from None

    async def send(self, message: bytes) -> None:
        try:
            await self.ws.send(message)
        except ConnectionClosed:
            pass  # the room drops the client when its loop ends

    async def recv(self) -> bytes:
        message = await self.ws.recv()
        if isinstance(message, str):
            await self.ws.close(BAD_MESSAGE, "text frames are not the Yjs protocol")
            raise StopAsyncIteration
        problem = problem_of(message)
        if problem is not None:
            await self.ws.close(BAD_MESSAGE, problem)
            raise StopAsyncIteration
        if message[0] == YMessageType.SYNC and message[1] != YSyncMessageType.SYNC_STEP1:
            await self.store.write(read_message(message[2:]))
            self.updates += 1
        return bytes(message)


class Server:
    """The rooms of one data folder, served over websockets."""

    def __init__(self, data: Path, log: Callable[[str], None]) -> None:
        data.mkdir(parents=True, exist_ok=True)
        self.data = data
        self.say = log
        self.keys = Keys(data / "keys.sqlite")
        self.store_class = type(
            "RoomStore", (SQLiteYStore,), {"db_path": str(data / "rooms.sqlite")}
        )
        self.stores: dict[str, SQLiteYStore] = {}
        self.rooms = WebsocketServer(
            auto_clean_rooms=False, exception_handler=self._handled, log=_quiet()
        )
        self.lock = anyio.Lock()

    def _handled(self, exception: Exception, log: Logger) -> bool:
        self.say(f"a room stopped on an error: {type(exception).__name__}: {exception}")
        return True

    async def room(self, room_id: str) -> tuple[YRoom, SQLiteYStore]:
        async with self.lock:
            if room_id not in self.stores:
                store = self.store_class(path=room_id, log=_quiet())
                assert self.rooms._task_group is not None
                await self.rooms._task_group.start(store.start)
                assert store.db_initialized is not None
                await store.db_initialized.wait()
                doc: Doc[Any] = Doc()
                try:
                    await store.apply_updates(doc)
                except YDocNotFound:
                    pass
                self.rooms.rooms[room_id] = YRoom(
                    ready=True, ydoc=doc, log=_quiet(), exception_handler=self._handled
                )
                self.stores[room_id] = store
            room = self.rooms.rooms[room_id]
            await self.rooms.start_room(room)
            return room, self.stores[room_id]

    async def handle(self, ws: ServerConnection) -> None:
        address = ws.remote_address
        peer = f"{address[0]}:{address[1]}" if address else "?"
        assert ws.request is not None
        parts = urlsplit(ws.request.path)
        room_id = parts.path.strip("/")
        query = parse_qs(parts.query)
        tokens = query.get("token", [])
        token = tokens[0] if len(tokens) == 1 else ""
        short = room_id[:6] + "…"
        if not ROOM.match(room_id):
            await self._refuse(ws, peer, "?", NO_ROOM, "no room at this address")
            return
        known = self.keys.get(room_id)
        if "new" in query:
            if known is not None:
                await self._refuse(ws, peer, short, EXISTS, "the room exists already")
                return
            if len(token) < 22 or not self.keys.add(room_id, token):
                await self._refuse(ws, peer, short, REFUSED, "a new room needs a long secret")
                return
        elif known is None:
            await self._refuse(ws, peer, short, NO_ROOM, "no such room on this server")
            return
        elif not same_secret(token, known):
            await self._refuse(ws, peer, short, REFUSED, "wrong or missing room secret")
            return
        room, store = await self.room(room_id)
        self.say(f"{peer} joined room {short} ({len(room.clients) + 1} there)")
        others = [c for c, state in room.awareness.states.items() if state]
        if others:  # who is there already, before they next say so
            with contextlib.suppress(ConnectionClosed):
                update = room.awareness.encode_awareness_update(others)
                await ws.send(create_awareness_message(update))
        socket = Socket(ws, room_id, store)
        await room.serve(socket)

    async def _refuse(
        self, ws: ServerConnection, peer: str, short: str, code: int, why: str
    ) -> None:
        self.say(f"{peer} refused for room {short}: {why}")
        await ws.close(code, why)

    async def run(self, host: str, port: int, started: Callable[[int], None] | None = None) -> None:
        async with self.rooms:
            async with serve(self.handle, host, port, max_size=MAX_MESSAGE) as server:
                bound = next(iter(server.sockets)).getsockname()[1]
                if started is not None:
                    started(bound)
                await server.serve_forever()


def _quiet() -> Logger:
    log = getLogger("argmap.share.rooms")
    log.propagate = False
    return log


def log_line(text: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {text}", file=sys.stderr, flush=True)
