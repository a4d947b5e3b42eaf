"""What an export on paper tells the user in one line: the text size it will have on its
page, and whether and how it is tiled (the command line's notes, the export dialog's
preview)."""

from __future__ import annotations

import math

from argmap.render.paper import (
    MIN_TEXT,
    Page,
    _tiling,
    drawing_size,
    median_font,
    oriented,
    text_size,
    tiles_for,
)


def pt(size: float) -> str:
    """A text size as messages give it: rounded down to a tenth, so that 5.98 pt is never
    shown as the 6.0 pt it falls short of."""
    return f"{math.floor(size * 10 + 1e-9) / 10:.1f}"


def page_warning(svg: bytes, on: Page, fmt: str) -> str | None:
    """One line for a PNG or SVG whose text would be below MIN_TEXT on its page."""
    size = text_size(svg, on)
    if fmt not in ("png", "svg") or size >= MIN_TEXT or median_font(svg) <= 0:
        return None
    if tiles_for(svg, on) == (1, 1):
        return None
    width, height = drawing_size(svg)
    cols, rows = tiles_for(svg, on)
    return (
        f"on {on.name(width, height)} the text would be {pt(size)} pt; "
        f"export a PDF to tile it across {cols * rows} pages"
    )


def preview(svg: bytes, on: Page | None, fmt: str) -> str:
    """What the export dialog says of the text the export will have."""
    font = median_font(svg)
    if on is None:
        return f"{pt(font)} pt at full size" if font > 0 else "no text"
    width, height = drawing_size(svg)
    size = text_size(svg, on)
    line = f"{pt(size)} pt on {oriented(svg, on).name(width, height)}"
    cols, rows, scale = _tiling(svg, oriented(svg, on))
    if (cols, rows) == (1, 1) or font <= 0:
        return line
    if fmt == "pdf":
        sheet = oriented(svg, on).name(width, height)
        tiled = f"tiled across {cols * rows} sheets at {pt(font * scale)} pt"
        return f"{pt(size)} pt on one {sheet} page: {tiled}"
    return line + f" (below {MIN_TEXT:g} pt: a PDF would tile it across {cols * rows} pages)"


def tile_note(svg: bytes, on: Page) -> str | None:
    """One line for a PDF that is tiled; None when it is one page."""
    turned = oriented(svg, on)
    cols, rows, scale = _tiling(svg, turned)
    if (cols, rows) == (1, 1):
        return None
    width, height = drawing_size(svg)
    return (
        f"on one {on.name(width, height)} page the text would be {pt(text_size(svg, on))} pt; "
        f"tiled across {cols * rows} {turned.name(width, height)} pages ({cols} x {rows}) "
        f"at {pt(median_font(svg) * scale)} pt, after a key page"
    )


# -- titles and pages as SVG -----------------------------------------------------------
