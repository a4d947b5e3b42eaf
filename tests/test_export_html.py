"""The interactive HTML export (issue 16, point 4): one self-contained file that
fetches nothing, whose user text travels as data and cannot become markup.
The viewer itself is driven in a real browser in test_export_html_browser.py."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from argmap.model import ArgumentMap, Relation, Source, ops
from argmap.model.source import make_ref
from argmap.render.engines import RenderError
from argmap.render.export import Paper, export, format_for
from argmap.render.html import CONTEXT, LONGEST, json_block, ref_view
from argmap.render.paper import page
from tests.conftest import ROOT
from tests.test_cli import argmap

SAMPLE = ROOT / "samples" / "ai-slowdown.argmap.json"
TEXT = (
    "First paragraph about walking.\n\n"
    "Walking every day lowers blood pressure, a large study found. It also helps sleep.\n\n"
    "Third paragraph: the forecast says rain all week."
)
HOSTILE = "</script><script>alert(1)</script><!-- \u2028 \u2029 & </SCRIPT >"


def viewer_map() -> ArgumentMap:
    """A claim with a reason (quoted, noted) that has a reason of its own, a rebuttal
    with hostile text, and co-premises: every part the viewer shows or hides."""
    m = ArgumentMap(title="Walk or not", source=Source(text=TEXT))
    m = ops.add_claim(m, "We should walk to work", node_id="c").map
    m = ops.add_node(m, "c", Relation.SUPPORTS, "Walking is healthy", node_id="r").map
    start = TEXT.index("lowers blood pressure")
    ref = make_ref(TEXT, start, start + len("lowers blood pressure"))
    m = ops.edit_node(m, "r", refs=(ref,), note="Checked against the study").map
    m = ops.add_node(m, "r", Relation.SUPPORTS, "Doctors recommend it", node_id="r2").map
    m = ops.add_node(m, "r2", Relation.SUPPORTS, "Two guidelines say so", node_id="r3").map
    m = ops.add_node(m, "c", Relation.REBUTS, HOSTILE, node_id="x").map
    m = ops.add_co_premise(m, "x").map
    return m


class _Page(HTMLParser):
    """What a browser's parser sees: each element's tag and attributes, and the text
    of each script element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in = dict(attrs)
            self.scripts.append((self._in, ""))

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in = None


def parsed(path: Path) -> _Page:
    p = _Page()
    p.feed(path.read_text(encoding="utf-8"))
    p.close()
    return p


@pytest.fixture
def page_file(tmp_path: Path) -> Path:
    out = tmp_path / "walk.html"
    export(viewer_map(), out)
    return out


def test_the_page_is_one_file_that_fetches_nothing(page_file: Path) -> None:
    p = parsed(page_file)
    for tag, attrs in p.tags:
        assert "src" not in attrs, tag
        assert tag not in ("link", "iframe", "object", "embed", "img", "base"), tag
        href = attrs.get("href") or attrs.get("xlink:href") or ""
        assert not re.match(r"\s*[a-z]+:", href, re.I), (tag, href)
    text = page_file.read_text(encoding="utf-8")
    assert "@import" not in text and "url(" not in text
    assert len(p.scripts) == 2 and p.scripts[0][0]["type"] == "application/json"


def test_the_policy_lets_only_our_own_script_run(page_file: Path) -> None:
    p = parsed(page_file)
    policy = next(
        a["content"] or ""
        for t, a in p.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy.split("script-src")[1]
    code = p.scripts[1][1]
    digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    assert code == (ROOT / "resources" / "html" / "viewer.js").read_text(encoding="utf-8")


def test_user_text_is_data_not_markup(page_file: Path) -> None:
    raw = page_file.read_text(encoding="utf-8")
    assert "<script>alert" not in raw and "</script><script>" not in raw
    p = parsed(page_file)
    assert [t for t, _ in p.tags].count("script") == 2  # the text opened no script
    data = json.loads(p.scripts[0][1])
    assert data["nodes"]["x"]["text"] == viewer_map().nodes["x"].text
    assert "</script>" in data["nodes"]["x"]["text"]
    assert list(data["nodes"]) == [
        "c",
        "r",
        "r2",
        "r3",
        "x",
        next(iter(data["groups"].values()))[1],
    ]


def test_json_block_cannot_close_its_element() -> None:
    block = json_block({"t": HOSTILE})
    assert "<" not in block and "\u2028" not in block and "\u2029" not in block
    assert json.loads(block) == {"t": HOSTILE}


def test_every_node_text_is_in_the_drawing(page_file: Path) -> None:
    svg = page_file.read_text(encoding="utf-8").split("<svg", 1)[1]
    drawn = " ".join(re.sub(r"<[^>]+>", " ", svg).split())
    drawn = drawn.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    drawn = drawn.replace("&#45;", "-").replace("&#160;", " ")
    for words in ("We should walk to work", "Walking is healthy", "Two guidelines say so"):
        assert words in drawn
    assert 'id="legend"' in svg
    assert "<?xml" not in page_file.read_text() and "<!DOCTYPE svg" not in page_file.read_text()


def test_a_reference_shows_its_paragraph_with_the_quote_marked() -> None:
    m = viewer_map()
    view = ref_view(m, m.nodes["r"].refs[0])
    assert view == {
        "paragraph": 2,
        "before": "Walking every day ",
        "quote": "lowers blood pressure",
        "after": ", a large study found. It also helps sleep.",
    }


def test_a_long_paragraph_is_cut_around_the_quote() -> None:
    text = "a" * 5000 + " needle " + "b" * 5000
    m = ArgumentMap(source=Source(text=text))
    start = text.index("needle")
    view = ref_view(m, make_ref(text, start, start + 6))
    assert view["quote"] == "needle"
    assert view["before"] == "…" + ("a" * 5000 + " ")[-CONTEXT:]
    assert view["after"] == (" " + "b" * 5000)[:CONTEXT] + "…"
    whole = ref_view(m, make_ref(text, 0, len(text)))
    assert len(whole["quote"]) == LONGEST + 1 and whole["quote"].endswith("…")


def test_a_reference_to_a_paragraph_only_shows_the_paragraph() -> None:
    m = viewer_map()
    ref = m.nodes["r"].refs[0].model_copy(update={"start": None, "end": None, "quote": None})
    assert ref_view(m, ref)["before"] == TEXT.split("\n\n")[1]
    assert ref_view(m, ref)["quote"] == ""


def test_htm_and_named_format_are_html(tmp_path: Path) -> None:
    assert format_for(tmp_path / "a.HTM") == "html"
    assert format_for(tmp_path / "a.out", "html") == "html"
    done = argmap("export", str(SAMPLE), "-o", str(tmp_path / "map.htm"))
    assert done.returncode == 0, done.stderr
    assert "(html," in done.stdout
    assert (tmp_path / "map.htm").read_bytes().startswith(b"<!DOCTYPE html>")


def test_a_page_for_html_is_refused_and_nothing_written(tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    done = argmap("export", str(SAMPLE), "-o", str(out), "--page", "a4")
    assert done.returncode == 2
    assert done.stderr.strip() == "argmap: --page is for .pdf, .png and .svg files, not .html"
    assert not out.exists()
    with pytest.raises(RenderError, match="a page is for"):
        export(viewer_map(), out, paper=Paper(page=page("a4")))
    assert not out.exists()


def test_convert_to_html_is_sent_to_export(tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    done = argmap("convert", str(SAMPLE), str(out))
    assert done.returncode != 0 and "argmap export" in done.stderr
    assert not out.exists()


def test_the_cli_names_the_same_formats_as_the_exporter() -> None:
    from argmap import cli_export
    from argmap.render import export as exporter

    assert cli_export.FORMATS == exporter.FORMATS
    assert cli_export.CHOICES == exporter.CHOICES


def test_the_sample_page_is_a_few_kilobytes_beside_its_drawing(tmp_path: Path) -> None:
    html, svg = tmp_path / "s.html", tmp_path / "s.svg"
    assert argmap("export", str(SAMPLE), "-o", str(html)).returncode == 0
    assert argmap("export", str(SAMPLE), "-o", str(svg)).returncode == 0
    script = (ROOT / "resources" / "html" / "viewer.js").stat().st_size
    style = (ROOT / "resources" / "html" / "viewer.css").stat().st_size
    assert script + style < 20_000
    extra = html.stat().st_size - svg.stat().st_size
    assert 0 < extra < script + style + 30_000  # the viewer and the map's data, no more


@pytest.mark.parametrize(
    "font",
    [
        'x"/><script>document.title="PWNED"</script><text x="',
        'x"/></svg><meta http-equiv="refresh" content="0;url=https://example.invalid/"><svg>',
        "Sans & Serif",
        "tab\there",
        "",
    ],
)
def test_a_font_name_that_could_become_markup_is_refused(tmp_path: Path, font: str) -> None:
    """Graphviz writes the font name into the SVG unescaped: a map must not carry one
    that closes the attribute (adversary finding, issue 16)."""
    import json as json_module

    from argmap.model import Style
    from argmap.model.validation import check_font

    with pytest.raises(ValueError, match="is not a font name"):
        check_font(font)
    data = json_module.loads(SAMPLE.read_text(encoding="utf-8"))
    data["style"]["font"] = font
    hostile = tmp_path / "font.argmap.json"
    hostile.write_text(json_module.dumps(data), encoding="utf-8")
    out = tmp_path / "font.html"
    done = argmap("export", str(hostile), "-o", str(out))
    assert done.returncode != 0 and "is not a font name" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert not out.exists()
    flag = argmap("export", str(SAMPLE), "-o", str(out), "--font", font)
    assert flag.returncode == 2 and "is not a font name" in flag.stderr
    assert not out.exists()
    with pytest.raises(ValueError, match="is not a font name"):
        Style.model_validate({**viewer_map().style.model_dump(), "font": font})


def test_ordinary_font_names_are_kept() -> None:
    from argmap.model.validation import check_font

    for font in ("Helvetica", "DejaVu Sans", "Noto Sans CJK JP", "Source Serif 4", "Times-Roman"):
        assert check_font(font) == font
