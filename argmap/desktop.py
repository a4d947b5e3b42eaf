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

from argmap.resources import app_icon_files, resource


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launcher() -> str:
    """The command the menu entry runs: the installed `argmap`, or this Python."""
    found = shutil.which("argmap")
    if found:
        return found
    return f"{sys.executable} -m argmap"


def install_desktop(target: Path | None = None) -> list[Path]:
    base = target or data_home()
    written: list[Path] = []
    entry = base / "applications" / "argmap.desktop"
    entry.parent.mkdir(parents=True, exist_ok=True)
    text = resource("argmap.desktop").read_text(encoding="utf-8").replace("@EXEC@", launcher())
    entry.write_text(text, encoding="utf-8")
    written.append(entry)
    for png in app_icon_files():
        size = png.stem.split("-")[1]
        icon = base / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "argmap.png"
        icon.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, icon)
        written.append(icon)
    scalable = base / "icons" / "hicolor" / "scalable" / "apps" / "argmap.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(resource("icons") / "argmap.svg", scalable)
    written.append(scalable)
    mime = base / "mime" / "packages" / "argmap.xml"
    mime.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(resource("argmap-mime.xml"), mime)
    written.append(mime)
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
