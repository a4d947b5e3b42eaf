"""The shared Argdown corpus (../shared/corpus/argdown): its documents as its manifest
sorts them, for the tests and benchmarks that read it."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.conftest import SHARED

ARGDOWN = SHARED / "corpus" / "argdown"


def argdown_documents(accepts: str = "yes") -> list[Path]:
    """The documents the Argdown tool accepts ("yes") or refuses ("no"), as the
    manifest lists them; none when the corpus is not there."""
    manifest = ARGDOWN / "MANIFEST.csv"
    if not manifest.is_file():
        return []
    with manifest.open(encoding="utf-8") as rows:
        return [
            ARGDOWN / r["file"] for r in csv.DictReader(rows) if r["argdown_accepts"] == accepts
        ]
