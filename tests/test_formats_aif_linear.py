"""The AIF reader on shapes that were quadratic, and on copies that were huge.

Qt-free.  Each shape maps within a time limit far below what it took before the
fix (named in each test), with the same result as before where that finished.
"""

from __future__ import annotations

from typing import Any

import pytest

from argmap.formats.aif import graph as aif_graph
from argmap.formats.aif import read_aif
from argmap.formats.aif import reader as aif_reader
from tests.limits import time_limit
from tests.reader_inputs import BUDGET, aif_doc, never, refused, undercut_chain

# -- AIF shapes that were quadratic -----------------------------------------------------


def test_a_long_chain_of_undercuts_on_one_premise_maps_in_linear_time() -> None:
    """Before the fix 4,000 such schemes took 31 s (quadratic anchor searches)."""
    count = 5_000
    with time_limit(BUDGET):
        m = read_aif(undercut_chain(count))
    assert m.node("ip").parent == "ic"
    # near ones anchor at c, as before; one whose anchor is further than the search
    # looks stays in the file as it was, and export writes it back unchanged
    anchored = [link for link in m.links if link.meta.get("relation") == "undercut"]
    assert anchored and all(link.target == "ic" for link in anchored)
    assert m.links[0].meta["aif"]["via"]["node"]["nodeID"] == "s2"  # type: ignore[index]
    kept = m.meta["aif"]["other_nodes"]  # type: ignore[index]
    assert len(anchored) + len(kept) == count - 1  # type: ignore[arg-type]
    assert kept[-1]["nodeID"] == f"s{count}"  # type: ignore[index]


def test_many_attackers_of_a_scheme_with_many_premises_map_in_linear_time() -> None:
    """One RA with n premises, each attacked by its own CA: before the fix the RA's
    premises were sorted again for every attacker (8,000 took 101 s)."""
    count = 5_000
    nodes: list[dict[str, Any]] = [{"nodeID": "c", "type": "I"}, {"nodeID": "r", "type": "RA"}]
    edges: list[dict[str, Any]] = [{"fromID": "r", "toID": "c"}]
    for i in range(count):
        nodes.append({"nodeID": f"p{i}", "type": "I"})
        edges.append({"fromID": f"p{i}", "toID": "r"})
    for i in range(count):
        nodes.append({"nodeID": f"a{i}", "type": "CA"})
        edges.append({"fromID": f"p{i}", "toID": f"a{i}"})
        edges.append({"fromID": f"a{i}", "toID": "r"})
    with time_limit(BUDGET):
        m = read_aif(aif_doc(nodes, edges))
    assert len(m.links) == count
    # each undercut is anchored at the RA's first premise that is not its own
    assert m.links[0].source == "ip0" and m.links[0].target == "ip1"
    assert {link.target for link in m.links[1:]} == {"ip0"}


def _naive_ids(bases: list[str]) -> list[str]:
    """The ids the reader gave before (trying suffixes 2, 3, ... each time)."""
    taken: set[str] = set()
    out = []
    for base in bases:
        candidate, k = base[:64], 2
        while candidate in taken:
            suffix = f"_{k}"
            candidate = base[: 64 - len(suffix)] + suffix
            k += 1
        taken.add(candidate)
        out.append(candidate)
    return out


def colliding_keys(count: int) -> list[str]:
    """nodeIDs that all become "ix_", long ones sharing their first 64 characters, and
    some that are taken before their turn comes (or not)."""
    keys = ["x" + chr(0x4E00 + i) for i in range(count)]
    keys += ["y" * 70 + str(i) for i in range(count)]
    return [*keys, "x_2", "x__3", "x_", "y" * 61 + "_5"]


def test_node_ids_that_collide_are_made_unique_in_linear_time() -> None:
    """Before the fix each tried every suffix taken before it (8,000 took 10 s)."""
    keys = colliding_keys(8_000)
    with time_limit(BUDGET):
        m = read_aif(aif_doc([{"nodeID": key, "type": "I"} for key in keys]))
    ids = list(m.nodes)
    assert len(set(ids)) == len(keys) and max(map(len, ids)) == 64
    assert ids[:3] == ["ix_", "ix__2", "ix__3"] and ids[-4:-2] == ["ix_2", "ix__3_2"]


def test_colliding_ids_are_the_ones_of_trying_each_suffix_in_turn() -> None:
    keys = colliding_keys(300)
    m = read_aif(aif_doc([{"nodeID": key, "type": "I"} for key in keys]))
    assert list(m.nodes) == _naive_ids(["i" + aif_graph.safe(key) for key in keys])


def test_few_colliding_ids_match_the_rule_exactly() -> None:
    keys = ["a!", "a_2", "a@", "a#", "a__2", "a$"]
    m = read_aif(aif_doc([{"nodeID": key, "type": "I"} for key in keys]))
    assert list(m.nodes) == ["ia_", "ia_2", "ia__2", "ia__3", "ia__2_2", "ia__4"]


# -- AIF: copies of scheme nodes -------------------------------------------------------


def big_scheme(values: int, premises: int, text: str = "") -> bytes:
    """One CA with `values` empty objects (and `text`) and `premises` premises: each of
    its relations keeps a copy of it (an RA naming a scheme is one argument node)."""
    nodes: list[dict[str, Any]] = [{"nodeID": "c", "type": "I"}]
    nodes.append({"nodeID": "r", "type": "CA", "text": text, "x": [{}] * values})
    edges: list[dict[str, Any]] = [{"fromID": "r", "toID": "c"}]
    for i in range(premises):
        nodes.append({"nodeID": f"p{i}", "type": "I"})
        edges.append({"fromID": f"p{i}", "toID": "r"})
    return aif_doc(nodes, edges)


def test_a_small_file_whose_copies_would_be_huge_isrefused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """10,000 values copied for 200 premises: 2 million values from a 60 KB file (before
    the fix 400 premises took 300 MB; 100,000 values and 1,000 premises would take GBs)."""
    monkeypatch.setattr(aif_reader, "_validated", never)
    data = big_scheme(10_000, 200)
    assert len(data) < 100_000
    error = refused(read_aif, data)
    assert error.message == (
        "has more than 1,000,000 JSON values in the copies of scheme nodes "
        "(one with each relation), too many for one map"
    )


def test_copies_of_a_long_scheme_text_arerefused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aif_reader, "_validated", never)
    error = refused(read_aif, big_scheme(0, 40, "x" * 1_000_000))
    assert error.message == (
        "has more than 33,554,432 bytes in the copies of scheme nodes "
        "(one with each relation), too large for one map"
    )


def test_copies_up_to_the_cap_load(monkeypatch: pytest.MonkeyPatch) -> None:
    m = read_aif(big_scheme(3, 4))  # 4 relations: 3 copies beyond the first
    assert len(m.nodes) == 5 and m.node("ip3").group == "car"
    # a copy: via {node, to, out} 3, the node's 4 keys, its list of 3 and their 3, out {} 1
    monkeypatch.setattr(aif_reader, "MAX_COPIED_ITEMS", 3 * 14)
    assert read_aif(big_scheme(3, 4)) == m
    error = refused(read_aif, big_scheme(3, 5))
    assert error.message.startswith("has more than 42 JSON values in the copies")
