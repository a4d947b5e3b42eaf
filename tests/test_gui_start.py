"""A quick start (issue 19, point 4): the window's frame is shown before its parts are
imported and made, the parts are made on the turn after its first paint, and the map
is read after that.  The real main window via pytest-qt; import checks in fresh
interpreters."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from argmap.gui.app import _FirstPaint, after_first_paint
from argmap.gui.window.main_window import MainWindow


@pytest.fixture
def deferred(qtbot, settings, prompter, tmp_path: Path):
    made: list[MainWindow] = []

    def make() -> MainWindow:
        win = MainWindow(settings, prompter, recovery_folder=tmp_path / "rec", defer=True)
        made.append(win)
        return win

    yield make
    for win in made:
        if win.is_built():
            win.document.undo_stack.setClean()
        win.close()
        if win.is_built():
            win.live.worker.wait()
        win.deleteLater()


def test_a_deferred_window_shows_its_frame_then_builds_after_its_first_paint(
    qtbot, deferred, sample_path: Path
) -> None:
    win = deferred()
    built = []
    after_first_paint(win, lambda: (win.build(), built.append(True)))
    assert not win.is_built() and win.windowTitle() == "argmap"
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: built == [True], timeout=5000)
    assert win.is_built() and win.is_welcoming()
    win.files.start_load(sample_path)
    qtbot.waitUntil(lambda: win.diagram.has_diagram() and not win.live.pending, timeout=60000)
    assert len(win.document.map.nodes) == 24


def test_building_twice_builds_once(qtbot, deferred) -> None:
    win = deferred()
    win.build()
    document = win.document
    win.build()
    assert win.document is document


def test_a_window_closed_before_it_is_built_closes_at_once(qtbot, deferred) -> None:
    win = deferred()
    win.show()
    qtbot.waitExposed(win)
    assert win.close() and not win.is_built()


def test_a_window_never_painted_is_built_all_the_same(qtbot, deferred, monkeypatch) -> None:
    monkeypatch.setattr(_FirstPaint, "LATEST_MS", 50)
    win = deferred()  # never shown: no paint comes
    after_first_paint(win, win.build)
    qtbot.waitUntil(win.is_built, timeout=5000)


def test_the_window_s_frame_imports_neither_the_model_nor_the_engine() -> None:
    probe = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(['argmap', '-platform', 'offscreen'])\n"
        "import argmap.cli, argmap.gui.app\n"
        "from argmap.gui.window.main_window import MainWindow\n"
        "w = MainWindow(defer=True)\n"
        "heavy = ('pydantic', 'wasmtime', 'argmap.model', 'argmap.render', 'argmap.formats')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout


def test_the_built_window_leaves_the_export_machinery_and_argdown_for_later() -> None:
    probe = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(['argmap', '-platform', 'offscreen'])\n"
        "from argmap.gui.window.main_window import MainWindow\n"
        "w = MainWindow()\n"
        "later = ('argmap.render.paper', 'argmap.formats.argdown', 'argmap.gui.dialogs.export_dialog',\n"
        "         'argmap.gui.dialogs.help', 'xml.sax', 'urllib.request', 'yaml')\n"
        "print(sorted(m for m in sys.modules if m.startswith(later)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout


def test_a_map_that_cannot_be_opened_is_said_in_the_status_bar_while_the_error_shows(
    qtbot, window, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.argmap.json"
    bad.write_text("{ not json", encoding="utf-8")
    shown = []
    window.prompter.error = lambda *args: shown.append(window.statusBar().currentMessage())
    window.files.start_load(bad)
    qtbot.waitUntil(lambda: shown != [], timeout=10000)
    assert shown == ["Could not open bad.argmap.json"]
