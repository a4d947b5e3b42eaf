"""The outline pane: a tree view with in-place editing (title and multi-line text) and
drag and drop."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from argmap.gui.common.keys import claims_key
from argmap.gui.document.selection import Selection
from argmap.gui.panels.outline_groups import paint_bracket
from argmap.gui.panels.outline_model import TITLE_ROLE, Index, OutlineModel


class NodeEditor(QWidget):
    """The in-place editor of a node: its title on one line above its text."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.title = QLineEdit()
        self.title.setPlaceholderText("Title (optional)")
        self.title.setAccessibleName("Edit node title")
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName("Edit node text")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        self.setAutoFillBackground(True)
        self.setFocusProxy(self.text)


class TextDelegate(QStyledItemDelegate):
    """Edit a node's title and text in place: Enter commits, Shift/Ctrl+Enter breaks the
    line, Escape cancels, leaving the editor commits."""

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        editor = NodeEditor(parent)
        for field in (editor.title, editor.text):
            field.installEventFilter(self)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, NodeEditor)
        editor.title.setText(index.data(TITLE_ROLE) or "")
        editor.text.setPlainText(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.text.selectAll()

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: Index
    ) -> None:
        assert isinstance(editor, NodeEditor)
        text = editor.text.toPlainText()
        if isinstance(model, OutlineModel):
            model.set_title_and_text(index, editor.title.text(), text)
        else:
            model.setData(index, text, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(  # noqa: N802
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        rect = option.rect
        title = editor.title.sizeHint().height() if isinstance(editor, NodeEditor) else 0
        rect.setHeight(title + max(rect.height() * 3, 60))
        editor.setGeometry(rect)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        editor = watched.parent() if isinstance(watched, (QLineEdit, QPlainTextEdit)) else None
        if not isinstance(editor, NodeEditor):
            return super().eventFilter(watched, event)
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if claims_key(event):
                event.accept()
                return True
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                breaks = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
                if watched is editor.text and event.modifiers() & breaks:
                    editor.text.insertPlainText("\n")
                    return True
                self._finish(editor)
                return True
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self._tab(editor, watched, forward=event.key() == Qt.Key.Key_Tab)
                return True
        if event.type() == QEvent.Type.FocusOut:
            self._focus_left(editor, event)
        return False

    def _tab(self, editor: NodeEditor, field: QObject, forward: bool) -> None:
        """Tab moves from the title to the text; on past either end it commits and goes
        on to the next (or previous) node, as Qt's own editors do."""
        if forward and field is editor.title:
            editor.text.setFocus(Qt.FocusReason.TabFocusReason)
        elif not forward and field is editor.text:
            editor.title.setFocus(Qt.FocusReason.BacktabFocusReason)
        else:
            hint = QStyledItemDelegate.EndEditHint
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, hint.EditNextItem if forward else hint.EditPreviousItem)

    def _focus_left(self, editor: NodeEditor, event: QEvent) -> None:
        """Focus leaving the editor (not moving between its fields, nor to a menu or
        another window) commits it, as Qt does for a one-widget editor."""
        assert isinstance(event, QFocusEvent)
        if event.reason() in (
            Qt.FocusReason.ActiveWindowFocusReason,
            Qt.FocusReason.PopupFocusReason,
        ):
            return
        focus = QApplication.focusWidget()
        while focus is not None:
            if focus is editor:
                return
            focus = focus.parentWidget()
        self._finish(editor)

    def _finish(self, editor: NodeEditor) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)


class OutlineView(QTreeView):
    #: Escape in the in-place editor, on this node
    edit_cancelled = Signal(str)

    def closeEditor(  # noqa: N802
        self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint
    ) -> None:
        node_id = self.outline.node_id(self.currentIndex())
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.RevertModelCache and node_id is not None:
            self.edit_cancelled.emit(node_id)

    def __init__(self, model: OutlineModel, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.outline = model
        self.selection = selection
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setItemDelegate(TextDelegate(self))
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        # Ctrl+click and Shift+click select several nodes (delete, move, assess, tag them)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self._pushing = False  # True while the view shows the shared selection
        self.setAccessibleName("Outline")
        enter = QShortcut(
            QKeySequence(Qt.Key.Key_Return), self, context=Qt.ShortcutContext.WidgetShortcut
        )
        enter.activated.connect(lambda: self.edit_node(self.selection.current))
        self.selectionModel().currentChanged.connect(self._on_current)
        self.selectionModel().selectionChanged.connect(lambda *_: self._pull())
        selection.current_changed.connect(self.show_current)
        selection.many_changed.connect(self._show_many)
        model.modelReset.connect(self._after_reset)
        model.rowsInserted.connect(self._expand_parent)
        # a group's bracket passes rows the edit did not touch: draw them all again
        model.document.changed.connect(lambda *_: self.viewport().update())

    def drawRow(  # noqa: N802
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | Index
    ) -> None:
        """The row, then its part of any co-premise group's bracket (outline_groups.py)."""
        super().drawRow(painter, option, index)
        node_id = self.outline.node_id(index)
        m = self.outline.document.map
        if node_id is None or node_id not in m.nodes:
            return
        chain = [node_id, *m.tree.ancestors(node_id)]
        for level, flags in self.outline.co_premises.segments(m, chain):
            where = index if level == 0 else self.outline.index_of(chain[level])
            x = self.visualRect(where).left() - 3
            paint_bracket(painter, x, option.rect, flags)

    def _after_reset(self) -> None:
        self.expandAll()
        self.show_current(self.selection.current)

    def _on_current(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._pull()

    def _pull(self) -> None:
        """The user changed the view's selection: share it."""
        if self._pushing:
            return
        rows = self.selectionModel().selectedRows()
        ids = [i for i in (self.outline.node_id(index) for index in rows) if i]
        current = self.outline.node_id(self.currentIndex())
        if current is not None and current not in ids and ids:
            current = ids[-1]  # Ctrl+click took the current row out
        self.selection.set_selection(ids, current)

    def _show_many(self, node_ids: tuple[str, ...]) -> None:
        """Select the shared selection's rows (without sending it back)."""
        wanted = QItemSelection()
        for node_id in node_ids:
            index = self.outline.index_of(node_id)
            if index.isValid():
                wanted.select(index, index)
        if set(wanted.indexes()) == set(self.selectionModel().selectedIndexes()):
            return
        self._pushing = True
        try:
            flags = QItemSelectionModel.SelectionFlag
            self.selectionModel().select(wanted, flags.ClearAndSelect | flags.Rows)
        finally:
            self._pushing = False

    def _expand_parent(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            self.expand(parent)

    def show_current(self, node_id: str | None) -> None:
        index = self.outline.index_of(node_id) if node_id else QModelIndex()
        if index != self.currentIndex():
            flags = QItemSelectionModel.SelectionFlag
            keep = self.selection.several  # the current node moved within a multi-selection
            self._pushing = True
            try:
                self.selectionModel().setCurrentIndex(
                    index, flags.NoUpdate if keep else flags.ClearAndSelect
                )
            finally:
                self._pushing = False
        if index.isValid():
            self.scrollTo(index)

    def edit_node(self, node_id: str | None) -> None:
        if node_id is None:
            return
        index = self.outline.index_of(node_id)
        if index.isValid():
            self.setFocus()
            self.show_current(node_id)
            self.edit(index)
