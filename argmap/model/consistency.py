"""What the structure beyond the tree needs of the whole map: undercuts attack an
inference, steps name statements, sections and views name sections that exist."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from argmap.model.validation import shown

if TYPE_CHECKING:
    from argmap.model.document import ArgumentMap, Node
    from argmap.model.structure import Section

#: how deep sections nest: a heading's level at most (a top-level section is level 1)
MAX_SECTION_DEPTH = 50


def has_inference(node: Node | None) -> bool:
    """True for what an undercut can attack: a support (its link to what it supports)
    or an argument (its inference, from its premises to its conclusion)."""
    if node is None:
        return False
    return node.argument is not None or node.relation == "supports"


def structure_problems(m: ArgumentMap) -> Iterable[str]:
    nodes = m.nodes
    for node in nodes.values():
        if node.relation == "undercuts" and not has_inference(nodes.get(node.parent or "")):
            yield (
                f"node '{node.id}': undercuts node '{node.parent}', which is neither a "
                "support nor an argument (an undercut attacks an inference)"
            )
        if node.argument is not None:
            yield from _steps(node, nodes)
    for link in m.links:
        if link.relation == "undercuts" and not has_inference(nodes.get(link.target)):
            yield (
                f"cross-link '{link.id}': undercuts node '{link.target}', which is neither "
                "a support nor an argument (an undercut attacks an inference)"
            )
    yield from _sections(m)
    sections = {s.id for s in m.sections}
    for node in nodes.values():
        if node.section is not None and node.section not in sections:
            yield f"node '{node.id}': section '{node.section}' does not exist"
    for tag in m.tag_colors:
        if not tag:
            yield "tag colours: a colour for an empty tag"
    names: set[str] = set()
    for view in m.views:
        if view.name in names:
            yield f"two views are called '{shown(view.name, 40)}'"
        names.add(view.name)
        for section in view.hidden_sections:
            if section not in sections:
                yield f"view '{shown(view.name, 40)}': section '{section}' does not exist"


def _steps(node: Node, nodes: Mapping[str, Node]) -> Iterable[str]:
    assert node.argument is not None
    for index, step in enumerate(node.argument.pcs, 1):
        member = nodes.get(step.statement)
        if member is None:
            yield f"argument '{node.id}', step {index}: node '{step.statement}' does not exist"
        elif member.id == node.id:
            yield f"argument '{node.id}', step {index}: an argument is not its own premise"
        elif member.argument is not None:
            yield (
                f"argument '{node.id}', step {index}: node '{member.id}' is an argument; "
                "steps are statements"
            )


def _sections(m: ArgumentMap) -> Iterable[str]:
    table = {}
    for section in m.sections:
        if section.id in table:
            yield f"duplicate section id '{section.id}'"
        table[section.id] = section
    for section in m.sections:
        if section.parent is not None and section.parent not in table:
            yield f"section '{section.id}': parent section '{section.parent}' does not exist"
    done: set[str] = set()
    for start in table:
        path: set[str] = set()  # a set: a list made deep nests quadratic
        current: str | None = start
        while current is not None and current in table and current not in done:
            if current in path:
                yield f"section '{current}': is inside itself (section cycle)"
                return
            path.add(current)
            current = table[current].parent
        done |= path
    problem = nesting_problem(m.sections)
    if problem is not None:
        yield problem


def nesting_problem(sections: Iterable[Section]) -> str | None:
    """The first of `sections` nested deeper than MAX_SECTION_DEPTH, named with its
    level, or None.  Linear however deep they nest; a cycle is another problem's."""
    ordered = list(sections)
    parent = {s.id: s.parent for s in ordered}
    level: dict[str, int] = {}
    for start in parent:
        path: list[str] = []
        on_path: set[str] = set()
        current: str | None = start
        while current is not None and current in parent and current not in level:
            if current in on_path:
                return None  # a cycle
            path.append(current)
            on_path.add(current)
            current = parent[current]
        depth = level.get(current, 0) if current is not None else 0
        for inside in reversed(path):
            depth += 1
            level[inside] = depth
    for section in ordered:
        if level[section.id] > MAX_SECTION_DEPTH:
            return (
                f"section '{section.id}' is nested {level[section.id]} deep; "
                f"at most {MAX_SECTION_DEPTH} levels"
            )
    return None


def repaired(m: ArgumentMap) -> ArgumentMap:
    """`m` with what a part of a map (a focused subtree, a view) leaves dangling made
    whole again: steps naming a node that is not there are dropped, and an undercut
    whose target no longer has an inference is drawn as the rebuttal it then is."""
    from argmap.model.document import Relation
    from argmap.model.structure import StepRole

    nodes = dict(m.nodes)
    changed = False
    for node_id, node in m.nodes.items():
        argument = node.argument
        if argument is not None and any(s.statement not in nodes for s in argument.pcs):
            steps = tuple(s for s in argument.pcs if s.statement in nodes)
            if steps and steps[-1].role is StepRole.INTERMEDIATE:
                steps = (*steps[:-1], steps[-1].model_copy(update={"role": StepRole.CONCLUSION}))
            kept = argument.model_copy(update={"pcs": steps})
            nodes[node_id] = node = node.model_copy(update={"argument": kept})
            changed = True
    for node_id, node in list(nodes.items()):
        if node.relation is Relation.UNDERCUTS and not has_inference(nodes.get(node.parent or "")):
            meta = {**node.meta, "relation": "undercut"}
            nodes[node_id] = node.model_copy(update={"relation": Relation.REBUTS, "meta": meta})
            changed = True
    links = tuple(
        x.model_copy(
            update={"relation": Relation.REBUTS, "meta": {**x.meta, "relation": "undercut"}}
        )
        if x.relation is Relation.UNDERCUTS and not has_inference(nodes.get(x.target))
        else x
        for x in m.links
    )
    if not changed and links == m.links:
        return m
    return m.evolve(nodes=nodes, links=links)


def first_problem(m: ArgumentMap) -> str | None:
    """The first thing an edit would break beyond the tree, or None."""
    return next(iter(structure_problems(m)), None)
