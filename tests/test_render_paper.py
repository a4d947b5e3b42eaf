"""Drawings on paper (issue 16, point 2): render/paper.py scales a real drawing onto a
page inside its margins, tiles a PDF poster when the text would fall below 6 pt, and
titles SVG and PDF.  Real Graphviz drawings, real QPdfWriter output read back."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET

import pytest

from argmap.formats.native import load
from argmap.model import ArgumentMap, Relation, ops
from argmap.render import page_notes as N  # noqa: N812
from argmap.render import paper as P  # noqa: N812
from argmap.render.export import render_bytes
from tests.conftest import ROOT

DEBATE = ROOT / "tests" / "data" / "debate.argmap.json"  # 33 nodes: too big for one A4
SVG = "{http://www.w3.org/2000/svg}"


def pdf_pages(data: bytes) -> list[tuple[float, float]]:
    """Each page's (width, height) in pt, from its /MediaBox."""
    sizes = []
    for box in re.findall(rb"/MediaBox\s*\[\s*([-\d.\s]+)\]", data):
        x0, y0, x1, y1 = (float(v) for v in box.split())
        sizes.append((x1 - x0, y1 - y0))
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", data)) == len(sizes)
    return sizes


def pdf_title(data: bytes) -> str:
    found = re.search(rb"/Title\s*(<[0-9A-Fa-f\s]*>|\((?:[^\\()]|\\.)*\))", data, re.S)
    assert found, "the PDF has no /Title"
    raw = found.group(1)
    if raw.startswith(b"<"):
        blob = bytes.fromhex(raw[1:-1].decode())
    else:
        blob = re.sub(
            rb"\\([0-7]{1,3}|.)",
            lambda g: (
                bytes([int(g.group(1), 8)])
                if g.group(1)[:1].isdigit()
                else {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(g.group(1), g.group(1))
            ),
            raw[1:-1],
            flags=re.S,
        )
    return blob[2:].decode("utf-16-be") if blob.startswith(b"\xfe\xff") else blob.decode()


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def small() -> ArgumentMap:
    m = ops.add_claim(ArgumentMap(title="A small map"), "We should walk", node_id="c").map
    m = ops.add_node(m, "c", Relation.SUPPORTS, "Walking is healthy", node_id="r").map
    return ops.add_node(m, "c", Relation.REBUTS, "It rains today", node_id="x").map


@pytest.fixture(scope="module")
def debate_svg() -> bytes:
    return render_bytes(load(DEBATE), "svg")[0]


@pytest.fixture(scope="module")
def small_svg() -> bytes:
    return render_bytes(small(), "svg")[0]


def close(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) <= 1.0 and abs(a[1] - b[1]) <= 1.0


# -- pages -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "portrait"),
    [
        ("a4", (595.28, 841.89)),
        ("A3", (841.89, 1190.55)),
        ("Letter", (612, 792)),
        ("legal", (612, 1008)),
    ],
)
def test_each_paper_has_its_size_and_auto_turns_to_the_drawing(name, portrait) -> None:
    sheet = P.page(name)
    assert sheet.size(100, 300) == portrait  # a tall drawing: portrait
    assert sheet.size(300, 100) == (portrait[1], portrait[0])  # a wide one: landscape
    assert P.page(name, "portrait").size(300, 100) == portrait
    assert P.page(name, "landscape").size(100, 300) == (portrait[1], portrait[0])
    assert P.page(name, "landscape").area(1, 1) == (portrait[1] - 72, portrait[0] - 72)


@pytest.mark.parametrize(
    ("paper", "orientation", "message"),
    [
        ("b5", "auto", "unknown page size 'b5' (choose a4, a3, letter or legal)"),
        ("a4", "sideways", "unknown orientation 'sideways' (choose auto, portrait or landscape)"),
    ],
)
def test_an_unknown_page_is_one_line_of_error(paper, orientation, message) -> None:
    with pytest.raises(ValueError) as raised:
        P.page(paper, orientation)
    assert str(raised.value) == message


# -- measuring -------------------------------------------------------------------------


def test_the_median_font_applies_the_drawing_s_own_scale(small_svg: bytes) -> None:
    assert P.median_font(small_svg) == pytest.approx(11.0)
    scaled = re.sub(rb"scale\(1 1\)", b"scale(0.5 0.5)", small_svg, count=1)
    assert P.median_font(scaled) == pytest.approx(5.5)
    assert P.median_font(b'<svg xmlns="http://www.w3.org/2000/svg" width="1pt" height="1pt"/>') == 0


def test_a_small_drawing_is_never_enlarged_and_a_wide_one_shrinks(small_svg, debate_svg) -> None:
    a4 = P.page("a4")
    assert P.fit_scale(small_svg, a4) == 1.0
    assert P.text_size(small_svg, a4) == pytest.approx(11.0)
    width, height = P.drawing_size(debate_svg)
    area = a4.area(width, height)
    expected = min(area[0] / width, area[1] / height)
    assert P.fit_scale(debate_svg, a4) == pytest.approx(expected)
    assert P.text_size(debate_svg, a4) == pytest.approx(11.0 * expected)


# -- titles ----------------------------------------------------------------------------


@pytest.mark.parametrize("title", ["<R&D> “quotes” 日本", "", "a\x01b"])
def test_an_svg_s_document_title_is_the_map_s_escaped(small_svg: bytes, title: str) -> None:
    root = ET.fromstring(P.titled_svg(small_svg, title))
    first = next(iter(root))
    assert first.tag == f"{SVG}title"
    assert first.text == {"": "argmap", "a\x01b": "ab"}.get(title, title)


def test_a_pdf_carries_its_title(small_svg: bytes) -> None:
    data = P.pdf(small_svg, "<R&D> “quotes” 日本")
    assert pdf_title(data) == "<R&D> “quotes” 日本"
    assert len(pdf_pages(data)) == 1
    assert close(pdf_pages(data)[0], P.drawing_size(small_svg))  # its own size


# -- on a page -------------------------------------------------------------------------


def test_an_svg_on_a_page_is_page_sized_centred_and_keeps_every_id(small_svg: bytes) -> None:
    on = P.page("a4", "portrait")
    root = ET.fromstring(P.svg_on_page(small_svg, on, "T"))
    assert (root.get("width"), root.get("height")) == ("595.28pt", "841.89pt")
    inner = root.find(f"{SVG}svg")
    assert inner is not None
    width, height = P.drawing_size(small_svg)
    assert float(inner.get("width", "0")) == pytest.approx(width, abs=0.01)
    assert float(inner.get("x", "0")) == pytest.approx((595.28 - width) / 2, abs=0.01)
    assert float(inner.get("y", "0")) == pytest.approx((841.89 - height) / 2, abs=0.01)
    ids = {g.get("id") for g in root.iter(f"{SVG}g")}
    assert {"c", "r", "x"} <= ids


def test_a_png_on_a_page_has_the_page_s_pixels(small_svg: bytes) -> None:
    data = P.png_on_page(small_svg, P.page("letter", "landscape"), dpi=72)
    assert png_size(data) == (792, 612)
    assert png_size(P.png_on_page(small_svg, P.page("a4", "portrait"), dpi=144)) == (1191, 1684)


def test_a_legible_drawing_is_one_page_fitted_on_the_paper(small_svg: bytes) -> None:
    data = P.pdf(small_svg, "x", P.page("a4", "landscape"))
    assert [close(s, (841.89, 595.28)) for s in pdf_pages(data)] == [True]
    assert P.tiles_for(small_svg, P.page("a4")) == (1, 1)
    assert N.tile_note(small_svg, P.page("a4")) is None
    assert N.page_warning(small_svg, P.page("a4"), "png") is None


# -- posters ---------------------------------------------------------------------------


def test_a_big_map_on_a4_is_tiled_after_a_key_page_with_its_text_at_6_pt(debate_svg) -> None:
    on = P.page("a4", "landscape")
    assert P.text_size(debate_svg, on) < P.MIN_TEXT
    cols, rows = P.tiles_for(debate_svg, on)
    assert cols * rows > 1
    data = P.pdf(debate_svg, "Debate", on)
    pages = pdf_pages(data)
    assert len(pages) == cols * rows + 1
    assert all(close(s, (841.89, 595.28)) for s in pages)
    _, _, scale = P._tiling(debate_svg, on)
    assert P.median_font(debate_svg) * scale >= P.MIN_TEXT
    # the sheets are no more than needed: one sheet fewer each way would not hold it
    width, height = P.drawing_size(debate_svg)
    step = on.area(width, height)[0] - P.OVERLAP
    assert width * P.MIN_TEXT / P.median_font(debate_svg) > (cols - 1) * step + P.OVERLAP


def test_tiling_is_capped_and_an_untiled_pdf_is_one_page(debate_svg) -> None:
    on = P.page("a4", "landscape")
    assert len(pdf_pages(P.pdf(debate_svg, "x", on, tile=False))) == 1
    fan = ops.add_claim(ArgumentMap(), "The claim", node_id="c").map
    for i in range(300):
        fan = ops.add_node(fan, "c", Relation.SUPPORTS, f"Reason number {i}").map
    strip = render_bytes(fan.evolve(style=fan.style.model_copy(update={"layout": "tree"})), "svg")[
        0
    ]
    # at 6 pt its row would need more than the 26 sheets allowed across
    assert P.drawing_size(strip)[0] * P.MIN_TEXT / 11 > P.MAX_COLUMNS * 770
    cols, rows = P.tiles_for(strip, on)
    assert cols <= P.MAX_COLUMNS and cols * rows <= P.MAX_SHEETS
    assert cols * rows > P.MAX_COLUMNS // 2  # a deep poster, not a single row of 8
    assert len(pdf_pages(P.pdf(strip, "x", on))) == cols * rows + 1


def test_a_long_chain_uses_many_rows_of_sheets() -> None:
    """A deep chain needs sheets down, not across: 8 a direction left it at 0.7 pt
    (adversary finding); up to 64 sheets in all bring it to 6 pt or the most they can."""
    chain = ops.add_claim(ArgumentMap(), "The claim", node_id="c").map
    parent = "c"
    for i in range(400):
        chain = ops.add_node(chain, parent, Relation.SUPPORTS, f"Step {i}", node_id=f"s{i}").map
        parent = f"s{i}"
    svg = render_bytes(
        chain.evolve(style=chain.style.model_copy(update={"layout": "tree"})), "svg"
    )[0]
    on = P.page("a4", "portrait")
    cols, rows, scale = P._tiling(svg, on)
    assert cols == 1 and 8 < rows <= P.MAX_SHEETS
    assert P.median_font(svg) * scale >= P.MIN_TEXT - 1e-6
    assert N.pt(5.98) == "5.9" and N.pt(6.0) == "6.0" and N.pt(7.25) == "7.2"


def test_auto_orientation_tiles_with_the_fewest_sheets(debate_svg) -> None:
    auto = P.oriented(debate_svg, P.page("a4"))
    counts = {
        turn: P.tiles_for(debate_svg, P.page("a4", turn)) for turn in ("portrait", "landscape")
    }
    fewest = min(c * r for c, r in counts.values())
    cols, rows = counts[auto.orientation]
    assert cols * rows == fewest


def test_small_text_on_a_png_or_svg_page_is_said_in_one_line(debate_svg) -> None:
    on = P.page("a4", "portrait")
    said = N.page_warning(debate_svg, on, "png")
    assert said is not None and "\n" not in said
    assert said.startswith("on A4 portrait the text would be ")
    assert re.search(r"tile it across \d+ pages$", said)
    assert N.page_warning(debate_svg, on, "pdf") is None
    note = N.tile_note(debate_svg, on)
    assert note is not None and "after a key page" in note and "\n" not in note
