"""Computed acceptability: the worked examples of docs/evaluation.md, and Dung's grounded
semantics checked against an implementation written from the definition."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.model import Acceptance, ArgumentMap, Force, Relation, ops
from argmap.model import structure_ops as so
from argmap.model.evaluation import Label, Verdict, evaluate, explain, grounded_by_definition
from argmap.model.structure import StepRole
from tests.limits import time_limit

BUDGET = 10.0  # a hang guard, far above what the linear evaluation takes

IN, OUT, UNDEC = Label.IN, Label.OUT, Label.UNDECIDED


def claim(text: str = "C") -> ArgumentMap:
    return ops.add_claim(ArgumentMap(), text, node_id="C").map


def add(m: ArgumentMap, parent: str, relation: Relation, node_id: str, **fields) -> ArgumentMap:
    m = ops.add_node(m, parent, relation, node_id, node_id=node_id).map
    return ops.edit_node(m, node_id, **fields).map if fields else m


def assess(m: ArgumentMap, node_id: str, **fields) -> ArgumentMap:
    return ops.edit_node(m, node_id, **fields).map


def test_example_1_a_rebuttal_nobody_answers() -> None:
    m = add(claim(), "C", Relation.REBUTS, "R")
    assert evaluate(m) == {"C": OUT, "R": IN}
    assert explain(m)["C"].why == "out: rebutted by “R”, which stands"


def test_example_2_a_rebuttal_of_the_rebuttal() -> None:
    m = add(add(claim(), "C", Relation.REBUTS, "R"), "R", Relation.REBUTS, "R2")
    assert evaluate(m) == {"C": IN, "R": OUT, "R2": IN}
    assert explain(m)["C"].why == "in: presumed (not assessed); no standing rebuttal outweighs that"


def test_example_3_support_outweighs_a_weak_rebuttal() -> None:
    m = add(claim(), "C", Relation.SUPPORTS, "S", force=Force.STRONG)
    m = add(m, "C", Relation.REBUTS, "R", force=Force.WEAK)
    assert evaluate(m)["C"] is IN
    assert explain(m)["C"].why.startswith("in: supported by “S”")
    assert evaluate(assess(m, "R", force=Force.STRONG))["C"] is OUT  # a tie goes to the rebuttal


def test_example_4_co_premises_work_together() -> None:
    m = add(claim(), "C", Relation.SUPPORTS, "P1")
    m = ops.add_co_premise(m, "P1", "P2").map
    p2 = next(n for n in m.nodes if n not in ("C", "P1"))
    m = add(m, "C", Relation.REBUTS, "R")
    rejected = assess(m, "P1", acceptance=Acceptance.REJECTED)
    assert evaluate(rejected)["C"] is OUT
    accepted = assess(m, "P1", acceptance=Acceptance.ACCEPTED)
    assert evaluate(accepted)["C"] is OUT  # support 1 ties the rebuttal's 1
    strong = assess(assess(accepted, "P1", force=Force.STRONG), p2, force=Force.STRONG)
    assert evaluate(strong)["C"] is IN


def test_example_5_undecided_needs_a_reason() -> None:
    m = assess(claim(), "C", acceptance=Acceptance.UNDECIDED)
    assert evaluate(m) == {"C": OUT}
    assert explain(m)["C"].why == "out: undecided by you, and none of its reasons stands"
    assert evaluate(add(m, "C", Relation.SUPPORTS, "S"))["C"] is IN


def test_example_6_a_cycle() -> None:
    m = add(claim(), "C", Relation.REBUTS, "A")
    m = add(m, "A", Relation.REBUTS, "B")
    m = ops.add_link(m, "A", "B", Relation.REBUTS).map
    assert evaluate(m) == {"C": UNDEC, "A": UNDEC, "B": UNDEC}
    assert evaluate(assess(m, "B", acceptance=Acceptance.REJECTED)) == {"C": OUT, "A": IN, "B": OUT}


def test_no_force_is_ignored_and_rejected_is_out() -> None:
    m = add(claim(), "C", Relation.REBUTS, "R", force=Force.NONE)
    assert evaluate(m)["C"] is IN
    assert evaluate(assess(m, "C", acceptance=Acceptance.REJECTED))["C"] is OUT


@st.composite
def rebuttal_maps(draw) -> ArgumentMap:  # type: ignore[no-untyped-def]
    """Random maps of claims and rebuttals, with rebutting cross-links making cycles."""
    size = draw(st.integers(1, 14))
    m = ArgumentMap()
    ids: list[str] = []
    for k in range(size):
        node_id = f"n{k}"
        if not ids or draw(st.integers(0, 4)) == 0:
            m = ops.add_claim(m, node_id, node_id=node_id).map
        else:
            parent = draw(st.sampled_from(ids))
            m = ops.add_node(m, parent, Relation.REBUTS, node_id, node_id=node_id).map
        ids.append(node_id)
    for _ in range(draw(st.integers(0, 8))):
        a, b = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        if a != b:
            m = ops.add_link(m, a, b, Relation.REBUTS).map
    return m


@settings(max_examples=300, deadline=None)
@given(rebuttal_maps())
def test_equals_grounded_semantics_from_the_definition(m: ArgumentMap) -> None:
    assert evaluate(m) == grounded_by_definition(m)


@settings(max_examples=200, deadline=None)
@given(rebuttal_maps(), st.data())
def test_labels_are_a_fixed_point_with_supports_and_assessments(m: ArgumentMap, data) -> None:
    for node_id in list(m.nodes):
        acceptance = data.draw(st.sampled_from([None, *Acceptance]))
        force = data.draw(st.sampled_from([None, *Force]))
        m = ops.edit_node(m, node_id, acceptance=acceptance, force=force).map
        if data.draw(st.booleans()) and m.nodes[node_id].parent is not None:
            m = ops.set_relation(m, node_id, Relation.SUPPORTS).map
    labels = evaluate(m)
    verdicts = explain(m)
    for node_id, label in labels.items():
        assert verdicts[node_id].label is label
        assert verdicts[node_id].why.startswith(label.value if label is not UNDEC else "undecided")
        if m.nodes[node_id].acceptance is Acceptance.REJECTED:
            assert label is OUT


# -- linear work on wide maps (a GUI-thread freeze before) --------------------------------


def wide_map(
    nodes: list[dict[str, object]], links: tuple[dict[str, object], ...] = ()
) -> ArgumentMap:
    return ArgumentMap.model_validate({"nodes": nodes, "links": list(links)})


def fan(count: int) -> ArgumentMap:
    """One thesis and `count` rebuttals of it (a Kialo file of 99,998 Con: froze the app)."""
    nodes: list[dict[str, object]] = [{"id": "T", "text": "thesis"}]
    for i in range(count):
        con = {"id": f"c{i}", "text": f"con {i}", "parent": "T", "relation": "rebuts"}
        nodes.append({**con, "order": i})
    return wide_map(nodes)


def test_a_fan_of_rebuttals_is_explained_in_linear_time() -> None:
    """Before the fix explain() rebuilt the rebuttals' dict per standing rebuttal: 8,000
    took 2.4 s, 40,000 would take about a minute."""
    count = 40_000
    m = fan(count)
    with time_limit(BUDGET):
        labels = evaluate(m)
        verdicts = explain(m)
    assert labels["T"] is OUT and verdicts["T"].why == "out: rebutted by “con 0”, which stands"
    assert sum(label is IN for label in labels.values()) == count


def test_rebuttals_that_fall_one_by_one_are_evaluated_in_linear_time() -> None:
    """T has n rebuttals A_i; B_i rebuts A_i, and A_i rebuts B_(i+1) by a cross-link, so
    the A_i fall one at a time and T was looked at again after each (each look scanned all
    n: 20,000 took minutes)."""
    count = 20_000
    nodes: list[dict[str, object]] = [{"id": "T", "text": "thesis"}]
    for i in range(count):
        nodes.append({"id": f"a{i}", "text": "", "parent": "T", "relation": "rebuts", "order": i})
    for i in range(count):
        nodes.append({"id": f"b{i}", "text": "", "parent": f"a{i}", "relation": "rebuts"})
    links = [
        {"id": f"l{i}", "source": f"a{i}", "target": f"b{i + 1}", "relation": "rebuts"}
        for i in range(count - 1)
    ]
    m = wide_map(nodes, tuple(links))
    with time_limit(BUDGET):
        labels = evaluate(m)
        verdicts = explain(m)
    assert labels["T"] is IN and labels[f"a{count - 1}"] is OUT and labels[f"b{count - 1}"] is IN
    assert verdicts["T"].why == "in: presumed (not assessed); no standing rebuttal outweighs that"
    small = wide_map(nodes[:1] + nodes[1:4] + nodes[count + 1 : count + 4], tuple(links[:2]))
    assert evaluate(small) == grounded_by_definition(small)


# -- undercuts -------------------------------------------------------------------------

DOC = Path(__file__).resolve().parent.parent / "docs" / "evaluation.md"
_LINE = re.compile(
    r"(\w+)(?: (supports|rebuts|undercuts) (\w+))?(?: (strong|weak))?( argument)?\s*: (.+)"
)
_PREMISE = re.compile(r"(\w+) premise of (\w+)\s*: (.+)")
_ASSESSED = re.compile(r"(\w+) is (accepted|rejected|undecided)")

Steps = list[tuple[ArgumentMap, dict[str, Label]]]


def _premise(m: ArgumentMap, node_id: str, argument: str, text: str) -> ArgumentMap:
    """`node_id` placed under `argument` and added to its structure before its conclusion."""
    m = ops.add_node(m, argument, Relation.SUPPORTS, text, node_id=node_id).map
    pcs = m.nodes[argument].argument.pcs  # type: ignore[union-attr]
    at = len(pcs) - 1 if pcs and pcs[-1].role is StepRole.CONCLUSION else len(pcs)
    return so.add_step(m, argument, statement=node_id, index=at).map


def _example_line(m: ArgumentMap, line: str) -> ArgumentMap:
    """`m` with one line of an argmap-example block applied (see docs/evaluation.md)."""
    if found := _ASSESSED.fullmatch(line):
        return ops.edit_node(m, found[1], acceptance=Acceptance(found[2])).map
    if found := _PREMISE.fullmatch(line):
        return _premise(m, found[1], found[2], found[3])
    found = _LINE.fullmatch(line)
    assert found is not None, line
    node_id, relation, target, force, argument, text = found.groups()
    if relation is None:
        m = ops.add_claim(m, text, node_id=node_id).map
    else:
        m = ops.add_node(m, target, Relation(relation), text, node_id=node_id).map
    if force:
        m = ops.edit_node(m, node_id, force=Force(force)).map
    if argument:
        m = so.set_argument(m, node_id, True).map
        if relation == "supports":  # its structure argues for what it supports
            m = so.add_step(m, node_id, StepRole.CONCLUSION, statement=target).map
    return m


def _documented_examples() -> list[Steps]:
    """The maps of each argmap-example block of docs/evaluation.md, each with its labels."""
    examples = []
    for block in DOC.read_text(encoding="utf-8").split("```argmap-example\n")[1:]:
        m = ArgumentMap()
        steps: Steps = []
        for line in block.split("```")[0].splitlines():
            if line.startswith("=>"):
                labels = dict(item.split() for item in line[2:].split(","))
                steps.append((m, {k: Label(v) for k, v in labels.items()}))
            else:
                m = _example_line(m, line.strip())
        assert len(steps) >= 3
        examples.append(steps)
    return examples


def test_example_7_is_the_documented_undercut() -> None:
    steps = _documented_examples()[0]
    for m, labels in steps:
        assert evaluate(m) == labels
    undercut = steps[1][0]
    assert explain(undercut)["C"].why == (
        "out: rebutted by “Shops lose customers when cars are banned.”, which stands"
    )


def test_examples_8_and_9_are_the_documented_ones() -> None:
    """Example 8: an undercut of an undercut gives back what the first one cut (before,
    C stayed out).  Example 9: an argument stands only while its premises do (before, it
    stood with a premise rebutted or rejected)."""
    examples = _documented_examples()
    assert len(examples) == 3
    for steps in examples[1:]:
        for m, labels in steps:
            assert evaluate(m) == labels
    cut, recut = examples[1][1][0], examples[1][2][0]
    assert explain(cut)["C"].why.startswith("out: rebutted by “His phone")
    assert explain(recut)["C"].why == "in: supported by “A witness saw him there.”; " + (
        "no standing rebuttal outweighs that"
    )
    rebutted, rejected = examples[2][1][0], examples[2][3][0]
    assert explain(rebutted)["A"].why == (
        "out: its premise “Cyclists are hurt on the main road every month.” does not stand"
    )
    assert explain(rejected)["A"].why == (
        "out: its premise “A separate lane prevents most of these accidents.” does not stand"
    )


def test_a_standing_undercut_makes_its_reason_not_count() -> None:
    m = add(claim(), "C", Relation.SUPPORTS, "S")
    m = assess(m, "C", acceptance=Acceptance.UNDECIDED)  # C stands only by its reason
    assert evaluate(m)["C"] is IN
    cut = add(m, "S", Relation.UNDERCUTS, "U")
    assert evaluate(cut) == {"C": OUT, "S": IN, "U": IN}
    assert explain(cut)["C"].why == "out: its reason is undercut by “U”, which stands"
    # an undercut with no force is ignored; a rejected one is out, so the reason counts
    assert evaluate(assess(cut, "U", force=Force.NONE))["C"] is IN
    assert evaluate(assess(cut, "U", acceptance=Acceptance.REJECTED))["C"] is IN


def test_an_undecided_undercut_leaves_its_reason_open() -> None:
    m = assess(add(claim(), "C", Relation.SUPPORTS, "S"), "C", acceptance=Acceptance.UNDECIDED)
    m = add(m, "S", Relation.UNDERCUTS, "U")
    m = add(m, "U", Relation.REBUTS, "A")
    m = ops.add_link(m, "U", "A", Relation.REBUTS).map  # U and A attack each other
    assert evaluate(m) == {"C": UNDEC, "S": IN, "U": UNDEC, "A": UNDEC}


def test_an_undercut_of_a_co_premise_undercuts_the_group_and_of_a_rebuttal_the_attack() -> None:
    m = add(claim(), "C", Relation.SUPPORTS, "P1")
    m = ops.add_co_premise(m, "P1", "P2").map
    m = assess(m, "C", acceptance=Acceptance.UNDECIDED)
    assert evaluate(m)["C"] is IN
    assert evaluate(add(m, "P1", Relation.UNDERCUTS, "U"))["C"] is OUT
    rebutted = add(claim(), "C", Relation.REBUTS, "R")
    rebutted = so.set_argument(rebutted, "R", True).map  # an argument's inference
    assert evaluate(rebutted)["C"] is OUT
    cut = so.add_undercut(rebutted, "R", "U").map
    labels = evaluate(cut)
    assert (labels["C"], labels["R"]) == (IN, IN)


def test_a_cross_link_undercut_counts_like_one_in_the_tree() -> None:
    m = assess(add(claim(), "C", Relation.SUPPORTS, "S"), "C", acceptance=Acceptance.UNDECIDED)
    m = ops.add_claim(m, "U", node_id="U").map
    linked = ops.add_link(m, "U", "S", Relation.UNDERCUTS).map
    assert evaluate(linked) == {"C": OUT, "S": IN, "U": IN}
    twice = ops.add_link(linked, "U", "S", Relation.UNDERCUTS).map  # the same undercut twice
    assert evaluate(twice) == evaluate(linked)


def test_an_undercut_of_a_statement_attacks_only_its_own_inference() -> None:
    """U undercuts S's support of C; S's cross-link support of T is another inference and
    still counts.  An argument's inference is its own: an undercut of it defeats every
    support it gives."""
    m = assess(add(claim(), "C", Relation.SUPPORTS, "S"), "C", acceptance=Acceptance.UNDECIDED)
    m = ops.add_claim(m, "T", node_id="T").map
    m = assess(m, "T", acceptance=Acceptance.UNDECIDED)
    m = ops.add_link(m, "S", "T", Relation.SUPPORTS).map
    cut = add(m, "S", Relation.UNDERCUTS, "U")
    assert evaluate(cut) == {"C": OUT, "S": IN, "T": IN, "U": IN}
    assert explain(cut)["T"].why == "in: supported by “S” and not rebutted"
    argument = add(so.set_argument(m, "S", True).map, "S", Relation.UNDERCUTS, "U")
    assert evaluate(argument) == {"C": OUT, "S": IN, "T": OUT, "U": IN}
    assert explain(argument)["T"].why == "out: its reason is undercut by “U”, which stands"


# -- undercuts of undercuts, and arguments resting on their premises ------------------


def _cut_twice() -> ArgumentMap:
    """C (undecided) <- S; the argument U1 undercuts S; the argument U2 undercuts U1."""
    m = assess(add(claim(), "C", Relation.SUPPORTS, "S"), "C", acceptance=Acceptance.UNDECIDED)
    m = so.set_argument(add(m, "S", Relation.UNDERCUTS, "U1"), "U1", True).map
    assert evaluate(m)["C"] is OUT
    return so.set_argument(add(m, "U1", Relation.UNDERCUTS, "U2"), "U2", True).map


def test_an_undercut_of_an_undercut_gives_back_what_it_cut() -> None:
    """Before, U2 made no difference: U1 stood, so it still cut S and C stayed out."""
    m = _cut_twice()
    assert evaluate(m) == {"C": IN, "S": IN, "U1": IN, "U2": IN}
    assert explain(m)["C"].why == "in: supported by “S” and not rebutted"
    # U2 rejected, U1 cuts again; a third undercut of U2 does the same
    assert evaluate(assess(m, "U2", acceptance=Acceptance.REJECTED))["C"] is OUT
    assert evaluate(assess(m, "U2", force=Force.NONE))["C"] is OUT
    thrice = add(m, "U2", Relation.UNDERCUTS, "U3")
    assert evaluate(thrice) == {"C": OUT, "S": IN, "U1": IN, "U2": IN, "U3": IN}
    assert explain(thrice)["C"].why == "out: its reason is undercut by “U1”, which stands"


def test_an_undercut_by_cross_link_is_given_back_by_an_undercut_of_it() -> None:
    m = assess(add(claim(), "C", Relation.SUPPORTS, "S"), "C", acceptance=Acceptance.UNDECIDED)
    m = so.set_argument(ops.add_claim(m, "U1", node_id="U1").map, "U1", True).map
    m = ops.add_link(m, "U1", "S", Relation.UNDERCUTS).map
    assert evaluate(m)["C"] is OUT
    assert evaluate(add(m, "U1", Relation.UNDERCUTS, "U2"))["C"] is IN


def test_undercuts_that_cut_each_other_leave_the_reason_undecided() -> None:
    both = ops.add_link(_cut_twice(), "U1", "U2", Relation.UNDERCUTS).map  # U2 cuts U1 too
    assert evaluate(both) == {"C": UNDEC, "S": IN, "U1": IN, "U2": IN}
    assert explain(both)["C"].why == "undecided: its reasons are undecided"


def test_a_long_chain_of_undercuts_is_evaluated_without_recursion() -> None:
    """Each argument a_i undercuts a_(i-1), and a_0 undercuts S: the last one standing
    decides, 20,000 deep."""
    count = 20_000
    nodes: list[dict[str, object]] = [
        {"id": "C", "text": "C", "acceptance": "undecided"},
        {"id": "S", "text": "S", "parent": "C", "relation": "supports"},
    ]
    for i in range(count):
        parent = f"a{i - 1}" if i else "S"
        nodes.append(
            {"id": f"a{i}", "text": "", "parent": parent, "relation": "undercuts", "argument": {}}
        )
    with time_limit(BUDGET):
        labels = evaluate(wide_map(nodes))
    assert labels["C"] is IN  # an even number of undercuts: a_0 is cut
    with time_limit(BUDGET):
        assert evaluate(wide_map(nodes[:-1]))["C"] is OUT


def _argued(premise_fields: dict[str, object] | None = None) -> ArgumentMap:
    """C (undecided) <- the argument A, whose structure is P (premise), I (intermediate),
    C (conclusion); P and I are placed under A."""
    m = assess(add(claim(), "C", Relation.SUPPORTS, "A"), "C", acceptance=Acceptance.UNDECIDED)
    m = so.set_argument(m, "A", True).map
    m = so.add_step(m, "A", StepRole.CONCLUSION, statement="C").map
    m = _premise(m, "P", "A", "P")
    m = _premise(m, "I", "A", "I")
    m = so.set_step(m, "A", "I", role=StepRole.INTERMEDIATE).map
    return assess(m, "P", **premise_fields) if premise_fields else m


def test_an_argument_whose_premise_is_rejected_is_out() -> None:
    """Before, A stood with its only premise rejected: premises did not count."""
    m = _argued()
    assert evaluate(m) == {"C": IN, "A": IN, "P": IN, "I": IN}
    rejected = _argued({"acceptance": Acceptance.REJECTED})
    assert evaluate(rejected) == {"C": OUT, "A": OUT, "P": OUT, "I": IN}
    assert explain(rejected)["A"].why == "out: its premise “P” does not stand"
    # a premise that is only placed under A, not a step, has no such weight
    loose = add(_argued(), "A", Relation.SUPPORTS, "L", acceptance=Acceptance.REJECTED)
    assert evaluate(loose)["A"] is IN


def test_an_argument_rests_on_its_intermediate_conclusions_not_its_conclusion() -> None:
    m = add(_argued(), "I", Relation.REBUTS, "R")
    assert evaluate(m) == {"C": OUT, "A": OUT, "P": IN, "I": OUT, "R": IN}
    assert explain(m)["A"].why == "out: its intermediate conclusion “I” does not stand"
    attacked = add(_argued(), "C", Relation.REBUTS, "R", force=Force.WEAK)
    labels = evaluate(attacked)
    assert (labels["A"], labels["C"]) == (IN, IN)
    rebutted = add(_argued(), "C", Relation.REBUTS, "R", force=Force.STRONG)
    assert evaluate(rebutted)["A"] is IN  # its conclusion falls, the argument stands


def test_an_argument_with_an_undecided_premise_is_undecided() -> None:
    m = add(_argued(), "P", Relation.REBUTS, "X")
    m = ops.add_link(m, "P", "X", Relation.REBUTS).map  # P and X attack each other
    labels = evaluate(m)
    assert (labels["P"], labels["A"], labels["C"]) == (UNDEC, UNDEC, UNDEC)
    assert explain(m)["A"].why == "undecided: its premise “P” is undecided"
    # out for another reason all the same: a standing rebuttal of A itself
    beaten = add(m, "A", Relation.REBUTS, "B", force=Force.STRONG)
    assert evaluate(beaten)["A"] is OUT


# -- what mutation testing found unchecked (mutmut over the evaluation) -----------------


def test_a_cut_that_settles_settles_every_link_it_cuts() -> None:
    """The argument A supports C in the tree and T by a cross-link; U1 undercuts A by a
    cross-link and U2 undercuts U1.  U2 is labelled before A, so when its cut settles the
    cut of U1, both of A's links are still open: each must count A's label later."""
    nodes: list[dict[str, object]] = [
        {"id": "C", "text": "C", "acceptance": "undecided"},
        {"id": "T", "text": "T", "acceptance": "undecided"},
        {"id": "U1", "text": "U1", "argument": {}},
        {"id": "U2", "text": "U2", "parent": "U1", "relation": "undercuts", "argument": {}},
        {"id": "A", "text": "A", "parent": "C", "relation": "supports", "argument": {}},
    ]
    links = (
        {"id": "x1", "source": "A", "target": "T", "relation": "supports"},
        {"id": "x2", "source": "U1", "target": "A", "relation": "undercuts"},
    )
    assert evaluate(wide_map(nodes, links)) == {"C": IN, "T": IN, "U1": IN, "U2": IN, "A": IN}


def test_a_link_already_out_is_counted_out_once() -> None:
    """C has two reasons of one weight: the group {A, B} (B rejected) and X (undecided, in
    a cycle); A also supports T by a cross-link.  The undercut U of the argument A then
    cuts a link that is already out and one that is not: C stays undecided (its group is
    out once, not twice) and T is out."""
    nodes: list[dict[str, object]] = [
        {"id": "C", "text": "C", "acceptance": "undecided"},
        {"id": "T", "text": "T", "acceptance": "undecided"},
        {"id": "A", "text": "A", "parent": "C", "relation": "supports", "group": "g"},
        {"id": "B", "text": "B", "parent": "C", "relation": "supports", "group": "g"},
        {"id": "X", "text": "X", "parent": "C", "relation": "supports", "order": 1},
        {"id": "Y", "text": "Y", "parent": "X", "relation": "rebuts"},
        {"id": "U", "text": "U", "parent": "A", "relation": "undercuts"},
    ]
    nodes[2]["argument"] = {}
    nodes[3]["acceptance"] = "rejected"
    links = (
        {"id": "x1", "source": "A", "target": "T", "relation": "supports"},
        {"id": "x2", "source": "Y", "target": "X", "relation": "rebuts"},
        {"id": "x3", "source": "X", "target": "Y", "relation": "rebuts"},
    )
    labels = evaluate(wide_map(nodes, links))
    assert (labels["C"], labels["T"], labels["X"], labels["A"]) == (UNDEC, OUT, UNDEC, IN)


def test_a_cross_link_of_no_force_is_ignored_and_the_next_one_still_counts() -> None:
    m = assess(claim(), "C", acceptance=Acceptance.UNDECIDED)
    m = assess(ops.add_claim(m, "N", node_id="N").map, "N", force=Force.NONE)
    m = ops.add_claim(m, "L", node_id="L").map
    m = ops.add_link(m, "N", "C", Relation.SUPPORTS).map  # no force: no reason
    assert evaluate(m)["C"] is OUT
    assert evaluate(ops.add_link(m, "L", "C", Relation.SUPPORTS).map)["C"] is IN
    supported = add(m, "C", Relation.SUPPORTS, "S")
    cut = so.set_argument(supported, "N", True).map
    assert evaluate(ops.add_link(cut, "N", "S", Relation.UNDERCUTS).map)["C"] is IN


def test_a_rebuttal_that_could_tie_the_support_leaves_it_undecided() -> None:
    m = add(claim(), "C", Relation.SUPPORTS, "S", force=Force.STRONG)
    m = add(m, "C", Relation.REBUTS, "R", force=Force.STRONG)
    m = add(m, "R", Relation.REBUTS, "Q")
    m = ops.add_link(m, "R", "Q", Relation.REBUTS).map  # R and Q attack each other
    assert evaluate(m)["C"] is UNDEC
    verdict = explain(m)["C"]
    assert (verdict.label, verdict.why) == (UNDEC, "undecided: rebutted by “R”, which is undecided")


def test_an_explanation_names_a_long_statement_by_its_first_fifty_characters() -> None:
    for length, shown in ((50, "x" * 50), (51, "x" * 50 + "…"), (60, "x" * 50 + "…")):
        m = add(claim(), "C", Relation.REBUTS, "R")
        m = ops.edit_node(m, "R", text="x" * length).map
        assert explain(m)["C"].why == f"out: rebutted by “{shown}”, which stands"


def test_the_verdicts_of_arguments_and_undercuts_carry_their_labels() -> None:
    m = _argued()
    assert explain(m)["A"] == Verdict(IN, "in: supported by “P” and not rebutted")
    rejected = _argued({"acceptance": Acceptance.REJECTED})
    assert explain(rejected)["A"].label is OUT
    cut = add(
        assess(add(claim(), "C", Relation.SUPPORTS, "S"), "C", acceptance=Acceptance.UNDECIDED),
        "S",
        Relation.UNDERCUTS,
        "U",
    )
    assert explain(cut)["C"].label is OUT


def test_the_explanations_leave_out_reasons_and_rebuttals_of_no_force() -> None:
    """A reason or rebuttal of no force is ignored, by the verdict's sentence too."""
    m = assess(claim(), "C", acceptance=Acceptance.UNDECIDED)
    m = add(m, "C", Relation.REBUTS, "R", force=Force.NONE)
    assert explain(m)["C"].why == "out: undecided by you, and none of its reasons stands"
    m = add(claim(), "C", Relation.SUPPORTS, "S", force=Force.NONE)
    assert explain(m)["C"].why == "in: presumed (not assessed) and not rebutted"
    grouped = ops.add_co_premise(m, "S", "S2").map
    assert explain(grouped)["C"].why == "in: presumed (not assessed) and not rebutted"
