"""The tag colours of a map in an Argdown front matter (`color: tagColors:`).

The model's palette wins: each of its tags is written with its colour; of the
original's entries only those argmap could not read as a colour stay (a number picks
a colour from the tool's colour scheme, which argmap does not know), unless the model
names that tag.  The rest of the original's `color:` block (its colour scheme, ...) is
kept line by line, the new `tagColors:` indented as its other keys are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from argmap.formats.argdown import yamldata

_TOP = re.compile(r"color[ \t]*:[ \t]*(#.*)?$")
_TAG_COLORS = re.compile(r"([ \t]+)tagColors[ \t]*:")


def _left_over(original: str, read: Mapping[str, str], model: Mapping[str, str]) -> list[str]:
    """The original's entries argmap did not read as colours, as "key: value" lines."""
    from argmap.formats.argdown.frontmatter import yaml_string

    try:
        root = yamldata.load(original)
    except yamldata.YamlError:
        return []
    color = root.get("color") if isinstance(root, yamldata.Mapping) else None
    entries = color.get("tagColors") if isinstance(color, yamldata.Mapping) else None
    if not isinstance(entries, yamldata.Mapping):
        return []
    out = []
    for tag, value in entries.pairs.items():
        if tag in read or tag in model or not isinstance(value, yamldata.Scalar):
            continue
        shown = value.text if value.kind in ("int", "float") else yaml_string(value.text)
        out.append(f"{yaml_string(tag)}: {shown}")
    return out


def with_tag_colors(
    kept: list[str], original: str, read: Mapping[str, str], model: Mapping[str, str]
) -> list[str]:
    """`kept` (the original's lines argmap keeps) with the model's tag colours; `read`:
    the colours argmap read from the original."""
    from argmap.formats.argdown.frontmatter import yaml_string

    entries = [f"{yaml_string(tag)}: {yaml_string(color)}" for tag, color in model.items()]
    entries += _left_over(original, read, model)
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
