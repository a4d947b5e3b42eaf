"""Pure edit operations on arguments, premise–conclusion structures, undercuts, schemes,
sections, tag colours and views: each returns one `EditResult`, so each is one undo step.

A premise added here is a new statement that hangs under its argument (a support whose
`meta["relation"]` is "premise": it places the statement, the Argdown writer writes no
relation for it), unless an existing statement is named.
"""

from __future__ import annotations

from collections.abc import Iterable

from argmap.model.base import ID_TAG
from argmap.model.consistency import nesting_problem
from argmap.model.document import ArgumentMap, Node, Relation
from argmap.model.edit_checks import EditError, built, saveable
from argmap.model.ops import (
    EditResult,
    Patch,
    _require,
    add_node,
    apply,
    new_id,
)
from argmap.model.schemes import questions_of
from argmap.model.structure import Argument, Question, Section, Step, StepRole, View, check_color
from argmap.model.validation import shown

PLACED_PREMISE = "premise"  # meta["relation"] of a statement placed under its argument


def _argument(m: ArgumentMap, node_id: str) -> tuple[Node, Argument]:
    node = _require(m, node_id)
    if node.argument is None:
        raise EditError(f"node '{node_id}' is a statement, not an argument")
    return node, node.argument


def _with_steps(node: Node, argument: Argument, steps: Iterable[Step]) -> Node:
    try:
        new = built(Argument, {**dict(argument), "pcs": tuple(steps)})
    except EditError as exc:
        raise EditError(f"argument '{node.id}': {exc}") from None
    return node.model_copy(update={"argument": new})


def _step_index(node: Node, argument: Argument, statement: str) -> int:
    for index, step in enumerate(argument.pcs):
        if step.statement == statement:
            return index
    raise EditError(f"statement '{shown(statement, 64)}' is not a step of argument '{node.id}'")


def used_in_structures(m: ArgumentMap, statement: str) -> list[str]:
    """The arguments whose structure names `statement`."""
    return [
        n.id
        for n in m.nodes.values()
        if n.argument is not None and any(s.statement == statement for s in n.argument.pcs)
    ]


# -- argument or statement ------------------------------------------------------------


def set_argument(m: ArgumentMap, node_id: str, argument: bool) -> EditResult:
    """Make a statement an argument, or an argument (and its structure) a statement."""
    node = _require(m, node_id)
    if argument == (node.argument is not None):
        return apply(m, Patch(), node_id)
    if argument:
        users = used_in_structures(m, node_id)
        if users:
            raise EditError(
                f"node '{node_id}' is a step of argument '{users[0]}'; steps are statements"
            )
        return apply(m, Patch(put_nodes=(node.model_copy(update={"argument": Argument()}),)))
    if node.relation is not Relation.SUPPORTS and _undercut_below(m, node_id):
        raise EditError(
            f"node '{node_id}' is undercut; an undercut needs an argument or a support to attack"
        )
    plain = node.model_copy(update={"argument": None})
    return apply(m, Patch(put_nodes=(plain,)), node_id)


def _undercut_below(m: ArgumentMap, node_id: str) -> bool:
    children = (m.nodes[c] for c in m.tree.children(node_id))
    if any(c.relation is Relation.UNDERCUTS for c in children):
        return True
    return any(x.relation is Relation.UNDERCUTS and x.target == node_id for x in m.links)


# -- the premise–conclusion structure --------------------------------------------------


def add_step(
    m: ArgumentMap,
    argument_id: str,
    role: StepRole = StepRole.PREMISE,
    text: str = "",
    *,
    index: int | None = None,
    statement: str | None = None,
    inference: str = "",
) -> EditResult:
    """Add a step at `index` (the end by default): a new statement placed under the
    argument, or the existing `statement`."""
    _node, argument = _argument(m, argument_id)
    steps = list(argument.pcs)
    at = len(steps) if index is None else max(0, min(index, len(steps)))
    put: list[Node] = []
    base = m
    if statement is None:
        placed = add_node(m, argument_id, Relation.SUPPORTS, text)
        assert placed.node_id is not None
        statement = placed.node_id
        new = placed.map.nodes[statement]
        new = new.model_copy(update={"meta": {"relation": PLACED_PREMISE}})
        put = [n if n.id != statement else new for n in placed.redo.put_nodes]
        base = placed.map
    else:
        member = _require(m, statement)
        if statement == argument_id:
            raise EditError("an argument is not a step of its own structure")
        if member.argument is not None:
            raise EditError(f"node '{statement}' is an argument; steps are statements")
    steps.insert(at, Step(statement=statement, role=StepRole.PREMISE))
    if role is not StepRole.PREMISE:
        steps[at] = built(Step, {"statement": statement, "role": role, "inference": inference})
    updated = _with_steps(base.nodes[argument_id], argument, steps)
    put = [n for n in put if n.id != argument_id] + [updated]
    return apply(m, Patch(put_nodes=tuple(put)), statement)


def remove_step(m: ArgumentMap, argument_id: str, statement: str) -> EditResult:
    """Take a step out of the structure; a statement that was placed under the argument
    only for it, and is used nowhere else, goes too."""
    node, argument = _argument(m, argument_id)
    index = _step_index(node, argument, statement)
    steps = [s for i, s in enumerate(argument.pcs) if i != index]
    if steps and steps[-1].role is StepRole.INTERMEDIATE:  # the last is the main one
        steps[-1] = steps[-1].model_copy(update={"role": StepRole.CONCLUSION})
    updated = _with_steps(node, argument, steps)
    member = m.nodes[statement]
    only_here = (
        member.parent == argument_id
        and member.meta.get("relation") == PLACED_PREMISE
        and not m.tree.children(statement)
        and not any(statement in (x.source, x.target) for x in m.links)
        and used_in_structures(m, statement) == [argument_id]
    )
    if not only_here:
        return apply(m, Patch(put_nodes=(updated,)), argument_id)
    from argmap.model.ops import delete_subtree

    dropped = delete_subtree(m, statement)
    put = (*tuple(n for n in dropped.redo.put_nodes if n.id != argument_id), updated)
    return apply(m, Patch(put_nodes=put, drop_nodes=(statement,)), argument_id)


def move_step(m: ArgumentMap, argument_id: str, statement: str, index: int) -> EditResult:
    """Put a step at `index`; roles stay with their statements, so a move that would
    leave the main conclusion anywhere but last is refused."""
    node, argument = _argument(m, argument_id)
    at = _step_index(node, argument, statement)
    steps = list(argument.pcs)
    step = steps.pop(at)
    steps.insert(max(0, min(index, len(steps))), step)
    return apply(m, Patch(put_nodes=(_with_steps(node, argument, steps),)), argument_id)


def set_step(
    m: ArgumentMap,
    argument_id: str,
    statement: str,
    *,
    role: StepRole | None = None,
    inference: str | None = None,
) -> EditResult:
    """Change a step's role (mark an intermediate conclusion) or its inference line."""
    node, argument = _argument(m, argument_id)
    at = _step_index(node, argument, statement)
    old = argument.pcs[at]
    new_role = old.role if role is None else role
    text = old.inference if inference is None else inference
    if new_role is StepRole.PREMISE:
        text = ""  # a premise has no inference line
    step = built(Step, {"statement": statement, "role": new_role, "inference": text})
    steps = [step if i == at else s for i, s in enumerate(argument.pcs)]
    if step == old:
        return apply(m, Patch(), argument_id)
    return apply(m, Patch(put_nodes=(_with_steps(node, argument, steps),)), argument_id)


# -- undercuts ---------------------------------------------------------------------


def add_undercut(m: ArgumentMap, target: str, text: str = "") -> EditResult:
    """An undercut of `target`'s inference: of the link from a support to what it
    supports, or of an argument's step from its premises to its conclusion."""
    return add_node(m, target, Relation.UNDERCUTS, text)  # which refuses what has none


# -- schemes and critical questions -----------------------------------------------------


def set_scheme(m: ArgumentMap, argument_id: str, scheme: str) -> EditResult:
    """Name the argument's scheme; a built-in scheme brings its critical questions, and
    a question already ticked stays ticked."""
    node, argument = _argument(m, argument_id)
    scheme = " ".join(scheme.split())
    ticked = {q.text for q in argument.questions if q.answered}
    texts = questions_of(scheme)
    questions = tuple(Question(text=t, answered=t in ticked) for t in texts)
    if not texts and scheme == argument.scheme:
        questions = argument.questions
    new = built(Argument, {**dict(argument), "scheme": scheme, "questions": questions})
    if new == argument:
        return apply(m, Patch(), argument_id)
    return apply(m, Patch(put_nodes=(node.model_copy(update={"argument": new}),)), argument_id)


def answer_question(m: ArgumentMap, argument_id: str, index: int, answered: bool) -> EditResult:
    node, argument = _argument(m, argument_id)
    if not 0 <= index < len(argument.questions):
        raise EditError(f"argument '{argument_id}' has no critical question {index + 1}")
    questions = list(argument.questions)
    if questions[index].answered == answered:
        return apply(m, Patch(), argument_id)
    questions[index] = questions[index].model_copy(update={"answered": answered})
    new = argument.model_copy(update={"questions": tuple(questions)})
    return apply(m, Patch(put_nodes=(node.model_copy(update={"argument": new}),)), argument_id)


# -- sections --------------------------------------------------------------------


def _section_index(m: ArgumentMap, section_id: str) -> int:
    for index, section in enumerate(m.sections):
        if section.id == section_id:
            return index
    raise EditError(f"there is no section '{shown(section_id, 64)}'")


def _new_section_id(m: ArgumentMap) -> str:
    used = {s.id for s in m.sections}
    tag = ID_TAG.get()
    k = len(used) + 1
    while f"section{k}{tag}" in used:
        k += 1
    return f"section{k}{tag}"


def add_section(
    m: ArgumentMap, title: str, parent: str | None = None, members: Iterable[str] = ()
) -> EditResult:
    """A new section (inside `parent`), with `members` moved into it in the same step."""
    if parent is not None:
        _section_index(m, parent)
    section = built(Section, {"id": _new_section_id(m), "title": title, "parent": parent})
    sections = (*m.sections, section)
    _nest_checked(sections)
    put = tuple(
        _require(m, node_id).model_copy(update={"section": section.id})
        for node_id in dict.fromkeys(members)  # a node named twice moves once
    )
    return apply(m, Patch(put_nodes=put, fields=(("sections", sections),)), None)


def _nest_checked(sections: tuple[Section, ...]) -> None:
    problem = nesting_problem(sections)
    if problem is not None:
        raise EditError(problem)


def rename_section(m: ArgumentMap, section_id: str, title: str) -> EditResult:
    at = _section_index(m, section_id)
    renamed = built(Section, {**dict(m.sections[at]), "title": title})
    sections = tuple(renamed if i == at else s for i, s in enumerate(m.sections))
    return apply(
        m, Patch(fields=(("sections", sections),)) if renamed != m.sections[at] else Patch()
    )


def nest_section(m: ArgumentMap, section_id: str, parent: str | None) -> EditResult:
    """Put a section inside another (or at the top level with `parent=None`)."""
    at = _section_index(m, section_id)
    table = {s.id: s for s in m.sections}
    above = parent
    while above is not None:
        if above not in table:
            raise EditError(f"there is no section '{shown(above, 64)}'")
        if above == section_id:
            raise EditError(f"section '{section_id}' cannot go inside itself")
        above = table[above].parent
    moved = m.sections[at].model_copy(update={"parent": parent})
    sections = tuple(moved if i == at else s for i, s in enumerate(m.sections))
    _nest_checked(sections)
    return apply(m, Patch(fields=(("sections", sections),)) if moved != m.sections[at] else Patch())


def delete_section(m: ArgumentMap, section_id: str) -> EditResult:
    """Remove a heading; what was in it (nodes and sections) moves to its parent."""
    at = _section_index(m, section_id)
    parent = m.sections[at].parent
    sections = tuple(
        s.model_copy(update={"parent": parent}) if s.parent == section_id else s
        for i, s in enumerate(m.sections)
        if i != at
    )
    views = tuple(
        v.model_copy(
            update={"hidden_sections": tuple(h for h in v.hidden_sections if h != section_id)}
        )
        for v in m.views
    )
    put = tuple(
        n.model_copy(update={"section": parent})
        for n in m.nodes.values()
        if n.section == section_id
    )
    return apply(m, Patch(put_nodes=put, fields=(("sections", sections), ("views", views))))


def set_section(m: ArgumentMap, node_ids: Iterable[str], section_id: str | None) -> EditResult:
    """Move nodes into a section (out of any with `None`)."""
    if section_id is not None:
        _section_index(m, section_id)
    put = []
    for node_id in dict.fromkeys(node_ids):  # a node named twice moves once
        node = _require(m, node_id)
        if node.section != section_id:
            put.append(node.model_copy(update={"section": section_id}))
    return apply(m, Patch(put_nodes=tuple(put)), None)


# -- tag colours and views -----------------------------------------------------------


def set_tag_color(m: ArgumentMap, tag: str, color: str | None) -> EditResult:
    """Give a tag its colour in the palette, or take it out with `None`."""
    if not tag:
        raise EditError("a tag colour needs a tag")
    saveable("tag", tag)
    palette = dict(m.tag_colors)
    if color is None:
        palette.pop(tag, None)
    else:
        try:
            palette[tag] = check_color(color.strip())
        except ValueError as exc:
            raise EditError(str(exc)) from None
    if palette == m.tag_colors:
        return apply(m, Patch())
    return apply(m, Patch(fields=(("tag_colors", palette),)))


def save_view(m: ArgumentMap, view: View) -> EditResult:
    """Add a view, or replace the one of the same name."""
    view = built(View, dict(view))
    known = {s.id for s in m.sections}
    for section in view.hidden_sections:
        if section not in known:
            raise EditError(f"there is no section '{shown(section, 64)}'")
    names = [v.name for v in m.views]
    views = list(m.views)
    if view.name in names:
        views[names.index(view.name)] = view
    else:
        views.append(view)
    if tuple(views) == m.views:
        return apply(m, Patch())
    return apply(m, Patch(fields=(("views", tuple(views)),)))


def delete_view(m: ArgumentMap, name: str) -> EditResult:
    if not any(v.name == name for v in m.views):
        raise EditError(f"there is no view '{shown(name, 64)}'")
    return apply(m, Patch(fields=(("views", tuple(v for v in m.views if v.name != name)),)))


__all__ = [
    "PLACED_PREMISE",
    "add_section",
    "add_step",
    "add_undercut",
    "answer_question",
    "delete_section",
    "delete_view",
    "move_step",
    "nest_section",
    "new_id",
    "remove_step",
    "rename_section",
    "save_view",
    "set_argument",
    "set_scheme",
    "set_section",
    "set_step",
    "set_tag_color",
    "used_in_structures",
]
