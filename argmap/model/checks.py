"""Problems worth a user's attention in a valid map (validity itself is the loader's job)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

from argmap.model.document import ArgumentMap, Node, Relation
from argmap.model.roles import Role, role_of


@dataclass(frozen=True)
class Problem:
    level: Literal["error", "warning"]
    node_id: str | None
    message: str

    def __str__(self) -> str:
        where = f"node '{self.node_id}': " if self.node_id else ""
        return f"{self.level}: {where}{self.message}"


@dataclass(frozen=True)
class Summary:
    nodes: int
    claims: int
    supports: int
    rebuttals: int
    counter_rebuttals: int
    depth: int
    undercuts: int
    groups: int
    links: int


def summarize(m: ArgumentMap) -> Summary:
    roles = Counter(role_of(m, n) for n in m.nodes.values())
    return Summary(
        nodes=len(m.nodes),
        claims=roles[Role.CLAIM],
        supports=roles[Role.SUPPORT],
        rebuttals=roles[Role.REBUTTAL] + roles[Role.COUNTER],  # counter-rebuttals are rebuttals
        counter_rebuttals=roles[Role.COUNTER],
        depth=m.tree.max_depth(),
        undercuts=roles[Role.UNDERCUT],
        groups=len({n.group for n in m.nodes.values() if n.group}),
        links=len(m.links),
    )


#: an argument is named by its title or its structure; its text (a description) is optional
_NAMELESS = "is an argument with no title, text or premise–conclusion structure"
_UNFINISHED = (
    "is an argument whose premise–conclusion structure is unfinished "
    "(a premise first, the conclusion last); Argdown export leaves the structure out"
)


def problems(m: ArgumentMap) -> list[Problem]:
    found: list[Problem] = []
    tree = m.tree
    if not m.nodes:
        found.append(Problem("warning", None, "the map is empty"))
    seen: dict[str, str] = {}
    group_sizes = Counter(n.group for n in m.nodes.values() if n.group)
    for node_id in tree.walk():
        node = m.nodes[node_id]
        text = " ".join(node.text.split()).casefold()
        if not text:
            if node.argument is None and node.title.strip():
                found.append(Problem("warning", node_id, "is a statement with a title but no text"))
            elif node.argument is None:
                found.append(Problem("error", node_id, "is a statement with no text"))
            elif not node.title.strip() and not node.argument.pcs:
                found.append(Problem("error", node_id, _NAMELESS))
        elif text in seen:
            found.append(Problem("warning", node_id, f"says the same as node '{seen[text]}'"))
        else:
            seen[text] = node_id
        if role_of(m, node) is Role.CLAIM and not any(
            role_of(m, m.nodes[c]) is Role.SUPPORT for c in tree.children(node_id)
        ):
            found.append(Problem("warning", node_id, "is a claim with no supporting reason"))
        if node.argument is not None:
            found.extend(_argument_problems(m, node))
        if node.group and group_sizes[node.group] == 1:
            found.append(
                Problem("warning", node_id, f"is the only premise of group '{node.group}'")
            )
    found.extend(_source_problems(m))
    for cycle in relation_cycles(m):
        names = " -> ".join(f"'{n}'" for n in cycle[:6]) + (" ..." if len(cycle) > 6 else "")
        found.append(
            Problem(
                "error", cycle[0], f"is part of a cycle of relations through cross-links: {names}"
            )
        )
    return found


def _source_problems(m: ArgumentMap) -> list[Problem]:
    """Once a map is drawn from a source (a text attached, or any passage cited), each
    node without a passage of it, and each passage that could not be found again."""
    cited = any(node.refs for node in m.nodes.values())
    if not (cited or m.source.text or m.source.file):
        return []
    found = []
    for node_id in m.tree.walk():
        node = m.nodes[node_id]
        if not node.refs:
            found.append(Problem("warning", node_id, "has no passage of the source"))
        elif any(ref.review for ref in node.refs):
            found.append(Problem("warning", node_id, "cites a passage to check again"))
    return found


_AS = {
    Relation.SUPPORTS: "a support",
    Relation.REBUTS: "a rebuttal",
    Relation.UNDERCUTS: "an undercut",
}


def _argument_problems(m: ArgumentMap, node: Node) -> list[Problem]:
    """An argument hangs under its conclusion as a support, as the Argdown reader places
    it and its writer expects; a structure Argdown cannot write is unfinished."""
    argument = node.argument
    assert argument is not None
    if not argument.pcs:
        return []
    if not argument.complete():
        return [Problem("warning", node.id, _UNFINISHED)]
    conclusion = argument.conclusion()
    if node.parent == conclusion and node.relation is Relation.SUPPORTS:
        return []
    if node.parent is None or node.relation is None:
        place = "a top-level claim"
    else:
        place = f"{_AS[node.relation]} of node '{node.parent}'"
    return [
        Problem(
            "warning",
            node.id,
            f"is an argument concluding node '{conclusion}' but is {place}; "
            "hang it under its conclusion as a support, or change its conclusion",
        )
    ]


def relation_cycles(m: ArgumentMap) -> list[list[str]]:
    """Groups of nodes that support or rebut one another in a circle (Tarjan, iteratively)."""
    edges: dict[str, list[str]] = {n: [] for n in m.nodes}
    for node in m.nodes.values():
        if node.parent is not None:
            edges[node.id].append(node.parent)
    for link in m.links:
        edges[link.source].append(link.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cycles: list[list[str]] = []
    counter = 0
    for root in m.nodes:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            vertex, child = work.pop()
            if child == 0:
                index[vertex] = low[vertex] = counter
                counter += 1
                stack.append(vertex)
                on_stack.add(vertex)
            targets = edges[vertex]
            if child < len(targets):
                work.append((vertex, child + 1))
                target = targets[child]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[vertex] = min(low[vertex], index[target])
                continue
            if low[vertex] == index[vertex]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == vertex:
                        break
                if len(component) > 1:
                    cycles.append(list(reversed(component)))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[vertex])
    return cycles
