"""Graphviz off the GUI thread; a newer request makes older results stale.

At most one job runs and one render waits: a request made while a render runs
replaces the one waiting, so a burst of edits costs two renders, not one per
edit, and the newest is drawn as soon as the running one ends.  Errors come
back as values (the `failed` signal), never as exceptions across threads.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

from PySide6.QtCore import (
    QObject,
    QRectF,
    QRunnable,
    QThreadPool,
    Signal,
)

from argmap.gui.diagram.drawing import Drawing, prepare_drawing
from argmap.model import ArgumentMap
from argmap.model.evaluation import evaluate
from argmap.render import RenderOptions, to_dot
from argmap.render.engines import Engine, get_engine
from argmap.render.layout import Drawings, arrange
from argmap.render.legend import legend_svg
from argmap.render.structure import bold_titles


class _Signals(QObject):
    done = Signal(int, object, float, str)  # generation, Drawing, seconds, engine notice
    failed = Signal(int, str)
    painted = Signal(object)  # a Drawing painted for the view, or None when that failed
    finished = Signal()  # a job has left the pool, whatever its outcome: start the next


class _PaintJob(QRunnable):
    """Paint an SVG already rendered, for a view that has just been zoomed or scrolled."""

    def __init__(self, svg: bytes, scale: float, region: QRectF, signals: _Signals) -> None:
        super().__init__()
        self.svg, self.scale, self.region, self.signals = svg, scale, region, signals

    def run(self) -> None:
        try:
            drawing = prepare_drawing(self.svg, self.scale, self.region)
        except Exception:  # a picture is only a speed-up: without it the view draws vectors
            drawing = None
        try:
            self.signals.painted.emit(drawing)
        finally:
            self.signals.finished.emit()


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
        target: tuple[float, float] | None = None,
        legend: bool = False,
    ) -> None:
        super().__init__()
        self.generation = generation
        self.target = target
        self.legend = legend
        self.scale = scale
        self.region = region
        self.args = (m, options, hidden)
        self.judged = judged
        self.engine = engine
        self.signals = signals

    def run(self) -> None:
        try:
            self._run()
        finally:  # after done or failed: signals from one thread arrive in order
            self.signals.finished.emit()

    def _run(self) -> None:
        start = time.perf_counter()
        try:
            verdicts = None
            if self.judged is not None:  # maps are immutable: safe to read from here
                verdicts = {k: v.value for k, v in evaluate(self.judged).items()}
            engine = self.engine or get_engine()
            m, options, hidden = self.args
            drawings = Drawings()  # the layouts tried: the chosen one is among them
            if self.target is not None:  # the layout that fits the target best
                options = arrange(
                    m,
                    options or RenderOptions.from_style(m.style),
                    self.target,
                    engine,
                    hidden,
                    drawings=drawings,
                )
            dot = to_dot(m, options, hidden, verdicts)
            svg = bold_titles(drawings.find(options, dot) or engine.render(dot, "svg"))
            drawing = prepare_drawing(svg, self.scale, self.region)
            if options is not None:
                drawing.fit, drawing.direction = options.fit, options.direction
                if self.legend:  # the on-screen legend, with the marks the drawing shows
                    drawing.legend = legend_svg(m, options, verdicts)
        except Exception as exc:  # reported as a value on the GUI thread
            self.signals.failed.emit(self.generation, str(exc) or type(exc).__name__)
            return
        notice = getattr(engine, "notice", "") or ""
        self.signals.done.emit(self.generation, drawing, time.perf_counter() - start, notice)


class RenderWorker(QObject):
    """Renders maps to SVG in a thread pool; only the newest result is delivered."""

    rendered = Signal(bytes, float)  # svg, seconds
    drawn = Signal(object, float)  # the same result, parsed and measured: a Drawing
    painted = Signal(object)  # a picture of what a view shows, painted off the GUI thread
    failed = Signal(str)
    notice = Signal(str)  # why the engine in use is not the one asked for ("" when it is)

    def __init__(self, parent: QObject | None = None, engine: Engine | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._generation = 0
        self._notice = ""
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._started = 0  # jobs given to the pool whose `finished` has not arrived
        self._next_render: _Job | None = None  # newest wins: an older one is dropped
        self._next_paint: _PaintJob | None = None
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._signals.painted.connect(self._on_painted)
        self._signals.finished.connect(self._on_finished)

    def request(
        self,
        m: ArgumentMap,
        options: RenderOptions | None = None,
        hidden: Mapping[str, int] | None = None,
        judged: ArgumentMap | None = None,
        scale: float = 0.0,
        region: QRectF | None = None,
        target: tuple[float, float] | None = None,
        legend: bool = False,
    ) -> int:
        """Render `m`, marked with the evaluation of `judged` (the whole map) if given;
        with a `scale`, also paint the `region` a view shows at that zoom; with a
        `target` (pt), laid out to fit it (render/layout.arrange); with `legend`, the
        drawing carries the on-screen legend."""
        self._generation += 1
        self._next_render = _Job(
            self._generation,
            m,
            options,
            hidden,
            judged,
            self._engine,
            self._signals,
            scale,
            region,
            target,
            legend,
        )
        if scale:  # the render paints the view itself; a waiting paint is of the old SVG
            self._next_paint = None
        self._start_next()
        return self._generation

    def paint(self, svg: bytes, scale: float, region: QRectF) -> None:
        """Paint `region` of `svg` at `scale` in the background (see DiagramView)."""
        self._next_paint = _PaintJob(svg, scale, region, self._signals)
        self._start_next()

    def idle(self) -> bool:
        """Nothing running, nothing waiting, no result still on its way."""
        return self._started == 0 and self._next_render is None and self._next_paint is None

    def _take_next(self) -> QRunnable | None:
        job: QRunnable | None = self._next_render or self._next_paint
        if job is self._next_render:
            self._next_render = None
        else:
            self._next_paint = None
        return job

    def _start_next(self) -> None:
        if self._started:
            return  # the running job's `finished` starts the next one
        job = self._take_next()
        if job is not None:
            self._started += 1
            self._pool.start(job)

    def _on_finished(self) -> None:
        self._started -= 1
        self._start_next()

    def _on_painted(self, drawing: Drawing | None) -> None:
        if drawing is not None:
            self.painted.emit(drawing)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the running job and the waiting ones are done (False on time-out).

        Their results are delivered by the event loop afterwards, as usual."""
        deadline = time.monotonic() + msecs / 1000
        while True:
            left = max(0, round((deadline - time.monotonic()) * 1000))
            if not self._pool.waitForDone(left):
                return False
            job = self._take_next()
            if job is None:
                return True
            self._started += 1  # its `finished`, like the others', is still to come
            self._pool.start(job)

    def _on_done(self, generation: int, drawing: Drawing, seconds: float, notice: str) -> None:
        if notice != self._notice:
            self._notice = notice
            self.notice.emit(notice)
        if generation == self._generation:
            self.drawn.emit(drawing, seconds)
            self.rendered.emit(drawing.svg, seconds)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.failed.emit(message)
