"""An undercut's junction sits on the edge it attacks, between the two nodes the edge
joins, in the laid-out drawing of both engines (a second adversary's finding 6: with
both nodes in a section the junction was ranked outside it, above the whole map next to
the title, and the support looped up to it and back down)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from argmap.formats.argdown import load_argdown
from argmap.model import ArgumentMap, Relation, ops
from argmap.model import structure_ops as so
from argmap.render import RenderOptions, get_engine, to_dot
from argmap.render.export import render_bytes
from tests.conftest import engine_names

TC2 = """===
color:
  tagColors:
    dark: "#000080"
    black: "black"
    white: "#ffffff"
===

# Sec One

[A]: Dark node text #dark
  + <B>: Black argument #black
    _ <U>: White undercut #white
  - [R]: plain rebuttal

(1) [P1]: premise one
(2) [P2]: premise two
----
(3) [A]
"""

Point = tuple[float, float]


def centres(engine_name: str, dot: str) -> dict[str, Point]:
    """Node name -> centre, in points, from the engine's JSON layout (y grows downward)."""
    data = json.loads(get_engine(engine_name).render(dot, "json"))
    height = float(data["bb"].split(",")[3])
    out = {}
    for obj in data["objects"]:
        if "pos" in obj and "nodes" not in obj:
            x, y = (float(v) for v in obj["pos"].split(","))
            out[obj["name"]] = (x, height - y)
    return out


def svg_centres(svg: str, names: list[str]) -> dict[str, Point]:
    """The centres of the named nodes in an exported SVG: a junction's ellipse, a box's
    outline (polygon points or path data)."""
    out = {}
    for name in names:
        start = svg.index(f'<g id="{name}" class="node')
        block = svg[start : svg.index("</g>", start)]
        ellipse = re.search(r'<ellipse[^>]* cx="([-\d.]+)" cy="([-\d.]+)"', block)
        if ellipse is not None and name.startswith("junction."):
            out[name] = (float(ellipse[1]), float(ellipse[2]))
            continue
        outline = re.search(r' (?:points|d)="([^"]*)"', block)
        assert outline is not None, name
        xy = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", outline[1])]
        xs, ys = xy[0::2], xy[1::2]
        out[name] = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    return out


def assert_between(at: dict[str, Point], top: str, bottom: str, direction: str = "TB") -> None:
    """The junction on `bottom`'s edge lies between the centres of `top` and `bottom`:
    strictly between along the ranks, and across them no farther out than either."""
    junction = at[f"junction.{bottom}"]
    rank, across = (1, 0) if direction == "TB" else (0, 1)
    low, high = sorted((at[top][rank], at[bottom][rank]))
    assert low < junction[rank] < high, (top, bottom, at[top], at[bottom], junction)
    left, right = sorted((at[top][across], at[bottom][across]))
    assert left - 1 <= junction[across] <= right + 1, (top, bottom, at[top], at[bottom], junction)


def tc2(tmp_path: Path) -> tuple[ArgumentMap, str, str]:
    path = tmp_path / "tc2.argdown"
    path.write_text(TC2, encoding="utf-8")
    m = load_argdown(path)
    ids = {n.title: n.id for n in m.nodes.values()}
    return m, ids["A"], ids["B"]


@pytest.mark.parametrize("engine_name", engine_names())
@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_the_junction_sits_between_the_nodes_of_a_section(
    engine_name: str, direction: str, tmp_path: Path
) -> None:
    m, a, b = tc2(tmp_path)
    opts = replace(RenderOptions(), direction=direction)
    assert_between(centres(engine_name, to_dot(m, opts)), a, b, direction)
    svg = render_bytes(m, "svg", opts, get_engine(engine_name))[0].decode("utf-8")
    assert_between(svg_centres(svg, [a, b, f"junction.{b}"]), a, b, direction)


def base() -> ArgumentMap:
    m = ops.add_claim(ArgumentMap(), "The claim", node_id="A").map
    m = ops.add_node(m, "A", Relation.SUPPORTS, "The reason", node_id="B").map
    m = so.set_argument(m, "B", True).map
    m = ops.add_node(m, "B", Relation.UNDERCUTS, "The doubt", node_id="U").map
    return ops.add_node(m, "A", Relation.REBUTS, "The objection", node_id="R").map


def in_sections(placing: dict[str, int]) -> ArgumentMap:
    m = base()
    for number in sorted(set(placing.values())):
        m = so.add_section(m, f"Section {number}").map
    for node_id, number in placing.items():
        m = so.set_section(m, [node_id], f"section{number}").map
    return m


PLACINGS = {
    "both in one": {"A": 1, "B": 1, "U": 1, "R": 1},
    "claim outside": {"B": 1, "U": 1},
    "reason outside": {"A": 1, "R": 1},
    "two sections": {"A": 1, "R": 1, "B": 2, "U": 2},
    "undercut elsewhere": {"A": 1, "B": 1, "R": 1, "U": 2},
}


@pytest.mark.parametrize("engine_name", engine_names())
@pytest.mark.parametrize("placing", list(PLACINGS))
def test_the_junction_sits_between_its_nodes_wherever_their_sections_are(
    engine_name: str, placing: str
) -> None:
    m = in_sections(PLACINGS[placing])
    assert_between(centres(engine_name, to_dot(m)), "A", "B")


@pytest.mark.parametrize("engine_name", engine_names())
def test_the_junction_of_a_co_premise_sits_between_its_nodes(engine_name: str) -> None:
    m = ops.add_claim(ArgumentMap(), "The claim", node_id="A").map
    m = ops.add_node(m, "A", Relation.SUPPORTS, "first half", node_id="B").map
    m = ops.add_co_premise(m, "B", "second half").map
    m = ops.add_node(m, "B", Relation.UNDERCUTS, "The doubt", node_id="U").map
    assert_between(centres(engine_name, to_dot(m)), "A", "B")
    m = so.add_section(m, "Both").map
    m = so.set_section(m, list(m.nodes), "section1").map
    assert_between(centres(engine_name, to_dot(m)), "A", "B")


def test_a_collapsed_claims_section_leaves_no_stray_junction(engine) -> None:  # type: ignore[no-untyped-def]
    m = in_sections({"A": 1, "R": 1})
    opts = replace(RenderOptions(), collapsed_sections=frozenset({"section1"}))
    dot = to_dot(m, opts)
    assert "junction." not in dot  # the box stands for the edge's top: nothing to sit on
    assert '"section.section1" -> "B"' in dot and '"B" -> "U"' in dot
    svg = render_bytes(m, "svg", opts, engine)[0].decode("utf-8")
    assert "junction." not in svg
