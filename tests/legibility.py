"""Issue 16's legibility measure over an SVG drawing (Graphviz SVG, units in pt).

- page fit scale: the drawing scaled to fit 770 x 523 pt (A4 landscape inside 36 pt
  margins), never enlarged: min(1, 770 / width, 523 / height);
- median font size of the text elements (the `font-size` attributes);
- text size: that median times the fit scale;
- node-box area: the sum over nodes (groups of class "node") of the bounding box of the
  node's first shape (polygon, path, ellipse or rect), in the drawing's own units;
- packing bound: sqrt(page area / node-box area) times the median font size, capped at
  the median font size (the natural size);
- efficiency: text size / packing bound.
"""

from __future__ import annotations

import math
import re
import statistics
import xml.etree.ElementTree as ET
from pathlib import Path

PAGE_W = 770.0
PAGE_H = 523.0
SVG = "{http://www.w3.org/2000/svg}"
_NUM = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def _pt(value: str) -> float:
    """A length attribute in pt (Graphviz writes "123pt"; px is 0.75 pt)."""
    number = float(_NUM.findall(value)[0])
    return number * 0.75 if value.strip().endswith("px") else number


def _root(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


def size(path: Path) -> tuple[float, float]:
    """The drawing's width and height in pt."""
    root = _root(path)
    return _pt(root.get("width", "0")), _pt(root.get("height", "0"))


def _unit(root: ET.Element) -> float:
    """pt per drawing unit: width over the viewBox width (1 unless scaled)."""
    box = root.get("viewBox")
    if not box:
        return 1.0
    view_w = float(box.split()[2])
    return _pt(root.get("width", "0")) / view_w if view_w else 1.0


def _group_scale(root: ET.Element) -> float:
    """The scale() of the top group's transform, which Graphviz writes."""
    group = root.find(f"{SVG}g")
    found = (
        re.search(r"scale\(([^)\s,]+)", group.get("transform", "")) if group is not None else None
    )
    return float(found.group(1)) if found else 1.0


def fit_scale(path: Path) -> float:
    width, height = size(path)
    return min(1.0, PAGE_W / width, PAGE_H / height)


def median_font(path: Path) -> float:
    """Median font size of the text elements, in pt as drawn (viewBox and scale applied)."""
    root = _root(path)
    sizes = [float(t.get("font-size", "14")) for t in root.iter(f"{SVG}text")]
    return statistics.median(sizes) * _unit(root) * _group_scale(root)


def _bbox_area(shape: ET.Element) -> float:
    tag = shape.tag.removeprefix(SVG)
    if tag == "ellipse":
        return 4 * float(shape.get("rx", "0")) * float(shape.get("ry", "0"))
    if tag == "rect":
        return float(shape.get("width", "0")) * float(shape.get("height", "0"))
    numbers = [float(n) for n in _NUM.findall(shape.get("points") or shape.get("d") or "")]
    xs, ys = numbers[0::2], numbers[1::2]
    return (max(xs) - min(xs)) * (max(ys) - min(ys)) if xs and ys else 0.0


def node_area(path: Path) -> float:
    """Total node-box area in pt^2 as drawn."""
    root = _root(path)
    total = 0.0
    for group in root.iter(f"{SVG}g"):
        if "node" not in group.get("class", "").split():
            continue
        for shape in group.iter():
            if shape.tag.removeprefix(SVG) in ("polygon", "path", "ellipse", "rect"):
                total += _bbox_area(shape)
                break
    factor = _unit(root) * _group_scale(root)
    return total * factor * factor


def text_size(path: Path) -> float:
    return median_font(path) * fit_scale(path)


def packing_bound(path: Path) -> float:
    font = median_font(path)
    area = node_area(path)
    if area <= 0:
        return font
    return min(font, math.sqrt(PAGE_W * PAGE_H / area) * font)


def efficiency(path: Path) -> float:
    return text_size(path) / packing_bound(path)
