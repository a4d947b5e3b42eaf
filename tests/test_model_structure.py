"""Format version 2's structure: arguments and their premise–conclusion structures,
undercuts, sections, tag colours, schemes and views, as models and as pure edits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from argmap.formats import native
from argmap.model import ArgumentMap, EditError, Relation, ops, revalidate
from argmap.model import structure_ops as so
from argmap.model.consistency import repaired
from argmap.model.schemes import SCHEMES, questions_of
from argmap.model.structure import Argument, Section, Step, StepRole, View


def _debate() -> tuple[ArgumentMap, dict[str, str]]:
    """A claim, an argument supporting it with two premises and the claim as its
    conclusion, and an undercut of the argument."""
    m = ArgumentMap()
    r = ops.add_claim(m, "Cities should ban cars")
    m, claim = r.map, r.node_id
    assert claim is not None
    r = ops.add_node(m, claim, Relation.SUPPORTS, "Clean air")
    m, arg = r.map, r.node_id
    assert arg is not None
    m = so.set_argument(m, arg, True).map
    r = so.add_step(m, arg, text="Cars pollute")
    m, p1 = r.map, r.node_id
    r = so.add_step(m, arg, text="A ban means fewer cars")
    m, p2 = r.map, r.node_id
    m = so.add_step(m, arg, StepRole.CONCLUSION, statement=claim, inference="modus ponens").map
    r = so.add_undercut(m, arg, "The pollution data is old")
    m, cut = r.map, r.node_id
    assert p1 and p2 and cut
    return m, {"claim": claim, "arg": arg, "p1": p1, "p2": p2, "cut": cut}


def _steps(m: ArgumentMap, arg: str) -> list[tuple[str, str]]:
    argument = m.nodes[arg].argument
    assert argument is not None
    return [(s.statement, s.role.value) for s in argument.pcs]


def test_the_edits_build_a_valid_argument_with_its_structure_and_an_undercut() -> None:
    m, ids = _debate()
    revalidate(m)
    assert _steps(m, ids["arg"]) == [
        (ids["p1"], "premise"),
        (ids["p2"], "premise"),
        (ids["claim"], "conclusion"),
    ]
    premise = m.nodes[ids["p1"]]
    assert (premise.parent, premise.meta) == (ids["arg"], {"relation": so.PLACED_PREMISE})
    cut = m.nodes[ids["cut"]]
    assert (cut.parent, cut.relation, cut.kind.value) == (
        ids["arg"],
        Relation.UNDERCUTS,
        "undercut",
    )
    back = native.loads(native.dumps(m))
    assert back == m


def test_each_edit_is_undone_by_its_own_patch() -> None:
    m, ids = _debate()
    edits = [
        lambda x: so.move_step(x, ids["arg"], ids["p2"], 0),
        lambda x: so.set_step(x, ids["arg"], ids["p2"], role=StepRole.INTERMEDIATE),
        lambda x: so.remove_step(x, ids["arg"], ids["p1"]),
        lambda x: so.set_scheme(x, ids["arg"], "Cause to effect"),
        lambda x: so.add_section(x, "Ecology"),
        lambda x: so.set_tag_color(x, "policy", "#ff8800"),
        lambda x: so.save_view(x, View(name="Only policy", tags=("policy",))),
    ]
    for edit in edits:
        result = edit(m)
        assert result.map != m
        revalidate(result.map)
        assert ops.apply(result.map, result.undo).map == m


def test_an_intermediate_conclusion_cannot_end_the_structure_nor_the_conclusion_move_up() -> None:
    m, ids = _debate()
    with pytest.raises(EditError, match="main conclusion is the last step"):
        so.move_step(m, ids["arg"], ids["claim"], 0)
    with pytest.raises(EditError, match="last conclusion is the main one"):
        so.set_step(m, ids["arg"], ids["claim"], role=StepRole.INTERMEDIATE)
    assert _steps(m, ids["arg"])[-1] == (ids["claim"], "conclusion")


def test_a_premise_has_no_inference_line() -> None:
    with pytest.raises(ValidationError, match="a premise has no inference line"):
        Step(statement="a", role=StepRole.PREMISE, inference="modus ponens")
    m, ids = _debate()
    r = so.set_step(m, ids["arg"], ids["p1"], inference="ignored for a premise")
    assert r.map == m


def test_removing_a_placed_premise_removes_its_statement_but_not_a_shared_one() -> None:
    m, ids = _debate()
    r = so.remove_step(m, ids["arg"], ids["p1"])
    assert ids["p1"] not in r.map.nodes
    assert ops.apply(r.map, r.undo).map == m
    r = so.remove_step(m, ids["arg"], ids["claim"])  # the claim lives on its own
    assert ids["claim"] in r.map.nodes
    assert _steps(r.map, ids["arg"])[-1] == (ids["p2"], "premise")


def test_deleting_a_statement_takes_it_out_of_every_structure() -> None:
    m, ids = _debate()
    r = ops.delete_subtree(m, ids["p2"])
    assert [s for s, _ in _steps(r.map, ids["arg"])] == [ids["p1"], ids["claim"]]
    revalidate(r.map)
    assert ops.apply(r.map, r.undo).map == m


def test_a_step_must_be_another_statement_of_the_map() -> None:
    m, ids = _debate()
    with pytest.raises(EditError, match="not a step of its own structure"):
        so.add_step(m, ids["arg"], statement=ids["arg"])
    with pytest.raises(EditError, match="no node"):
        so.add_step(m, ids["arg"], statement="nowhere")
    other = so.set_argument(m, ids["cut"], True).map
    with pytest.raises(EditError, match="is an argument; steps are statements"):
        so.add_step(other, ids["arg"], statement=ids["cut"])
    with pytest.raises(EditError, match="is twice in one structure"):
        so.add_step(m, ids["arg"], statement=ids["p1"], index=0)
    with pytest.raises(EditError, match="is a step of argument"):
        so.set_argument(m, ids["p1"], True)
    with pytest.raises(EditError, match="is a statement, not an argument"):
        so.add_step(m, ids["claim"], text="x")


def test_an_undercut_needs_an_inference_and_keeps_one() -> None:
    m, ids = _debate()
    with pytest.raises(EditError, match="only an inference can be undercut"):
        so.add_undercut(m, ids["claim"])
    plain = ops.add_node(m, ids["claim"], Relation.REBUTS, "Shops lose customers")
    with pytest.raises(EditError, match="only an inference can be undercut"):
        so.add_undercut(plain.map, plain.node_id or "")
    # the undercut argument stays an argument or a support while it is undercut
    as_rebuttal = ops.set_relation(m, ids["arg"], Relation.REBUTS)  # an argument still
    revalidate(as_rebuttal.map)
    statement = so.set_argument(m, ids["arg"], False)  # a support still
    revalidate(statement.map)
    with pytest.raises(EditError, match="is undercut"):
        so.set_argument(as_rebuttal.map, ids["arg"], False)
    with pytest.raises(EditError, match="neither a support nor an argument"):
        ops.set_relation(statement.map, ids["arg"], Relation.REBUTS)
    with pytest.raises(EditError, match="neither a support nor an argument"):
        ops.move_node(statement.map, ids["arg"], None)
    with pytest.raises(EditError, match="neither a support nor an argument"):
        ops.add_link(m, ids["p1"], ids["claim"], Relation.UNDERCUTS)


def test_loading_refuses_an_undercut_of_what_has_no_inference(tmp_path: Path) -> None:
    m, ids = _debate()
    data = json.loads(native.dumps(m))
    for node in data["nodes"]:
        if node["id"] == ids["cut"]:
            node["parent"] = ids["claim"]
    with pytest.raises(ValueError, match="neither a support nor an argument"):
        ArgumentMap.model_validate(data)


def test_sections_nest_without_cycles_and_deleting_one_keeps_its_content() -> None:
    m, ids = _debate()
    m = so.add_section(m, "Ecology").map
    m = so.add_section(m, "Air", parent=m.sections[0].id).map
    outer, inner = m.sections[0].id, m.sections[1].id
    m = so.set_section(m, [ids["arg"], ids["p1"]], inner).map
    m = so.save_view(m, View(name="No air", hidden_sections=(inner,))).map
    with pytest.raises(EditError, match="cannot go inside itself"):
        so.nest_section(m, outer, inner)
    with pytest.raises(EditError, match="there is no section"):
        so.set_section(m, [ids["claim"]], "section99")
    r = so.delete_section(m, inner)
    assert r.map.nodes[ids["arg"]].section == outer
    assert r.map.views[0].hidden_sections == ()
    revalidate(r.map)
    assert ops.apply(r.map, r.undo).map == m
    m = so.rename_section(m, outer, "Environment").map
    assert m.sections[0].title == "Environment"
    with pytest.raises(EditError, match="cannot be empty"):
        so.rename_section(m, outer, "  ")


def test_the_structure_is_checked_when_a_file_is_read() -> None:
    base = {"format": "argmap", "version": 2}
    bad = [
        ({"nodes": [{"id": "a", "section": "s1"}]}, "section 's1' does not exist"),
        ({"nodes": [], "sections": [{"id": "s", "title": "A", "parent": "t"}]}, "does not exist"),
        (
            {
                "nodes": [],
                "sections": [
                    {"id": "s", "title": "A", "parent": "t"},
                    {"id": "t", "title": "B", "parent": "s"},
                ],
            },
            "section cycle",
        ),
        (
            {"nodes": [{"id": "a", "argument": {"pcs": [{"statement": "b"}]}}]},
            "node 'b' does not exist",
        ),
        ({"nodes": [], "tag_colors": {"x": "url(evil)"}}, "is not a colour"),
        ({"nodes": [], "views": [{"name": "v"}, {"name": "v"}]}, "two views are called 'v'"),
        ({"nodes": [], "views": [{"name": "v", "hidden_sections": ["s"]}]}, "does not exist"),
    ]
    for more, message in bad:
        with pytest.raises(ValueError, match=message):
            ArgumentMap.model_validate(base | more)


def test_schemes_bring_their_critical_questions_and_keep_what_was_ticked() -> None:
    m, ids = _debate()
    assert len(SCHEMES) >= 10 and all(SCHEMES.values())
    r = so.set_scheme(m, ids["arg"], "expert  opinion")
    argument = r.map.nodes[ids["arg"]].argument
    assert argument is not None and argument.questions
    assert [q.text for q in argument.questions] == list(questions_of("Expert opinion"))
    r = so.answer_question(r.map, ids["arg"], 1, True)
    r = so.set_scheme(r.map, ids["arg"], "Expert opinion")
    argument = r.map.nodes[ids["arg"]].argument
    assert argument is not None
    assert [q.answered for q in argument.questions][:3] == [False, True, False]
    with pytest.raises(EditError, match="no critical question 99"):
        so.answer_question(r.map, ids["arg"], 98, True)
    free = so.set_scheme(m, ids["arg"], "Our own scheme").map.nodes[ids["arg"]].argument
    assert free is not None and (free.scheme, free.questions) == ("Our own scheme", ())


def test_repaired_drops_dangling_steps_and_demotes_orphan_undercuts() -> None:
    m, ids = _debate()
    part = ops.extract_subtree(m, ids["arg"])  # the argument alone, as a claim
    revalidate(part)
    assert [s for s, _ in _steps(part, ids["arg"])] == [ids["p1"], ids["p2"]]
    nodes = {i: n for i, n in m.nodes.items() if i != ids["claim"]}
    nodes[ids["arg"]] = nodes[ids["arg"]].model_copy(
        update={"parent": None, "relation": None, "argument": None}
    )
    fixed = repaired(m.evolve(nodes=nodes))
    cut = fixed.nodes[ids["cut"]]
    assert (cut.relation, cut.meta.get("relation")) == (Relation.REBUTS, "undercut")
    revalidate(fixed)


def test_models_refuse_what_they_can_check_alone() -> None:
    with pytest.raises(ValidationError, match="cannot be empty"):
        Section(id="s", title=" ")
    with pytest.raises(ValidationError, match="one line"):
        View(name="two\nlines")
    with pytest.raises(ValidationError, match="is twice in one structure"):
        Argument(pcs=(Step(statement="a"), Step(statement="a", role=StepRole.CONCLUSION)))
    assert Argument(pcs=(Step(statement="a"),)).complete() is False
    done = Argument(pcs=(Step(statement="a"), Step(statement="b", role=StepRole.CONCLUSION)))
    assert done.complete() and done.conclusion() == "b" and done.premises() == ("a",)
