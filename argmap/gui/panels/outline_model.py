"""The outline: a QAbstractItemModel over the document, updated row by row.

The model keeps a mirror of the tree's shape (children lists) and, after each
edit, walks it to the new shape with begin/end Remove/Move/Insert calls, so
views keep their selection, expansion and scroll position.  It resets only
when a different map is opened.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon

from argmap.gui.common.icons import role_icon
from argmap.gui.document.wrapper import Document
from argmap.gui.panels.outline_groups import CoPremises
from argmap.model import ArgumentMap, Change, Relation, batch, ops
from argmap.model.roles import ROLE_NAMES, role_of

MIME = "application/x-argmap-node-ids"
PERSISTENT_WORK_LIMIT = 1_000_000  # persistent indexes x depth Qt would walk for one edit
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root; Qt passes it as the default parent
TITLE_ROLE = Qt.ItemDataRole.UserRole + 1  # a node's title, for the in-place editor
FOUND = QColor("#ffe08a")  # the background of a node that find in the map matched


def first_line(text: str, limit: int = 200) -> str:
    line = text.split("\n", 1)[0]
    return line if len(line) <= limit else line[: limit - 1] + "…"


def titled(title: str, argument: bool) -> str:
    """A title before the text as Argdown writes it: "[Title]: " or, for an argument,
    "<Title>: "; an argument without a title still shows it is one."""
    if not title:
        return "<> " if argument else ""
    words = " ".join(title.split())
    return f"<{words}>: " if argument else f"[{words}]: "


class OutlineModel(QAbstractItemModel):
    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self.document = document
        self._children: dict[str | None, list[str]] = {}
        self._parent: dict[str, str | None] = {}
        self._row: dict[str, int] = {}
        self._keys: dict[str, int] = {}
        self._ids: list[str] = []
        self._icons: dict[str, QIcon] = {}
        self.co_premises = CoPremises()  # the brackets and words of co-premise groups
        #: what commits the in-place editor's title and text, when the window sets one
        self.commit: Callable[..., None] | None = None
        self.found: frozenset[str] = frozenset()  # highlighted: find in the map matched them
        #: who else has which node selected, in a shared map: node id -> [(name, colour)]
        self.peers: dict[str, list[tuple[str, str]]] = {}
        self._load(document.map)
        document.reset.connect(self._on_reset)
        document.changed.connect(self._on_changed)

    # -- mirror -----------------------------------------------------------------------
    def _load(self, m: ArgumentMap) -> None:
        tree = m.tree
        self._children = {None: list(tree.roots)}
        self._parent = {}
        for node_id in tree.walk():
            self._parent[node_id] = m.nodes[node_id].parent
            kids = tree.children(node_id)
            if kids:
                self._children[node_id] = list(kids)
        self._row = {}
        for siblings in self._children.values():
            self._renumber(siblings)

    def _renumber(self, kids: list[str], start: int = 0) -> None:
        for row in range(start, len(kids)):
            self._row[kids[row]] = row

    def _key(self, node_id: str) -> int:
        key = self._keys.get(node_id)
        if key is None:
            key = self._keys[node_id] = len(self._ids)
            self._ids.append(node_id)
        return key

    def _on_reset(self) -> None:
        self.beginResetModel()
        self._load(self.document.map)
        self.endResetModel()

    def _on_changed(self, old: ArgumentMap, new: ArgumentMap, change: Change) -> None:
        if self._too_deep_for_rows(change):
            # Qt re-parents every persistent index (one per expanded row) by walking up
            # its ancestors, for each removed or moved row: on a chain thousands deep
            # that is minutes of work, so such an edit resets the outline instead
            self._on_reset()
            return
        self._sync(new, change)
        for node_id in change.changed:
            if node_id in new.nodes:
                index = self.index_of(node_id)
                self.dataChanged.emit(index, index)
        if change.moved:  # a relation change alters the icon of a node and its children
            for node_id in change.moved:
                if node_id in new.nodes:
                    for kid in (node_id, *self._children.get(node_id, ())):
                        index = self.index_of(kid)
                        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def _too_deep_for_rows(self, change: Change) -> bool:
        touched = [n for n in (*change.removed, *change.moved) if n in self._parent]
        if not touched:
            return False
        persistent = len(self.persistentIndexList())
        if persistent < 1000:
            return False
        depth = 0
        current: str | None = touched[0]
        while current is not None and depth < 100_000:
            current = self._parent.get(current)
            depth += 1
        return persistent * depth > PERSISTENT_WORK_LIMIT

    def _sync(self, new: ArgumentMap, change: Change) -> None:
        """Walk the mirror to the new tree with row operations only."""
        removed = set(change.removed)
        for node_id in change.removed:  # roots of removed subtrees first
            if node_id in self._parent and self._parent[node_id] not in removed:
                self._remove(node_id)
        affected: set[str | None] = set()
        for node_id in change.moved:
            if node_id not in new.nodes or node_id not in self._parent:
                continue
            old_parent, new_parent = self._parent[node_id], new.nodes[node_id].parent
            affected.update((old_parent, new_parent))
            if old_parent != new_parent:
                self._move(node_id, new_parent, len(self._children.get(new_parent, [])))
        pending = [i for i in change.added if i in new.nodes and i not in self._parent]
        while pending:  # parents before children, whatever order the patch listed them in
            waiting = []
            for node_id in pending:
                parent = new.nodes[node_id].parent
                if parent is not None and parent not in self._parent:
                    waiting.append(node_id)
                    continue
                affected.add(parent)
                self._insert(node_id, parent, len(self._children.get(parent, [])))
            if len(waiting) == len(pending):
                raise AssertionError(f"outline cannot place {waiting}")
            pending = waiting
        for parent in affected:
            if parent is not None and parent not in new.nodes:
                continue
            kids = self._children.get(parent, [])
            wanted = sorted(kids, key=lambda i: (new.nodes[i].order, i))
            self._reorder(parent, wanted)

    def _parent_index(self, parent: str | None) -> QModelIndex:
        return QModelIndex() if parent is None else self.index_of(parent)

    def _remove(self, node_id: str) -> None:
        parent = self._parent[node_id]
        kids = self._children[parent]
        row = self._row[node_id]
        self.beginRemoveRows(self._parent_index(parent), row, row)
        del kids[row]
        self._renumber(kids, row)
        stack = [node_id]
        while stack:
            current = stack.pop()
            stack.extend(self._children.pop(current, ()))
            self._parent.pop(current, None)
            self._row.pop(current, None)
        self.endRemoveRows()

    def _insert(self, node_id: str, parent: str | None, row: int) -> None:
        self.beginInsertRows(self._parent_index(parent), row, row)
        kids = self._children.setdefault(parent, [])
        kids.insert(row, node_id)
        self._parent[node_id] = parent
        self._renumber(kids, row)
        self.endInsertRows()

    def _move(self, node_id: str, new_parent: str | None, row: int) -> None:
        old_parent = self._parent[node_id]
        old_row = self._row[node_id]
        source, target = self._parent_index(old_parent), self._parent_index(new_parent)
        if not self.beginMoveRows(source, old_row, old_row, target, row):
            raise AssertionError(f"outline refused to move '{node_id}'")
        old_kids = self._children[old_parent]
        del old_kids[old_row]
        self._renumber(old_kids, old_row)
        if not old_kids and old_parent is not None:
            del self._children[old_parent]
        new_kids = self._children.setdefault(new_parent, [])
        if new_parent == old_parent and row > old_row:
            row -= 1
        new_kids.insert(row, node_id)
        self._parent[node_id] = new_parent
        self._renumber(new_kids, min(row, old_row) if new_parent == old_parent else row)
        self.endMoveRows()

    def _reorder(self, parent: str | None, wanted: list[str]) -> None:
        for target, node_id in enumerate(wanted):
            if self._row[node_id] != target:  # always a move up: rows before `target` are final
                self._move(node_id, parent, target)

    def show_found(self, found: frozenset[str]) -> None:
        """Highlight the nodes find in the map matched (none: no highlight)."""
        changed = self.found ^ found
        self.found = found
        # in the outline's order: a tree view finds each row near the one before
        for node_id in self._walk() if len(changed) > 1 else changed:
            index = self.index_of(node_id) if node_id in changed else QModelIndex()
            if index.isValid():  # a node the map no longer has has no row to repaint
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.BackgroundRole])

    def set_peers(self, peers: dict[str, list[tuple[str, str]]]) -> None:
        """Mark the rows others have selected in a shared map: their names and colour."""
        changed = set(self.peers) | set(peers)
        self.peers = dict(peers)
        roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole]
        for node_id in changed:
            index = self.index_of(node_id)
            if index.isValid():
                self.dataChanged.emit(index, index, roles)

    def _walk(self) -> list[str]:
        """The rows in the outline's order (depth first)."""
        order: list[str] = []
        stack = list(reversed(self._children.get(None, [])))
        while stack:
            node_id = stack.pop()
            order.append(node_id)
            stack.extend(reversed(self._children.get(node_id, [])))
        return order

    # -- lookups ----------------------------------------------------------------------
    def node_id(self, index: Index) -> str | None:
        if not index.isValid():
            return None
        return self._ids[index.internalId()]

    def index_of(self, node_id: str, column: int = 0) -> QModelIndex:
        if node_id not in self._row:
            return QModelIndex()
        return self.createIndex(self._row[node_id], column, self._key(node_id))

    # -- QAbstractItemModel -----------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        kids = self._children.get(self.node_id(parent), [])
        if column != 0 or not 0 <= row < len(kids):
            return QModelIndex()
        return self.createIndex(row, column, self._key(kids[row]))

    # Qt has two parent()s: QObject's and the model's; Python overrides both with one
    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        node_id = self.node_id(index)
        if node_id is None:
            return QModelIndex()
        parent = self._parent.get(node_id)
        return QModelIndex() if parent is None else self.index_of(parent)

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children.get(self.node_id(parent), ()))

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 1

    def hasChildren(self, parent: Index = ROOT) -> bool:  # noqa: N802
        return self.rowCount(parent) > 0

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "Argument"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        node_id = self.node_id(index)
        m = self.document.map
        if node_id is None or node_id not in m.nodes:
            return None
        node = m.nodes[node_id]
        if role == Qt.ItemDataRole.DisplayRole:
            review = "⚠ " if any(r.review for r in node.refs) else ""
            here = self.peers.get(node_id)
            others = "● " + ", ".join(name for name, _ in here) + ": " if here else ""
            return (
                others
                + review
                + titled(node.title, node.argument is not None)
                + (first_line(node.text) or "(empty)")
            )
        if role == Qt.ItemDataRole.EditRole:
            return node.text
        if role == TITLE_ROLE:
            return node.title
        if role == Qt.ItemDataRole.DecorationRole:
            return role_icon(role_of(m, node))
        if role == Qt.ItemDataRole.ToolTipRole:
            paragraphs = ", ".join(str(r.paragraph) for r in node.refs)
            where = f"\nsource ¶ {paragraphs}" if paragraphs else "\nno source reference"
            together = self.co_premises.words(m, node_id)
            where += f"\n{together}" if together else ""
            return f"{ROLE_NAMES[role_of(m, node)]}: {node.text}{where}"
        if role == Qt.ItemDataRole.BackgroundRole and node_id in self.found:
            return FOUND
        if role == Qt.ItemDataRole.BackgroundRole and node_id in self.peers:
            tint = QColor(self.peers[node_id][0][1])
            tint.setAlpha(50)
            return tint
        if role == Qt.ItemDataRole.ForegroundRole and not node.text.strip():
            return QColor("gray")
        if role == Qt.ItemDataRole.FontRole and (node.parent is None or not node.refs):
            font = QFont()
            font.setBold(node.parent is None)
            font.setItalic(
                not node.refs
            )  # no source reference: marked, and listed by the source pane
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole:
            together = self.co_premises.words(m, node_id)
            name = ROLE_NAMES[role_of(m, node)] + (f", {together}" if together else "")
            return f"{name}: {node.text}"
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        node_id = self.node_id(index)
        if node_id is None or role != Qt.ItemDataRole.EditRole or not isinstance(value, str):
            return False
        if node_id not in self.document.map.nodes:
            return False  # an editor closing on a node an undo has just removed
        if value == self.document.map.nodes[node_id].text:
            return True
        return self.document.edit("Edit Text", ops.edit_node, node_id, text=value) is not None

    def set_title_and_text(self, index: Index, title: str, text: str) -> bool:
        """The in-place editor's title and text, in one undo step (nothing when unchanged)."""
        node_id = self.node_id(index)
        node = self.document.map.nodes.get(node_id) if node_id is not None else None
        if node is None:
            return False  # an editor closing on a node an undo has just removed
        if self.commit is not None:  # the window's editor: a node just added and typed is one step
            self.commit(node.id, title=title, text=text)
            return True
        changes = {k: v for k, v in (("title", title), ("text", text)) if getattr(node, k) != v}
        if not changes:
            return True
        label = "Edit Text" if "title" not in changes else "Edit Title"
        return self.document.edit(label, ops.edit_node, node.id, **changes) is not None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        return (
            base
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDragEnabled
        )

    # -- drag and drop ----------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME]

    def mimeData(self, indexes: Iterable[QModelIndex]) -> QMimeData:  # noqa: N802
        ids = [i for i in (self.node_id(index) for index in indexes) if i]
        data = QMimeData()
        data.setData(MIME, QByteArray("\n".join(dict.fromkeys(ids)).encode()))
        return data

    def _drop_target(
        self, data: QMimeData, row: int, parent: Index
    ) -> tuple[list[str], str | None, int | None] | None:
        if not data.hasFormat(MIME):
            return None
        m = self.document.map
        ids = batch.outermost(m, bytes(data.data(MIME).data()).decode().split("\n"))
        target = self.node_id(parent)
        if not ids:
            return None
        if target is not None and any(m.tree.is_in_subtree(target, i) for i in ids):
            return None  # into its own subtree
        return ids, target, (None if row < 0 else row)

    def canDropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return self._drop_target(data, row, parent) is not None

    def dropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        target = self._drop_target(data, row, parent)
        if target is None:
            return False
        ids, new_parent, index = target
        m = self.document.map
        if index is not None:  # the rows above the drop point shift up once they leave
            index -= sum(1 for i in ids if m.nodes[i].parent == new_parent and self._row[i] < index)
        if len(ids) == 1:
            node = m.nodes[ids[0]]
            relation = node.relation or Relation.SUPPORTS if new_parent is not None else None
            self.document.edit("Move", ops.move_node, ids[0], new_parent, relation, index)
        else:
            self.document.edit(
                f"Move {len(ids)} Nodes", batch.move_many, ids, new_parent, None, index
            )
        return False  # we moved it ourselves; the view must not remove the source row
