"""`make bench`: a folder of maps drawn in one run, against the Argdown tool's glob.

The 175 documents of the shared corpus that the Argdown tool accepts (those with its
JSON export beside them) are copied to one folder; then, side by side, in turns,
`argdown map "DIR/*.argdown" OUT --format svg` and `argmap export DIR/*.argdown
--out-dir OUT` run as whole processes.  Medians of 3 turns each; the table is the
result (docs/performance.md), nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.perf.test_bench_performance import CORPUS, argdown_cli

ARGMAP = [sys.executable, "-m", "argmap"]
ROUNDS = 3


def accepted(folder: Path) -> list[Path]:
    """The corpus's Argdown documents the Argdown tool itself accepts, copied to `folder`."""
    folder.mkdir()
    copies = []
    for reference in sorted((CORPUS / "argdown").glob("*.json")):
        document = reference.with_suffix(".argdown")
        if document.exists():
            copies.append(Path(shutil.copy(document, folder / document.name)))
    return copies


def timed(args: list[str], out: Path, fails: bool = False) -> float:
    """Seconds of one whole run; the Argdown tool exits 1 when any document fails
    (4 of these 175 make its map step fail), so its status is not checked."""
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, timeout=900, check=False)
    seconds = time.perf_counter() - start
    assert fails or done.returncode == 0, done.stderr[-2000:]
    return seconds


@pytest.mark.skipif(
    argdown_cli() is None, reason="the Argdown tool is not installed (.tools/argdown)"
)
def test_a_folder_of_maps_against_the_argdown_tool(tmp_path: Path) -> None:
    cli = argdown_cli()
    assert cli is not None
    documents = accepted(tmp_path / "in")
    glob = str(tmp_path / "in" / "*.argdown")
    runs = {
        "argdown map (glob, one process)": [cli, "map", glob, str(tmp_path / "a"), "--format", "svg"],
        "argmap export --out-dir": [*ARGMAP, "export", *map(str, documents), "--out-dir", str(tmp_path / "b")],
        "argmap export --out-dir --jobs 1": [
            *ARGMAP, "export", *map(str, documents), "--out-dir", str(tmp_path / "c"), "--jobs", "1",
        ],
        "argmap export --out-dir --layout tree": [
            *ARGMAP, "export", *map(str, documents), "--out-dir", str(tmp_path / "d"),
            "--layout", "tree",
        ],
    }  # fmt: skip
    outs = dict(zip(runs, "abcd", strict=True))
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(ROUNDS):
        for name, args in runs.items():
            times[name].append(timed(args, tmp_path / outs[name], name.startswith("argdown")))
    drawn = {name: len(list((tmp_path / outs[name]).glob("*.svg"))) for name in runs}
    base = statistics.median(times["argdown map (glob, one process)"])
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"\n\nA folder of {len(documents)} Argdown documents to SVG ({cores} cores)")
    print(f"{'command':40} {'median (s)':>10} {'drawn':>6} {'argdown / this':>15}")
    for name in runs:
        seconds = statistics.median(times[name])
        print(f"{name:40} {seconds:10.2f} {drawn[name]:6d} {base / seconds:15.2f}")
    assert drawn["argmap export --out-dir"] == len(documents)


def test_where_one_process_spends_a_folder(tmp_path: Path) -> None:
    """The same 175 documents exported one after another in this warm process, with the
    automatic fit and with `--layout tree`: the whole, the embedded engine's share, and
    the maps that cost most (what the gap in docs/performance.md section 1 is made of)."""
    from argmap.cli import run_one
    from argmap.render import engines

    documents = accepted(tmp_path / "in")
    spent = {"engine": 0.0}
    render = engines.EmbeddedEngine.render

    def timed_render(
        self: engines.EmbeddedEngine, dot: str, fmt: str = "svg", timeout: float = 60.0
    ) -> bytes:
        start = time.perf_counter()
        try:
            return render(self, dot, fmt, timeout)
        finally:
            spent["engine"] += time.perf_counter() - start

    def one(document: Path, layout: str) -> float:
        fields = {"map": document, "output": tmp_path / "out" / (document.name + ".svg"),
                  "force": True, "layout": layout}  # fmt: skip
        said = io.StringIO()
        start = time.perf_counter()
        with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
            status = run_one("export", export_args(fields))
        seconds = time.perf_counter() - start
        assert status == 0, said.getvalue()
        return seconds

    (tmp_path / "out").mkdir()
    one(documents[0], "auto")  # the engine loaded before anything is timed
    engines.EmbeddedEngine.render = timed_render  # type: ignore[method-assign]
    try:
        print(f"\n\n{len(documents)} documents in one warm process, one after another")
        print(f"{'layout':8} {'all (s)':>8} {'engine (s)':>10}  costliest maps (s)")
        for layout in ("auto", "tree"):
            spent["engine"] = 0.0
            each = sorted(
                ((one(d, layout), d.stem.rsplit("__", 1)[-1][:24]) for d in documents), reverse=True
            )
            top = ", ".join(f"{name} {seconds:.3f}" for seconds, name in each[:3])
            total = sum(seconds for seconds, _ in each)
            print(f"{layout:8} {total:8.2f} {spent['engine']:10.2f}  {top}")
    finally:
        engines.EmbeddedEngine.render = render  # type: ignore[method-assign]


def export_args(fields: dict[str, object]) -> argparse.Namespace:
    """The single-map export's arguments as the command line gives them, with `fields`."""
    from argmap.cli import _parser

    args = vars(_parser().parse_args(["export", "x.argdown", "-o", "x.svg"]))
    for name in ("command", "out_dir", "jobs"):
        args.pop(name, None)
    return argparse.Namespace(**{**args, **fields})
