"""How much of an Argdown document's structure comes back from argmap (issue 15's measure).

For every document of the shared corpus that the Argdown tool accepts and that has
sections or premise–conclusion structures, argmap reads it and writes it back as
Argdown, and the Argdown tool itself reads both the original and argmap's export
(`argdown json`, one process for each set).  Compared on the tool's own JSON, not on
counts:

- **structures**: per argument (by title), the premise–conclusion steps in order, each
  as its role and its statement (by title; by text where the tool numbered it
  "Untitled N", as the numbers follow the file's order);
- **sections**: the headings in order (title and level), and which section each
  statement and argument belongs to (by the section's title);
- **tags**: each statement's and argument's tags.

Run with `make bench` (prints the table); no assertion, since it measures a gap that
issue 15 closes.  Needs the Argdown tool in .tools/argdown and the corpus beside the
checkout.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from argmap.formats.argdown import load_argdown, write_argdown
from tests.conftest import ROOT, SHARED

CORPUS = SHARED / "corpus" / "argdown"
TOOL = ROOT / ".tools" / "argdown" / "node_modules" / ".bin" / "argdown"


def _accepted() -> list[Path]:
    manifest = CORPUS / "MANIFEST.csv"
    if not manifest.is_file():
        return []
    with manifest.open(encoding="utf-8") as rows:
        return [CORPUS / r["file"] for r in csv.DictReader(rows) if r["argdown_accepts"] == "yes"]


def _tool_json(folder: Path, out: Path) -> None:
    subprocess.run(
        [str(TOOL), "json", str(folder / "*.argdown"), str(out), "--silent"],
        check=False,
        capture_output=True,
        timeout=900,
    )


def _clean(text: str) -> str:
    return " ".join(text.split())


def _name(title: str, text: str) -> str:
    """A statement as both readings can name it: its title, or its text when the tool
    numbered it ("Untitled 4"), since the numbers follow the order of the file."""
    return "text: " + _clean(text) if re.fullmatch(r"Untitled \d+", title) else title


def _key(kind: str, title: str, element: dict[str, Any]) -> str:
    first = (element.get("members") or [{}])[0]
    return f"{kind}: {_name(title, str(first.get('text', '')))}"


def structures(data: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    found = {}
    for title, argument in sorted(data.get("arguments", {}).items()):
        steps = [
            (str(s.get("role")), _name(str(s.get("title", "")), str(s.get("text", ""))))
            for member in argument.get("members", []) or []
            for s in member.get("pcs", []) or []
        ]
        if steps:
            found[title] = steps
    return found


def sections(data: dict[str, Any]) -> tuple[list[tuple[str, int]], dict[str, str]]:
    heads: list[tuple[str, int]] = []
    titles: dict[str, str] = {}

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            heads.append((_clean(str(item.get("title", ""))), int(item.get("level", 0))))
            titles[str(item.get("id"))] = heads[-1][0]
            walk(item.get("children", []) or [])

    walk(data.get("sections", []) or [])
    member: dict[str, str] = {}
    for kind in ("statements", "arguments"):
        for title, element in data.get(kind, {}).items():
            named = {titles.get(str(m.get("section")), "") for m in element.get("members", [])}
            named.discard("")
            if named:
                member[_key(kind, title, element)] = " | ".join(sorted(named))
    return heads, member


def tags(data: dict[str, Any]) -> dict[str, list[str]]:
    found = {}
    for kind in ("statements", "arguments"):
        for title, element in data.get(kind, {}).items():
            have = sorted({t for m in element.get("members", []) for t in m.get("tags", []) or []})
            if have:
                found[_key(kind, title, element)] = have
    return found


def _has_structure(data: dict[str, Any]) -> bool:
    return bool(structures(data) or data.get("sections"))


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
