"""The tag colours of a map in an Argdown front matter (`color: tagColors:`).

Read: an entry's colour, a number (an index into the colour scheme, which argmap knows
for the tool's default scheme and for one the front matter lists), or an object with
a `color` (and a `priority`, which stays in the front matter).  Written: the model's
palette wins; an entry that still gives the model's colour is written as it was (a
number stays a number, an object keeps its priority); of the original's other entries
those argmap could not read as colours stay, unless the model names that tag.  The
rest of the original's `color:` block is kept line by line, the new `tagColors:`
indented as its other keys are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from argmap.formats.argdown import yamldata

_TOP = re.compile(r"color[ \t]*:[ \t]*(#.*)?$")
_TAG_COLORS = re.compile(r"([ \t]+)tagColors[ \t]*:")


#: the colours the tool's default colour scheme numbers (ColorBrewer's "Dark2")
DEFAULT_SCHEME = (
    "#1b9e77",
    "#d95f02",
    "#7570b3",
    "#e7298a",
    "#66a61e",
    "#e6ab02",
    "#a6761d",
    "#666666",
)


#: the tool's named colour schemes: ColorBrewer's (and d3's category10), and the
#: tool's eight-colour "iwanthue-" palettes
SCHEMES: dict[str, tuple[str, ...]] = {
    "default": DEFAULT_SCHEME,
    "colorbrewer-dark2": DEFAULT_SCHEME,
    "colorbrewer-category10": (
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ),
    "colorbrewer-accent": (
        "#7fc97f", "#beaed4", "#fdc086", "#ffff99", "#386cb0", "#f0027f", "#bf5b17", "#666666",
    ),
    "colorbrewer-paired": (
        "#a6cee3", "#1f78b4", "#b2df8a", "#33a02c", "#fb9a99", "#e31a1c",
        "#fdbf6f", "#ff7f00", "#cab2d6", "#6a3d9a", "#ffff99", "#b15928",
    ),
    "colorbrewer-set": (
        "#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00",
        "#ffff33", "#a65628", "#f781bf", "#999999",
    ),
    "colorbrewer-set2": (
        "#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f", "#e5c494", "#b3b3b3",
    ),
    "colorbrewer-set3": (
        "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
        "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f",
    ),
    "iwanthue-colorblind-friendly": (
        "#ba4761", "#b65b37", "#c99738", "#83a142", "#52b77f", "#7d89e0", "#654397", "#bc589e",
    ),
    "iwanthue-fancy": (
        "#e6afd3", "#9ed2a7", "#aebaeb", "#d2d39d", "#71cdeb", "#e6b197", "#81d6d0", "#baf0d6",
    ),
    "iwanthue-fluo": (
        "#7fe643", "#f3bb79", "#57e5d6", "#eecb3c", "#69eb8a", "#dbd76f", "#cfe945", "#b0e391",
    ),
    "iwanthue-red-roses": (
        "#e17892", "#da3db3", "#e0abbf", "#e23b6e", "#9a6276", "#e17cbc", "#aa3d5e", "#b14183",
    ),
    "iwanthue-ochre-sand": (
        "#885249", "#ec926e", "#995432", "#e29e96", "#b75f56", "#e0a081", "#ed837b", "#ad766b",
    ),
    "iwanthue-yellow-lime": (
        "#ebcba0", "#e28c23", "#a88c68", "#dfb137", "#7e5e31", "#e2ae59", "#aa782a", "#deaa6e",
    ),
    "iwanthue-green-mint": (
        "#569a3e", "#dfd84b", "#657443", "#b0e13e", "#c6cc9c", "#61d950", "#a09f40", "#a0de87",
    ),
    "iwanthue-ice-cube": (
        "#48bf8c", "#3e6f5f", "#3ce896", "#68a194", "#71ecb8", "#3d9b76", "#adddc9", "#62e0d3",
    ),
    "iwanthue-blue-ocean": (
        "#3a718b", "#002a33", "#2178a3", "#0d353f", "#4c707b", "#214650", "#13526c", "#395e68",
    ),
    "iwanthue-indigo-night": (
        "#4c8ae7", "#2d5192", "#829ce5", "#4074e3", "#5794d7", "#2f63ac", "#3295e9", "#607bc2",
    ),
    "iwanthue-purple-wine": (
        "#5f2cc1", "#504361", "#4033a2", "#27173a", "#77268f", "#403c81", "#321262", "#63306e",
    ),
}  # fmt: skip


def _scheme(color: yamldata.Mapping) -> list[str] | None:
    """The colours a number picks from: a named scheme, or one the front matter lists
    (a name the tool does not know means its default); None for another value."""
    scheme = color.get("colorScheme")
    if scheme is None:
        return list(DEFAULT_SCHEME)
    if isinstance(scheme, yamldata.Sequence):
        return [i.text for i in scheme.items if isinstance(i, yamldata.Scalar)]
    if isinstance(scheme, yamldata.Scalar) and scheme.kind == "str":
        return list(SCHEMES.get(scheme.text, DEFAULT_SCHEME))
    return None


def tag_scheme(color: yamldata.Node | None) -> tuple[tuple[str, ...] | None, frozenset[str]]:
    """The scheme the tool colours tags from by their order of first use (() when
    `colorizeByTag: false`; None when argmap does not know it), and the tags the
    `tagColors:` entries colour instead."""
    if not isinstance(color, yamldata.Mapping):
        return DEFAULT_SCHEME, frozenset()
    entries = color.get("tagColors")
    pinned = frozenset(entries.pairs) if isinstance(entries, yamldata.Mapping) else frozenset()
    colorize = color.get("colorizeByTag")
    if colorize is not None and not yamldata.truthy(colorize):
        return (), pinned
    scheme = _scheme(color)
    return (tuple(scheme) if scheme is not None else None), pinned


def assigned_colors(
    order: Iterable[str], scheme: tuple[str, ...] | None, pinned: frozenset[str]
) -> dict[str, str]:
    """The colour the tool gives each tag no `tagColors:` entry colours: the scheme's
    colour after the n-th (n the tag's place in the order of first use, from 0), while
    the scheme has one."""
    out: dict[str, str] = {}
    for index, tag in enumerate(order):
        if scheme is None or index + 1 >= len(scheme):
            break
        if tag and tag not in pinned:
            out[tag] = scheme[index + 1]
    return out


def _resolved(value: yamldata.Node | None, scheme: list[str] | None) -> str | None:
    """The colour an entry gives, as the tool works it out, or None."""
    if isinstance(value, yamldata.Mapping):
        value = value.get("color")
    if not isinstance(value, yamldata.Scalar):
        return None
    if value.kind == "str":
        return value.text.strip()
    if value.kind == "int" and scheme is not None and value.text.isdigit():
        index = int(value.text)
        return scheme[index] if index < len(scheme) else None
    return None


def _entries(original: str) -> tuple[yamldata.Mapping | None, list[str] | None]:
    """The original's `tagColors:` entries and the colour scheme they number from."""
    try:
        root = yamldata.load(original)
    except yamldata.YamlError:
        return None, None
    color = root.get("color") if isinstance(root, yamldata.Mapping) else None
    if not isinstance(color, yamldata.Mapping):
        return None, None
    entries = color.get("tagColors")
    return (entries if isinstance(entries, yamldata.Mapping) else None), _scheme(color)


def read_tag_colors(
    color: yamldata.Node | None, fits: Callable[[str, str], bool]
) -> dict[str, str]:
    """The tag colours of a `color:` block that `fits` (tag, colour) lets the model hold."""
    entries = color.get("tagColors") if isinstance(color, yamldata.Mapping) else None
    if not isinstance(color, yamldata.Mapping) or not isinstance(entries, yamldata.Mapping):
        return {}
    scheme = _scheme(color)
    out: dict[str, str] = {}
    for tag, value in entries.pairs.items():
        found = _resolved(value, scheme)
        if found is not None and fits(tag, found):
            out[tag] = found
    return out


def flow(node: yamldata.Node) -> str:
    """A YAML value as one line of flow YAML that reads back the same."""
    from argmap.formats.argdown.frontmatter import yaml_string

    if isinstance(node, yamldata.Mapping):
        pairs = {**node.merged, **node.pairs}
        return "{" + ", ".join(f"{yaml_string(k)}: {flow(v)}" for k, v in pairs.items()) + "}"
    if isinstance(node, yamldata.Sequence):
        return "[" + ", ".join(flow(item) for item in node.items) + "]"
    return yaml_string(node.text) if node.kind in ("str", "binary") else node.text


def _entry(value: yamldata.Node | None, color: str, scheme: list[str] | None) -> str:
    """The model's colour for a tag, as the original entry had it where it still does."""
    from argmap.formats.argdown.frontmatter import yaml_string

    if value is not None and _resolved(value, scheme) == color:
        return flow(value)
    if isinstance(value, yamldata.Mapping):  # its priority and the rest stay
        pairs = {**value.merged, **value.pairs}
        pairs["color"] = yamldata.Scalar(color, "str")
        return flow(yamldata.Mapping(pairs))
    return yaml_string(color)


def with_tag_colors(
    kept: list[str], original: str, read: Mapping[str, str], model: Mapping[str, str]
) -> list[str]:
    """`kept` (the original's lines argmap keeps) with the model's tag colours; `read`:
    the colours argmap read from the original."""
    from argmap.formats.argdown.frontmatter import yaml_string

    written, scheme = _entries(original) if original else (None, None)
    pairs = written.pairs if written is not None else {}
    entries = [
        f"{yaml_string(tag)}: {_entry(pairs.get(tag), color, scheme)}"
        for tag, color in model.items()
    ]
    entries += [  # what argmap did not read as a colour stays, unless the model names it
        f"{yaml_string(tag)}: {flow(value)}"
        for tag, value in pairs.items()
        if tag not in read and tag not in model
    ]
    lines = list(kept)
    at = next((i for i, line in enumerate(lines) if _TOP.match(line)), -1)
    if at < 0:
        lines = [line for line in lines if not re.match(r"color[ \t]*:", line)]  # inline
        return lines + (["color:", "    tagColors:"] + [f"        {e}" for e in entries])
    end = at + 1
    while end < len(lines) and (not lines[end] or lines[end][0] in " \t#"):
        end += 1
    block = lines[at + 1 : end]
    indent = next((b[: len(b) - len(b.lstrip())] for b in block if b.strip()), "    ")
    out: list[str] = []
    skip: int | None = None  # inside the old tagColors: the indent of its key
    for line in block:
        found = _TAG_COLORS.match(line)
        width = len(line) - len(line.lstrip())
        if skip is not None and (not line.strip() or width > skip):
            continue
        skip = None
        if found:
            skip = len(found.group(1))
            continue
        out.append(line)
    if entries:
        out = [f"{indent}tagColors:", *(f"{indent}    {e}" for e in entries), *out]
    return [*lines[: at + 1], *out, *lines[end:]] if out else lines[:at] + lines[end:]
