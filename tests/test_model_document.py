"""The document model: validation on load, the derived tree, equality and checks.

Qt-free: only `argmap.model` (and `argmap.formats.dumps`) are imported.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from argmap.formats import dumps
from argmap.model import (
    ArgumentMap,
    CrossLink,
    Kind,
    Node,
    Relation,
    Source,
    SourceRef,
    Style,
    Tree,
    revalidate,
    structural_problems,
    text_checksum,
    validation,
)
from argmap.model.checks import Problem, Summary, problems, summarize
from argmap.model.structure import Argument, Question, Section, Step, View

S = Relation.SUPPORTS
R = Relation.REBUTS

FAST = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


# -- helpers -------------------------------------------------------------------------


def node(node_id: str, parent: str | None = None, relation: str | None = None, **kw: Any) -> dict:
    data: dict[str, Any] = {"id": node_id, **kw}
    if parent is not None:
        data["parent"] = parent
    if relation is not None:
        data["relation"] = relation
    return data


def build(nodes: list[dict] | dict, **kw: Any) -> ArgumentMap:
    return ArgumentMap.model_validate({"nodes": nodes, **kw})


def refused(nodes: list[dict] | dict, **kw: Any) -> str:
    """The error text of a map that must not load."""
    with pytest.raises(ValueError) as info:
        build(nodes, **kw)
    return str(info.value)


def small_valid_map() -> ArgumentMap:
    return build(
        [
            node("claim_a", text="Cats are better than dogs"),
            node("sup_1", "claim_a", "supports", order=0, text="Cats are quiet"),
            node("sup_2", "claim_a", "supports", order=1, text="They purr", group="grp"),
            node("sup_3", "claim_a", "supports", order=2, text="Purring calms", group="grp"),
            node("reb_1", "claim_a", "rebuts", order=3, text="Dogs are loyal"),
            node("creb_1", "reb_1", "rebuts", text="Cats are loyal too"),
        ],
        links=[{"id": "lnk_1", "source": "sup_1", "target": "reb_1", "relation": "rebuts"}],
    )


# -- validation: structure -----------------------------------------------------------


def test_valid_map_loads_and_round_trips() -> None:
    m = small_valid_map()
    assert list(m.nodes) == ["claim_a", "sup_1", "sup_2", "sup_3", "reb_1", "creb_1"]
    assert m.nodes["sup_2"].group == "grp"
    assert revalidate(m) == m
    assert list(structural_problems(m)) == []
    assert dumps(revalidate(m)) == dumps(m)


def test_dangling_parent_is_refused_naming_the_node() -> None:
    msg = refused([node("root"), node("orphan_9", "ghost_parent", "supports")])
    assert "'orphan_9'" in msg
    assert "'ghost_parent'" in msg
    assert "does not exist" in msg


def test_own_parent_is_refused() -> None:
    msg = refused([node("selfish", "selfish", "supports")])
    assert "'selfish'" in msg
    assert "own parent" in msg


def _cycle_member(msg: str) -> str:
    found = re.search(r"node '([^']+)': is its own ancestor", msg)
    assert found, msg
    return found.group(1)


def test_two_cycle_is_refused_naming_a_member() -> None:
    msg = refused(
        [node("root"), node("cyc_a", "cyc_b", "supports"), node("cyc_b", "cyc_a", "rebuts")]
    )
    assert "cycle" in msg
    assert _cycle_member(msg) in {"cyc_a", "cyc_b"}


def test_longer_cycle_with_hanging_branch_is_refused() -> None:
    cycle = ["c0", "c1", "c2", "c3", "c4"]
    nodes = [node("root"), node("ok_child", "root", "supports")]
    nodes += [node(c, cycle[(i + 1) % len(cycle)], "supports") for i, c in enumerate(cycle)]
    # a branch hanging off the cycle: it is not on the cycle, so it must not be named
    nodes += [node("hanger", "c2", "rebuts"), node("hanger2", "hanger", "rebuts")]
    msg = refused(nodes)
    assert _cycle_member(msg) in set(cycle)


def test_long_cycle_of_ten_thousand_is_refused_without_recursion() -> None:
    n = 10_000
    nodes = [node(f"n{i}", f"n{(i + 1) % n}", "supports") for i in range(n)]
    msg = refused(nodes)
    assert _cycle_member(msg) in {f"n{i}" for i in range(n)}


def test_duplicate_node_ids_are_refused() -> None:
    msg = refused([node("twin_1", text="first"), node("twin_1", text="second")])
    assert "duplicate node id 'twin_1'" in msg


def test_node_stored_under_another_key_is_refused() -> None:
    # an in-memory table (dict of Node) is taken as it is, so its keys are checked
    msg = refused({"key_x": Node(id="real_y")})
    assert "'real_y'" in msg
    assert "'key_x'" in msg
    assert "stored under" in msg


def test_in_memory_node_table_is_accepted_when_keys_match() -> None:
    table = {"a": Node(id="a"), "b": Node(id="b", parent="a", relation=S)}
    m = build(table)
    assert m == build([node("a"), node("b", "a", "supports")])
    assert list(m.nodes) == ["a", "b"]


def test_on_disk_nodes_must_be_a_list() -> None:
    msg = refused({"a": node("a")})
    assert "nodes must be a list" in msg


def test_top_level_claim_with_relation_is_refused() -> None:
    msg = refused([node("top_claim", relation="supports")])
    assert "'top_claim'" in msg
    assert "top-level claim has no relation" in msg


def test_non_root_without_relation_is_refused() -> None:
    msg = refused([node("root"), node("child_q", "root")])
    assert "'child_q'" in msg
    assert "needs a relation" in msg


def test_top_level_claim_in_a_group_is_refused() -> None:
    msg = refused([node("lonely_top", group="g")])
    assert "'lonely_top'" in msg
    assert "co-premise" in msg


def test_co_premise_group_mixing_parents_is_refused() -> None:
    msg = refused(
        [
            node("r1"),
            node("r2"),
            node("p_one", "r1", "supports", group="mixed"),
            node("p_two", "r2", "supports", group="mixed"),
        ]
    )
    assert "'p_two'" in msg
    assert "'mixed'" in msg
    assert "'p_one'" in msg


def test_co_premise_group_mixing_relations_is_refused() -> None:
    msg = refused(
        [
            node("r1"),
            node("p_one", "r1", "supports", group="mixed"),
            node("p_two", "r1", "rebuts", group="mixed"),
        ]
    )
    assert "'p_two'" in msg
    assert "mixes different parents or relations" in msg


def test_co_premise_group_of_same_parent_and_relation_is_accepted() -> None:
    m = build(
        [
            node("r1"),
            node("p_one", "r1", "rebuts", group="gg"),
            node("p_two", "r1", "rebuts", order=1, group="gg"),
        ]
    )
    assert {n.group for n in m.nodes.values() if n.parent} == {"gg"}


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        (
            {"id": "lk_src", "source": "missing_src", "target": "a", "relation": "supports"},
            ["'lk_src'", "'missing_src'", "does not exist"],
        ),
        (
            {"id": "lk_tgt", "source": "a", "target": "missing_tgt", "relation": "rebuts"},
            ["'lk_tgt'", "'missing_tgt'", "does not exist"],
        ),
        (
            {"id": "lk_self", "source": "b", "target": "b", "relation": "supports"},
            ["'lk_self'", "'b'", "to itself"],
        ),
    ],
)
def test_bad_cross_links_are_refused(link: dict, expected: list[str]) -> None:
    msg = refused([node("a"), node("b", "a", "supports")], links=[link])
    for part in expected:
        assert part in msg


def test_duplicate_cross_link_ids_are_refused() -> None:
    link = {"id": "dup_link", "source": "a", "target": "b", "relation": "supports"}
    msg = refused([node("a"), node("b", "a", "supports")], links=[link, link])
    assert "duplicate cross-link id 'dup_link'" in msg


def test_bad_ids_are_refused() -> None:
    for bad in ["1abc", "has.dot", "has space", "", "x" * 65]:
        with pytest.raises(ValueError):
            build([node(bad)])
    assert build([node("_ok-1"), node("x" * 64)]).nodes.keys() == {"_ok-1", "x" * 64}


# -- validation: spans, source text --------------------------------------------------


@pytest.mark.parametrize(
    "ref",
    [{"paragraph": 1, "start": 3}, {"paragraph": 1, "end": 3}],
)
def test_span_with_only_one_end_is_refused(ref: dict) -> None:
    msg = refused([node("spanner_1", refs=[ref])])
    assert "spanner_1" in msg
    assert "needs both start and end" in msg


def test_span_with_start_after_end_is_refused() -> None:
    msg = refused([node("spanner_2", refs=[{"paragraph": 1, "start": 5, "end": 4}])])
    assert "spanner_2" in msg
    assert "start 5 is after its end 4" in msg


def test_empty_span_and_paragraph_only_refs_are_accepted() -> None:
    refs = [{"paragraph": 2, "start": 4, "end": 4}, {"paragraph": 1}]
    m = build([node("a", refs=refs)])
    assert m.nodes["a"].refs == (SourceRef(paragraph=2, start=4, end=4), SourceRef(paragraph=1))


def test_paragraph_must_be_positive() -> None:
    with pytest.raises(ValueError):
        SourceRef(paragraph=0)


def test_span_past_end_of_source_text_is_refused() -> None:
    text = "0123456789"
    msg = refused(
        [node("quoter_3", refs=[{"paragraph": 1, "start": 2, "end": 11}])],
        source={"text": text},
    )
    assert "'quoter_3'" in msg
    assert "2-11" in msg
    assert "(10 characters)" in msg


def test_span_up_to_end_of_source_text_is_accepted() -> None:
    m = build(
        [node("a", refs=[{"paragraph": 1, "start": 2, "end": 10}])], source={"text": "x" * 10}
    )
    assert m.nodes["a"].refs[0].end == 10


def test_span_without_attached_text_is_not_checked() -> None:
    m = build([node("a", refs=[{"paragraph": 1, "start": 0, "end": 10_000}])])
    assert m.source.text is None
    assert m.nodes["a"].refs[0].end == 10_000


def test_source_checksum_is_filled_in_when_absent() -> None:
    m = build([], source={"text": "Some source."})
    assert m.source.checksum == text_checksum("Some source.")
    assert m.source.checksum.startswith("sha256:")
    assert len(m.source.checksum) == len("sha256:") + 64
    # and the filled-in checksum survives a save and reload
    assert revalidate(m).source.checksum == m.source.checksum
    assert Source(text=None).checksum is None


def test_source_checksum_mismatch_marks_the_text_as_changed() -> None:
    # a text edited since its spans were anchored loads; the loader re-anchors it
    changed = build([], source={"text": "Some source.", "checksum": text_checksum("Other source.")})
    assert not changed.source.is_current()
    ok = build([], source={"text": "Some source.", "checksum": text_checksum("Some source.")})
    assert ok.source.text == "Some source." and ok.source.is_current()


def test_checksum_is_of_the_normalised_text() -> None:
    src = Source(text="one\r\ntwo")
    assert src.text == "one\ntwo"
    assert src.checksum == text_checksum("one\ntwo")


# -- validation: text hygiene --------------------------------------------------------


def test_line_endings_are_normalised() -> None:
    m = build(
        [node("a", text="one\r\ntwo\rthree\n", note="n1\r\nn2")],
        source={"text": "p1\r\n\r\np2\r"},
    )
    assert m.nodes["a"].text == "one\ntwo\nthree\n"
    assert m.nodes["a"].note == "n1\nn2"
    assert m.source.text == "p1\n\np2\n"


@FAST
@given(st.text(alphabet=st.sampled_from(["a", "\r", "\n", "é", " "]), max_size=30))
def test_line_ending_normalisation_property(text: str) -> None:
    n = Node(id="a", text=text, note=text)
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    assert n.text == expected
    assert n.note == expected
    assert "\r" not in n.text
    # idempotent: a normalised text is kept as it is
    assert Node(id="a", text=n.text).text == n.text


SURROGATE = "\ud800"
LONE = "contains a lone surrogate (U+D800), which no file can hold"


def _link(**kw: Any) -> dict[str, Any]:
    return {"id": "l1", "source": "a", "target": "b", "relation": "supports", **kw}


def _two(**kw: Any) -> list[dict[str, Any]]:
    return [node("a", **kw), node("b", "a", "supports")]


# (case, map data, the error's location, what the message says); every string of a map
# can hold a lone surrogate when a JSON file spells it "\ud800"
SURROGATES: list[tuple[str, dict[str, Any], tuple[Any, ...], str]] = [
    ("map-title", {"title": f"bad {SURROGATE}"}, ("title",), f"{LONE} (character 4)"),
    ("description", {"description": "\udc00"}, ("description",), "U+DC00"),
    ("map-meta-key", {"meta": {SURROGATE: 1}}, ("meta",), f'the key "\\ud800" {LONE[:8]}'),
    ("map-meta-value", {"meta": {"k": SURROGATE}}, ("meta",), f"k: {LONE}"),
    ("map-meta-deep", {"meta": {"k": [1, {"j": [SURROGATE]}]}}, ("meta",), f"k[1].j[0]: {LONE}"),
    ("map-meta-deep-key", {"meta": {"k": [{SURROGATE: 0}]}}, ("meta",), "k[0]: the key"),
    ("text", {"nodes": _two(text=f"ok {SURROGATE}")}, ("nodes", "a", "text"), LONE),
    ("note", {"nodes": _two(note=SURROGATE)}, ("nodes", "a", "note"), LONE),
    ("node-title", {"nodes": _two(title=SURROGATE)}, ("nodes", "a", "title"), LONE),
    ("tag", {"nodes": _two(tags=["ok", SURROGATE])}, ("nodes", "a", "tags"), f"[1]: {LONE}"),
    ("node-meta-key", {"nodes": _two(meta={SURROGATE: 1})}, ("nodes", "a", "meta"), "the key"),
    ("node-meta-value", {"nodes": _two(meta={"k": SURROGATE})}, ("nodes", "a", "meta"), LONE),
    ("id", {"nodes": [node(f"a{SURROGATE}")]}, ("nodes", "#0", "id"), '"a\\ud800" is not an id'),
    (
        "parent",
        {"nodes": [node("au"), node("b", f"a{SURROGATE}", "supports")]},
        ("nodes", "b", "parent"),
        '"a\\ud800" is not an id',
    ),
    (
        "quote",
        {"nodes": _two(refs=[{"paragraph": 1, "quote": SURROGATE}])},
        ("nodes", "a", "refs", 0, "quote"),
        LONE,
    ),
    (
        "prefix",
        {"nodes": _two(refs=[{"paragraph": 1, "prefix": SURROGATE}])},
        ("nodes", "a", "refs", 0, "prefix"),
        LONE,
    ),
    (
        "link-meta",
        {"nodes": _two(), "links": [_link(meta={"relation": SURROGATE})]},
        ("links", 0, "meta"),
        f"relation: {LONE}",
    ),
    ("source-text", {"source": {"text": f"a{SURROGATE}b"}}, ("source", "text"), LONE),
    ("source-title", {"source": {"title": SURROGATE}}, ("source", "title"), LONE),
    ("source-author", {"source": {"author": SURROGATE}}, ("source", "author"), LONE),
    ("source-url", {"source": {"url": SURROGATE}}, ("source", "url"), LONE),
    ("source-file", {"source": {"file": SURROGATE}}, ("source", "file"), LONE),
    ("font", {"style": {"font": SURROGATE}}, ("style", "font"), LONE),
]


def first_error(data: dict[str, Any]) -> tuple[tuple[Any, ...], str]:
    with pytest.raises(ValidationError) as info:
        ArgumentMap.model_validate(data)
    first = info.value.errors()[0]
    return tuple(first["loc"]), first["msg"].removeprefix("Value error, ")


@pytest.mark.parametrize(
    ("data", "loc", "says"), [c[1:] for c in SURROGATES], ids=[c[0] for c in SURROGATES]
)
def test_a_lone_surrogate_is_refused_in_every_string(
    data: dict[str, Any], loc: tuple[Any, ...], says: str
) -> None:
    """A map that opens can always be saved: no string, key or value, may hold one."""
    where, message = first_error(data)
    assert where == loc
    assert says in message, message
    assert "\n" not in message and SURROGATE not in message  # shown as a visible escape


def test_every_surrogate_case_is_fine_without_the_surrogate() -> None:
    """The control: each case loads, saves and reloads once the surrogate is a letter."""
    for _, data, _, _ in SURROGATES:
        clean = json.loads(json.dumps(data).replace("\\ud800", "u").replace("\\udc00", "v"))
        m = ArgumentMap.model_validate(clean)
        assert ArgumentMap.model_validate_json(dumps(m).encode("utf-8")) == m


MODELS = (
    ArgumentMap,
    Node,
    CrossLink,
    Source,
    SourceRef,
    Style,
    Step,
    Question,
    Argument,
    Section,
    View,
)


def _holds_text(name: str, field: Any) -> bool:
    """Text, tags or meta: not an id (checked by the id rule), not the node table."""
    described = repr(field.annotation) + repr(field.metadata)
    return (
        bool(re.search(r"\bstr\b", described)) and "check_id" not in described and name != "nodes"
    )


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_that_holds_text_refuses_a_lone_surrogate(model: type[BaseModel]) -> None:
    """A field added later cannot forget the check: each text field of each model is tried."""
    fields = [name for name, f in model.model_fields.items() if _holds_text(name, f)]
    assert fields, model
    required: dict[type[BaseModel], dict[str, Any]] = {
        Node: {"id": "a"},
        CrossLink: {"id": "l", "source": "a", "target": "b", "relation": "supports"},
        SourceRef: {"paragraph": 1},
        Step: {"statement": "s", "role": "conclusion"},
        Section: {"id": "s", "title": "t"},
        View: {"name": "v"},
        Question: {"text": "q"},
    }
    for name in fields:
        data = dict(required.get(model, {}))
        annotation = str(model.model_fields[name].annotation)
        data[name] = (
            [SURROGATE]
            if "tuple" in annotation
            else {SURROGATE: "red"}
            if name == "tag_colors"
            else {"k": SURROGATE}
            if "dict" in annotation
            else SURROGATE
        )
        with pytest.raises(ValidationError, match=r"lone surrogate \(U\+D800\)"):
            model.model_validate(data)
        data[name] = (
            {"k": "red"}
            if name == "tag_colors"
            else {"k": "x"}
            if "dict" in annotation
            else ["x"]
            if "tuple" in annotation
            else "x"
        )
        model.model_validate(data)  # the control: the same without the surrogate is fine


def test_paired_surrogates_and_astral_characters_are_fine() -> None:
    m = build([node("a", text="smile \U0001f600", meta={"\U0001f600": "\U0001f600"})])
    assert m.nodes["a"].text == "smile \U0001f600"
    dumps(m).encode("utf-8")  # must not raise


@pytest.mark.parametrize(
    ("meta", "says"),
    [
        ({"x": float("nan")}, "nan, which JSON cannot hold"),
        ({"x": [float("inf")]}, "x[0]: is inf"),
        ({"x": -float("inf")}, "is -inf"),
        ({"x": 10**4300}, "too many digits to write"),
    ],
)
def test_meta_numbers_json_cannot_write_back_are_refused(meta: dict, says: str) -> None:
    where, message = first_error({"meta": meta})
    assert where == ("meta",)
    assert says in message


def test_meta_numbers_json_can_hold_are_kept() -> None:
    meta = {"big": 10**4299, "small": -(2**63), "float": 1e300, "tiny": 5e-324}
    m = ArgumentMap.model_validate({"meta": meta})
    assert ArgumentMap.model_validate_json(dumps(m)) == m


def test_the_surrogate_check_is_cheap_on_ten_thousand_nodes() -> None:
    nodes = [node("root", text="é" * 200, meta={"k": ["ü" * 50] * 5})]
    nodes += [
        node(f"n{i}", "root", "supports", order=i, text="ï" * 200, tags=["t"], meta={"k": "v"})
        for i in range(10_000)
    ]
    m = ArgumentMap.model_validate({"nodes": nodes})
    assert len(m.nodes) == 10_001
    nodes[5_000]["meta"] = {"k": ["x", SURROGATE]}
    where, message = first_error({"nodes": nodes})
    assert where == ("nodes", "n4999", "meta")
    assert message.startswith(f"k[1]: {LONE}")


# -- validation: numbers and ids -----------------------------------------------------


NUMBERS: list[tuple[str, dict[str, Any], tuple[Any, ...]]] = [
    ("order-string", {"nodes": [node("a", order="3")]}, ("nodes", "a", "order")),
    ("order-huge", {"nodes": [node("a", order=10**300)]}, ("nodes", "a", "order")),
    ("order-past-2**53", {"nodes": [node("a", order=2**53)]}, ("nodes", "a", "order")),
    ("order-float", {"nodes": [node("a", order=3.0)]}, ("nodes", "a", "order")),
    ("order-bool", {"nodes": [node("a", order=True)]}, ("nodes", "a", "order")),
    (
        "paragraph-string",
        {"nodes": [node("a", refs=[{"paragraph": "1"}])]},
        ("nodes", "a", "refs", 0, "paragraph"),
    ),
    (
        "start-bool",
        {"nodes": [node("a", refs=[{"paragraph": 1, "start": False, "end": 1}])]},
        ("nodes", "a", "refs", 0, "start"),
    ),
    (
        "end-float",
        {"nodes": [node("a", refs=[{"paragraph": 1, "start": 0, "end": 1.0}])]},
        ("nodes", "a", "refs", 0, "end"),
    ),
    (
        "review-string",
        {"nodes": [node("a", refs=[{"paragraph": 1, "review": "yes"}])]},
        ("nodes", "a", "refs", 0, "review"),
    ),
    ("wrap-string", {"style": {"wrap": "30"}}, ("style", "wrap")),
    ("wrap-float", {"style": {"wrap": 30.0}}, ("style", "wrap")),
    ("font-size-string", {"style": {"font_size": "11"}}, ("style", "font_size")),
    ("font-size-bool", {"style": {"font_size": True}}, ("style", "font_size")),
]


@pytest.mark.parametrize(("data", "loc"), [c[1:] for c in NUMBERS], ids=[c[0] for c in NUMBERS])
def test_numbers_must_be_numbers_of_the_right_kind(data: dict[str, Any], loc: tuple) -> None:
    """No lax conversion: "3", 3.0 and true are not the whole number 3."""
    where, _ = first_error(data)
    assert where == loc


def test_numbers_of_the_right_kind_load() -> None:
    ref = {"paragraph": 2**53 - 1, "start": 0, "end": 2**53 - 1, "review": True}
    m = build([node("a", order=2**53 - 1, refs=[ref])], style={"wrap": 30, "font_size": 12})
    assert m.nodes["a"].order == 2**53 - 1
    assert m.style.font_size == 12.0
    assert revalidate(m) == m


@pytest.mark.parametrize(
    ("bad", "shown"),
    [
        ("a\nb", "a\\nb"),
        ("a\n", "a\\n"),
        ("\x00", "\\x00"),
        ("a\x7f", "a\\x7f"),
        ("a\u2028", "a\\u2028"),
        ("tab\there", "tab\\there"),
        ("", ""),
        ("x" * 65, "x" * 39 + "…"),
        ("é", "é"),
    ],
)
def test_ids_may_not_hold_control_characters(bad: str, shown: str) -> None:
    where, message = first_error({"nodes": [node("ok"), node(bad)]})
    assert where == ("nodes", "#1", "id")  # the id is no key: the error names its place
    assert message.startswith(f'"{shown}" is not an id: an id is 1 to 64 letters')
    assert "\n" not in message and "\x00" not in message


@pytest.mark.parametrize("field", ["parent", "group"])
def test_references_to_ids_follow_the_id_rule(field: str) -> None:
    nodes = [node("a"), node("b", "a", "supports")]
    nodes[1][field] = "a\nb"
    where, message = first_error({"nodes": nodes})
    assert where == ("nodes", "b", field)
    assert "is not an id" in message


def test_link_ids_follow_the_id_rule() -> None:
    where, message = first_error({"nodes": _two(), "links": [_link(id="l\x00")]})
    assert where == ("links", 0, "id")
    assert message.startswith('"l\\x00" is not an id')


def test_extra_fields_and_wrong_format_are_refused() -> None:
    with pytest.raises(ValueError):
        build([node("a", colour="red")])
    with pytest.raises(ValueError):
        ArgumentMap.model_validate({"format": "other", "nodes": []})
    with pytest.raises(ValueError):
        ArgumentMap.model_validate({"version": 1, "nodes": []})  # upgraded by the reader
    with pytest.raises(ValueError):
        ArgumentMap.model_validate({"version": 3, "nodes": []})
    with pytest.raises(ValueError, match="nodes must be a list"):
        ArgumentMap.model_validate({"nodes": "a"})


def test_negative_order_is_refused() -> None:
    with pytest.raises(ValueError):
        build([node("a", order=-1)])


def test_models_are_frozen() -> None:
    m = small_valid_map()
    with pytest.raises(ValueError):
        m.title = "new"  # type: ignore[misc]
    with pytest.raises(ValueError):
        m.nodes["sup_1"].text = "new"  # type: ignore[misc]


def test_node_kind() -> None:
    m = small_valid_map()
    assert m.nodes["claim_a"].kind is Kind.CLAIM
    assert m.nodes["sup_1"].kind is Kind.SUPPORT
    assert m.nodes["reb_1"].kind is Kind.REBUTTAL


def test_node_lookup() -> None:
    m = small_valid_map()
    assert m.node("sup_1").text == "Cats are quiet"
    with pytest.raises(KeyError, match="no node 'nope'"):
        m.node("nope")


# -- the tree ------------------------------------------------------------------------


def test_walk_follows_order_then_id() -> None:
    # stored out of order; equal orders fall back to the id
    m = build(
        [
            node("root_b", order=0),
            node("root_a", order=0),
            node("root_c", order=1),
            node("z", "root_a", "supports", order=0),
            node("y", "root_a", "rebuts", order=2),
            node("x", "root_a", "supports", order=1),
            node("w", "root_a", "supports", order=1),
            node("deep", "x", "supports"),
        ]
    )
    tree = m.tree
    assert tree.roots == ("root_a", "root_b", "root_c")
    assert tree.children("root_a") == ("z", "w", "x", "y")
    assert list(tree.walk()) == ["root_a", "z", "w", "x", "deep", "y", "root_b", "root_c"]
    assert list(tree.walk("x")) == ["x", "deep"]
    assert list(tree.walk_with_depth()) == [
        ("root_a", 0),
        ("z", 1),
        ("w", 1),
        ("x", 1),
        ("deep", 2),
        ("y", 1),
        ("root_b", 0),
        ("root_c", 0),
    ]
    assert tree.siblings("x") == ("z", "w", "x", "y")
    assert tree.index_of("x") == 2
    assert tree.index_of("root_c") == 2
    assert tree.children("deep") == ()


def test_depth_ancestors_subtree_and_max_depth() -> None:
    m = small_valid_map()
    tree = m.tree
    assert tree.depth("claim_a") == 0
    assert tree.depth("reb_1") == 1
    assert tree.depth("creb_1") == 2
    assert list(tree.ancestors("creb_1")) == ["reb_1", "claim_a"]
    assert list(tree.ancestors("claim_a")) == []
    assert tree.subtree("reb_1") == ["reb_1", "creb_1"]
    assert tree.subtree("claim_a") == ["claim_a", "sup_1", "sup_2", "sup_3", "reb_1", "creb_1"]
    assert tree.subtree("sup_1") == ["sup_1"]
    assert tree.max_depth() == 2
    assert tree.is_in_subtree("creb_1", "claim_a")
    assert tree.is_in_subtree("reb_1", "reb_1")
    assert not tree.is_in_subtree("claim_a", "reb_1")
    assert not tree.is_in_subtree("sup_1", "reb_1")


def test_empty_and_single_trees() -> None:
    empty = ArgumentMap()
    assert empty.tree.roots == ()
    assert list(empty.tree.walk()) == []
    assert empty.tree.max_depth() == -1
    single = build([node("only")])
    assert single.tree.max_depth() == 0
    assert single.tree.roots == ("only",)


def test_tree_is_cached_per_map_and_rebuilt_on_evolve() -> None:
    m = small_valid_map()
    assert m.tree is m.tree
    new_nodes = {k: v for k, v in m.nodes.items() if k != "creb_1"}
    smaller = m.evolve(nodes=new_nodes)
    assert "creb_1" not in list(smaller.tree.walk())
    assert smaller.tree.max_depth() == 1
    assert "creb_1" in list(m.tree.walk())


def test_ten_thousand_deep_chain() -> None:
    n = 10_000
    nodes: list[dict[str, Any]] = [{"id": "n0", "text": "root"}]
    nodes += [
        {"id": f"n{i}", "parent": f"n{i - 1}", "relation": "supports" if i % 2 else "rebuts"}
        for i in range(1, n)
    ]
    m = ArgumentMap.model_validate({"nodes": nodes})
    tree = m.tree
    assert tree.depth(f"n{n - 1}") == n - 1
    assert tree.max_depth() == n - 1
    walked = list(tree.walk())
    assert walked == [f"n{i}" for i in range(n)]
    assert [d for _, d in tree.walk_with_depth()] == list(range(n))
    assert len(tree.subtree("n0")) == n
    assert sum(1 for _ in tree.ancestors(f"n{n - 1}")) == n - 1
    assert tree.is_in_subtree(f"n{n - 1}", "n0")
    again = revalidate(m)
    assert again == m
    assert list(structural_problems(m)) == []
    assert summarize(m).depth == n - 1
    found = problems(m)  # the root has a support; every other node is empty
    assert len(found) == n - 1
    assert {p.message for p in found} == {"is a statement with no text"}
    assert ArgumentMap.model_validate_json(dumps(m)) == m


def test_equality_ignores_the_cached_tree() -> None:
    a = small_valid_map()
    b = small_valid_map()
    _ = a.tree  # only a has a cached tree
    assert a._tree is not None
    assert b._tree is None
    assert a == b
    assert b == a
    assert a != b.evolve(title="other")
    assert a != b.evolve(nodes={k: v for k, v in b.nodes.items() if k != "creb_1"})
    assert (a == 1) is False
    with pytest.raises(TypeError):
        hash(a)


def test_equality_sees_link_and_node_differences() -> None:
    a = small_valid_map()
    changed = dict(a.nodes)
    changed["sup_1"] = changed["sup_1"].model_copy(update={"text": "different"})
    assert a != a.evolve(nodes=changed)
    assert a != a.evolve(links=())
    extra = CrossLink(id="lnk_2", source="sup_3", target="creb_1", relation=S)
    assert a != a.evolve(links=(*a.links, extra))


# -- random valid maps ---------------------------------------------------------------

POOL = [f"id{i}" for i in range(12)]


@st.composite
def valid_map_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """The on-disk form of a random valid map (random storage order)."""
    count = draw(st.integers(0, len(POOL)))
    ids = draw(st.permutations(POOL))[:count]
    specs: list[dict[str, Any]] = []
    for i, nid in enumerate(ids):
        parent = None if i == 0 else draw(st.none() | st.sampled_from(ids[:i]))
        spec: dict[str, Any] = {"id": nid, "text": draw(st.sampled_from(["", "a", "b", "A "]))}
        if parent is not None:
            spec["parent"] = parent
            spec["relation"] = draw(st.sampled_from(["supports", "rebuts"]))
        spec["order"] = draw(st.integers(0, 3))
        specs.append(spec)
    return {"nodes": draw(st.permutations(specs))}


@FAST
@given(valid_map_dicts())
def test_tree_properties_on_random_maps(data: dict[str, Any]) -> None:
    m = ArgumentMap.model_validate(data)
    tree = m.tree
    walked = list(tree.walk())
    assert sorted(walked) == sorted(m.nodes)  # each node once
    position = {nid: i for i, nid in enumerate(walked)}
    depths = dict(tree.walk_with_depth())
    for nid, n in m.nodes.items():
        ancestors = list(tree.ancestors(nid))
        assert tree.depth(nid) == len(ancestors) == depths[nid]
        if n.parent is not None:
            assert ancestors[0] == n.parent
            assert position[n.parent] < position[nid]
        kids = tree.children(nid)
        assert list(kids) == sorted(kids, key=lambda k: (m.nodes[k].order, k))
        sub = tree.subtree(nid)
        # pre-order: the subtree is a contiguous run of the walk starting at the node
        assert walked[position[nid] : position[nid] + len(sub)] == sub
        assert all(tree.is_in_subtree(s, nid) for s in sub)
        assert set(sub) == {x for x in m.nodes if nid == x or nid in tree.ancestors(x)}
    assert tree.max_depth() == max(depths.values(), default=-1)
    assert list(tree.roots) == sorted(
        (k for k, v in m.nodes.items() if v.parent is None), key=lambda k: (m.nodes[k].order, k)
    )
    assert revalidate(m) == m
    assert dumps(revalidate(m)) == dumps(m)
    assert Tree(m.nodes.values()).roots == tree.roots


# -- checks --------------------------------------------------------------------------


def test_summarize_small_map() -> None:
    m = small_valid_map()
    assert summarize(m) == Summary(
        nodes=6,
        claims=1,
        supports=3,
        rebuttals=2,
        counter_rebuttals=1,
        depth=2,
        undercuts=0,
        groups=1,
        links=1,
    )


def test_summarize_counts_claims_and_distinct_groups() -> None:
    m = build(
        [
            node("c1"),
            node("c2", order=1),
            node("a", "c1", "supports", group="g1"),
            node("b", "c1", "supports", order=1, group="g1"),
            node("c", "c2", "rebuts", group="g2"),
            node("d", "c", "supports"),  # a support of a rebuttal is no counter-rebuttal
        ]
    )
    s = summarize(m)
    assert (s.nodes, s.claims, s.supports, s.rebuttals) == (6, 2, 3, 1)
    assert s.counter_rebuttals == 0
    assert s.groups == 2
    assert s.links == 0
    assert s.depth == 2


def test_problems_of_an_empty_map() -> None:
    found = problems(ArgumentMap())
    assert found == [Problem("warning", None, "the map is empty")]
    assert str(found[0]) == "warning: the map is empty"


def test_problems_of_a_clean_map_are_none() -> None:
    m = build([node("c", text="Claim"), node("s", "c", "supports", text="Reason")])
    assert problems(m) == []


def test_problems_empty_text() -> None:
    m = build([node("c", text="Claim"), node("blank_s", "c", "supports", text="  \n ")])
    assert problems(m) == [Problem("error", "blank_s", "is a statement with no text")]
    assert str(problems(m)[0]) == "error: node 'blank_s': is a statement with no text"


def test_problems_duplicate_statement_ignores_case_and_spacing() -> None:
    m = build(
        [
            node("c", text="Claim"),
            node("first_s", "c", "supports", order=0, text="Cats  purr"),
            node("second_s", "c", "supports", order=1, text="cats purr\n"),
        ]
    )
    assert problems(m) == [Problem("warning", "second_s", "says the same as node 'first_s'")]


def test_problems_claim_without_support() -> None:
    m = build(
        [
            node("claim_ok", text="A"),
            node("s", "claim_ok", "supports", text="B"),
            node("claim_bare", order=1, text="C"),
            node("claim_attacked", order=2, text="D"),
            node("r", "claim_attacked", "rebuts", text="E"),
        ]
    )
    found = problems(m)
    assert {p.node_id for p in found} == {"claim_bare", "claim_attacked"}
    assert all(p.message == "is a claim with no supporting reason" for p in found)


def test_problems_co_premise_group_of_one() -> None:
    m = build(
        [
            node("c", text="A"),
            node("alone", "c", "supports", text="B", group="solo"),
            node("p1", "c", "supports", order=1, text="C", group="pair"),
            node("p2", "c", "supports", order=2, text="D", group="pair"),
        ]
    )
    assert problems(m) == [Problem("warning", "alone", "is the only premise of group 'solo'")]


def test_problems_follow_walk_order() -> None:
    m = build(
        [
            node("c2", order=1, text=""),
            node("c1", order=0, text=""),
        ]
    )
    found = problems(m)
    assert [(p.node_id, p.message) for p in found] == [
        ("c1", "is a statement with no text"),
        ("c1", "is a claim with no supporting reason"),
        ("c2", "is a statement with no text"),
        ("c2", "is a claim with no supporting reason"),
    ]


# -- what `make mutate` found untested -----------------------------------------------


def test_structural_problems_lists_every_problem_of_a_map_built_without_checks() -> None:
    good = build([node("a"), node("b", "a", "supports"), node("c", "b", "supports")])
    dangling = good.nodes["b"].model_copy(update={"parent": "nowhere"})
    m = good.evolve(nodes={**good.nodes, "b": dangling})
    assert list(structural_problems(m)) == ["node 'b': parent 'nowhere' does not exist"]


def test_structural_problems_is_linear_in_a_deep_chain() -> None:
    """Each node is walked once: 50,000 deep is no slower than reading it."""
    n = 50_000
    nodes = {"n0": Node(id="n0")}
    nodes.update((f"n{i}", Node(id=f"n{i}", parent=f"n{i - 1}", relation=S)) for i in range(1, n))
    m = ArgumentMap().evolve(nodes=nodes)
    started = time.perf_counter()
    assert list(structural_problems(m)) == []
    assert time.perf_counter() - started < 5  # linear: ~0.05 s; quadratic: minutes


def test_a_bad_value_after_clean_ones_is_found_where_it_is() -> None:
    where, message = first_error({"meta": {"a": "é", "b": [1, True, None, "ü"], "c": float("nan")}})
    assert (where, message) == (("meta",), "c: is nan, which JSON cannot hold")


def test_clean_maps_never_need_the_slow_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks of text, tags and meta are a C call each; the walk that says where a
    problem is runs only for a value that has one."""

    def walked(value: Any) -> None:
        raise AssertionError(f"walked {value!r}")

    monkeypatch.setattr(validation, "unsaveable", walked)
    m = build(
        [node("a", text="é ü", title="ï", tags=["ö", "x"], meta={"ü": ["é", {"k": 1.5}]})],
        title="ä",
        meta={"x": [1, None, True, "ß"]},
        source={"text": "ñ", "title": "ç"},
        links=[],
    )
    assert m.nodes["a"].tags == ("ö", "x")


def test_without_the_c_encoder_meta_is_still_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validation, "_to_json", None)
    where, message = first_error({"meta": {"k": ["ok", SURROGATE]}})
    assert (where, message) == (("meta",), f"k[1]: {LONE}")
    assert build([], meta={"k": ["é"]}).meta == {"k": ["é"]}


def test_the_span_rule_says_what_is_missing() -> None:
    where, message = first_error({"nodes": [node("a", refs=[{"paragraph": 1, "end": 3}])]})
    assert (where, message) == (("nodes", "a", "refs", 0), "a span needs both start and end")


def test_a_list_of_built_nodes_is_a_node_table() -> None:
    m = ArgumentMap(nodes=[Node(id="a"), Node(id="b", parent="a", relation=S)])
    assert list(m.nodes) == ["a", "b"]


def test_a_node_that_is_not_an_object_is_named_by_its_place() -> None:
    where, message = first_error({"nodes": [node("a"), "b"]})
    assert where == ("nodes", "#1")
    assert "valid dictionary" in message


def test_a_bad_id_does_not_hide_the_nodes_after_it() -> None:
    with pytest.raises(ValidationError) as info:
        ArgumentMap.model_validate({"nodes": [node("bad id"), node("b", text=5)]})
    assert [e["loc"] for e in info.value.errors()] == [
        ("nodes", "#0", "id"),
        ("nodes", "b", "text"),
    ]


def test_a_duplicate_id_is_shown_shortened() -> None:
    long_id = "d" * 64
    where, message = first_error({"nodes": [node(long_id), node(long_id)]})
    assert (where, message) == (("nodes",), f"duplicate node id '{'d' * 39}…'")


def test_nodes_that_are_no_list_are_refused_in_so_many_words() -> None:
    assert first_error({"nodes": "a"}) == (("nodes",), "nodes must be a list")
