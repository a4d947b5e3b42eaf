"""The caps of the native and AIF readers: each refuses an input one over it.

Qt-free.  Every cap refuses an input one over it with one line naming the cap,
before the costly work starts (the model is never built, the file is left as
it was); an input at the cap loads (a small cap is patched in where a real
one would be slow to build; `make bench` times each reader at its real caps).
Also: the garbage collector is paused while reading, and models share the set
of their given fields.  The Kialo reader's caps are tested in
tests/test_formats_kialo_limits.py, the AIF reader's linear time in
tests/test_formats_aif_linear.py, and that every map opens again once saved
in tests/test_formats_reopen.py.
"""

from __future__ import annotations

import contextlib
import gc
from pathlib import Path
from typing import Any

import pytest

from argmap.formats import LoadError, aif, load, loads, native
from argmap.formats.aif import graph as aif_graph
from argmap.formats.aif import load_aif, read_aif
from argmap.formats.aif import reader as aif_reader
from tests.limits import time_limit
from tests.reader_inputs import BUDGET, aif_doc, native_doc, never, refused


class _NoModel:
    """Stands in for ArgumentMap: building the model fails the test."""

    model_validate = staticmethod(never)


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
    error = refused(loads, native_doc([{"id": f"n{i}"} for i in range(11)]))
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
    error = refused(loads, native_doc(nodes, links=[*links, link]))
    assert error.message == "has more than 3 cross-links, too many for one map"
    assert error.where is None


def test_the_real_cross_link_cap_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(native, "ArgumentMap", _NoModel)
    links = [{}] * (native.MAX_LINKS + 1)  # refused on the count, before their contents
    error = refused(loads, native_doc([{"id": "a"}], links=links))
    assert error.message == "has more than 200,000 cross-links, too many for one map"


def test_a_map_with_more_source_references_than_the_cap_is_refused_naming_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(native, "ArgumentMap", _NoModel)
    half = native.MAX_REFS // 2
    ref = {"paragraph": 1}
    nodes = [{"id": "a", "refs": [ref] * half}, {"id": "b", "refs": [ref] * (half + 1)}]
    error = refused(loads, native_doc(nodes))
    assert error.message == "has more than 200,000 source references, too many for one map"


def test_source_references_up_to_the_cap_load(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(native, "MAX_REFS", 4)
    ref = {"paragraph": 1}
    m = loads(native_doc([{"id": "a", "refs": [ref] * 2}, {"id": "b", "refs": [ref] * 2}]))
    assert sum(len(n.refs) for n in m.nodes.values()) == 4
    error = refused(loads, native_doc([{"id": "a", "refs": [ref] * 5}]))
    assert error.message == "has more than 4 source references, too many for one map"


def test_more_json_values_than_the_cap_are_refused_before_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Nothing but `{},` in meta: parsing 4 million of them would take 1 GB."""
    monkeypatch.setattr(native, "parse_json", never)
    text = native_doc([{"id": "a", "meta": {"k": "@"}}]).decode()
    text = text.replace('"@"', "[" + "{}," * native.MAX_ITEMS + "{}]")
    error = refused(loads, text)
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
    error = refused(loads, doc.replace("[0, 1, 2]", "[0, 1, 2, 3]"))
    cap = native.MAX_ITEMS
    assert (
        error.message
        == f"has more than {cap} JSON values as argmap writes them, too many for one map"
    )


@pytest.mark.parametrize("kind", [bytes, str])
def test_input_over_the_byte_cap_is_refused_when_given_directly(
    kind: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not only files: bytes or text handed to loads are capped too (the GUI's reads)."""
    monkeypatch.setattr(native, "parse_json", never)
    text = native_doc([]).decode() + " " * native.MAX_BYTES
    unit = "bytes" if kind is bytes else "characters"
    error = refused(loads, text.encode() if kind is bytes else text)
    assert error.message == f"is more than 67,108,864 {unit}, too large for a map"


# -- AIF -----------------------------------------------------------------------------


def test_a_nodeset_with_more_nodes_than_the_cap_is_refused_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(aif_reader, "check_nodeset", never)
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
    monkeypatch.setattr(aif_reader, "check_nodeset", never)
    error = refused(read_aif, aif_doc([], [{}] * (aif.MAX_EDGES + 1)))
    assert error.message == "has more than 200,000 AIF edges, too many for one map"


def test_a_nodeset_at_its_caps_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aif_reader, "MAX_NODES", 3)
    monkeypatch.setattr(aif_reader, "MAX_EDGES", 2)
    nodes = [{"nodeID": "1", "type": "I"}, {"nodeID": "2", "type": "I"}]
    nodes.append({"nodeID": "3", "type": "RA"})
    edges = [{"fromID": "1", "toID": "3"}, {"fromID": "3", "toID": "2"}]
    m = read_aif(aif_doc(nodes, edges))
    assert m.node("i1").parent == "i2"
    error = refused(read_aif, aif_doc([*nodes, {"nodeID": "4", "type": "I"}], edges))
    assert error.message == "has more than 3 AIF nodes, too many for one map"
    error = refused(read_aif, aif_doc(nodes, [*edges, {"fromID": "1", "toID": "2"}]))
    assert error.message == "has more than 2 AIF edges, too many for one map"


def test_more_json_values_than_the_aif_cap_are_refused_before_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(aif, "parse_json", never)
    text = '{"nodes": [], "edges": [], "x": [' + "0," * aif.MAX_ITEMS + "0]}"
    error = refused(read_aif, text)
    assert error.message == "has more than 2,000,000 JSON values, too many for one map"


@pytest.mark.parametrize("kind", [bytes, str])
def test_aif_input_over_the_byte_cap_isrefused(kind: type, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aif, "parse_json", never)
    text = aif_doc([]).decode() + " " * aif.MAX_BYTES
    unit = "bytes" if kind is bytes else "characters"
    error = refused(read_aif, text.encode() if kind is bytes else text)
    assert error.message == f"is more than 33,554,432 {unit}, too large for an AIF file"


def test_the_caps_leave_room_for_what_the_other_readers_make() -> None:
    """An import at its caps, saved as a map, must open again."""
    assert aif.MAX_BYTES * 2 <= native.MAX_BYTES
    assert aif.MAX_ITEMS * 2 <= native.MAX_ITEMS
    assert aif.MAX_NODES <= native.MAX_NODES and aif.MAX_EDGES <= native.MAX_LINKS
    assert aif_graph.MAX_NODES is aif.MAX_NODES


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


# -- the count of a value's JSON items (found by make mutate) --------------------------


def test_json_items_counts_as_the_text_is_counted() -> None:
    """`json_items` of a value is what `json_items_over` counts in its JSON text: each
    object and list one, one more per comma; strings, numbers and null none."""
    import json

    from argmap.formats.caps import json_items, json_items_over

    values: list[Any] = [
        0,
        "a, [b]",
        [],
        {},
        [1],
        [1, 2, 3],
        {"a": 1, "b": [2, {"c": [], "d": {}}]},
        [[[]], {"k": "x,{"}, None, 1.5],
    ]
    for value in values:
        count = json_items(value)
        text = json.dumps(value)
        assert not json_items_over(text, count), value
        assert json_items_over(text, count - 1), value
    assert [json_items(v) for v in values] == [0, 0, 1, 1, 1, 3, 8, 7]
    shared = {"a": [1, 2], "b": {}}
    assert json_items([shared, shared], {id(shared): 4}) == 2 + 4 + 4
    assert json_items((shared, 1)) == 2 + 2 + 2 + 1
