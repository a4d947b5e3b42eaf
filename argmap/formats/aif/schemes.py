"""Argument scheme names between AIF and argmap.

AIFdb writes an RA's scheme as ``"scheme": "ExpertOpinion"`` (or only in its text),
OVA as text such as ``"Argument From Expert Opinion"``; argmap's built-in schemes
(argmap.model.schemes) are called ``"Expert opinion"``.  A name that matches a
built-in one after normalising (words split at capitals, "argument from/to/of"
dropped, case and spaces ignored) becomes the built-in name, whose critical
questions then fill the argument's checklist; any other name is kept as written.
AIF's placeholders ("Default Inference", "RA") name no scheme.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from argmap.model.schemes import SCHEMES, questions_of
from argmap.model.structure import Argument, Question

__all__ = ["PLACEHOLDERS", "argument_of", "builtin_name", "ra_node", "scheme_of"]

#: RA texts and scheme names that say only "an inference"
PLACEHOLDERS = frozenset({"", "ra", "default inference", "inference"})

_CAPITAL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_LEAD = re.compile(r"^(argument|arg)\s+(from|to|of|by)\s+(the\s+)?")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def _key(name: str) -> str:
    words = _CAPITAL.sub(" ", name.strip()).casefold()
    words = _LEAD.sub("", _NOT_WORD.sub(" ", words).strip())
    return words.replace(" ", "")


_BUILTIN = {_key(name): name for name in SCHEMES}


def builtin_name(name: str) -> str | None:
    """The built-in scheme `name` stands for, or None."""
    return _BUILTIN.get(_key(name))


def scheme_of(ra: Mapping[str, object]) -> str:
    """The scheme an RA node names ("" for none): its "scheme", else its text, as the
    built-in name when it is one."""
    for field in ("scheme", "text"):
        value = ra.get(field)
        if isinstance(value, str) and value.strip().casefold() not in PLACEHOLDERS:
            name = value.strip()
            return builtin_name(name) or name
    return ""


def argument_of(ra: Mapping[str, object]) -> Argument:
    """The scheme and critical questions of an RA (its structure is added by the reader)."""
    scheme = scheme_of(ra)
    questions = tuple(Question(text=q) for q in questions_of(scheme))
    return Argument(scheme=scheme, questions=questions)


def ra_node(kept: Mapping[str, object], scheme: str, node_id: object) -> dict[str, object]:
    """The RA node to write for an argument with `scheme`: the one read from the file
    (`kept`, {} if none) as it was while its scheme is unchanged, else one naming it."""
    node: dict[str, object] = dict(kept)
    node["nodeID"] = node_id
    if kept and scheme_of(kept) == scheme:
        return node
    node.pop("schemeID", None)
    text = scheme or "Default Inference"
    node |= {"text": text, "type": "RA", "scheme": text}
    node.setdefault("timestamp", "")
    if not scheme:
        node["schemeID"] = "72"
    return node
