"""Reading a source text to attach: plain text, Markdown, or HTML (reduced to its text).

Also resolves a map's source kept beside it (`source.file`) and re-anchors the
spans when that text is not the one they were anchored to.
"""

from __future__ import annotations

import html
import os
import re
from html.parser import HTMLParser
from pathlib import Path

from argmap.formats.bounded import read_bounded
from argmap.formats.errors import LoadError
from argmap.model import ArgumentMap
from argmap.model.source import normalise, reanchor

MAX_SOURCE_BYTES = 32 * 1024 * 1024
_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "tr",
    "section",
    "article",
    "header",
    "footer",
    "figcaption",
    "dt",
    "dd",
}
_SKIP = {"script", "style", "head", "title", "noscript", "template"}


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))  # keeps the space between words


def html_to_text(markup: str) -> str:
    """The readable text of an HTML page, one blank line between blocks."""
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    blocks = [" ".join(b.split()) for b in "".join(parser.parts).split("\n\n")]
    return "\n\n".join(html.unescape(b) for b in blocks if b)


def read_source_text(path: str | Path) -> str:
    """The text of a source file, line endings normalised; HTML reduced to its text.

    Read through read_bounded: regular files only, at most MAX_SOURCE_BYTES,
    never blocking on a FIFO or reading a device without end."""
    path = Path(path)
    raw = read_bounded(path, MAX_SOURCE_BYTES, "a source text")
    # not bounded.decode_utf8: a source text is not a map but any text a user has, so
    # one that is not UTF-8 is read as the old Windows files it most likely is
    # (cp1252), not refused; nothing is lost silently (undefined bytes become U+FFFD)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    if path.suffix.lower() in (".html", ".htm", ".xhtml"):
        text = html_to_text(text)
    try:
        return normalise(text)
    except ValueError as exc:
        raise LoadError(path, None, str(exc)) from None


def _shown(name: str, limit: int = 60) -> str:
    """A file name from a map, safe to put in a one-line note."""
    text = name.encode("unicode_escape", "backslashreplace").decode("ascii")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def beside_source(file: str, folder: Path | None) -> Path:
    """The real path of a source kept beside the map, or a LoadError saying why not.

    Only a file in the map's folder or below it, after resolving symbolic
    links, may be read: a map is data, and must not make argmap read
    /etc/passwd, ../../secret.txt or /proc/self/environ."""
    if folder is None:
        raise LoadError(None, None, "the map has no folder to keep it in")
    where = Path(file)
    if not where.is_absolute():
        where = folder / where
    try:
        real = Path(os.path.realpath(where))
        base = Path(os.path.realpath(folder))
    except (OSError, ValueError) as exc:  # a NUL in the name, a loop
        raise LoadError(None, None, "is not a usable file name") from exc
    if not real.is_relative_to(base):
        raise LoadError(None, None, "is outside the map's folder; keep the source beside the map")
    if any(part.startswith(".") for part in real.relative_to(base).parts):
        # a map saved in a home folder must not reach ~/.ssh or ~/.config
        raise LoadError(None, None, "is hidden (a dot file or folder); argmap does not read it")
    return real


def resolve_source(m: ArgumentMap, folder: Path | None) -> tuple[ArgumentMap, list[str]]:
    """Read a source kept beside the map, and re-anchor spans to a changed text.

    Returns the map and notes for the user (nothing here is fatal: the map opens).
    """
    notes: list[str] = []
    source = m.source
    if source.file:
        try:
            text = read_source_text(beside_source(source.file, folder))
        except LoadError as exc:
            notes.append(f"source text '{_shown(source.file)}' not read: {exc.message}")
            return m.evolve(source=source.model_copy(update={"text": None})), notes
        if text != source.text:
            source = source.model_copy(update={"text": text})
            m = m.evolve(source=source)
    if source.text is not None and not source.is_current():
        # re-anchored even without a checksum (spans past the end must not be kept), but
        # told only when a span moved or needs review: spans that all hold are no news
        result = reanchor(m, source.text)
        m = result.map
        if result.moved or result.flagged:
            what = "the source text changed" if source.checksum else "the map has no checksum"
            notes.append(
                f"{what}: {result.moved} span(s) found at a new place, {result.flagged} need review"
            )
    return m, notes
