"""The Markdown outline shows each node under its own section: a node listed in the tree
of a claim of another section is named again under its section's heading, with where
it is listed (second adversary pass on issue 15, finding 10b)."""

from __future__ import annotations

from pathlib import Path

from argmap.formats.argdown import load_argdown
from argmap.formats.markdown import write_markdown
from argmap.model import ArgumentMap, Node
from argmap.model.structure import Section


def _section_body(out: str, heading: str) -> list[str]:
    """The non-blank lines from `heading` to the next heading."""
    lines = out.splitlines()
    start = lines.index(heading) + 1
    body: list[str] = []
    for line in lines[start:]:
        if line.startswith("#"):
            break
        if line.strip():
            body.append(line)
    return body


def test_a_node_of_section_b_in_a_tree_of_section_a_shows_under_b() -> None:
    m = ArgumentMap(
        sections=(Section(id="sa", title="Section A"), Section(id="sb", title="Section B")),
        nodes=[
            Node(id="c", text="Cars pollute.", section="sa"),
            Node(id="s", text="Exhaust.", parent="c", relation="supports", section="sb"),
            Node(id="r", text="Filters.", parent="s", relation="rebuts", section="sb"),
            Node(id="t", text="Taxes.", parent="c", relation="supports", section="sa"),
        ],
    )
    out = write_markdown(m)
    assert _section_body(out, "## Section B") == [
        "In this section, listed elsewhere in the outline:",
        "- “Exhaust.”, a support of “Cars pollute.”, listed under “Cars pollute.” (§ Section A)",
        "- “Filters.”, a rebuttal of “Exhaust.”, listed under “Cars pollute.” (§ Section A)",
    ]
    # the tree itself still says where each node belongs
    assert "- **Support:** Exhaust. (§ Section B)" in out.splitlines()
    assert "- **Support:** Taxes." in out.splitlines()


def test_a_node_under_a_claim_of_no_section_shows_under_its_section() -> None:
    m = ArgumentMap(
        sections=(Section(id="sb", title="Section B"),),
        nodes=[
            Node(id="c", text="Free claim."),
            Node(id="s", text="Reason.", parent="c", relation="supports", section="sb"),
        ],
    )
    assert _section_body(write_markdown(m), "## Section B") == [
        "In this section, listed elsewhere in the outline:",
        "- “Reason.”, a support of “Free claim.”, listed under “Free claim.”",
    ]


def test_a_section_holding_only_its_own_claims_has_no_such_list() -> None:
    m = ArgumentMap(
        sections=(Section(id="sa", title="Section A"),),
        nodes=[
            Node(id="c", text="Claim.", section="sa"),
            Node(id="s", text="Reason.", parent="c", relation="supports", section="sa"),
        ],
    )
    assert "In this section" not in write_markdown(m)


def test_an_argdown_document_with_two_sections_in_one_tree(tmp_path: Path) -> None:
    path = tmp_path / "two.argdown"
    path.write_text(
        "# Section A\n\n[C]: The claim.\n\n# Section B\n\n<Why>: A reason.\n    +> [C]\n",
        encoding="utf-8",
    )
    out = write_markdown(load_argdown(path))
    body = _section_body(out, "## Section B")
    assert body[0] == "In this section, listed elsewhere in the outline:"
    assert body[1].startswith("- “Why”, a support of “C”, listed under “C” (§ Section A)")
