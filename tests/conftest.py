"""Shared fixtures: the sample map, and both Graphviz engines where they exist."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "ai-slowdown.argmap.json"
SHARED = ROOT.parent / "shared"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

NO_DOT = "system Graphviz ('dot') is not on PATH; install graphviz to run the system-engine tests"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep the compiled-engine cache of the test run out of the user's home."""
    cache = tmp_path_factory.getbasetemp() / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture
def sample_map():
    from argmap.formats import load

    return load(SAMPLE)


def engine_names() -> list[object]:
    return [
        "embedded",
        pytest.param(
            "system",
            marks=[
                pytest.mark.system_engine,
                pytest.mark.skipif(shutil.which("dot") is None, reason=NO_DOT),
            ],
        ),
    ]


@pytest.fixture(params=engine_names())
def engine(request: pytest.FixtureRequest):
    from argmap.render import get_engine

    return get_engine(request.param)


# -- GUI fixtures --------------------------------------------------------------------
@pytest.fixture
def prompter():
    from tests.gui_support import ScriptedPrompter

    return ScriptedPrompter()


@pytest.fixture
def settings(tmp_path: Path):
    """Settings in a file of the test's own, never the user's."""
    from PySide6.QtCore import QSettings

    from argmap.gui.settings import AppSettings

    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def make_window(qtbot, prompter, settings, tmp_path: Path):
    """Main windows closed after the test without questions (closing them is not the test)."""
    from argmap.gui.main_window import MainWindow

    made: list[MainWindow] = []

    def make(**kwargs):  # type: ignore[no-untyped-def]
        kwargs = {
            "settings": settings,
            "prompter": prompter,
            "recovery_folder": tmp_path / "recovery",
            **kwargs,
        }
        win = MainWindow(**kwargs)
        made.append(win)
        return win

    yield make
    for win in made:
        win.document.undo_stack.setClean()
        win.close()
        win.live.worker.wait()
        win.deleteLater()


@pytest.fixture
def window(qtbot, make_window):
    win = make_window()
    win.show()
    qtbot.waitExposed(win)
    return win
