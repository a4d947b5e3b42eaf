"""Every key in the window does one thing (issue 17, point 2): a walk over the real main
window's actions, menu titles and the mnemonics of its labels and buttons fails on any
key sequence that two of them answer to."""

from __future__ import annotations

import re

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu, QWidget

PORTABLE = QKeySequence.SequenceFormat.PortableText


def mnemonic(text: str) -> str | None:
    """The Alt+letter an "&"-marked text answers to ("&&" is a literal ampersand)."""
    found = re.search(r"(?<!&)&([^&\s])", text.replace("&&", ""))
    return f"Alt+{found.group(1).upper()}" if found else None


def _shown_in_window(widget: QWidget, window: QWidget) -> bool:
    """Part of the window (its docks too), not of a menu or a dialog of its own."""
    top = widget.window()
    return top is window and not isinstance(widget, QMenu)


def key_users(window) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    users: dict[str, list[str]] = {}

    def use(key: str, who: str) -> None:
        users.setdefault(key, []).append(who)

    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            use(sequence.toString(PORTABLE), f"action {action.objectName() or action.text()}")
    for menu in window.menuBar().findChildren(QMenu):
        if menu.menuAction() in window.menuBar().actions():
            key = mnemonic(menu.title())
            if key:
                use(key, f"menu {menu.title()}")
    for label in window.findChildren(QLabel):
        key = mnemonic(label.text())
        if key and label.buddy() is not None and _shown_in_window(label, window):
            use(key, f"label {label.text()}")
    for button in window.findChildren(QAbstractButton):
        key = mnemonic(button.text())
        if key and _shown_in_window(button, window):
            use(key, f"button {button.text()}")
    return users


def test_mnemonic_reading() -> None:
    assert mnemonic("&File") == "Alt+F" and mnemonic("T&ags") == "Alt+A"
    assert mnemonic("Rock && Roll") is None and mnemonic("plain") is None


def test_no_key_does_two_things_in_the_window(window) -> None:
    shared = {key: who for key, who in key_users(window).items() if len(who) > 1}
    assert shared == {}


def test_the_walk_finds_a_collision_when_there_is_one(window) -> None:
    """The walk itself can fail: a label given the File menu's mnemonic is caught."""
    from PySide6.QtWidgets import QLineEdit

    label = QLabel("&Fake", window.inspector)
    label.setBuddy(QLineEdit(window.inspector))
    shared = {key: who for key, who in key_users(window).items() if len(who) > 1}
    assert "Alt+F" in shared


#: keys the docs name that belong to a widget, not to a command of the window: each is
#: tested where that widget is (the outline's and the diagram's own keys)
WIDGET_KEYS = {
    "Enter",  # edit in place (outline, diagram): test_gui.py, test_gui_diagram.py
}
KEY = re.compile(
    r"(?<![\w+])((?:(?:Ctrl|Alt|Shift)\+)+(?:[A-Z0-9]\b|F\d{1,2}\b|[=\-/;.]|Insert|Enter|Up|Down"
    r"|Left|Right)"
    r"|F\d{1,2}\b|Insert|Delete)"
)


def documented_keys(text: str) -> set[str]:
    """The keys of the docs' key tables: "Ctrl+Alt+A / R / U / 0" stands for four."""
    found: set[str] = set()
    for row in (line for line in text.splitlines() if line.startswith("|")):
        cells = row.split("|")[2:-1]
        for cell in cells:
            last = None
            for piece in re.split(r"\s*(?:,|/(?!\s*[/])|\bor\b|\(|\))\s*", cell):
                piece = piece.strip()
                match = KEY.fullmatch(piece)
                if match:
                    found.add(piece)
                    last = piece
                elif last and re.fullmatch(r"[A-Z0-9]", piece):  # "/ R": the same modifiers
                    found.add(last.rsplit("+", 1)[0] + "+" + piece)
    return found


def test_the_docs_key_tables_are_read() -> None:
    keys = documented_keys(
        "| Assess | Ctrl+Alt+A / R / U / 0 |\n| Zoom | Ctrl+= / Ctrl+-, F9 |\n| Find | Shift+F3 |"
    )
    assert keys == {
        "Shift+F3",
        "Ctrl+Alt+A",
        "Ctrl+Alt+R",
        "Ctrl+Alt+U",
        "Ctrl+Alt+0",
        "Ctrl+=",
        "Ctrl+-",
        "F9",
    }


def test_every_key_in_the_readme_and_the_guide_does_something(window) -> None:
    from tests.conftest import ROOT

    users = key_users(window)
    bound = {QKeySequence(k).toString(PORTABLE) for k in users}
    for doc in ("README.md", "docs/guide.md"):
        keys = documented_keys((ROOT / doc).read_text(encoding="utf-8"))
        assert len(keys) > 20, doc
        # the docs say Enter for the main keyboard's Return key, as people do
        dead = sorted(
            k
            for k in keys - WIDGET_KEYS
            if QKeySequence(k.replace("Enter", "Return")).toString(PORTABLE) not in bound
        )
        assert dead == [], f"{doc} names keys that do nothing: {dead}"


def test_redo_answers_to_ctrl_y(qtbot, window) -> None:
    from PySide6.QtCore import Qt

    from argmap.model import ops

    window.document.edit("Add", ops.add_claim, "A claim", node_id="c")
    window.document.undo_stack.undo()
    assert "c" not in window.document.map.nodes
    window.diagram.setFocus()
    qtbot.keyClick(window.diagram, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert "c" in window.document.map.nodes


def test_keys_no_keyboard_has_are_left_out() -> None:
    from argmap.gui.window.commands import usable

    assert not usable(QKeySequence("F14")) and not usable(QKeySequence("Shift+F20"))
    from PySide6.QtCore import Qt

    assert not usable(QKeySequence(Qt.Key.Key_New)) and not usable(QKeySequence(Qt.Key.Key_Save))
    assert not usable(QKeySequence(Qt.Key.Key_ZoomIn)) and not usable(QKeySequence(Qt.Key.Key_Undo))
    assert usable(QKeySequence("Ctrl+Shift+Z")) and usable(QKeySequence("Alt+Backspace"))
    assert usable(QKeySequence("F12")) and usable(QKeySequence("Ctrl+F1"))
    assert not usable(QKeySequence())


def test_the_shortcuts_dialog_shows_every_column_whole(qtbot, window) -> None:
    from argmap.gui.dialogs.help import ShortcutsDialog

    dialog = ShortcutsDialog(window.findChildren(QAction), window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    metrics = table.fontMetrics()
    for row in range(table.rowCount()):
        for column in (0, 1):
            text = table.item(row, column).text()
            assert "F14" not in text
            if column == 1:  # every key is one a keyboard has, named as on its caps
                words = {w for k in text.split(", ") for w in k.split("+")}
                assert not words & {"New", "Save", "Undo", "Redo", "Zoom In", "Zoom Out"}, text
            assert metrics.horizontalAdvance(text) <= table.columnWidth(column), text
    viewport = table.viewport().width()
    assert sum(table.columnWidth(c) for c in range(3)) <= viewport + 1  # nothing off the side
    last = table.item(0, 2).text()
    lines = -(-metrics.horizontalAdvance(last) // max(1, table.columnWidth(2) - 8))
    assert table.rowHeight(0) >= lines * metrics.lineSpacing()  # wrapped, not cut


def menu_letter_clashes(menu: QMenu, path: str = "") -> list[str]:
    """Items of one open menu (and of each submenu) that share an access letter: pressing
    it would cycle between them instead of choosing one."""
    menu.aboutToShow.emit()  # menus built when they open (Open Recent, sections)
    where = f"{path} > {menu.title()}" if path else menu.title()
    letters: dict[str, list[str]] = {}
    clashes: list[str] = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        key = mnemonic(action.text())
        if key:
            letters.setdefault(key, []).append(action.text())
        if action.menu() is not None:
            clashes += menu_letter_clashes(action.menu(), where)
    clashes += [f"{where}: {key} {names}" for key, names in letters.items() if len(names) > 1]
    return clashes


def test_no_two_items_of_a_menu_share_an_access_letter(window) -> None:
    clashes: list[str] = []
    for action in window.menuBar().actions():
        if action.menu() is not None:
            clashes += menu_letter_clashes(action.menu())
    assert clashes == []


def test_the_menu_walk_finds_a_clash_when_there_is_one(window) -> None:
    menu = QMenu("&Test", window)
    menu.addAction("&Alpha")
    menu.addAction("&Another")
    assert menu_letter_clashes(menu) == ["&Test: Alt+A ['&Alpha', '&Another']"]
