"""Every reader, fed mutated real files: it loads, saves and reloads equal, or it refuses
with one clear line.

Two mutators: bytes (every reader), and values changed inside valid JSON for
the native and AIF readers (tests/fuzz_json.py), which reach the checks past
the syntax.  `make test` tries a few hundred inputs per reader and mutator;
`make fuzz` tries 20,000 (ARGMAP_FUZZ_EXAMPLES).  The inputs come from a seeded generator, so a failure
names the seed and input number that reproduce it:
ARGMAP_FUZZ_SEED=S ARGMAP_FUZZ_ONLY=N replays one input.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.formats import LoadError, dumps, loads
from argmap.formats.aif import read_aif
from argmap.formats.argdown import read_argdown
from argmap.formats.kialo import read_kialo
from argmap.model import ArgumentMap
from tests import fuzz_json
from tests.conftest import SAMPLE, SHARED
from tests.limits import time_limit

EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "300"))
#: structured inputs cost more (bigger maps that load): fewer in `make test`
STRUCTURED = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "150"))
SEED = int(os.environ.get("ARGMAP_FUZZ_SEED", "20261201"))
ONLY = os.environ.get("ARGMAP_FUZZ_ONLY")
LIMIT_S = 10.0  # no single input may take longer
MAX_ERROR = 300  # characters of an error line, path included

READERS: dict[str, Callable[[bytes, str], ArgumentMap]] = {
    "native": loads,
    "argdown": read_argdown,
    "aif": read_aif,
    "kialo": read_kialo,
}


def _corpus(folder: str, pattern: str, limit: int) -> list[bytes]:
    path = SHARED / "corpus" / folder
    files = sorted(path.glob(pattern))[:limit] if path.exists() else []
    return [f.read_bytes() for f in files]


KIALO = (
    b"Discussion Title: Cars in the centre?\n\n1. Ban cars from the centre.\n"
    b"1.1. Pro: Cleaner air.\n1.1.1. Con: Vans still pollute.\n1.2. Con: Shops suffer.\n"
    b"1.2.1. -> See 1.1.1.\n1.3. Pro: Streets are safer for children.\n"
)
SEEDS = {
    "native": [SAMPLE.read_bytes()],
    "argdown": _corpus("argdown", "*.argdown", 80),
    "aif": _corpus("aif", "*.json", 40),
    "kialo": [KIALO],
}
TOKENS = [
    b"{", b"}", b"[", b"]", b'"', b",", b":", b"null", b"true", b"0", b"-1", b"1e999",
    b"1e300", b'"\\ud800"', b'"\\udfff"', b"\\u0000", b'"id": "x\\ny"', b'"order": "3"',
    b'"nodes": {}', b'"parent": "nope"', b"\n", b"\\", b"\xff", b"\x00", b"\r\n", b"\t",
    b"[" * 64, b"{" * 64, b"9" * 5000, b"\xf0\x9f\x98", b"\xe2\x80\xae", b"\xcc\x81",
    b"/*", b"*/", b"//", b"<!--", b"-->", b"(1)", b"----", b"<", b">", b"+", b"-", b"#",
    b"#(", b"===", b"[a]:", b"<a>:", b"+>", b"->", b"<-", b"_>", b"><", b"{a: b}", b"@import",
    b"1.1.", b"Pro:", b"Con:", b"-> See 9.9.", b"-> See 1.", b"    ", b"*", b"_",
]  # fmt: skip


def mutate(rng: random.Random, seeds: list[bytes]) -> bytes:
    data = bytearray(rng.choice(seeds))
    for _ in range(rng.randint(1, 8)):
        if not data:
            data += rng.choice(TOKENS)
            continue
        at = rng.randrange(len(data))
        action = rng.randrange(6)
        if action == 0:
            data[at] = rng.randrange(256)
        elif action == 1:
            del data[at : at + rng.randint(1, 64)]
        elif action == 2:
            data[at:at] = rng.choice(TOKENS)
        elif action == 3:
            end = min(len(data), at + rng.randint(1, 200))
            data[at:at] = data[at:end]
        elif action == 4:
            data[at:at] = rng.choice(TOKENS) * rng.randint(2, 200)
        else:
            del data[at:]
    return bytes(data)


def check_one(fmt: str, raw: bytes) -> str:
    """'loaded' or 'refused'; raises AssertionError when the rule breaks."""
    with time_limit(LIMIT_S):
        try:
            m = READERS[fmt](raw, "fuzzed.input")
        except LoadError as exc:
            text = str(exc)
            assert text.startswith("fuzzed.input"), text
            assert exc.message.strip(), "an error with no message"
            assert "\n" not in text and "\r" not in text, f"error spans lines: {text!r}"
            assert len(text) <= MAX_ERROR, f"error of {len(text)} characters: {text[:120]!r}"
            return "refused"
        saved = dumps(m)
        data = saved.encode("utf-8")  # a map that loads can always be written
        again = loads(data, "saved.argmap.json")
        assert again == m, f"saved and reloaded, the map differs in {differing(m, again)}"
        assert dumps(again) == saved, "a second save differs from the first"
    return "loaded"


def differing(m: ArgumentMap, again: ArgumentMap) -> str:
    fields = [name for name in type(m).model_fields if getattr(m, name) != getattr(again, name)]
    return ", ".join(fields) or "the tree"


def run(
    fmt: str, rng: random.Random, make: Callable[[], bytes], what: str, examples: int = EXAMPLES
) -> dict[str, int]:
    """Feed `examples` inputs to one reader; the counts of loaded and refused, printed.
    Every input is tried; the failures are listed at the end (the first few in full),
    and kept as files in $ARGMAP_FUZZ_FAILED when that names a folder."""
    counts = {"loaded": 0, "refused": 0}
    failures: list[str] = []
    for i in range(examples):
        raw = make()
        if ONLY is not None and i != int(ONLY):
            if i > int(ONLY):
                break
            continue
        try:
            counts[check_one(fmt, raw)] += 1
        except (AssertionError, TimeoutError, Exception) as exc:
            failures.append(
                f"{fmt} {what} input {i} (ARGMAP_FUZZ_SEED={SEED} ARGMAP_FUZZ_ONLY={i}): "
                f"{type(exc).__name__}: {str(exc)[:300]}; input starts {raw[:200]!r}"
            )
            if keep := os.environ.get("ARGMAP_FUZZ_FAILED"):
                (Path(keep) / f"{fmt}-{what}-{SEED}-{i}.input").write_bytes(raw)
    # the figures for docs/reliability.md
    print(
        f"\n{fmt} ({what}): {examples} inputs, "
        f"{counts['loaded']} loaded, {counts['refused']} refused"
        + (f", {len(failures)} broke the rule" if failures else "")
    )
    if failures:
        pytest.fail(
            f"{len(failures)} of {examples} inputs broke the rule:\n" + "\n".join(failures[:5])
        )
    if ONLY is None:
        assert sum(counts.values()) == examples
        assert counts["loaded"] > 0, "no mutated input loaded: the fuzzer only tests refusals"
    return counts


@pytest.mark.parametrize("fmt", list(READERS))
def test_fuzzed_inputs_load_save_and_reload_equal_or_fail_in_one_line(fmt: str) -> None:
    seeds = SEEDS[fmt]
    if not seeds:
        pytest.skip("the corpus is in ../shared/corpus")
    rng = random.Random(f"{SEED}:{fmt}")
    counts = run(fmt, rng, lambda: mutate(rng, seeds), "bytes")
    if ONLY is None:  # some inputs must load, or only refusals are tested
        assert counts["loaded"] > 0, counts


@pytest.mark.parametrize("fmt", ["native", "aif"])
def test_structured_json_inputs_load_save_and_reload_equal_or_fail_in_one_line(fmt: str) -> None:
    """Values changed inside valid JSON (tests/fuzz_json.py): most inputs still parse,
    so the checks past the JSON syntax are the ones tried."""
    if not (SHARED / "corpus" / "aif").exists():
        pytest.skip("the corpus is in ../shared/corpus")
    seeds = (
        fuzz_json.native_seeds(SAMPLE, SHARED) if fmt == "native" else fuzz_json.aif_seeds(SHARED)
    )
    rng = random.Random(f"{SEED}:{fmt}:json")
    counts = run(fmt, rng, lambda: fuzz_json.mutate(rng, seeds), "structured", STRUCTURED)
    if ONLY is None:  # byte mutations load about 3% of native and AIF inputs
        assert counts["loaded"] >= STRUCTURED // 5, counts
