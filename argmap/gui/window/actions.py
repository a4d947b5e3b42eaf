"""The command table made into QActions: one typed object the window owns, looked up by
command id, whose enabled and checked states are decided in one place."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDockWidget, QWidget

from argmap.gui.common.icons import action_icon, glyph_icon, zoom_icon
from argmap.gui.document.view_state import ViewState
from argmap.gui.window.command_table import command_table
from argmap.gui.window.commands import Command, Icon, Rule, Targets, sequences
from argmap.model import ArgumentMap, Relation
from argmap.model.consistency import has_inference


def rule_values(m: ArgumentMap, current: str | None, path: Path | None) -> dict[Rule, bool]:
    """Whether each enable rule holds for this map, selected node and file."""
    node = m.nodes.get(current) if current else None
    return {
        "always": True,
        "node": current is not None,
        "child": node is not None and node.parent is not None,
        "saved": path is not None,
        "inference": has_inference(node),
        "reason": node is not None and node.relation in (Relation.SUPPORTS, Relation.REBUTS),
    }


def make_icon(widget: QWidget, icon: Icon) -> QIcon:
    if icon.kind == "theme":
        assert icon.fallback is not None  # a theme icon always names its fallback
        return QIcon.fromTheme(icon.name, widget.style().standardIcon(icon.fallback))
    if icon.kind == "glyph":
        return glyph_icon(icon.name)
    if icon.kind == "zoom":
        return zoom_icon(icon.name)
    return action_icon(icon.name)


def describe(action: QAction, command: Command, keys: list[QKeySequence]) -> None:
    """The tooltip names the first shortcut, as menus do; the status tip says what it does."""
    plain = command.text.replace("&", "").rstrip("…")
    shortcut = keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""
    action.setToolTip(f"{plain} ({shortcut})" if shortcut else plain)
    action.setStatusTip(command.tip or plain)


def make_action(parent: QWidget, command: Command, targets: Targets) -> QAction:
    action = QAction(command.text, parent)
    keys = sequences(command.keys)
    if keys:
        action.setShortcuts(keys)
    describe(action, command, keys)
    if command.icon is not None:
        action.setIcon(make_icon(parent, command.icon))
    run, toggle = command.run, command.toggle
    if toggle is not None:
        action.setCheckable(True)
        action.triggered.connect(lambda checked=False: toggle(targets, checked))
    elif run is not None:
        action.triggered.connect(lambda checked=False: run(targets))
    return action


def stack_action(parent: QWidget, command: Command, stack: QUndoStack) -> QAction:
    """Undo or redo: Qt's own actions, which follow the stack (text and enabled state)."""
    make = stack.createUndoAction if command.stack == "undo" else stack.createRedoAction
    action = make(parent, command.text)
    keys = sequences(command.keys)
    action.setShortcuts(keys)
    if command.icon is not None:
        action.setIcon(make_icon(parent, command.icon))
    describe(action, command, keys)
    return action


class Actions:
    """Every command of the window as a QAction, in table order, by id."""

    def __init__(
        self,
        parent: QWidget,
        targets: Targets,
        stack: QUndoStack,
        table: tuple[Command, ...] | None = None,
    ) -> None:
        self.commands = command_table() if table is None else table
        self._actions: dict[str, QAction] = {}
        self.groups: dict[str, QActionGroup] = {}
        for command in self.commands:
            if command.id in self._actions:
                raise ValueError(f"two commands have the id {command.id!r}")
            action = self._actions[command.id] = (
                stack_action(parent, command, stack)
                if command.stack is not None
                else make_action(parent, command, targets)
            )
            if command.group is not None:
                if command.group not in self.groups:
                    self.groups[command.group] = QActionGroup(parent)  # exclusive
                self.groups[command.group].addAction(action)

    def __getitem__(self, command_id: str) -> QAction:
        return self._actions[command_id]

    def __iter__(self) -> Iterator[QAction]:
        return iter(self._actions.values())

    def __len__(self) -> int:
        return len(self._actions)

    def enable(self, values: Mapping[Rule, bool]) -> None:
        """Enable each command by its rule; "always" commands (and undo/redo, which the
        stack enables) are left as they are."""
        for command in self.commands:
            if command.enabled_when != "always":
                self._actions[command.id].setEnabled(values[command.enabled_when])

    def follow_panels(self, docks: Mapping[str, QDockWidget]) -> None:
        """Check each panel command while its dock is shown: it follows the dock's own
        toggle action, which Qt keeps in step (closing the dock unchecks it)."""
        for command in self.commands:
            if command.panel is not None:
                own = docks[command.panel].toggleViewAction()
                action = self._actions[command.id]
                action.setChecked(own.isChecked())
                own.toggled.connect(action.setChecked)

    def show_view(self, state: ViewState) -> None:
        """Check the commands whose state is the view state's."""
        for command in self.commands:
            if command.checked_when is not None:
                self._actions[command.id].setChecked(command.checked_when(state))
