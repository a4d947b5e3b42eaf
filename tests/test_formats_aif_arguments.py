"""AIF arguments, schemes and undercuts (issue 15): an RA naming a scheme is an argument
whose structure lists its premises and conclusion; a CA into an RA undercuts the
inference it attacks; export writes both back (argmap.formats.aif).

Qt-free.  The corpus tests read ``../shared/corpus/aif`` and skip if it is absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from argmap.formats.aif import load_aif, read_aif, save_aif, to_aif, write_aif
from argmap.formats.aif.schemes import builtin_name
from argmap.model import ArgumentMap, Node, Relation, revalidate
from argmap.model import structure_ops as sops
from argmap.model.schemes import questions_of
from argmap.model.structure import StepRole

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "aif"
needs_corpus = pytest.mark.skipif(
    not (CORPUS / "MANIFEST.csv").is_file(), reason=f"the shared AIF corpus is not at {CORPUS}"
)


def node(node_id: str, text: str, node_type: str = "I", **more: Any) -> dict[str, Any]:
    return {"nodeID": node_id, "text": text, "type": node_type, **more}


def doc(nodes: list[dict[str, Any]], edges: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "nodes": nodes,
        "edges": [{"edgeID": f"e{k}", "fromID": a, "toID": b} for k, (a, b) in enumerate(edges)],
        "locutions": [],
    }


def read(d: dict[str, Any]) -> ArgumentMap:
    m = read_aif(json.dumps(d))
    revalidate(m)
    return m


def edge_set(d: dict[str, Any]) -> set[tuple[str, str]]:
    return {(str(e["fromID"]), str(e["toID"])) for e in d["edges"]}


EXPERT = doc(
    [
        node("1", "Smoking causes cancer"),
        node("2", "Dr Doll says smoking causes cancer"),
        node("3", "Dr Doll is an expert on cancer"),
        node("4", "Argument From Expert Opinion", "RA"),
        node("5", "Dr Doll was paid by a rival"),
        node("6", "Default Conflict", "CA"),
    ],
    [("2", "4"), ("3", "4"), ("4", "1"), ("5", "6"), ("6", "4")],
)


def test_an_ra_naming_a_scheme_is_an_argument_with_its_structure_and_questions() -> None:
    m = read(EXPERT)
    argument = m.node("ra4")
    assert argument.argument is not None
    assert argument.parent == "i1" and argument.relation is Relation.SUPPORTS
    steps = [(s.statement, s.role) for s in argument.argument.pcs]
    assert steps == [
        ("i2", StepRole.PREMISE),
        ("i3", StepRole.PREMISE),
        ("i1", StepRole.CONCLUSION),
    ]
    assert argument.argument.scheme == "Expert opinion" == argument.title
    questions = [q.text for q in argument.argument.questions]
    assert questions == list(questions_of("Expert opinion")) and len(questions) == 5
    # the premises hang under their argument, as one linked reason
    for premise in ("i2", "i3"):
        hung = m.node(premise)
        assert (hung.parent, hung.relation) == ("ra4", Relation.SUPPORTS)
        assert hung.meta["relation"] == "premise"
    assert m.node("i2").group == m.node("i3").group is not None


def test_a_ca_into_the_ra_of_an_argument_undercuts_it_and_goes_back_to_the_ra() -> None:
    m = read(EXPERT)
    cutter = m.node("i5")
    assert (cutter.parent, cutter.relation) == ("ra4", Relation.UNDERCUTS)
    assert "relation" not in cutter.meta
    out = json.loads(write_aif(m))
    assert edge_set(out) == edge_set(EXPERT)
    assert sorted(json.dumps(n, sort_keys=True) for n in out["nodes"]) == sorted(
        json.dumps(n, sort_keys=True) for n in EXPERT["nodes"]
    )
    assert read_aif(json.dumps(out)) == m


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("ExpertOpinion", "Expert opinion"),
        ("Argument From Expert Opinion", "Expert opinion"),
        ("PracticalReasoning", "Practical reasoning"),
        ("CauseToEffect", "Cause to effect"),
        ("Argument from Positive Consequences", "Positive consequences"),
        ("position to know", "Position to know"),
    ],
)
def test_scheme_names_of_aifdb_and_ova_match_the_built_in_ones(written: str, name: str) -> None:
    assert builtin_name(written) == name
    m = read(doc([node("1", "C"), node("2", "P"), node("3", "RA", "RA", scheme=written)],
                 [("2", "3"), ("3", "1")]))  # fmt: skip
    argument = m.node("ra3").argument
    assert argument is not None and argument.scheme == name
    assert [q.text for q in argument.questions] == list(questions_of(name))


def test_an_unknown_scheme_is_kept_as_written_without_questions() -> None:
    m = read(doc([node("1", "C"), node("2", "P"), node("3", "Argument From Fear", "RA")],
                 [("2", "3"), ("3", "1")]))  # fmt: skip
    argument = m.node("ra3").argument
    assert argument is not None
    assert (argument.scheme, argument.questions) == ("Argument From Fear", ())
    assert builtin_name("Argument From Fear") is None


def test_a_default_inference_stays_a_support_and_its_undercut_cuts_that_support() -> None:
    m = read(
        doc(
            [
                node("1", "C"),
                node("2", "P"),
                node("3", "Default Inference", "RA", scheme="Default Inference"),
                node("4", "U"),
                node("5", "Default Conflict", "CA"),
            ],
            [("2", "3"), ("3", "1"), ("4", "5"), ("5", "3")],
        )
    )
    assert all(n.argument is None for n in m.nodes.values())
    assert (m.node("i2").parent, m.node("i2").relation) == ("i1", Relation.SUPPORTS)
    assert (m.node("i4").parent, m.node("i4").relation) == ("i2", Relation.UNDERCUTS)
    assert ("5", "3") in edge_set(to_aif(m))


def _made_in_argmap() -> ArgumentMap:
    """A conclusion, an argument for it with two premises (one new, one existing),
    the expert-opinion scheme, and an undercut of the argument."""
    m = ArgumentMap(
        nodes=[
            Node(id="c", text="C"),
            Node(id="a", parent="c", relation=Relation.SUPPORTS),
            Node(id="q", text="Q", parent="c", relation=Relation.REBUTS),
        ]
    )
    m = sops.set_argument(m, "a", True).map
    m = sops.add_step(m, "a", StepRole.PREMISE, "P").map
    m = sops.add_step(m, "a", StepRole.PREMISE, statement="q").map
    m = sops.add_step(m, "a", StepRole.CONCLUSION, statement="c").map
    m = sops.set_scheme(m, "a", "Expert opinion").map
    return sops.add_undercut(m, "a", "U").map


def test_an_argument_made_in_argmap_exports_as_an_ra_with_its_premises_and_scheme() -> None:
    m = _made_in_argmap()
    out = to_aif(m)
    by_text = {n["text"]: str(n["nodeID"]) for n in out["nodes"] if n["type"] == "I"}
    (ra,) = [n for n in out["nodes"] if n["type"] == "RA"]
    assert ra["scheme"] == ra["text"] == "Expert opinion"
    ra_id = str(ra["nodeID"])
    edges = edge_set(out)
    assert {(by_text["P"], ra_id), (by_text["Q"], ra_id), (ra_id, by_text["C"])} <= edges
    cas = [str(n["nodeID"]) for n in out["nodes"] if n["type"] == "CA"]
    undercut = [ca for ca in cas if (ca, ra_id) in edges]
    assert len(undercut) == 1 and (by_text["U"], undercut[0]) in edges


def test_an_argument_made_in_argmap_comes_back_from_aif(tmp_path: Path) -> None:
    m = _made_in_argmap()
    target = tmp_path / "map.json"
    save_aif(m, target)
    back = load_aif(target)
    revalidate(back)
    (argument,) = [n for n in back.nodes.values() if n.argument is not None]
    assert argument.argument is not None
    text = {n.id: n.text for n in back.nodes.values()}
    roles = [(text[s.statement], s.role.value) for s in argument.argument.pcs]
    assert roles == [("P", "premise"), ("Q", "premise"), ("C", "conclusion")]
    assert argument.argument.scheme == "Expert opinion"
    (cutter,) = [n for n in back.nodes.values() if n.relation is Relation.UNDERCUTS]
    assert cutter.text == "U" and cutter.parent == argument.id
    # and that map writes the same AIF again
    assert write_aif(back) == target.read_text(encoding="utf-8")


def test_a_scheme_changed_in_argmap_is_written_on_the_ra() -> None:
    m = read(EXPERT)
    m = sops.set_scheme(m, "ra4", "Analogy").map
    (ra,) = [n for n in to_aif(m)["nodes"] if n["type"] == "RA"]
    assert (ra["nodeID"], ra["scheme"], ra["text"]) == ("4", "Analogy", "Analogy")
    back = read_aif(write_aif(m)).node("ra4").argument
    assert back is not None and back.scheme == "Analogy"


def test_an_undercut_of_a_plain_support_made_in_argmap_is_a_ca_into_its_ra() -> None:
    m = ArgumentMap(
        nodes=[Node(id="c", text="C"), Node(id="p", text="P", parent="c", relation="supports")]
    )
    m = sops.add_undercut(m, "p", "U").map
    out = to_aif(m)
    ids = {n["text"]: str(n["nodeID"]) for n in out["nodes"]}
    (ra,) = [str(n["nodeID"]) for n in out["nodes"] if n["type"] == "RA"]
    (ca,) = [str(n["nodeID"]) for n in out["nodes"] if n["type"] == "CA"]
    assert {(ids["P"], ra), (ra, ids["C"]), (ids["U"], ca), (ca, ra)} == edge_set(out)
    back = read_aif(json.dumps(out))
    (cutter,) = [n for n in back.nodes.values() if n.text == "U"]
    assert cutter.relation is Relation.UNDERCUTS and cutter.id == m.nodes[cutter.id].id
    # read as a plain nodeset (without argmap's hints), its ids are the nodeIDs'
    plain = read_aif(json.dumps({k: v for k, v in out.items() if k != "argmap"}))
    assert plain.node("i" + ids["U"]).relation is Relation.UNDERCUTS


@needs_corpus
@pytest.mark.parametrize("name", ["us-2016__nodeset10438.json", "us-2016__nodeset10464.json"])
def test_corpus_schemes_are_kept_and_written_back(name: str) -> None:
    path = CORPUS / name
    original = json.loads(path.read_bytes())
    body = original.get("AIF", original)
    named = {
        str(n["nodeID"]): n["scheme"]
        for n in body["nodes"]
        if n["type"] == "RA" and n.get("scheme") not in (None, "Default Inference")
    }
    assert named
    m = load_aif(path)
    schemes = {
        str(n.meta["aif"]["nodeID"]): n.argument.scheme  # type: ignore[call-overload,index]
        for n in m.nodes.values()
        if n.argument is not None
    }
    assert schemes == {k: builtin_name(v) or v for k, v in named.items()}
    assert all(n.argument.questions for n in m.nodes.values() if n.argument is not None)
    out = json.loads(write_aif(m))
    rewritten = {str(n["nodeID"]): n for n in out.get("AIF", out)["nodes"] if n["type"] == "RA"}
    assert {k: rewritten[k]["scheme"] for k in named} == named
