"""What every model of a map is built from: frozen pydantic models, ids, counts and
texts that can always be saved."""

from __future__ import annotations

import hashlib
from contextvars import ContextVar
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, WithJsonSchema

from argmap.model.validation import ID_PATTERN, MAX_INT, check_id, check_saveable, lone_surrogate

#: Ids end up as DOT node ids and SVG element ids: see `validation.ID_PATTERN`.
NodeId = Annotated[
    str,
    AfterValidator(check_id),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN}),
]
#: counts and offsets: whole numbers (not "3", 3.0 or true) that JSON readers agree on
Count = Annotated[StrictInt, Field(le=MAX_INT)]


def clean_text(value: str) -> str:
    """Normalise line endings and refuse text that cannot be saved as UTF-8."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if lone_surrogate(value) is not None:
        check_saveable(value)
    return value


def text_checksum(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()  # of the UTF-8 bytes


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _saveable(cls: type[BaseModel], value: Any) -> Any:
    """Every string (keys too) must be writable as UTF-8, or the map could not be saved;
    a lone surrogate is refused with where it is (`UnsaveableError`).  Each model names
    its fields that can hold text (ids, numbers and enums cannot); texts and notes are
    checked by `clean_text`; a test builds every field with a surrogate."""
    return check_saveable(value)


#: one set per combination of fields given: pydantic keeps a set of them in every
#: instance (728 bytes for six names, a third of a node's memory); instances never
#: change it, as they are frozen and a copy (`evolve`) gets a copy of it
_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


def share_fields_set(model: BaseModel) -> None:
    """Let `model` keep the one shared set of the fields it was given (memory only)."""
    given = model.__pydantic_fields_set__
    shared = _FIELDS_SETS.setdefault(frozenset(given), given)
    if shared is not given:
        object.__setattr__(model, "__pydantic_fields_set__", shared)


#: appended to every id made while a map is shared (gui/controllers/sharing.py sets it to
#: the replica's own tag): two people adding at the same moment never make the same id
ID_TAG: ContextVar[str] = ContextVar("id_tag", default="")
