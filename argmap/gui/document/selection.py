"""The current node, shared by the outline, the inspector and the diagram."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from argmap.gui.document.wrapper import Document
from argmap.model import ArgumentMap, Change


class Selection(QObject):
    current_changed = Signal(object)  # str | None

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self.document = document
        self._current: str | None = None
        document.reset.connect(self._on_reset)
        document.changed.connect(self._follow)

    def _on_reset(self) -> None:
        """A newly opened map starts with its main claim selected."""
        roots = self.document.map.tree.roots
        self._current = None
        self.set_current(roots[0] if roots else None)
        if not roots:
            self.current_changed.emit(None)

    @property
    def current(self) -> str | None:
        return self._current

    def set_current(self, node_id: str | None) -> None:
        if node_id is not None and node_id not in self.document.map.nodes:
            node_id = None
        if node_id != self._current:
            self._current = node_id
            self.current_changed.emit(node_id)

    def _follow(self, old: ArgumentMap, new: ArgumentMap, change: Change) -> None:
        if self._current is not None and self._current not in new.nodes:
            parent = old.nodes[self._current].parent
            while parent is not None and parent not in new.nodes:
                parent = old.nodes[parent].parent
            self.set_current(parent)
