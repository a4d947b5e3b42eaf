"""An import-linter contract type for modules *inside* an external package.

import-linter's own `forbidden` contract can forbid `PySide6` as a whole but not
`PySide6.QtWidgets` alone (its graph keeps one node per external package).  The rule
"the document and the controllers use QtCore and QtGui but no widgets" needs the
submodule, so this contract reads the import lines grimp recorded for each import of the
external package and names the submodule each one takes.

Registered in pyproject.toml ([tool.importlinter] contract_types); `make lint` and
tests/test_architecture.py run it with the other contracts.
"""

from __future__ import annotations

import re

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output

_TAKES = re.compile(r"^\s*(?:from\s+([\w.]+)\s+import\s+(.*)|import\s+(.*))$")


def _named(line: str) -> set[str]:
    """The dotted modules one import line takes, e.g. {"PySide6.QtWidgets"}."""
    found = _TAKES.match(line)
    if found is None:
        return set()
    base, names, plain = found.groups()
    if plain is not None:
        return {part.split(" as ")[0].strip() for part in plain.split(",")}
    names = names.strip().strip("()")
    # `from PySide6 import QtWidgets` takes the submodule too
    return {base} | {f"{base}.{n.split(' as ')[0].strip()}" for n in names.split(",") if n.strip()}


class ExternalSubmodulesForbidden(Contract):
    """Source packages may import an external package but none of the listed submodules.

    Options: source_modules (packages of this project), forbidden_modules (dotted names
    inside an external package, e.g. PySide6.QtWidgets).
    """

    type_name = "external_submodules"

    source_modules = fields.ListField(subfield=fields.StringField())
    forbidden_modules = fields.ListField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        forbidden = [str(m) for m in self.forbidden_modules]  # type: ignore[attr-defined]
        externals = {name.split(".")[0] for name in forbidden}
        broken: list[str] = []
        for package in self.source_modules:  # type: ignore[attr-defined]
            for importer in sorted(graph.find_descendants(str(package)) | {str(package)}):
                for external in externals:
                    for detail in graph.get_import_details(importer=importer, imported=external):
                        taken = _named(str(detail["line_contents"]))
                        hits = [
                            f
                            for f in forbidden
                            if any(t == f or t.startswith(f + ".") for t in taken)
                        ]
                        if hits:
                            broken.append(
                                f"{importer}:{detail['line_number']} imports {', '.join(hits)}"
                            )
        return ContractCheck(kept=not broken, metadata={"broken": broken})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for line in check.metadata["broken"]:
            output.print_error(f"- {line}", bold=False)
