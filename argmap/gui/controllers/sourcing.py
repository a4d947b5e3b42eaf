"""Attaching a source text and turning marked passages into nodes: the Source menu's behaviour."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from argmap.formats.source_move import link_within, settle_source
from argmap.formats.source_text import read_source_text
from argmap.gui.controllers.failures import describe, one_line
from argmap.gui.controllers.prompter import Prompter
from argmap.gui.document.selection import Selection
from argmap.gui.document.wrapper import Document
from argmap.model import Relation, SourceRef, ops
from argmap.model.source import make_ref, paragraph_at

NEW_NODE_TEXT_LIMIT = 400
MARK_FIRST = "Mark a passage in the source text first"


def node_text_from(quote: str) -> str:
    """The passage as a starting text: one line, not too long; the analyst rephrases it."""
    text = " ".join(quote.split())
    return text if len(text) <= NEW_NODE_TEXT_LIMIT else text[: NEW_NODE_TEXT_LIMIT - 1] + "…"


#: the passage the user marked in the source text, as (start, end), or None
MarkedSpan = Callable[[], tuple[int, int] | None]


def _nothing_marked() -> tuple[int, int] | None:
    return None


class SourceController(QObject):
    message = Signal(str)
    #: a hint for the status bar and how long it shows (ms)
    status = Signal(str, int)
    edit_requested = Signal(str)
    #: the user wants to search the source text (the window shows the search field)
    find_requested = Signal()
    attached = Signal()  # a text was attached: show it

    def __init__(
        self,
        document: Document,
        selection: Selection,
        prompter: Prompter,
        marked: MarkedSpan = _nothing_marked,
    ) -> None:
        super().__init__(document)
        self.document = document
        self.selection = selection
        self.prompter = prompter
        self.marked = marked

    @property
    def text(self) -> str | None:
        return self.document.map.source.text

    # -- attaching --------------------------------------------------------------------
    def attach(self, path: Path | None = None, keep_beside: bool | None = None) -> bool:
        if path is None:
            path = self.prompter.source_path()
            if path is None:
                return False
        try:
            text = read_source_text(path)
            link = self._link(path)
        except Exception as exc:  # any reader's failure is one line, the map unchanged
            self.prompter.error("Cannot attach source", describe(exc, path))
            return False
        inside_only = link is None
        if inside_only:
            keep_beside = False  # beside it would not be read on the next open
        elif keep_beside is None:
            answer = self.prompter.ask_source_storage(path.name)
            if answer == "cancel":
                return False
            keep_beside = answer == "beside"
        old = self.document.map.source
        source = old.model_copy(
            update={
                "text": text,
                "file": link if keep_beside else None,
                "title": old.title or path.stem,
            }
        )
        result = self.document.edit("Attach Source", ops.replace_source, source)
        if result is None:
            return False
        flagged = sum(1 for node in result.map.nodes.values() for ref in node.refs if ref.review)
        note = f"; {flagged} reference(s) need review" if flagged else ""
        where = "; it is not in the map's folder, so its text is kept inside the map"
        self.message.emit(
            one_line(f"Attached {path.name} ({len(text)} characters){note}")
            + (where if inside_only else "")
        )
        self.attached.emit()
        return True

    def _link(self, path: Path) -> str | None:
        """How a source kept beside the map names it: relative to the map's folder, so
        both move together; None for a file elsewhere.  An unsaved map links by the
        absolute path until it is saved (see `settle_source`)."""
        if self.document.path is None:
            return str(path.resolve())
        return link_within(path, self.document.path.parent)

    def detach(self) -> None:
        old = self.document.map.source
        if old.text is None and old.file is None:
            return
        source = old.model_copy(update={"text": None, "file": None, "checksum": None})
        self.document.edit("Detach Source", ops.replace_source, source)

    # -- from a marked passage --------------------------------------------------------
    def new_from_selection(self, kind: str, start: int, end: int) -> str | None:
        """A claim, support or rebuttal whose text starts as the passage and cites it."""
        text = self.text
        if text is None or start >= end:
            self.message.emit("Mark a passage of the source text first")
            return None
        ref = make_ref(text, start, end)
        words = node_text_from(text[start:end])
        current = self.selection.current
        if kind == "claim" or (current is None and not self.document.map.nodes):
            result = self.document.edit("New Claim from Source", ops.add_claim, words, refs=(ref,))
        else:
            if current is None:
                self.message.emit("Select the node the passage supports or rebuts")
                return None
            relation = Relation.SUPPORTS if kind == "support" else Relation.REBUTS
            label = f"New {kind.capitalize()} from Source"
            result = self.document.edit(label, ops.add_node, current, relation, words, refs=(ref,))
        if result is None or result.node_id is None:
            return None
        self.selection.set_current(result.node_id)
        self.edit_requested.emit(result.node_id)
        return result.node_id

    def attach_span(self, start: int, end: int) -> bool:
        """Cite the passage on the selected node (added to its references)."""
        text, current = self.text, self.selection.current
        if text is None or current is None or start >= end:
            self.message.emit("Select a node and mark a passage to cite")
            return False
        ref = make_ref(text, start, end)
        node = self.document.map.nodes[current]
        kept = tuple(r for r in node.refs if r.start is not None or r.paragraph != ref.paragraph)
        refs: tuple[SourceRef, ...] = (*kept, ref)
        return self.document.edit("Cite Source", ops.edit_node, current, refs=refs) is not None

    # -- the passage commands: on what the user marked ------------------------------------
    def from_passage(self, kind: str) -> str | None:
        """A claim, support or rebuttal from the marked passage (see `new_from_selection`)."""
        span = self.marked()
        if span is None:
            self.status.emit(MARK_FIRST, 5000)
            return None
        return self.new_from_selection(kind, *span)

    def cite_passage(self) -> bool:
        """Cite the marked passage on the selected node (see `attach_span`)."""
        span = self.marked()
        if span is None:
            self.status.emit(MARK_FIRST, 5000)
            return False
        return self.attach_span(*span)

    def find(self) -> None:
        self.find_requested.emit()

    def paragraph_of(self, offset: int) -> int:
        return paragraph_at(self.text or "", offset)


__all__ = ["SourceController", "link_within", "node_text_from", "settle_source"]
