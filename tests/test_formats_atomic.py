"""Atomic saving (argmap.formats.atomic.atomic_write and argmap.formats.save).

The promise: whatever goes wrong while saving, the old file stays
byte-identical, no temporary file is left behind, and an OSError reaches the
user as a SaveError that says what to do.  Failures are injected by
monkeypatching the `os` / `tempfile` functions atomic.py calls (they are the
global modules, so monkeypatch restores them after each test).
"""

from __future__ import annotations

import contextlib
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


@pytest.mark.parametrize(
    ("umask", "mode"), [(0o077, 0o600), (0o022, 0o644), (0o027, 0o640)], ids=["077", "022", "027"]
)
def test_a_new_file_honours_the_umask(
    tmp_path: Path, m: ArgumentMap, umask: int, mode: int
) -> None:
    path = tmp_path / NAME
    old_umask = os.umask(umask)
    try:
        save(m, path)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert load(path) == m


@pytest.mark.parametrize("umask", [0o077, 0o022], ids=["077", "022"])
def test_an_existing_file_keeps_its_mode_whatever_the_umask(
    existing: Path, m: ArgumentMap, umask: int
) -> None:
    existing.chmod(0o664)
    old_umask = os.umask(umask)
    try:
        save(m, existing)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(existing.stat().st_mode) == 0o664


@pytest.mark.parametrize("exists", [False, True], ids=["new", "existing"])
def test_a_given_mode_is_the_files_mode_from_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exists: bool
) -> None:
    """mode=0o600 (the recovery files): whatever the umask and the old file's mode, and
    the temporary file holding the data is never readable by others, not even briefly."""
    path = tmp_path / NAME
    if exists:
        path.write_bytes(OLD)
        path.chmod(0o644)
    real_open = os.open
    created: list[int] = []

    def open_(name: Any, flags: int, mode: int = 0o777, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_CREAT:
            created.append(mode)
        return real_open(name, flags, mode, *args, **kwargs)

    monkeypatch.setattr(atomic.os, "open", open_)
    old_umask = os.umask(0)
    try:
        atomic_write(path, b"private\n", mode=0o600)
    finally:
        os.umask(old_umask)
    assert created == [0o600]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes() == b"private\n"
    assert names(tmp_path) == [NAME]


def test_a_given_mode_is_kept_exactly(tmp_path: Path) -> None:
    path = tmp_path / NAME
    old_umask = os.umask(0o077)
    try:
        atomic_write(path, b"shared\n", mode=0o644)  # not narrowed by the umask
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


@pytest.mark.skipif(not running_as_root(), reason="only root can give a file to someone else")
def test_owner_and_group_of_an_existing_file_are_kept(existing: Path, m: ArgumentMap) -> None:
    os.chown(existing, 4321, 8765)
    existing.chmod(0o660)
    save(m, existing)
    info = existing.stat()
    assert (info.st_uid, info.st_gid) == (4321, 8765)
    assert stat.S_IMODE(info.st_mode) == 0o660
    assert existing.read_bytes() == dumps(m).encode("utf-8")


def test_a_group_that_cannot_be_kept_does_not_stop_the_save(
    existing: Path, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone else's file in a folder we may write: the save works, owned by us."""
    tried: list[tuple[int, int]] = []

    def refused(path: Any, uid: int, gid: int) -> None:
        tried.append((uid, gid))
        raise PermissionError(errno.EPERM, "Operation not permitted")

    real_stat = os.stat
    info = real_stat(existing)

    def foreign_stat(path: Any, *args: Any, **kwargs: Any) -> Any:
        result = real_stat(path, *args, **kwargs)
        if Path(path) == existing:
            values = list(result)
            values[4], values[5] = info.st_uid + 1000, info.st_gid + 1000
            return os.stat_result(values)
        return result

    monkeypatch.setattr(atomic.os, "chown", refused)
    monkeypatch.setattr(atomic.os, "stat", foreign_stat)
    save(m, existing)
    assert tried[0] == (info.st_uid + 1000, info.st_gid + 1000)  # the owner was tried
    assert existing.read_bytes() == dumps(m).encode("utf-8")
    assert names(existing.parent) == [NAME]


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


def test_a_fifo_or_device_is_never_replaced(tmp_path: Path, m: ArgumentMap) -> None:
    """Writing "onto" a pipe or device would replace the node with a regular file."""
    fifo = tmp_path / "pipe.argmap.json"
    os.mkfifo(fifo)
    link = tmp_path / "link.argmap.json"
    link.symlink_to(fifo)
    for path in (fifo, link):
        with pytest.raises(SaveError, match="not a regular file"):
            save(m, path)
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and link.is_symlink()
    assert names(tmp_path) == ["link.argmap.json", "pipe.argmap.json"]


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


def _failing_create(monkeypatch: pytest.MonkeyPatch, error: OSError) -> list[Path]:
    """Creating a file fails (the folder is read-only, say); other opens still work."""
    real_open = os.open
    asked: list[Path] = []

    def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_CREAT:
            asked.append(Path(path).parent)
            raise error
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(atomic.os, "open", open_)
    return asked


def test_permission_denied_creating_the_temp_file(
    existing: Path, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulates a read-only folder, so the path is covered even as root."""
    asked = _failing_create(monkeypatch, PermissionError(errno.EACCES, "Permission denied"))
    with pytest.raises(SaveError) as info:
        save(m, existing)
    assert asked == [existing.parent]  # the temp file goes next to the target
    assert "permission denied" in info.value.message
    assert isinstance(info.value.__cause__, PermissionError)
    assert_untouched(existing)


def test_read_only_disk_advice(
    existing: Path, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    _failing_create(monkeypatch, OSError(errno.EROFS, "Read-only file system"))
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
        with contextlib.suppress(OSError):  # listing /proc/self/fd opened one that is gone
            os.close(int(fd))
    assert not leaked


def test_long_but_legal_file_name_can_be_saved(tmp_path: Path, m: ArgumentMap) -> None:
    name_max = os.pathconf(tmp_path, "PC_NAME_MAX")
    name = "a" * (min(name_max, 255) - 5 - len(".argmap.json")) + ".argmap.json"
    target = tmp_path / name
    target.write_bytes(OLD)  # the name itself is fine for the file system
    save(m, target)
    assert target.read_bytes() == dumps(m).encode("utf-8")


# -- symbolic and hard links ---------------------------------------------------------


def test_saving_onto_a_symlink_writes_its_target_and_keeps_the_link(
    tmp_path: Path, m: ArgumentMap
) -> None:
    real = tmp_path / "real" / NAME
    real.parent.mkdir()
    real.write_bytes(OLD)
    real.chmod(0o640)
    link = tmp_path / "link.argmap.json"
    link.symlink_to(Path("real") / NAME)  # a relative link, as `ln -s` makes them
    save(m, link)
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / NAME)
    assert real.read_bytes() == dumps(m).encode("utf-8")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert names(real.parent) == [NAME]  # the temporary file went beside the target
    assert names(tmp_path) == ["link.argmap.json", "real"]


def test_a_chain_of_symlinks_is_followed_to_the_end(tmp_path: Path, m: ArgumentMap) -> None:
    real = tmp_path / NAME
    real.write_bytes(OLD)
    (tmp_path / "a.argmap.json").symlink_to(real)
    (tmp_path / "b.argmap.json").symlink_to(tmp_path / "a.argmap.json")
    save(m, tmp_path / "b.argmap.json")
    assert real.read_bytes() == dumps(m).encode("utf-8")
    assert (tmp_path / "a.argmap.json").is_symlink() and (tmp_path / "b.argmap.json").is_symlink()


def test_a_dangling_symlink_creates_its_target(tmp_path: Path, m: ArgumentMap) -> None:
    """The link names a file that does not exist yet, in a folder that does: write it there."""
    link = tmp_path / "link.argmap.json"
    link.symlink_to("new.argmap.json")
    save(m, link)
    assert link.is_symlink()
    assert (tmp_path / "new.argmap.json").read_bytes() == dumps(m).encode("utf-8")
    assert load(link) == m


def test_a_dangling_symlink_into_a_missing_folder_is_refused(
    tmp_path: Path, m: ArgumentMap
) -> None:
    link = tmp_path / "link.argmap.json"
    link.symlink_to(tmp_path / "gone" / NAME)
    with pytest.raises(SaveError, match="folder does not exist") as info:
        save(m, link)
    assert info.value.path == link
    assert link.is_symlink() and os.readlink(link) == str(tmp_path / "gone" / NAME)
    assert names(tmp_path) == ["link.argmap.json"]


def test_a_symlink_loop_is_refused_in_one_line(tmp_path: Path, m: ArgumentMap) -> None:
    (tmp_path / "a.argmap.json").symlink_to("b.argmap.json")
    (tmp_path / "b.argmap.json").symlink_to("a.argmap.json")
    with pytest.raises(SaveError, match="symbolic link") as info:
        save(m, tmp_path / "a.argmap.json")
    assert "\n" not in str(info.value)
    assert os.readlink(tmp_path / "a.argmap.json") == "b.argmap.json"
    assert os.readlink(tmp_path / "b.argmap.json") == "a.argmap.json"
    assert names(tmp_path) == ["a.argmap.json", "b.argmap.json"]


def test_a_symlink_to_a_folder_is_refused(tmp_path: Path, m: ArgumentMap) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "link.argmap.json").symlink_to("folder")
    with pytest.raises(SaveError, match="folder"):
        save(m, tmp_path / "link.argmap.json")
    assert (tmp_path / "link.argmap.json").is_symlink()
    assert names(tmp_path / "folder") == []


def test_a_hard_link_is_broken_by_the_atomic_replace(existing: Path, m: ArgumentMap) -> None:
    """The documented decision (docs/reliability.md): like most editors' safe save, the
    saved name gets a new file; another name of the old file keeps the old content."""
    other = existing.parent / "other-name.argmap.json"
    os.link(existing, other)
    save(m, existing)
    assert existing.read_bytes() == dumps(m).encode("utf-8")
    assert other.read_bytes() == OLD
    assert existing.stat().st_ino != other.stat().st_ino
