"""Every export format on both engines, and text that stays inside its box."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap.render import RenderError, RenderOptions
from argmap.render.export import export, svg_size_pt

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def _qt(qapp):
    """PNG/PDF without system Graphviz are drawn with QtGui, which needs an app."""
    return qapp


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf", "dot"])
def test_every_format_on_every_engine(sample_map, engine, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"map.{fmt}"
    result = export(sample_map, out, engine=engine)
    data = out.read_bytes()
    assert result.size == len(data) > 0
    if fmt == "svg":
        root = ET.fromstring(data)
        ids = {
            g.get("id")
            for g in root.iter(f"{SVG}g")
            if g.get("class") and "node" in g.get("class", "")
        }
        assert ids == {*sample_map.nodes, "junction.pace"}  # the undercut's junction too
    elif fmt == "png":
        width, height = png_size(data)
        assert width > 500 and height > 200
    elif fmt == "pdf":
        assert data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]
    else:
        assert data.decode().startswith("digraph argmap {")
        assert result.engine == "none"


def test_png_resolution_scales_the_image(sample_map, engine, tmp_path: Path) -> None:
    low = png_size(export(sample_map, tmp_path / "a.png", engine=engine, dpi=48).path.read_bytes())
    high = png_size(
        export(sample_map, tmp_path / "b.png", engine=engine, dpi=144).path.read_bytes()
    )
    assert high[0] == pytest.approx(3 * low[0], rel=0.02)
    assert high[1] == pytest.approx(3 * low[1], rel=0.02)


def test_png_is_not_blank(sample_map, engine, tmp_path: Path, qapp) -> None:
    from PySide6.QtGui import QImage

    path = export(sample_map, tmp_path / "m.png", engine=engine).path
    image = QImage(str(path))
    colours = {image.pixelColor(x, image.height() // 3).name() for x in range(0, image.width(), 3)}
    assert len(colours) > 5  # boxes, fills and text, not an empty canvas


def test_unknown_suffix_and_bad_dpi_are_clear(sample_map, tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="choose a .svg, .png, .pdf, .html or .dot"):
        export(sample_map, tmp_path / "map.gif")
    with pytest.raises(RenderError, match="out of range"):
        export(sample_map, tmp_path / "map.png", dpi=0)
    assert not any(tmp_path.iterdir())


def _box_extent(group: ET.Element) -> tuple[float, float]:
    shape = next(e for e in group.iter() if e.tag in (f"{SVG}path", f"{SVG}polygon"))
    raw = shape.get("d") or shape.get("points") or ""
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", raw)]
    xs = numbers[0::2]
    return min(xs), max(xs)


@pytest.mark.parametrize("theme", ["default", "print"])
def test_text_stays_inside_its_box(sample_map, engine, theme: str, tmp_path: Path) -> None:
    """Measure each line with the font Qt draws it in; it must fit its box."""
    from PySide6.QtGui import QFont, QFontMetricsF

    options = RenderOptions.from_style(sample_map.style, theme=theme)
    path = export(sample_map, tmp_path / "m.svg", options=options, engine=engine).path
    root = ET.fromstring(path.read_bytes())
    checked = 0
    for group in root.iter(f"{SVG}g"):
        if group.get("class", "").split()[:1] != ["node"] or group.get("id") == "junction.pace":
            continue  # the undercut's junction is a dot with no text
        left, right = _box_extent(group)
        for text in group.iter(f"{SVG}text"):
            font = QFont(text.get("font-family", "Helvetica").split(",")[0])
            font.setPixelSize(1000)
            size = float(text.get("font-size", "11"))
            width = QFontMetricsF(font).horizontalAdvance(text.text or "") * size / 1000
            centre = float(text.get("x", "0"))
            assert centre - width / 2 >= left - 0.5, (group.get("id"), text.text)
            assert centre + width / 2 <= right + 0.5, (group.get("id"), text.text)
            checked += 1
    assert checked > 3 * len(sample_map.nodes)


def test_svg_size_is_read_in_points() -> None:
    svg = b'<svg width="120pt" height="40.5pt" viewBox="0 0 120 40.5">'
    assert svg_size_pt(svg) == (120.0, 40.5)


# -- the evaluation judges the whole map; collapse and focus only hide (issue 13) -------

VERDICTS = {"in", "out", "undecided"}


def verdicts_in(svg: bytes) -> dict[str, str]:
    """Each drawn node's verdict, from the class Graphviz copies into the SVG."""
    out: dict[str, str] = {}
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        classes = group.get("class", "").split()
        if classes[:1] == ["node"]:
            out[group.get("id", "")] = next((c for c in classes if c in VERDICTS), "")
    return out


def attacked_claim():  # type: ignore[no-untyped-def]
    """A claim whose rebuttal is itself rebutted: the claim stands, the rebuttal does not."""
    from argmap.model import ArgumentMap, Relation, ops

    m = ops.add_claim(ArgumentMap(title="t"), "claim", node_id="c").map
    m = ops.add_node(m, "c", Relation.REBUTS, "rebuttal", node_id="r").map
    return ops.add_node(m, "r", Relation.REBUTS, "counter-rebuttal", node_id="rr").map


def test_export_of_a_collapsed_map_judges_the_whole_map(engine, tmp_path: Path) -> None:
    from argmap.model.views import shown_map

    m = attacked_claim()
    shown = shown_map(m, collapsed={"r"})  # the counter-rebuttal is hidden
    options = RenderOptions(show_evaluation=True)
    out = tmp_path / "part.svg"
    export(shown.map, out, options=options, engine=engine, hidden=shown.hidden, judged=m)
    assert verdicts_in(out.read_bytes()) == {"c": "in", "r": "out"}
    dot = tmp_path / "part.dot"
    export(shown.map, dot, options=options, hidden=shown.hidden, judged=m)
    assert 'class="claim in"' in dot.read_text() and 'class="rebuttal out"' in dot.read_text()
    # without a whole map given, the map exported is the whole map
    export(m, out, options=options, engine=engine)
    assert verdicts_in(out.read_bytes()) == {"c": "in", "r": "out", "rr": "in"}


@pytest.mark.parametrize("scope", ["shown", "subtree"])
def test_gui_export_agrees_with_the_diagram_overlay(
    qtbot, make_window, settings, tmp_path: Path, scope: str
) -> None:
    """Collapsed: the hidden counter-rebuttal still counts.  Subtree: so does a
    cross-link from outside it (another claim rebuts the counter-rebuttal)."""
    from argmap.gui.controllers.exporting import start_export
    from argmap.gui.dialogs.export_dialog import ExportDialog
    from argmap.model import Relation, ops

    win = make_window()
    edit = win.document.edit
    edit("Add", ops.add_claim, "claim", node_id="c")
    edit("Add", ops.add_node, "c", Relation.REBUTS, "rebuttal", node_id="r")
    edit("Add", ops.add_node, "r", Relation.REBUTS, "counter", node_id="rr")
    live = win.live
    win.view_state.set_view(evaluation=True)
    if scope == "shown":
        win.view_state.toggle_collapsed("r")
        expected = {"c": "in", "r": "out"}
    else:
        edit("Add", ops.add_claim, "other claim", node_id="x")
        edit("Link", ops.add_link, "x", "rr", Relation.REBUTS, link_id="k")
        win.view_state.set_focus("r")
        expected = {"r": "in", "rr": "out"}
    qtbot.waitUntil(lambda: not live.pending and win.diagram.svg is not None, timeout=20000)
    assert verdicts_in(win.diagram.svg) == expected  # the overlay judges the whole map
    dialog = ExportDialog(win.document.map, "r", settings, win, live.shown, scope)
    dialog.format.setCurrentIndex(dialog.format.findData("svg"))
    dialog.evaluation.setChecked(True)
    choice = dialog.choice()
    assert choice.scope == scope and choice.evaluation
    finished: list[tuple[str, str]] = []
    path = tmp_path / "export.svg"
    job = start_export(dialog.chosen_map(), path, choice, lambda p, e: finished.append((p, e)))
    qtbot.waitUntil(lambda: bool(finished), timeout=20000)  # `job` kept, as the window does
    del job
    assert finished == [(str(path), "")]
    assert verdicts_in(path.read_bytes()) == expected
    dialog.done(0)
