"""Tag colours the Argdown tool numbers from its colour scheme, or gives with a priority,
become the map's colours where argmap knows the scheme, and are written back as they
were written (a number stays a number, an object keeps its priority)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from argmap.formats.argdown import read_argdown, write_argdown
from argmap.model import structure_ops as so
from tests.conftest import ROOT

TOOL = ROOT / ".tools" / "argdown" / "node_modules" / ".bin" / "argdown"

DEFAULT = """===
color:
    tagColors:
        pro: 0
        con: 1
        far: 12
        both: {color: "#169b89", priority: 2}
        num: {color: 3, priority: 1}
===

[A]: a #pro #con #far #both #num
"""

LISTED = """===
color:
    colorScheme: ["#111111", "#222222"]
    tagColors:
        pro: 1
===

[A]: a #pro
"""

NAMED = """===
color:
    colorScheme: colorbrewer-set3
    tagColors:
        pro: 1
===

[A]: a #pro
"""


def test_numbered_colours_are_read_from_the_scheme_argmap_knows() -> None:
    assert read_argdown(DEFAULT).tag_colors == {
        "pro": "#1b9e77",  # the tool's default scheme
        "con": "#d95f02",
        "both": "#169b89",
        "num": "#e7298a",
    }  # "far": past the scheme's end, the tool gives it none either
    assert read_argdown(LISTED).tag_colors == {"pro": "#222222"}
    assert read_argdown(NAMED).tag_colors == {"pro": "#ffffb3"}  # colorbrewer-set3's second


def test_colours_are_written_as_they_were_and_a_changed_one_keeps_its_priority() -> None:
    m = read_argdown(DEFAULT)
    text = write_argdown(m)
    for entry in ('"pro": 0', '"con": 1', '"far": 12', '"num": {"color": 3, "priority": 1}'):
        assert entry in text
    changed = so.set_tag_color(m, "both", "#ff0000").map
    text = write_argdown(changed)
    assert '"both": {"color": "#ff0000", "priority": 2}' in text
    assert read_argdown(text).tag_colors == changed.tag_colors
    assert '    tagColors:\n        "pro": 1\n' in write_argdown(read_argdown(NAMED))  # as it was


@pytest.mark.skipif(not TOOL.exists(), reason="the Argdown tool in .tools/argdown")
def test_the_tool_gives_the_tags_the_colours_and_priorities_argmap_wrote(
    tmp_path: Path,
) -> None:
    changed = so.set_tag_color(read_argdown(DEFAULT), "both", "#ff0000").map
    (tmp_path / "m.argdown").write_text(write_argdown(changed), encoding="utf-8")
    subprocess.run(
        [str(TOOL), "json", str(tmp_path / "m.argdown"), str(tmp_path / "out"), "--silent"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    tags = json.loads((tmp_path / "out" / "m.json").read_text("utf-8"))["tags"]
    found = {tag: (v.get("color"), v.get("priority")) for tag, v in tags.items()}
    assert found == {
        "pro": ("#1b9e77", None),
        "con": ("#d95f02", None),
        "far": (None, None),
        "both": ("#ff0000", 2),
        "num": ("#e7298a", 1),
    }


def test_a_tag_colour_argmap_cannot_draw_is_said_in_one_warning(tmp_path: Path) -> None:
    from argmap.formats.argdown import read_argdown
    from tests.test_cli import argmap

    text = (
        "===\ncolor:\n    tagColors:\n        a: blurple\n        b: navy\n        c: '#12'\n"
        "===\n\n[A]: a #a #b #c\n"
    )
    m = read_argdown(text)
    assert m.tag_colors == {"b": "navy"}
    warnings = m.meta["argdown"]["warnings"]
    assert warnings == [
        "the front matter's tag colour 'blurple', '#12' is not one argmap can draw "
        "(#rrggbb or a CSS colour name): the tag shows uncoloured, the line is kept"
    ]
    source = tmp_path / "colours.argdown"
    source.write_text(text)
    done = argmap("convert", str(source), str(tmp_path / "back.argdown"))
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("argmap: warning:") == 1 and "'blurple'" in done.stderr
    back = (tmp_path / "back.argdown").read_text()
    assert '"a": "blurple"' in back and '"c": "#12"' in back  # the entries are kept


def test_a_front_matter_with_only_drawable_tag_colours_warns_of_nothing() -> None:
    from argmap.formats.argdown import read_argdown

    m = read_argdown("===\ncolor:\n    tagColors:\n        b: navy\n===\n\n[A]: a #b\n")
    assert "warnings" not in m.meta.get("argdown", {})
