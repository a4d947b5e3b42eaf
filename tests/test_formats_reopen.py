"""What argmap writes, argmap opens: also a map at the caps, whichever reader made it.

Qt-free.  Saving writes every field of the map, so a file that leaves fields out
grows when saved, and imports make maps of their own: every reader refuses a
map whose saved file the native reader would refuse.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from argmap.formats import load, loads, native
from argmap.formats.aif import read_aif
from tests.reader_inputs import native_doc, refused, undercut_chain


def test_a_file_that_would_save_over_the_cap_isrefused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Saving writes every field: a file of bare nodes at the cap would save bigger than
    the cap and could not be opened again, so it is refused when opened."""
    doc = native_doc([{"id": f"n{i}"} for i in range(50)]).decode()
    in_file = sum(doc.count(c) for c in ",{[")
    monkeypatch.setattr(native, "MAX_ITEMS", in_file + 10)  # the file fits, its save not
    error = refused(loads, doc)
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


def test_every_map_an_import_makes_saves_to_a_file_that_opens(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The AIF and Kialo readers refuse a map the native reader would not open again."""
    from argmap.formats.kialo import read_kialo

    m = read_aif(undercut_chain(20))
    monkeypatch.setattr(native, "MAX_ITEMS", native.written_items(m) - 1)
    error = refused(read_aif, undercut_chain(20))
    assert "as argmap writes them" in error.message
    k = read_kialo("1. T\n1.1. Pro: a\n1.2. -> See 1.1.\n")
    monkeypatch.setattr(native, "MAX_ITEMS", native.written_items(k) - 1)
    error = refused(read_kialo, "1. T\n1.1. Pro: a\n1.2. -> See 1.1.\n")
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
def test_a_map_that_saves_to_the_byte_cap_opens_and_one_over_isrefused(
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
    error = refused(read, data)
    assert error.message == (
        f"would be {saved:,} bytes as a map, more than the {saved - 1:,} one may be"
    )


def _chain_map(n: int) -> Any:
    return loads(
        native_doc(
            [{"id": "n0", "text": "claim"}]
            + [
                {
                    "id": f"n{i}",
                    "text": f"reason {i}",
                    "parent": f"n{i - 1}",
                    "relation": "supports",
                }
                for i in range(1, n)
            ]
        ).decode()
    )


@pytest.mark.parametrize(
    ("fmt", "cap", "value", "message"),
    [
        ("argdown", "MAX_ELEMENTS", 5, "more than 5 statements"),
        ("argdown", "MAX_BYTES", 200, "bytes of Argdown, over the 200"),
        ("aif", "MAX_NODES", 5, r"AIF nodes \(statements and the scheme nodes.*more than the 5 "),
        ("aif", "MAX_EDGES", 5, r"AIF edges .*more than the 5 "),
        ("aif", "MAX_BYTES", 200, "bytes of AIF, over what argmap reads back"),
    ],
)
def test_an_export_argmap_could_not_read_back_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, cap: str, value: int, message: str
) -> None:
    from argmap.formats import aif, argdown
    from argmap.formats.errors import SaveError
    from argmap.formats.registry import write_any

    m = _chain_map(8)
    target = tmp_path / f"out.{fmt}"
    target.write_bytes(b"before")
    monkeypatch.setattr(argdown if fmt == "argdown" else aif, cap, value)
    with pytest.raises(SaveError, match=message):
        write_any(m, target, fmt)
    assert target.read_bytes() == b"before"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


@pytest.mark.parametrize("fmt", ["argdown", "aif"])
def test_an_export_under_the_caps_reads_back(tmp_path: Path, fmt: str) -> None:
    from argmap.formats.registry import read_any, write_any

    m = _chain_map(8)
    target = tmp_path / f"out.{fmt}"
    write_any(m, target, fmt)
    back, told = read_any(target, fmt)
    assert told == fmt
    assert [n.text for n in back.nodes.values()] == [n.text for n in m.nodes.values()]


@pytest.mark.parametrize(
    ("cap", "value", "message"),
    [
        ("MAX_NODES", 3, "has more than 3 nodes, too many for one map"),
        ("MAX_ITEMS", 20, "has more than 20 JSON values as argmap writes them"),
        ("MAX_BYTES", 300, r"would be [\d,]+ bytes as a map, more than the 300 one may be"),
    ],
)
def test_an_import_over_the_native_caps_names_its_file_and_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cap: str, value: int, message: str
) -> None:
    """An import makes a map of its own: the native caps are checked on that map
    (check_reopens), and the refusal names the imported file and the cap."""
    from argmap.formats.errors import LoadError
    from argmap.formats.kialo import load_kialo

    path = tmp_path / "debate.txt"
    raw = b"1. Thesis\n1.1. Pro: one\n1.2. Con: two\n1.3. Pro: three\n1.4. Con: four\n"
    path.write_bytes(raw)
    assert len(load_kialo(path).nodes) == 5  # under the real caps it loads
    monkeypatch.setattr(native, cap, value)
    with pytest.raises(LoadError, match=message) as caught:
        load_kialo(path)
    assert caught.value.path == path
    assert str(caught.value).startswith(f"{path}: ")
    assert path.read_bytes() == raw


@pytest.mark.parametrize(
    ("cap", "message"),
    [
        ("MAX_LINKS", "has more than 1 cross-links, too many for one map"),
        ("MAX_REFS", "has more than 1 source references, too many for one map"),
    ],
)
def test_a_native_file_over_a_count_cap_is_refused_naming_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cap: str, message: str
) -> None:
    from argmap.formats.errors import LoadError

    refs = [{"paragraph": 1}, {"paragraph": 2}]
    nodes = [
        {"id": "c", "text": "claim", "refs": refs},
        {"id": "a", "text": "a", "parent": "c", "relation": "supports"},
        {"id": "b", "text": "b", "parent": "c", "relation": "rebuts"},
    ]
    links = [
        {"id": "l1", "source": "a", "target": "b", "relation": "rebuts"},
        {"id": "l2", "source": "b", "target": "a", "relation": "rebuts"},
    ]
    path = tmp_path / "m.argmap.json"
    raw = native_doc(nodes, links=links)
    path.write_bytes(raw)
    assert len(native.load(path).links) == 2  # under the real caps it loads
    monkeypatch.setattr(native, cap, 1)
    with pytest.raises(LoadError, match=message) as caught:
        native.load(path)
    assert caught.value.path == path
    assert path.read_bytes() == raw


def test_written_items_counts_a_stored_fit_exactly(sample_map) -> None:
    from argmap.formats.native import dumps, written_items
    from argmap.model import Fit

    fitted = sample_map.model_copy(
        update={"style": sample_map.style.model_copy(update={"fit": Fit(nodes=3)})}
    )
    assert written_items(fitted) == _written(fitted)
    assert written_items(fitted) == written_items(sample_map) + 4  # its four fields
    assert len(dumps(fitted)) > len(dumps(sample_map))
