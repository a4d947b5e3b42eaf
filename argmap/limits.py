"""The ranges of the drawing settings, in one module that imports nothing, so the command line
can check its flags against them without loading the engines."""

from __future__ import annotations

MIN_TIMEOUT = 0.01  # seconds: below this no layout can finish, and wasmtime ignores it
MAX_TIMEOUT = 24 * 3600.0  # a day: anything longer is a typo, not a wish
MIN_DPI, MAX_DPI = 10.0, 1200.0
