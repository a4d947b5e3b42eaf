"""Room URLs and their secrets.

A room is ``ws://HOST:PORT/ROOM?token=SECRET``: ROOM and SECRET are 128 random bits
each (22 URL-safe characters).  The server keeps a secret's SHA-256, never the secret,
compares in constant time, and never logs either: a log names a room by its first six
characters.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

ROOM = re.compile(r"^[A-Za-z0-9_-]{22,64}$")
SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
#: the most characters of a room URL argmap reads
MAX_URL = 2048


class RoomUrlError(ValueError):
    """Not the URL of a room."""


@dataclass(frozen=True)
class RoomUrl:
    server: str  # ws://host:port
    room: str
    token: str

    def __str__(self) -> str:
        return f"{self.server}/{self.room}?token={self.token}"

    @property
    def short(self) -> str:
        """How logs and messages name the room: never its secret."""
        return self.room[:6] + "…"


def new_room(server: str) -> RoomUrl:
    return RoomUrl(server_address(server), secrets.token_urlsafe(16), secrets.token_urlsafe(16))


def server_address(text: str) -> str:
    """`ws://host:port` (or wss://) from what a user typed, without a trailing slash."""
    text = text.strip()
    if len(text) > MAX_URL:
        raise RoomUrlError("the server address is too long")
    if "://" not in text:
        text = "ws://" + text
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises for a port that is not a number
    except ValueError as exc:
        raise RoomUrlError(f"not a server address: {shown(text)} ({exc})") from None
    if parts.scheme not in ("ws", "wss") or not parts.hostname:
        raise RoomUrlError(f"not a server address: {shown(text)} (expected ws://HOST:PORT)")
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise RoomUrlError(f"a server address is ws://HOST:PORT, without a path: {shown(text)}")
    return f"{parts.scheme}://{parts.netloc}"


def parse_room_url(text: str) -> RoomUrl:
    """A room URL as a user pasted it; RoomUrlError with a one-line reason otherwise."""
    text = text.strip()
    if len(text) > MAX_URL:
        raise RoomUrlError("the room URL is too long")
    try:
        parts = urlsplit(text)
        query = parse_qs(parts.query)
    except ValueError as exc:
        raise RoomUrlError(f"not a room URL ({exc})") from None  # never the secret in it
    if parts.scheme not in ("ws", "wss") or not parts.hostname:
        raise RoomUrlError("not a room URL: it starts ws:// or wss://")
    room = parts.path.strip("/")
    if not ROOM.match(room):
        raise RoomUrlError("not a room URL: no room id after the server address")
    tokens = query.get("token", [])
    if not tokens or not tokens[0]:
        raise RoomUrlError("the room URL has no secret (?token=…)")
    if len(tokens) > 1:
        raise RoomUrlError("the room URL has two secrets (token=… twice)")
    if not SECRET.match(tokens[0]):
        raise RoomUrlError("the room's secret has characters a room URL never has")
    return RoomUrl(server_address(f"{parts.scheme}://{parts.netloc}"), room, tokens[0])


def shown(text: str) -> str:
    """A user's text in a message: one line, at most 80 characters."""
    from argmap.model.validation import shown as one_line

    return one_line(text, 80)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def same_secret(token: str, stored_digest: str) -> bool:
    """Constant-time comparison of a given secret with the one a room keeps."""
    return hmac.compare_digest(digest(token), stored_digest)
