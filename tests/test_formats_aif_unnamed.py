"""An argument without a scheme goes out to AIF as an I-node, so its text comes back: a
default RA holds no text and reads back as plain supports (the primer's four arguments
were lost on the way through AIF)."""

from __future__ import annotations

from argmap.formats.aif import read_aif, write_aif
from argmap.model import ArgumentMap, Relation, ops
from argmap.model import structure_ops as so
from argmap.model.structure import StepRole


def test_an_argument_without_a_scheme_keeps_its_text_through_aif() -> None:
    m = ops.add_claim(ArgumentMap(), "Cities should ban cars.", node_id="C").map
    m = ops.add_node(m, "C", Relation.SUPPORTS, "The air gets cleaner.", node_id="S").map
    m = so.set_argument(m, "S", True).map
    m = so.add_step(m, "S", text="Cars pollute.").map
    m = so.add_step(m, "S", StepRole.CONCLUSION, statement="C").map
    back = read_aif(write_aif(m))
    texts = sorted(n.text for n in back.nodes.values())
    assert texts == sorted(n.text for n in m.nodes.values())
    named = so.set_scheme(m, "S", "Cause to effect").map
    again = read_aif(write_aif(named))
    argument = next(n for n in again.nodes.values() if n.argument is not None)
    assert argument.argument is not None and argument.argument.scheme == "Cause to effect"
