"""The real app in a process of its own, for the crash test: open a map, type an edit
into the inspector, wait for the autosave, say READY, and wait to be killed.

Run by tests/test_crash_recovery.py; not a test module itself.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtTest import QTest

from argmap.gui.app import make_app
from argmap.gui.window.main_window import MainWindow


def main() -> None:
    map_path, text = Path(sys.argv[1]), sys.argv[2]
    app = make_app()
    QSettings().setValue("files/autosave_seconds", 2)  # the timer, not a call, saves
    window = MainWindow()
    window.show()
    assert window.files.load(map_path)
    window.selection.set_current("pace")
    editor = window.inspector.text
    editor.setFocus()
    editor.selectAll()
    QTest.keyClicks(editor, text)

    def ready() -> None:
        """READY once the autosave holds the whole edit (a keystroke count saves earlier)."""
        saved = window.recovery.file
        if saved.is_file() and text in saved.read_text(encoding="utf-8"):
            print("READY", saved, flush=True)
        else:
            QTimer.singleShot(50, ready)

    QTimer.singleShot(50, ready)
    app.exec()


if __name__ == "__main__":
    main()
