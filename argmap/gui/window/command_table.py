"""The command table: one row per command of the main window, in the order the window
makes them (which is the shortcuts dialog's order).  To add a command, add a row here and
put its id in a layout of gui/window/menus.py."""

from __future__ import annotations

from argmap.gui.dialogs import views
from argmap.gui.window.clipboard_commands import CLIPBOARD
from argmap.gui.window.command_find import FIND
from argmap.gui.window.command_help import HELP
from argmap.gui.window.command_select import SELECT
from argmap.gui.window.commands import (
    CHOICES,
    LAYOUT,
    PANELS,
    SP,
    Command,
    K,
    Run,
    glyph,
    own,
    themed,
    zoom,
)
from argmap.model import Acceptance, Force


def _assess(acceptance: Acceptance | None) -> Run:
    return lambda t: t.editor.assess(acceptance)


def _weigh(force: Force | None) -> Run:
    return lambda t: t.editor.weigh(force)


FILE = (
    Command(
        "file.new",
        "&New",
        "Start a new map",
        (K.New,),
        themed("document-new", SP.SP_FileIcon),
        run=lambda t: t.files.new(),
    ),
    Command(
        "file.open",
        "&Open…",
        "Open a map file",
        (K.Open,),
        themed("document-open", SP.SP_DialogOpenButton),
        run=lambda t: t.files.open(),
    ),
    Command(
        "file.save",
        "&Save",
        "Save the map",
        (K.Save,),
        themed("document-save", SP.SP_DialogSaveButton),
        run=lambda t: t.files.save(),
    ),
    Command(
        "file.save_as",
        "Save &As…",
        "Save the map under a new name",
        (K.SaveAs,),
        themed("document-save-as", SP.SP_DialogSaveButton),
        run=lambda t: t.files.save_as(),
    ),
    Command(
        "file.revert",
        "&Revert",
        "Go back to the saved file",
        icon=themed("document-revert", SP.SP_BrowserReload),
        enabled_when="saved",
        run=lambda t: t.files.revert(),
    ),
    Command(
        "file.import",
        "&Import…",
        "Open an Argdown, AIF or Kialo file as a new map",
        ("Ctrl+I",),
        run=lambda t: t.files.import_file(),
    ),
    Command(
        "file.export_argdown",
        "As &Argdown…",
        "Write the map as Argdown",
        run=lambda t: t.files.export_as("argdown"),
    ),
    Command(
        "file.export_aif",
        "As A&IF JSON…",
        "Write the map in the Argument Interchange Format",
        run=lambda t: t.files.export_as("aif"),
    ),
    Command(
        "file.export_markdown",
        "As &Markdown Outline…",
        "Write the map as a Markdown outline",
        run=lambda t: t.files.export_as("markdown"),
    ),
    Command(
        "file.export",
        "&Export…",
        "Export the diagram as SVG, PNG, PDF or DOT",
        ("Ctrl+E",),
        glyph("export"),
        run=lambda t: t.exporting.export(),
    ),
    Command(
        "file.copy_diagram",
        "&Copy Diagram",
        "Copy the diagram to the clipboard as an image",
        ("Ctrl+Shift+C",),
        run=lambda t: t.exporting.copy_diagram(t.diagram.svg, t.diagram.devicePixelRatioF()),
    ),
    Command(
        "file.quit",
        "&Quit",
        "Close argmap",
        (K.Quit,),
        themed("application-exit", SP.SP_DialogCloseButton),
        run=lambda t: t.close(),
    ),
)

EDIT = (
    Command("edit.undo", "&Undo", "Undo the last edit", (K.Undo,), glyph("undo"), stack="undo"),
    Command(
        "edit.redo", "&Redo", "Redo the last edit", (K.Redo, "Ctrl+Y"), glyph("redo"), stack="redo"
    ),
    Command(
        "edit.add_claim",
        "Add &Claim",
        "Add a new top-level claim",
        ("Ctrl+Shift+Return",),
        own("add-claim"),
        run=lambda t: t.editor.add_claim(),
    ),
    Command(
        "edit.add_support",
        "Add &Support",
        "Add a reason that supports the selected node",
        ("Insert", "Ctrl+1"),
        own("add-support"),
        run=lambda t: t.editor.add_support(),
    ),
    Command(
        "edit.add_rebuttal",
        "Add &Rebuttal",
        "Add a rebuttal that attacks the selected node",
        ("Ctrl+Insert", "Ctrl+2"),
        own("add-rebuttal"),
        run=lambda t: t.editor.add_rebuttal(),
    ),
    Command(
        "edit.add_undercut",
        "Add Undercut",
        "Attack the inference of the selected support or argument, not its truth",
        ("Ctrl+4",),
        own("add-rebuttal"),
        enabled_when="inference",
        run=lambda t: t.editor.add_undercut(),
    ),
    Command(
        "edit.add_co_premise",
        "Add C&o-premise",
        "Add a premise that works only together with the selected one",
        ("Ctrl+3",),
        own("add-co-premise"),
        enabled_when="child",
        run=lambda t: t.editor.add_co_premise(),
    ),
    Command(
        "edit.add_sibling",
        "Add S&ibling",
        "Add a node next to the selected one, of the same kind",
        ("Ctrl+Return",),
        own("add-sibling"),
        run=lambda t: t.editor.add_sibling(),
    ),
    Command(
        "edit.edit_text",
        "&Edit Text",
        "Edit the selected node's text in place (also Enter in the outline)",
        ("F2",),
        enabled_when="node",
        run=lambda t: t.editor.edit_text(),
    ),
    Command(
        "edit.delete",
        "&Delete",
        "Delete the selected node and what is below it",
        (K.Delete,),
        themed("edit-delete", SP.SP_TrashIcon),
        enabled_when="node",
        run=lambda t: t.editor.delete(),
    ),
    Command(
        "edit.move_up",
        "Move &Up",
        "Move the node above its previous sibling",
        ("Ctrl+Up",),
        themed("go-up", SP.SP_ArrowUp),
        enabled_when="node",
        run=lambda t: t.editor.move_up(),
    ),
    Command(
        "edit.move_down",
        "Move Do&wn",
        "Move the node below its next sibling",
        ("Ctrl+Down",),
        themed("go-down", SP.SP_ArrowDown),
        enabled_when="node",
        run=lambda t: t.editor.move_down(),
    ),
    Command(
        "edit.indent",
        "&Indent",
        "Make the node a reason of the sibling above it",
        ("Ctrl+Right", "Alt+Shift+Right"),
        glyph("indent"),
        enabled_when="node",
        run=lambda t: t.editor.indent(),
    ),
    Command(
        "edit.outdent",
        "Ou&tdent",
        "Make the node a sibling of its parent",
        ("Ctrl+Left", "Alt+Shift+Left"),
        glyph("outdent"),
        enabled_when="child",
        run=lambda t: t.editor.outdent(),
    ),
    Command(
        "edit.toggle_relation",
        "&Toggle Support/Rebuttal",
        "Turn a support into a rebuttal or back",
        ("Ctrl+T",),
        own("toggle-relation"),
        enabled_when="reason",
        run=lambda t: t.editor.toggle_relation(),
    ),
)

VIEW = (
    Command(
        "view.zoom_in",
        "Zoom &In",
        "Enlarge the diagram",
        (K.ZoomIn, "Ctrl+="),
        zoom("+"),
        run=lambda t: t.diagram.zoom(1.25),
    ),
    Command(
        "view.zoom_out",
        "Zoom &Out",
        "Shrink the diagram",
        (K.ZoomOut,),
        zoom("-"),
        run=lambda t: t.diagram.zoom(0.8),
    ),
    Command(
        "view.fit",
        "&Fit to Window",
        "Show the whole diagram",
        ("Ctrl+0",),
        zoom("fit"),
        run=lambda t: t.diagram.fit(),
    ),
    Command(
        "view.actual_size",
        "&Actual Size",
        "Show the diagram at 100%",
        ("Ctrl+Shift+0",),
        zoom("1"),
        run=lambda t: t.diagram.reset_zoom(),
    ),
    Command(
        "view.zoom_selection",
        "Zoom to &Selection",
        "Zoom the diagram to the selected node",
        ("Ctrl+9",),
        enabled_when="node",
        run=lambda t: t.diagram.zoom_to_selection(),
    ),
    Command(
        "view.collapse",
        "&Collapse/Expand Subtree",
        "Hide or show what is below the selected node on the diagram",
        ("Ctrl+.",),
        enabled_when="node",
        run=lambda t: t.view_state.toggle_collapsed(t.selection.current),
    ),
    Command(
        "view.structure",
        "Show/Fold Structure",
        "Open or fold the premise–conclusion structure of the selected argument",
        ("Ctrl+;",),
        enabled_when="node",
        run=lambda t: t.view_state.toggle_structure(t.selection.current),
    ),
    Command(
        "view.section",
        "Collapse/Expand Section",
        "Draw the selected node's section as one box, or open it again",
        ("Ctrl+Shift+.",),
        enabled_when="node",
        run=lambda t: t.view_state.toggle_section(t.selection.current),
    ),
    Command(
        "view.saved_view",
        "Saved View…",
        "Show one of the map's saved views, or the whole map",
        (),
        run=lambda t: views.pick_view(t.diagram, t.editor.document, t.view_state),
    ),
    Command(
        "view.save_view",
        "Save View…",
        "Save a view of the map: the tags it shows, the sections it hides",
        (),
        run=lambda t: views.save_view(t.diagram, t.editor.document, t.view_state),
    ),
    Command(
        "view.delete_view",
        "Delete View…",
        "Delete one of the map's saved views",
        (),
        run=lambda t: views.delete_view(t.diagram, t.editor.document, t.view_state),
    ),
    Command(
        "view.focus",
        "F&ocus on Subtree",
        "Show only the selected node and what is below it",
        ("Ctrl+Shift+F",),
        enabled_when="node",
        run=lambda t: t.view_state.set_focus(t.selection.current),
    ),
    Command(
        "view.whole_map",
        "Show &Whole Map",
        "Leave the focus view and expand every collapsed subtree",
        ("Ctrl+Shift+W",),
        run=lambda t: t.view_state.show_whole_map(),
    ),
    Command(
        "file.export_subtree",
        "Export S&ubtree…",
        "Export the selected node and what is below it",
        enabled_when="node",
        run=lambda t: t.exporting.export("subtree"),
    ),
)

SOURCE = (
    Command(
        "source.attach",
        "&Attach Source Text…",
        "Attach the text the map is drawn from (plain text, Markdown or HTML)",
        icon=glyph("attach"),
        run=lambda t: t.sourcing.attach(),
    ),
    Command(
        "source.detach",
        "&Detach Source Text",
        "Remove the attached text; nodes keep their quotes",
        run=lambda t: t.sourcing.detach(),
    ),
    Command(
        "source.claim_from",
        "New &Claim from Selection",
        "A new top-level claim from the marked passage",
        ("Alt+C",),
        run=lambda t: t.sourcing.from_passage("claim"),
    ),
    Command(
        "source.support_from",
        "New &Support from Selection",
        "A support of the selected node from the marked passage",
        ("Alt+S",),
        own("add-support"),
        run=lambda t: t.sourcing.from_passage("support"),
    ),
    Command(
        "source.rebuttal_from",
        "New &Rebuttal from Selection",
        "A rebuttal of the selected node from the marked passage",
        ("Alt+R",),
        own("add-rebuttal"),
        run=lambda t: t.sourcing.from_passage("rebuttal"),
    ),
    Command(
        "source.cite",
        "C&ite Selection on Node",
        "Add the marked passage to the selected node's source references",
        ("Alt+I",),
        run=lambda t: t.sourcing.cite_passage(),
    ),
    Command(
        "source.show_quotes",
        "Show &Quoted Words",
        "Show each node's quoted words under its text on the diagram",
        toggle=lambda t, on: t.view_state.set_view(quotes=on),
    ),
    Command(
        "source.find",
        "&Find in Source",
        "Search the attached source text",
        ("Ctrl+Alt+F",),
        run=lambda t: t.sourcing.find(),
    ),
)

A, F = Acceptance, Force
ASSESS = (
    Command(
        "assess.accepted",
        "&Accepted",
        "Assess the selected statement as accepted",
        ("Ctrl+Alt+A",),
        run=_assess(A.ACCEPTED),
    ),
    Command(
        "assess.rejected",
        "&Rejected",
        "Assess the selected statement as rejected",
        ("Ctrl+Alt+R",),
        run=_assess(A.REJECTED),
    ),
    Command(
        "assess.undecided",
        "&Undecided",
        "Assess the selected statement as undecided",
        ("Ctrl+Alt+U",),
        run=_assess(A.UNDECIDED),
    ),
    Command(
        "assess.clear",
        "&Not Assessed",
        "Clear the selected statement's assessment",
        ("Ctrl+Alt+0",),
        run=_assess(None),
    ),
    Command(
        "assess.strong",
        "&Strong",
        "The selected reason or rebuttal weighs heavily",
        ("Ctrl+Alt+S",),
        run=_weigh(F.STRONG),
    ),
    Command(
        "assess.weak",
        "&Weak",
        "The selected reason or rebuttal weighs little",
        ("Ctrl+Alt+W",),
        run=_weigh(F.WEAK),
    ),
    Command(
        "assess.no_force",
        "&No Force",
        "The selected reason or rebuttal counts for nothing",
        ("Ctrl+Alt+N",),
        run=_weigh(F.NONE),
    ),
    Command(
        "assess.clear_force",
        "Force &Not Assessed",
        "Clear the selected reason's force",
        ("Ctrl+Alt+9",),
        run=_weigh(None),
    ),
    Command(
        "assess.evaluation",
        "Show &Evaluation",
        "Show which statements stand, computed from your assessments",
        ("F9",),
        toggle=lambda t, on: t.view_state.set_view(evaluation=on),
    ),
)

ROWS: tuple[Command, ...] = (
    *FILE,
    *EDIT,
    *SELECT,
    *CLIPBOARD,
    *FIND,
    *VIEW,
    *LAYOUT,
    *SOURCE,
    *ASSESS,
    *HELP,
    *CHOICES,
    *PANELS,
)


def command_table() -> tuple[Command, ...]:
    """Every command, in the order the window makes them (the shortcuts dialog's order)."""
    return ROWS
