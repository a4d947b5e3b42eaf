"""Roles in the model (Qt-free): claim, support, rebuttal and counter-rebuttal (by side:
each rebuttal or undercut on the way up crosses to the other side), defined once in
argmap.model.roles, and the checks and the renderer agreeing with that one rule."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from argmap.model import ArgumentMap, Kind, Relation, ops
from argmap.model.checks import problems, summarize
from argmap.model.roles import Role, role_of
from argmap.render.dot import RenderOptions, to_dot
from argmap.render.structure import placed_premises
from tests.conftest import SHARED

ARGDOWN = SHARED / "corpus" / "argdown"
CORPUS = sorted(ARGDOWN.glob("*.argdown")) if ARGDOWN.is_dir() else []
DOT_CLASS = re.compile(r'^  "([^"\\]+)" \[id=.* class="([a-z]+)[^"]*"\]$')


def tree(*edges: tuple[str, Relation, str]) -> ArgumentMap:
    """A claim `c` and (parent, relation, id) edges added in order."""
    m = ops.add_claim(ArgumentMap(), "c", node_id="c").map
    for parent, relation, node_id in edges:
        m = ops.add_node(m, parent, relation, node_id, node_id=node_id).map
    return m


def roles(m: ArgumentMap) -> dict[str, Role]:
    return {node_id: role_of(m, node) for node_id, node in m.nodes.items()}


S, R = Relation.SUPPORTS, Relation.REBUTS


def test_each_role() -> None:
    m = tree(("c", S, "s"), ("c", R, "r"), ("r", R, "rr"))
    assert roles(m) == {"c": Role.CLAIM, "s": Role.SUPPORT, "r": Role.REBUTTAL, "rr": Role.COUNTER}


def test_a_counter_rebuttal_of_a_rebuttal_of_a_support() -> None:
    m = tree(("c", S, "s"), ("s", R, "r"), ("r", R, "rr"))
    assert [role_of(m, m.nodes[n]) for n in ("s", "r", "rr")] == [
        Role.SUPPORT,
        Role.REBUTTAL,  # rebuts a support, not a rebuttal
        Role.COUNTER,
    ]


def test_a_rebuttal_of_a_counter_rebuttal_attacks_the_claim_s_side_again() -> None:
    """Each attack crosses to the other side: the third rebuttal down is an objection."""
    m = tree(("c", R, "r"), ("r", R, "rr"), ("rr", R, "rrr"), ("rrr", R, "rrrr"))
    assert [role_of(m, m.nodes[n]) for n in ("r", "rr", "rrr", "rrrr")] == [
        Role.REBUTTAL,
        Role.COUNTER,
        Role.REBUTTAL,
        Role.COUNTER,
    ]


def test_what_supports_or_rebuts_inside_a_rebuttal() -> None:
    """A reason given for an objection is on the objection's side: rebutting it answers
    the objection."""
    m = tree(("c", R, "r"), ("r", S, "rs"), ("rs", R, "rsr"))
    assert role_of(m, m.nodes["rs"]) is Role.SUPPORT  # supports a rebuttal: still a support
    assert role_of(m, m.nodes["rsr"]) is Role.COUNTER  # it answers the objection's reason


def test_a_rebuttal_of_an_undercut_answers_it() -> None:
    m = tree(("c", S, "s"), ("s", Relation.UNDERCUTS, "u"), ("u", R, "ur"), ("u", S, "us"))
    m = ops.add_node(m, "us", R, "usr", node_id="usr").map
    assert [role_of(m, m.nodes[n]) for n in ("u", "ur", "us", "usr")] == [
        Role.UNDERCUT,
        Role.COUNTER,
        Role.SUPPORT,
        Role.COUNTER,
    ]


def test_a_node_outside_the_map_gets_its_role_from_its_parents_side() -> None:
    """role_of on an edited copy of a node (not the map's own object) walks up by hand."""
    m = tree(("c", R, "r"), ("r", R, "rr"))
    edited = m.nodes["rr"].model_copy(update={"text": "edited"})
    assert role_of(m, edited) is Role.COUNTER
    draft = m.nodes["rr"].model_copy(update={"id": "new", "parent": "rr"})
    assert role_of(m, draft) is Role.REBUTTAL


def test_the_sides_of_a_deep_chain_are_found_in_one_walk() -> None:
    """A 5,000-deep chain of rebuttals alternates, and asking every node stays linear
    (the tree finds every side at once; a walk per node would be 12.5 million steps)."""
    m = ops.add_claim(ArgumentMap(), "c", node_id="n0").map
    nodes = dict(m.nodes)
    for k in range(1, 5001):
        nodes[f"n{k}"] = nodes["n0"].model_copy(
            update={"id": f"n{k}", "parent": f"n{k - 1}", "relation": R, "text": str(k)}
        )
    m = ArgumentMap.model_validate({"nodes": [n.model_dump() for n in nodes.values()]})
    found = [role_of(m, m.nodes[f"n{k}"]) for k in range(1, 5001)]
    assert found[:4] == [Role.REBUTTAL, Role.COUNTER, Role.REBUTTAL, Role.COUNTER]
    assert found.count(Role.COUNTER) == 2500


def test_every_top_level_node_is_a_claim() -> None:
    m = ops.add_claim(tree(("c", R, "r")), "d", node_id="d").map
    assert role_of(m, m.nodes["d"]) is Role.CLAIM


def test_cross_links_do_not_change_roles() -> None:
    m = tree(("c", R, "r"), ("c", S, "s"))
    before = roles(m)
    m = ops.add_link(m, "s", "r", Relation.REBUTS).map
    assert m.links and roles(m) == before


def test_moving_a_rebuttal_under_a_rebuttal_makes_it_a_counter_rebuttal() -> None:
    m = tree(("c", R, "r"), ("c", R, "r2"))
    assert role_of(m, m.nodes["r2"]) is Role.REBUTTAL
    m = ops.move_node(m, "r2", "r", Relation.REBUTS).map
    assert role_of(m, m.nodes["r2"]) is Role.COUNTER


def test_role_names_are_the_words_files_and_styles_use() -> None:
    assert [r.value for r in Role] == ["claim", "support", "rebuttal", "counter", "undercut"]


def test_render_uses_the_model_definition() -> None:
    import argmap.render
    from argmap.render.themes import CAPTIONS, THEMES

    for theme in THEMES.values():  # the looks are keyed by the model's roles
        assert list(theme.nodes) == list(Role) and {type(r) for r in theme.nodes} == {Role}
    assert {type(r) for r in CAPTIONS} == {Role}
    assert argmap.render.role_of is role_of


def _agree(m: ArgumentMap) -> int:
    """Checks, DOT and role_of agree on every node of `m`; how many nodes were compared."""
    found = roles(m)
    count = Counter(found.values())
    s = summarize(m)
    assert (s.claims, s.supports) == (count[Role.CLAIM], count[Role.SUPPORT])
    assert s.rebuttals == count[Role.REBUTTAL] + count[Role.COUNTER]
    assert s.counter_rebuttals == count[Role.COUNTER]
    for node_id, node in m.nodes.items():  # the coarse kind: counter-rebuttals are rebuttals
        assert node.kind.value == {Role.COUNTER: Kind.REBUTTAL}.get(found[node_id], found[node_id])
    unsupported = {p.node_id for p in problems(m) if "claim with no supporting" in p.message}
    assert unsupported == {
        n
        for n, role in found.items()
        if role is Role.CLAIM and Role.SUPPORT not in {found[c] for c in m.tree.children(n)}
    }
    for theme in ("default", "print"):
        drawn = {}
        for line in to_dot(m, RenderOptions(theme=theme)).splitlines():
            if (hit := DOT_CLASS.match(line)) is not None:
                drawn[hit[1]] = hit[2]
        inside = placed_premises(m)  # drawn inside their argument, not as nodes
        assert drawn == {i: role.value for i, role in found.items() if i not in inside}
    return len(found)


def test_checks_and_render_agree_on_the_sample(sample_map: ArgumentMap) -> None:
    count = Counter(roles(sample_map).values())
    assert len(count) == 5, "the sample has every role, an undercut too"
    assert _agree(sample_map) == len(sample_map.nodes)


@pytest.mark.skipif(not CORPUS, reason=f"the Argdown corpus is not at {ARGDOWN}")
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem[-40:])
def test_checks_and_render_agree_on_the_corpus(path: Path) -> None:
    from argmap.formats.registry import read_any

    m, _ = read_any(path)
    assert _agree(m) == len(m.nodes)


def test_a_part_keeps_the_roles_it_has_in_the_whole_map() -> None:
    """A focused part is drawn, listed in its legend and described in its HTML page with
    the roles its nodes have in the whole map: its top node is no claim, and the sides
    do not flip because the part starts lower down."""
    import json

    from argmap.model.roles import roles_in
    from argmap.model.views import shown_map
    from argmap.render.export import render_bytes
    from argmap.render.legend import entries

    m = tree(("c", R, "r"), ("r", R, "cr"), ("cr", R, "r2"))
    part = shown_map(m, focus="r").map
    assert set(part.nodes) == {"r", "cr", "r2"}
    options = RenderOptions(roles=roles_in(m, part))
    want = {"r": "rebuttal", "cr": "counter", "r2": "rebuttal"}
    assert dict(options.roles) == want
    svg = render_bytes(part, "svg", options)[0].decode()
    drawn = dict(re.findall(r'<g id="([^"]+)" class="node (\w+)', svg))
    assert drawn == want
    page = render_bytes(part, "html", options)[0].decode()
    data = json.loads(re.search(r'id="am.data">(.*?)</script>', page, re.DOTALL).group(1))
    assert {i: v["kind"] for i, v in data["nodes"].items()} == want
    labels = {e.label for e in entries(part, options) if e.kind == "node"}
    assert any("counter" in label for label in labels)
    assert not any(label.startswith("claim") for label in labels)
