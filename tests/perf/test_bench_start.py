"""`make bench`: how soon the app shows itself, as whole processes, offscreen.

Three programs are started in turns, each a fresh process, and timed from the moment
it is started to the first paint of its window: a bare PySide6 window (QApplication, a
QMainWindow, show), and `argmap SAMPLE` as the `argmap` command runs it (the same
`main`), to its window's first paint and to the first paint of the sample's diagram.
The probe only watches: an application-wide event filter notes the paints.  Medians of
5 turns; ratios to the bare window are the result (docs/performance.md).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.perf.test_bench_performance import SAMPLE

PROBE = r"""
import json, os, sys, time
mode, sample = sys.argv[1], sys.argv[2]
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

seen = {}
def note(what):
    if what not in seen:
        seen[what] = time.time()
        print(json.dumps({what: seen[what]}), flush=True)

class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            note("window")
            if mode == "bare":
                os._exit(0)
            for top in QApplication.topLevelWidgets():
                diagram = getattr(top, "diagram", None)
                if diagram is not None and diagram.has_diagram() and obj is diagram.viewport():
                    note("diagram")
                    os._exit(0)
        return False

app = QApplication(["argmap"])
probe = Probe()
app.installEventFilter(probe)
QTimer.singleShot(60000, lambda: os._exit(3))
if mode == "bare":
    window = QMainWindow()
    window.show()
    app.exec()
else:
    from argmap.cli import main
    main([sample])
"""
ROUNDS = 5


def offscreen(tmp: Path) -> dict[str, str]:
    """The environment of a probe: offscreen, with its own settings, data and recovery."""
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp / "cfg"),
        "XDG_DATA_HOME": str(tmp / "data"),
        "ARGMAP_RECOVERY_DIR": str(tmp / "rec"),
    }


def started_to(mode: str, tmp: Path) -> dict[str, float]:
    """Seconds from starting the process to each paint it reports."""
    env = offscreen(tmp)
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode, str(SAMPLE)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    found: dict[str, float] = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            found.update({k: v - start for k, v in json.loads(line).items()})
    return found


def test_the_window_and_the_sample_s_diagram_appear(tmp_path: Path) -> None:
    bare: list[float] = []
    window: list[float] = []
    diagram: list[float] = []
    started_to("argmap", tmp_path)  # the engine's compiled module is cached once, first
    for _ in range(ROUNDS):
        bare.append(started_to("bare", tmp_path)["window"])
        times = started_to("argmap", tmp_path)
        window.append(times["window"])
        diagram.append(times["diagram"])
    b, w, d = (statistics.median(x) for x in (bare, window, diagram))
    assert 0 < b and 0 < w <= d  # the diagram is painted in the window, after it
    print(f"\n\nStart-up, process start to first paint (offscreen, median of {ROUNDS})")
    print(f"{'what':42} {'seconds':>8} {'/ bare':>7} {'target':>7}")
    print(f"{'bare PySide6 window':42} {b:8.3f} {1:7.2f} {'':>7}")
    print(f"{'argmap SAMPLE: the window':42} {w:8.3f} {w / b:7.2f} {'2':>7}")
    print(f"{'argmap SAMPLE: the diagram':42} {d:8.3f} {d / b:7.2f} {'3':>7}")


BIG_PROBE = r"""
import json, os, resource, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            for top in QApplication.topLevelWidgets():
                diagram = getattr(top, "diagram", None)
                if diagram is not None and diagram.has_diagram() and obj is diagram.viewport():
                    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
                    print(json.dumps({"diagram": time.time(), "rss": rss}), flush=True)
                    os._exit(0)
        return False

app = QApplication(["argmap"])
probe = Probe()
app.installEventFilter(probe)
QTimer.singleShot(300000, lambda: os._exit(3))
from argmap.cli import main
main([sys.argv[1]])
"""


def test_a_10000_node_map_is_shown(tmp_path: Path) -> None:
    from argmap.formats import save
    from tests.perf.test_bench_performance import generated

    path = tmp_path / "big.argmap.json"
    save(generated(10_000, "bushy"), path)
    env = offscreen(tmp_path)
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", BIG_PROBE, str(path)],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(next(x for x in done.stdout.splitlines() if x.startswith("{")))
    print(
        f"\n\n10,000-node map (bushy): process start to its diagram {found['diagram'] - start:.1f} s "
        f"(target 3 s); max RSS then {found['rss']} MiB (target 400 MiB)"
    )
