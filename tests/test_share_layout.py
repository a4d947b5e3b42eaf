"""The shared document's layout: maps written into a pycrdt document and read back, and
concurrent edits from several replicas, delivered in any order, converging on one valid
map (docs/collaboration.md states each rule tested here)."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pycrdt import Doc, Map, Text

from argmap.cli_files import read_map as read_file
from argmap.model import ArgumentMap, EditError, Relation, ops, revalidate
from argmap.share import layout
from argmap.share.inbox import Inbox
from argmap.share.layout import LAYOUT, LayoutError, Reader, new_doc, read_map, write_map
from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "ai-slowdown.argmap.json"
CORPUS = SHARED / "corpus"


def sample() -> ArgumentMap:
    return read_file(SAMPLE, None)[0]


class Replica:
    """A document of its own, edited through the model's operations, its updates kept
    one per edit for delivery in any order."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.inbox = Inbox(doc)
        self.reader = Reader(doc)  # the session's way: only touched nodes read again
        self.sent: list[bytes] = []

    def map(self) -> ArgumentMap:
        return read_map(self.doc)

    def edit(self, new: ArgumentMap, old: ArgumentMap | None = None) -> None:
        before = self.doc.get_state()
        write_map(self.doc, self.map() if old is None else old, new)
        self.sent.append(self.doc.get_update(before))

    def receive(self, update: bytes) -> None:
        self.inbox.receive(update)


def replicas(m: ArgumentMap, count: int) -> list[Replica]:
    first = new_doc(m, client_id=1)
    out = [Replica(first)]
    for k in range(2, count + 1):
        doc = Doc(client_id=k)
        doc.apply_update(first.get_update())
        out.append(Replica(doc))
    return out


def deliver_all(group: list[Replica], rng: random.Random) -> None:
    """Every replica gets every other's updates, each in an order of its own."""
    for target in group:
        updates = [u for source in group if source is not target for u in source.sent]
        rng.shuffle(updates)
        for update in updates:
            target.receive(update)


# -- one replica ---------------------------------------------------------------------------


def test_the_sample_is_read_back_as_written() -> None:
    m = sample()
    assert read_map(new_doc(m)) == m


@pytest.mark.skipif(not (CORPUS / "argdown").is_dir(), reason=f"no corpus at {CORPUS}")
def test_every_corpus_map_is_read_back_as_written() -> None:
    from tests.corpus import argdown_documents

    # the documents the Argdown tool accepts, and every AIF map: argmap reads them all
    documents = argdown_documents("yes") + sorted((CORPUS / "aif").glob("*.json"))
    assert len(documents) > 250
    for path in documents:
        m = read_file(path, None)[0]
        assert read_map(new_doc(m)) == m, path.name


def test_the_layout_is_versioned_and_a_newer_one_refused() -> None:
    doc = new_doc(sample())
    root = doc.get("map", type=Map)
    assert root["layout"] == LAYOUT == 1
    assert set(doc.keys()) >= {"map", "nodes", "links", "source_text"}
    root["layout"] = 2
    with pytest.raises(LayoutError, match="layout 2; this argmap reads layout 1"):
        read_map(doc)


def test_text_is_held_as_shared_text_and_other_fields_as_json() -> None:
    m = sample()
    doc = new_doc(m)
    claim = m.tree.roots[0]
    entry = doc.get("nodes", type=Map)[claim]
    assert isinstance(entry["text"], Text) and str(entry["text"]) == m.nodes[claim].text
    assert json.loads(entry["relation"]) is None and json.loads(entry["parent"]) is None
    assert json.loads(entry["deleted"]) is False
    assert str(doc.get("source_text", type=Text)) == (m.source.text or "")


def test_a_retyped_word_is_written_as_the_characters_that_changed() -> None:
    m = sample()
    a, b = replicas(m, 2)
    text = m.nodes["pace"].text
    a.edit(ops.edit_node(m, "pace", text="😀 " + text).map)
    b.edit(ops.edit_node(m, "pace", text=text + " (sic)").map)
    assert len(a.sent[0]) < 80  # not the whole text again
    deliver_all([a, b], random.Random(1))
    assert a.map() == b.map()
    assert a.map().nodes["pace"].text == "😀 " + text + " (sic)"


def test_a_deleted_node_stays_as_a_tombstone_and_undo_brings_it_back() -> None:
    m = sample()
    (a,) = replicas(m, 1)
    gone = ops.delete_subtree(m, "lecun").map
    a.edit(gone, m)
    assert "lecun" not in a.map().nodes
    assert json.loads(a.doc.get("nodes", type=Map)["lecun"]["deleted"]) is True
    a.edit(m, gone)
    assert a.map() == m


def test_updates_in_every_order_bring_in_every_edit() -> None:
    """Two updates waiting for a third at once: each is applied again until it is in."""
    m = two_claims()
    a, b = replicas(m, 2)
    for k in range(2):
        a.edit(ops.add_node(a.map(), "b1", Relation.SUPPORTS, "new", node_id=f"n{k}").map)
    a.edit(ops.edit_node(a.map(), "n0", text="ne😀w").map)
    for order in itertools.permutations(range(3)):
        doc = Doc(client_id=9)
        doc.apply_update(b.doc.get_update())
        inbox = Inbox(doc)
        for k in order:
            inbox.receive(a.sent[k])
        assert read_map(doc) == a.map(), order
        assert inbox.waiting == []


# -- concurrent edits: each rule of docs/collaboration.md ------------------------------


def two_claims() -> ArgumentMap:
    m = ops.add_claim(ArgumentMap(), "first", node_id="a").map
    m = ops.add_claim(m, "second", node_id="b").map
    m = ops.add_node(m, "a", Relation.SUPPORTS, "under a", node_id="a1").map
    return ops.add_node(m, "b", Relation.SUPPORTS, "under b", node_id="b1").map


def test_concurrent_moves_that_would_make_a_cycle_break_it_at_the_smallest_id() -> None:
    m = two_claims()
    x, y = replicas(m, 2)
    x.edit(ops.move_node(m, "a", "b1", Relation.SUPPORTS).map)  # a under b's child
    y.edit(ops.move_node(m, "b", "a1", Relation.SUPPORTS).map)  # b under a's child
    deliver_all([x, y], random.Random(2))
    merged = x.map()
    assert merged == y.map()
    assert revalidate(merged) == merged
    assert merged.nodes["a"].parent is None and merged.nodes["a"].relation is None
    assert merged.nodes["b"].parent == "a1"


def test_adding_under_a_subtree_deleted_meanwhile_lands_on_the_nearest_living_ancestor() -> None:
    m = two_claims()
    x, y = replicas(m, 2)
    x.edit(ops.delete_subtree(m, "a1").map)
    y.edit(ops.add_node(m, "a1", Relation.REBUTS, "late", node_id="late-y").map)
    deliver_all([x, y], random.Random(3))
    merged = x.map()
    assert merged == y.map() and revalidate(merged) == merged
    assert "a1" not in merged.nodes
    assert merged.nodes["late-y"].parent == "a"
    assert merged.nodes["late-y"].relation is Relation.REBUTS


def test_a_deleted_claim_leaves_a_node_added_under_it_as_a_claim() -> None:
    m = two_claims()
    x, y = replicas(m, 2)
    x.edit(ops.delete_subtree(m, "a").map)
    y.edit(ops.add_node(m, "a1", Relation.SUPPORTS, "late", node_id="late-y").map)
    deliver_all([x, y], random.Random(4))
    merged = x.map()
    assert merged == y.map() and revalidate(merged) == merged
    assert merged.nodes["late-y"].parent is None and merged.nodes["late-y"].relation is None


def test_typing_in_the_same_text_merges_by_characters() -> None:
    m = two_claims()
    x, y, z = replicas(m, 3)
    x.edit(ops.edit_node(m, "a", text="the first").map)
    y.edit(ops.edit_node(m, "a", text="first claim").map)
    z.edit(ops.edit_node(m, "a", text="fir-st").map)
    deliver_all([x, y, z], random.Random(5))
    merged = x.map()
    assert merged == y.map() == z.map()
    assert merged.nodes["a"].text == "the fir-st claim"


def test_a_co_premise_group_split_on_two_sides_keeps_one_parent_and_relation() -> None:
    m = two_claims()
    m = ops.add_co_premise(m, "a1", "with a1").map
    partner = next(n for n in m.nodes.values() if n.id not in ("a", "b", "a1", "b1"))
    group = m.nodes["a1"].group
    assert group is not None and partner.group == group
    x, y = replicas(m, 2)
    x.edit(ops.move_node(m, "a1", "b", Relation.SUPPORTS).map)
    y.edit(ops.set_relation(m, partner.id, Relation.REBUTS).map)
    deliver_all([x, y], random.Random(6))
    merged = x.map()
    assert merged == y.map() and revalidate(merged) == merged
    members = [n for n in merged.nodes.values() if n.group is not None]
    assert len({(n.parent, n.relation) for n in members}) <= 1
    assert set(merged.nodes) == set(m.nodes)  # the group is split, no node is lost
    assert merged.nodes["a1"].parent == "b" and merged.nodes[partner.id].relation is Relation.REBUTS


def test_an_assessment_set_on_a_node_deleted_meanwhile_is_gone_with_it() -> None:
    m = two_claims()
    x, y = replicas(m, 2)
    x.edit(ops.delete_subtree(m, "b").map)
    y.edit(ops.edit_node(m, "b1", acceptance="accepted").map)
    deliver_all([x, y], random.Random(7))
    merged = x.map()
    assert merged == y.map() and revalidate(merged) == merged
    assert "b1" not in merged.nodes and "b" not in merged.nodes


def test_a_cross_link_to_a_node_deleted_meanwhile_is_dropped() -> None:
    m = two_claims()
    x, y = replicas(m, 2)
    x.edit(ops.delete_subtree(m, "b").map)
    y.edit(ops.add_link(m, "a1", "b1", Relation.REBUTS, link_id="l1").map)
    deliver_all([x, y], random.Random(8))
    merged = x.map()
    assert merged == y.map() and merged.links == ()


def test_values_no_argmap_writes_are_read_as_defaults() -> None:
    m = two_claims()
    doc = new_doc(m)
    nodes = doc.get("nodes", type=Map)
    nodes["a1"]["acceptance"] = json.dumps("very much")
    nodes["a1"]["order"] = "not json"
    nodes["b1"]["parent"] = json.dumps({"a": 1})
    nodes["junk"] = "not a map"
    nodes["bad id!"] = Map({"text": Text("x"), "deleted": "false"})
    doc.get("map", type=Map)["style"] = json.dumps({"wrap": -4})
    read = read_map(doc)
    assert revalidate(read) == read
    assert read.nodes["a1"].acceptance is None and read.nodes["a1"].parent == "a"
    assert read.nodes["b1"].parent is None and read.nodes["b1"].relation is None
    assert set(read.nodes) == {"a", "b", "a1", "b1"}
    assert read.style == ArgumentMap().style


# -- the property: any operations, any delivery order ---------------------------------


OPERATIONS = (
    *("add", "type", "delete", "move", "co-premise", "assess", "link", "unlink", "relate"),
    "undercut",
)


def _operate(m: ArgumentMap, op: str, rng: random.Random, tag: str) -> ArgumentMap:
    ids = sorted(m.nodes)
    if not ids:
        return ops.add_claim(m, "claim", node_id=f"c{tag}").map
    node = rng.choice(ids)
    other = rng.choice(ids)
    if op == "add":
        relation = rng.choice([Relation.SUPPORTS, Relation.REBUTS])
        return ops.add_node(m, node, relation, "new", node_id=f"n{tag}").map
    if op == "type":
        text = m.nodes[node].text
        at = rng.randint(0, len(text))
        return ops.edit_node(m, node, text=text[:at] + rng.choice("xé😀 ") + text[at:]).map
    if op == "delete":
        return ops.delete_subtree(m, node).map
    if op == "move":
        return ops.move_node(m, node, other, Relation.SUPPORTS).map
    if op == "co-premise":
        return ops.add_co_premise(m, node, "with").map
    if op == "assess":
        return ops.edit_node(m, node, acceptance=rng.choice(["accepted", "rejected", None])).map
    if op == "link":
        return ops.add_link(m, node, other, Relation.REBUTS, link_id=f"l{tag}").map
    if op == "undercut":
        return ops.add_node(m, node, Relation.UNDERCUTS, "not so", node_id=f"u{tag}").map
    if op == "unlink":
        return ops.remove_link(m, m.links[0].id).map if m.links else m
    return ops.set_relation(m, node, rng.choice([Relation.SUPPORTS, Relation.REBUTS])).map


def _attempted(m: ArgumentMap, op: str, rng: random.Random, tag: str) -> ArgumentMap | None:
    """The operation on `m`, or None when the model refuses it as an edit of `m`."""
    try:
        return _operate(m, op, rng, tag)
    except EditError:
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    steps=st.lists(
        st.tuples(st.integers(0, 2), st.sampled_from(OPERATIONS), st.integers(0, 2**16)),
        min_size=1,
        max_size=25,
    ),
    deliveries=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2)), max_size=25),
    seed=st.integers(0, 2**16),
)
def test_three_replicas_converge_on_one_valid_map(
    steps: list[tuple[int, str, int]], deliveries: list[tuple[int, int]], seed: int
) -> None:
    group = replicas(two_claims(), 3)
    rng = random.Random(seed)
    applied = 0
    for k, (who, op, choice) in enumerate(steps):
        replica = group[who]
        m = replica.map()
        assert revalidate(m) == m  # valid at every step, not only at the end
        assert replica.reader.read() == m  # and read the same node by node
        new = _attempted(m, op, random.Random(choice), f"{k}-{who}")
        if new is None:  # not an edit of this map (a move into its own subtree, say)
            continue
        replica.edit(new, m)
        applied += 1
        for source, target in deliveries[k : k + 2]:  # some updates travel early
            if source != target:
                for update in group[source].sent:
                    group[target].receive(update)
    assume(applied > 0)  # refused every time: Hypothesis says so (Unsatisfiable)
    deliver_all(group, rng)
    maps = [r.map() for r in group]
    assert maps[0] == maps[1] == maps[2]
    assert [r.reader.read() for r in group] == maps
    assert revalidate(maps[0]) == maps[0]


# -- found by the adversarial pass -------------------------------------------------------


def test_no_pair_of_concurrent_moves_loses_a_node_of_the_sample() -> None:
    """A moves X under Y while B moves Y under X, for every pair where each move is
    valid alone: the cycle is broken and every node, undercuts included, is kept."""
    m = sample()
    doc = new_doc(m, client_id=1)
    checked = 0
    for x, y in itertools.combinations(sorted(m.nodes), 2):
        ma, mb = _moved(m, x, y), _moved(m, y, x)
        if ma is None or mb is None:  # a move into its own subtree: not a pair to try
            continue
        a, b = Doc(client_id=2), Doc(client_id=3)
        for replica, new in ((a, ma), (b, mb)):
            replica.apply_update(doc.get_update())
            write_map(replica, m, new)
        a.apply_update(b.get_update())
        b.apply_update(a.get_update())
        merged = read_map(a)
        assert merged == read_map(b) and set(merged.nodes) == set(m.nodes), (x, y)
        checked += 1
    assert checked > 20


def _moved(m: ArgumentMap, node: str, under: str) -> ArgumentMap | None:
    """`node` moved under `under`, or None when the model refuses that move (into its
    own subtree, an undercut under what is no inference)."""
    try:
        return ops.move_node(m, node, under, m.nodes[node].relation or Relation.SUPPORTS).map
    except EditError:
        return None


def test_an_undercut_added_under_a_node_deleted_meanwhile_is_kept_as_a_rebuttal() -> None:
    m = two_claims()
    x, y = replicas(m, 2)
    x.edit(ops.delete_subtree(m, "a1").map)
    y.edit(ops.add_node(m, "a1", Relation.UNDERCUTS, "not that step", node_id="u1").map)
    deliver_all([x, y], random.Random(9))
    merged = x.map()
    assert merged == y.map() and revalidate(merged) == merged
    assert merged.nodes["u1"].parent == "a" and merged.nodes["u1"].relation is Relation.REBUTS


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(
    map_fields=st.dictionaries(
        st.sampled_from([*layout.MAP_FIELDS, "source", "has_source_text"]), JSON
    ),
    node_fields=st.dictionaries(st.sampled_from([*layout.NODE_FIELDS, "deleted"]), JSON),
    link=JSON,
)
def test_whatever_a_client_writes_reads_back_as_a_valid_map(
    map_fields: dict[str, object], node_fields: dict[str, object], link: object
) -> None:
    doc = new_doc(two_claims())
    root = doc.get("map", type=Map)
    for name, value in map_fields.items():
        root[name] = json.dumps(value)
    entry = doc.get("nodes", type=Map)["a1"]
    for name, value in node_fields.items():
        if name in layout.TEXTS:
            continue
        entry[name] = json.dumps(value)
    doc.get("links", type=Map)["l9"] = json.dumps(link)
    read = read_map(doc)
    assert revalidate(read) == read
    assert {"a", "b"} <= read.nodes.keys()  # the claims nobody touched are there


def test_sections_and_views_of_nonsense_ids_are_dropped_not_fatal() -> None:
    doc = new_doc(two_claims())
    root = doc.get("map", type=Map)
    root["sections"] = json.dumps([{"id": {}}])
    root["views"] = json.dumps([{"name": "v", "hidden_sections": [{}, [1], "s"]}])
    read = read_map(doc)
    assert revalidate(read) == read and set(read.nodes) == set(two_claims().nodes)


def test_a_room_with_no_map_and_a_layout_that_is_not_a_number() -> None:
    with pytest.raises(layout.EmptyRoomError, match="the room holds no map"):
        read_map(Doc())
    doc = new_doc(two_claims())
    doc.get("map", type=Map)["layout"] = "2"  # not a number: no newer layout, just junk
    assert read_map(doc) == two_claims()


# -- found by the second adversarial pass --------------------------------------------------


def test_an_edit_from_a_stale_copy_keeps_what_others_changed_meanwhile() -> None:
    """A window that has not yet seen a remote edit (a tag, the map's description)
    types into the same node: only the text it typed is written."""
    m = sample()
    a, b = replicas(m, 2)
    node = m.tree.roots[0]
    stale = m  # what a's window shows: it never sees b's edits before typing
    for k in range(5):
        b.edit(ops.edit_node(b.map(), node, tags=(*b.map().nodes[node].tags, f"t{k}")).map)
        b.edit(b.map().evolve(description=f"described {k}"))
        for update in b.sent[-2:]:
            a.receive(update)  # a's document has b's edits; a's window does not yet
        typed = ops.edit_node(stale, node, text=stale.nodes[node].text + str(k)).map
        a.edit(typed, stale)
        stale = typed
        deliver_all([a, b], random.Random(k))
    merged = a.map()
    assert merged == b.map()
    assert merged.nodes[node].tags == (*m.nodes[node].tags, "t0", "t1", "t2", "t3", "t4")
    assert merged.description == "described 4"
    assert merged.nodes[node].text == m.nodes[node].text + "01234"


def test_typing_at_both_ends_from_stale_copies_keeps_every_key() -> None:
    m = two_claims()
    a, b = replicas(m, 2)
    seen_a, seen_b = m, m
    for _ in range(8):
        new_a = ops.edit_node(seen_a, "a", text="a" + seen_a.nodes["a"].text).map
        a.edit(new_a, seen_a)
        new_b = ops.edit_node(seen_b, "a", text=seen_b.nodes["a"].text + "b").map
        b.edit(new_b, seen_b)
        seen_a, seen_b = new_a, new_b  # neither has seen the other's keys yet
        deliver_all([a, b], random.Random(3))
    assert a.map() == b.map()
    assert a.map().nodes["a"].text == "a" * 8 + "first" + "b" * 8


def test_sections_views_and_tag_colours_added_at_once_are_all_kept() -> None:
    from argmap.model import structure_ops
    from argmap.model.base import ID_TAG
    from argmap.model.views import View

    m = two_claims()
    x, y = replicas(m, 2)
    for replica, tag, colour, name in ((x, "-x", "#112233", "mine"), (y, "-y", "#445566", "yours")):
        token = ID_TAG.set(tag)
        try:
            made = structure_ops.add_section(m, f"section by {tag}").map
        finally:
            ID_TAG.reset(token)
        made = structure_ops.set_tag_color(made, f"tag{tag}", colour).map
        made = structure_ops.save_view(made, View(name=name)).map
        replica.edit(made, m)
    deliver_all([x, y], random.Random(11))
    merged = x.map()
    assert merged == y.map()
    assert sorted(s.title for s in merged.sections) == ["section by -x", "section by -y"]
    assert merged.tag_colors == {"tag-x": "#112233", "tag-y": "#445566"}
    assert sorted(v.name for v in merged.views) == ["mine", "yours"]


def test_a_span_added_while_the_source_text_changes_points_at_its_words() -> None:
    from argmap.model import Source
    from argmap.model.source import make_ref

    text = "Apples are red.\n\nPears are green."
    m = two_claims().evolve(source=Source(text=text))
    x, y = replicas(m, 2)
    x.edit(m.evolve(source=Source(text="A new first paragraph.\n\n" + text)))
    at = text.index("Pears")
    y.edit(ops.edit_node(m, "a1", refs=(make_ref(text, at, at + 5),)).map)
    deliver_all([x, y], random.Random(12))
    merged = x.map()
    assert merged == y.map() and revalidate(merged) == merged
    (ref,) = merged.nodes["a1"].refs
    assert ref.start is not None and ref.end is not None
    assert merged.source.text is not None and merged.source.text[ref.start : ref.end] == "Pears"
    assert ref.paragraph == 3
