"""Export: format, theme, direction, page, legend, resolution and scope, with the size
and the text size it will have.

The size preview and the export itself run off the GUI thread; the dialog
remembers the last folder and choices.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from argmap.gui.common.settings import DIRECTIONS, EXPORT_FORMATS, THEMES, AppSettings
from argmap.gui.controllers.exporting import (
    FILTERS,
    PAGED,
    ExportChoice,
    choice_options,
    choice_paper,
)
from argmap.gui.diagram.render_worker import RenderWorker
from argmap.model import ArgumentMap
from argmap.model.ops import extract_subtree
from argmap.model.views import Shown, apply_view, view_named
from argmap.render.export import svg_size_pt, target_of
from argmap.render.legend import with_legend
from argmap.render.page_notes import preview
from argmap.render.paper import ORIENTATIONS, PAPERS, oriented


class ExportDialog(QDialog):
    def __init__(
        self,
        m: ArgumentMap,
        selected: str | None,
        settings: AppSettings,
        parent: QWidget | None = None,
        shown: Shown | None = None,
        scope: str | None = None,
        unfolded: frozenset[str] = frozenset(),
        collapsed_sections: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Diagram")
        self.m = m
        # the diagram's look: arguments it opened (every scope draws them so) and the
        # sections it shows as one box (the export as shown draws them so)
        self.unfolded, self.collapsed_sections = unfolded, collapsed_sections
        partial = shown is not None and (
            bool(shown.hidden) or shown.map != m or bool(collapsed_sections)
        )
        self.shown = shown if partial else None  # only offered when it differs from the map
        self.selected = selected
        self.settings = settings
        self._fields()
        self._lay_out()
        self._restore()
        if scope == "subtree" and selected is not None:
            self.subtree.setChecked(True)
        elif self.shown is not None:
            self.as_shown.setChecked(True)
        self.worker = RenderWorker(self)
        self.worker.rendered.connect(self._show_size)
        self.worker.failed.connect(
            lambda message: self.size_label.setText(f"cannot draw: {message}")
        )
        self._preview = QTimer(self)
        self._preview.setSingleShot(True)
        self._preview.setInterval(100)
        self._preview.timeout.connect(self._request_size)
        self._asked: tuple[ExportChoice, Shown] | None = None  # what the preview measures
        for combo in (self.format, self.theme, self.direction, self.view, self.paper, self.turn):
            combo.currentIndexChanged.connect(self._changed)
        self.legend.toggled.connect(self._changed)
        self.dpi.valueChanged.connect(self._changed)
        self.quotes.toggled.connect(self._changed)
        self.evaluation.toggled.connect(self._changed)
        for button in (self.whole, self.as_shown, self.subtree):
            button.toggled.connect(self._changed)
        self._changed()

    def _fields(self) -> None:
        self.format = QComboBox()
        for fmt in EXPORT_FORMATS:
            self.format.addItem(FILTERS[fmt].split(" (")[0], fmt)
        self.theme = QComboBox()
        for theme in THEMES:
            self.theme.addItem(
                {"colorblind": "Colour-blind safe"}.get(theme, theme.capitalize()), theme
            )
        self.direction = QComboBox()
        self.direction.addItem("Automatic (fit the page)", "auto")
        self.direction.addItem("Top to bottom", "TB")
        self.direction.addItem("Left to right", "LR")
        self.paper = QComboBox()
        self.paper.setAccessibleName("Page")
        self.paper.addItem("The drawing's own size", None)
        for name in PAPERS:
            self.paper.addItem(name.upper() if name.startswith("a") else name.title(), name)
        self.turn = QComboBox()
        self.turn.setAccessibleName("Orientation")
        for turned in ORIENTATIONS:
            self.turn.addItem(
                {"auto": "Automatic (as the drawing)"}.get(turned, turned.title()), turned
            )
        self.legend = QCheckBox("Draw a le&gend of what the colours and marks mean")
        self.text_label = QLabel("…")
        self.text_label.setAccessibleName("Text size")
        self.dpi = QSpinBox()
        self.dpi.setRange(36, 600)
        self.dpi.setSuffix(" dpi")
        self.whole = QRadioButton("&Whole map")
        self.as_shown = QRadioButton("What the diagram &shows (collapsed, focused)")
        self.as_shown.setEnabled(self.shown is not None)
        self.subtree = QRadioButton("&Selected node and what is below it")
        self.subtree.setEnabled(self.selected is not None)
        group = QButtonGroup(self)
        for button in (self.whole, self.as_shown, self.subtree):
            group.addButton(button)
        self.view = QComboBox()
        self.view.setAccessibleName("Saved view")
        self.view.addItem("(none: every node of the scope)", None)
        for saved in self.m.views:
            self.view.addItem(saved.name, saved.name)
        self.view.setEnabled(bool(self.m.views))
        self.quotes = QCheckBox("Show the &quoted words of the source under each node")
        self.quotes.setEnabled(any(n.refs for n in self.m.nodes.values()))
        self.evaluation = QCheckBox("Show the &evaluation (which statements stand)")
        self.size_label = QLabel("…")
        self.size_label.setAccessibleName("Exported size")

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("&Format", self.format)
        form.addRow("&Theme", self.theme)
        form.addRow("&Direction", self.direction)
        form.addRow("&Page", self.paper)
        form.addRow("&Orientation", self.turn)
        form.addRow("", self.legend)
        form.addRow("&Resolution", self.dpi)
        form.addRow("Scope", self.whole)
        form.addRow("", self.as_shown)
        form.addRow("", self.subtree)
        form.addRow("Saved view", self.view)
        form.addRow("", self.quotes)
        form.addRow("", self.evaluation)
        form.addRow("Size", self.size_label)
        form.addRow("Text", self.text_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Export…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _restore(self) -> None:
        s = self.settings
        self._select(self.format, s.text("export/format", "png", EXPORT_FORMATS))
        self._select(self.theme, s.text("export/theme", s.theme, THEMES))
        self._select(self.direction, s.text("export/direction", s.direction, DIRECTIONS))
        self.dpi.setValue(int(s.number("export/dpi", 150, 36, 600)))
        self._select(self.paper, s.text("export/page", "", tuple(PAPERS)))
        self._select(self.turn, s.text("export/orientation", "auto", ORIENTATIONS))
        self.legend.setChecked(s.text("export/legend", "on") == "on")
        self.whole.setChecked(True)

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        combo.setCurrentIndex(max(0, combo.findData(value)))

    def choice(self) -> ExportChoice:
        return ExportChoice(
            fmt=self.format.currentData(),
            theme=self.theme.currentData(),
            direction=self.direction.currentData(),
            dpi=self.dpi.value(),
            page=self.paper.currentData(),
            orientation=self.turn.currentData(),
            legend=self.legend.isChecked() and self.format.currentData() != "dot",
            scope="subtree"
            if self.subtree.isChecked() and self.selected is not None
            else "shown"
            if self.as_shown.isChecked() and self.shown is not None
            else "whole",
            quotes=self.quotes.isChecked(),
            evaluation=self.evaluation.isChecked(),
            whole=self.m,
            unfolded=self.unfolded,
            collapsed_sections=self.collapsed_sections
            if self.as_shown.isChecked() and self.shown is not None
            else frozenset(),
        )

    def chosen_map(self) -> Shown:
        scope = self.choice().scope
        if scope == "subtree" and self.selected is not None:
            chosen = Shown(extract_subtree(self.m, self.selected))
        elif scope == "shown" and self.shown is not None:
            chosen = self.shown
        else:
            chosen = Shown(self.m)
        name = self.view.currentData()
        if not isinstance(name, str):
            return chosen
        part = apply_view(chosen.map, view_named(self.m, name))
        return Shown(part, {k: v for k, v in chosen.hidden.items() if k in part.nodes})

    def _changed(self) -> None:
        fmt = self.choice().fmt
        self.dpi.setEnabled(fmt == "png")
        self.paper.setEnabled(fmt in PAGED)
        self.turn.setEnabled(fmt in PAGED and self.paper.currentData() is not None)
        self.legend.setEnabled(fmt != "dot")
        self._preview.start()

    def _request_size(self) -> None:
        choice = self.choice()
        if choice.fmt == "dot":
            self.size_label.setText("DOT source (text)")
            self.text_label.setText("")
            return
        shown = self.chosen_map()
        if not shown.map.nodes:
            self.size_label.setText("nothing to draw: the map is empty")
            self.text_label.setText("")
            return
        self.size_label.setText("measuring…")
        self.text_label.setText("measuring…")
        options = choice_options(self.m, choice)
        judged = self.m if choice.evaluation else None  # the whole map, as the diagram
        self._asked = (choice, shown)
        target = target_of(choice_paper(choice))
        self.worker.request(shown.map, options, shown.hidden, judged=judged, target=target)

    def _show_size(self, svg: bytes, seconds: float) -> None:
        if self._asked is None:
            return
        choice, shown = self._asked
        paper = choice_paper(choice)
        if paper.legend:
            options = choice_options(self.m, choice)
            svg = with_legend(svg, shown.map, options, None, target_of(paper), shown.hidden)
        width, height = svg_size_pt(svg)
        self.text_label.setText(preview(svg, paper.page, choice.fmt))
        if paper.page is not None:
            width, height = oriented(svg, paper.page).size(width, height)
        if choice.fmt == "png":
            scale = choice.dpi / 72
            self.size_label.setText(f"{round(width * scale)} × {round(height * scale)} pixels")
        else:
            self.size_label.setText(f"{width / 72 * 2.54:.1f} × {height / 72 * 2.54:.1f} cm")

    def remember(self, folder: Path) -> None:
        choice = self.choice()
        self.settings.set("export/format", choice.fmt)
        self.settings.set("export/theme", choice.theme)
        self.settings.set("export/direction", choice.direction)
        self.settings.set("export/dpi", choice.dpi)
        self.settings.set("export/page", choice.page or "")
        self.settings.set("export/orientation", choice.orientation)
        self.settings.set("export/legend", "on" if choice.legend else "off")
        self.settings.set("export/folder", str(folder))

    def done(self, result: int) -> None:
        self.worker.wait()
        super().done(result)
