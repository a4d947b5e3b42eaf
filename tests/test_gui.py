"""The map window via pytest-qt: it opens a map, renders off the GUI thread, drops stale work."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from argmap.gui.render_worker import RenderWorker
from argmap.gui.viewer import MapWindow
from argmap.model import ArgumentMap, ops


@pytest.fixture
def window(qtbot):
    win = MapWindow()
    qtbot.addWidget(win)
    yield win
    win.worker.wait()


def test_opens_the_sample_and_shows_its_diagram(qtbot, window, sample_path: Path) -> None:
    window.show()
    assert window.open_path(sample_path)
    qtbot.waitUntil(window.diagram.has_diagram, timeout=20000)
    assert "33 nodes" in window.statusBar().currentMessage() or "33 nodes" in window._status.text()
    assert "rendered in" in window._status.text()
    assert window.windowTitle().startswith("Should frontier AI")
    items = window.diagram.scene().items()
    assert items and items[0].boundingRect().width() > 1000


def test_a_failed_load_keeps_the_open_map(
    qtbot, window, sample_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.open_path(sample_path)
    shown: list[str] = []
    # a modal box would block the test; capture what it would have said
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    broken = tmp_path / "broken.argmap.json"
    broken.write_text("{ not json")
    assert not window.open_path(broken)
    assert shown and str(broken) in shown[0] and "invalid JSON" in shown[0]
    assert window.path == sample_path and window.map is not None and len(window.map.nodes) == 33


def test_render_errors_show_in_the_status_bar(qtbot, window, monkeypatch) -> None:
    from argmap.render import engines

    class Broken(engines.Engine):
        """Stands in for a Graphviz that fails; the real ones do not fail on our DOT."""

        name = "broken"
        native_formats = frozenset({"svg"})

        def render(self, dot: str, fmt: str = "svg", timeout: float = 60) -> bytes:
            raise engines.RenderError("Graphviz ran out of memory")

    window.worker._engine = Broken()
    with qtbot.waitSignal(window.worker.failed, timeout=10000):
        window.set_map(ops.add_claim(ArgumentMap(), "x").map)
    assert "Render failed: Graphviz ran out of memory" in window._status.text()


def test_a_newer_request_makes_the_older_result_stale(qtbot) -> None:
    worker = RenderWorker()
    first = ops.add_claim(ArgumentMap(), "first", node_id="first").map
    second = ops.add_claim(ArgumentMap(), "second", node_id="second").map
    results: list[bytes] = []
    worker.rendered.connect(lambda svg, seconds: results.append(svg))
    worker.request(first)
    worker.request(second)
    qtbot.waitUntil(lambda: len(results) == 1, timeout=20000)
    worker.wait()
    qtbot.wait(50)  # let any queued result of the first request arrive, too
    assert len(results) == 1
    assert b'id="second"' in results[0] and b'id="first"' not in results[0]
