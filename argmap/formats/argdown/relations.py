"""The relations of the tool's model after reading: those of a reconstructed argument
moved to its main conclusion, and in strict mode statement-to-statement support and
attack made entailment and contrariety (as the Argdown tool's model plugin does)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.formats.argdown.pcs import Role

if TYPE_CHECKING:
    from argmap.formats.argdown.reader import ArgdownDocument, ToolRelation


def move_argument_relations(doc: ArgdownDocument) -> None:
    """Outgoing relations of a reconstructed argument belong to its main conclusion."""
    seen: set[tuple[tuple[str, str], tuple[str, str], str]] = set()
    kept: list[ToolRelation] = []
    for relation in doc.relations:
        kind, title = relation.source
        argument = doc.arguments.get(title) if kind == "argument" else None
        last = argument.pcs[-1] if argument is not None and argument.pcs else None
        if last is not None and last.role is Role.CONCLUSION:
            relation.source = ("statement", last.statement)
            if relation.source == relation.target:
                continue  # "this argument supports its own conclusion" says nothing more
        key = (relation.source, relation.target, relation.type)
        if key in seen:
            continue
        seen.add(key)
        kept.append(relation)
    doc.relations = kept


def strict_statement_relations(doc: ArgdownDocument) -> None:
    kept: list[ToolRelation] = []
    contraries: set[frozenset[tuple[str, str]]] = set()
    for relation in doc.relations:
        both = relation.source[0] == relation.target[0] == "statement"
        if both and relation.type == "support":
            relation.type = "entails"
        elif both and relation.type == "attack":
            pair = frozenset((relation.source, relation.target))
            if pair in contraries:
                continue
            contraries.add(pair)
            relation.type = "contrary"
        kept.append(relation)
    doc.relations = kept
