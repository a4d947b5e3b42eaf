"""Graphviz off the GUI thread; a newer request makes older results stale.

Errors come back as values (the `failed` signal), never as exceptions across
threads.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from argmap.model import ArgumentMap
from argmap.render import RenderOptions, to_dot
from argmap.render.engines import Engine, get_engine


class _Signals(QObject):
    done = Signal(int, bytes, float)
    failed = Signal(int, str)


class _Job(QRunnable):
    def __init__(self, generation: int, dot: str, engine: Engine | None, signals: _Signals) -> None:
        super().__init__()
        self.generation = generation
        self.dot = dot
        self.engine = engine
        self.signals = signals

    def run(self) -> None:
        start = time.perf_counter()
        try:
            engine = self.engine or get_engine()
            svg = engine.render(self.dot, "svg")
        except Exception as exc:  # reported as a value on the GUI thread
            self.signals.failed.emit(self.generation, str(exc) or type(exc).__name__)
            return
        self.signals.done.emit(self.generation, svg, time.perf_counter() - start)


class RenderWorker(QObject):
    """Renders maps to SVG in a thread pool; only the newest result is delivered."""

    rendered = Signal(bytes, float)  # svg, seconds
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

    def request(
        self,
        m: ArgumentMap,
        options: RenderOptions | None = None,
        hidden: Mapping[str, int] | None = None,
        verdicts: Mapping[str, str] | None = None,
    ) -> int:
        self._generation += 1
        dot = to_dot(m, options, hidden, verdicts)  # pure and quick; the layout is what takes time
        self._pool.start(_Job(self._generation, dot, self._engine, self._signals))
        return self._generation

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)

    def _on_done(self, generation: int, svg: bytes, seconds: float) -> None:
        if generation == self._generation:
            self.rendered.emit(svg, seconds)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.failed.emit(message)
