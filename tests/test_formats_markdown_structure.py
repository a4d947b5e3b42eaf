"""The Markdown outline of issue 15's structure (argmap.formats.markdown): titles in
bold, sections as nested headings, arguments with their numbered premises and
conclusions, scheme and critical questions, and undercuts named as such.

Qt-free; the Argdown documents are read by argmap's Argdown reader from real files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.formats.argdown import load_argdown
from argmap.formats.markdown import write_markdown
from argmap.model import ArgumentMap, Node, Relation
from argmap.model import structure_ops as sops
from argmap.model.structure import Section, StepRole


def test_titles_are_bold_before_the_text() -> None:
    m = ArgumentMap(
        nodes=[
            Node(id="c", text="Cars pollute.", title="Pollution"),
            Node(id="s", text="Exhaust.", title="Exhaust", parent="c", relation="supports"),
        ]
    )
    out = write_markdown(m)
    assert "## **Pollution**: Cars pollute.\n" in out
    assert "- **Support:** **Exhaust**: Exhaust.\n" in out


def test_sections_are_nested_headings_with_their_claims_below() -> None:
    m = ArgumentMap(
        sections=(
            Section(id="h1", title="Health"),
            Section(id="h2", title="Lungs", parent="h1"),
            Section(id="e1", title="Economy"),
        ),
        nodes=[
            Node(id="free", text="No section."),
            Node(id="a", text="Air matters.", section="h1", order=1),
            Node(id="b", text="Breathing.", section="h2", order=2),
            Node(id="x", text="Shops.", section="e1", order=3),
            Node(id="y", text="Lungs again.", section="h2", parent="x", relation="rebuts"),
        ],
    )
    lines = write_markdown(m).splitlines()
    headings = [line for line in lines if line.startswith("#")]
    assert headings == [
        "# Untitled argument map",
        "## No section.",
        "## Health",
        "### Air matters.",
        "### Lungs",
        "#### Breathing.",
        "## Economy",
        "### Shops.",
    ]
    # a node listed under a claim of another section says where it belongs
    assert "- **Rebuttal:** Lungs again. (§ Lungs)" in lines


def _argument_map() -> ArgumentMap:
    m = ArgumentMap(
        nodes=[
            Node(id="c", text="Smoking causes cancer."),
            Node(id="a", title="Doll", parent="c", relation=Relation.SUPPORTS),
        ]
    )
    m = sops.set_argument(m, "a", True).map
    m = sops.add_step(m, "a", StepRole.PREMISE, "Doll says so.").map
    m = sops.add_step(m, "a", StepRole.PREMISE, "Doll is an expert.").map
    m = sops.add_step(m, "a", StepRole.CONCLUSION, statement="c", inference="expert rule").map
    m = sops.set_scheme(m, "a", "Expert opinion").map
    m = sops.answer_question(m, "a", 0, True).map
    return sops.add_undercut(m, "a", "Doll was paid.").map


def test_an_argument_lists_its_scheme_numbered_steps_and_questions() -> None:
    out = write_markdown(_argument_map())
    block = (
        "- **Support:** **Doll**\n"
        "  *Scheme:* Expert opinion\n"
        "  1. Doll says so.\n"
        "  2. Doll is an expert.\n"
        "  3. **Conclusion (inference: expert rule):** Smoking causes cancer.\n"
        "  - [x] Is the source really an expert in the field the claim belongs to?\n"
        "  - [ ] Did the expert actually assert the claim, as quoted?\n"
    )
    assert block in out


def test_an_undercut_is_named_as_such() -> None:
    m = _argument_map()
    assert "  - **Undercut:** Doll was paid.\n" in write_markdown(m)
    # a cross-link that undercuts says it attacks an inference
    m = ArgumentMap(
        nodes=[
            Node(id="c", text="C"),
            Node(id="p", text="P", parent="c", relation="supports"),
            Node(id="u", text="U"),
        ],
        links=[{"id": "x1", "source": "u", "target": "p", "relation": "undercuts"}],
    )
    assert "- “U” undercuts the inference of “P”\n" in write_markdown(m)


def test_an_undercut_in_a_tree_did_not_crash_the_outline() -> None:
    m = ArgumentMap(
        nodes=[
            Node(id="c", text="C"),
            Node(id="p", text="P", parent="c", relation="supports"),
            Node(id="u", text="U", parent="p", relation="undercuts", group="g"),
            Node(id="v", text="V", parent="p", relation="undercuts", group="g"),
        ]
    )
    out = write_markdown(m)
    assert "  - **Co-premises (together an undercut):**\n" in out


ARGDOWN = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "argdown"


def _with_sections_and_pcs() -> list[Path]:
    if not ARGDOWN.is_dir():
        return []
    found = []
    for path in sorted(ARGDOWN.glob("*.argdown")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if "\n# " in text and "\n(1)" in text:
            found.append(path)
    return found[:5]


@pytest.mark.skipif(not _with_sections_and_pcs(), reason="no Argdown corpus with sections")
@pytest.mark.parametrize("path", _with_sections_and_pcs() or [None])
def test_corpus_documents_show_their_sections_and_structures(path: Path) -> None:
    m = load_argdown(path)
    out = write_markdown(m)
    lines = out.splitlines()
    for section in m.sections:
        assert any(line.startswith("##") and section.title in line for line in lines), section
    for argument in (n for n in m.nodes.values() if n.argument and n.argument.pcs):
        assert argument.argument is not None
        numbers = [f"{k}. " for k in range(1, len(argument.argument.pcs) + 1)]
        assert all(any(line.lstrip().startswith(k) for line in lines) for k in numbers)
    titled = [n for n in m.nodes.values() if n.title]
    assert titled and all(f"**{n.title}**" in out.replace("\\", "") for n in titled)
