"""The source pane: the attached text with paragraph numbers, search, and the quoted spans
highlighted in the colour of their node's kind.

Model offsets are code points; Qt's text positions are UTF-16 units.  `Offsets`
converts between the two, so emoji and other characters outside the basic
plane never shift a highlight.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from argmap.gui.common.keys import keep_typing_keys
from argmap.gui.document.selection import Selection
from argmap.gui.document.wrapper import Document
from argmap.gui.panels.source_search import MAX_MATCHES, FoldedText, Search
from argmap.model import ArgumentMap
from argmap.model.roles import role_of
from argmap.model.source import paragraph_span, paragraphs
from argmap.render.themes import THEMES

UNSOURCED_SHOWN = 300  # the list is for finding work to do, not for ten thousand rows


class Offsets:
    """Code point offsets <-> Qt (UTF-16) positions for one text."""

    def __init__(self, text: str) -> None:
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def to_qt(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._astral, offset)

    def from_qt(self, position: int) -> int:
        low, high = 0, position
        while low < high:  # the largest offset whose Qt position is <= position
            mid = (low + high + 1) // 2
            if self.to_qt(mid) <= position:
                low = mid
            else:
                high = mid - 1
        return low


class _Gutter(QWidget):
    def __init__(self, view: SourceText) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.view.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        self.view.paint_gutter(event)


#: keys that act on the text while it has focus, never on the map's nodes: a read-only
#: text copies (Ctrl+C) and selects all (Ctrl+A); cutting, pasting and deleting do nothing
_TEXT_KEYS = (
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.SelectAll,
    QKeySequence.StandardKey.Delete,
)


class SourceText(QPlainTextEdit):
    """Read-only, word-wrapped text with ¶ numbers in the margin."""

    clicked_at = Signal(int)  # code point offset

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if any(event.matches(key) for key in _TEXT_KEYS) or event.key() in (
                Qt.Key.Key_Backspace,
                Qt.Key.Key_Delete,
            ):
                event.accept()  # the text's, not the window's: no node is cut or deleted
                return True
        return super().event(event)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setAccessibleName("Source text")
        self.offsets = Offsets("")
        self.text = ""
        self._starts: dict[int, int] = {}  # Qt block number -> paragraph number
        self.gutter = _Gutter(self)
        self.updateRequest.connect(self._update_gutter)
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def set_text(self, text: str) -> None:
        self.text = text
        self.offsets = Offsets(text)
        self.setPlainText(text)
        self._starts = {}
        document = self.document()
        for number, (start, _) in enumerate(paragraphs(text), 1):
            block = document.findBlock(self.offsets.to_qt(start))
            self._starts.setdefault(block.blockNumber(), number)
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def gutter_width(self) -> int:
        digits = len(str(max(self._starts.values(), default=9)))
        return 14 + self.fontMetrics().horizontalAdvance("¶" + "9" * digits)

    def _update_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        area = self.contentsRect()
        self.gutter.setGeometry(QRect(area.left(), area.top(), self.gutter_width(), area.height()))

    def paint_gutter(self, event: QPaintEvent) -> None:
        painter = QPainter(self.gutter)
        painter.fillRect(event.rect(), self.palette().alternateBase())
        painter.setPen(self.palette().placeholderText().color())
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        while block.isValid() and top <= event.rect().bottom():
            height = round(self.blockBoundingRect(block).height())
            number = self._starts.get(block.blockNumber())
            if number is not None and block.isVisible():
                painter.drawText(
                    0,
                    top,
                    self.gutter.width() - 6,
                    self.fontMetrics().height(),
                    Qt.AlignmentFlag.AlignRight,
                    f"¶{number}",
                )
            block = block.next()
            top += height
        painter.end()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        cursor = self.textCursor()
        if not cursor.hasSelection():
            self.clicked_at.emit(self.offsets.from_qt(cursor.position()))

    def selected_span(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.offsets.from_qt(cursor.selectionStart())
        end = self.offsets.from_qt(cursor.selectionEnd())
        return (start, end) if end > start else None

    def select_span(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def scroll_to(self, start: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(start))
        end_cursor = QTextCursor(cursor)
        end_cursor.movePosition(QTextCursor.MoveOperation.End)
        self.setTextCursor(end_cursor)  # scroll past, then back: the span ends up near the top
        self.ensureCursorVisible()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()


class _FindField(QLineEdit):
    """The find box: Enter finds the next match, Shift+Enter the previous one; editing
    keys (Insert, Ctrl+Enter...) stay in the field."""

    previous_asked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_typing_keys(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.previous_asked.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class SourcePane(QWidget):
    """The text, its highlights, search, and the list of nodes without a source."""

    node_chosen = Signal(str)

    def __init__(self, document: Document, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.selection = selection
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.attach_button = QPushButton("Attach Source Text…")
        self.view = SourceText()
        self.find_field = _FindField()
        self.find_field.setPlaceholderText("Find in source (Ctrl+Alt+F)")
        self.find_field.setClearButtonEnabled(True)
        self.find_field.setAccessibleName("Find in source")
        self.find_count = QLabel()
        previous, following = QToolButton(), QToolButton()
        previous.setText("◀")
        previous.setToolTip("Previous match (Shift+Enter)")
        following.setText("▶")
        following.setToolTip("Next match (Enter)")
        self.unsourced_toggle = QToolButton()
        self.unsourced_toggle.setCheckable(True)
        self.unsourced_toggle.setToolTip("List the nodes that cite no passage of the source")
        self.unsourced = QListWidget()
        self.unsourced.setAccessibleName("Nodes without a source")
        self.unsourced.hide()

        search = QHBoxLayout()
        search.addWidget(self.find_field, 1)
        search.addWidget(self.find_count)
        search.addWidget(previous)
        search.addWidget(following)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.title)
        layout.addWidget(self.attach_button)
        layout.addLayout(search)
        layout.addWidget(self.view, 3)
        layout.addWidget(self.unsourced_toggle)
        layout.addWidget(self.unsourced, 1)

        self.find_field.returnPressed.connect(self.find_next)
        self.find_field.previous_asked.connect(lambda: self.find_next(backward=True))
        self.find_field.textChanged.connect(self._highlight)
        following.clicked.connect(self.find_next)
        previous.clicked.connect(lambda: self.find_next(backward=True))
        self.unsourced_toggle.toggled.connect(self.unsourced.setVisible)
        self.unsourced_toggle.toggled.connect(lambda on: self._list_unsourced())
        self.unsourced.itemActivated.connect(self._unsourced_chosen)
        self.unsourced.itemClicked.connect(self._unsourced_chosen)
        self.view.clicked_at.connect(self._clicked)
        document.reset.connect(self.refresh)
        document.changed.connect(self._on_changed)
        selection.current_changed.connect(self.show_node)
        self._shown_text: str | None = None
        self._folded: FoldedText | None = None  # the text folded for search, once per text
        self._search: Search | None = None  # the find field's needle in that text
        self.refresh()

    # -- content ----------------------------------------------------------------------
    def refresh(self) -> None:
        m = self.document.map
        text = m.source.text
        self.attach_button.setVisible(text is None)
        if text is None:
            missing = f" (file {m.source.file} not found)" if m.source.file else ""
            self.title.setText(f"No source text attached{missing}.")
            self.view.set_text("")
            self._shown_text = None
        else:
            where = f" — beside the map: {m.source.file}" if m.source.file else ""
            self.title.setText(f"<b>{m.source.title or 'Source'}</b>{where}")
            if text != self._shown_text:
                self.view.set_text(text)
                self._shown_text = text
        self._highlight()
        self._list_unsourced()

    def _on_changed(self, old: ArgumentMap, new: ArgumentMap, change: object) -> None:
        if old.source != new.source:
            self.refresh()
            return
        self._highlight()
        self._list_unsourced()

    def _list_unsourced(self) -> None:
        """Count the nodes without a source; list them (the first few hundred) when shown."""
        m = self.document.map
        missing = [n for n, node in m.nodes.items() if not node.refs]
        review = [n for n, node in m.nodes.items() if any(r.review for r in node.refs)]
        flagged = f", {len(review)} to review" if review else ""
        self.unsourced_toggle.setText(f"Nodes without a source: {len(missing)}{flagged}")
        self.unsourced.clear()
        if not self.unsourced_toggle.isChecked():
            return
        order = {n: i for i, n in enumerate(m.tree.walk())}
        shown = 0
        for node_id in sorted(review, key=order.__getitem__) + sorted(
            missing, key=order.__getitem__
        ):
            if shown == UNSOURCED_SHOWN:
                self.unsourced.addItem(f"… and {len(review) + len(missing) - shown} more")
                break
            mark = "⚠ " if node_id in review else ""
            item = QListWidgetItem(f"{mark}{m.nodes[node_id].text[:80] or '(empty)'}")
            item.setData(Qt.ItemDataRole.UserRole, node_id)
            if mark:
                item.setToolTip("Its source passage changed: check and cite it again")
            self.unsourced.addItem(item)
            shown += 1

    def _unsourced_chosen(self, item: QListWidgetItem) -> None:
        node_id = item.data(Qt.ItemDataRole.UserRole)
        if node_id:
            self.node_chosen.emit(node_id)

    # -- highlights -------------------------------------------------------------------
    def spans(self) -> list[tuple[str, int, int, bool]]:
        """(node id, start, end, whole paragraph) for every reference the text can show."""
        m = self.document.map
        text = m.source.text
        if text is None:
            return []
        out = []
        for node_id in m.tree.walk():
            for ref in m.nodes[node_id].refs:
                if ref.start is not None and ref.end is not None and ref.end <= len(text):
                    out.append((node_id, ref.start, ref.end, False))
                elif (span := paragraph_span(text, ref.paragraph)) is not None:
                    out.append((node_id, span[0], span[1], True))
        return out

    def _highlight(self, *args: object) -> None:
        m = self.document.map
        selections = []
        current = self.selection.current
        looks = THEMES["default"].nodes
        for node_id, start, end, whole in self.spans():
            look = looks[role_of(m, m.nodes[node_id])]
            fmt = QTextCharFormat()
            colour = QColor(look.fill if node_id != current else look.border)
            if whole and node_id != current:
                colour.setAlpha(110)  # a paragraph-only reference: lighter
            fmt.setBackground(colour)
            if node_id == current:
                fmt.setForeground(QColor("white"))
            else:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(QColor(look.border))
            selections.append(self._extra(start, end, fmt))
        matches = self.matches()
        if self.find_field.text() and self.view.text:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor("#ffeb3b"))
            fmt.setForeground(QColor("black"))
            shown = matches[:MAX_MATCHES]
            selections.extend(self._extra(start, end, fmt) for start, end in shown)
            more = "+" if len(matches) > MAX_MATCHES else ""
            self.find_count.setText(f"{len(shown)}{more} found" if matches else "not found")
        else:
            self.find_count.setText("")
        self.view.setExtraSelections(selections)

    def _extra(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self.view.offsets.to_qt(start))
        cursor.setPosition(self.view.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    # -- both directions --------------------------------------------------------------
    def node_at(self, offset: int) -> str | None:
        """The node whose quoted words hold `offset` (the narrowest span wins)."""
        hits = [
            (end - start, whole, node_id)
            for node_id, start, end, whole in self.spans()
            if start <= offset < end
        ]
        return min(hits)[2] if hits else None

    def _clicked(self, offset: int) -> None:
        node_id = self.node_at(offset)
        if node_id is not None:
            self.node_chosen.emit(node_id)

    def show_node(self, node_id: str | None) -> None:
        self._highlight()
        if node_id is None:
            return
        for span_node, start, _end, _whole in self.spans():
            if span_node == node_id:
                self.view.scroll_to(start)
                return

    # -- search -----------------------------------------------------------------------
    def matches(self) -> list[tuple[int, int]]:
        """(start, end) of each highlighted match of the find field, in code points: the
        first MAX_MATCHES and one more, which only says that there are more."""
        search = self._current_search()
        return [] if search is None else search.first(MAX_MATCHES + 1)

    def _current_search(self) -> Search | None:
        needle = self.find_field.text()
        if not needle or not self.view.text:
            return None
        if self._folded is None or self._folded.text != self.view.text:
            self._folded = FoldedText(self.view.text)
        search = self._search
        if search is None or search.folded is not self._folded or search.needle != needle:
            search = self._search = Search(self._folded, needle)
        return search

    def find_next(self, backward: bool = False) -> bool:
        """Select the next match after the selection (or before it), wrapping around:
        every match in turn, highlighted or not."""
        search = self._current_search()
        if search is None:
            return False
        cursor = self.view.textCursor()
        if backward:
            found = search.before(self.view.offsets.from_qt(cursor.selectionStart()))
        else:
            found = search.after(self.view.offsets.from_qt(cursor.selectionEnd()))
        if found is None:
            return False
        self.view.select_span(*found)
        self.view.ensureCursorVisible()
        return True
