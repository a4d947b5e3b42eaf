"""Running the command line in-process, and its one-line errors, for the CLI tests."""

from __future__ import annotations

import pytest

from argmap.cli import main


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """argmap.cli.main in-process: (exit code, stdout, stderr); a usage error's exit too."""
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    """The one error line of `err`, checked: `argmap: `, no traceback, short."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("argmap: ") and "Traceback" not in err
    assert len(lines[0]) <= 240
    return lines[0]
