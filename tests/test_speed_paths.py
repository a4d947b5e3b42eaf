"""The shortcuts that make exports quick (issue 19) change nothing drawn: a map that
fits is laid out once; the chosen layout is not laid out again; node sizes come
without a layout; the epoch thread outlives a render only briefly; pydantic searches
for no plugin; a headless command exits at once with its output whole."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from argmap.model import ArgumentMap, Relation, ops
from argmap.model.document import STRATEGIES
from argmap.render import RenderOptions, get_engine, to_dot
from argmap.render.engines import DEFAULT_TIMEOUT, Engine, get_embedded
from argmap.render.export import render_bytes
from argmap.render.layout import PAGE, Drawings, arrange, fit_scale, svg_size_pt
from argmap.render.text import text_width

ARGMAP = [sys.executable, "-m", "argmap"]
SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "ai-slowdown.argmap.json"


class Counting(Engine):
    """A real engine that counts what it is asked to lay out."""

    def __init__(self, inner: Engine) -> None:
        self.inner = inner
        self.name = inner.name
        self.native_formats = inner.native_formats
        self.renders: list[tuple[str, str]] = []
        self.sized = 0

    def render(self, dot: str, fmt: str = "svg", timeout: float = DEFAULT_TIMEOUT) -> bytes:
        self.renders.append((dot, fmt))
        return self.inner.render(dot, fmt, timeout)

    def sizes(self, dot: str, timeout: float = DEFAULT_TIMEOUT) -> bytes:
        self.sized += 1
        return self.inner.sizes(dot, timeout)


def fan(size: int, roots: int = 1) -> ArgumentMap:
    m = ArgumentMap(title="Fan")
    for r in range(roots):
        m = ops.add_claim(m, f"Claim number {r} of the map", node_id=f"c{r}").map
    for k in range(size):
        text = f"Reason {k}: a sentence long enough to wrap over a few lines in its box"
        m = ops.add_node(m, f"c{k % roots}", Relation.SUPPORTS, text, node_id=f"n{k}").map
    return m


def test_a_map_that_fits_its_page_is_laid_out_once(engine: Engine) -> None:
    engine = Counting(engine)
    m = fan(3, roots=2)  # two claims: an automatic layout compares candidates
    svg, _ = render_bytes(m, "svg", engine=engine)
    assert [fmt for _, fmt in engine.renders] == ["svg"] and engine.sized == 0
    drawn = engine.inner.render(engine.renders[0][0], "svg")
    assert fit_scale(*svg_size_pt(drawn), PAGE) == 1.0
    assert svg.startswith(b"<?xml")


def test_the_chosen_layout_is_not_laid_out_again(engine: Engine) -> None:
    engine = Counting(engine)
    m = fan(40, roots=3)  # too wide for A4 as one row of trees
    render_bytes(m, "svg", engine=engine)
    dots = [dot for dot, _ in engine.renders]
    assert len(dots) >= 2 and engine.sized >= 1  # candidates were compared
    assert len(dots) == len(set(dots))  # and none drawn twice


def test_the_drawings_kept_are_the_ones_a_fresh_render_gives() -> None:
    engine = get_engine("embedded")
    m = fan(40, roots=3)
    drawings = Drawings()
    chosen = arrange(m, RenderOptions.from_style(m.style), PAGE, engine, drawings=drawings)
    kept = drawings.find(chosen)
    assert kept is not None
    assert kept == engine.render(to_dot(m, chosen), "svg")
    assert (
        drawings.find(replace(chosen, direction="LR" if chosen.direction == "TB" else "TB")) is None
    )


def test_node_sizes_without_a_layout_are_those_of_a_layout(engine: Engine) -> None:
    dot = to_dot(fan(12, roots=2), RenderOptions())

    def sizes(data: bytes) -> dict[str, tuple[str, str]]:
        objects = json.loads(data)["objects"]
        return {o["name"]: (o["width"], o["height"]) for o in objects if "width" in o}

    laid_out = sizes(engine.render(dot, "json0"))
    assert sizes(engine.sizes(dot)) == laid_out and len(laid_out) == 14


def test_the_epoch_thread_ends_soon_after_the_last_render_and_at_close() -> None:
    engine = get_embedded()
    engine.render("digraph { a -> b }", "svg")
    assert any(t.name == "argmap-epoch" for t in threading.enumerate())
    deadline = time.monotonic() + 5
    while any(t.name == "argmap-epoch" for t in threading.enumerate()):
        assert time.monotonic() < deadline, "the epoch thread did not end"
        time.sleep(0.02)  # waiting for another thread to end on its own
    engine.render("digraph { a -> b }", "svg")  # a new render starts a new one
    engine._ticker.stop()
    assert not any(t.name == "argmap-epoch" for t in threading.enumerate())


def test_ascii_and_other_text_are_measured_alike() -> None:
    assert text_width("plain words") == 11
    assert text_width("\x00\t") == 2
    assert text_width("日本") == 4 and text_width("e\u0301") == 1


def test_the_program_has_pydantic_search_for_no_plugin_unless_asked() -> None:
    probe = (
        "import sys\n"
        "from argmap.cli import main\n"
        f"main(['check', {str(SAMPLE)!r}])\n"
        "print('importlib.metadata' in sys.modules)\n"
    )
    lean = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert lean.stdout.strip().splitlines()[-1] == "False"
    asked = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True,
        env={**os.environ, "ARGMAP_PYDANTIC_PLUGINS": "1"},
    )  # fmt: skip
    assert asked.stdout.strip().splitlines()[-1] == "True"


def test_argmap_as_a_library_leaves_pydantic_s_plugins_alone() -> None:
    probe = (
        "import sys, argmap.model as m; m.ArgumentMap(); print('importlib.metadata' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"


def test_a_model_is_still_validated_on_the_lean_start() -> None:
    probe = (
        "from argmap.lean import skip_plugin_search\n"
        "assert skip_plugin_search()\n"
        "import argmap.model as m\n"
        "try:\n    m.Node(id='bad id!', text='x')\nexcept ValueError:\n    print('refused')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "refused"


def test_a_headless_command_exits_at_once_with_its_output_whole(tmp_path: Path) -> None:
    done = subprocess.run([*ARGMAP, "schema"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and json.loads(done.stdout)["title"]
    bad = subprocess.run([*ARGMAP, "check", str(tmp_path / "none.argmap.json")],
                         capture_output=True, text=True, check=False)  # fmt: skip
    assert bad.returncode == 1 and bad.stderr.startswith("argmap: ") and bad.stdout == ""


@pytest.mark.parametrize("size", [1, 30])
def test_a_stored_fit_still_draws_without_comparing(size: int) -> None:
    engine = Counting(get_engine("embedded"))
    m = fan(size, roots=2)
    chosen = arrange(m, RenderOptions.from_style(m.style), PAGE, engine)
    engine.renders.clear()
    kept = arrange(m, replace(RenderOptions.from_style(m.style), fit=chosen.fit), PAGE, engine)
    assert (kept.direction, kept.wrap) == (chosen.direction, chosen.wrap)
    assert engine.renders == []  # a kept fit is estimated, not laid out


def test_the_paste_limit_is_the_argdown_reader_s() -> None:
    from argmap.formats import fragment
    from argmap.formats.argdown import MAX_BYTES

    assert fragment.MAX_TEXT_CHARS == MAX_BYTES


def test_the_xml_escapes_are_those_of_the_standard_library() -> None:
    from xml.sax.saxutils import escape, quoteattr

    from argmap.render.text import xml_escape, xml_quoteattr

    for text in ["", "plain", "a & b < c > d", 'say "hi"', "it's", "both \"'", "tab\tnl\ncr\r"]:
        assert xml_escape(text) == escape(text)
        assert xml_quoteattr(text) == quoteattr(text)


def test_a_big_map_is_chosen_by_estimates_and_laid_out_once() -> None:
    from argmap.render import layout

    engine = Counting(get_engine("embedded"))
    m = fan(layout.BIG + 20, roots=1)
    svg, _ = render_bytes(m, "svg", engine=engine)
    assert [fmt for _, fmt in engine.renders] == ["svg"] and engine.sized == 1
    assert svg.count(b'class="node') >= layout.BIG


def escaping_way(text: str, room: int) -> str:
    """How validation.shown_path showed every name before its plain-name shortcut."""
    from argmap.model.validation import shown

    pieces = [shown(char) for char in text]
    if sum(map(len, pieces)) <= room:
        return "".join(pieces)
    kept: list[str] = []
    left = room - 1
    for piece in reversed(pieces):
        if len(piece) > left:
            break
        kept.append(piece)
        left -= len(piece)
    return "…" + "".join(reversed(kept))


@pytest.mark.parametrize("room", [1, 2, 10, 120])
@pytest.mark.parametrize("length", [0, 1, 9, 10, 11, 119, 120, 121, 300])
def test_a_plain_path_is_shown_as_the_escaping_way_shows_it(room: int, length: int) -> None:
    from argmap.model.validation import shown_path

    text = ("abc/DEF 0-9_~." * 30)[:length]
    assert shown_path(text, room) == escaping_way(text, room)
    for odd in (text + "\n", "é" + text, text + "\x7f"):  # not plain: escaped as before
        assert shown_path(odd, room) == escaping_way(odd, room)


def test_candidates_are_laid_out_only_within_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.render import layout

    m = fan(40, roots=3)
    full = Counting(get_engine("embedded"))
    render_bytes(m, "svg", engine=full)
    monkeypatch.setattr(layout, "BUDGET", 0)  # spent at once: the fewest candidates
    monkeypatch.setattr(layout, "LAID_OUT_FEW", 1)
    cut = Counting(get_engine("embedded"))
    render_bytes(m, "svg", engine=cut)
    assert len(full.renders) > 3 and len(cut.renders) <= 3  # the plain tree, one, the end


def _all_graphs(m: ArgumentMap, options: RenderOptions) -> dict[int, object]:
    from argmap.render import layout

    engine = get_engine("embedded")
    plain = replace(options, direction="TB", layout="tree", invisible=(), chains=())
    return {
        w: layout._sized(to_dot(m, replace(plain, wrap=w)), engine, DEFAULT_TIMEOUT, w)
        for w in {layout.wrapped(options, c.wrap_scale) for c in layout.CANDIDATES}
    }


@pytest.mark.parametrize("shape", [(3, 1), (12, 1), (40, 3), (9, 5)])
def test_each_distinct_candidate_is_estimated_once_with_the_same_result(
    shape: tuple[int, int],
) -> None:
    """A "rowsK" no narrower than the widest fan is estimated as the tree: the same
    scale and drawing as estimating it on its own, its own strategy kept."""
    from argmap.render import layout

    m = fan(*shape)
    options = RenderOptions.from_style(m.style)
    graphs = _all_graphs(m, options)
    alone = [
        layout._estimate(m, graphs[layout.wrapped(options, c.wrap_scale)], c, PAGE)  # type: ignore[arg-type]
        for c in layout.CANDIDATES
    ]
    shared = layout._estimates(m, graphs, list(layout.CANDIDATES), options, PAGE)  # type: ignore[arg-type]
    assert shared == alone
    assert {o.layout for _, o in shared} == set(STRATEGIES)
    widest = max(layout._widest_fan(m, g) for g in graphs.values())  # type: ignore[arg-type]
    assert widest == shape[0] // shape[1] + (shape[0] % shape[1] > 0)


def test_the_widest_fan_counts_a_co_premise_group_as_one_slot() -> None:
    from argmap.render import layout

    m = ops.add_co_premise(fan(4), "n0", "A premise that works only with the first").map
    assert sum(1 for n in m.nodes.values() if n.group) == 2 and len(m.nodes) == 6
    graphs = _all_graphs(m, RenderOptions.from_style(m.style))
    assert {layout._widest_fan(m, g) for g in graphs.values()} == {4}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "change",
    [
        {"direction": "LR"},
        {"invisible": (("c0", "c1"),), "chains": (("n0", "n3"),)},
        {"wrap": 20},
        {"theme": "print"},
        {"show_quotes": True},
        {"unfolded": frozenset({"n1"})},
    ],
)
def test_a_shared_body_gives_the_dot_a_fresh_one_does(change: dict[str, object]) -> None:
    """Candidates share their nodes and edges only where nothing they depend on differs."""
    from argmap.render.dot import Bodies

    m = fan(9, roots=2)
    first = RenderOptions.from_style(m.style)
    other = replace(first, **change)  # type: ignore[arg-type]
    bodies: Bodies = {}
    assert to_dot(m, first, bodies=bodies) == to_dot(m, first)
    assert to_dot(m, other, bodies=bodies) == to_dot(m, other)
    same_body = set(change) <= {"direction", "invisible", "chains"}
    assert len(bodies) == (1 if same_body else 2)
