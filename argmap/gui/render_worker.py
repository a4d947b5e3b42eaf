"""Graphviz off the GUI thread; a newer request makes older results stale.

Errors come back as values (the `failed` signal), never as exceptions across
threads.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QObject, QRectF, QRunnable, QThreadPool, Signal

from argmap.gui.drawing import Drawing, prepare_drawing
from argmap.model import ArgumentMap
from argmap.model.evaluation import evaluate
from argmap.render import RenderOptions, to_dot
from argmap.render.engines import Engine, get_engine


class _Signals(QObject):
    done = Signal(int, object, float)  # generation, Drawing, seconds
    failed = Signal(int, str)
    painted = Signal(object)  # a Drawing painted for the view, or None when that failed


class _PaintJob(QRunnable):
    """Paint an SVG already rendered, for a view that has just been zoomed or scrolled."""

    def __init__(self, svg: bytes, scale: float, region: QRectF, signals: _Signals) -> None:
        super().__init__()
        self.svg, self.scale, self.region, self.signals = svg, scale, region, signals
        self.home = QCoreApplication.instance().thread() if QCoreApplication.instance() else None

    def run(self) -> None:
        try:
            drawing = prepare_drawing(self.svg, self.home, self.scale, self.region)
        except Exception:  # a picture is only a speed-up: without it the view draws vectors
            drawing = None
        self.signals.painted.emit(drawing)


class _Job(QRunnable):
    """DOT, layout and parsing of the SVG: all the slow parts, away from the GUI thread."""

    def __init__(
        self,
        generation: int,
        m: ArgumentMap,
        options: RenderOptions | None,
        hidden: Mapping[str, int] | None,
        judged: ArgumentMap | None,
        engine: Engine | None,
        signals: _Signals,
        scale: float = 0.0,
        region: QRectF | None = None,
    ) -> None:
        super().__init__()
        self.generation = generation
        self.scale = scale
        self.region = region
        self.args = (m, options, hidden)
        self.judged = judged
        self.engine = engine
        self.signals = signals
        self.home = QCoreApplication.instance().thread() if QCoreApplication.instance() else None

    def run(self) -> None:
        start = time.perf_counter()
        try:
            verdicts = None
            if self.judged is not None:  # maps are immutable: safe to read from here
                verdicts = {k: v.value for k, v in evaluate(self.judged).items()}
            dot = to_dot(*self.args, verdicts)
            engine = self.engine or get_engine()
            svg = engine.render(dot, "svg")
            drawing = prepare_drawing(svg, self.home, self.scale, self.region)
        except Exception as exc:  # reported as a value on the GUI thread
            self.signals.failed.emit(self.generation, str(exc) or type(exc).__name__)
            return
        self.signals.done.emit(self.generation, drawing, time.perf_counter() - start)


class RenderWorker(QObject):
    """Renders maps to SVG in a thread pool; only the newest result is delivered."""

    rendered = Signal(bytes, float)  # svg, seconds
    drawn = Signal(object, float)  # the same result, parsed and measured: a Drawing
    painted = Signal(object)  # a picture of what a view shows, painted off the GUI thread
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, engine: Engine | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._generation = 0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._signals.painted.connect(self._on_painted)

    def request(
        self,
        m: ArgumentMap,
        options: RenderOptions | None = None,
        hidden: Mapping[str, int] | None = None,
        judged: ArgumentMap | None = None,
        scale: float = 0.0,
        region: QRectF | None = None,
    ) -> int:
        """Render `m`, marked with the evaluation of `judged` (the whole map) if given;
        with a `scale`, also paint the `region` a view shows at that zoom."""
        self._generation += 1
        job = _Job(
            self._generation,
            m,
            options,
            hidden,
            judged,
            self._engine,
            self._signals,
            scale,
            region,
        )
        self._pool.start(job)
        return self._generation

    def paint(self, svg: bytes, scale: float, region: QRectF) -> None:
        """Paint `region` of `svg` at `scale` in the background (see DiagramView)."""
        self._pool.start(_PaintJob(svg, scale, region, self._signals))

    def _on_painted(self, drawing: Drawing | None) -> None:
        if drawing is not None:
            self.painted.emit(drawing)

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)

    def _on_done(self, generation: int, drawing: Drawing, seconds: float) -> None:
        if generation == self._generation:
            self.drawn.emit(drawing, seconds)
            self.rendered.emit(drawing.svg, seconds)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.failed.emit(message)
