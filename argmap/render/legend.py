"""The legend of a drawing: what its shapes, lines and colours mean, for only what the
drawing uses, drawn as `<g id="legend">` beside or below it (issue 16, point 3).

Its text has the nodes' font and size, so it is as legible as the map on a page.  It
uses only rect, line, polygon and text, which QtSvg draws into PNG and PDF too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from argmap.model import ArgumentMap, Relation
from argmap.model.roles import Role, role_of
from argmap.render.dot import RenderOptions
from argmap.render.marks import LINES, MARKS, STATUSES, dash
from argmap.render.structure import tag_color
from argmap.render.text import text_width
from argmap.render.text import xml_escape as escape
from argmap.render.text import xml_quoteattr as quoteattr
from argmap.render.themes import THEMES, EdgeLook, NodeLook

#: the swatch before each label, and the gaps (pt)
SWATCH_W, SWATCH_H, GAP, ENTRY_GAP, PAD = 34.0, 13.0, 6.0, 16.0, 8.0
#: a character's width as a share of the font size (Helvetica's average, a little over)
CHAR = 0.56
_LABELS = {
    Role.CLAIM: "claim",
    Role.SUPPORT: "support (reason for)",
    Role.REBUTTAL: "rebuttal (objection)",
    Role.COUNTER: "counter-rebuttal",
    Role.UNDERCUT: "undercut (attacks an inference)",
}


@dataclass(frozen=True)
class Entry:
    """One line of the legend: `kind` is node, edge, frame, mark or tag."""

    kind: str
    label: str
    fill: str = "white"
    border: str = "#1a1a1a"
    dash: str = ""  # an SVG stroke-dasharray
    pen: float = 1.2
    double: bool = False  # a second border (counter-rebuttals)
    square: bool = False  # square corners (arguments)
    arrow: str = ""  # for an edge: "normal" (arrowhead) or "tee" (bar)


def _dash(style: str) -> str:
    if "dashed" in style:
        return "5,3"
    return "1.5,2.5" if "dotted" in style else ""


def _node_entry(role: Role, look: NodeLook, edge: EdgeLook | None) -> Entry:
    return Entry(
        "node",
        _LABELS[role],
        fill=look.fill,
        border=look.border,
        dash=_dash(look.style),
        pen=min(look.penwidth, 2.4),
        double=look.peripheries > 1,
        arrow=edge.arrow if edge is not None else "",
    )


def entries(
    m: ArgumentMap,
    options: RenderOptions,
    verdicts: Mapping[str, str] | None = None,
    hidden: Mapping[str, int] | None = None,
) -> list[Entry]:
    """What the drawing of `m` with `options` uses, in a fixed order: roles, arguments,
    cross-links, co-premise frames, sections, evaluation marks, tag colours."""
    theme = THEMES.get(options.theme, THEMES["default"])
    nodes = list(m.nodes.values())
    given = dict(options.roles)  # a part of a map: the roles its nodes have in the whole
    roles = {Role(given[n.id]) if n.id in given else role_of(m, n) for n in nodes}
    edges = {
        Role.SUPPORT: theme.supports,
        Role.REBUTTAL: theme.rebuts,
        Role.COUNTER: theme.rebuts,
        Role.UNDERCUT: theme.undercuts,
    }
    found = [
        _node_entry(role, theme.nodes[role], edges.get(role)) for role in Role if role in roles
    ]
    if any(n.argument is not None for n in nodes):
        found.append(Entry("node", "argument (premises and conclusion)", square=True, pen=2.0))
    if m.links:
        undercut_only = all(x.relation is Relation.UNDERCUTS for x in m.links)
        look = theme.undercuts if undercut_only else theme.rebuts
        found.append(
            Entry("edge", "cross-link", border="#555555", dash="1.5,2.5", arrow=look.arrow)
        )
    if any(n.group for n in nodes):
        found.append(
            Entry(
                "frame", "co-premises (hold only together)", border=theme.group_border, dash="5,3"
            )
        )
    if m.sections:
        found.append(Entry("frame", "section", border=theme.group_border, fill="#fafafa"))
    found += _marks(m, options, verdicts)
    if not theme.captions:  # print draws tags as captions, not fills
        found += _tags(m)
    return found


def _marks(
    m: ArgumentMap, options: RenderOptions, verdicts: Mapping[str, str] | None
) -> list[Entry]:
    if not options.show_evaluation:
        return []
    if verdicts is None:
        from argmap.model.evaluation import evaluate

        verdicts = {k: v.value for k, v in evaluate(m).items()}
    shown = {verdicts.get(k) for k in m.nodes}
    theme = THEMES.get(options.theme, THEMES["default"])
    return [
        Entry(
            "mark",
            MARKS[status],
            border=theme.verdicts[status],
            dash=dash(status),
            pen=LINES[status][1],
        )
        for status in STATUSES
        if status in shown
    ]


def _tags(m: ArgumentMap) -> list[Entry]:
    colours: dict[str, str] = {}
    for node in m.nodes.values():
        fill = tag_color(m, node)
        if fill is None:
            continue
        for tag in node.tags:  # the first tag with a colour is the one that fills
            if tag in m.tag_colors:
                colours.setdefault(tag, fill)
                break
    return [Entry("tag", f"#{tag}", fill=colours[tag]) for tag in sorted(colours)]


# -- drawing -------------------------------------------------------------------------


def _entry_width(entry: Entry, size: float) -> float:
    return SWATCH_W + GAP + text_width(entry.label) * CHAR * size


def _arrange(
    found: list[Entry], size: float, limit: float, across: bool
) -> tuple[list[tuple[float, float, Entry]], float, float]:
    """Entries placed in rows (across: wrapped at `limit` wide) or columns (down:
    wrapped at `limit` tall): positions and the legend's width and height."""
    row_h = max(SWATCH_H, size * 1.25) + 6
    placed: list[tuple[float, float, Entry]] = []
    x = y = 0.0
    width = height = 0.0
    if across:
        for entry in found:
            w = _entry_width(entry, size)
            if x > 0 and x + w > limit:
                x, y = 0.0, y + row_h
            placed.append((x, y, entry))
            x += w + ENTRY_GAP
            width = max(width, x - ENTRY_GAP)
        height = y + row_h
    else:
        column_w = max(_entry_width(e, size) for e in found) + ENTRY_GAP
        for entry in found:
            if y > 0 and y + row_h > limit:
                x, y = x + column_w, 0.0
            placed.append((x, y, entry))
            y += row_h
            height = max(height, y)
        width = x + column_w - ENTRY_GAP
    return placed, width + 2 * PAD, height + 2 * PAD - 6


EMPTY = b'<svg xmlns="http://www.w3.org/2000/svg" width="1pt" height="1pt" viewBox="0 0 1 1"/>\n'
_ROOT = re.compile(rb'<svg\b[^>]*?\bwidth="([\d.]+)pt"[^>]*?\bheight="([\d.]+)pt"[^>]*>', re.S)


def with_legend(
    svg: bytes,
    m: ArgumentMap,
    options: RenderOptions,
    verdicts: Mapping[str, str] | None = None,
    target: tuple[float, float] = (770.0, 523.0),
    hidden: Mapping[str, int] | None = None,
) -> bytes:
    """The drawing with its legend below it or to its right, whichever keeps the larger
    scale when the whole is fitted to `target` (w, h in pt); unchanged for a map with
    nothing to explain."""
    found = entries(m, options, verdicts, hidden)
    root = _ROOT.search(svg)
    if not found or root is None or b"</svg>" not in svg:
        return svg
    width, height = float(root.group(1)), float(root.group(2))
    size = options.font_size
    below = _arrange(found, size, max(width, 200.0), across=True)
    right = _arrange(found, size, max(height, 120.0), across=False)

    def scale(w: float, h: float) -> float:
        return min(target[0] / w, target[1] / h)

    below_scale = scale(max(width, below[1]), height + below[2])
    right_scale = scale(width + right[1], max(height, right[2]))
    if below_scale >= right_scale:
        placed, w, h = below
        origin, total = (0.0, height), (max(width, w), height + h)
    else:
        placed, w, h = right
        origin, total = (width, 0.0), (width + w, max(height, h))
    group = _group(placed, origin, (w, h), size, options.font)
    start = root.group(0)
    grown = re.sub(rb'\bwidth="[\d.]+pt"', f'width="{total[0]:g}pt"'.encode(), start, count=1)
    grown = re.sub(rb'\bheight="[\d.]+pt"', f'height="{total[1]:g}pt"'.encode(), grown, count=1)
    grown = re.sub(
        rb'\bviewBox="[^"]*"', f'viewBox="0.00 0.00 {total[0]:.2f} {total[1]:.2f}"'.encode(), grown
    )
    end = svg.rindex(b"</svg>")
    body = svg[: root.start()] + grown + svg[root.end() : end]
    return body + group.encode("utf-8") + b"\n</svg>\n"


def legend_svg(
    m: ArgumentMap, options: RenderOptions, verdicts: Mapping[str, str] | None = None
) -> bytes:
    """The legend alone, as a small SVG (the on-screen legend); empty map: an empty SVG."""
    found = entries(m, options, verdicts)
    if not found:
        return EMPTY
    placed, w, h = _arrange(found, options.font_size, 1e9, across=False)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w:g}pt" height="{h:g}pt" '
        f'viewBox="0 0 {w:.2f} {h:.2f}">\n'
    )
    return (
        head + _group(placed, (0.0, 0.0), (w, h), options.font_size, options.font) + "\n</svg>\n"
    ).encode()


def _group(
    placed: list[tuple[float, float, Entry]],
    origin: tuple[float, float],
    box: tuple[float, float],
    size: float,
    font: str,
) -> str:
    ox, oy = origin
    parts = [
        '<g id="legend" class="legend">',
        "<title>legend</title>",
        f'<rect x="{ox:.2f}" y="{oy:.2f}" width="{box[0]:.2f}" height="{box[1]:.2f}" '
        'fill="white" stroke="#bbbbbb" stroke-width="0.6"/>',
    ]
    row_h = max(SWATCH_H, size * 1.25) + 6
    for x, y, entry in placed:
        left, top = ox + PAD + x, oy + PAD + y
        middle = top + row_h / 2 - 3
        parts.append(_swatch(entry, left, middle))
        parts.append(
            f'<text x="{left + SWATCH_W + GAP:.2f}" y="{middle + size * 0.35:.2f}" '
            f'font-family={quoteattr(font)} font-size="{size:.2f}" '
            f'fill="#1a1a1a">{escape(entry.label)}</text>'
        )
    parts.append("</g>")
    return "\n".join(parts)


def _swatch(entry: Entry, left: float, middle: float) -> str:
    """The picture before a label: a box (with its edge for a role), a line, a frame."""
    dash = f' stroke-dasharray="{entry.dash}"' if entry.dash else ""
    stroke = f'stroke={quoteattr(entry.border)} stroke-width="{entry.pen:g}"{dash}'
    if entry.kind == "edge":
        return _line(left, left + SWATCH_W, middle, entry, stroke)
    box_left = left + (14.0 if entry.arrow else 0.0)
    box_w = SWATCH_W - (box_left - left)
    corner = ' rx="0"' if entry.square else ' rx="3"'
    shape = (
        f'<rect x="{box_left:.2f}" y="{middle - SWATCH_H / 2:.2f}" width="{box_w:.2f}" '
        f'height="{SWATCH_H:.2f}"{corner} fill={quoteattr(entry.fill)} {stroke}/>'
    )
    if entry.double:
        shape += (
            f'<rect x="{box_left + 2.5:.2f}" y="{middle - SWATCH_H / 2 + 2.5:.2f}" '
            f'width="{box_w - 5:.2f}" height="{SWATCH_H - 5:.2f}" rx="2" fill="none" '
            f'stroke={quoteattr(entry.border)} stroke-width="0.8"/>'
        )
    if entry.arrow:  # the edge from this node up to the one it answers, at its left
        plain = Entry("edge", "", border=entry.border, dash=entry.dash, arrow=entry.arrow)
        solid = f'stroke={quoteattr(entry.border)} stroke-width="1.3"{dash}'
        shape = _line(left, box_left, middle, plain, solid) + shape
    return shape


def _line(x0: float, x1: float, y: float, entry: Entry, stroke: str) -> str:
    """A line from x1 back to x0 ending in the edge's head at x0."""
    line = f'<line x1="{x1:.2f}" y1="{y:.2f}" x2="{x0 + 3:.2f}" y2="{y:.2f}" {stroke}/>'
    colour = quoteattr(entry.border)
    if entry.arrow == "tee":
        head = (
            f'<line x1="{x0 + 1.5:.2f}" y1="{y - 4:.2f}" x2="{x0 + 1.5:.2f}" y2="{y + 4:.2f}" '
            f'stroke={colour} stroke-width="2"/>'
        )
    else:
        head = (
            f'<polygon points="{x0:.2f},{y:.2f} {x0 + 6:.2f},{y - 3:.2f} {x0 + 6:.2f},{y + 3:.2f}" '
            f"fill={colour} stroke={colour}/>"
        )
    return line + head
