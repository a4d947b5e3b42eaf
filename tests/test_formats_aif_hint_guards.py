"""Each of argmap's hints in an AIF file is used only where it fits the nodeset
(argmap.formats.aif.hints_in): a hint of the wrong shape, naming what is not there or
taking an id twice is left out alone, and the other hints still apply.  Each test
writes a real AIF file, edits its hints as a hand or another tool might, and reads it.
These close mutants of hints_in's guard clauses that survived mutation testing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from argmap.formats.aif import load_aif, save_aif
from argmap.model import ArgumentMap, Relation, ops, revalidate
from argmap.model import structure_ops as so
from tests.test_formats_aif_kept import claim, rich

CLAIM = "Cities should ban cars."
UNDERCUTS = Relation.UNDERCUTS


def _read_with(tmp_path: Path, edit: Callable[[dict[str, Any]], None]) -> ArgumentMap:
    """rich() saved as AIF, its hints edited by `edit` (nodes keyed by nodeID), read back."""
    path = tmp_path / "map.json"
    save_aif(rich(), path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    edit(doc["argmap"])
    path.write_text(json.dumps(doc), encoding="utf-8")
    back = load_aif(path)
    revalidate(back)
    return back


def _by_text(m: ArgumentMap, text: str) -> str:
    (found,) = [n.id for n in m.nodes.values() if n.text == text]
    return found


def test_the_file_as_written_gives_every_hint_back(tmp_path: Path) -> None:
    back = _read_with(tmp_path, lambda hints: None)
    assert back.node("C").title == "Ban" and back.node("J").parent == "C"
    assert [link.id for link in back.links] == ["x12"]


def test_an_id_hint_that_is_no_id_is_left_out_and_the_others_apply(tmp_path: Path) -> None:
    def edit(hints: dict[str, Any]) -> None:
        hints["nodes"]["1"]["id"] = "not an id!"

    back = _read_with(tmp_path, edit)
    claim = _by_text(back, CLAIM)
    assert claim != "C" and "not an id!" not in back.nodes
    assert back.node(claim).title == "Ban"  # the node's other hints apply
    assert {"J", "E", "A"} <= set(back.nodes)  # and the other nodes' ids


def test_an_id_taken_twice_gives_back_no_ids_but_keeps_the_other_hints(tmp_path: Path) -> None:
    def edit(hints: dict[str, Any]) -> None:
        hints["nodes"]["1"]["id"] = "J"  # node 8's id

    back = _read_with(tmp_path, edit)
    assert not {"C", "J", "E", "A"} & set(back.nodes)  # all ids as the reader gives them
    assert back.node(_by_text(back, CLAIM)).title == "Ban"
    assert back.node(_by_text(back, "Jobs are lost.")).force.value == "weak"


def test_a_step_that_is_not_an_object_leaves_the_nodesets_structure(tmp_path: Path) -> None:
    def edit(hints: dict[str, Any]) -> None:
        hints["nodes"]["11"]["argument"]["pcs"][0] = "4"

    back = _read_with(tmp_path, edit)
    argument = back.node("A").argument
    assert argument is not None
    assert [back.node(s.statement).text for s in argument.pcs] == [
        "Cars pollute.",
        "Pollution harms.",
        "Cars harm.",
        CLAIM,
    ]
    assert argument.pcs[2].role.value == "premise"  # not the hint's intermediate
    assert back.node("A").title == "Clean air"


def test_a_parent_hint_on_what_is_no_undercut_is_not_used(tmp_path: Path) -> None:
    def edit(hints: dict[str, Any]) -> None:
        hints["nodes"]["8"]["parent"] = "11"  # J is a rebuttal of C, not an undercut

    back = _read_with(tmp_path, edit)
    assert back.node("J").parent == "C"
    assert back.node("J").force.value == "weak"


def test_a_section_hint_naming_no_section_is_left_out_alone(tmp_path: Path) -> None:
    def edit(hints: dict[str, Any]) -> None:
        hints["nodes"]["11"]["section"] = "no-such-section"

    back = _read_with(tmp_path, edit)
    assert back.node("A").section is None
    assert back.node("A").title == "Clean air" and back.node("J").section == "section2"


def test_a_root_hint_that_is_not_an_object_is_left_out(tmp_path: Path) -> None:
    def edit(hints: dict[str, Any]) -> None:
        hints["nodes"]["8"]["root"] = "x"

    back = _read_with(tmp_path, edit)
    assert back.node("J").parent == "C" and back.node("J").force.value == "weak"
    assert [link.id for link in back.links] == ["x12"]


def test_a_root_hint_whose_id_is_no_string_is_left_out(tmp_path: Path) -> None:
    def edit(hints: dict[str, Any]) -> None:
        hints["nodes"]["8"]["root"] = {"id": 5, "relation": "rebuts"}

    back = _read_with(tmp_path, edit)
    assert back.node("J").parent == "C" and back.node("J").force.value == "weak"
    assert [link.id for link in back.links] == ["x12"]


def test_a_link_hint_naming_no_link_does_not_stop_the_next(tmp_path: Path) -> None:
    def edit(hints: dict[str, Any]) -> None:
        hints["links"] = [{"from": "99", "to": "1", "n": 0, "id": "zz"}, *hints["links"]]
        hints["links"][1]["id"] = "L2"

    back = _read_with(tmp_path, edit)
    assert [link.id for link in back.links] == ["L2"] and "zz" not in back.nodes


def test_a_link_hint_without_a_whole_number_n_names_the_first_link(tmp_path: Path) -> None:
    for n in (None, True, "1"):

        def edit(hints: dict[str, Any], n: object = n) -> None:
            link = hints["links"][0]
            link["id"] = "L2"
            if n is None:
                del link["n"]
            else:
                link["n"] = n

        back = _read_with(tmp_path, edit)
        assert [link.id for link in back.links] == ["L2"], n


def test_a_node_hint_with_one_bad_field_keeps_its_good_ones(tmp_path: Path) -> None:
    def edit(hints: dict[str, Any]) -> None:
        hints["nodes"]["8"]["acceptance"] = "bogus"
        hints["nodes"]["8"]["title"] = "Jobs"

    back = _read_with(tmp_path, edit)
    assert back.node("J").acceptance is None and back.node("J").title == "Jobs"
    assert back.node("C").title == "Ban"


def test_a_dropped_link_does_not_stop_the_next_link_hint(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    save_aif(ops.add_link(rich(), "E", "A", Relation.REBUTS).map, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    first, second = doc["argmap"]["links"]
    first["drop"] = True
    second["id"] = "L3"
    path.write_text(json.dumps(doc), encoding="utf-8")
    back = load_aif(path)
    revalidate(back)
    assert [link.id for link in back.links] == ["L3"]


def test_a_view_hint_may_hide_a_section_the_hints_give(tmp_path: Path) -> None:
    def edit(hints: dict[str, Any]) -> None:
        hints["views"][0]["hidden_sections"] = ["section1"]

    back = _read_with(tmp_path, edit)
    assert [(v.name, v.hidden_sections) for v in back.views] == [("Health only", ("section1",))]


def test_a_sections_hint_that_does_not_fit_is_left_out_alone(tmp_path: Path) -> None:
    def edit(hints: dict[str, Any]) -> None:
        hints["sections"] = [{"id": "s", "title": "S", "parent": "no-such-section"}]

    back = _read_with(tmp_path, edit)
    assert back.sections == () and back.node("A").section is None
    assert back.title == "Cars" and back.node("C").title == "Ban"


def test_a_view_hint_is_kept_when_the_hints_give_no_sections(tmp_path: Path) -> None:
    def edit(hints: dict[str, Any]) -> None:
        del hints["sections"]

    back = _read_with(tmp_path, edit)
    assert back.sections == () and back.node("A").section is None
    assert [(v.name, v.tags) for v in back.views] == [("Health only", ("health",))]


def _undercut_of_a_co_premise(tmp_path: Path, parent: object) -> ArgumentMap:
    """C supported by P1 with co-premise P2, an undercut U under P2; the reader anchors
    U at the group's first premise, the hint at P2 (set to `parent` unless that is ...)."""
    m = ops.add_node(claim(), "C", Relation.SUPPORTS, "Cars pollute.", node_id="P1").map
    m = ops.add_co_premise(m, "P1", "Pollution harms.").map
    m = so.add_undercut(m, _by_text(m, "Pollution harms."), "Not here.").map
    path = tmp_path / "map.json"
    save_aif(m, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    (hint,) = [
        h for h in doc["argmap"]["nodes"].values() if h.get("id") == _by_text(m, "Not here.")
    ]
    assert "parent" in hint  # the file says where the undercut was
    if parent is not ...:
        hint["parent"] = parent
    path.write_text(json.dumps(doc), encoding="utf-8")
    back = load_aif(path)
    revalidate(back)
    return back


def test_an_undercut_goes_back_under_the_co_premise_it_was_under(tmp_path: Path) -> None:
    back = _undercut_of_a_co_premise(tmp_path, ...)
    undercut = back.node(_by_text(back, "Not here."))
    assert (undercut.parent, undercut.relation) == (_by_text(back, "Pollution harms."), UNDERCUTS)


def test_an_undercuts_parent_hint_naming_no_node_leaves_the_readers_anchor(
    tmp_path: Path,
) -> None:
    for parent in ("99", ["3"], None):
        back = _undercut_of_a_co_premise(tmp_path, parent)
        undercut = back.node(_by_text(back, "Not here."))
        assert (undercut.parent, undercut.relation) == ("P1", UNDERCUTS), parent
        assert back.node(_by_text(back, "Pollution harms.")).parent == "C"


def test_an_id_hint_applies_though_other_nodes_keep_the_ids_read(tmp_path: Path) -> None:
    """A nodeset written by another tool, with one id hint: the other nodes keep the
    ids the reader gives them (so those are no clash) and the hinted one gets its id."""
    nodes = [
        {"nodeID": "1", "text": "C", "type": "I"},
        {"nodeID": "2", "text": "P", "type": "I"},
        {"nodeID": "3", "text": "Q", "type": "I"},
        {"nodeID": "4", "text": "Default Inference", "type": "RA"},
        {"nodeID": "5", "text": "Default Inference", "type": "RA"},
    ]
    ends = [("2", "4"), ("4", "1"), ("3", "5"), ("5", "1")]
    edges = [{"edgeID": str(i), "fromID": a, "toID": b} for i, (a, b) in enumerate(ends)]
    doc = {"nodes": nodes, "edges": edges, "locutions": []}
    path = tmp_path / "map.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    first = load_aif(path)
    others = set(first.nodes) - {_by_text(first, "C")}
    doc["argmap"] = {"nodes": {"1": {"id": "claim"}}}
    path.write_text(json.dumps(doc), encoding="utf-8")
    back = load_aif(path)
    revalidate(back)
    assert _by_text(back, "C") == "claim"
    assert set(back.nodes) == {"claim", *others} and len(others) == 2
