"""Choosing and saving the map's named views (model/structure.View) for the diagram."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from argmap.gui.document.view_state import ViewState
from argmap.gui.document.wrapper import Document
from argmap.model import structure_ops as so
from argmap.model.edit_checks import EditError, built
from argmap.model.structure import View

WHOLE = "(the whole map)"


def pick_view(parent: QWidget, document: Document, state: ViewState) -> None:
    """Ask which saved view the diagram shows."""
    names = [WHOLE, *(v.name for v in document.map.views)]
    if len(names) == 1:
        document.error.emit("This map has no saved views yet (View ▸ Save View…)")
        return
    current = names.index(state.saved_view) if state.saved_view in names else 0
    name, ok = QInputDialog.getItem(parent, "Saved View", "Show:", names, current, False)
    if ok:
        state.set_saved_view(None if name == WHOLE else name)


class SaveViewDialog(QDialog):
    """A view's name, the tags it shows, the sections it hides, and whether it leaves
    out disconnected statements."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Save View")
        self.name = QLineEdit()
        self.name.setAccessibleName("View name")
        self.tags = QLineEdit()
        self.tags.setAccessibleName("Tags to show")
        self.tags.setPlaceholderText("comma, separated (empty: every node)")
        self.sections = QListWidget()
        self.sections.setAccessibleName("Sections to hide")
        for section in document.map.sections:
            item = QListWidgetItem(section.title)
            item.setData(Qt.ItemDataRole.UserRole, section.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.sections.addItem(item)
        self.disconnected = QCheckBox("Leave out statements with no relation")
        form = QFormLayout(self)
        form.addRow("Name", self.name)
        form.addRow("Show tags", self.tags)
        form.addRow("Hide sections", self.sections)
        form.addRow("", self.disconnected)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def view(self) -> dict[str, object]:
        hidden = []
        for row in range(self.sections.count()):
            item = self.sections.item(row)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                hidden.append(item.data(Qt.ItemDataRole.UserRole))
        return {
            "name": self.name.text().strip(),
            "tags": tuple(
                dict.fromkeys(t.strip() for t in self.tags.text().split(",") if t.strip())
            ),
            "hidden_sections": tuple(hidden),
            "hide_disconnected": self.disconnected.isChecked(),
        }


def save_view(parent: QWidget, document: Document, state: ViewState) -> None:
    """Ask for a view and save it in the map (one undo step); the diagram shows it."""
    dialog = SaveViewDialog(document, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        fields = dialog.view()
    finally:
        dialog.deleteLater()
    try:
        view = built(View, fields)
    except EditError as exc:
        document.error.emit(f"The view was not saved: {exc}")
        return
    if document.edit("Save View", so.save_view, view) is not None:
        state.set_saved_view(view.name)


def delete_view(parent: QWidget, document: Document, state: ViewState) -> None:
    """Ask which saved view to delete, and delete it from the map (one undo step); a
    diagram that showed it shows the whole map."""
    names = [v.name for v in document.map.views]
    if not names:
        document.error.emit("This map has no saved views to delete")
        return
    current = names.index(state.saved_view) if state.saved_view in names else 0
    name, ok = QInputDialog.getItem(parent, "Delete View", "Delete:", names, current, False)
    if ok and document.edit("Delete View", so.delete_view, name) is not None:
        if state.saved_view == name:
            state.set_saved_view(None)
