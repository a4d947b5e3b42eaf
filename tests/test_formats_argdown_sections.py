"""Argdown headings as nested sections, and back: levels, membership, and each step of a
reconstruction written with its text (checked with the Argdown tool where it is)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from argmap.formats.argdown import read_argdown, write_argdown
from tests.conftest import ROOT

TOOL = ROOT / ".tools" / "argdown" / "node_modules" / ".bin" / "argdown"

DOC = """# Cars

[Ban]: Cities should ban cars.

## Air

<Clean>: The air gets cleaner.

(1) Cars pollute.
(2) [Fewer]: A ban means fewer cars.
----
(3) [Ban]

### Data

[Old]: The figures are old.

# Trade

#### Shops

[Shops]: Shops lose trade.
  - [Ban]
"""


def test_headings_nest_by_level_and_keep_levels_nesting_cannot_give() -> None:
    m = read_argdown(DOC)
    shown = [(s.title, s.parent) for s in m.sections]
    ids = {s.title: s.id for s in m.sections}
    assert shown == [
        ("Cars", None),
        ("Air", ids["Cars"]),
        ("Data", ids["Air"]),
        ("Trade", None),
        ("Shops", ids["Trade"]),
    ]
    assert m.meta["argdown"]["levels"] == {ids["Shops"]: 4}
    by_title = {n.title: n for n in m.nodes.values() if n.title}
    assert by_title["Ban"].section == ids["Cars"]
    assert by_title["Clean"].section == ids["Air"]
    assert by_title["Old"].section == ids["Data"]
    assert by_title["Shops"].section == ids["Shops"]


def test_the_writer_puts_each_node_under_its_heading() -> None:
    text = write_argdown(read_argdown(DOC))
    lines = text.splitlines()
    heads = [line for line in lines if line.startswith("#") and not line.startswith("#(")]
    assert heads == ["# Cars", "## Air", "### Data", "# Trade", "#### Shops"]

    def after(heading: str, words: str) -> bool:
        return lines.index(heading) < next(i for i, x in enumerate(lines) if words in x)

    assert after("## Air", "The air gets cleaner.") and after("### Data", "figures are old")
    assert after("#### Shops", "Shops lose trade.")
    again = read_argdown(text)
    assert [(s.title, s.parent) for s in again.sections] == [
        (s.title, s.parent) for s in read_argdown(DOC).sections
    ]


def test_a_step_of_another_section_is_referred_to_one_of_its_own_defined() -> None:
    """The tool puts a statement in the section of its first definition in one: a step
    in another section's structure is only a reference, as [Fewer] and [Ban] in <Other>
    (in Shops); one of the argument's section is written with its text."""
    doc = DOC + "\n<Other>\n\n(1) [Fewer]\n(2) Buses run on time.\n----\n(3) [Ban]\n"
    text = write_argdown(read_argdown(doc))
    assert "<Other>\n\n(1) [Fewer]\n(2) [Untitled 2]: Buses run on time.\n----\n(3) [Ban]\n" in text
    assert "(2) [Fewer]: A ban means fewer cars.\n----\n(3) [Ban]\n" in text  # <Clean>, Air
    m = read_argdown(text)
    sections = {s.id: s.title for s in m.sections}
    found = {n.title: sections.get(n.section or "") for n in m.nodes.values() if n.title}
    assert found["Fewer"] == "Air" and found["Ban"] == "Cars" and found["Other"] == "Shops"


@pytest.mark.skipif(not TOOL.exists(), reason="the Argdown tool in .tools/argdown")
def test_the_argdown_tool_reads_the_same_sections_and_structures_back(tmp_path: Path) -> None:
    from tests.perf.test_bench_argdown_fidelity import sections, structures

    for name, text in (("original", DOC), ("exported", write_argdown(read_argdown(DOC)))):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "doc.argdown").write_text(text, encoding="utf-8")
        subprocess.run(
            [str(TOOL), "json", str(folder / "*.argdown"), str(folder), "--silent"],
            check=True,
            capture_output=True,
            timeout=300,
        )
    a = json.loads((tmp_path / "original" / "doc.json").read_text(encoding="utf-8"))
    b = json.loads((tmp_path / "exported" / "doc.json").read_text(encoding="utf-8"))
    assert structures(a) and structures(a) == structures(b)
    assert sections(a)[0] == sections(b)[0]  # the headings, titles and levels


def test_a_colour_for_an_empty_tag_is_not_kept_so_the_map_saves_and_opens() -> None:
    from argmap.formats import native

    m = read_argdown(
        '===\ncolor:\n    tagColors:\n        "": red\n        a: blue\n===\n\n[A]: a #a\n'
    )
    assert m.tag_colors == {"a": "blue"}
    assert native.loads(native.dumps(m)) == m


def test_a_headings_tags_stay_tags() -> None:
    """The tool gives a heading's tags to its section (and colours groups by them)."""
    m = read_argdown("# Cars #(traffic) now\n\n[Ban]: Ban cars.\n\n# Trade #shops\n\n[A]: a\n")
    text = write_argdown(m)
    assert "# Cars #(traffic) now\n" in text and "# Trade #shops\n" in text
    assert [s.title for s in read_argdown(text).sections] == [s.title for s in m.sections]
