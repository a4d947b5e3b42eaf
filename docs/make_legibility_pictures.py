"""The before/after pictures of docs/legibility.md and the README: the sample as the
default export drew it before issue 16 (code at commit 91c1ef0) and as it draws it now,
each fitted to an A4 landscape page as a reader would print it.

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
    """The default SVG export of the sample by the code in `rev_root`."""
    env = {**os.environ, "PYTHONPATH": str(rev_root), "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run(
        [sys.executable, "-m", "argmap", "export", str(SAMPLE), "-o", str(out)],
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


if __name__ == "__main__":
    main()
