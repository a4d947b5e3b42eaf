"""The parts of the main window, made when it is built (imported then, not at start)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.gui.window.main_window import MainWindow
    from argmap.render.engines import Engine


def make_parts(w: MainWindow, engine: Engine | None, recovery_folder: Path | None) -> None:
    """The document, its controllers, panels and the diagram, as attributes of `w`."""
    from argmap.gui.controllers.clipboard import ClipboardController
    from argmap.gui.controllers.editing import EditController
    from argmap.gui.controllers.exporting import ExportController
    from argmap.gui.controllers.files import FileController
    from argmap.gui.controllers.finding import Finder
    from argmap.gui.controllers.recovery import Recovery
    from argmap.gui.controllers.sourcing import SourceController
    from argmap.gui.diagram.live import LiveDiagram
    from argmap.gui.diagram.view import DiagramView
    from argmap.gui.dialogs.load_progress import LoadProgress
    from argmap.gui.document.selection import Selection
    from argmap.gui.document.view_state import ViewState
    from argmap.gui.document.wrapper import Document
    from argmap.gui.panels.find_bar import FindBar
    from argmap.gui.panels.inspector import Inspector
    from argmap.gui.panels.outline_model import OutlineModel
    from argmap.gui.panels.outline_view import OutlineView
    from argmap.gui.panels.problems import ProblemsPanel
    from argmap.gui.panels.sections import SectionsPanel
    from argmap.gui.panels.source_pane import SourcePane

    doc, prompter = Document(w), w.prompter
    w.document = doc
    w.selection = Selection(doc)
    w.editor = EditController(doc, w.selection, prompter)
    w.clipboard = ClipboardController(doc, w.selection)
    w.recovery = Recovery(doc, w.settings.autosave_seconds, recovery_folder)
    w.files = FileController(doc, prompter, w.settings, w.recovery)
    w.load_progress = LoadProgress(w, w.files)
    w.outline_model = OutlineModel(doc)
    w.outline = OutlineView(w.outline_model, w.selection)
    w.inspector = Inspector(doc, w.selection, w.editor)
    w.diagram = DiagramView()
    w.source_pane = SourcePane(doc, w.selection)
    marked = w.source_pane.view.selected_span
    w.sourcing = SourceController(doc, w.selection, prompter, marked)
    w.problems = ProblemsPanel(doc)
    w.sections = SectionsPanel(doc, w.selection)
    w.view_state = ViewState(doc, w.settings)
    w.live = LiveDiagram(doc, w.diagram, w.view_state, w.selection, engine)
    w.finder = Finder(doc, w.selection, w.view_state)
    w.find_bar = FindBar(w.finder)
    w.exporting = ExportController(doc, w.settings, prompter, w._export_form)
