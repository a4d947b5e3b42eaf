"""`argmap export MAP... --out-dir DIR` and `argmap convert MAP... --out-dir DIR --to F`:
many maps in one run.  Each drawing is the one `export MAP -o OUT` writes; a map that
fails says so on its own line and the others go on; lines come in the maps' order; a
progress line only on a terminal.  Real files; the real command as a process where
worker processes are involved, in-process (`--jobs 1`) otherwise."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from argmap.cli_batch import output_name, plan
from argmap.formats import save
from argmap.formats.argdown import write_argdown
from argmap.model import ArgumentMap, Relation, ops
from tests.cli_support import one_line, run_cli

ARGMAP = [sys.executable, "-m", "argmap"]
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "argdown"


def small(title: str, reasons: int = 2) -> ArgumentMap:
    m = ops.add_claim(ArgumentMap(title=title), f"{title} is right", node_id="c").map
    for k in range(reasons):
        m = ops.add_node(m, "c", Relation.SUPPORTS, f"Reason {k} for {title}", node_id=f"r{k}").map
    return m


@pytest.fixture
def maps(tmp_path: Path) -> list[Path]:
    """Three readable maps in three formats."""
    folder = tmp_path / "in"
    folder.mkdir()
    first = folder / "alpha.argmap.json"
    save(small("Alpha"), first)
    second = folder / "beta.argdown"
    second.write_text(write_argdown(small("Beta", 4)), encoding="utf-8")
    third = folder / "gamma.argmap.json"
    save(small("Gamma", 1), third)
    return [first, second, third]


def cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*ARGMAP, *args], capture_output=True, text=True, timeout=timeout, check=False
    )


# -- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "suffix", "expected"),
    [
        ("debate.argmap.json", ".svg", "debate.svg"),
        ("Debate.ARGMAP.JSON", ".svg", "Debate.svg"),
        ("notes.argdown", ".png", "notes.png"),
        ("aif.json", ".argmap.json", "aif.argmap.json"),
        ("kialo.txt", ".md", "kialo.md"),
        ("plain", ".svg", "plain.svg"),
        ("a.b.argdown", ".svg", "a.b.svg"),
        (".argdown", ".svg", ".argdown.svg"),  # a name that is only a suffix keeps it
    ],
)
def test_an_output_is_named_after_its_map(name: str, suffix: str, expected: str) -> None:
    assert output_name(Path(name), suffix) == expected


def test_two_maps_of_one_name_never_write_the_same_file(tmp_path: Path) -> None:
    jobs = plan([Path("x/a.argdown"), Path("y/a.argmap.json"), Path("b.argdown")], tmp_path, ".svg")
    assert [j.output.name for j in jobs] == ["a.svg", "a.svg", "b.svg"]
    assert jobs[0].clash is None and jobs[2].clash is None
    assert jobs[1].clash is not None and "a.argdown" in jobs[1].clash


# -- drawing a folder ------------------------------------------------------------------


def test_each_drawing_is_the_one_a_single_export_writes(
    maps: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code, stdout, err = run_cli(
        capsys, "export", *map(str, maps), "--out-dir", str(out), "--jobs", "1"
    )
    assert (code, err) == (0, "")
    names = ["alpha.svg", "beta.svg", "gamma.svg"]
    assert sorted(p.name for p in out.iterdir()) == names
    assert [line.split()[1].rsplit("/", 1)[-1] for line in stdout.splitlines()] == names
    for source, name in zip(maps, names, strict=True):
        single = tmp_path / f"single-{name}"
        assert run_cli(capsys, "export", str(source), "-o", str(single))[0] == 0
        assert (out / name).read_bytes() == single.read_bytes()


def test_workers_write_the_same_files_and_lines_in_the_maps_order(
    maps: list[Path], tmp_path: Path
) -> None:
    big = tmp_path / "in" / "aaa-big.argdown"  # given first, finished last
    big.write_text(write_argdown(fan(400)), encoding="utf-8")
    given = [big, *maps]
    one = cli("export", *map(str, given), "--out-dir", str(tmp_path / "one"), "--jobs", "1")
    two = cli("export", *map(str, given), "--out-dir", str(tmp_path / "two"), "--jobs", "2")
    assert (one.returncode, two.returncode) == (0, 0), two.stderr
    assert two.stdout.replace("/two/", "/one/") == one.stdout
    for path in (tmp_path / "one").iterdir():
        assert (tmp_path / "two" / path.name).read_bytes() == path.read_bytes()
    assert len(list((tmp_path / "two").iterdir())) == 4


def fan(size: int) -> ArgumentMap:
    m = ops.add_claim(ArgumentMap(title="Fan"), "The claim", node_id="c").map
    for k in range(size):
        parent = "c" if k < 8 else f"n{k // 8 - 1}"
        m = ops.add_node(m, parent, Relation.SUPPORTS, f"Reason number {k}", node_id=f"n{k}").map
    return m


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_map_that_fails_says_so_and_the_others_are_drawn(
    maps: list[Path], tmp_path: Path, jobs: str
) -> None:
    broken = tmp_path / "in" / "broken.argmap.json"
    broken.write_text("{ not json", encoding="utf-8")
    missing = tmp_path / "in" / "missing.argdown"
    out = tmp_path / "out"
    done = cli("export", str(maps[0]), str(broken), str(missing), *map(str, maps[1:]),
               "--out-dir", str(out), "--jobs", jobs)  # fmt: skip
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 3 and "Traceback" not in done.stderr
    assert lines[0].startswith("argmap: ") and "broken.argmap.json" in lines[0]
    assert lines[1].startswith("argmap: ") and "missing.argdown" in lines[1]
    assert lines[2] == "argmap: 2 of 5 maps failed"
    assert sorted(p.name for p in out.iterdir()) == ["alpha.svg", "beta.svg", "gamma.svg"]
    assert len(done.stdout.splitlines()) == 3


def test_a_second_map_of_the_same_name_is_refused_not_written_over_the_first(
    maps: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    twin = tmp_path / "twin" / "alpha.argdown"
    twin.parent.mkdir()
    twin.write_text(write_argdown(small("Other")), encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run_cli(
        capsys, "export", str(maps[0]), str(twin), "--out-dir", str(out), "--jobs", "1"
    )
    assert code == 1
    first, summary = err.strip().splitlines()
    assert "alpha.argdown" in first and "would write" in first and "alpha.argmap.json" in first
    assert summary == "argmap: 1 of 2 maps failed"
    single = tmp_path / "single.svg"
    assert run_cli(capsys, "export", str(maps[0]), "-o", str(single))[0] == 0
    assert (out / "alpha.svg").read_bytes() == single.read_bytes()


def test_a_batch_never_writes_over_a_map_in_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    source = folder / "m.argdown"
    source.write_text(write_argdown(small("M")), encoding="utf-8")
    kept = folder / "m.argmap.json"  # what converting m.argdown there would write
    save(small("Kept"), kept)
    before = kept.read_bytes()
    code, _, err = run_cli(
        capsys, "convert", str(source), "--out-dir", str(folder), "--to", "argmap"
    )
    assert code == 1 and "already exists" in err
    assert kept.read_bytes() == before


# -- usage -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["export", "A", "B", "-o", "x.svg"], "several maps are drawn with --out-dir"),
        (["export", "A", "--out-dir", "D", "-o", "x.svg"], "-o names one file"),
        (["export", "A"], "export needs -o OUT"),
        (["export", "A", "--out-dir", "D", "--format", "html", "--page", "a4"], "--page is for"),
        (["export", "A", "--out-dir", "D", "--orientation", "portrait"], "needs a --page"),
        (["convert", "A", "B", "C"], "convert needs INPUT OUTPUT"),
        (["convert", "A", "--out-dir", "D"], "name the format to write with --to"),
    ],
)
def test_a_batch_asked_wrongly_is_refused_and_writes_nothing(
    args: list[str], words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, *args)
    assert code == 2 and out == ""
    assert words in one_line(err)
    assert list(tmp_path.iterdir()) == []


def test_an_out_dir_that_is_a_file_is_refused(
    maps: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("mine", encoding="utf-8")
    code, _, err = run_cli(capsys, "export", *map(str, maps), "--out-dir", str(blocker))
    assert code == 2 and "is not a folder" in one_line(err)
    assert blocker.read_text(encoding="utf-8") == "mine"


def test_the_out_dir_is_made_when_missing(
    maps: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "new" / "deeper"
    code, _, _ = run_cli(capsys, "export", str(maps[0]), "--out-dir", str(out), "--format", "dot")
    assert code == 0 and (out / "alpha.dot").read_text(encoding="utf-8").startswith("digraph")


def test_convert_writes_every_map_as_a_single_convert_does(
    maps: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code, stdout, err = run_cli(
        capsys, "convert", *map(str, maps), "--out-dir", str(out), "--to", "argdown", "--jobs", "1"
    )
    assert (code, err) == (0, "")
    assert sorted(p.name for p in out.iterdir()) == [
        "alpha.argdown",
        "beta.argdown",
        "gamma.argdown",
    ]
    assert len(stdout.splitlines()) == 3
    for source in maps:
        name = output_name(source, ".argdown")
        single = tmp_path / f"single-{name}"
        assert run_cli(capsys, "convert", str(source), str(single))[0] == 0
        assert (out / name).read_bytes() == single.read_bytes()


# -- a terminal, a dying worker, Ctrl-C ----------------------------------------------------


def test_progress_is_shown_on_a_terminal_only(maps: list[Path], tmp_path: Path) -> None:
    piped = cli("export", *map(str, maps), "--out-dir", str(tmp_path / "piped"))
    assert piped.returncode == 0 and piped.stderr == ""
    main, follower = pty.openpty()
    with subprocess.Popen(
        [*ARGMAP, "export", *map(str, maps), "--out-dir", str(tmp_path / "tty"), "--jobs", "1"],
        stdout=subprocess.DEVNULL, stderr=follower, stdin=subprocess.DEVNULL,
    ) as proc:  # fmt: skip
        os.close(follower)
        seen = read_all(main, proc)
    assert proc.returncode == 0
    assert "argmap: 1 of 3 done (alpha.argmap.json)" in seen
    assert seen.endswith("\r\x1b[K")  # the line is cleared at the end


def read_all(fd: int, proc: subprocess.Popen[bytes]) -> str:
    chunks = []
    while True:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(fd, 4096)
        except OSError:  # the other end closed
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(60)
    os.close(fd)
    return b"".join(chunks).decode("utf-8", "replace")


def children(pid: int) -> list[int]:
    """The worker processes of `pid`: forked children, running its own command line."""
    found = []
    command = Path(f"/proc/{pid}/cmdline").read_bytes()
    for task in Path(f"/proc/{pid}/task").iterdir():
        listed = task / "children"
        for child in (listed.read_text(encoding="utf-8") if listed.exists() else "").split():
            try:
                if Path(f"/proc/{child}/cmdline").read_bytes() == command:
                    found.append(int(child))
            except OSError:  # ended meanwhile
                continue
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_worker_killed_mid_batch_costs_no_map(maps: list[Path], tmp_path: Path) -> None:
    slow = []
    for k in range(4):
        path = tmp_path / "in" / f"slow{k}.argdown"
        path.write_text(write_argdown(fan(300 + k)), encoding="utf-8")
        slow.append(path)
    out = tmp_path / "out"
    with subprocess.Popen(
        [*ARGMAP, "export", *map(str, slow + maps), "--out-dir", str(out), "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    ) as proc:  # fmt: skip
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline:
            workers = children(proc.pid)
            time.sleep(0.05)  # polling another process: nothing to wait on
        assert workers, "no worker started"
        os.kill(workers[0], signal.SIGKILL)
        stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"slow{k}.svg" for k in range(4)] + ["alpha.svg", "beta.svg", "gamma.svg"]
    )
    assert len(stdout.splitlines()) == 7


@pytest.mark.skipif(not CORPUS.exists(), reason="needs ../shared/corpus")
def test_the_corpus_is_drawn_in_one_run(tmp_path: Path) -> None:
    documents = sorted(p.with_suffix(".argdown") for p in CORPUS.glob("*.json"))[:40]
    done = cli("export", *map(str, documents), "--out-dir", str(tmp_path / "o"))
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "o").glob("*.svg"))) == len(documents)


# -- what an adversary found (issue 19's review) -----------------------------------------


def test_a_batch_never_writes_over_one_of_its_maps_even_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    native = folder / "a.argmap.json"
    save(small("Native", 5), native)
    argdown = folder / "a.argdown"
    argdown.write_text(write_argdown(small("Other", 1)), encoding="utf-8")
    before = native.read_bytes()
    code, _, err = run_cli(
        capsys, "convert", str(argdown), str(native), "--out-dir", str(folder),
        "--to", "argmap", "--force", "--jobs", "1",
    )  # fmt: skip
    assert code == 1 and "a map of this run" in err
    assert native.read_bytes() == before


def test_a_map_given_twice_is_drawn_once_and_nothing_fails(
    maps: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code, stdout, err = run_cli(
        capsys, "export", str(maps[0]), str(maps[0]), "--out-dir", str(out), "--jobs", "1"
    )
    assert code == 0 and len(stdout.splitlines()) == 1
    assert "given twice; drawn once" in one_line(err)


def test_every_line_of_a_map_names_it(maps: list[Path], tmp_path: Path) -> None:
    done = cli("export", str(maps[0]), str(maps[1]), "--out-dir", str(tmp_path / "o"),
               "--view", "nope", "--jobs", "2")  # fmt: skip
    lines = done.stderr.splitlines()
    assert done.returncode == 1 and len(lines) == 3
    assert "alpha.argmap.json: " in lines[0] and "no view 'nope'" in lines[0]
    assert "beta.argdown: " in lines[1] and "no view 'nope'" in lines[1]
    warned = cli("convert", str(maps[0]), "--out-dir", str(tmp_path / "c"), "--to", "aif")
    assert all("alpha.argmap.json" in line for line in warned.stderr.splitlines())


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["export", "A", "-o", "x.svg", "--jobs", "2"], "--jobs is for several maps"),
        (["convert", "A", "B", "--jobs", "2"], "--jobs is for several maps"),
        (["export", "A", "--out-dir", ""], "a folder name is needed"),
    ],
)
def test_batch_flags_asked_wrongly_are_refused(
    args: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, *args)
    assert code == 2 and out == "" and words in one_line(err)


def test_format_names_are_taken_in_any_case(maps: list[Path], tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    code, _, _ = run_cli(capsys, "export", str(maps[0]), "--out-dir", str(out), "--format", "DOT")
    assert code == 0 and (out / "alpha.dot").exists()
    code, _, _ = run_cli(capsys, "convert", str(maps[0]), "--out-dir", str(out), "--to", "ArgDown")
    assert code == 0 and (out / "alpha.argdown").exists()


@pytest.mark.parametrize("stop", ["interrupt", "pipe"])
def test_ctrl_c_or_a_closed_pipe_stops_a_batch_of_workers_at_once(
    tmp_path: Path, stop: str
) -> None:
    slow = []
    for k in range(12):
        path = tmp_path / f"slow{k}.argdown"
        path.write_text(write_argdown(fan(600 + k)), encoding="utf-8")
        slow.append(path)
    args = [*ARGMAP, "export", *map(str, slow), "--out-dir", str(tmp_path / "o"), "--jobs", "2"]
    started = time.monotonic()
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          start_new_session=True) as proc:  # fmt: skip
        if stop == "interrupt":
            deadline = time.monotonic() + 60
            while len(children(proc.pid)) < 2 and time.monotonic() < deadline:
                time.sleep(0.05)  # polling another process: nothing to wait on
            os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C does
        else:
            assert proc.stdout is not None
            proc.stdout.readline()  # the first line, then nobody reads
            proc.stdout.close()
        proc.wait(60)
        assert proc.stderr is not None
        err = proc.stderr.read().decode()
    assert proc.returncode == (130 if stop == "interrupt" else 141), err
    assert time.monotonic() - started < 40  # not every map drawn first (12 take minutes)
    assert len(list((tmp_path / "o").glob("*.svg"))) < 12
    assert survivors(str(tmp_path)) == []  # no worker left drawing


def survivors(marker: str) -> list[int]:
    """Processes still running whose command line names `marker`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:  # ended meanwhile
                continue
    return found
