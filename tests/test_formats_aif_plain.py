"""What a plain AIF reader sees of an argument argmap exports (issue 15, finding 7 of the
second adversary pass): premises of an argument are I-nodes into ONE RA (its scheme, or
a default inference), that RA points at the argument's conclusion (what it supports, or
its structure's main conclusion), and an undercut is a CA into that RA.  argmap's own
hints (the ``"argmap"`` object) keep the argument's text, title and structure, so argmap
reads the same map back.  The two documents are the adversary's reproductions; the
files are written by the real ``argmap convert``.

Qt-free.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from argmap.formats.aif import load_aif, read_aif, save_aif
from argmap.formats.argdown import load_argdown
from argmap.model import ArgumentMap, Relation, revalidate

#: an argument with a structure that supports its conclusion, and an undercut of it
SUPPORTING = """\
[C]: Cities should ban cars.
  <+ <S>: Pollution argument.
    <_ <U>: Figures are old.

<S>

(1) [P1]: Cars pollute.
(2) [P2]: Pollution is bad.
----
(3) [C]
"""

#: a top-level argument whose structure ends in a claim, undercut twice, in sections
TOP_LEVEL = """\
===
title: Test map
color:
  tagColors:
    pro: "#ff0000"
    con: blue
===

# Section A

[Close]: We should close the plant. #pro

## Sub A1

<Health>: The plant harms health. #con

(1) Emissions are high.
(2) High emissions harm health.
----
(3) The plant harms health.
-- Modus ponens {uses: [1,2]} --
(4) [Close]: We should close the plant.

# Section B

<Cost>: Closing costs jobs.
  - [Close]
  _> <Health>

<Undercutter>: The data is old.
  _> <Health>
"""


def convert(text: str, tmp_path: Path) -> tuple[Path, Path]:
    source = tmp_path / "map.argdown"
    source.write_text(text, encoding="utf-8")
    target = tmp_path / "map.json"
    run = subprocess.run(
        [sys.executable, "-m", "argmap", "convert", str(source), str(target), "--to", "aif"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return source, target


class Plain:
    """The nodeset alone, as a plain AIF reader sees it (no argmap hints)."""

    def __init__(self, path: Path) -> None:
        self.doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        self.type = {str(n["nodeID"]): n["type"] for n in self.doc["nodes"]}
        self.text = {str(n["nodeID"]): n.get("text") for n in self.doc["nodes"]}
        self.edges = [(str(e["fromID"]), str(e["toID"])) for e in self.doc["edges"]]

    def i_node(self, text: str) -> str:
        (found,) = [k for k, t in self.type.items() if t == "I" and self.text[k] == text]
        return found

    def into(self, node: str) -> list[str]:
        return [a for a, b in self.edges if b == node]

    def out_of(self, node: str) -> list[str]:
        return [b for a, b in self.edges if a == node]

    def ras_into(self, node: str) -> list[str]:
        return [k for k in self.into(node) if self.type[k] == "RA"]


def without_aif(m: ArgumentMap) -> dict[str, Any]:
    """The map as saved, without what it keeps of the AIF file or of its Argdown source."""
    data = m.model_dump(mode="json", exclude={"source"})
    for item in [data, *data["nodes"], *data["links"]]:
        item["meta"].pop("aif", None)
        item.pop("refs", None)
    data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
    return data


def comes_back(source: Path, target: Path) -> None:
    """argmap reads the map of the Argdown document back from its AIF file, and that
    map writes the same file again."""
    back = load_aif(target)
    revalidate(back)
    assert without_aif(back) == without_aif(load_argdown(source))
    again = target.with_name("again.json")
    save_aif(back, again)
    assert again.read_bytes() == target.read_bytes()


def test_an_argument_with_premises_is_one_ra_from_its_premises_to_what_it_supports(
    tmp_path: Path,
) -> None:
    source, target = convert(SUPPORTING, tmp_path)
    plain = Plain(target)
    (ra,) = plain.ras_into(plain.i_node("Cities should ban cars."))
    assert plain.out_of(ra) == [plain.i_node("Cities should ban cars.")]
    assert plain.into(ra)[:2] == [plain.i_node("Cars pollute."), plain.i_node("Pollution is bad.")]
    (ca,) = [k for k in plain.into(ra) if plain.type[k] == "CA"]
    assert plain.into(ca) == [plain.i_node("Figures are old.")] and plain.out_of(ca) == [ra]
    assert list(plain.type.values()).count("RA") == 1  # no second, independent support
    assert "Pollution argument." not in plain.text.values()  # the argument is its RA
    comes_back(source, target)


def test_a_top_level_argument_is_one_ra_into_its_main_conclusion_and_undercuts_are_cas_into_it(
    tmp_path: Path,
) -> None:
    source, target = convert(TOP_LEVEL, tmp_path)
    plain = Plain(target)
    close = plain.i_node("We should close the plant. #pro")
    (ra,) = plain.ras_into(close)
    assert plain.out_of(ra) == [close]
    premises = [k for k in plain.into(ra) if plain.type[k] == "I"]
    assert premises == [
        plain.i_node("Emissions are high."),
        plain.i_node("High emissions harm health."),
        plain.i_node("The plant harms health."),
    ]
    cutters = {plain.text[plain.into(ca)[0]] for ca in plain.into(ra) if plain.type[ca] == "CA"}
    assert cutters == {"Closing costs jobs.", "The data is old."}
    # each undercut's CA points at the RA alone, and no CA points at an I-node but Cost's
    targets = sorted(
        "RA" if to == ra else plain.text[to]
        for ca in [k for k, t in plain.type.items() if t == "CA"]
        for to in plain.out_of(ca)
    )
    assert targets == sorted(["RA", "RA", "Closing costs jobs."])
    assert list(plain.type.values()).count("RA") == 1
    comes_back(source, target)


def test_read_without_hints_the_structure_is_one_inference_and_the_undercuts_cut_it(
    tmp_path: Path,
) -> None:
    _, target = convert(SUPPORTING, tmp_path)
    doc = json.loads(target.read_text(encoding="utf-8"))
    del doc["argmap"]
    m = read_aif(json.dumps(doc))
    by_text = {n.text: n for n in m.nodes.values()}
    p1, p2 = by_text["Cars pollute."], by_text["Pollution is bad."]
    c = by_text["Cities should ban cars."]
    assert (p1.parent, p2.parent) == (c.id, c.id)
    assert p1.group is not None and p1.group == p2.group  # co-premises of one inference
    assert by_text["Figures are old."].relation is Relation.UNDERCUTS
