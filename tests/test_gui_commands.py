"""The command table: one row per command, laid out by id, and its keys."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from argmap.gui.window.actions import rule_values
from argmap.gui.window.command_table import command_table
from argmap.gui.window.commands import sequences
from argmap.gui.window.menus import MENU_BAR, Entry, command_ids, every_layout
from argmap.model import ArgumentMap, Relation, ops
from argmap.model import structure_ops as so

#: key sequences more than one command (or one command twice) answers to today;
#: issue 17 fixes these
KNOWN_SHARED_KEYS: dict[str, list[str]] = {}  # none: F1 is bound once (HelpContents is F1)


def test_command_ids_are_unique() -> None:
    ids = [command.id for command in command_table()]
    assert [i for i, n in Counter(ids).items() if n > 1] == []


@pytest.mark.parametrize(("name", "entries"), every_layout(), ids=lambda v: str(v)[:24])
def test_every_id_in_a_layout_is_a_command(name: str, entries: tuple[Entry, ...]) -> None:
    known = {command.id for command in command_table()}
    ids = command_ids(entries)
    assert ids, name
    assert [i for i in ids if i not in known] == [], name


def test_every_command_is_in_the_menu_bar() -> None:
    shown = set(command_ids(MENU_BAR))
    assert [c.id for c in command_table() if c.id not in shown] == []


def test_no_two_commands_share_a_key_sequence(qapp) -> None:
    users: dict[str, list[str]] = {}
    for command in command_table():
        for sequence in sequences(command.keys):
            text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            users.setdefault(text, []).append(command.id)
    shared = {key: ids for key, ids in users.items() if len(ids) > 1}
    assert shared == KNOWN_SHARED_KEYS


def test_a_checkable_command_has_no_plain_handler_and_every_command_runs_something() -> None:
    for command in command_table():
        handlers = [h for h in (command.run, command.toggle) if h is not None]
        assert len(handlers) == (0 if command.stack else 1), command.id
        if command.checked_when is not None:
            assert command.checkable, command.id


def test_the_window_makes_one_action_per_row_and_hangs_nothing_on_itself(window) -> None:
    table = command_table()
    assert len(window.commands) == len(table)
    for command, action in zip(table, window.commands, strict=True):
        assert action is window.commands[command.id]
        assert action.parent() is window
        if command.stack is None:
            assert action.text() == command.text
        assert action.shortcuts() == sequences(command.keys), command.id
        assert action.statusTip() == command.tip
        assert action.isCheckable() == command.checkable
    assert [name for name in vars(window) if name.startswith("act_")] == []
    ours = [a for a in window.findChildren(QAction) if a.parent() is window]
    assert ours == list(window.commands)


def test_the_shortcuts_dialog_lists_the_table_in_order(window) -> None:
    window.commands["help.shortcuts"].trigger()
    table = window._shortcuts.table
    names = [table.item(row, 0).text() for row in range(table.rowCount())]
    window._shortcuts.close()
    keyed = [c.text.replace("&", "").rstrip("…") for c in command_table() if sequences(c.keys)]
    assert names == keyed


def test_enable_rules() -> None:
    m = ArgumentMap()
    m = ops.add_claim(m, "claim", node_id="c").map
    m = ops.add_node(m, "c", Relation.SUPPORTS, "reason", node_id="r").map
    assert rule_values(m, None, None) == {
        "always": True,
        "node": False,
        "child": False,
        "saved": False,
        "inference": False,
        "reason": False,
    }
    assert rule_values(m, "c", None)["node"] and not rule_values(m, "c", None)["child"]
    assert rule_values(m, "r", None)["child"]
    # a support has an inference to undercut; a claim, a rebuttal and an undercut do not
    m = ops.add_node(m, "c", Relation.REBUTS, "objection", node_id="o").map
    cut = so.add_undercut(m, "r", "irrelevant")
    m = cut.map
    assert rule_values(m, "r", None)["inference"]
    assert not rule_values(m, "c", None)["inference"]
    assert not rule_values(m, "o", None)["inference"]
    assert not rule_values(m, cut.node_id, None)["inference"]
    # Toggle Support/Rebuttal: a support or a rebuttal; not a claim, nor an undercut
    assert rule_values(m, "r", None)["reason"] and rule_values(m, "o", None)["reason"]
    assert not rule_values(m, "c", None)["reason"]
    assert not rule_values(m, cut.node_id, None)["reason"]
    m = so.set_argument(m, "c", True).map  # an argument: its premises to its conclusion
    assert rule_values(m, "c", None)["inference"]
    assert rule_values(m, None, Path("x"))["saved"]


def test_the_enable_rules_follow_the_selection(qtbot, window, sample_path) -> None:
    from tests.gui_support import wait_loaded

    enabled = {"edit.delete": "node", "edit.outdent": "child", "file.revert": "saved"}
    assert not any(window.commands[i].isEnabled() for i in enabled)
    window.files.open(sample_path)
    wait_loaded(qtbot, window)
    window.selection.set_current("main")
    assert [i for i in enabled if window.commands[i].isEnabled()] == ["edit.delete", "file.revert"]
    window.selection.set_current("loop")
    assert all(window.commands[i].isEnabled() for i in enabled)


def _reachable(window) -> list[tuple[str, QAction]]:  # type: ignore[no-untyped-def]
    """Every action a user can reach in a menu, toolbar or context menu, by where it is;
    submenus are walked, the recent maps (made each time the menu opens) are not."""
    found: list[tuple[str, QAction]] = []

    def walk(where: str, actions: list[QAction]) -> None:
        for action in actions:
            menu = action.menu()
            if isinstance(menu, QMenu):
                if menu is not window.menus.recent_menu:
                    walk(f"{where} > {menu.title()}", menu.actions())
            elif not action.isSeparator():
                found.append((where, action))

    walk("menu bar", window.menuBar().actions())
    for toolbar in window.findChildren(QToolBar):
        walk(f"{toolbar.windowTitle()} toolbar", toolbar.actions())
    walk("outline", window.outline.actions())
    walk("source text", window.source_pane.view.actions())
    for node_id in ("pace", None):
        window.menus.popup_diagram_menu(node_id, QPoint(10, 10))
        walk(f"diagram menu on {node_id}", window.menus.last_menu.actions())
        window.menus.last_menu.close()
    return found


def test_every_action_in_a_menu_toolbar_or_context_menu_is_a_command(window) -> None:
    commands = list(window.commands)
    found = _reachable(window)
    assert len(found) > len(commands)
    assert [(where, a.text()) for where, a in found if a not in commands] == []
    shown = {window.commands[c.id] for c in command_table()} - {a for _w, a in found}
    assert [a.text() for a in shown] == []


def test_theme_and_direction_are_exclusive_choices(window) -> None:
    themes = [window.commands[f"view.theme.{t}"] for t in ("default", "colorblind", "print")]
    assert [a.isChecked() for a in themes] == [True, False, False]
    themes[2].trigger()
    themes[2].trigger()  # choosing the chosen theme again keeps it
    assert [a.isChecked() for a in themes] == [False, False, True]
    assert window.view_state.theme == "print"
    window.commands["view.colorblind"].trigger()
    assert [a.isChecked() for a in themes] == [False, True, False]
    window.commands["view.direction.LR"].trigger()
    assert window.view_state.direction == "LR"
    assert not window.commands["view.direction.TB"].isChecked()


def test_a_panel_command_follows_its_dock_both_ways(qtbot, window) -> None:
    action = window.commands["panel.outline"]
    assert action.isChecked() and window.outline_dock.isVisible()
    window.outline_dock.close()
    assert not action.isChecked()
    action.trigger()
    qtbot.waitUntil(window.outline_dock.isVisible)
    assert action.isChecked()
    action.trigger()
    assert not window.outline_dock.isVisible() and not action.isChecked()
