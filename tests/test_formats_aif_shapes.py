"""Every shape of argument comes back from an AIF file, and so does every Argdown
document of the shared corpus (issue 15).

Export writes an argument with premises as ONE RA pointing at its conclusion (what it
supports, or a top-level one's main conclusion; argmap.formats.aif.arguments), and every
other argument as an I-node; argmap's hints keep its text, structure, scheme and
questions, and tell the reader which default inferences are arguments and which are
top-level.  Each test writes a real file.

Qt-free.  The corpus test reads ``../shared/corpus/argdown`` (and ``argdown-large``)
and skips if it is absent.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.formats.argdown import load_argdown
from argmap.model import ArgumentMap, Relation, ops
from argmap.model import structure_ops as so
from argmap.model.structure import StepRole
from tests.test_formats_aif_kept import through_aif, without_aif

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "60"))
DOCUMENTS = sorted((SHARED / "argdown").glob("*.argdown")) + sorted(
    (SHARED / "argdown-large").glob("*.argdown")
)


def argument(m: ArgumentMap, node_id: str, scheme: str = "", premise: str = "p") -> ArgumentMap:
    m = so.set_argument(m, node_id, True).map
    m = so.add_step(m, node_id, text=f"{premise} of {node_id}").map
    return so.set_scheme(m, node_id, scheme).map if scheme else m


def claim() -> ArgumentMap:
    return ops.add_claim(ArgumentMap(), "C", node_id="C").map


def top_level(scheme: str, conclusion: bool) -> ArgumentMap:
    m = argument(ops.add_claim(ArgumentMap(), "X", node_id="X").map, "X", scheme)
    if conclusion:  # a conclusion made in the argument editor: placed under it
        m = so.add_step(m, "X", StepRole.CONCLUSION, text="so X").map
    return so.add_undercut(m, "X", "u").map


def supporting(outer: str, inner: str) -> ArgumentMap:
    m = ops.add_node(claim(), "C", Relation.SUPPORTS, "E", node_id="E").map
    m = argument(m, "E", outer)
    m = so.add_step(m, "E", StepRole.CONCLUSION, statement="C").map
    m = ops.add_node(m, "E", Relation.SUPPORTS, "M", node_id="M").map
    return argument(m, "M", inner)


def attacking(relation: Relation) -> ArgumentMap:
    m = ops.add_node(claim(), "C", Relation.SUPPORTS, "S", node_id="S").map
    target = "S" if relation is Relation.UNDERCUTS else "C"
    m = ops.add_node(m, target, relation, "R", node_id="R").map
    return argument(m, "R", "Analogy")


def linked(relation: Relation, outgoing: bool) -> ArgumentMap:
    m = ops.add_node(claim(), "C", Relation.SUPPORTS, "E", node_id="E").map
    m = argument(m, "E", "Expert opinion")
    m = ops.add_claim(m, "D", node_id="D").map
    source, target = ("E", "D") if outgoing else ("D", "E")
    return ops.add_link(m, source, target, relation).map


SHAPES: dict[str, Callable[[], ArgumentMap]] = {
    "top-level, no scheme": lambda: top_level("", False),
    "top-level, scheme, no conclusion": lambda: top_level("Expert opinion", False),
    "top-level, scheme, its own conclusion": lambda: top_level("Expert opinion", True),
    "scheme supporting a scheme": lambda: supporting("Expert opinion", "Analogy"),
    "no scheme supporting a scheme": lambda: supporting("Expert opinion", ""),
    "scheme supporting no scheme": lambda: supporting("", "Analogy"),
    "a rebuttal with a scheme": lambda: attacking(Relation.REBUTS),
    "an undercut with a scheme": lambda: attacking(Relation.UNDERCUTS),
    "a cross-link out of an RA": lambda: linked(Relation.SUPPORTS, True),
    "a rebutting cross-link into an RA": lambda: linked(Relation.REBUTS, False),
    "a supporting cross-link into an RA": lambda: linked(Relation.SUPPORTS, False),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_every_shape_of_argument_comes_back(shape: str, tmp_path: Path) -> None:
    m = SHAPES[shape]()
    back = through_aif(m, tmp_path)
    assert without_aif(back) == without_aif(m)


@pytest.mark.skipif(not DOCUMENTS, reason=f"the Argdown corpus is not at {SHARED}")
@pytest.mark.parametrize("path", DOCUMENTS or [Path("none")], ids=lambda p: p.name)
def test_every_argdown_corpus_document_comes_back_through_aif(path: Path, tmp_path: Path) -> None:
    """Titles, sections, tags and colours, arguments with their structures, undercuts,
    cross-links and ids: all of the map but the AIF file's own data."""
    m = load_argdown(path)
    assert without_aif(through_aif(m, tmp_path)) == without_aif(m)


# -- a property over generated maps ----------------------------------------------------

SCHEMES = ("", "", "Expert opinion", "Analogy", "Argument from fear")


def _grow(m: ArgumentMap, rng: random.Random) -> ArgumentMap:
    """One edit drawn from `rng`, only where it applies."""
    ids = list(m.nodes)
    node = m.nodes[rng.choice(ids)]
    steps = {s.statement for n in m.nodes.values() if n.argument for s in n.argument.pcs}
    arguments = [n for n in m.nodes.values() if n.argument is not None]
    pick = rng.randrange(12)
    if pick == 0:
        return ops.add_node(m, node.id, rng.choice(list(Relation)[:2]), f"t{len(ids)}").map
    if pick == 1 and (node.argument is not None or node.relation is Relation.SUPPORTS):
        return so.add_undercut(m, node.id, f"u{len(ids)}").map
    if pick == 2 and node.argument is None and node.id not in steps:
        return so.set_argument(m, node.id, True).map
    if pick == 3 and arguments:
        return so.set_scheme(m, rng.choice(arguments).id, rng.choice(SCHEMES)).map
    if pick == 4 and arguments:
        return _step(m, rng.choice(arguments).id, rng)
    if pick == 5 and node.parent is not None:
        return ops.add_co_premise(m, node.id, f"c{len(ids)}").map
    if pick == 6 and len(ids) > 1:
        source, target = rng.sample(ids, 2)
        return ops.add_link(m, source, target, rng.choice(list(Relation)[:2])).map
    if pick == 7:
        tags = tuple(rng.sample(["health", "cost", "policy"], rng.randint(0, 2)))
        return ops.edit_node(m, node.id, title=rng.choice(["", "T"]), tags=tags, note="n").map
    if pick == 8:
        parent = rng.choice([None, *[s.id for s in m.sections]])
        return so.add_section(m, f"S{len(m.sections)}", parent, members=[node.id]).map
    if pick == 9 and node.argument is not None and node.argument.questions:
        return so.answer_question(m, node.id, rng.randrange(len(node.argument.questions)), True).map
    if pick == 10 and node.argument is not None and len(node.argument.pcs) > 1:
        statement = rng.choice(node.argument.pcs[:-1]).statement
        return so.move_step(m, node.id, statement, 0).map
    if pick == 11 and node.parent is not None:
        return ops.reorder(m, node.id, 0).map
    return m


def _step(m: ArgumentMap, argument_id: str, rng: random.Random) -> ArgumentMap:
    node = m.nodes[argument_id]
    assert node.argument is not None
    pcs = node.argument.pcs
    parent = m.nodes.get(node.parent or "")
    free = (
        parent is not None
        and parent.argument is None
        and parent.id not in {s.statement for s in pcs}
    )
    if node.argument.conclusion() is None and free and parent is not None and rng.random() < 0.5:
        return so.add_step(m, argument_id, StepRole.CONCLUSION, statement=parent.id).map
    if node.argument.conclusion() is not None and len(pcs) > 1 and rng.random() < 0.4:
        at = rng.randrange(1, len(pcs))
        return so.add_step(m, argument_id, StepRole.INTERMEDIATE, "i", index=at, inference="r").map
    at = len(pcs) - 1 if node.argument.conclusion() is not None else len(pcs)
    return so.add_step(m, argument_id, text=f"p{len(m.nodes)}", index=at).map


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_generated_maps_come_back_through_aif(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    m = ops.add_claim(ArgumentMap(), "C", node_id="C").map
    for _ in range(rng.randint(1, 40)):
        m = _grow(m, rng)
    assert without_aif(through_aif(m, tmp_path)) == without_aif(m)
