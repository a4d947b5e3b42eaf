"""Co-premises seen in the outline: a bracket down the left of a group's rows, and words
for a tooltip or a screen reader ("co-premise 1 of 2, with “…”").

The bracket runs from the group's first premise to its last, at their indentation, and
through the rows between them (a premise's own reasons, another sibling), so it reads
as one reason however the group's rows are spread.  It is painted by the view after
each row (OutlineView.drawRow), not through the row's background, which the find
highlight uses.  What each row draws is worked out once per map, in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from argmap.model import ArgumentMap

#: what a row draws at its own level: the upper half of the line, the lower half, a tick
TOP, BOTTOM, TICK = 1, 2, 4
BRACKET = QColor("#7a7a7a")  # the diagram's co-premise frame colour (render/themes.py)
NAMED = 3  # partners named in the words; the rest are counted


@dataclass(frozen=True)
class Place:
    """A premise's place in its group: 1-based position, count, the other members."""

    position: int
    count: int
    partners: tuple[str, ...]


def _short(text: str, limit: int = 40) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


class CoPremises:
    """Where each co-premise group's bracket runs, for the map it last saw."""

    def __init__(self) -> None:
        self._map: ArgumentMap | None = None
        self._flags: dict[str, int] = {}
        self._places: dict[str, Place] = {}

    def _update(self, m: ArgumentMap) -> None:
        if m is self._map:
            return
        self._map, self._flags, self._places = m, {}, {}
        groups: dict[tuple[str | None, str], list[str]] = {}
        for node in m.nodes.values():
            if node.group and node.parent is not None:
                groups.setdefault((node.parent, node.group), []).append(node.id)
        spans: dict[str | None, list[tuple[int, int]]] = {}
        for (parent, _), members in groups.items():
            if len(members) < 2:
                continue
            siblings = m.tree.children(parent)
            row = {s: i for i, s in enumerate(siblings)}
            members.sort(key=row.__getitem__)
            for position, member in enumerate(members):
                partners = tuple(x for x in members if x != member)
                self._places[member] = Place(position + 1, len(members), partners)
                self._flags[member] = TICK
            spans.setdefault(parent, []).append((row[members[0]], row[members[-1]]))
        for parent, found in spans.items():
            self._cover(m.tree.children(parent), found)

    def _cover(self, siblings: tuple[str, ...], spans: list[tuple[int, int]]) -> None:
        """Mark the siblings a span passes: linear, by counting spans open at each row."""
        starts, ends = [0] * (len(siblings) + 1), [0] * (len(siblings) + 1)
        for first, last in spans:
            starts[first] += 1
            ends[last] += 1
        open_spans = 0
        for i, node_id in enumerate(siblings):
            above = open_spans  # spans that began before this row and go on past it
            open_spans += starts[i] - ends[i]
            flags = (TOP if above else 0) | (BOTTOM if open_spans else 0)
            if flags:
                self._flags[node_id] = self._flags.get(node_id, 0) | flags

    def place(self, m: ArgumentMap, node_id: str) -> Place | None:
        self._update(m)
        return self._places.get(node_id)

    def words(self, m: ArgumentMap, node_id: str) -> str:
        """ "co-premise 1 of 2, with “…”", or "" for a node in no group of two or more."""
        place = self.place(m, node_id)
        if place is None:
            return ""
        named = [f"“{_short(m.nodes[p].text) or '(empty)'}”" for p in place.partners[:NAMED]]
        more = len(place.partners) - NAMED
        rest = f" and {more} more" if more > 0 else ""
        return f"co-premise {place.position} of {place.count}, with {', '.join(named)}{rest}"

    def segments(self, m: ArgumentMap, chain: list[str]) -> list[tuple[int, int]]:
        """For a row whose node and ancestors are `chain` (the node first), the bracket
        parts to draw: (level in `chain`, flags).  An ancestor passes the line down only
        when its group's span goes on below it."""
        self._update(m)
        found = []
        for level, node_id in enumerate(chain):
            flags = self._flags.get(node_id, 0)
            if level > 0:
                flags = TOP | BOTTOM if flags & BOTTOM else 0
            if flags:
                found.append((level, flags))
        return found


def paint_bracket(painter: QPainter, x: int, row: QRect, flags: int) -> None:
    """One row's part of a bracket at `x`: half lines up and down, a tick to the right."""
    middle = row.center().y()
    painter.save()
    painter.setPen(QPen(BRACKET, 2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
    if flags & TOP:
        painter.drawLine(QPoint(x, row.top()), QPoint(x, middle))
    if flags & BOTTOM:
        painter.drawLine(QPoint(x, middle), QPoint(x, row.bottom() + 1))
    if flags & TICK:
        painter.drawLine(QPoint(x, middle), QPoint(x + 4, middle))
    painter.restore()
