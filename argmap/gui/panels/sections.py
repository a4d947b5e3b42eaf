"""The Sections panel: the map's headings as a tree.  New, rename (in place), nest
(indent and outdent, or drag a section onto another), delete, and put nodes into a
section (the selected node with a button, or nodes dragged from the outline onto it);
each one undo step (model/structure_ops).  The diagram draws sections as clusters."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from argmap.gui.document.selection import Selection
from argmap.gui.document.wrapper import Document
from argmap.model import ArgumentMap, Change
from argmap.model import structure_ops as so

ID = Qt.ItemDataRole.UserRole
NODE_IDS = "application/x-argmap-node-ids"  # what the outline drags (panels/outline_model.py)
SECTION_ID = "application/x-argmap-section-id"  # a section dragged inside this tree


class SectionTree(QTreeWidget):
    """The tree of sections, and what is dropped on it: outline nodes onto a section go
    into it (onto the empty space: out of their sections); a section onto another goes
    inside it (onto the empty space: to the top level).  The tree only reports the drop;
    the panel makes the edit, and the tree is rebuilt from the map."""

    nodes_dropped = Signal(list, object)  # node ids, section id or None
    section_dropped = Signal(str, object)  # section id, new parent id or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setDropIndicatorShown(True)

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [SECTION_ID, NODE_IDS]

    def mimeData(self, items: Sequence[QTreeWidgetItem]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        ids = [str(item.data(0, ID)) for item in items[:1]]  # one section at a time
        data.setData(SECTION_ID, QByteArray("\n".join(ids).encode()))
        return data

    def _target(self, event: QDropEvent | QDragMoveEvent) -> str | None:
        item = self.itemAt(event.position().toPoint())
        value = item.data(0, ID) if item is not None else None
        return value if isinstance(value, str) else None

    @staticmethod
    def _ids(data: QMimeData, kind: str) -> list[str]:
        if not data.hasFormat(kind):
            return []
        return [i for i in bytes(data.data(kind).data()).decode().split("\n") if i]

    def _consider(self, event: QDragMoveEvent) -> None:
        data = event.mimeData()
        if self._ids(data, SECTION_ID) or self._ids(data, NODE_IDS):
            event.setDropAction(self._action(data))
            event.accept()
        else:
            event.ignore()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        self._consider(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        self._consider(event)

    @staticmethod
    def _action(data: QMimeData) -> Qt.DropAction:
        # a section is re-parented by the edit, never moved by the view; the outline
        # offers only a move, and leaves its rows alone when the drop is elsewhere
        return Qt.DropAction.CopyAction if data.hasFormat(SECTION_ID) else Qt.DropAction.MoveAction

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        data, target = event.mimeData(), self._target(event)
        sections, nodes = self._ids(data, SECTION_ID), self._ids(data, NODE_IDS)
        if not sections and not nodes:
            event.ignore()
            return
        event.setDropAction(self._action(data))
        event.accept()
        if sections:
            if sections[0] != target:
                self.section_dropped.emit(sections[0], target)
        else:
            self.nodes_dropped.emit(nodes, target)


class SectionsPanel(QWidget):
    def __init__(
        self, document: Document, selection: Selection, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.selection = selection
        self._updating = False
        self.tree = SectionTree()
        self.tree.setHeaderLabels(["Section", "Nodes"])
        header = self.tree.header()  # the titles take the width; the counts only their own
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setAccessibleName("Sections")
        self.new = QPushButton("New Section")
        self.indent = QPushButton("Indent")
        self.indent.setToolTip("Put the section inside the one above it")
        self.outdent = QPushButton("Outdent")
        self.outdent.setToolTip("Take the section out of the one it is in")
        self.delete = QPushButton("Delete Section")
        self.delete.setToolTip("Remove the heading; what it holds moves up a level")
        self.move_here = QPushButton("Put Node Here")
        self.move_here.setToolTip("Put the selected node into the chosen section")
        self.take_out = QPushButton("Take Node Out")
        buttons = QGridLayout()
        for index, button in enumerate(
            (self.new, self.indent, self.outdent, self.delete, self.move_here, self.take_out)
        ):
            buttons.addWidget(button, index // 2, index % 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)
        self.new.clicked.connect(self.add)
        self.indent.clicked.connect(lambda: self._nest(inward=True))
        self.outdent.clicked.connect(lambda: self._nest(inward=False))
        self.delete.clicked.connect(self._delete)
        self.move_here.clicked.connect(lambda: self._put(self.current()))
        self.take_out.clicked.connect(lambda: self._put(None))
        self.tree.itemChanged.connect(self._renamed)
        self.tree.nodes_dropped.connect(self._put_nodes)
        self.tree.section_dropped.connect(
            lambda section, parent: self.document.edit(
                "Nest Section", so.nest_section, section, parent
            )
        )
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.selection.current_changed.connect(lambda _: self._enable())
        self.document.changed.connect(self._on_changed)
        self.document.reset.connect(self.refresh)
        self.refresh()

    # -- showing ----------------------------------------------------------------------
    def current(self) -> str | None:
        item = self.tree.currentItem()
        value = item.data(0, ID) if item is not None else None
        return value if isinstance(value, str) else None

    def refresh(self) -> None:
        m = self.document.map
        chosen = self.current()
        counts: dict[str, int] = {}
        for node in m.nodes.values():
            if node.section is not None:
                counts[node.section] = counts.get(node.section, 0) + 1
        self._updating = True
        try:
            self.tree.clear()
            items: dict[str, QTreeWidgetItem] = {}
            pending = list(m.sections)
            while pending:  # parents first, whatever order the file lists them in
                rest = []
                for section in pending:
                    if section.parent is not None and section.parent not in items:
                        rest.append(section)
                        continue
                    item = QTreeWidgetItem([section.title, str(counts.get(section.id, 0))])
                    item.setData(0, ID, section.id)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                    above = items.get(section.parent or "")
                    if above is None:
                        self.tree.addTopLevelItem(item)
                    else:
                        above.addChild(item)
                    items[section.id] = item
                if len(rest) == len(pending):
                    break  # validation refuses cycles; never loop on one
                pending = rest
            self.tree.expandAll()
            if chosen in items:
                self.tree.setCurrentItem(items[chosen])
        finally:
            self._updating = False
        self._enable()

    def _enable(self) -> None:
        chosen = self.current() is not None
        for button in (self.indent, self.outdent, self.delete):
            button.setEnabled(chosen)
        node = self.selection.current
        self.move_here.setEnabled(chosen and node is not None)
        self.take_out.setEnabled(
            node is not None
            and node in self.document.map.nodes
            and self.document.map.nodes[node].section is not None
        )

    def _on_changed(self, old: ArgumentMap, new: ArgumentMap, change: Change) -> None:
        if (
            old.sections != new.sections
            or any(
                old.nodes.get(i) is not None and old.nodes[i].section != new.nodes[i].section
                for i in (*change.changed, *change.added)
                if i in new.nodes
            )
            or change.removed
        ):
            self.refresh()

    # -- editing ----------------------------------------------------------------------
    def add(self) -> None:
        """A new section after the chosen one's siblings, its title ready to type."""
        parent = None
        chosen = self.current()
        if chosen is not None:
            parent = next(s.parent for s in self.document.map.sections if s.id == chosen)
        done = self.document.edit("New Section", so.add_section, "New section", parent)
        if done is None:
            return
        new_id = done.map.sections[-1].id
        for item in self.tree.findItems("New section", Qt.MatchFlag.MatchRecursive):
            if item.data(0, ID) == new_id:
                self.tree.setCurrentItem(item)
                self.tree.editItem(item, 0)

    def _renamed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._updating or column != 0:
            return
        section = item.data(0, ID)
        self.document.edit("Rename Section", so.rename_section, section, item.text(0))
        self.refresh()  # a refused name comes back as it was

    def _nest(self, inward: bool) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        section = item.data(0, ID)
        if inward:
            above = item.parent()
            siblings = (
                [above.child(i) for i in range(above.childCount())]
                if above is not None
                else [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
            )
            at = siblings.index(item)
            if at == 0:
                self.document.error.emit("The first section has none above it to go inside")
                return
            target = siblings[at - 1]
            new_parent = target.data(0, ID) if target is not None else None
        else:
            above = item.parent()
            if above is None:
                self.document.error.emit("The section is at the top level already")
                return
            outer = above.parent()
            new_parent = outer.data(0, ID) if outer is not None else None
        self.document.edit("Nest Section", so.nest_section, section, new_parent)

    def _delete(self) -> None:
        section = self.current()
        if section is not None:
            self.document.edit("Delete Section", so.delete_section, section)

    def _put(self, section: str | None) -> None:
        node = self.selection.current
        if node is not None:
            self._put_nodes([node], section)

    def _put_nodes(self, nodes: list[str], section: str | None) -> None:
        label = "Move to Section" if section else "Take out of Section"
        self.document.edit(label, so.set_section, nodes, section)
