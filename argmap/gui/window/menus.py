"""The main window's menus, toolbars and context menus: where each command appears.
The commands themselves are made in gui/window/commands.py; the behaviour stays in the parts
the actions call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from argmap.gui.window.commands import create_actions

if TYPE_CHECKING:
    from argmap.gui.window.main_window import MainWindow


def install(window: MainWindow) -> None:
    create_actions(window)
    src = window.sourcing
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
        action.setChecked(key == window.view_state.theme)
        action.setData(key)
    theme_menu.triggered.connect(
        lambda action: window._set_view(theme=action.data(), menu=theme_menu)
    )
    window._theme_menu = theme_menu
    direction_menu = view_menu.addMenu("&Direction")
    for key, label in (("TB", "&Top to Bottom"), ("LR", "&Left to Right")):
        action = direction_menu.addAction(label)
        action.setCheckable(True)
        action.setChecked(key == window.view_state.direction)
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
