"""The main window: creates the parts and wires them.  Behaviour lives in the parts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QUndoView,
    QWidget,
)

from argmap.gui.common.settings import AppSettings

if TYPE_CHECKING:  # the parts are imported when the window is built (a quick first paint)
    from argmap.gui.controllers.clipboard import ClipboardController
    from argmap.gui.controllers.editing import EditController
    from argmap.gui.controllers.exporting import ExportController
    from argmap.gui.controllers.files import FileController
    from argmap.gui.controllers.finding import Finder
    from argmap.gui.controllers.recovery import Recovery
    from argmap.gui.controllers.sharing import SharingController
    from argmap.gui.controllers.sourcing import SourceController
    from argmap.gui.diagram.live import LiveDiagram
    from argmap.gui.diagram.view import DiagramView
    from argmap.gui.dialogs.export_dialog import ExportDialog
    from argmap.gui.dialogs.load_progress import LoadProgress
    from argmap.gui.dialogs.prompts import DialogPrompter
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
    from argmap.model import Relation
    from argmap.render.engines import Engine


def dropped_map(data: QMimeData) -> Path | None:
    """The one local file in a drop, if there is exactly one."""
    urls = [u for u in data.urls() if isinstance(u, QUrl) and u.isLocalFile()]
    if len(urls) != 1:
        return None
    return Path(urls[0].toLocalFile())


SEVERAL_SELECTED = "nodes selected: Delete, Move, Assess and Tag act on all of them"


class MainWindow(QMainWindow):
    """The window; with `defer`, only its frame at first: `build` makes the rest, so a
    start shows the window before the parts are imported and made (app.run)."""

    # made by parts.make_parts when the window is built
    document: Document
    selection: Selection
    editor: EditController
    clipboard: ClipboardController
    recovery: Recovery
    files: FileController
    load_progress: LoadProgress
    outline_model: OutlineModel
    outline: OutlineView
    inspector: Inspector
    diagram: DiagramView
    source_pane: SourcePane
    sourcing: SourceController
    problems: ProblemsPanel
    sections: SectionsPanel
    view_state: ViewState
    live: LiveDiagram
    finder: Finder
    find_bar: FindBar
    exporting: ExportController
    sharing: SharingController
    share_label: QLabel

    def __init__(
        self,
        settings: AppSettings | None = None,
        prompter: DialogPrompter | None = None,
        engine: Engine | None = None,
        recovery_folder: Path | None = None,
        *,
        defer: bool = False,
    ) -> None:
        super().__init__()
        self.settings = settings or AppSettings()
        self.setWindowTitle("argmap")
        screen = QGuiApplication.primaryScreen()
        if screen is not None:  # first start: most of the screen; later the saved geometry
            available = screen.availableGeometry().size()
            self.resize(
                max(900, int(available.width() * 0.92)), max(600, int(available.height() * 0.9))
            )
        geometry = self.settings.blob("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._pending: tuple[DialogPrompter | None, Engine | None, Path | None] | None = (
            prompter,
            engine,
            recovery_folder,
        )
        if defer:
            opening = QLabel("Opening…")
            opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.setCentralWidget(opening)
        else:
            self.build()

    def is_built(self) -> bool:
        return self._pending is None

    def build(self) -> None:
        """Make the parts, docks, menus and wiring (once)."""
        if self._pending is None:
            return
        prompter, engine, recovery_folder = self._pending
        self._pending = None
        from argmap.gui.dialogs.prompts import DialogPrompter
        from argmap.gui.dialogs.welcome import WelcomePage
        from argmap.gui.window.parts import below

        self.prompter = prompter or DialogPrompter(self)
        if self.prompter.parent is None:
            self.prompter.parent = self
        self._parts(engine, recovery_folder)
        self._on_diagram = False  # the next node added is typed on the diagram
        self.welcome = WelcomePage()
        self.center = QStackedWidget()
        self.center.addWidget(self.welcome)
        self.center.addWidget(self.diagram)
        self.setCentralWidget(below(self.center, self.find_bar))
        self._docks()
        self._status_bar()
        self._commands_and_menus()
        self._wire()
        self.setAcceptDrops(True)
        self._restore_layout()
        self._update_title()
        self.live.render_now()
        self.outline.setFocus()

    # -- parts ------------------------------------------------------------------------
    def _parts(self, engine: Engine | None, recovery_folder: Path | None) -> None:
        from argmap.gui.window.parts import make_parts

        make_parts(self, engine, recovery_folder)

    def _export_form(self, scope: str | None) -> ExportDialog:
        from argmap.gui.dialogs.export_dialog import ExportDialog

        state = self.view_state
        return ExportDialog(
            self.document.map,
            self.selection.current,
            self.settings,
            self,
            self.live.shown,
            scope,
            unfolded=frozenset(state.unfolded),
            collapsed_sections=frozenset(state.collapsed_sections),
        )

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _docks(self) -> None:
        self.outline_dock = self._dock(
            "Outline", "outline", self.outline, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.inspector_dock = self._dock(
            "Inspector", "inspector", self.inspector, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.history = QUndoView(self.document.undo_stack)
        self._name_history_start()
        self.document.reset.connect(self._name_history_start)
        self.history.setAccessibleName("Undo history")
        self.history_dock = self._dock(
            "History", "history", self.history, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.source_dock = self._dock(
            "Source", "source", self.source_pane, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.problems_dock = self._dock(
            "Problems", "problems", self.problems, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.sections_dock = self._dock(
            "Sections", "sections", self.sections, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.tabifyDockWidget(self.outline_dock, self.sections_dock)
        self.outline_dock.raise_()
        self.tabifyDockWidget(self.history_dock, self.source_dock)
        self.tabifyDockWidget(self.source_dock, self.problems_dock)
        self.source_dock.raise_()
        self.resizeDocks(
            [self.inspector_dock, self.source_dock], [480, 320], Qt.Orientation.Vertical
        )
        self.resizeDocks([self.outline_dock], [340], Qt.Orientation.Horizontal)
        self.resizeDocks([self.inspector_dock], [320], Qt.Orientation.Horizontal)
        from argmap.gui.window.panel_layout import PanelLayout

        self.panel_layout = PanelLayout(self, list(self._panels().values()))

    def _panels(self) -> dict[str, QDockWidget]:
        """The dock widgets by object name (the panel commands name them so)."""
        docks = (
            self.outline_dock,
            self.inspector_dock,
            self.history_dock,
            self.source_dock,
            self.problems_dock,
            self.sections_dock,
        )
        return {dock.objectName(): dock for dock in docks}

    def place_source(self, beside: bool) -> None:
        """The Source pane in a column beside the diagram, or back with History's tabs."""
        self.panel_layout.put_beside(self.source_dock, beside, self.history_dock)

    def show_panel(self, name: str, shown: bool) -> None:
        """Show or hide a dock just as its own toggle action does."""
        own = self._panels()[name].toggleViewAction()
        if own.isChecked() != shown:
            own.trigger()

    def _status_bar(self) -> None:
        self.file_label = QLabel()
        self.count_label = QLabel()
        self.render_label = QLabel()
        bar = self.statusBar()
        bar.addPermanentWidget(self.file_label)
        bar.addPermanentWidget(self.count_label)
        bar.addPermanentWidget(self.render_label)

    def _commands_and_menus(self) -> None:
        from argmap.gui.window.actions import Actions
        from argmap.gui.window.menus import OUTLINE_MENU, SOURCE_MENU, Menus

        self.commands = Actions(self, self, self.document.undo_stack)
        self.commands.follow_panels(self._panels())
        self.menus = Menus(
            self, self.commands, self.view_state, self.settings, self.files, self.editor
        )
        self.menus.add_context(self.source_pane.view, SOURCE_MENU)
        self.menus.add_context(self.outline, OUTLINE_MENU)
        self.outline_model.commit = self.editor.commit_fields
        self.outline.edit_cancelled.connect(self.editor.cancel_text)
        self.outline.addAction(self.menus.section_menu.menuAction())

    def _wire(self) -> None:
        from argmap.gui.window.parts import wire_sharing

        doc, status = self.document, self.statusBar()
        doc.path_changed.connect(lambda path: self._update_title())
        doc.modified_changed.connect(lambda modified: self._update_title())
        doc.reset.connect(self._update_counts)
        doc.changed.connect(lambda *args: self._update_counts())
        doc.error.connect(lambda message: status.showMessage(message, 6000))
        self.files.message.connect(lambda message: status.showMessage(message, 4000))
        self.clipboard.message.connect(lambda message: status.showMessage(message, 6000))
        self.files.busy.connect(lambda message: status.showMessage(message))
        self.recovery.failed.connect(lambda message: status.showMessage(message, 8000))
        self.view_state.told.connect(lambda message: status.showMessage(message, 6000))
        self.live.status.connect(self.render_label.setText)
        self.editor.edit_requested.connect(self.edit_node)
        self._wire_sourcing()
        self.exporting.status.connect(lambda text, ms: status.showMessage(text, ms))
        wire_sharing(self)
        self.problems.node_chosen.connect(self.selection.set_current)
        self._wire_diagram()
        self._wire_find()
        self._wire_welcome()
        for signal in (doc.changed, doc.path_changed, doc.modified_changed):
            signal.connect(self._enable_commands)
        self.selection.current_changed.connect(self._enable_commands)
        self._update_counts()
        self._enable_commands()

    def _wire_sourcing(self) -> None:
        src, pane, status = self.sourcing, self.source_pane, self.statusBar()
        src.message.connect(lambda message: status.showMessage(message, 6000))
        src.status.connect(lambda text, ms: status.showMessage(text, ms))
        src.edit_requested.connect(self.inspector.focus_text)
        src.find_requested.connect(self.source_dock.show)
        src.attached.connect(self.source_dock.show)
        src.attached.connect(self.source_dock.raise_)
        src.find_requested.connect(self.source_dock.raise_)
        src.find_requested.connect(lambda: pane.find_field.setFocus())
        src.find_requested.connect(pane.find_field.selectAll)
        pane.node_chosen.connect(self.selection.set_current)
        pane.attach_button.clicked.connect(lambda: src.attach())

    def _add_from_handle(self, node_id: str, relation: Relation) -> None:
        """A "+" handle beside the selected node: add a support or a rebuttal, typed there."""
        from argmap.model import Relation

        self.diagram.setFocus()
        self.selection.set_current(node_id)
        if relation is Relation.REBUTS:
            self.editor.add_rebuttal()
        else:
            self.editor.add_support()

    def _say_selected(self, node_ids: tuple[str, ...]) -> None:
        bar = self.statusBar()
        if len(node_ids) > 1:
            bar.showMessage(f"{len(node_ids)} {SEVERAL_SELECTED}")
        elif SEVERAL_SELECTED in bar.currentMessage():
            bar.clearMessage()  # one node again: the count would be wrong

    def _name_history_start(self) -> None:
        """The history's first row: the map as it was opened, or a new one."""
        path = self.document.path
        self.history.setEmptyLabel(f"Opened {path.name}" if path is not None else "New map")

    def _wire_diagram(self) -> None:
        d, sel, status = self.diagram, self.selection, self.statusBar()
        d.node_clicked.connect(sel.set_current)
        d.node_toggled.connect(sel.toggle)
        d.handles.add_wanted.connect(self._add_from_handle)
        sel.current_changed.connect(d.set_selected)
        sel.many_changed.connect(d.set_many)
        sel.many_changed.connect(self._say_selected)
        d.edit_requested.connect(self.live.edit_text)
        d.text_committed.connect(self.editor.commit_text)
        d.text_abandoned.connect(self.editor.cancel_text)
        d.claim_wanted.connect(self._claim_on_diagram)
        d.node_dropped.connect(self.editor.drop_on_node)
        d.navigate.connect(self.live.navigate)
        d.menu_requested.connect(self.menus.popup_diagram_menu)
        d.edge_menu_requested.connect(self._edge_menu)
        d.fold_requested.connect(self.view_state.toggle_fold)
        d.drag_hint.connect(
            lambda text: status.showMessage(text, 4000) if text else status.clearMessage()
        )

    def _wire_find(self) -> None:
        finder, status = self.finder, self.statusBar()
        finder.found_changed.connect(self.outline_model.show_found)
        finder.found_changed.connect(self.diagram.set_found)
        finder.stepped.connect(self.outline.show_current)
        finder.stepped.connect(self.diagram.set_selected)
        finder.told.connect(lambda message: status.showMessage(message, 4000))

    def _edge_menu(self, child: str, where: QPoint) -> None:
        """An edge's menu acts on the reason at its lower end: select it, then show it."""
        if child in self.document.map.nodes:
            self.selection.set_current(child)
            self.menus.popup_edge_menu(where)

    # -- state shown ------------------------------------------------------------------
    def _update_title(self) -> None:
        name = self.document.display_name()
        self.setWindowTitle(f"{name}[*] — argmap")
        self.setWindowModified(self.document.is_modified())
        self.file_label.setText(str(self.document.path) if self.document.path else "not saved yet")

    def _update_counts(self) -> None:
        count = len(self.document.map.nodes)
        self.count_label.setText(f"{count} node{'s' if count != 1 else ''}")

    def _enable_commands(self, *args: object) -> None:
        from argmap.gui.window.actions import rule_values

        doc = self.document
        self.commands.enable(rule_values(doc.map, self.selection.current, doc.path))

    def edit_node(self, node_id: str) -> None:
        """Edit where the user is working: on the diagram if it has focus (or a claim was
        asked for on it), else in the outline."""
        on_diagram, self._on_diagram = self._on_diagram, False
        if on_diagram or self.diagram.hasFocus() or self.diagram.editor.hasFocus():
            self.live.edit_text(node_id)
        else:
            self.outline.edit_node(node_id)

    def _claim_on_diagram(self) -> None:
        """The empty map's button, a double-click or the canvas menu: the claim is typed
        on the diagram."""
        self._on_diagram = True
        self.diagram.setFocus()
        self.editor.add_claim()
        self._on_diagram = False

    # -- welcome and help ----------------------------------------------------------------------
    def _wire_welcome(self) -> None:
        from argmap.resources import sample_map

        w, f = self.welcome, self.files
        w.new_requested.connect(f.new)
        f.started_new.connect(self.show_map)
        w.open_requested.connect(lambda: f.open())  # the map shows once it is read
        w.sample_requested.connect(lambda: f.open(sample_map()))
        w.recent_requested.connect(lambda path: f.open_recent(path))
        f.loaded.connect(lambda opened: self.show_map() if opened else None)
        w.guide_requested.connect(self.show_guide)
        self.document.reset.connect(self._maybe_leave_welcome)
        self.document.changed.connect(lambda *args: self.show_map())
        self.files.recent_changed.connect(lambda: w.set_recent(self.settings.recent_files()))
        w.set_recent(self.settings.recent_files())
        self.show_welcome()

    def show_welcome(self) -> None:
        self.welcome.set_recent(self.settings.recent_files())
        self.center.setCurrentWidget(self.welcome)
        self.welcome.new_button.setFocus()  # Enter or Space starts a map at once

    def show_map(self) -> None:
        self.center.setCurrentWidget(self.diagram)

    def is_welcoming(self) -> bool:
        return self.center.currentWidget() is self.welcome

    def _maybe_leave_welcome(self) -> None:
        if self.document.path is not None or self.document.map.nodes:
            self.show_map()

    def show_guide(self) -> None:
        from argmap.gui.dialogs.help import GuideDialog

        self._guide = GuideDialog(self)
        self._guide.show()

    def show_shortcuts(self) -> None:
        from argmap.gui.dialogs.help import ShortcutsDialog

        self._shortcuts = ShortcutsDialog(list(self.commands), self)  # in table order
        self._shortcuts.show()

    def show_about(self) -> None:
        from argmap.gui.dialogs.help import show_about

        show_about(self)

    # -- window events ----------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.is_built() and dropped_map(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        path = dropped_map(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.files.open(path)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        # once shown: Qt gives a new window's focus to its first widget
        if self.is_built() and self.is_welcoming():
            QTimer.singleShot(0, self._focus_welcome)

    def _focus_welcome(self) -> None:
        if self.is_built() and self.is_welcoming() and QApplication.focusWidget() is None:
            self.welcome.new_button.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.is_built():  # closed before its parts were made: nothing to keep
            event.accept()
            return
        if not self.files.maybe_save():
            event.ignore()
            return
        self.files.cancel_load()
        self.sharing.stop()
        self.recovery.discard()
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/state", self.saveState())
        self.live.worker.wait(5000)
        self.files.wait(5000)
        event.accept()

    def _restore_layout(self) -> None:
        state = self.settings.blob("window/state")
        if state is not None:
            self.restoreState(state)
