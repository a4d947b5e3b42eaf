"""The guard clauses of atomic_write, each with a test that fails when the guard is
broken (found by `make mutate`: a mutant of these lines survived the other tests).

Each refusal is checked with pytest.raises, its exact one-line message, and the
file and folder unchanged.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from argmap.formats import SaveError, atomic, dumps, load, save
from argmap.model import ArgumentMap

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "ai-slowdown.argmap.json"
OLD = b'{"format": "argmap", "version": 1, "title": "the old file"}\n'
NAME = "map.argmap.json"


@pytest.fixture
def m() -> ArgumentMap:
    return load(SAMPLE)


@pytest.fixture
def existing(tmp_path: Path) -> Path:
    path = tmp_path / NAME
    path.write_bytes(OLD)
    return path


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_path_through_a_file_is_refused_in_one_line(tmp_path: Path, m: ArgumentMap) -> None:
    """os.stat fails with another error than "no such file": said, naming the file."""
    (tmp_path / "notes.txt").write_bytes(b"a file, not a folder")
    target = tmp_path / "notes.txt" / NAME
    with pytest.raises(SaveError) as info:
        save(m, target)
    assert str(info.value) == f"{target}: a part of the path is not a folder; choose another"
    assert info.value.path == target
    assert isinstance(info.value.__cause__, NotADirectoryError)
    assert names(tmp_path) == ["notes.txt"]


def test_a_fifo_is_refused_with_its_own_message(tmp_path: Path, m: ArgumentMap) -> None:
    fifo = tmp_path / NAME
    os.mkfifo(fifo)
    with pytest.raises(SaveError) as info:
        save(m, fifo)
    expected = "is not a regular file (a device, pipe or socket); choose a file"
    assert str(info.value) == f"{fifo}: {expected}"
    assert names(tmp_path) == [NAME]


def _names_in_turn(monkeypatch: pytest.MonkeyPatch, first: list[str]) -> list[str]:
    """atomic_write's temporary names: `first` in turn, then fresh ones; returns those given."""
    given: list[str] = []
    queue: Iterator[str] = iter(first)
    real = atomic.temp_name

    def temp_name() -> str:
        name = next(queue, None) or real()
        given.append(name)
        return name

    monkeypatch.setattr(atomic, "temp_name", temp_name)
    return given


def test_a_name_already_taken_is_never_written_through(
    existing: Path, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file or a link already at the temporary name (planted, or another save's) is
    left alone: the save takes another name."""
    folder = existing.parent
    victim = folder / "victim.txt"
    victim.write_bytes(b"not to be written")
    (folder / ".argmap-planted-link.tmp").symlink_to(victim)
    (folder / ".argmap-planted-file.tmp").write_bytes(b"another save's")
    given = _names_in_turn(monkeypatch, [".argmap-planted-link.tmp", ".argmap-planted-file.tmp"])
    save(m, existing)
    assert len(given) == 3  # two taken, then a fresh one
    assert existing.read_bytes() == dumps(m).encode("utf-8")
    assert victim.read_bytes() == b"not to be written"
    assert (folder / ".argmap-planted-link.tmp").is_symlink()
    assert (folder / ".argmap-planted-file.tmp").read_bytes() == b"another save's"
    assert names(folder) == sorted(
        [NAME, ".argmap-planted-file.tmp", ".argmap-planted-link.tmp", "victim.txt"]
    )


def test_a_hundred_taken_names_give_up_in_one_line(
    existing: Path, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = existing.parent
    (folder / ".argmap-always-taken.tmp").write_bytes(b"taken")
    given = _names_in_turn(monkeypatch, [".argmap-always-taken.tmp"] * 1000)
    with pytest.raises(SaveError) as info:
        save(m, existing)
    assert str(info.value) == f"{existing}: cannot create a temporary file beside it"
    assert len(given) == 100
    assert existing.read_bytes() == OLD
    assert names(folder) == [".argmap-always-taken.tmp", NAME]


def _foreign(monkeypatch: pytest.MonkeyPatch, existing: Path) -> tuple[int, int]:
    """The existing file seems to belong to another user and group; returns them."""
    real_stat = os.stat
    info = real_stat(existing)
    other = (info.st_uid + 1000, info.st_gid + 1000)

    def foreign_stat(path: Any, *args: Any, **kwargs: Any) -> Any:
        result = real_stat(path, *args, **kwargs)
        if Path(path) == existing:
            values = list(result)
            values[4], values[5] = other
            return os.stat_result(values)
        return result

    monkeypatch.setattr(atomic.os, "stat", foreign_stat)
    return other


def test_the_group_is_kept_when_the_owner_cannot_be(
    existing: Path, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not root: the owner cannot be given away, but a group this user is in can be kept
    (chown with -1, "leave the owner")."""
    uid, gid = _foreign(monkeypatch, existing)
    tried: list[tuple[int, int]] = []

    def chown(path: Any, new_uid: int, new_gid: int) -> None:
        tried.append((new_uid, new_gid))
        if new_uid != -1:
            raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "chown", chown)
    save(m, existing)
    assert tried == [(uid, gid), (-1, gid)]
    assert existing.read_bytes() == dumps(m).encode("utf-8")


def test_owner_and_group_kept_at_once_are_not_asked_again(
    existing: Path, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    uid, gid = _foreign(monkeypatch, existing)
    tried: list[tuple[int, int]] = []
    monkeypatch.setattr(atomic.os, "chown", lambda path, u, g: tried.append((u, g)))
    save(m, existing)
    assert tried == [(uid, gid)]


def test_ones_own_file_is_not_given_to_anyone(
    existing: Path, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    tried: list[tuple[int, int]] = []
    monkeypatch.setattr(atomic.os, "chown", lambda path, u, g: tried.append((u, g)))
    save(m, existing)
    assert tried == []


def test_a_rename_that_is_done_but_reports_a_failure_is_a_save_error(
    existing: Path, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over NFS a rename may take place and still report an error (its reply was lost):
    the temporary file is gone already, and the user gets the one-line error."""
    real = os.replace

    def done_but_failed(src: Any, dst: Any) -> None:
        real(src, dst)
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(atomic.os, "replace", done_but_failed)
    with pytest.raises(SaveError) as info:
        save(m, existing)
    assert str(info.value) == f"{existing}: Input/output error"
    assert names(existing.parent) == [NAME]
