"""Start the Qt application."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

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


def run(path: Path | None = None, room: str | None = None) -> int:
    """The window first, then everything else: its frame is painted before the parts
    are imported and made, and the map is read in the background after that."""
    from argmap.gui.window.main_window import MainWindow

    app = make_app()
    window = MainWindow(defer=True)

    def build() -> None:
        window.build()
        restored = window.files.offer_recovery()
        if path is not None and not restored:
            window.files.start_load(path)  # read in the background, like File > Open
        elif room is not None and not restored:
            window.sharing.join(room)  # File > Join Shared Map with this URL

    after_first_paint(window, build)
    window.show()
    return app.exec()


class _FirstPaint(QObject):
    """Calls `then` once, on the turn of the event loop after `widget` is first painted
    (or after `LATEST_MS` if it never is, e.g. when the window starts minimised)."""

    LATEST_MS = 1000

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(self.LATEST_MS, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint and self._then is not None:
            QTimer.singleShot(0, self._fire)  # once this paint is on the screen
        return False

    def _fire(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            parent = self.parent()
            if isinstance(parent, QWidget):
                parent.removeEventFilter(self)
            then()


def after_first_paint(widget: QWidget, then: Callable[[], None]) -> None:
    _FirstPaint(widget, then)
