"""A websocket connection as pycrdt's Channel (client and server alike): `path`, async
iteration over received messages ending when the connection closes, and `send`."""

from __future__ import annotations

from typing import Any

from websockets.exceptions import ConnectionClosed


class WebsocketChannel:
    def __init__(self, ws: Any, path: str) -> None:
        self.ws = ws
        self._path = path

    @property
    def path(self) -> str:
        return self._path

    def __aiter__(self) -> WebsocketChannel:
        return self

    async def __anext__(self) -> bytes:
        try:
            return await self.recv()
        except ConnectionClosed:
            raise StopAsyncIteration from None

    async def send(self, message: bytes) -> None:
        await self.ws.send(message)

    async def recv(self) -> bytes:
        message = await self.ws.recv()
        return message if isinstance(message, bytes) else message.encode()
