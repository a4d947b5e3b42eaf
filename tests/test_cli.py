"""The headless commands, run as a user runs them: a real process, real files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, SHARED, engine_names


def argmap(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
    )


def assert_one_line_error(done: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("argmap: ")
    for needle in needles:
        assert needle in lines[0]


@pytest.mark.parametrize("engine_name", engine_names())
def test_export_every_format(sample_path: Path, tmp_path: Path, engine_name: str) -> None:
    for fmt, magic in (
        ("svg", b"<?xml"),
        ("png", b"\x89PNG"),
        ("pdf", b"%PDF"),
        ("dot", b"digraph"),
    ):
        out = tmp_path / f"map.{fmt}"
        done = argmap("export", str(sample_path), "-o", str(out), "--engine", engine_name)
        assert done.returncode == 0, done.stderr
        assert out.read_bytes().startswith(magic)
        assert f"wrote {out}" in done.stdout


def test_export_options_reach_the_drawing(sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.dot"
    done = argmap(
        "export",
        str(sample_path),
        "-o",
        str(out),
        "--theme",
        "print",
        "--direction",
        "LR",
        "--wrap",
        "20",
        "--font",
        "Courier",
    )
    assert done.returncode == 0, done.stderr
    dot = out.read_text()
    assert 'rankdir="LR"' in dot and 'fontname="Courier"' in dot and "REBUTTAL\\n" in dot


def test_export_engine_from_environment(sample_path: Path, tmp_path: Path) -> None:
    done = argmap(
        "export", str(sample_path), "-o", str(tmp_path / "m.svg"), env={"ARGMAP_ENGINE": "embedded"}
    )
    assert done.returncode == 0 and "engine embedded" in done.stdout


def test_check_summarises_the_sample(sample_path: Path) -> None:
    done = argmap("check", str(sample_path))
    assert done.returncode == 0, done.stderr
    assert "24 nodes" in done.stdout and "depth 4" in done.stdout
    assert "problems: none" in done.stdout
    assert len(done.stdout.splitlines()) <= 24  # one screen


def test_check_on_a_damaged_copy(sample_path: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.argmap.json"
    data = sample_path.read_bytes()
    damaged.write_bytes(data[: len(data) // 2])
    before = damaged.read_bytes()
    done = argmap("check", str(damaged))
    assert done.returncode == 1
    assert_one_line_error(done, str(damaged), "line ", "invalid JSON")
    assert damaged.read_bytes() == before


def test_check_reports_a_dangling_parent(sample_path: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.argmap.json"
    broken.write_text(sample_path.read_text().replace('"parent": "pace"', '"parent": "nowhere"'))
    done = argmap("check", str(broken))
    assert_one_line_error(done, "parent 'nowhere' does not exist")


def test_bad_input_gives_one_line(sample_path: Path, tmp_path: Path) -> None:
    assert_one_line_error(argmap("check", str(tmp_path / "missing.argmap.json")), "does not exist")
    assert_one_line_error(
        argmap("export", str(sample_path), "-o", str(tmp_path / "x.gif")), "choose a .svg"
    )
    assert_one_line_error(
        argmap("export", str(sample_path), "-o", str(tmp_path / "nofolder" / "x.svg")),
        "folder does not exist",
    )
    usage = argmap("export", str(sample_path))
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
    assert_one_line_error(argmap("export", str(sample_path), "-o", "x.svg", "--wrap", "3"), "wrap")


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs dot on PATH to hide it")
def test_system_engine_missing_is_one_line(sample_path: Path, tmp_path: Path) -> None:
    done = argmap(
        "export",
        str(sample_path),
        "-o",
        str(tmp_path / "m.svg"),
        "--engine",
        "system",
        env={"ARGMAP_DOT": ""},
    )
    assert_one_line_error(done, "'dot' is not on PATH")


def test_schema_command_matches_the_shipped_schema(tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    assert argmap("schema", "-o", str(out)).returncode == 0
    shipped = Path(__file__).parent.parent / "resources" / "argmap.schema.json"
    assert out.read_text() == shipped.read_text()


def test_version_and_help() -> None:
    assert argmap("--version").stdout.startswith("argmap ")
    helped = argmap("--help")
    assert helped.returncode == 0 and "export" in helped.stdout and "check" in helped.stdout


def test_convert_between_formats(tmp_path: Path) -> None:
    primer = SHARED / "corpus" / "argdown" / "argdown-argdown__examples__argdown-primer.argdown"
    if not primer.exists():
        pytest.skip("the corpus is in ../shared/corpus")
    native = tmp_path / "primer.argmap.json"
    done = argmap("convert", str(primer), str(native))
    assert done.returncode == 0, done.stderr
    assert "from argdown: 21 nodes" in done.stdout
    for target, extra in (("p.argdown", []), ("p.md", []), ("p.json", ["--to", "aif"])):
        done = argmap("convert", str(native), str(tmp_path / target), *extra)
        assert done.returncode == 0, done.stderr
        assert (tmp_path / target).stat().st_size > 100
    again = argmap("convert", str(tmp_path / "p.json"), str(tmp_path / "back.argmap.json"))
    assert again.returncode == 0, again.stderr  # AIF told apart by what the .json holds
    assert argmap("export", str(primer), "-o", str(tmp_path / "primer.svg")).returncode == 0
    assert (tmp_path / "primer.svg").read_bytes().startswith(b"<?xml")


def test_convert_says_when_a_format_cannot_be_told(tmp_path: Path) -> None:
    prose = tmp_path / "notes.txt"
    prose.write_text("Some notes on cars, in no format at all.\n")
    assert_one_line_error(argmap("convert", str(prose), str(tmp_path / "k.md")), "--from")
    assert not (tmp_path / "k.md").exists()
    kialo = tmp_path / "debate.txt"
    kialo.write_text("1. Cities should ban cars.\n1.1. Pro: Cleaner air.\n")
    done = argmap("convert", str(kialo), str(tmp_path / "k.md"), "--from", "kialo")
    assert done.returncode == 0 and "Cleaner air" in (tmp_path / "k.md").read_text()
    assert_one_line_error(
        argmap("convert", str(kialo), str(tmp_path / "k.json"), "--from", "kialo"), "--to"
    )


def test_check_exits_non_zero_on_error_level_problems(sample_path: Path, tmp_path: Path) -> None:
    from argmap.formats import load, save
    from argmap.model import Relation, ops

    m = load(sample_path)
    m = ops.add_link(m, "unprepared", "pace", Relation.SUPPORTS).map  # pace supports it too
    path = tmp_path / "cycle.argmap.json"
    save(m, path)
    done = argmap("check", str(path))
    assert done.returncode == 1
    assert (
        "error: node 'unprepared': is part of a cycle of relations through cross-links"
        in done.stdout
    )
    assert "Traceback" not in done.stderr


def test_export_with_the_evaluation(sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "e.svg"
    assert argmap("export", str(sample_path), "-o", str(out), "--evaluation").returncode == 0
    svg = out.read_text()
    assert "✘ does not stand" in svg and "✔ stands" in svg


def test_check_never_prints_control_characters_from_the_file(tmp_path, capsys) -> None:
    """A title may hold terminal escapes; `check` shows them escaped, not raw."""
    import json as _json

    from argmap.cli import main as cli_main

    data = _json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["title"] = "\x1b]0;PWNED\x07\x1b[2J\x1b[31mred\x00\x08"
    data["source"]["title"] = "src\x1b[2J"
    path = tmp_path / "esc.argmap.json"
    path.write_text(_json.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    code = cli_main(["check", str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert not any(ord(c) < 0x20 and c != "\n" for c in out + err), repr(out)
    assert "\\x1b[2J" in out and "PWNED" in out
    assert path.read_bytes() == before


# -- output never crashes on the terminal: its encoding, a reader that went away -------


def _non_ascii_map(tmp_path: Path) -> Path:
    import json as _json

    data = _json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["title"] = "Straße über die Brücke — “quoted” 😀"
    path = tmp_path / "unicode.argmap.json"
    path.write_text(_json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_check_on_an_ascii_terminal_escapes_what_it_cannot_show(tmp_path: Path) -> None:
    path = _non_ascii_map(tmp_path)
    done = argmap("check", str(path), env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "Stra\\xdfe \\xfcber die Br\\xfccke \\u2014" in done.stdout
    assert "24 nodes" in done.stdout


def test_errors_on_an_ascii_terminal_are_one_line_too(tmp_path: Path) -> None:
    missing = tmp_path / "Straße.argmap.json"
    assert_one_line_error(
        argmap("check", str(missing), env={"PYTHONIOENCODING": "ascii"}),
        "Stra\\xdfe.argmap.json",
        "does not exist",
    )
    long_value = "9" * 40  # its echo is shortened with an ellipsis, which ASCII cannot show
    done = argmap(
        "export",
        str(SAMPLE),
        "-o",
        str(tmp_path / "x.dot"),
        "--wrap",
        long_value,
        env={"PYTHONIOENCODING": "ascii"},
    )
    assert done.returncode == 2
    assert_one_line_error(done, "--wrap", "\\u2026")
    assert not (tmp_path / "x.dot").exists()


def _into_a_closed_pipe(*args: str, stderr_too: bool = False) -> subprocess.CompletedProcess[str]:
    """Run argmap with stdout a pipe nobody reads any more, as `argmap ... | head -0` does."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "argmap", *args],
            stdout=write_end,
            stderr=write_end if stderr_too else subprocess.PIPE,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            timeout=120,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "args",
    [("check", str(SAMPLE)), ("schema",)],
    ids=["check", "schema"],
)
def test_a_closed_pipe_ends_quietly(args: tuple[str, ...]) -> None:
    done = _into_a_closed_pipe(*args)
    assert done.stderr == ""
    assert done.returncode == 141  # 128 + SIGPIPE: what a shell reports for `cat` there


def test_a_closed_pipe_on_both_streams_ends_quietly() -> None:
    done = _into_a_closed_pipe("check", str(SAMPLE), stderr_too=True)
    assert done.returncode == 141


def test_an_error_while_the_pipe_is_closed_still_says_why(tmp_path: Path) -> None:
    done = _into_a_closed_pipe("check", str(tmp_path / "missing.argmap.json"))
    assert done.returncode == 1
    assert done.stderr.startswith("argmap: ") and "does not exist" in done.stderr


# -- integer and decimal flags read the same forms -------------------------------------


@pytest.mark.parametrize("value", ["100", "1e2", "100.0", "+100", "1.0E+2", " 100 "])
@pytest.mark.parametrize("flag", ["--dpi", "--wrap"])
def test_number_flags_read_the_same_forms(tmp_path: Path, capsys, flag: str, value: str) -> None:
    from argmap.cli import main as cli_main

    out = tmp_path / "out.dot"
    code = cli_main(["export", str(SAMPLE), "-o", str(out), flag, value])
    _, err = capsys.readouterr()
    assert code == 0, err
    assert out.read_text().startswith("digraph")


@pytest.mark.parametrize("value", ["1_00", "0x64", "١٠٠", "100%", "1e2.5", "", "NaN", "e2"])
@pytest.mark.parametrize(("flag", "kind"), [("--dpi", "a number"), ("--wrap", "a whole number")])
def test_number_flags_refuse_the_same_forms_in_one_style(
    tmp_path: Path, capsys, flag: str, kind: str, value: str
) -> None:
    from argmap.cli import main as cli_main

    out = tmp_path / "out.dot"
    with pytest.raises(SystemExit) as exited:
        cli_main(["export", str(SAMPLE), "-o", str(out), f"{flag}={value}"])
    assert exited.value.code == 2
    stdout, err = capsys.readouterr()
    assert stdout == "" and not out.exists()
    assert err == f"argmap: argument {flag}: expected {kind}, not {value!r} (see 'argmap --help')\n"


def test_a_wrap_that_is_not_whole_says_so(tmp_path: Path, capsys) -> None:
    from argmap.cli import main as cli_main

    with pytest.raises(SystemExit) as exited:
        cli_main(["export", str(SAMPLE), "-o", str(tmp_path / "o.dot"), "--wrap", "80.5"])
    assert exited.value.code == 2
    assert "--wrap: expected a whole number, not '80.5'" in capsys.readouterr().err
    assert not (tmp_path / "o.dot").exists()


# -- a source's notes say only what happened --------------------------------------------

ARTICLE = "Cars pollute the air.\n\nA ban would clear the streets of traffic.\n"


def _map_citing(tmp_path: Path, text_on_disk: str, checksum: str | None) -> Path:
    from argmap.formats import dumps
    from argmap.model import ArgumentMap, Source, ops
    from argmap.model.source import make_ref

    ref = make_ref(ARTICLE, ARTICLE.index("clear"), ARTICLE.index(" of"))
    m = ops.add_claim(ArgumentMap(title="Cars"), "Ban cars", node_id="c", refs=(ref,)).map
    m = m.evolve(source=Source(title="Article", file="article.txt"))
    (tmp_path / "article.txt").write_text(text_on_disk, encoding="utf-8")
    path = tmp_path / "m.argmap.json"
    path.write_text(dumps(m), encoding="utf-8")
    import json as _json

    data = _json.loads(path.read_text(encoding="utf-8"))
    assert data["source"]["checksum"] is None
    data["source"]["checksum"] = checksum
    path.write_text(_json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("checksum", [None, "sha256:" + "0" * 64], ids=["none", "other-text"])
def test_a_source_whose_spans_all_hold_gives_no_note(tmp_path: Path, checksum) -> None:
    from argmap.formats import load_with_notes

    path = _map_citing(tmp_path, ARTICLE, checksum)
    m, notes = load_with_notes(path)
    assert notes == []
    assert m.source.text == ARTICLE and m.nodes["c"].refs[0].start == ARTICLE.index("clear")
    done = argmap("check", str(path))
    assert done.returncode == 0, done.stderr
    assert "note:" not in done.stdout and "span(s)" not in done.stdout


@pytest.mark.parametrize("checksum", [None, "sha256:" + "0" * 64], ids=["none", "other-text"])
def test_a_source_whose_spans_moved_says_how_many(tmp_path: Path, checksum) -> None:
    from argmap.formats import load_with_notes

    moved_text = "Preface.\n\n" + ARTICLE
    _, notes = load_with_notes(_map_citing(tmp_path, moved_text, checksum))
    assert len(notes) == 1
    assert "1 span(s) found at a new place, 0 need review" in notes[0]
    said = "the source text changed" if checksum else "no checksum"
    assert said in notes[0]


# -- file names in what the CLI prints ---------------------------------------------------

ODD = "we\nird\x1b[31m\u202e\ufeff"
ODD_SHOWN = "we\\nird\\x1b[31m\\u202e\\ufeff"


def _assert_escaped_lines(text: str, name: str) -> None:
    """Every line names the file as error lines do: escaped, never raw."""
    lines = text.splitlines()
    assert len(lines) >= 1
    assert name in lines[0], text
    for raw in ("\x1b", "\u202e", "\ufeff", "\r"):
        assert raw not in text, text


def test_success_lines_escape_file_names_as_error_lines_do(tmp_path: Path) -> None:
    out = tmp_path / f"{ODD}.argmap.json"
    done = argmap("convert", str(SAMPLE), str(out))
    assert done.returncode == 0, done.stderr
    assert out.is_file()
    assert done.stdout.count("\n") == 1, done.stdout  # "wrote …" is one line
    _assert_escaped_lines(done.stdout, f"wrote {tmp_path}/{ODD_SHOWN}.argmap.json (argmap,")

    drawing = tmp_path / f"{ODD}.dot"
    done = argmap("export", str(SAMPLE), "-o", str(drawing))
    assert done.returncode == 0, done.stderr
    assert drawing.is_file()
    assert done.stdout.count("\n") == 1, done.stdout
    _assert_escaped_lines(done.stdout, f"wrote {tmp_path}/{ODD_SHOWN}.dot (dot,")

    done = argmap("check", str(out))
    assert done.returncode == 0, done.stderr
    _assert_escaped_lines(done.stdout, f"{tmp_path}/{ODD_SHOWN}.argmap.json: ")

    again = argmap("convert", str(SAMPLE), str(out))  # refused: it reads as a map
    assert_one_line_error(again, f"{tmp_path}/{ODD_SHOWN}.argmap.json: already exists")


def test_a_long_odd_name_keeps_its_end_escaped(tmp_path: Path) -> None:
    folder = tmp_path / ("d" * 150)
    folder.mkdir()
    out = folder / f"{ODD}.argmap.json"
    done = argmap("convert", str(SAMPLE), str(out))
    assert done.returncode == 0, done.stderr
    head = done.stdout.splitlines()[0].split(" (argmap,")[0]
    assert head.startswith("wrote …") and head.endswith(f"/{ODD_SHOWN}.argmap.json"), head
    assert len(head.removeprefix("wrote ")) == 120


def test_an_error_line_keeps_the_end_of_a_long_name_full_of_escapes(tmp_path: Path) -> None:
    # Error lines shortened the name first and escaped it after, so escapes pushed
    # the file's own name out of the line; they now keep its end as success lines do.
    folder = tmp_path / ("\u202e" * 60)
    folder.mkdir()
    bad = folder / "broken.argmap.json"
    bad.write_bytes(b"{")
    done = argmap("check", str(bad))
    assert done.returncode != 0
    line = done.stderr.strip()
    assert "\n" not in line
    assert line.startswith("argmap: …"), line
    assert "\\u202e/broken.argmap.json: " in line, line
    assert bad.read_bytes() == b"{"


# -- what check counts of the structure (issue 15 follow-up, finding k) ------------------


def _structured_map(path: Path) -> None:
    """A claim; the argument A (premises P1, P2 placed under it, the claim its conclusion)
    supports it; U undercuts A; R rebuts the claim; the argument W undercuts A through a
    cross-link; sections Env > Air; one view."""
    from argmap.formats import native
    from argmap.model import ArgumentMap, Relation, ops
    from argmap.model import structure_ops as so
    from argmap.model.structure import StepRole, View

    m = ops.add_claim(ArgumentMap(title="Cars"), "Ban cars", node_id="C").map
    m = so.set_argument(
        ops.add_node(m, "C", Relation.SUPPORTS, "Air", node_id="A").map, "A", True
    ).map
    m = so.add_step(m, "A", text="Cars pollute").map
    m = so.add_step(m, "A", text="A ban cuts traffic").map
    m = so.add_step(m, "A", StepRole.CONCLUSION, statement="C").map
    m = so.add_undercut(m, "A", "Old data").map
    m = ops.add_node(m, "C", Relation.REBUTS, "Shops lose trade", node_id="R").map
    m = so.set_argument(ops.add_claim(m, "Data fixed", node_id="W").map, "W", True).map
    m = ops.add_link(m, "W", "A", Relation.UNDERCUTS).map
    m = so.add_section(m, "Env", members=["C"]).map
    m = so.add_section(m, "Air", parent="section1", members=["A"]).map
    m = so.save_view(m, View(name="Only env", hidden_sections=("section2",))).map
    native.save(m, path)


def test_check_counts_undercuts_arguments_sections_and_views(tmp_path: Path) -> None:
    """Before, check counted none of them (an undercut was in no count of its line)."""
    path = tmp_path / "cars.argmap.json"
    _structured_map(path)
    done = argmap("check", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:4] == [
        f"{path}: Cars",
        "  7 nodes: 2 claims, 3 supports, 1 rebuttal (0 of them counter-rebuttals), 1 undercut",
        "  depth 2, 0 co-premise groups, 1 cross-link (1 of them an undercut)",
        "  2 arguments (1 with a premise–conclusion structure), 2 sections, 1 view",
    ]
    plain = argmap("check", str(SAMPLE)).stdout.splitlines()
    assert plain[1:4] == [
        "  24 nodes: 1 claim, 15 supports, 7 rebuttals (3 of them counter-rebuttals), 1 undercut",
        "  depth 4, 1 co-premise group, 3 cross-links",
        "  1 argument (1 with a premise–conclusion structure), 0 sections, 0 views",
    ]
