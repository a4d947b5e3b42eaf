"""Older argmap files brought up to the current format, on their parsed JSON, before
validation (so a file that is broken anyway still gets validation's message).

Version 1 kept what version 2 models in `meta`, as the Argdown reader left it: an
argument was `meta.argdown.type == "argument"` with its premise–conclusion structure in
`meta.argdown.pcs`, a node's section was the heading's title in `meta.argdown.section`
(the headings in the map's `meta.argdown.sections`), and an undercut was a rebuttal with
`meta.relation == "undercut"`.  What cannot become a valid version 2 value stays in
`meta`, so a version 1 file that opened still opens and loses nothing.

Each version 1 heading becomes a section of its own, even when two share a title (a
"#" and a "##" heading): version 1 kept a node's heading by title only, so such a node
goes to the first heading of its title.  A title or inference rule that is not a
string (a number, say) is kept as the text version 1 showed for it; a blank heading
titles nothing and is left out.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from argmap.model.structure import Argument

_ROLES = {"premise", "intermediate", "conclusion"}


def upgraded(data: dict[str, Any], version: int) -> dict[str, Any]:
    """`data` in the current format (a new dict; `data` is not changed)."""
    if version == 1:
        return _from_v1(data)
    return data


def _text(value: Any) -> str | None:
    """A version 1 title or rule as the text version 1 showed: a string as it is, a
    number or truth value as Python writes it, anything else as its JSON; None for null."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _argdown(meta: Any) -> dict[str, Any] | None:
    info = meta.get("argdown") if isinstance(meta, dict) else None
    return info if isinstance(info, dict) else None


def _from_v1(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data, version=2)
    nodes = data.get("nodes")
    if not isinstance(nodes, list):
        return out
    kinds = {}
    for node in nodes:
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            info = _argdown(node.get("meta"))
            kinds[node["id"]] = "argument" if info and info.get("type") == "argument" else ""
    sections = _sections(out)
    new_nodes = [_node(n, kinds, sections) if isinstance(n, dict) else n for n in nodes]
    table = {n["id"]: n for n in new_nodes if isinstance(n, dict) and isinstance(n.get("id"), str)}
    out["nodes"] = [
        _undercut(n, n.get("parent"), table) if isinstance(n, dict) else n for n in new_nodes
    ]
    links = data.get("links")
    if isinstance(links, list):
        out["links"] = [
            _undercut(x, x.get("target"), table) if isinstance(x, dict) else x for x in links
        ]
    return out


def _sections(out: dict[str, Any]) -> dict[str, str]:
    """Lift the map's Argdown headings to sections (flat, as version 1 kept no levels),
    one for each heading; returns title -> the first section of that title."""
    info = _argdown(out.get("meta"))
    titles = info.get("sections") if info else None
    if not isinstance(titles, list) or not titles:
        return {}
    ids: dict[str, str] = {}
    sections: list[dict[str, str]] = []
    for title in map(_text, titles):
        if title is not None and title.strip():
            sections.append({"id": f"section{len(sections) + 1}", "title": title})
            ids.setdefault(title, sections[-1]["id"])
    out["sections"] = sections
    rest = {k: v for k, v in info.items() if k != "sections"} if info else {}
    out["meta"] = _with_argdown(out.get("meta"), rest)
    return ids


def _with_argdown(meta: Any, info: dict[str, Any]) -> dict[str, Any]:
    kept = {k: v for k, v in meta.items() if k != "argdown"} if isinstance(meta, dict) else {}
    if info:
        kept["argdown"] = info
    return kept


def _node(node: dict[str, Any], kinds: dict[str, str], sections: dict[str, str]) -> dict[str, Any]:
    info = _argdown(node.get("meta"))
    if info is None:
        return node
    out = dict(node)
    rest = dict(info)
    section = _text(rest.get("section"))
    if section is not None and section in sections:
        out["section"] = sections[section]
        del rest["section"]
    if rest.get("type") == "argument":
        argument = _argument(rest.get("pcs"), kinds)
        out["argument"] = argument
        del rest["type"]
        if argument["pcs"] or rest.get("pcs") is None:
            rest.pop("pcs", None)
    elif rest.get("type") == "statement":
        del rest["type"]
    out["meta"] = _with_argdown(node.get("meta"), rest)
    return out


def _argument(pcs: Any, kinds: dict[str, str]) -> dict[str, Any]:
    """The version 2 argument of a version 1 structure, or one without a structure
    when the old one names something that is not another statement of the map."""
    if not isinstance(pcs, list):
        return {"pcs": []}
    steps = []
    for step in pcs:
        if not isinstance(step, dict):
            return {"pcs": []}
        member, role = step.get("node"), step.get("role")
        if not isinstance(member, str) or kinds.get(member) != "":  # arguments: "argument"
            return {"pcs": []}
        if role not in _ROLES:
            return {"pcs": []}
        item: dict[str, Any] = {"statement": member, "role": role}
        inference = step.get("inference")
        if role != "premise" and isinstance(inference, dict):
            rule = _text(inference.get("rule"))
            if rule:
                item["inference"] = rule
        steps.append(item)
    try:
        Argument.model_validate({"pcs": steps})
    except (ValidationError, ValueError):
        return {"pcs": []}
    return {"pcs": steps}


def _undercut(item: dict[str, Any], target: Any, table: dict[str, Any]) -> dict[str, Any]:
    """A version 1 rebuttal or cross-link kept as an Argdown undercut becomes an undercut
    when what it attacks has an inference (a support or an argument)."""
    meta = item.get("meta")
    if item.get("relation") != "rebuts" or not isinstance(meta, dict):
        return item
    if meta.get("relation") != "undercut" or not isinstance(target, str):
        return item
    attacked = table.get(target)
    if not isinstance(attacked, dict):
        return item
    if attacked.get("argument") is None and attacked.get("relation") != "supports":
        return item
    rest = {k: v for k, v in meta.items() if k != "relation"}
    return dict(item, relation="undercuts", meta=rest)
