"""Keys that belong to a text field while it has focus.

Window shortcuts such as Insert (add support) or Ctrl+Enter (add sibling)
must not fire while the user is typing a node's text; a text field claims
them through Qt's ShortcutOverride.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

_COMMAND = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def claims_key(event: QKeyEvent) -> bool:
    """Plain typing keys (Insert, Delete, ...) and Enter with any modifier; never the
    function keys, which stay the window's (F1 help, F3 find next, F9 evaluation...)."""
    if Qt.Key.Key_F1.value <= event.key() <= Qt.Key.Key_F35.value:
        return False
    return event.key() in _ENTER or not (event.modifiers() & _COMMAND)


class TextKeys(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if claims_key(event):
                event.accept()
                return True
        return False


_FILTER: TextKeys | None = None


def keep_typing_keys(*widgets: QObject) -> None:
    global _FILTER
    if _FILTER is None:
        _FILTER = TextKeys()
    for widget in widgets:
        widget.installEventFilter(_FILTER)
