"""The before/after pictures of docs/legibility.md and the README: the sample as the
default export drew it before issue 16 (the code and the sample map at commit 91c1ef0)
and the sample as it is drawn now (re-analysed in issue 18), each fitted to an A4
landscape page as a reader would print it.

    make legibility-pictures

needs git (for the old code, checked out in a temporary worktree)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "91c1ef0"
SAMPLE = ROOT / "samples" / "ai-slowdown.argmap.json"
DPI = 110  # an A4 page 1286 px wide: about the size it is read at on a screen


def drawing_at(rev_root: Path, out: Path) -> None:
    """The default SVG export of the sample in `rev_root` by the code in `rev_root`."""
    env = {**os.environ, "PYTHONPATH": str(rev_root), "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "argmap",
            "export",
            str(rev_root / SAMPLE.relative_to(ROOT)),
            "-o",
            str(out),
        ],
        check=True,
        env=env,
        cwd=rev_root,
    )


def main() -> None:
    from argmap.render.paper import page, png_on_page

    docs = ROOT / "docs"
    with tempfile.TemporaryDirectory() as scratch:
        old = Path(scratch) / "before"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(old), BEFORE],
            check=True,
            capture_output=True,
        )
        try:
            drawing_at(old, Path(scratch) / "before.svg")
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=True
            )
        drawing_at(ROOT, Path(scratch) / "after.svg")
        a4 = page("a4", "landscape")
        for name in ("before", "after"):
            svg = (Path(scratch) / f"{name}.svg").read_bytes()
            target = docs / f"sample-a4-{name}.png"
            target.write_bytes(png_on_page(svg, a4, DPI))
            print(f"wrote {target.relative_to(ROOT)}")
        html_picture(Path(scratch))


def html_picture(scratch: Path) -> None:
    """The sample's HTML export in Debian's chromium: one subtree collapsed, a word
    searched, its node's details shown (docs/html-viewer.png)."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        print("skipped docs/html-viewer.png: selenium is not installed")
        return
    if not Path("/usr/bin/chromium").exists() or not Path("/usr/bin/chromedriver").exists():
        print("skipped docs/html-viewer.png: install Debian's chromium and chromium-driver")
        return
    from argmap.formats.native import load
    from argmap.render.export import export

    page = scratch / "sample.html"
    export(load(SAMPLE), page)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--window-size=1280,860"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(page.as_uri())
        driver.find_element("css selector", "g#security > .am-fold").click()
        driver.find_element("id", "am.search").send_keys("secret")
        driver.save_screenshot(str(ROOT / "docs" / "html-viewer.png"))
        print("wrote docs/html-viewer.png")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
