"""The main window: creates the parts and wires them.  Behaviour lives in the parts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QStyle,
    QUndoView,
    QWidget,
)

from argmap.gui.common.settings import AppSettings
from argmap.gui.controllers.editing import EditController
from argmap.gui.controllers.exporting import FILTERS, start_export
from argmap.gui.controllers.failures import describe, one_line
from argmap.gui.controllers.files import FileController
from argmap.gui.controllers.recovery import Recovery
from argmap.gui.controllers.sourcing import SourceController
from argmap.gui.diagram.live import LiveDiagram
from argmap.gui.diagram.view import DiagramView
from argmap.gui.dialogs.export_dialog import ExportDialog
from argmap.gui.dialogs.help import GuideDialog, ShortcutsDialog
from argmap.gui.dialogs.load_progress import LoadProgress
from argmap.gui.dialogs.prompts import Prompter
from argmap.gui.dialogs.welcome import WelcomePage
from argmap.gui.document.selection import Selection
from argmap.gui.document.view_state import ViewState
from argmap.gui.document.wrapper import Document
from argmap.gui.panels.inspector import Inspector
from argmap.gui.panels.outline_model import OutlineModel
from argmap.gui.panels.outline_view import OutlineView
from argmap.gui.panels.problems import ProblemsPanel
from argmap.gui.panels.source_pane import SourcePane
from argmap.gui.window import menus
from argmap.model import Relation, ops
from argmap.render.engines import Engine
from argmap.render.export import svg_to_png
from argmap.resources import sample_map

SP = QStyle.StandardPixmap


def dropped_map(data: QMimeData) -> Path | None:
    """The one local file in a drop, if there is exactly one."""
    urls = [u for u in data.urls() if isinstance(u, QUrl) and u.isLocalFile()]
    if len(urls) != 1:
        return None
    return Path(urls[0].toLocalFile())


class MainWindow(QMainWindow):
    def __init__(
        self,
        settings: AppSettings | None = None,
        prompter: Prompter | None = None,
        engine: Engine | None = None,
        recovery_folder: Path | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings or AppSettings()
        self.prompter = prompter or Prompter(self)
        if self.prompter.parent is None:
            self.prompter.parent = self
        self.document = Document(self)
        self.selection = Selection(self.document)
        self.editor = EditController(self.document, self.selection, self.prompter)
        self.recovery = Recovery(self.document, self.settings.autosave_seconds, recovery_folder)
        self.files = FileController(self.document, self.prompter, self.settings, self.recovery)
        self.load_progress = LoadProgress(self, self.files)
        self.outline_model = OutlineModel(self.document)
        self.outline = OutlineView(self.outline_model, self.selection)
        self.inspector = Inspector(self.document, self.selection, self.editor)
        self.diagram = DiagramView()
        self.sourcing = SourceController(self.document, self.selection, self.prompter)
        self.source_pane = SourcePane(self.document, self.selection)
        self.problems = ProblemsPanel(self.document)
        self.view_state = ViewState(self.document, self.settings)
        self.live = LiveDiagram(
            self.document, self.diagram, self.view_state, self.selection, engine
        )
        self._exports: set[object] = set()

        self.welcome = WelcomePage()
        self.center = QStackedWidget()
        self.center.addWidget(self.welcome)
        self.center.addWidget(self.diagram)
        self.setCentralWidget(self.center)
        self._docks()
        self._status_bar()
        self._actions_and_menus()
        self._wire()
        self.setAcceptDrops(True)
        screen = QGuiApplication.primaryScreen()
        if screen is not None:  # first start: most of the screen; later the saved geometry
            available = screen.availableGeometry().size()
            self.resize(
                max(900, int(available.width() * 0.92)), max(600, int(available.height() * 0.9))
            )
        self._restore_layout()
        self._update_title()
        self.live.render_now()
        self.outline.setFocus()

    # -- parts ------------------------------------------------------------------------
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
        self.history.setEmptyLabel("<opened>")
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
        self.tabifyDockWidget(self.history_dock, self.source_dock)
        self.tabifyDockWidget(self.source_dock, self.problems_dock)
        self.source_dock.raise_()
        self.resizeDocks(
            [self.inspector_dock, self.source_dock], [280, 520], Qt.Orientation.Vertical
        )
        self.resizeDocks([self.outline_dock], [340], Qt.Orientation.Horizontal)
        self.resizeDocks([self.inspector_dock], [320], Qt.Orientation.Horizontal)

    def _status_bar(self) -> None:
        self.file_label = QLabel()
        self.count_label = QLabel()
        self.render_label = QLabel()
        bar = self.statusBar()
        bar.addPermanentWidget(self.file_label)
        bar.addPermanentWidget(self.count_label)
        bar.addPermanentWidget(self.render_label)

    def _actions_and_menus(self) -> None:
        menus.install(self)

    def _wire(self) -> None:
        doc = self.document
        doc.path_changed.connect(lambda path: self._update_title())
        doc.modified_changed.connect(lambda modified: self._update_title())
        doc.reset.connect(self._update_counts)
        doc.changed.connect(lambda *args: self._update_counts())
        doc.error.connect(lambda message: self.statusBar().showMessage(message, 6000))
        self.files.message.connect(lambda message: self.statusBar().showMessage(message, 4000))
        self.files.busy.connect(lambda message: self.statusBar().showMessage(message))
        self.recovery.failed.connect(lambda message: self.statusBar().showMessage(message, 8000))
        self.live.status.connect(self.render_label.setText)
        self.editor.edit_requested.connect(self.edit_node)
        self.sourcing.message.connect(lambda message: self.statusBar().showMessage(message, 6000))
        self.sourcing.edit_requested.connect(self.inspector.focus_text)
        self.source_pane.node_chosen.connect(self.selection.set_current)
        self.problems.node_chosen.connect(self.selection.set_current)
        self._wire_diagram()
        self._wire_welcome()
        self.selection.current_changed.connect(self._update_actions)
        doc.changed.connect(lambda *args: self._update_actions(self.selection.current))
        self._update_counts()
        self._update_actions(None)

    # -- state shown ------------------------------------------------------------------
    def _update_title(self) -> None:
        name = self.document.display_name()
        self.setWindowTitle(f"{name}[*] — argmap")
        self.setWindowModified(self.document.is_modified())
        self.file_label.setText(str(self.document.path) if self.document.path else "not saved yet")
        self.act_revert.setEnabled(self.document.path is not None)

    def _update_counts(self) -> None:
        count = len(self.document.map.nodes)
        self.count_label.setText(f"{count} node{'s' if count != 1 else ''}")

    def _update_actions(self, current: str | None) -> None:
        has = current is not None
        node = self.document.map.nodes.get(current) if current else None
        for action in (
            self.act_edit,
            self.act_delete,
            self.act_up,
            self.act_down,
            self.act_indent,
            self.act_collapse,
            self.act_focus,
            self.act_export_subtree,
            self.act_zoom_selection,
        ):
            action.setEnabled(has)
        self.act_add_copremise.setEnabled(node is not None and node.parent is not None)
        self.act_outdent.setEnabled(node is not None and node.parent is not None)
        self.act_toggle.setEnabled(node is not None and node.parent is not None)

    def _set_view(
        self, theme: str | None = None, direction: str | None = None, menu: QMenu | None = None
    ) -> None:
        if menu is not None:
            chosen = theme or direction
            for action in menu.actions():
                action.setChecked(action.data() == chosen)
        if theme:
            self.act_colorblind.setChecked(theme == "colorblind")
            self.view_state.choose_theme(theme)
        if direction:
            self.view_state.choose_direction(direction)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for index, path in enumerate(recent, 1):
            action = self.recent_menu.addAction(f"&{index % 10} {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.setEnabled(path.is_file())
            action.triggered.connect(lambda checked=False, p=path: self.files.open_recent(p))
        if not recent:
            self.recent_menu.addAction("No recent maps").setEnabled(False)

    # -- welcome and help ----------------------------------------------------------------------
    def _wire_welcome(self) -> None:
        w, f = self.welcome, self.files
        w.new_requested.connect(lambda: f.new() and self.show_map())
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

    def show_map(self) -> None:
        self.center.setCurrentWidget(self.diagram)

    def is_welcoming(self) -> bool:
        return self.center.currentWidget() is self.welcome

    def _maybe_leave_welcome(self) -> None:
        if self.document.path is not None or self.document.map.nodes:
            self.show_map()

    def show_guide(self) -> None:
        self._guide = GuideDialog(self)
        self._guide.show()

    def show_shortcuts(self) -> None:
        self._shortcuts = ShortcutsDialog(self.findChildren(QAction), self)
        self._shortcuts.show()

    def _font_step(self, step: int) -> None:
        self.view_state.step_font(step)

    def _toggle_colorblind(self) -> None:
        theme = "colorblind" if self.act_colorblind.isChecked() else "default"
        self._set_view(theme=theme, menu=self._theme_menu)

    # -- the source text --------------------------------------------------------------
    def _from_passage(self, kind: str) -> None:
        span = self.source_pane.view.selected_span()
        if span is None:
            self.statusBar().showMessage("Mark a passage in the source text first", 5000)
            return
        self.sourcing.new_from_selection(kind, *span)

    def _cite_passage(self) -> None:
        span = self.source_pane.view.selected_span()
        if span is None:
            self.statusBar().showMessage("Mark a passage in the source text first", 5000)
            return
        self.sourcing.attach_span(*span)

    def _find_in_source(self) -> None:
        self.source_dock.show()
        self.source_dock.raise_()
        self.source_pane.find_field.setFocus()
        self.source_pane.find_field.selectAll()

    # -- the diagram as an editing surface --------------------------------------------
    def _wire_diagram(self) -> None:
        d, sel = self.diagram, self.selection
        d.node_clicked.connect(sel.set_current)
        sel.current_changed.connect(d.set_selected)
        d.edit_requested.connect(self._edit_on_diagram)
        d.text_committed.connect(self._commit_diagram_text)
        d.node_dropped.connect(self._drop_on_node)
        d.navigate.connect(lambda where: self._navigate(where))
        d.menu_requested.connect(self._diagram_menu)
        d.drag_hint.connect(
            lambda text: (
                self.statusBar().showMessage(text, 4000)
                if text
                else self.statusBar().clearMessage()
            )
        )
        self.live.rendered.connect(self._after_render)
        self._pending_edit: str | None = None

    def edit_node(self, node_id: str) -> None:
        """Edit where the user is working: on the diagram if it has focus, else in the outline."""
        if self.diagram.hasFocus() or self.diagram.editor.hasFocus():
            self._edit_on_diagram(node_id)
        else:
            self.outline.edit_node(node_id)

    def _edit_on_diagram(self, node_id: str) -> None:
        node = self.document.map.nodes.get(node_id)
        if node is None:
            return
        if self.live.pending or self.diagram.node_rect(node_id) is None:
            self._pending_edit = node_id  # a new node: edit it once it is drawn
            return
        self.diagram.start_edit(node_id, node.text, self.document.map.style.font_size)

    def _after_render(self) -> None:
        pending, self._pending_edit = self._pending_edit, None
        if pending is not None and self.diagram.node_rect(pending) is not None:
            self._edit_on_diagram(pending)

    def _commit_diagram_text(self, node_id: str, text: str) -> None:
        node = self.document.map.nodes.get(node_id)
        if node is not None and node.text != text:
            self.document.edit(ops.edit_node, node_id, text=text, label="Edit Text")

    def _drop_on_node(self, dragged: str, target: str, rebut: bool) -> None:
        relation = Relation.REBUTS if rebut else Relation.SUPPORTS
        label = "Drop as Rebuttal" if rebut else "Drop as Support"
        if self.document.edit(ops.move_node, dragged, target, relation, label=label) is not None:
            self.selection.set_current(dragged)

    def _navigate(self, where: str) -> None:
        target = self.live.neighbour(self.selection.current, where)
        if target is not None:
            self.selection.set_current(target)

    def toggle_collapsed(self) -> None:
        self.view_state.toggle_collapsed(self.selection.current)

    def show_whole_map(self) -> None:
        self.view_state.show_whole_map()

    def _diagram_menu(self, node_id: str | None, where: QPoint) -> None:
        menu = QMenu(self)
        if node_id is not None:
            collapsed = node_id in self.view_state.collapsed
            self.act_collapse.setText("E&xpand Subtree" if collapsed else "&Collapse Subtree")
            menu.addActions(
                [
                    self.act_add_support,
                    self.act_add_rebuttal,
                    self.act_add_copremise,
                    self.act_add_sibling,
                ]
            )
            menu.addSeparator()
            menu.addActions([self.act_edit, self.act_toggle, self.act_delete])
            menu.addSeparator()
            menu.addActions([self.act_collapse, self.act_focus, self.act_export_subtree])
            menu.addSeparator()
            menu.addMenu(self.assess_menu)
        else:
            menu.addActions([self.act_fit, self.act_actual, self.act_zoom_selection])
            if self.view_state.partial:
                menu.addAction(self.act_unfocus)
            menu.addSeparator()
            menu.addAction(self.act_export)
        self._last_menu = menu
        menu.popup(where)

    # -- commands that need the window ------------------------------------------------
    def export(self, scope: str | None = None) -> None:
        dialog = ExportDialog(
            self.document.map, self.selection.current, self.settings, self, self.live.shown, scope
        )
        if not dialog.exec():
            return
        choice = dialog.choice()
        folder = self.settings.text("export/folder", self.settings.last_folder)
        stem = self.document.path.name.removesuffix(".argmap.json") if self.document.path else "map"
        path = self.prompter.save_path(
            str(Path(folder) / f"{stem}.{choice.fmt}"), "Export Diagram", FILTERS[choice.fmt]
        )
        if path is None:
            return
        if not path.suffix:
            path = path.with_suffix(f".{choice.fmt}")
        dialog.remember(path.parent)
        self.statusBar().showMessage(f"Exporting {path.name}…")
        try:
            job = start_export(dialog.chosen_map(), path, choice, self._export_done)
        except Exception as exc:  # the job failed to start: told like a failed export
            self._export_done(str(path), describe(exc, path))
            return
        self._exports.add(job)

    def _export_done(self, path: str, error: str) -> None:
        self._exports = {job for job in self._exports if str(getattr(job, "path", "")) != path}
        if error:
            self.prompter.error("Export failed", one_line(error))
        else:
            self.statusBar().showMessage(f"Exported {Path(path).name}", 5000)

    def copy_diagram(self) -> None:
        if self.diagram.svg is None:
            self.statusBar().showMessage("Nothing to copy yet", 3000)
            return
        ratio = self.devicePixelRatioF()
        try:
            image = QImage.fromData(svg_to_png(self.diagram.svg, 96 * ratio))
        except Exception as exc:  # a picture that cannot be made: said, not raised
            self.statusBar().showMessage(one_line(f"Could not copy the diagram: {exc}"), 6000)
            return
        QGuiApplication.clipboard().setImage(image)
        self.statusBar().showMessage("Diagram copied to the clipboard", 3000)

    # -- window events ----------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if dropped_map(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        path = dropped_map(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.files.open(path)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.files.maybe_save():
            event.ignore()
            return
        self.files.cancel_load()
        self.recovery.discard()
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/state", self.saveState())
        self.live.worker.wait(5000)
        self.files.wait(5000)
        event.accept()

    def _restore_layout(self) -> None:
        geometry = self.settings.blob("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.blob("window/state")
        if state is not None:
            self.restoreState(state)
