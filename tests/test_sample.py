"""The article's map: well formed, rich enough, in our own words, drawn beside it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.model import Kind, Relation
from argmap.render import get_engine
from tests.conftest import SHARED

ARTICLE = SHARED / "seed-article.txt"


def test_structure(sample_map) -> None:
    m = sample_map
    assert len(m.nodes) >= 20
    assert m.tree.max_depth() >= 3
    claims = [n for n in m.nodes.values() if n.kind is Kind.CLAIM]
    assert len(claims) == 1 and "slow" in claims[0].text.lower()
    counter = [
        n
        for n in m.nodes.values()
        if n.relation is Relation.REBUTS and m.nodes[n.parent].relation is Relation.REBUTS
    ]
    assert counter, "needs a rebuttal of a rebuttal"
    groups = {n.group for n in m.nodes.values() if n.group}
    assert groups, "needs a co-premise group"
    for group in groups:
        assert sum(1 for n in m.nodes.values() if n.group == group) >= 2


def test_every_node_cites_a_paragraph(sample_map) -> None:
    for node in sample_map.nodes.values():
        assert node.refs, node.id
        for ref in node.refs:
            assert 1 <= ref.paragraph <= 30, node.id


@pytest.mark.skipif(not ARTICLE.exists(), reason="the article is in ../shared, not shipped")
def test_paraphrased_not_copied(sample_map) -> None:
    words = re.findall(r"[a-z0-9$']+", ARTICLE.read_text().lower())
    article_runs = {" ".join(words[i : i + 6]) for i in range(len(words) - 5)}
    for node in sample_map.nodes.values():
        mine = re.findall(r"[a-z0-9$']+", (node.text + " " + node.note).lower())
        for i in range(len(mine) - 5):
            assert " ".join(mine[i : i + 6]) not in article_runs, node.id


def test_rendered_pictures_beside_it_are_current(sample_map, sample_path: Path) -> None:
    svg = sample_path.with_name("ai-slowdown.svg")
    png = sample_path.with_name("ai-slowdown.png")
    assert png.read_bytes().startswith(b"\x89PNG")
    from argmap.render.export import render_bytes

    drawn, _ = render_bytes(sample_map, "svg", engine=get_engine("embedded"))
    assert svg.read_bytes() == drawn, "the sample changed: run `make samples`"
