"""The command table: one row per command, laid out by id, and its keys."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QKeySequence

from argmap.gui.window.actions import rule_values
from argmap.gui.window.command_table import command_table
from argmap.gui.window.commands import sequences
from argmap.gui.window.menus import MENU_BAR, Entry, command_ids, every_layout
from argmap.model import ArgumentMap, Relation, ops

#: key sequences more than one command (or one command twice) answers to today;
#: issue 17 fixes these
KNOWN_SHARED_KEYS = {"F1": ["help.guide", "help.guide"]}


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
        assert command.checked_when is None or command.checkable, command.id


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
    }
    assert rule_values(m, "c", None)["node"] and not rule_values(m, "c", None)["child"]
    assert rule_values(m, "r", None)["child"]
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
