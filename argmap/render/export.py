"""Export a map as SVG, PNG, PDF, interactive HTML or DOT source.

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
from argmap.render.layout import PAGE, Drawings, arrange
from argmap.render.layout import svg_size_pt as svg_size_pt  # where it was first
from argmap.render.structure import bold_titles

if TYPE_CHECKING:
    from PySide6.QtGui import QImage
    from PySide6.QtSvg import QSvgRenderer

    from argmap.render.paper import Page

FORMATS = ("svg", "png", "pdf", "html", "dot")
#: other suffixes a format is known by
ALIASES = {"htm": "html"}
CHOICES = "choose a .svg, .png, .pdf, .html or .dot file"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    fmt: str
    engine: str
    seconds: float
    size: int
    #: one line the user should read (text too small on the page), or None
    warning: str | None = None


@dataclass(frozen=True)
class Paper:
    """How an export is put on paper: the page (None: the drawing's own size) and
    whether it carries a legend."""

    page: Page | None = None
    legend: bool = True


def format_for(path: str | Path, fmt: str | None = None) -> str:
    chosen = (fmt or Path(path).suffix.lstrip(".")).lower()
    chosen = ALIASES.get(chosen, chosen)
    if chosen not in FORMATS:
        raise RenderError(f"cannot export to '{Path(path).name}': {CHOICES}")
    return chosen


def document_title(m: ArgumentMap) -> str:
    """The title a PDF, SVG or HTML export carries: the map's, else its source's."""
    return (m.title or m.source.title or "argmap").strip() or "argmap"


def target_of(paper: Paper) -> tuple[float, float]:
    """The area (pt) the layout is fitted to: the page inside its margins, A4 landscape
    by default (and for an auto-oriented page, whose orientation follows the drawing)."""
    if paper.page is None or paper.page.orientation == "auto":
        if paper.page is None:
            return PAGE
        width, height = paper.page.size(2.0, 1.0)  # landscape
    else:
        width, height = paper.page.size(1.0, 1.0)
    from argmap.render.paper import MARGIN

    return width - 2 * MARGIN, height - 2 * MARGIN


def render_bytes(
    m: ArgumentMap,
    fmt: str,
    options: RenderOptions | None = None,
    engine: Engine | None = None,
    dpi: float = 96.0,
    timeout: float = DEFAULT_TIMEOUT,
    hidden: Mapping[str, int] | None = None,
    judged: ArgumentMap | None = None,
    paper: Paper | None = None,
) -> tuple[bytes, str]:
    """The exported file's bytes and the name of the engine that drew them.

    `judged` is the map the evaluation is computed on when `m` is only part of
    it (collapsed, focused, a subtree): hiding nodes does not change what
    stands, so the export marks what the diagram marks.
    """
    data, used, _ = _render(m, fmt, options, engine, dpi, timeout, hidden, judged, paper)
    return data, used


def _render(
    m: ArgumentMap,
    fmt: str,
    options: RenderOptions | None,
    engine: Engine | None,
    dpi: float,
    timeout: float,
    hidden: Mapping[str, int] | None,
    judged: ArgumentMap | None,
    paper: Paper | None,
) -> tuple[bytes, str, str | None]:
    """render_bytes, and the one line to tell the user (text too small on its page)."""
    paper = paper or Paper()
    if fmt != "dot" and not MIN_DPI <= dpi <= MAX_DPI:
        raise RenderError(f"a resolution of {dpi:g} dpi is out of range ({MIN_DPI:g}-{MAX_DPI:g})")
    if paper.page is not None and fmt == "html":
        raise RenderError("a page is for .pdf, .png and .svg files; an HTML page fits the window")
    engine = engine or get_engine()
    options = options or RenderOptions.from_style(m.style)
    drawn = _Drawn(m, engine, timeout, hidden, judged, paper)
    if fmt == "dot":
        return drawn.dot(options, target_of(paper)).encode("utf-8"), "none", None
    titled = any(node.title for node in m.nodes.values())
    plain = paper.page is None and not paper.legend and not titled
    if fmt == "png" and plain and isinstance(engine, SystemEngine):
        data = engine.render(drawn.dot(options, target_of(paper)), fmt, timeout, dpi=dpi)
        return data, engine.name, None
    svg = drawn.best_svg(options)
    warning = None
    if paper.page is not None:
        from argmap.render.page_notes import page_warning, tile_note

        warning = tile_note(svg, paper.page) if fmt == "pdf" else page_warning(svg, paper.page, fmt)
    return _finish(m, svg, fmt, dpi, paper, options.roles), engine.name, warning


@dataclass
class _Drawn:
    """One export's drawing: laid out for its target, rendered, with its legend."""

    m: ArgumentMap
    engine: Engine
    timeout: float
    hidden: Mapping[str, int] | None
    judged: ArgumentMap | None
    paper: Paper

    def laid_out(
        self, options: RenderOptions, target: tuple[float, float]
    ) -> tuple[RenderOptions, dict[str, str] | None, str]:
        """The options arranged for `target`, the verdicts marked, and the DOT."""
        arranged = arrange(self.m, options, target, self.engine, self.hidden, self.timeout)
        verdicts = verdicts_for(self.judged, arranged)
        return arranged, verdicts, to_dot(self.m, arranged, self.hidden, verdicts)

    def dot(self, options: RenderOptions, target: tuple[float, float]) -> str:
        return self.laid_out(options, target)[2]

    def svg(self, options: RenderOptions, target: tuple[float, float]) -> bytes:
        arranged, verdicts, svg = self._drawing(options, target)
        svg = bold_titles(svg)
        if not self.paper.legend:
            return svg
        from argmap.render.legend import with_legend

        shown = verdicts if verdicts is not None else _drawn_verdicts(self.m, arranged)
        return with_legend(svg, self.m, arranged, shown, target, self.hidden)

    def _drawing(
        self, options: RenderOptions, target: tuple[float, float]
    ) -> tuple[RenderOptions, dict[str, str] | None, bytes]:
        """The arranged options, verdicts and Graphviz's SVG: the layout `arrange` drew
        to choose it, when the same DOT."""
        drawings = Drawings()
        arranged = arrange(
            self.m, options, target, self.engine, self.hidden, self.timeout, drawings
        )
        verdicts = verdicts_for(self.judged, arranged)
        drawn = drawings.find(arranged) if verdicts is None else None
        if drawn is None:  # marks change the DOT: laid out again with them
            dot = to_dot(self.m, arranged, self.hidden, verdicts)
            drawn = self.engine.render(dot, "svg", self.timeout)
        return arranged, verdicts, drawn

    def best_svg(self, options: RenderOptions) -> bytes:
        """The drawing; on a page turned to suit it, laid out both ways round and the one
        that prints on fewer sheets, then with the larger text, kept."""
        on = self.paper.page
        if on is None or on.orientation != "auto":
            return self.svg(options, target_of(self.paper))
        from argmap.render.paper import Page, oriented, text_size, tiles_for

        def rank(svg: bytes) -> tuple[int, float]:
            cols, rows = tiles_for(svg, on)
            return cols * rows, -text_size(svg, oriented(svg, on))

        drawings = [
            self.svg(options, target_of(Paper(Page(on.paper, turned), self.paper.legend)))
            for turned in ("landscape", "portrait")
        ]
        return min(drawings, key=rank)


def _drawn_verdicts(m: ArgumentMap, options: RenderOptions) -> dict[str, str] | None:
    if not options.show_evaluation:
        return None
    return {k: v.value for k, v in evaluate(m).items()}


def _finish(
    m: ArgumentMap,
    svg: bytes,
    fmt: str,
    dpi: float,
    paper: Paper,
    roles: tuple[tuple[str, str], ...] = (),
) -> bytes:
    """The drawing (legend included) as the file: titled, and on its page if one is asked."""
    from argmap.render import paper as pages

    title = document_title(m)
    svg = pages.titled_svg(svg, title)
    if fmt == "pdf":
        return pages.pdf(svg, title, paper.page)
    if fmt == "html":
        from argmap.render.html import to_html

        return to_html(m, svg, title, dict(roles))
    if paper.page is not None:
        if fmt == "png":
            return pages.png_on_page(svg, paper.page, dpi)
        return pages.svg_on_page(svg, paper.page, title)
    return svg_to_png(svg, dpi) if fmt == "png" else svg


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
    paper: Paper | None = None,
) -> ExportResult:
    """Write `m` to `path`; `judged`, the whole map when `m` is a part (see render_bytes)."""
    path = Path(path)
    chosen = format_for(path, fmt)
    start = time.perf_counter()
    data, used, warning = _render(m, chosen, options, engine, dpi, timeout, hidden, judged, paper)
    atomic_write(path, data)
    return ExportResult(path, chosen, used, time.perf_counter() - start, len(data), warning)


# -- rasterizing with Qt -------------------------------------------------------------


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
    return png_bytes(image)


def png_bytes(image: QImage) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6's stubs ask for bytes, but at run time save() takes only str
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise RenderError("Qt could not encode the PNG")
    buffer.close()
    return bytes(data.data())


def svg_to_pdf(svg: bytes, title: str = "argmap") -> bytes:
    """One page of the drawing's own size."""
    from argmap.render.paper import pdf

    return pdf(svg, title)
