"""Export a map as SVG, PNG, PDF or DOT source.

PNG and PDF come from the engine when it writes them itself (system dot) and
otherwise are drawn from the SVG with QtSvg/QtGui, so a machine without a
system Graphviz still exports every format.  Files are written atomically.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.formats.atomic import atomic_write
from argmap.limits import MAX_DPI, MIN_DPI
from argmap.model import ArgumentMap
from argmap.model.evaluation import evaluate
from argmap.render.dot import RenderOptions, to_dot
from argmap.render.engines import DEFAULT_TIMEOUT, Engine, RenderError, SystemEngine, get_engine
from argmap.render.layout import PAGE, arrange
from argmap.render.structure import bold_titles

if TYPE_CHECKING:
    from PySide6.QtSvg import QSvgRenderer

FORMATS = ("svg", "png", "pdf", "dot")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    fmt: str
    engine: str
    seconds: float
    size: int


def format_for(path: str | Path, fmt: str | None = None) -> str:
    chosen = (fmt or Path(path).suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise RenderError(
            f"cannot export to '{Path(path).name}': choose a .svg, .png, .pdf or .dot file"
        )
    return chosen


def render_bytes(
    m: ArgumentMap,
    fmt: str,
    options: RenderOptions | None = None,
    engine: Engine | None = None,
    dpi: float = 96.0,
    timeout: float = DEFAULT_TIMEOUT,
    hidden: Mapping[str, int] | None = None,
    judged: ArgumentMap | None = None,
) -> tuple[bytes, str]:
    """The exported file's bytes and the name of the engine that drew them.

    `judged` is the map the evaluation is computed on when `m` is only part of
    it (collapsed, focused, a subtree): hiding nodes does not change what
    stands, so the export marks what the diagram marks.
    """
    engine = engine or get_engine()
    options = arrange(
        m, options or RenderOptions.from_style(m.style), PAGE, engine, hidden, timeout
    )
    dot = to_dot(m, options, hidden, verdicts_for(judged, options))
    if fmt == "dot":
        return dot.encode("utf-8"), "none"
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise RenderError(f"a resolution of {dpi:g} dpi is out of range ({MIN_DPI:g}-{MAX_DPI:g})")
    if fmt == "svg":
        return bold_titles(engine.render(dot, "svg", timeout)), engine.name
    titled = any(node.title for node in m.nodes.values())
    if isinstance(engine, SystemEngine) and not titled:  # bold titles need the SVG
        return engine.render(dot, fmt, timeout, dpi=dpi if fmt == "png" else None), engine.name
    svg = bold_titles(engine.render(dot, "svg", timeout))
    if fmt == "png":
        return svg_to_png(svg, dpi), engine.name
    return svg_to_pdf(svg), engine.name


def verdicts_for(
    judged: ArgumentMap | None, options: RenderOptions | None
) -> dict[str, str] | None:
    """The evaluation of the whole map `judged`, when the options show it."""
    if judged is None or options is None or not options.show_evaluation:
        return None  # to_dot judges the map it draws, which is then the whole map
    return {k: v.value for k, v in evaluate(judged).items()}


def export(
    m: ArgumentMap,
    path: str | Path,
    fmt: str | None = None,
    options: RenderOptions | None = None,
    engine: Engine | None = None,
    dpi: float = 96.0,
    timeout: float = DEFAULT_TIMEOUT,
    hidden: Mapping[str, int] | None = None,
    judged: ArgumentMap | None = None,
) -> ExportResult:
    """Write `m` to `path`; `judged`, the whole map when `m` is a part (see render_bytes)."""
    path = Path(path)
    chosen = format_for(path, fmt)
    start = time.perf_counter()
    data, used = render_bytes(m, chosen, options, engine, dpi, timeout, hidden, judged)
    atomic_write(path, data)
    return ExportResult(path, chosen, used, time.perf_counter() - start, len(data))


# -- rasterizing with Qt -------------------------------------------------------------

_SIZE = re.compile(rb'<svg[^>]*?width="([\d.]+)pt"[^>]*?height="([\d.]+)pt"', re.S)


def svg_size_pt(svg: bytes) -> tuple[float, float]:
    match = _SIZE.search(svg[:4096])
    if not match:
        raise RenderError("the SVG has no size in points; cannot rasterize it")
    return float(match.group(1)), float(match.group(2))


def _ensure_gui_app() -> None:
    """Fonts and painting need a QGuiApplication; headless runs get an offscreen one."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        global _app
        _app = QGuiApplication(["argmap", "-platform", "offscreen"])


_app = None
MAX_PIXELS = 400_000_000


_FONT_LIST = re.compile(rb'font-family="([^",]+),[^"]*"')


def for_qt(svg: bytes) -> bytes:
    """QtSvg reads "Helvetica,sans-Serif" as one unknown family and falls back to a
    wider default font, so text would overflow its box; keep the first family."""
    return _FONT_LIST.sub(rb'font-family="\1"', svg)


def _renderer(svg: bytes) -> QSvgRenderer:
    from PySide6.QtCore import QByteArray
    from PySide6.QtSvg import QSvgRenderer

    _ensure_gui_app()
    renderer = QSvgRenderer(QByteArray(for_qt(svg)))
    if not renderer.isValid():
        raise RenderError("Qt could not read the SVG that Graphviz wrote")
    return renderer


def svg_to_png(svg: bytes, dpi: float = 96.0) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage, QPainter

    renderer = _renderer(svg)
    w_pt, h_pt = svg_size_pt(svg)
    scale = dpi / 72.0
    width, height = max(1, round(w_pt * scale)), max(1, round(h_pt * scale))
    if width * height > MAX_PIXELS:
        raise RenderError(
            f"a {width}x{height} pixel image is too large; export SVG or PDF, or lower the dpi"
        )
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6's stubs ask for bytes, but at run time save() takes only str
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise RenderError("Qt could not encode the PNG")
    buffer.close()
    return bytes(data.data())


def svg_to_pdf(svg: bytes) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    renderer = _renderer(svg)
    w_pt, h_pt = svg_size_pt(svg)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(72)
    size = QPageSize(
        QSizeF(w_pt, h_pt), QPageSize.Unit.Point, "map", QPageSize.SizeMatchPolicy.ExactMatch
    )
    writer.setPageLayout(
        QPageLayout(
            size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point
        )
    )
    writer.setTitle("argmap")
    writer.setCreator("argmap")
    painter = QPainter(writer)
    renderer.render(painter)
    painter.end()
    buffer.close()
    return bytes(data.data())
