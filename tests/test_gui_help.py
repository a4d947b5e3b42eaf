"""Ready for users: the welcome state, help, desktop integration, settings that break."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from argmap.desktop import install_desktop, uninstall_desktop
from argmap.gui.common.settings import AppSettings
from argmap.gui.dialogs.help import about_text
from argmap.resources import guide, sample_map


def test_the_window_starts_on_the_welcome_page(qtbot, window) -> None:
    assert window.is_welcoming()
    assert window.welcome.recent.item(0).text() == "No recent maps yet"
    window.welcome.sample_button.click()
    qtbot.waitUntil(lambda: not window.files.loading)  # opening reads in the background
    assert not window.is_welcoming()
    assert len(window.document.map.nodes) == 24
    assert window.document.path == sample_map().resolve()


def test_welcome_new_and_recent(qtbot, make_window, settings, tmp_path) -> None:
    copy = tmp_path / "mine.argmap.json"
    copy.write_bytes(sample_map().read_bytes())
    gone = tmp_path / "gone.argmap.json"
    settings.add_recent(gone)
    settings.add_recent(copy)
    window = make_window()
    texts = [window.welcome.recent.item(i).text() for i in range(window.welcome.recent.count())]
    assert texts[0].startswith("mine.argmap.json") and texts[1].startswith("gone.argmap.json")
    assert not window.welcome.recent.item(1).flags()  # a vanished file is shown, not offered
    window.welcome.recent.itemClicked.emit(window.welcome.recent.item(0))
    qtbot.waitUntil(lambda: not window.files.loading)  # opening reads in the background
    assert window.document.path == copy.resolve() and not window.is_welcoming()
    window.document.undo_stack.setClean()
    window.show_welcome()
    window.welcome.new_button.click()
    assert not window.is_welcoming() and window.document.map.nodes == {}


def test_help_dialogs_open(qtbot, window) -> None:
    window.commands["help.guide"].trigger()
    qtbot.waitUntil(lambda: window._guide.isVisible())
    assert guide().is_file()
    assert "Making a map from an article" in window._guide.browser.toPlainText()
    window._guide.close()
    window.commands["help.shortcuts"].trigger()
    table = window._shortcuts.table
    commands = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert "Add Support" in commands and "Ins" in commands["Add Support"]
    assert "Show Evaluation" in commands
    window._shortcuts.close()
    assert "0.1.0" in about_text()


def test_every_action_has_a_tooltip_and_a_status_tip(window) -> None:
    for action in window.findChildren(type(window.commands["file.new"])):
        if (
            action.text()
            and not action.isSeparator()
            and action.menu() is None
            and action.parent() is window
        ):
            assert action.toolTip(), action.text()
            assert action.statusTip(), action.text()


def test_desktop_integration_installs_into_a_home(tmp_path: Path) -> None:
    written = install_desktop(tmp_path)
    entry = tmp_path / "applications" / "argmap.desktop"
    assert entry in written
    text = entry.read_text()
    assert "MimeType=application/x-argmap;" in text and "Icon=argmap" in text
    assert "@EXEC@" not in text and "Exec=" in text
    for size in (16, 32, 48, 128, 256):
        assert (tmp_path / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "argmap.png").is_file()
    assert (tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "argmap.svg").is_file()
    mime = (tmp_path / "mime" / "packages" / "argmap.xml").read_text()
    assert 'pattern="*.argmap.json"' in mime
    removed = uninstall_desktop(tmp_path)
    assert entry in removed and not entry.exists()


def test_cli_installs_the_desktop_files(tmp_path: Path) -> None:
    from tests.test_cli import argmap

    done = argmap("--install-desktop", env={"XDG_DATA_HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "applications" / "argmap.desktop").is_file()


def test_start_up_with_a_corrupted_settings_store(qtbot, make_window, tmp_path) -> None:
    ini = tmp_path / "corrupt.ini"
    ini.write_bytes(b"\x00\xff[files]\nrecent=\x01\x02\n[window\ngeometry=@ByteArray(\\xzz)\n")
    settings = AppSettings(QSettings(str(ini), QSettings.Format.IniFormat))
    window = make_window(settings=settings)
    window.show()
    assert window.is_welcoming()
    assert window.view_state.font_size == 11.0


def test_every_input_has_an_accessible_name_and_takes_focus(window) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QComboBox,
        QGraphicsView,
        QLineEdit,
        QPlainTextEdit,
        QPushButton,
    )

    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractItemView, QGraphicsView, QPushButton)
    unnamed = []
    from PySide6.QtWidgets import QWidget

    for widget in (w for w in window.findChildren(QWidget) if isinstance(w, kinds)):
        if widget.metaObject().className() in ("QComboBoxListView", "QHeaderView"):
            continue  # parts of a named combo box or table
        name = widget.accessibleName() or (widget.text() if isinstance(widget, QPushButton) else "")
        if not name:
            unnamed.append(type(widget).__name__ + ":" + widget.objectName())
        if widget is not window.diagram.overview:
            assert widget.focusPolicy() != Qt.FocusPolicy.NoFocus, type(widget).__name__
    assert unnamed == []


def test_the_welcome_page_has_the_keyboard_and_enter_starts_a_map(qtbot, window) -> None:
    """Adversary: on first start no widget had the keyboard focus."""
    window.activateWindow()
    qtbot.waitUntil(lambda: window.welcome.new_button.hasFocus(), timeout=5000)
    qtbot.keyClick(window.welcome.new_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not window.is_welcoming(), timeout=5000)
    assert window.document.map.nodes == {}
