"""Find in the map: the query, its matches and the step from one to the next.

The find bar (gui/panels/find_bar.py) types the query and asks for steps; this keeps
the matches in step with the map (an edit that makes a node match adds it, a deleted
node leaves), selects the match a step goes to through the shared selection, and asks
the view state to draw it if the diagram hides it.  The outline and the diagram show
`found` and scroll to what `stepped` names.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from argmap.gui.document.selection import Selection
from argmap.gui.document.view_state import ViewState
from argmap.gui.document.wrapper import Document
from argmap.model import ArgumentMap
from argmap.model.search import Match, SearchIndex


class Finder(QObject):
    #: the nodes the query is in (empty when the search stops): highlighted in the views
    found_changed = Signal(object)  # frozenset[str]
    #: "2 of 7", "7 matches", "No match" or "" (no query), for the find bar
    counted = Signal(str)
    #: the node a step went to, selected already: the views scroll it into view
    stepped = Signal(str)
    #: a line for the status bar (the search went round past the last match)
    told = Signal(str)

    def __init__(self, document: Document, selection: Selection, state: ViewState) -> None:
        super().__init__(document)
        self.document = document
        self.selection = selection
        self.state = state
        self.query = ""
        self.active = False
        self.matches: list[Match] = []
        self._index = SearchIndex()
        self._found: frozenset[str] = frozenset()
        self._order: tuple[ArgumentMap | None, dict[str, int]] = (None, {})
        document.changed.connect(lambda *args: self._refresh())
        document.reset.connect(self._refresh)
        selection.current_changed.connect(lambda node_id: self._count())

    # -- what the bar asks ------------------------------------------------------------
    def search(self, query: str) -> None:
        """Find `query` as it is typed: every match highlighted, and the first at or
        after the selected node (in outline order) selected, as a browser does."""
        self.query, self.active = query, True
        self._refresh()
        current = self.selection.current
        if current is not None and current in self._found:
            self._go(current)
        elif self.matches:
            self._go(self._from(current, forward=True, including=True) or self.matches[0].node)

    def step(self, forward: bool = True) -> None:
        """Select the next (or previous) match, round past the last (or first)."""
        if not self.active:
            return
        if not self.matches:
            self._count()
            return
        target = self._from(self.selection.current, forward, including=False)
        if target is None:
            target = self.matches[0].node if forward else self.matches[-1].node
            if len(self.matches) > 1:
                self.told.emit(
                    "Passed the last match: on from the first"
                    if forward
                    else "Passed the first match: back from the last"
                )
        self._go(target)

    def stop(self) -> None:
        """The bar closed: nothing is highlighted any more (the query is kept)."""
        self.active = False
        self.matches = []
        self._set_found(frozenset())
        self.counted.emit("")

    # -- state --------------------------------------------------------------------------
    def position(self) -> int | None:
        """The selected node's place among the matches (from 1), if it is one."""
        current = self.selection.current
        if current is None or current not in self._found:
            return None
        return next(i for i, match in enumerate(self.matches, 1) if match.node == current)

    def count_text(self) -> str:
        if not self.active or not self.query.strip():
            return ""
        if not self.matches:
            return "No match"
        where = self.position()
        total = len(self.matches)
        if where is None:
            return f"{total} match" + ("es" if total != 1 else "")
        return f"{where} of {total}"

    def _refresh(self) -> None:
        if not self.active:
            return
        self.matches = self._index.find(self.document.map, self.query)
        self._set_found(frozenset(match.node for match in self.matches))
        self._count()

    def _set_found(self, found: frozenset[str]) -> None:
        if found != self._found:
            self._found = found
            self.found_changed.emit(found)

    def _count(self) -> None:
        self.counted.emit(self.count_text())

    def _go(self, node_id: str) -> None:
        self.state.reveal(node_id)
        self.selection.set_current(node_id)
        self.stepped.emit(node_id)
        self._count()

    def _positions(self) -> dict[str, int]:
        """Each node's place in the outline's order, worked out once per map."""
        m = self.document.map
        if self._order[0] is not m:
            self._order = (m, {node_id: i for i, node_id in enumerate(m.tree.walk())})
        return self._order[1]

    def _from(self, node_id: str | None, forward: bool, including: bool) -> str | None:
        """The first match after `node_id` in outline order (or the last before it),
        `node_id` itself too when `including`; None when there is none that side."""
        order = self._positions()
        if node_id is None or node_id not in order:
            return self.matches[0].node if forward else self.matches[-1].node
        here = order[node_id]
        if forward:
            start = here if including else here + 1
            return next((m.node for m in self.matches if order[m.node] >= start), None)
        end = here if including else here - 1
        return next((m.node for m in reversed(self.matches) if order[m.node] <= end), None)
