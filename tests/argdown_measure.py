"""The Argdown tool's JSON compared as issue 15 asks: premise–conclusion structures,
sections (titles, levels, membership) and tags, not counts.  Shared by the round-trip
test (tests/test_formats_argdown_roundtrip.py) and the fidelity benchmark.

- **structures**: per argument, the tool's own structure (the argument's `pcs`), each
  step as its role and its statement;
- **sections**: the headings in order, each with its level and its parent's title, and
  the section of each statement and argument: that of its first member (where it first
  occurs), as argmap keeps one section per node;
- **tags**: each statement's and argument's tags.

A statement or argument is named by its title, or, where the tool numbered it
("Untitled 4", numbers that follow the file's order), by its text: a statement's first
text, an argument's structure's texts.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

from tests.conftest import ROOT

TOOL = ROOT / ".tools" / "argdown" / "node_modules" / ".bin" / "argdown"
Data = dict[str, Any]


def tool_json(folder: Path, out: Path) -> None:
    """`argdown json` over every .argdown file of `folder`, in one run, into `out`."""
    subprocess.run(
        [str(TOOL), "json", str(folder / "*.argdown"), str(out), "--silent"],
        check=False,
        capture_output=True,
        timeout=900,
    )


def read_json(path: Path) -> Data:
    data: Data = json.loads(path.read_text(encoding="utf-8"))
    return data


def exported_by_tool(documents: list[Path], folder: Path, back: Path) -> Path:
    """argmap's Argdown export of each document into `folder`, read back by the tool in
    one run into `back`, which is returned."""
    from argmap.formats.argdown import load_argdown, write_argdown

    for path in documents:
        (folder / path.name).write_text(write_argdown(load_argdown(path)), encoding="utf-8")
    tool_json(folder, back)
    return back


def _clean(text: str) -> str:
    return " ".join(text.split())


def _untitled(title: str) -> bool:
    return re.fullmatch(r"Untitled \d+", title) is not None


def _statement_names(data: Data) -> dict[str, str]:
    names = {}
    for title, element in data.get("statements", {}).items():
        if not _untitled(title):
            names[title] = title
            continue
        texts = [str(m.get("text") or "") for m in element.get("members", []) or []]
        names[title] = "text: " + next((_clean(t) for t in texts if t.strip()), "")
    return names


def _pcs(data: Data, argument: Data) -> list[tuple[str, str]]:
    names = _statement_names(data)
    steps = argument.get("pcs") or []
    return [(str(s.get("role")), names.get(str(s.get("title")), "?")) for s in steps]


def _name(data: Data, kind: str, title: str) -> str:
    if kind == "statements":
        return "statement: " + _statement_names(data).get(title, title)
    if _untitled(title):
        argument = data["arguments"][title]
        texts = [_clean(str(m.get("text") or "")) for m in argument.get("members", [])]
        return f"argument: untitled {_pcs(data, argument) or texts}"
    return "argument: " + title


def structures(data: Data) -> dict[str, list[tuple[str, str]]]:
    found = {}
    for title, argument in data.get("arguments", {}).items():
        steps = _pcs(data, argument)
        if steps:
            found[_name(data, "arguments", title)] = steps
    return found


def sections(data: Data) -> tuple[list[tuple[str, int, str]], dict[str, str]]:
    heads: list[tuple[str, int, str]] = []
    titles: dict[str, str] = {}

    def walk(items: list[Data], parent: str) -> None:
        for item in items:
            title = _clean(str(item.get("title", "")))
            heads.append((title, int(item.get("level", 0)), parent))
            titles[str(item.get("id"))] = title
            walk(item.get("children", []) or [], title)

    walk(data.get("sections", []) or [], "")
    member: dict[str, str] = {}
    for kind in ("statements", "arguments"):
        for title, element in data.get(kind, {}).items():
            first = (element.get("members") or [{}])[0]
            if first.get("section"):
                member[_name(data, kind, title)] = titles.get(str(first["section"]), "?")
    return heads, member


def tags(data: Data) -> dict[str, list[str]]:
    found = {}
    for kind in ("statements", "arguments"):
        for title, element in data.get(kind, {}).items():
            have = sorted({t for m in element.get("members", []) for t in m.get("tags", []) or []})
            if have:
                found[_name(data, kind, title)] = have
    return found


def has_structure(data: Data) -> bool:
    return bool(structures(data) or data.get("sections"))


def differences(a: Data, b: Data) -> dict[str, tuple[Any, Any]]:
    """What differs between two readings, by measure: {name: (in a, in b)}."""
    out = {}
    for name, measure in (("structures", structures), ("sections", sections), ("tags", tags)):
        x, y = measure(a), measure(b)
        if x != y:
            out[name] = (x, y)
    return out
