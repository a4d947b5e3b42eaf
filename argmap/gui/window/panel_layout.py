"""How the main window's panels share its room.

- Shrinking the window squeezes the panels; enlarging it again gives each docked panel back
  the size it had (the layout the user last made, or the first one), instead of leaving
  all the new room to the diagram.
- The Source pane can sit in a column of its own right beside the diagram (View ▸ Source
  Beside Diagram), to read the text and map it side by side, and go back to the tabs with
  the panels as they were."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

H = Qt.Orientation.Horizontal
#: the share of the window's width the Source pane takes beside the diagram
BESIDE_SHARE = 0.3

#: a layout to come back to: the window's size then and its panels' state
Layout = tuple[QSize, QByteArray]


class PanelLayout(QObject):
    def __init__(self, window: QMainWindow, docks: list[QDockWidget]) -> None:
        super().__init__(window)
        self.window = window
        self.docks = docks
        self._window_size = QSize()
        self._reference: Layout | None = None
        self._before_beside: Layout | None = None
        self._restoring = False
        self._restore = QTimer(self)
        self._restore.setSingleShot(True)
        self._restore.timeout.connect(self._give_back)
        for dock in docks:
            dock.installEventFilter(self)
        window.installEventFilter(self)

    def remember(self) -> None:
        """Take the panels' layout now as the one to come back to."""
        self._window_size = self.window.size()
        self._reference = (self.window.size(), self.window.saveState())

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
        """Back to the remembered layout once the window is as large as it was then."""
        if self._reference is None:
            return
        size, state = self._reference
        now = self.window.size()
        if now.width() >= size.width() and now.height() >= size.height():
            self._restoring = True
            try:
                self.window.restoreState(state)
            finally:
                self._restoring = False

    # -- the Source pane beside the diagram ---------------------------------------------
    def put_beside(self, source: QDockWidget, beside: bool, home: QDockWidget) -> None:
        """Move the Source pane into a column of its own next to the diagram, or back into
        the tabs of `home` with the panels as they were before."""
        window = self.window
        self._restoring = True
        try:
            if beside:
                self._before_beside = (window.size(), window.saveState())
                window.removeDockWidget(source)
                window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, source, H)
                source.show()
                width = max(300, int(window.width() * BESIDE_SHARE))
                window.resizeDocks([source], [width], H)
            elif self._before_beside is not None:
                window.restoreState(self._before_beside[1])
                self._before_beside = None
                source.show()
                source.raise_()
            else:  # beside since the window opened (a restored session): into the tabs
                window.removeDockWidget(source)
                window.addDockWidget(window.dockWidgetArea(home), source)
                window.tabifyDockWidget(home, source)
                source.show()
                source.raise_()
        finally:
            self._restoring = False
        QTimer.singleShot(0, self.remember)
