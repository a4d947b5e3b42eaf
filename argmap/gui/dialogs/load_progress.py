"""The progress shown while a file opens in the background, with Cancel.

It appears only when a load takes longer than a moment (a quick open does not
flash a dialog); it is window-modal, so the map cannot be edited while it is
about to be replaced.  Cancel keeps the open map.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from argmap.gui.controllers.files import FileController

SHOW_AFTER_MS = 300


class LoadProgress(QObject):
    def __init__(self, window: QWidget, files: FileController) -> None:
        super().__init__(window)
        self.window = window
        self.files = files
        self.dialog: QProgressDialog | None = None
        self._text = ""
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.timeout.connect(self._show)
        files.busy.connect(self._busy)
        files.idle.connect(self._idle)

    def _busy(self, text: str) -> None:
        self._text = text
        self._delay.start(SHOW_AFTER_MS)

    def _show(self) -> None:
        if not self.files.loading:
            return
        if self.dialog is None:
            dialog = QProgressDialog(self.window)
            dialog.setWindowTitle("Opening")
            dialog.setRange(0, 0)  # how far a reader is, it cannot say: a busy bar
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.setMinimumDuration(0)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setCancelButton(QPushButton("Cancel"))
            dialog.canceled.connect(self.files.cancel_load)
            self.dialog = dialog
        self.dialog.reset()  # stops its own timer that would show it again later
        self.dialog.setLabelText(self._text)
        self.dialog.show()

    def _idle(self) -> None:
        self._delay.stop()
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.canceled.disconnect(self.files.cancel_load)  # hiding is no Cancel
            self.dialog.hide()
            self.dialog.reset()
            self.dialog.canceled.connect(self.files.cancel_load)


__all__ = ["LoadProgress"]
