"""Text on a tag colour stays readable: the ink of a node's text and of its bold title
is chosen from the colour the fill means, for names as for hex (a second adversary's
finding 6: `black` took near-black text, a hex navy white).  Real renders on both
engines, from an Argdown document's `color.tagColors` as well as from the model."""

from __future__ import annotations

import re
from pathlib import Path

from argmap.formats.argdown import load_argdown
from argmap.model import ArgumentMap, Relation, ops
from argmap.model import structure_ops as so
from argmap.model.structure import rgb
from argmap.render import RenderOptions
from argmap.render.export import render_bytes

FILLS = {"K": "black", "N": "navy", "W": "white", "Y": "yellow", "H": "#000080"}
EXPECTED = {"K": "#000000", "N": "#000080", "W": "#ffffff", "Y": "#ffff00", "H": "#000080"}
DARK = {"K", "N", "H"}


def luminance(color: str) -> float:
    """The relative luminance (WCAG 2) of a #rrggbb colour or a name."""
    digits = rgb(color)[1:]
    values = []
    for i in (0, 2, 4):
        c = int(digits[i : i + 2], 16) / 255
        values.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = values
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def block_of(svg: str, node_id: str) -> str:
    start = svg.index(f'<g id="{node_id}" ')
    end = re.compile(r'<g id="[^"]*" class="(node|edge|cluster)').search(svg, start + 5)
    return svg[start : end.start() if end else len(svg)]


def fill_and_texts(svg: str, node_id: str) -> tuple[str, list[tuple[bool, str, str]]]:
    """The node's box fill and (bold?, ink, words) of each of its text elements; text
    without a fill attribute is drawn black (SVG's default)."""
    block = block_of(svg, node_id)
    box = re.search(r'<(?:polygon|path)[^>]* fill="([^"]*)"', block)
    assert box is not None, node_id
    found = []
    for attrs, words in re.findall(r"<text ([^>]*)>([^<]*)</text>", block):
        ink = re.search(r'\bfill="([^"]*)"', attrs)
        found.append(('font-weight="bold"' in attrs, ink[1] if ink else "black", words))
    return box[1], found


def titled_map() -> ArgumentMap:
    m = ops.add_claim(ArgumentMap(), "claim text", node_id="K").map
    for node_id in ("N", "W", "Y", "H"):
        m = ops.add_node(m, "K", Relation.SUPPORTS, f"text of {node_id}", node_id=node_id).map
    for node_id, color in FILLS.items():
        m = ops.edit_node(m, node_id, title=f"Title {node_id}", tags=(node_id.lower(),)).map
        m = so.set_tag_color(m, node_id.lower(), color).map
    return m


def assert_readable(svg: str, node_id: str) -> None:
    fill, found = fill_and_texts(svg, node_id)
    assert fill.lower() == EXPECTED[node_id], (node_id, fill)
    assert [bold for bold, _, _ in found][:2] == [True, False], (node_id, found)  # title, text
    for _, ink, words in found:
        assert contrast(ink, fill) >= 4.5, (node_id, fill, ink, words)
    inks = {ink for _, ink, _ in found}
    assert (inks == {"white"}) is (node_id in DARK), (node_id, inks)


def test_named_and_hex_tag_colours_take_readable_text_and_titles(engine) -> None:  # type: ignore[no-untyped-def]
    svg = render_bytes(titled_map(), "svg", RenderOptions(), engine)[0].decode("utf-8")
    for node_id in FILLS:
        assert_readable(svg, node_id)


ARGDOWN = """===
color:
  tagColors:
    k: "black"
    n: "navy"
    w: "white"
    y: "yellow"
    h: "#000080"
===

[K]: claim text #k
  + [N]: text of N #n
  + [W]: text of W #w
  + [Y]: text of Y #y
  + [H]: text of H #h
"""


def test_an_argdown_documents_tag_colours_take_readable_text(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "colours.argdown"
    path.write_text(ARGDOWN, encoding="utf-8")
    m = load_argdown(path)
    ids = {n.title: n.id for n in m.nodes.values()}
    assert set(ids) == set(FILLS)
    svg = render_bytes(m, "svg", RenderOptions(), engine)[0].decode("utf-8")
    for title, node_id in ids.items():
        fill, found = fill_and_texts(svg, node_id)
        assert fill.lower() == EXPECTED[title], (title, fill)
        assert found and found[0][0], (title, found)  # the title line, bold
        for _, ink, words in found:
            assert contrast(ink, fill) >= 4.5, (title, fill, ink, words)
