"""How legible argmap's drawings are on an A4 landscape page, beside the Argdown tool's
(issue 16's measure, tests/legibility.py).

For every document of the shared Argdown corpus that the tool accepts (MANIFEST.csv
argdown_accepts == yes) and whose argmap drawing has ten or more nodes: argmap's default
SVG export, and the Argdown tool's own drawing (`argdown map --format dot`, one process
for all, rendered with the system `dot -Tsvg` after dropping the tool's `size="10,10"`,
so its drawing is measured at its natural size and fitted to the page like ours).
Prints one table: medians of text size and packing efficiency, the share at 6 pt or
more, argmap/Argdown of the medians, and the sample map's figures.  Run with
`make bench`; it asserts only that both sides cover the same documents.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
from pathlib import Path

import pytest

from argmap.formats.argdown import load_argdown
from argmap.formats.native import load
from argmap.render.export import export
from tests import legibility as leg
from tests.argdown_measure import TOOL
from tests.conftest import ROOT, SHARED
from tests.corpus import argdown_documents

CORPUS = SHARED / "corpus" / "argdown"
SAMPLE = ROOT / "samples" / "ai-slowdown.argmap.json"


def _accepted() -> list[Path]:
    return argdown_documents()


def _nodes(svg: Path) -> int:
    return len(re.findall(r'class="node[ "]', svg.read_text(encoding="utf-8")))


def _argmap_drawings(docs: list[Path], out: Path) -> dict[str, Path]:
    drawn = {}
    for doc in docs:
        svg = out / f"{doc.stem}.svg"
        export(load_argdown(doc), svg)
        if _nodes(svg) >= 10:
            drawn[doc.stem] = svg
    return drawn


def _tool_drawings(names: list[str], out: Path) -> dict[str, Path]:
    inputs = out / "in"
    inputs.mkdir()
    for name in names:
        shutil.copy(CORPUS / f"{name}.argdown", inputs / f"{name}.argdown")
    dots = out / "dot"
    subprocess.run(
        [str(TOOL), "map", str(inputs / "*.argdown"), str(dots), "--format", "dot", "--silent"],
        check=False,
        capture_output=True,
        timeout=600,
    )
    drawn = {}
    for name in names:
        dot = dots / f"{name}.dot"
        if not dot.exists():
            continue
        natural = re.sub(r'^size = "[^"]*";\s*$', "", dot.read_text(encoding="utf-8"), flags=re.M)
        svg = out / f"{name}.svg"
        subprocess.run(
            ["dot", "-Tsvg", "-o", str(svg)], input=natural.encode(), check=True, timeout=120
        )
        drawn[name] = svg
    return drawn


def _row(label: str, svgs: list[Path]) -> tuple[float, float, float]:
    sizes = [leg.text_size(s) for s in svgs]
    effs = [leg.efficiency(s) for s in svgs]
    share = sum(1 for s in sizes if s >= 6.0) / len(sizes)
    print(
        f"{label:<10} n={len(svgs):<3} median text {statistics.median(sizes):5.2f} pt"
        f"  median efficiency {statistics.median(effs):4.2f}  share >= 6 pt {share:4.0%}"
    )
    return statistics.median(sizes), statistics.median(effs), share


@pytest.mark.skipif(
    not TOOL.exists() or not CORPUS.exists(), reason="needs .tools/argdown and the corpus"
)
def test_legibility_against_argdown(tmp_path: Path) -> None:
    (tmp_path / "argmap").mkdir()
    (tmp_path / "tool").mkdir()
    ours = _argmap_drawings(_accepted(), tmp_path / "argmap")
    theirs = _tool_drawings(sorted(ours), tmp_path / "tool")
    assert sorted(theirs) == sorted(ours)
    names = sorted(ours)
    print("\nlegibility on A4 landscape (770 x 523 pt inside 36 pt margins)")
    size_a, eff_a, _ = _row("argmap", [ours[n] for n in names])
    size_t, eff_t, _ = _row("Argdown", [theirs[n] for n in names])
    print(f"argmap/Argdown: text size {size_a / size_t:.2f}x, efficiency {eff_a / eff_t:.2f}x")
    # how far the node boxes alone let the target go: 1.5x the tool's text needs each
    # drawing's packing bound to allow it, at an efficiency no tree drawing here reaches
    goal = 1.5 * size_t
    bounds = [leg.packing_bound(ours[n]) for n in names]
    needed = statistics.median(goal / b for b in bounds)
    reachable = sum(1 for b in bounds if b >= goal) / len(bounds)
    print(
        f"1.5x Argdown = {goal:.2f} pt: median packing bound {statistics.median(bounds):.2f} pt;"
        f" {reachable:.0%} of the drawings' bounds reach it; it needs a median efficiency of"
        f" {needed:.2f} (today {eff_a:.2f})"
    )
    sample = tmp_path / "sample.svg"
    export(load(SAMPLE), sample)
    width, height = leg.size(sample)
    print(
        f"sample {SAMPLE.name}: text {leg.text_size(sample):.2f} pt, aspect {width / height:.2f}:1,"
        f" efficiency {leg.efficiency(sample):.2f}"
    )


def test_the_sample_over_a_wide_grid_of_layouts() -> None:
    """The best text size the sample can have on A4 landscape with any direction,
    strategy and line width (16-50 characters), legend included: what layout alone can
    do for it."""
    from dataclasses import replace

    from argmap.render import RenderOptions
    from argmap.render.export import render_bytes
    from argmap.render.paper import page, text_size

    m = load(SAMPLE)
    a4 = page("a4", "landscape")
    found = []
    for direction in ("TB", "LR"):
        for layout in ("tree", "rows2", "rows3", "rows4", "rows6"):
            for wrap in (16, 20, 24, 30, 36, 42, 50):
                options = RenderOptions.from_style(
                    m.style, layout=layout, direction=direction, wrap=wrap
                )
                svg, _ = render_bytes(m, "svg", replace(options, fixed_wrap=True))
                found.append((text_size(svg, a4), direction, layout, wrap))
    best = max(found)
    assert len(found) == 70 and all(size > 0 for size, *_ in found)  # every layout drew text
    print(
        f"\nsample over {len(found)} layouts: best {best[0]:.2f} pt on A4 landscape"
        f" ({best[1]}, {best[2]}, {best[3]} characters a line)"
    )


def test_the_sample_with_its_planned_sections(tmp_path: Path) -> None:
    """The sample as shipped beside the same map with the three sections its analysis
    planned (docs/sample-analysis.md §3): how soon (lines 1-2), the stakes (3-5), can
    it hold (6); each drawn by the default export and measured on A4 landscape."""
    from argmap.model.structure import Section

    m = load(SAMPLE)
    lines = m.tree.children("main")
    planned = {"how-soon": lines[:2], "stakes": lines[2:5], "can-it-hold": lines[5:]}
    where = {
        node: section
        for section, tops in planned.items()
        for top in tops
        for node in m.tree.subtree(top)
    }
    sectioned = m.model_copy(
        update={
            "sections": tuple(
                Section(id=s, title=t)
                for s, t in (
                    ("how-soon", "How soon, and on whose word?"),
                    ("stakes", "What is at stake"),
                    ("can-it-hold", "Can a slowdown hold?"),
                )
            ),
            "nodes": {
                i: n.model_copy(update={"section": where.get(i)}) for i, n in m.nodes.items()
            },
        }
    )
    sectioned = type(m).model_validate(sectioned.model_dump(mode="json"))
    assert (
        len(sectioned.sections) == 3 and sum(1 for n in sectioned.nodes.values() if n.section) == 23
    )
    sizes = []
    for name, drawn in (("as shipped", m), ("with 3 sections", sectioned)):
        svg = tmp_path / f"{name}.svg"
        export(drawn, svg)
        sizes.append(f"{name} {leg.text_size(svg):.2f} pt")
    print("\nsample on A4 landscape: " + ", ".join(sizes))
