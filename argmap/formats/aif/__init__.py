"""AIF JSON (the Argument Interchange Format of AIFdb and OVA) in and out.

Two shapes are read: a plain AIFdb nodeset ``{"nodes": [...], "edges": [...],
"locutions": [...]}`` and OVA's wrapper ``{"AIF": {<nodeset>}, "text": ...,
"OVA": {<layout>}}``.  The graph is laid onto argmap's tree as
docs/interchange.md describes; everything argmap has no place for is kept
in ``meta["aif"]`` so that export writes it back.

How AIF maps onto argmap
------------------------
* **I-nodes** become argmap nodes, in file order.  The id is ``"i"`` plus the
  AIF nodeID made safe (``"1070"`` -> ``"i1070"``, made unique).  The node's
  ``meta["aif"]`` keeps ``nodeID`` (verbatim: string or number), ``timestamp``
  and, under ``extra``, any other key of the AIF node.
* **Arguments**: an RA that names a scheme (its ``scheme``, or OVA's text;
  not "Default Inference"), or one argmap's hints mark as an argument
  (``"ra": true``), from I-node premises to an I-node, becomes an
  argument node ``"ra"`` + nodeID under its conclusion (``supports``): its
  ``argument`` lists the premises (in edge order) and the conclusion, its
  scheme (a built-in name when it matches one, argmap.formats.aif.schemes)
  and that scheme's critical questions; ``meta["aif"]`` keeps its ``nodeID``,
  the RA node verbatim (``ra``) and its outgoing ``edge``.  Each premise
  hangs under the argument as a support with ``meta["relation"] =
  "premise"`` and keeps its ``edge`` (no ``via``: no scheme node between).
  An argument the hints mark top-level (``"top": true``) hangs nowhere: its
  RA's edge to its conclusion is only its structure's conclusion (the edge is
  kept as its ``edge``).
* **Scheme nodes** (default RA, CA, MA, PA) become one relation per I-node
  premise: premise -> the I-node the scheme points to.  RA, MA and PA are
  ``supports``, CA is ``rebuts``; an MA also gets ``meta["relation"] =
  "rephrase"``, a PA ``"preference"``.  Each relation's metadata (the child's
  ``meta`` for a tree edge, the cross-link's ``meta`` otherwise) holds under
  ``aif``: ``via`` = ``{"node": <the scheme node, verbatim>, "to": <nodeID it
  points to>, "out": <its outgoing edge without fromID/toID>}`` and ``edge`` =
  the premise's edge into the scheme (without fromID/toID).  Export gathers
  the relations of one scheme nodeID back into one scheme node.
* **Co-premises**: premises of one scheme that sit in the tree under the same
  conclusion share ``group`` = lower-case type + nodeID (``"ra1073"``); those
  of an argument ``"g"`` + nodeID.
* **Undercut and chains**: a CA pointing at an argument's RA ``undercuts`` the
  argument.  A scheme pointing at another scheme node (CA -> default RA,
  CA -> CA, ...) is anchored at the first I-node premise (in file order) of
  the scheme it points at (failing that, that scheme's conclusion, then
  further along the chain); ``via.anchor`` names the anchor and ``via.to``
  the attacked scheme, so export points the CA back at it.  A CA so
  anchored ``undercuts`` its anchor when the anchor is a support, else it is
  ``rebuts`` with ``meta["relation"] = "undercut"``.
* **Tree**: each I-node hangs under the target of its first relation (order
  of the premise edges in the file); further relations, and relations that
  would close a cycle, become cross-links ``x1``, ``x2``, ...  I-nodes with
  no relation are top-level claims, in file order.
* **Dialogue**: L, YA and TA nodes, every edge touching one of them and the
  ``locutions`` list are kept verbatim in the map's ``meta["aif"]`` as
  ``dialogue_nodes``, ``dialogue_edges`` and ``locutions``.
* **What cannot be mapped** goes verbatim to ``meta["aif"]["other_nodes"]`` /
  ``["other_edges"]``: a scheme node without an I-node premise or without an
  I-node or scheme target (e.g. an MA between two locutions), nodes of
  unknown types, edges between I-nodes, a premise that is its scheme's own
  target, a scheme's second outgoing edge, a premise's repeated edge into its
  scheme (one relation per premise and scheme).  Further top-level keys of the
  nodeset go to ``extra``; OVA's ``text``, ``OVA`` and other wrapper keys to
  ``wrapper`` (its presence means the map came from OVA).

Export writes every statement as an I-node and every argument with premises as
ONE RA (argmap.formats.aif.arguments: one that supports a node, or a top-level
one with a main conclusion; its AIF nodeID when known and free, else a new
numeric id; the kept RA while the scheme is unchanged, else one naming the
scheme or a default inference), so a plain AIF reader sees premises -> RA ->
conclusion; any other argument as an I-node; a support into or out of an RA as a
plain edge of it (plus one for each premise of its structure no relation places,
and a top-level argument's to its main conclusion), an undercut as a CA into the
RA it attacks, every other relation through a scheme
node (the recorded one when the relation still matches it: same type, same
target; else a new RA, CA, MA or PA chosen by relation and ``meta["relation"]``;
a co-premise group shares one), then the kept nodes, edges and locutions
unchanged (an edge whose end no longer exists is left out).

**argmap's own hints.** What the nodeset cannot say goes into one top-level
``"argmap"`` object beside ``nodes``, ``edges`` and ``locutions`` (the nodes and
edges keep only AIF's own keys, so a plain AIF reader reads the nodeset alone): the
map's title, description, style, sections, tag colours, views and other formats'
metadata; for each RA naming no scheme that is an argument ``"ra": true``, for a
top-level one ``"top": true``; for each node (by nodeID) what reads back otherwise:
its id, title, tags, note, section, judgements, an RA's own text, its structure
(steps by nodeID, intermediate conclusions, inference notes, order), scheme and
ticked questions, co-premise group, relation, an undercut's anchor, and a top-level
claim's cross-link the reader would hang it by; for each cross-link its id and
metadata, and ``"drop"`` for a premise's second edge (into its argument's RA) that
the reader would make a cross-link of (argmap.formats.aif.hints_in). An export is
compared with how the nodeset reads back (argmap.formats.aif.hints_out), so a map
read from AIF and not edited gets no hints and its file comes back as it was. Import
applies the hints that fit the nodeset; one that does not (a step naming a node that
is not there, a value of the wrong shape) is left out and the nodeset decides. No
hint holds the source text or the nodes' source spans: `aif_warning` names them in
one line.
"""

from __future__ import annotations

import json
from pathlib import Path

from argmap.formats import bounded
from argmap.formats.aif.graph import (
    DIALOGUE_TYPES,
    MAX_BYTES,
    MAX_COPIED_ITEMS,
    MAX_EDGES,
    MAX_NODES,
    SCHEME_NAME,
    SCHEME_RELATION,
    SCHEME_TYPES,
)
from argmap.formats.aif.hints_in import HINT_KEY
from argmap.formats.aif.hints_out import aif_warning
from argmap.formats.aif.reader import from_aif
from argmap.formats.aif.writer import DEFAULT_SCHEME, scheme_counts, to_aif, write_aif
from argmap.formats.atomic import atomic_write
from argmap.formats.caps import collector_paused, json_items_over, too_many
from argmap.formats.errors import LoadError, SaveError, parse_json
from argmap.model import ArgumentMap

SUFFIX = ".json"
#: The caps (argmap.formats.caps; MAX_BYTES, MAX_NODES, MAX_EDGES and MAX_COPIED_ITEMS
#: are in graph): a nodeset at MAX_NODES loads in about 3 s, and MAX_ITEMS bounds
#: the rest (2 million items of nothing but `{},` take under a second); the map made
#: must also be one the native format opens again once saved (native.check_reopens).
MAX_ITEMS = 2_000_000

__all__ = [
    "DEFAULT_SCHEME",
    "DIALOGUE_TYPES",
    "HINT_KEY",
    "MAX_BYTES",
    "MAX_COPIED_ITEMS",
    "MAX_EDGES",
    "MAX_ITEMS",
    "MAX_NODES",
    "SCHEME_NAME",
    "SCHEME_RELATION",
    "SCHEME_TYPES",
    "SUFFIX",
    "aif_warning",
    "from_aif",
    "load_aif",
    "read_aif",
    "save_aif",
    "scheme_counts",
    "to_aif",
    "write_aif",
]


def read_aif(data: bytes | str, path: str | Path | None = None) -> ArgumentMap:
    """Parse AIF JSON text (AIFdb nodeset or OVA file); LoadError says what is wrong."""
    if len(data) > MAX_BYTES:
        unit = "bytes" if isinstance(data, bytes) else "characters"
        raise LoadError(path, None, f"is more than {MAX_BYTES:,} {unit}, too large for an AIF file")
    with collector_paused():
        return _read(data, path)


def _read(data: bytes | str, path: str | Path | None) -> ArgumentMap:
    if isinstance(data, bytes):
        text = bounded.decode_utf8(data, path, "byte")
        size = len(data.removeprefix(bounded.BOM))
    else:
        text = data.removeprefix("\ufeff")
        size = len(text.encode("utf-8", "surrogatepass"))
    if not text.strip():
        raise LoadError(path, None, "is empty; expected an AIF JSON document")
    if json_items_over(text, MAX_ITEMS):
        raise LoadError(path, None, too_many("JSON values", MAX_ITEMS))
    return from_aif(parse_json(text, path), path, size)


def load_aif(path: str | Path) -> ArgumentMap:
    """Regular files only, at most MAX_BYTES, never blocking (a FIFO is refused at once)."""
    return read_aif(bounded.read_bounded(path, MAX_BYTES, "an AIF file"), path)


def save_aif(m: ArgumentMap, path: str | Path) -> None:
    """Write `m` as AIF JSON, refusing a nodeset over the caps argmap reads back (what
    argmap writes, argmap opens): each relation adds a scheme node and two edges."""
    doc = to_aif(m)
    nodeset = doc if "nodes" in doc else doc["AIF"]  # OVA's wrapper holds the nodeset
    instead = "save it as an argmap map (.argmap.json) instead"
    for what, count, cap in (
        ("nodes (statements and the scheme nodes of their relations)", "nodes", MAX_NODES),
        ("edges (into and out of the scheme node of each relation)", "edges", MAX_EDGES),
    ):
        if len(nodeset[count]) > cap:
            raise SaveError(
                path,
                f"would have {len(nodeset[count]):,} AIF {what}, more than the {cap:,} "
                f"argmap reads back; {instead}",
            )
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    data = text.encode("utf-8")
    if len(data) > MAX_BYTES or json_items_over(text, MAX_ITEMS):
        raise SaveError(
            path, f"would be {len(data):,} bytes of AIF, over what argmap reads back; {instead}"
        )
    atomic_write(path, data)
