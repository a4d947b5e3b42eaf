"""The leak check of tests/conftest.py names each kind of leak (and cleans widgets up)."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QRunnable, QThreadPool
from PySide6.QtWidgets import QApplication, QWidget

from tests import conftest


def widgets_now() -> set[int]:
    return {shiboken6.getCppPointer(w)[0] for w in QApplication.topLevelWidgets()}


def test_a_leftover_window_is_named_and_removed(qtbot) -> None:
    before = widgets_now()
    forgotten = QWidget()
    forgotten.setWindowTitle("Forgotten")
    forgotten.show()
    hidden = QWidget()
    hidden.setObjectName("never-shown")
    leaks = conftest._qt_leaks(before, set(threading.enumerate()))
    assert sorted(leaks) == [
        "top-level widget QWidget 'Forgotten' (visible) not deleted",
        "top-level widget QWidget 'never-shown' (hidden) not deleted",
    ]
    assert widgets_now() == before  # closed and deleted: the next test starts clean
    assert conftest._qt_leaks(before, set(threading.enumerate())) == []


def test_a_thread_still_running_is_named(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(conftest, "THREAD_GRACE_S", 0.05)
    before = set(threading.enumerate())
    release = threading.Event()
    thread = threading.Thread(target=release.wait, name="forgotten-thread", daemon=True)
    thread.start()
    try:
        leaks = conftest._qt_leaks(widgets_now(), before)
    finally:
        release.set()
        thread.join()
    assert leaks == ["thread 'forgotten-thread' (daemon=True) still runs"]
    # a thread that ends within the grace period is not a leak
    quick = threading.Thread(target=lambda: None, name="quick")
    quick.start()
    assert conftest._qt_leaks(widgets_now(), before) == []


class _Waiting(QRunnable):
    def __init__(self, release: threading.Event) -> None:
        super().__init__()
        self.release = release

    def run(self) -> None:
        self.release.wait(30)


def test_work_left_in_the_thread_pool_is_named(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(conftest, "POOL_WAIT_MS", 50)
    release = threading.Event()
    pool = QThreadPool.globalInstance()
    pool.start(_Waiting(release))
    try:
        leaks = conftest._qt_leaks(widgets_now(), set(threading.enumerate()))
    finally:
        release.set()
        assert pool.waitForDone(30_000)
    assert leaks == ["the global thread pool still runs 1 task(s) 50 ms after the test"]
