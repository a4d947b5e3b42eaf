"""A map's saved views in an Argdown front matter.

The view called "Argdown selection" is the tool's own `selection:` block: what a view
can hold of it (selectedTags, selectedSections, excludeDisconnected) is read into the
view, the block's other settings stay in the kept front matter.  Written back, the
original block stays as it was while the view still reads the same from it; a changed
view rewrites the three settings it holds (and selects elements in no section, which
a view always shows); a deleted view drops the block.  Every other view goes under
argmap's own key, which the tool leaves alone::

    argmap:
        views:
            - name: "Only health"
              tags: ["health"]
              hiddenSections: ["Costs"]    # by heading, as the tool names sections
              hideDisconnected: true
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from argmap.formats.argdown import yamldata
from argmap.formats.argdown.syntax import RefusedError
from argmap.model.structure import Section, View
from argmap.model.validation import unsaveable

SELECTION_VIEW = "Argdown selection"
#: the settings of `selection:` a view holds; argmap writes these when the view changed
HELD = ("selectedTags", "selectedSections", "excludeDisconnected", "selectElementsWithoutSection")
_SUB_KEY = re.compile(r"([ \t]+)([A-Za-z_][\w-]*)[ \t]*:")
_TOP = re.compile(r"selection[ \t]*:[ \t]*(#.*)?$")


@dataclass
class Selection:
    """The Argdown tool's preselection (`selection:`) as far as a view can hold it."""

    tags: list[str] = field(default_factory=list)  # selectedTags
    sections: list[str] | None = None  # selectedSections, by title (None: all)
    exclude_disconnected: bool = True  # the tool's default


@dataclass
class SavedView:
    """A view as the front matter names it: its sections by their headings."""

    name: str
    tags: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    hide_disconnected: bool = False


def strings(node: yamldata.Node | None, name: str) -> list[str]:
    """A list of names (or one name) as the tool compares them: String(value); a name
    YAML spells with a lone surrogate ("\\ud800") is refused, as a title is."""
    items = node.items if isinstance(node, yamldata.Sequence) else [node] if node else []
    out = [item.key() for item in items if isinstance(item, yamldata.Scalar)]
    problem = unsaveable(out)
    if problem is not None:
        raise RefusedError(f"the front matter's {name} {problem[1]}")
    return out


def read_selection(node: yamldata.Mapping) -> Selection:
    out = Selection(tags=strings(node.get("selectedTags"), "selectedTags"))
    sections = node.get("selectedSections")
    if sections is not None:
        out.sections = strings(sections, "selectedSections")
    disconnected = node.get("excludeDisconnected")
    if disconnected is not None:
        out.exclude_disconnected = yamldata.truthy(disconnected)
    return out


def read_views(root: yamldata.Mapping) -> list[SavedView]:
    """argmap's views (`argmap: views:`); an entry that is not a mapping with a name is
    left out (the writer never writes one)."""
    own = root.get("argmap")
    views = own.get("views") if isinstance(own, yamldata.Mapping) else None
    out: list[SavedView] = []
    for item in views.items if isinstance(views, yamldata.Sequence) else ():
        name = item.get("name") if isinstance(item, yamldata.Mapping) else None
        if not isinstance(item, yamldata.Mapping) or not isinstance(name, yamldata.Scalar):
            continue
        out.append(
            SavedView(
                name=strings(name, "view name")[0],
                tags=strings(item.get("tags"), "view tags"),
                hidden=strings(item.get("hiddenSections"), "view sections"),
                hide_disconnected=yamldata.truthy(item.get("hideDisconnected")),
            )
        )
    return out


def selection_view(selection: Selection, sections: Sequence[Section]) -> View:
    """The tool's `selection:` settings as a view: its tags, the sections it leaves out
    (those not selected, unless a selected one is nested in them), and whether
    statements without relations stay out (the tool's default: they do)."""
    hidden: tuple[str, ...] = ()
    if selection.sections is not None:
        wanted = set(selection.sections)
        parent = {s.id: s.parent for s in sections}
        keep: set[str] = set()
        for section in sections:
            if heading(section) in wanted:
                at: str | None = section.id
                while at is not None:  # a selected section shows inside its parents
                    keep.add(at)
                    at = parent.get(at)
        hidden = tuple(s.id for s in sections if s.id not in keep)
    return View(
        name=SELECTION_VIEW,
        tags=tuple(dict.fromkeys(selection.tags)),
        hidden_sections=hidden,
        hide_disconnected=selection.exclude_disconnected,
    )


def heading(section: Section) -> str:
    """A section's title as its heading reads back, and as the tool names the section."""
    return " ".join(section.title.split())


def shown_sections(view: View, sections: Sequence[Section]) -> list[str] | None:
    """The headings of the sections a view shows (none of them or above them hidden);
    None when it hides none."""
    if not view.hidden_sections:
        return None
    hidden = set(view.hidden_sections)
    parent = {s.id: s.parent for s in sections}
    out = []
    for section in sections:
        at: str | None = section.id
        while at is not None and at not in hidden:
            at = parent.get(at)
        if at is None:
            out.append(heading(section))
    return out


def view_problem(name: str, taken: set[str]) -> str | None:
    """Why a view of this name cannot be kept (the model's rule), or None."""
    if not name.strip() or "\n" in name or len(name) > 200:
        return "a view's name is one line of 1 to 200 characters"
    if name in taken:
        return "another view has this name"
    return None


# -- writing -----------------------------------------------------------------------


def _flow(values: Sequence[str], quote: Callable[[str], str]) -> str:
    return "[" + ", ".join(quote(v) for v in values) + "]"


def views_lines(
    views: Sequence[View], heading: Callable[[str], str], quote: Callable[[str], str]
) -> list[str]:
    """The views other than the selection under `argmap:`; `heading`: a section's
    heading words by id, `quote`: a YAML string."""
    kept = [v for v in views if v.name != SELECTION_VIEW]
    if not kept:
        return []
    lines = ["argmap:", "    views:"]
    for view in kept:
        lines.append(f"        - name: {quote(view.name)}")
        if view.tags:
            lines.append(f"          tags: {_flow(view.tags, quote)}")
        if view.hidden_sections:
            hidden = [heading(s) for s in view.hidden_sections]
            lines.append(f"          hiddenSections: {_flow(hidden, quote)}")
        if view.hide_disconnected:
            lines.append("          hideDisconnected: true")
    return lines


def selection_settings(
    view: View, shown: Sequence[str] | None, quote: Callable[[str], str]
) -> list[str]:
    """The settings of `selection:` the view holds, as "key: value" lines; `shown`: the
    headings of the sections it shows, None when it hides none."""
    lines = []
    if view.tags:
        lines.append(f"selectedTags: {_flow(view.tags, quote)}")
    if shown is not None:
        lines.append(f"selectedSections: {_flow(shown, quote)}")
        lines.append("selectElementsWithoutSection: true")
    lines.append(f"excludeDisconnected: {'true' if view.hide_disconnected else 'false'}")
    return lines


def with_selection(kept: list[str], settings: list[str] | None) -> list[str]:
    """`kept` (the original's lines) with its `selection:` block dropped (`settings`
    None) or its held settings replaced by `settings`; the others stay line by line."""
    at = next((i for i, line in enumerate(kept) if _TOP.match(line)), -1)
    if at < 0:
        kept = [line for line in kept if not re.match(r"selection[ \t]*:", line)]  # inline
        if settings is None:
            return kept
        return [*kept, "selection:", *(f"    {line}" for line in settings)]
    end = at + 1
    while end < len(kept) and (not kept[end] or kept[end][0] in " \t#"):
        end += 1
    if settings is None:
        return kept[:at] + kept[end:]
    old = kept[at + 1 : end]
    indent = next((b[: len(b) - len(b.lstrip())] for b in old if b.strip()), "    ")
    block: list[str] = []
    skip: int | None = None  # inside a held setting: the indent of its key
    for line in old:
        width = len(line) - len(line.lstrip())
        if skip is not None and (not line.strip() or width > skip):
            continue
        skip = None
        found = _SUB_KEY.match(line)
        if found and found.group(2) in HELD:
            skip = len(found.group(1))
            continue
        block.append(line)
    return [*kept[: at + 1], *(indent + line for line in settings), *block, *kept[end:]]
