"""What argmap knows beyond an AIF nodeset comes back through an AIF file (issue 15).

AIF's nodes and edges hold statements, inferences and conflicts; argmap's titles,
tags, notes, sections, an argument's own text and its premise–conclusion structure
(intermediate conclusions, inference notes, step order), ticked critical questions,
tag colours and views have no place there.  Export keeps them in one top-level
``"argmap"`` object beside ``nodes``/``edges``/``locutions`` (the standard keys stay
as a plain AIF reader expects them), and import reads them back.  Each test writes a
real file and reads it again.

Qt-free.  The Argdown test reads ``../shared/corpus/argdown`` and skips if absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from argmap.formats.aif import aif_warning, load_aif, save_aif
from argmap.formats.argdown import load_argdown
from argmap.model import (
    Acceptance,
    ArgumentMap,
    Force,
    Relation,
    Source,
    SourceRef,
    Style,
    ops,
    revalidate,
)
from argmap.model import structure_ops as so
from argmap.model.structure import StepRole, View

ARGDOWN = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "argdown"
PRIMER = ARGDOWN / "argdown-argdown__examples__argdown-primer.argdown"

#: the keys AIFdb and OVA give their nodes and edges
NODE_KEYS = {"nodeID", "text", "type", "timestamp", "scheme", "schemeID"}
EDGE_KEYS = {"edgeID", "fromID", "toID", "formEdgeID"}


def through_aif(m: ArgumentMap, tmp_path: Path) -> ArgumentMap:
    path = tmp_path / "map.json"
    save_aif(m, path)
    back = load_aif(path)
    revalidate(back)
    return back


def without_aif(m: ArgumentMap) -> dict[str, Any]:
    """The map as saved, without what it keeps of the AIF file it came from."""
    data = m.model_dump(mode="json")
    for item in [data, *data["nodes"], *data["links"]]:
        item["meta"].pop("aif", None)
    data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
    return data


def expert(m: ArgumentMap, parent: str = "C") -> ArgumentMap:
    """An argument from expert opinion for `parent`, its own text, title and tags."""
    m = ops.add_node(m, parent, Relation.SUPPORTS, "Because experts say so", node_id="E").map
    m = so.set_argument(m, "E", True).map
    m = so.set_scheme(m, "E", "Expert opinion").map
    m = ops.edit_node(m, "E", title="Experts", tags=("authority", "health")).map
    m = so.add_step(m, "E", text="Dr X says cars should go.").map
    m = so.add_step(m, "E", text="Dr X is an expert.").map
    return so.add_step(m, "E", StepRole.CONCLUSION, statement="C").map


def claim() -> ArgumentMap:
    return ops.add_claim(ArgumentMap(), "Cities should ban cars.", node_id="C").map


def unschemed(m: ArgumentMap) -> ArgumentMap:
    """An argument without a scheme: premises, an intermediate conclusion, notes."""
    m = ops.add_node(m, "C", Relation.SUPPORTS, "The air gets cleaner.", node_id="A").map
    m = so.set_argument(m, "A", True).map
    m = ops.edit_node(m, "A", title="Clean air", tags=("health",)).map
    m = so.add_step(m, "A", text="Cars pollute.").map
    m = so.add_step(m, "A", text="Pollution harms.").map
    m = so.add_step(m, "A", StepRole.CONCLUSION, statement="C", inference="so").map
    return so.add_step(
        m, "A", StepRole.INTERMEDIATE, text="Cars harm.", index=2, inference="modus ponens"
    ).map


def rich() -> ArgumentMap:
    m = unschemed(expert(claim()))
    m = ops.edit_node(m, "C", title="Ban", tags=("policy",), note="the main claim").map
    m = so.answer_question(m, "E", 1, True).map
    m = so.add_undercut(m, "E", "Dr X is paid.").map
    m = ops.add_node(m, "C", Relation.REBUTS, "Jobs are lost.", node_id="J").map
    m = ops.add_co_premise(m, "J", "and jobs matter").map
    m = ops.add_link(m, "J", "A", Relation.REBUTS).map
    m = so.add_section(m, "Health", members=["A"]).map
    m = so.add_section(m, "Experts", parent="section1", members=["E", "J"]).map
    m = so.set_tag_color(m, "health", "#00ff00").map
    m = so.save_view(m, View(name="Health only", tags=("health",))).map
    m = ops.edit_node(m, "J", acceptance=Acceptance.ACCEPTED, force=Force.WEAK).map
    m = ops.edit_node(m, "C", meta={"kialo": {"id": 7}}).map
    style = Style(theme="print", direction="LR")
    return ops.set_map_fields(m, title="Cars", description="A debate about cars.", style=style).map


def test_an_arguments_own_text_title_and_tags_come_back(tmp_path: Path) -> None:
    m = expert(claim())
    argument = through_aif(m, tmp_path).node("E")
    assert (argument.text, argument.title) == ("Because experts say so", "Experts")
    assert argument.tags == ("authority", "health")
    assert argument.argument is not None and argument.argument.scheme == "Expert opinion"


def test_intermediate_conclusions_and_inference_notes_come_back(tmp_path: Path) -> None:
    m = so.set_scheme(unschemed(claim()), "A", "Cause to effect").map
    back = through_aif(m, tmp_path).node("A")
    assert back.argument is not None and m.node("A").argument is not None
    assert back.argument.pcs == m.node("A").argument.pcs
    roles = [(s.role, s.inference) for s in back.argument.pcs]
    assert roles == [
        (StepRole.PREMISE, ""),
        (StepRole.PREMISE, ""),
        (StepRole.INTERMEDIATE, "modus ponens"),
        (StepRole.CONCLUSION, "so"),
    ]


def test_an_argument_without_a_scheme_comes_back_as_an_argument(tmp_path: Path) -> None:
    m = unschemed(claim())
    back = through_aif(m, tmp_path)
    argument = back.node("A")
    assert argument.argument == m.node("A").argument
    assert (argument.title, argument.tags) == ("Clean air", ("health",))
    # the premises made for it are still placed under it (folded into it when drawn)
    for step in argument.argument.pcs[:3] if argument.argument else ():
        placed = back.node(step.statement)
        assert (placed.parent, placed.meta.get("relation")) == ("A", "premise")
        assert placed.group is None


def test_the_order_of_the_steps_comes_back(tmp_path: Path) -> None:
    for scheme in ("", "Expert opinion"):
        m = so.set_scheme(unschemed(claim()), "A", scheme).map if scheme else unschemed(claim())
        argument = m.node("A").argument
        assert argument is not None
        first, second = argument.pcs[0].statement, argument.pcs[1].statement
        m = so.move_step(m, "A", second, 0).map
        moved = m.node("A").argument
        assert moved is not None
        steps = moved.pcs
        assert [s.statement for s in steps][:2] == [second, first]
        back = through_aif(m, tmp_path).node("A").argument
        assert back is not None and back.pcs == steps, scheme


def test_titles_tags_notes_and_sections_of_statements_come_back(tmp_path: Path) -> None:
    m = ops.edit_node(claim(), "C", title="Ban", tags=("policy",), note="the main claim").map
    m = ops.add_node(m, "C", Relation.REBUTS, "Jobs are lost.", node_id="J").map
    m = so.add_section(m, "Economy", members=["J"]).map
    m = so.add_section(m, "Jobs", parent="section1").map
    m = so.set_section(m, ["C"], "section2").map
    back = through_aif(m, tmp_path)
    ban = back.node("C")
    assert (ban.title, ban.tags, ban.note, ban.section) == (
        "Ban",
        ("policy",),
        "the main claim",
        "section2",
    )
    assert back.node("J").section == "section1"
    assert back.sections == m.sections and back.sections[1].parent == "section1"


def test_ticked_critical_questions_come_back(tmp_path: Path) -> None:
    m = so.answer_question(expert(claim()), "E", 1, True).map
    m = so.answer_question(m, "E", 3, True).map
    argument = through_aif(m, tmp_path).node("E").argument
    assert argument is not None
    assert [q.answered for q in argument.questions] == [False, True, False, True, False]


def test_tag_colours_views_and_the_maps_title_come_back(tmp_path: Path) -> None:
    m = rich()
    back = through_aif(m, tmp_path)
    assert back.tag_colors == {"health": "#00ff00"}
    assert back.views == m.views
    assert (back.title, back.description) == ("Cars", "A debate about cars.")


def test_a_map_made_in_argmap_comes_back_whole(tmp_path: Path) -> None:
    """Everything but the source: ids, co-premise groups, undercuts, cross-links."""
    m = rich()
    back = through_aif(m, tmp_path)
    assert without_aif(back) == without_aif(m)
    # and once more: what came back goes out and back the same
    assert without_aif(through_aif(back, tmp_path)) == without_aif(m)


def test_the_standard_keys_stay_plain_aif(tmp_path: Path) -> None:
    """A plain AIF reader finds only its own keys on nodes and edges; argmap's own are
    one object beside them, and without it the file reads as AIF alone."""
    path = tmp_path / "map.json"
    m = rich()
    save_aif(m, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert set(doc) == {"nodes", "edges", "locutions", "argmap"}
    assert all(set(n) <= NODE_KEYS for n in doc["nodes"])
    assert all(set(e) <= EDGE_KEYS for e in doc["edges"])
    assert {n["type"] for n in doc["nodes"]} == {"I", "RA", "CA"}
    del doc["argmap"]
    path.write_text(json.dumps(doc), encoding="utf-8")
    plain = load_aif(path)
    assert not plain.sections and not plain.tag_colors
    assert sorted(n.text for n in plain.nodes.values() if n.text) == sorted(
        n.text for n in m.nodes.values() if n.argument is None
    )


def test_a_hint_that_no_longer_fits_is_left_out_and_the_rest_is_kept(tmp_path: Path) -> None:
    """The nodeset decides: a hint naming what is not there, or of the wrong shape, is
    not used (the map opens as the nodeset says); the other hints still are."""
    path = tmp_path / "map.json"
    save_aif(rich(), path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    hints = doc["argmap"]
    ids = {h.get("id"): k for k, h in hints["nodes"].items()}
    hints["nodes"][ids["A"]]["argument"]["pcs"][0]["statement"] = "no such node"
    hints["nodes"][ids["J"]]["tags"] = "not a list"
    hints["views"] = [{"name": ""}]
    path.write_text(json.dumps(doc), encoding="utf-8")
    back = load_aif(path)
    revalidate(back)
    # its structure named a missing node: the nodeset's is used (its premises, in order)
    argument = back.node("A").argument
    assert argument is not None
    roles = [(back.node(s.statement).text, s.role.value) for s in argument.pcs]
    assert roles == [
        ("Cars pollute.", "premise"),
        ("Pollution harms.", "premise"),
        ("Cars harm.", "premise"),
        ("Cities should ban cars.", "conclusion"),
    ]
    assert back.node("A").title == "Clean air"  # its other hints are kept
    assert back.node("J").tags == () and back.node("J").section == "section2"
    assert back.views == () and back.tag_colors == {"health": "#00ff00"}
    odd: dict[str, Any] = {"section": ["x"], "id": 5, "argument": "x", "meta": "x", "group": 3}
    shapes: list[Any] = [[], "text", {"nodes": []}, {"sections": [{"id": "s"}]}]
    shapes += [{"nodes": dict.fromkeys(hints["nodes"], odd)}, {"links": [{"from": []}, 7]}]
    shapes += [{"nodes": {k: {"relation": "undercuts"} for k in hints["nodes"]}}]
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps({k: v for k, v in doc.items() if k != "argmap"}), "utf-8")
    nodeset_alone = load_aif(plain)
    for broken in shapes:
        doc["argmap"] = broken
        path.write_text(json.dumps(doc), encoding="utf-8")
        again = load_aif(path)
        revalidate(again)
        # none says which default inferences are arguments: the nodeset alone decides
        assert len(again.nodes) == len(nodeset_alone.nodes), broken


def test_what_aif_cannot_hold_is_one_warning_line(tmp_path: Path) -> None:
    m = rich()
    assert aif_warning(m) is None
    ref = SourceRef(paragraph=1, start=0, end=4, quote="Cars")
    cited = ops.set_map_fields(m, source=Source(text="Cars are bad.")).map
    cited = ops.edit_node(cited, "C", refs=(ref,)).map
    warning = aif_warning(cited)
    assert warning is not None and "\n" not in warning
    assert warning == (
        "AIF has no place for the map's source (its text and details) and the source spans "
        "of 1 node: the AIF file leaves them out (save the map as .argmap.json to keep them)"
    )
    back = through_aif(cited, tmp_path)
    assert back.node("C").refs == () and back.source.text is None  # as the warning says


@pytest.mark.skipif(not PRIMER.is_file(), reason=f"the Argdown corpus is not at {ARGDOWN}")
def test_an_argdown_document_comes_back_through_aif(tmp_path: Path) -> None:
    """The primer's titles, sections, tags, arguments and structures, through AIF."""
    m = load_argdown(PRIMER)
    back = through_aif(m, tmp_path)
    assert without_aif(back) == without_aif(m)


def test_an_edited_ova_file_keeps_its_wrapper_and_gets_hints_for_the_edit(tmp_path: Path) -> None:
    """OVA's wrapper stays as it was; the hints sit in its nodeset, and only the nodes
    edited in argmap get one (the others read back as they are)."""
    body = {
        "nodes": [
            {"nodeID": "1", "text": "C", "type": "I", "timestamp": ""},
            {"nodeID": "2", "text": "P", "type": "I", "timestamp": ""},
            {"nodeID": "3", "text": "Default Inference", "type": "RA", "timestamp": ""},
        ],
        "edges": [
            {"edgeID": "1", "fromID": "2", "toID": "3", "formEdgeID": None},
            {"edgeID": "2", "fromID": "3", "toID": "1", "formEdgeID": None},
        ],
        "locutions": [],
    }
    doc = {"AIF": body, "text": "C because P", "OVA": {"nodes": [], "edges": []}}
    path = tmp_path / "ova.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    m = load_aif(path)
    m = ops.edit_node(m, "i2", title="Reason", tags=("ova",)).map
    save_aif(m, path)
    out = json.loads(path.read_text(encoding="utf-8"))
    assert set(out) == {"AIF", "text", "OVA"} and out["AIF"]["nodes"] == body["nodes"]
    assert out["AIF"]["argmap"]["nodes"] == {"2": {"title": "Reason", "tags": ["ova"]}}
    back = load_aif(path)
    assert (back.node("i2").title, back.node("i2").tags) == ("Reason", ("ova",))
    assert without_aif(back) == without_aif(m)
