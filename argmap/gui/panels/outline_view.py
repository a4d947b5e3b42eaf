"""The outline pane: a tree view with in-place multi-line editing and drag and drop."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from argmap.gui.common.keys import claims_key
from argmap.gui.document.selection import Selection
from argmap.gui.panels.outline_model import Index, OutlineModel


class TextDelegate(QStyledItemDelegate):
    """Edit a node's text in place: Enter commits, Shift/Ctrl+Enter breaks the line,
    Escape cancels."""

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setTabChangesFocus(True)
        editor.installEventFilter(self)
        editor.setAccessibleName("Edit node text")
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QPlainTextEdit)
        editor.setPlainText(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.selectAll()

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: Index
    ) -> None:
        assert isinstance(editor, QPlainTextEdit)
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(  # noqa: N802
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        rect = option.rect
        rect.setHeight(max(rect.height() * 3, 60))
        editor.setGeometry(rect)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if isinstance(watched, QPlainTextEdit) and event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if claims_key(event):
                event.accept()
                return True
        if isinstance(watched, QPlainTextEdit) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & (
                    Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
                ):
                    watched.insertPlainText("\n")
                    return True
                self.commitData.emit(watched)
                self.closeEditor.emit(watched, QStyledItemDelegate.EndEditHint.NoHint)
                return True
        return super().eventFilter(watched, event)


class OutlineView(QTreeView):
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
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName("Outline")
        enter = QShortcut(
            QKeySequence(Qt.Key.Key_Return), self, context=Qt.ShortcutContext.WidgetShortcut
        )
        enter.activated.connect(lambda: self.edit_node(self.selection.current))
        self.selectionModel().currentChanged.connect(self._on_current)
        selection.current_changed.connect(self.show_current)
        model.modelReset.connect(self._after_reset)
        model.rowsInserted.connect(self._expand_parent)

    def _after_reset(self) -> None:
        self.expandAll()
        self.show_current(self.selection.current)

    def _on_current(self, current: QModelIndex, previous: QModelIndex) -> None:
        self.selection.set_current(self.outline.node_id(current))

    def _expand_parent(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            self.expand(parent)

    def show_current(self, node_id: str | None) -> None:
        index = self.outline.index_of(node_id) if node_id else QModelIndex()
        if index != self.currentIndex():
            self.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
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
