"""Crash recovery end to end: the real app in a subprocess is killed with SIGKILL after
an edit; the next start offers the edit back."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.formats import load, loads, save
from argmap.model import Relation, ops
from tests.conftest import SAMPLE

DRIVER = Path(__file__).with_name("crash_driver.py")
EDIT = "Typed just before the crash"


def test_sigkill_then_restart_restores_the_edits(tmp_path: Path, make_window, prompter) -> None:
    target = tmp_path / "map.argmap.json"
    target.write_bytes(SAMPLE.read_bytes())
    before = target.read_bytes()
    recovery = tmp_path / "recovery"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "ARGMAP_RECOVERY_DIR": str(recovery),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "PYTHONPATH": str(Path(__file__).parent.parent),
    }
    app = subprocess.Popen(
        [sys.executable, str(DRIVER), str(target), EDIT],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = app.stdout.readline() if app.stdout else ""
        assert line.startswith("READY"), (line, app.stderr.read() if app.stderr else "")
        app.send_signal(signal.SIGKILL)  # no clean-up, no chance to save
        assert app.wait(timeout=30) == -signal.SIGKILL
    finally:
        if app.poll() is None:
            app.kill()
    assert target.read_bytes() == before  # the crash touched nothing on disk
    assert list(recovery.glob("*.argmap.json"))

    # the next start: the recovery offer brings the edit back
    window = make_window(recovery_folder=recovery)
    prompter.script("restore", True)
    assert window.files.offer_recovery()
    assert window.document.map.nodes["pace"].text == EDIT
    assert window.document.path == target.resolve() and window.isWindowModified()
    assert window.files.save()
    assert load(target).nodes["pace"].text == EDIT
    assert not list(recovery.glob("*.argmap.json"))  # saved: nothing left to recover


# -- the recovery folder is private; the lock is more than a process id -------------------


def _edited_window(make_window, folder: Path, map_path: Path):  # type: ignore[no-untyped-def]
    window = make_window(recovery_folder=folder)
    assert window.files.load(map_path)
    window.document.edit("Edit", ops.edit_node, "pace", text=EDIT)
    return window


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_recovery_files_are_private_even_under_umask_0(tmp_path: Path, make_window) -> None:
    folder = tmp_path / "data" / "recovery"
    window = _edited_window(make_window, folder, SAMPLE)
    old = os.umask(0)
    try:
        assert window.recovery.autosave()
        assert window.recovery.autosave()  # and again, replacing the first
    finally:
        os.umask(old)
    assert _mode(folder) == 0o700
    assert _mode(window.recovery.file) == 0o600 and _mode(window.recovery.meta) == 0o600
    assert loads(window.recovery.file.read_bytes()).nodes["pace"].text == EDIT


def test_an_existing_recovery_folder_of_ours_is_made_private(tmp_path: Path, make_window) -> None:
    folder = tmp_path / "recovery"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    window = _edited_window(make_window, folder, SAMPLE)
    assert window.recovery.autosave()
    assert _mode(folder) == 0o700 and _mode(window.recovery.file) == 0o600


def _crash(window) -> None:  # type: ignore[no-untyped-def]
    """What a crash leaves: the files stay, and this window will never clean them up."""
    window.recovery.timer.stop()
    window.recovery.file = window.recovery.folder / "gone.argmap.json"
    window.recovery.meta = window.recovery.folder / "gone.meta.json"


def _rewrite_lock(meta: Path, **changes: object) -> None:
    info = json.loads(meta.read_text(encoding="utf-8"))
    info.update(changes)
    meta.write_text(json.dumps(info), encoding="utf-8")


def _own_start_time() -> int:
    fields = Path(f"/proc/{os.getpid()}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[19])


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc for start times")
def test_a_crash_file_is_offered_when_its_process_id_was_reused(
    tmp_path: Path, make_window, prompter
) -> None:
    folder = tmp_path / "recovery"
    first = _edited_window(make_window, folder, SAMPLE)
    assert first.recovery.autosave()
    meta = first.recovery.meta
    _crash(first)
    second = make_window(recovery_folder=folder)
    # this very process wrote it, and is running: not a crash, nothing offered
    assert not second.files.offer_recovery()
    # the same id, alive, but a process that started at another time wrote it: a crash
    _rewrite_lock(meta, pid=os.getpid(), started=_own_start_time() - 1)
    prompter.script("restore", True)
    assert second.files.offer_recovery()
    assert second.document.map.nodes["pace"].text == EDIT


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc for start times")
def test_a_live_process_with_a_reused_id_does_not_hide_a_crash_file(
    tmp_path: Path, make_window, prompter
) -> None:
    folder = tmp_path / "recovery"
    first = _edited_window(make_window, folder, SAMPLE)
    assert first.recovery.autosave()
    meta = first.recovery.meta
    _crash(first)
    parent = os.getppid()  # alive, and not us
    start = int(Path(f"/proc/{parent}/stat").read_text().rsplit(")", 1)[1].split()[19])
    _rewrite_lock(meta, pid=parent, started=start, session="another session")
    second = make_window(recovery_folder=folder)
    assert not second.files.offer_recovery()  # its writer may still be running
    _rewrite_lock(meta, started=start + 1)
    prompter.script("restore", True)
    assert second.files.offer_recovery()


def _map_linking(maps: Path, source_file: str) -> Path:
    """The sample saved in `maps`, its source kept beside it as `source_file`."""
    maps.mkdir(exist_ok=True)
    m = load(SAMPLE)
    m = m.evolve(source=m.source.model_copy(update={"file": source_file, "text": None}))
    target = maps / "map.argmap.json"
    save(m, target)
    return target


def _crash_after_autosave(first):  # type: ignore[no-untyped-def]
    """Autosave, crash, and leave a lock of a dead process; returns what the recovery
    file kept of the source."""
    assert first.recovery.autosave()
    kept = json.loads(first.recovery.file.read_text(encoding="utf-8"))["source"]
    meta = first.recovery.meta
    _crash(first)
    _rewrite_lock(meta, pid=_dead_pid())
    return kept


def test_a_recovery_copy_keeps_a_beside_source_by_reference(
    tmp_path: Path, make_window, prompter
) -> None:
    target = _map_linking(tmp_path / "maps", "article.txt")
    article = target.parent / "article.txt"
    article.write_text("The article, kept beside the map.\n", encoding="utf-8")
    folder = tmp_path / "recovery"
    first = _edited_window(make_window, folder, target)
    assert first.document.map.source.text == article.read_text(encoding="utf-8")
    kept = _crash_after_autosave(first)
    assert kept["file"] == "article.txt" and kept["text"] is None  # not inlined, not dropped
    second = make_window(recovery_folder=folder)
    shown: list[str] = []
    second.files.message.connect(shown.append)
    prompter.script("restore", True)
    assert second.files.offer_recovery()
    restored = second.document.map
    assert restored.nodes["pace"].text == EDIT
    assert restored.source.file == "article.txt"
    assert restored.source.text == article.read_text(encoding="utf-8")  # found from afar
    assert shown == ["Restored unsaved changes; save them to keep them"]  # and no notes
    assert second.files.save()  # saved where it came from, the link still right
    assert json.loads(target.read_text(encoding="utf-8"))["source"]["file"] == "article.txt"
    assert load(target).source.text == article.read_text(encoding="utf-8")


def test_a_restored_map_whose_source_is_gone_is_told_once(
    tmp_path: Path, make_window, prompter
) -> None:
    target = _map_linking(tmp_path / "maps", "article.txt")
    article = target.parent / "article.txt"
    article.write_text("Soon gone.\n", encoding="utf-8")
    folder = tmp_path / "recovery"
    _crash_after_autosave(_edited_window(make_window, folder, target))
    article.unlink()
    second = make_window(recovery_folder=folder)
    shown: list[str] = []
    second.statusBar().messageChanged.connect(lambda text: text and shown.append(text))
    prompter.script("restore", True)
    assert second.files.offer_recovery()
    told = [text for text in shown if "article.txt" in text]
    assert len(told) == 1 and "\n" not in told[0], shown
    assert not [q for q, _ in prompter.asked if q == "error"]


def _dead_pid() -> int:
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    return int(child.stdout)


def test_a_map_changed_after_the_crash_is_asked_about_before_it_is_overwritten(
    tmp_path: Path, make_window, prompter, monkeypatch
) -> None:
    """The lock keeps the state of the file the lost session read or wrote: a change by
    another program since then is noticed, and the restore does not read the file."""
    from argmap.formats import bounded

    target = tmp_path / "maps" / "map.argmap.json"
    target.parent.mkdir()
    target.write_bytes(SAMPLE.read_bytes())
    folder = tmp_path / "recovery"
    _crash_after_autosave(_edited_window(make_window, folder, target))
    theirs = load(target).evolve(title="changed after the crash")
    save(theirs, target)
    real, reads = bounded._read_regular, []

    def reading(name: object, limit: int) -> bytes:
        reads.extend([name] if Path(str(name)) == target else [])
        return real(name, limit)  # type: ignore[arg-type]

    monkeypatch.setattr(bounded, "_read_regular", reading)
    second = make_window(recovery_folder=folder)
    prompter.script("restore", True)
    assert second.files.offer_recovery()
    assert reads == []  # its state came from the lock
    assert second.document.map.nodes["pace"].text == EDIT
    prompter.script("on_disk", "cancel")
    assert not second.files.save()
    assert load(target) == theirs and second.document.is_modified()


@pytest.mark.parametrize(
    "stamp", [None, {"size": -1, "digest": "0" * 64}, {"size": 1, "digest": "short"}, "x"]
)
def test_a_lock_without_a_usable_state_reads_the_original_instead(
    tmp_path: Path, make_window, prompter, stamp: object
) -> None:
    """An older lock (no state) or a damaged one: the original is read on restore, as
    before, so an unchanged file is saved without a question."""
    target = tmp_path / "maps" / "map.argmap.json"
    target.parent.mkdir()
    target.write_bytes(SAMPLE.read_bytes())
    folder = tmp_path / "recovery"
    first = _edited_window(make_window, folder, target)
    assert first.recovery.autosave()
    meta = first.recovery.meta
    _crash(first)
    _rewrite_lock(meta, pid=_dead_pid(), stamp=stamp)
    second = make_window(recovery_folder=folder)
    prompter.script("restore", True)
    assert second.files.offer_recovery()
    assert second.document.stamp is not None
    assert second.files.save()  # no "changed on disk?" question
    assert load(target).nodes["pace"].text == EDIT


def test_an_unsaved_maps_link_survives_a_crash(tmp_path: Path, make_window, prompter) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    article = texts / "article.txt"
    article.write_text("An article for a map not saved yet.\n", encoding="utf-8")
    folder = tmp_path / "recovery"
    first = make_window(recovery_folder=folder)
    first.document.edit("Add", ops.add_claim, EDIT)
    assert first.sourcing.attach(article, keep_beside=True)
    assert first.recovery.autosave()
    kept = json.loads(first.recovery.file.read_text(encoding="utf-8"))["source"]
    assert kept["text"] is None and kept["file"] == "article.txt"
    meta = first.recovery.meta
    _crash(first)
    _rewrite_lock(meta, pid=_dead_pid())
    second = make_window(recovery_folder=folder)
    prompter.script("restore", True)
    assert second.files.offer_recovery()
    assert second.document.path is None
    assert second.document.map.source.file == str(article.resolve())
    assert second.document.map.source.text == article.read_text(encoding="utf-8")


def test_restoring_refuses_a_source_that_opening_refused(
    tmp_path: Path, make_window, prompter
) -> None:
    """A saved map linking a file outside its folder: open refuses it, so must restore."""
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("TOP SECRET outside\n", encoding="utf-8")
    target = _map_linking(tmp_path / "maps", str(secret))
    folder = tmp_path / "recovery"
    first = _edited_window(make_window, folder, target)
    assert first.document.map.source.text is None  # refused on open
    kept = _crash_after_autosave(first)
    assert kept["file"] == str(secret)  # the link as the map had it, not re-pointed
    second = make_window(recovery_folder=folder)
    prompter.script("restore", True)
    assert second.files.offer_recovery()
    restored = second.document.map
    assert restored.nodes["pace"].text == EDIT
    assert restored.source.text is None
    assert restored.source.file == str(secret)
    assert "TOP SECRET" not in json.dumps(restored.model_dump(mode="json"))


def test_a_lost_map_without_a_title_is_named_by_its_main_claim(
    tmp_path: Path, make_window, prompter
) -> None:
    """Issue 17, point 8: the recovery question never says "no title"."""
    from argmap.gui.controllers.recovery import recovery_title
    from argmap.model import ArgumentMap

    folder = tmp_path / "recovery"
    first = make_window(recovery_folder=folder)
    first.files.new()
    first.document.edit("Add Claim", ops.add_claim, "Cities  should\nban cars")
    _crash_after_autosave(first)
    second = make_window(recovery_folder=folder)
    prompter.script("restore", False)
    second.files.offer_recovery()
    question, descriptions = prompter.asked[-1]
    assert question == "restore"
    assert "(Cities should ban cars)" in descriptions[0]
    assert "no title" not in descriptions[0]
    long = ops.add_claim(ArgumentMap(), "word " * 40).map
    assert recovery_title(long).endswith("…") and len(recovery_title(long)) == 60
    titled = ops.set_map_fields(long, title="  My map ").map
    assert recovery_title(titled) == "My map"
    assert recovery_title(ArgumentMap()) == ""
    empty_claim = ops.add_claim(ArgumentMap(), "").map
    root = empty_claim.tree.roots[0]
    reasoned = ops.add_node(empty_claim, root, Relation.SUPPORTS, "A reason\u202e\x00 here").map
    assert recovery_title(reasoned) == "A reason here"  # a reason's words, no controls
