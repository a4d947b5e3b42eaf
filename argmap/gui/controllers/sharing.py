"""File ▸ Share Map… and File ▸ Join Shared Map…: the window's map kept live with a room
of `argmap serve` (argmap/share/session.py runs the connection on its own thread).

Local edits reach the room through `Document.local_listener`; the room's map comes back
through queued signals and is shown with `Document.apply_remote`, which leaves the undo
history to this window's own edits.  A map read before this window's latest edit reached
the room is skipped (the next one has both).  Who else is there, and which node each has
selected, goes to the diagram and the outline as `peers_changed`.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication

from argmap.gui.common.settings import AppSettings
from argmap.gui.controllers.prompter import Prompter
from argmap.gui.document.selection import Selection
from argmap.gui.document.wrapper import Document
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap.share.session import Peer, Session

#: the colours others are drawn in, one chosen by each person's name
COLOURS = ("#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#e377c2", "#8c564b")
DEFAULT_SERVER = "ws://127.0.0.1:8731"
#: Peers by the node each has selected: node id -> [(name, colour)]
Marks = dict[str, list[tuple[str, str]]]


def colour_for(name: str) -> str:
    digest = hashlib.sha256(name.encode("utf-8", "replace")).digest()
    return COLOURS[digest[0] % len(COLOURS)]


class SharingController(QObject):
    status = Signal(str)  # the status bar's words; "" when the map is not shared
    peers_changed = Signal(object)  # Marks
    message = Signal(str)
    _map_arrived = Signal(object, int)
    _status_arrived = Signal(str, str)
    _peers_arrived = Signal(object)

    def __init__(
        self,
        document: Document,
        selection: Selection,
        prompter: Prompter,
        settings: AppSettings,
        may_leave: Callable[[], bool] = lambda: True,
    ) -> None:
        super().__init__(document)
        self.document = document
        self.selection = selection
        self.prompter = prompter
        self.settings = settings
        self.may_leave = may_leave
        self.session: Session | None = None
        self.sent = 0
        self._awaiting_first = False
        self._replacing = False
        self._creating: str | None = None  # a room being made: its URL, not yet given out
        self._placeholder: ArgumentMap | None = None
        self.peers: list[Peer] = []
        self._map_arrived.connect(self._on_map)
        self._status_arrived.connect(self._on_status)
        self._peers_arrived.connect(self._on_peers)
        selection.current_changed.connect(self._on_selected)
        document.reset.connect(self._on_reset)

    # -- commands ---------------------------------------------------------------------
    def share(self) -> None:
        from argmap.share.rooms import RoomUrlError, new_room, server_address

        if self.session is not None and self._creating is None:
            self._to_clipboard(str(self.session.url))  # shared already: the same room
            self.message.emit("Already shared: the room's URL is on the clipboard again")
            return
        asked = self.prompter.ask_text(
            "Share Map",
            "Server (run 'argmap serve' there):",
            self.settings.text("share/server", DEFAULT_SERVER),
        )
        if not asked:
            return
        try:
            server = server_address(asked)
        except RoomUrlError as exc:
            self.message.emit(f"Not shared: {exc}")
            return
        self.settings.set("share/server", server)
        url = new_room(server)
        self._start(url, self.document.map)
        self._creating = str(url)  # the URL is given out once the room is made
        self.message.emit(f"Sharing: making a room on {server}…")

    def join(self, text: str | None = None) -> None:
        from argmap.share.rooms import RoomUrlError, parse_room_url

        if text is None:
            clipboard = QGuiApplication.clipboard()
            offered = clipboard.text().strip() if clipboard is not None else ""
            text = self.prompter.ask_text(
                "Join Shared Map",
                "The room's URL (ws://…?token=…):",
                offered if offered.startswith(("ws://", "wss://")) else "",
            )
            if not text:
                return
        try:
            url = parse_room_url(text)
        except RoomUrlError as exc:
            self.message.emit(f"Not joined: {exc}")
            return
        if self.session is None and not self.may_leave():  # a shared map's edits are kept
            return
        self._start(url, None)
        # until the room's map comes, the window shows an empty one: what is added to it
        # meanwhile goes into the room with the rest, nothing is lost or asked about
        self._replacing = True
        try:
            self.document.replace(ArgumentMap(title="Joining the shared map…"), None)
        finally:
            self._replacing = False
        self._placeholder = self.document.map
        self.document.local_listener = self._local

    def _to_clipboard(self, text: str) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(text)

    def stop(self) -> None:
        session, self.session = self.session, None
        self.document.local_listener = None
        self.document.id_tag = ""
        if session is not None:
            session.stop()
            self.peers = []
            self.peers_changed.emit({})
            self.status.emit("")

    def is_shared(self) -> bool:
        return self.session is not None

    # -- the session ------------------------------------------------------------------
    def _name(self) -> str:
        name = self.settings.text("share/name", "")
        if not name:
            asked = self.prompter.ask_text(
                "Your Name", "The name others see beside your edits:", ""
            )
            name = " ".join((asked or "").split())[:40] or "someone"
            self.settings.set("share/name", name)
        return name

    def _start(self, url: object, create_from: ArgumentMap | None) -> None:
        from argmap.share.rooms import RoomUrl
        from argmap.share.session import Callbacks, Session

        assert isinstance(url, RoomUrl)
        self.stop()
        name = self._name()
        self.sent = 0
        self._awaiting_first = create_from is None
        session = Session(
            url,
            Callbacks(
                lambda m, tag: self._map_arrived.emit(m, tag),
                lambda status, detail: self._status_arrived.emit(status, detail),
                lambda peers: self._peers_arrived.emit(peers),
            ),
            create_from=create_from,
            name=name,
            colour=colour_for(name),
        )
        self.session = session
        self.document.id_tag = "-" + secrets.token_hex(3)  # the ids this window makes
        if create_from is not None:
            self.document.local_listener = self._local
        self.status.emit("Shared · connecting…")
        session.start()
        session.select(self.selection.current)

    def _local(self, old: ArgumentMap, new: ArgumentMap) -> None:
        if self.session is not None:
            self.sent = self.session.local_edit(old, new)

    def _on_map(self, m: ArgumentMap, tag: int) -> None:
        if self.session is None:
            return
        if self._awaiting_first:
            self._awaiting_first = False
            self.document.apply_remote(m)  # over the placeholder (and what was added to it)
            self.document.undo_stack.clear()
            self.settings.add_recent_shared(self._label(m), str(self.session.url))
            return
        if tag == self.sent:  # else an edit of ours is still on its way in
            self.document.apply_remote(m)

    def _on_status(self, status: str, detail: str) -> None:
        if self.session is None:
            return
        if self._creating is not None and status == "connected":
            url, self._creating = self._creating, None
            self._to_clipboard(url)
            self.settings.add_recent_shared(self._label(self.document.map), url)
            self.message.emit("Shared: the room's URL is on the clipboard; send it to who may edit")
        elif self._creating is not None and status in ("offline", "refused") and detail:
            self._creating = None
            self.stop()
            hint = " (start one there with 'argmap serve')" if "cannot reach" in detail else ""
            self.message.emit(f"Not shared: {detail}{hint}")
            return
        others = len(self.peers)
        words = {
            "connected": "Shared · connected"
            + (f" · {others} other{'s' * (others != 1)} here" if others else ""),
            "connecting": "Shared · connecting…",
            "offline": "Shared · offline, reconnecting…",
            "refused": f"Shared · {detail}",
        }
        self.status.emit(words.get(status, f"Shared · {status}"))
        if status == "refused":
            self.message.emit(detail)

    def _on_peers(self, peers: list[Peer]) -> None:
        if self.session is None:
            return
        self.peers = peers
        marks: Marks = {}
        for peer in peers:
            if peer.selected is not None:
                marks.setdefault(peer.selected, []).append((peer.name, peer.colour))
        self.peers_changed.emit(marks)
        self._on_status(self.session.status, "")

    def _on_selected(self, node_id: object) -> None:
        if self.session is not None:
            self.session.select(node_id if isinstance(node_id, str) else None)

    def _on_reset(self) -> None:
        if not self._replacing and self.session is not None:
            self.stop()  # another map was opened: this window leaves the room

    def _label(self, m: ArgumentMap) -> str:
        """How Open Recent names a shared map: its title and its room's first characters."""
        assert self.session is not None
        return f"{m.title or 'Untitled'} (room {self.session.url.short})"
