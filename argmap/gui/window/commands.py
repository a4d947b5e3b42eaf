"""The main window's actions: what each command is called, its keys, its icon, its tip
and the part it calls.  gui/window/menus.py puts them in the menus, toolbars and context menus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QStyle

from argmap.gui.common.icons import glyph_icon, zoom_icon
from argmap.gui.dialogs.help import show_about
from argmap.gui.window.actions import make_action, own_icon, standard_icon
from argmap.model import Acceptance, Force

if TYPE_CHECKING:
    from argmap.gui.window.main_window import MainWindow

SP = QStyle.StandardPixmap


def create_actions(window: MainWindow) -> None:
    """Make every command of the window as one of its `act_*` attributes."""
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
        lambda: window.view_state.set_focus(window.selection.current),
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
        lambda: window.view_state.set_view(quotes=window.act_quotes.isChecked()),
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
        lambda: window.view_state.set_view(evaluation=window.act_evaluation.isChecked()),
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
    window.act_colorblind.setChecked(window.view_state.theme == "colorblind")
