"""Before Qt loads its X11 platform plugin: are the system libraries it needs there?

Qt 6.5+ on X11 needs libxcb-cursor and a few other xcb libraries that a bare desktop may
lack; without them Qt aborts with its own "Reinstalling the application may fix this
problem".  argmap looks for them first (no Qt imported here) and, when one is missing,
says in one line which packages to install, or starts on Wayland when it can.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping, MutableMapping

#: the library Qt's xcb plugin loads -> its package on Debian/Ubuntu, Fedora, Arch
NEEDED: dict[str, tuple[str, str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image", "xcb-util-image"),
    "libxcb-render-util.so.0": (
        "libxcb-render-util0",
        "xcb-util-renderutil",
        "xcb-util-renderutil",
    ),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb", "libxcb"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11", "libxkbcommon-x11"),
}


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def missing(load: Callable[[str], bool] = _loads) -> list[str]:
    """The libraries of NEEDED that cannot be loaded, in its order."""
    return [name for name in NEEDED if not load(name)]


def uses_x11(env: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt may start on X11: Linux, and no other platform asked for."""
    if not platform.startswith("linux"):
        return False
    asked = [p.strip() for p in env.get("QT_QPA_PLATFORM", "").lower().split(";") if p.strip()]
    if not asked:
        return True
    for choice in asked:  # Qt tries them in order ("wayland;xcb": Wayland, else X11)
        if choice.startswith("wayland") and env.get("WAYLAND_DISPLAY"):
            return False
        if choice in ("offscreen", "minimal", "vnc", "eglfs", "linuxfb"):  # always start
            return False
        if choice.startswith("xcb"):
            return True
    return False


def install_line(absent: list[str]) -> str:
    """One line: what is missing and the packages that bring it, by distribution."""
    debian = " ".join(dict.fromkeys(NEEDED[n][0] for n in absent))
    fedora = " ".join(dict.fromkeys(NEEDED[n][1] for n in absent))
    arch = " ".join(dict.fromkeys(NEEDED[n][2] for n in absent))
    names = ", ".join(n.split(".so")[0] for n in absent)
    return (
        f"argmap: Qt needs the system libraries {names} to open windows on X11; install "
        f"them: sudo apt install {debian} (Debian, Ubuntu), sudo dnf install {fedora} "
        f"(Fedora), sudo pacman -S {arch} (Arch)"
    )


def check(
    env: MutableMapping[str, str] | None = None,
    load: Callable[[str], bool] = _loads,
    platform: str = sys.platform,
) -> str | None:
    """None when the window can open (on Wayland instead of X11 if need be: then
    QT_QPA_PLATFORM is set to it); else the one line to print before exiting."""
    env = os.environ if env is None else env
    if not uses_x11(env, platform):
        return None
    absent = missing(load)
    if not absent:
        return None
    if env.get("WAYLAND_DISPLAY") and not env.get("QT_QPA_PLATFORM", "").strip():
        env["QT_QPA_PLATFORM"] = "wayland"
        return None
    return install_line(absent)


#: libraries QtGui itself loads -> their package on Debian/Ubuntu, Fedora, Arch
QT_GUI_NEEDS: dict[str, tuple[str, str, str]] = {
    "libEGL.so.1": ("libegl1", "libglvnd-egl", "libglvnd"),
    "libGL.so.1": ("libgl1", "libglvnd-glx", "libglvnd"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl", "libglvnd"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig", "fontconfig"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon", "libxkbcommon"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs", "dbus"),
}


def import_failure_line(exc: ImportError) -> str:
    """One line for a Qt module that would not load: the library it named, and the
    package that brings it where argmap knows it."""
    text = str(exc)
    name = text.split(":", 1)[0].strip()
    packages = QT_GUI_NEEDS.get(name)
    if packages is None:
        return f"argmap: Qt could not start: {one_line(text)}; install the system library it names"
    debian, fedora, arch = packages
    return (
        f"argmap: Qt needs the system library {name.split('.so')[0]} to open windows; install "
        f"it: sudo apt install {debian} (Debian, Ubuntu), sudo dnf install {fedora} "
        f"(Fedora), sudo pacman -S {arch} (Arch)"
    )


def one_line(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
