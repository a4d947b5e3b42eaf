"""The one object that owns the open map and its undo stack.

Views never hold the data: they follow `changed` (old map, new map, Change)
and `reset` (a different map was opened).  Every edit goes through
`push`/`edit`/`edit_typing`, which wrap the model's pure operations in undo commands.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Concatenate, ParamSpec

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from argmap.formats import LoadError
from argmap.formats.bounded import read_bounded
from argmap.formats.native import MAX_BYTES
from argmap.model import (
    ArgumentMap,
    Change,
    EditError,
    EditResult,
    Patch,
    batch,
    ops,
    structural_problems,
)

P = ParamSpec("P")

#: merge id shared by all typing commands; `EditCommand.key` says which field
_TYPING = 1


@dataclass(frozen=True)
class DiskStamp:
    """What the file held when we last read or wrote it: its size and a hash of it."""

    size: int
    digest: str

    @classmethod
    def of_bytes(cls, data: bytes) -> DiskStamp:
        """The stamp of the bytes just read from the file, or just written to it."""
        return cls(len(data), hashlib.sha256(data).hexdigest())

    @classmethod
    def of(cls, path: Path) -> DiskStamp | None:
        """None when it is not a readable regular file (gone, a folder, a FIFO, too large)."""
        try:
            return cls.of_bytes(read_bounded(path, MAX_BYTES, "a map"))
        except (OSError, LoadError):
            return None

    def differs(self, path: Path) -> bool:
        """True when `path` no longer holds these bytes; read only when its size is the same."""
        try:
            info = os.stat(path)
        except OSError:
            return True
        if not stat.S_ISREG(info.st_mode) or info.st_size != self.size:
            return True  # gone from a file, or another size: changed, without reading it
        return DiskStamp.of(path) != self


class EditCommand(QUndoCommand):
    """One undo step: the patches that redo and undo one edit."""

    def __init__(self, document: Document, result: EditResult, text: str, key: Any = None) -> None:
        super().__init__(text)
        self._document = document
        self._redo: Patch = result.redo
        self._undo: Patch = result.undo
        self.key = key
        self.open = True  # typing may still merge into this step

    def redo(self) -> None:
        self._document._apply(self._redo, self._undo)

    def undo(self) -> None:
        self._document._apply(self._undo, self._redo)

    def id(self) -> int:
        return _TYPING if self.key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt override)
        if not (isinstance(other, EditCommand) and self.open and other.key == self.key):
            return False
        # one step from the map before ours to the map after `other` (pushed: it is done),
        # so redo gives back both: a node added and the text then typed into it
        after = self._document.map
        before = ops.apply(ops.apply(after, other._undo).map, self._undo).map
        joined = batch.between(before, after)
        self._redo, self._undo = joined.redo, joined.undo
        if self._redo.is_empty():
            self.setObsolete(True)  # typed and typed back: no step at all
        return True


class Document(QObject):
    changed = Signal(object, object, object)  # old ArgumentMap, new ArgumentMap, Change
    reset = Signal()
    path_changed = Signal(object)  # Path | None
    modified_changed = Signal(bool)
    error = Signal(str)  # an edit that could not be made, for the status bar

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.map = ArgumentMap()
        self.path: Path | None = None
        self.stamp: DiskStamp | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.edits_since_autosave = 0
        self.revision = 0  # counts every change of the map, typing merged or not
        #: told every local change (old, new) while the map is shared (controllers/sharing)
        self.local_listener: Callable[[ArgumentMap, ArgumentMap], None] | None = None
        self.id_tag = ""  # while shared: on every id this window makes (model.ops.ID_TAG)

    def _on_clean_changed(self, clean: bool) -> None:
        self.modified_changed.emit(not clean)

    # -- state ------------------------------------------------------------------------
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def display_name(self) -> str:
        if self.path:
            return self.path.name
        if self.local_listener is not None:  # a shared map joined: its title
            return f"{' '.join(self.map.title.split())[:60] or 'Shared map'} (shared)"
        return "Untitled"

    def replace(
        self,
        m: ArgumentMap,
        path: Path | None,
        *,
        modified: bool = False,
        stamp: DiskStamp | None = None,
    ) -> None:
        """A different map: new, opened, reverted or recovered.  Clears undo history.

        `stamp` is what the file looked like when it was read (read off the GUI thread);
        without it the file is read again here."""
        self.map = m
        self.revision += 1
        self.undo_stack.clear()
        self.set_path(path)
        self.stamp = stamp if stamp is not None or path is None else DiskStamp.of(path)
        self.edits_since_autosave = 0
        self.reset.emit()
        if modified:
            self.undo_stack.resetClean()
            self.modified_changed.emit(True)
        else:
            self.undo_stack.setClean()
            self.modified_changed.emit(False)

    def set_path(self, path: Path | None) -> None:
        self.path = path
        self.path_changed.emit(path)

    def mark_saved(self, path: Path, stamp: DiskStamp) -> None:
        """Saved to `path`; `stamp` is what was written (so the file is not read back)."""
        self.end_typing()
        self.set_path(path)
        self.stamp = stamp
        self.undo_stack.setClean()

    def changed_on_disk(self) -> bool:
        """True when the file is no longer what we read or wrote."""
        if self.path is None or self.stamp is None:
            return False
        return self.stamp.differs(self.path)

    # -- editing ----------------------------------------------------------------------
    def push(self, result: EditResult, label: str, key: Any = None) -> None:
        if result.redo.is_empty():
            return
        if key is None:
            self.end_typing()
        self.undo_stack.push(EditCommand(self, result, label, key))

    def edit(
        self,
        label: str,
        op: Callable[Concatenate[ArgumentMap, P], EditResult],
        /,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> EditResult | None:
        """Run a pure operation on the current map and push it as one undo step.

        `op(map, *args, **kwargs)` is type-checked against the op's own signature."""
        return self._run(label, None, lambda m: op(m, *args, **kwargs))

    def edit_typing(
        self,
        label: str,
        key: object,
        op: Callable[Concatenate[ArgumentMap, P], EditResult],
        /,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> EditResult | None:
        """Like `edit`, but typing with the same `key` merges into one open undo step."""
        return self._run(label, key, lambda m: op(m, *args, **kwargs))

    def _run(
        self, label: str, key: object, run: Callable[[ArgumentMap], EditResult]
    ) -> EditResult | None:
        tagged = ops.ID_TAG.set(self.id_tag)  # a shared map's new ids are this window's own
        try:
            result = run(self.map)
        except EditError as exc:
            self.error.emit(str(exc))
            return None
        finally:
            ops.ID_TAG.reset(tagged)
        self.push(result, label, key)
        return result

    def keep_open(self, key: object) -> None:
        """Let the next edit pushed with `key` merge into the last step (a node just added
        and the text then typed into it are one step)."""
        top = self.undo_stack.command(self.undo_stack.index() - 1)
        if isinstance(top, EditCommand):
            top.key, top.open = key, True

    def open_key(self) -> object:
        """The key of the last step while it can still merge, else None."""
        top = self.undo_stack.command(self.undo_stack.index() - 1)
        return top.key if isinstance(top, EditCommand) and top.open else None

    def end_typing(self) -> None:
        """The next keystroke starts a new undo step."""
        top = self.undo_stack.command(self.undo_stack.index() - 1)
        if isinstance(top, EditCommand):
            top.open = False

    def _apply(self, patch: Patch, reverses: Patch | None = None) -> None:
        """Only undo commands call this: it is how the map changes.  While the map is
        shared, `patch` (which undoes or redoes `reverses`) changes only what that edit
        changed, so that others' edits since then stay (see `_own_part`)."""
        old = self.map
        try:
            if self.local_listener is not None and reverses is not None:
                patch = _own_part(old, patch, reverses)
            result = ops.apply(old, patch)
            if self.local_listener is not None:  # shared: others may have changed the map
                problem = next(iter(structural_problems(result.map)), None)
                if problem is not None:
                    raise EditError(problem)
        except (EditError, KeyError) as exc:  # someone else changed what this undoes
            self.error.emit(f"cannot undo or redo that: someone changed it meanwhile ({exc})")
            return
        self.map = result.map
        self.revision += 1
        self.edits_since_autosave += 1
        self.changed.emit(old, result.map, result.change)
        if self.local_listener is not None:
            self.local_listener(old, result.map)

    def apply_remote(self, new: ArgumentMap) -> None:
        """The map as someone else's edits left it (a shared map): shown as a change,
        but not a step of this window's undo history, which undoes only its own edits."""
        old = self.map
        if new == old:
            return
        result = batch.between(old, new)
        self.map = new
        self.revision += 1
        self.changed.emit(old, new, result.change)


def _own_part(current: ArgumentMap, patch: Patch, reverses: Patch) -> Patch:
    """`patch` cut down to what the edit it reverses changed, applied to `current`: of
    a node both touch, only the fields that differ between them (a text by the change
    between them, placed among what others typed since); a node gone meanwhile is put
    back whole; node and link order are left as they are now."""
    from argmap.share.texts import carry_edit

    theirs = {node.id: node for node in reverses.put_nodes}
    nodes = []
    for node in patch.put_nodes:
        now, other = current.nodes.get(node.id), theirs.get(node.id)
        if now is None or other is None:
            nodes.append(node)
            continue
        changes: dict[str, Any] = {}
        for name in type(node).model_fields:
            mine, was = getattr(node, name), getattr(other, name)
            if mine == was:
                continue
            if isinstance(mine, str) and isinstance(was, str) and name in ("text", "title", "note"):
                changes[name] = carry_edit(was, mine, getattr(now, name))
            else:
                changes[name] = mine
        nodes.append(now.model_copy(update=changes))
    return Patch(
        put_nodes=tuple(nodes),
        drop_nodes=tuple(i for i in patch.drop_nodes if i in current.nodes),
        put_links=patch.put_links,
        drop_links=tuple(i for i in patch.drop_links if any(x.id == i for x in current.links)),
        fields=patch.fields,
    )


__all__ = ["Change", "DiskStamp", "Document", "EditCommand"]
