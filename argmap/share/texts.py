"""Text merged by characters: an edit of one person's copy of a text (before -> after)
made to the shared text, which may hold others' typing by now, where that edit's
neighbours are, so that their characters stay (as Yjs keeps concurrent insertions)."""

from __future__ import annotations

from pycrdt import Text


def _change(before: str, after: str) -> tuple[int, int, str]:
    """The change from `before` to `after` as (start, end in `before`, inserted): the
    characters between their common start and end, what typing at one place changes."""
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return start, len(before) - end, after[start : len(after) - end]


def _plan(old: str, current: str, cut_from: int, cut_to: int) -> tuple[int, list[tuple[int, int]]]:
    """Where in `current` the change of old[cut_from:cut_to] goes: the point to insert
    at, and the ranges to delete (only characters of `old` still there: what someone
    else inserted or changed inside the range is theirs and stays)."""
    if current == old:
        return cut_from, [(cut_from, cut_to)] if cut_to > cut_from else []
    from difflib import SequenceMatcher

    blocks = SequenceMatcher(None, old, current, autojunk=False).get_opcodes()
    at = len(current) if cut_from else 0
    for tag, a0, a1, b0, b1 in blocks:  # after anything inserted right at this point
        if tag == "insert" and a0 == cut_from:
            at = b1
            break
        if a0 <= cut_from < a1:
            at = b0 + (cut_from - a0) if tag == "equal" else b1
            break
    ranges = []
    for tag, a0, a1, b0, _b1 in blocks:
        low, high = max(a0, cut_from), min(a1, cut_to)
        if tag == "equal" and low < high:
            ranges.append((b0 + (low - a0), b0 + (high - a0)))
    return at, ranges


def edit_text(text: Text, old: str, new: str) -> None:
    """The change from `old` to `new` made to `text`, which may hold more than `old` by
    now (others typed meanwhile): placed where its neighbours are, others' kept."""
    if old == new:
        return
    start, end, inserted = _change(old, new)
    current = str(text)
    at, ranges = _plan(old, current, start, end)

    def offset(index: int) -> int:  # Yrs counts text in UTF-8 bytes
        return len(current[:index].encode("utf-8"))

    for low, high in sorted(ranges, reverse=True):
        del text[offset(low) : offset(high)]
    if inserted:
        kept = current[:at]
        for low, high in ranges:  # deletions before the point (none, as it is the start)
            if high <= at:
                kept = kept[:low] + kept[high:]
        text.insert(len(kept.encode("utf-8")), inserted)


def carry_edit(before: str, after: str, current: str) -> str:
    """`current` with the change from `before` to `after` made to it where that change's
    neighbours are (an undo of one's own typing, after others typed in the same text)."""
    if before == after:
        return current
    start, end, inserted = _change(before, after)
    at, ranges = _plan(before, current, start, end)
    out = current[:at] + inserted + current[at:]
    for low, high in sorted(ranges, reverse=True):
        low, high = (low + len(inserted), high + len(inserted)) if low >= at else (low, high)
        out = out[:low] + out[high:]
    return out


def carry_index(old: str, new: str, index: int) -> int:
    """Where a caret at `index` in `old` belongs in `new`: carried through the
    differences between them, so that what someone else typed before it moves it on."""
    if old == new:
        return index
    return _plan(old, new, index, index)[0]
