"""What a one-line message shows of a value: nothing invisible reaches the terminal raw."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.model.validation import shown

#: invisible or not characters at all: BOM / zero-width no-break space, zero-width space,
#: joiners, word joiner, soft hyphen, noncharacters of the BMP and of the last plane
INVISIBLE = [
    "\ufeff",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\u00ad",
    "\ufffe",
    "\uffff",
    "\ufdd0",
    "\ufdef",
    "\U0001fffe",
    "\U0010ffff",
]


@pytest.mark.parametrize("char", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_shown_escapes_bom_zero_width_and_noncharacters(char: str) -> None:
    out = shown(f"a{char}b")
    assert char not in out
    assert out.isascii()
    code = ord(char)
    if code < 0x100:
        assert out == f"a\\x{code:02x}b"
    else:
        assert out == (f"a\\u{code:04x}b" if code <= 0xFFFF else f"a\\U{code:08x}b")


def test_shown_keeps_visible_text_as_it_is() -> None:
    for text in ("plain", "naïve café", "日本語", "emoji 🙂", "‹quotes› “so”"):
        assert shown(text) == text


def test_an_error_line_escapes_them_in_an_id(tmp_path: Path) -> None:
    bad = "a\ufeffb\ufffe\uffff\u200b\U0010fffe"
    path = tmp_path / "m.argmap.json"
    doc = {"format": "argmap", "version": 1, "nodes": [{"id": bad, "text": "x"}]}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = path.read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "check", str(path)],
        capture_output=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=60,
    )
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("argmap: "), done.stderr
    assert "a\\ufeffb\\ufffe\\uffff\\u200b\\U0010fffe" in lines[0]
    assert not {c for c in bad if c not in "ab"} & set(lines[0])
    assert path.read_bytes() == before
