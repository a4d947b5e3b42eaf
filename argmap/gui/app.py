"""Start the Qt application."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from argmap import __version__


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("argmap")
    app.setOrganizationName("argmap")
    app.setApplicationVersion(__version__)
    return app


def run(path: Path | None = None) -> int:
    from argmap.gui.viewer import MapWindow

    app = make_app()
    window = MapWindow()
    if path is not None:
        window.open_path(path)
    window.show()
    return app.exec()
