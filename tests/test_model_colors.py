"""Tag colours: the names accepted are the SVG (CSS) colour names, each known to both
Graphviz engines; any other name is refused with one line naming it; every accepted
colour resolves to the #rrggbb it means in SVG (what the drawings use)."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from argmap.model import ArgumentMap, ops
from argmap.model import structure_ops as so
from argmap.model.edit_checks import EditError
from argmap.model.structure import NAMED_COLORS, rgb
from argmap.render import get_engine
from tests.conftest import engine_names


def test_the_names_are_the_svg_colour_names_with_their_values(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor

    svg_names = set(QColor.colorNames()) - {"transparent"}  # Qt's list is SVG 1.1's
    assert set(NAMED_COLORS) == svg_names and len(NAMED_COLORS) == 147
    for name, value in NAMED_COLORS.items():
        assert QColor(name).name() == value, name


@pytest.mark.parametrize("engine_name", engine_names())
def test_every_name_is_a_colour_both_graphviz_engines_know(engine_name: str) -> None:
    names = sorted(NAMED_COLORS)
    dot = (
        "digraph {\n" + "".join(f'  "{n}" [style=filled fillcolor="{n}"]\n' for n in names) + "}\n"
    )
    layout = json.loads(get_engine(engine_name).render(dot, "json"))
    x11: dict[str, str] = {}
    for obj in layout["objects"]:
        fills = [op["color"] for op in obj["_draw_"] if op["op"] == "C"]
        x11[obj["name"]] = fills[0]
    unknown = [n for n in names if x11[n] == "#000000" and n != "black"]
    assert unknown == []  # an unknown colour fills black
    # X11 gives a few of them other values: the drawings write the SVG ones
    differ = {n for n in names if x11[n].lower() != NAMED_COLORS[n]}
    assert differ == {"gray", "grey", "green", "maroon", "purple"}


def test_a_colour_resolves_to_the_rrggbb_svg_draws() -> None:
    assert rgb("#00f") == "#0000ff"
    assert rgb("#A1b2C3") == "#a1b2c3"
    assert rgb("navy") == "#000080" and rgb("Navy") == "#000080"
    assert rgb("green") == "#008000"  # CSS green, not X11's #00ff00


def tagged() -> ArgumentMap:
    m = ops.add_claim(ArgumentMap(), "x", node_id="C").map
    m = ops.edit_node(m, "C", tags=("t",)).map
    return so.set_tag_color(m, "t", "#123456").map


@pytest.mark.parametrize("color", ["blurple", "bluish", "rebeccapurple", "Transparent"])
def test_a_name_graphviz_or_svg_does_not_know_is_refused_in_one_line(color: str) -> None:
    m = tagged()
    with pytest.raises(EditError) as refused:
        so.set_tag_color(m, "t", color)
    message = str(refused.value)
    assert f"'{color}'" in message and "\n" not in message
    assert "Graphviz" in message and "#rrggbb" in message
    assert m.tag_colors == {"t": "#123456"}  # nothing changed
    data = json.loads(m.model_dump_json())
    data["tag_colors"] = {"t": color}
    with pytest.raises(ValidationError, match=f"'{color}' is not a colour"):
        ArgumentMap.model_validate(data)


@pytest.mark.parametrize("color", ["#00f", "#0000FF", "navy", "Navy", "LightGoldenrodYellow"])
def test_hex_and_svg_names_are_accepted_as_written(color: str) -> None:
    assert so.set_tag_color(tagged(), "t", color).map.tag_colors == {"t": color}


def test_an_argdown_colour_no_drawing_knows_is_left_out_not_refused() -> None:
    from argmap.formats.argdown import read_argdown

    text = "===\ncolor:\n    tagColors:\n        a: blurple\n        b: navy\n===\n\n[A]: a #a #b\n"
    assert read_argdown(text).tag_colors == {"b": "navy"}
