"""Open and export dialogs (issue 17, point 5): Open offers every format argmap reads;
in Export the typed suffix decides the format, the dialog starts in the last export
folder or the user's documents (never the installed samples), and a map file is never
written over.  The real window and export dialog (its exec answered for the user)."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.gui.controllers.exporting import export_folder
from argmap.gui.controllers.prompter import IMPORT_FILTER, OPEN_FILTER
from argmap.gui.dialogs.export_dialog import ExportDialog
from tests.conftest import ROOT
from tests.gui_support import wait_loaded


def test_open_offers_every_format_argmap_reads() -> None:
    for pattern in ("*.argmap.json", "*.argdown", "*.ad", "*.json", "*.txt"):
        assert pattern in OPEN_FILTER.split(";;")[0]
    for name in ("Argdown", "AIF JSON", "Kialo text export", "argmap maps"):
        assert name in OPEN_FILTER
    assert set(IMPORT_FILTER.split(";;")[0].split("(")[1].rstrip(")").split()) <= set(
        OPEN_FILTER.split(";;")[0].split("(")[1].rstrip(")").split()
    )


def test_open_reads_an_argdown_file(qtbot, window, prompter, tmp_path: Path) -> None:
    doc = tmp_path / "debate.argdown"
    doc.write_text("[Claim]: We should walk.\n  + <Health>: Walking is healthy.\n")
    prompter.script("open", doc)
    assert window.files.open()
    wait_loaded(qtbot, window)
    assert len(window.document.map.nodes) >= 2


@pytest.fixture
def exporting(qtbot, window, prompter, sample_path, monkeypatch):
    window.files.load(sample_path)
    wait_loaded(qtbot, window)
    made: list[ExportDialog] = []

    def form(scope):  # type: ignore[no-untyped-def]
        dialog = ExportDialog(window.document.map, None, window.settings, window)
        dialog.format.setCurrentIndex(dialog.format.findData("png"))  # PNG chosen
        dialog.exec = lambda: 1  # the user presses Export…
        made.append(dialog)
        return dialog

    monkeypatch.setattr(window.exporting, "open_form", form)
    return window


def wait_exported(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.exporting.jobs, timeout=60000)


def test_the_typed_suffix_decides_the_format(qtbot, exporting, prompter, tmp_path) -> None:
    target = tmp_path / "map.pdf"
    prompter.script("save", target)
    exporting.exporting.export()
    wait_exported(qtbot, exporting)
    assert target.read_bytes().startswith(b"%PDF")  # not PNG bytes under a .pdf name
    prompter.script("save", tmp_path / "map.HTM")
    exporting.exporting.export()
    wait_exported(qtbot, exporting)
    assert (tmp_path / "map.HTM").read_bytes().startswith(b"<!DOCTYPE html>")


def test_an_unknown_suffix_is_refused(qtbot, exporting, prompter, tmp_path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    prompter.script("save", out / "map.jpg")
    exporting.exporting.export()
    assert (
        "error",
        "cannot export to map.jpg: choose a .svg, .png, .pdf, .html or .dot file",
    ) in prompter.asked
    assert list(out.iterdir()) == []


def test_a_map_file_is_never_written_over(qtbot, exporting, prompter, tmp_path) -> None:
    kept = tmp_path / "mine.svg"
    kept.write_bytes((ROOT / "samples" / "ai-slowdown.argmap.json").read_bytes())
    before = kept.read_bytes()
    prompter.script("save", kept)
    exporting.exporting.export()
    errors = [text for kind, text in prompter.asked if kind == "error"]
    assert errors and errors[-1].startswith("mine.svg is a map file")
    assert kept.read_bytes() == before


def test_the_dialog_starts_in_the_last_export_folder_or_documents(
    exporting, prompter, settings, tmp_path, sample_path
) -> None:
    start = Path(export_folder(settings))
    assert start != sample_path.parent and sample_path.parent not in start.parents
    prompter.script("save", None)  # cancelled
    exporting.exporting.export()
    suggested = Path(next(d for q, d in prompter.asked if q == "save"))
    assert suggested.parent == start and suggested.name == "ai-slowdown.png"
    settings.set("export/folder", str(tmp_path))
    assert export_folder(settings) == str(tmp_path)
    settings.set("export/folder", str(tmp_path / "gone"))
    assert export_folder(settings) == str(start)


# -- nothing written over that the user did not name (adversary findings) ---------------


def _errors(prompter) -> list[str]:  # type: ignore[no-untyped-def]
    return [text for kind, text in prompter.asked if kind == "error"]


def test_save_as_with_a_name_without_suffix_never_replaces_another_map(
    qtbot, window, prompter, tmp_path
) -> None:
    other = tmp_path / "thesis.argmap.json"
    other.write_bytes((ROOT / "samples" / "ai-slowdown.argmap.json").read_bytes())
    before = other.read_bytes()
    window.files.new()
    from argmap.model import ops

    window.document.edit("Add Claim", ops.add_claim, "A new thought")
    prompter.script("save", tmp_path / "thesis")  # the dialog asked about "thesis" only
    assert not window.files.save_as()
    assert other.read_bytes() == before
    assert _errors(prompter)[-1] == (
        "thesis.argmap.json already exists; choose it by its full name to replace it"
    )
    assert window.isWindowModified()  # the edit is still there, unsaved
    prompter.script("save", tmp_path / "fresh")
    assert window.files.save_as()
    assert (tmp_path / "fresh.argmap.json").exists()


def test_export_map_as_never_replaces_an_unnamed_file_or_another_map(
    qtbot, exporting, prompter, tmp_path
) -> None:
    debate = tmp_path / "debate.argdown"
    debate.write_text("# someone's notes\n", encoding="utf-8")
    prompter.script("save", tmp_path / "debate")
    assert not exporting.files.export_as("argdown")
    assert debate.read_text(encoding="utf-8") == "# someone's notes\n"
    assert _errors(prompter)[-1].startswith("debate.argdown already exists")
    keep = tmp_path / "keep.argmap.json"
    keep.write_bytes((ROOT / "samples" / "ai-slowdown.argmap.json").read_bytes())
    before = keep.read_bytes()
    prompter.script("save", keep)
    assert not exporting.files.export_as("aif")
    assert keep.read_bytes() == before
    assert _errors(prompter)[-1].startswith("keep.argmap.json is a map file")
    prompter.script("save", tmp_path / "new")
    assert exporting.files.export_as("argdown")
    assert (tmp_path / "new.argdown").read_text(encoding="utf-8").strip()


def test_no_export_writes_over_the_maps_source_text(qtbot, exporting, prompter, tmp_path) -> None:
    article = tmp_path / "article.html"
    article.write_text("<p>First paragraph.</p>\n\n<p>Second paragraph.</p>\n", "utf-8")
    before = article.read_bytes()
    prompter.script("save", tmp_path / "debate.argmap.json")
    assert exporting.files.save_as()
    assert exporting.sourcing.attach(article, keep_beside=True)
    prompter.script("save", article)
    exporting.exporting.export()  # the diagram export, named in full
    assert _errors(prompter)[-1] == (
        "article.html is the map's source text; export to another name"
    )
    assert article.read_bytes() == before


def test_export_map_as_never_writes_over_the_source_text_typed_without_suffix(
    qtbot, exporting, prompter, tmp_path
) -> None:
    article = tmp_path / "article.md"
    article.write_text("First paragraph.\n\nSecond paragraph.\n", "utf-8")
    before = article.read_bytes()
    prompter.script("save", tmp_path / "debate.argmap.json")
    assert exporting.files.save_as()
    assert exporting.sourcing.attach(article, keep_beside=True)
    prompter.script("save", article)
    assert not exporting.files.export_as("markdown")
    assert _errors(prompter)[-1] == "article.md is the map's source text; export to another name"
    prompter.script("save", tmp_path / "article")
    assert not exporting.files.export_as("markdown")
    assert _errors(prompter)[-1] == (
        "article.md already exists; choose it by its full name to replace it"
    )
    assert article.read_bytes() == before
