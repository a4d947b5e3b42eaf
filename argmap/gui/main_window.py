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
    QKeySequence,
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

from argmap.gui.actions import make_action, own_icon, standard_icon
from argmap.gui.diagram import DiagramView
from argmap.gui.document import Document
from argmap.gui.editing import EditController
from argmap.gui.export_dialog import FILTERS, ExportDialog, start_export
from argmap.gui.files import FileController
from argmap.gui.help import GuideDialog, ShortcutsDialog, show_about
from argmap.gui.icons import glyph_icon, zoom_icon
from argmap.gui.inspector import Inspector
from argmap.gui.live import LiveDiagram
from argmap.gui.outline import OutlineModel
from argmap.gui.outline_view import OutlineView
from argmap.gui.problems import ProblemsPanel
from argmap.gui.prompts import Prompter
from argmap.gui.recovery import Recovery
from argmap.gui.selection import Selection
from argmap.gui.settings import AppSettings
from argmap.gui.source_pane import SourcePane
from argmap.gui.sourcing import SourceController
from argmap.gui.welcome import WelcomePage
from argmap.model import Acceptance, Force, Relation, ops
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
        self.outline_model = OutlineModel(self.document)
        self.outline = OutlineView(self.outline_model, self.selection)
        self.inspector = Inspector(self.document, self.selection, self.editor)
        self.diagram = DiagramView()
        self.sourcing = SourceController(self.document, self.selection, self.prompter)
        self.source_pane = SourcePane(self.document, self.selection)
        self.problems = ProblemsPanel(self.document)
        self.live = LiveDiagram(
            self.document, self.diagram, self.settings.theme, self.settings.direction, engine
        )
        self.live.font_size = self.settings.number("view/font_size", 11.0, 6.0, 32.0)
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
        e, f, d = self.editor, self.files, self.diagram
        K = QKeySequence.StandardKey  # noqa: N806
        a = make_action
        self.act_new = a(
            self,
            "&New",
            f.new,
            [K.New],
            "Start a new map",
            standard_icon(self, "document-new", SP.SP_FileIcon),
        )
        self.act_open = a(
            self,
            "&Open…",
            lambda: f.open(),
            [K.Open],
            "Open a map file",
            standard_icon(self, "document-open", SP.SP_DialogOpenButton),
        )
        self.act_save = a(
            self,
            "&Save",
            f.save,
            [K.Save],
            "Save the map",
            standard_icon(self, "document-save", SP.SP_DialogSaveButton),
        )
        self.act_save_as = a(
            self,
            "Save &As…",
            f.save_as,
            [K.SaveAs],
            "Save the map under a new name",
            standard_icon(self, "document-save-as", SP.SP_DialogSaveButton),
        )
        self.act_revert = a(
            self,
            "&Revert",
            f.revert,
            [],
            "Go back to the saved file",
            standard_icon(self, "document-revert", SP.SP_BrowserReload),
        )
        self.act_import = a(
            self,
            "&Import…",
            f.import_file,
            ["Ctrl+I"],
            "Open an Argdown, AIF or Kialo file as a new map",
        )
        self.act_export_argdown = a(
            self, "As &Argdown…", lambda: f.export_as("argdown"), [], "Write the map as Argdown"
        )
        self.act_export_aif = a(
            self,
            "As A&IF JSON…",
            lambda: f.export_as("aif"),
            [],
            "Write the map in the Argument Interchange Format",
        )
        self.act_export_markdown = a(
            self,
            "As &Markdown Outline…",
            lambda: f.export_as("markdown"),
            [],
            "Write the map as a Markdown outline",
        )
        self.act_export = a(
            self,
            "&Export…",
            self.export,
            ["Ctrl+E"],
            "Export the diagram as SVG, PNG, PDF or DOT",
            glyph_icon("export"),
        )
        self.act_copy = a(
            self,
            "&Copy Diagram",
            self.copy_diagram,
            ["Ctrl+Shift+C"],
            "Copy the diagram to the clipboard as an image",
        )
        self.act_quit = a(
            self,
            "&Quit",
            self.close,
            [K.Quit],
            "Close argmap",
            standard_icon(self, "application-exit", SP.SP_DialogCloseButton),
        )

        stack = self.document.undo_stack
        self.act_undo = stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcuts(QKeySequence.keyBindings(K.Undo))
        self.act_undo.setIcon(glyph_icon("undo"))
        self.act_redo = stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts(QKeySequence.keyBindings(K.Redo))
        self.act_redo.setIcon(glyph_icon("redo"))
        for action, name in ((self.act_undo, "Undo"), (self.act_redo, "Redo")):
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{name} ({keys})")
            action.setStatusTip(f"{name} the last edit")

        self.act_add_claim = a(
            self,
            "Add &Claim",
            e.add_claim,
            ["Ctrl+Shift+Return"],
            "Add a new top-level claim",
            own_icon("add-claim"),
        )
        self.act_add_support = a(
            self,
            "Add &Support",
            e.add_support,
            ["Insert", "Ctrl+1"],
            "Add a reason that supports the selected node",
            own_icon("add-support"),
        )
        self.act_add_rebuttal = a(
            self,
            "Add &Rebuttal",
            e.add_rebuttal,
            ["Ctrl+Insert", "Ctrl+2"],
            "Add a rebuttal that attacks the selected node",
            own_icon("add-rebuttal"),
        )
        self.act_add_copremise = a(
            self,
            "Add C&o-premise",
            e.add_co_premise,
            ["Ctrl+3"],
            "Add a premise that works only together with the selected one",
            own_icon("add-co-premise"),
        )
        self.act_add_sibling = a(
            self,
            "Add S&ibling",
            e.add_sibling,
            ["Ctrl+Return"],
            "Add a node next to the selected one, of the same kind",
            own_icon("add-sibling"),
        )
        self.act_edit = a(
            self,
            "&Edit Text",
            e.edit_text,
            ["F2"],
            "Edit the selected node's text in place (also Enter in the outline)",
        )
        self.act_delete = a(
            self,
            "&Delete",
            e.delete,
            [K.Delete],
            "Delete the selected node and what is below it",
            standard_icon(self, "edit-delete", SP.SP_TrashIcon),
        )
        self.act_up = a(
            self,
            "Move &Up",
            e.move_up,
            ["Ctrl+Up"],
            "Move the node above its previous sibling",
            standard_icon(self, "go-up", SP.SP_ArrowUp),
        )
        self.act_down = a(
            self,
            "Move Do&wn",
            e.move_down,
            ["Ctrl+Down"],
            "Move the node below its next sibling",
            standard_icon(self, "go-down", SP.SP_ArrowDown),
        )
        self.act_indent = a(
            self,
            "&Indent",
            e.indent,
            ["Ctrl+Right", "Alt+Shift+Right"],
            "Make the node a reason of the sibling above it",
            glyph_icon("indent"),
        )
        self.act_outdent = a(
            self,
            "Ou&tdent",
            e.outdent,
            ["Ctrl+Left", "Alt+Shift+Left"],
            "Make the node a sibling of its parent",
            glyph_icon("outdent"),
        )
        self.act_toggle = a(
            self,
            "&Toggle Support/Rebuttal",
            e.toggle_relation,
            ["Ctrl+T"],
            "Turn a support into a rebuttal or back",
            own_icon("toggle-relation"),
        )

        self.act_zoom_in = a(
            self,
            "Zoom &In",
            lambda: d.zoom(1.25),
            [K.ZoomIn, "Ctrl+="],
            "Enlarge the diagram",
            zoom_icon("+"),
        )
        self.act_zoom_out = a(
            self,
            "Zoom &Out",
            lambda: d.zoom(0.8),
            [K.ZoomOut],
            "Shrink the diagram",
            zoom_icon("-"),
        )
        self.act_fit = a(
            self,
            "&Fit to Window",
            d.fit,
            ["Ctrl+0"],
            "Show the whole diagram",
            zoom_icon("fit"),
        )
        self.act_actual = a(
            self,
            "&Actual Size",
            d.reset_zoom,
            ["Ctrl+Shift+0"],
            "Show the diagram at 100%",
            zoom_icon("1"),
        )

        v = self.live
        self.act_zoom_selection = a(
            self,
            "Zoom to &Selection",
            d.zoom_to_selection,
            ["Ctrl+9"],
            "Zoom the diagram to the selected node",
        )
        self.act_collapse = a(
            self,
            "&Collapse/Expand Subtree",
            self.toggle_collapsed,
            ["Ctrl+."],
            "Hide or show what is below the selected node on the diagram",
        )
        self.act_focus = a(
            self,
            "F&ocus on Subtree",
            lambda: v.set_focus(self.selection.current),
            ["Ctrl+Shift+F"],
            "Show only the selected node and what is below it",
        )
        self.act_unfocus = a(
            self,
            "Show &Whole Map",
            self.show_whole_map,
            ["Ctrl+Shift+W"],
            "Leave the focus view and expand every collapsed subtree",
        )
        self.act_export_subtree = a(
            self,
            "Export S&ubtree…",
            lambda: self.export("subtree"),
            [],
            "Export the selected node and what is below it",
        )

        src = self.sourcing
        self.act_attach_source = a(
            self,
            "&Attach Source Text…",
            lambda: src.attach(),
            [],
            "Attach the text the map is drawn from (plain text, Markdown or HTML)",
            glyph_icon("attach"),
        )
        self.act_detach_source = a(
            self,
            "&Detach Source Text",
            src.detach,
            [],
            "Remove the attached text; nodes keep their quotes",
        )
        self.act_claim_from = a(
            self,
            "New &Claim from Selection",
            lambda: self._from_passage("claim"),
            ["Alt+C"],
            "A new top-level claim from the marked passage",
        )
        self.act_support_from = a(
            self,
            "New &Support from Selection",
            lambda: self._from_passage("support"),
            ["Alt+S"],
            "A support of the selected node from the marked passage",
            own_icon("add-support"),
        )
        self.act_rebuttal_from = a(
            self,
            "New &Rebuttal from Selection",
            lambda: self._from_passage("rebuttal"),
            ["Alt+R"],
            "A rebuttal of the selected node from the marked passage",
            own_icon("add-rebuttal"),
        )
        self.act_cite = a(
            self,
            "C&ite Selection on Node",
            self._cite_passage,
            ["Alt+A"],
            "Add the marked passage to the selected node's source references",
        )
        self.act_quotes = a(
            self,
            "Show &Quoted Words",
            lambda: self.live.set_view(quotes=self.act_quotes.isChecked()),
            [],
            "Show each node's quoted words under its text on the diagram",
        )
        self.act_quotes.setCheckable(True)
        self.act_find_source = a(
            self,
            "&Find in Source",
            self._find_in_source,
            [QKeySequence.StandardKey.Find],
            "Search the attached source text",
        )

        A, F = Acceptance, Force  # noqa: N806
        self.act_accept = a(
            self,
            "&Accepted",
            lambda: e.assess(A.ACCEPTED),
            ["Ctrl+Alt+A"],
            "Assess the selected statement as accepted",
        )
        self.act_reject = a(
            self,
            "&Rejected",
            lambda: e.assess(A.REJECTED),
            ["Ctrl+Alt+R"],
            "Assess the selected statement as rejected",
        )
        self.act_undecided = a(
            self,
            "&Undecided",
            lambda: e.assess(A.UNDECIDED),
            ["Ctrl+Alt+U"],
            "Assess the selected statement as undecided",
        )
        self.act_unassess = a(
            self,
            "&Not Assessed",
            lambda: e.assess(None),
            ["Ctrl+Alt+0"],
            "Clear the selected statement's assessment",
        )
        self.act_strong = a(
            self,
            "&Strong",
            lambda: e.weigh(F.STRONG),
            ["Ctrl+Alt+S"],
            "The selected reason or rebuttal weighs heavily",
        )
        self.act_weak = a(
            self,
            "&Weak",
            lambda: e.weigh(F.WEAK),
            ["Ctrl+Alt+W"],
            "The selected reason or rebuttal weighs little",
        )
        self.act_no_force = a(
            self,
            "&No Force",
            lambda: e.weigh(F.NONE),
            ["Ctrl+Alt+N"],
            "The selected reason or rebuttal counts for nothing",
        )
        self.act_unweigh = a(
            self,
            "Force &Not Assessed",
            lambda: e.weigh(None),
            ["Ctrl+Alt+9"],
            "Clear the selected reason's force",
        )
        self.act_evaluation = a(
            self,
            "Show &Evaluation",
            lambda: self.live.set_view(evaluation=self.act_evaluation.isChecked()),
            ["F9"],
            "Show which statements stand, computed from your assessments",
        )
        self.act_evaluation.setCheckable(True)

        self.act_guide = a(
            self,
            "User &Guide",
            self.show_guide,
            [QKeySequence.StandardKey.HelpContents, "F1"],
            "How to map an article, with the keys, export, import and evaluation",
        )
        self.act_shortcuts = a(
            self,
            "&Keyboard Shortcuts",
            self.show_shortcuts,
            ["Ctrl+/"],
            "Every command with its keys",
        )
        self.act_about = a(
            self, "&About argmap", lambda: show_about(self), [], "The version of argmap"
        )
        self.act_font_up = a(
            self,
            "Diagram Text &Larger",
            lambda: self._font_step(+1),
            ["Ctrl+Alt+="],
            "Make the diagram's text larger",
        )
        self.act_font_down = a(
            self,
            "Diagram Text &Smaller",
            lambda: self._font_step(-1),
            ["Ctrl+Alt+-"],
            "Make the diagram's text smaller",
        )
        self.act_colorblind = a(
            self,
            "Colour-blind Safe Colours",
            self._toggle_colorblind,
            [],
            "Draw with colours that people with colour-vision deficiencies tell apart",
        )
        self.act_colorblind.setCheckable(True)
        self.act_colorblind.setChecked(self.live.theme == "colorblind")

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addActions([self.act_new, self.act_open])
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.act_save, self.act_save_as, self.act_revert])
        file_menu.addSeparator()
        file_menu.addAction(self.act_import)
        file_menu.addActions([self.act_export, self.act_export_subtree])
        export_as = file_menu.addMenu("Export Map &As")
        export_as.addActions(
            [self.act_export_argdown, self.act_export_aif, self.act_export_markdown]
        )
        file_menu.addAction(self.act_copy)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)

        edit_menu = menu.addMenu("&Edit")
        edit_menu.addActions([self.act_undo, self.act_redo])
        edit_menu.addSeparator()
        edit_menu.addActions(
            [
                self.act_add_claim,
                self.act_add_support,
                self.act_add_rebuttal,
                self.act_add_copremise,
                self.act_add_sibling,
            ]
        )
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_edit, self.act_toggle, self.act_delete])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_up, self.act_down, self.act_indent, self.act_outdent])

        source_menu = menu.addMenu("S&ource")
        source_menu.addActions(
            [self.act_attach_source, self.act_detach_source, self.act_find_source]
        )
        source_menu.addSeparator()
        source_menu.addActions(
            [self.act_claim_from, self.act_support_from, self.act_rebuttal_from, self.act_cite]
        )
        source_menu.addSeparator()
        source_menu.addAction(self.act_quotes)
        self.source_pane.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.source_pane.view.addActions(
            [self.act_claim_from, self.act_support_from, self.act_rebuttal_from, self.act_cite]
        )
        self.source_pane.attach_button.clicked.connect(lambda: src.attach())

        assess_menu = menu.addMenu("&Assess")
        assess_menu.addActions(
            [self.act_accept, self.act_reject, self.act_undecided, self.act_unassess]
        )
        assess_menu.addSeparator()
        assess_menu.addActions(
            [self.act_strong, self.act_weak, self.act_no_force, self.act_unweigh]
        )
        assess_menu.addSeparator()
        assess_menu.addAction(self.act_evaluation)
        self.assess_menu = assess_menu

        view_menu = menu.addMenu("&View")
        view_menu.addActions(
            [
                self.act_zoom_in,
                self.act_zoom_out,
                self.act_fit,
                self.act_actual,
                self.act_zoom_selection,
            ]
        )
        view_menu.addSeparator()
        view_menu.addActions([self.act_collapse, self.act_focus, self.act_unfocus])
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("&Theme")
        for key, label in (
            ("default", "&Default"),
            ("colorblind", "&Colour-blind Safe"),
            ("print", "&Print (Greyscale)"),
        ):
            action = theme_menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(key == self.live.theme)
            action.setData(key)
        theme_menu.triggered.connect(
            lambda action: self._set_view(theme=action.data(), menu=theme_menu)
        )
        self._theme_menu = theme_menu
        direction_menu = view_menu.addMenu("&Direction")
        for key, label in (("TB", "&Top to Bottom"), ("LR", "&Left to Right")):
            action = direction_menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(key == self.live.direction)
            action.setData(key)
        direction_menu.triggered.connect(
            lambda action: self._set_view(direction=action.data(), menu=direction_menu)
        )
        view_menu.addActions([self.act_font_up, self.act_font_down, self.act_colorblind])
        view_menu.addSeparator()
        for dock in (
            self.outline_dock,
            self.inspector_dock,
            self.history_dock,
            self.source_dock,
            self.problems_dock,
        ):
            view_menu.addAction(dock.toggleViewAction())

        help_menu = menu.addMenu("&Help")
        help_menu.addActions([self.act_guide, self.act_shortcuts])
        help_menu.addSeparator()
        help_menu.addAction(self.act_about)

        file_bar = self.addToolBar("File")
        file_bar.setObjectName("file-toolbar")
        file_bar.addActions([self.act_new, self.act_open, self.act_save, self.act_export])
        edit_bar = self.addToolBar("Edit")
        edit_bar.setObjectName("edit-toolbar")
        edit_bar.addActions([self.act_undo, self.act_redo])
        edit_bar.addSeparator()
        edit_bar.addActions(
            [
                self.act_add_support,
                self.act_add_rebuttal,
                self.act_add_copremise,
                self.act_add_sibling,
                self.act_delete,
            ]
        )
        edit_bar.addSeparator()
        edit_bar.addActions([self.act_up, self.act_down, self.act_outdent, self.act_indent])
        source_bar = self.addToolBar("Source")
        source_bar.setObjectName("source-toolbar")
        source_bar.addActions(
            [self.act_attach_source, self.act_support_from, self.act_rebuttal_from]
        )
        view_bar = self.addToolBar("View")
        view_bar.setObjectName("view-toolbar")
        view_bar.addActions(
            [self.act_zoom_in, self.act_zoom_out, self.act_fit, self.act_colorblind]
        )

        # the outline's context menu offers the editing commands
        self.outline.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.outline.addActions(
            [
                self.act_add_support,
                self.act_add_rebuttal,
                self.act_add_copremise,
                self.act_add_sibling,
                self.act_edit,
                self.act_toggle,
                self.act_delete,
            ]
        )

    def _wire(self) -> None:
        doc = self.document
        doc.path_changed.connect(lambda path: self._update_title())
        doc.modified_changed.connect(lambda modified: self._update_title())
        doc.reset.connect(self._update_counts)
        doc.changed.connect(lambda *args: self._update_counts())
        doc.error.connect(lambda message: self.statusBar().showMessage(message, 6000))
        self.files.message.connect(lambda message: self.statusBar().showMessage(message, 4000))
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
            self.settings.set("view/theme", theme)
            self.act_colorblind.setChecked(theme == "colorblind")
        if direction:
            self.settings.set("view/direction", direction)
        self.live.set_view(theme, direction)

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
        w.open_requested.connect(lambda: f.open() and self.show_map())
        w.sample_requested.connect(lambda: f.open(sample_map()) and self.show_map())
        w.recent_requested.connect(lambda path: f.open_recent(path) and self.show_map())
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
        size = max(6.0, min(32.0, self.live.font_size + step))
        self.settings.set("view/font_size", size)
        self.live.set_view(font_size=size)

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
        self.source_pane.find.setFocus()
        self.source_pane.find.selectAll()

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
        if self.selection.current is not None:
            self.live.toggle_collapsed(self.selection.current)

    def show_whole_map(self) -> None:
        self.live.collapsed.clear()
        self.live.set_focus(None)

    def _diagram_menu(self, node_id: str | None, where: QPoint) -> None:
        menu = QMenu(self)
        if node_id is not None:
            collapsed = node_id in self.live.collapsed
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
            if self.live.focus or self.live.collapsed:
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
        job = start_export(dialog.chosen_map(), path, choice, self._export_done)
        self._exports.add(job)

    def _export_done(self, path: str, error: str) -> None:
        self._exports = {job for job in self._exports if str(getattr(job, "path", "")) != path}
        if error:
            self.prompter.error("Export failed", error)
        else:
            self.statusBar().showMessage(f"Exported {Path(path).name}", 5000)

    def copy_diagram(self) -> None:
        if self.diagram.svg is None:
            self.statusBar().showMessage("Nothing to copy yet", 3000)
            return
        ratio = self.devicePixelRatioF()
        image = QImage.fromData(svg_to_png(self.diagram.svg, 96 * ratio))
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
        self.recovery.discard()
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/state", self.saveState())
        self.live.worker.wait(5000)
        event.accept()

    def _restore_layout(self) -> None:
        geometry = self.settings.blob("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.blob("window/state")
        if state is not None:
            self.restoreState(state)
