"""The problems panel: the map's checks, refreshed after edits; a click selects the node."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QVBoxLayout, QWidget

from argmap.gui.document.wrapper import Document
from argmap.model.checks import Problem, problems

SHOWN = 300  # enough to work through; `argmap check` prints them all


class ProblemsPanel(QWidget):
    node_chosen = Signal(str)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.list = QListWidget()
        self.list.setAccessibleName("Problems")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.list)
        self.found: list[Problem] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)  # checks run once typing pauses
        self._timer.timeout.connect(self.refresh)
        document.changed.connect(lambda *args: self._timer.start())
        document.reset.connect(self.refresh)
        self.list.itemClicked.connect(self._chosen)
        self.list.itemActivated.connect(self._chosen)
        self.refresh()

    def refresh(self) -> None:
        self._timer.stop()
        self.found = problems(self.document.map)
        self.list.clear()
        style = self.style()
        icons = {
            "error": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            "warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        ordered = sorted(self.found, key=lambda p: p.level != "error")
        for shown, problem in enumerate(ordered):
            if shown == SHOWN:
                self.list.addItem(f"… and {len(ordered) - shown} more")
                break
            node = self.document.map.nodes.get(problem.node_id or "")
            where = f"“{node.text[:40]}”: " if node is not None and node.text else ""
            item = QListWidgetItem(icons[problem.level], f"{where}{problem.message}")
            item.setData(Qt.ItemDataRole.UserRole, problem.node_id)
            item.setToolTip(str(problem))
            self.list.addItem(item)
        if not self.found:
            self.list.addItem("No problems found")

    def counts(self) -> tuple[int, int]:
        errors = sum(1 for p in self.found if p.level == "error")
        return errors, len(self.found) - errors

    def _chosen(self, item: QListWidgetItem) -> None:
        node_id = item.data(Qt.ItemDataRole.UserRole)
        if node_id:
            self.node_chosen.emit(node_id)
