"""The caps of the native and AIF readers, and the AIF reader's linear time.

Qt-free.  Every cap refuses an input one over it with one line naming the cap,
before the costly work starts (the model is never built, the file is left as
it was); an input at the cap loads (a small cap is patched in where a real
one would be slow to build; `make bench` times each reader at its real caps).
The Kialo reader's caps are tested in tests/test_formats_kialo_limits.py.
"""

from __future__ import annotations

import contextlib
import gc
import json
from pathlib import Path
from typing import Any

import pytest

from argmap.formats import LoadError, aif, aif_graph, aif_reader, load, loads, native
from argmap.formats.aif import load_aif, read_aif
from tests.limits import time_limit

#: seconds for an input the fixed readers take well under a second for
BUDGET = 10.0


def _never(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("an input over a cap went on to be mapped")


def _refused(read: Any, data: bytes | str) -> LoadError:
    with time_limit(BUDGET), pytest.raises(LoadError) as info:
        read(data)
    error = info.value
    assert type(error) is LoadError
    assert "\n" not in str(error) and len(error.message) <= 200
    return error


def native_doc(nodes: list[Any], **more: Any) -> bytes:
    return json.dumps({"format": "argmap", "version": 1, "nodes": nodes, **more}).encode()


def aif_doc(nodes: list[Any], edges: list[Any] | None = None) -> bytes:
    return json.dumps({"nodes": nodes, "edges": edges or [], "locutions": []}).encode()


class _NoModel:
    """Stands in for ArgumentMap: building the model fails the test."""

    model_validate = staticmethod(_never)


# -- native --------------------------------------------------------------------------


def test_a_map_with_more_nodes_than_the_cap_is_refused_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(native, "ArgumentMap", _NoModel)
    path = tmp_path / "big.argmap.json"
    content = native_doc([{"id": f"n{i}"} for i in range(native.MAX_NODES + 1)])
    path.write_bytes(content)
    with time_limit(BUDGET), pytest.raises(LoadError) as info:
        load(path)
    assert str(info.value) == f"{path}: has more than 100,000 nodes, too many for one map"
    assert path.read_bytes() == content


def test_a_map_at_the_node_cap_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(native, "MAX_NODES", 10)
    assert len(loads(native_doc([{"id": f"n{i}"} for i in range(10)])).nodes) == 10
    error = _refused(loads, native_doc([{"id": f"n{i}"} for i in range(11)]))
    assert error.message == "has more than 10 nodes, too many for one map"


def test_a_map_with_more_cross_links_than_the_cap_is_refused_naming_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    nodes = [{"id": "a"}, {"id": "b"}]
    link = {"id": "x", "source": "a", "target": "b", "relation": "supports"}
    monkeypatch.setattr(native, "MAX_LINKS", 3)
    links = [{**link, "id": f"x{i}"} for i in range(3)]
    assert len(loads(native_doc(nodes, links=links)).links) == 3
    monkeypatch.setattr(native, "ArgumentMap", _NoModel)
    error = _refused(loads, native_doc(nodes, links=[*links, link]))
    assert error.message == "has more than 3 cross-links, too many for one map"
    assert error.where is None


def test_the_real_cross_link_cap_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(native, "ArgumentMap", _NoModel)
    links = [{}] * (native.MAX_LINKS + 1)  # refused on the count, before their contents
    error = _refused(loads, native_doc([{"id": "a"}], links=links))
    assert error.message == "has more than 200,000 cross-links, too many for one map"


def test_a_map_with_more_source_references_than_the_cap_is_refused_naming_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(native, "ArgumentMap", _NoModel)
    half = native.MAX_REFS // 2
    ref = {"paragraph": 1}
    nodes = [{"id": "a", "refs": [ref] * half}, {"id": "b", "refs": [ref] * (half + 1)}]
    error = _refused(loads, native_doc(nodes))
    assert error.message == "has more than 200,000 source references, too many for one map"


def test_source_references_up_to_the_cap_load(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(native, "MAX_REFS", 4)
    ref = {"paragraph": 1}
    m = loads(native_doc([{"id": "a", "refs": [ref] * 2}, {"id": "b", "refs": [ref] * 2}]))
    assert sum(len(n.refs) for n in m.nodes.values()) == 4
    error = _refused(loads, native_doc([{"id": "a", "refs": [ref] * 5}]))
    assert error.message == "has more than 4 source references, too many for one map"


def test_more_json_values_than_the_cap_are_refused_before_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Nothing but `{},` in meta: parsing 4 million of them would take 1 GB."""
    monkeypatch.setattr(native, "parse_json", _never)
    text = native_doc([{"id": "a", "meta": {"k": "@"}}]).decode()
    text = text.replace('"@"', "[" + "{}," * native.MAX_ITEMS + "{}]")
    error = _refused(loads, text)
    assert error.message == (
        "has more than 4,000,000 JSON values as argmap writes them, too many for one map"
    )


def test_commas_and_brackets_inside_texts_are_no_json_values() -> None:
    text = "a, [b], {c}, " * (native.MAX_ITEMS // 3)  # 4 million commas and brackets
    with time_limit(BUDGET):
        m = loads(native_doc([{"id": "a", "text": text, "note": '\\",[{'}]))
    assert m.node("a").text == text


def test_json_values_up_to_the_cap_load(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = native_doc([{"id": "a", "meta": {"k": [0, 1, 2]}}]).decode()
    monkeypatch.setattr(native, "MAX_ITEMS", native.written_items(loads(doc)))
    assert loads(doc).node("a").meta == {"k": [0, 1, 2]}
    error = _refused(loads, doc.replace("[0, 1, 2]", "[0, 1, 2, 3]"))
    cap = native.MAX_ITEMS
    assert (
        error.message
        == f"has more than {cap} JSON values as argmap writes them, too many for one map"
    )


def test_a_file_that_would_save_over_the_cap_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Saving writes every field: a file of bare nodes at the cap would save bigger than
    the cap and could not be opened again, so it is refused when opened."""
    doc = native_doc([{"id": f"n{i}"} for i in range(50)]).decode()
    in_file = sum(doc.count(c) for c in ",{[")
    monkeypatch.setattr(native, "MAX_ITEMS", in_file + 10)  # the file fits, its save not
    error = _refused(loads, doc)
    assert "JSON values as argmap writes them" in error.message
    monkeypatch.setattr(native, "MAX_ITEMS", native.written_items(load_any(doc)))
    saved = native.dumps(loads(doc))
    assert loads(saved) == loads(doc)  # at the cap: it opens, saves and opens again


def load_any(doc: str) -> Any:
    """`doc`'s map, whatever the caps say (to count what it writes)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(native, "MAX_ITEMS", 10**9)
        return loads(doc)


def _written(m: Any) -> int:
    """The JSON items of what `dumps` writes, as the readers count them in a file."""
    from argmap.formats.caps import _JSON_STRING

    text = _JSON_STRING.sub("", native.dumps(m))
    return sum(text.count(c) for c in ",{[")


def test_written_items_counts_exactly_what_dumps_writes() -> None:
    """`written_items` works out the count from the model; if a field is added to the
    model, this test says the count must learn it."""
    sample = load(Path(__file__).parent.parent / "samples" / "ai-slowdown.argmap.json")
    ref = {"paragraph": 2, "start": 0, "end": 1, "quote": "a, [b]"}
    node = {"id": "a", "tags": ["x", "y,"], "refs": [{"paragraph": 1}, ref]}
    node["meta"] = {"k": [[], {}, [1, [2, {"a": None}]]], "t": "{,["}
    link = {"id": "x", "source": "a", "target": "b", "relation": "rebuts", "meta": {"q": [1]}}
    maps = [
        sample,
        loads(native_doc([])),
        loads(native_doc([node, {"id": "b"}], links=[link], meta={"a": {}, "b": [[]]})),
        read_aif(undercut_chain(30)),
    ]
    for m in maps:
        assert native.written_items(m) == _written(m)


@pytest.mark.parametrize("kind", [bytes, str])
def test_input_over_the_byte_cap_is_refused_when_given_directly(
    kind: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not only files: bytes or text handed to loads are capped too (the GUI's reads)."""
    monkeypatch.setattr(native, "parse_json", _never)
    text = native_doc([]).decode() + " " * native.MAX_BYTES
    unit = "bytes" if kind is bytes else "characters"
    error = _refused(loads, text.encode() if kind is bytes else text)
    assert error.message == f"is more than 67,108,864 {unit}, too large for a map"


# -- AIF -----------------------------------------------------------------------------


def test_a_nodeset_with_more_nodes_than_the_cap_is_refused_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(aif_reader, "_check_graph", _never)
    path = tmp_path / "big.json"
    nodes = [{"nodeID": str(i), "type": "I", "text": ""} for i in range(aif.MAX_NODES + 1)]
    content = aif_doc(nodes)
    path.write_bytes(content)
    with time_limit(BUDGET), pytest.raises(LoadError) as info:
        load_aif(path)
    assert str(info.value) == f"{path}: has more than 100,000 AIF nodes, too many for one map"
    assert path.read_bytes() == content


def test_a_nodeset_with_more_edges_than_the_cap_is_refused_naming_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(aif_reader, "_check_graph", _never)
    error = _refused(read_aif, aif_doc([], [{}] * (aif.MAX_EDGES + 1)))
    assert error.message == "has more than 200,000 AIF edges, too many for one map"


def test_a_nodeset_at_its_caps_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aif_reader, "MAX_NODES", 3)
    monkeypatch.setattr(aif_reader, "MAX_EDGES", 2)
    nodes = [{"nodeID": "1", "type": "I"}, {"nodeID": "2", "type": "I"}]
    nodes.append({"nodeID": "3", "type": "RA"})
    edges = [{"fromID": "1", "toID": "3"}, {"fromID": "3", "toID": "2"}]
    m = read_aif(aif_doc(nodes, edges))
    assert m.node("i1").parent == "i2"
    error = _refused(read_aif, aif_doc([*nodes, {"nodeID": "4", "type": "I"}], edges))
    assert error.message == "has more than 3 AIF nodes, too many for one map"
    error = _refused(read_aif, aif_doc(nodes, [*edges, {"fromID": "1", "toID": "2"}]))
    assert error.message == "has more than 2 AIF edges, too many for one map"


def test_more_json_values_than_the_aif_cap_are_refused_before_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(aif, "parse_json", _never)
    text = '{"nodes": [], "edges": [], "x": [' + "0," * aif.MAX_ITEMS + "0]}"
    error = _refused(read_aif, text)
    assert error.message == "has more than 2,000,000 JSON values, too many for one map"


@pytest.mark.parametrize("kind", [bytes, str])
def test_aif_input_over_the_byte_cap_is_refused(
    kind: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(aif, "parse_json", _never)
    text = aif_doc([]).decode() + " " * aif.MAX_BYTES
    unit = "bytes" if kind is bytes else "characters"
    error = _refused(read_aif, text.encode() if kind is bytes else text)
    assert error.message == f"is more than 33,554,432 {unit}, too large for an AIF file"


def test_the_caps_leave_room_for_what_the_other_readers_make() -> None:
    """An import at its caps, saved as a map, must open again."""
    assert aif.MAX_BYTES * 2 <= native.MAX_BYTES
    assert aif.MAX_ITEMS * 2 <= native.MAX_ITEMS
    assert aif.MAX_NODES <= native.MAX_NODES and aif.MAX_EDGES <= native.MAX_LINKS
    assert aif_graph.MAX_NODES is aif.MAX_NODES


# -- AIF shapes that were quadratic -----------------------------------------------------


def undercut_chain(count: int) -> bytes:
    """p supports c through an RA; CA k (premise p) attacks scheme k - 1: every anchor
    search of a scheme passes the whole chain before it, as p is the attacker's own."""
    nodes: list[dict[str, Any]] = [{"nodeID": "p", "type": "I"}, {"nodeID": "c", "type": "I"}]
    edges: list[dict[str, Any]] = []
    for k in range(1, count + 1):
        nodes.append({"nodeID": f"s{k}", "type": "RA" if k == 1 else "CA"})
        edges.append({"fromID": "p", "toID": f"s{k}"})
        edges.append({"fromID": f"s{k}", "toID": "c" if k == 1 else f"s{k - 1}"})
    return aif_doc(nodes, edges)


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
    assert list(m.nodes) == _naive_ids(["i" + aif_graph._safe(key) for key in keys])


def test_few_colliding_ids_match_the_rule_exactly() -> None:
    keys = ["a!", "a_2", "a@", "a#", "a__2", "a$"]
    m = read_aif(aif_doc([{"nodeID": key, "type": "I"} for key in keys]))
    assert list(m.nodes) == ["ia_", "ia_2", "ia__2", "ia__3", "ia__2_2", "ia__4"]


# -- the collector ---------------------------------------------------------------------


REFUSED = (b"{", b"[]")


@pytest.mark.parametrize(
    ("read", "data"),
    [
        (loads, native_doc([{"id": "a"}])),
        (read_aif, aif_doc([{"nodeID": "1", "type": "I"}])),
        (loads, REFUSED[0]),
        (read_aif, REFUSED[1]),
    ],
    ids=["native", "aif", "native-refused", "aif-refused"],
)
def test_the_collector_is_paused_while_reading_and_restored_after(
    read: Any, data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    module = native if read is loads else aif
    real = module.parse_json

    def spy(text: str, path: Any) -> Any:
        seen.append(gc.isenabled())
        return real(text, path)

    monkeypatch.setattr(module, "parse_json", spy)

    def outcome() -> Any:
        return pytest.raises(LoadError) if data in REFUSED else contextlib.nullcontext()

    assert gc.isenabled()
    with outcome():
        read(data)
    assert seen == [False]
    assert gc.isenabled()  # restored, whether the input loaded or was refused
    gc.disable()
    try:
        with outcome():
            read(data)
        assert not gc.isenabled()  # one paused by someone else stays paused
    finally:
        gc.enable()


# -- memory ------------------------------------------------------------------------------


def test_models_share_the_set_of_fields_given_and_a_copy_gets_its_own() -> None:
    """pydantic keeps, in every instance, a set of the fields given (728 bytes for six
    names, a third of a node): nodes, links and references given the same fields share
    one, and a copy made by an edit gets its own, so no other node's set changes."""
    m = read_aif(
        aif_doc(
            [{"nodeID": str(i), "type": "I", "text": "t"} for i in range(3)]
            + [{"nodeID": "s", "type": "RA"}],
            [
                {"fromID": "0", "toID": "s"},
                {"fromID": "1", "toID": "s"},
                {"fromID": "s", "toID": "2"},
            ],
        )
    )
    a, b = m.node("i0"), m.node("i1")
    assert a.__pydantic_fields_set__ is b.__pydantic_fields_set__
    before = set(b.model_fields_set)
    edited = m.evolve(nodes={**m.nodes, "i0": a.model_copy(update={"note": "n"})})
    assert edited.node("i0").model_fields_set == before | {"note"}
    assert b.model_fields_set == before and a.model_fields_set == before
    links = loads(
        native_doc(
            [{"id": "a", "refs": [{"paragraph": 1}]}, {"id": "b", "refs": [{"paragraph": 2}]}],
            links=[
                {"id": f"x{i}", "source": "a", "target": "b", "relation": "supports"}
                for i in range(2)
            ],
        )
    )
    first, second = links.links
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__
    ref_a, ref_b = links.node("a").refs[0], links.node("b").refs[0]
    assert ref_a.__pydantic_fields_set__ is ref_b.__pydantic_fields_set__


# -- AIF: copies of scheme nodes -------------------------------------------------------


def big_scheme(values: int, premises: int, text: str = "") -> bytes:
    """One RA with `values` empty objects (and `text`) and `premises` premises: each of
    its relations keeps a copy of it."""
    nodes: list[dict[str, Any]] = [{"nodeID": "c", "type": "I"}]
    nodes.append({"nodeID": "r", "type": "RA", "text": text, "x": [{}] * values})
    edges: list[dict[str, Any]] = [{"fromID": "r", "toID": "c"}]
    for i in range(premises):
        nodes.append({"nodeID": f"p{i}", "type": "I"})
        edges.append({"fromID": f"p{i}", "toID": "r"})
    return aif_doc(nodes, edges)


def test_a_small_file_whose_copies_would_be_huge_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """10,000 values copied for 200 premises: 2 million values from a 60 KB file (before
    the fix 400 premises took 300 MB; 100,000 values and 1,000 premises would take GBs)."""
    monkeypatch.setattr(aif_reader, "_validated", _never)
    data = big_scheme(10_000, 200)
    assert len(data) < 100_000
    error = _refused(read_aif, data)
    assert error.message == (
        "has more than 1,000,000 JSON values in the copies of scheme nodes "
        "(one with each relation), too many for one map"
    )


def test_copies_of_a_long_scheme_text_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aif_reader, "_validated", _never)
    error = _refused(read_aif, big_scheme(0, 40, "x" * 1_000_000))
    assert error.message == (
        "has more than 33,554,432 bytes in the copies of scheme nodes "
        "(one with each relation), too large for one map"
    )


def test_copies_up_to_the_cap_load(monkeypatch: pytest.MonkeyPatch) -> None:
    m = read_aif(big_scheme(3, 4))  # 4 relations: 3 copies beyond the first
    assert len(m.nodes) == 5 and m.node("ip3").group == "rar"
    # a copy: via {node, to, out} 3, the node's 4 keys, its list of 3 and their 3, out {} 1
    monkeypatch.setattr(aif_reader, "MAX_COPIED_ITEMS", 3 * 14)
    assert read_aif(big_scheme(3, 4)) == m
    error = _refused(read_aif, big_scheme(3, 5))
    assert error.message.startswith("has more than 42 JSON values in the copies")


def test_every_map_an_import_makes_saves_to_a_file_that_opens(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The AIF and Kialo readers refuse a map the native reader would not open again."""
    from argmap.formats.kialo import read_kialo

    m = read_aif(undercut_chain(20))
    monkeypatch.setattr(native, "MAX_ITEMS", native.written_items(m) - 1)
    error = _refused(read_aif, undercut_chain(20))
    assert "as argmap writes them" in error.message
    k = read_kialo("1. T\n1.1. Pro: a\n1.2. -> See 1.1.\n")
    monkeypatch.setattr(native, "MAX_ITEMS", native.written_items(k) - 1)
    error = _refused(read_kialo, "1. T\n1.1. Pro: a\n1.2. -> See 1.1.\n")
    assert "as argmap writes them" in error.message


# -- what argmap writes, argmap opens: the byte cap -----------------------------------


def random_docs(count: int) -> list[dict[str, Any]]:
    """Native documents written as compactly as JSON allows, with what makes a save
    grow: missing fields, refs, tags, links, floats and nested metadata."""
    import random

    rng = random.Random(13)
    docs = []
    for _ in range(count):
        nodes: list[dict[str, Any]] = []
        for i in range(rng.randint(0, 12)):
            node: dict[str, Any] = {"id": f"n{i}"}
            if i and rng.random() < 0.7:
                node |= {"parent": f"n{rng.randrange(i)}", "relation": "supports"}
            if rng.random() < 0.3:
                node["tags"] = [f"t{k}" for k in range(rng.randint(0, 4))]
            if rng.random() < 0.3:
                node["refs"] = [{"paragraph": k + 1} for k in range(rng.randint(0, 3))]
            if rng.random() < 0.5:
                deep: Any = [1e-7, 2.5, [], {}]
                for _ in range(rng.randint(0, 6)):
                    deep = {"k": deep, "f": 1e300} if rng.random() < 0.5 else [deep, 0.1]
                node["meta"] = {"m": deep, "s": "x\ty"}
            nodes.append(node)
        doc: dict[str, Any] = {"format": "argmap", "version": 1, "nodes": nodes}
        if len(nodes) > 1 and rng.random() < 0.5:
            doc["links"] = [{"id": "x", "source": "n0", "target": "n1", "relation": "rebuts"}]
        if rng.random() < 0.3:
            doc["meta"] = {"a": [[1.5] * rng.randint(0, 5)]}
            doc["source"] = {"text": "a\nb"}
        docs.append(doc)
    return docs


def test_what_saving_adds_is_within_its_bound() -> None:
    """`written_growth` bounds what `dumps` adds to the most compact file; the loader
    relies on it to skip writing the map out when far from the cap."""
    for doc in random_docs(300):
        compact = json.dumps(doc, separators=(",", ":")).encode()
        m = loads(compact)
        written = len(native.dumps(m).encode())
        assert written <= len(compact) + native.written_growth(m), doc


@pytest.mark.parametrize("reader", ["native", "aif", "kialo"])
def test_a_map_that_saves_to_the_byte_cap_opens_and_one_over_is_refused(
    reader: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever reader made it, a map opens only if its saved file would open too."""
    from argmap.formats.kialo import read_kialo

    if reader == "native":
        data: bytes = json.dumps(random_docs(40)[-1], separators=(",", ":")).encode()
        read: Any = loads
    elif reader == "aif":
        data, read = undercut_chain(30), read_aif
    else:
        data, read = b"1. T\n1.1. Pro: a\t\x01b\n1.2. -> See 1.1.\n", read_kialo
    saved = len(native.dumps(read(data)).encode())
    monkeypatch.setattr(native, "MAX_BYTES", saved)
    m = read(data)
    assert loads(native.dumps(m)) == m
    monkeypatch.setattr(native, "MAX_BYTES", saved - 1)
    error = _refused(read, data)
    assert error.message == (
        f"would be {saved:,} bytes as a map, more than the {saved - 1:,} one may be"
    )
