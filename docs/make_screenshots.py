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

from PySide6.QtCore import QPoint, QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from argmap.gui.app import make_app  # noqa: E402
from argmap.gui.window.main_window import MainWindow  # noqa: E402
from argmap.gui.common.settings import AppSettings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "ai-slowdown.argmap.json"


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
    window.grab().save(str(ROOT / "docs" / "welcome.png"))  # what a first start shows
    window.files.load(SAMPLE)
    wait_for(app, lambda: window.diagram.has_diagram() and not window.live.pending)
    view = window.diagram

    # the editor with the sample open, main claim selected
    window.grab().save(str(ROOT / "docs" / "editor.png"))

    # a selection made on the diagram, with the pointer hovering a neighbour
    view.reset_zoom()
    view.centerOn(view.node_rect("capture").center())
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.view_point_of("capture"))
    QTest.mouseMove(view.viewport(), view.view_point_of("sacks"))
    window.grab().save(str(ROOT / "docs" / "diagram-selection.png"))

    # editing a node's text in place
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.view_point_of("marketing"))
    QTest.keyClicks(view.editor, "Warnings about powerful AI double as an advertisement")
    window.grab().save(str(ROOT / "docs" / "diagram-edit.png"))
    QTest.keyClick(view.editor, Qt.Key.Key_Escape)

    # dragging a node onto another: the target lights up
    start, end = view.view_point_of("open-source"), view.view_point_of("not-reached")
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(view.viewport(), start + QPoint(15, 15))
    QTest.mouseMove(view.viewport(), end)
    window.grab().save(str(ROOT / "docs" / "diagram-drag.png"))
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
    window.grab().save(str(ROOT / "docs" / "source-pane.png"))

    window.document.undo_stack.setClean()
    window.close()
    window.live.worker.wait()
    # the evaluation overlay
    window.files.load(SAMPLE)
    window.commands["assess.evaluation"].trigger()
    wait_for(app, lambda: b"stands" in (window.diagram.svg or b"") and not window.live.pending)
    view.reset_zoom()
    view.centerOn(view.node_rect("main").center())
    window.selection.set_current("main")
    wait_for(app, lambda: window.inspector.verdict.text() != "")
    window.grab().save(str(ROOT / "docs" / "evaluation.png"))
    window.commands["assess.evaluation"].trigger()
    print("wrote docs/welcome.png, editor.png, diagram-*.png, source-pane.png, evaluation.png")


if __name__ == "__main__":
    main()
