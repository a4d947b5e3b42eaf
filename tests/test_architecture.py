"""The code's shape as the design says: import contracts, size limits, typing rules.

The contracts themselves are in pyproject.toml ([tool.importlinter]); `make lint` runs
them too.  The size limits keep every module readable in one sitting and every function
on one screen.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "argmap"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80


def _lint_imports(cwd: Path, *config: str) -> subprocess.CompletedProcess[str]:
    tool = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(tool), "--no-cache", *config],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": f"{cwd}:{ROOT}"},
    )


def test_the_import_contracts_hold() -> None:
    done = _lint_imports(ROOT)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "BROKEN" not in done.stdout
    # every contract of pyproject ran: a contract lost from the file would pass silently
    names = [c["name"] for c in _config()["tool"]["importlinter"]["contracts"]]
    assert len(names) >= 6
    for name in names:
        assert f"{name} KEPT" in " ".join(done.stdout.split()), name


def _config() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())  # type: ignore[return-value]


_SPELLINGS = {
    "a": "from PySide6.QtWidgets import QWidget\n",
    "b": "from PySide6 import QtCore, QtWidgets as w\n",
    "c": "def later():\n    import PySide6.QtSvgWidgets\n",
    "d": "from PySide6 import (\n    QtCore,\n    QtWidgets,\n)\n",
    "e": "import importlib\nQW = importlib.import_module('PySide6.QtWidgets')\n",
    "f": "from PySide6 import QtWidgets  # noqa: F401\n",
    "g": "import os; from PySide6 import QtWidgets\n",
    "h": "from PySide6 \\\n    import QtWidgets\n",
    "i": "W = __import__('PySide6.QtWidgets')\n",
    "j": "from demo.common import helper\n",
}
_WHERE = {"a": 1, "b": 1, "c": 2, "d": 1, "e": 2, "f": 1, "g": 1, "h": 1, "i": 1}


def test_the_widget_contract_finds_every_spelling_and_indirect_imports(tmp_path: Path) -> None:
    """The project's own contract type fails on QtWidgets however it is imported, and
    through a module of the project the source imports; QtCore and QtGui are fine."""
    pkg = tmp_path / "demo"
    for sub in ("ctl", "common"):
        (pkg / sub).mkdir(parents=True)
        (pkg / sub / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "ctl" / "fine.py").write_text(
        "from PySide6.QtCore import QObject\nimport PySide6.QtGui\n"
    )
    for name, source in _SPELLINGS.items():
        (pkg / "ctl" / f"{name}.py").write_text(source)
    (pkg / "common" / "helper.py").write_text("\n\nfrom PySide6.QtWidgets import QApplication\n")
    (tmp_path / ".importlinter").write_text(
        textwrap.dedent("""
        [importlinter]
        root_package = demo
        include_external_packages = True
        contract_types =
            external_submodules: tests.import_contracts.ExternalSubmodulesForbidden

        [importlinter:contract:widgets]
        name = No widgets in ctl
        type = external_submodules
        source_modules = demo.ctl
        forbidden_modules =
            PySide6.QtWidgets
            PySide6.QtSvgWidgets
        """)
    )
    done = _lint_imports(tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    out = " ".join(done.stdout.split())
    assert "No widgets in ctl BROKEN" in out
    for name, line in _WHERE.items():
        assert f"demo.ctl.{name} imports PySide6." in out, name
        assert f"(demo.ctl.{name}:{line})" in out, name
    assert "demo.ctl.c imports PySide6.QtSvgWidgets" in out
    assert (
        "demo.ctl.j imports PySide6.QtWidgets through demo.common.helper (demo.common.helper:3)"
        in out
    )
    assert "demo.ctl.fine" not in out


def test_the_document_and_controllers_load_with_widgets_blocked() -> None:
    """At run time too: every module of both packages imports with QtWidgets unavailable."""
    names = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for sub in ("document", "controllers")
        for p in (PACKAGE / "gui" / sub).rglob("*.py")
    )
    assert len(names) >= 8
    code = textwrap.dedent(f"""
        import importlib.abc, sys
        class Block(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[:2] in (["PySide6", "QtWidgets"], ["PySide6", "QtSvgWidgets"]):
                    raise ImportError(name + " is blocked")
        sys.meta_path.insert(0, Block())
        import importlib
        for name in {names!r}:
            importlib.import_module(name)
        assert "PySide6.QtWidgets" not in sys.modules
        assert "PySide6.QtCore" in sys.modules
        print("ok")
    """)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


def _modules() -> list[Path]:
    found = sorted(PACKAGE.rglob("*.py"))
    assert len(found) > 50
    return found


def test_no_module_is_longer_than_the_limit() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def _functions(path: Path, base: Path = ROOT) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (f"{path.relative_to(base)}:{node.lineno} {node.name}", node.end_lineno - node.lineno + 1)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno
    ]


def test_no_function_is_longer_than_the_limit() -> None:
    sizes = [item for p in _modules() for item in _functions(p)]
    assert len(sizes) > 500  # the walk found the functions, methods and nested ones
    assert {name: n for name, n in sizes if n > MAX_FUNCTION_LINES} == {}


def test_the_limit_check_counts_methods_and_nested_functions(tmp_path: Path) -> None:
    body = "".join(f"            x{i} = {i}\n" for i in range(MAX_FUNCTION_LINES))
    source = tmp_path / "long.py"
    source.write_text(f"class A:\n    def f(self):\n        def g():\n{body}\n")
    assert _functions(source, tmp_path) == [
        ("long.py:2 f", MAX_FUNCTION_LINES + 2),
        ("long.py:3 g", MAX_FUNCTION_LINES + 1),
    ]


_IGNORE = re.compile(r"#\s*type:\s*ignore(?P<code>\[[^\]]+\])?(?P<rest>.*)$")


def _says_why(rest: str) -> bool:
    """A comment after the ignore that is more than a linter's own noqa."""
    notes = [part.strip() for part in rest.split("#")[1:]]
    return any(note and not note.startswith("noqa") for note in notes)


def test_the_reason_check_wants_words_not_a_noqa() -> None:
    assert _says_why("  # the stubs lack it")
    assert _says_why("  # noqa: N802  # Qt names it so")
    assert not _says_why("  # noqa: N802")
    assert not _says_why("")
    assert not _says_why("  #   ")


def test_every_type_ignore_names_its_code_and_why() -> None:
    bare, unexplained = [], []
    for path in _modules():
        previous = ""
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found = _IGNORE.search(line)
            if found is None:
                previous = line.strip()
                continue
            where = f"{path.relative_to(ROOT)}:{number}"
            if not found["code"]:
                bare.append(where)
            elif not _says_why(found["rest"]) and not previous.startswith("#"):
                unexplained.append(where)
            previous = line.strip()
    assert bare == []
    assert unexplained == []


def test_mypy_is_strict_over_the_whole_package() -> None:
    mypy = _config()["tool"]["mypy"]  # type: ignore[index]
    assert mypy["strict"] is True
    assert mypy["files"] == ["argmap"]
    assert not any(o.get("ignore_errors") for o in mypy.get("overrides", []))


@pytest.mark.parametrize("name", ["lint"])
def test_make_lint_runs_ruff_mypy_and_the_contracts(name: str) -> None:
    recipe = (ROOT / "Makefile").read_text().split(f"\n{name}:", 1)[1].split("\n\n", 1)[0]
    for tool in ("ruff check", "ruff format --check", "mypy", "lint-imports"):
        assert tool in recipe, tool


def test_the_architecture_guide_names_every_package() -> None:
    guide = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    packages = sorted(str(p.parent.relative_to(ROOT)) + "/" for p in PACKAGE.rglob("__init__.py"))
    assert len(packages) >= 12
    assert [p for p in packages if p not in guide] == []
