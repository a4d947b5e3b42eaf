"""Updates applied to a replica in whatever order they come.

Yrs keeps an update whose causes have not arrived yet as pending and integrates it when
they do; but with two such updates pending at once it was seen here (pycrdt 0.14.13) to
integrate only one of them, so that a replica given updates out of order silently
missed an edit (tests/test_share_layout.py has the case).  An `Inbox` keeps every update
its document has not yet integrated, by the document's state vector, and applies it
again after each later one until it is in.
"""

from __future__ import annotations

from typing import Any

from pycrdt import Doc, get_update


def _var_uint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if at >= len(data) or shift > 63:
            raise ValueError("an update cut short")
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def integrated(doc: Doc[Any], update: bytes) -> bool:
    """True when every item `update` adds is in `doc`: what of it the document's state
    does not hold starts with its count of clients' blocks (Yjs's update encoding), and
    that is 0.  (Its deletions are not counted: a delete of what is gone is a no-op.)"""
    return _var_uint(get_update(update, doc.get_state()), 0)[0] == 0


class Inbox:
    """Applies updates to `doc`, keeping back the ones not yet integrated."""

    def __init__(self, doc: Doc[Any]) -> None:
        self.doc = doc
        self.waiting: list[bytes] = []

    def receive(self, update: bytes) -> None:
        """Apply `update` (an exception if it is not one), then every waiting update
        again while that brings one in."""
        self.doc.apply_update(update)
        if not integrated(self.doc, update):
            self.waiting.append(update)
            return
        progress = bool(self.waiting)
        while progress:
            progress = False
            for held in list(self.waiting):
                self.doc.apply_update(held)
                if integrated(self.doc, held):
                    self.waiting.remove(held)
                    progress = True
