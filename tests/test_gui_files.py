"""Files in the real window: every save path survives any failure of the writer, opening and
importing run off the GUI thread with Cancel, notes are told once, attached texts are kept."""

from __future__ import annotations

import dataclasses
import errno
import json
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton

from argmap.formats import SaveError, loads, native, save
from argmap.formats.registry import FORMATS, write_any
from argmap.gui.controllers import files as files_module
from argmap.gui.controllers import import_job
from argmap.gui.controllers import recovery as recovery_module
from argmap.model import ArgumentMap, Relation, ops
from tests.conftest import SAMPLE

EDIT = "hours of careful work"
KINDS = ["SaveError", "OSError", "UnicodeEncodeError", "ValueError", "RuntimeError"]


def failure(kind: str, path: object) -> Exception:
    """What a writer may raise: the typed error, the OS, the encoder, a bug in a writer."""
    if kind == "SaveError":
        return SaveError(str(path), "the disk is full; free some space or save elsewhere")
    if kind == "OSError":
        return OSError(errno.EIO, "Input/output error")
    if kind == "UnicodeEncodeError":
        return UnicodeEncodeError("utf-8", "x\ud800", 1, 2, "surrogates not allowed")
    if kind == "ValueError":
        return ValueError("Circular reference detected")
    return RuntimeError("a writer's bug\n  on a second line")


def errors_of(prompter) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(detail) for question, detail in prompter.asked if question == "error"]


def status_messages(window) -> list[str]:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    window.statusBar().messageChanged.connect(lambda text: text and shown.append(text))
    return shown


def one_line(message: str) -> bool:
    return "\n" not in message and "\r" not in message and 0 < len(message) <= 240


@pytest.fixture
def edited(window, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The sample, opened from a folder of its own and edited: work that must not be lost."""
    folder = tmp_path / "maps"
    folder.mkdir()
    target = folder / "map.argmap.json"
    target.write_bytes(SAMPLE.read_bytes())
    assert window.files.load(target)
    window.document.edit("Edit", ops.edit_node, "pace", text=EDIT)
    return target, target.read_bytes()


def break_writers(monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    def writer(m: ArgumentMap, path: object, *args: object) -> None:
        raise failure(kind, path)

    monkeypatch.setattr(files_module, "save_map", writer)
    monkeypatch.setattr(files_module, "write_any", writer)


def assert_kept(window, prompter, target: Path, original: bytes, errors_before: int) -> None:  # type: ignore[no-untyped-def]
    errors = errors_of(prompter)
    assert len(errors) == errors_before + 1  # told once, in one dialog
    assert one_line(errors[-1]), errors[-1]
    assert window.document.is_modified()
    assert window.document.map.nodes["pace"].text == EDIT
    assert target.read_bytes() == original
    recovered = loads(window.recovery.file.read_bytes())  # the failed save wrote it
    assert recovered.nodes["pace"].text == EDIT


# -- 1. every save path survives any failure ------------------------------------------


@pytest.mark.parametrize("where", ["save", "save_as", "close", "new", "open", "export"])
def test_every_save_path_survives_any_failure_of_the_writer(
    qtbot, window, prompter, edited, tmp_path, monkeypatch, where
) -> None:
    target, original = edited
    for kind in KINDS:
        break_writers(monkeypatch, kind)
        window.recovery.discard()
        before = len(errors_of(prompter))
        other = tmp_path / f"other-{kind}.argmap.json"
        if where == "save":
            window.commands["file.save"].trigger()
        elif where == "save_as":
            prompter.script("save", other)
            window.commands["file.save_as"].trigger()
        elif where == "close":
            prompter.script("unsaved", "save")
            assert not window.close()
            assert window.isVisible()  # the window stays open with the edits
        elif where == "new":
            prompter.script("unsaved", "save")
            window.commands["file.new"].trigger()
            assert window.document.path == target.resolve()
        elif where == "open":
            prompter.script("unsaved", "save")
            window.commands["file.open"].trigger()
            assert ("open", window.settings.last_folder) not in prompter.asked
        else:
            out = tmp_path / f"out-{kind}.argdown"
            prompter.script("save", out)
            window.commands["file.export_argdown"].trigger()
            assert not out.exists()
        assert not other.exists()
        assert_kept(window, prompter, target, original, before)
        monkeypatch.undo()
    assert not [q for q in prompter.answers.values() if q]  # every scripted answer was used


@pytest.mark.parametrize("where", ["a folder", "a missing folder", "no name", "the root"])
def test_a_real_unwritable_target_is_one_error_and_the_edits_stay(
    qtbot, window, prompter, edited, tmp_path, where, monkeypatch
) -> None:
    target, original = edited
    if where == "a folder":
        chosen = tmp_path / "taken.argmap.json"
        chosen.mkdir()
    elif where == "no name":  # a path with no file name at all: Path(".")
        monkeypatch.chdir(tmp_path)
        chosen = Path(".")
    elif where == "the root":
        chosen = Path("/")
    else:
        chosen = tmp_path / "gone" / "map.argmap.json"
    window.recovery.discard()
    prompter.script("save", chosen)
    window.commands["file.save_as"].trigger()
    assert_kept(window, prompter, target, original, 0)
    assert str(chosen) in errors_of(prompter)[0]  # it names the file
    assert window.document.path == target.resolve()
    # the close prompt, saving to the same place under a new name, fails the same way
    window.document.set_path(None)
    prompter.script("unsaved", "save")
    prompter.script("save", chosen)
    assert not window.close() and window.isVisible()
    assert len(errors_of(prompter)) == 2 and one_line(errors_of(prompter)[1])


def test_autosave_failures_go_to_the_status_bar_not_a_dialog(
    qtbot, window, prompter, edited, monkeypatch
) -> None:
    shown = status_messages(window)
    window.recovery.discard()
    for kind in KINDS:  # every N edits

        def broken(path: object, data: bytes, *, mode: int, kind: str = kind) -> None:
            assert mode == 0o600  # the recovery files are private
            raise failure(kind, path)

        monkeypatch.setattr(recovery_module, "atomic_write", broken)
        for k in range(recovery_module.EDITS_PER_AUTOSAVE):
            window.document.edit("Edit", ops.edit_node, "loop", text=f"{kind} {k}")
        assert shown and shown[-1].startswith("Autosave failed") and one_line(shown[-1])
        monkeypatch.undo()
    count = len(shown)
    monkeypatch.setattr(recovery_module, "atomic_write", lambda path, data, mode: 1 / 0)
    window.recovery.set_interval(1)  # and the timer
    qtbot.waitUntil(lambda: len(shown) > count, timeout=5000)
    assert shown[-1].startswith("Autosave failed") and one_line(shown[-1])
    assert errors_of(prompter) == []
    assert window.document.is_modified() and window.document.map.nodes["pace"].text == EDIT
    monkeypatch.undo()
    assert window.recovery.autosave()  # the fault gone, the next autosave writes
    assert loads(window.recovery.file.read_bytes()).nodes["pace"].text == EDIT


# -- 3. loads off the GUI thread, with Cancel ----------------------------------------


class Gate:
    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()


def slow_down(monkeypatch: pytest.MonkeyPatch, fmt: str) -> Gate:
    """Hold the reader of `fmt` inside the worker until the test lets it go.

    It stands in for a huge file (or a slow disk): a real one would only make the test slow.
    """
    gate = Gate()

    def hold() -> None:
        gate.started.set()
        gate.release.wait(5)

    if fmt == "argmap":
        real_native = import_job.read_native

        def slow_native(path: Path) -> import_job.Loaded:
            hold()
            return real_native(path)

        monkeypatch.setattr(import_job, "read_native", slow_native)
    else:
        real = FORMATS[fmt].reader
        assert real is not None

        def slow(path: Path) -> ArgumentMap:
            hold()
            return real(path)

        monkeypatch.setitem(FORMATS, fmt, dataclasses.replace(FORMATS[fmt], reader=slow))
    return gate


def small_map() -> ArgumentMap:
    result = ops.add_claim(ArgumentMap(title="Cars"), "Cities should ban cars", node_id="c")
    result = ops.add_node(result.map, "c", Relation.SUPPORTS, "Cleaner air", node_id="r")
    return result.map


def write_in(fmt: str, folder: Path) -> Path:
    if fmt == "argmap":
        path = folder / "small.argmap.json"
        save(small_map(), path)
    elif fmt == "argdown":
        path = folder / "small.argdown"
        write_any(small_map(), path, "argdown")
    elif fmt == "aif":
        path = folder / "small.json"
        write_any(small_map(), path, "aif")
    else:
        path = folder / "small.txt"
        path.write_text(
            "Discussion Title: Cities should ban cars\n\n1. Cities should ban cars\n"
            "1.1. Pro: Cleaner air\n",
            encoding="utf-8",
        )
    return path


def ticking() -> tuple[QTimer, list[int]]:
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    return timer, ticks


def cancel_button(window) -> QPushButton:  # type: ignore[no-untyped-def]
    dialog = window.load_progress.dialog
    assert dialog is not None and dialog.isVisible()
    button = dialog.findChild(QPushButton)
    assert button is not None and button.text() == "Cancel"
    return button


@pytest.mark.parametrize("fmt", ["argmap", "argdown", "aif", "kialo"])
def test_a_slow_load_keeps_the_gui_running_and_cancel_keeps_the_open_map(
    qtbot, window, prompter, tmp_path, monkeypatch, fmt
) -> None:
    assert window.files.load(SAMPLE)
    before = window.document.map
    path = write_in(fmt, tmp_path)
    gate = slow_down(monkeypatch, fmt)
    timer, ticks = ticking()
    if fmt == "argmap":
        prompter.script("open", path)
        window.commands["file.open"].trigger()
    else:
        prompter.script("import", path)
        window.commands["file.import"].trigger()
    assert window.document.path == SAMPLE.resolve()  # the command returned before the read
    qtbot.waitUntil(lambda: gate.started.is_set() and len(ticks) >= 10, timeout=5000)
    assert window.files.loading
    qtbot.waitUntil(lambda: window.load_progress.dialog is not None, timeout=5000)
    qtbot.waitUntil(lambda: window.load_progress.dialog.isVisible(), timeout=5000)
    qtbot.mouseClick(cancel_button(window), Qt.MouseButton.LeftButton)
    assert not window.files.loading
    assert not window.load_progress.dialog.isVisible()
    assert window.document.map is before and window.document.path == SAMPLE.resolve()
    gate.release.set()  # the late result arrives ...
    assert window.files.wait(10000)
    assert window.document.map is before  # ... and is dropped
    assert window.document.path == SAMPLE.resolve() and not window.isWindowModified()
    assert errors_of(prompter) == []
    timer.stop()


@pytest.mark.parametrize("fmt", ["argmap", "argdown", "aif", "kialo"])
def test_a_slow_load_finishes_in_the_background(
    qtbot, window, prompter, tmp_path, monkeypatch, fmt
) -> None:
    path = write_in(fmt, tmp_path)
    gate = slow_down(monkeypatch, fmt)
    timer, ticks = ticking()
    prompter.script("open", path)
    window.commands["file.open"].trigger()
    qtbot.waitUntil(lambda: gate.started.is_set() and len(ticks) >= 5, timeout=5000)
    assert window.document.map.nodes == {}
    gate.release.set()
    qtbot.waitUntil(lambda: not window.files.loading, timeout=10000)
    texts = sorted(n.text for n in window.document.map.nodes.values())
    assert texts == ["Cities should ban cars", "Cleaner air"]
    assert window.document.path == (path.resolve() if fmt == "argmap" else None)
    assert not window.is_welcoming()
    shown = window.load_progress.dialog
    assert not (shown is not None and shown.isVisible())  # no progress left on screen
    timer.stop()


def test_an_edit_made_while_a_file_loads_is_asked_about_before_it_is_replaced(
    qtbot, window, prompter, tmp_path, monkeypatch
) -> None:
    assert window.files.load(SAMPLE)
    path = write_in("argmap", tmp_path)
    gate = slow_down(monkeypatch, "argmap")
    prompter.script("open", path)
    window.commands["file.open"].trigger()  # nothing unsaved yet: no question
    qtbot.waitUntil(gate.started.is_set, timeout=5000)
    window.document.edit("Edit", ops.edit_node, "pace", text=EDIT)  # before the dialog
    prompter.script("unsaved", "cancel")
    gate.release.set()
    assert window.files.wait(10000)  # the read is done and its result taken: asked
    assert ("unsaved", "ai-slowdown.argmap.json") in prompter.asked
    assert window.document.map.nodes["pace"].text == EDIT
    assert window.document.path == SAMPLE.resolve()


def test_a_normal_open_works_end_to_end(qtbot, window, prompter, tmp_path) -> None:
    path = write_in("argmap", tmp_path)
    prompter.script("open", path)
    window.commands["file.open"].trigger()
    qtbot.waitUntil(lambda: window.document.path == path.resolve(), timeout=10000)
    assert window.document.map == small_map()
    assert window.settings.recent_files()[0] == path.resolve()
    assert not window.files.loading and not window.isWindowModified()


# -- 5. a failed load: one line, the open map kept -----------------------------------


@pytest.mark.parametrize("how", ["a name with a newline", "a reader's bug"])
def test_a_failed_load_is_one_line_and_keeps_the_open_map(
    qtbot, window, prompter, tmp_path, monkeypatch, how
) -> None:
    assert window.files.load(SAMPLE)
    before = window.document.map
    if how == "a name with a newline":
        path = tmp_path / "bad\nname.argmap.json"
        path.write_text('{"format": "argmap", "version": 1, "nodes": [', encoding="utf-8")
    else:
        path = write_in("argdown", tmp_path)

        def buggy(path: Path) -> ArgumentMap:
            raise RecursionError("maximum recursion depth exceeded\nwhile calling")

        monkeypatch.setitem(
            FORMATS, "argdown", dataclasses.replace(FORMATS["argdown"], reader=buggy)
        )
    window.files.open(path)
    qtbot.waitUntil(lambda: not window.files.loading, timeout=10000)
    errors = errors_of(prompter)
    assert len(errors) == 1 and one_line(errors[0]), errors
    assert ("name.argmap.json" if how == "a name with a newline" else "small.argdown") in errors[0]
    assert window.document.map is before and window.document.path == SAMPLE.resolve()


# -- 4. notes told once; a text from elsewhere is kept inside ------------------------


def map_with_source_beside(folder: Path, source: str = "article.txt") -> Path:
    m = small_map()
    m = m.evolve(source=m.source.model_copy(update={"file": source, "title": "Article"}))
    path = folder / "beside.argmap.json"
    path.write_text(json.dumps(m.model_dump(mode="json")), encoding="utf-8")
    return path


def test_a_beside_source_not_read_is_told_once(qtbot, window, prompter, tmp_path) -> None:
    path = map_with_source_beside(tmp_path, "missing.txt")
    shown = status_messages(window)
    prompter.script("open", path)
    window.commands["file.open"].trigger()
    qtbot.waitUntil(lambda: window.document.path == path.resolve(), timeout=10000)
    told = [text for text in shown if "missing.txt" in text]
    assert len(told) == 1 and one_line(told[0]), shown
    assert errors_of(prompter) == []


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    path = folder / "article.txt"
    path.write_text("First paragraph.\n\nSecond paragraph.\n", encoding="utf-8")
    return path


def saved_data(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_text_from_elsewhere_is_kept_inside_the_map(
    qtbot, window, prompter, tmp_path, elsewhere
) -> None:
    maps = tmp_path / "maps"
    maps.mkdir()
    target = maps / "m.argmap.json"
    save(small_map(), target)
    assert window.files.load(target)
    shown = status_messages(window)
    prompter.script("source", elsewhere)
    # no question: linking it would break on the next open
    window.commands["source.attach"].trigger()
    assert ("storage", "article.txt") not in prompter.asked
    source = window.document.map.source
    assert source.file is None and source.text == elsewhere.read_text(encoding="utf-8")
    assert any("inside the map" in text for text in shown)
    assert window.files.save()
    assert saved_data(target)["source"]["text"] == source.text
    assert saved_data(target)["source"]["file"] is None


def test_a_text_in_the_maps_folder_is_linked_when_asked(qtbot, window, prompter, tmp_path) -> None:
    maps = tmp_path / "maps"
    (maps / "texts").mkdir(parents=True)
    article = maps / "texts" / "article.txt"
    article.write_text("One paragraph.\n", encoding="utf-8")
    target = maps / "m.argmap.json"
    save(small_map(), target)
    assert window.files.load(target)
    prompter.script("source", article)
    prompter.script("storage", "beside")
    window.commands["source.attach"].trigger()
    assert window.document.map.source.file == "texts/article.txt"
    assert window.files.save()
    assert saved_data(target)["source"]["text"] is None
    assert saved_data(target)["source"]["file"] == "texts/article.txt"


@pytest.mark.parametrize("save_in", ["another folder", "the text's folder"])
def test_an_unsaved_maps_link_is_settled_when_it_is_saved(
    qtbot, window, prompter, tmp_path, elsewhere, save_in
) -> None:
    window.document.edit("Add", ops.add_claim, "A claim")
    assert window.sourcing.attach(elsewhere, keep_beside=True)
    folder = tmp_path / "maps" if save_in == "another folder" else elsewhere.parent
    folder.mkdir(exist_ok=True)
    prompter.script("save", folder / "m.argmap.json")
    assert window.files.save()
    data = saved_data(folder / "m.argmap.json")["source"]
    if save_in == "another folder":  # not beside it: the text goes inside, nothing is lost
        assert data["file"] is None and data["text"] == elsewhere.read_text(encoding="utf-8")
    else:
        assert data["file"] == "article.txt" and data["text"] is None
    assert not window.isWindowModified()
    assert window.files.load(folder / "m.argmap.json")
    assert window.document.map.source.text == elsewhere.read_text(encoding="utf-8")


def test_exporting_over_the_open_map_is_refused(qtbot, window, prompter, edited) -> None:
    target, original = edited
    prompter.script("save", target)
    window.commands["file.export_markdown"].trigger()
    errors = errors_of(prompter)
    assert len(errors) == 1 and "the map itself" in errors[0] and one_line(errors[0])
    assert target.read_bytes() == original
    assert window.document.is_modified() and window.document.map.nodes["pace"].text == EDIT


def test_a_hidden_text_in_the_maps_folder_is_kept_inside_the_map(
    qtbot, window, prompter, tmp_path
) -> None:
    """Opening never reads a hidden file beside a map, so attaching one must not link it:
    the link would lose the text on the next open."""
    maps = tmp_path / "maps"
    (maps / ".notes").mkdir(parents=True)
    hidden = maps / ".notes" / "article.txt"
    hidden.write_text("One paragraph.\n", encoding="utf-8")
    target = maps / "m.argmap.json"
    save(small_map(), target)
    assert window.files.load(target)
    prompter.script("source", hidden)
    window.commands["source.attach"].trigger()  # no "link or keep inside?" question either
    assert not [q for q, _ in prompter.asked if q == "storage"]
    source = window.document.map.source
    assert source.file is None and source.text == hidden.read_text(encoding="utf-8")
    assert window.files.save()
    assert native.load(target).source.text == source.text  # and it opens with its text


def test_a_message_cannot_reorder_or_break_its_line() -> None:
    """A file name may hold bidi controls or a line separator: shown escaped, as everywhere."""
    from argmap.gui.controllers.failures import one_line as told

    line = told("map\u202egpj.exe\u2028second\nthird\x00")
    assert line == "map\\u202egpj.exe\\u2028second third\\x00"


# -- a file whose format cannot be told: advice the app can follow, not a CLI flag ---------

_UNTOLD = {
    "plain.txt": b"just some words\n",
    "heading.txt": b"# A heading\n\nSome text.\n",
    "empty.txt": b"",
    "other.json": b'{"name": "not a map"}\n',
    "notes.md": b"# Notes\n",
}


@pytest.mark.parametrize("name", sorted(_UNTOLD))
def test_a_file_of_no_format_argmap_can_tell_gets_advice_the_app_can_follow(
    qtbot, window, prompter, tmp_path, name
) -> None:
    """Opening plain text said "…; use --from (argmap, argdown, aif, kialo)": a flag the
    app has not got.  The Import dialog offers no format either (its filter only narrows
    the listing), so the advice is what works: argmap's formats, and an Argdown name."""
    window.files.load(SAMPLE)
    before = window.document.map
    path = tmp_path / name
    path.write_bytes(_UNTOLD[name])
    window.files.start_load(path)
    qtbot.waitUntil(lambda: not window.files.loading, timeout=20000)
    [error] = errors_of(prompter)
    assert "--from" not in error and "--to" not in error
    assert error.startswith(f"{path}: ")
    assert "name it .argdown" in error, error
    assert len(error) <= 200 and "\n" not in error
    assert window.document.map == before
    assert path.read_bytes() == _UNTOLD[name]


def test_the_command_line_keeps_naming_from(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from argmap.formats import LoadError
    from argmap.formats.registry import input_format

    for name, data in _UNTOLD.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(LoadError, match="--from"):
            input_format(path)
