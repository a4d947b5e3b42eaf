"""Choosing how Graphviz lays a map out, so that it fits a page or a window with the
largest text (issue 16).

A *strategy* is a direction (TB or LR) and a way of drawing wide fans of siblings:
"tree" (all siblings in one row) or "rowsK" (a fan's subtrees stacked K deep into
columns).  An automatic fit also tries the style's line width a little narrower and
wider (`WRAP_SCALES`): narrow boxes suit a wide drawing, wide ones a tall drawing.
Separate claims (the roots of the tree) are stacked into rows by invisible edges, so
that many small trees make a block rather than a strip.

Choosing is measure the obvious first, estimate, lay out few.  The plain tree at the
style's line width is drawn first: when it fits the target at full size nothing can fit
better, and that drawing is the export (issue 19).  Otherwise Graphviz sizes every node
without laying any out (its `nop` layout); each candidate's extent is estimated from
ranks (a row's width is the sum of its nodes' widths, its height the tallest), and only
the best estimated few are laid out for real, as SVG, and compared by the fit itself:
min(1, target / size).  The one chosen is kept (`Drawings`), so it is not laid out
again.  A map of more than `BIG` nodes is chosen by the estimates alone and laid out
once: its layout takes seconds.

The choice is sticky: a map's style keeps the last `Fit`, which is used while the map's
number of nodes stays near the one it was chosen for (`still_fits`).
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from argmap.model import ArgumentMap, Fit
from argmap.model.document import STRATEGIES
from argmap.render import dot
from argmap.render.dot import Bodies, RenderOptions, to_dot
from argmap.render.engines import DEFAULT_TIMEOUT, Engine, RenderError, get_engine

#: A4 landscape inside 36 pt margins, in pt: the default target of an export
PAGE = (770.0, 523.0)
NODESEP, RANKSEP, PAD = (inches * 72 for inches in (dot.NODESEP, dot.RANKSEP, dot.PAD))
#: how many of the best estimated candidates are laid out for real
LAID_OUT_QUICK = 10
#: how much better than the plain tree a candidate must fit to be taken
GAIN = 1.02
#: nodes laid out for real in all, over the candidates tried: a map of n nodes tries
#: BUDGET // n of them (at least LAID_OUT_FEW, at most LAID_OUT_QUICK).  Counted, not
#: timed, so that a busy machine draws the same as an idle one
BUDGET = 1500
LAID_OUT_FEW = 3
#: the line widths an automatic fit tries, as shares of the style's
WRAP_SCALES = (1.0, 0.7, 1.35)
#: how much better than the plain tree an estimate must be to be taken unmeasured
TRUSTED = 1.1
#: a map of more nodes than this is fitted only by direction: Graphviz takes minutes
#: over the invisible edges of stacked rows on 10,000 nodes
BIG = 500
#: a stored fit is kept while the map has within this share of its nodes then (or 3)
DRIFT = 0.25


@dataclass(frozen=True)
class Candidate:
    direction: str
    strategy: str
    wrap_scale: float = 1.0

    @property
    def rows(self) -> int:
        return 1 if self.strategy == "tree" else int(self.strategy.removeprefix("rows"))


CANDIDATES = tuple(
    Candidate(d, s, w) for w in WRAP_SCALES for d in ("TB", "LR") for s in STRATEGIES
)


def wrapped(options: RenderOptions, scale: float) -> int:
    """The line width a share of the options' gives, within the model's limits."""
    if options.fixed_wrap:
        return options.wrap
    return max(8, min(200, round(options.wrap * scale)))


@dataclass
class _Graph:
    """The drawn graph of a real layout: node sizes (pt) and the tree edges."""

    sizes: dict[str, tuple[float, float]]
    children: dict[str, list[str]]
    roots: list[str]
    width: float
    height: float
    wrap: int = 30


def _sized(dot: str, engine: Engine, timeout: float, wrap: int = 30) -> _Graph:
    """Every node's size and the tree's edges, from the engine's `sizes` (no layout)."""
    data = json.loads(engine.sizes(dot, timeout))
    objects = data.get("objects", [])
    names = {int(o.get("_gvid", i)): str(o.get("name", "")) for i, o in enumerate(objects)}
    sizes = {
        str(o.get("name", "")): (float(o["width"]) * 72, float(o["height"]) * 72)
        for o in objects
        if "width" in o and "nodes" not in o
    }
    children: dict[str, list[str]] = {}
    has_parent: set[str] = set()
    for edge in data.get("edges", []):
        name = str(edge.get("id", ""))
        # a co-premise's own link is invisible (its group's edge draws it) but is in the tree
        if name.startswith("link.") or (
            edge.get("style") == "invis" and not name.startswith("joined.")
        ):
            continue
        top, bottom = names[edge["tail"]], names[edge["head"]]
        if bottom in has_parent or top == bottom:
            continue
        children.setdefault(top, []).append(bottom)
        has_parent.add(bottom)
    roots = [n for n in sizes if n not in has_parent]
    return _Graph(sizes, children, roots, 0.0, 0.0, wrap)


_SIZE = re.compile(rb'<svg[^>]*?width="([\d.]+)pt"[^>]*?height="([\d.]+)pt"', re.S)


def svg_size_pt(svg: bytes) -> tuple[float, float]:
    match = _SIZE.search(svg[:4096])
    if not match:
        raise RenderError("the SVG has no size in points; cannot rasterize it")
    return float(match.group(1)), float(match.group(2))


@dataclass
class Drawings:
    """The layouts `arrange` drew for real: a caller that draws one of them takes it from
    here rather than laying it out again."""

    kept: list[tuple[RenderOptions, str, bytes]] = field(default_factory=list)

    def find(self, options: RenderOptions | None, dot: str | None = None) -> bytes | None:
        """The SVG of `options` drawn without marks, or of exactly `dot`."""
        for drawn, source, svg in self.kept:
            if (source == dot) if dot is not None else (drawn == options):
                return svg
        return None


def _measured(
    m: ArgumentMap,
    options: RenderOptions,
    engine: Engine,
    hidden: Mapping[str, int] | None,
    timeout: float,
    drawings: Drawings | None,
    bodies: Bodies | None = None,
) -> tuple[float, float]:
    """The size (pt) of `m` drawn with `options`, laid out for real; the drawing is kept
    in `drawings`, for a caller that draws the same thing."""
    svg = drawings.find(options) if drawings is not None else None
    if svg is None:
        dot_source = to_dot(m, options, hidden, bodies=bodies)
        svg = engine.render(dot_source, "svg", timeout)
        if drawings is not None:
            drawings.kept.append((options, dot_source, svg))
    return svg_size_pt(svg)


def fit_scale(width: float, height: float, target: tuple[float, float]) -> float:
    if width <= 0 or height <= 0:
        return 1.0
    return min(1.0, target[0] / width, target[1] / height)


def _stagger(
    m: ArgumentMap, graph: _Graph, rows: int
) -> tuple[dict[str, int], tuple[tuple[str, str], ...]]:
    """A wide fan's subtrees stacked `rows` deep: its slots (a reason, or the co-premises
    of one group together) are taken `rows` at a time, left to right, and each slot but
    the first of such a column hangs under the deepest node of the one before it by an
    invisible edge, so the fan is about `rows` times narrower.  Returns the ranks each
    stacked reason lies below its parent (for the estimate) and the invisible edges."""
    if rows <= 1:
        return {}, ()
    offset: dict[str, int] = {}
    chains: list[tuple[str, str]] = []
    depth: dict[str, int] = {}  # ranks below each node, stacking included
    deepest: dict[str, str] = {}  # the lowest model node of each subtree
    for node in _post_order(graph):
        kids = graph.children.get(node, [])
        slots = _slots(m, kids)
        low, bottom = 0, node
        for index, slot in enumerate(slots):
            ranks = 1
            if len(slots) > rows and index % rows:
                above = slots[index - 1]
                ranks = offset.get(above[0], 1) + max(depth.get(k, 0) for k in above) + 1
                anchor = max(above, key=lambda k: depth.get(k, 0))
                chains += [(deepest.get(anchor, anchor), kid) for kid in slot[:1]]
            for kid in slot:
                if ranks > 1:
                    offset[kid] = ranks
                if ranks + depth.get(kid, 0) > low:
                    low, bottom = ranks + depth.get(kid, 0), deepest.get(kid, kid)
        depth[node] = low
        deepest[node] = bottom if bottom in m.nodes else node
    return offset, tuple((a, b) for a, b in chains if a in m.nodes and b in m.nodes)


def _slots(m: ArgumentMap, kids: list[str]) -> list[list[str]]:
    slots: list[list[str]] = []
    for kid in kids:
        group = m.nodes[kid].group if kid in m.nodes else None
        if group and slots and slots[-1][0] in m.nodes and m.nodes[slots[-1][0]].group == group:
            slots[-1].append(kid)
        else:
            slots.append([kid])
    return slots


def _post_order(graph: _Graph) -> list[str]:
    order: list[str] = []
    seen: set[str] = set()
    for root in graph.roots:
        stack = [(root, False)]
        while stack:
            node, done = stack.pop()
            if done:
                order.append(node)
                continue
            if node in seen:
                continue
            seen.add(node)
            stack.append((node, True))
            stack.extend((k, False) for k in reversed(graph.children.get(node, [])))
    return order


def _extent(
    graph: _Graph, root: str, minlen: Mapping[str, int], across_lr: bool
) -> tuple[float, float, str]:
    """Estimated (across, along, deepest node) of one root's tree: `along` runs down the
    ranks, `across` along a rank (width in TB, height in LR)."""
    ranks: dict[int, list[str]] = {}
    stack, seen = [(root, 0)], set()
    while stack:
        node, rank = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        ranks.setdefault(rank, []).append(node)
        for kid in graph.children.get(node, ()):
            stack.append((kid, rank + minlen.get(kid, 1)))
    across, along = 0.0, 0.0
    for rank in range(max(ranks) + 1):
        row = ranks.get(rank, [])
        wide = [graph.sizes[n][1 if across_lr else 0] for n in row]
        deep = [graph.sizes[n][0 if across_lr else 1] for n in row]
        across = max(across, sum(wide) + NODESEP * max(0, len(row) - 1))
        along += (max(deep) if deep else 0.0) + (RANKSEP if rank else 0.0)
    deepest = ranks[max(ranks)][0]
    return across, along, deepest


def _stack(
    extents: list[tuple[float, float, str]], roots: list[str], lr: bool, target: tuple[float, float]
) -> tuple[float, float, tuple[tuple[str, str], ...]]:
    """Separate trees wrapped into rows (columns in LR) to suit the target's shape: the
    estimated size and the invisible edges from the deepest node of a row to each root
    of the next."""
    best: tuple[float, float, float, tuple[tuple[str, str], ...]] | None = None
    total = sum(e[0] for e in extents) + NODESEP * (len(extents) - 1)
    widest = max(e[0] for e in extents)
    for count in range(1, len(extents) + 1):
        limit = max(widest, total / count)
        rows: list[list[int]] = [[]]
        used = 0.0
        for index, (across, _, _) in enumerate(extents):
            if rows[-1] and used + NODESEP + across > limit + 0.5:
                rows.append([])
                used = 0.0
            used += (NODESEP if rows[-1] else 0.0) + across
            rows[-1].append(index)
        across_all = max(sum(extents[i][0] for i in row) + NODESEP * (len(row) - 1) for row in rows)
        along_all = sum(max(extents[i][1] for i in row) for row in rows) + RANKSEP * (len(rows) - 1)
        w, h = (along_all, across_all) if lr else (across_all, along_all)
        w, h = w + 2 * PAD, h + 2 * PAD
        scale = fit_scale(w, h, target)
        if best is None or scale > best[0] + 1e-9:
            edges = tuple(
                (max((extents[i] for i in above), key=lambda e: e[1])[2], roots[j])
                for above, below in itertools.pairwise(rows)
                for j in below
            )
            best = (scale, w, h, edges)
        if len(rows) == 1 and count > 1:
            break
    assert best is not None
    return best[1], best[2], best[3]


def _estimate(
    m: ArgumentMap, graph: _Graph, cand: Candidate, target: tuple[float, float]
) -> tuple[float, RenderOptions]:
    minlen, chains = _stagger(m, graph, cand.rows)
    lr = cand.direction == "LR"
    extents = [_extent(graph, r, minlen, lr) for r in graph.roots]
    wrap = graph.wrap
    if not extents:
        return 1.0, RenderOptions(direction=cand.direction, wrap=wrap)
    model_roots = all(r in m.nodes for r in graph.roots)
    if len(extents) > 1 and model_roots:
        w, h, invisible = _stack(extents, graph.roots, lr, target)
    else:
        invisible = ()
        across = sum(e[0] for e in extents) + NODESEP * (len(extents) - 1)
        along = max(e[1] for e in extents)
        w, h = (along, across) if lr else (across, along)
        w, h = w + 2 * PAD, h + 2 * PAD
    invisible = tuple((a, b) for a, b in invisible if a in m.nodes and b in m.nodes)
    opts = RenderOptions(
        direction=cand.direction,
        layout=cand.strategy,
        invisible=invisible,
        chains=chains,
        wrap=wrap,
    )
    return fit_scale(w, h, target), opts


def _estimates(
    m: ArgumentMap,
    graphs: Mapping[int, _Graph],
    chosen: list[Candidate],
    options: RenderOptions,
    target: tuple[float, float],
) -> list[tuple[float, RenderOptions]]:
    """Every candidate's estimate, each distinct drawing estimated once: a fan no wider
    than K slots is not staggered, so "rowsK" of a map without a wider fan is the tree
    again (same scale; its own strategy name is kept for the record)."""
    widest = {wrap: _widest_fan(m, graph) for wrap, graph in graphs.items()}
    done: dict[tuple[int, str, int], tuple[float, RenderOptions]] = {}
    out = []
    for cand in chosen:
        wrap = wrapped(options, cand.wrap_scale)
        rows = cand.rows if cand.rows < widest[wrap] else 1
        key = (wrap, cand.direction, rows)
        if key not in done:
            done[key] = _estimate(m, graphs[wrap], replace(cand, strategy=_strategy(rows)), target)
        scale, opts = done[key]
        out.append((scale, replace(opts, layout=cand.strategy)))
    return out


def _strategy(rows: int) -> str:
    return "tree" if rows <= 1 else f"rows{rows}"


def _widest_fan(m: ArgumentMap, graph: _Graph) -> int:
    """The most slots of any one fan: stacking K deep changes nothing unless more."""
    return max((len(_slots(m, kids)) for kids in graph.children.values()), default=0)


def still_fits(fit: Fit | None, m: ArgumentMap) -> bool:
    """Whether a stored fit still holds: the map has not grown or shrunk a lot since."""
    if fit is None or fit.nodes <= 0:
        return False
    return abs(len(m.nodes) - fit.nodes) <= max(3, DRIFT * fit.nodes)


def arrange(
    m: ArgumentMap,
    options: RenderOptions,
    target: tuple[float, float] = PAGE,
    engine: Engine | None = None,
    hidden: Mapping[str, int] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    drawings: Drawings | None = None,
) -> RenderOptions:
    """`options` with the layout to draw: a pinned strategy as it is (its fans staggered
    and its separate claims stacked for the target), a stored fit while it holds, or
    else the candidate that fits `target` best.  Candidates are laid out for real as
    SVG; given `drawings`, each is kept there, so that the chosen one need not be laid
    out again."""
    if options.layout == "auto" and still_fits(options.fit, m):
        assert options.fit is not None
        fit = options.fit
        chosen = [Candidate(fit.direction, fit.strategy, fit.wrap_scale)]
    elif options.layout == "auto" and len(m.nodes) > BIG:
        chosen = [Candidate("TB", "tree"), Candidate("LR", "tree")]  # rows would be slow
    elif options.layout == "auto":
        chosen = list(CANDIDATES)
    else:
        chosen = [Candidate(options.direction, options.layout)]
    if len(chosen) == 1 and chosen[0].strategy == "tree" and len(m.tree.roots) <= 1:
        only = chosen[0]  # nothing to stagger or stack: no layout needed to measure
        wrap = wrapped(options, only.wrap_scale)
        return _with(options, RenderOptions(direction=only.direction, wrap=wrap), m)
    engine = engine or get_engine()
    bodies: Bodies = {}  # the candidates' DOTs share their nodes and edges
    base: tuple[float, float] | None = None
    big = len(m.nodes) > BIG  # one layout is seconds: chosen by estimates, drawn once
    if len(chosen) > 1 and not big:  # the plain tree first: when it fits, nothing beats it
        plain_first = _with(options, RenderOptions(wrap=wrapped(options, 1.0)), m)
        base = _measured(m, plain_first, engine, hidden, timeout, drawings, bodies)
        if fit_scale(*base, target) >= 1.0:
            return plain_first
    plain = replace(options, direction="TB", layout="tree", invisible=(), chains=())
    graphs: dict[int, _Graph] = {}
    for cand in chosen:
        wrap = wrapped(options, cand.wrap_scale)
        if wrap not in graphs:
            graphs[wrap] = _sized(
                to_dot(m, replace(plain, wrap=wrap), hidden, bodies=bodies), engine, timeout, wrap
            )
    chosen = [c for c in chosen if wrapped(options, c.wrap_scale) in graphs]
    estimates = sorted(_estimates(m, graphs, chosen, options, target), key=lambda pair: -pair[0])
    if big and len(chosen) > 1:
        return _with(options, _by_estimate(estimates), m)
    if base is None:
        return _with(options, estimates[0][1], m)
    measure = _Measure(m, options, engine, hidden, timeout, drawings, bodies)
    few = max(LAID_OUT_FEW, min(LAID_OUT_QUICK, BUDGET // max(1, len(m.nodes))))
    return _with(options, _best(options, estimates, base, few, target, measure), m)


@dataclass
class _Measure:
    """Lays out a candidate for real and gives its size."""

    m: ArgumentMap
    options: RenderOptions
    engine: Engine
    hidden: Mapping[str, int] | None
    timeout: float
    drawings: Drawings | None
    bodies: Bodies

    def __call__(self, chosen: RenderOptions) -> tuple[float, float]:
        drawn = _with(self.options, chosen, self.m)
        return _measured(
            self.m, drawn, self.engine, self.hidden, self.timeout, self.drawings, self.bodies
        )


def _by_estimate(estimates: list[tuple[float, RenderOptions]]) -> RenderOptions:
    """The best estimate if clearly better than the plain top-down tree's, else that tree."""
    plain = next((e for e in estimates if e[1].direction == "TB"), estimates[-1])
    top = estimates[0]
    return top[1] if top[0] > plain[0] * TRUSTED else plain[1]


def _best(
    options: RenderOptions,
    estimates: list[tuple[float, RenderOptions]],
    base: tuple[float, float],
    few: int,
    target: tuple[float, float],
    measure: _Measure,
) -> RenderOptions:
    """The `few` best estimated laid out for real; the plain tree at the style's line
    width (`base`, its size) stays unless another fits clearly better."""
    best_scale = fit_scale(*base, target)
    best = RenderOptions(wrap=options.wrap)
    tried: set[tuple[object, ...]] = {(best.direction, best.wrap, (), ())}
    for _, opts in estimates[:few]:
        if best_scale * GAIN >= 1.0:
            break  # no fit is above 1: nothing left could be a clear gain
        drawn = (opts.direction, opts.wrap, opts.invisible, opts.chains)
        if drawn in tried:  # rows of a map without a wide fan: the tree again
            continue
        tried.add(drawn)
        scale = fit_scale(*measure(opts), target)
        if scale > best_scale * GAIN:  # a clear gain, or the plain tree stays
            best_scale, best = scale, opts
    return best


def _with(options: RenderOptions, chosen: RenderOptions, m: ArgumentMap) -> RenderOptions:
    """`options` drawn as `chosen` says; its `fit` records the choice (to keep it)."""
    scale = 1.0 if options.fixed_wrap else round(chosen.wrap / options.wrap, 3)
    fit = Fit.model_validate(
        {
            "direction": chosen.direction,
            "strategy": chosen.layout,
            "nodes": len(m.nodes),
            "wrap_scale": max(0.25, min(4.0, scale)),
        }
    )
    return replace(
        options,
        direction=chosen.direction,
        invisible=chosen.invisible,
        chains=chosen.chains,
        wrap=chosen.wrap,
        fit=fit,
    )
