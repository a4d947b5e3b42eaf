"""Sections nested deep: the DOT grows linearly with their number, and the deepest nesting
a map may load with (50 levels, argmap/model/consistency.py) draws on both engines."""

from __future__ import annotations

import re

from argmap.model import ArgumentMap, Relation, ops
from argmap.model import structure_ops as so
from argmap.model.structure import Section
from argmap.render import to_dot
from argmap.render.dot import RenderOptions
from argmap.render.export import render_bytes


def nested(levels: int, full: bool = False) -> ArgumentMap:
    """Sections s0 > s1 > ... one inside the other; the deepest holds the claim, or with
    `full` each holds one node of a chain of supports and rebuttals."""
    sections = tuple(
        Section(id=f"s{i}", title=f"S{i}", parent=f"s{i - 1}" if i else None) for i in range(levels)
    )
    m = ops.add_claim(ArgumentMap(), "top", node_id="n0").map.evolve(sections=sections)
    if not full:
        return so.set_section(m, ["n0"], f"s{levels - 1}").map
    for i in range(1, levels):
        relation = Relation.SUPPORTS if i % 2 else Relation.REBUTS
        m = ops.add_node(m, f"n{i - 1}", relation, f"level {i}", node_id=f"n{i}").map
    for i in range(levels):
        m = so.set_section(m, [f"n{i}"], f"s{i}").map
    return m


def test_the_dot_of_nested_sections_grows_linearly() -> None:
    # indented by depth, 10,000 nested sections made about 201 MB of DOT
    small, large = len(to_dot(nested(2_000))), len(to_dot(nested(10_000)))
    assert large < 200 * 10_000  # bytes: about 150 a section
    assert large < 5.5 * small  # five times the sections, not twenty-five times the text


def test_fifty_nested_sections_draw_on_both_engines(engine) -> None:  # type: ignore[no-untyped-def]
    m = nested(50, full=True)
    dot = to_dot(m)
    indents = {len(line) - len(line.lstrip(" ")) for line in dot.splitlines()}
    assert max(indents) <= 4  # flat: the depth is in the braces, not in the margin
    svg = render_bytes(m, "svg", RenderOptions(), engine)[0].decode("utf-8")
    clusters = re.findall(r'<g id="section\.(s\d+)" class="cluster">', svg)
    assert sorted(clusters) == sorted(f"s{i}" for i in range(50))
    for i in range(50):
        assert re.search(rf'<g id="n{i}" class="node', svg), i
    # each section's box holds the next one: the innermost title is drawn lowest
    ys = [
        float(re.search(rf'<g id="section\.s{i}".*?<text[^>]* y="([-\d.]+)"', svg, re.S)[1])  # type: ignore[index]
        for i in (0, 25, 49)
    ]
    assert ys[0] < ys[1] < ys[2]
