"""The node inspector: text, kind, tags, note and source paragraphs of the current node.

Typing in one field merges into one undo step (the merge key names node and
field); leaving the field closes the step.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from argmap.gui.common.keys import keep_typing_keys
from argmap.gui.controllers.editing import EditController
from argmap.gui.document.selection import Selection
from argmap.gui.document.wrapper import Document
from argmap.gui.panels.map_style import MapStyleFields
from argmap.gui.panels.structure_fields import StructureFields
from argmap.model import Acceptance, ArgumentMap, Change, Force, Relation, SourceRef, ops
from argmap.model.consistency import has_inference
from argmap.model.evaluation import Verdict, explainer
from argmap.model.roles import ROLE_NAMES, role_of

KINDS = ("claim", "support", "rebuttal", "undercut")
ACCEPTANCE = (
    ("not assessed", None),
    ("accepted", Acceptance.ACCEPTED),
    ("rejected", Acceptance.REJECTED),
    ("undecided", Acceptance.UNDECIDED),
)
FORCE = (
    ("not assessed", None),
    ("strong", Force.STRONG),
    ("weak", Force.WEAK),
    ("no force", Force.NONE),
)


def paragraph_list(refs: tuple[SourceRef, ...]) -> str:
    """Each cited paragraph once, in the order first cited: '3, 1' for spans in 3, 1, 1."""
    return ", ".join(str(p) for p in dict.fromkeys(r.paragraph for r in refs))


def refs_for(base: tuple[SourceRef, ...], numbers: tuple[int, ...]) -> tuple[SourceRef, ...]:
    """The references of `base` whose paragraph is still listed, in their order and with
    their spans, then a paragraph-only reference for each newly listed number."""
    listed = set(numbers)
    cited = {r.paragraph for r in base}
    kept = tuple(r for r in base if r.paragraph in listed)
    return kept + tuple(SourceRef(paragraph=p) for p in numbers if p not in cited)


def parse_paragraphs(text: str) -> tuple[int, ...] | None:
    """'3, 5 7' -> (3, 5, 7); None when the text is not a list of paragraph numbers."""
    parts = [p for p in re.split(r"[,\s;]+", text.strip()) if p]
    if not all(p.isdigit() and int(p) >= 1 for p in parts):
        return None
    return tuple(dict.fromkeys(int(p) for p in parts))


class _FocusOut(QObject):
    """Leaving a field closes its undo step (and tells the inspector which field it was)."""

    def __init__(self, document: Document, left: Callable[[QObject], None]) -> None:
        super().__init__(document)
        self.document = document
        self.left = left

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusOut:
            self.document.end_typing()
            self.left(watched)
        return False


#: the inspector's fields shown at the least (pixels below its heading); the rest scrolls
MIN_ROWS_HIGH = 150


class Inspector(QWidget):
    def __init__(
        self,
        document: Document,
        selection: Selection,
        editor: EditController,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.selection = selection
        self.editor = editor
        self._node_id: str | None = None
        self._updating = False
        # the references the paragraph field edits from: the node's references when the
        # user started typing there, so a number typed away and back keeps its spans;
        # and the references the field shows (typed there or set from the node)
        self._refs_base: tuple[SourceRef, ...] | None = None
        self._refs_shown: tuple[SourceRef, ...] | None = None
        self._make_fields()
        self._lay_out()
        self._connect()
        self.show_node(None)

    def _make_fields(self) -> None:
        self.heading = QLabel("No node selected")
        self.heading.setWordWrap(True)
        self.title = QLineEdit()
        self.title.setPlaceholderText("a short name, drawn in bold above the text")
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("What the node claims, in your own words")
        self.text.setMinimumHeight(60)
        self.text.setMaximumHeight(90)  # the fields scroll; the text does not take them all
        self.kind = QComboBox()
        self.kind.addItems([k.capitalize() for k in KINDS])
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("comma, separated")
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText("Your remarks; not drawn on the map")
        self.note.setMaximumHeight(60)
        self.acceptance = QComboBox()
        for label, acceptance in ACCEPTANCE:
            self.acceptance.addItem(label, acceptance)
        self.force = QComboBox()
        for label, force in FORCE:
            self.force.addItem(label, force)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        # the verdict depends on the whole map: recomputed once edits pause, not per keystroke
        self._verdict_timer = QTimer(self)
        self._verdict_timer.setSingleShot(True)
        self._verdict_timer.setInterval(250)
        self._verdict_timer.timeout.connect(self.show_verdict)
        # the map last evaluated and its explanations: maps are immutable, so the same
        # object is the same map, and selecting another node of it evaluates nothing
        self._explained: tuple[ArgumentMap, Callable[[str], Verdict]] | None = None
        self.verdict.setAccessibleName("Computed verdict")
        self.paragraphs = QLineEdit()
        self.paragraphs.setPlaceholderText("paragraph numbers, e.g. 3, 5")
        self.structure = StructureFields(self.document, self)
        self.map_style = MapStyleFields(self.document, self)
        for widget, name in (
            (self.title, "Title"),
            (self.text, "Node text"),
            (self.kind, "Kind"),
            (self.tags, "Tags"),
            (self.note, "Note"),
            (self.paragraphs, "Source paragraphs"),
            (self.acceptance, "Assessment"),
            (self.force, "Force of the reason"),
        ):
            widget.setAccessibleName(name)
        self._focus_out = _FocusOut(self.document, self._field_left)
        for widget in (self.title, self.text, self.tags, self.note, self.paragraphs):
            widget.installEventFilter(self._focus_out)
        keep_typing_keys(self.title, self.text, self.tags, self.note, self.paragraphs)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("Title", self.title)
        form.addRow("&Text", self.text)
        form.addRow("&Kind", self.kind)
        form.addRow("", self.structure.argument)
        form.addRow("Section", self.structure.section_row)
        tags_label = QLabel("Ta&gs")
        tags_label.setBuddy(self.tags)  # the field, not the row holding it and Colours…
        form.addRow(tags_label, self.structure.tags_row(self.tags))
        form.addRow("&Note", self.note)
        form.addRow("So&urce ¶", self.paragraphs)
        form.addRow("Assess&ment", self.acceptance)
        form.addRow("Force", self.force)  # no letter of it is free
        form.addRow("Verdict", self.verdict)
        self._form = form
        self._node_fields = QWidget()  # hidden while no node is selected: the map's own show
        self._node_fields.setLayout(form)
        form.setContentsMargins(0, 0, 0, 0)
        fields = QWidget()
        layout = QVBoxLayout(fields)
        layout.addWidget(self.heading)
        layout.addWidget(self._node_fields)
        layout.addWidget(self.map_style)
        layout.addWidget(self.structure.editor)
        layout.addStretch(1)
        # an argument's structure and questions make the fields tall: they scroll
        # instead of making the window taller than the screen
        self._fields = fields
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(fields)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def sizeHint(self) -> QSize:  # noqa: N802
        """As large as the fields want (the dock gives what room there is; they scroll)."""
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        wanted = self._fields.sizeHint()
        return QSize(wanted.width() + bar, wanted.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """As wide as the fields need, so nothing is cut at the side; as high as the heading
        and a few rows: in a low window (700 pixels) the rest scrolls, nothing is cut."""
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        high = self.heading.sizeHint().height() + MIN_ROWS_HIGH
        return QSize(self._fields.minimumSizeHint().width() + bar, high)

    def _connect(self) -> None:
        self.title.textEdited.connect(self._title_edited)
        self.text.textChanged.connect(self._text_edited)
        self.note.textChanged.connect(self._note_edited)
        self.tags.textEdited.connect(self._tags_edited)
        self.paragraphs.textEdited.connect(self._paragraphs_edited)
        self.kind.activated.connect(self._kind_chosen)
        self.acceptance.activated.connect(
            lambda row: self._assess("acceptance", self.acceptance.itemData(row))
        )
        self.force.activated.connect(lambda row: self._assess("force", self.force.itemData(row)))
        self.selection.current_changed.connect(self.show_node)
        self.document.changed.connect(self._on_changed)
        self.document.reset.connect(lambda: self.show_node(self.selection.current))

    # -- showing ----------------------------------------------------------------------
    def show_node(self, node_id: str | None) -> None:
        if node_id != self._node_id:
            self._refs_base = self._refs_shown = None
        self._node_id = node_id
        node = self.document.map.nodes.get(node_id) if node_id else None
        self.structure.show_node(node)
        for widget in (
            self.title,
            self.text,
            self.kind,
            self.tags,
            self.note,
            self.paragraphs,
            self.acceptance,
        ):
            widget.setEnabled(node is not None)
        self.force.setEnabled(node is not None and node.parent is not None)
        self._node_fields.setVisible(node is not None)
        self.map_style.setVisible(node is None)
        self._updating = True
        try:
            if node is None:
                self.heading.setText("No node selected: the map")
                for edit in (self.text, self.note):
                    edit.setPlainText("")
                for line in (self.title, self.tags, self.paragraphs):
                    line.setText("")
                self.verdict.setText("")
                return
            role = ROLE_NAMES[role_of(self.document.map, node)]
            self.heading.setText(f"{role.capitalize()} <code>{node.id}</code>")
            self._set_line(self.title, node.title)
            self._set_plain(self.text, node.text)
            self._set_plain(self.note, node.note)
            self._set_line(self.tags, ", ".join(node.tags))
            if node.refs != self._refs_shown:  # another node, or changed elsewhere (undo, Cite)
                self._refs_base = None
                self._refs_shown = node.refs
                self.paragraphs.setText(paragraph_list(node.refs))
                self.paragraphs.setStyleSheet("")
            self.kind.setCurrentIndex(KINDS.index(node.kind.value))
            self.acceptance.setCurrentIndex(max(0, self.acceptance.findData(node.acceptance)))
            self.force.setCurrentIndex(max(0, self.force.findData(node.force)))
            self._verdict_timer.start()
            model = self.kind.model()
            assert isinstance(model, QStandardItemModel)  # a combo box's own model
            for row, kind in enumerate(KINDS):  # a top-level claim relates to nothing
                item = model.item(row)
                parent = self.document.map.nodes.get(node.parent or "")
                usable = kind == "claim" or node.parent is not None
                item.setEnabled(usable and (kind != "undercut" or has_inference(parent)))
        finally:
            self._updating = False

    @staticmethod
    def _set_plain(edit: QPlainTextEdit, text: str) -> None:
        old = edit.toPlainText()
        if old != text:  # the caret kept among the words: carried past others' typing
            from argmap.share.texts import carry_index

            caret = _index(old, edit.textCursor().position())
            edit.setPlainText(text)
            moved = edit.textCursor()
            moved.setPosition(_position(text, carry_index(old, text, caret)))
            edit.setTextCursor(moved)

    @staticmethod
    def _set_line(line: QLineEdit, text: str) -> None:
        if line.text() != text and not line.hasFocus():
            line.setText(text)

    def _on_changed(self, old: ArgumentMap, new: ArgumentMap, change: Change) -> None:
        if self._node_id is not None and self._node_id in new.nodes:
            self.show_node(self._node_id)

    # -- editing ----------------------------------------------------------------------
    def _edit(self, label: str, field: str, **changes: object) -> None:
        if self._updating or self._node_id is None:
            return
        self.document.edit_typing(
            label, (self._node_id, field), ops.edit_node, self._node_id, **changes
        )

    def _title_edited(self, value: str) -> None:
        self._edit("Edit Title", "title", title=value)

    def _text_edited(self) -> None:
        self._edit("Edit Text", "text", text=self.text.toPlainText())

    def _note_edited(self) -> None:
        self._edit("Edit Note", "note", note=self.note.toPlainText())

    def _tags_edited(self, value: str) -> None:
        tags = tuple(dict.fromkeys(t.strip() for t in value.split(",") if t.strip()))
        self._edit("Edit Tags", "tags", tags=tags)

    def _paragraphs_edited(self, value: str) -> None:
        numbers = parse_paragraphs(value)
        self.paragraphs.setStyleSheet("" if numbers is not None else "color: #c62828")
        if numbers is None or self._node_id is None:
            return
        node = self.document.map.nodes[self._node_id]
        if self._refs_base is None:
            self._refs_base = node.refs
        self._refs_shown = refs_for(self._refs_base, numbers)
        self._edit("Edit Source", "refs", refs=self._refs_shown)

    def _field_left(self, field: QObject) -> None:
        """Leaving the paragraph field ends its edit: show the list as it now is."""
        if field is not self.paragraphs:
            return
        self._refs_base = self._refs_shown = None
        node = self.document.map.nodes.get(self._node_id) if self._node_id else None
        if node is not None:
            self.paragraphs.setText(paragraph_list(node.refs))
            self.paragraphs.setStyleSheet("")

    def show_verdict(self) -> None:
        node_id = self._node_id
        if node_id is None or node_id not in self.document.map.nodes:
            self.verdict.setText("")
            return
        m = self.document.map
        if self._explained is None or self._explained[0] is not m:
            self._explained = (m, explainer(m))
        self.verdict.setText(self._explained[1](node_id).why)

    def _assess(self, field: str, value: object) -> None:
        if self._updating or self._node_id is None:
            return
        label = "Assess" if field == "acceptance" else "Weigh Reason"
        self.document.edit(label, ops.edit_node, self._node_id, **{field: value})

    def _kind_chosen(self, row: int) -> None:
        if self._updating or self._node_id is None:
            return
        kind = KINDS[row]
        if kind == "claim":
            self.editor.make_claim()
        else:
            relation = {"support": Relation.SUPPORTS, "rebuttal": Relation.REBUTS}
            self.editor.set_relation(relation.get(kind, Relation.UNDERCUTS))
        self.show_node(self.selection.current)

    def focus_text(self) -> None:
        self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text.selectAll()


def _index(text: str, position: int) -> int:
    """A Qt text position (UTF-16 units) as an index into `text`."""
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def _position(text: str, index: int) -> int:
    """An index into `text` as a Qt text position (UTF-16 units)."""
    return sum(2 if ord(char) > 0xFFFF else 1 for char in text[:index])
