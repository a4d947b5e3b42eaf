"""Co-premises a reader sees (issue 17, point 8): in the outline a bracket joins a group's
rows and the rows say "co-premise 1 of 2, with …" to a tooltip and a screen reader; on the
diagram the group's one edge is clicked as the group's.  The real main window."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage

from argmap.gui.panels.outline_groups import BRACKET
from argmap.gui.window.main_window import MainWindow
from tests.test_gui_diagram import sample_window, wait_drawn

TIP = Qt.ItemDataRole.ToolTipRole
SPOKEN = Qt.ItemDataRole.AccessibleTextRole


def said(win: MainWindow, node_id: str, role: Qt.ItemDataRole) -> str:
    model = win.outline.outline
    return str(model.data(model.index_of(node_id), role))


def picture(win: MainWindow) -> QImage:
    view = win.outline
    view.viewport().repaint()
    return view.viewport().grab().toImage()


def bracket_at(win: MainWindow, image: QImage, node_id: str) -> list[bool]:
    """Whether the bracket's colour is drawn at the top, middle and bottom of the row of
    `node_id`, where that row's bracket would run."""
    view = win.outline
    rect = view.visualRect(view.outline.index_of(node_id))
    x = rect.left() - 3
    rows = (rect.top() + 1, rect.center().y(), rect.bottom() - 1)
    ratio = image.devicePixelRatio()

    def drawn(y: int) -> bool:
        colour = QColor(image.pixel(round(x * ratio), round(y * ratio)))
        return abs(colour.red() - BRACKET.red()) < 40 and abs(colour.green() - BRACKET.green()) < 40

    return [drawn(y) for y in rows]


def test_a_group_s_rows_are_bracketed_and_say_whom_they_go_with(
    qtbot, make_window, debate_path
) -> None:
    win = sample_window(qtbot, make_window, debate_path)
    first, last = win.document.map.tree.children("security")[:2]
    assert (first, last) == ("hijack", "thin-literature")
    assert said(win, first, TIP).endswith(
        "\nco-premise 1 of 2, with “Researchers note that there is little p…”"
    )
    assert "co-premise 2 of 2, with “" in said(win, last, TIP)
    spoken = said(win, first, SPOKEN)
    assert spoken.startswith("support, co-premise 1 of 2, with “") and spoken.endswith(
        win.document.map.nodes[first].text
    )
    assert "co-premise" not in said(win, "security", TIP)
    assert "co-premise" not in said(win, "security", SPOKEN)
    image = picture(win)
    assert bracket_at(win, image, first) == [False, True, True]  # from its middle down
    assert bracket_at(win, image, last) == [True, True, False]  # down to its middle
    third = win.document.map.tree.children("security")[2]
    assert bracket_at(win, image, third) == [False, False, False]


def test_adding_a_co_premise_draws_the_bracket_and_undo_takes_it_away(
    qtbot, make_window, debate_path
) -> None:
    win = sample_window(qtbot, make_window, debate_path)
    doc = win.document
    alone = next(n for n in doc.map.tree.children("main") if not doc.map.nodes[n].group)
    win.selection.set_current(alone)
    assert bracket_at(win, picture(win), alone) == [False, False, False]
    win.commands["edit.add_co_premise"].trigger()
    group = doc.map.nodes[alone].group
    assert group is not None
    together = [n for n in doc.map.tree.children("main") if doc.map.nodes[n].group == group]
    assert len(together) == 2 and together[0] == alone
    assert "co-premise 1 of 2" in said(win, alone, TIP)
    assert bracket_at(win, picture(win), alone)[1:] == [True, True]
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert doc.map.nodes[alone].group is None
    assert "co-premise" not in said(win, alone, TIP)
    assert bracket_at(win, picture(win), alone) == [False, False, False]


def test_the_group_s_one_edge_is_found_under_the_pointer_as_its_spokesman_s(
    qtbot, make_window, debate_path
) -> None:
    win = sample_window(qtbot, make_window, debate_path)
    view = win.diagram
    view.fit()
    wait_drawn(qtbot, win)
    edges = {child for child, _line in view._edges}
    members = win.document.map.tree.children("security")[:2]
    assert len(edges & set(members)) == 1  # one edge for the two premises
    (speaker,) = edges & set(members)
    at = view.edge_point_of(speaker)
    assert view.node_at(at) is None and view.edge_at(at) == speaker
    assert view.edge_at(QPoint(3, 3)) is None


def test_the_bracket_runs_through_a_premise_s_reasons_and_a_sibling_between() -> None:
    from argmap.gui.panels.outline_groups import BOTTOM, TICK, TOP, CoPremises
    from argmap.model import ArgumentMap

    def node(node_id: str, parent: str, order: int, group: str | None = None) -> dict:
        return {
            "id": node_id,
            "text": node_id,
            "parent": parent,
            "relation": "supports",
            "order": order,
            "group": group,
        }

    m = ArgumentMap.model_validate(
        {
            "nodes": [
                {"id": "c", "text": "c"},
                node("before", "c", 0),
                node("p1", "c", 1, "g"),
                node("k", "p1", 0),
                node("s", "c", 2),
                node("p2", "c", 3, "g"),
                node("after", "c", 4),
            ]
        }
    )
    groups = CoPremises()
    row = {n: groups.segments(m, [n, *m.tree.ancestors(n)]) for n in m.nodes}
    assert row["before"] == [] and row["after"] == [] and row["c"] == []
    assert row["p1"] == [(0, TICK | BOTTOM)]
    assert row["k"] == [(1, TOP | BOTTOM)]  # under p1, at p1's level
    assert row["s"] == [(0, TOP | BOTTOM)]
    assert row["p2"] == [(0, TICK | TOP)]
    assert groups.words(m, "p2") == "co-premise 2 of 2, with “p1”"
    assert groups.words(m, "s") == ""
