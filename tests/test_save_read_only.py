"""A file this user may not write is never replaced (item 3 of issue 13's leftovers).

A rename needs only the folder to be writable, so an atomic save would replace a
read-only (0444) map.  As vim and gedit do, argmap refuses: the writer (every CLI
command, --force or not, and the GUI) says "is read-only" in one line, and the GUI
asks once, offering Save As, with the edits kept open and in the recovery file.
Root may write any file, so the tests with real modes are skipped as root; the
ones that answer the permission check "no" run everywhere.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from argmap.formats import SaveError, atomic, load, loads, save
from argmap.model import ArgumentMap, ops
from tests.test_files_safety import argmap_process, mode, one_line, run_cli

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "ai-slowdown.argmap.json"
OLD = b'{"format": "argmap", "version": 1, "title": "the old file"}\n'
NAME = "map.argmap.json"


EDIT = "hours of careful work"


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def m() -> ArgumentMap:
    return load(SAMPLE)


@pytest.fixture
def existing(tmp_path: Path) -> Path:
    path = tmp_path / NAME
    path.write_bytes(OLD)
    return path


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "sample.argmap.json"
    path.write_bytes(SAMPLE.read_bytes())
    return path


@pytest.fixture
def edited(window, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The sample, opened from a folder of its own and edited: work that must not be lost."""
    folder = tmp_path / "maps"
    folder.mkdir()
    target = folder / NAME
    target.write_bytes(SAMPLE.read_bytes())
    assert window.files.load(target)
    window.document.edit("Edit", ops.edit_node, "pace", text=EDIT)
    return target, target.read_bytes()


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def assert_untouched(path: Path) -> None:
    """The old file is intact and it is the only thing in its folder (no temp files)."""
    assert path.read_bytes() == OLD
    assert names(path.parent) == [path.name]


# -- a file the user may not write: refused, as vim and gedit refuse ------------------


def _assert_read_only_refused(path: Path, m: ArgumentMap, shown: Path | None = None) -> None:
    with pytest.raises(SaveError, match="is read-only") as info:
        save(m, shown or path)
    assert info.value.path == (shown or path)  # the name the user gave
    assert "\n" not in str(info.value) and len(str(info.value)) <= 240


@pytest.mark.skipif(running_as_root(), reason="root may write any file: nothing is read-only")
def test_a_read_only_file_is_not_replaced(existing: Path, m: ArgumentMap) -> None:
    """The folder is writable, so a rename could replace it: the mode says no."""
    existing.chmod(0o444)
    _assert_read_only_refused(existing, m)
    assert stat.S_IMODE(existing.stat().st_mode) == 0o444
    assert_untouched(existing)


@pytest.mark.skipif(running_as_root(), reason="root may write any file: nothing is read-only")
def test_a_read_only_file_behind_a_symlink_is_not_replaced(tmp_path: Path, m: ArgumentMap) -> None:
    """The link is what the user named; the file it names is what would be written."""
    real = tmp_path / "real" / NAME
    real.parent.mkdir()
    real.write_bytes(OLD)
    real.chmod(0o444)
    link = tmp_path / "link.argmap.json"
    link.symlink_to(real)
    _assert_read_only_refused(real, m, shown=link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert stat.S_IMODE(real.stat().st_mode) == 0o444
    assert_untouched(real)


def test_a_file_this_user_may_not_write_is_refused(
    tmp_path: Path, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same refusal with the permission check answered "no" (so it runs as root too);
    it is asked of the file the link names."""
    real = tmp_path / NAME
    real.write_bytes(OLD)
    link = tmp_path / "link.argmap.json"
    link.symlink_to(NAME)
    asked: list[tuple[str, int]] = []

    def access(path: Any, how: int, **kwargs: Any) -> bool:
        asked.append((str(path), how))
        return False

    monkeypatch.setattr(atomic.os, "access", access)
    _assert_read_only_refused(real, m, shown=link)
    assert asked == [(str(real), os.W_OK)]
    assert link.is_symlink()
    assert real.read_bytes() == OLD
    assert names(tmp_path) == ["link.argmap.json", NAME]


def test_a_new_file_is_not_asked_about(
    tmp_path: Path, m: ArgumentMap, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only an existing file can be read-only; a new name is the folder's business."""
    monkeypatch.setattr(atomic.os, "access", lambda *args, **kwargs: False)
    save(m, tmp_path / NAME)
    assert load(tmp_path / NAME) == m


def test_the_question_before_a_save_refuses_only_a_read_only_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """refuse_read_only: asked by the GUI before "changed on disk?"; a new name, a loop
    of links or a folder are left for the save to refuse in its own words."""
    (tmp_path / "a.argmap.json").symlink_to("b.argmap.json")
    (tmp_path / "b.argmap.json").symlink_to("a.argmap.json")
    (tmp_path / "folder").mkdir()
    (tmp_path / "kept.argmap.json").write_bytes(OLD)
    monkeypatch.setattr(atomic.os, "access", lambda *args, **kwargs: False)
    for name in ("new.argmap.json", "a.argmap.json", "folder"):
        atomic.refuse_read_only(tmp_path / name)  # nothing raised
    with pytest.raises(atomic.ReadOnlyError, match="is read-only"):
        atomic.refuse_read_only(tmp_path / "kept.argmap.json")
    monkeypatch.undo()
    atomic.refuse_read_only(tmp_path / "kept.argmap.json")  # writable: nothing raised
    assert (tmp_path / "kept.argmap.json").read_bytes() == OLD


# -- a read-only file is not replaced, even with --force ------------------------------

NOT_AS_ROOT = pytest.mark.skipif(running_as_root(), reason="root may write any file")


def assert_read_only_refused(capsys: pytest.CaptureFixture[str], target: Path, *args: str) -> None:
    before, was = target.read_bytes(), mode(target)
    code, out, err = run_cli(capsys, *args)
    assert code == 1 and out == ""
    line = one_line(err)
    assert f"{target}: is read-only" in line
    assert target.read_bytes() == before and mode(target) == was
    assert not [p.name for p in target.parent.iterdir() if p.name.startswith(".argmap-")]


@NOT_AS_ROOT
@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_export_never_replaces_a_read_only_file(
    tmp_path: Path, sample: Path, capsys: pytest.CaptureFixture[str], force: list[str]
) -> None:
    """--force lets export write over a map; the file's own mode still says no."""
    target = tmp_path / "out.dot"
    assert run_cli(capsys, "export", str(sample), "-o", str(target))[0] == 0
    target.chmod(0o444)
    assert_read_only_refused(capsys, target, "export", str(sample), "-o", str(target), *force)


@NOT_AS_ROOT
def test_convert_never_replaces_a_read_only_file(
    tmp_path: Path, sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.argdown"
    target.write_text("[Old]: an Argdown map\n")
    target.chmod(0o444)
    assert_read_only_refused(capsys, target, "convert", str(sample), str(target), "--force")
    sample.chmod(0o444)  # and in place, --force or not
    assert_read_only_refused(capsys, sample, "convert", str(sample), str(sample), "--force")


@NOT_AS_ROOT
def test_a_read_only_map_is_refused_by_a_real_process(tmp_path: Path, sample: Path) -> None:
    target = tmp_path / "out.svg"
    target.write_text("<svg/>\n")
    target.chmod(0o444)
    done = argmap_process("export", str(sample), "-o", str(target), "--force")
    assert done.returncode == 1 and done.stdout == ""
    assert "is read-only" in one_line(done.stderr)
    assert target.read_text() == "<svg/>\n" and mode(target) == 0o444


# -- a read-only map: one question that offers Save As --------------------------------

ROOT_WRITES_ALL = "root may write any file: nothing is read-only"


def make_read_only(monkeypatch: pytest.MonkeyPatch, target: Path, how: str) -> None:
    """Really (mode 0444, not as root), or with the permission check answering "no"."""
    if how == "mode 0444":
        if running_as_root():
            pytest.skip(ROOT_WRITES_ALL)
        target.chmod(0o444)
        return
    real = os.access

    def access(path: object, how: int, **kwargs: object) -> bool:
        return False if Path(str(path)) == target else real(path, how, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)


@pytest.mark.parametrize("how", ["mode 0444", "access says no"])
@pytest.mark.parametrize("answer", ["save_as", "cancel"])
@pytest.mark.parametrize("where", ["save", "close"])
def test_saving_a_read_only_map_offers_save_as_and_keeps_the_edits(
    qtbot, window, prompter, edited, tmp_path, monkeypatch, how, answer, where
) -> None:
    target, original = edited
    was = stat.S_IMODE(target.stat().st_mode)
    make_read_only(monkeypatch, target, how)
    mode = stat.S_IMODE(target.stat().st_mode)
    window.recovery.discard()
    prompter.script("read_only", answer)
    other = tmp_path / "mine.argmap.json"
    if answer == "save_as":
        prompter.script("save", other)
    if where == "save":
        assert window.files.save() is (answer == "save_as")
    else:
        prompter.script("unsaved", "save")
        closed = window.close()
        assert closed is (answer == "save_as")
    asked = [q for q, _ in prompter.asked]
    assert asked.count("read_only") == 1 and "error" not in asked  # one dialog, no other
    assert ("read_only", target.name) in prompter.asked
    assert target.read_bytes() == original and stat.S_IMODE(target.stat().st_mode) == mode
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".argmap-")]
    assert not [q for q in prompter.answers.values() if q]  # every scripted answer was used
    if answer == "cancel":
        assert window.document.is_modified() and window.document.map.nodes["pace"].text == EDIT
        assert window.document.path == target.resolve()
        recovered = loads(window.recovery.file.read_bytes())  # the refusal wrote it
        assert recovered.nodes["pace"].text == EDIT
    else:
        assert loads(other.read_bytes()).nodes["pace"].text == EDIT
        assert window.document.path == other.resolve() and not window.document.is_modified()
    target.chmod(was)


def test_a_read_only_map_changed_on_disk_is_asked_about_once(
    qtbot, window, prompter, edited, monkeypatch
) -> None:
    """Read-only comes first: overwriting is no choice, so "changed on disk?" is not asked."""
    target, _ = edited
    theirs = b'{"format": "argmap", "version": 1, "title": "theirs"}\n'
    target.write_bytes(theirs)
    make_read_only(monkeypatch, target, "access says no")
    prompter.script("read_only", "cancel")
    assert not window.files.save()
    assert [q for q, _ in prompter.asked] == ["read_only"]
    assert target.read_bytes() == theirs and window.document.is_modified()
