"""A viewport that behaves (issue 17, point 3): fitting never magnifies past 1.5x, the
view stays fitted until the user zooms, a new or selected node is scrolled into view,
Focus and Whole Map fit again, and a focused node keeps its role's colour.  The real
main window and the real Graphviz engine."""

from __future__ import annotations

import re

import pytest

from argmap.model import ArgumentMap, Relation, ops
from tests.test_gui_diagram import sample_window, visible_in_viewport, wait_drawn


def fitted_scale(win) -> float:  # type: ignore[no-untyped-def]
    """The scale at which the whole drawing just fits the viewport."""
    rect = win.diagram.sceneRect()
    port = win.diagram.viewport().rect()
    return min(port.width() / rect.width(), port.height() / rect.height())


@pytest.fixture
def window(qtbot, make_window, debate_path):
    return sample_window(qtbot, make_window, debate_path)


@pytest.fixture
def one_node(qtbot, make_window):
    win = make_window()
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    win.document.replace(ops.add_claim(ArgumentMap(), "Just one claim", node_id="c").map, None)
    wait_drawn(qtbot, win)
    return win


def test_a_one_node_map_is_not_blown_up(qtbot, one_node) -> None:
    view = one_node.diagram
    assert view.scale_factor() == pytest.approx(view.MAX_FIT)
    assert fitted_scale(one_node) > view.MAX_FIT  # it would have been larger
    assert visible_in_viewport(one_node, "c")


def test_the_view_stays_fitted_until_the_user_zooms(qtbot, one_node) -> None:
    view = one_node.diagram
    for k in range(3):
        one_node.document.edit("Add", ops.add_node, "c", Relation.SUPPORTS, f"Reason {k}")
        wait_drawn(qtbot, one_node)
        assert view.fit_mode
        assert view.scale_factor() == pytest.approx(
            min(view.MAX_FIT, fitted_scale(one_node)), rel=0.02
        )
    one_node.commands["view.zoom_in"].trigger()
    zoomed = view.scale_factor()
    assert not view.fit_mode
    one_node.document.edit("Add", ops.add_node, "c", Relation.REBUTS, "An objection")
    wait_drawn(qtbot, one_node)
    assert view.scale_factor() == pytest.approx(zoomed)
    one_node.commands["view.fit"].trigger()
    assert view.fit_mode


def test_a_resized_window_fits_again_in_fit_mode(qtbot, one_node) -> None:
    for k in range(6):
        one_node.document.edit("Add", ops.add_node, "c", Relation.SUPPORTS, f"Reason number {k}")
    wait_drawn(qtbot, one_node)
    before = one_node.diagram.scale_factor()
    one_node.resize(700, 600)
    qtbot.waitUntil(lambda: one_node.diagram.scale_factor() < before, timeout=5000)
    assert one_node.diagram.scale_factor() == pytest.approx(fitted_scale(one_node), rel=0.02)


def test_a_new_node_is_scrolled_into_view(qtbot, window) -> None:
    view = window.diagram
    window.commands["view.direction.TB"].trigger()  # the wide plain tree
    wait_drawn(qtbot, window)
    view.reset_zoom()
    far = max(window.document.map.nodes, key=lambda i: view.node_rect(i).right())
    view.centerOn(view.node_rect("main").center())
    window.selection.set_current(far)
    assert visible_in_viewport(window, far)  # selecting scrolls to it
    view.centerOn(0, 0)
    window.editor.add_support()
    new = window.selection.current
    assert new not in (far, None)
    wait_drawn(qtbot, window)
    qtbot.waitUntil(lambda: view.node_rect(new) is not None, timeout=10000)
    assert visible_in_viewport(window, new)


def test_focus_and_whole_map_fit_again(qtbot, window) -> None:
    view = window.diagram
    window.commands["view.zoom_in"].trigger()
    window.commands["view.zoom_in"].trigger()
    assert not view.fit_mode
    window.selection.set_current("coordination")
    window.commands["view.focus"].trigger()
    wait_drawn(qtbot, window)
    assert view.fit_mode
    assert view.scale_factor() == pytest.approx(min(view.MAX_FIT, fitted_scale(window)), rel=0.02)
    window.commands["view.zoom_in"].trigger()
    window.commands["view.whole_map"].trigger()
    wait_drawn(qtbot, window)
    assert view.fit_mode and len(view.node_ids()) == 33


def test_a_focused_node_keeps_its_role_colour(qtbot, window) -> None:
    window.selection.set_current("not-reached")  # a rebuttal of the main claim
    window.commands["view.focus"].trigger()
    wait_drawn(qtbot, window)
    svg = window.diagram.svg.decode()
    kind = re.search(r'<g id="not&#45;reached" class="node ([^"]+)"', svg)
    assert kind is not None and kind.group(1) == "rebuttal"
    below = window.document.map.tree.children("not-reached")[0]
    escaped = below.replace("-", "&#45;")
    counter = re.search(rf'<g id="{escaped}" class="node ([^"]+)"', svg)
    assert counter is not None and counter.group(1) == "counter"  # not demoted to a rebuttal
