"""`make bench`: argmap's speed measured side by side, printed as tables.

Every figure is a median of repeated runs made in the same session, and the
comparisons are ratios, because these machines are noisy. Nothing here is an
assertion about time: the tables are the result (docs/performance.md).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.formats import save
from argmap.formats.argdown import write_argdown
from argmap.model import ArgumentMap, Node, Relation
from argmap.render import get_engine

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "ai-slowdown.argmap.json"
CORPUS = ROOT.parent / "shared" / "corpus"
ARGMAP = [sys.executable, "-m", "argmap"]
WORDS = (
    "the institutions may not be ready for systems that improve their own code quickly "
    "while critics say warnings about such risks mostly serve the companies that make them"
).split()


def text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 24))).capitalize() + "."


def generated(size: int, shape: str, seed: int = 7) -> ArgumentMap:
    """Bushy: up to 6 reasons per node; deep: long chains with side branches."""
    rng = random.Random(seed)
    nodes = [Node(id="n0", text=text(rng))]
    children: dict[str, int] = {}
    for k in range(1, size):
        if shape == "deep":
            parent = f"n{k - 1}" if rng.random() < 0.8 else f"n{rng.randrange(k)}"
        else:
            parent = f"n{(k - 1) // 6}"
        order = children.get(parent, 0)
        children[parent] = order + 1
        relation = Relation.REBUTS if rng.random() < 0.35 else Relation.SUPPORTS
        nodes.append(
            Node(id=f"n{k}", text=text(rng), parent=parent, relation=relation, order=order)
        )
    return ArgumentMap.model_validate(
        {"title": f"{shape} {size}", "nodes": [n.model_dump() for n in nodes]}
    )


def median(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(args: list[str], **kwargs: object) -> None:
    done = subprocess.run(args, capture_output=True, timeout=600, **kwargs)  # type: ignore[call-overload]
    assert done.returncode == 0, done.stderr[-2000:]


def cases() -> list[tuple[str, ArgumentMap]]:
    from argmap.formats import load

    out = [("sample (33)", load(SAMPLE))]
    for size in (100, 1_000, 3_000):
        for shape in ("bushy", "deep"):
            out.append((f"{shape} {size}", generated(size, shape)))
    return out


#: the embedded engine alone in a fresh process: load the compiled module, lay out a DOT
#: file as SVG and write it (what `argmap export` adds is everything else)
ENGINE_ALONE = """
import sys
from pathlib import Path
from argmap.render.engines import get_embedded
svg = get_embedded().render(Path(sys.argv[1]).read_text(encoding="utf-8"), "svg", 600)
Path(sys.argv[1] + ".svg").write_bytes(svg)
"""


def test_export_overhead_and_engines(tmp_path: Path) -> None:
    embedded = get_engine("embedded")
    system = get_engine("system") if shutil.which("dot") else None
    print(
        "\n\nExport: `argmap export MAP -o MAP.svg` end to end vs the engine alone on the same DOT"
    )
    print(
        f"{'map':14} {'embedded':>9} {'system':>9} {'sys/emb':>8} {'argmap export':>14} "
        f"{'added':>7} {'added/engine':>13} {'engine process':>15} {'export/that':>12}"
    )
    for name, m in cases():
        path = tmp_path / f"{name.replace(' ', '_')}.argmap.json"
        save(m, path)
        out = tmp_path / "out.svg"
        run([*ARGMAP, "export", str(path), "-o", str(out)])  # warm the compiled-module cache
        # the DOT of the drawing export draws (its layout chosen for A4), as the engine's input
        run([*ARGMAP, "export", str(path), "-o", str(tmp_path / "chosen.dot")])
        dot = (tmp_path / "chosen.dot").read_text(encoding="utf-8")
        engine = median(lambda: embedded.render(dot, "svg", timeout=600))
        other = median(lambda: system.render(dot, "svg", timeout=600)) if system else float("nan")
        total = median(lambda: run([*ARGMAP, "export", str(path), "-o", str(out)]))
        assert b"<svg" in out.read_bytes(), name  # a figure of a failed export is no figure
        alone = median(
            lambda: run([sys.executable, "-c", ENGINE_ALONE, str(tmp_path / "chosen.dot")])
        )
        added = total - engine
        print(
            f"{name:14} {engine:9.3f} {other:9.3f} {other / engine:8.2f} {total:14.3f} "
            f"{added:7.3f} {added / engine:13.2f} {alone:15.3f} {total / alone:12.2f}"
        )
    bare = median(lambda: run([sys.executable, "-c", "pass"]), 5)
    imports = median(
        lambda: run([sys.executable, "-c", "import argmap.formats, argmap.render.engines"]), 5
    )
    print(
        f"(a bare Python start takes {bare:.3f} s; importing argmap's model, formats and "
        f"engines adds {imports - bare:.3f} s)"
    )


def argdown_cli() -> str | None:
    for candidate in (ROOT / ".tools" / "argdown" / "node_modules" / ".bin" / "argdown",):
        if candidate.exists():
            return str(candidate)
    return shutil.which("argdown")


@pytest.mark.skipif(
    argdown_cli() is None, reason="the Argdown tool is not installed (.tools/argdown)"
)
def test_against_the_argdown_tool(tmp_path: Path) -> None:
    cli = argdown_cli()
    documents = []
    for name in (
        "argdown-argdown__examples__argdown-primer.argdown",
        "argdown-argdown__examples__legalisation-softdrugs.argdown",
        "argdown-argdown__examples__semmelweis_betz.argdown",
        "argdown-argdown__examples__Populism-Core-Argument-Argdown-Example.argdown",
    ):
        if (CORPUS / "argdown" / name).exists():
            documents.append((name.split("__")[-1][:28], CORPUS / "argdown" / name))
    for path in sorted((CORPUS / "argdown-large").glob("*.argdown")):
        documents.append((path.stem[-24:], path))
    for size in (100, 1_000, 3_000):
        debate = tmp_path / f"generated-{size}.argdown"
        debate.write_text(write_argdown(generated(size, "bushy")), encoding="utf-8")
        documents.append((f"generated {size} statements", debate))
    print("\n\nAgainst Argdown: `argmap export X.argdown -o X.svg` vs `argdown map --format svg X`")
    print(f"{'document':30} {'nodes':>6} {'argdown':>9} {'argmap':>8} {'faster':>7}")
    from argmap.formats.argdown import load_argdown

    for name, path in documents:
        nodes = len(load_argdown(path).nodes)
        theirs = median(
            lambda: run([cli, "map", "--format", "svg", str(path), str(tmp_path / "ad")])
        )
        mine = median(lambda: run([*ARGMAP, "export", str(path), "-o", str(tmp_path / "am.svg")]))
        assert b"<svg" in (tmp_path / "am.svg").read_bytes(), name
        assert list((tmp_path / "ad").glob("*.svg")), f"the Argdown tool drew nothing for {name}"
        print(f"{name:30} {nodes:6d} {theirs:9.2f} {mine:8.2f} {theirs / mine:6.1f}x")


GUI_PROBE = r"""
import json, os, sys, time
started = time.perf_counter()
from PySide6.QtCore import QObject, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
mode = sys.argv[1]
app = QApplication([])
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(json.dumps({"painted": time.perf_counter() - started}), flush=True)
            os._exit(0)
        return False
if mode == "bare":
    window = QMainWindow()
else:
    from argmap.gui.app import make_app
    from argmap.gui.window.main_window import MainWindow
    make_app()
    window = MainWindow()
    window.files.load(__import__("pathlib").Path(sys.argv[2]))
probe = FirstPaint()
window.installEventFilter(probe)
for child in window.findChildren(QObject):
    child.installEventFilter(probe)
window.show()
QTimer.singleShot(20000, lambda: os._exit(1))
app.exec()
"""


def first_paint(mode: str, tmp: Path) -> float:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp / "cfg"),
        "ARGMAP_RECOVERY_DIR": str(tmp / "rec"),
    }
    done = subprocess.run(
        [sys.executable, "-c", GUI_PROBE, mode, str(SAMPLE)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    line = next(row for row in done.stdout.splitlines() if row.startswith("{"))
    return float(json.loads(line)["painted"])


def test_gui_responsiveness(qapp, tmp_path: Path) -> None:
    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer

    from argmap.gui.common.settings import AppSettings
    from argmap.gui.window.main_window import MainWindow
    from argmap.model import ops

    print("\n\nGUI: edit to updated diagram, and the longest stall of the event loop meanwhile")
    print(f"{'map':12} {'edit->diagram':>14} {'of it debounce':>15} {'longest stall':>14}")
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    for size in (100, 1_000):
        m = generated(size, "bushy")
        path = tmp_path / f"g{size}.argmap.json"
        save(m, path)
        window = MainWindow(settings=settings, recovery_folder=tmp_path / "rec")
        window.show()
        window.files.load(path)
        wait_for(qapp, lambda: window.diagram.has_diagram() and not window.live.pending)
        # as a person would: the map is open a moment before the first edit, by which time
        # the view has its picture painted in the background
        wait_for(qapp, lambda: window.diagram._picture is not None, 5.0)
        latencies, stalls = [], []

        for k in range(5):
            ticks: list[int] = []
            clock = QElapsedTimer()
            clock.start()
            timer = QTimer()
            timer.timeout.connect(lambda: ticks.append(clock.elapsed()))
            timer.start(2)
            start = time.perf_counter()
            window.document.edit("Edit", ops.edit_node, "n1", text=f"edited {k}")
            wait_for(qapp, lambda k=k: f"edited {k}".encode() in (window.diagram.svg or b""))
            latencies.append(time.perf_counter() - start)
            timer.stop()
            gaps = [b - a for a, b in itertools.pairwise(ticks)]
            stalls.append(max(gaps, default=0) / 1000)
        window.document.undo_stack.setClean()
        window.close()
        print(
            f"{'bushy ' + str(size):12} {statistics.median(latencies):14.3f} {0.150:15.3f} "
            f"{max(stalls):14.3f}"
        )
    bare = statistics.median(first_paint("bare", tmp_path) for _ in range(3))
    ours = statistics.median(first_paint("argmap", tmp_path) for _ in range(3))
    print(
        f"start-up to first paint: bare Qt window {bare:.3f} s, argmap with the sample "
        f"{ours:.3f} s, ratio {ours / bare:.2f}"
    )


def wait_for(app, condition: Callable[[], bool], limit: float = 120.0) -> None:  # type: ignore[no-untyped-def]
    end = time.perf_counter() + limit
    while not condition():
        if time.perf_counter() > end:
            raise TimeoutError("the GUI did not get there")
        app.processEvents()
        time.sleep(0.001)  # a benchmark's polling loop, not a test


def test_documents(qapp, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from argmap.formats import load
    from argmap.gui.common.settings import AppSettings
    from argmap.gui.window.main_window import MainWindow
    from argmap.model import ops

    print("\n\nDocuments")
    big = generated(10_000, "bushy")
    path = tmp_path / "big.argmap.json"
    save(big, path)
    opened = median(lambda: load(path), 5)
    saved = median(lambda: save(big, path), 5)
    print(f"10,000 nodes: open {opened:.3f} s, save {saved:.3f} s")
    probe = (
        "import resource, sys\nfrom pathlib import Path\n"
        "from argmap.gui.app import make_app\nfrom argmap.gui.window.main_window import MainWindow\n"
        "app = make_app(); w = MainWindow(); w.show(); w.files.load(Path(sys.argv[1]))\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(before // 1024)\n"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "c"),
        "ARGMAP_RECOVERY_DIR": str(tmp_path / "r"),
    }
    empty = subprocess.run(
        [sys.executable, "-c", probe.replace("w.files.load(Path(sys.argv[1]))", "None"), "x"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    full = subprocess.run(
        [sys.executable, "-c", probe, str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    print(
        f"memory (max RSS): app with no map {empty.stdout.strip()} MiB, with 10,000 nodes "
        f"{full.stdout.strip()} MiB"
    )
    mid = generated(5_000, "bushy")
    mid_path = tmp_path / "mid.argmap.json"
    save(mid, mid_path)
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings=settings, recovery_folder=tmp_path / "rec")
    window.show()
    window.files.load(mid_path)
    resets: list[int] = []
    window.outline_model.modelAboutToBeReset.connect(lambda: resets.append(1))
    times = []
    for k in range(20):
        start = time.perf_counter()
        window.document.edit("Add", ops.add_node, f"n{k * 40}", Relation.SUPPORTS, "new")
        times.append(time.perf_counter() - start)
    typing = []
    for k in range(20):
        start = time.perf_counter()
        window.document.edit_typing(
            "Type", ("n7", "text"), ops.edit_node, "n7", text="typed" * (k + 1)
        )
        typing.append(time.perf_counter() - start)
    print(
        f"5,000 nodes, one command in the full editor: add {statistics.median(times) * 1000:.1f} ms, "
        f"typing {statistics.median(typing) * 1000:.1f} ms (outline resets: {len(resets)})"
    )
    window.document.undo_stack.setClean()
    window.live.worker.wait(60_000)
    window.close()
