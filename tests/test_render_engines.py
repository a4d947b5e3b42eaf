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
    assert "syntax error" in message.lower() or "failed to parse dot" in message.lower()
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
    assert names[0] == names[1] == sorted(sample_map.nodes)
