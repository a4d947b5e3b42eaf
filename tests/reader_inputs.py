"""Inputs and checks shared by the tests of the readers' caps and linear time."""

from __future__ import annotations

import json
from typing import Any

import pytest

from argmap.formats import LoadError
from tests.limits import time_limit

#: seconds for an input the fixed readers take well under a second for
BUDGET = 10.0


def never(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("an input over a cap went on to be mapped")


def refused(read: Any, data: bytes | str) -> LoadError:
    """The one-line LoadError `read(data)` raises, within BUDGET."""
    with time_limit(BUDGET), pytest.raises(LoadError) as info:
        read(data)
    error = info.value
    assert type(error) is LoadError
    assert "\n" not in str(error) and len(error.message) <= 200
    return error


def native_doc(nodes: list[Any], **more: Any) -> bytes:
    return json.dumps({"format": "argmap", "version": 1, "nodes": nodes, **more}).encode()


def aif_doc(nodes: list[Any], edges: list[Any] | None = None) -> bytes:
    return json.dumps({"nodes": nodes, "edges": edges or [], "locutions": []}).encode()


def undercut_chain(count: int) -> bytes:
    """p supports c through an RA; CA k (premise p) attacks scheme k - 1: every anchor
    search of a scheme passes the whole chain before it, as p is the attacker's own."""
    nodes: list[dict[str, Any]] = [{"nodeID": "p", "type": "I"}, {"nodeID": "c", "type": "I"}]
    edges: list[dict[str, Any]] = []
    for k in range(1, count + 1):
        nodes.append({"nodeID": f"s{k}", "type": "RA" if k == 1 else "CA"})
        edges.append({"fromID": "p", "toID": f"s{k}"})
        edges.append({"fromID": f"s{k}", "toID": "c" if k == 1 else f"s{k - 1}"})
    return aif_doc(nodes, edges)
