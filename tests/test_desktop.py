"""Desktop integration (argmap.desktop): the menu entry's Exec line is quoted as the
Desktop Entry Specification says, a relative XDG_DATA_HOME is ignored, and the files
are written as the umask allows.  Real files under tmp_path.
"""

from __future__ import annotations

import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from argmap import desktop
from argmap.desktop import data_home, install_desktop
from tests.limits import umask

# -- a reader of Exec lines, written from the specification --------------------------

_STRING_ESCAPES = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}


def unescape_string(value: str) -> str:
    """The value of a key of type string: \\s \\n \\t \\r \\\\ (the spec's first step)."""
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value) and value[i + 1] in _STRING_ESCAPES:
            out.append(_STRING_ESCAPES[value[i + 1]])
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def exec_arguments(value: str) -> list[str]:
    """The program and arguments an Exec value runs, field codes left as they are."""
    text = unescape_string(value)
    args: list[str] = []
    current: list[str] | None = None
    i = 0
    while i < len(text):
        char = text[i]
        if char == " ":
            if current is not None:
                args.append("".join(current))
                current = None
            i += 1
            continue
        current = current if current is not None else []
        if char == '"':
            i += 1
            while True:
                assert i < len(text), f"unterminated quote in {value!r}"
                if text[i] == "\\":
                    assert text[i + 1] in '"`$\\', f"bad escape in {value!r}"
                    current.append(text[i + 1])
                    i += 2
                elif text[i] == '"':
                    i += 1
                    break
                else:
                    current.append(text[i])
                    i += 1
            continue
        assert char not in "\t\n'\\><~|&;$*?#()`", f"reserved {char!r} unquoted in {value!r}"
        current.append(char)
        i += 1
    if current is not None:
        args.append("".join(current))
    return args


def literal(arg: str) -> str:
    """An argument with its %% turned back into %; a lone % would be a field code."""
    assert "%" not in arg.replace("%%", ""), f"a field code in {arg!r}"
    return arg.replace("%%", "%")


def exec_value(entry: Path) -> str:
    lines = [line for line in entry.read_text("utf-8").splitlines() if line.startswith("Exec=")]
    assert len(lines) == 1
    return lines[0].removeprefix("Exec=")


HOSTILE = [
    "/opt/my apps/bin/argmap",
    '/home/o"brien/bin/argmap',
    "/home/o'brien/bin/argmap",
    "/srv/$HOME/bin/argmap",
    "/srv/back\\slash/argmap",
    "/srv/100%/argmap",
    "/srv/tick`id`/argmap",
    "/srv/semi;colon & pipe|/argmap",
    "/srv/tab\there/argmap",
    "/srv/#hash (paren) ~tilde */argmap",
    "/srv/\\\\double\\$/argmap",
]


@pytest.mark.parametrize("program", HOSTILE)
def test_the_exec_line_quotes_any_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, program: str
) -> None:
    monkeypatch.setattr(desktop, "launcher", lambda: [program, "-m", "argmap"])
    install_desktop(tmp_path)
    value = exec_value(tmp_path / "applications" / "argmap.desktop")
    args = exec_arguments(value)
    assert [literal(a) for a in args[:-1]] == [program, "-m", "argmap"]
    assert args[-1] == "%f"  # the one field code: the file to open


def test_the_installed_launcher_on_a_path_with_spaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "my bin $dir"
    folder.mkdir()
    program = folder / "argmap"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    install_desktop(tmp_path / "share")
    value = exec_value(tmp_path / "share" / "applications" / "argmap.desktop")
    *command, field = exec_arguments(value)
    assert [literal(a) for a in command] == [str(program)] and field == "%f"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
@pytest.mark.parametrize("program", HOSTILE[:7])
def test_desktop_file_validate_accepts_the_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, program: str
) -> None:
    monkeypatch.setattr(desktop, "launcher", lambda: [program])
    install_desktop(tmp_path)
    done = subprocess.run(
        ["desktop-file-validate", str(tmp_path / "applications" / "argmap.desktop")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and "error" not in done.stdout.lower(), done.stdout


# -- where the files go ----------------------------------------------------------------


@pytest.mark.parametrize("value", ["relative/share", ".", "~/share", ""])
def test_a_relative_xdg_data_home_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    """The spec: a relative path in XDG_DATA_HOME is invalid and must be ignored."""
    home, cwd = tmp_path / "home", tmp_path / "cwd"
    home.mkdir()
    cwd.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", value)
    monkeypatch.chdir(cwd)
    assert data_home() == home / ".local" / "share"
    written = install_desktop()
    assert written and all(path.is_relative_to(home / ".local" / "share") for path in written)
    assert list(cwd.iterdir()) == []


def test_an_absolute_xdg_data_home_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert data_home() == tmp_path / "data"


# -- modes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mask", "file_mode", "folder_mode"),
    [(0o077, 0o600, 0o700), (0o022, 0o644, 0o755)],
    ids=["077", "022"],
)
def test_the_files_honour_the_umask(
    tmp_path: Path, mask: int, file_mode: int, folder_mode: int
) -> None:
    with umask(mask):
        written = install_desktop(tmp_path / "share")
    assert len(written) >= 4
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == file_mode, path
        assert stat.S_IMODE(path.parent.stat().st_mode) == folder_mode, path.parent


def test_reinstalling_keeps_a_linked_entry(tmp_path: Path) -> None:
    """A dotfiles user keeps the entry as a link into a repository: it stays a link."""
    kept = tmp_path / "dotfiles" / "argmap.desktop"
    kept.parent.mkdir()
    kept.write_text("[Desktop Entry]\n")
    entry = tmp_path / "share" / "applications" / "argmap.desktop"
    entry.parent.mkdir(parents=True)
    entry.symlink_to(kept)
    install_desktop(tmp_path / "share")
    assert entry.is_symlink() and "Exec=" in kept.read_text()
