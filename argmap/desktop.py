"""Linux desktop integration: a menu entry, the icon in several sizes, and the file type,
so that `*.argmap.json` files open with argmap.  Installed per user, under
$XDG_DATA_HOME (~/.local/share); `argmap --install-desktop` runs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from argmap.formats.atomic import atomic_write
from argmap.formats.bounded import read_bounded
from argmap.resources import app_icon_files, resource

_MAX_RESOURCE = 16 * 1024 * 1024


def data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset, empty or relative.

    The Base Directory Specification calls a relative path there invalid and
    says to ignore it; so does argmap (rather than write under the current folder)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def launcher() -> list[str]:
    """The command the menu entry runs: the installed `argmap`, or this Python."""
    found = shutil.which("argmap")
    if found:
        return [found]
    return [sys.executable, "-m", "argmap"]


_RESERVED = frozenset(" \t\n\r\"'\\><~|&;$*?#()`")


def _exec_argument(arg: str) -> str:
    """One argument as the Desktop Entry Specification's Exec key wants it: quoted when
    it holds a reserved character, with \" ` $ \\ escaped inside the quotes; % as %%."""
    if arg and not _RESERVED.intersection(arg):
        quoted = arg
    else:
        quoted = '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'
    return quoted.replace("%", "%%")


def exec_line(args: list[str]) -> str:
    """The Exec value running `args` on the file opened (%f), escaped as a string value."""
    line = " ".join(_exec_argument(arg) for arg in args) + " %f"
    for char, escape in (("\\", "\\\\"), ("\n", "\\n"), ("\t", "\\t"), ("\r", "\\r")):
        line = line.replace(char, escape)  # the string escapes come on top of the quoting
    return line


def _copy(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, read_bounded(source, _MAX_RESOURCE, "an installed resource"))
    return target


def install_desktop(target: Path | None = None) -> list[Path]:
    """Write the entry, icons and file type; new files and folders as the umask allows."""
    base = target or data_home()
    written: list[Path] = []
    entry = base / "applications" / "argmap.desktop"
    entry.parent.mkdir(parents=True, exist_ok=True)
    template = read_bounded(resource("argmap.desktop"), _MAX_RESOURCE, "the desktop entry")
    text = template.decode("utf-8").replace("@EXEC@ %f", exec_line(launcher()))
    atomic_write(entry, text.encode("utf-8"))
    written.append(entry)
    for png in app_icon_files():
        size = png.stem.split("-")[1]
        icon = base / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "argmap.png"
        written.append(_copy(png, icon))
    scalable = base / "icons" / "hicolor" / "scalable" / "apps" / "argmap.svg"
    written.append(_copy(resource("icons") / "argmap.svg", scalable))
    written.append(_copy(resource("argmap-mime.xml"), base / "mime" / "packages" / "argmap.xml"))
    _refresh(base)
    return written


def uninstall_desktop(target: Path | None = None) -> list[Path]:
    base = target or data_home()
    removed = []
    for path in [
        base / "applications" / "argmap.desktop",
        base / "mime" / "packages" / "argmap.xml",
        base / "icons" / "hicolor" / "scalable" / "apps" / "argmap.svg",
        *(base / "icons" / "hicolor").glob("*/apps/argmap.png"),
    ]:
        if path.exists():
            path.unlink()
            removed.append(path)
    _refresh(base)
    return removed


def _refresh(base: Path) -> None:
    """Tell the desktop about the changes, where its tools are installed (not required)."""
    for command in (
        ["update-mime-database", str(base / "mime")],
        ["update-desktop-database", str(base / "applications")],
    ):
        if shutil.which(command[0]):
            subprocess.run(command, capture_output=True, check=False, timeout=60)
