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
  undercut is a statement of its own, labelled by these same rules; an undercut
  that is an argument can be undercut in turn, and while that stands it no
  longer cuts (as an undercut rebuttal no longer attacks).
- An argument with a premise–conclusion structure rests on it: it is out once a
  premise or intermediate conclusion of it is out, and in only once all of them
  are in (its main conclusion is what it argues for, not what it rests on).

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
from argmap.model.structure import StepRole

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

    def cuts(self, target: str, members: tuple[str, ...]) -> list[tuple[str, str]]:
        """The undercuts of a reason for (or against) `target`, each as (the undercut, the
        member whose inference it attacks): of the inference of a member that goes there.
        A statement's undercut attacks its link to its parent, not its cross-links; an
        argument's attacks the argument's one inference, so whatever it gives."""
        found: list[tuple[str, str]] = []
        for member in members:
            if self.inferred.get(member, target) in (None, target):
                found += ((u, member) for u in self.undercuts.get(member, ()))
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


class _Link:
    """A support or rebuttal of `target` (with the `tally` it counts in), or a cut: the
    undercut `members[0]` of the inference of `target`, which `cutting` lists the links
    of.  It stands once each member is in and each of its `cuts` is out; it is out once a
    member is out or a cut stands."""

    __slots__ = ("bad", "cuts", "cutting", "good", "members", "state", "tally", "target")

    def __init__(self, target: str, members: tuple[str, ...], tally: _Tally | None) -> None:
        self.target, self.members, self.tally = target, members, tally
        self.cuts: list[int] = []
        self.cutting: list[int] = []
        self.good = self.bad = 0
        self.state: Label | None = None


class _Evaluation:
    """The labels by a worklist over counts: fixing a label updates the counts of the
    statements it supports or rebuts, so each label costs its own edges, once."""

    def __init__(self, m: ArgumentMap) -> None:
        self.m = m
        self.graph = _graph(m)
        self.labels: dict[str, Label] = {}
        self._support_tally: dict[str, dict[float, _Tally]] = {}
        self._attack_tally: dict[str, dict[float, _Tally]] = {}
        self._links: list[_Link] = []
        self._reasons: dict[str, list[tuple[Reason, int]]] = {}  # target -> its supports
        self._member_of: dict[str, list[int]] = {}
        self._cut_of: dict[tuple[str, str], int] = {}
        #: argument -> [its bases in, out, all], the bases being the premises and
        #: intermediate conclusions of its structure; statement -> the arguments resting on it
        self._needs: dict[str, list[int]] = {}
        self._needed_by: dict[str, list[str]] = {}
        self._build()
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
            for other in self._fixed(node_id, label):
                if other not in self.labels and other not in queued:
                    queue.append(other)
                    queued.add(other)
        for node_id in m.nodes:
            self.labels.setdefault(node_id, Label.UNDECIDED)

    def _build(self) -> None:
        for target, reasons in self.graph.supports.items():
            tallies = self._support_tally.setdefault(target, {})
            for reason in reasons:
                index = self._add_link(target, reason.members, tallies, reason.weight)
                self._reasons.setdefault(target, []).append((reason, index))
        for target, attackers in self.graph.rebuttals.items():
            tallies = self._attack_tally.setdefault(target, {})
            for attacker, weight in attackers:
                self._add_link(target, (attacker,), tallies, weight)
        pending = list(range(len(self._links)))
        while pending:  # the cuts of each link, and the cuts of those cuts, once each
            index = pending.pop()
            link = self._links[index]
            for key in self.graph.cuts(link.target, link.members):
                cut = self._cut_of.get(key)
                if cut is None:
                    cut = self._cut_of[key] = self._add_link(key[1], key[:1], None, 0.0)
                    pending.append(cut)
                link.cuts.append(cut)
                self._links[cut].cutting.append(index)
        for node in self.m.nodes.values():
            if node.argument is None:
                continue
            bases = [s.statement for s in node.argument.pcs if s.role is not StepRole.CONCLUSION]
            bases = [b for b in bases if b in self.m.nodes]
            if bases:
                self._needs[node.id] = [0, 0, len(bases)]
                for base in bases:
                    self._needed_by.setdefault(base, []).append(node.id)

    def _add_link(
        self,
        target: str,
        members: tuple[str, ...],
        tallies: dict[float, _Tally] | None,
        weight: float,
    ) -> int:
        tally = None
        if tallies is not None:
            tally = tallies.setdefault(weight, _Tally())
            tally.total += 1
        index = len(self._links)
        for member in members:
            self._member_of.setdefault(member, []).append(index)
        self._links.append(_Link(target, members, tally))
        return index

    def _fixed(self, node_id: str, label: Label) -> list[str]:
        """The nodes to look at again now that `node_id` is `label` (in or out)."""
        touched: list[str] = []
        for index in self._member_of.get(node_id, ()):
            touched += self._count(label is Label.IN, index)
        for argument in self._needed_by.get(node_id, ()):
            self._needs[argument][0 if label is Label.IN else 1] += 1
            touched.append(argument)
        return touched

    def _count(self, good: bool, index: int) -> list[str]:
        """A member of link `index` got in (`good`) or out, or one of its cuts got out
        (`good`) or stood: the link stands once all are good, and is out at the first
        that is not.  A cut that settles settles the links it cuts in turn."""
        touched: list[str] = []
        stack = [(index, good)]
        while stack:
            index, good = stack.pop()
            link = self._links[index]
            if good:
                link.good += 1
                if link.good < len(link.members) + len(link.cuts):
                    continue
                link.state = Label.IN
            else:
                link.bad += 1
                if link.bad > 1:
                    continue
                link.state = Label.OUT
            if link.tally is not None:
                if link.state is Label.IN:
                    link.tally.standing += 1
                else:
                    link.tally.out += 1
                touched.append(link.target)
            stack += ((cut, link.state is Label.OUT) for cut in link.cutting)
        return touched

    def _standing_undercut(self, target: str) -> str | None:
        """The first standing undercut of a reason of `target` whose members all stand."""
        for reason, index in self._reasons.get(target, ()):
            if all(self.labels.get(member) is Label.IN for member in reason.members):
                for cut in self._links[index].cuts:
                    if self._links[cut].state is Label.IN:
                        return self._links[cut].members[0]
        return None

    def _decide(self, node_id: str) -> Label | None:
        node = self.m.nodes[node_id]
        if node.acceptance is Acceptance.REJECTED:
            return Label.OUT
        needs = self._needs.get(node_id)
        if needs is not None and needs[1]:
            return Label.OUT  # a premise (or intermediate conclusion) of it is out
        presumption = PRESUMPTION.get(node.acceptance, 0.0)
        certain, possible = _best(self._support_tally.get(node_id, {}), presumption)
        standing, could = _best(self._attack_tally.get(node_id, {}), 0.0)
        if possible <= 0 or (standing > 0 and standing >= possible):
            return Label.OUT
        if certain > 0 and could < certain:
            return Label.IN if needs is None or needs[0] == needs[2] else None
        return None

    # -- explanations ----------------------------------------------------------------------
    def _name(self, node_id: str) -> str:
        text = " ".join(self.m.nodes[node_id].text.split()) or node_id
        return f"“{text[:50]}{'…' if len(text) > 50 else ''}”"

    def _base(self, node_id: str, label: Label) -> str | None:
        """The first premise or intermediate conclusion of argument `node_id` that is
        `label`, named, or None."""
        argument = self.m.nodes[node_id].argument
        for step in argument.pcs if argument is not None else ():
            if step.role is not StepRole.CONCLUSION and self.labels.get(step.statement) is label:
                what = "premise" if step.role is StepRole.PREMISE else "intermediate conclusion"
                return f"{what} {self._name(step.statement)}"
        return None

    def verdict(self, node_id: str) -> Verdict:
        label = self.labels[node_id]
        node = self.m.nodes[node_id]
        attackers = self.graph.rebuttals.get(node_id, ())
        if node.acceptance is Acceptance.REJECTED:
            return Verdict(label, "out: you rejected it")
        base = None if label is Label.IN else self._base(node_id, label)
        if base is not None:
            verb = "does not stand" if label is Label.OUT else "is undecided"
            return Verdict(label, f"{label.value}: its {base} {verb}")
        if label is Label.OUT:
            winners = [a for a, _ in attackers if self.labels.get(a) is Label.IN]
            if winners:
                weight_of = dict(attackers)  # once: per winner it was quadratic in them
                best = max(winners, key=weight_of.__getitem__)
                return Verdict(label, f"out: rebutted by {self._name(best)}, which stands")
            cutter = self._standing_undercut(node_id)
            if cutter is not None:
                return Verdict(
                    label, f"out: its reason is undercut by {self._name(cutter)}, which stands"
                )
            return Verdict(label, "out: undecided by you, and none of its reasons stands")
        if label is Label.IN:
            kept = self._reasons.get(node_id, ())
            standing = [r for r, i in kept if self._links[i].state is Label.IN]
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
