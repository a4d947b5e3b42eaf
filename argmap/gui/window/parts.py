"""The parts of the main window, made when it is built (imported then, not at start)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from argmap.gui.window.main_window import MainWindow
    from argmap.render.engines import Engine


def below(top: QWidget, bottom: QWidget) -> QWidget:
    """One widget of two, one above the other (the diagram, and the find bar under it)."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    both = QWidget()
    layout = QVBoxLayout(both)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(top, 1)
    layout.addWidget(bottom)
    return both


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
    from argmap.gui.controllers.sharing import SharingController

    w.sharing = SharingController(doc, w.selection, prompter, w.settings, w.files.maybe_save)


def wire_sharing(w: MainWindow) -> None:
    """File ▸ Share Map…'s state in the status bar, the others' selections on the diagram
    and in the outline, and the shared maps in Open Recent."""
    from PySide6.QtWidgets import QLabel

    w.share_label = QLabel()
    w.statusBar().insertPermanentWidget(0, w.share_label)
    w.menus.join_shared = w.sharing.join
    w.sharing.status.connect(w.share_label.setText)
    w.sharing.status.connect(lambda _text: w._update_title())  # a joined map's title
    w.sharing.message.connect(lambda message: w.statusBar().showMessage(message, 8000))
    w.sharing.peers_changed.connect(w.diagram.set_peers)
    w.sharing.peers_changed.connect(w.outline_model.set_peers)
