"""What part of a map is shown: collapsed subtrees, a focused subtree and saved views.

Pure functions: the GUI keeps the collapsed set and the focus as view state
(not edits), and the renderer and exports draw the map these return.  A saved
`View` (model/structure.py) filters the map as follows:

- `tags`: only the nodes with one of these tags are shown, with their ancestors
  (so that each still hangs where it belongs) and, for an argument shown, the
  statements its premise–conclusion structure names (with their ancestors, and so
  on); none given, every node;
- `hidden_sections`: the nodes of these sections, and of the sections nested in
  them, are not shown, nor is anything below such a node;
- `hide_disconnected`: a statement with no parent, no child, no cross-link and not
  a step of a shown argument is not shown; what the view hides does not connect
  (a statement whose only cross-link goes to a hidden node is disconnected).

What a view leaves dangling (a step naming a hidden statement, an undercut of a
hidden inference) is made whole again by `consistency.repaired`; the evaluation
is always of the whole map.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from argmap.model.consistency import repaired
from argmap.model.document import ArgumentMap
from argmap.model.ops import extract_subtree
from argmap.model.structure import View
from argmap.model.validation import shown


@dataclass(frozen=True)
class Shown:
    map: ArgumentMap
    #: collapsed node id -> how many nodes below it are hidden
    hidden: dict[str, int] = field(default_factory=dict)


def shown_map(
    m: ArgumentMap,
    collapsed: Iterable[str] = (),
    focus: str | None = None,
    view: View | None = None,
) -> Shown:
    if view is not None:
        m = apply_view(m, view)
    if focus is not None and focus in m.nodes:
        m = extract_subtree(m, focus)
    collapsed_here = [c for c in collapsed if c in m.nodes and m.tree.children(c)]
    if not collapsed_here:
        return Shown(m)
    tree = m.tree
    hidden_ids: set[str] = set()
    hidden: dict[str, int] = {}
    for node_id in collapsed_here:
        if node_id in hidden_ids:
            continue  # inside another collapsed subtree
        below = tree.subtree(node_id)[1:]
        hidden_ids.update(below)
        hidden[node_id] = len(below)
    hidden = {k: v for k, v in hidden.items() if k not in hidden_ids}
    nodes = {i: n for i, n in m.nodes.items() if i not in hidden_ids}
    links = tuple(
        link for link in m.links if link.source not in hidden_ids and link.target not in hidden_ids
    )
    return Shown(m.evolve(nodes=nodes, links=links), hidden)


class UnknownViewError(ValueError):
    """A view name the map does not have; the message lists the ones it has."""


def view_named(m: ArgumentMap, name: str) -> View:
    for view in m.views:
        if view.name == name:
            return view
    have = ", ".join(f"'{shown(v.name, 40)}'" for v in m.views[:10]) or "none"
    raise UnknownViewError(f"this map has no view '{shown(name, 60)}' (its views: {have})")


def _hidden_sections(m: ArgumentMap, view: View) -> set[str]:
    """The view's hidden sections and every section nested in one of them."""
    parent = {s.id: s.parent for s in m.sections}
    wanted = set(view.hidden_sections)
    hidden: set[str] = set()
    state: dict[str, bool] = {}  # section -> whether it is inside a hidden one
    for start in parent:
        path: list[str] = []
        on_path: set[str] = set()
        above: str | None = start
        while above is not None and above in parent and above not in state:
            if above in on_path:
                break  # a cycle: validation refuses it; stop here anyway
            path.append(above)
            on_path.add(above)
            above = parent.get(above)
        inside = state.get(above, False) if above is not None else False
        for section in reversed(path):  # linear however deep the sections nest
            inside = inside or section in wanted
            state[section] = inside
            if inside:
                hidden.add(section)
    return hidden


def _with_what_they_need(m: ArgumentMap, shown_ids: Iterable[str]) -> set[str]:
    """`shown_ids`, their ancestors, and the steps of each argument among them (with
    the steps' ancestors, and so on): each node once, however the steps interlock."""
    keep: set[str] = set()
    todo = list(shown_ids)
    while todo:
        node_id: str | None = todo.pop()
        while node_id is not None and node_id not in keep:  # up to what is already kept
            keep.add(node_id)
            node = m.nodes[node_id]
            if node.argument is not None:
                todo += (s.statement for s in node.argument.pcs if s.statement in m.nodes)
            node_id = node.parent
    return keep


def apply_view(m: ArgumentMap, view: View) -> ArgumentMap:
    """The part of `m` that `view` shows (see the module's rules)."""
    tree = m.tree
    keep = set(m.nodes)
    if view.tags:
        wanted = set(view.tags)
        keep = _with_what_they_need(
            m, [i for i, n in m.nodes.items() if wanted.intersection(n.tags)]
        )
    sections = _hidden_sections(m, view) if view.hidden_sections else set()
    if sections:
        for node_id in tree.walk():
            node = m.nodes[node_id]
            if node.section in sections or (node.parent is not None and node.parent not in keep):
                keep.discard(node_id)
    if view.hide_disconnected:
        # connected in the view: by a cross-link both ends of which it shows, or as a
        # step of an argument it shows
        shown_links = [x for x in m.links if x.source in keep and x.target in keep]
        connected = {x.source for x in shown_links} | {x.target for x in shown_links}
        connected.update(
            step.statement
            for i in keep
            if (argument := m.nodes[i].argument) is not None
            for step in argument.pcs
        )
        for node_id in list(keep):
            node = m.nodes[node_id]
            alone = node.parent is None and not any(c in keep for c in tree.children(node_id))
            if alone and node.argument is None and node_id not in connected:
                keep.discard(node_id)
    if len(keep) == len(m.nodes):
        return m
    nodes = {i: n for i, n in m.nodes.items() if i in keep}
    links = tuple(x for x in m.links if x.source in keep and x.target in keep)
    return repaired(m.evolve(nodes=nodes, links=links))
