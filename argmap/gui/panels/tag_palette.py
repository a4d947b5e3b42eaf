"""The map's tag palette: every tag with its colour swatch, a colour picked for it or
cleared, each one undo step (structure_ops.set_tag_color).  A small window opened from
the inspector; it follows the document, so undo and redo show at once."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from argmap.gui.document.wrapper import Document
from argmap.model import ArgumentMap, Change
from argmap.model import structure_ops as so


def palette_tags(m: ArgumentMap) -> list[str]:
    """The tags of the map's nodes and of its palette, each once, sorted as a reader looks
    for them (case aside)."""
    tags = {t for node in m.nodes.values() for t in node.tags} | set(m.tag_colors)
    return sorted(tags, key=lambda t: (t.casefold(), t))


def swatch(colour: str | None, size: int = 16) -> QIcon:
    """A square of the colour; an empty icon for no colour."""
    if colour is None:
        return QIcon()
    picture = QPixmap(size, size)
    picture.fill(QColor(colour))
    return QIcon(picture)


class TagPalette(QDialog):
    """Rows of tag, swatch (click to pick) and Clear."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWindowTitle("Tag Colours")
        self.setAccessibleName("Tag colours")
        self.rows = QWidget()
        self.grid = QGridLayout(self.rows)
        self.swatches: dict[str, QPushButton] = {}
        self.clears: dict[str, QPushButton] = {}
        self.empty = QLabel("No tags yet: give a node tags in the inspector.")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.rows)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Each tag's colour fills its nodes in the diagram."))
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(360, 320)
        document.changed.connect(self._on_changed)
        document.reset.connect(self.refresh)
        self.refresh()

    def _on_changed(self, old: ArgumentMap, new: ArgumentMap, change: Change) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the rows when the tags change; otherwise only the swatches."""
        m = self.document.map
        tags = palette_tags(m)
        if tags != list(self.swatches):
            self._rebuild(tags)
        for tag, button in self.swatches.items():
            colour = m.tag_colors.get(tag)
            button.setIcon(swatch(colour))
            button.setText(colour or "no colour")
            self.clears[tag].setEnabled(colour is not None)
        self.empty.setVisible(not tags)

    def _rebuild(self, tags: list[str]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.swatches.clear()
        self.clears.clear()
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 0)
        for row, tag in enumerate(tags):
            pick = QPushButton()
            pick.setAccessibleName(f"Colour of the tag {tag}")
            pick.setToolTip("Pick a colour")
            pick.clicked.connect(lambda _=False, t=tag: self.pick(t))
            clear = QPushButton("Clear")
            clear.setAccessibleName(f"Clear the colour of the tag {tag}")
            clear.clicked.connect(lambda _=False, t=tag: self.clear(t))
            self.grid.addWidget(QLabel(tag), row, 0)
            self.grid.addWidget(pick, row, 1)
            self.grid.addWidget(clear, row, 2)
            self.swatches[tag] = pick
            self.clears[tag] = clear
        self.grid.setRowStretch(len(tags), 1)
        self.grid.setColumnStretch(0, 1)

    def pick(self, tag: str) -> None:
        start = QColor(self.document.map.tag_colors.get(tag, "#ffffff"))
        colour = QColorDialog.getColor(start, self, f"Colour of the tag “{tag}”")
        if colour.isValid():
            self.document.edit("Tag Colour", so.set_tag_color, tag, colour.name())

    def clear(self, tag: str) -> None:
        self.document.edit("Clear Tag Colour", so.set_tag_color, tag, None)
