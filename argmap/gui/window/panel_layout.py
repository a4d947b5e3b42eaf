"""How the main window's panels share its room.

- Shrinking the window squeezes the panels; enlarging it again gives each docked panel back
  the size it had (the size the user last gave it, or the first layout's), instead of
  leaving all the new room to the diagram.
- The Source pane can sit in a column of its own right beside the diagram (View ▸ Source
  Beside Diagram), to read the text and map it side by side, and go back to the tabs."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

H, V = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
#: the share of the window's width the Source pane takes beside the diagram
BESIDE_SHARE = 0.3


class PanelLayout(QObject):
    def __init__(self, window: QMainWindow, docks: list[QDockWidget]) -> None:
        super().__init__(window)
        self.window = window
        self.docks = docks
        self._window_size = QSize()
        #: the window's size when the panels were last laid out by the user or at the start,
        #: and each docked panel's size then
        self._reference: tuple[QSize, dict[QDockWidget, QSize]] | None = None
        self._restoring = False
        self._restore = QTimer(self)
        self._restore.setSingleShot(True)
        self._restore.timeout.connect(self._give_back)
        for dock in docks:
            dock.installEventFilter(self)
        window.installEventFilter(self)
        self.source_home: tuple[QDockWidget, Qt.DockWidgetArea] | None = None

    def _shown(self) -> list[QDockWidget]:
        return [d for d in self.docks if d.isVisible() and not d.isFloating()]

    def remember(self) -> None:
        """Take the panels' sizes now as the ones to come back to."""
        self._window_size = self.window.size()
        self._reference = (self.window.size(), {d: d.size() for d in self._shown()})

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if watched is self.window:
            if kind == QEvent.Type.Resize:
                self._window_resized()
            elif kind == QEvent.Type.Show and self._reference is None:
                QTimer.singleShot(0, self.remember)
        elif kind == QEvent.Type.Resize and not self._restoring:
            if self.window.size() == self._window_size and self._reference is not None:
                self.remember()  # a panel resized in a window that kept its size: the user
        return False

    def _window_resized(self) -> None:
        self._window_size = self.window.size()
        if self._reference is not None:
            self._restore.start(0)  # once the window's layout has settled

    def _give_back(self) -> None:
        if self._reference is None:
            return
        size, sizes = self._reference
        now = self.window.size()
        docks = [d for d in self._shown() if d in sizes]
        self._restoring = True
        try:
            if now.width() >= size.width() and docks:
                self.window.resizeDocks(docks, [sizes[d].width() for d in docks], H)
            if now.height() >= size.height() and docks:
                self.window.resizeDocks(docks, [sizes[d].height() for d in docks], V)
        finally:
            self._restoring = False

    # -- the Source pane beside the diagram ---------------------------------------------
    def put_beside(self, source: QDockWidget, beside: bool, home: QDockWidget) -> None:
        """Move the Source pane into a column of its own next to the diagram, or back into
        the tabs of `home`."""
        window = self.window
        self._restoring = True
        try:
            window.removeDockWidget(source)
            if beside:
                window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, source, H)
                source.show()
                width = max(300, int(window.width() * BESIDE_SHARE))
                window.resizeDocks([source], [width], H)
            else:
                window.addDockWidget(window.dockWidgetArea(home), source)
                window.tabifyDockWidget(home, source)
                source.show()
                source.raise_()
        finally:
            self._restoring = False
        QTimer.singleShot(0, self.remember)
