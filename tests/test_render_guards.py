"""The guard clauses of the page, legend and HTML exports, each pinned by a test that
fails when the guard is weakened (the survivors of `make mutate` on render/paper.py,
page_notes.py, legend.py and html.py).  Synthetic SVGs of known size and font."""

from __future__ import annotations

import pytest

from argmap.model import ArgumentMap, Relation, Source, SourceRef, ops
from argmap.model.evaluation import evaluate
from argmap.model.source import make_ref
from argmap.render import RenderOptions
from argmap.render import page_notes as N  # noqa: N812
from argmap.render import paper as P  # noqa: N812
from argmap.render.engines import RenderError
from argmap.render.html import LONGEST, _cut, inline_svg, ref_view
from argmap.render.legend import with_legend

A4_LANDSCAPE = P.page("a4", "landscape")
STEP_W = 841.89 - 2 * P.MARGIN - P.OVERLAP  # one landscape sheet's width less the overlap


def svg(width: float, height: float, font: float | None = 11.0) -> bytes:
    text = f'<text font-size="{font}">x</text>' if font is not None else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}pt" height="{height}pt" '
        f'viewBox="0 0 {width} {height}">{text}</svg>'
    ).encode()


# -- paper.py ------------------------------------------------------------------------


def test_a_drawing_without_area_is_not_scaled() -> None:
    assert P.fit_scale(svg(0, 100), A4_LANDSCAPE) == 1.0
    assert P.fit_scale(svg(100, 0), A4_LANDSCAPE) == 1.0
    # thin but long: still shrunk to fit (a guard of "< 1 pt" would not shrink it)
    assert P.fit_scale(svg(0.5, 10_000), A4_LANDSCAPE) == pytest.approx(523.28 / 10_000)
    assert P.fit_scale(svg(10_000, 0.5), A4_LANDSCAPE) == pytest.approx(769.89 / 10_000)


def test_a_drawing_without_text_is_never_tiled() -> None:
    assert P._tiling(svg(20_000, 20_000, font=None), A4_LANDSCAPE)[:2] == (1, 1)


def test_tiny_text_is_tiled_too() -> None:
    cols, rows, _ = P._tiling(svg(10_000, 100, font=0.8), A4_LANDSCAPE)
    assert (cols, rows) == (14, 1)


def test_the_sheets_are_counted_exactly() -> None:
    """Just wide enough for two sheets at 6 pt: two, not three; then as tall."""
    wanted = P.MIN_TEXT / 11
    wide = (2 * STEP_W + P.OVERLAP) / wanted - 0.01
    cols, rows, scale = P._tiling(svg(wide, 100), A4_LANDSCAPE)
    assert (cols, rows) == (2, 1) and scale == pytest.approx(wanted, rel=1e-3)
    step_h = 595.28 - 2 * P.MARGIN - P.OVERLAP
    tall = (2 * step_h + P.OVERLAP) / wanted - 0.01
    assert P._tiling(svg(100, tall), A4_LANDSCAPE)[:2] == (1, 2)


def test_tiling_never_enlarges() -> None:
    """4 pt text on a drawing two sheets wide: the sheets are filled only up to 1:1."""
    cols, rows, scale = P._tiling(svg(1000, 100, font=4.0), A4_LANDSCAPE)
    assert (cols, rows) == (2, 1) and scale == 1.0


def test_an_auto_page_is_turned_to_a_real_orientation() -> None:
    auto = P.page("a4")
    for drawing in (svg(3000, 500), svg(500, 3000), svg(100, 80)):
        assert P.oriented(drawing, auto).orientation in ("landscape", "portrait")
    assert P.oriented(svg(3000, 500), auto).orientation == "landscape"
    assert P.oriented(svg(500, 3000), auto).orientation == "portrait"


def test_notes_name_an_auto_page_by_its_drawing() -> None:
    note = N.tile_note(svg(6000, 400), P.page("a4"))
    assert note is not None and note.startswith("on one A4 landscape page the text would be")
    warned = N.page_warning(svg(6000, 400), P.page("letter"), "png")
    assert warned is not None and warned.startswith("on Letter landscape the text would be")
    assert N.page_warning(svg(6000, 400), P.page("a4"), "pdf") is None  # a PDF is tiled
    assert N.preview(svg(6000, 400), P.page("a4"), "pdf") == (
        "1.4 pt on one A4 landscape page: tiled across 5 sheets at 6.9 pt"
    )


def test_the_default_orientation_of_a_page_is_auto() -> None:
    assert P.page("A4") == P.Page("a4", "auto")


def test_a_title_is_one_clean_line() -> None:
    assert P.clean_title(" two\n lines\x01\x07 ") == "two lines"
    assert P.clean_title("\x01") == "argmap"


# -- legend.py -----------------------------------------------------------------------


def _claim_and_rebuttal() -> ArgumentMap:
    m = ops.add_claim(ArgumentMap(), "We should walk", node_id="c").map
    return ops.add_node(m, "c", Relation.REBUTS, "It rains", node_id="x").map


def test_a_broken_svg_is_left_as_it_is() -> None:
    m = _claim_and_rebuttal()
    cut = svg(100, 100)[:-6]  # no closing tag
    assert b"</svg>" not in cut
    assert with_legend(cut, m, RenderOptions()) == cut
    assert with_legend(b"<g>no root</g>", m, RenderOptions()) == b"<g>no root</g>"


def test_the_legend_marks_what_the_whole_map_judged() -> None:
    """A part of a map is marked with the whole map's verdicts; its legend lists those,
    not the part's own."""
    m = _claim_and_rebuttal()
    own = {v.value for v in evaluate(m).values()}
    given = {"c": "in", "x": "in"}
    assert own != {"in"}
    drawn = with_legend(svg(300, 200), m, RenderOptions(show_evaluation=True), given)
    assert "✔ stands".encode() in drawn
    assert "✘ does not stand".encode() not in drawn and b"? undecided" not in drawn


# -- html.py -------------------------------------------------------------------------


TEXT = "First paragraph.\n\nThe quoted words start here and go on."


def test_a_quote_at_the_start_of_its_paragraph() -> None:
    m = ArgumentMap(source=Source(text=TEXT))
    start = TEXT.index("The quoted")
    view = ref_view(m, make_ref(TEXT, start, start + len("The quoted words")))
    assert view == {
        "paragraph": 2,
        "before": "",
        "quote": "The quoted words",
        "after": " start here and go on.",
    }


def test_the_quoted_words_come_from_the_text_not_the_stored_copy() -> None:
    m = ArgumentMap(source=Source(text=TEXT))
    start = TEXT.index("quoted")
    ref = make_ref(TEXT, start, start + 6).model_copy(update={"quote": None})
    assert ref_view(m, ref)["quote"] == "quoted"


def test_without_a_source_text_only_the_stored_words() -> None:
    m = ArgumentMap()
    assert ref_view(m, SourceRef(paragraph=3)) == {
        "paragraph": 3,
        "before": "",
        "quote": "",
        "after": "",
    }
    kept = SourceRef(paragraph=3, quote="words kept")
    assert ref_view(m, kept)["quote"] == "words kept" and ref_view(m, kept)["before"] == ""


def test_a_text_exactly_as_long_as_the_limit_is_whole() -> None:
    assert _cut("a" * LONGEST, LONGEST) == "a" * LONGEST
    assert _cut("a" * (LONGEST + 1), LONGEST) == "a" * LONGEST + "…"
    assert _cut("abc", 2, keep_end=True) == "…bc"


def test_the_inline_drawing_has_no_prolog_or_comments() -> None:
    drawing = (
        b'<?xml version="1.0"?>\n<!DOCTYPE svg>\n<!-- a -->\n'
        b'<svg xmlns="http://www.w3.org/2000/svg"><!-- b --><g/><!-- c --></svg>'
    )
    assert inline_svg(drawing) == '<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>'
    with pytest.raises(RenderError, match="the SVG has no root element"):
        inline_svg(b"<!-- only a comment -->")


def test_an_auto_page_takes_the_orientation_with_fewer_sheets_then_larger_text() -> None:
    auto = P.page("a4")
    wide = svg(1500, 989)  # landscape by its shape: 2 x 2 sheets; portrait: 2 x 1
    assert P._tiling(wide, P.page("a4", "landscape"))[:2] == (2, 2)
    assert P._tiling(wide, P.page("a4", "portrait"))[:2] == (2, 1)
    assert P.oriented(wide, auto).orientation == "portrait"
    level = svg(1500, 777)  # two sheets either way; larger text on portrait ones
    landscape, portrait = (P._tiling(level, P.page("a4", o)) for o in ("landscape", "portrait"))
    assert landscape[:2] == portrait[:2] == (2, 1) and portrait[2] > landscape[2]
    assert P.oriented(level, auto).orientation == "portrait"
    assert P.oriented(svg(100, 100), auto).orientation == "portrait"  # square: upright
    assert P.oriented(svg(101, 100), auto).orientation == "landscape"


def test_a_tiling_note_counts_and_sizes_exactly() -> None:
    assert N.tile_note(svg(3000, 3000), P.page("a4", "landscape")) == (
        "on one A4 landscape page the text would be 1.9 pt; tiled across 12 A4 landscape "
        "pages (3 x 4) at 7.4 pt, after a key page"
    )


def test_one_point_over_a_sheet_takes_another() -> None:
    wanted = P.MIN_TEXT / 11
    step_h = 595.28 - 2 * P.MARGIN - P.OVERLAP
    over = (step_h + P.OVERLAP) / wanted + 2
    assert P._tiling(svg(100, over), A4_LANDSCAPE)[:2] == (1, 2)
    tall = (2 * step_h + P.OVERLAP) / wanted - 5
    cols, rows, scale = P._tiling(svg(100, tall), A4_LANDSCAPE)
    assert (cols, rows) == (1, 2)
    assert scale == pytest.approx((2 * step_h + P.OVERLAP) / tall)  # filled down, not across


def test_the_sheet_limits_are_reached_exactly() -> None:
    wanted = P.MIN_TEXT / 11
    step_h = 595.28 - 2 * P.MARGIN - P.OVERLAP

    def needing(cols: int, rows: int) -> bytes:
        return svg(
            (cols * STEP_W + P.OVERLAP) / wanted - 0.01, (rows * step_h + P.OVERLAP) / wanted - 0.01
        )

    assert P._tiling(needing(P.MAX_COLUMNS, 1), A4_LANDSCAPE)[:2] == (P.MAX_COLUMNS, 1)
    assert P._tiling(needing(8, 8), A4_LANDSCAPE)[:2] == (8, 8)  # 64 sheets: allowed
    cols, rows, scale = P._tiling(needing(20, 5), A4_LANDSCAPE)  # 100 sheets: too many
    assert cols * rows <= P.MAX_SHEETS and scale < wanted


def test_a_quote_may_end_its_paragraph_or_be_empty() -> None:
    m = ArgumentMap(source=Source(text=TEXT))
    end = len(TEXT)
    view = ref_view(m, make_ref(TEXT, end - 3, end))
    assert (view["before"], view["quote"], view["after"]) == (TEXT.split("\n\n")[1][:-3], "on.", "")
    first = TEXT.index("First")
    empty = ref_view(m, make_ref(TEXT, first + 5, first + 5))
    assert (empty["before"], empty["after"]) == ("First", " paragraph.")


def test_a_reference_past_the_last_paragraph_keeps_its_words() -> None:
    m = ArgumentMap(source=Source(text=TEXT))
    assert ref_view(m, SourceRef(paragraph=9, quote="gone"))["quote"] == "gone"
    assert ref_view(m, SourceRef(paragraph=9))["before"] == ""


def test_a_tall_drawing_may_print_better_turned() -> None:
    auto = P.page("a4")
    assert P.oriented(svg(989, 1500), auto).orientation == "landscape"  # fewer sheets
    assert P.oriented(svg(764, 1439), auto).orientation == "landscape"  # same, larger text
    assert P.oriented(svg(969, 970), auto).orientation == "landscape"  # 1 x 2 beats 2 x 1
    assert P.oriented(svg(3000, 3000), auto).orientation == "portrait"  # a tie stays upright


def test_the_dialog_preview_words_every_case() -> None:
    a4 = P.page("a4")
    assert N.preview(svg(300, 200), None, "svg") == "11.0 pt at full size"
    assert N.preview(svg(300, 200, font=None), None, "svg") == "no text"
    assert N.preview(svg(300, 200), a4, "pdf") == "11.0 pt on A4 landscape"
    assert N.preview(svg(200, 300), a4, "png") == "11.0 pt on A4 portrait"
    assert N.preview(svg(6000, 400), a4, "png") == (
        "1.4 pt on A4 landscape (below 6 pt: a PDF would tile it across 5 pages)"
    )
    assert N.preview(svg(20_000, 20_000, font=None), a4, "pdf") == "0.0 pt on A4 portrait"
