"""Where the files the app ships are: icons, the .desktop file, the sample, the guide.

They live in the repository's resources/, samples/ and docs/ folders, which an
installed argmap carries as the packages argmap.resources, argmap.samples and
argmap.docs.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_ROOT = _PACKAGE.parent


def _folder(package: str, name: str) -> Path:
    installed = _PACKAGE / name  # argmap/<name> inside an installed wheel
    if installed.is_dir():
        return installed
    return _ROOT / name  # running from a checkout (or an editable install)


def resource(name: str) -> Path:
    return _folder("argmap.resources", "resources") / name


def sample_map() -> Path:
    return _folder("argmap.samples", "samples") / "ai-slowdown.argmap.json"


def guide() -> Path:
    return _folder("argmap.docs", "docs") / "guide.md"


def app_icon_files() -> list[Path]:
    folder = resource("icons")
    return sorted(folder.glob("argmap-*.png"), key=lambda p: int(p.stem.split("-")[1]))
