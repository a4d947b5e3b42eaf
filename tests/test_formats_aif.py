"""AIF JSON import and export (argmap.formats.aif).

Qt-free.  The corpus tests read the AIF files beside the repository
(``../shared/corpus/aif``, see its MANIFEST.csv) and skip if it is absent.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from argmap.formats.aif import (
    from_aif,
    load_aif,
    read_aif,
    save_aif,
    scheme_counts,
    to_aif,
    write_aif,
)
from argmap.formats.argdown import save_argdown
from argmap.formats.errors import LoadError, SaveError
from argmap.model import ArgumentMap, Relation, ops, revalidate

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "aif"
MANIFEST = CORPUS / "MANIFEST.csv"
TYPES = ("I", "RA", "CA", "MA", "PA", "L", "YA", "TA")


def _manifest() -> dict[str, dict[str, str]]:
    if not MANIFEST.is_file():
        return {}
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


ROWS = _manifest()
needs_corpus = pytest.mark.skipif(
    not ROWS, reason=f"the shared AIF corpus is not at {CORPUS} (see shared/corpus/README.md)"
)
CORPUS_FILES = sorted(ROWS) or ["(no corpus)"]


# -- helpers -------------------------------------------------------------------------


def node(node_id: Any, text: str = "", node_type: str = "I", **more: Any) -> dict[str, Any]:
    return {"nodeID": node_id, "text": text, "type": node_type, "timestamp": "2020", **more}


def edge(edge_id: Any, source: Any, target: Any) -> dict[str, Any]:
    return {"edgeID": edge_id, "fromID": source, "toID": target, "formEdgeID": None}


def nodeset(nodes: list[dict[str, Any]], edges: list[tuple[Any, Any]]) -> dict[str, Any]:
    return {
        "nodes": nodes,
        "edges": [edge(f"e{k}", a, b) for k, (a, b) in enumerate(edges, 1)],
        "locutions": [],
    }


def roundtrip(doc: dict[str, Any]) -> tuple[ArgumentMap, dict[str, Any]]:
    """Import `doc`, check the map, export it; re-importing the export gives the same map."""
    m = from_aif(doc)
    revalidate(m)
    text = write_aif(m)
    again = read_aif(text)
    assert again == m
    return m, json.loads(text)


def by_text(m: ArgumentMap, text: str) -> str:
    (found,) = [n.id for n in m.nodes.values() if n.text == text]
    return found


def signature(doc: dict[str, Any]) -> Counter[tuple[str, str, str, str]]:
    """Edges as (from type, from text, to type, to text), independent of ids."""
    body = doc.get("AIF", doc)
    nodes = {str(n["nodeID"]): n for n in body["nodes"]}

    def label(key: Any) -> tuple[str, str]:
        n = nodes[str(key)]
        text = n["text"] if n["type"] in ("I", "L") else ""
        return n["type"], (text or "").replace("\r\n", "\n").replace("\r", "\n")

    return Counter((*label(e["fromID"]), *label(e["toID"])) for e in body["edges"])


def structure(m: ArgumentMap) -> set[tuple[Any, ...]]:
    """Texts, parents, relations, co-premise partners and cross-links, without ids."""
    text = {n.id: n.text for n in m.nodes.values()}
    out: set[tuple[Any, ...]] = set()
    for n in m.nodes.values():
        partners = frozenset(text[o.id] for o in m.nodes.values() if n.group and o.group == n.group)
        out.add(("node", n.text, text.get(n.parent or ""), n.relation, partners))
    for link in m.links:
        out.add(("link", text[link.source], text[link.target], link.relation))
    return out


def scheme_nodes(doc: dict[str, Any], scheme_type: str) -> list[dict[str, Any]]:
    return [n for n in doc.get("AIF", doc)["nodes"] if n["type"] == scheme_type]


def edges_into(doc: dict[str, Any], node_id: Any) -> list[Any]:
    return [e["fromID"] for e in doc.get("AIF", doc)["edges"] if e["toID"] == node_id]


def edges_from(doc: dict[str, Any], node_id: Any) -> list[Any]:
    return [e["toID"] for e in doc.get("AIF", doc)["edges"] if e["fromID"] == node_id]


def _named(ra: dict[str, Any]) -> bool:
    names = [ra.get("scheme"), ra.get("text")]
    return any(
        isinstance(n, str) and n.strip() not in ("", "RA", "Default Inference") for n in names
    )


def _argument_ras(path: Path) -> int:
    """The RA nodes of a file naming a scheme, with an I-node premise and conclusion."""
    body = json.loads(path.read_bytes())
    body = body.get("AIF", body)
    types = {str(n["nodeID"]): n["type"] for n in body["nodes"]}
    named = {str(n["nodeID"]) for n in body["nodes"] if n["type"] == "RA" and _named(n)}
    ends = [(str(e["fromID"]), str(e["toID"])) for e in body["edges"]]
    into = {b for a, b in ends if types[a] == "I" and b in named}
    out = {a for a, b in ends if a in named and types[b] == "I"}
    return len(into & out)


# -- the corpus ----------------------------------------------------------------------


@needs_corpus
@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_counts(name: str) -> None:
    row = ROWS[name]
    m = load_aif(CORPUS / name)
    revalidate(m)
    statements = [n for n in m.nodes.values() if n.argument is None]
    assert len(statements) == int(row["I"])
    # each RA from I-nodes to an I-node is an argument of its own (with its structure)
    assert len(m.nodes) - len(statements) == _argument_ras(CORPUS / name)
    counts = scheme_counts(m)
    assert {t: counts.get(t, 0) for t in TYPES} == {t: int(row[t]) for t in TYPES}
    kept = m.meta["aif"]
    assert isinstance(kept, dict)
    dialogue = Counter(n["type"] for n in kept["dialogue_nodes"])  # type: ignore[index,union-attr]
    assert {t: dialogue[t] for t in ("L", "YA", "TA")} == {
        t: int(row[t]) for t in ("L", "YA", "TA")
    }
    assert len(kept["locutions"]) == int(row["locutions"])  # type: ignore[arg-type]
    doc = to_aif(m)
    assert len(doc["nodes"]) == int(row["nodes"])
    assert len(doc["edges"]) == int(row["edges"])
    assert Counter(n["type"] for n in doc["nodes"]) == Counter(
        {t: int(row[t]) for t in TYPES if int(row[t])}
    )
    assert len(doc["locutions"]) == int(row["locutions"])


@needs_corpus
@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_round_trip(name: str) -> None:
    raw = (CORPUS / name).read_bytes()
    original = json.loads(raw)
    m = read_aif(raw, CORPUS / name)
    text = write_aif(m)
    assert read_aif(text) == m
    written = json.loads(text)
    # an unedited map reads back as it is: argmap writes no hints of its own
    assert "argmap" not in written and "argmap" not in written.get("AIF", {})
    assert Counter(n["type"] for n in written["nodes"]) == Counter(
        n["type"] for n in original["nodes"]
    )
    assert signature(written) == signature(original)
    # ids are kept, so the very same nodes, edges and locutions come back
    canon = lambda items: sorted(json.dumps(i, sort_keys=True) for i in items)  # noqa: E731
    assert canon(written["nodes"]) == canon(original["nodes"])
    assert canon(written["edges"]) == canon(original["edges"])
    assert written["locutions"] == original["locutions"]


@needs_corpus
def test_corpus_trees_look_right() -> None:
    """A file with an undercut: the CA undercuts the inference it attacks (the RA's first
    premise's support, or the argument of a named RA), and export points it at the RA."""
    hits = 0
    for name in ROWS:
        doc = json.loads((CORPUS / name).read_bytes())
        types = {n["nodeID"]: n["type"] for n in doc["nodes"]}
        undercuts = [
            e for e in doc["edges"] if types[e["fromID"]] == "CA" and types[e["toID"]] == "RA"
        ]
        if not undercuts:
            continue
        m = read_aif(json.dumps(doc))
        relations = [n.relation for n in m.nodes.values()] + [x.relation for x in m.links]
        assert relations.count(Relation.UNDERCUTS) == len(undercuts), name
        out = to_aif(m)
        back = {(e["fromID"], e["toID"]) for e in out["edges"]}
        assert {(e["fromID"], e["toID"]) for e in undercuts} <= back, name
        hits += 1
    assert hits > 0


# -- hand-made structures ------------------------------------------------------------


def test_linked_premises_share_a_group_and_one_ra() -> None:
    doc = nodeset(
        [node("1", "C"), node("2", "P1"), node("3", "P2"), node("4", "Default Inference", "RA")],
        [("2", "4"), ("3", "4"), ("4", "1")],
    )
    m, out = roundtrip(doc)
    c, p1, p2 = by_text(m, "C"), by_text(m, "P1"), by_text(m, "P2")
    assert (c, p1, p2) == ("i1", "i2", "i3")
    assert m.nodes[p1].parent == c and m.nodes[p2].parent == c
    assert m.nodes[p1].relation is Relation.SUPPORTS
    assert m.nodes[p1].group == m.nodes[p2].group == "ra4"
    assert (m.nodes[p1].order, m.nodes[p2].order) == (0, 1)
    assert m.nodes[p1].meta["aif"]["nodeID"] == "2"  # type: ignore[index,call-overload]
    (ra,) = scheme_nodes(out, "RA")
    assert ra["nodeID"] == "4" and ra["text"] == "Default Inference"
    assert sorted(edges_into(out, "4")) == ["2", "3"] and edges_from(out, "4") == ["1"]
    assert out["nodes"] == doc["nodes"]


def test_conflict_is_a_rebuttal() -> None:
    doc = nodeset(
        [node("1", "C"), node("2", "Objection"), node("3", "Default Conflict", "CA")],
        [("2", "3"), ("3", "1")],
    )
    m, out = roundtrip(doc)
    objection = m.nodes["i2"]
    assert objection.parent == "i1" and objection.relation is Relation.REBUTS
    assert objection.group is None and "relation" not in objection.meta
    assert [n["nodeID"] for n in scheme_nodes(out, "CA")] == ["3"]
    assert signature(out) == signature(doc)


def test_undercut_points_back_at_the_inference() -> None:
    doc = nodeset(
        [
            node("1", "C"),
            node("2", "P1"),
            node("3", "P2"),
            node("4", "RA", "RA"),
            node("5", "That inference fails"),
            node("6", "CA", "CA"),
        ],
        [("2", "4"), ("3", "4"), ("4", "1"), ("5", "6"), ("6", "4")],
    )
    m, out = roundtrip(doc)
    attacker = m.nodes["i5"]
    assert attacker.parent == "i2"  # the attacked inference's first premise, a support
    assert attacker.relation is Relation.UNDERCUTS
    assert "relation" not in attacker.meta
    assert edges_from(out, "6") == ["4"]  # the CA attacks the RA again
    assert signature(out) == signature(doc)


def test_undercut_made_in_argmap_exports_as_conflict() -> None:
    m = ArgumentMap.model_validate(
        {
            "nodes": [
                {"id": "c", "text": "C"},
                {
                    "id": "u",
                    "text": "U",
                    "parent": "c",
                    "relation": "rebuts",
                    "meta": {"relation": "undercut"},
                },
            ]
        }
    )
    out = to_aif(m)
    (ca,) = scheme_nodes(out, "CA")
    assert len(edges_into(out, ca["nodeID"])) == 1
    assert len(edges_from(out, ca["nodeID"])) == 1


def test_rephrase_and_preference_keep_their_type() -> None:
    doc = nodeset(
        [
            node("1", "A"),
            node("2", "A again"),
            node("3", "Default Rephrase", "MA"),
            node("4", "B"),
            node("5", "Default Preference", "PA"),
        ],
        [("2", "3"), ("3", "1"), ("4", "5"), ("5", "1")],
    )
    m, out = roundtrip(doc)
    assert m.nodes["i2"].relation is Relation.SUPPORTS
    assert m.nodes["i2"].meta["relation"] == "rephrase"
    assert m.nodes["i4"].meta["relation"] == "preference"
    assert [n["nodeID"] for n in scheme_nodes(out, "MA")] == ["3"]
    assert [n["nodeID"] for n in scheme_nodes(out, "PA")] == ["5"]
    # made in argmap: the relation name chooses the scheme type
    fresh = ArgumentMap.model_validate(
        {
            "nodes": [
                {"id": "a", "text": "A"},
                {
                    "id": "b",
                    "text": "B",
                    "parent": "a",
                    "relation": "supports",
                    "meta": {"relation": "rephrase"},
                },
            ]
        }
    )
    assert len(scheme_nodes(to_aif(fresh), "MA")) == 1


def test_second_relation_becomes_a_cross_link() -> None:
    doc = nodeset(
        [
            node("1", "C1"),
            node("2", "C2"),
            node("3", "P"),
            node("4", "RA", "RA"),
            node("5", "RA", "RA"),
        ],
        [("3", "4"), ("4", "1"), ("3", "5"), ("5", "2")],
    )
    m, out = roundtrip(doc)
    assert m.nodes["i3"].parent == "i1"
    (link,) = m.links
    assert (link.id, link.source, link.target, link.relation) == ("x1", "i3", "i2", "supports")
    assert sorted(n["nodeID"] for n in scheme_nodes(out, "RA")) == ["4", "5"]
    assert signature(out) == signature(doc)


def test_cycles_are_broken_by_cross_links() -> None:
    doc = nodeset(
        [node("1", "A"), node("2", "B"), node("3", "RA", "RA"), node("4", "CA", "CA")],
        [("1", "3"), ("3", "2"), ("2", "4"), ("4", "1")],
    )
    m, out = roundtrip(doc)
    assert m.nodes["i1"].parent == "i2"
    assert m.nodes["i2"].parent is None
    (link,) = m.links
    assert (link.source, link.target, link.relation) == ("i2", "i1", "rebuts")
    assert signature(out) == signature(doc)


def test_odd_structures_are_kept_verbatim() -> None:
    doc = nodeset(
        [
            node("1", "C"),
            node("2", "P"),
            node("3", "RA", "RA"),
            node("4", "Q"),
            node("5", "CA", "CA"),  # attacks the CA below: a chain
            node("6", "CA", "CA"),
            node("7", "R"),
            node("8", "lonely RA", "RA"),  # no premise
            node("9", "dangling RA", "RA"),  # no target
            node("10", "self", "MA"),  # a premise that is its own target
            node("11", "odd", "XX"),  # unknown type
            node("12", "RA", "RA"),  # supports an inference
            node("13", "S"),
        ],
        [
            ("2", "3"),
            ("3", "1"),
            ("7", "6"),
            ("6", "1"),
            ("4", "5"),
            ("5", "6"),
            ("8", "1"),
            ("2", "9"),
            ("4", "10"),
            ("10", "4"),
            ("11", "1"),
            ("1", "2"),  # I to I
            ("13", "12"),
            ("12", "3"),
        ],
    )
    m, out = roundtrip(doc)
    assert m.nodes["i4"].parent == "i7"  # anchored at the attacked conflict's premise
    assert m.nodes["i4"].meta["relation"] == "undercut"
    assert m.nodes["i13"].parent == "i2"  # anchored at the supported inference's premise
    assert "relation" not in m.nodes["i13"].meta
    kept = m.meta["aif"]
    assert [n["nodeID"] for n in kept["other_nodes"]] == ["8", "9", "10", "11"]  # type: ignore[index,union-attr]
    assert len(kept["other_edges"]) == 6  # type: ignore[index,arg-type]
    assert scheme_counts(m) == {"I": 5, "RA": 4, "CA": 2, "MA": 1, "XX": 1}
    assert signature(out) == signature(doc)
    assert edges_from(out, "5") == ["6"] and edges_from(out, "12") == ["3"]


def test_chains_without_any_inode_do_not_crash() -> None:
    doc = nodeset(
        [node("1", "A"), node("2", "CA", "CA"), node("3", "CA", "CA")],
        [("1", "2"), ("2", "3"), ("3", "2")],
    )
    m, out = roundtrip(doc)
    assert m.nodes["i1"].parent is None
    assert len(m.meta["aif"]["other_nodes"]) == 2  # type: ignore[index,arg-type]
    assert signature(out) == signature(doc)


def test_long_chain_is_iterative() -> None:
    n = 3000
    nodes = [node(str(k), f"claim {k}") for k in range(n)]
    nodes += [node(f"r{k}", "RA", "RA") for k in range(1, n)]
    edges = [(str(k), f"r{k}") for k in range(1, n)] + [(f"r{k}", str(k - 1)) for k in range(1, n)]
    m, out = roundtrip(nodeset(nodes, edges))
    assert m.tree.max_depth() == n - 1
    assert len(out["edges"]) == 2 * (n - 1)


def test_dialogue_is_written_back_unchanged() -> None:
    doc = nodeset(
        [
            node("1", "C"),
            node("2", "P"),
            node("3", "RA", "RA"),
            node("10", "Bob: C", "L"),
            node("11", "Asserting", "YA", scheme="Asserting", schemeID="74"),
            node("12", "Bob: P", "L"),
            node("13", "Default Transition", "TA"),
            node("14", "Arguing", "YA"),
        ],
        [
            ("2", "3"),
            ("3", "1"),
            ("10", "11"),
            ("11", "1"),
            ("10", "13"),
            ("13", "12"),
            ("13", "14"),
            ("14", "3"),
        ],
    )
    doc["locutions"] = [{"nodeID": "10", "personID": "4", "start": None}]
    m, out = roundtrip(doc)
    kept = m.meta["aif"]
    assert [n["nodeID"] for n in kept["dialogue_nodes"]] == ["10", "11", "12", "13", "14"]  # type: ignore[index,union-attr]
    assert len(kept["dialogue_edges"]) == 6  # type: ignore[index,arg-type]
    assert out["locutions"] == doc["locutions"]
    assert sorted(map(json.dumps, out["edges"])) == sorted(map(json.dumps, doc["edges"]))
    # a deleted node takes the dialogue edges that point at it along
    smaller = ops.delete_subtree(m, "i2").map
    out = to_aif(smaller)
    assert all(e["toID"] != "2" and e["fromID"] != "2" for e in out["edges"])
    assert not scheme_nodes(out, "RA")
    assert all(e["toID"] != "3" for e in out["edges"])


def test_ova_wrapper_round_trip() -> None:
    body = nodeset(
        [node("1", "C"), node("2", "P"), node("3", "RA", "RA")], [("2", "3"), ("3", "1")]
    )
    body["participants"] = [{"participantID": "1", "firstname": "Bob"}]
    doc = {
        "AIF": body,
        "text": "<span class='highlighted' id='node1'>C</span> because P",
        "OVA": {"nodes": [{"nodeID": "1", "x": 10, "y": 20}], "edges": []},
    }
    m = read_aif(json.dumps(doc))
    revalidate(m)
    out = json.loads(write_aif(m))
    assert out["text"] == doc["text"] and out["OVA"] == doc["OVA"]
    assert out["AIF"]["participants"] == body["participants"]
    assert out["AIF"]["nodes"] == body["nodes"]
    assert read_aif(json.dumps(out)) == m
    # a plain nodeset stays plain
    assert "AIF" not in to_aif(from_aif(body))


def test_a_map_from_an_ova_file_saves_as_aif(tmp_path: Path) -> None:
    """save_aif counted the nodes of the wrapper, not of its nodeset (a KeyError)."""
    body = nodeset(
        [node("1", "C"), node("2", "P"), node("3", "RA", "RA")], [("2", "3"), ("3", "1")]
    )
    m = from_aif({"AIF": body, "text": "C because P", "OVA": {"nodes": [], "edges": []}})
    target = tmp_path / "ova.json"
    save_aif(m, target)
    assert json.loads(target.read_text(encoding="utf-8"))["AIF"]["nodes"] == body["nodes"]
    assert load_aif(target) == m


def test_quirks_are_tolerated() -> None:
    doc = {
        "nodes": [
            {"nodeID": 1, "text": None, "type": "I"},
            {"nodeID": 2, "text": "P", "type": "I", "timestamp": None, "colour": "red"},
            {"nodeID": 3, "text": "RA", "type": "RA", "extra": [1, 2]},
            {"nodeID": "a b/c", "text": "odd id", "type": "I"},
            {"nodeID": "a_b_c", "text": "clash", "type": "I"},
        ],
        "edges": [{"fromID": 2, "toID": 3}, {"fromID": 3, "toID": "1", "weight": 2}],
        "locutions": None,
        "schemefulfillments": [],
    }
    m = from_aif(doc)
    revalidate(m)
    out = to_aif(m)
    assert all(e["edgeID"] for e in out["edges"])  # edges without ids get new ones
    assert structure(from_aif(out)) == structure(m)
    roundtrip(out)  # from then on, nothing changes
    assert m.nodes["i1"].text == ""
    assert m.nodes["i2"].parent == "i1"
    assert {"ia_b_c", "ia_b_c_2"} <= set(m.nodes)
    written = {n["nodeID"]: n for n in out["nodes"]}
    assert written[1] == {"nodeID": 1, "text": "", "type": "I"}
    assert written[2] == doc["nodes"][1]
    assert written[3] == doc["nodes"][2]
    assert [e.get("weight") for e in out["edges"]] == [None, 2]
    assert out["schemefulfillments"] == []
    assert signature(out) == signature(doc)


def test_long_ids_are_cut_and_unique() -> None:
    long = "x" * 100
    m = from_aif(nodeset([node(long + "1", "A"), node(long + "2", "B")], []))
    assert all(len(i) <= 64 for i in m.nodes) and len(m.nodes) == 2
    assert {n["nodeID"] for n in to_aif(m)["nodes"]} == {long + "1", long + "2"}


# -- maps made in argmap -------------------------------------------------------------


def built_map() -> ArgumentMap:
    m = ArgumentMap()
    m = ops.add_claim(m, "We should act", node_id="claim").map
    m = ops.add_claim(m, "A second claim", node_id="other").map
    m = ops.add_node(m, "claim", Relation.SUPPORTS, "It is cheap", node_id="cheap").map
    m = ops.add_co_premise(m, "cheap", "and cheap things are good").map
    m = ops.add_node(m, "claim", Relation.REBUTS, "It is risky", node_id="risky").map
    m = ops.add_node(m, "risky", Relation.REBUTS, "Risk is small", node_id="small").map
    m = ops.add_node(m, "risky", Relation.SUPPORTS, "Risks add up").map
    m = ops.add_link(m, "small", "other", Relation.SUPPORTS).map
    m = ops.add_link(m, "cheap", "other", Relation.REBUTS).map
    return m


def test_map_made_in_argmap_exports_and_comes_back() -> None:
    m = built_map()
    out = to_aif(m)
    assert Counter(n["type"] for n in out["nodes"]) == {"I": 7, "RA": 3, "CA": 3}
    assert all(n["nodeID"] for n in out["nodes"])
    assert len({n["nodeID"] for n in out["nodes"]}) == len(out["nodes"])
    assert len(out["edges"]) == 7 + 6  # one premise edge per relation, one out-edge per scheme
    back = read_aif(json.dumps(out))
    revalidate(back)
    assert structure(back) == structure(m)
    assert write_aif(back) == write_aif(read_aif(write_aif(back)))


def test_edited_import_makes_new_schemes_where_needed() -> None:
    doc = nodeset(
        [node("1", "C"), node("2", "P1"), node("3", "P2"), node("4", "RA", "RA"), node("5", "D")],
        [("2", "4"), ("3", "4"), ("4", "1")],
    )
    m = from_aif(doc)
    moved = ops.move_node(m, "i3", "i5").map  # leaves the group
    out = to_aif(moved)
    assert len(scheme_nodes(out, "RA")) == 2
    assert edges_into(out, "4") == ["2"] and edges_from(out, "4") == ["1"]
    back = from_aif(out)
    assert back.nodes["i3"].parent == "i5" and back.nodes["i2"].group is None
    flipped = ops.set_relation(m, "i2", Relation.REBUTS).map  # the whole group turns
    out = to_aif(flipped)
    assert not scheme_nodes(out, "RA")
    (ca,) = scheme_nodes(out, "CA")
    assert sorted(edges_into(out, ca["nodeID"])) == ["2", "3"]
    joined = ops.add_co_premise(m, "i2", "P3").map  # a new co-premise joins the RA
    out = to_aif(joined)
    (ra,) = scheme_nodes(out, "RA")
    assert ra["nodeID"] == "4" and len(edges_into(out, "4")) == 3


def test_save_and_load(tmp_path: Path) -> None:
    m = built_map()
    target = tmp_path / "map.json"
    save_aif(m, target)
    assert structure(load_aif(target)) == structure(m)
    with pytest.raises(LoadError, match="does not exist"):
        load_aif(tmp_path / "missing.json")
    with pytest.raises(LoadError, match="folder"):
        load_aif(tmp_path)


# -- bad input -----------------------------------------------------------------------


GOOD = nodeset([node("1", "C"), node("2", "P"), node("3", "RA", "RA")], [("2", "3"), ("3", "1")])


def broken(change: Any) -> str:
    doc = json.loads(json.dumps(GOOD))
    change(doc)
    return json.dumps(doc)


BAD: list[tuple[str | bytes, str | None, str]] = [
    (b"", None, "empty"),
    (b"\xff\xfe", "byte 0", "not UTF-8"),
    ("{nodes: []}", "line 1, column 2", "invalid JSON"),
    ("[1, 2]", None, "expected a JSON object at the top, found a list"),
    ('{"edges": []}', None, "no 'nodes' list"),
    ('{"nodes": []}', None, "no 'edges' list"),
    ('{"AIF": [], "text": ""}', "AIF", "expected an object"),
    ('{"AIF": {"nodes": []}}', None, "no 'AIF.edges' list"),
    ('{"nodes": {}, "edges": []}', "nodes", "expected a list, found an object"),
    ('{"nodes": [], "edges": null}', "edges", "expected a list, found null"),
    (broken(lambda d: d["nodes"].append("I")), "nodes[3]", "expected a node object"),
    (broken(lambda d: d["nodes"][1].pop("nodeID")), "nodes[1].nodeID", "no nodeID"),
    (broken(lambda d: d["nodes"][1].update(nodeID=1.5)), "nodes[1].nodeID", "found a number"),
    (broken(lambda d: d["nodes"][1].update(nodeID=True)), "nodes[1].nodeID", "found true"),
    (broken(lambda d: d["nodes"][1].update(nodeID="1")), "nodes[1].nodeID", "duplicate"),
    (broken(lambda d: d["nodes"][1].pop("type")), "nodes[1].type", "no type"),
    (broken(lambda d: d["nodes"][1].update(type=["I"])), "nodes[1].type", "found a list"),
    (broken(lambda d: d["nodes"][1].update(text=5)), "nodes[1].text", "found a number"),
    (broken(lambda d: d["edges"].append(7)), "edges[2]", "expected an edge object"),
    (broken(lambda d: d["edges"][0].pop("toID")), "edges[0].toID", "no toID"),
    (broken(lambda d: d["edges"][0].update(fromID={})), "edges[0].fromID", "found an object"),
    (
        broken(lambda d: d["edges"][1].update(toID="99")),
        "edges[1].toID",
        'points to node "99", which is not in the nodes list',
    ),
    (broken(lambda d: d.update(locutions="none")), "locutions", "expected a list of locutions"),
    (
        '{"nodes": [{"nodeID": "1", "type": "I", "text": "\\ud800"}], "edges": []}',
        "nodes[0].text",
        "contains a lone surrogate (U+D800), which no file can hold",
    ),
    (
        '{"nodes": [{"nodeID": "1", "type": "I", "text": "a", "\\udc00": 1}], "edges": []}',
        "nodes[0]",
        'the key "\\udc00" contains a lone surrogate (U+DC00)',
    ),
    (
        '{"nodes": [], "edges": [], "extra": {"x": [1, "\\ud800"]}}',
        "extra.x[1]",
        "contains a lone surrogate (U+D800)",
    ),
    ('{"nodes": [], "edges": [], "x": NaN}', "line 1, column 33", "NaN is not a JSON number"),
    ('{"nodes": [], "edges": [],\n "x": 1, "x": 2}', "line 2, column 10", 'duplicate key "x"'),
    ("[" * 100000, "line 1, column 251", "invalid JSON: nested too deeply (more than 250 levels)"),
]


@pytest.mark.parametrize(("data", "where", "message"), BAD)
def test_bad_input_is_a_load_error(data: str | bytes, where: str | None, message: str) -> None:
    with pytest.raises(LoadError) as caught:
        read_aif(data, "bad.json")
    error = caught.value
    assert error.path == Path("bad.json")
    assert error.where == where
    assert message in error.message
    assert str(error).startswith("bad.json: ")


def test_the_good_document_is_fine() -> None:
    m = read_aif(json.dumps(GOOD))
    assert m.nodes["i2"].parent == "i1"


# -- repeated edges, the export caps' messages, JSON's limits ----------------------------


def test_a_repeated_premise_edge_is_one_relation_and_round_trips(tmp_path: Path) -> None:
    doc = {
        "nodes": [node(1, "p"), node(2, "RA", "RA"), node(3, "c")],
        "edges": [edge(1, 1, 2), edge(2, 2, 3), edge(3, 1, 2), edge(4, 2, 3)],
    }
    m = from_aif(doc)
    assert m.nodes["i1"].parent == "i3" and m.nodes["i1"].relation == Relation.SUPPORTS
    assert m.links == ()
    out = to_aif(m)
    assert len(scheme_nodes(out, "RA")) == 1
    # the repeated edges are kept verbatim, so nothing of the file is lost
    assert sorted(e["edgeID"] for e in out["edges"]) == [1, 2, 3, 4]
    back = from_aif(out)
    assert back == m
    target = tmp_path / "x.argdown"
    save_argdown(m, target)
    assert target.read_text(encoding="utf-8").count("<+ ") == 1


def test_many_repeated_edges_load_as_one_relation_in_linear_time() -> None:
    repeats = 50_000
    edges = [edge(k, 1, 2) for k in range(repeats)] + [edge(-k - 1, 2, 3) for k in range(repeats)]
    doc = {"nodes": [node(1, "p"), node(2, "RA", "RA"), node(3, "c")], "edges": edges}
    m = from_aif(doc)
    assert len(m.nodes) == 2 and m.links == ()
    assert len(m.meta["aif"]["other_edges"]) == 2 * repeats - 2


def test_an_export_over_the_node_cap_names_the_aif_nodes_it_would_have(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.formats.aif as aif_module

    monkeypatch.setattr(aif_module, "MAX_NODES", 6)
    m = built_map()  # 7 statements and their 6 scheme nodes (a co-premise pair shares one)
    target = tmp_path / "big.json"
    target.write_bytes(b"old")
    with pytest.raises(SaveError) as info:
        save_aif(m, target)
    count = len(to_aif(m)["nodes"])
    assert info.value.message == (
        f"would have {count} AIF nodes (statements and the scheme nodes of their relations), "
        "more than the 6 argmap reads back; save it as an argmap map (.argmap.json) instead"
    )
    assert target.read_bytes() == b"old"


def test_an_export_over_the_edge_cap_names_the_aif_edges_it_would_have(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.formats.aif as aif_module

    monkeypatch.setattr(aif_module, "MAX_EDGES", 3)
    m = built_map()
    target = tmp_path / "big.json"
    with pytest.raises(SaveError) as info:
        save_aif(m, target)
    count = len(to_aif(m)["edges"])
    assert info.value.message == (
        f"would have {count} AIF edges (into and out of the scheme node of each relation), "
        "more than the 3 argmap reads back; save it as an argmap map (.argmap.json) instead"
    )
    assert not target.exists()


JSON_LIMITS: list[tuple[str, str, str]] = [
    ('{"nodes": [], "edges": [], "x": ' + "1" * 5000 + "}", "line 1, column 33", "digits"),
    ('{"nodes": [], "edges": [],\n "x": -' + "9" * 4301 + "}", "line 2, column 7", "digits"),
    (
        '{"nodes": [], "edges": [], "x": ' + "[" * 3000 + "]" * 3000 + "}",
        "line 1, column 282",
        "deep",
    ),
    ('{"nodes": [], "edges": [], "x": ' + '{"a":' * 3000 + "1" + "}" * 3000 + "}", None, "deep"),
]


@pytest.mark.parametrize(("text", "where", "kind"), JSON_LIMITS)
def test_json_past_pythons_limits_is_refused_in_user_words(
    tmp_path: Path, text: str, where: str | None, kind: str
) -> None:
    path = tmp_path / "limits.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load_aif(path)
    error = info.value
    message = {
        "digits": "invalid JSON: a number with more than 4,300 digits",
        "deep": "invalid JSON: nested too deeply (more than 250 levels)",
    }[kind]
    assert error.message == message
    if where is not None:
        assert error.where == where
    else:
        assert error.where is not None and error.where.startswith("line 1, column ")
    assert "sys." not in str(error) and "recursion" not in str(error)
    assert path.read_text(encoding="utf-8") == text


def test_a_value_nested_past_the_models_depth_is_refused_naming_its_field() -> None:
    deep = "[" * 300 + "]" * 300
    text = '{"nodes": [{"nodeID": "1", "type": "I", "text": "a", "x": ' + deep + '}], "edges": []}'
    with pytest.raises(LoadError) as info:
        read_aif(text, "deep.json")
    assert info.value.message == "cannot be mapped: nested too deeply (more than 250 levels)"
    assert info.value.where == "nodes.i1.meta.aif.extra.x"
