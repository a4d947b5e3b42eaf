"""The interactive HTML export: one self-contained file.

The drawing's SVG is inline; our own script and style (resources/html) come
inline too, and a Content-Security-Policy lets the page run only that script
and fetch nothing, so the file works offline and cannot call out.  What the
viewer shows on hover (note, quoted words, their paragraph) travels as JSON
in a `<script type="application/json">` block, never as markup: user text is
data, escaped so that it cannot close the block.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Mapping
from html import escape
from typing import Any

from argmap.model import ArgumentMap, Node
from argmap.model.roles import role_of
from argmap.model.source import paragraph_span, quote_of
from argmap.render import structure
from argmap.render.engines import RenderError
from argmap.render.paper import clean_title
from argmap.resources import resource

#: characters of the paragraph shown on each side of the quoted words
CONTEXT = 280
#: the longest quote or paragraph shown whole; longer ones are cut with "…"
LONGEST = 2000

_PROLOG = re.compile(rb"\A.*?(?=<svg\b)", re.S)
_COMMENT = re.compile(rb"<!--.*?-->", re.S)


def _cut(text: str, limit: int, keep_end: bool = False) -> str:
    if len(text) <= limit:
        return text
    return "…" + text[-limit:] if keep_end else text[:limit] + "…"


def ref_view(m: ArgumentMap, ref: Any) -> dict[str, Any]:
    """One source reference as the viewer shows it: the paragraph's number, and the
    paragraph split around the quoted words (before, quote, after)."""
    text = m.source.text
    words = quote_of(text, ref) or ""
    view: dict[str, Any] = {"paragraph": ref.paragraph, "before": "", "quote": "", "after": ""}
    span = paragraph_span(text, ref.paragraph) if text else None
    if text and span and ref.start is not None and span[0] <= ref.start <= ref.end <= span[1]:
        view["before"] = _cut(text[span[0] : ref.start], CONTEXT, keep_end=True)
        view["quote"] = _cut(words, LONGEST)
        view["after"] = _cut(text[ref.end : span[1]], CONTEXT)
    elif text and span and not words:
        view["before"] = _cut(text[span[0] : span[1]], LONGEST)
    else:
        view["quote"] = _cut(words, LONGEST)
    return view


def _node_view(m: ArgumentMap, node: Node, roles: Mapping[str, str]) -> dict[str, Any]:
    return {
        "title": node.title,
        "text": node.text,
        "note": node.note,
        "kind": roles.get(node.id) or role_of(m, node).value,
        "parent": node.parent,
        "refs": [ref_view(m, ref) for ref in node.refs],
    }


def viewer_data(m: ArgumentMap, roles: Mapping[str, str] | None = None) -> dict[str, Any]:
    """What the page's script needs: every node (in tree order, so children keep their
    order), the co-premise frames' members and the undercut junctions' nodes."""
    given = roles or {}  # a part of a map: the roles its nodes have in the whole map
    nodes = {node_id: _node_view(m, m.nodes[node_id], given) for node_id in m.tree.walk()}
    groups: dict[str, list[str]] = {}
    for (_, group), members in structure.group_members(m).items():
        groups.setdefault(f"group.{group}", []).extend(members)
    junctions = {structure.junction_id(t): t for t in structure.undercut_targets(m)}
    return {"nodes": nodes, "groups": groups, "junctions": junctions}


def json_block(data: object) -> str:
    """JSON that is safe inside a `<script>` element: no "<" (so no "</script>" or
    "<!--"), and the two line separators JavaScript once rejected, escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def inline_svg(svg: bytes) -> str:
    """The drawing as markup for inside HTML: no XML prolog, doctype or comments."""
    body = _COMMENT.sub(b"", _PROLOG.sub(b"", svg, count=1))
    if not body.lstrip().startswith(b"<svg"):
        raise RenderError("the SVG has no root element")
    return body.decode("utf-8")


def _asset(name: str) -> str:
    try:
        return resource(f"html/{name}").read_text(encoding="utf-8")
    except OSError as exc:
        raise RenderError(f"the HTML viewer's {name} is missing from this install") from exc


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def to_html(
    m: ArgumentMap, svg: bytes, title: str, roles: Mapping[str, str] | None = None
) -> bytes:
    """The page: toolbar (search, zoom), the drawing, the details panel."""
    script, style = _asset("viewer.js"), _asset("viewer.css")
    title = clean_title(title)
    policy = (
        "default-src 'none'; img-src data:; "
        f"style-src 'unsafe-inline'; script-src {_hash(script)}; "
        "base-uri 'none'; form-action 'none'"
    )
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{escape(policy)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="argmap">
<title>{escape(title)}</title>
<style>{style}</style>
</head>
<body>
<header id="am.toolbar" class="am-toolbar" role="toolbar" aria-label="Map tools">
<h1 class="am-heading">{escape(title)}</h1>
<input id="am.search" type="search" placeholder="Search the map" aria-label="Search the map">
<span id="am.count" class="am-count" aria-live="polite"></span>
<button id="am.in" type="button" title="Zoom in (+)" aria-label="Zoom in">+</button>
<button id="am.out" type="button" title="Zoom out (−)" aria-label="Zoom out">−</button>
<button id="am.fit" type="button" title="Whole map (0)" aria-label="Whole map">Fit</button>
</header>
<main id="am.stage" class="am-stage">
{inline_svg(svg)}
</main>
<aside id="am.panel" class="am-panel" hidden aria-live="polite"></aside>
<script type="application/json" id="am.data">{json_block(viewer_data(m, roles))}</script>
<script>{script}</script>
</body>
</html>
"""
    return page.encode("utf-8")
