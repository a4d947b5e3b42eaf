"""The layering rule: model, formats and render work with Qt widgets unavailable."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

BLOCKER = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def __init__(self, names): self.names = names
    def find_spec(self, name, path=None, target=None):
        if any(name == n or name.startswith(n + ".") for n in self.names):
            raise ImportError(f"{name} is blocked by the layering test")
        return None
"""


def _cache_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k in ("XDG_CACHE_HOME", "HOME")}


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCKER + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).parent.parent,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", **_cache_env()},
    )


def test_core_imports_without_any_qt(sample_path: Path) -> None:
    done = run(f"""
        sys.meta_path.insert(0, Block(["PySide6", "shiboken6"]))
        import argmap.model, argmap.formats, argmap.render, argmap.render.export, argmap.cli
        from argmap.formats import load
        from argmap.render import to_dot, get_engine
        m = load({str(sample_path)!r})
        svg = get_engine("embedded").render(to_dot(m), "svg")
        assert b"<svg" in svg
        assert not any(name.startswith("PySide6") for name in sys.modules)
        print("ok")
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_rasterizing_needs_no_widgets(sample_path: Path, tmp_path: Path) -> None:
    done = run(f"""
        sys.meta_path.insert(0, Block(["PySide6.QtWidgets", "PySide6.QtSvgWidgets", "argmap.gui"]))
        from argmap.formats import load
        from argmap.render.export import export
        from argmap.render import get_engine
        m = load({str(sample_path)!r})
        for fmt in ("png", "pdf"):
            export(m, {str(tmp_path)!r} + "/m." + fmt, engine=get_engine("embedded"))
        print("ok")
    """)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "m.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "m.pdf").read_bytes().startswith(b"%PDF")


def test_layers_do_not_import_the_gui() -> None:
    root = Path(__file__).parent.parent / "argmap"
    for layer in ("model", "formats", "render"):
        for source in (root / layer).rglob("*.py"):
            text = source.read_text()
            assert "argmap.gui" not in text, source
            assert "QtWidgets" not in text, source
    for source in (root / "model").rglob("*.py"):
        assert "PySide6" not in source.read_text(), source
