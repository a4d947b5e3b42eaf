"""Start the Qt application."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from argmap import __version__
from argmap.resources import app_icon_files


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("argmap")
    app.setApplicationDisplayName("argmap")
    app.setOrganizationName("argmap")
    app.setOrganizationDomain("argmap.invalid")
    app.setApplicationVersion(__version__)
    app.setStyle("Fusion")  # follows the system's light or dark colour scheme
    app.setDesktopFileName("argmap")  # ties windows to the installed .desktop entry
    icon = QIcon()
    for path in app_icon_files():
        icon.addFile(str(path))
    app.setWindowIcon(icon)
    return app


def run(path: Path | None = None) -> int:
    from argmap.gui.window.main_window import MainWindow

    app = make_app()
    window = MainWindow()
    window.show()
    restored = window.files.offer_recovery()
    if path is not None and not restored:
        window.files.start_load(path)  # read in the background, like File > Open
    return app.exec()
