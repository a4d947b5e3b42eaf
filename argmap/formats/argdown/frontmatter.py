"""The YAML front matter of an Argdown document: read as YAML, written by argmap itself.

argmap needs little of it: the title, the description, and three settings of the
Argdown tool's model (strict mode, exploded arguments, tags removed from texts), read
through a YAML parser as the tool reads them (yamldata).  Writing keeps the original's
other settings line by line and adds argmap's own; values are written as YAML
double-quoted strings in which nothing can end the block: line breaks and control
characters are escapes, and no three "=" ever follow each other (the tool's front
matter ends at the first "===", even inside a string).  What argmap writes is read back
before it is kept: a merge that would not read as meant keeps argmap's lines alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from argmap.formats.argdown import yamldata
from argmap.formats.argdown.syntax import RefusedError
from argmap.formats.argdown.tagcolors import (
    DEFAULT_SCHEME,
    read_tag_colors,
    tag_scheme,
    with_tag_colors,
)
from argmap.formats.argdown.views import (
    SELECTION_VIEW,
    SavedView,
    Selection,
    heading,
    read_selection,
    read_views,
    selection_settings,
    selection_view,
    shown_sections,
    views_lines,
    with_selection,
)
from argmap.model.structure import COLOR_PATTERN, Section, View
from argmap.model.validation import shown as quoted
from argmap.model.validation import unsaveable

COLOR = re.compile(COLOR_PATTERN)

_REMOVE_TAGS = re.compile(r"(?m)^[ \t]*removeTagsFromText:[ \t]*true")
_MODE = re.compile(r"[ \t]+mode[ \t]*:")
_TOP_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)")
#: what YAML allows unescaped in a double-quoted string (js-yaml refuses the rest)
PRINTABLE = re.compile(
    "[\t\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


@dataclass
class FrontMatter:
    raw: str = ""
    title: str = ""
    description: str = ""
    strict: bool = False
    explode: bool = False
    remove_tags: bool = False
    #: why the front matter was not read ("" when it was): the map still opens, with
    #: this as a warning, as it opened when argmap read only a few settings by pattern
    problem: str = ""
    #: what was read but cannot be shown as written (warnings; the lines are kept)
    notes: list[str] = field(default_factory=list)
    #: `color: tagColors:` entries that name a colour (a number picks from the tool's
    #: colour scheme, which argmap does not know: it stays in the kept front matter)
    tag_colors: dict[str, str] = field(default_factory=dict)
    #: the scheme the tool colours other tags from, in their order of first use (None:
    #: one argmap does not know), and the tags `tagColors:` has an entry for
    tag_scheme: tuple[str, ...] | None = DEFAULT_SCHEME
    pinned_tags: frozenset[str] = frozenset()
    #: the `selection:` settings argmap's views can hold, when there is such a block
    selection: Selection | None = None
    #: argmap's own saved views (`argmap: views:`)
    views: list[SavedView] = field(default_factory=list)


def split_front_matter(text: str) -> tuple[FrontMatter | None, str, int]:
    """(front matter, the body after it, the body's first line number).

    As the tool's token /===+[\\s\\S]*?===+/ after blank lines at the start.
    """
    start = 0
    while True:  # skip blank lines
        end = text.find("\n", start)
        if end < 0 or text[start:end].strip(" \t"):
            break
        start = end + 1
    while start < len(text) and text[start] in " \t":
        start += 1
    if not text.startswith("===", start):
        return None, text, 1
    inner = start
    while inner < len(text) and text[inner] == "=":
        inner += 1
    close = text.find("===", inner)
    if close < 0:
        if inner - start < 6:
            return None, text, 1
        close = inner = start + 3  # "======" alone: an empty block
    end = close
    while end < len(text) and text[end] == "=":
        end += 1
    inside = text[inner:close]
    raw = inside.strip("\n")
    first = 1 + text.count("\n", 0, inner) + len(inside) - len(inside.lstrip("\n"))
    front = read_front_matter(raw, first)
    return front, text[end:], 1 + text.count("\n", 0, end)


def read_front_matter(raw: str, first_line: int = 1) -> FrontMatter:
    """What argmap reads from a front matter; `first_line`: the line it starts on.

    YAML argmap does not read (one the tool refuses, or past argmap's own limits:
    aliases, too many values) costs the front matter, not the map: its title and
    settings stay unread and `problem` says why, in one line naming the line."""
    try:
        root = yamldata.load(raw)
    except yamldata.YamlError as exc:
        line = first_line + exc.line - 1
        problem = f"line {line}: the front matter's YAML: {exc.problem}"
        return FrontMatter(raw=raw, problem=f"{problem}; its title and settings are not read")
    front = FrontMatter(raw=raw)
    if not isinstance(root, yamldata.Mapping):
        return front
    model = root.get("model")
    if isinstance(model, yamldata.Mapping):
        mode = model.get("mode")
        front.strict = isinstance(mode, yamldata.Scalar) and (mode.kind, mode.text) == (
            "str",
            "strict",
        )
        front.explode = yamldata.truthy(model.get("explodeArguments"))
        front.remove_tags = yamldata.truthy(model.get("removeTagsFromText"))
    front.title = _text(root.get("title"), "title")
    front.description = _text(root.get("description"), "description")
    front.tag_colors, undrawn = _tag_colors(root.get("color"))
    front.tag_scheme, front.pinned_tags = tag_scheme(root.get("color"))
    if undrawn:
        named = ", ".join(f"'{quoted(c, 30)}'" for c in undrawn[:3])
        more = f" and {len(undrawn) - 3:,} more" if len(undrawn) > 3 else ""
        front.notes.append(
            f"the front matter's tag colour {named}{more} is not one argmap can draw "
            "(#rrggbb or a CSS colour name): the tag shows uncoloured, the line is kept"
        )
    selection = root.get("selection")
    if isinstance(selection, yamldata.Mapping):
        front.selection = read_selection(selection)
    front.views = read_views(root)
    return front


def _tag_colors(node: yamldata.Node | None) -> tuple[dict[str, str], list[str]]:
    """The tag colours the model can hold, and the colours it cannot draw."""
    undrawn: list[str] = []

    def fits(tag: str, color: str) -> bool:
        if unsaveable(tag) is not None:
            return False
        if COLOR.fullmatch(color) is None:
            undrawn.append(color)
            return False
        return True

    return read_tag_colors(node, fits), undrawn


def _text(node: yamldata.Node | None, name: str) -> str:
    """A title or description: a value as written (a number too); "" for none or a list.
    A block scalar's last line breaks (">" keeps one) are YAML's, not the title's: the
    tool's HTML, where its title shows, does not show them either."""
    if not isinstance(node, yamldata.Scalar) or node.kind == "null":
        return ""
    text = node.text.rstrip("\n") if node.block else node.text
    problem = unsaveable(text)  # "\\ud800" spells a lone surrogate
    if problem is not None:
        raise RefusedError(f"the front matter's {name} {problem[1]}")
    return text


def yaml_string(value: str) -> str:
    """`value` as a YAML double-quoted string that keeps inside an Argdown front matter."""
    out = ['"']
    previous = ""
    for c in value:
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "=" and previous == "=":
            out.append("\\x3D")  # never "===": the front matter would end there
        elif PRINTABLE.fullmatch(c) and c not in "\t\u2028\u2029":
            out.append(c)
        elif ord(c) < 0x100:
            out.append(f"\\x{ord(c):02X}")
        elif ord(c) < 0x10000:
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(f"\\U{ord(c):08X}")
        previous = c if out[-1] == c else ""
    out.append('"')
    return "".join(out)


def merged_front_matter(
    original: str,
    title: str,
    description: str,
    strict: bool,
    tag_colors: Mapping[str, str] | None = None,
    views: Sequence[View] = (),
    sections: Sequence[Section] = (),
) -> list[str]:
    """The lines of a front matter: the original's settings kept where they are safe,
    argmap's title and description, strict mode when the relations need it, the tag
    colours (tagcolors), the saved views (views).  Unless the lines read back so (a
    setting written in a way the merge cannot see, or an original that is not YAML),
    argmap's own lines alone."""
    colors = dict(tag_colors or {})
    wanted = _Wanted(title, description, strict, colors, tuple(views), tuple(sections))
    lines = _heading(title, description) + _colored(_kept(original, strict), original, colors)
    lines = _viewed(lines, original, wanted)
    if original and not _reads_as(lines, wanted):
        lines = _heading(title, description) + _colored(_kept("", strict), "", colors)
        lines = _viewed(lines, "", wanted)
    return lines


@dataclass(frozen=True)
class _Wanted:
    """What a written front matter must read back as."""

    title: str
    description: str
    strict: bool
    colors: dict[str, str] | None = None
    views: tuple[View, ...] | None = None  # None: not checked
    sections: tuple[Section, ...] = ()

    def selection(self) -> View | None:
        return next((v for v in self.views or () if v.name == SELECTION_VIEW), None)


def _viewed(kept: list[str], original: str, wanted: _Wanted) -> list[str]:
    """The lines with the selection as the view "Argdown selection" has it (the original
    block while the view reads the same from it) and argmap's other views."""
    views, sections = wanted.views or (), wanted.sections
    view = wanted.selection()
    read = read_front_matter(original).selection if original else None
    lines = kept
    if view is None and read is not None:
        lines = with_selection(kept, None)
    elif view is not None and (read is None or selection_view(read, sections) != view):
        shown = shown_sections(view, sections)
        lines = with_selection(kept, selection_settings(view, shown, yaml_string))
    table = {s.id: s for s in sections}
    return lines + views_lines(views, lambda at: heading(table[at]), yaml_string)


def _colored(kept: list[str], original: str, colors: dict[str, str]) -> list[str]:
    read = read_front_matter(original).tag_colors if original else {}
    if not colors and not read:
        return kept  # the original's colour settings stay as they were
    return with_tag_colors(kept, original, read, colors)


def _heading(title: str, description: str) -> list[str]:
    lines: list[str] = []
    if title:
        lines.append(f"title: {yaml_string(title)}")
    if description:
        lines.append(f"description: {yaml_string(description)}")
    return lines


def _kept(original: str, strict: bool) -> list[str]:
    """The original's lines but its title, description and tags removed from texts."""
    kept: list[str] = []
    model_at = -1
    if original and "===" not in original and "\r" not in original:
        skipping = False
        for line in original.split("\n"):
            key = _TOP_KEY.match(line)
            top = bool(line) and line[0] not in " \t#"
            if top:  # argmap's own views: the model's are written
                skipping = key is not None and key.group(1) in ("title", "description", "argmap")
                if not skipping and key is not None and key.group(1) == "model":
                    model_at = len(kept) if not line[key.end() :].strip() else -2
            if skipping or _REMOVE_TAGS.match(line) or re.match(r"[ \t]*removeTagsFromText:", line):
                continue
            kept.append(line)
    if model_at == -2:  # a model written inline: argmap cannot merge into it, so drops it
        kept = [line for line in kept if not re.match(r"model[ \t]*:", line)]
        model_at = -1
    if model_at >= 0 and not _has_settings(kept, model_at):
        del kept[model_at]  # an empty "model:" is null: the tool then fails on a shortcode
        model_at = -1
    if strict and not _reads_as(kept, _Wanted("", "", True)):
        if model_at >= 0:
            end = model_at + 1
            while end < len(kept) and (not kept[end] or kept[end][0] in " \t#"):
                end += 1
            block = [line for line in kept[model_at + 1 : end] if not _MODE.match(line)]
            kept[model_at + 1 : end] = ["    mode: strict", *block]
        else:
            kept += ["model:", "    mode: strict"]
    while kept and not kept[-1].strip():
        kept.pop()
    return kept


def _has_settings(lines: list[str], at: int) -> bool:
    """Whether the block under the key at `lines[at]` holds a setting."""
    for line in lines[at + 1 :]:
        if line and line[0] not in " \t#":
            return False
        if line.strip() and not line.strip().startswith("#"):
            return True
    return False


def _reads_as(lines: list[str], wanted: _Wanted) -> bool:
    """Whether the lines read as the title and description, strict if asked, with tags
    kept in texts, and (where given) with the tag colours and views."""
    try:
        front = read_front_matter("\n".join(lines))
    except RefusedError:
        return False
    if front.problem or front.remove_tags or (wanted.strict and not front.strict):
        return False
    if wanted.colors is not None and front.tag_colors != wanted.colors:
        return False
    if wanted.views is not None and not _same_views(front, wanted):
        return False
    return (front.title, front.description) == (wanted.title, wanted.description)


def _same_views(front: FrontMatter, wanted: _Wanted) -> bool:
    view = wanted.selection()
    if (front.selection is None) != (view is None):
        return False
    if front.selection is not None and view is not None:
        read = selection_view(front.selection, wanted.sections)
        shown = shown_sections(view, wanted.sections)
        if (read.tags, read.hide_disconnected) != (view.tags, view.hide_disconnected):
            return False
        if shown is not None and shown_sections(read, wanted.sections) != shown:
            return False
    table = {s.id: heading(s) for s in wanted.sections}
    others = [
        (v.name, list(v.tags), [table[s] for s in v.hidden_sections], v.hide_disconnected)
        for v in wanted.views or ()
        if v.name != SELECTION_VIEW
    ]
    read_views = [(v.name, v.tags, v.hidden, v.hide_disconnected) for v in front.views]
    return read_views == others
