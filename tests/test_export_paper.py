"""Exports on paper and titled, through `argmap export` and
render/export.export (issue 16, points 2-4): the pipeline that joins layout, legend,
pages and the HTML viewer.  Real Graphviz, real files, the real command line."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap.formats.native import load
from argmap.model import ArgumentMap, Relation, ops
from argmap.render.export import Paper, document_title, export
from argmap.render.paper import page
from tests.conftest import ROOT
from tests.test_cli import argmap

SAMPLE = ROOT / "samples" / "ai-slowdown.argmap.json"
DEBATE = ROOT / "tests" / "data" / "debate.argmap.json"  # 33 nodes: too big for a portrait A4
SVG = "{http://www.w3.org/2000/svg}"


def _pdf_pages(data: bytes) -> list[tuple[float, float]]:
    """Each page's (width, height) in pt, from its /MediaBox."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*([-\d.\s]+)\]", data)
    sizes = []
    for box in boxes:
        x0, y0, x1, y1 = (float(v) for v in box.split())
        sizes.append((round(x1 - x0, 1), round(y1 - y0, 1)))
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", data)) == len(sizes)
    return sizes


def _pdf_title(data: bytes) -> str:
    found = re.search(rb"/Title\s*(<[0-9A-Fa-f\s]*>|\((?:[^\\()]|\\.)*\))", data)
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
        )
    return blob[2:].decode("utf-16-be") if blob.startswith(b"\xfe\xff") else blob.decode()


def _small() -> ArgumentMap:
    m = ops.add_claim(ArgumentMap(title="A small map"), "We should walk", node_id="c").map
    m = ops.add_node(m, "c", Relation.SUPPORTS, "Walking is healthy", node_id="r").map
    return ops.add_node(m, "c", Relation.REBUTS, "It rains today", node_id="x").map


A4 = (595.0, 842.0)  # Qt writes page sizes in whole points


def test_a_pdf_on_a4_has_a4_pages_and_the_map_s_title(tmp_path: Path) -> None:
    out = tmp_path / "small.pdf"
    export(_small(), out, paper=Paper(page=page("a4")))
    sizes = _pdf_pages(out.read_bytes())
    assert len(sizes) == 1
    assert sorted(sizes[0]) == sorted(A4)
    assert _pdf_title(out.read_bytes()) == "A small map"


def test_the_cli_puts_a_big_map_on_a4_portrait_pages_tiling_it(tmp_path: Path) -> None:
    out = tmp_path / "debate.pdf"
    done = argmap(
        "export", str(DEBATE), "-o", str(out), "--page", "A4", "--orientation", "portrait"
    )
    assert done.returncode == 0, done.stderr
    sizes = _pdf_pages(out.read_bytes())
    assert set(sizes) == {A4}
    assert len(sizes) > 1  # below 6 pt on one page: tiled, and the user is told in one line
    assert re.search(r"tiled across \d+ A4 portrait pages", done.stderr), done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_the_sample_fits_one_a4_portrait_page(tmp_path: Path) -> None:
    out = tmp_path / "sample.pdf"
    done = argmap(
        "export", str(SAMPLE), "-o", str(out), "--page", "A4", "--orientation", "portrait"
    )
    assert done.returncode == 0, done.stderr
    assert _pdf_pages(out.read_bytes()) == [A4]
    assert done.stderr == ""  # no note: legible on one page


def test_an_unknown_page_or_orientation_is_refused_and_nothing_written(tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    bad = argmap("export", str(SAMPLE), "-o", str(out), "--page", "b5")
    assert bad.returncode == 2 and "b5" in bad.stderr and not out.exists()
    bad = argmap("export", str(SAMPLE), "-o", str(out), "--page", "a4", "--orientation", "up")
    assert bad.returncode == 2 and not out.exists()
    alone = argmap("export", str(SAMPLE), "-o", str(out), "--orientation", "portrait")
    assert alone.returncode == 2 and not out.exists()
    assert alone.stderr.strip() == "argmap: --orientation needs a --page (a4, a3, letter or legal)"


def test_an_svg_carries_the_map_s_title_as_its_document_title(tmp_path: Path) -> None:
    m = load(SAMPLE).evolve(title="<R&D> “quotes” 日本")
    out = tmp_path / "t.svg"
    export(m, out)
    root = ET.parse(out).getroot()
    first = next(iter(root))
    assert first.tag == f"{SVG}title" and first.text == "<R&D> “quotes” 日本"


def test_an_svg_on_a_page_is_the_page_s_size_and_keeps_every_node(tmp_path: Path) -> None:
    out = tmp_path / "page.svg"
    result = export(_small(), out, paper=Paper(page=page("letter", "landscape")))
    root = ET.parse(out).getroot()
    assert (root.get("width"), root.get("height")) == ("792pt", "612pt")
    ids = {g.get("id") for g in root.iter(f"{SVG}g")}
    assert {"c", "r", "x"} <= ids
    assert result.warning is None  # a small map is legible on the page


def test_a_png_on_a_page_too_small_for_the_text_says_so(tmp_path: Path) -> None:
    m = load(DEBATE)
    result = export(m, tmp_path / "s.png", paper=Paper(page=page("a4", "portrait")), dpi=72)
    assert result.warning is not None and "pt" in result.warning
    assert "\n" not in result.warning


def test_the_document_title_falls_back_to_the_source_s_then_argmap() -> None:
    m = _small()
    assert document_title(m) == "A small map"
    untitled = m.evolve(title="")
    assert document_title(untitled) == "argmap"
    sourced = untitled.evolve(source=untitled.source.model_copy(update={"title": "The article"}))
    assert document_title(sourced) == "The article"


@pytest.mark.parametrize("fmt", ["svg", "pdf", "png"])
def test_every_drawing_format_takes_the_paper_options(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"m.{fmt}"
    result = export(_small(), out, paper=Paper(page=page("a3")))
    assert result.fmt == fmt and out.stat().st_size == result.size > 0


def _tall() -> ArgumentMap:
    """A map with one very long reason (3000 characters) beside short ones, an undercut
    and co-premises: laid out for landscape it needs two sheets, for portrait one (the
    shape of the adversary's map that showed it)."""

    def words(n: int) -> str:
        return " ".join(["words"] * (n // 6 + 1))[:n]

    m = ops.add_claim(ArgumentMap(title="Tall"), words(93), node_id="main").map
    m = ops.edit_node(m, "main", title="T" * 36, tags=("x", "y")).map
    m = ops.add_node(m, "main", Relation.SUPPORTS, words(26), node_id="a").map
    m = ops.add_node(m, "main", Relation.REBUTS, words(34), node_id="b").map
    m = ops.add_node(m, "main", Relation.SUPPORTS, words(3000), node_id="long").map
    m = ops.add_node(m, "a", Relation.UNDERCUTS, words(102), node_id="u1").map
    m = ops.add_node(m, "b", Relation.SUPPORTS, words(9), node_id="c1").map
    m = ops.add_co_premise(m, "c1", words(9)).map
    return ops.add_node(m, "long", Relation.SUPPORTS, words(10), node_id="s1").map


def test_an_auto_page_is_laid_out_both_ways_round(tmp_path: Path) -> None:
    """An auto-oriented page lays the map out for portrait and landscape and keeps the one
    that prints on fewer sheets: never more sheets than either orientation asked for
    (adversary finding: it was laid out for landscape only, then turned, and tiled)."""
    m = _tall()
    pages, warnings = {}, {}
    for turned in ("auto", "portrait", "landscape"):
        out = tmp_path / f"{turned}.pdf"
        result = export(m, out, paper=Paper(page=page("a4", turned)))
        pages[turned], warnings[turned] = len(_pdf_pages(out.read_bytes())), result.warning
    assert pages["landscape"] > 1  # the case this is about: one way round needs tiles
    assert pages["auto"] <= min(pages["portrait"], pages["landscape"])
    assert warnings["portrait"] is None and warnings["auto"] is None and pages["auto"] == 1
