"""Layout that fits (issue 16, point 1): render/layout.py chooses direction and strategy
by the fit on the target, staggers wide fans, stacks separate claims, keeps a pinned
strategy and a stored fit; every node is still drawn with its whole text.

Real Graphviz (both engines) lays every drawing out."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from argmap.formats.native import load
from argmap.model import ArgumentMap, Fit, Node, Relation, Style, ops
from argmap.render import RenderOptions, get_engine, to_dot
from argmap.render import layout as lay
from tests.conftest import ROOT, SHARED, engine_names

SAMPLE = ROOT / "samples" / "ai-slowdown.argmap.json"
DEBATE = ROOT / "tests" / "data" / "debate.argmap.json"  # the 33-node map of the same debate
TEXT = "A reason of an ordinary length, some ten words long"


def size_of(engine_name: str, m: ArgumentMap, opts: RenderOptions) -> tuple[float, float]:
    data = json.loads(get_engine(engine_name).render(to_dot(m, opts), "json"))
    box = [float(v) for v in data["bb"].split(",")]
    return box[2] - box[0] + 2 * lay.PAD, box[3] - box[1] + 2 * lay.PAD


def fan(count: int) -> ArgumentMap:
    m = ops.add_claim(ArgumentMap(), "The claim", node_id="c").map
    for i in range(count):
        m = ops.add_node(m, "c", Relation.SUPPORTS, f"{TEXT} {i}", node_id=f"r{i}").map
    return m


def islands(count: int) -> ArgumentMap:
    m = ArgumentMap()
    for i in range(count):
        m = ops.add_claim(m, f"{TEXT} {i}", node_id=f"c{i}").map
    return m


def auto() -> RenderOptions:
    return RenderOptions.from_style(Style())


@pytest.mark.parametrize("engine_name", engine_names())
def test_a_wide_fan_is_laid_out_to_fit_better_than_one_row(engine_name: str) -> None:
    m = fan(16)
    plain = size_of(engine_name, m, RenderOptions())
    chosen = lay.arrange(m, auto(), engine=get_engine(engine_name))
    fitted = size_of(engine_name, m, chosen)
    before = lay.fit_scale(*plain, lay.PAGE)
    after = lay.fit_scale(*fitted, lay.PAGE)
    assert after > 1.3 * before, (plain, fitted, chosen)
    assert chosen.fit is not None and chosen.fit.nodes == 17


@pytest.mark.parametrize("engine_name", engine_names())
def test_a_big_map_fits_a4_landscape_better_than_its_plain_tree(engine_name: str) -> None:
    m = load(DEBATE)
    plain = lay.fit_scale(*size_of(engine_name, m, RenderOptions()), lay.PAGE)
    chosen = lay.arrange(m, auto(), engine=get_engine(engine_name))
    assert lay.fit_scale(*size_of(engine_name, m, chosen), lay.PAGE) > 1.5 * plain


def test_a_map_that_fits_already_keeps_its_plain_tree() -> None:
    m = fan(2)
    chosen = lay.arrange(m, auto())
    assert (chosen.direction, chosen.chains, chosen.invisible) == ("TB", (), ())
    assert chosen.fit is not None and chosen.fit.strategy == "tree"


def test_rows_stack_a_wide_fan_into_columns_in_sibling_order() -> None:
    m = fan(6)
    chosen = lay.arrange(m, replace(auto(), layout="rows2"))
    assert chosen.chains == (("r0", "r1"), ("r2", "r3"), ("r4", "r5"))
    assert to_dot(m, chosen).count('style="invis" weight=2') == 3
    three = lay.arrange(m, replace(auto(), layout="rows3")).chains
    assert three == (("r0", "r1"), ("r1", "r2"), ("r3", "r4"), ("r4", "r5"))


def test_a_stacked_subtree_hangs_under_the_deepest_node_of_the_one_before() -> None:
    m = fan(3)
    m = ops.add_node(m, "r0", Relation.REBUTS, "deep", node_id="d1").map
    m = ops.add_node(m, "d1", Relation.REBUTS, "deeper", node_id="d2").map
    chains = lay.arrange(m, replace(auto(), layout="rows2")).chains
    assert chains == (("d2", "r1"),)


@pytest.mark.parametrize("engine_name", engine_names())
def test_stacking_makes_a_wide_fan_narrower(engine_name: str) -> None:
    m = fan(12)
    wide = size_of(engine_name, m, RenderOptions())
    opts = lay.arrange(m, replace(auto(), layout="rows3"), engine=get_engine(engine_name))
    narrow = size_of(engine_name, m, opts)
    assert narrow[0] < wide[0] / 2 and narrow[1] > wide[1] * 2


def test_a_fan_no_wider_than_its_rows_is_not_staggered() -> None:
    assert lay.arrange(fan(3), replace(auto(), layout="rows3")).chains == ()
    assert lay.arrange(fan(4), replace(auto(), layout="rows3")).chains != ()


def test_co_premises_share_one_slot_of_a_staggered_fan() -> None:
    m = fan(4)
    m = ops.add_node(m, "c", Relation.SUPPORTS, "co one", node_id="g1", group="grp").map
    m = ops.add_node(m, "c", Relation.SUPPORTS, "co two", node_id="g2", group="grp").map
    chains = lay.arrange(m, replace(auto(), layout="rows2")).chains
    # slots r0 r1 r2 r3 [g1 g2]: the group is the fifth slot, heading a column alone
    assert chains == (("r0", "r1"), ("r2", "r3"))


@pytest.mark.parametrize("engine_name", engine_names())
def test_separate_claims_are_stacked_into_a_block(engine_name: str) -> None:
    m = islands(24)
    width, height = size_of(engine_name, m, RenderOptions())
    assert width / height > 8  # one long row without stacking
    chosen = lay.arrange(m, auto(), engine=get_engine(engine_name))
    assert chosen.invisible
    width, height = size_of(engine_name, m, chosen)
    assert 0.5 < width / height < 3.0, (width, height)
    assert 'style="invis"' in to_dot(m, chosen)


def test_a_pinned_strategy_is_kept_as_it_is() -> None:
    m = fan(16)
    pinned = replace(auto(), layout="tree", direction="LR")
    chosen = lay.arrange(m, pinned)
    assert (chosen.direction, chosen.layout, chosen.chains) == ("LR", "tree", ())


def test_a_stored_fit_is_kept_while_the_map_keeps_its_size() -> None:
    m = fan(16)
    kept = replace(auto(), fit=Fit(direction="TB", strategy="tree", nodes=17))
    chosen = lay.arrange(m, kept)
    assert (chosen.direction, chosen.chains) == ("TB", ())  # though rows fit better
    grown = ops.add_node(m, "c", Relation.SUPPORTS, "one more", node_id="x").map
    assert lay.arrange(grown, kept).chains == ()  # one edit never flips the map
    fresh = lay.arrange(m, auto())
    assert (fresh.direction, fresh.chains) != ("TB", ())


def test_a_stored_fit_is_chosen_again_when_the_map_changes_a_lot() -> None:
    m = fan(16)
    small = replace(auto(), fit=Fit(direction="TB", strategy="tree", nodes=4))
    assert not lay.still_fits(small.fit, m)
    chosen = lay.arrange(m, small)
    assert (chosen.direction, chosen.chains) != ("TB", ())


@pytest.mark.parametrize(
    ("then", "now", "kept"),
    [
        (17, 17, True),
        (17, 21, True),
        (17, 22, False),
        (17, 13, True),
        (17, 12, False),
        (8, 11, True),
        (8, 12, False),
        (40, 50, True),
        (40, 51, False),
    ],
)
def test_still_fits_allows_a_quarter_of_the_nodes_or_three(then: int, now: int, kept: bool) -> None:
    assert lay.still_fits(Fit(nodes=then), fan(now - 1)) is kept


def test_a_fit_for_no_nodes_never_holds() -> None:
    assert not lay.still_fits(Fit(nodes=0), fan(0))
    assert not lay.still_fits(None, fan(3))


@pytest.mark.parametrize("engine_name", engine_names())
def test_every_node_keeps_its_whole_text_in_the_fitted_drawing(engine_name: str) -> None:
    m = load(SAMPLE)
    chosen = lay.arrange(m, auto(), engine=get_engine(engine_name))
    svg = get_engine(engine_name).render(to_dot(m, chosen), "svg").decode()
    plain = get_engine(engine_name).render(to_dot(m, RenderOptions()), "svg").decode()
    assert _ids(svg) == _ids(plain) and len(_ids(svg)) >= len(m.nodes) - 5
    # lines may wrap at another width: the same words, each as often
    assert sorted(" ".join(_texts(svg)).split()) == sorted(" ".join(_texts(plain)).split())


def _ids(svg: str) -> set[str]:
    import re

    return set(re.findall(r'<g id="([^"]+)" class="node', svg))


def _texts(svg: str) -> list[str]:
    import re

    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_an_unknown_layout_is_refused_in_one_line() -> None:
    with pytest.raises(ValueError, match=r"^unknown layout 'zigzag' \(choose auto, tree, rows2"):
        replace(auto(), layout="zigzag").validate()


def test_an_old_left_to_right_map_keeps_its_direction_pinned() -> None:
    assert Style.model_validate({"direction": "LR"}).layout == "tree"
    assert Style.model_validate({"direction": "TB"}).layout == "auto"
    assert Style.model_validate({"direction": "LR", "layout": "auto"}).layout == "auto"
    assert Style().layout == "auto" and Style().fit is None


def test_cli_export_fits_a_map_unless_the_layout_is_pinned(tmp_path) -> None:
    from tests import legibility as leg
    from tests.test_cli import argmap

    fitted, pinned = tmp_path / "fit.svg", tmp_path / "tree.svg"
    assert argmap("export", str(DEBATE), "-o", str(fitted)).returncode == 0
    done = argmap("export", str(DEBATE), "-o", str(pinned), "--layout", "tree")
    assert done.returncode == 0, done.stderr
    assert leg.text_size(fitted) > 1.5 * leg.text_size(pinned)
    bad = argmap("export", str(SAMPLE), "-o", str(tmp_path / "x.svg"), "--layout", "zigzag")
    assert bad.returncode != 0 and not (tmp_path / "x.svg").exists()


def test_the_command_line_offers_the_model_s_layouts() -> None:
    from argmap import cli
    from argmap.model.document import LAYOUTS

    assert cli.LAYOUTS == LAYOUTS


# -- the line width an automatic fit chooses ------------------------------------------

CENSORSHIP = SHARED / "corpus" / "argdown"


def _censorship() -> ArgumentMap:
    from argmap.formats.argdown import load_argdown

    found = sorted(CENSORSHIP.glob("*examples__state-censorship.argdown"))
    if not found:
        pytest.skip("needs the shared Argdown corpus")
    return load_argdown(found[0])


def _scale(m: ArgumentMap, opts: RenderOptions) -> float:
    return lay.fit_scale(*size_of("embedded", m, opts), lay.PAGE)


def test_an_automatic_fit_may_wrap_lines_narrower_or_wider_when_that_fits_better() -> None:
    m = _censorship()
    free = lay.arrange(m, auto())
    fixed = lay.arrange(m, replace(auto(), fixed_wrap=True))
    assert fixed.wrap == 30 and fixed.fit is not None and fixed.fit.wrap_scale == 1.0
    assert free.wrap != 30 and free.fit is not None
    assert free.fit.wrap_scale == pytest.approx(free.wrap / 30, abs=0.01)
    assert _scale(m, free) > 1.1 * _scale(m, fixed)


def test_a_pinned_layout_keeps_the_style_s_line_width() -> None:
    m = _censorship()
    assert lay.arrange(m, replace(auto(), layout="tree", wrap=30)).wrap == 30
    assert lay.arrange(m, replace(auto(), layout="rows2", wrap=44)).wrap == 44


def test_a_stored_fit_keeps_its_line_width_as_a_share_of_the_style_s() -> None:
    m = fan(6)
    stored = Fit(direction="LR", strategy="tree", nodes=7, wrap_scale=0.7)
    assert lay.arrange(m, replace(auto(), fit=stored)).wrap == 21
    # the user widens the style's lines: the fit follows, it does not hold them at 21
    assert lay.arrange(m, replace(auto(), fit=stored, wrap=40)).wrap == 28
    assert lay.arrange(m, replace(auto(), fit=stored, fixed_wrap=True)).wrap == 30


@pytest.mark.parametrize("scale", [0.1, 5.0])
def test_a_fit_s_line_width_share_is_bounded(scale: float) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="wrap_scale"):
        Fit(wrap_scale=scale)


def test_cli_wrap_is_kept_by_the_fit_to_the_page(tmp_path) -> None:
    from tests.test_cli import argmap

    doc = sorted(CENSORSHIP.glob("*examples__state-censorship.argdown"))
    if not doc:
        pytest.skip("needs the shared Argdown corpus")
    free, fixed = tmp_path / "free.svg", tmp_path / "fixed.svg"
    assert argmap("export", str(doc[0]), "-o", str(free), "--no-legend").returncode == 0
    assert (
        argmap("export", str(doc[0]), "-o", str(fixed), "--wrap", "30", "--no-legend").returncode
        == 0
    )
    m = _censorship()
    at_30 = get_engine().render(to_dot(m, replace(auto(), wrap=30)), "svg").decode()
    lines = sorted(_texts(at_30))
    assert sorted(_texts(fixed.read_text(encoding="utf-8"))) == lines
    assert sorted(_texts(free.read_text(encoding="utf-8"))) != lines


def test_a_big_map_is_fitted_only_by_direction() -> None:
    """Above BIG nodes, rows are not tried: Graphviz took over a minute on their invisible
    edges for 10,000 nodes, where a tree takes seconds."""
    from argmap.render.layout import BIG

    m = ops.add_claim(ArgumentMap(), "The claim", node_id="c").map
    nodes = [m.nodes["c"]]
    nodes += [
        Node(id=f"r{k}", text=f"reason {k}", parent="c", relation=Relation.SUPPORTS, order=k)
        for k in range(BIG)
    ]
    big = ArgumentMap.model_validate({"nodes": [n.model_dump() for n in nodes]})
    fitted = lay.arrange(big, RenderOptions(layout="auto"), engine=get_engine("embedded"))
    assert fitted.fit is not None and fitted.fit.strategy == "tree"
    assert fitted.invisible == () and fitted.chains == ()
    small = ArgumentMap.model_validate({"nodes": [n.model_dump() for n in nodes[:40]]})
    assert lay.arrange(small, RenderOptions(layout="auto")).fit.strategy != "tree"
