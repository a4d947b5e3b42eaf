"""Shared fixtures: the sample map, and both Graphviz engines where they exist."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "ai-slowdown.argmap.json"
#: the sample as it was before issue 18 re-analysed it: a 33-node map of the same debate,
#: kept fixed here because many GUI tests address its nodes by id and rely on its shape
#: (eleven reasons under the claim, untagged nodes, a three-node subtree under `capture`)
DEBATE = ROOT / "tests" / "data" / "debate.argmap.json"
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


@pytest.fixture
def debate_path() -> Path:
    return DEBATE


@pytest.fixture
def debate_map():
    from argmap.formats import load

    return load(DEBATE)


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
POOL_WAIT_MS = 3000  # work still running this long after a test has leaked
THREAD_GRACE_S = 1.0  # a thread that is ending (the engine's epoch ticker stops 0.2 s after
# its last render) may finish; one still alive after this has leaked


def _qt_leaks(before_widgets: set[int], before_threads: set[threading.Thread]) -> list[str]:
    """What a GUI test left behind: thread-pool work, Python threads, top-level widgets.

    Leftover widgets are closed and deleted here, so that one leak fails one test only.
    """
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool
    from PySide6.QtWidgets import QApplication

    leaks = []
    pool = QThreadPool.globalInstance()
    if not pool.waitForDone(POOL_WAIT_MS):
        leaks.append(
            f"the global thread pool still runs {pool.activeThreadCount()} task(s) "
            f"{POOL_WAIT_MS} ms after the test"
        )
    for thread in threading.enumerate():
        # a _DummyThread stands for a thread Python did not start (a Qt pool thread that
        # ran Python code): Python cannot tell whether it still runs; the pool check covers it
        if thread in before_threads or isinstance(thread, threading._DummyThread):
            continue
        try:
            thread.join(THREAD_GRACE_S)
        except RuntimeError:  # listed while still starting: join refuses until it has started
            thread._started.wait(THREAD_GRACE_S)  # type: ignore[attr-defined]
            if thread._started.is_set():  # type: ignore[attr-defined]
                thread.join(THREAD_GRACE_S)
        if thread.is_alive():
            leaks.append(f"thread {thread.name!r} (daemon={thread.daemon}) still runs")
    for _ in range(3):  # deleting a window may post the deletion of its children
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
    app = QApplication.instance()
    widgets = app.topLevelWidgets() if isinstance(app, QApplication) else []
    for widget in widgets:
        if shiboken6.getCppPointer(widget)[0] in before_widgets:
            continue
        title = widget.windowTitle() or widget.objectName() or "untitled"
        state = "visible" if widget.isVisible() else "hidden"
        leaks.append(f"top-level widget {type(widget).__name__} {title!r} ({state}) not deleted")
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return leaks


@pytest.fixture(scope="session", autouse=True)
def _widgets_application():
    """One QApplication for the whole run, made first: an in-process export rasterizes
    with Qt and would otherwise make a bare QGuiApplication (as the command line does),
    under which a later GUI test could not make its window."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["argmap-tests"])
    yield app
    # Qt's offscreen platform crashes at exit while its clipboard holds data a test put
    # there (a real X display does not: seen with PySide6 6.x here); empty it first
    app.clipboard().clear()


@pytest.fixture(autouse=True)
def _no_qt_leaks(request: pytest.FixtureRequest):
    """A test that uses Qt fails when it leaves threads, pool work or windows behind.

    Autouse, so it is set up before the test's own fixtures and checks after all of
    them (qtbot, make_window) have cleaned up.
    """
    if not {"qtbot", "qapp"} & set(request.fixturenames):
        yield
        return
    import shiboken6
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    widgets = app.topLevelWidgets() if isinstance(app, QApplication) else []
    before_widgets = {shiboken6.getCppPointer(w)[0] for w in widgets}
    before_threads = set(threading.enumerate())
    yield
    if isinstance(app, QApplication):
        app.clipboard().clear()  # what one test copied is not another's to paste
    leaks = _qt_leaks(before_widgets, before_threads)
    if leaks:
        pytest.fail("the test leaked: " + "; ".join(leaks), pytrace=False)


@pytest.fixture
def prompter():
    from tests.gui_support import ScriptedPrompter

    return ScriptedPrompter()


@pytest.fixture
def settings(tmp_path: Path):
    """Settings in a file of the test's own, never the user's."""
    from PySide6.QtCore import QSettings

    from argmap.gui.common.settings import AppSettings

    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def make_window(qtbot, prompter, settings, tmp_path: Path):
    """Main windows closed after the test without questions (closing them is not the test)."""
    from argmap.gui.window.main_window import MainWindow

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
