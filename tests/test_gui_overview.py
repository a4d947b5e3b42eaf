"""The overview (issue 17, point 7): it can be hidden (View menu and a key), hides itself
when the map fits, never covers more than a fifth of the view, and moves out of the
selected node's way.  The real main window with the 33-node debate map (tests/data)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QKeySequence

from tests.test_gui_diagram import pin_tree, sample_window, wait_drawn


@pytest.fixture
def zoomed(qtbot, make_window, debate_path):
    win = sample_window(qtbot, make_window, debate_path)
    pin_tree(qtbot, win)  # the wide plain tree, larger than the window at 100%
    win.diagram.reset_zoom()
    qtbot.waitUntil(win.diagram.overview.isVisible, timeout=5000)
    return win


def test_it_can_be_hidden_from_the_view_menu_and_a_key(qtbot, zoomed) -> None:
    action = zoomed.commands["view.overview"]
    assert action.shortcut() == QKeySequence("Ctrl+Shift+O") and action.isChecked()
    action.trigger()
    wait_drawn(qtbot, zoomed)
    assert not zoomed.diagram.overview.isVisible() and not action.isChecked()
    assert zoomed.settings.text("view/overview", "") == "off"
    action.trigger()
    wait_drawn(qtbot, zoomed)
    zoomed.diagram.reset_zoom()
    assert zoomed.diagram.overview.isVisible()


def test_it_hides_when_the_map_fits(qtbot, zoomed) -> None:
    zoomed.commands["view.fit"].trigger()
    assert not zoomed.diagram.overview.isVisible()


def test_it_never_covers_more_than_a_fifth(qtbot, zoomed) -> None:
    for width, height in ((1200, 800), (700, 500), (520, 420)):
        zoomed.resize(width, height)
        qtbot.wait(50)
        zoomed.diagram.reset_zoom()
        overview, port = zoomed.diagram.overview, zoomed.diagram.viewport()
        if overview.isVisible():
            share = overview.width() * overview.height() / (port.width() * port.height())
            assert share <= 0.2, (width, height, share)


def test_it_moves_out_of_the_selected_nodes_way(qtbot, zoomed) -> None:
    view, overview = zoomed.diagram, zoomed.diagram.overview
    port = view.viewport().geometry()
    # the node furthest to the bottom right can be scrolled under the overview's corner
    node_id = max(
        view.node_ids(), key=lambda i: view.node_rect(i).bottom() + view.node_rect(i).right()
    )
    # scroll so that the node lies right under the overview, in the bottom right corner
    under = overview.geometry().center() - port.topLeft()
    middle = view.viewport().rect().center()
    scale = view.scale_factor()
    centre = view.node_rect(node_id).center()
    view.centerOn(
        centre.x() + (middle.x() - under.x()) / scale, centre.y() + (middle.y() - under.y()) / scale
    )

    def shown_at() -> QRect:
        return view.mapFromScene(view.node_rect(node_id)).boundingRect().translated(port.topLeft())

    assert shown_at().intersects(overview.geometry())  # the test's set-up holds
    zoomed.selection.set_current(node_id)
    assert overview.isVisible()
    assert not overview.geometry().intersects(shown_at())


def test_it_sketches_every_node_from_the_drawing_s_rectangles(qtbot, zoomed) -> None:
    """Under the main view's items, boxes and lines drawn from the nodes' rectangles, not
    the SVG painted again on the GUI thread (issue 19): the whole map, both ends."""
    from PySide6.QtGui import QColor

    overview = zoomed.diagram.overview
    overview.viewport().repaint()
    sketch = overview._thumb.toImage()
    fill = QColor("#dbe4ee").rgb()
    width, height = sketch.width(), sketch.height()
    for band in (range(0, width // 4), range(width * 3 // 4, width)):
        assert any(sketch.pixel(x, y) == fill for x in band for y in range(height))
    assert len(zoomed.diagram.node_boxes()) >= len(zoomed.document.map.nodes)
