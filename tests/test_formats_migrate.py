"""Version 1 files open in version 2: what version 1 kept in `meta` becomes the model's
own structure, and what cannot is kept as it was, so nothing is lost."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from argmap.formats import native
from argmap.formats.errors import LoadError
from argmap.formats.migrate import upgraded
from argmap.model import Relation


def _v1(nodes: list[dict[str, Any]], **more: Any) -> dict[str, Any]:
    return {"format": "argmap", "version": 1, "nodes": nodes, **more}


def _argdown(kind: str, **more: Any) -> dict[str, Any]:
    return {"argdown": {"type": kind, "line": 1, **more}}


def _debate_v1() -> dict[str, Any]:
    """A version 1 map as argmap 1 wrote an Argdown import of it."""
    pcs = [
        {"number": 1, "node": "s2", "role": "premise"},
        {"number": 2, "node": "s3", "role": "intermediate", "inference": {"rule": "mp"}},
        {"number": 3, "node": "s1", "role": "conclusion", "inference": {"rule": ""}},
    ]
    return _v1(
        [
            {"id": "s1", "text": "Ban cars", "meta": _argdown("statement", section="Basics")},
            {
                "id": "a1",
                "parent": "s1",
                "relation": "supports",
                "title": "Clean air",
                "meta": {"relation": "conclusion", **_argdown("argument", pcs=pcs)},
            },
            {
                "id": "s2",
                "parent": "a1",
                "relation": "supports",
                "meta": {"relation": "premise", **_argdown("statement")},
            },
            {
                "id": "s3",
                "parent": "a1",
                "relation": "supports",
                "order": 1,
                "meta": {"relation": "premise", **_argdown("statement", section="Basics")},
            },
            {
                "id": "a2",
                "parent": "a1",
                "relation": "rebuts",
                "order": 2,
                "meta": {"relation": "undercut", **_argdown("argument", section="Other")},
            },
            {
                "id": "s4",
                "parent": "s1",
                "relation": "rebuts",
                "order": 1,
                "meta": {"relation": "undercut", **_argdown("statement")},
            },
        ],
        meta={"argdown": {"sections": ["Basics", "Other"], "front_matter": "title: x"}},
    )


def test_a_version_1_argdown_import_opens_with_its_structure_in_the_model(tmp_path: Path) -> None:
    path = tmp_path / "old.argmap.json"
    path.write_text(json.dumps(_debate_v1()), encoding="utf-8")
    m = native.load(path)
    assert m.version == 2
    arg = m.nodes["a1"].argument
    assert arg is not None and m.nodes["s1"].argument is None
    assert [(s.statement, s.role.value, s.inference) for s in arg.pcs] == [
        ("s2", "premise", ""),
        ("s3", "intermediate", "mp"),
        ("s1", "conclusion", ""),
    ]
    assert [(s.id, s.title) for s in m.sections] == [("section1", "Basics"), ("section2", "Other")]
    assert [m.nodes[i].section for i in ("s1", "s3", "a2", "s2")] == [
        "section1",
        "section1",
        "section2",
        None,
    ]
    # an undercut of an argument is an undercut; of a statement it stays what it was
    assert (m.nodes["a2"].relation, m.nodes["a2"].meta) == (
        Relation.UNDERCUTS,
        {"argdown": {"line": 1}},
    )
    assert (m.nodes["s4"].relation, m.nodes["s4"].meta["relation"]) == (Relation.REBUTS, "undercut")
    # what version 2 does not model stays in meta; placements stay placements
    assert m.meta == {"argdown": {"front_matter": "title: x"}}
    assert m.nodes["s2"].meta == {"relation": "premise", "argdown": {"line": 1}}
    assert m.nodes["a1"].meta == {"relation": "conclusion", "argdown": {"line": 1}}
    again = native.loads(native.dumps(m))
    assert again == m


def test_upgrading_leaves_the_parsed_file_as_it_was() -> None:
    data = _debate_v1()
    before = copy.deepcopy(data)
    upgraded(data, 1)
    assert data == before
    assert upgraded(data, 2) is data  # nothing to do for the current version


@pytest.mark.parametrize(
    "pcs",
    [
        "not a list",
        [{"node": "s2", "role": "premise"}, "not a step"],
        [{"node": "nowhere", "role": "premise"}, {"node": "s1", "role": "conclusion"}],
        [{"node": "a1", "role": "premise"}, {"node": "s1", "role": "conclusion"}],  # itself
        [{"node": "s2", "role": "maybe"}, {"node": "s1", "role": "conclusion"}],
        [{"node": "s2", "role": "premise"}, {"node": "s2", "role": "conclusion"}],  # twice
        [{"node": "s1", "role": "conclusion"}, {"node": "s2", "role": "premise"}],  # not last
        [{"node": 7, "role": "premise"}],
    ],
)
def test_a_structure_version_2_cannot_hold_stays_in_meta(pcs: Any) -> None:
    data = _v1(
        [
            {"id": "s1"},
            {"id": "s2", "meta": _argdown("statement")},
            {"id": "a1", "meta": _argdown("argument", pcs=pcs)},
        ]
    )
    m = native.from_data(data)
    assert m.nodes["a1"].argument is not None and m.nodes["a1"].argument.pcs == ()
    assert m.nodes["a1"].meta["argdown"]["pcs"] == pcs  # kept as it was, nothing lost


def test_a_step_naming_an_argument_is_not_a_step() -> None:
    steps = [{"node": "a2", "role": "premise"}, {"node": "s1", "role": "conclusion"}]
    data = _v1(
        [
            {"id": "s1"},
            {"id": "a2", "meta": _argdown("argument")},
            {"id": "a1", "meta": _argdown("argument", pcs=steps)},
        ]
    )
    m = native.from_data(data)
    assert m.nodes["a1"].argument is not None and m.nodes["a1"].argument.pcs == ()


def test_an_undercut_cross_link_of_a_support_becomes_an_undercut() -> None:
    data = _v1(
        [
            {"id": "c"},
            {"id": "s", "parent": "c", "relation": "supports"},
            {"id": "u"},
            {"id": "r"},
        ],
        links=[
            {
                "id": "x1",
                "source": "u",
                "target": "s",
                "relation": "rebuts",
                "meta": {"relation": "undercut"},
            },
            {
                "id": "x2",
                "source": "r",
                "target": "c",
                "relation": "rebuts",
                "meta": {"relation": "undercut"},
            },
            {
                "id": "x3",
                "source": "r",
                "target": "s",
                "relation": "rebuts",
                "meta": {"relation": "contrary"},
            },
        ],
    )
    m = native.from_data(data)
    kinds = {x.id: (x.relation, x.meta) for x in m.links}
    assert kinds == {
        "x1": (Relation.UNDERCUTS, {}),
        "x2": (Relation.REBUTS, {"relation": "undercut"}),
        "x3": (Relation.REBUTS, {"relation": "contrary"}),
    }


@pytest.mark.parametrize(
    ("data", "opens"),
    [
        (_v1("not a list"), False),  # type: ignore[arg-type]  # the reader names it
        (_v1([{"id": "a", "meta": {"argdown": "text"}}]), True),
        (_v1([{"id": "a", "meta": {"argdown": {"type": "argument", "section": 3}}}]), True),
        (_v1([], meta={"argdown": {"sections": "Basics"}}), True),
        (_v1(["not a node", 3]), False),
        (_v1([{"id": "a", "meta": {"argdown": {"type": "statement", "section": ["x"]}}}]), True),
        (
            _v1([{"id": "a", "relation": "rebuts", "parent": 5, "meta": {"relation": "undercut"}}]),
            False,
        ),
    ],
)
def test_odd_version_1_values_upgrade_without_a_crash(data: dict[str, Any], opens: bool) -> None:
    """Upgrading never raises: what is wrong is left for validation to name."""
    out = upgraded(data, 1)
    assert out["version"] == 2
    if opens:
        native.from_data(out)
        return
    with pytest.raises(LoadError) as info:
        native.from_data(out)
    assert "\n" not in str(info.value)


def test_version_1_headings_become_flat_sections_each_its_own() -> None:
    """Each heading is a section, a title that is not a string kept as its text; a
    "#" and a "##" heading with one title stay two sections (before, they merged, and a
    title like 3 was dropped).  A blank heading titles nothing and is left out."""
    m = native.from_data(_v1([], meta={"argdown": {"sections": [3, "", "A", "A", "B", 2.5]}}))
    assert [(s.id, s.title, s.parent) for s in m.sections] == [
        ("section1", "3", None),
        ("section2", "A", None),
        ("section3", "A", None),
        ("section4", "B", None),
        ("section5", "2.5", None),
    ]
    assert m.meta == {}


def test_a_node_finds_its_heading_by_a_title_kept_as_text(tmp_path: Path) -> None:
    """v1 kept a node's heading by title only, so with two headings of one title a node
    goes to the first of them."""
    nodes = [
        {"id": "a", "text": "a", "meta": _argdown("statement", section=3)},
        {"id": "b", "text": "b", "meta": _argdown("statement", section="A")},
        {"id": "c", "text": "c", "meta": _argdown("statement", section="Z")},
    ]
    path = tmp_path / "old.argmap.json"
    data = _v1(nodes, meta={"argdown": {"sections": [3, "A", "A"]}})
    path.write_text(json.dumps(data), encoding="utf-8")
    m = native.load(path)
    assert [(n.id, n.section) for n in m.nodes.values()] == [
        ("a", "section1"),
        ("b", "section2"),
        ("c", None),
    ]
    assert m.nodes["a"].meta == {"argdown": {"line": 1}}
    assert m.nodes["c"].meta == {"argdown": {"line": 1, "section": "Z"}}  # no such heading


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (5, "5"),
        (2.5, "2.5"),
        (True, "True"),
        ({"a": [1]}, '{"a": [1]}'),
        (["modus ponens", "é"], '["modus ponens", "é"]'),  # as written, not \u00e9
        (None, ""),
        ("mp", "mp"),
    ],
)
def test_an_inference_rule_that_is_not_a_string_is_kept_as_text(rule: Any, text: str) -> None:
    """Version 1 showed {"rule": 5} as 5; before, the upgrade dropped it."""
    steps = [
        {"node": "s2", "role": "premise"},
        {"node": "s1", "role": "conclusion", "inference": {"rule": rule}},
    ]
    data = _v1([{"id": "s1"}, {"id": "s2"}, {"id": "a1", "meta": _argdown("argument", pcs=steps)}])
    argument = native.from_data(data).nodes["a1"].argument
    assert argument is not None
    assert [(s.statement, s.inference) for s in argument.pcs] == [("s2", ""), ("s1", text)]


def test_headings_that_are_not_a_list_are_not_read_and_other_meta_stays() -> None:
    m = native.from_data(_v1([], meta={"argdown": {"sections": "Basics"}, "kialo": {"id": 1}}))
    assert m.sections == ()
    lifted = native.from_data(_v1([], meta={"argdown": {"sections": ["A"]}, "kialo": {"id": 1}}))
    assert [s.title for s in lifted.sections] == ["A"]
    assert lifted.meta == {"kialo": {"id": 1}}


def test_an_undercut_of_an_argument_that_supports_nothing_is_an_undercut() -> None:
    data = _v1(
        [
            {"id": "a1", "meta": _argdown("argument")},
            {
                "id": "u",
                "parent": "a1",
                "relation": "rebuts",
                "meta": {"relation": "undercut"},
            },
        ]
    )
    assert native.from_data(data).nodes["u"].relation is Relation.UNDERCUTS


def test_a_premise_s_inference_line_is_not_carried_over() -> None:
    steps = [
        {"node": "s2", "role": "premise", "inference": {"rule": "stray"}},
        {"node": "s1", "role": "conclusion", "inference": {"rule": "mp"}},
    ]
    data = _v1([{"id": "s1"}, {"id": "s2"}, {"id": "a1", "meta": _argdown("argument", pcs=steps)}])
    argument = native.from_data(data).nodes["a1"].argument
    assert argument is not None
    assert [(s.statement, s.inference) for s in argument.pcs] == [("s2", ""), ("s1", "mp")]
