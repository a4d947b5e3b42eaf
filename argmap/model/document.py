"""The argument map document: pydantic models, validated on every load.

Nodes are stored flat (id, parent, relation, order); the tree is derived
(see `tree.py`).  In memory the nodes live in a dict keyed by id so lookups
are O(1); on disk they are a list, which diffs well and lets us notice
duplicate ids that a JSON object would silently merge.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args

from pydantic import (
    BeforeValidator,
    Field,
    JsonValue,
    PlainSerializer,
    PrivateAttr,
    StrictBool,
    StrictFloat,
    StrictInt,
    field_serializer,
    field_validator,
    model_validator,
)

from argmap.model.base import (
    Count,
    NodeId,
    _Frozen,
    _saveable,
    share_fields_set,
)
from argmap.model.base import (
    clean_text as clean_text,
)
from argmap.model.base import (
    text_checksum as text_checksum,
)
from argmap.model.structure import Argument, Color, Section, View
from argmap.model.validation import (
    ID_PATTERN,
    check_font,
    shown,
)

if TYPE_CHECKING:
    from argmap.model.tree import Tree

FORMAT_TAG = "argmap"
FORMAT_VERSION = 2

_ID = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$"))


class Relation(StrEnum):
    SUPPORTS = "supports"
    REBUTS = "rebuts"
    #: attacks the inference from its parent (a support or an argument) to what that
    #: supports, not the parent itself
    UNDERCUTS = "undercuts"


class Acceptance(StrEnum):
    """The user's judgement of a statement."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    UNDECIDED = "undecided"


class Force(StrEnum):
    """The user's judgement of how much a reason or rebuttal weighs."""

    STRONG = "strong"
    WEAK = "weak"
    NONE = "none"


class Kind(StrEnum):
    CLAIM = "claim"
    SUPPORT = "support"
    REBUTTAL = "rebuttal"
    UNDERCUT = "undercut"


class SourceRef(_Frozen):
    """Where a node came from: a paragraph of the source, optionally a span."""

    _strings = field_validator("quote", "prefix", "suffix", mode="after")(_saveable)

    paragraph: Count = Field(ge=1, description="1-based paragraph of the source text")
    start: Count | None = Field(default=None, ge=0, description="character offset")
    end: Count | None = Field(default=None, ge=0, description="character offset, exclusive")
    quote: str | None = Field(default=None, description="the quoted words, for re-anchoring")
    prefix: str | None = Field(default=None, description="text just before the quote")
    suffix: str | None = Field(default=None, description="text just after the quote")
    review: StrictBool = Field(
        default=False, description="the source changed and this reference could not be re-found"
    )

    @model_validator(mode="after")
    def _span(self) -> SourceRef:
        check_span(self.start, self.end)
        share_fields_set(self)
        return self


# The validators' rules are plain functions, so that mutation testing (`make mutate`)
# reaches them: mutmut leaves decorated functions alone.


def check_span(start: int | None, end: int | None) -> None:
    if (start is None) != (end is None):
        raise ValueError("a span needs both start and end")
    if start is not None and end is not None and start > end:
        raise ValueError(f"span start {start} is after its end {end}")


def check_node(node: Node) -> None:
    if node.parent is None and node.relation is not None:
        raise ValueError(f"node '{node.id}': a top-level claim has no relation")
    if node.parent is not None and node.relation is None:
        raise ValueError(f"node '{node.id}': needs a relation to its parent")
    if node.parent is None and node.group is not None:
        raise ValueError(f"node '{node.id}': a top-level claim cannot be a co-premise")
    if node.parent == node.id:
        raise ValueError(f"node '{node.id}': is its own parent")


Meta = dict[str, JsonValue]


class Node(_Frozen):
    id: NodeId
    text: str = ""
    title: str = Field(default="", description="a short name, e.g. an Argdown title")
    parent: NodeId | None = None
    relation: Relation | None = None
    order: Count = Field(default=0, ge=0)
    group: NodeId | None = Field(
        default=None, description="co-premise group: siblings sharing it form one reason"
    )
    tags: tuple[str, ...] = ()
    note: str = ""
    refs: tuple[SourceRef, ...] = ()
    acceptance: Acceptance | None = Field(default=None, description="the user's assessment")
    force: Force | None = Field(
        default=None, description="the user's assessment of a reason's weight"
    )
    meta: Meta = Field(
        default_factory=dict, description="what other formats know of the node, kept for export"
    )
    argument: Argument | None = Field(
        default=None, description="set on an argument (not a statement): its structure"
    )
    section: NodeId | None = Field(default=None, description="the section the node is in")

    _strings = field_validator("title", "tags", "meta", mode="after")(_saveable)

    @field_validator("text", "note", mode="after")
    @classmethod
    def _clean_texts(cls, value: str) -> str:
        return clean_text(value)

    @model_validator(mode="after")
    def _relation_matches_parent(self) -> Node:
        check_node(self)
        share_fields_set(self)
        return self

    @property
    def kind(self) -> Kind:
        if self.relation is None:
            return Kind.CLAIM
        if self.relation is Relation.UNDERCUTS:
            return Kind.UNDERCUT
        return Kind.SUPPORT if self.relation is Relation.SUPPORTS else Kind.REBUTTAL


class CrossLink(_Frozen):
    """A relation outside the tree; graphs imported from other tools need them."""

    id: NodeId
    source: NodeId
    target: NodeId
    relation: Relation
    meta: Meta = Field(default_factory=dict, description="e.g. the relation's original type")

    _strings = field_validator("meta", mode="after")(_saveable)

    @model_validator(mode="after")
    def _shared(self) -> CrossLink:
        share_fields_set(self)
        return self


class Source(_Frozen):
    title: str = ""
    author: str = ""
    date: str = ""
    url: str = ""
    text: str | None = Field(
        default=None, description="the attached source text (null when kept in `file`)"
    )
    file: str | None = Field(
        default=None, description="source text kept beside the map: path relative to the map"
    )
    checksum: str | None = Field(
        default=None, description="sha256 of the text the spans were anchored to"
    )

    _strings = field_validator("title", "author", "date", "url", "file", "checksum", mode="after")(
        _saveable
    )

    @field_validator("text", mode="after")
    @classmethod
    def _clean_source_text(cls, value: str | None) -> str | None:
        return None if value is None else clean_text(value)

    @model_validator(mode="after")
    def _checksum(self) -> Source:
        # a checksum that differs from the text means the text was edited since
        # the spans were anchored: the loader re-anchors them (model/source.py)
        if self.text is not None and self.checksum is None:
            object.__setattr__(self, "checksum", text_checksum(self.text))
        return self

    @field_serializer("text")
    def _text_on_disk(self, value: str | None) -> str | None:
        return None if self.file else value

    def is_current(self) -> bool:
        """True when the spans were anchored to exactly this text."""
        return self.text is not None and self.checksum == text_checksum(self.text)


Theme = Literal["default", "colorblind", "print"]
Direction = Literal["TB", "LR"]
#: how wide fans of siblings are drawn: one row per level ("tree") or staggered into rows
Strategy = Literal["tree", "rows2", "rows3", "rows4", "rows6", "rows8", "rows12", "rows16"]
STRATEGIES: tuple[str, ...] = get_args(Strategy)
#: a map's layout: chosen to fit ("auto") or a pinned strategy
Layout = Literal["auto", "tree", "rows2", "rows3", "rows4", "rows6", "rows8", "rows12", "rows16"]
LAYOUTS: tuple[str, ...] = get_args(Layout)
assert LAYOUTS == ("auto", *STRATEGIES), "Layout is auto or a Strategy"


class Fit(_Frozen):
    """The layout the app chose to fit the map to a page or window, kept so that one edit
    never flips the whole drawing: it is chosen again only when asked or when the map's
    number of nodes has changed a lot since (`nodes`)."""

    direction: Direction = "TB"
    strategy: Strategy = "tree"
    nodes: Count = Field(default=0, ge=0, description="how many nodes the map had then")
    wrap_scale: StrictFloat = Field(
        default=1.0, ge=0.25, le=4.0, description="the style's characters per line times this"
    )


class Style(_Frozen):
    theme: Theme = "default"
    direction: Direction = "TB"
    wrap: StrictInt = Field(default=30, ge=8, le=200, description="characters per line")
    font: str = "Helvetica"
    font_size: StrictFloat = Field(default=11.0, ge=4, le=72)
    layout: Layout = Field(
        default="auto",
        description="auto: the app chooses direction and strategy to fit the page or window;"
        " otherwise the strategy is pinned and `direction` is used as it is",
    )
    fit: Fit | None = Field(default=None, description="the layout last chosen to fit (auto)")

    _strings = field_validator("font", mode="after")(_saveable)

    @field_validator("font", mode="after")
    @classmethod
    def _font_name(cls, value: str) -> str:
        return check_font(value)

    @model_validator(mode="before")
    @classmethod
    def _pinned_direction(cls, data: Any) -> Any:
        """A file from before layouts were chosen that asks for left-to-right keeps it."""
        if isinstance(data, dict) and "layout" not in data and data.get("direction") == "LR":
            return {**data, "layout": "tree"}
        return data


def _index_nodes(value: Any) -> Any:
    """Accept the on-disk list (or an already built dict); refuse duplicate ids."""
    if isinstance(value, dict) and all(isinstance(v, Node) for v in value.values()):
        return value  # built in memory, keyed by id already
    if not isinstance(value, list | tuple):
        raise ValueError("nodes must be a list")
    table: dict[str, Any] = {}
    for index, item in enumerate(value):
        node_id = (
            item.id
            if isinstance(item, Node)
            else (item.get("id") if isinstance(item, dict) else None)
        )
        if not isinstance(node_id, str) or _ID.fullmatch(node_id) is None:
            # "#3" is no id, so field validation names the problem at nodes[3]
            table[f"#{index}"] = item
            continue
        if node_id in table:
            raise ValueError(f"duplicate node id '{shown(node_id, 40)}'")
        table[node_id] = item
    return table


def _list_nodes(table: dict[str, Node]) -> list[Node]:
    return list(table.values())


NodeTable = Annotated[
    dict[str, Node],
    BeforeValidator(_index_nodes),
    PlainSerializer(_list_nodes),
]


class ArgumentMap(_Frozen):
    format: Literal["argmap"] = "argmap"
    version: Literal[2] = 2
    title: str = ""
    description: str = ""
    source: Source = Source()
    style: Style = Style()
    nodes: NodeTable = Field(default_factory=dict)
    links: tuple[CrossLink, ...] = ()
    sections: tuple[Section, ...] = Field(
        default=(), description="headings, in order; a section's parent nests it"
    )
    tag_colors: dict[str, Color] = Field(default_factory=dict, description="tag -> colour")
    views: tuple[View, ...] = Field(default=(), description="named views, chosen for export")
    meta: Meta = Field(
        default_factory=dict, description="what other formats know of the map, kept for export"
    )

    _tree: Tree | None = PrivateAttr(default=None)

    _strings = field_validator("title", "description", "meta", "tag_colors", mode="after")(
        _saveable
    )

    @model_validator(mode="after")
    def _structure(self) -> ArgumentMap:
        for problem in structural_problems(self):
            raise ValueError(problem)
        return self

    def __eq__(self, other: object) -> bool:
        # the cached tree is derived, so it takes no part in equality
        if not isinstance(other, ArgumentMap):
            return NotImplemented
        return self.__dict__ == other.__dict__

    # a map is mutable, so equal maps must not hash alike; mypy types __hash__ as a method
    __hash__ = None  # type: ignore[assignment]

    # -- derived ----------------------------------------------------------------------
    @property
    def tree(self) -> Tree:
        """The derived tree, built once per map value."""
        if self._tree is None:
            from argmap.model.tree import Tree

            self._tree = Tree(self.nodes.values())
        return self._tree

    def evolve(self, **changes: Any) -> ArgumentMap:
        """A copy with `changes`, without re-validation (edits keep invariants)."""
        new = self.model_copy(update=changes)
        new._tree = None
        return new

    def node(self, node_id: str) -> Node:
        try:
            return self.nodes[node_id]
        except KeyError:
            raise KeyError(f"no node '{node_id}'") from None


def structural_problems(m: ArgumentMap) -> Iterable[str]:
    """Yield what makes `m` invalid as a whole; each message names the node."""
    nodes = m.nodes
    for node_id, node in nodes.items():
        if node_id != node.id:
            yield f"node '{node.id}' is stored under id '{node_id}'"
        if node.parent is not None and node.parent not in nodes:
            yield f"node '{node_id}': parent '{node.parent}' does not exist"
    # cycles in parent chains: walk up from each node, remembering finished ones
    state: dict[str, int] = {}  # 1 = on the current path, 2 = reaches a root
    for start in nodes:
        path: list[str] = []
        current: str | None = start
        while current is not None and current in nodes and state.get(current) != 2:
            if state.get(current) == 1:
                yield f"node '{current}': is its own ancestor (parent cycle)"
                return
            state[current] = 1
            path.append(current)
            current = nodes[current].parent
        for done in path:
            state[done] = 2
    groups: dict[str, Node] = {}
    for node in nodes.values():
        if node.group is None:
            continue
        first = groups.setdefault(node.group, node)
        if (first.parent, first.relation) != (node.parent, node.relation):
            yield (
                f"node '{node.id}': co-premise group '{node.group}' mixes "
                f"different parents or relations (see node '{first.id}')"
            )
    link_ids: set[str] = set()
    for link in m.links:
        if link.id in link_ids:
            yield f"duplicate cross-link id '{link.id}'"
        link_ids.add(link.id)
        for end in (link.source, link.target):
            if end not in nodes:
                yield f"cross-link '{link.id}': node '{end}' does not exist"
        if link.source == link.target:
            yield f"cross-link '{link.id}': links node '{link.source}' to itself"
    from argmap.model.consistency import structure_problems

    yield from structure_problems(m)
    # spans are checked against the text they were anchored to; a changed text
    # is re-anchored by the loader instead
    text = m.source.text if m.source.is_current() else None
    for node in nodes.values():
        for ref in node.refs:
            if text is not None and ref.end is not None and ref.end > len(text):
                yield (
                    f"node '{node.id}': source span {ref.start}-{ref.end} runs past "
                    f"the end of the source text ({len(text)} characters)"
                )
