"""An import-linter contract type for modules *inside* an external package.

import-linter's own `forbidden` contract can forbid `PySide6` as a whole but not
`PySide6.QtWidgets` alone: its graph keeps one node per external package.  The rule
"the document and the controllers use QtCore and QtGui but no widgets" needs the
submodule, so this contract reads the source of each module itself (every `import`,
every `from ... import`, wherever it stands, and `importlib.import_module` or
`__import__` of a literal name) and follows the project's own imports grimp found, so
a widget import two modules away breaks it too.

Registered in pyproject.toml ([tool.importlinter] contract_types); `make lint` and
tests/test_architecture.py run it with the other contracts.
"""

from __future__ import annotations

import ast
import importlib.util
from functools import cache
from pathlib import Path

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output


def _literal(node: ast.Call) -> str | None:
    """The module named by `importlib.import_module("x")` or `__import__("x")`."""
    func = node.func
    called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if called not in ("import_module", "__import__") or not node.args:
        return None
    first = node.args[0]
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None


def takes(source: str) -> list[tuple[int, str]]:
    """(line, dotted module) for every module the source imports, by any spelling."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Call) and (name := _literal(node)):
            found.append((node.lineno, name))
    return found


@cache
def _source_of(module: str) -> str:
    spec = importlib.util.find_spec(module.split(".")[0])
    assert spec is not None and spec.origin is not None, module
    base = Path(spec.origin).parent.joinpath(*module.split(".")[1:])
    path = base / "__init__.py" if base.is_dir() else base.with_suffix(".py")
    return path.read_text(encoding="utf-8")


@cache
def _hits(module: str, forbidden: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    return tuple(
        (line, name)
        for line, name in takes(_source_of(module))
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    )


class ExternalSubmodulesForbidden(Contract):
    """Source packages may import an external package but none of the listed submodules,
    directly or through any module of this project they import.

    Options: source_modules (packages of this project), forbidden_modules (dotted names
    inside an external package, e.g. PySide6.QtWidgets).
    """

    type_name = "external_submodules"

    source_modules = fields.ListField(subfield=fields.StringField())
    forbidden_modules = fields.ListField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        forbidden = tuple(str(m) for m in self.forbidden_modules)
        broken: list[str] = []
        for package in map(str, self.source_modules):
            root = package.split(".")[0]
            for importer in sorted(graph.find_descendants(package) | {package}):
                reached = {importer} | {
                    m for m in graph.find_upstream_modules(importer) if m.split(".")[0] == root
                }
                for module in sorted(reached):
                    for line, name in _hits(module, forbidden):
                        via = "" if module == importer else f" through {module}"
                        broken.append(f"{importer} imports {name}{via} ({module}:{line})")
        return ContractCheck(kept=not broken, metadata={"broken": broken})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for line in check.metadata["broken"]:
            output.print_error(f"- {line}", bold=False)
