"""Every command of the app as a QAction: text, icon, shortcuts, tooltip and status tip."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QStyle, QWidget

from argmap.gui.common.icons import action_icon

Keys = Sequence[QKeySequence | QKeySequence.StandardKey | str]


def make_action(
    parent: QWidget,
    text: str,
    slot: Callable[[], object],
    keys: Keys = (),
    tip: str = "",
    icon: QIcon | None = None,
) -> QAction:
    """An action whose tooltip names its shortcut, as menus do."""
    action = QAction(text, parent)
    sequences: list[QKeySequence] = []
    for key in keys:
        if isinstance(key, QKeySequence.StandardKey):
            sequences.extend(QKeySequence.keyBindings(key))
        else:
            sequences.append(QKeySequence(key))
    if sequences:
        action.setShortcuts(sequences)
    plain = text.replace("&", "").rstrip("…")
    shortcut = sequences[0].toString(QKeySequence.SequenceFormat.NativeText) if sequences else ""
    action.setToolTip(f"{plain} ({shortcut})" if shortcut else plain)
    action.setStatusTip(tip or plain)
    if icon is not None:
        action.setIcon(icon)
    action.triggered.connect(lambda checked=False: slot())
    return action


def standard_icon(widget: QWidget, theme_name: str, fallback: QStyle.StandardPixmap) -> QIcon:
    return QIcon.fromTheme(theme_name, widget.style().standardIcon(fallback))


def own_icon(name: str) -> QIcon:
    return action_icon(name)
