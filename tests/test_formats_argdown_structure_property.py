"""A property over generated maps with the structure of format version 2 (titled
arguments with premise–conclusion structures, undercuts, nested sections, tags and their
colours): argmap → Argdown → argmap keeps it; and a seeded batch read by the Argdown tool
itself has the structures and sections argmap wrote."""

from __future__ import annotations

import json
import os
import random
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.formats.argdown import read_argdown, write_argdown
from argmap.formats.argdown.reader import parse
from argmap.formats.argdown.tagcolors import DEFAULT_SCHEME
from argmap.model import ArgumentMap, Relation, ops
from argmap.model import structure_ops as so
from argmap.model.structure import StepRole
from tests.conftest import ROOT

TOOL = ROOT / ".tools" / "argdown" / "node_modules" / ".bin" / "argdown"
EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "60"))
WORDS = ("air", "cars", "shops", "trade", "data", "health", "noise", "buses", "cost")


def build(seed: int) -> ArgumentMap:
    """A map drawn from `seed`: every node titled (T0, T1, ...) so both readings name it."""
    rng = random.Random(seed)
    count = 0

    def text() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 5))).capitalize() + "."

    def titled(m: ArgumentMap, node_id: str) -> ArgumentMap:
        nonlocal count
        count += 1
        tags = tuple(sorted(rng.sample(["policy", "economy", "health"], rng.randint(0, 2))))
        return ops.edit_node(m, node_id, title=f"T{count}", tags=tags).map

    m = ArgumentMap()
    for _ in range(rng.randint(1, 3)):
        m = so.add_section(
            m, f"Part {len(m.sections) + 1}", rng.choice([None, *[s.id for s in m.sections]])
        ).map
    r = ops.add_claim(m, text())
    m = titled(r.map, r.node_id or "")
    claim = r.node_id or ""
    for _ in range(rng.randint(1, 3)):
        r = ops.add_node(m, claim, Relation.SUPPORTS, text())
        arg = r.node_id or ""
        m = titled(so.set_argument(r.map, arg, True).map, arg)
        for _ in range(rng.randint(1, 3)):
            r = so.add_step(m, arg, text=text())
            m = titled(r.map, r.node_id or "")
        rule = rng.choice(["", "modus ponens", "by analogy"])
        m = so.add_step(m, arg, StepRole.CONCLUSION, statement=claim, inference=rule).map
        if rng.random() < 0.5:
            r = so.add_undercut(m, arg, text())
            m = titled(r.map, r.node_id or "")
        if rng.random() < 0.7:
            m = so.set_section(m, [arg], rng.choice([s.id for s in m.sections])).map
    if rng.random() < 0.6:
        m = so.set_tag_color(m, "policy", rng.choice(["#1b9e77", "#d95f02", "#7570b3"])).map
    return m


def summary(m: ArgumentMap) -> dict[str, object]:
    """What must survive, by title: kind, structure, undercuts, section path, tags."""
    titles = {i: n.title for i, n in m.nodes.items()}
    paths = {}
    for section in m.sections:
        path, above = [], section.id
        table = {s.id: s for s in m.sections}
        while above is not None:
            path.append(table[above].title)
            above = table[above].parent
        paths[section.id] = " / ".join(reversed(path))
    out: dict[str, object] = {}
    for node in m.nodes.values():
        steps = (
            [(titles[s.statement], s.role.value, s.inference) for s in node.argument.pcs]
            if node.argument is not None
            else None
        )
        undercut = titles.get(node.parent or "") if node.relation is Relation.UNDERCUTS else None
        section = paths.get(node.section or "")
        out[node.title] = (node.argument is not None, steps, undercut, section, node.tags)
    out["tag colours"] = dict(m.tag_colors)
    return out


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**9))
def test_the_structure_comes_back_from_argdown(seed: int) -> None:
    m = build(seed)
    text = write_argdown(m)
    again = read_argdown(text)
    before, after = summary(m), summary(again)
    colors = after.pop("tag colours")
    assert isinstance(colors, dict)
    before.pop("tag colours")
    assert after == before
    # every colour the map had is kept; a tag without one takes the colour the Argdown
    # tool gives it (its default scheme, by the order it first meets the tags)
    assert {tag: colors.get(tag) for tag in m.tag_colors} == m.tag_colors
    order = list(parse(text).tag_order)
    for tag, color in colors.items():
        if tag not in m.tag_colors:
            assert color == DEFAULT_SCHEME[order.index(tag) + 1]


@pytest.mark.skipif(not TOOL.exists(), reason="the Argdown tool in .tools/argdown")
def test_the_argdown_tool_reads_the_structures_and_sections_argmap_wrote(tmp_path: Path) -> None:
    maps = [build(seed) for seed in range(25)]
    for index, m in enumerate(maps):
        (tmp_path / f"m{index}.argdown").write_text(write_argdown(m), encoding="utf-8")
    out = tmp_path / "json"
    subprocess.run(
        [str(TOOL), "json", str(tmp_path / "*.argdown"), str(out), "--silent"],
        check=True,
        capture_output=True,
        timeout=600,
    )
    for index, m in enumerate(maps):
        data = json.loads((out / f"m{index}.json").read_text(encoding="utf-8"))
        titles = {i: n.title for i, n in m.nodes.items()}
        wanted = {
            n.title: [(titles[s.statement], s.role.value) for s in n.argument.pcs]
            for n in m.nodes.values()
            if n.argument is not None and n.argument.complete()
        }
        found = {}
        for title, argument in data.get("arguments", {}).items():
            steps = [
                (
                    str(s.get("title")),
                    {"main-conclusion": "conclusion"}.get(s.get("role"), s.get("role")),
                )
                for member in argument.get("members", []) or []
                for s in member.get("pcs", []) or []
            ]
            if steps:
                found[title] = steps
        assert found == wanted, index
        heads = []

        def walk(items: list[dict[str, object]], depth: int) -> None:
            for item in items:
                heads.append((str(item.get("title")), depth))
                walk(item.get("children", []) or [], depth + 1)  # type: ignore[arg-type]

        walk(data.get("sections", []) or [], 0)
        table = {s.id: s for s in m.sections}

        def depth(section_id: str) -> int:
            above, d = table[section_id].parent, 0
            while above is not None:
                above, d = table[above].parent, d + 1
            return d

        assert sorted(heads) == sorted((s.title, depth(s.id)) for s in m.sections), index


def test_the_generated_maps_hold_every_part_and_the_summary_sees_each() -> None:
    maps = [build(seed) for seed in range(40)]
    assert all(
        any(n.argument is not None and n.argument.complete() for n in m.nodes.values())
        for m in maps
    )
    assert any(any(n.relation is Relation.UNDERCUTS for n in m.nodes.values()) for m in maps)
    assert any(any(s.parent for s in m.sections) for m in maps)
    assert any(any(n.section for n in m.nodes.values()) for m in maps)
    assert any(m.tag_colors for m in maps)
    m = next(m for m in maps if any(n.section for n in m.nodes.values()))
    node = next(n for n in m.nodes.values() if n.section)
    moved = m.evolve(nodes={**m.nodes, node.id: node.model_copy(update={"section": None})})
    assert summary(moved) != summary(m)
    arg = next(n for n in m.nodes.values() if n.argument is not None and len(n.argument.pcs) > 2)
    steps = arg.argument.pcs  # type: ignore[union-attr]
    swapped = arg.argument.model_copy(update={"pcs": (steps[1], steps[0], *steps[2:])})  # type: ignore[union-attr]
    changed = m.evolve(nodes={**m.nodes, arg.id: arg.model_copy(update={"argument": swapped})})
    assert summary(changed) != summary(m)
