"""Reliability: faults on save, scale, hostile content.

The fuzzed readers are in tests/test_fuzz_readers.py.
"""

from __future__ import annotations

import errno
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from argmap.formats import LoadError, dumps, loads, save
from argmap.model import ArgumentMap, Node, Relation, ops, revalidate
from argmap.render import RenderError, get_engine, to_dot
from tests.conftest import SAMPLE
from tests.limits import time_limit

LIMIT_S = 10.0  # no single load may take longer


# -- faults on save, through the editor ----------------------------------------------------


def _step_faults(monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    from argmap.formats import atomic

    def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    if step in ("create", "permission"):  # creating the temporary file fails
        error = (
            OSError(errno.ENOSPC, "No space left on device")
            if step == "create"
            else PermissionError(errno.EACCES, "denied")
        )
        real_open = atomic.os.open

        def refuse_create(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
            if flags & atomic.os.O_CREAT:
                raise error
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(atomic.os, "open", refuse_create)
    elif step == "write":
        real = atomic.os.fdopen

        class Full:
            def __init__(self, handle):  # type: ignore[no-untyped-def]
                self.handle = handle

            def __enter__(self):  # type: ignore[no-untyped-def]
                return self

            def __exit__(self, *exc):  # type: ignore[no-untyped-def]
                self.handle.close()

            def write(self, data: bytes) -> int:
                self.handle.write(data[: len(data) // 2])
                raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode: Full(real(fd, mode)))
    elif step == "sync":
        monkeypatch.setattr(atomic.os, "fsync", fail)
    elif step == "rename":
        monkeypatch.setattr(atomic.os, "replace", fail)


FAULTS = ["create", "write", "sync", "rename", "permission", "directory", "vanished"]


@pytest.mark.parametrize("fault", FAULTS)
def test_a_failed_save_loses_nothing(qtbot, window, prompter, tmp_path, monkeypatch, fault) -> None:
    folder = tmp_path / "maps"
    folder.mkdir()
    target = folder / "map.argmap.json"
    target.write_bytes(SAMPLE.read_bytes())
    original = target.read_bytes()
    window.files.load(target)
    window.document.edit("Edit", ops.edit_node, "pace", text="hours of careful work")
    if fault in ("directory", "vanished"):
        prompter.script("on_disk", "overwrite")  # it noticed; the user insists
    if fault == "directory":
        window.document.path = folder  # the file became a folder
    elif fault == "vanished":
        target.unlink()
        folder.rmdir()
    else:
        _step_faults(monkeypatch, fault)
    assert not window.files.save()
    monkeypatch.undo()
    # told what happened and what to do
    errors = [detail for question, detail in prompter.asked if question == "error"]
    assert errors and "still open" in errors[-1]
    # the file on disk is untouched; the edits are in memory and in the recovery file
    if fault not in ("vanished", "directory"):
        assert target.read_bytes() == original
        assert not [p for p in folder.iterdir() if p.name != "map.argmap.json"]
    assert window.document.map.nodes["pace"].text == "hours of careful work"
    assert window.document.is_modified()
    # the failed save tried the recovery file at once; where the same fault hit it too
    # (a full disk), the next autosave of the timer writes it
    if not window.recovery.file.exists():
        assert window.recovery.autosave()
    recovered = loads(window.recovery.file.read_bytes())
    assert recovered.nodes["pace"].text == "hours of careful work"


# -- scale ----------------------------------------------------------------------------------


def chain(size: int) -> ArgumentMap:
    nodes = [Node(id="n0", text="claim")] + [
        Node(id=f"n{k}", text=f"step {k}", parent=f"n{k - 1}", relation=Relation.SUPPORTS)
        for k in range(1, size)
    ]
    return ArgumentMap.model_validate({"nodes": [n.model_dump() for n in nodes]})


def bushy(size: int) -> ArgumentMap:
    nodes, orders = [Node(id="n0", text="claim")], {}
    for k in range(1, size):
        parent = f"n{(k - 1) // 8}"
        orders[parent] = orders.get(parent, -1) + 1
        relation = Relation.SUPPORTS if k % 3 else Relation.REBUTS
        nodes.append(
            Node(
                id=f"n{k}",
                text=f"reason {k} in a few words",
                parent=parent,
                relation=relation,
                order=orders[parent],
            )
        )
    return ArgumentMap.model_validate({"nodes": [n.model_dump() for n in nodes]})


@pytest.mark.parametrize("shape", ["chain", "bushy"])
def test_ten_thousand_nodes_load_edit_undo_save_and_render(shape: str, tmp_path) -> None:
    m = chain(10_000) if shape == "chain" else bushy(10_000)
    path = tmp_path / "big.argmap.json"
    save(m, path)
    loaded = loads(path.read_bytes())
    assert loaded == m and m.tree.max_depth() == (9_999 if shape == "chain" else 5)
    edited = ops.add_node(loaded, "n5000", Relation.REBUTS, "a late objection")
    moved = ops.move_node(edited.map, "n9999", "n1")
    assert ops.apply(ops.apply(moved.map, moved.undo).map, edited.undo).map == loaded
    deleted = ops.delete_subtree(loaded, "n1")
    assert ops.apply(deleted.map, deleted.undo).map == loaded
    svg = get_engine("embedded").render(to_dot(m), "svg", timeout=120)
    assert svg.count(b'class="node') == 10_000


def test_big_maps_in_the_editor(qtbot, window, tmp_path) -> None:
    for shape, m in (("chain", chain(10_000)), ("bushy", bushy(10_000))):
        path = tmp_path / f"{shape}.argmap.json"
        save(m, path)
        assert window.files.load(path)
        window.selection.set_current("n5000")
        window.editor.add_support()
        window.editor.delete()
        while window.document.undo_stack.canUndo():
            window.document.undo_stack.undo()
        assert window.document.map == m
        assert window.files.save()
        assert loads(path.read_bytes()) == m
        qtbot.waitUntil(lambda: settled(window), timeout=120_000)
        assert_drawn(window, m)


def settled(window) -> bool:  # type: ignore[no-untyped-def]
    """No render running and none waiting for the typing pause."""
    return not window.live.pending and not window.live.timer.isActive()


def assert_drawn(window, m: ArgumentMap) -> None:  # type: ignore[no-untyped-def]
    """The diagram shows a drawing of every node of `m`, and no error."""
    diagram = window.diagram
    assert diagram.message.isHidden(), f"the diagram shows an error: {diagram.message.text()}"
    assert diagram.has_diagram() and diagram.svg is not None, "nothing is drawn"
    assert sorted(diagram.node_ids()) == sorted(m.nodes), "the drawing is not of the map"


class _Broken:
    """An engine that draws the first `good` maps, then fails or draws nothing."""

    def __init__(self, good: int, how: str) -> None:
        self.good, self.how = good, how
        self.real = get_engine("embedded")

    def render(self, dot: str, fmt: str = "svg", timeout: float | None = None) -> bytes:
        if self.good > 0:
            self.good -= 1
            return self.real.render(dot, fmt)
        if self.how == "raise":
            raise RenderError("the engine broke")
        return b'<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt"></svg>'


@pytest.mark.parametrize(("good", "how"), [(0, "raise"), (1, "raise"), (0, "empty"), (1, "empty")])
def test_the_big_map_check_fails_when_the_render_fails(
    qtbot, window, tmp_path, monkeypatch, good: int, how: str
) -> None:
    """The check of test_big_maps_in_the_editor on a small map with a broken engine: whether
    the first drawing or only the one after the edits fails, the check fails."""
    from argmap.gui.diagram import render_worker

    broken = _Broken(good, how)
    monkeypatch.setattr(render_worker, "get_engine", lambda *a: broken)
    m = chain(30)
    path = tmp_path / "chain.argmap.json"
    save(m, path)
    assert window.files.load(path)
    window.selection.set_current("n10")
    window.editor.add_support()
    window.editor.delete()
    qtbot.waitUntil(lambda: settled(window), timeout=20_000)
    with pytest.raises(AssertionError, match="error|nothing is drawn|not of the map"):
        assert_drawn(window, m)


def test_a_pathological_graph_times_out_with_a_way_out() -> None:
    from argmap.render import RenderError
    from tests.test_render_engines import pathological_dot

    with pytest.raises(RenderError, match="collapsing part of the map"):
        get_engine("embedded").render(pathological_dot(), "svg", timeout=0.5)


# -- hostile content -------------------------------------------------------------------------

HOSTILE = [
    'x"] ; n9 [image="/etc/passwd" label="',
    "<<b>html</b>> label=<<i>x</i>>",
    'URL="javascript:alert(1)" fontpath="/" image="/etc/hostname"',
    '\\\\N \\G \\E \\L \\\\\\" }; digraph { y',
    "\x00\x01\x02\x1b[2J\x7f\u2028\u2029\ufeff",
    "A" * 200_000,
]


def test_hostile_texts_never_reach_the_graph_or_the_file_system(tmp_path) -> None:
    m = ops.add_claim(ArgumentMap(title='t" ] ; evil'), HOSTILE[0], node_id="c").map
    for index, text in enumerate(HOSTILE[1:], 1):
        m = ops.add_node(m, "c", Relation.REBUTS, text, node_id=f"h{index}").map
    dot = to_dot(m)
    statements = [line for line in dot.splitlines() if line.startswith("  ")]
    for line in statements:  # every attribute a user could type is inside a quoted string
        assert "image=" not in line.split('label="', 1)[0]
    svg = get_engine("embedded").render(dot, "svg", timeout=60)
    root = ET.fromstring(svg)  # well-formed XML
    ids = {
        g.get("id")
        for g in root.iter("{http://www.w3.org/2000/svg}g")
        if "node" in g.get("class", "")
    }
    assert ids == set(m.nodes)
    assert b"/etc/passwd" not in svg.replace(b"&#47;", b"/").split(b"<title>")[0]
    assert b"<image" not in svg


def test_no_shell_anywhere() -> None:
    root = Path(__file__).parent.parent / "argmap"
    for source in root.rglob("*.py"):
        text = source.read_text()
        assert "shell=True" not in text, source
        assert "os.system" not in text and "os.popen" not in text, source


def test_system_engine_runs_without_a_shell(monkeypatch) -> None:
    from argmap.render.engines import SystemEngine

    seen = {}

    def fake_run(args, **kwargs):  # type: ignore[no-untyped-def]
        """Records how dot would be started; the real dot is tested elsewhere."""
        seen.update(kwargs, args=args)
        return subprocess.CompletedProcess(args, 0, b"<svg/>", b"")

    monkeypatch.setattr(subprocess, "run", fake_run)
    SystemEngine("/usr/bin/dot").render("digraph { a }", "svg")
    assert seen["args"] == ["/usr/bin/dot", "-Tsvg"] and not seen.get("shell")


def test_json_bombs_are_refused_clearly() -> None:
    for raw in (
        b"[" * 200_000,
        b'{"format": "argmap", "version": ' + b"9" * 10_000 + b"}",
        b'{"a": ' * 100_000,
    ):
        with time_limit(LIMIT_S), pytest.raises(LoadError):
            loads(raw, "bomb.argmap.json")


# -- undo and redo through the editor's undo stack, as a property -----------------------------


def test_undo_stack_round_trips_random_edits(qapp) -> None:
    from argmap.gui.document.wrapper import Document
    from tests.test_model_ops import small_maps, steps_strategy

    @settings(
        max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(small_maps(), steps_strategy)
    def run(initial: ArgumentMap, steps: list[tuple]) -> None:
        check_undo_stack(Document(), initial, steps)

    run()


def check_undo_stack(document, initial: ArgumentMap, steps: list[tuple]) -> None:  # type: ignore[no-untyped-def]
    from tests.test_model_ops import SkipStepError, run_step

    document.replace(initial, None)
    for step in steps:
        try:
            result = run_step(document.map, step)
        except (ops.EditError, SkipStepError):
            continue
        document.push(result, step[0])
        assert document.map == result.map
        assert revalidate(document.map) == document.map
    final = dumps(document.map)
    stack = document.undo_stack
    while stack.canUndo():
        stack.undo()
    assert dumps(document.map) == dumps(initial)
    assert not document.is_modified()
    while stack.canRedo():
        stack.redo()
    assert dumps(document.map) == final
