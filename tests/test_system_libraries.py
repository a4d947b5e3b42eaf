"""The first start on a bare Linux desktop (issue 17, point 1): before Qt loads its X11
plugin, argmap checks for the xcb libraries it needs and says in one line what to
install, or starts on Wayland.  The libraries cannot be removed from this machine in a
test, so a missing one is simulated by the loader the check is given (a fake, said
here); everything else is the real code, the real command line included."""

from __future__ import annotations

import subprocess
import sys

import pytest

from argmap.gui import system_libraries as S  # noqa: N812


def without(*names: str):  # type: ignore[no-untyped-def]
    return lambda name: name not in names


def test_nothing_missing_says_nothing() -> None:
    env: dict[str, str] = {"DISPLAY": ":0"}
    assert S.check(env, load=lambda name: True, platform="linux") is None
    assert env == {"DISPLAY": ":0"}


def test_a_missing_cursor_library_is_named_with_its_packages() -> None:
    line = S.check({"DISPLAY": ":0"}, load=without("libxcb-cursor.so.0"), platform="linux")
    assert line == (
        "argmap: Qt needs the system libraries libxcb-cursor to open windows on X11; install "
        "them: sudo apt install libxcb-cursor0 (Debian, Ubuntu), sudo dnf install "
        "xcb-util-cursor (Fedora), sudo pacman -S xcb-util-cursor (Arch)"
    )


def test_every_missing_library_is_named_once_per_package() -> None:
    line = S.check({}, load=without("libxcb-randr.so.0", "libxcb-shape.so.0"), platform="linux")
    assert line is not None and "\n" not in line
    assert "libxcb-randr, libxcb-shape" in line
    assert "sudo apt install libxcb-randr0 libxcb-shape0 (Debian" in line
    assert "sudo dnf install libxcb (Fedora)" in line


def test_on_a_wayland_session_it_starts_there_instead() -> None:
    env = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    assert S.check(env, load=without("libxcb-cursor.so.0"), platform="linux") is None
    assert env["QT_QPA_PLATFORM"] == "wayland"


def test_x11_asked_for_is_checked_even_on_wayland() -> None:
    env = {"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}
    assert S.check(env, load=without("libxcb-cursor.so.0"), platform="linux") is not None
    assert env["QT_QPA_PLATFORM"] == "xcb"


@pytest.mark.parametrize(
    ("env", "platform"),
    [({"QT_QPA_PLATFORM": "offscreen"}, "linux"), ({}, "darwin"), ({}, "win32")],
)
def test_other_platforms_are_not_checked(env: dict[str, str], platform: str) -> None:
    def never(name: str) -> bool:
        raise AssertionError(f"{name} looked up where X11 is not used")

    assert S.check(env, load=never, platform=platform) is None


def test_the_real_libraries_are_looked_up_by_their_sonames() -> None:
    found = S.missing()  # the real loader, on this machine
    assert set(found) <= set(S.NEEDED)
    assert S.missing(lambda name: True) == []
    assert S.missing(lambda name: False) == list(S.NEEDED)


def test_the_command_says_it_in_one_line_and_exits_before_qt_loads() -> None:
    """`argmap` (what `make run` runs) with libxcb-cursor missing: one line, exit 1, and
    Qt's platform never loaded."""
    code = (
        "import ctypes, sys\n"
        "real = ctypes.CDLL\n"
        "class Gone(ctypes.CDLL):\n"
        "    def __init__(self, name, *a, **k):\n"
        "        if 'xcb-cursor' in str(name): raise OSError(name)\n"
        "        super().__init__(name, *a, **k)\n"
        "ctypes.CDLL = Gone\n"
        "from argmap.cli import main\n"
        "code = main([])\n"
        "assert 'PySide6.QtWidgets' not in sys.modules, 'Qt was loaded'\n"
        "sys.exit(code)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "DISPLAY": ":99", "HOME": "/tmp"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("argmap: Qt needs the system libraries")
    assert "libxcb-cursor0" in lines[0] and "xcb-util-cursor" in lines[0]


@pytest.mark.parametrize(
    ("asked", "wayland", "checked"),
    [
        ("wayland;xcb", "", True),  # no Wayland running: Qt falls back to X11
        ("wayland;xcb", "wayland-0", False),  # Qt starts on Wayland first
        ("offscreen;xcb", "", False),  # offscreen always starts
        (" xcb ;wayland", "wayland-0", True),
    ],
)
def test_a_list_of_platforms_is_checked_as_qt_tries_it(
    asked: str, wayland: str, checked: bool
) -> None:
    env = {"QT_QPA_PLATFORM": asked, "WAYLAND_DISPLAY": wayland}
    assert S.uses_x11(env, "linux") is checked


def test_a_library_qtgui_needs_is_named_in_one_line() -> None:
    """libEGL, libGL or fontconfig missing: QtGui fails to import; the command says which
    library and package in one line (the import cannot fail here: the error is made)."""
    error = ImportError("libEGL.so.1: cannot open shared object file: No such file or directory")
    line = S.import_failure_line(error)
    assert "\n" not in line
    assert "libEGL" in line and "sudo apt install libegl1" in line and "(Fedora)" in line
    other = S.import_failure_line(ImportError("libfoo.so.9: cannot open shared object\nfile"))
    assert other == (
        "argmap: Qt could not start: libfoo.so.9: cannot open shared object file; "
        "install the system library it names"
    )
