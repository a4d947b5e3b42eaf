"""Draw the screenshots in docs/ from the real main window (run: `make screenshots`).

Each picture is the window itself, put into a state by the same calls a user's
clicks and keys make, then grabbed.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QScrollArea

from argmap.gui.app import make_app
from argmap.gui.common.settings import AppSettings
from argmap.gui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "ai-slowdown.argmap.json"
SETTLE_MS = 100  # events run before each picture: queued layouts and repaints


def wait_for(app, condition, limit_ms: int = 20000) -> None:  # type: ignore[no-untyped-def]
    waited = 0
    while not condition() and waited < limit_ms:
        QTest.qWait(20)
        waited += 20
    if not condition():
        sys.exit("screenshots: timed out waiting for the window")


def main() -> None:
    app = make_app()
    scratch = Path(tempfile.mkdtemp())
    settings = AppSettings(QSettings(str(scratch / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings=settings, recovery_folder=scratch)
    window.resize(1400, 860)
    window.show()
    shot(window, "welcome.png")  # what a first start shows
    window.files.load(SAMPLE)
    wait_for(app, lambda: window.diagram.has_diagram() and not window.live.pending)
    view = window.diagram

    # the editor with the sample open, main claim selected
    shot(window, "editor.png")

    # the diagram fitted to the window, its legend (View > Legend) and, with nothing
    # selected, the map's own layout in the inspector
    window.commands["view.legend"].trigger()
    wait_for(app, lambda: window.live.legend.isVisible() and not window.live.pending)
    window.selection.set_current(None)
    view.fit()
    shot(window, "layout.png")
    window.commands["view.legend"].trigger()
    window.selection.set_current("main")

    # a selection made on the diagram, with the pointer hovering a neighbour
    view.reset_zoom()
    view.centerOn(view.node_rect("capture").center())
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.view_point_of("capture"))
    QTest.mouseMove(view.viewport(), view.view_point_of("sacks"))
    shot(window, "diagram-selection.png")

    # several nodes selected (Ctrl+click), then find in the map (Ctrl+F)
    view.fit()
    for node_id in ("marketing", "sacks"):
        QTest.mouseClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.ControlModifier,
            view.view_point_of(node_id),
        )
    shot(window, "several.png")
    window.commands["edit.find"].trigger()
    QTest.keyClicks(window.find_bar.field, "regulat")
    settle()
    shot(window, "find.png")
    QTest.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    view.reset_zoom()
    view.centerOn(view.node_rect("capture").center())
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.view_point_of("capture"))

    # editing a node's text in place
    QTest.mouseDClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.view_point_of("marketing")
    )
    QTest.keyClicks(view.editor, "Warnings about powerful AI double as an advertisement")
    shot(window, "diagram-edit.png")
    QTest.keyClick(view.editor, Qt.Key.Key_Escape)

    # dragging a node onto another: the target lights up
    start, end = view.view_point_of("defector"), view.view_point_of("not-reached")
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(view.viewport(), start + QPoint(15, 15))
    QTest.mouseMove(view.viewport(), end)
    shot(window, "diagram-drag.png")
    QTest.keyClick(view, Qt.Key.Key_Escape)
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)

    # the source pane beside a map built by marking passages of a text
    window.files.new()
    window.sourcing.attach(ROOT / "docs" / "example-source.md", keep_beside=False)
    pane = window.source_pane
    window.source_dock.raise_()

    def from_passage(kind: str, words: str, select: str | None = None) -> str | None:
        if select is not None:
            window.selection.set_current(select)
        start = pane.view.text.index(words)
        return window.sourcing.new_from_selection(kind, start, start + len(words))

    claim = from_passage("claim", "close the old town to private cars")
    from_passage("support", "most cars in the old town are passing through", claim)
    from_passage("support", "accidents involving pedestrians have risen", claim)
    shops = from_passage("rebuttal", "trade will move to the retail park", claim)
    from_passage("rebuttal", "a free shuttle bus will run from the car parks", shops)
    from_passage("support", "in others small shops closed within two years", shops)
    window.selection.set_current(shops)
    wait_for(app, lambda: window.diagram.has_diagram() and not window.live.pending)
    window.diagram.fit()
    shot(window, "source-pane.png")

    start_over(window)
    # the evaluation overlay
    window.files.load(SAMPLE)
    window.commands["assess.evaluation"].trigger()
    wait_for(app, lambda: b"stands" in (window.diagram.svg or b"") and not window.live.pending)
    view.reset_zoom()
    view.centerOn(view.node_rect("main").center())
    window.selection.set_current("main")
    wait_for(app, lambda: window.inspector.verdict.text() != "")
    shot(window, "evaluation.png")
    window.commands["assess.evaluation"].trigger()
    structure_scene(app, window, scratch)
    shot(window, "structure.png")
    print(
        "wrote docs/welcome.png, editor.png, layout.png, diagram-*.png, several.png, find.png,"
        " source-pane.png,"
        " evaluation.png,"
        " structure.png"
    )


def shot(window: MainWindow, name: str, folder: Path = ROOT / "docs") -> None:
    """Save a picture of the window as <folder>/<name>, once its layouts are done.

    Only of a window that is shown: Qt redoes the layouts of a hidden one only once it is
    shown again, so a grab of it draws the fields where they were before (the inspector's
    fields over each other).  And only after the layouts Qt has queued: a scroll bar
    that appears narrows the inspector's fields, which are laid out once more.
    """
    if not window.isVisible():
        sys.exit(f"screenshots: the window is hidden, so {name} would show stale layouts")
    settle()
    window.grab().save(str(folder / name))


def settle() -> None:
    """Run the events Qt has queued: layouts to redo, repaints."""
    QTest.qWait(SETTLE_MS)


def start_over(window: MainWindow) -> None:
    """Close the window as a user would (the map saved, nothing to recover), then show it
    again for the next pictures."""
    window.document.undo_stack.setClean()
    window.close()
    window.live.worker.wait()
    window.show()


def structure_scene(app, window: MainWindow, scratch: Path) -> None:  # type: ignore[no-untyped-def]
    """Arguments, their structure, an undercut, sections and tag colours: the demo map
    open, its argument selected and its premise–conclusion box open."""
    window.files.load(structure_demo(scratch / "cars.argmap.json"))
    wait_for(app, lambda: window.diagram.has_diagram() and not window.live.pending)
    window.selection.set_current("S")
    window.commands["view.structure"].trigger()
    wait_for(app, lambda: b"premise\xe2\x80\x93conclusion" in (window.diagram.svg or b""))
    wait_for(app, lambda: not window.live.pending)
    # the inspector taller (the source pane is empty here) and scrolled to the structure
    # editor, as a user drags the panels' separator and scrolls
    window.resizeDocks(
        [window.inspector_dock, window.source_dock], [620, 180], Qt.Orientation.Vertical
    )
    settle()
    fields = window.inspector.findChild(QScrollArea)
    assert fields is not None  # the inspector's fields scroll
    fields.ensureWidgetVisible(window.inspector.structure.editor, 0, 0)


def structure_demo(path: Path) -> Path:
    """A small map with a titled argument, its premise–conclusion structure, an undercut,
    nested sections and tag colours, saved at `path`."""
    from argmap.formats import native
    from argmap.model import ArgumentMap, Relation, ops
    from argmap.model import structure_ops as so
    from argmap.model.structure import StepRole

    m = ops.add_claim(
        ArgumentMap(title="Cars in cities"), "Cities should ban cars.", node_id="C"
    ).map
    m = ops.edit_node(m, "C", title="Ban", tags=("policy",)).map
    m = ops.add_node(
        m, "C", Relation.SUPPORTS, "A ban would make the air cleaner.", node_id="S"
    ).map
    m = ops.edit_node(m, "S", title="Clean air").map
    m = so.set_argument(m, "S", True).map
    m = so.add_step(m, "S", text="Cars are the main source of city air pollution.").map
    m = so.add_step(m, "S", text="A ban means far fewer cars in the centre.").map
    m = so.add_step(m, "S", StepRole.CONCLUSION, statement="C", inference="modus ponens").map
    m = so.set_scheme(m, "S", "Cause to effect").map
    m = ops.add_node(
        m, "S", Relation.UNDERCUTS, "The figures are thirty years old.", node_id="U"
    ).map
    m = ops.edit_node(m, "U", title="Old data").map
    m = ops.add_node(m, "C", Relation.REBUTS, "Shops lose customers.", node_id="R").map
    m = ops.edit_node(m, "R", tags=("economy",)).map
    m = ops.add_node(m, "R", Relation.REBUTS, "Pedestrian streets bring more shoppers.").map
    m = so.add_section(m, "Environment").map
    m = so.add_section(m, "Air", "section1", ["S", "U"]).map
    m = so.add_section(m, "Economy", None, ["R"]).map
    m = so.set_tag_color(m, "economy", "#fdd49e").map
    native.save(m, path)
    return path


if __name__ == "__main__":
    main()
