"""A replica connected to a room: pycrdt's Provider over a `websockets` connection.

`share_map` makes a room of a map; `pull_map` reads a room's map.  A refusal or a lost
connection is a ShareError with one line that says why.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import anyio
from pycrdt import (
    Awareness,
    Doc,
    Provider,
    YMessageType,
    create_awareness_message,
    create_sync_message,
    create_update_message,
    read_message,
)
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from argmap.model import ArgumentMap
from argmap.share.channel import WebsocketChannel
from argmap.share.layout import EmptyRoomError, new_doc, read_map
from argmap.share.rooms import RoomUrl, new_room

#: seconds to connect and to sync before giving up
TIMEOUT = 20.0
MAX_MESSAGE = 64 * 1024 * 1024
#: seconds a closing connection waits for the server to agree (a window closes at once)
CLOSE_TIMEOUT = 1.0


class ShareError(RuntimeError):
    """The room could not be reached or refused: one line.  `code` is the server's
    close code when it refused (4403 wrong secret, 4404 no room, 4409 exists)."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code

    @property
    def refused(self) -> bool:
        """True when trying again would be refused again."""
        return self.code is not None and 4000 <= self.code < 5000


class Channel(WebsocketChannel):
    """A client connection as pycrdt's Channel; awareness messages, which pycrdt's
    Provider does not read, go to `awareness` (a bad one is dropped)."""

    def __init__(self, ws: ClientConnection, path: str, awareness: Awareness | None) -> None:
        super().__init__(ws, path)
        self.awareness = awareness

    async def recv(self) -> bytes:
        while True:
            data = await super().recv()
            if data[:1] != bytes([YMessageType.AWARENESS]):
                return data
            if self.awareness is not None:
                try:
                    self.awareness.apply_awareness_update(read_message(data[1:]), "remote")
                except Exception:  # another client's bad presence is not ours to fail on
                    pass

    async def send_awareness(self) -> None:
        if self.awareness is not None:
            update = self.awareness.encode_awareness_update([self.awareness.client_id])
            await self.ws.send(create_awareness_message(update))


class LocalProvider(Provider):
    """pycrdt's Provider, sending only the document's own edits.  It sends every
    transaction, so a replica sent back each update it had received and the server
    stored it again.  An update received (a transaction with no origin: `write_map`
    gives its own one) is noted as it is applied, and `_send_updates` (pycrdt 0.14's,
    with that test added) skips it."""

    def __init__(self, doc: Doc[Any], channel: Channel) -> None:
        super().__init__(doc, channel)
        self._received: list[bytes] = []
        self._noting = doc.observe(self._note)

    def _note(self, event: Any) -> None:
        if event.transaction.origin() is None:
            self._received.append(event.update)

    async def _send_updates(self) -> None:
        assert self._events is not None
        async with self._events as events:
            try:
                await self._channel.send(create_sync_message(self._doc))
                async for event in events:
                    if event.update in self._received:
                        self._received.remove(event.update)
                        continue
                    await self._channel.send(create_update_message(event.update))
            finally:
                events.unsubscribe()
                self._doc.unobserve(self._noting)


@dataclass
class Link:
    """An open connection to a room: the provider syncing the document, the channel."""

    provider: Provider
    channel: Channel

    async def closed(self) -> None:
        await self.channel.ws.wait_closed()


def _first(group: BaseExceptionGroup[ConnectionClosed]) -> ConnectionClosed:
    inner = group.exceptions[0]
    return inner if isinstance(inner, ConnectionClosed) else _first(inner)


def _leaves(group: BaseExceptionGroup[BaseException]) -> list[BaseException]:
    out: list[BaseException] = []
    for inner in group.exceptions:
        out.extend(_leaves(inner) if isinstance(inner, BaseExceptionGroup) else [inner])
    return out


def closed_error(exc: ConnectionClosed) -> ShareError:
    frame = exc.rcvd
    if frame is not None and frame.reason:
        return ShareError(f"the server refused: {frame.reason}", frame.code)
    return ShareError("the server closed the connection")


@asynccontextmanager
async def connected(
    url: RoomUrl, doc: Doc[Any], new: bool = False, awareness: Awareness | None = None
) -> AsyncIterator[Link]:
    """`doc` kept in sync with the room while inside; synced when it is entered."""
    address = str(url) + ("&new=1" if new else "")
    try:
        with anyio.fail_after(TIMEOUT):
            ws = await connect(
                address, max_size=MAX_MESSAGE, open_timeout=TIMEOUT, close_timeout=CLOSE_TIMEOUT
            )
    except (OSError, InvalidHandshake, InvalidURI, TimeoutError) as exc:
        why = str(exc) or f"no answer in {TIMEOUT:.0f} s"
        raise ShareError(f"cannot reach {url.server}: {why}") from None
    try:
        async with ws:
            channel = Channel(ws, url.room, awareness)
            provider = LocalProvider(doc, channel)
            async with provider:
                await _synced(provider, ws)
                await channel.send_awareness()
                yield Link(provider, channel)
    except ConnectionClosed as exc:
        raise closed_error(exc) from None
    except ExceptionGroup as group:  # the provider's tasks saw the connection close
        shared = group.subgroup(ShareError)
        if shared is not None:
            raise shared.exceptions[0] from None
        closed = group.subgroup(ConnectionClosed)
        if closed is not None:
            raise closed_error(_first(closed)) from None
        leaves = _leaves(group)
        if len(leaves) == 1 and isinstance(leaves[0], Exception):
            raise leaves[0] from None  # what the body raised, as it raised it
        raise


async def _synced(provider: Provider, ws: ClientConnection) -> None:
    with anyio.move_on_after(TIMEOUT) as scope:
        async with anyio.create_task_group() as tg:

            async def closed() -> None:
                await ws.wait_closed()
                tg.cancel_scope.cancel()

            tg.start_soon(closed)
            await provider.synced.wait()
            tg.cancel_scope.cancel()
    if ws.close_code is not None:
        reason = ws.close_reason or "the server closed the connection"
        raise ShareError(f"the server refused: {reason}", ws.close_code)
    if scope.cancelled_caught:
        raise ShareError("the room did not answer in time")


async def share_map(m: ArgumentMap, server: str) -> RoomUrl:
    """A new room holding `m`; returns once another connection reads `m` back from it
    (so the server has stored it)."""
    url = new_room(server)
    doc = new_doc(m)
    async with connected(url, doc, new=True):
        for _ in range(int(TIMEOUT * 10)):
            try:
                if await pull_map(url) == read_map(doc):
                    return url
            except EmptyRoomError:
                pass  # not there yet
            await anyio.sleep(0.1)
    raise ShareError("the server did not keep the map")


async def pull_map(url: RoomUrl) -> ArgumentMap:
    """The room's map as the server has it (EmptyRoomError if it holds none)."""
    doc: Doc[Any] = Doc()
    async with connected(url, doc):
        pass
    return read_map(doc)
