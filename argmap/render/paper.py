"""A drawing on paper: scaled onto a page inside its margins, never enlarged, centred;
and when its text would be smaller than `MIN_TEXT` there, a PDF tiled across several
pages for poster printing (the sheets overlap by `OVERLAP`, each is labelled, and a key
page comes first).  SVG and PDF exports carry the map's title as their document title.

The page is in points (1/72 in).  Rasterizing uses QtSvg/QtGui, as export.py does.
"""

from __future__ import annotations

import math
import re
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import TYPE_CHECKING

from argmap.render.engines import RenderError
from argmap.render.text import xml_escape as escape

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter, QPdfWriter
    from PySide6.QtSvg import QSvgRenderer

#: portrait width and height of each paper, in pt
PAPERS: dict[str, tuple[float, float]] = {
    "a4": (595.28, 841.89),
    "a3": (841.89, 1190.55),
    "letter": (612.0, 792.0),
    "legal": (612.0, 1008.0),
}
ORIENTATIONS = ("auto", "portrait", "landscape")
MARGIN = 36.0
#: below this text size (pt) on its page a drawing is tiled (PDF) or said to be small
MIN_TEXT = 6.0
#: how much neighbouring sheets of a poster share, to glue them (pt)
OVERLAP = 18.0
#: at most this many sheets across and down
MAX_SHEETS = 64
#: sheets are named A1, B1, ... across: at most 26 columns
MAX_COLUMNS = 26
LABEL_SIZE = 8.0
SVG_NS = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class Page:
    paper: str
    orientation: str = "auto"

    def landscape(self, drawing_w: float, drawing_h: float) -> bool:
        if self.orientation == "auto":
            return drawing_w > drawing_h
        return self.orientation == "landscape"

    def size(self, drawing_w: float, drawing_h: float) -> tuple[float, float]:
        """The page (pt) for a drawing of this size: auto turns it to the drawing."""
        width, height = PAPERS[self.paper]
        return (height, width) if self.landscape(drawing_w, drawing_h) else (width, height)

    def area(self, drawing_w: float, drawing_h: float) -> tuple[float, float]:
        """The page less its margins."""
        width, height = self.size(drawing_w, drawing_h)
        return width - 2 * MARGIN, height - 2 * MARGIN

    def name(self, drawing_w: float, drawing_h: float) -> str:
        """ "A4 landscape", "Letter portrait"."""
        shown = self.paper.upper() if self.paper.startswith("a") else self.paper.title()
        turned = "landscape" if self.landscape(drawing_w, drawing_h) else "portrait"
        return f"{shown} {turned}"


def page(paper: str, orientation: str = "auto") -> Page:
    """The page named, in any case; a name argmap does not know is one line of error."""
    name, turned = paper.strip().lower(), orientation.strip().lower()
    if name not in PAPERS:
        raise ValueError(f"unknown page size '{paper}' (choose a4, a3, letter or legal)")
    if turned not in ORIENTATIONS:
        raise ValueError(
            f"unknown orientation '{orientation}' (choose auto, portrait or landscape)"
        )
    return Page(name, turned)


# -- measuring a drawing ---------------------------------------------------------------

_SIZE = re.compile(
    rb'<svg\b[^>]*?\bwidth="([\d.]+)(pt|px)?"[^>]*?\bheight="([\d.]+)(pt|px)?"', re.S
)


def drawing_size(svg: bytes) -> tuple[float, float]:
    """The drawing's width and height in pt."""
    found = _SIZE.search(svg[:8192])
    if not found:
        raise RenderError("the SVG has no size; cannot put it on a page")
    px = 0.75  # CSS px per pt
    width = float(found.group(1)) * (px if found.group(2) == b"px" else 1.0)
    height = float(found.group(3)) * (px if found.group(4) == b"px" else 1.0)
    return width, height


def median_font(svg: bytes) -> float:
    """The median font size of the drawing's text, in pt as drawn (the root viewBox and
    the top group's scale applied); 0 when it has no text."""
    root = ET.fromstring(svg)
    sizes = [float(t.get("font-size", "14")) for t in root.iter(f"{SVG_NS}text")]
    if not sizes:
        return 0.0
    unit = 1.0
    box = (root.get("viewBox") or "").split()
    if len(box) == 4 and float(box[2]) > 0:
        unit = drawing_size(svg)[0] / float(box[2])
    top = root.find(f"{SVG_NS}g")
    scale = re.search(r"scale\(([-\d.eE+]+)", top.get("transform", "")) if top is not None else None
    return statistics.median(sizes) * unit * (float(scale.group(1)) if scale else 1.0)


def fit_scale(svg: bytes, on: Page) -> float:
    """How much the drawing is scaled to fit the page inside its margins (at most 1)."""
    width, height = drawing_size(svg)
    area_w, area_h = on.area(width, height)
    if width <= 0 or height <= 0:
        return 1.0
    return min(1.0, area_w / width, area_h / height)


def text_size(svg: bytes, on: Page) -> float:
    """The text size (pt) the drawing has on the page: what the export dialog shows."""
    return median_font(svg) * fit_scale(svg, on)


def oriented(svg: bytes, on: Page) -> Page:
    """The page turned as the drawing will be printed: an auto page takes the drawing's
    orientation when that holds it legibly on one sheet, else the orientation whose
    poster needs fewer sheets (then the larger text)."""
    if on.orientation != "auto":
        return on
    width, height = drawing_size(svg)
    natural = Page(on.paper, "landscape" if width > height else "portrait")
    other = Page(on.paper, "portrait" if width > height else "landscape")
    first, second = _tiling(svg, natural), _tiling(svg, other)
    if first[:2] == (1, 1):
        return natural

    def cost(t: tuple[int, int, float]) -> tuple[int, float]:
        return t[0] * t[1], -t[2]

    return other if cost(second) < cost(first) else natural


def tiles_for(svg: bytes, on: Page) -> tuple[int, int]:
    """(columns, rows) of sheets a PDF poster of the drawing needs for its text to reach
    MIN_TEXT, at most MAX_SHEETS in all and MAX_COLUMNS across; (1, 1) when one page is
    enough."""
    return _tiling(svg, oriented(svg, on))[:2]


def _tiling(svg: bytes, on: Page) -> tuple[int, int, float]:
    """(columns, rows, scale of the drawing on the sheets)."""
    font = median_font(svg)
    if font <= 0 or font * fit_scale(svg, on) >= MIN_TEXT - 1e-9:
        return 1, 1, fit_scale(svg, on)
    width, height = drawing_size(svg)
    area_w, area_h = on.area(width, height)
    step_w, step_h = area_w - OVERLAP, area_h - OVERLAP

    def sheets(scale: float) -> tuple[int, int]:
        cols = max(1, math.ceil((width * scale - OVERLAP) / step_w))
        return cols, max(1, math.ceil((height * scale - OVERLAP) / step_h))

    def allowed(scale: float) -> bool:
        cols, rows = sheets(scale)
        return cols * rows <= MAX_SHEETS and cols <= MAX_COLUMNS

    wanted = min(1.0, MIN_TEXT / font)
    if not allowed(wanted):  # too many sheets for 6 pt: the largest text they allow
        low, high = fit_scale(svg, on), wanted
        for _ in range(40):
            middle = (low + high) / 2
            low, high = (middle, high) if allowed(middle) else (low, middle)
        wanted = low
    cols, rows = sheets(wanted)
    # the sheets chosen are filled: the text grows as far as they allow, never enlarged
    scale = min(1.0, (cols * step_w + OVERLAP) / width, (rows * step_h + OVERLAP) / height)
    return cols, rows, scale


_ROOT = re.compile(rb"<svg\b[^>]*>", re.S)
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean_title(title: str) -> str:
    """A document title as every export carries it: one line, no control characters."""
    return _NOT_XML.sub("", " ".join(title.split())) or "argmap"


def _escaped(title: str) -> bytes:
    return escape(clean_title(title)).encode("utf-8")


def titled_svg(svg: bytes, title: str) -> bytes:
    """The SVG with the map's title as its document title: a `<title>` first in the root."""
    root = _ROOT.search(svg)
    if root is None:
        raise RenderError("the SVG has no root element")
    at = root.end()
    return svg[:at] + b"\n<title>" + _escaped(title) + b"</title>" + svg[at:]


def _body(svg: bytes) -> tuple[bytes, bytes]:
    """(the root start tag, everything after it) without the XML prolog and doctype."""
    root = _ROOT.search(svg)
    if root is None:
        raise RenderError("the SVG has no root element")
    return root.group(0), svg[root.end() :]


def _placement(svg: bytes, on: Page) -> tuple[float, float, float, float, float]:
    """(page w, page h, x, y, scale) of the drawing fitted and centred on the page."""
    width, height = drawing_size(svg)
    page_w, page_h = on.size(width, height)
    scale = fit_scale(svg, on)
    return page_w, page_h, (page_w - width * scale) / 2, (page_h - height * scale) / 2, scale


def svg_on_page(svg: bytes, on: Page, title: str) -> bytes:
    """A page-sized SVG with the drawing fitted and centred inside the margins; the
    drawing's element ids are kept."""
    width, height = drawing_size(svg)
    page_w, page_h, x, y, scale = _placement(svg, on)
    start, rest = _body(svg)
    start = re.sub(rb'\s(width|height|x|y)="[^"]*"', b"", start)
    inner = (
        start[:-1].rstrip(b"/")
        + (
            f' x="{x:.2f}" y="{y:.2f}" width="{width * scale:.2f}" height="{height * scale:.2f}">'
        ).encode()
    )
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        f' width="{page_w:g}pt" height="{page_h:g}pt" viewBox="0 0 {page_w:g} {page_h:g}">\n'
    ).encode()
    title_tag = b"<title>" + _escaped(title) + b"</title>\n"
    paper = f'<rect width="{page_w:g}" height="{page_h:g}" fill="white"/>\n'.encode()
    return head + title_tag + paper + inner + rest + b"\n</svg>\n"


# -- pages drawn with Qt: PNG and PDF --------------------------------------------------


def png_on_page(svg: bytes, on: Page, dpi: float = 96.0) -> bytes:
    """A page-sized white PNG at `dpi` with the drawing fitted and centred."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from argmap.render.export import MAX_PIXELS, _renderer, png_bytes

    renderer = _renderer(svg)
    page_w, page_h, x, y, scale = _placement(svg, on)
    width, height = drawing_size(svg)
    k = dpi / 72.0
    pixels_w, pixels_h = max(1, round(page_w * k)), max(1, round(page_h * k))
    if pixels_w * pixels_h > MAX_PIXELS:
        raise RenderError(f"a {pixels_w}x{pixels_h} pixel page is too large; lower the dpi")
    image = QImage(pixels_w, pixels_h, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    renderer.render(painter, QRectF(x * k, y * k, width * scale * k, height * scale * k))
    painter.end()
    return png_bytes(image)


def pdf(svg: bytes, title: str, on: Page | None = None, tile: bool = True) -> bytes:
    """The drawing as a PDF titled `title`: one page of its own size (no page asked),
    one page fitted to `on`, or, when the text would fall below MIN_TEXT there and
    `tile` holds, a key page and then the sheets of a poster."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QPainter, QPdfWriter

    from argmap.render.export import _renderer

    renderer = _renderer(svg)
    width, height = drawing_size(svg)
    if on is not None and tile:
        on = oriented(svg, on)
    size = (width, height) if on is None else on.size(width, height)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(72)
    _set_page(writer, size)
    writer.setTitle(" ".join(title.split()) or "argmap")
    writer.setCreator("argmap")
    painter = QPainter(writer)
    if on is None:
        renderer.render(painter)
    else:
        cols, rows, scale = _tiling(svg, on) if tile else (1, 1, fit_scale(svg, on))
        if (cols, rows) == (1, 1):
            _, _, x, y, fitted = _placement(svg, on)
            _draw(renderer, painter, x, y, width * fitted, height * fitted)
        else:
            _poster(renderer, painter, writer, svg, on, (cols, rows, scale), title)
    painter.end()
    buffer.close()
    return bytes(data.data())


def _set_page(writer: QPdfWriter, size: tuple[float, float]) -> None:
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize

    paper = QPageSize(
        QSizeF(*size), QPageSize.Unit.Point, "page", QPageSize.SizeMatchPolicy.ExactMatch
    )
    writer.setPageLayout(
        QPageLayout(
            paper, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point
        )
    )


def _draw(
    renderer: QSvgRenderer, painter: QPainter, x: float, y: float, w: float, h: float
) -> None:
    from PySide6.QtCore import QRectF

    renderer.render(painter, QRectF(x, y, w, h))


def _sheet_name(col: int, row: int) -> str:
    return f"{chr(ord('A') + col)}{row + 1}"


def _poster(
    renderer: QSvgRenderer,
    painter: QPainter,
    writer: QPdfWriter,
    svg: bytes,
    on: Page,
    tiling: tuple[int, int, float],
    title: str,
) -> None:
    """A key page (the whole drawing with the grid of sheets over it), then each sheet:
    its part of the drawing at `scale`, overlapping its neighbours by OVERLAP."""
    from PySide6.QtCore import QRectF

    cols, rows, scale = tiling
    width, height = drawing_size(svg)
    page_w, page_h = on.size(width, height)
    area_w, area_h = on.area(width, height)
    step_w, step_h = area_w - OVERLAP, area_h - OVERLAP
    # the drawing centred on the whole poster
    poster_w, poster_h = cols * step_w + OVERLAP, rows * step_h + OVERLAP
    off_x, off_y = (poster_w - width * scale) / 2, (poster_h - height * scale) / 2
    total = cols * rows + 1
    _key_page(renderer, painter, svg, on, tiling, (off_x, off_y))
    label = f"key · page 1 of {total} · {' '.join(title.split())}"
    _label(painter, page_w, page_h, label)
    number = 1
    for row in range(rows):
        for col in range(cols):
            number += 1
            writer.newPage()
            left, top = MARGIN - col * step_w + off_x, MARGIN - row * step_h + off_y
            painter.save()
            painter.setClipRect(QRectF(MARGIN, MARGIN, area_w, area_h))
            _draw(renderer, painter, left, top, width * scale, height * scale)
            painter.restore()
            _frame(painter, area_w, area_h, (col > 0, row > 0, col < cols - 1, row < rows - 1))
            name = _sheet_name(col, row)
            _label(painter, page_w, page_h, f"{name} · page {number} of {total} · {title}")


def _key_page(
    renderer: QSvgRenderer,
    painter: QPainter,
    svg: bytes,
    on: Page,
    tiling: tuple[int, int, float],
    offset: tuple[float, float],
) -> None:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QPen

    cols, rows, scale = tiling
    width, height = drawing_size(svg)
    area_w, area_h = on.area(width, height)
    _, _, x, y, fitted = _placement(svg, on)
    _draw(renderer, painter, x, y, width * fitted, height * fitted)
    # a sheet covers area_w x area_h of the poster; on the key page that is k times less
    k = fitted / scale
    origin_x, origin_y = x - offset[0] * k, y - offset[1] * k
    pen = QPen(QColor(200, 40, 40))
    pen.setWidthF(0.8)
    painter.setPen(pen)
    font = QFont("Helvetica")
    font.setPointSizeF(max(6.0, min(18.0, (area_h - OVERLAP) * k / 4)))
    painter.setFont(font)
    for row in range(rows):
        for col in range(cols):
            box = QRectF(
                origin_x + col * (area_w - OVERLAP) * k,
                origin_y + row * (area_h - OVERLAP) * k,
                area_w * k,
                area_h * k,
            )
            painter.drawRect(box)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, _sheet_name(col, row))


def _frame(painter: QPainter, area_w: float, area_h: float, shared: tuple[bool, ...]) -> None:
    """A thin frame round the sheet's area (the cut line) and dashed lines where the
    overlap with a neighbour begins (left, top, right, bottom)."""
    from PySide6.QtCore import QLineF, QRectF, Qt
    from PySide6.QtGui import QColor, QPen

    pen = QPen(QColor(150, 150, 150))
    pen.setWidthF(0.4)
    painter.setPen(pen)
    painter.drawRect(QRectF(MARGIN, MARGIN, area_w, area_h))
    pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    left, top, right, bottom = MARGIN, MARGIN, MARGIN + area_w, MARGIN + area_h
    lines = (
        QLineF(left + OVERLAP, top, left + OVERLAP, bottom),
        QLineF(left, top + OVERLAP, right, top + OVERLAP),
        QLineF(right - OVERLAP, top, right - OVERLAP, bottom),
        QLineF(left, bottom - OVERLAP, right, bottom - OVERLAP),
    )
    for line, drawn in zip(lines, shared, strict=True):
        if drawn:
            painter.drawLine(line)


def _label(painter: QPainter, page_w: float, page_h: float, text: str) -> None:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont

    font = QFont("Helvetica")
    font.setPointSizeF(LABEL_SIZE)
    painter.setFont(font)
    painter.setPen(QColor(90, 90, 90))
    box = QRectF(MARGIN, page_h - MARGIN + 6, page_w - 2 * MARGIN, MARGIN - 12)
    shown = painter.fontMetrics().elidedText(
        " ".join(text.split()), Qt.TextElideMode.ElideRight, round(box.width())
    )
    painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, shown)
