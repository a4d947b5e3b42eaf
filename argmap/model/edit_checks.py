"""The checks edit operations share: every value they build is validated as a load would,
and a refusal is an EditError whose message names the field."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from argmap.model.document import Node, SourceRef
from argmap.model.validation import UnsaveableError, check_saveable, first_problem, path_text

_M = TypeVar("_M", bound=BaseModel)


class EditError(ValueError):
    """An edit that would break the map; the message is for the user."""


def make_node(**fields: Any) -> Node:
    return built(Node, fields)


def built(model: type[_M], fields: dict[str, Any]) -> _M:
    """`model(**fields)`, validated, or an EditError saying which field and why."""
    try:
        return model(**fields)
    except ValidationError as exc:
        loc, message = first_problem(exc)
        where = path_text(loc)
        raise EditError(f"{where}: {message}" if where else message) from None


def saveable(name: str, value: Any) -> None:
    try:
        check_saveable(value)
    except UnsaveableError as exc:
        raise EditError(f"{name}: {exc}") from None


def check_refs(text: str | None, node_id: str, refs: Iterable[SourceRef]) -> None:
    if text is None:
        return
    for ref in refs:
        if ref.end is not None and ref.end > len(text):
            raise EditError(
                f"node '{node_id}': source span {ref.start}-{ref.end} runs past the end "
                f"of the source text ({len(text)} characters)"
            )
