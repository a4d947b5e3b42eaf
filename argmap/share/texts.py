"""Text merged by characters: an edit of one person's copy of a text (before -> after)
made to the shared text, which may hold others' typing by now, where that edit's
neighbours are, so that their characters stay."""

from __future__ import annotations

from pycrdt import Text


def edit_text(text: Text, old: str, new: str) -> None:
    """The change from `old` to `new` (the characters between their common start and
    end: what typing at one place changes) made to `text`.  `text` may hold more than
    `old` by now (others typed meanwhile): the change is placed where its neighbours
    are in the current text, so that their characters stay."""
    if old == new:
        return
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    current = str(text)
    cut_from, cut_to = start, len(old) - end
    if current != old:
        cut_from, cut_to = _placed(old, current, cut_from, cut_to)
    # Yrs counts text in UTF-8 bytes
    at = len(current[:cut_from].encode("utf-8"))
    removed = len(current[cut_from:cut_to].encode("utf-8"))
    if removed:
        del text[at : at + removed]
    inserted = new[start : len(new) - end]
    if inserted:
        text.insert(at, inserted)


def carry_edit(before: str, after: str, current: str) -> str:
    """`current` with the change from `before` to `after` made to it where that change's
    neighbours are (an undo of one's own typing, after others typed in the same text)."""
    if before == after:
        return current
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[-1 - end] == after[-1 - end]:
        end += 1
    cut_from, cut_to = _placed(before, current, start, len(before) - end)
    return current[:cut_from] + after[start : len(after) - end] + current[cut_to:]


def _placed(old: str, current: str, cut_from: int, cut_to: int) -> tuple[int, int]:
    """Where old[cut_from:cut_to] is in `current`: each end carried through the
    differences between the two (an end inside text someone else changed goes to the
    end of their change, so that their characters are kept)."""
    from difflib import SequenceMatcher

    blocks = SequenceMatcher(None, old, current, autojunk=False).get_opcodes()

    def carried(index: int, after: bool) -> int:
        for tag, a0, a1, b0, b1 in blocks:
            if tag == "equal" and a0 <= index <= a1:
                return b0 + (index - a0)
            if a0 <= index <= a1 and (index < a1 or a0 == a1):
                return b1 if after else b0
        return len(current)

    start = carried(cut_from, after=True)
    return start, max(start, carried(cut_to, after=False))


def carry_index(old: str, new: str, index: int) -> int:
    """Where a caret at `index` in `old` belongs in `new`: carried through the
    differences between them, so that what someone else typed before it moves it on."""
    if old == new:
        return index
    return _placed(old, new, index, index)[0]
