"""Argdown's front matter settings argmap keeps in the model: tag colours
(`color: tagColors:`) and the tool's preselection (`selection:`) as a view; and where
a node's section comes from (its first occurrence, as the tool's first member)."""

from __future__ import annotations

from argmap.formats.argdown import read_argdown, write_argdown
from argmap.formats.argdown.mapping import SELECTION_VIEW
from argmap.model.structure import View

COLOURED = """===
color:
    colorScheme: colorbrewer-set3
    tagColors:
        pro: "#00aa00"
        con: red
        basic: 4
selection:
    selectedTags:
        - pro
    selectedSections: [Inner]
    excludeDisconnected: false
===

# Outer

[A]: a claim #pro

## Inner

[B]: another #con

# Elsewhere

[C]: a third
"""


def test_tag_colours_are_read_from_the_front_matter() -> None:
    m = read_argdown(COLOURED)
    # a number picks from the named colour scheme (colorbrewer-set3's fifth colour)
    assert m.tag_colors == {"pro": "#00aa00", "con": "red", "basic": "#80b1d3"}


def test_the_selection_settings_become_a_view() -> None:
    m = read_argdown(COLOURED)
    ids = {s.title: s.id for s in m.sections}
    assert m.views == (
        View(
            name=SELECTION_VIEW,
            tags=("pro",),
            # not selected and holding no selected section: Outer holds Inner
            hidden_sections=(ids["Elsewhere"],),
            hide_disconnected=False,
        ),
    )


def test_no_selection_block_no_view_and_the_tools_default() -> None:
    assert read_argdown("[A]: a").views == ()
    m = read_argdown("===\nselection:\n    selectedTags: [x]\n===\n\n[A]: a #x\n")
    # the tool leaves out statements without relations unless told otherwise
    assert m.views[0].hide_disconnected is True
    assert m.views[0].hidden_sections == ()


def test_data_on_a_headings_second_line_is_not_its_title() -> None:
    m = read_argdown("# One {isGroup: false}\nmore words {isGroup: true}\n\n[A]: a\n")
    assert [s.title for s in m.sections] == ["One more words"]


def test_a_node_is_in_the_section_of_its_first_definition() -> None:
    # [A] is first named before any heading, defined under H: the Argdown tool's JSON
    # puts it in H (its first member, a reference, in none)
    m = read_argdown("[A]\n\n# H\n\n[A]: a text\n")
    (node,) = m.nodes.values()
    assert node.section == m.sections[0].id
    assert node.meta["argdown"]["mentioned"] is None  # written back: [A] before H
    # no front matter: the heading is a section, not a title (as the tool reads it)
    assert write_argdown(m) == "[A]\n\n# H\n\n[A]: a text\n"


def test_tag_colours_come_back_merged_with_the_kept_front_matter() -> None:
    m = read_argdown(COLOURED)
    m = m.evolve(tag_colors={"pro": "#123456", "new": "blue"})
    text = write_argdown(m)
    again = read_argdown(text)
    # 'con', no longer in the model, takes the colour the tool gives it from the scheme
    assert again.tag_colors == {"pro": "#123456", "new": "blue", "con": "#bebada"}
    # the original's other colour settings stay; the model, which no longer has 'con'
    # and 'basic' (a number argmap now reads from the named scheme), wins
    assert "colorScheme: colorbrewer-set3" in text
    assert "basic" not in text
    assert "con: red" not in text
