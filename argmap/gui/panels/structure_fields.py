"""The inspector's fields for a node's place in the map's structure: whether it is an
argument (and then its structure, scheme and questions), its section, and the button
that opens the map's tag palette.  Each change is one undo step (model/structure_ops)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QWidget,
)

from argmap.gui.document.wrapper import Document
from argmap.gui.panels.argument_editor import ArgumentEditor
from argmap.gui.panels.tag_palette import TagPalette
from argmap.model import ArgumentMap, Node
from argmap.model import structure_ops as so


def section_choices(m: ArgumentMap) -> list[tuple[str, str | None]]:
    """(shown name, section id) of every section, nested ones indented, "none" first."""
    children: dict[str | None, list[str]] = {}
    none: list[str] = []
    titles = {s.id: s.title for s in m.sections}
    for heading in m.sections:
        children.setdefault(heading.parent, []).append(heading.id)
    out: list[tuple[str, str | None]] = [("(none)", None)]
    stack = [(c, 0) for c in reversed(children.get(None, none))]
    while stack:
        section, depth = stack.pop()
        out.append(("    " * depth + titles[section], section))
        stack += [(c, depth + 1) for c in reversed(children.get(section, none))]
    return out


class StructureFields:
    """Widgets the inspector lays out; `show_node` keeps them in step with the map."""

    def __init__(self, document: Document, parent: QWidget) -> None:
        self.document = document
        self.parent = parent
        self.node_id: str | None = None
        self._updating = False
        self.argument = QCheckBox("An argument, not a statement")
        self.argument.setToolTip("An argument has premises and a conclusion; a statement has not")
        self.argument.setAccessibleName("Argument")
        self.section = QComboBox()
        self.section.setAccessibleName("Section")
        self.new_section = QPushButton("New Section…")
        self.section_row = QWidget()
        row = QHBoxLayout(self.section_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.section, 1)
        row.addWidget(self.new_section)
        self.colours = QPushButton("Colours…")
        self.colours.setToolTip("The map's tag colours: a colour for each tag, or none")
        self.colours.setAccessibleName("Tag colours")
        self.palette: TagPalette | None = None
        self.editor = ArgumentEditor(document, parent)
        self.argument.clicked.connect(self._argument_toggled)
        self.section.activated.connect(self._section_chosen)
        self.new_section.clicked.connect(self._add_section)
        self.colours.clicked.connect(self.open_palette)

    def tags_row(self, tags: QLineEdit) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(tags, 1)
        row.addWidget(self.colours)
        return box

    def show_node(self, node: Node | None) -> None:
        self.node_id = node.id if node is not None else None
        for widget in (self.argument, self.section, self.new_section):
            widget.setEnabled(node is not None)
        self._updating = True
        try:
            self.argument.setChecked(node is not None and node.argument is not None)
            self.section.clear()
            for name, section in section_choices(self.document.map):
                self.section.addItem(name, section)
            if node is not None:
                self.section.setCurrentIndex(max(0, self.section.findData(node.section)))
        finally:
            self._updating = False
        self.editor.show_argument(self.node_id)

    def _argument_toggled(self, checked: bool) -> None:
        if self.node_id is not None and not self._updating:
            label = "Make Argument" if checked else "Make Statement"
            if self.document.edit(label, so.set_argument, self.node_id, checked) is None:
                self.argument.setChecked(not checked)

    def _section_chosen(self, row: int) -> None:
        if self.node_id is None or self._updating:
            return
        self.document.edit(
            "Move to Section", so.set_section, [self.node_id], self.section.itemData(row)
        )

    def _add_section(self) -> None:
        if self.node_id is None:
            return
        title, ok = QInputDialog.getText(self.parent, "New Section", "Title of the section:")
        if not ok or not title.strip():
            return
        inside = self.section.currentData()
        self.document.edit("New Section", so.add_section, title, inside, [self.node_id])

    def open_palette(self) -> TagPalette:
        """Show the tag palette (one window, raised when already open)."""
        if self.palette is None:
            self.palette = TagPalette(self.document, self.parent)
        self.palette.show()
        self.palette.raise_()
        self.palette.activateWindow()
        return self.palette
