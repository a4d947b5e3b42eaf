"""The document model: pydantic, pure, and free of Qt and I/O."""

from argmap.model.document import (
    FORMAT_TAG,
    FORMAT_VERSION,
    Acceptance,
    ArgumentMap,
    CrossLink,
    Fit,
    Force,
    Kind,
    Node,
    Relation,
    Source,
    SourceRef,
    Style,
    structural_problems,
    text_checksum,
)
from argmap.model.ops import Change, EditError, EditResult, Patch
from argmap.model.roles import Role, role_of
from argmap.model.tree import Tree


def revalidate(m: ArgumentMap) -> ArgumentMap:
    """Run every validator again, as a load would; raises ValueError if invalid."""
    return ArgumentMap.model_validate(m.model_dump())


__all__ = [
    "FORMAT_TAG",
    "FORMAT_VERSION",
    "Acceptance",
    "ArgumentMap",
    "Change",
    "CrossLink",
    "EditError",
    "EditResult",
    "Fit",
    "Force",
    "Kind",
    "Node",
    "Patch",
    "Relation",
    "Role",
    "Source",
    "SourceRef",
    "Style",
    "Tree",
    "revalidate",
    "role_of",
    "structural_problems",
    "text_checksum",
]
