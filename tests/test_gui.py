"""The real main window driven through pytest-qt: keyboard editing, undo, files, export."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtWidgets import QPlainTextEdit

from argmap.formats import dumps, load, save
from argmap.gui.common.settings import AppSettings
from argmap.gui.diagram.render_worker import RenderWorker
from argmap.gui.document.wrapper import Document
from argmap.gui.panels.outline_model import MIME, OutlineModel
from argmap.gui.window.main_window import MainWindow
from argmap.model import ArgumentMap, Relation, ops
from argmap.render import engines
from tests.gui_support import wait_loaded


def outline_shape(model: OutlineModel, parent: QModelIndex | None = None) -> list:
    """The outline as nested (id, children) lists, read through the model's API."""
    parent = parent or QModelIndex()
    shape = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        assert model.parent(index) == parent
        shape.append((model.node_id(index), outline_shape(model, index)))
    return shape


def tree_shape(m: ArgumentMap, parent: str | None = None) -> list:
    return [(c, tree_shape(m, c)) for c in m.tree.children(parent)]


def editor_of(window: MainWindow) -> QPlainTextEdit:
    editors = [w for w in window.outline.findChildren(QPlainTextEdit) if w.isVisible()]
    assert len(editors) == 1
    return editors[0]


def type_into_outline(qtbot, window: MainWindow, text: str) -> None:
    qtbot.waitUntil(lambda: any(w.isVisible() for w in window.outline.findChildren(QPlainTextEdit)))
    editor = editor_of(window)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def press(qtbot, window: MainWindow, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    window.outline.setFocus()
    qtbot.keyClick(window.outline, key, modifier)


# -- building with the keyboard ------------------------------------------------------


def build_by_keyboard(qtbot, window: MainWindow) -> None:
    window.outline.setFocus()
    window.commands["edit.add_claim"].trigger()  # Ctrl+Shift+Return; the same action the key fires
    type_into_outline(qtbot, window, "We should slow down")
    press(qtbot, window, Qt.Key.Key_Insert)  # add support
    type_into_outline(qtbot, window, "Progress is fast")
    press(qtbot, window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # rebut the support
    type_into_outline(qtbot, window, "Experts disagree")
    press(qtbot, window, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)  # outdent
    press(qtbot, window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # co-premise
    type_into_outline(qtbot, window, "Nobody can verify a pause")


def test_build_a_map_with_the_keyboard_then_undo_and_redo_all(qtbot, window) -> None:
    build_by_keyboard(qtbot, window)
    m = window.document.map
    texts = {n.text: n for n in m.nodes.values()}
    assert set(texts) == {
        "We should slow down",
        "Progress is fast",
        "Experts disagree",
        "Nobody can verify a pause",
    }
    claim = texts["We should slow down"]
    assert texts["Progress is fast"].parent == claim.id
    assert texts["Progress is fast"].relation is Relation.SUPPORTS
    disagree = texts["Experts disagree"]
    assert (disagree.parent, disagree.relation) == (claim.id, Relation.REBUTS)  # outdented
    verify = texts["Nobody can verify a pause"]
    assert verify.group is not None and verify.group == disagree.group
    assert outline_shape(window.outline_model) == tree_shape(m)
    assert window.isWindowModified()

    built = dumps(m)
    stack = window.document.undo_stack
    while stack.canUndo():
        stack.undo()
    assert window.document.map.nodes == {}
    assert not window.document.is_modified()
    assert outline_shape(window.outline_model) == []
    while stack.canRedo():
        stack.redo()
    assert dumps(window.document.map) == built
    assert outline_shape(window.outline_model) == tree_shape(window.document.map)


def test_outline_follows_edits_row_by_row(qtbot, window, debate_path: Path) -> None:
    window.files.load(debate_path)
    resets = []
    window.outline_model.modelAboutToBeReset.connect(lambda: resets.append(1))
    doc = window.document
    doc.edit("Move", ops.move_node, "capture", "pace", Relation.REBUTS, 0)
    doc.edit("Delete", ops.delete_subtree, "security")
    doc.edit("Add", ops.add_co_premise, "lecun", "Cats cannot code")
    doc.edit("Move", ops.reorder, "coordination", 0)
    doc.edit("Claim", ops.move_node, "hard-verify", None)
    doc.edit("Toggle", ops.set_relation, "all-players", Relation.REBUTS)
    assert outline_shape(window.outline_model) == tree_shape(doc.map)
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
        assert outline_shape(window.outline_model) == tree_shape(doc.map)
    assert resets == []


def test_typing_in_the_inspector_is_one_undo_step(qtbot, window, debate_path: Path) -> None:
    window.files.load(debate_path)
    window.selection.set_current("pace")
    original = window.document.map.nodes["pace"].text
    window.inspector.text.setFocus()
    window.inspector.text.moveCursor(window.inspector.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.inspector.text, " Really.")
    assert window.document.map.nodes["pace"].text == original + " Really."
    assert window.document.undo_stack.count() == 1
    window.document.undo_stack.undo()
    assert window.document.map.nodes["pace"].text == original
    assert not window.document.is_modified()  # back at the clean index


def test_inspector_tags_note_paragraphs_and_kind(qtbot, window, debate_path: Path) -> None:
    window.files.load(debate_path)
    window.selection.set_current("loop")
    inspector = window.inspector
    inspector.tags.setFocus()
    inspector.tags.clear()
    qtbot.keyClicks(inspector.tags, "timing, loop")
    inspector.paragraphs.setFocus()
    inspector.paragraphs.clear()
    qtbot.keyClicks(inspector.paragraphs, "7, 8")
    node = window.document.map.nodes["loop"]
    assert node.tags == ("timing", "loop")
    assert [r.paragraph for r in node.refs] == [7, 8]
    inspector.kind.setCurrentIndex(2)
    inspector.kind.activated.emit(2)
    assert window.document.map.nodes["loop"].relation is Relation.REBUTS


def test_delete_asks_first_for_a_subtree(qtbot, window, prompter, debate_path: Path) -> None:
    window.files.load(debate_path)
    window.selection.set_current("capture")  # it has reasons below it
    prompter.script("delete", False)
    window.commands["edit.delete"].trigger()
    assert "capture" in window.document.map.nodes
    prompter.script("delete", True)
    window.commands["edit.delete"].trigger()
    assert "capture" not in window.document.map.nodes and "sacks" not in window.document.map.nodes
    window.selection.set_current("loop")  # a leaf: no question
    window.commands["edit.delete"].trigger()
    assert "loop" not in window.document.map.nodes
    assert [q for q, _ in prompter.asked].count("delete") == 2


def test_drag_and_drop_reorders_reparents_and_refuses_own_subtree(
    qtbot, window, debate_path
) -> None:
    window.files.load(debate_path)
    model = window.outline_model

    def drop(node_id: str, target: str | None, row: int) -> bool:
        data = QMimeData()
        data.setData(MIME, node_id.encode())
        parent = model.index_of(target) if target else QModelIndex()
        ok = model.canDropMimeData(data, Qt.DropAction.MoveAction, row, 0, parent)
        if ok:
            model.dropMimeData(data, Qt.DropAction.MoveAction, row, 0, parent)
        return ok

    assert not drop("capture", "open-source", -1)  # into its own subtree
    assert drop("loop", "capture", -1)  # onto a node: becomes its reason
    assert window.document.map.nodes["loop"].parent == "capture"
    assert drop("marketing", "main", 0)  # between rows: reorder
    assert window.document.map.tree.children("main")[0] == "marketing"
    assert outline_shape(model) == tree_shape(window.document.map)
    window.document.undo_stack.undo()
    assert window.document.map.tree.children("main")[0] == "pace"


# -- files ---------------------------------------------------------------------------


def test_save_reopen_equal(qtbot, window, prompter, tmp_path: Path) -> None:
    build_by_keyboard(qtbot, window)
    target = tmp_path / "built"
    prompter.script("save", target)
    window.commands["file.save"].trigger()
    saved = tmp_path / "built.argmap.json"
    assert saved.is_file() and not window.isWindowModified()
    assert window.windowTitle().startswith("built.argmap.json")
    before = window.document.map
    prompter.script("open", saved)
    window.commands["file.new"].trigger()
    assert window.document.map.nodes == {}
    window.commands["file.open"].trigger()
    wait_loaded(qtbot, window)
    assert window.document.map == before
    assert window.settings.recent_files()[0] == saved.resolve()


@pytest.mark.parametrize("answer", ["save", "discard", "cancel"])
def test_unsaved_changes_prompt_on_new(qtbot, window, prompter, tmp_path, debate_path, answer):
    copy = tmp_path / "copy.argmap.json"
    copy.write_bytes(debate_path.read_bytes())
    window.files.load(copy)
    window.document.edit("Edit", ops.edit_node, "pace", text="changed")
    prompter.script("unsaved", answer)
    window.commands["file.new"].trigger()
    if answer == "save":
        assert load(copy).nodes["pace"].text == "changed"
        assert window.document.map.nodes == {}
    elif answer == "discard":
        assert load(copy).nodes["pace"].text != "changed"
        assert window.document.map.nodes == {}
    else:
        assert window.document.map.nodes["pace"].text == "changed"
        assert window.isWindowModified()


@pytest.mark.parametrize("answer", ["save", "discard", "cancel"])
def test_unsaved_changes_prompt_on_close(qtbot, window, prompter, tmp_path, debate_path, answer):
    copy = tmp_path / "copy.argmap.json"
    copy.write_bytes(debate_path.read_bytes())
    window.files.load(copy)
    window.document.edit("Edit", ops.edit_node, "pace", text="changed")
    prompter.script("unsaved", answer)
    closed = window.close()
    assert closed == (answer != "cancel")
    assert (load(copy).nodes["pace"].text == "changed") == (answer == "save")


def test_unsaved_changes_prompt_on_open(qtbot, window, prompter, tmp_path, debate_path) -> None:
    window.files.load(debate_path)
    window.document.edit("Edit", ops.edit_node, "pace", text="changed")
    prompter.script("unsaved", "cancel")
    window.commands["file.open"].trigger()
    assert window.document.map.nodes["pace"].text == "changed"
    assert ("open", window.settings.last_folder) not in prompter.asked


def test_failed_load_keeps_the_open_map(qtbot, window, prompter, tmp_path, debate_path) -> None:
    window.files.load(debate_path)
    window.document.edit("Edit", ops.edit_node, "pace", text="kept")
    broken = tmp_path / "broken.argmap.json"
    broken.write_text('{"format": "argmap", "version": 1, "nodes": [')
    prompter.script("unsaved", "discard")
    assert window.files.open(broken)  # the read starts ...
    wait_loaded(qtbot, window)  # ... and fails
    errors = [detail for q, detail in prompter.asked if q == "error"]
    assert errors and str(broken) in errors[0] and "line 1" in errors[0]
    assert window.document.map.nodes["pace"].text == "kept"
    assert window.document.path == debate_path.resolve()


def test_file_changed_on_disk_is_noticed_before_overwriting(
    qtbot, window, prompter, tmp_path, debate_path
):
    copy = tmp_path / "copy.argmap.json"
    copy.write_bytes(debate_path.read_bytes())
    window.files.load(copy)
    window.document.edit("Edit", ops.edit_node, "pace", text="mine")
    theirs = load(copy).evolve(title="changed elsewhere")
    save(theirs, copy)
    prompter.script("on_disk", "cancel")
    assert not window.files.save()
    assert load(copy).title == "changed elsewhere"
    prompter.script("on_disk", "save_as")
    prompter.script("save", tmp_path / "mine.argmap.json")
    assert window.files.save()
    assert load(tmp_path / "mine.argmap.json").nodes["pace"].text == "mine"
    assert load(copy).title == "changed elsewhere"


def test_save_failure_keeps_the_edits(qtbot, window, prompter, tmp_path) -> None:
    build_by_keyboard(qtbot, window)
    folder = tmp_path / "taken.argmap.json"
    folder.mkdir()
    prompter.script("save", folder)  # a folder, not a file name
    assert not window.files.save_as()
    errors = [detail for q, detail in prompter.asked if q == "error"]
    assert errors and "folder" in errors[0]
    assert window.isWindowModified() and len(window.document.map.nodes) == 4


def test_revert_goes_back_to_the_file(qtbot, window, prompter, debate_path) -> None:
    window.files.load(debate_path)
    window.document.edit("Delete", ops.delete_subtree, "pace")
    prompter.script("unsaved", "discard")
    window.commands["file.revert"].trigger()
    wait_loaded(qtbot, window)
    assert "pace" in window.document.map.nodes and not window.isWindowModified()


def test_recovery_after_a_crash_restores_the_edits(
    qtbot, make_window, prompter, tmp_path, debate_path
):
    folder = tmp_path / "recovery"
    first = make_window(recovery_folder=folder)
    first.files.load(debate_path)
    first.document.edit("Edit", ops.edit_node, "pace", text="edited before the crash")
    assert first.recovery.autosave()
    # a crash: the process dies without closing the window; make the file look orphaned
    meta = first.recovery.meta
    info = json.loads(meta.read_text())
    info["pid"] = _dead_pid()
    meta.write_text(json.dumps(info))
    first.recovery.timer.stop()
    # the dead process cannot clean up: point the first window's clean-up elsewhere
    first.recovery.file, first.recovery.meta = tmp_path / "gone.json", tmp_path / "gone.meta"

    second = make_window(recovery_folder=folder)
    prompter.script("restore", True)
    assert second.files.offer_recovery()
    assert second.document.map.nodes["pace"].text == "edited before the crash"
    assert second.document.path == debate_path.resolve()
    assert second.isWindowModified()


def test_autosave_timer_and_nth_edit(qtbot, window, debate_path) -> None:
    window.files.load(debate_path)
    window.recovery.set_interval(1)
    window.document.edit("Edit", ops.edit_node, "pace", text="x")
    qtbot.waitUntil(window.recovery.file.is_file, timeout=5000)
    assert load(window.recovery.file).nodes["pace"].text == "x"
    window.recovery.set_interval(3600)
    for k in range(20):
        window.document.edit("Edit", ops.edit_node, "loop", text=f"edit {k}")
    assert load(window.recovery.file).nodes["loop"].text == "edit 19"
    window.document.undo_stack.setClean()
    assert not window.recovery.file.exists()  # saved state: nothing to recover


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    return int(child.stdout)


# -- diagram and export --------------------------------------------------------------


def test_diagram_follows_edits(qtbot, window, debate_path) -> None:
    window.files.load(debate_path)
    qtbot.waitUntil(
        lambda: window.diagram.svg is not None and b'id="pace"' in window.diagram.svg, timeout=20000
    )
    window.document.edit("Edit", ops.edit_node, "pace", text="Brand new words")
    qtbot.waitUntil(lambda: b"Brand new words" in (window.diagram.svg or b""), timeout=20000)
    assert "rendered in" in window.render_label.text()
    assert window.count_label.text() == "33 nodes"


class SlowEngine(engines.Engine):
    """The real embedded engine held back until the test lets it go: a slow Graphviz."""

    name = "slow"
    native_formats = frozenset({"svg"})

    def __init__(self) -> None:
        self.release = threading.Event()
        self.inner = engines.get_engine("embedded")

    def render(self, dot: str, fmt: str = "svg", timeout: float = 60) -> bytes:
        self.release.wait(30)
        return self.inner.render(dot, fmt, timeout)


def test_slow_render_keeps_the_event_loop_running_and_stale_results_are_dropped(qtbot) -> None:
    engine = SlowEngine()
    worker = RenderWorker(engine=engine)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    delivered: list[bytes] = []
    worker.rendered.connect(lambda svg, seconds: delivered.append(svg))
    old = ops.add_claim(ArgumentMap(), "old", node_id="old").map
    new = ops.add_claim(ArgumentMap(), "new", node_id="new").map
    worker.request(old)
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=5000)  # the GUI keeps running
    worker.request(new)
    engine.release.set()
    qtbot.waitUntil(lambda: len(delivered) == 1, timeout=20000)
    worker.wait()
    qtbot.wait(50)  # let any queued result of the stale request arrive, too
    assert len(delivered) == 1
    assert b'id="new"' in delivered[0] and b'id="old"' not in delivered[0]
    timer.stop()


def test_render_error_shows_in_the_pane_not_a_dialog(qtbot, make_window, prompter) -> None:
    class Broken(engines.Engine):
        """A Graphviz that fails: the real ones do not fail on our DOT."""

        name = "broken"
        native_formats = frozenset({"svg"})

        def render(self, dot: str, fmt: str = "svg", timeout: float = 60) -> bytes:
            raise engines.RenderError("Graphviz ran out of memory")

    win = make_window(engine=Broken())
    win.document.edit("Add", ops.add_claim, "x")
    qtbot.waitUntil(lambda: "render failed" in win.render_label.text(), timeout=10000)
    assert "ran out of memory" in win.diagram.message.text()
    assert not [q for q, _ in prompter.asked if q == "error"]


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf", "dot"])
def test_export_writes_every_format(
    qtbot, window, prompter, tmp_path, debate_path, fmt, monkeypatch
):
    from argmap.gui.dialogs import export_dialog

    window.files.load(debate_path)
    window.settings.set("export/format", fmt)
    monkeypatch.setattr(export_dialog.ExportDialog, "exec", lambda self: 1)
    target = tmp_path / f"out.{fmt}"
    prompter.script("save", target)
    window.commands["file.export"].trigger()
    qtbot.waitUntil(lambda: target.is_file() and not window.exporting.jobs, timeout=30000)
    magic = {"svg": b"<?xml", "png": b"\x89PNG", "pdf": b"%PDF", "dot": b"digraph"}[fmt]
    assert target.read_bytes().startswith(magic)


def test_export_dialog_previews_size_and_exports_a_subtree(
    qtbot, window, debate_path, tmp_path
) -> None:
    from argmap.gui.dialogs.export_dialog import ExportDialog

    window.files.load(debate_path)
    dialog = ExportDialog(window.document.map, "capture", window.settings, window)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("png"))
    dialog.dpi.setValue(72)
    qtbot.waitUntil(lambda: "pixels" in dialog.size_label.text(), timeout=20000)
    whole = dialog.size_label.text()
    dialog.subtree.setChecked(True)
    qtbot.waitUntil(
        lambda: "pixels" in dialog.size_label.text() and dialog.size_label.text() != whole,
        timeout=20000,
    )
    assert set(dialog.chosen_map().map.nodes) == {"capture", "sacks", "open-source"}
    dialog.remember(tmp_path)
    assert window.settings.text("export/format", "") == "png"
    dialog.done(0)


def test_copy_diagram_puts_an_image_on_the_clipboard(qtbot, window, debate_path) -> None:
    from PySide6.QtGui import QGuiApplication

    window.files.load(debate_path)
    qtbot.waitUntil(lambda: window.diagram.svg is not None, timeout=20000)
    window.commands["file.copy_diagram"].trigger()
    image = QGuiApplication.clipboard().image()
    assert image.width() > 1000 and image.height() > 100


# -- settings and chrome -------------------------------------------------------------


def test_every_action_has_a_tooltip_and_editing_ones_a_shortcut(window) -> None:
    for action in window.findChildren(type(window.commands["file.new"])):
        if action.text() and not action.isSeparator() and action.menu() is None:
            assert action.toolTip(), action.text()
    for action in (
        window.commands["edit.add_support"],
        window.commands["edit.add_rebuttal"],
        window.commands["edit.add_co_premise"],
        window.commands["edit.add_sibling"],
        window.commands["edit.edit_text"],
        window.commands["edit.delete"],
        window.commands["edit.move_up"],
        window.commands["edit.move_down"],
        window.commands["edit.indent"],
        window.commands["edit.outdent"],
        window.commands["edit.undo"],
        window.commands["edit.redo"],
        window.commands["file.save"],
        window.commands["file.open"],
        window.commands["file.new"],
    ):
        assert not action.shortcut().isEmpty(), action.text()
        if action.text() not in ("&Undo", "&Redo"):  # Qt's undo actions set their own tips
            assert action.shortcut().toString() in action.toolTip(), action.text()


def test_layout_theme_and_recent_files_are_remembered(qtbot, make_window, settings, debate_path):
    first = make_window()
    first.files.load(debate_path)
    first.view_state.choose_theme("print")
    first.history_dock.hide()
    first.close()
    second = make_window()
    assert second.view_state.theme == "print"
    assert second.history_dock.isHidden()
    assert settings.recent_files() == [debate_path.resolve()]


def test_broken_settings_do_not_stop_the_window(qtbot, make_window, tmp_path) -> None:
    ini = tmp_path / "broken.ini"
    ini.write_text(
        "[view]\ntheme=neon\ndirection=42\n[files]\nrecent=@Invalid()\nautosave_seconds=-5\n"
        "[window]\ngeometry=garbage\nstate=@ByteArray(xyz)\n"
    )
    settings = AppSettings(QSettings(str(ini), QSettings.Format.IniFormat))
    win = make_window(settings=settings)
    assert win.view_state.theme == "default" and win.view_state.direction == "auto"
    assert settings.autosave_seconds == 30


def test_dropping_a_file_opens_it(qtbot, window, debate_path) -> None:
    from PySide6.QtCore import QPoint, QUrl
    from PySide6.QtGui import QDropEvent

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(debate_path))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    wait_loaded(qtbot, window)
    assert window.document.path == debate_path.resolve()
    assert len(window.document.map.nodes) == 33


def test_document_is_clean_exactly_at_the_clean_index(qtbot) -> None:
    doc = Document()
    doc.edit("Add", ops.add_claim, "a")
    doc.edit("Add", ops.add_claim, "b")
    doc.undo_stack.setClean()
    assert not doc.is_modified()
    doc.undo_stack.undo()
    assert doc.is_modified()
    doc.undo_stack.redo()
    assert not doc.is_modified()


def test_typing_keys_in_a_text_field_do_not_fire_window_shortcuts(
    qtbot, window, debate_path
) -> None:
    window.files.load(debate_path)
    window.selection.set_current("pace")
    count = len(window.document.map.nodes)
    window.inspector.text.setFocus()
    qtbot.keyClick(window.inspector.text, Qt.Key.Key_Insert)
    qtbot.keyClick(window.inspector.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(window.document.map.nodes) == count  # no support, no sibling added


def test_open_import_and_export_other_formats(qtbot, window, prompter, tmp_path) -> None:
    from tests.conftest import SHARED

    primer = SHARED / "corpus" / "argdown" / "argdown-argdown__examples__argdown-primer.argdown"
    if not primer.exists():
        pytest.skip("the corpus is in ../shared/corpus")
    prompter.script("import", primer)
    window.commands["file.import"].trigger()
    wait_loaded(qtbot, window)
    assert len(window.document.map.nodes) == 21
    assert window.document.path is None  # saving asks for a new .argmap.json
    for action, name in (
        (window.commands["file.export_argdown"], "out.argdown"),
        (window.commands["file.export_aif"], "out.json"),
        (window.commands["file.export_markdown"], "out.md"),
    ):
        prompter.script("save", tmp_path / name)
        action.trigger()
        assert (tmp_path / name).stat().st_size > 100
    prompter.script("save", tmp_path / "primer")
    assert window.files.save()
    assert (tmp_path / "primer.argmap.json").is_file()
    prompter.script("unsaved", "discard")
    assert window.files.open(tmp_path / "out.json")  # AIF, opened directly
    wait_loaded(qtbot, window)
    assert len(window.document.map.nodes) == 21


def test_assess_watch_the_verdict_and_the_problems(qtbot, window, debate_path) -> None:
    from argmap.model import Acceptance, Force

    window.files.load(debate_path)
    window.selection.set_current("main")
    qtbot.waitUntil(lambda: window.inspector.verdict.text().startswith("out"), timeout=5000)
    assert "rebutted by" in window.inspector.verdict.text()
    # every rebuttal of the main claim judged to carry no force: the claim stands
    for rebuttal in [
        c
        for c in window.document.map.tree.children("main")
        if window.document.map.nodes[c].relation is Relation.REBUTS
    ]:
        window.selection.set_current(rebuttal)
        window.commands["assess.no_force"].trigger()
    window.selection.set_current("main")
    qtbot.waitUntil(lambda: window.inspector.verdict.text().startswith("in"), timeout=5000)
    assert window.document.map.nodes["capture"].force is Force.NONE
    window.commands["assess.rejected"].trigger()
    assert window.document.map.nodes["main"].acceptance is Acceptance.REJECTED
    qtbot.waitUntil(lambda: window.inspector.verdict.text() == "out: you rejected it", timeout=5000)
    # the overlay marks the verdict on the diagram
    window.commands["assess.evaluation"].trigger()
    qtbot.waitUntil(lambda: b"does not stand" in (window.diagram.svg or b""), timeout=20000)
    assert b"[rejected]" in window.diagram.svg and b"no force" in window.diagram.svg
    # undo takes the assessments back one by one
    stack = window.document.undo_stack
    while stack.canUndo():
        stack.undo()
    assert all(n.acceptance is None and n.force is None for n in window.document.map.nodes.values())
    # problems: an empty statement is an error; clicking it selects the node
    window.document.edit("Add", ops.add_node, "pace", Relation.SUPPORTS, "")
    window.problems.refresh()
    errors, warnings = window.problems.counts()
    # the new node has no text (an error) and no passage of the source (a warning); the
    # sample itself has no problems
    assert (errors, warnings) == (1, 1)
    item = next(
        window.problems.list.item(i)
        for i in range(window.problems.list.count())
        if "no text" in window.problems.list.item(i).text()
    )
    window.problems.list.itemClicked.emit(item)
    assert window.document.map.nodes[window.selection.current].text == ""
