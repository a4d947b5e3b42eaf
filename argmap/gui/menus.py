"""The main window's actions, menus and toolbars: what each command is called, its keys,
its icon, and where it appears.  The behaviour stays in the parts the actions call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QStyle

from argmap.gui.actions import make_action, own_icon, standard_icon
from argmap.gui.help import show_about
from argmap.gui.icons import glyph_icon, zoom_icon
from argmap.model import Acceptance, Force

if TYPE_CHECKING:
    from argmap.gui.main_window import MainWindow

SP = QStyle.StandardPixmap


def install(window: MainWindow) -> None:
    e, f, d = window.editor, window.files, window.diagram
    K = QKeySequence.StandardKey  # noqa: N806
    a = make_action
    window.act_new = a(
        window,
        "&New",
        f.new,
        [K.New],
        "Start a new map",
        standard_icon(window, "document-new", SP.SP_FileIcon),
    )
    window.act_open = a(
        window,
        "&Open…",
        lambda: f.open(),
        [K.Open],
        "Open a map file",
        standard_icon(window, "document-open", SP.SP_DialogOpenButton),
    )
    window.act_save = a(
        window,
        "&Save",
        f.save,
        [K.Save],
        "Save the map",
        standard_icon(window, "document-save", SP.SP_DialogSaveButton),
    )
    window.act_save_as = a(
        window,
        "Save &As…",
        f.save_as,
        [K.SaveAs],
        "Save the map under a new name",
        standard_icon(window, "document-save-as", SP.SP_DialogSaveButton),
    )
    window.act_revert = a(
        window,
        "&Revert",
        f.revert,
        [],
        "Go back to the saved file",
        standard_icon(window, "document-revert", SP.SP_BrowserReload),
    )
    window.act_import = a(
        window,
        "&Import…",
        f.import_file,
        ["Ctrl+I"],
        "Open an Argdown, AIF or Kialo file as a new map",
    )
    window.act_export_argdown = a(
        window, "As &Argdown…", lambda: f.export_as("argdown"), [], "Write the map as Argdown"
    )
    window.act_export_aif = a(
        window,
        "As A&IF JSON…",
        lambda: f.export_as("aif"),
        [],
        "Write the map in the Argument Interchange Format",
    )
    window.act_export_markdown = a(
        window,
        "As &Markdown Outline…",
        lambda: f.export_as("markdown"),
        [],
        "Write the map as a Markdown outline",
    )
    window.act_export = a(
        window,
        "&Export…",
        window.export,
        ["Ctrl+E"],
        "Export the diagram as SVG, PNG, PDF or DOT",
        glyph_icon("export"),
    )
    window.act_copy = a(
        window,
        "&Copy Diagram",
        window.copy_diagram,
        ["Ctrl+Shift+C"],
        "Copy the diagram to the clipboard as an image",
    )
    window.act_quit = a(
        window,
        "&Quit",
        window.close,
        [K.Quit],
        "Close argmap",
        standard_icon(window, "application-exit", SP.SP_DialogCloseButton),
    )

    stack = window.document.undo_stack
    window.act_undo = stack.createUndoAction(window, "&Undo")
    window.act_undo.setShortcuts(QKeySequence.keyBindings(K.Undo))
    window.act_undo.setIcon(glyph_icon("undo"))
    window.act_redo = stack.createRedoAction(window, "&Redo")
    window.act_redo.setShortcuts(QKeySequence.keyBindings(K.Redo))
    window.act_redo.setIcon(glyph_icon("redo"))
    for action, name in ((window.act_undo, "Undo"), (window.act_redo, "Redo")):
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{name} ({keys})")
        action.setStatusTip(f"{name} the last edit")

    window.act_add_claim = a(
        window,
        "Add &Claim",
        e.add_claim,
        ["Ctrl+Shift+Return"],
        "Add a new top-level claim",
        own_icon("add-claim"),
    )
    window.act_add_support = a(
        window,
        "Add &Support",
        e.add_support,
        ["Insert", "Ctrl+1"],
        "Add a reason that supports the selected node",
        own_icon("add-support"),
    )
    window.act_add_rebuttal = a(
        window,
        "Add &Rebuttal",
        e.add_rebuttal,
        ["Ctrl+Insert", "Ctrl+2"],
        "Add a rebuttal that attacks the selected node",
        own_icon("add-rebuttal"),
    )
    window.act_add_copremise = a(
        window,
        "Add C&o-premise",
        e.add_co_premise,
        ["Ctrl+3"],
        "Add a premise that works only together with the selected one",
        own_icon("add-co-premise"),
    )
    window.act_add_sibling = a(
        window,
        "Add S&ibling",
        e.add_sibling,
        ["Ctrl+Return"],
        "Add a node next to the selected one, of the same kind",
        own_icon("add-sibling"),
    )
    window.act_edit = a(
        window,
        "&Edit Text",
        e.edit_text,
        ["F2"],
        "Edit the selected node's text in place (also Enter in the outline)",
    )
    window.act_delete = a(
        window,
        "&Delete",
        e.delete,
        [K.Delete],
        "Delete the selected node and what is below it",
        standard_icon(window, "edit-delete", SP.SP_TrashIcon),
    )
    window.act_up = a(
        window,
        "Move &Up",
        e.move_up,
        ["Ctrl+Up"],
        "Move the node above its previous sibling",
        standard_icon(window, "go-up", SP.SP_ArrowUp),
    )
    window.act_down = a(
        window,
        "Move Do&wn",
        e.move_down,
        ["Ctrl+Down"],
        "Move the node below its next sibling",
        standard_icon(window, "go-down", SP.SP_ArrowDown),
    )
    window.act_indent = a(
        window,
        "&Indent",
        e.indent,
        ["Ctrl+Right", "Alt+Shift+Right"],
        "Make the node a reason of the sibling above it",
        glyph_icon("indent"),
    )
    window.act_outdent = a(
        window,
        "Ou&tdent",
        e.outdent,
        ["Ctrl+Left", "Alt+Shift+Left"],
        "Make the node a sibling of its parent",
        glyph_icon("outdent"),
    )
    window.act_toggle = a(
        window,
        "&Toggle Support/Rebuttal",
        e.toggle_relation,
        ["Ctrl+T"],
        "Turn a support into a rebuttal or back",
        own_icon("toggle-relation"),
    )

    window.act_zoom_in = a(
        window,
        "Zoom &In",
        lambda: d.zoom(1.25),
        [K.ZoomIn, "Ctrl+="],
        "Enlarge the diagram",
        zoom_icon("+"),
    )
    window.act_zoom_out = a(
        window,
        "Zoom &Out",
        lambda: d.zoom(0.8),
        [K.ZoomOut],
        "Shrink the diagram",
        zoom_icon("-"),
    )
    window.act_fit = a(
        window,
        "&Fit to Window",
        d.fit,
        ["Ctrl+0"],
        "Show the whole diagram",
        zoom_icon("fit"),
    )
    window.act_actual = a(
        window,
        "&Actual Size",
        d.reset_zoom,
        ["Ctrl+Shift+0"],
        "Show the diagram at 100%",
        zoom_icon("1"),
    )

    v = window.live
    window.act_zoom_selection = a(
        window,
        "Zoom to &Selection",
        d.zoom_to_selection,
        ["Ctrl+9"],
        "Zoom the diagram to the selected node",
    )
    window.act_collapse = a(
        window,
        "&Collapse/Expand Subtree",
        window.toggle_collapsed,
        ["Ctrl+."],
        "Hide or show what is below the selected node on the diagram",
    )
    window.act_focus = a(
        window,
        "F&ocus on Subtree",
        lambda: v.set_focus(window.selection.current),
        ["Ctrl+Shift+F"],
        "Show only the selected node and what is below it",
    )
    window.act_unfocus = a(
        window,
        "Show &Whole Map",
        window.show_whole_map,
        ["Ctrl+Shift+W"],
        "Leave the focus view and expand every collapsed subtree",
    )
    window.act_export_subtree = a(
        window,
        "Export S&ubtree…",
        lambda: window.export("subtree"),
        [],
        "Export the selected node and what is below it",
    )

    src = window.sourcing
    window.act_attach_source = a(
        window,
        "&Attach Source Text…",
        lambda: src.attach(),
        [],
        "Attach the text the map is drawn from (plain text, Markdown or HTML)",
        glyph_icon("attach"),
    )
    window.act_detach_source = a(
        window,
        "&Detach Source Text",
        src.detach,
        [],
        "Remove the attached text; nodes keep their quotes",
    )
    window.act_claim_from = a(
        window,
        "New &Claim from Selection",
        lambda: window._from_passage("claim"),
        ["Alt+C"],
        "A new top-level claim from the marked passage",
    )
    window.act_support_from = a(
        window,
        "New &Support from Selection",
        lambda: window._from_passage("support"),
        ["Alt+S"],
        "A support of the selected node from the marked passage",
        own_icon("add-support"),
    )
    window.act_rebuttal_from = a(
        window,
        "New &Rebuttal from Selection",
        lambda: window._from_passage("rebuttal"),
        ["Alt+R"],
        "A rebuttal of the selected node from the marked passage",
        own_icon("add-rebuttal"),
    )
    window.act_cite = a(
        window,
        "C&ite Selection on Node",
        window._cite_passage,
        ["Alt+A"],
        "Add the marked passage to the selected node's source references",
    )
    window.act_quotes = a(
        window,
        "Show &Quoted Words",
        lambda: window.live.set_view(quotes=window.act_quotes.isChecked()),
        [],
        "Show each node's quoted words under its text on the diagram",
    )
    window.act_quotes.setCheckable(True)
    window.act_find_source = a(
        window,
        "&Find in Source",
        window._find_in_source,
        [QKeySequence.StandardKey.Find],
        "Search the attached source text",
    )

    A, F = Acceptance, Force  # noqa: N806
    window.act_accept = a(
        window,
        "&Accepted",
        lambda: e.assess(A.ACCEPTED),
        ["Ctrl+Alt+A"],
        "Assess the selected statement as accepted",
    )
    window.act_reject = a(
        window,
        "&Rejected",
        lambda: e.assess(A.REJECTED),
        ["Ctrl+Alt+R"],
        "Assess the selected statement as rejected",
    )
    window.act_undecided = a(
        window,
        "&Undecided",
        lambda: e.assess(A.UNDECIDED),
        ["Ctrl+Alt+U"],
        "Assess the selected statement as undecided",
    )
    window.act_unassess = a(
        window,
        "&Not Assessed",
        lambda: e.assess(None),
        ["Ctrl+Alt+0"],
        "Clear the selected statement's assessment",
    )
    window.act_strong = a(
        window,
        "&Strong",
        lambda: e.weigh(F.STRONG),
        ["Ctrl+Alt+S"],
        "The selected reason or rebuttal weighs heavily",
    )
    window.act_weak = a(
        window,
        "&Weak",
        lambda: e.weigh(F.WEAK),
        ["Ctrl+Alt+W"],
        "The selected reason or rebuttal weighs little",
    )
    window.act_no_force = a(
        window,
        "&No Force",
        lambda: e.weigh(F.NONE),
        ["Ctrl+Alt+N"],
        "The selected reason or rebuttal counts for nothing",
    )
    window.act_unweigh = a(
        window,
        "Force &Not Assessed",
        lambda: e.weigh(None),
        ["Ctrl+Alt+9"],
        "Clear the selected reason's force",
    )
    window.act_evaluation = a(
        window,
        "Show &Evaluation",
        lambda: window.live.set_view(evaluation=window.act_evaluation.isChecked()),
        ["F9"],
        "Show which statements stand, computed from your assessments",
    )
    window.act_evaluation.setCheckable(True)

    window.act_guide = a(
        window,
        "User &Guide",
        window.show_guide,
        [QKeySequence.StandardKey.HelpContents, "F1"],
        "How to map an article, with the keys, export, import and evaluation",
    )
    window.act_shortcuts = a(
        window,
        "&Keyboard Shortcuts",
        window.show_shortcuts,
        ["Ctrl+/"],
        "Every command with its keys",
    )
    window.act_about = a(
        window, "&About argmap", lambda: show_about(window), [], "The version of argmap"
    )
    window.act_font_up = a(
        window,
        "Diagram Text &Larger",
        lambda: window._font_step(+1),
        ["Ctrl+Alt+="],
        "Make the diagram's text larger",
    )
    window.act_font_down = a(
        window,
        "Diagram Text &Smaller",
        lambda: window._font_step(-1),
        ["Ctrl+Alt+-"],
        "Make the diagram's text smaller",
    )
    window.act_colorblind = a(
        window,
        "Colour-blind Safe Colours",
        window._toggle_colorblind,
        [],
        "Draw with colours that people with colour-vision deficiencies tell apart",
    )
    window.act_colorblind.setCheckable(True)
    window.act_colorblind.setChecked(window.live.theme == "colorblind")

    menu = window.menuBar()
    file_menu = menu.addMenu("&File")
    file_menu.addActions([window.act_new, window.act_open])
    window.recent_menu = QMenu("Open &Recent", window)
    window.recent_menu.aboutToShow.connect(window._fill_recent)
    file_menu.addMenu(window.recent_menu)
    file_menu.addSeparator()
    file_menu.addActions([window.act_save, window.act_save_as, window.act_revert])
    file_menu.addSeparator()
    file_menu.addAction(window.act_import)
    file_menu.addActions([window.act_export, window.act_export_subtree])
    export_as = file_menu.addMenu("Export Map &As")
    export_as.addActions(
        [window.act_export_argdown, window.act_export_aif, window.act_export_markdown]
    )
    file_menu.addAction(window.act_copy)
    file_menu.addSeparator()
    file_menu.addAction(window.act_quit)

    edit_menu = menu.addMenu("&Edit")
    edit_menu.addActions([window.act_undo, window.act_redo])
    edit_menu.addSeparator()
    edit_menu.addActions(
        [
            window.act_add_claim,
            window.act_add_support,
            window.act_add_rebuttal,
            window.act_add_copremise,
            window.act_add_sibling,
        ]
    )
    edit_menu.addSeparator()
    edit_menu.addActions([window.act_edit, window.act_toggle, window.act_delete])
    edit_menu.addSeparator()
    edit_menu.addActions([window.act_up, window.act_down, window.act_indent, window.act_outdent])

    source_menu = menu.addMenu("S&ource")
    source_menu.addActions(
        [window.act_attach_source, window.act_detach_source, window.act_find_source]
    )
    source_menu.addSeparator()
    source_menu.addActions(
        [window.act_claim_from, window.act_support_from, window.act_rebuttal_from, window.act_cite]
    )
    source_menu.addSeparator()
    source_menu.addAction(window.act_quotes)
    window.source_pane.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    window.source_pane.view.addActions(
        [window.act_claim_from, window.act_support_from, window.act_rebuttal_from, window.act_cite]
    )
    window.source_pane.attach_button.clicked.connect(lambda: src.attach())

    assess_menu = menu.addMenu("&Assess")
    assess_menu.addActions(
        [window.act_accept, window.act_reject, window.act_undecided, window.act_unassess]
    )
    assess_menu.addSeparator()
    assess_menu.addActions(
        [window.act_strong, window.act_weak, window.act_no_force, window.act_unweigh]
    )
    assess_menu.addSeparator()
    assess_menu.addAction(window.act_evaluation)
    window.assess_menu = assess_menu

    view_menu = menu.addMenu("&View")
    view_menu.addActions(
        [
            window.act_zoom_in,
            window.act_zoom_out,
            window.act_fit,
            window.act_actual,
            window.act_zoom_selection,
        ]
    )
    view_menu.addSeparator()
    view_menu.addActions([window.act_collapse, window.act_focus, window.act_unfocus])
    view_menu.addSeparator()
    theme_menu = view_menu.addMenu("&Theme")
    for key, label in (
        ("default", "&Default"),
        ("colorblind", "&Colour-blind Safe"),
        ("print", "&Print (Greyscale)"),
    ):
        action = theme_menu.addAction(label)
        action.setCheckable(True)
        action.setChecked(key == window.live.theme)
        action.setData(key)
    theme_menu.triggered.connect(
        lambda action: window._set_view(theme=action.data(), menu=theme_menu)
    )
    window._theme_menu = theme_menu
    direction_menu = view_menu.addMenu("&Direction")
    for key, label in (("TB", "&Top to Bottom"), ("LR", "&Left to Right")):
        action = direction_menu.addAction(label)
        action.setCheckable(True)
        action.setChecked(key == window.live.direction)
        action.setData(key)
    direction_menu.triggered.connect(
        lambda action: window._set_view(direction=action.data(), menu=direction_menu)
    )
    view_menu.addActions([window.act_font_up, window.act_font_down, window.act_colorblind])
    view_menu.addSeparator()
    for dock in (
        window.outline_dock,
        window.inspector_dock,
        window.history_dock,
        window.source_dock,
        window.problems_dock,
    ):
        view_menu.addAction(dock.toggleViewAction())

    help_menu = menu.addMenu("&Help")
    help_menu.addActions([window.act_guide, window.act_shortcuts])
    help_menu.addSeparator()
    help_menu.addAction(window.act_about)

    file_bar = window.addToolBar("File")
    file_bar.setObjectName("file-toolbar")
    file_bar.addActions([window.act_new, window.act_open, window.act_save, window.act_export])
    edit_bar = window.addToolBar("Edit")
    edit_bar.setObjectName("edit-toolbar")
    edit_bar.addActions([window.act_undo, window.act_redo])
    edit_bar.addSeparator()
    edit_bar.addActions(
        [
            window.act_add_support,
            window.act_add_rebuttal,
            window.act_add_copremise,
            window.act_add_sibling,
            window.act_delete,
        ]
    )
    edit_bar.addSeparator()
    edit_bar.addActions([window.act_up, window.act_down, window.act_outdent, window.act_indent])
    source_bar = window.addToolBar("Source")
    source_bar.setObjectName("source-toolbar")
    source_bar.addActions(
        [window.act_attach_source, window.act_support_from, window.act_rebuttal_from]
    )
    view_bar = window.addToolBar("View")
    view_bar.setObjectName("view-toolbar")
    view_bar.addActions(
        [window.act_zoom_in, window.act_zoom_out, window.act_fit, window.act_colorblind]
    )

    # the outline's context menu offers the editing commands
    window.outline.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    window.outline.addActions(
        [
            window.act_add_support,
            window.act_add_rebuttal,
            window.act_add_copremise,
            window.act_add_sibling,
            window.act_edit,
            window.act_toggle,
            window.act_delete,
        ]
    )
