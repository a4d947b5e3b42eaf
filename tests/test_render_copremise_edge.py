"""A co-premise group is drawn as one reason (issue 17, point 8): a frame around its
premises and ONE edge from the frame to what they support, on both engines."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from argmap.model import ArgumentMap
from argmap.render import to_dot
from argmap.render.engines import DEFAULT_TIMEOUT
from argmap.render.layout import _sized

SVG = "{http://www.w3.org/2000/svg}"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def build(*extra: dict[str, Any]) -> ArgumentMap:
    nodes = [
        {"id": "c", "text": "The claim"},
        {"id": "p1", "text": "First premise", "parent": "c", "relation": "supports", "group": "g"},
        {"id": "p2", "text": "Second premise", "parent": "c", "relation": "supports", "group": "g"},
        {"id": "p3", "text": "Third premise", "parent": "c", "relation": "supports", "group": "g"},
        {"id": "s", "text": "A reason alone", "parent": "c", "relation": "supports"},
    ]
    by_id = {n["id"]: n for n in nodes}
    for change in extra:
        by_id.setdefault(change["id"], {}).update(change)
    return ArgumentMap.model_validate({"nodes": list(by_id.values())})


def edge_lines(dot: str) -> dict[str, str]:
    """Each edge's id -> its DOT line."""
    return {
        found.group(1): line
        for line in dot.splitlines()
        if (found := re.search(r' -> .*\bid="([^"]+)"', line))
    }


def points(element: ET.Element, tag: str) -> list[tuple[float, float]]:
    """The coordinates of the first `tag` (path d or polygon points) inside `element`."""
    shape = next(element.iter(f"{SVG}{tag}"))
    numbers = [float(n) for n in NUMBER.findall(shape.get("d") or shape.get("points") or "")]
    return list(zip(numbers[0::2], numbers[1::2], strict=False))


def box(corners: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return min(xs), min(ys), max(xs), max(ys)


def test_the_dot_has_one_edge_for_the_group_and_invisible_links_for_the_rest() -> None:
    dot = to_dot(build())
    edges = edge_lines(dot)
    group_edges = [e for e in edges if e in ("edge.p1", "edge.p2", "edge.p3")]
    assert group_edges == ["edge.p2"]  # the middle member speaks for the group
    assert 'lhead="cluster_g"' in edges["edge.p2"] and 'color="#2e7d32"' in edges["edge.p2"]
    assert "lhead" not in edges["edge.s"]
    for other in ("p1", "p3"):
        assert 'style="invis"' in edges[f"joined.{other}"]
    assert 'compound="true"' in dot


def test_both_engines_draw_one_arrow_that_ends_at_the_frame(engine) -> None:  # type: ignore[no-untyped-def]
    root = ET.fromstring(engine.render(to_dot(build()), "svg"))
    groups = {g.get("id", ""): g for g in root.iter(f"{SVG}g")}
    drawn = sorted(i for i in groups if i.startswith("edge."))
    assert drawn == ["edge.p2", "edge.s"]
    frame = box(points(groups["group.g"], "path"))  # rounded: a path
    member = box(points(groups["p2"], "path"))
    line = points(groups["edge.p2"], "path")
    x, y = line[-1] if abs(line[-1][1] - frame[1]) < abs(line[0][1] - frame[1]) else line[0]
    # the line stops on the frame's border, not at the premise inside it
    assert abs(y - frame[1]) < 1.5 and frame[0] <= x <= frame[2]
    assert member[1] - y > 4  # the premise's top is well below where the line stops


def test_the_layout_still_counts_every_premise_as_a_child(engine) -> None:  # type: ignore[no-untyped-def]
    graph = _sized(to_dot(build()), engine, DEFAULT_TIMEOUT)
    assert sorted(graph.children["c"]) == ["p1", "p2", "p3", "s"]
    assert graph.roots == ["c"]


def test_the_group_edge_shows_the_weakest_premise_force() -> None:
    m = build({"id": "p1", "force": "strong"}, {"id": "p3", "force": "weak"})
    line = edge_lines(to_dot(m))["edge.p2"]
    assert 'label="weak"' in line and "penwidth=0.8" in line


def test_an_undercut_premise_carries_the_group_edge_through_its_junction() -> None:
    m = build({"id": "u", "text": "Bad step", "parent": "p3", "relation": "undercuts"})
    edges = edge_lines(to_dot(m))
    assert "edge.p2" not in edges and "joined.p2" in edges and "joined.p1" in edges
    assert '"c" -> "junction.p3"' in edges["edge.p3"]
    assert 'lhead="cluster_g"' in edges["edge.p3.tail"]


def test_two_undercut_premises_keep_an_edge_each() -> None:
    m = build(
        {"id": "u1", "text": "Bad step", "parent": "p1", "relation": "undercuts"},
        {"id": "u3", "text": "Bad step too", "parent": "p3", "relation": "undercuts"},
    )
    edges = edge_lines(to_dot(m))
    assert {"edge.p1", "edge.p2", "edge.p3"} <= set(edges)
    assert not any(e.startswith("joined.") for e in edges)
    assert "lhead" not in to_dot(m)


def test_rebutting_premises_of_different_force_keep_an_edge_each() -> None:
    nodes = [
        {"id": "r1", "text": "R1", "parent": "c", "relation": "rebuts", "group": "h"},
        {"id": "r2", "text": "R2", "parent": "c", "relation": "rebuts", "group": "h"},
    ]
    same = edge_lines(to_dot(build(*nodes)))
    assert "edge.r1" in same and "joined.r2" in same  # of one force: one edge
    differ = edge_lines(to_dot(build(*nodes, {"id": "r1", "force": "strong"})))
    assert "edge.r1" in differ and "edge.r2" in differ  # each is weighed on its own
