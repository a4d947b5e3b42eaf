"""Argdown in and out, checked against the Argdown tool's own reading of real documents."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from argmap.formats import LoadError
from argmap.formats.argdown import (
    counts,
    kind_of,
    parse,
    read_argdown,
    relations_of,
    write_argdown,
)
from argmap.formats.argdown.syntax import visible_text
from argmap.model import Relation, revalidate
from tests.conftest import ROOT, SHARED
from tests.corpus import argdown_documents

CORPUS = SHARED / "corpus" / "argdown"
LARGE = SHARED / "corpus" / "argdown-large"
NO_CORPUS = "the corpus is in ../shared/corpus, beside the repository"


def manifest(accepted: str) -> list[Path]:
    return argdown_documents(accepted)


ACCEPTED = manifest("yes") + (sorted(LARGE.glob("*.argdown")) if LARGE.exists() else [])
REJECTED = manifest("no")


def reference_counts(document: Path) -> tuple[int, int, dict[str, int]]:
    data = json.loads(document.with_suffix(".json").read_text(encoding="utf-8"))
    relations = Counter(r["relationType"] for r in data["relations"])
    return len(data["statements"]), len(data["arguments"]), dict(relations)


@pytest.mark.skipif(not ACCEPTED, reason=NO_CORPUS)
@pytest.mark.parametrize("document", ACCEPTED, ids=lambda p: p.stem[-60:])
def test_corpus_counts_equal_the_argdown_tool(document: Path) -> None:
    m = read_argdown(document.read_bytes(), document)
    assert revalidate(m) == m
    assert counts(m) == reference_counts(document)
    # export then import again gives the same map: the same statements, arguments and
    # relations (tree edges plus cross-links, none dropped), whatever ids they get
    again = read_argdown(write_argdown(m))
    assert counts(again) == counts(m)
    assert signature(again) == signature(m)


def signature(m) -> tuple[Counter, Counter]:  # type: ignore[no-untyped-def]
    def key(node_id: str) -> tuple[str, str, tuple[str, ...]]:
        node = m.nodes[node_id]
        words = " ".join(re.sub(r"#\([^)]*\)|#[\w-]+", "", node.text).split())  # tags: below
        return kind_of(node), words, tuple(sorted(node.tags))

    nodes = Counter(key(i) for i in m.nodes)
    relations = Counter((key(a), key(b), kind) for a, b, kind in relations_of(m))
    return nodes, relations


@pytest.mark.skipif(not REJECTED, reason=NO_CORPUS)
@pytest.mark.parametrize("document", REJECTED, ids=lambda p: p.stem[-60:])
def test_documents_the_argdown_tool_rejects_never_crash(document: Path) -> None:
    try:
        m = read_argdown(document.read_bytes(), document)
    except LoadError as exc:
        assert str(document) in str(exc)
        return
    assert revalidate(m) == m


PRIMER = """===
title: A small debate
===

# Basics

[Main]: Cities should ban cars. #policy
  + <Clean air>: Fewer cars mean cleaner air.
    - <Vans>: Delivery vans still pollute.
  - [Shops]: Shops lose customers.
    -> [Main]
  _ <Undercut>: The air data is old.

<Clean air>

(1) Cars pollute.
(2) [Fewer]: A ban means fewer cars.
--
Modus ponens
--
(3) The air gets cleaner.
  +> [Main]
"""


def test_small_document_structure() -> None:
    m = read_argdown(PRIMER)
    by_title = {n.title: n for n in m.nodes.values() if n.title}
    assert m.title == "A small debate"
    main, clean = by_title["Main"], by_title["Clean air"]
    assert main.parent is None and main.tags == ("policy",)
    assert clean.argument is not None and main.argument is None
    pcs = clean.argument.pcs
    assert [step.role.value for step in pcs] == ["premise", "premise", "conclusion"]
    assert pcs[-1].inference == "Modus ponens"
    vans = by_title["Vans"]
    assert (vans.parent, vans.relation) == (clean.id, Relation.REBUTS)
    undercut = by_title["Undercut"]
    # of a statement (no inference to attack): a rebuttal that remembers it was written
    # as an undercut, so that it goes back out as one
    assert (undercut.parent, undercut.relation) == (main.id, Relation.REBUTS)
    assert undercut.meta.get("relation") == "undercut"
    assert not m.links
    # [Shops] attacks [Main] written both ways is one relation; <Clean air>'s support
    # moves to its conclusion. These are the numbers `argdown json` gives for PRIMER.
    assert counts(m) == (5, 3, {"support": 1, "attack": 2, "undercut": 1})


def test_user_text_is_escaped_on_export() -> None:
    from argmap.model import ArgumentMap, ops

    tricky = "Costs #rise [by] <half> @[x] // not a comment {a: 1} **so** -- there"
    m = ops.add_claim(ArgumentMap(title="t"), tricky).map
    m = ops.add_node(m, "n1", Relation.REBUTS, "A plain objection").map
    text = write_argdown(m)
    again = read_argdown(text)
    assert counts(again) == (2, 0, {"attack": 1})
    assert sorted(n.tags for n in again.nodes.values()) == [(), ()]


def test_encoding_and_line_endings() -> None:
    text = "[Größe]: Ünïcödé text 😀\r\n  + [B]: ja\r\n"
    m = read_argdown(("\ufeff" + text).encode("utf-8"))
    assert {n.title for n in m.nodes.values()} == {"Größe", "B"}
    with pytest.raises(LoadError, match="not UTF-8"):
        read_argdown(b"[A]: \xff\xfe")


def argdown_cli() -> str | None:
    for candidate in (
        os.environ.get("ARGDOWN_CLI"),
        str(ROOT / ".tools" / "argdown" / "node_modules" / ".bin" / "argdown"),
        shutil.which("argdown"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


NO_CLI = (
    "the Argdown command line tool is not installed "
    "(.ci/run installs it with npm into .tools/argdown when Node.js and npm are available)"
)


def tool_reading(data: dict) -> tuple[dict, dict, Counter]:  # type: ignore[type-arg]
    """Texts and tags per statement and argument title, and the relations, from the
    Argdown tool's JSON: a text is the first definition's (a reference has none)."""

    def text(members: list[dict]) -> str | None:  # type: ignore[type-arg]
        return next((m.get("text") for m in members if not m.get("isReference")), None)

    statements = {t: (text(e["members"]), e.get("tags", [])) for t, e in data["statements"].items()}
    arguments = {t: (text(a["members"]), a.get("tags", [])) for t, a in data["arguments"].items()}
    relations = Counter(
        (r["fromType"], r["from"], r["toType"], r["to"], r["relationType"])
        for r in data["relations"]
    )
    return statements, arguments, relations


def our_reading(text: str) -> tuple[dict, dict, Counter]:  # type: ignore[type-arg]
    """The same as `tool_reading`, from argmap's reader."""
    doc = parse(text)
    statements = {
        t: (e.texts[0] if e.texts else None, list(e.tags)) for t, e in doc.statements.items()
    }
    arguments = {
        t: (a.texts[0] if a.texts else None, list(a.tags)) for t, a in doc.arguments.items()
    }
    kind = {"statement": "equivalence-class", "argument": "argument"}
    relations = Counter(
        (kind[r.source[0]], r.source[1], kind[r.target[0]], r.target[1], r.type)
        for r in doc.relations
    )
    return statements, arguments, relations


_SHORTCODE = re.compile(r"([.:])[^\s]+?\1[ \t]?")


def _with_symbols(theirs: dict, ours: dict) -> bool:  # type: ignore[type-arg]
    """The tool's reading is argmap's, but where argmap keeps a shortcode as written
    (".A.", ":heart:") the tool may show its symbol (a character or two) instead."""
    if theirs.keys() != ours.keys():
        return False
    for title, (text, tags) in ours.items():
        shown, shown_tags = theirs[title]
        if shown_tags != tags or (text is None) != (shown is None):
            return False
        if text is None or text == shown:
            continue
        pattern, at = [], 0
        for found in _SHORTCODE.finditer(text):
            pattern += [re.escape(text[at : found.start()]), f"(?:{re.escape(found[0])}|.{{1,2}}"]
            pattern.append(" ?)" if found[0][-1] in " \t" else ")")
            at = found.end()
        pattern.append(re.escape(text[at:]))
        if re.fullmatch("".join(pattern), shown) is None:
            return False
    return True


def parse_explodes(name: str, maps: dict) -> bool:  # type: ignore[type-arg]
    m = maps.get(name)
    return m is not None and parse(write_argdown(m)).explode


@pytest.mark.skipif(not ACCEPTED, reason=NO_CORPUS)
@pytest.mark.skipif(argdown_cli() is None, reason=NO_CLI)
def test_the_argdown_tool_reads_our_exports_back(tmp_path: Path) -> None:
    """Every corpus document and every hostile map, exported: the tool finds the same
    statements, arguments and relations, and the same texts and tags, as argmap."""
    from tests.test_formats_argdown_hostile import hostile_maps

    exported = tmp_path / "exported"
    exported.mkdir()
    expected = {}
    texts = {}
    maps = {d.stem: read_argdown(d.read_bytes(), d) for d in ACCEPTED}
    hostile = hostile_maps()
    for name, m in [*maps.items(), *hostile.items()]:
        text = write_argdown(m)
        (exported / f"{name}.argdown").write_text(text, encoding="utf-8")
        expected[name] = counts(m)
        texts[name] = our_reading(text)
    done = subprocess.run(
        [argdown_cli(), "json", str(exported / "*.argdown"), str(tmp_path / "json")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    for name, mine in expected.items():
        data = json.loads((tmp_path / "json" / f"{name}.json").read_text(encoding="utf-8"))
        theirs = (
            len(data["statements"]),
            len(data["arguments"]),
            dict(Counter(r["relationType"] for r in data["relations"])),
        )
        assert theirs == mine, name
        statements, arguments, relations = tool_reading(data)
        assert _with_symbols(statements, texts[name][0]), name
        if not parse_explodes(name, maps):  # the tool splits an exploded argument up
            assert _with_symbols(arguments, texts[name][1]), name
        if name in hostile:
            assert relations == texts[name][2], name
            m = hostile[name]
            shown = sorted(visible_text(n.text) for n in m.nodes.values() if n.text)
            assert sorted(t for t, _ in [*statements.values(), *arguments.values()] if t) == shown
