"""Helpers for tests that must not hang or leak a setting: a wall-clock limit, a umask."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def time_limit(
    seconds: float, error: type[Exception] = TimeoutError, says: str = "took longer than"
) -> Iterator[None]:
    """Raise `error` in the block once it has run `seconds` (SIGALRM: main thread only)."""
    assert threading.current_thread() is threading.main_thread()

    def expired(signum: int, frame: object) -> None:
        raise error(f"{says} {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def umask(value: int) -> Iterator[None]:
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)
