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
from collections.abc import Callable, Mapping

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


def _scheme(color: yamldata.Mapping) -> list[str] | None:
    """The colours a number picks from: the default scheme, or one the front matter
    lists; None for a named scheme argmap does not know."""
    scheme = color.get("colorScheme")
    if scheme is None or (isinstance(scheme, yamldata.Scalar) and scheme.text == "default"):
        return list(DEFAULT_SCHEME)
    if isinstance(scheme, yamldata.Sequence):
        return [i.text for i in scheme.items if isinstance(i, yamldata.Scalar)]
    return None


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
