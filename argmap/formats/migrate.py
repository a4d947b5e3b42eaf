"""Older argmap files brought up to the current format, on their parsed JSON, before
validation (so a file that is broken anyway still gets validation's message).

Version 1 kept what version 2 models in `meta`, as the Argdown reader left it: an
argument was `meta.argdown.type == "argument"` with its premise–conclusion structure in
`meta.argdown.pcs`, a node's section was the heading's title in `meta.argdown.section`
(the headings in the map's `meta.argdown.sections`), and an undercut was a rebuttal with
`meta.relation == "undercut"`.  What cannot become a valid version 2 value stays in
`meta`, so a version 1 file that opened still opens and loses nothing.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from argmap.model.structure import Argument

_ROLES = {"premise", "intermediate", "conclusion"}


def upgraded(data: dict[str, Any], version: int) -> dict[str, Any]:
    """`data` in the current format (a new dict; `data` is not changed)."""
    if version == 1:
        return _from_v1(data)
    return data


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
    """Lift the map's Argdown headings to sections (flat, as version 1 kept no levels);
    returns title -> section id."""
    info = _argdown(out.get("meta"))
    titles = info.get("sections") if info else None
    if not isinstance(titles, list) or not titles:
        return {}
    ids: dict[str, str] = {}
    for title in titles:
        if isinstance(title, str) and title.strip() and title not in ids:
            ids[title] = f"section{len(ids) + 1}"
    out["sections"] = [{"id": i, "title": t} for t, i in ids.items()]
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
    section = rest.get("section")
    if isinstance(section, str) and section in sections:
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
            rule = inference.get("rule")
            if isinstance(rule, str):
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
