"""What the window shows when no map is open: start a map, open one, the sample, recent maps."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from argmap import __version__


class WelcomePage(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    sample_requested = Signal()
    recent_requested = Signal(object)  # Path
    guide_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Welcome")
        title = QLabel("argmap")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel(
            "Lay out the argument of a text: the claim, the reasons for it, the rebuttals, "
            "each tied to the passage it came from."
        )
        subtitle.setWordWrap(True)
        self.new_button = QPushButton("Ne&w Map")
        self.open_button = QPushButton("O&pen…")
        self.sample_button = QPushButton("Open the Samp&le Map")
        self.guide_button = QPushButton("User Gui&de")
        for button, tip in (
            (self.new_button, "Start an empty map (Ctrl+N)"),
            (self.open_button, "Open a map, or an Argdown, AIF or Kialo file (Ctrl+O)"),
            (self.sample_button, "A debate about slowing frontier AI, mapped from a news article"),
            (self.guide_button, "How to make a map from an article, with the keys (F1)"),
        ):
            button.setToolTip(tip)
            button.setAccessibleName(button.text().replace("&", ""))
        buttons = QGridLayout()  # two by two: the page fits a narrow window
        for index, button in enumerate(
            (self.new_button, self.open_button, self.sample_button, self.guide_button)
        ):
            buttons.addWidget(button, index // 2, index % 2)
        buttons.setColumnStretch(2, 1)
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent maps")
        self.recent.setMaximumHeight(220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        layout.addSpacing(16)
        layout.addWidget(QLabel("<b>Recent maps</b>"))
        layout.addWidget(self.recent)
        layout.addStretch(1)
        layout.addWidget(QLabel(f"argmap {__version__}"), 0, Qt.AlignmentFlag.AlignRight)
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.sample_button.clicked.connect(self.sample_requested)
        self.guide_button.clicked.connect(self.guide_requested)
        self.recent.itemActivated.connect(self._recent_chosen)
        self.recent.itemClicked.connect(self._recent_chosen)

    def set_recent(self, paths: list[Path]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{path.name} — {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            if not path.is_file():
                item.setFlags(Qt.ItemFlag.NoItemFlags)  # it vanished: shown, not offered
                item.setToolTip("This file is not there any more")
            self.recent.addItem(item)
        if not paths:
            placeholder = QListWidgetItem("No recent maps yet")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(placeholder)

    def _recent_chosen(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path:
            self.recent_requested.emit(Path(path))
