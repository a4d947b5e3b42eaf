"""`argmap convert`: what it may write over, where a source kept beside the map goes, and
what it does with an output name it cannot tell a format from.  Real files on disk; the
CLI runs in-process through argmap.cli.main (exit code, stdout, stderr)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.formats import load, load_with_notes, save
from argmap.formats.source_move import link_within, settle_source
from argmap.model import ArgumentMap, Relation, Source, ops
from argmap.model.source import make_ref
from tests.cli_support import one_line, run_cli

ARTICLE = "Cars pollute the air.\n\nA ban would clear the streets of traffic.\n"


def cited_map(source: Source) -> ArgumentMap:
    """A claim and a support, each citing a span of ARTICLE."""
    claim = make_ref(ARTICLE, 0, 20)
    reason = make_ref(ARTICLE, ARTICLE.index("clear"), ARTICLE.index(" of"))
    m = ops.add_claim(ArgumentMap(title="Cars"), "Ban cars", node_id="c", refs=(claim,)).map
    m = ops.add_node(m, "c", Relation.SUPPORTS, "Clear streets", node_id="r", refs=(reason,)).map
    return m.evolve(source=source)


def map_beside(folder: Path, file: str = "article.txt") -> tuple[Path, ArgumentMap]:
    """A map in `folder` whose source text is the file `file` (relative to the folder)."""
    (folder / file).parent.mkdir(parents=True, exist_ok=True)
    (folder / file).write_text(ARTICLE, encoding="utf-8")
    m = cited_map(Source(title="Article", text=ARTICLE, file=file))
    path = folder / "m.argmap.json"
    save(m, path)
    assert json.loads(path.read_text(encoding="utf-8"))["source"]["text"] is None
    return path, m


def on_disk(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))["source"]


# -- 1. convert never writes over a map, unless --force --------------------------------


def _kialo(path: Path) -> None:
    path.write_text("Discussion Title: Cars\n\n1. Cities should ban cars.\n1.1. Pro: Clean air.\n")


def _aif(path: Path) -> None:
    from argmap.formats.aif import write_aif

    path.write_text(write_aif(cited_map(Source())), encoding="utf-8")


TARGETS = [
    ("other.argmap.json", lambda p: save(cited_map(Source()), p), [], "argmap"),
    ("damaged.argmap.json", lambda p: p.write_text("{ damaged"), [], "argmap"),
    ("notes.argdown", lambda p: p.write_text("[Claim]: text\n"), [], "Argdown"),
    ("debate.json", _aif, ["--to", "aif"], "AIF"),
    ("debate.txt", _kialo, ["--to", "argmap"], "Kialo"),
    ("native.md", lambda p: save(cited_map(Source()), p), [], "argmap"),
]


@pytest.mark.parametrize(("name", "make", "extra", "label"), TARGETS, ids=[t[0] for t in TARGETS])
def test_convert_refuses_to_write_over_any_map(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, make, extra, label: str
) -> None:
    source = tmp_path / "in.argmap.json"
    save(cited_map(Source()).evolve(title="The input"), source)
    target = tmp_path / name
    make(target)
    before = target.read_bytes()
    code, out, err = run_cli(capsys, "convert", str(source), str(target), *extra)
    assert code == 1
    line = one_line(err)
    assert "--force" in line and label in line and str(target) in line
    assert out == ""
    assert target.read_bytes() == before
    code, _, err = run_cli(capsys, "convert", str(source), str(target), *extra, "--force")
    assert code == 0, err
    fresh = tmp_path / "fresh" / name
    fresh.parent.mkdir()
    assert run_cli(capsys, "convert", str(source), str(fresh), *extra)[0] == 0
    assert target.read_bytes() == fresh.read_bytes()


def test_convert_refuses_its_own_earlier_output_but_not_a_file_that_is_no_map(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.argmap.json"
    save(cited_map(Source()), source)
    argdown = tmp_path / "out.argdown"
    assert run_cli(capsys, "convert", str(source), str(argdown))[0] == 0
    before = argdown.read_bytes()
    code, _, err = run_cli(capsys, "convert", str(source), str(argdown))
    assert code == 1 and "--force" in one_line(err)
    assert argdown.read_bytes() == before
    outline = tmp_path / "out.md"  # a Markdown outline is not read as a map: replaced
    outline.write_text("# my own notes\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "convert", str(source), str(outline))
    assert code == 0, err
    assert "Ban cars" in outline.read_text(encoding="utf-8")


# -- 2. a source kept beside the map still opens from the new place ---------------------


@pytest.mark.parametrize("where", ["sibling", "subfolder"])
def test_convert_elsewhere_keeps_the_text_inside_the_map(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    path, m = map_beside(tmp_path / "a")
    folder = tmp_path / "b" if where == "sibling" else tmp_path / "a" / "sub"
    folder.mkdir()
    out = folder / "out.argmap.json"
    code, stdout, err = run_cli(capsys, "convert", str(path), str(out))
    assert code == 0, err
    assert "kept inside the map" in one_line(err) and "article.txt" in err
    assert on_disk(out)["file"] is None and on_disk(out)["text"] == ARTICLE
    again, notes = load_with_notes(out)
    assert notes == []
    assert again.source.text == ARTICLE and again.nodes == m.nodes
    code, stdout, err = run_cli(capsys, "check", str(out))
    assert code == 0, err
    assert "(text attached)" in stdout and "note:" not in stdout and err == ""


@pytest.mark.parametrize(
    ("file", "into", "link"),
    [
        ("article.txt", ".", "a/article.txt"),  # the parent folder: the link gains a folder
        ("texts/article.txt", "a/texts", "article.txt"),  # into the text's folder
    ],
)
def test_convert_rebases_a_link_the_new_place_can_still_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], file: str, into: str, link: str
) -> None:
    path, m = map_beside(tmp_path / "a", file)
    out = tmp_path / into / "out.argmap.json"
    code, _, err = run_cli(capsys, "convert", str(path), str(out))
    assert code == 0, err
    assert link in one_line(err) and "linked" in err
    assert on_disk(out)["file"] == link and on_disk(out)["text"] is None
    again, notes = load_with_notes(out)
    assert notes == [] and again.source.text == ARTICLE and again.nodes == m.nodes


def test_convert_in_the_same_folder_leaves_the_link_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = map_beside(tmp_path)
    out = tmp_path / "copy.argmap.json"
    code, _, err = run_cli(capsys, "convert", str(path), str(out))
    assert code == 0 and err == ""
    assert on_disk(out)["file"] == "article.txt" and load(out).source.text == ARTICLE


def test_convert_with_an_unusual_name_settles_the_source_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = map_beside(tmp_path / "a")
    (tmp_path / "b").mkdir()
    out = tmp_path / "b" / "out.txt"
    code, _, err = run_cli(capsys, "convert", str(path), str(out), "--to", "argmap")
    assert code == 0, err
    assert on_disk(out)["text"] == ARTICLE and on_disk(out)["file"] is None


def test_convert_says_when_the_source_was_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    m = cited_map(Source(title="Article", file="missing.txt"))
    path = tmp_path / "m.argmap.json"
    save(m, path)
    out = tmp_path / "out.argdown"
    code, _, err = run_cli(capsys, "convert", str(path), str(out))
    assert code == 0
    assert "missing.txt" in one_line(err) and "not read" in err


def test_a_format_without_sources_says_nothing_about_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = map_beside(tmp_path / "a")
    (tmp_path / "b").mkdir()
    code, _, err = run_cli(capsys, "convert", str(path), str(tmp_path / "b" / "out.argdown"))
    assert code == 0 and err == ""


# -- the one rule, shared with the app's Save As -----------------------------------------


def test_settle_source_is_one_rule_for_every_writer(tmp_path: Path) -> None:
    (tmp_path / "a" / ".hidden").mkdir(parents=True)
    (tmp_path / "a" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a" / ".hidden" / "t.txt").write_text(ARTICLE, encoding="utf-8")
    old = tmp_path / "a" / "m.argmap.json"
    linked = Source(text=ARTICLE, file="article.txt")
    assert settle_source(linked, old, tmp_path / "a" / "n.argmap.json") is None
    moved = settle_source(linked, old, tmp_path / "m.argmap.json")
    assert moved is not None and moved[0].file == "a/article.txt" and moved[0].text == ARTICLE
    kept = settle_source(linked, old, tmp_path / "b" / "m.argmap.json")
    assert kept is not None and kept[0].file is None and kept[0].text == ARTICLE
    assert kept[0].checksum == linked.checksum
    assert "\n" not in kept[1] and "article.txt" in kept[1]
    unread = Source(file="article.txt")  # the link is all there is: kept as it was
    assert settle_source(unread, old, tmp_path / "b" / "m.argmap.json") is None
    assert settle_source(Source(text=ARTICLE), old, tmp_path / "m.argmap.json") is None
    assert link_within(tmp_path / "a" / ".hidden" / "t.txt", tmp_path / "a") is None
    assert link_within(tmp_path / "a" / "article.txt", tmp_path) == "a/article.txt"


def test_the_app_uses_the_same_rule() -> None:
    from argmap.formats import source_move
    from argmap.gui.controllers import sourcing

    assert sourcing.link_within is source_move.link_within
    assert sourcing.settle_source is source_move.settle_source


# -- an output name that says no format ---------------------------------------------------


@pytest.mark.parametrize("name", ["out.txt", "out", "out.argmap", "out.json"])
def test_convert_to_a_name_it_cannot_tell_asks_for_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    source = tmp_path / "in.argmap.json"
    save(cited_map(Source()), source)
    out = tmp_path / name
    code, stdout, err = run_cli(capsys, "convert", str(source), str(out))
    assert code == 1 and stdout == ""
    assert "cannot tell which format to write" in one_line(err) and "--to" in err
    assert not out.exists()
    code, _, err = run_cli(capsys, "convert", str(source), str(out), "--to", "argmap")
    assert code == 0, err
    assert load_with_notes(out)[0].nodes == load(source).nodes


@pytest.mark.parametrize("name", ["out.svg", "out.png", "out.pdf", "out.dot"])
def test_convert_to_a_drawing_points_to_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    source = tmp_path / "in.argmap.json"
    save(cited_map(Source()), source)
    out = tmp_path / name
    code, _, err = run_cli(capsys, "convert", str(source), str(out))
    assert code == 1 and "argmap export" in one_line(err)
    assert not out.exists()


@pytest.mark.parametrize("name", ["drawing", "drawing.txt", "drawing.gif"])
def test_export_to_a_name_it_cannot_tell_asks_for_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    source = tmp_path / "in.argmap.json"
    save(cited_map(Source()), source)
    out = tmp_path / name
    code, stdout, err = run_cli(capsys, "export", str(source), "-o", str(out))
    assert code == 1 and stdout == ""
    line = one_line(err)
    assert "cannot tell which format to write" in line and "--format" in line
    assert not out.exists()
    code, _, err = run_cli(capsys, "export", str(source), "-o", str(out), "--format", "dot")
    assert code == 0, err
    assert out.read_text(encoding="utf-8").startswith("digraph")


@pytest.mark.parametrize("command", ["convert", "export"])
def test_the_maps_own_source_text_is_never_written_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    path, _ = map_beside(tmp_path, "texts/article.txt")
    article = tmp_path / "texts" / "article.txt"
    before = article.read_bytes()
    if command == "convert":
        args = ["convert", str(path), str(article), "--to", "argmap"]
    else:
        args = ["export", str(path), "-o", str(article), "--format", "dot"]
    code, out, err = run_cli(capsys, *args)
    assert code == 1 and out == ""
    line = one_line(err)
    assert "source text" in line and "--force" in line and str(article) in line
    assert article.read_bytes() == before
    assert load(path).source.text == ARTICLE


@pytest.mark.parametrize(("into", "link"), [("b", None), (".", "a/article.txt")])
def test_relative_paths_on_the_command_line_settle_the_same(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    into: str,
    link: str | None,
) -> None:
    map_beside(tmp_path / "a")
    (tmp_path / "b").mkdir()
    monkeypatch.chdir(tmp_path)
    out = Path(into) / "out.argmap.json"
    code, _, err = run_cli(capsys, "convert", "a/m.argmap.json", str(out))
    assert code == 0, err
    assert on_disk(tmp_path / out)["file"] == link
    assert load(tmp_path / out).source.text == ARTICLE


def test_a_link_to_no_file_is_never_made(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    assert link_within(tmp_path / "gone.txt", tmp_path) is None
    assert link_within(tmp_path / "sub", tmp_path) is None
    old = tmp_path / "a" / "m.argmap.json"
    kept = settle_source(Source(text=ARTICLE, file="gone.txt"), old, tmp_path / "m.argmap.json")
    assert kept is not None and kept[0].file is None and kept[0].text == ARTICLE
