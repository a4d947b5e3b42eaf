"""Help: the user guide in a window, the keyboard shortcuts, and About."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from argmap import __version__
from argmap.resources import guide


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("argmap User Guide")
        self.resize(900, 760)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName("User guide")
        path = guide()
        if path.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(path)))  # Markdown, with its pictures
        else:
            self.browser.setPlainText(f"The guide was not found at {path}.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)


class ShortcutsDialog(QDialog):
    """Every command that has keys, in the order of the command table (the actions given)."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        rows = []
        seen = set()
        for action in actions:
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
            name = action.text().replace("&", "").rstrip("…")
            if keys and name not in seen:
                seen.add(name)
                rows.append((name, ", ".join(keys), action.statusTip()))
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(["Command", "Keys", "What it does"])
        self.table.setAccessibleName("Keyboard shortcuts")
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)  # the descriptions wrap in the last column, never cut
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        self.table.setColumnWidth(2, 320)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.resizeRowsToContents()
        wanted = sum(self.table.columnWidth(c) for c in range(3))
        self.resize(wanted + self.table.verticalHeader().width() + 60, 640)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)


def about_text() -> str:
    return (
        f"<h3>argmap {__version__}</h3>"
        "<p>Structured argument maps on the desktop: claims, reasons and rebuttals, "
        "tied to the passages of the source they came from, evaluated, and drawn "
        "with Graphviz.</p>"
    )


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, "About argmap", about_text())
