"""The open map's state on disk (gui/document.DiskStamp) comes from the bytes read or
written: opening reads the file once, a save does not read it back, and a change by
another program is still noticed before it is overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.formats import native
from argmap.model import ops
from tests.test_gui_files import small_map, write_in

# -- the file's state is kept from the bytes read or written, not read again ---------


def count_reads(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[int]:
    """Every read of `path` through the one bounded reader."""
    from argmap.formats import bounded

    real = bounded._read_regular
    reads: list[int] = []

    def reading(name: object, limit: int) -> bytes:
        if Path(str(name)).resolve() == path.resolve():
            reads.append(limit)
        return real(name, limit)  # type: ignore[arg-type]

    monkeypatch.setattr(bounded, "_read_regular", reading)
    return reads


def test_opening_and_saving_read_the_map_once_each(
    qtbot, window, prompter, tmp_path, monkeypatch
) -> None:
    path = write_in("argmap", tmp_path)
    reads = count_reads(monkeypatch, path)
    prompter.script("open", path)
    window.commands["file.open"].trigger()
    qtbot.waitUntil(lambda: window.document.path == path.resolve(), timeout=10000)
    assert len(reads) == 1  # its state is that of the bytes it was opened from
    window.document.edit("Edit", ops.edit_node, "c", text="Cities should calm traffic")
    assert window.files.save()
    assert len(reads) == 2  # once before writing, to see if another program changed it
    window.document.edit("Edit", ops.edit_node, "c", text="Cities should ban cars")
    assert window.files.save()  # the file as written is known without reading it back
    assert len(reads) == 3 and not [q for q, _ in prompter.asked if q == "on_disk"]
    assert native.load(path) == small_map()


def test_a_file_changed_after_a_save_is_noticed_at_the_next(
    qtbot, window, prompter, tmp_path
) -> None:
    """The state after a save is what was written: a later change by another program,
    same size or not, is asked about before it is overwritten."""
    path = write_in("argmap", tmp_path)
    assert window.files.load(path)
    window.document.edit("Edit", ops.edit_node, "c", text="Cities should calm traffic")
    assert window.files.save()
    written = path.read_bytes()
    for theirs in (written.replace(b"calm", b"CALM"), written + b"\n"):
        path.write_bytes(theirs)
        window.document.edit("Edit", ops.edit_node, "c", text=f"mine {len(theirs)}")
        prompter.script("on_disk", "cancel")
        assert not window.files.save()
        assert path.read_bytes() == theirs and window.document.is_modified()
    path.write_bytes(written)  # back as it was written: nothing to ask
    assert window.files.save()
    assert native.load(path).nodes["c"].text == f"mine {len(written) + 1}"
