"""Crash recovery end to end: the real app in a subprocess is killed with SIGKILL after
an edit; the next start offers the edit back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from argmap.formats import load
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
