"""Telling what a file is from its first bytes, without reading or parsing all of it.

A `.json` file is argmap when its top-level object has `"format": "argmap"`, AIF
when it (or its `"AIF"` object) has a `"nodes"` list.  Only the head is
scanned, token by token, so a file of any size is told apart in the same time
and a document cut off at the end of the head is no obstacle.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from argmap.formats.bounded import read_head

HEAD_BYTES = 1 << 20
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]:,]|[^\s"{}\[\]:,]+', re.S)


@dataclass
class _Frame:
    kind: str  # "{" or "["
    key: str | None = None  # the key whose value comes next (objects)
    want_key: bool = True
    aif: bool = False  # this object is the top level or AIF's body


def _key(token: str) -> str | None:
    if len(token) > 40 or not token.startswith('"'):
        return None
    return token[1:-1]


def json_kind(text: str) -> str | None:
    """ "argmap", "aif" or None, from the head of a JSON document."""
    stack: list[_Frame] = []
    nodes = edges = False
    for match in _TOKEN.finditer(text):
        token = match.group()
        if not stack:
            if token != "{":
                return None
            stack.append(_Frame("{", aif=True))
            continue
        top = stack[-1]
        if token in ":,":
            if token == "," and top.kind == "{":
                top.want_key = True
            continue
        if token in "}]":
            stack.pop()
            if not stack:
                break  # the whole document was in the head
            continue
        if top.kind == "{" and top.want_key:
            top.key, top.want_key = _key(token), False
            continue
        key = top.key if top.kind == "{" else None
        if top.aif and key is not None:
            if key == "format" and len(stack) == 1 and token == '"argmap"':
                return "argmap"
            nodes |= key == "nodes" and token == "["
            edges |= key == "edges" and token == "["
            if nodes and edges:
                return "aif"  # an argmap file has no edges
        if token in "{[":
            body = top.aif and len(stack) == 1 and key == "AIF" and token == "{"
            stack.append(_Frame(token, aif=body))
    return "aif" if nodes else None


def head_kind(head: bytes) -> str | None:
    """The format a file's head says it is: argmap, aif, kialo, or None."""
    text = head.decode("utf-8-sig", errors="replace").lstrip()
    if text.startswith("{"):
        return json_kind(text)
    if text.startswith("Discussion Title:"):
        return "kialo"
    return None


def existing_map_format(path: str | Path) -> str | None:
    """The map format an existing file reads as (by suffix or content), else None."""
    path = Path(path)
    if not os.path.isfile(path):
        return None
    name = path.name.lower()
    if name.endswith(".argmap.json"):
        return "argmap"
    if name.endswith((".argdown", ".ad")):
        return "argdown"
    return head_kind(read_head(path, HEAD_BYTES))
