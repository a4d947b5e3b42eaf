"""Where each command appears: the menu bar, the toolbars and the context menus, as lists
of command ids (gui/window/command_table.py), and the object that lays them out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from argmap.gui.common.settings import AppSettings
from argmap.gui.controllers.editing import EditController
from argmap.gui.controllers.files import FileController
from argmap.gui.document.view_state import ViewState
from argmap.gui.window.actions import Actions

SEPARATOR = "-"


@dataclass(frozen=True)
class Submenu:
    title: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Place:
    """A part of a menu that is not a command: "recent" (the recent maps: one entry per
    remembered file, so built each time the menu opens, not rows of the command table),
    "sections" (Move to Section: one entry per section of the map, built the same way) and
    "assess" (the Assess menu itself, shown again in the diagram's node menu)."""

    name: str


@dataclass(frozen=True)
class WhenPartial:
    """A command offered only while the diagram shows part of the map."""

    command_id: str


Entry = str | Submenu | Place | WhenPartial

MENU_BAR: tuple[Submenu, ...] = (
    Submenu(
        "&File",
        (
            *("file.new", "file.open", Place("recent"), SEPARATOR),
            *("file.share", "file.join", SEPARATOR),
            *("file.save", "file.save_as", "file.revert", SEPARATOR),
            *("file.import", "file.export", "file.export_subtree"),
            Submenu(
                "Export &Map As", ("file.export_argdown", "file.export_aif", "file.export_markdown")
            ),
            *("file.copy_diagram", SEPARATOR, "file.quit"),
        ),
    ),
    Submenu(
        "&Edit",
        (
            *("edit.undo", "edit.redo", SEPARATOR),
            *("edit.cut", "edit.copy", "edit.paste", "edit.paste_rebuttal", SEPARATOR),
            *("edit.add_claim", "edit.add_support", "edit.add_rebuttal", "edit.add_undercut"),
            *("edit.add_co_premise", "edit.add_sibling", SEPARATOR),
            *("edit.edit_text", "edit.toggle_relation", "edit.delete", SEPARATOR),
            *("edit.move_up", "edit.move_down", "edit.indent", "edit.outdent"),
            *(SEPARATOR, Place("sections")),
            *(SEPARATOR, "edit.select_all", "edit.add_tag", "edit.remove_tag", SEPARATOR),
            *("edit.find", "edit.find_next", "edit.find_previous"),
        ),
    ),
    Submenu(
        "S&ource",
        (
            *("source.attach", "source.detach", "source.find", SEPARATOR),
            *("source.claim_from", "source.support_from", "source.rebuttal_from", "source.cite"),
            *(SEPARATOR, "source.show_quotes"),
        ),
    ),
    Submenu(
        "&Assess",
        (
            *("assess.accepted", "assess.rejected", "assess.undecided", "assess.clear"),
            SEPARATOR,
            *("assess.strong", "assess.weak", "assess.no_force", "assess.clear_force"),
            *(SEPARATOR, "assess.evaluation"),
        ),
    ),
    Submenu(
        "&View",
        (
            *("view.zoom_in", "view.zoom_out", "view.fit", "view.actual_size"),
            *("view.zoom_selection", SEPARATOR),
            *("view.collapse", "view.structure", "view.section"),
            *("view.saved_view", "view.save_view", "view.delete_view"),
            *("view.focus", "view.whole_map", SEPARATOR),
            Submenu("&Theme", ("view.theme.default", "view.theme.colorblind", "view.theme.print")),
            Submenu(
                "&Direction", ("view.direction.auto", "view.direction.TB", "view.direction.LR")
            ),
            *("view.relayout", "view.legend", "view.overview"),
            *("view.font_larger", "view.font_smaller", "view.colorblind", SEPARATOR),
            *("panel.outline", "panel.inspector", "panel.history", "panel.source"),
            *("panel.problems", "panel.sections", "panel.source_beside"),
        ),
    ),
    Submenu("&Help", ("help.guide", "help.shortcuts", SEPARATOR, "help.about")),
)

#: (title, object name, entries)
TOOLBARS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("File", "file-toolbar", ("file.new", "file.open", "file.save", "file.export")),
    (
        "Edit",
        "edit-toolbar",
        (
            *("edit.undo", "edit.redo", SEPARATOR),
            *("edit.add_support", "edit.add_rebuttal", "edit.add_co_premise"),
            *("edit.add_sibling", "edit.delete", SEPARATOR),
            *("edit.move_up", "edit.move_down", "edit.outdent", "edit.indent"),
        ),
    ),
    ("Source", "source-toolbar", ("source.attach", "source.support_from", "source.rebuttal_from")),
    ("View", "view-toolbar", ("view.zoom_in", "view.zoom_out", "view.fit", "view.colorblind")),
)

#: the outline's context menu: the editing commands
OUTLINE_MENU = (
    *("edit.add_support", "edit.add_rebuttal", "edit.add_undercut", "edit.add_co_premise"),
    "edit.add_sibling",
    *("edit.edit_text", "edit.toggle_relation", "edit.delete", "edit.add_tag"),
    *("edit.cut", "edit.copy", "edit.paste", "edit.paste_rebuttal"),
)
#: the source text's context menu: the passage commands
SOURCE_MENU = ("source.claim_from", "source.support_from", "source.rebuttal_from", "source.cite")
#: the diagram's context menu on a node
NODE_MENU: tuple[Entry, ...] = (
    *("edit.add_support", "edit.add_rebuttal", "edit.add_undercut", "edit.add_co_premise"),
    *("edit.add_sibling", SEPARATOR, "edit.edit_text", "edit.toggle_relation", "edit.delete"),
    *("edit.add_tag", SEPARATOR, "edit.cut", "edit.copy", "edit.paste", "edit.paste_rebuttal"),
    *(SEPARATOR, "view.collapse", "view.structure", "view.section", "view.focus"),
    *("file.export_subtree", Place("sections"), SEPARATOR, Place("assess")),
)
#: the diagram's context menu on a tree edge: what can be done to the link of the reason
#: at its lower end (which the menu selects)
EDGE_MENU: tuple[Entry, ...] = (
    *("edit.add_undercut", "edit.toggle_relation", SEPARATOR),
    *("assess.strong", "assess.weak", "assess.no_force", "assess.clear_force"),
)
#: the diagram's context menu on the canvas
CANVAS_MENU: tuple[Entry, ...] = (
    *("edit.add_claim", SEPARATOR),
    *("view.fit", "view.actual_size", "view.zoom_selection", WhenPartial("view.whole_map")),
    *(SEPARATOR, "file.export"),
)


def command_ids(entries: Sequence[Entry]) -> list[str]:
    """Every command id in a layout, its submenus included."""
    found: list[str] = []
    for entry in entries:
        if isinstance(entry, Submenu):
            found.extend(command_ids(entry.entries))
        elif isinstance(entry, WhenPartial):
            found.append(entry.command_id)
        elif isinstance(entry, str) and entry != SEPARATOR:
            found.append(entry)
    return found


def every_layout() -> list[tuple[str, tuple[Entry, ...]]]:
    """Every menu, toolbar and context menu by name, for the tests."""
    return [
        *((menu.title, menu.entries) for menu in MENU_BAR),
        *((f"{title} toolbar", tuple(entries)) for title, _name, entries in TOOLBARS),
        ("outline", OUTLINE_MENU),
        ("source text", SOURCE_MENU),
        ("diagram node", NODE_MENU),
        ("diagram edge", EDGE_MENU),
        ("diagram canvas", CANVAS_MENU),
    ]


class Menus:
    """The window's menus and toolbars, laid out from the lists above."""

    def __init__(
        self,
        window: QMainWindow,
        actions: Actions,
        view_state: ViewState,
        settings: AppSettings,
        files: FileController,
        editor: EditController,
    ) -> None:
        self.window, self.actions, self.view_state = window, actions, view_state
        self.settings, self.files, self.editor = settings, files, editor
        #: joins a shared map again from Open Recent (the window sets it)
        self.join_shared: Callable[[str], None] | None = None
        self.recent_menu = QMenu("Open &Recent", window)
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        self.section_menu = QMenu("Move to Section", window)
        self.section_menu.setStatusTip("Put the selected node into a section of the map")
        self.section_menu.aboutToShow.connect(self.fill_sections)
        self.bar_menus: dict[str, QMenu] = {}
        self.last_menu: QMenu | None = None  # the context menu shown last
        bar = window.menuBar()
        for submenu in MENU_BAR:
            menu = bar.addMenu(submenu.title)
            self.bar_menus[submenu.title] = menu
            self._fill(menu, submenu.entries)
        for title, name, entries in TOOLBARS:
            toolbar = window.addToolBar(title)
            toolbar.setObjectName(name)
            for entry in entries:
                if entry == SEPARATOR:
                    toolbar.addSeparator()
                else:
                    toolbar.addAction(actions[entry])
        view_state.changed.connect(self.show_view)
        self.show_view()

    def _fill(self, menu: QMenu, entries: Sequence[Entry]) -> None:
        for entry in entries:
            if entry == SEPARATOR:
                menu.addSeparator()
            elif isinstance(entry, str):
                menu.addAction(self.actions[entry])
            elif isinstance(entry, Submenu):
                self._fill(menu.addMenu(entry.title), entry.entries)
            elif isinstance(entry, WhenPartial):
                if self.view_state.partial:
                    menu.addAction(self.actions[entry.command_id])
            else:
                self._place(menu, entry.name)

    def _place(self, menu: QMenu, name: str) -> None:
        if name == "recent":
            menu.addMenu(self.recent_menu)
        elif name == "sections":
            menu.addMenu(self.section_menu)
        elif name == "assess":
            menu.addMenu(self.bar_menus["&Assess"])
        else:
            raise ValueError(f"no such place in a menu: {name!r}")

    def show_view(self) -> None:
        """Check the commands that show the view state (the theme and direction among them)."""
        self.actions.show_view(self.view_state)

    def fill_recent(self) -> None:
        """The recent maps: dynamic (one entry per remembered file), so made here each time
        the menu opens rather than taken from the command table."""
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for index, path in enumerate(recent, 1):
            action = self.recent_menu.addAction(f"&{index % 10} {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.setEnabled(path.is_file())
            action.triggered.connect(lambda checked=False, p=path: self.files.open_recent(p))
        shared = self.settings.recent_shared() if self.join_shared is not None else []
        if recent and shared:
            self.recent_menu.addSeparator()
        for title, url in shared:
            action = self.recent_menu.addAction(f"Shared: {title}")
            action.setStatusTip("Join this shared map again")
            action.triggered.connect(lambda checked=False, u=url: self._join(u))
        if not recent and not shared:
            self.recent_menu.addAction("No recent maps").setEnabled(False)

    def _join(self, url: str) -> None:
        if self.join_shared is not None:
            self.join_shared(url)

    def fill_sections(self) -> None:
        """Move to Section: the map's sections, nested ones indented, the selected node's
        own checked, and No Section; made each time the menu opens, as the map changes."""
        self.section_menu.clear()
        m = self.view_state.document.map
        current = self.editor.selection.current
        node = m.nodes.get(current) if current else None
        parents = {s.id: s.parent for s in m.sections}
        choices: list[tuple[str, str | None]] = [("&No Section", None)]
        for section in m.sections:
            depth, above = 0, section.parent
            while above is not None and depth < len(parents):
                depth, above = depth + 1, parents.get(above)
            choices.append(("    " * depth + section.title.replace("&", "&&"), section.id))
        for text, section_id in choices:
            action = self.section_menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(node is not None and node.section == section_id)
            action.setEnabled(node is not None)
            action.triggered.connect(
                lambda checked=False, s=section_id: self.editor.move_to_section(s)
            )
        if len(choices) == 1:
            self.section_menu.addAction("No sections yet (View ▸ Sections)").setEnabled(False)

    def add_context(self, widget: QWidget, entries: Sequence[str]) -> None:
        """A widget's context menu of commands (the outline's, the source text's)."""
        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        widget.addActions([self.actions[entry] for entry in entries])

    def popup_diagram_menu(self, node_id: str | None, where: QPoint) -> None:
        """The diagram's context menu: on a node, what can be done to it; else the view's."""
        menu = QMenu(self.window)
        if self.view_state.section_box(node_id) is not None:
            assert node_id is not None  # a box the drawing made for a collapsed section
            expand = menu.addAction("E&xpand Section")
            expand.setStatusTip("Draw the section's nodes again instead of one box")
            expand.triggered.connect(lambda: self.view_state.toggle_fold(node_id))
        elif node_id is not None:
            collapsed = node_id in self.view_state.collapsed
            self.actions["view.collapse"].setText(
                "E&xpand Subtree" if collapsed else "&Collapse Subtree"
            )
            self._fill(menu, NODE_MENU)
        else:
            self._fill(menu, CANVAS_MENU)
        self.last_menu = menu
        menu.popup(where)

    def popup_edge_menu(self, where: QPoint) -> None:
        """The context menu of a tree edge; its reason is the selected node already."""
        menu = QMenu(self.window)
        self._fill(menu, EDGE_MENU)
        self.last_menu = menu
        menu.popup(where)
