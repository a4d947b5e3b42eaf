"""Cut, copy and paste of subtrees through the system clipboard, within a map and between
maps (argmap windows, or any program that takes text).

Copy puts two forms on the clipboard: argmap's fragment (formats/fragment.py, under its
own mime type), which another argmap pastes whole, and a plain-text outline for every
other program.  Paste takes the fragment if it is there, else the text, read as Argdown,
an outline or one node.  Each paste and each cut is one undo step.

While a text field has focus (the outline's editor, the inspector's fields, the source
text), the commands act on its text, not on nodes: Qt gives it the keys, and a command
chosen from a menu is handed on to it here.  A read-only text (the source) can be copied
from but takes no cut or paste, so those act on the nodes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QMetaObject, QMimeData, QObject, Signal
from PySide6.QtGui import QGuiApplication

from argmap.formats import native
from argmap.formats.fragment import (
    MAX_JSON_CHARS,
    MIME,
    Pasted,
    PasteError,
    fragment_json,
    outline_text,
    read_fragment,
    read_pasted_text,
)
from argmap.gui.document.selection import Selection
from argmap.gui.document.wrapper import Document
from argmap.model import EditError, Relation, batch
from argmap.model.fragment import Fragment, PasteResult, fragment_of, paste

#: the widgets whose text the clipboard commands act on while they have focus
TEXT_FIELDS = ("QLineEdit", "QTextEdit", "QPlainTextEdit")


def _nodes(count: int) -> str:
    return "1 node" if count == 1 else f"{count:,} nodes"


def _told(what: str, notes: Sequence[str]) -> str:
    return "; ".join((what, *notes))


class ClipboardController(QObject):
    #: what was copied or pasted (and what was left out), for the status bar
    message = Signal(str)

    def __init__(self, document: Document, selection: Selection) -> None:
        super().__init__(document)
        self.document = document
        self.selection = selection

    def _selected(self, doing: str) -> list[str]:
        """The nodes to act on: every selected one, in the outline's order."""
        if self.selection.current is None:
            self.document.error.emit(f"Select the node to {doing}")
            return []
        return list(self.selection.selected)

    @staticmethod
    def text_field_took(slot: str) -> bool:
        """Hand `slot` ("cut", "copy", "paste") to the text field with focus, if one has it
        and can take it; True when it did."""
        focus = QGuiApplication.focusObject()
        if focus is None or not any(focus.inherits(name) for name in TEXT_FIELDS):
            return False
        if slot != "copy" and focus.property("readOnly"):
            return False
        QMetaObject.invokeMethod(focus, slot)
        return True

    # -- copy and cut --------------------------------------------------------------------
    def copy(self) -> None:
        if not self.text_field_took("copy"):
            self.copy_nodes(self._selected("copy"))

    def copy_nodes(self, node_ids: Sequence[str]) -> Fragment | None:
        """Put the subtrees of `node_ids` on the clipboard; the fragment, or None (and why,
        on `document.error`)."""
        if not node_ids:
            return None
        try:
            fragment = fragment_of(self.document.map, node_ids)
        except EditError as exc:
            self.document.error.emit(str(exc))
            return None
        data = QMimeData()
        data.setData(MIME, QByteArray(fragment_json(fragment).encode("utf-8")))
        data.setText(outline_text(fragment))
        clipboard = QGuiApplication.clipboard()
        clipboard.setMimeData(data)
        self.message.emit(_told(f"Copied {_nodes(len(fragment))}", fragment.notes))
        return fragment

    def cut(self) -> None:
        if not self.text_field_took("cut"):
            self.cut_nodes(self._selected("cut"))

    def cut_nodes(self, node_ids: Sequence[str]) -> None:
        """Copy, then delete in one undo step; the selection goes to what is left nearby."""
        fragment = self.copy_nodes(node_ids)
        if fragment is None:
            return
        m = self.document.map
        first = m.nodes[fragment.roots[0]]
        label = f"Cut {_nodes(len(fragment))}" if len(fragment) > 1 else "Cut"
        if self.document.edit(label, batch.delete_many, fragment.roots) is not None:
            self.selection.set_current(first.parent)
            self.message.emit(_told(f"Cut {_nodes(len(fragment))}", fragment.notes))

    # -- paste ---------------------------------------------------------------------------
    def paste(self, relation: Relation = Relation.SUPPORTS) -> None:
        """Paste under the selected node with `relation`, or as claims when none is."""
        if relation is Relation.SUPPORTS and self.text_field_took("paste"):
            return
        parent = self.selection.current
        if parent is None and relation is not Relation.SUPPORTS:
            self.document.error.emit("Select the node to paste a rebuttal of")
            return
        try:
            pasted = self.from_clipboard()
        except PasteError as exc:
            self.document.error.emit(f"Cannot paste: {exc}")
            return
        fragment = pasted.fragment
        if len(self.document.map.nodes) + len(fragment) > native.MAX_NODES:
            self.document.error.emit(
                f"Cannot paste: the map would have more than {native.MAX_NODES:,} nodes"
            )
            return
        label = "Paste as Rebuttal" if relation is Relation.REBUTS else "Paste"
        if len(fragment) > 1:
            label += f" ({_nodes(len(fragment))})"
        result = self.document.edit(label, paste, fragment, parent, relation)
        if result is None:
            return
        self.selection.set_current(result.node_id)
        notes = (*fragment.notes, *(result.notes if isinstance(result, PasteResult) else ()))
        self.message.emit(_told(f"Pasted {_nodes(len(fragment))}", notes))

    @staticmethod
    def from_clipboard() -> Pasted:
        """The clipboard's contents as nodes: argmap's fragment if it is there, else its
        text; PasteError when it holds neither or cannot be read."""
        data = QGuiApplication.clipboard().mimeData()
        if data is not None and data.hasFormat(MIME):
            raw = data.data(MIME)
            if raw.size() > MAX_JSON_CHARS:  # refused before it is copied again
                raise PasteError(f"the copied nodes are more than {MAX_JSON_CHARS:,} bytes")
            if raw.size() > 0:
                return Pasted(read_fragment(bytes(raw.data())), "fragment")
        if data is not None and data.hasText():
            return read_pasted_text(data.text())
        raise PasteError("the clipboard holds no nodes or text")
