"""File-system safety (issue 13): saves onto links, modes and the umask, exports that
would overwrite a map, a map that names files outside its folder, big .json files,
absurd flag values.  Real files on disk; the CLI is run in-process through
argmap.cli.main, and as a real process where exit codes and stderr matter.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.formats import dumps, load, load_with_notes, save
from argmap.formats.registry import input_format
from argmap.model import ArgumentMap
from tests.cli_support import one_line, run_cli
from tests.limits import time_limit, umask

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "ai-slowdown.argmap.json"
SAMPLE_NODES = len(json.loads(SAMPLE.read_text(encoding="utf-8"))["nodes"])
SECRET = "TOP-SECRET-d41d8cd98f00b204"


class BlockedError(Exception):
    """A read blocked (not an OSError, so no reader can take it for a failed read)."""


def deadline(seconds: float = 10.0):  # type: ignore[no-untyped-def]
    """Fail, rather than hang the run, if a FIFO or a device blocks a read."""
    return time_limit(seconds, BlockedError, "blocked for more than")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def argmap_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd or ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "sample.argmap.json"
    path.write_bytes(SAMPLE.read_bytes())
    return path


# -- saving onto a symbolic link: CLI and GUI ----------------------------------------


def test_convert_onto_a_symlink_writes_the_target(
    tmp_path: Path, sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "kept" / "real.argdown"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "link.argdown"
    link.symlink_to(real)
    code, _, err = run_cli(capsys, "convert", str(sample), str(link), "--force")  # an .argdown
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "[" in real.read_text() and real.read_text() != "old\n"
    assert sorted(p.name for p in real.parent.iterdir()) == ["real.argdown"]


def test_export_onto_a_symlink_writes_the_target(
    tmp_path: Path, sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real.dot"
    real.write_text("old\n")
    real.chmod(0o604)
    link = tmp_path / "link.dot"
    link.symlink_to("real.dot")
    code, _, err = run_cli(capsys, "export", str(sample), "-o", str(link))
    assert code == 0, err
    assert link.is_symlink()
    assert real.read_text().startswith("digraph")
    assert mode(real) == 0o604


def test_gui_save_as_onto_a_symlink_writes_the_target(
    qtbot, window, prompter, tmp_path: Path, sample_map: ArgumentMap
) -> None:
    real = tmp_path / "store" / "map.argmap.json"
    real.parent.mkdir()
    save(ArgumentMap(title="the old content"), real)
    link = tmp_path / "desk.argmap.json"
    link.symlink_to(real)
    window.document.replace(sample_map, None)
    prompter.script("save", link)
    assert window.files.save_as()
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert load(real) == sample_map


def test_gui_save_of_a_map_opened_through_a_symlink_keeps_the_link(
    qtbot, window, tmp_path: Path, sample: Path
) -> None:
    link = tmp_path / "link.argmap.json"
    link.symlink_to(sample.name)
    assert window.files.load(link)
    window.document.replace(window.document.map.evolve(title="edited"), window.document.path)
    window.document.undo_stack.resetClean()
    assert window.files.save()
    assert link.is_symlink()
    assert load(sample).title == "edited"


# -- the umask, for exports and saves ------------------------------------------------


@pytest.mark.parametrize(("mask", "expected"), [(0o077, 0o600), (0o022, 0o644)], ids=["077", "022"])
def test_new_files_of_every_command_honour_the_umask(
    tmp_path: Path, sample: Path, capsys: pytest.CaptureFixture[str], mask: int, expected: int
) -> None:
    outputs = {
        "export": tmp_path / "out.dot",
        "convert": tmp_path / "out.argdown",
        "convert-aif": tmp_path / "out.json",
        "schema": tmp_path / "schema.json",
        "save": tmp_path / "saved.argmap.json",
    }
    with umask(mask):
        assert run_cli(capsys, "export", str(sample), "-o", str(outputs["export"]))[0] == 0
        assert run_cli(capsys, "convert", str(sample), str(outputs["convert"]))[0] == 0
        args = ("convert", str(sample), str(outputs["convert-aif"]), "--to", "aif")
        assert run_cli(capsys, *args)[0] == 0
        assert run_cli(capsys, "schema", "-o", str(outputs["schema"]))[0] == 0
        save(load(sample), outputs["save"])
    assert {name: mode(path) for name, path in outputs.items()} == dict.fromkeys(outputs, expected)


def test_an_svg_export_honours_the_umask(
    tmp_path: Path, sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.svg"
    with umask(0o077):
        code, _, err = run_cli(capsys, "export", str(sample), "-o", str(out))
    assert code == 0, err
    assert mode(out) == 0o600


@pytest.mark.parametrize("mask", [0o077, 0o022], ids=["077", "022"])
def test_an_existing_export_keeps_its_mode(
    tmp_path: Path, sample: Path, capsys: pytest.CaptureFixture[str], mask: int
) -> None:
    out = tmp_path / "out.dot"
    out.write_text("old\n")
    out.chmod(0o640)
    with umask(mask):
        assert run_cli(capsys, "export", str(sample), "-o", str(out))[0] == 0
    assert mode(out) == 0o640 and out.read_text().startswith("digraph")


# -- export and convert never write over a map ---------------------------------------


def _aif_file(path: Path) -> Path:
    from argmap.formats.aif import write_aif

    path.write_text(write_aif(load(SAMPLE)), encoding="utf-8")
    return path


def _kialo_file(path: Path) -> Path:
    path.write_text("Discussion Title: Cars\n\n1. Cities should ban cars.\n1.1. Pro: Clean air.\n")
    return path


def assert_refused(
    capsys: pytest.CaptureFixture[str], target: Path, args: list[str], *needles: str
) -> None:
    before = target.read_bytes()
    code, out, err = run_cli(capsys, *args)
    assert code != 0
    line = one_line(err)
    for needle in ("--force", *needles):
        assert needle in line
    assert out == ""
    assert target.read_bytes() == before


@pytest.mark.parametrize("fmt", ["dot", "svg"])
def test_export_refuses_to_write_over_its_own_input(
    sample: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    args = ["export", str(sample), "-o", str(sample), "--format", fmt]
    assert_refused(capsys, sample, args, "input", str(sample))


def test_export_refuses_its_input_under_another_name(
    tmp_path: Path, sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alias = tmp_path / "alias.dot"
    alias.symlink_to(sample)
    assert_refused(capsys, sample, ["export", str(sample), "-o", str(alias)], "input", str(alias))
    hard = tmp_path / "hard.svg"
    os.link(sample, hard)
    assert_refused(capsys, sample, ["export", str(sample), "-o", str(hard)], "input", str(hard))
    assert alias.is_symlink() and hard.stat().st_ino == sample.stat().st_ino


@pytest.mark.parametrize(
    ("name", "make", "label"),
    [
        ("other.dot", lambda p: p.write_bytes(SAMPLE.read_bytes()), "argmap"),
        ("other.svg", _aif_file, "AIF"),
        ("notes.argdown", lambda p: p.write_text("[Claim]: text\n"), "Argdown"),
        ("other.ad", lambda p: p.write_text("# a heading\n"), "Argdown"),
        ("debate.dot", _kialo_file, "Kialo"),
        ("map.argmap.json", lambda p: p.write_text("{ damaged"), "argmap"),
    ],
    ids=["argmap-as-dot", "aif-as-svg", "argdown", "ad", "kialo", "damaged-native"],
)
def test_export_refuses_to_write_over_any_map(
    tmp_path: Path, sample: Path, capsys: pytest.CaptureFixture[str], name: str, make, label: str
) -> None:
    target = tmp_path / name
    make(target)
    args = ["export", str(sample), "-o", str(target), "--format", "dot"]
    assert_refused(capsys, target, args, label, str(target))


def test_export_with_force_writes_over_a_map(
    tmp_path: Path, sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = _aif_file(tmp_path / "other.dot")
    code, _, err = run_cli(capsys, "export", str(sample), "-o", str(target), "--force")
    assert code == 0, err
    assert target.read_text().startswith("digraph")


def test_export_writes_over_an_earlier_export(
    tmp_path: Path, sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("out.dot", "out.svg"):
        target = tmp_path / name
        assert run_cli(capsys, "export", str(sample), "-o", str(target))[0] == 0
        first = target.read_bytes()
        target.write_bytes(first + b"\n")
        assert run_cli(capsys, "export", str(sample), "-o", str(target))[0] == 0
        assert target.read_bytes() == first


def test_convert_refuses_to_write_over_its_own_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    aif = _aif_file(tmp_path / "debate.json")
    args = ["convert", str(aif), str(aif), "--to", "argmap"]
    assert_refused(capsys, aif, args, "input", str(aif))
    link = tmp_path / "link.json"
    link.symlink_to(aif)
    assert_refused(
        capsys, aif, ["convert", str(aif), str(link), "--to", "argmap"], "input", str(link)
    )
    code, _, err = run_cli(capsys, *args, "--force")
    assert code == 0, err
    assert input_format(aif) == "argmap"


def test_the_refusal_as_a_real_process(tmp_path: Path, sample: Path) -> None:
    before = sample.read_bytes()
    done = argmap_process("export", str(sample), "-o", str(sample), "--format", "dot")
    assert done.returncode == 1 and done.stdout == ""
    assert "--force" in one_line(done.stderr)
    assert sample.read_bytes() == before


# -- absurd flag values --------------------------------------------------------------

ABSURD = [
    ("--timeout", "nan"),
    ("--timeout", "inf"),
    ("--timeout", "-inf"),
    ("--timeout", "-1"),
    ("--timeout", "0"),
    ("--timeout", "1e-300"),
    ("--timeout", "-0"),
    ("--timeout", "1e300"),
    ("--timeout", "ten"),
    ("--dpi", "nan"),
    ("--dpi", "0"),
    ("--dpi", "-96"),
    ("--dpi", "1e300"),
    ("--dpi", "inf"),
    ("--wrap", "0"),
    ("--wrap", "7"),
    ("--wrap", "201"),
    ("--wrap", "-30"),
    ("--wrap", "99999999999999999999999"),
]


@pytest.mark.parametrize("engine", ["embedded", "system"])
@pytest.mark.parametrize(("flag", "value"), ABSURD, ids=[f"{f}={v}" for f, v in ABSURD])
def test_an_absurd_flag_value_is_a_one_line_usage_error(
    tmp_path: Path,
    sample: Path,
    capsys: pytest.CaptureFixture[str],
    engine: str,
    flag: str,
    value: str,
) -> None:
    out = tmp_path / "out.svg"
    given = [f"{flag}={value}"] if value.startswith("-") else [flag, value]  # "-inf" is no option
    args = ["export", str(sample), "-o", str(out), "--engine", engine, *given]
    code, stdout, err = run_cli(capsys, *args)
    assert code == 2
    line = one_line(err)
    assert flag in line and value[:10] in line
    assert stdout == "" and not out.exists()


def test_an_absurd_flag_value_as_a_real_process(tmp_path: Path, sample: Path) -> None:
    out = tmp_path / "out.png"
    done = argmap_process("export", str(sample), "-o", str(out), "--timeout", "nan")
    assert done.returncode == 2 and "--timeout" in one_line(done.stderr)
    assert not out.exists()


@pytest.mark.parametrize(
    ("flag", "value"),
    [
        ("--timeout", "0.5"),
        ("--timeout", "86400"),
        ("--dpi", "10"),
        ("--dpi", "1200"),
        ("--wrap", "8"),
        ("--wrap", "200"),
    ],
)
def test_the_edges_of_each_range_are_accepted(
    tmp_path: Path, sample: Path, capsys: pytest.CaptureFixture[str], flag: str, value: str
) -> None:
    out = tmp_path / "out.dot"
    code, _, err = run_cli(capsys, "export", str(sample), "-o", str(out), flag, value)
    assert code == 0, err
    assert out.read_text().startswith("digraph")


# -- a .json file of any size is told apart by what it holds -------------------------


def _big_map(megabytes: int) -> ArgumentMap:
    from argmap.formats import loads

    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    text = "a reason spelled out at length " * 32  # about 1 KB per node
    count = megabytes * 1024
    data["nodes"] += [
        {"id": f"big{i}", "text": text, "parent": "main", "relation": "supports", "order": 100 + i}
        for i in range(count)
    ]
    return loads(json.dumps(data))


@pytest.fixture(scope="module")
def big_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from argmap.formats.aif import write_aif

    folder = tmp_path_factory.mktemp("big")
    m = _big_map(5)
    native, aif = folder / "big-native.json", folder / "big-aif.json"
    native.write_text(dumps(m), encoding="utf-8")
    aif.write_text(write_aif(m), encoding="utf-8")
    return native, aif


def test_a_5_mib_json_file_is_told_apart_by_its_content(big_files: tuple[Path, Path]) -> None:
    native, aif = big_files
    assert native.stat().st_size > 5 << 20 and aif.stat().st_size > 5 << 20
    assert input_format(native) == "argmap"
    assert input_format(aif) == "aif"


def test_a_5_mib_json_file_converts_and_checks(
    tmp_path: Path, big_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    native, aif = big_files
    for path, fmt in ((native, "argmap"), (aif, "aif")):
        code, out, err = run_cli(capsys, "convert", str(path), str(tmp_path / f"{fmt}.md"))
        assert code == 0, err
        assert f"from {fmt}: {SAMPLE_NODES + 5 * 1024} nodes" in out
    code, out, err = run_cli(capsys, "check", str(native))
    assert code == 0, err
    assert f"{SAMPLE_NODES + 5 * 1024} nodes" in out


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('{"format": "argmap", "version": 1', "argmap"),  # cut off: the head is enough
        ('\ufeff  {"title": "t", "format": "argmap"}', "argmap"),
        ('{"nodes": [{"format": "argmap"}], "edges": []}', "aif"),  # nested: not the tag
        ('{"AIF": {"nodes": [], "edges": []}}', "aif"),
        ('{"nodes": [], "locutions": []}', "aif"),
        ('{"nodes": {}, "edges": {}}', None),
        ('{"meta": {"format": "argmap", "nodes": []}}', None),
        ('{"format": "aif"}', None),
        ('["format", "argmap"]', None),
        ('{"text": "\\"format\\": \\"argmap\\""}', None),  # inside a string
        ("", None),
    ],
)
def test_sniffing_reads_only_the_structure(tmp_path: Path, text: str, kind: str | None) -> None:
    from argmap.formats.registry import sniff_json

    path = tmp_path / "x.json"
    path.write_text(text, encoding="utf-8")
    assert sniff_json(path) == kind


def test_sniffing_never_blocks_on_a_fifo(tmp_path: Path) -> None:
    from argmap.formats import LoadError

    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with deadline(), pytest.raises(LoadError, match=r"is a pipe \(FIFO\), not a file"):
        input_format(fifo)
    kialo = tmp_path / "pipe.txt"
    os.mkfifo(kialo)
    with deadline(), pytest.raises(LoadError, match=r"is a pipe \(FIFO\), not a file"):
        input_format(kialo)


# -- a map cannot make argmap read other files ----------------------------------------


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    """A map in maps/ whose main node cites the first 30 characters of its source, and a
    secret file outside maps/."""
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(f"{SECRET} is the password\n", encoding="utf-8")
    folder = tmp_path / "maps"
    folder.mkdir()
    return folder, secret


def _write_map(folder: Path, source_file: str) -> Path:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["source"]["file"] = source_file
    data["nodes"][0]["refs"] = [{"paragraph": 1, "start": 0, "end": 30}]
    path = folder / "hostile.argmap.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _outside_cases(folder: Path, secret: Path) -> dict[str, str]:
    (folder / "inside-link.txt").symlink_to(secret)
    (folder / "sub").mkdir()
    (folder / "sub" / "up.txt").symlink_to(Path("..") / ".." / "outside" / "secret.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.txt")
    (folder / "loop.txt").symlink_to("loop.txt")
    # a map saved in a home folder: its dotfiles are below it but must not be read
    (folder / ".ssh").mkdir()
    (folder / ".ssh" / "id_rsa").write_text(f"{SECRET} key\n", encoding="utf-8")
    (folder / "sub" / ".config").mkdir()
    (folder / "sub" / ".config" / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    return {
        "relative": "../outside/secret.txt",
        "absolute": str(secret),
        "dot-dot inside": "sub/../../outside/secret.txt",
        "link out": "inside-link.txt",
        "link up": "sub/up.txt",
        "passwd": "/etc/passwd",
        "environ": "/proc/self/environ",
        "zero": "/dev/zero",
        "link to zero": "zero.txt",
        "fifo": "pipe.txt",
        "folder": "sub",
        "the folder itself": ".",
        "a control character": "bad\nname.txt",
        "a NUL": "bad\x00name.txt",
        "a loop": "loop.txt",
        "a hidden file below": ".ssh/id_rsa",
        "a hidden folder below": "sub/.config/secret.txt",
    }


def test_a_source_outside_the_maps_folder_is_not_read(
    hostile: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, secret = hostile
    for case, source_file in _outside_cases(folder, secret).items():
        path = _write_map(folder, source_file)
        with deadline():
            m, notes = load_with_notes(path)  # the map still opens
        assert m.source.text is None, case
        assert len(notes) == 1, (case, notes)  # told once
        assert "\n" not in notes[0] and len(notes[0]) <= 200, notes[0]
        assert "not read" in notes[0], notes[0]
        assert len(m.nodes) == SAMPLE_NODES
        for args in (
            ["export", str(path), "-o", str(folder / "out.dot"), "--quotes", "--force"],
            ["check", str(path)],
        ):
            with deadline():
                code, out, err = run_cli(capsys, *args)
            assert code == 0, (case, err)
            assert SECRET not in out + err, case
        assert SECRET not in (folder / "out.dot").read_text(), case
        assert "root:x:0" not in (folder / "out.dot").read_text(), case


def test_an_outside_source_reaches_neither_svg_nor_dot(
    hostile: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = hostile
    path = _write_map(folder, "../outside/secret.txt")
    for name in ("out.svg", "out.dot"):
        code, _, err = run_cli(capsys, "export", str(path), "-o", str(folder / name), "--quotes")
        assert code == 0, err
        assert SECRET not in (folder / name).read_text(encoding="utf-8")
    code, out, err = run_cli(capsys, "check", str(path))
    assert code == 0 and SECRET not in out + err
    assert "../outside/secret.txt" in out  # the note, in check's output


def test_proc_self_environ_is_not_read_by_a_real_process(hostile: tuple[Path, Path]) -> None:
    folder, _ = hostile
    path = _write_map(folder, "/proc/self/environ")
    out = folder / "out.dot"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ARGMAP_TEST_SECRET": SECRET}
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "export", str(path), "-o", str(out), "--quotes"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert SECRET not in out.read_text() + done.stdout + done.stderr


def test_a_source_in_the_maps_folder_or_below_is_read(hostile: tuple[Path, Path]) -> None:
    folder, _ = hostile
    (folder / "sub").mkdir()
    (folder / "sub" / "article.txt").write_text("An article in a sub-folder of the map.\n")
    (folder / "article.txt").write_text("An article beside the map, as it should be.\n")
    (folder / "alias.txt").symlink_to("sub/article.txt")  # a link that stays inside
    for source_file, start in (
        ("article.txt", "An article beside"),
        ("sub/article.txt", "An article in a sub"),
        ("alias.txt", "An article in a sub"),
        (str(folder / "article.txt"), "An article beside"),
    ):
        m, notes = load_with_notes(_write_map(folder, source_file))
        assert m.source.text is not None and m.source.text.startswith(start), source_file
        assert all("not read" not in note for note in notes)


def test_a_huge_source_beside_the_map_is_refused_in_one_note(
    hostile: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.formats import source_text

    folder, _ = hostile
    (folder / "big.txt").write_bytes(b"x" * 5000)
    monkeypatch.setattr(source_text, "MAX_SOURCE_BYTES", 4096)
    m, notes = load_with_notes(_write_map(folder, "big.txt"))
    assert m.source.text is None and len(notes) == 1 and "4,096 bytes" in notes[0]
