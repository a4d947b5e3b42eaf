"""Temporary files of saves that were killed (argmap.formats.temp_names): removed by
the first save into their folder in a run, only argmap's own names and only when their
writer is dead; a folder is looked through once per run, again while a live writer's
file waits."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from argmap.formats import atomic, dumps, load, save, temp_names
from argmap.model import ArgumentMap

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "ai-slowdown.argmap.json"
OLD = b'{"format": "argmap", "version": 1, "title": "the old file"}\n'
NAME = "map.argmap.json"


@pytest.fixture
def m() -> ArgumentMap:
    return load(SAMPLE)


@pytest.fixture
def existing(tmp_path: Path) -> Path:
    """An old map file, alone in its folder."""
    path = tmp_path / NAME
    path.write_bytes(OLD)
    return path


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- temporary files left by a save that was killed ----------------------------------

_STUCK_SAVE = """
import os, sys
from argmap.formats import atomic
from argmap.formats.atomic import atomic_write

def stuck(fd):
    print("writing", flush=True)
    sys.stdin.read()  # blocks until the parent kills us

atomic.os.fsync = stuck
atomic_write(sys.argv[1], b"the killed save")
"""


def _start_stuck_save(target: Path) -> subprocess.Popen[str]:
    """Another argmap process, stopped half-way through saving `target`."""
    child = subprocess.Popen(
        [sys.executable, "-c", _STUCK_SAVE, str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(atomic.__file__).parent.parent.parent,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "writing\n"
    return child


def _kill(child: subprocess.Popen[str]) -> None:
    child.kill()
    child.wait(timeout=30)
    assert child.stdin is not None and child.stdout is not None
    child.stdin.close()
    child.stdout.close()


def temps(folder: Path) -> list[str]:
    return [name for name in names(folder) if name != NAME]


def test_the_temp_file_of_a_killed_save_is_removed_by_the_next_save(
    existing: Path, m: ArgumentMap
) -> None:
    child = _start_stuck_save(existing)
    _kill(child)
    left = temps(existing.parent)
    assert len(left) == 1 and left[0].startswith(".argmap-")  # what a killed save leaves
    assert existing.read_bytes() == OLD
    save(m, existing)
    assert names(existing.parent) == [NAME]
    assert existing.read_bytes() == dumps(m).encode("utf-8")


def test_the_temp_file_of_a_save_still_running_is_kept(existing: Path, m: ArgumentMap) -> None:
    """... and removed by the first save after its writer died: a folder where a live
    writer's file was seen is looked at again on each save."""
    child = _start_stuck_save(existing)
    try:
        left = temps(existing.parent)
        assert len(left) == 1
        save(m, existing)
        assert temps(existing.parent) == left  # the other process is alive: not ours to take
        save(m, existing)
        assert temps(existing.parent) == left
    finally:
        _kill(child)
    assert existing.read_bytes() == dumps(m).encode("utf-8")
    save(m, existing)
    assert names(existing.parent) == [NAME]


def _count_scans(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[str]:
    from argmap.formats import temp_names

    real = os.scandir
    scans: list[str] = []

    def scandir(path: Any) -> Any:
        if Path(path) == folder:
            scans.append(str(path))
        return real(path)

    monkeypatch.setattr(temp_names.os, "scandir", scandir)
    return scans


def test_a_folder_is_looked_through_once_per_run(
    tmp_path: Path, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tidying is for files of saves killed before this run: the first save into a folder
    removes them, later saves there do not list the folder again."""
    scans = _count_scans(monkeypatch, tmp_path)
    for _ in range(3):
        save(m, tmp_path / NAME)
    save(m, tmp_path / "other.argmap.json")
    assert len(scans) == 1
    assert sorted(names(tmp_path)) == [NAME, "other.argmap.json"]


def test_a_folder_that_could_not_be_looked_through_is_tried_again(
    tmp_path: Path, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.formats import temp_names

    scans: list[str] = []

    def unreadable(path: Any) -> Any:
        scans.append(str(path))
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(temp_names.os, "scandir", unreadable)
    save(m, tmp_path / NAME)
    save(m, tmp_path / NAME)
    assert len(scans) == 2
    monkeypatch.undo()
    stray = tmp_path / f".argmap-9999999999-{temp_names.boot_id()}-1-bbbbbbbb.tmp"
    stray.write_bytes(b"left by nobody")
    save(m, tmp_path / NAME)
    assert names(tmp_path) == [NAME]


def test_files_that_only_look_like_temp_files_are_kept(existing: Path, m: ArgumentMap) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = int(dead.stdout)
    folder = existing.parent
    keep = [
        ".argmap-abc123.tmp",  # an older argmap's name: it says nothing about its owner
        f".argmap-{pid}.tmp",
        f".argmap-{pid}-x-y-z.tmp.bak",
        f"argmap-{pid}-00000000-1-abcdefgh.tmp",
        "notes.tmp",
    ]
    for name in keep:
        (folder / name).write_bytes(b"keep me")
    (folder / f".argmap-{pid}-00000000-1-folder00.tmp").mkdir()
    (folder / f".argmap-{pid}-00000000-1-symlink0.tmp").symlink_to(existing)
    save(m, existing)
    expected = sorted(
        [
            NAME,
            *keep,
            f".argmap-{pid}-00000000-1-folder00.tmp",
            f".argmap-{pid}-00000000-1-symlink0.tmp",
        ]
    )
    assert names(folder) == expected
    for name in keep:
        assert (folder / name).read_bytes() == b"keep me"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_reused_process_id_does_not_keep_a_dead_save_alive(
    existing: Path, m: ArgumentMap
) -> None:
    """The name records when its process started: a live process with that PID that
    started at another time is not the owner, so the file is removed."""
    from argmap.formats.temp_names import temp_name

    mine = temp_name()
    pid, boot, start, rest = mine.removeprefix(".argmap-").split("-", 3)
    assert int(pid) == os.getpid() and start != "zzzz"
    stale = existing.parent / f".argmap-{pid}-{boot}-zzzz-{rest}"
    stale.write_bytes(b"from an earlier process with our PID")
    live = existing.parent / f".argmap-{pid}-{boot}-{start}-livetemp.tmp"
    live.write_bytes(b"ours, being written by another thread")
    save(m, existing)
    assert not stale.exists()
    assert live.read_bytes() == b"ours, being written by another thread"


def test_a_temp_file_from_another_boot_is_removed_only_when_old(
    existing: Path, m: ArgumentMap
) -> None:
    """Another boot, or another machine sharing the folder: its PIDs mean nothing here,
    so only the file's age tells (an hour untouched)."""
    folder = existing.parent
    fresh = folder / f".argmap-{os.getpid()}-deadbeef-1-fresh000.tmp"
    old = folder / f".argmap-{os.getpid()}-deadbeef-1-oldfile0.tmp"
    for path in (fresh, old):
        path.write_bytes(b"other boot")
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    save(m, existing)
    assert fresh.exists() and not old.exists()


def test_a_temp_name_with_an_impossible_pid_never_stops_a_save(
    existing: Path, m: ArgumentMap
) -> None:
    """A PID too large for the kernel (kill() raises OverflowError) names no live
    process: the file is tidied away and the save goes through."""
    from argmap.formats.temp_names import boot_id

    stray = existing.parent / f".argmap-9999999999-{boot_id()}-1-aaaaaaaa.tmp"
    stray.write_bytes(b"left by nobody")
    save(m, existing)
    assert existing.read_bytes() == dumps(m).encode("utf-8")
    assert not stray.exists()


# -- each guard of the tidying, in a folder listed in a chosen order -----------------


def _dead_pid() -> int:
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(child.stdout)


def _ours(pid: int, start: str, rand: str) -> str:
    """A temporary name of this boot (so the PID and START decide)."""
    return f".argmap-{pid}-{temp_names.boot_id()}-{start}-{rand}.tmp"


class _Vanished:
    """A folder entry whose file is gone by the time it is looked at."""

    def __init__(self, name: str) -> None:
        self.name = name

    def stat(self, *, follow_symlinks: bool = True) -> os.stat_result:
        raise FileNotFoundError(errno.ENOENT, "No such file or directory")


def _listed_in_order(monkeypatch: pytest.MonkeyPatch, folder: Path, order: list[str]) -> None:
    """The folder lists `order` first (a name not on disk is an entry that vanished)."""
    real = os.scandir

    def scandir(path: Any) -> Any:
        entries = {entry.name: entry for entry in real(path)}
        if Path(path) != folder:
            return list(entries.values())
        listed = [entries.pop(name, None) or _Vanished(name) for name in order]
        return listed + list(entries.values())

    monkeypatch.setattr(temp_names.os, "scandir", scandir)


def test_a_dead_saves_file_is_removed_after_anything_that_is_not_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Other names, links, folders and entries that vanish are passed over, never a
    reason to stop, and never a reason to look at the folder again."""
    dead = _dead_pid()
    link, folder_name, gone = (_ours(dead, "1", r) for r in ("symlink0", "folder00", "vanished"))
    last = _ours(dead, "1", "lastfile")
    (tmp_path / "notes.tmp").write_bytes(b"keep")
    (tmp_path / "target.txt").write_bytes(b"keep")
    (tmp_path / link).symlink_to("target.txt")
    (tmp_path / folder_name).mkdir()
    (tmp_path / last).write_bytes(b"left by a dead save")
    _listed_in_order(monkeypatch, tmp_path, ["notes.tmp", link, folder_name, gone, last])
    scans = 0
    listing = temp_names.os.scandir

    def counting(path: Any) -> Any:
        nonlocal scans
        scans += 1
        return listing(path)

    monkeypatch.setattr(temp_names.os, "scandir", counting)
    temp_names.tidy_once(tmp_path)
    assert names(tmp_path) == sorted([folder_name, link, "notes.tmp", "target.txt"])
    assert (tmp_path / link).is_symlink() and (tmp_path / "target.txt").read_bytes() == b"keep"
    temp_names.tidy_once(tmp_path)
    assert scans == 1  # nothing was left waiting


@pytest.mark.parametrize("waiting", ["a live writer's", "an unremovable"])
def test_a_file_left_waiting_neither_stops_the_tidying_nor_ends_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, waiting: str
) -> None:
    """A live writer's file, or one that cannot be removed, is kept; a dead save's file
    listed after it is still removed, and the folder is looked at again next time."""
    dead = _dead_pid()
    if waiting == "a live writer's":
        first = temp_names.temp_name()  # this process's: alive
    else:
        first = _ours(dead, "1", "stuckone")
        real_unlink = Path.unlink

        def unlink(path: Path, missing_ok: bool = False) -> None:
            if path.name == first:
                raise PermissionError(errno.EACCES, "Permission denied")
            real_unlink(path, missing_ok)

        monkeypatch.setattr(Path, "unlink", unlink)
    last = _ours(dead, "1", "lastfile")
    for name in (first, last):
        (tmp_path / name).write_bytes(b"a save's")
    _listed_in_order(monkeypatch, tmp_path, [first, last])
    temp_names.tidy_once(tmp_path)
    assert names(tmp_path) == [first]
    (tmp_path / last).write_bytes(b"another dead save's, later")
    temp_names.tidy_once(tmp_path)  # looked at again: the first may be gone by now
    assert names(tmp_path) == [first]


def test_another_users_file_is_never_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dead save's file that belongs to someone else (here: to a user this process
    is not, as far as it can tell) is theirs to tidy."""
    name = _ours(_dead_pid(), "1", "theirs00")
    (tmp_path / name).write_bytes(b"another user's")
    euid = os.geteuid()
    monkeypatch.setattr(temp_names.os, "geteuid", lambda: euid + 1)
    temp_names.tidy_once(tmp_path)
    assert names(tmp_path) == [name]
    monkeypatch.undo()
    temp_names.tidy_once(tmp_path)  # not waiting for it: the folder is done
    assert names(tmp_path) == [name]


def test_the_writer_is_told_by_pid_start_and_boot(tmp_path: Path) -> None:
    """PID 0 names no writer (kept); this process with an unknown start "0" is alive
    (kept); PID 1 started long before "zzzz" ticks, so a file naming it is stale."""
    zero = _ours(0, "1", "pidzero0")
    unknown_start = _ours(os.getpid(), "0", "nostart0")
    names_kept = [zero, unknown_start]
    stale = []
    if temp_names.start_time(1) not in (None, "zzzz"):
        stale.append(_ours(1, "zzzz", "initpid0"))
    for name in names_kept + stale:
        (tmp_path / name).write_bytes(b"a save's")
    temp_names.tidy_once(tmp_path)
    assert names(tmp_path) == sorted(names_kept)


def test_another_boots_file_waits_a_full_hour(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = 1_800_000_000.0
    monkeypatch.setattr(temp_names, "time", SimpleNamespace(time=lambda: now))
    hour = temp_names.OTHER_BOOT_AGE
    for rand, age in (("onehour0", hour), ("overhour", hour + 1)):
        path = tmp_path / f".argmap-1-deadbeef-1-{rand}.tmp"
        path.write_bytes(b"another boot's")
        os.utime(path, (now - age, now - age))
    temp_names.tidy_once(tmp_path)
    assert names(tmp_path) == [".argmap-1-deadbeef-1-onehour0.tmp"]
