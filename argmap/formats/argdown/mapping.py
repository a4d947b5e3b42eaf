"""The Argdown tool's model laid onto argmap's tree, and counted back as the tool counts.

Each node hangs under the target of its first relation, every further relation is a
cross-link (docs/interchange.md).  Premises and conclusions of a reconstruction hang
under their argument (marked `premise` / `conclusion`, not relations) so the map
stays readable.  What argmap wrote into its own data block ({"argmap": ...}) is
honoured only where it agrees with what the document says in Argdown, so an edit
made in the Argdown text wins over a stale hint.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import JsonValue

from argmap.formats.argdown.frontmatter import COLOR
from argmap.formats.argdown.pcs import Inference, PcsStep, Role
from argmap.formats.argdown.reader import ArgdownDocument, ArgumentEntry, Entry, StatementEntry
from argmap.formats.argdown.syntax import GENERATED_TITLE, title_fits, visible_tags, visible_text
from argmap.formats.argdown.tagcolors import assigned_colors
from argmap.formats.argdown.views import SELECTION_VIEW as SELECTION_VIEW
from argmap.formats.argdown.views import selection_view, view_problem
from argmap.formats.graph import build_map
from argmap.model import ArgumentMap, Node, Relation
from argmap.model.base import clean_text
from argmap.model.consistency import MAX_SECTION_DEPTH
from argmap.model.document import Meta
from argmap.model.structure import Argument, Question, Section, Step, StepRole, View
from argmap.model.validation import shown

PLACEMENT = ("premise", "conclusion")  # tree edges that only place a node, not relations

Edge = tuple[str, str, str]  # (source, target, Argdown relation type or placement)
#: a node's fields for build_map: text, title, tags, note, and meta {"argdown": {...}}
Fields = dict[str, str | tuple[str, ...] | Meta | Argument]


def _node_id(kind: str, index: int) -> str:
    return f"{'s' if kind == 'statement' else 'a'}{index}"


def _fields(entry: Entry, argument: bool, untitled: bool) -> Fields:
    """Text, title, tags and note of a node (build_map's fields): as written, or as
    argmap's hint has them."""
    text = entry.texts[0] if entry.texts else ""
    title = "" if untitled or GENERATED_TITLE.fullmatch(entry.title) else entry.title
    tags: tuple[str, ...] = tuple(entry.tags)
    hints = entry.hints
    hint = hints.get("text")
    if isinstance(hint, str) and visible_text(hint) == text:
        text = hint
    hint = hints.get("title")
    if isinstance(hint, str) and title_fits(hint, entry.title, argument):
        title = hint
    hint = hints.get("tags")
    if isinstance(hint, list):
        named = [t for t in hint if isinstance(t, str)]
        if len(named) == len(hint) and visible_tags(named) == list(tags):
            tags = tuple(named)
    out: Fields = {"text": text, "title": title, "tags": tags}
    note = hints.get("note")
    if isinstance(note, str) and note:
        out["note"] = note
    return out


def to_map(doc: ArgdownDocument) -> ArgumentMap:
    """The tool's model as argmap's map: statements s1.., arguments a1.., in document order."""
    ids: dict[tuple[str, str], str] = {}
    for index, statement in enumerate(doc.statements.values(), 1):
        ids[("statement", statement.title)] = _node_id("statement", index)
    for index, argument in enumerate(doc.arguments.values(), 1):
        ids[("argument", argument.title)] = _node_id("argument", index)
    own: dict[str, list[JsonValue]] = {}  # relations of a node to itself, by node
    for relation in doc.relations:
        if relation.source == relation.target:  # e.g. a self-attacking argument
            own.setdefault(ids[relation.source], []).append(relation.type)
    fields: dict[str, Fields] = {}
    section_ids, sections, levels = _sections(doc)
    seq: dict[str, int] = {}
    roots: set[str] = set()
    entries: list[tuple[str, Entry]] = [("statement", s) for s in doc.statements.values()]
    entries += [("argument", a) for a in doc.arguments.values()]
    for kind, entry in entries:
        node_id = ids[(kind, entry.title)]
        seq[node_id] = entry.seq
        untitled = isinstance(entry, StatementEntry) and entry.untitled
        fields[node_id] = _fields(entry, isinstance(entry, ArgumentEntry), untitled)
        meta = _meta(entry.line, entry.texts[1:])
        if entry.data:
            meta["data"] = list(entry.data)
        if entry.shortcodes:  # written back as they are, for the tool to show
            meta["shortcodes"] = list(entry.shortcodes)
        if entry.section:
            fields[node_id]["section"] = section_ids[entry.section]
        if (entry.mentioned or None) != (entry.section or None):  # first named elsewhere
            meta["mentioned"] = section_ids[entry.mentioned] if entry.mentioned else None
        if isinstance(entry, ArgumentEntry):
            meta |= _argument_meta(entry.pcs, doc.explode, ids)
            fields[node_id]["argument"] = Argument(
                pcs=pcs_steps(entry.pcs, ids), **_scheme(entry.hints)
            )
        if node_id in own:
            meta["self_relations"] = own[node_id]
        fields[node_id]["meta"] = {"argdown": meta}
        if entry.hints.get("root") is True:
            roots.add(node_id)
    edges = [(ids[r.source], ids[r.target], r.type) for r in doc.relations if r.source != r.target]
    order = sorted(fields, key=seq.__getitem__)  # nodes in the order the document has them
    m = build_map(order, fields, edges, _placement(doc, ids), roots, sections)
    by_title: dict[str, str] = {}  # a view names a section by its heading: the first
    for key, title in doc.sections:
        by_title.setdefault(title, section_ids[key])
    views = _views(doc, sections, by_title)  # before the warnings are kept
    about: Meta = {}
    if doc.front_matter:
        about["front_matter"] = doc.front_matter
    if doc.warnings:
        about["warnings"] = list(doc.warnings)
    if levels:
        about["levels"] = levels
    heads = set({section_ids[key]: key for key, _ in reversed(doc.sections)}.values())
    headed: Meta = {section_ids[k]: list(d) for k, d in doc.section_data.items() if k in heads}
    if headed:
        about["section_data"] = headed
    tagged: Meta = {section_ids[k]: list(t) for k, t in doc.section_tags.items() if k in heads}
    if tagged:
        about["section_tags"] = tagged
    return m.evolve(
        title=doc.title or m.title,
        description=doc.settings.description,
        meta={"argdown": about} if about else {},
        tag_colors=_tag_colors(doc),
        views=views,
    )


def _tag_colors(doc: ArgdownDocument) -> dict[str, str]:
    """The colour the tool gives each tag: its `tagColors:` entry's, or the scheme's by
    the tag's order of first use (one argmap cannot draw is left out, the tag uncoloured);
    a colour for no tag colours nothing, and a map cannot hold one."""
    settings = doc.settings
    given = assigned_colors(doc.tag_order, settings.tag_scheme, settings.pinned_tags)
    out = {tag: color for tag, color in given.items() if COLOR.fullmatch(color)}
    out.update(settings.tag_colors)
    return {tag: color for tag, color in out.items() if tag}


def _views(
    doc: ArgdownDocument, sections: tuple[Section, ...], ids: Mapping[str, str]
) -> tuple[View, ...]:
    """The selection as the view "Argdown selection", then argmap's saved views (their
    sections by heading); a view the model cannot hold is left out with a warning."""
    selection = doc.settings.selection
    out = [selection_view(selection, sections)] if selection is not None else []
    taken = {view.name for view in out}
    for saved in doc.settings.views:
        problem = view_problem(saved.name, taken)
        if problem is not None:
            doc.warnings.append(f"the front matter's view '{shown(saved.name, 40)}': {problem}")
            continue
        taken.add(saved.name)
        hidden = tuple(dict.fromkeys(ids[t] for t in saved.hidden if t in ids))
        tags = tuple(dict.fromkeys(saved.tags))
        out.append(
            View(
                name=saved.name,
                tags=tags,
                hidden_sections=hidden,
                hide_disconnected=saved.hide_disconnected,
            )
        )
    return tuple(out)


def _sections(doc: ArgdownDocument) -> tuple[dict[str, str], tuple[Section, ...], Meta]:
    """The headings as nested sections (a heading inside the last one of a lower level),
    by the reader's key (each heading its own section, as the tool has it); and the
    levels nesting does not give (a "###" right under a "#"), by id."""
    ids: dict[str, str] = {}
    out: list[Section] = []
    levels: Meta = {}
    open_: list[tuple[int, str]] = []  # (level, id) of the headings around this one
    deeper = 0  # headings nested below the deepest level a map holds
    for key, title in doc.sections:
        level = doc.levels.get(key, 1)
        while open_ and open_[-1][0] >= level:
            open_.pop()
        if len(open_) >= MAX_SECTION_DEPTH:  # its nodes go into the deepest section
            ids[key] = open_[MAX_SECTION_DEPTH - 1][1]
            deeper += 1
            continue
        ids[key] = section_id = f"section{len(out) + 1}"
        parent = open_[-1][1] if open_ else None
        out.append(Section(id=section_id, title=title, parent=parent))
        if level != len(open_) + 1:
            levels[section_id] = level
        open_.append((level, section_id))
    if deeper:
        doc.warnings.append(
            f"{deeper} {'heading is' if deeper == 1 else 'headings are'} nested deeper than "
            f"{MAX_SECTION_DEPTH} levels; argmap puts their statements and arguments in the "
            f"section {MAX_SECTION_DEPTH} levels deep above them"
        )
    return ids, tuple(out), levels


def _placement(doc: ArgdownDocument, ids: Mapping[tuple[str, str], str]) -> list[Edge]:
    """Premises and conclusions hang under their argument unless a relation places them."""
    placement: list[Edge] = []
    for argument in doc.arguments.values():
        owner = ids[("argument", argument.title)]
        for step in argument.pcs:
            statement = ids[("statement", step.statement)]
            if step.role is Role.CONCLUSION:
                placement.append((owner, statement, "conclusion"))
            else:
                placement.append((statement, owner, "premise"))
    return placement


def _scheme(hints: Mapping[str, JsonValue]) -> dict[str, str | tuple[Question, ...]]:
    """An argument's scheme and critical questions, as argmap's data block has them: the
    questions as texts, and whether each is ticked ("answered", false where missing)."""
    out: dict[str, str | tuple[Question, ...]] = {}
    scheme = hints.get("scheme")
    if isinstance(scheme, str):
        out["scheme"] = scheme
    texts = hints.get("questions")
    ticks = hints.get("answered")
    ticked = ticks if isinstance(ticks, list) else []
    if isinstance(texts, list):
        out["questions"] = tuple(
            Question(text=text, answered=index < len(ticked) and ticked[index] is True)
            for index, text in enumerate(texts)
            if isinstance(text, str) and clean_text(text).strip()
        )
    return out


def _meta(line: int, more: list[str]) -> Meta:
    meta: Meta = {"line": line}
    if more:
        meta["texts"] = list(more)
    return meta


def _argument_meta(steps: list[PcsStep], explode: bool, ids: Mapping[tuple[str, str], str]) -> Meta:
    """How many arguments the tool shows for it, and the data blocks of its numbered
    statements and inference lines ({uses: [1, 2]}), by the statement's node id."""
    meta: Meta = {}
    step_data: Meta = {}
    inference_data: Meta = {}
    step_texts: Meta = {}
    step_refs: list[JsonValue] = []
    for step in steps:
        statement = ids[("statement", step.statement)]
        if step.data:
            step_data[statement] = list(step.data)
        if step.inference is not None and step.inference.data:
            inference_data[statement] = list(step.inference.data)
        if step.text:
            step_texts[statement] = step.text
        elif step.line:  # read as a reference: one again where it was defined before
            step_refs.append(statement)
    if step_data:
        meta["step_data"] = step_data
    if step_texts:  # written back on the step, where the tool shows it
        meta["step_texts"] = step_texts
    if step_refs:
        meta["step_refs"] = step_refs
    if inference_data:
        meta["inference_data"] = inference_data
    inferences = sum(1 for step in steps if step.role is not Role.PREMISE)
    if explode and inferences > 1:
        meta["exploded"] = inferences  # the Argdown tool shows one argument per inference
    return meta


# -- premise-conclusion structures: the reader's steps and the model's ---------------


def pcs_steps(steps: list[PcsStep], ids: Mapping[tuple[str, str], str]) -> tuple[Step, ...]:
    """The reader's steps as the model keeps them, each statement by its node id."""
    out = []
    for step in steps:
        rule = step.inference.rule if step.inference is not None else ""
        out.append(
            Step(
                statement=ids[("statement", step.statement)],
                role=StepRole(step.role.value),
                inference="" if step.role is Role.PREMISE else rule,
            )
        )
    return tuple(out)


def pcs_of(node: Node, nodes: Mapping[str, Node]) -> list[PcsStep]:
    """The premise-conclusion structure of an argument, numbered from 1, for the writer;
    [] unless it is one Argdown can write (a premise first, the conclusion last)."""
    argument = node.argument
    if argument is None or not argument.complete():
        return []
    return [
        PcsStep(
            number,
            step.statement,
            Role(step.role.value),
            None if step.role is StepRole.PREMISE else Inference(step.inference),
        )
        for number, step in enumerate(argument.pcs, 1)
    ]


# -- counting, as the Argdown tool's JSON does ---------------------------------------


def relation_name(kept: object, relation: Relation) -> str | None:
    """The Argdown type of a tree edge or cross-link; None for an edge that only places."""
    if kept in PLACEMENT:
        return None
    if isinstance(kept, str):
        return kept
    if relation is Relation.UNDERCUTS:
        return "undercut"
    return "support" if relation is Relation.SUPPORTS else "attack"


def relations_of(m: ArgumentMap) -> list[tuple[str, str, str]]:
    """(source, target, Argdown relation type) of every relation the map holds."""
    out = []
    for node in m.nodes.values():
        if node.parent is None or node.relation is None:
            continue
        name = relation_name(node.meta.get("relation"), node.relation)
        if name is not None:
            out.append((node.id, node.parent, name))
    for link in m.links:
        name = relation_name(link.meta.get("relation"), link.relation)
        if name is not None:
            out.append((link.source, link.target, name))
    for node in m.nodes.values():
        info = node.meta.get("argdown")
        own = info.get("self_relations") if isinstance(info, dict) else None
        for kind in own if isinstance(own, list) else ():
            out.append((node.id, node.id, str(kind)))
    return out


def counts(m: ArgumentMap) -> tuple[int, int, dict[str, int]]:
    """Statements, arguments and relations by type, counted as the Argdown tool counts them."""
    statements = arguments = 0
    for node in m.nodes.values():
        if kind_of(node) == "statement":
            statements += 1
            continue
        info = node.meta.get("argdown")
        exploded = info.get("exploded") if isinstance(info, dict) else None
        arguments += exploded if isinstance(exploded, int) and exploded > 1 else 1
    by_type: dict[str, int] = {}
    for _, _, kind in relations_of(m):
        by_type[kind] = by_type.get(kind, 0) + 1
    return statements, arguments, by_type


def kind_of(node: Node) -> str:
    return "statement" if node.argument is None else "argument"
