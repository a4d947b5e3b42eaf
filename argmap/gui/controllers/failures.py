"""What the user is told when something failed: one line, short, control characters escaped."""

from __future__ import annotations

import re
from pathlib import Path

from argmap.formats import LoadError, SaveError
from argmap.formats.sniff import FormatUnknownError
from argmap.model.validation import shown

LIMIT = 200
_SPACE = re.compile(r"\s*[\r\n]+\s*")


def one_line(text: str, limit: int = LIMIT) -> str:
    """`text` on one line of at most `limit` characters; nothing in it can break the line
    (line breaks become spaces; other controls, bidi marks and surrogates are escaped)."""
    return shown(_SPACE.sub(" ", text.strip()).replace("\t", " "), limit)


def short_path(path: str | Path, limit: int = 100) -> str:
    """A path that leaves room for the reason: its end is what names the file."""
    text = str(path)
    return text if len(text) <= limit else "…" + text[-(limit - 1) :]


#: what the app can do about a file whose format cannot be told: it has no --from, and
#: the Import dialog's filters only narrow the listing (the format is still told by
#: content); a name is the one thing that makes a file Argdown
IF_ARGDOWN = "if it is Argdown, name it .argdown"


def in_app(exc: FormatUnknownError) -> LoadError:
    """The error as the app says it: its reason, then advice the app can follow."""
    sep = " " if exc.reason.endswith("?") else "; "
    advice = IF_ARGDOWN[0].upper() + IF_ARGDOWN[1:] if sep == " " else IF_ARGDOWN
    return LoadError(exc.path, None, f"{exc.reason}{sep}{advice}")


def describe(exc: BaseException, path: str | Path | None = None, limit: int = LIMIT) -> str:
    """An exception as one line that names the file: the typed errors already do."""
    if isinstance(exc, FormatUnknownError):
        exc = in_app(exc)
    if isinstance(exc, LoadError | SaveError):  # already one line that names the file
        return one_line(str(exc), limit)
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror  # without the "[Errno 5]" and the file name Python adds
    else:
        text = str(exc).strip() or type(exc).__name__
    return one_line(text if path is None else f"{short_path(path)}: {text}", limit)


__all__ = ["LIMIT", "describe", "in_app", "one_line", "short_path"]
