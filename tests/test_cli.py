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
    assert "33 nodes" in done.stdout and "depth 3" in done.stdout
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
    kialo = tmp_path / "debate.txt"
    kialo.write_text("1. Cities should ban cars.\n1.1. Pro: Cleaner air.\n")
    assert_one_line_error(argmap("convert", str(kialo), str(tmp_path / "k.md")), "--from")
    done = argmap("convert", str(kialo), str(tmp_path / "k.md"), "--from", "kialo")
    assert done.returncode == 0 and "Cleaner air" in (tmp_path / "k.md").read_text()
    assert_one_line_error(
        argmap("convert", str(kialo), str(tmp_path / "k.json"), "--from", "kialo"), "--to"
    )


def test_check_exits_non_zero_on_error_level_problems(sample_path: Path, tmp_path: Path) -> None:
    from argmap.formats import load, save
    from argmap.model import Relation, ops

    m = load(sample_path)
    m = ops.add_link(m, "pace", "loop", Relation.SUPPORTS).map  # loop supports pace supports...
    path = tmp_path / "cycle.argmap.json"
    save(m, path)
    done = argmap("check", str(path))
    assert done.returncode == 1
    assert "error: node 'pace': is part of a cycle of relations through cross-links" in done.stdout
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
