"""How the diagram draws the map and which part of it: theme, direction, quoted words,
evaluation, text size, collapsed subtrees and a focused subtree.

One object holds it, so the commands that change it, the menus that show it and the live
diagram that draws it agree.  The choices a user expects back next time (theme, direction,
text size) are remembered in the settings; collapse and focus belong to the open map.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QObject, Signal

from argmap.gui.common.settings import AppSettings
from argmap.gui.document.wrapper import Document
from argmap.model.views import apply_view

FONT_SIZES = (6.0, 32.0)  # the smallest and the largest diagram text, in points


class ViewState(QObject):
    #: how the map is drawn changed (theme, direction, quotes, evaluation, text size)
    changed = Signal()
    #: which part of the map is shown changed (collapse or focus)
    shown_changed = Signal()
    #: a line for the status bar: what a view command did
    told = Signal(str)
    #: the user asked for the layout to be chosen again for the window (View ▸ Re-layout)
    refit_asked = Signal()
    #: show the whole of what is drawn next (Focus, Whole Map): the view fits it
    fit_asked = Signal()

    def __init__(self, document: Document, settings: AppSettings | None = None) -> None:
        super().__init__(document)
        self.document = document
        self.settings = settings
        self.theme = settings.theme if settings is not None else "default"
        self.direction = settings.direction if settings is not None else "auto"
        self.legend = settings is not None and settings.text("view/legend", "off") == "on"
        self.overview = settings is None or settings.text("view/overview", "on") == "on"
        self.quotes = False
        self.evaluation = False
        self.font_size = (
            settings.number("view/font_size", 11.0, *FONT_SIZES)
            if settings is not None
            else document.map.style.font_size
        )
        self.collapsed: set[str] = set()
        self.focus: str | None = None
        self.unfolded: set[str] = set()  # arguments whose premise–conclusion box is open
        self.saved_view: str | None = None  # the name of the map's view the diagram shows
        self.collapsed_sections: set[str] = set()

    # -- how it is drawn ----------------------------------------------------------------
    def set_view(
        self,
        theme: str | None = None,
        direction: str | None = None,
        quotes: bool | None = None,
        evaluation: bool | None = None,
        font_size: float | None = None,
    ) -> None:
        self.theme = theme or self.theme
        self.direction = direction or self.direction
        if quotes is not None:
            self.quotes = quotes
        if evaluation is not None:
            self.evaluation = evaluation
        if font_size is not None:
            self.font_size = font_size
        self.changed.emit()

    def choose_theme(self, theme: str) -> None:
        """The user's choice of theme, kept for the next start."""
        self._remember("view/theme", theme)
        self.set_view(theme=theme)

    def choose_direction(self, direction: str) -> None:
        self._remember("view/direction", direction)
        self.set_view(direction=direction)

    def show_part(self, part: Literal["legend", "overview"], shown: bool) -> None:
        """Show or hide the on-screen legend or the overview (which still hides when the
        whole map fits); kept for the next start."""
        self._remember(f"view/{part}", "on" if shown else "off")
        setattr(self, part, shown)
        self.changed.emit()

    def ask_refit(self) -> None:
        """Choose the layout again for the window's shape: a pinned direction is let go."""
        if self.direction != "auto":
            self._remember("view/direction", "auto")
            self.direction = "auto"
        self.refit_asked.emit()

    def step_font(self, step: int) -> None:
        """The diagram's text one point larger or smaller, within the sizes it can have."""
        size = max(FONT_SIZES[0], min(FONT_SIZES[1], self.font_size + step))
        self._remember("view/font_size", size)
        self.set_view(font_size=size)

    def _remember(self, key: str, value: str | float) -> None:
        if self.settings is not None:
            self.settings.set(key, value)

    # -- what is shown --------------------------------------------------------------------
    @property
    def partial(self) -> bool:
        """Whether the diagram shows only part of the map."""
        return bool(self.focus or self.collapsed or self.saved_view or self.collapsed_sections)

    def toggle_collapsed(self, node_id: str | None) -> None:
        if node_id is None:
            return
        if node_id in self.collapsed:
            self.collapsed.discard(node_id)
        elif self.document.map.tree.children(node_id):
            self.collapsed.add(node_id)
        else:
            return
        self.shown_changed.emit()

    def set_saved_view(self, name: str | None) -> None:
        """Show one of the map's saved views (None: the whole map)."""
        known = {v.name for v in self.document.map.views}
        self.saved_view = name if name in known else None
        self.shown_changed.emit()

    def toggle_structure(self, node_id: str | None) -> None:
        """Open or fold the premise–conclusion box of an argument."""
        node = self.document.map.nodes.get(node_id or "")
        if node is None or node.argument is None:
            return
        self.unfolded ^= {node.id}
        self.changed.emit()

    def toggle_section(self, node_id: str | None) -> None:
        """Collapse the node's section into one box, or open the box the node is drawn
        in: the outermost collapsed section around it (a section inside a collapsed one
        draws nothing of its own).  The status bar says which section it was."""
        node = self.document.map.nodes.get(node_id or "")
        if node is None:
            return
        if node.section is None:
            self.told.emit("The selected node is in no section: there is no section to collapse")
            return
        titles = {s.id: s.title for s in self.document.map.sections}
        around = [s for s in self._sections_around(node.section) if s in self.collapsed_sections]
        if not around:
            self.collapsed_sections.add(node.section)
            self.told.emit(f"Section “{titles[node.section]}” drawn as one box")
        else:
            self.collapsed_sections.discard(around[-1])
            message = f"Section “{titles[around[-1]]}” drawn in full again"
            if len(around) > 1:
                message += f"; section “{titles[around[-2]]}” inside it is still one box"
            self.told.emit(message)
        self.changed.emit()

    def _sections_around(self, section: str) -> list[str]:
        """The section and those it is nested in, from it outwards."""
        parent = {s.id: s.parent for s in self.document.map.sections}
        out: list[str] = []
        seen: set[str] = set()  # a cycle (validation refuses one) ends the walk
        above: str | None = section
        while above is not None and above in parent and above not in seen:
            out.append(above)
            seen.add(above)
            above = parent[above]
        return out

    def section_box(self, drawn_id: str | None) -> str | None:
        """The collapsed section a box of the diagram stands for (the drawing names it
        `section.<id>`, render/structure.py), or None for anything else."""
        if drawn_id is None or drawn_id in self.document.map.nodes:
            return None
        section = drawn_id.removeprefix("section.")
        return section if section in self.collapsed_sections else None

    def toggle_fold(self, drawn_id: str) -> None:
        """What a double-click on the diagram opens or folds: a collapsed section's box
        opens; an argument's premise–conclusion box opens or folds."""
        section = self.section_box(drawn_id)
        if section is not None:
            self.collapsed_sections.discard(section)
            self.changed.emit()
        else:
            self.toggle_structure(drawn_id)

    def set_focus(self, node_id: str | None) -> None:
        self.focus = node_id if node_id in self.document.map.nodes else None
        self.fit_asked.emit()
        self.shown_changed.emit()

    def show_whole_map(self) -> None:
        self.collapsed.clear()
        self.collapsed_sections.clear()
        self.set_focus(None)

    def reveal(self, node_id: str) -> None:
        """Draw `node_id` if the diagram hides it (a find goes to it): open the collapsed
        subtrees and sections it is in, and leave a focus or a saved view without it.
        The status bar says what was widened."""
        m = self.document.map
        if node_id not in m.nodes:
            return
        said = []
        above = set(m.tree.ancestors(node_id))
        if self.collapsed & above:
            self.collapsed -= above
            said.append("opened the collapsed subtree it is in")
        sections = set(self._sections_around(m.nodes[node_id].section or ""))
        if self.collapsed_sections & sections:
            self.collapsed_sections -= sections
            said.append("opened its section")
        if self.focus is not None and not m.tree.is_in_subtree(node_id, self.focus):
            self.focus = None
            said.append("left the focus on a subtree")
        view = next((v for v in m.views if v.name == self.saved_view), None)
        if view is not None and node_id not in apply_view(m, view).nodes:
            self.saved_view = None
            said.append(f"left the saved view “{view.name}”")
        if said:
            self.told.emit("To show the match, the diagram " + ", ".join(said))
            self.shown_changed.emit()

    def follow(self) -> None:
        """Forget collapsed or focused nodes that an edit removed."""
        nodes = self.document.map.nodes
        self.collapsed &= set(nodes)
        self.unfolded &= set(nodes)
        if self.saved_view not in {v.name for v in self.document.map.views}:
            self.saved_view = None
        self.collapsed_sections &= {s.id for s in self.document.map.sections}
        if self.focus is not None and self.focus not in nodes:
            self.focus = None

    def forget_shown(self) -> None:
        """A different map was opened: it starts whole."""
        self.collapsed.clear()
        self.focus = None
        self.unfolded.clear()
        self.collapsed_sections.clear()
        self.saved_view = None
