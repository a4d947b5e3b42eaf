"""What the command line writes, made safe for any terminal and any pipe.

A character the terminal's encoding cannot show is written as an escape, never an
error; a reader that went away (`argmap check MAP | head -1`) ends the command
quietly, with the status a shell reports for a tool ended by SIGPIPE.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

EXIT_PIPE = 128 + 13  # 128 + SIGPIPE, as `cat` shows in `cat big | head -1` under pipefail
PATH_ROOM = 120  # characters of a path, as in error lines (formats.errors)


def file_name(path: str | Path) -> str:
    """A file's name as every line the CLI prints shows it (as error lines do)."""
    from argmap.model.validation import shown_path  # the model, once a line is written

    return shown_path(path, PATH_ROOM)


class OutputClosedError(Exception):
    """Nobody reads the standard output any more."""


def safe_streams() -> None:
    """Write what the encoding cannot hold as backslash escapes (`\\xdf`, `\\u2014`)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            # a stream that cannot be reconfigured (or is already closed) is left as it is
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def say(text: str) -> None:
    """One line on the standard output."""
    try:
        print(text)
    except BrokenPipeError:
        raise OutputClosedError from None


def write(text: str) -> None:
    """Text as it is on the standard output."""
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        raise OutputClosedError from None


def tell(text: str) -> None:
    """One line on the standard error; if that is closed too, there is no one to tell."""
    try:
        print(text, file=sys.stderr)
    except BrokenPipeError:
        _to_devnull(sys.stderr)


def finish() -> None:
    """Flush the standard output now, while a closed pipe can still end the command quietly."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise OutputClosedError from None
    except (ValueError, AttributeError):  # closed or replaced by a caller: nothing to flush
        return


def quiet_exit() -> int:
    """After OutputClosedError: the interpreter's own last flush must not complain either."""
    _to_devnull(sys.stdout)
    return EXIT_PIPE


def _to_devnull(stream: object) -> None:
    fileno = getattr(stream, "fileno", None)
    if fileno is None:
        return
    try:
        target = fileno()
    except (OSError, ValueError):  # in-process callers may hold a stream with no descriptor
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, target)
    finally:
        os.close(devnull)
