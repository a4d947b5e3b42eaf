"""The map itself, in the inspector when no node is selected: its title and description,
and its layout — automatic (the drawing is fitted to the page and the window) or pinned
to a strategy and direction.  Typing in a field is one undo step; a choice is one."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from argmap.gui.document.wrapper import Document
from argmap.model import ArgumentMap, Change, ops

LAYOUT_NAMES = (
    ("Automatic (fit the page and the window)", "auto"),
    ("Tree", "tree"),
    ("Tree, wide fans in 2 rows", "rows2"),
    ("Tree, wide fans in 3 rows", "rows3"),
    ("Tree, wide fans in 4 rows", "rows4"),
    ("Tree, wide fans in 6 rows", "rows6"),
    ("Tree, wide fans in 8 rows", "rows8"),
    ("Tree, wide fans in 12 rows", "rows12"),
    ("Tree, wide fans in 16 rows", "rows16"),
)
DIRECTION_NAMES = (("Top to bottom", "TB"), ("Left to right", "LR"))


class MapStyleFields(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._showing = False  # the fields are being set from the map: not an edit
        self.document = document
        self.title = QLineEdit()
        self.title.setAccessibleName("Map title")
        self.title.setPlaceholderText("what the map is about, drawn above it")
        self.description = QPlainTextEdit()
        self.description.setAccessibleName("Map description")
        self.description.setPlaceholderText("a few words on the map: its text, its purpose")
        self.description.setMaximumHeight(70)
        self.description.setTabChangesFocus(True)
        self.layout_choice = QComboBox()
        self.layout_choice.setAccessibleName("Map layout")
        for text, value in LAYOUT_NAMES:
            self.layout_choice.addItem(text, value)
        self.direction = QComboBox()
        self.direction.setAccessibleName("Map direction")
        for text, value in DIRECTION_NAMES:
            self.direction.addItem(text, value)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(QLabel("<b>The map</b>"))
        form.addRow("Title", self.title)
        form.addRow("Description", self.description)
        form.addRow(QLabel("<b>The map's layout</b>"))
        form.addRow("Layout", self.layout_choice)
        form.addRow("Direction", self.direction)
        form.addRow(self.hint)
        self.title.textEdited.connect(lambda text: self._typed("Map Title", "title", text))
        self.description.textChanged.connect(
            lambda: self._typed("Map Description", "description", self.description.toPlainText())
        )
        self.title.editingFinished.connect(document.end_typing)
        self.layout_choice.activated.connect(self._chosen)
        self.direction.activated.connect(self._chosen)
        document.changed.connect(self._on_changed)
        document.reset.connect(self.refresh)
        self.refresh()

    def _typed(self, label: str, field: str, text: str) -> None:
        if self._showing or getattr(self.document.map, field) == text:
            return
        if field == "title":
            self.document.edit_typing(label, ("map", field), ops.set_map_fields, title=text)
        else:
            self.document.edit_typing(label, ("map", field), ops.set_map_fields, description=text)

    def refresh(self) -> None:
        m = self.document.map
        self._showing = True
        try:
            if self.title.text() != m.title and not self.title.hasFocus():
                self.title.setText(m.title)
                self.title.setCursorPosition(0)  # a long title shows its start
            if self.description.toPlainText() != m.description:
                self.description.setPlainText(m.description)
        finally:
            self._showing = False
        style = self.document.map.style
        self.layout_choice.setCurrentIndex(max(0, self.layout_choice.findData(style.layout)))
        shown = style.fit.direction if style.layout == "auto" and style.fit else style.direction
        self.direction.setCurrentIndex(max(0, self.direction.findData(shown)))
        self.direction.setEnabled(style.layout != "auto")
        if style.layout == "auto":
            chosen = f" (now {style.fit.strategy}, {style.fit.direction})" if style.fit else ""
            self.hint.setText(
                "argmap chooses how to lay the map out so that its text is largest"
                f"{chosen}. View ▸ Re-layout to Fit chooses again for the window."
            )
        else:
            self.hint.setText("Pinned: exports and the diagram keep this layout.")

    def _on_changed(self, old: ArgumentMap, new: ArgumentMap, change: Change) -> None:
        if (old.style, old.title, old.description) != (new.style, new.title, new.description):
            self.refresh()

    def _chosen(self, _row: int = 0) -> None:
        style = self.document.map.style
        layout, direction = self.layout_choice.currentData(), self.direction.currentData()
        changed: dict[str, object]
        if layout == "auto":
            changed = {"layout": "auto"}
        else:
            changed = {"layout": layout, "direction": direction, "fit": None}
        chosen = style.model_copy(update=changed)
        if chosen != style:
            self.document.edit("Map Layout", ops.set_map_fields, style=chosen)
        self.refresh()
