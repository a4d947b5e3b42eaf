"""The HTML viewer in a real browser (issue 16, point 4): Debian's chromium driven
by selenium loads an exported page and zooms, collapses, hovers, searches and
prints it.  Skipped, with the reason, where chromium, its driver or selenium is
missing (.ci/run installs them)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from argmap.render.export import export
from tests.test_export_html import viewer_map

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e .[test])"
    for path, package in ((CHROMIUM, "chromium"), (DRIVER, "chromium-driver")):
        if not Path(path).exists():
            return f"{path} is missing; install Debian's {package} to run the browser tests"
    return None


pytestmark = pytest.mark.skipif(_missing() is not None, reason=_missing() or "")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,800"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def page(browser: Any, tmp_path: Path) -> Any:
    out = tmp_path / "walk.html"
    export(viewer_map(), out)
    browser.get(out.as_uri())
    ready = "return document.documentElement.getAttribute('data-argmap')"
    assert browser.execute_script(ready) == "ready"
    browser.get_log("browser")  # start each test with an empty console
    return browser


def js(driver: Any, code: str, *args: Any) -> Any:
    return driver.execute_script(code, *args)


def view_box(driver: Any) -> list[float]:
    return [
        float(v)
        for v in js(driver, "return document.querySelector('svg').getAttribute('viewBox')").split()
    ]


def shown(driver: Any, element_id: str) -> bool:
    return bool(
        js(
            driver,
            "var e = document.getElementById(arguments[0]); return !!e && e.getBoundingClientRect().width > 0",
            element_id,
        )
    )


def by_id(driver: Any, element_id: str) -> Any:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, element_id)


def test_loads_clean_with_nothing_fetched(page: Any) -> None:
    assert page.title == "Walk or not"
    assert js(page, "return performance.getEntriesByType('resource').length") == 0
    assert [e for e in page.get_log("browser") if e["level"] in ("SEVERE", "WARNING")] == []
    # the page's own script ran under its policy: the toggles it adds are there
    assert js(page, "return document.querySelectorAll('.am-fold').length") == 3  # c, r, r2


def test_zoom_buttons_and_keys(page: Any) -> None:
    whole = view_box(page)
    by_id(page, "am.in").click()
    zoomed = view_box(page)
    assert zoomed[2] == pytest.approx(whole[2] / 1.25, rel=1e-3)
    by_id(page, "am.out").click()
    assert view_box(page)[2] == pytest.approx(whole[2], rel=1e-3)
    body = page.find_element("tag name", "body")
    body.send_keys("+")
    body.send_keys("+")
    assert view_box(page)[2] == pytest.approx(whole[2] / 1.5625, rel=1e-3)
    body.send_keys("0")
    assert view_box(page) == pytest.approx(whole)
    body.send_keys("-")
    assert view_box(page)[2] == pytest.approx(whole[2] * 1.25, rel=1e-3)
    by_id(page, "am.fit").click()
    assert view_box(page) == pytest.approx(whole)


def test_wheel_zooms_around_the_pointer_and_drag_pans(page: Any) -> None:
    whole = view_box(page)
    js(
        page,
        "document.querySelector('svg').dispatchEvent(new WheelEvent('wheel', {deltaY: -200, clientX: 300, clientY: 300, bubbles: true, cancelable: true}))",
    )
    assert view_box(page)[2] < whole[2]
    from selenium.webdriver import ActionChains

    before = view_box(page)
    svg = page.find_element("css selector", "svg")
    ActionChains(page).move_to_element_with_offset(svg, 5, 5).click_and_hold().move_by_offset(
        120, 40
    ).release().perform()
    after = view_box(page)
    assert after[0] < before[0] and after[1] < before[1] and after[2] == pytest.approx(before[2])


def test_collapse_hides_the_subtree_and_counts_it(page: Any) -> None:
    assert all(shown(page, i) for i in ("r", "r2", "r3", "edge.r2", "edge.r3"))
    fold = page.find_element("css selector", "g#r > .am-fold")
    fold.click()
    assert not shown(page, "r2") and not shown(page, "r3")
    assert not shown(page, "edge.r2") and not shown(page, "edge.r3")
    assert shown(page, "r") and shown(page, "c") and shown(page, "x") and shown(page, "edge.r")
    assert fold.text == "+2"
    assert fold.get_attribute("aria-expanded") == "false"
    fold.click()
    assert shown(page, "r2") and shown(page, "r3") and fold.text == "−"


def test_collapsing_the_claim_hides_the_co_premise_frame(page: Any) -> None:
    frame = js(page, "return document.querySelector('g.cluster').id")
    assert shown(page, frame)
    page.find_element("css selector", "g#c > .am-fold").click()
    assert not shown(page, frame) and not shown(page, "x") and not shown(page, "r")
    assert page.find_element("css selector", "g#c > .am-fold").text == "+5"


def test_hover_shows_the_note_and_the_quoted_words_in_their_paragraph(page: Any) -> None:
    from selenium.webdriver import ActionChains

    panel = by_id(page, "am.panel")
    assert not panel.is_displayed()
    ActionChains(page).move_to_element(page.find_element("css selector", "g#r path")).perform()
    assert panel.is_displayed()
    text = panel.text
    assert "Walking is healthy" in text and "Note: Checked against the study" in text
    assert "¶ 2" in text and "Walking every day" in text and "It also helps sleep." in text
    assert panel.find_element("tag name", "mark").text == "lowers blood pressure"
    ActionChains(page).move_to_element(by_id(page, "am.fit")).perform()  # off the node
    # nothing pinned: the panel goes with the pointer
    assert not panel.is_displayed()


def test_a_tap_pins_the_panel_and_its_button_collapses(page: Any) -> None:
    page.find_element("css selector", "g#r2").click()
    panel = by_id(page, "am.panel")
    assert panel.is_displayed() and "Doctors recommend it" in panel.text
    panel.find_element("css selector", "button.am-toggle").click()
    assert not shown(page, "r3")
    assert "Expand (1 hidden)" in panel.text


def test_search_counts_steps_and_opens_collapsed_nodes(page: Any) -> None:
    from selenium.webdriver.common.keys import Keys

    page.find_element("css selector", "g#r > .am-fold").click()  # r2, r3 hidden
    box = by_id(page, "am.search")
    counter = by_id(page, "am.count")
    box.send_keys("walk")  # the claim and the reason
    assert counter.text == "1 of 2"
    box.send_keys(Keys.ENTER)
    assert counter.text == "2 of 2"
    box.send_keys(Keys.ENTER)
    assert counter.text == "1 of 2"
    assert js(page, "return document.querySelectorAll('g.node.am-hit').length") == 2
    box.clear()
    box.send_keys("GUIDELINES")  # in r3, under the collapsed r
    assert counter.text == "1 of 1"
    assert shown(page, "r3")
    assert "am-current" in by_id(page, "r3").get_attribute("class")
    assert "Two guidelines say so" in by_id(page, "am.panel").text
    box.clear()
    box.send_keys("zebra")
    assert counter.text == "no match"
    assert js(page, "return document.querySelectorAll('g.node.am-hit').length") == 0


def test_search_ignores_accents(page: Any) -> None:
    box = by_id(page, "am.search")
    box.send_keys("DÓCTORS")
    assert by_id(page, "am.count").text == "1 of 1"


def test_print_style_shows_only_the_whole_drawing(page: Any) -> None:
    by_id(page, "am.in").click()
    page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not by_id(page, "am.toolbar").is_displayed()
        assert (
            js(page, "return document.querySelector('.am-fold').getBoundingClientRect().width") == 0
        )
    finally:
        page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert by_id(page, "am.toolbar").is_displayed()


def test_printing_prints_the_whole_map_and_restores_the_view(page: Any) -> None:
    whole = view_box(page)
    by_id(page, "am.in").click()
    zoomed = view_box(page)
    js(page, "window.dispatchEvent(new Event('beforeprint'))")
    assert view_box(page) == pytest.approx(whole)
    js(page, "window.dispatchEvent(new Event('afterprint'))")
    assert view_box(page) == pytest.approx(zoomed)


def test_native_tooltips_are_replaced_by_the_panel(page: Any) -> None:
    assert js(page, "return document.querySelectorAll('g.node title, g.edge title').length") == 0
    assert js(page, "return document.querySelectorAll('a[*|title]').length") == 0


def test_a_search_hit_stays_shown_when_the_pointer_leaves(page: Any) -> None:
    from selenium.webdriver import ActionChains

    page.find_element("css selector", "g#r > .am-fold").click()  # the pointer is on r
    by_id(page, "am.search").send_keys("guidelines")  # opens r, centres r3, shows it
    ActionChains(page).move_to_element(by_id(page, "am.in")).perform()  # leaves r
    panel = by_id(page, "am.panel")
    assert panel.is_displayed() and "Two guidelines say so" in panel.text


def test_a_reference_without_source_text_names_its_paragraph(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver import ActionChains

    from argmap.model import SourceRef, ops

    m = ops.edit_node(viewer_map(), "r", refs=(SourceRef(paragraph=2),)).map
    m = ops.replace_source(m, m.source.model_copy(update={"text": None, "checksum": None})).map
    out = tmp_path / "bare.html"
    export(m, out)
    browser.get(out.as_uri())
    ActionChains(browser).move_to_element(browser.find_element("css selector", "g#r")).perform()
    panel = by_id(browser, "am.panel")
    assert panel.find_element("css selector", ".am-ref-bare").text == "Source ¶ 2"
    assert panel.find_elements("css selector", "blockquote") == []


def test_a_small_map_opens_at_its_natural_size(page: Any) -> None:
    """The page never enlarges the drawing to fill the window (adversary finding: a
    one-node map opened at five times its size): 11 pt text is about 15 px."""
    heights = js(
        page,
        "return Array.from(document.querySelectorAll('g.node text')).map(t => t.getBoundingClientRect().height)",
    )
    assert heights and max(heights) < 20


def test_a_section_box_is_folded_with_its_node_and_counted(browser: Any, tmp_path: Path) -> None:
    """A section drawn as one box (as the app exports what its diagram shows) hides with
    the node above it and counts for the nodes it holds (adversary finding)."""
    from argmap.model.structure import Section
    from argmap.render import RenderOptions

    m = viewer_map()
    sections = (Section(id="s", title="Evidence"),)
    nodes = {
        k: (v.model_copy(update={"section": "s"}) if k in ("r2", "r3") else v)
        for k, v in m.nodes.items()
    }
    m = m.model_copy(update={"sections": sections, "nodes": nodes})
    out = tmp_path / "sections.html"
    export(m, out, options=RenderOptions(collapsed_sections=frozenset({"s"})))
    browser.get(out.as_uri())
    box = js(browser, "return document.querySelector('g.node[id^=\"section.\"]').id")
    assert shown(browser, box) and not shown(browser, "r2")
    fold = browser.find_element("css selector", "g#r > .am-fold")  # r's reasons are in the box
    fold.click()
    assert not shown(browser, box) and fold.text == "+2"
    fold.click()
    assert shown(browser, box)
    browser.find_element("css selector", "g#c > .am-fold").click()
    assert not shown(browser, box)
    assert browser.find_element("css selector", "g#c > .am-fold").text == "+5"


def test_a_search_hit_on_a_big_map_is_shown_readable(browser: Any, tmp_path: Path) -> None:
    from argmap.model import ArgumentMap, Relation, ops

    m = ops.add_claim(ArgumentMap(title="Big"), "The claim", node_id="c").map
    for k in range(200):
        m = ops.add_node(
            m, "c", Relation.SUPPORTS, f"Reason {k} about topic{k}", node_id=f"n{k}"
        ).map
    out = tmp_path / "big.html"
    export(m, out)
    browser.get(out.as_uri())
    by_id(browser, "am.search").send_keys("topic150")
    assert by_id(browser, "am.count").text == "1 of 1"
    height = js(
        browser,
        "return document.querySelector('g#n150 text').getBoundingClientRect().height",
    )
    assert height > 10  # near its natural size, not a speck of the whole map


def test_the_panel_names_each_node_by_its_role(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver import ActionChains

    from argmap.model import Relation, ops

    m = ops.add_node(viewer_map(), "x", Relation.REBUTS, "But it stops soon", node_id="k").map
    out = tmp_path / "roles.html"
    export(m, out)
    browser.get(out.as_uri())
    for node, role in (
        ("c", "claim"),
        ("r", "reason"),
        ("x", "rebuttal"),
        ("k", "counter-rebuttal"),
    ):
        ActionChains(browser).move_to_element(
            browser.find_element("css selector", f"g#{node}")
        ).perform()
        kind = browser.find_element("css selector", ".am-panel .am-kind").text
        assert kind.lower() == role
