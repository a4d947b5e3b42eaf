"""Computed acceptability: which statements stand, from the assessments and the structure.

The rules (worked examples in docs/evaluation.md):

- A statement's own weight, its *presumption*: accepted 1.5, not assessed
  0.75, undecided 0 (it must be supported to stand); a rejected statement
  is out, whatever else holds.
- A reason's weight is its force: strong 2, not assessed 1, weak 0.5, no
  force 0 (ignored).  A co-premise group is one reason: it stands only if all
  its premises stand, and weighs as its weakest premise.
- A statement's *support* is the larger of its presumption and the weight of
  its strongest standing reason (preponderance).
- A statement is **in** when every rebuttal that could still stand weighs
  less than its support; **out** when a standing rebuttal weighs at least as
  much as the best support it could still get (or it is rejected, or it has
  neither presumption nor any reason that could stand); **undecided**
  otherwise.  Rebuttals are attacks; labels are fixed only when certain, and
  the rules are applied until nothing changes: the least fixed point.
- An **undercut** attacks an inference, not a statement: while an undercut of
  a node stands, what that node gives (as a reason, or as a rebuttal) does not
  count; once every undercut of it is out, it counts again.  A statement's
  inference is its link to its parent (its cross-links are not undercut); an
  argument's is its own, so its undercut defeats everything it gives.  The
  undercut is a statement of its own, labelled by these same rules.

With no supports and no assessments these rules are exactly Dung's grounded
semantics over the rebuttals (every presumption is outweighed by any
rebuttal), which the tests check against a second implementation written
from the definition.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from argmap.model.document import Acceptance, ArgumentMap, Force, Node, Relation

PRESUMPTION = {Acceptance.ACCEPTED: 1.5, None: 0.75, Acceptance.UNDECIDED: 0.0}
WEIGHT = {Force.STRONG: 2.0, None: 1.0, Force.WEAK: 0.5, Force.NONE: 0.0}


class Label(StrEnum):
    IN = "in"
    OUT = "out"
    UNDECIDED = "undecided"


@dataclass(frozen=True)
class Reason:
    """One support of a statement: a node, or a co-premise group of nodes."""

    members: tuple[str, ...]
    weight: float


@dataclass(frozen=True)
class Verdict:
    label: Label
    why: str


@dataclass
class _Graph:
    supports: dict[str, list[Reason]]
    rebuttals: dict[str, list[tuple[str, float]]]  # target -> (attacker, weight)
    #: node -> the undercuts of its inferences (each undercutting node once)
    undercuts: dict[str, list[str]]
    #: a statement's one inference goes to its parent; an argument's (None) to all it gives
    inferred: dict[str, str | None]

    def cutters(self, target: str, members: tuple[str, ...]) -> list[str]:
        """The undercuts of a reason for (or against) `target`: of the inference of one
        of its members that goes there.  A statement's undercut attacks its link to its
        parent, not its cross-links; an argument's attacks the argument's one inference,
        so whatever it gives."""
        found: list[str] = []
        for member in members:
            if self.inferred.get(member, target) in (None, target):
                found += (u for u in self.undercuts.get(member, ()) if u not in found)
        return found


def _graph(m: ArgumentMap) -> _Graph:
    supports: dict[str, list[Reason]] = {}
    rebuttals: dict[str, list[tuple[str, float]]] = {}
    groups: dict[tuple[str, str], list[Node]] = {}
    undercuts: dict[str, list[str]] = {}
    for node in m.nodes.values():
        if node.parent is None or node.relation is None:
            continue
        weight = WEIGHT[node.force]
        if node.relation is Relation.UNDERCUTS:
            if weight > 0:
                undercuts.setdefault(node.parent, []).append(node.id)
        elif node.relation is Relation.REBUTS:
            if weight > 0:
                rebuttals.setdefault(node.parent, []).append((node.id, weight))
        elif node.group:
            groups.setdefault((node.parent, node.group), []).append(node)
        elif weight > 0:
            supports.setdefault(node.parent, []).append(Reason((node.id,), weight))
    for (parent, _), members in groups.items():
        weight = min(WEIGHT[n.force] for n in members)
        if weight > 0:
            supports.setdefault(parent, []).append(Reason(tuple(n.id for n in members), weight))
    for link in m.links:
        weight = WEIGHT[m.nodes[link.source].force] if link.source in m.nodes else 1.0
        if weight <= 0:
            continue
        if link.relation is Relation.UNDERCUTS:
            cutters = undercuts.setdefault(link.target, [])
            if link.source not in cutters:
                cutters.append(link.source)
        elif link.relation is Relation.REBUTS:
            rebuttals.setdefault(link.target, []).append((link.source, weight))
        else:
            supports.setdefault(link.target, []).append(Reason((link.source,), weight))
    inferred: dict[str, str | None] = {}
    for cut in undercuts:
        cut_node = m.nodes.get(cut)
        arguing = cut_node is None or cut_node.argument is not None
        inferred[cut] = None if cut_node is None or arguing else cut_node.parent
    return _Graph(supports, rebuttals, undercuts, inferred)


def evaluate(m: ArgumentMap) -> dict[str, Label]:
    """The label of every node (see the module's rules)."""
    return _Evaluation(m).labels


def explain(m: ArgumentMap) -> dict[str, Verdict]:
    """The label of every node and a sentence saying why."""
    run = _Evaluation(m)
    return {node_id: run.verdict(node_id) for node_id in m.nodes}


def explainer(m: ArgumentMap) -> Callable[[str], Verdict]:
    """Evaluate `m` once; the function returned explains one node of it on demand."""
    return _Evaluation(m).verdict


class _Tally:
    """Of the reasons (or rebuttals) of one statement with one weight: how many there
    are, how many stand and how many are out, kept up to date as labels are fixed."""

    __slots__ = ("out", "standing", "total")

    def __init__(self) -> None:
        self.total = self.standing = self.out = 0


def _best(tallies: dict[float, _Tally], floor: float) -> tuple[float, float]:
    """(the largest weight certain to stand, the largest that could still), at least floor."""
    certain = possible = floor
    for weight, tally in tallies.items():  # at most one entry per weight: a handful
        if tally.standing:
            certain = max(certain, weight)
        if tally.total > tally.out:
            possible = max(possible, weight)
    return certain, possible


class _Evaluation:
    """The labels by a worklist over counts: fixing a label updates the counts of the
    statements it supports or rebuts, so each label costs its own edges, once."""

    def __init__(self, m: ArgumentMap) -> None:
        self.m = m
        self.graph = _graph(m)
        self.labels: dict[str, Label] = {}
        self._support_tally: dict[str, dict[float, _Tally]] = {}
        self._attack_tally: dict[str, dict[float, _Tally]] = {}
        #: every support and rebuttal as (target, reason, its tally, its undercuts); it
        #: stands once each member is in and each undercut out, and is out once a
        #: member is out or an undercut in
        self._links: list[tuple[str, Reason, _Tally, list[str]]] = []
        self._good: list[int] = []
        self._bad: list[int] = []
        self._member_of: dict[str, list[int]] = {}
        self._cutter_of: dict[str, list[int]] = {}
        for target, reasons in self.graph.supports.items():
            tallies = self._support_tally.setdefault(target, {})
            for reason in reasons:
                self._add_link(target, reason, tallies)
        for target, attackers in self.graph.rebuttals.items():
            tallies = self._attack_tally.setdefault(target, {})
            for attacker, weight in attackers:
                self._add_link(target, Reason((attacker,), weight), tallies)
        self._good = [0] * len(self._links)
        self._bad = [0] * len(self._links)
        queue = deque(m.nodes)
        queued = set(m.nodes)
        while queue:  # a worklist: a node is looked at again only when a neighbour changed
            node_id = queue.popleft()
            queued.discard(node_id)
            if node_id in self.labels:
                continue
            label = self._decide(node_id)
            if label is None:
                continue
            self.labels[node_id] = label
            touched = [self._count(label is Label.IN, i) for i in self._member_of.get(node_id, ())]
            touched += [
                self._count(label is Label.OUT, i) for i in self._cutter_of.get(node_id, ())
            ]
            for other in touched:
                if other not in self.labels and other not in queued:
                    queue.append(other)
                    queued.add(other)
        for node_id in m.nodes:
            self.labels.setdefault(node_id, Label.UNDECIDED)

    def _add_link(self, target: str, reason: Reason, tallies: dict[float, _Tally]) -> None:
        tally = tallies.setdefault(reason.weight, _Tally())
        tally.total += 1
        index = len(self._links)
        cutters = self.graph.cutters(target, reason.members)
        for member in reason.members:
            self._member_of.setdefault(member, []).append(index)
        for cutter in cutters:
            self._cutter_of.setdefault(cutter, []).append(index)
        self._links.append((target, reason, tally, cutters))

    def _count(self, good: bool, index: int) -> str:
        """A member of link `index` got in (`good`) or out, or one of its undercuts got
        out (`good`) or in: the link stands once all are good, and is out at the first
        that is not."""
        target, reason, tally, cutters = self._links[index]
        if good:
            self._good[index] += 1
            if self._good[index] == len(reason.members) + len(cutters):
                tally.standing += 1
        else:
            self._bad[index] += 1
            if self._bad[index] == 1:
                tally.out += 1
        return target

    def _reason_state(self, target: str, reason: Reason) -> Label | None:
        """For explaining (each reason has one target, so this scan is linear overall)."""
        states = [self.labels.get(member) for member in reason.members]
        cuts = [self.labels.get(c) for c in self.graph.cutters(target, reason.members)]
        if all(state is Label.IN for state in states) and all(c is Label.OUT for c in cuts):
            return Label.IN
        if any(state is Label.OUT for state in states) or Label.IN in cuts:
            return Label.OUT
        return None

    def _standing_undercut(
        self, target: str, reasons: tuple[Reason, ...] | list[Reason]
    ) -> str | None:
        """The first standing undercut of one of `reasons` whose members all stand."""
        for reason in reasons:
            if all(self.labels.get(member) is Label.IN for member in reason.members):
                for cutter in self.graph.cutters(target, reason.members):
                    if self.labels.get(cutter) is Label.IN:
                        return cutter
        return None

    def _decide(self, node_id: str) -> Label | None:
        node = self.m.nodes[node_id]
        if node.acceptance is Acceptance.REJECTED:
            return Label.OUT
        presumption = PRESUMPTION.get(node.acceptance, 0.0)
        certain, possible = _best(self._support_tally.get(node_id, {}), presumption)
        standing, could = _best(self._attack_tally.get(node_id, {}), 0.0)
        if possible <= 0 or (standing > 0 and standing >= possible):
            return Label.OUT
        if certain > 0 and could < certain:
            return Label.IN
        return None

    # -- explanations ----------------------------------------------------------------------
    def _name(self, node_id: str) -> str:
        text = " ".join(self.m.nodes[node_id].text.split()) or node_id
        return f"“{text[:50]}{'…' if len(text) > 50 else ''}”"

    def verdict(self, node_id: str) -> Verdict:
        label = self.labels[node_id]
        node = self.m.nodes[node_id]
        attackers = self.graph.rebuttals.get(node_id, ())
        reasons = self.graph.supports.get(node_id, ())
        if node.acceptance is Acceptance.REJECTED:
            return Verdict(label, "out: you rejected it")
        if label is Label.OUT:
            winners = [a for a, _ in attackers if self.labels.get(a) is Label.IN]
            if winners:
                weight_of = dict(attackers)  # once: per winner it was quadratic in them
                best = max(winners, key=weight_of.__getitem__)
                return Verdict(label, f"out: rebutted by {self._name(best)}, which stands")
            cutter = self._standing_undercut(node_id, reasons)
            if cutter is not None:
                return Verdict(
                    label, f"out: its reason is undercut by {self._name(cutter)}, which stands"
                )
            return Verdict(label, "out: undecided by you, and none of its reasons stands")
        if label is Label.IN:
            standing = [r for r in reasons if self._reason_state(node_id, r) is Label.IN]
            if standing:
                strongest = max(standing, key=lambda r: r.weight)
                why = f"in: supported by {self._name(strongest.members[0])}"
            elif node.acceptance is Acceptance.ACCEPTED:
                why = "in: you accepted it"
            else:
                why = "in: presumed (not assessed)"
            if attackers:
                why += "; no standing rebuttal outweighs that"
            else:
                why += " and not rebutted"
            return Verdict(label, why)
        open_attacker = next(
            (a for a, _ in attackers if self.labels.get(a) is Label.UNDECIDED), None
        )
        if open_attacker is not None:
            return Verdict(
                label, f"undecided: rebutted by {self._name(open_attacker)}, which is undecided"
            )
        return Verdict(label, "undecided: its reasons are undecided")


def grounded_by_definition(m: ArgumentMap) -> dict[str, Label]:
    """Dung's grounded labelling, straight from the definition, for checking `evaluate`.

    The grounded extension is the least fixed point of F(S) = {a : every attacker of a is
    attacked by some member of S}; it is in, what it attacks is out, the rest undecided.
    Only rebuttals count here (supports and assessments are ignored).
    """
    attackers: dict[str, set[str]] = {n: set() for n in m.nodes}
    for node in m.nodes.values():
        if node.relation is Relation.REBUTS and node.parent is not None:
            attackers[node.parent].add(node.id)
    for link in m.links:
        if link.relation is Relation.REBUTS:
            attackers[link.target].add(link.source)
    extension: set[str] = set()
    while True:
        attacked = {t for t, sources in attackers.items() if sources & extension}
        following = {a for a in m.nodes if attackers[a] <= attacked}
        if following == extension:
            break
        extension = following
    out = {t for t, sources in attackers.items() if sources & extension}
    return {
        n: Label.IN if n in extension else Label.OUT if n in out else Label.UNDECIDED
        for n in m.nodes
    }
