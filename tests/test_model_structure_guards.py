"""The guard clauses of the structure edits and checks, one by one (closing the mutants
`make mutate` found surviving in structure_ops, consistency, structure and migrate)."""

from __future__ import annotations

import re

import pytest

from argmap.model import ArgumentMap, CrossLink, EditError, Node, Relation, ops, revalidate
from argmap.model import structure_ops as so
from argmap.model.consistency import has_inference, repaired, structure_problems
from argmap.model.structure import Section, Step, StepRole, View, check_pcs
from tests.test_model_structure import _debate, _steps


def _exactly(message: str) -> str:
    return "^" + re.escape(message) + "$"


def test_each_edit_names_the_node_it_is_about() -> None:
    m, ids = _debate()
    arg, p1 = ids["arg"], ids["p1"]
    assert so.set_argument(m, ids["cut"], True).node_id is None  # no node to select anew
    assert so.set_argument(m, arg, False).node_id == arg
    assert so.set_argument(m, arg, True).node_id == arg  # already one: nothing done
    assert so.move_step(m, arg, ids["p2"], 0).node_id == arg
    assert so.set_step(m, arg, ids["claim"], inference="new rule").node_id == arg
    assert so.set_step(m, arg, p1).node_id == arg  # nothing changed
    assert so.remove_step(m, arg, p1).node_id == arg  # the statement went with it
    assert so.remove_step(m, arg, ids["claim"]).node_id == arg  # the statement stays
    assert so.set_scheme(m, arg, "Sign").node_id == arg
    assert so.set_scheme(m, arg, "").node_id == arg  # nothing changed
    assert so.answer_question(so.set_scheme(m, arg, "Sign").map, arg, 0, True).node_id == arg
    assert so.answer_question(so.set_scheme(m, arg, "Sign").map, arg, 0, False).node_id == arg
    added = so.add_undercut(m, ids["p1"], "a doubt")
    assert added.node_id is not None and added.map.nodes[added.node_id].text == "a doubt"
    made = so.add_step(m, arg, text="new premise", index=1)
    assert made.node_id is not None and made.map.nodes[made.node_id].text == "new premise"


def test_a_step_goes_where_it_is_asked_and_is_a_premise_by_default() -> None:
    m, ids = _debate()
    arg = ids["arg"]
    first = so.add_step(m, arg, text="first", index=0)
    assert _steps(first.map, arg)[0] == (first.node_id, "premise")
    second = so.add_step(m, arg, text="second", index=1)
    assert _steps(second.map, arg)[1] == (second.node_id, "premise")
    low = so.add_step(m, arg, text="low", index=-5)
    assert _steps(low.map, arg)[0][0] == low.node_id
    placed = second.map.nodes[second.node_id or ""]
    assert (placed.parent, placed.relation) == (arg, Relation.SUPPORTS)
    assert placed.meta == {"relation": so.PLACED_PREMISE}
    middle = so.add_step(m, arg, StepRole.INTERMEDIATE, "between", index=2, inference="r")
    step = middle.map.nodes[arg].argument.pcs[2]  # type: ignore[union-attr]
    assert (step.role, step.inference) == (StepRole.INTERMEDIATE, "r")


def test_removing_the_main_conclusion_makes_the_intermediate_before_it_the_main_one() -> None:
    m, ids = _debate()
    arg = ids["arg"]
    m = so.set_step(m, arg, ids["p2"], role=StepRole.INTERMEDIATE, inference="mp").map
    r = so.remove_step(m, arg, ids["claim"])
    assert _steps(r.map, arg) == [(ids["p1"], "premise"), (ids["p2"], "conclusion")]
    assert r.map.nodes[arg].argument.pcs[-1].inference == "mp"  # type: ignore[union-attr]
    revalidate(r.map)


@pytest.mark.parametrize("why", ["has a child", "is linked", "is used elsewhere", "not placed"])
def test_removing_a_step_keeps_a_statement_that_lives_on(why: str) -> None:
    m, ids = _debate()
    arg, p1 = ids["arg"], ids["p1"]
    if why == "has a child":
        m = ops.add_node(m, p1, Relation.REBUTS, "no").map
    elif why == "is linked":
        m = ops.add_link(m, p1, ids["claim"], Relation.SUPPORTS).map
    elif why == "is used elsewhere":
        m = so.set_argument(m, ids["cut"], True).map
        m = so.add_step(m, ids["cut"], statement=p1).map
    else:
        m = ops.edit_node(m, p1, meta={}).map
    r = so.remove_step(m, arg, p1)
    assert p1 in r.map.nodes and p1 not in [s for s, _ in _steps(r.map, arg)]
    revalidate(r.map)


def test_a_step_not_in_the_structure_is_named() -> None:
    m, ids = _debate()
    for edit in (so.remove_step, so.set_step, lambda x, a, s: so.move_step(x, a, s, 0)):
        with pytest.raises(
            EditError,
            match=_exactly(f"statement 'nowhere' is not a step of argument '{ids['arg']}'"),
        ):
            edit(m, ids["arg"], "nowhere")


def test_set_step_keeps_what_it_is_not_told_to_change() -> None:
    m, ids = _debate()
    arg, claim = ids["arg"], ids["claim"]
    r = so.set_step(m, arg, claim, inference="by analogy")
    assert r.map.nodes[arg].argument.pcs[-1].inference == "by analogy"  # type: ignore[union-attr]
    again = so.set_step(r.map, arg, claim, role=StepRole.CONCLUSION)
    assert again.map.nodes[arg].argument.pcs[-1].inference == "by analogy"  # type: ignore[union-attr]
    to_premise = so.set_step(m, arg, ids["p2"], role=StepRole.INTERMEDIATE, inference="x")
    back = so.set_step(to_premise.map, arg, ids["p2"], role=StepRole.PREMISE)
    assert back.map.nodes[arg].argument.pcs[1].inference == ""  # type: ignore[union-attr]


def test_a_free_scheme_keeps_its_questions_and_a_new_one_drops_them() -> None:
    m, ids = _debate()
    arg = ids["arg"]
    m = so.set_scheme(m, arg, "Sign").map
    m = so.answer_question(m, arg, 1, True).map
    argument = m.nodes[arg].argument
    assert argument is not None and argument.questions[1].answered
    free = so.set_scheme(m, arg, "My scheme").map.nodes[arg].argument
    assert free is not None and free.questions == ()
    kept = m.nodes[arg].argument
    assert kept is not None
    questions = (*kept.questions,)
    mine = m.evolve(
        nodes={
            **m.nodes,
            arg: m.nodes[arg].model_copy(
                update={
                    "argument": kept.model_copy(
                        update={"scheme": "My scheme", "questions": questions}
                    )
                }
            ),
        }
    )
    same = so.set_scheme(mine, arg, "My  scheme")  # the same free scheme: questions stay
    assert same.map == mine


def test_critical_questions_are_counted_from_the_first_to_the_last() -> None:
    m, ids = _debate()
    arg = ids["arg"]
    m = so.set_scheme(m, arg, "Sign").map  # two questions
    assert so.answer_question(m, arg, 0, True).map != m
    assert so.answer_question(m, arg, 1, True).map != m
    for index in (-1, 2):
        with pytest.raises(
            EditError, match=_exactly(f"argument '{arg}' has no critical question {index + 1}")
        ):
            so.answer_question(m, arg, index, True)


def test_an_argument_undercut_through_a_cross_link_stays_an_argument() -> None:
    m, ids = _debate()
    arg = ids["arg"]
    m = ops.delete_subtree(m, ids["cut"]).map
    m = ops.set_relation(m, arg, Relation.REBUTS).map
    other = ops.add_claim(m, "a doubt", node_id="doubt").map
    linked = ops.add_link(other, "doubt", arg, Relation.UNDERCUTS).map
    with pytest.raises(EditError, match="is undercut"):
        so.set_argument(linked, arg, False)
    supported = ops.add_link(other, "doubt", arg, Relation.SUPPORTS).map
    assert so.set_argument(supported, arg, False).map.nodes[arg].argument is None
    child = ops.add_node(m, arg, Relation.REBUTS, "rebuttal of the argument").map
    assert so.set_argument(child, arg, False).map.nodes[arg].argument is None


def test_sections_nest_move_and_are_named_when_missing() -> None:
    m, _ = _debate()
    for title in ("A", "B", "C"):
        m = so.add_section(m, title).map
    r = so.nest_section(m, "section3", "section1")
    assert [(s.id, s.parent) for s in r.map.sections] == [
        ("section1", None),
        ("section2", None),
        ("section3", "section1"),
    ]
    deeper = so.nest_section(r.map, "section1", "section2").map
    with pytest.raises(EditError, match=_exactly("section 'section2' cannot go inside itself")):
        so.nest_section(deeper, "section2", "section3")
    with pytest.raises(EditError, match=_exactly("there is no section 'zz'")):
        so.nest_section(m, "section1", "zz")
    with pytest.raises(EditError, match=_exactly("there is no section 'zz'")):
        so.nest_section(m, "zz", None)
    assert so.nest_section(m, "section1", None).map == m
    assert so.nest_section(m, "section1", None).redo.is_empty()  # no change, no undo step
    long_name = "z" * 70
    with pytest.raises(EditError, match=_exactly(f"there is no section '{'z' * 63}…'")):
        so.nest_section(m, "section1", long_name)
    assert so.rename_section(m, "section2", "B").map == m
    renamed = so.rename_section(m, "section2", "Bee").map
    assert [s.title for s in renamed.sections] == ["A", "Bee", "C"]


def test_a_new_section_s_id_is_the_first_free_one_after_the_count() -> None:
    m, _ = _debate()
    for title in ("A", "B", "C"):
        m = so.add_section(m, title).map
    m = so.delete_section(m, "section2").map
    m = so.add_section(m, "D").map
    assert [s.id for s in m.sections] == ["section1", "section3", "section4"]
    m = so.delete_section(m, "section1").map
    m = so.add_section(m, "E").map
    assert [s.id for s in m.sections] == ["section3", "section4", "section5"]


def test_deleting_a_section_lifts_its_sections_and_nodes_one_level() -> None:
    m, ids = _debate()
    m = so.add_section(m, "Top").map
    m = so.add_section(m, "Middle", parent="section1").map
    m = so.add_section(m, "Inner", parent="section2").map
    m = so.add_section(m, "Other").map
    m = so.set_section(m, [ids["arg"]], "section2").map
    r = so.delete_section(m, "section2")
    assert [(s.id, s.parent) for s in r.map.sections] == [
        ("section1", None),
        ("section3", "section1"),
        ("section4", None),
    ]
    assert r.map.nodes[ids["arg"]].section == "section1"
    with pytest.raises(EditError, match=_exactly("there is no section 'section9'")):
        so.delete_section(m, "section9")


def test_views_replace_by_name_and_refuse_unknown_sections() -> None:
    m, _ = _debate()
    m = so.save_view(m, View(name="a", tags=("x",))).map
    m = so.save_view(m, View(name="b")).map
    r = so.save_view(m, View(name="a", tags=("y",)))
    assert [(v.name, v.tags) for v in r.map.views] == [("a", ("y",)), ("b", ())]
    assert so.save_view(m, View(name="b")).map == m
    with pytest.raises(EditError, match=_exactly("there is no section 's'")):
        so.save_view(m, View(name="c", hidden_sections=("s",)))
    with pytest.raises(EditError, match=_exactly("there is no view 'zz'")):
        so.delete_view(m, "zz")
    assert [v.name for v in so.delete_view(m, "a").map.views] == ["b"]


def test_tag_colours_are_set_trimmed_cleared_and_refused() -> None:
    m, _ = _debate()
    r = so.set_tag_color(m, "policy", "  #a1b2c3 ")
    assert r.map.tag_colors == {"policy": "#a1b2c3"}
    assert so.set_tag_color(r.map, "policy", "#a1b2c3").map == r.map
    assert so.set_tag_color(r.map, "policy", None).map.tag_colors == {}
    assert so.set_tag_color(m, "policy", None).map == m
    with pytest.raises(
        EditError, match=_exactly("'#12' is not a colour: use #rrggbb or a colour name")
    ):
        so.set_tag_color(m, "policy", "#12")
    with pytest.raises(EditError, match=_exactly("a tag colour needs a tag")):
        so.set_tag_color(m, "", "red")


def test_the_checks_name_the_step_and_stop_at_a_missing_parent_section() -> None:
    with pytest.raises(ValueError, match="step 1: the main conclusion is the last step"):
        check_pcs((Step(statement="a", role=StepRole.CONCLUSION), Step(statement="b")))
    with pytest.raises(ValueError, match="step 2: the last conclusion is the main one"):
        check_pcs((Step(statement="a"), Step(statement="b", role=StepRole.INTERMEDIATE)))
    argument = Node(id="a", argument={"pcs": [{"statement": "s"}, {"statement": "a"}]})
    m = ArgumentMap.model_construct(
        nodes={"a": argument},
        links=(),
        sections=(Section(id="s1", title="x", parent="gone"),),
        tag_colors={},
        views=(),
    )
    assert list(structure_problems(m)) == [
        "argument 'a', step 1: node 's' does not exist",
        "argument 'a', step 2: an argument is not its own premise",
        "section 's1': parent section 'gone' does not exist",
    ]
    assert has_inference(None) is False


def test_repaired_turns_the_last_intermediate_into_the_conclusion_and_demotes_links() -> None:
    m, ids = _debate()
    arg = ids["arg"]
    m = so.set_step(m, arg, ids["p2"], role=StepRole.INTERMEDIATE).map
    m = ops.add_claim(m, "outside", node_id="out").map
    m = ops.add_link(m, "out", ids["p1"], Relation.REBUTS).map
    m = ops.add_link(m, "out", arg, Relation.UNDERCUTS).map
    nodes = {i: n for i, n in m.nodes.items() if i != ids["claim"]}
    part = repaired(m.evolve(nodes=nodes))
    assert _steps(part, arg) == [(ids["p1"], "premise"), (ids["p2"], "conclusion")]
    assert [x.relation for x in part.links] == [Relation.REBUTS, Relation.UNDERCUTS]
    plain = {
        **nodes,
        arg: nodes[arg].model_copy(update={"argument": None, "relation": Relation.REBUTS}),
    }
    cut = repaired(m.evolve(nodes=plain))
    link = cut.links[-1]
    assert isinstance(link, CrossLink)
    assert (link.relation, link.meta) == (Relation.REBUTS, {"relation": "undercut"})
    assert cut.links[0] == m.links[0]  # the rebuttal is left as it was
    assert repaired(m) is m


def test_a_tag_colour_for_an_unsaveable_tag_is_refused() -> None:
    m, _ = _debate()
    with pytest.raises(EditError, match="lone surrogate"):
        so.set_tag_color(m, "\ud800", "red")


# -- a node named twice, an undercut with nothing to undercut (adversary finding h) ------


def _round_trip(m: ArgumentMap) -> ArgumentMap:
    from argmap.formats import native

    return native.loads(native.dumps(m))


@pytest.mark.parametrize("edit", ["add_section", "set_section"])
def test_a_node_named_twice_moves_once_and_undo_gives_the_map_back(edit: str) -> None:
    """Before, each mention went into the patch: the undo put back the node as the first
    mention left it, so undo kept the node in the section."""
    m, ids = _debate()
    m = so.add_section(m, "First").map
    claim, p1 = ids["claim"], ids["p1"]
    before = m.model_dump()
    if edit == "add_section":
        r = so.add_section(m, "Both", members=[claim, p1, claim])
    else:
        r = so.set_section(m, [claim, p1, claim, p1], "section1")
    assert m.model_dump() == before
    target = r.map.sections[-1].id
    assert (r.map.nodes[claim].section, r.map.nodes[p1].section) == (target, target)
    assert [n.id for n in r.redo.put_nodes] == [claim, p1]
    assert ops.apply(m, r.redo).map == r.map
    undone = ops.apply(r.map, r.undo).map
    assert undone == m and undone.model_dump() == before
    again = _round_trip(undone)
    assert again == m and (again.nodes[claim].section, again.nodes[p1].section) == (None, None)


@pytest.mark.parametrize("target", ["claim", "rebuttal", "cut"])
def test_an_undercut_of_what_has_no_inference_is_refused_and_changes_nothing(target: str) -> None:
    """Before, add_node made the undercut of a claim (or a rebuttal, or an undercut that
    is a statement) and returned a map that failed to reload."""
    m, ids = _debate()
    m = ops.add_node(m, ids["claim"], Relation.REBUTS, "Shops lose trade", node_id="rebuttal").map
    node_id = ids.get(target, target)
    before = m.model_dump()
    with pytest.raises(EditError) as info:
        ops.add_node(m, node_id, Relation.UNDERCUTS, "a cut")
    assert str(info.value) == (
        f"node '{node_id}' is neither a support nor an argument; only an inference can be "
        "undercut (to attack what a node says, add a rebuttal)"
    )
    assert m.model_dump() == before
    with pytest.raises(EditError, match=_exactly(str(info.value))):
        so.add_undercut(m, node_id, "a cut")
    for inference in (ids["arg"], ids["p1"]):  # an argument and a support: both undercut
        cut = ops.add_node(m, inference, Relation.UNDERCUTS, "a cut")
        assert _round_trip(cut.map) == cut.map
