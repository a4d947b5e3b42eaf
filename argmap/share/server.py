"""`argmap serve`: a Yjs websocket server for shared maps (pycrdt-websocket's rooms, over
the `websockets` library), its rooms kept in SQLite by pycrdt-store.

Every update a client sends is tried on a shadow of the room's document, re-encoded,
and committed to the room's store before the room applies it and passes it on: what any
other client has seen, the server has on disk, and a server killed with SIGKILL loses
none of it.  A message that is not the Yjs protocol, or an update that does not fit the
document, closes that client's connection with a reason; it never reaches the room.  An
echo of what the room has is not stored again.  One log line per connection, refusal
and closing for a bad message; secrets never appear in it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import sys
import time
from collections.abc import Callable
from logging import Logger, getLogger
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import parse_qs, urlsplit

import anyio
from pycrdt import (
    Decoder,
    Doc,
    YMessageType,
    YSyncMessageType,
    create_awareness_message,
    get_update,
    merge_updates,
    read_message,
)
from pycrdt.store import SQLiteYStore, YDocNotFound
from pycrdt.websocket import WebsocketServer, YRoom
from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from argmap.share.channel import WebsocketChannel
from argmap.share.inbox import Inbox
from argmap.share.rooms import ROOM, digest, same_secret

DEFAULT_PORT = 8731
#: close codes a client shows as one line (4000-4999 are the application's own)
REFUSED, NO_ROOM, EXISTS, BAD_MESSAGE, BROKEN = 4403, 4404, 4409, 1007, 1011
#: the largest message accepted (a whole map's first sync included)
MAX_MESSAGE = 64 * 1024 * 1024
#: what an update that adds nothing comes to (no items, no deletions)
NOTHING_NEW = b"\x00\x00"
#: a presence message: how many people it may speak for, how long each state may be
AWARE_CLIENTS, AWARE_BYTES = 4, 16 * 1024


class RoomError(RuntimeError):
    """A room that cannot be opened: one line."""


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
    """Why `message` is not one of the Yjs protocol, or None (whether an update fits the
    room is for `Kept.admit` to tell)."""
    if len(message) < 2:
        return "a message too short for the Yjs protocol"
    if message[0] == YMessageType.SYNC:
        if message[1] not in (0, 1, 2):
            return "an unknown sync message"
        try:
            payload = read_message(message[2:])
            if message[1] == YSyncMessageType.SYNC_STEP1:
                Doc().get_update(payload)  # it must be a state vector
        except Exception:
            return "a sync message that does not decode"
        return None
    if message[0] == YMessageType.AWARENESS:
        return _awareness_problem(message)
    return "not a message of the Yjs protocol"


def _awareness_problem(message: bytes) -> str | None:
    """A presence update speaks for at most AWARE_CLIENTS people, each state JSON of an
    object (or empty: gone) of at most AWARE_BYTES."""
    try:
        decoder = Decoder(read_message(message[1:]))
        count = decoder.read_var_uint()
        if count > AWARE_CLIENTS:
            return "a presence message for too many people"
        for _ in range(count):
            decoder.read_var_uint()
            decoder.read_var_uint()
            state = decoder.read_var_string()
            if len(state) > AWARE_BYTES:
                return "a presence state too large"
            if state and not isinstance(json.loads(state), dict | None):
                return "a presence state that is not an object"
    except Exception:
        return "a presence message that does not decode"
    return None


class Kept:
    """A room as the server keeps it: its store, and a shadow of its document on which
    each update is tried first (an update that decodes alone may still not fit the
    document; stored, it would stop the room's next load at it)."""

    def __init__(self, store: SQLiteYStore, doc: Doc[Any]) -> None:
        self.store = store
        self.doc = doc  # the room's own document, once the room is made
        self.shadow: Doc[Any] = Doc()
        self.shadow.apply_update(doc.get_update())

    async def admit(self, update: bytes) -> str | None:
        """Store `update` if it fits the document; why not, if it does not."""
        try:
            normal = merge_updates(update)  # re-encoded: bytes after the update are dropped
            if get_update(normal, self.shadow.get_state()) == NOTHING_NEW:
                return None  # an echo of what the room has: stored already
            self.shadow.apply_update(normal)
        except Exception:
            shadow: Doc[Any] = Doc()  # a failed update may have left part of itself in it
            shadow.apply_update(self.doc.get_update())
            self.shadow = shadow
            return "an update that does not fit the room's document"
        await self.store.write(normal)
        return None


class Socket(WebsocketChannel):
    """A client's connection as pycrdt's Channel: each update it sends committed to
    the room's store before the room sees it; a bad message closes the connection."""

    def __init__(
        self, ws: ServerConnection, path: str, kept: Kept, say: Callable[[str], None]
    ) -> None:
        super().__init__(ws, path)
        self.kept = kept
        self.say = say

    async def send(self, message: bytes) -> None:
        try:
            await self.ws.send(message)
        except ConnectionClosed:
            pass  # the room drops the client when its loop ends

    async def recv(self) -> bytes:
        message = await self.ws.recv()
        if isinstance(message, str):
            await self._refuse("text frames are not the Yjs protocol")
        problem = problem_of(message)
        if problem is None and message[0] == YMessageType.SYNC and message[1] != 0:
            problem = await self.kept.admit(read_message(message[2:]))
        if problem is not None:
            await self._refuse(problem)
        return bytes(message)

    async def _refuse(self, why: str) -> NoReturn:
        self.say(f"{peer_of(self.ws)} closed in room {self._path[:6]}…: {why}")
        await self.ws.close(BAD_MESSAGE, why)
        raise StopAsyncIteration


def peer_of(ws: ServerConnection) -> str:
    address = ws.remote_address
    return f"{address[0]}:{address[1]}" if address else "?"


class Server:
    """The rooms of one data folder, served over websockets."""

    def __init__(self, data: Path, log: Callable[[str], None]) -> None:
        data.mkdir(parents=True, exist_ok=True)
        self.data = data
        self.say = log
        _one_line_logs(log)
        self.keys = Keys(data / "keys.sqlite")
        check_store(data / "rooms.sqlite")
        self.store_class = type(
            "RoomStore", (SQLiteYStore,), {"db_path": str(data / "rooms.sqlite")}
        )
        self.kept: dict[str, Kept] = {}
        self.rooms = WebsocketServer(
            auto_clean_rooms=False, exception_handler=self._handled, log=_quiet()
        )
        self.lock = anyio.Lock()

    def _handled(self, exception: Exception, log: Logger) -> bool:
        self.say(f"a room stopped on an error: {type(exception).__name__}: {exception}")
        return True

    async def room(self, room_id: str) -> tuple[YRoom, Kept]:
        """The room, opened from its store the first time; RoomError if it cannot be."""
        async with self.lock:
            if room_id not in self.kept:
                store, doc = await self._open(room_id)
                self.rooms.rooms[room_id] = YRoom(
                    ready=True, ydoc=doc, log=_quiet(), exception_handler=self._handled
                )
                self.kept[room_id] = Kept(store, doc)
            room = self.rooms.rooms[room_id]
            await self.rooms.start_room(room)
            return room, self.kept[room_id]

    async def _open(self, room_id: str) -> tuple[SQLiteYStore, Doc[Any]]:
        store = self.store_class(path=room_id, log=_quiet())
        assert self.rooms._task_group is not None
        doc: Doc[Any] = Doc()
        inbox = Inbox(doc)
        skipped = 0
        try:
            with anyio.fail_after(30):
                await self.rooms._task_group.start(store.start)
                assert store.db_initialized is not None
                await store.db_initialized.wait()
            async for update, _, _ in store.read():  # every update; one that fails skipped
                try:
                    inbox.receive(update)
                except Exception:
                    skipped += 1
        except YDocNotFound:
            pass
        except Exception as exc:
            raise RoomError(f"its store cannot be read ({type(exc).__name__}: {exc})") from None
        if skipped:
            self.say(f"room {room_id[:6]}…: {skipped} stored update(s) that do not fit, skipped")
        return store, doc

    async def handle(self, ws: ServerConnection) -> None:
        peer = peer_of(ws)
        assert ws.request is not None
        parts = urlsplit(ws.request.path)
        room_id = parts.path.strip("/")
        query = parse_qs(parts.query)
        tokens = query.get("token", [])
        token = tokens[0] if len(tokens) == 1 else ""
        short = room_id[:6] + "…"
        new = "new" in query
        known = self.keys.get(room_id) if ROOM.match(room_id) else None
        why = self._refusal(room_id, new, known, token)
        if why is not None:
            await self._refuse(ws, peer, short, *why)
            return
        try:
            room, kept = await self.room(room_id)
        except RoomError as exc:
            await self._refuse(ws, peer, short, BROKEN, f"the room cannot be opened: {exc}")
            return
        if new and not self.keys.add(room_id, token):  # made meanwhile by another
            await self._refuse(ws, peer, short, EXISTS, "the room exists already")
            return
        self.say(f"{peer} joined room {short} ({len(room.clients) + 1} there)")
        others = [c for c, state in room.awareness.states.items() if state]
        if others:  # who is there already, before they next say so
            with contextlib.suppress(ConnectionClosed):
                update = room.awareness.encode_awareness_update(others)
                await ws.send(create_awareness_message(update))
        await room.serve(Socket(ws, room_id, kept, self.say))

    @staticmethod
    def _refusal(room_id: str, new: bool, known: str | None, token: str) -> tuple[int, str] | None:
        if not ROOM.match(room_id):
            return NO_ROOM, "no room at this address"
        if new and known is not None:
            return EXISTS, "the room exists already"
        if new and len(token) < 22:
            return REFUSED, "a new room needs a long secret"
        if not new and known is None:
            return NO_ROOM, "no such room on this server"
        if not new and not same_secret(token, known or ""):
            return REFUSED, "wrong or missing room secret"
        return None

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


def check_store(path: Path) -> None:
    """sqlite3.DatabaseError if the rooms' store is damaged: served as it is, its
    rooms would be opened as empty ones (pycrdt-store logs and goes on)."""
    if not path.exists():
        return
    with contextlib.closing(sqlite3.connect(path)) as db:
        verdict = db.execute("PRAGMA quick_check").fetchone()
    if verdict is None or verdict[0] != "ok":
        raise sqlite3.DatabaseError(f"{path.name} is damaged: {verdict[0] if verdict else '?'}")


class _OneLine(logging.Handler):
    """The libraries' log records as one line of the server's log each, no traceback."""

    def __init__(self, say: Callable[[str], None]) -> None:
        super().__init__(logging.WARNING)
        self.say = say

    def emit(self, record: logging.LogRecord) -> None:
        error = record.exc_info[1] if record.exc_info else None
        detail = f": {type(error).__name__}: {error}" if error is not None else ""
        self.say(f"{record.name}: {record.getMessage()}{detail}"[:300])


def _one_line_logs(say: Callable[[str], None]) -> None:
    for name in ("sqlite_anyio", "pycrdt", "websockets", "argmap.share.rooms"):
        logger = logging.getLogger(name)
        logger.handlers = [_OneLine(say)]
        logger.propagate = False


def _quiet() -> Logger:
    log = getLogger("argmap.share.rooms")
    log.propagate = False
    return log


def log_line(text: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {text}", file=sys.stderr, flush=True)
