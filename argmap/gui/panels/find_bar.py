"""The find bar under the diagram: Edit ▸ Find in Map (Ctrl+F).

It finds as one types (gui/controllers/finding.py does the finding): Enter or F3 goes
to the next match, Shift+Enter or Shift+F3 to the previous one, and Escape closes the
bar, clears the highlights and gives the focus back to where it was.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from argmap.gui.common.keys import keep_typing_keys
from argmap.gui.controllers.finding import Finder

K = QKeySequence.StandardKey


class FindField(QLineEdit):
    """The query: its keys step through the matches or close the bar."""

    next_asked = Signal()
    previous_asked = Signal()
    close_asked = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if (enter and shift) or event.matches(K.FindPrevious):
            self.previous_asked.emit()
        elif enter or event.matches(K.FindNext):
            self.next_asked.emit()
        elif event.key() == Qt.Key.Key_Escape:
            self.close_asked.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()


class FindBar(QWidget):
    def __init__(self, finder: Finder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finder = finder
        self.field = FindField()
        self.field.setPlaceholderText("Find in the map: texts, titles, notes, tags")
        self.field.setAccessibleName("Find in map")
        self.field.setClearButtonEnabled(True)
        keep_typing_keys(self.field)  # Insert, Delete… are typed here, not window commands
        self.count = QLabel()
        self.count.setAccessibleName("Matches")
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance("0000 of 0000"))
        self.previous_button = self._button("▲", "Previous match (Shift+Enter, Shift+F3)")
        self.next_button = self._button("▼", "Next match (Enter, F3)")
        self.close_button = self._button("✕", "Close the find bar (Escape)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        for button in (self.previous_button, self.next_button, self.close_button):
            layout.addWidget(button)
        self._return_to: QWidget | None = None  # where the focus was before the bar opened

        self.field.textChanged.connect(finder.search)
        self.field.next_asked.connect(lambda: self.step(forward=True))
        self.field.previous_asked.connect(lambda: self.step(forward=False))
        self.field.close_asked.connect(self.close_bar)
        self.next_button.clicked.connect(lambda: self.step(forward=True))
        self.previous_button.clicked.connect(lambda: self.step(forward=False))
        self.close_button.clicked.connect(self.close_bar)
        finder.counted.connect(self.count.setText)
        self.hide()

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the focus stays in the field
        return button

    def open(self) -> None:
        """Show the bar with the focus in its field, the last query selected (and found
        again, highlighted) so that typing replaces it."""
        focus = QApplication.focusWidget()
        if focus is not None and not self.isAncestorOf(focus):
            self._remember(focus)
        if not self.isVisible():
            self.show()
            if self.field.text():
                self.finder.search(self.field.text())
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def step(self, forward: bool) -> None:
        """Find Next / Previous: the bar opens first if it is closed."""
        if not self.isVisible():
            self.open()
        self.finder.step(forward)

    def close_bar(self) -> None:
        if not self.isVisible():
            return
        focus = QApplication.focusWidget()
        had_focus = focus is not None and self.isAncestorOf(focus)
        self.hide()
        self.finder.stop()
        back, self._return_to = self._return_to, None
        if had_focus and back is not None and back.isVisible():
            back.setFocus(Qt.FocusReason.OtherFocusReason)

    def _remember(self, widget: QWidget) -> None:
        if self._return_to is not None:
            self._return_to.destroyed.disconnect(self._forget)
        self._return_to = widget
        widget.destroyed.connect(self._forget)

    def _forget(self, gone: QObject | None = None) -> None:
        self._return_to = None
