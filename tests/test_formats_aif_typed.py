"""The AIF node set and the metadata argmap keeps of it, as types (aif/nodeset.py, aif/meta.py).

Qt-free.  The checked node set gives typed rows over the file's own dicts (kept
verbatim, so export writes them back unchanged); what the writer reads back from
a map, which the user may have edited, is read leniently: a value of the wrong
shape counts as missing.
"""

from __future__ import annotations

from typing import Any

from argmap.formats.aif import read_aif, to_aif
from argmap.formats.aif.meta import kept_i_node, kept_map, kept_relation
from argmap.formats.aif.nodeset import Edge, check_nodeset, without_ends
from argmap.model import ArgumentMap, Node, Relation


def test_the_checked_node_set_has_typed_rows_over_the_files_own_dicts() -> None:
    nodes: list[Any] = [
        {"nodeID": 1, "type": "I", "text": "c"},
        {"nodeID": "r", "type": "RA", "scheme": "x"},
        {"nodeID": "l", "type": "L"},
        {"nodeID": "z", "type": "??"},
    ]
    edges: list[Any] = [{"edgeID": 7, "fromID": "r", "toID": 1, "formEdgeID": None}]
    g = check_nodeset(nodes, edges, "", None)
    assert g.keys == ["1", "r", "l", "z"]
    assert [g.kind[k] for k in g.keys] == ["I", "S", "D", "O"]
    assert g.raw["r"] is nodes[1]  # verbatim
    assert g.edges == [Edge("r", "1", edges[0])] and g.edges[0].raw is edges[0]
    assert g.outs == {"r": [0]} and g.ins == {"1": [0]}
    assert without_ends(g.edges[0].raw) == {"edgeID": 7, "formEdgeID": None}


def test_what_the_reader_keeps_has_the_shapes_the_writer_reads() -> None:
    m = read_aif(
        b'{"nodes": [{"nodeID": "c", "type": "I", "text": "C", "timestamp": "t", "k": 1},'
        b' {"nodeID": "p", "type": "I", "text": "P"}, {"nodeID": "s", "type": "CA"}],'
        b' "edges": [{"edgeID": "e1", "fromID": "p", "toID": "s"},'
        b' {"edgeID": "e2", "fromID": "s", "toID": "c"}], "locutions": [], "x": 2}'
    )
    claim, premise = m.node("ic"), m.node("ip")
    i_node = kept_i_node(claim.meta)
    assert (i_node.node_id, i_node.known, i_node.timed) == ("c", True, True)
    assert (i_node.timestamp, i_node.extra) == ("t", {"k": 1})
    relation = kept_relation(premise.meta)
    assert relation.via.node == {"nodeID": "s", "type": "CA"}
    assert (relation.via.to, relation.via.anchored, relation.via.expected) == ("c", False, "c")
    assert relation.via.out == {"edgeID": "e2"} and relation.edge == {"edgeID": "e1"}
    kept = kept_map(m.meta)
    assert kept.extra == {"x": 2} and kept.wrapper is None and kept.locutions == []


def test_metadata_of_the_wrong_shape_counts_as_missing() -> None:
    odd: dict[str, Any] = {"aif": {"via": [1], "edge": "e", "nodeID": None, "extra": 3}}
    relation = kept_relation(odd)
    assert relation.via.node == {} and relation.via.out == {} and relation.edge == {}
    assert relation.via.expected is None and not relation.via.anchored
    i_node = kept_i_node(odd)
    assert i_node.known and i_node.node_id is None and i_node.extra == {}
    assert not i_node.timed and i_node.timestamp == ""
    kept = kept_map({"aif": {"other_nodes": [1, {"nodeID": "a"}], "locutions": {}}})
    assert kept.other_nodes == [{"nodeID": "a"}] and kept.locutions == []
    assert kept_map({}).dialogue_edges == [] and kept_map({"aif": 5}).wrapper is None


def test_an_edited_map_writes_new_scheme_nodes_where_the_kept_ones_no_longer_fit() -> None:
    m = ArgumentMap(
        nodes=[
            Node(id="c", text="C", meta={"aif": {"nodeID": "c"}}),
            Node(
                id="p",
                text="P",
                parent="c",
                relation=Relation.SUPPORTS,
                # the kept scheme is a CA: no longer this relation's
                meta={"aif": {"nodeID": "p", "via": {"node": {"nodeID": "s", "type": "CA"}}}},
            ),
        ]
    )
    doc = to_aif(m)
    assert [n["type"] for n in doc["nodes"]] == ["I", "I", "RA"]
    assert doc["nodes"][2]["nodeID"] == "1"  # a new one, not "s"
