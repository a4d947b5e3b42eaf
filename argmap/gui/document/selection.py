"""What is selected, shared by the outline, the inspector and the diagram: the current
node (the one the inspector shows and single-node commands act on) and, with Ctrl+click
or Shift+click, more nodes beside it, which delete, move, assess and tag act on together."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from argmap.gui.document.wrapper import Document
from argmap.model import ArgumentMap, Change


class Selection(QObject):
    current_changed = Signal(object)  # str | None
    #: the selected nodes, the current one included, in the outline's order
    many_changed = Signal(tuple)

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self.document = document
        self._current: str | None = None
        self._also: frozenset[str] = frozenset()  # selected beside the current node
        document.reset.connect(self._on_reset)
        document.changed.connect(self._follow)

    def _on_reset(self) -> None:
        """A newly opened map starts with its main claim selected."""
        roots = self.document.map.tree.roots
        self._current = None
        self._also = frozenset()
        self.set_current(roots[0] if roots else None)
        if not roots:
            self.current_changed.emit(None)

    @property
    def current(self) -> str | None:
        return self._current

    @property
    def selected(self) -> tuple[str, ...]:
        """Every selected node, the current one included, in the outline's order."""
        chosen = set(self._also)
        if self._current is not None:
            chosen.add(self._current)
        if len(chosen) < 2:
            return tuple(chosen)
        return tuple(i for i in self.document.map.tree.walk() if i in chosen)

    @property
    def several(self) -> bool:
        return bool(self._also)

    def set_current(self, node_id: str | None) -> None:
        """Select this node alone."""
        self.set_selection((), node_id)

    def set_selection(self, node_ids: Iterable[str], current: str | None) -> None:
        """Select `node_ids` with `current` the current node (added when not among them)."""
        nodes = self.document.map.nodes
        if current is not None and current not in nodes:
            current = None
        also = frozenset(i for i in node_ids if i in nodes and i != current)
        if current is None and also:  # a selection always has a current node
            current = next(i for i in self.document.map.tree.walk() if i in also)
            also = also - {current}
        before = self.selected
        changed = current != self._current
        self._current, self._also = current, also
        if changed:
            self.current_changed.emit(current)
        if self.selected != before:
            self.many_changed.emit(self.selected)

    def toggle(self, node_id: str) -> None:
        """Ctrl+click: add the node to the selection (it becomes current) or take it out."""
        if node_id not in self.document.map.nodes:
            return
        chosen = list(self.selected)
        if node_id not in chosen:
            self.set_selection([*chosen, node_id], node_id)
            return
        chosen.remove(node_id)
        current = self._current if self._current in chosen else (chosen[-1] if chosen else None)
        self.set_selection(chosen, current)

    def _follow(self, old: ArgumentMap, new: ArgumentMap, change: Change) -> None:
        also = [i for i in self._also if i in new.nodes]
        if self._current is not None and self._current not in new.nodes:
            parent = old.nodes[self._current].parent
            while parent is not None and parent not in new.nodes:
                parent = old.nodes[parent].parent
            self.set_selection(also, None if also else parent)
        elif len(also) != len(self._also):
            self.set_selection(also, self._current)
