"""Atomic saving (argmap.formats.atomic.atomic_write and argmap.formats.save).

The promise: whatever goes wrong while saving, the old file stays
byte-identical, no temporary file is left behind, and an OSError reaches the
user as a SaveError that says what to do.  Failures are injected by
monkeypatching the `os` / `tempfile` functions atomic.py calls (they are the
global modules, so monkeypatch restores them after each test).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from argmap.formats import SaveError, atomic, dumps, load, save
from argmap.formats.atomic import atomic_write
from argmap.model import ArgumentMap

SAMPLE = Path(__file__).parent.parent / "samples" / "ai-slowdown.argmap.json"
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


def assert_untouched(path: Path) -> None:
    """The old file is intact and it is the only thing in its folder (no temp files)."""
    assert path.read_bytes() == OLD
    assert names(path.parent) == [path.name]


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


# -- success -------------------------------------------------------------------------


def test_save_writes_exactly_dumps(tmp_path: Path, m: ArgumentMap) -> None:
    path = tmp_path / NAME
    save(m, path)
    assert path.read_bytes() == dumps(m).encode("utf-8")
    assert names(tmp_path) == [NAME]
    assert load(path) == m


def test_save_replaces_an_existing_file(existing: Path, m: ArgumentMap) -> None:
    save(m, existing)
    assert existing.read_bytes() == dumps(m).encode("utf-8")
    assert names(existing.parent) == [NAME]


def test_atomic_write_to_a_relative_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    atomic_write(NAME, b"relative\n")
    assert (tmp_path / NAME).read_bytes() == b"relative\n"
    assert names(tmp_path) == [NAME]


def test_permissions_of_an_existing_file_are_preserved(existing: Path, m: ArgumentMap) -> None:
    existing.chmod(0o640)
    save(m, existing)
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    assert existing.read_bytes() == dumps(m).encode("utf-8")


def test_new_file_gets_0644_whatever_the_umask(tmp_path: Path, m: ArgumentMap) -> None:
    path = tmp_path / NAME
    old_umask = os.umask(0o077)  # mkstemp alone would leave 0o600
    try:
        save(m, path)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


# -- failures while writing ----------------------------------------------------------


def test_runtime_error_in_fsync_propagates_and_keeps_the_old_file(
    existing: Path, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    boom = RuntimeError("injected")
    calls: list[int] = []

    def failing_fsync(fd: int) -> None:
        calls.append(fd)
        raise boom

    monkeypatch.setattr(atomic.os, "fsync", failing_fsync)
    with pytest.raises(RuntimeError) as info:
        save(m, existing)
    assert info.value is boom  # unchanged: not wrapped into a SaveError
    assert type(info.value) is RuntimeError
    assert calls, "the failure was not injected"
    assert_untouched(existing)


def test_disk_full_in_fsync_is_a_save_error(
    existing: Path, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    error = OSError(errno.ENOSPC, "No space left on device")

    def failing_fsync(fd: int) -> None:
        raise error

    monkeypatch.setattr(atomic.os, "fsync", failing_fsync)
    with pytest.raises(SaveError) as info:
        save(m, existing)
    assert info.value.__cause__ is error
    assert info.value.path == existing
    assert "disk is full" in str(info.value)
    assert str(info.value).startswith(f"{existing}: ")
    assert_untouched(existing)


def test_disk_full_half_way_through_write(
    existing: Path, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fdopen = os.fdopen
    written: list[int] = []

    class HalfWriter:
        """Writes half of the data for real, then reports a full disk."""

        def __init__(self, fd: int, *args: Any, **kwargs: Any) -> None:
            self._file = real_fdopen(fd, *args, **kwargs)

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self._file.close()

        def write(self, data: bytes) -> int:
            half = data[: len(data) // 2]
            self._file.write(half)
            self._file.flush()
            written.append(len(half))
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name: str) -> Any:
            return getattr(self._file, name)

    monkeypatch.setattr(atomic.os, "fdopen", HalfWriter)
    with pytest.raises(SaveError) as info:
        save(m, existing)
    assert written == [len(dumps(m).encode("utf-8")) // 2]  # half really went to disk
    assert "disk is full" in info.value.message
    assert_untouched(existing)


def test_disk_full_for_a_new_file_leaves_nothing(
    tmp_path: Path, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", failing_fsync)
    with pytest.raises(SaveError, match="disk is full"):
        save(m, tmp_path / NAME)
    assert names(tmp_path) == []


def test_keyboard_interrupt_while_writing_cleans_up(
    existing: Path, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted_fsync(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupted_fsync)
    with pytest.raises(KeyboardInterrupt):
        save(m, existing)
    assert_untouched(existing)


@pytest.mark.parametrize(
    ("code", "advice"),
    [(errno.EACCES, "permission denied"), (errno.EXDEV, "link")],
    ids=["EACCES", "EXDEV"],
)
def test_failing_rename_keeps_the_old_file(
    existing: Path, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch, code: int, advice: str
) -> None:
    seen: list[tuple[str, str]] = []

    def failing_replace(src: Any, dst: Any) -> None:
        seen.append((str(src), str(dst)))
        assert Path(src).read_bytes() == dumps(m).encode("utf-8")  # temp was complete
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(SaveError) as info:
        save(m, existing)
    assert advice in info.value.message.lower()
    assert len(seen) == 1
    temp, target = seen[0]
    assert target == str(existing)
    assert Path(temp).parent == existing.parent  # same folder, so the rename is atomic
    assert not Path(temp).exists()
    assert_untouched(existing)


def test_failing_chmod_keeps_the_old_file(
    existing: Path, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_chmod(path: Any, mode: int) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "chmod", failing_chmod)
    with pytest.raises(SaveError, match="permission denied"):
        save(m, existing)
    assert_untouched(existing)


# -- bad targets ---------------------------------------------------------------------


def test_target_is_a_folder(tmp_path: Path, m: ArgumentMap) -> None:
    folder = tmp_path / NAME
    folder.mkdir()
    (folder / "keep.txt").write_text("keep")
    with pytest.raises(SaveError) as info:
        save(m, folder)
    assert "folder" in info.value.message
    assert info.value.path == folder
    assert folder.is_dir() and names(folder) == ["keep.txt"]
    assert names(tmp_path) == [NAME]


def test_folder_does_not_exist(tmp_path: Path, m: ArgumentMap) -> None:
    target = tmp_path / "gone" / NAME
    with pytest.raises(SaveError) as info:
        save(m, target)
    assert "folder does not exist" in info.value.message
    assert str(target) in str(info.value)
    assert not target.parent.exists()  # not created behind the user's back
    assert names(tmp_path) == []


@pytest.mark.skipif(running_as_root(), reason="root ignores folder permissions")
def test_read_only_folder(existing: Path, m: ArgumentMap) -> None:
    folder = existing.parent
    folder.chmod(0o555)
    try:
        with pytest.raises(SaveError, match="permission denied"):
            save(m, existing)
    finally:
        folder.chmod(0o755)
    assert_untouched(existing)


def test_permission_denied_creating_the_temp_file(
    existing: Path, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulates a read-only folder, so the path is covered even as root."""
    asked: list[Any] = []

    def denied(*args: Any, **kwargs: Any) -> tuple[int, str]:
        asked.append(kwargs.get("dir"))
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", denied)
    with pytest.raises(SaveError) as info:
        save(m, existing)
    assert asked == [existing.parent]  # the temp file goes next to the target
    assert "permission denied" in info.value.message
    assert isinstance(info.value.__cause__, PermissionError)
    assert_untouched(existing)


def test_read_only_disk_advice(
    existing: Path, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(*args: Any, **kwargs: Any) -> tuple[int, str]:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", read_only)
    with pytest.raises(SaveError, match="read-only"):
        save(m, existing)
    assert_untouched(existing)


# -- known bugs ----------------------------------------------------------------------


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd")
def test_failing_fdopen_does_not_leak_the_descriptor(
    existing: Path, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_fdopen(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.ENOMEM, "Cannot allocate memory")

    before = set(os.listdir("/proc/self/fd"))
    monkeypatch.setattr(atomic.os, "fdopen", failing_fdopen)
    with pytest.raises(SaveError):
        save(m, existing)
    assert_untouched(existing)  # this part holds
    leaked = set(os.listdir("/proc/self/fd")) - before
    for fd in leaked:  # tidy up before failing, so the leak stays in this test
        try:
            os.close(int(fd))
        except OSError:
            pass
    assert not leaked


def test_long_but_legal_file_name_can_be_saved(tmp_path: Path, m: ArgumentMap) -> None:
    name_max = os.pathconf(tmp_path, "PC_NAME_MAX")
    name = "a" * (min(name_max, 255) - 5 - len(".argmap.json")) + ".argmap.json"
    target = tmp_path / name
    target.write_bytes(OLD)  # the name itself is fine for the file system
    save(m, target)
    assert target.read_bytes() == dumps(m).encode("utf-8")
