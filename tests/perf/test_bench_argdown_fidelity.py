"""How much of an Argdown document's structure comes back from argmap (issue 15's measure).

For every document of the shared corpus that the Argdown tool accepts and that has
sections or premise–conclusion structures, argmap reads it and writes it back as
Argdown, and the Argdown tool itself reads both the original and argmap's export
(`argdown json`, one process for each set).  Compared on the tool's own JSON, not on
counts:

- **structures**: per argument, the tool's own premise–conclusion structure, each step
  as its role and its statement;
- **sections**: the headings in order (title, level, parent), and the section each
  statement and argument is in (that of its first occurrence: argmap keeps one);
- **tags**: each statement's and argument's tags
(tests/argdown_measure.py; tests/test_formats_argdown_roundtrip.py asserts them for
every accepted document, with its listed exceptions).

Run with `make bench` (prints the table); it asserts only that the figures cover every
document.  Needs the Argdown tool in .tools/argdown and the corpus beside the
checkout.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from argmap.formats.argdown import load_argdown, write_argdown
from tests.argdown_measure import TOOL, has_structure, sections, structures, tags, tool_json
from tests.conftest import SHARED
from tests.corpus import argdown_documents

CORPUS = SHARED / "corpus" / "argdown"
_tool_json = tool_json  # the measure's names, as other tests import them from here
__all__ = ["has_structure", "sections", "structures", "tags"]


def _accepted() -> list[Path]:
    return argdown_documents()


def _has_structure(data: dict[str, Any]) -> bool:
    return has_structure(data)


@pytest.mark.skipif(not TOOL.exists() or not _accepted(), reason="the Argdown tool and corpus")
def test_argdown_round_trip_keeps_structures_sections_and_tags(tmp_path: Path) -> None:
    wanted = []
    for path in _accepted():
        original = path.with_suffix(".json")
        if original.is_file() and _has_structure(json.loads(original.read_text("utf-8"))):
            wanted.append(path)
    exported = tmp_path / "exported"
    exported.mkdir()
    unread = []
    for path in wanted:
        try:
            text = write_argdown(load_argdown(path))
        except Exception as exc:  # a measure, not a test: count it and go on
            unread.append(f"{path.name}: {exc}")
            continue
        (exported / path.name).write_text(text, encoding="utf-8")
    back = tmp_path / "back"
    _tool_json(exported, back)
    same = {"structures": 0, "sections": 0, "tags": 0, "all": 0}
    unmeasured = [p.name for p in wanted if not (back / p.with_suffix(".json").name).is_file()]
    for path in wanted:
        mine = back / path.with_suffix(".json").name
        if not mine.is_file():
            continue
        a = json.loads(path.with_suffix(".json").read_text("utf-8"))
        b = json.loads(mine.read_text("utf-8"))
        equal = {
            "structures": structures(a) == structures(b),
            "sections": sections(a) == sections(b),
            "tags": tags(a) == tags(b),
        }
        for key, ok in equal.items():
            same[key] += ok
        same["all"] += all(equal.values())
    n = len(wanted)
    print(f"\nArgdown round trip through argmap, read by the Argdown tool: {n} documents")
    print("with sections or premise–conclusion structures")
    for key in ("structures", "sections", "tags", "all"):
        print(f"  {key:<10} equal in {same[key]:>3} of {n}")
    if unread:
        print(f"  argmap could not read or write {len(unread)}: {unread[:3]}")
    # the figures cover every document: none lost to argmap or to the tool
    assert len(wanted) >= 50
    assert unread == []
    assert unmeasured == []
