"""An export to a format with no place for part of the map says so in one line, on the CLI and in the window."""

from __future__ import annotations

import json
from pathlib import Path

from argmap.formats.native import save
from argmap.model import ArgumentMap, ops
from tests.conftest import SAMPLE
from tests.gui_support import wait_loaded
from tests.test_cli import argmap


def test_convert_to_aif_names_what_the_file_leaves_out(tmp_path: Path) -> None:
    out = tmp_path / "sample.json"
    done = argmap("convert", str(SAMPLE), str(out), "--to", "aif")
    assert done.returncode == 0, done.stderr
    warned = [line for line in done.stderr.splitlines() if line.startswith("argmap: warning:")]
    assert len(warned) == 1
    assert "AIF has no place for the map's source" in warned[0]
    assert "source spans of" in warned[0]
    assert "nodes" in json.loads(out.read_text())  # written all the same


def test_convert_to_aif_of_a_map_without_a_source_warns_of_nothing(tmp_path: Path) -> None:
    plain = tmp_path / "plain.argmap.json"
    save(ops.add_claim(ArgumentMap(), "Cities should ban cars.").map, plain)
    done = argmap("convert", str(plain), str(tmp_path / "plain.json"), "--to", "aif")
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr
    back = argmap("convert", str(SAMPLE), str(tmp_path / "s.argdown"))
    assert back.returncode == 0, back.stderr
    assert "AIF has no place" not in back.stderr  # the warning is AIF's, not every format's


def test_export_to_aif_in_the_window_says_what_it_leaves_out(
    qtbot, window, prompter, tmp_path
) -> None:
    window.files.load(SAMPLE)
    wait_loaded(qtbot, window)
    prompter.script("save", tmp_path / "out.json")
    window.commands["file.export_aif"].trigger()
    assert (tmp_path / "out.json").stat().st_size > 100
    told = window.statusBar().currentMessage()
    assert told.startswith("Exported out.json (AIF JSON); AIF has no place for the map's source")
    prompter.script("save", tmp_path / "out.md")
    window.commands["file.export_markdown"].trigger()
    assert window.statusBar().currentMessage() == "Exported out.md (Markdown outline)"
