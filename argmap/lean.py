"""A lean start for pydantic: no search for pydantic plugins.

Building each model's validator, pydantic looks for plugins among the entry points of
every installed package; the first look imports `importlib.metadata` and reads the
metadata of every distribution (60-70 ms of a fresh `argmap export` here).  argmap's
models use no plugin, so when argmap runs as its own program (cli.main: the command
line and the app, not a program that imports argmap as a library) and the user has not
asked for plugins (`ARGMAP_PYDANTIC_PLUGINS=1`, for an observability plugin, say), the
loader pydantic imports for this is one that finds none.  Validation itself is
untouched: pydantic still checks every model.
"""

from __future__ import annotations

import os
import sys
import types

LOADER = "pydantic.plugin._loader"
ASK = "ARGMAP_PYDANTIC_PLUGINS"


def _no_plugins() -> tuple[()]:
    return ()


def skip_plugin_search() -> bool:
    """Put the loader that finds no plugins in place, unless pydantic's own is already
    loaded or plugins are asked for; True when it is in place."""
    if os.environ.get(ASK) == "1":
        return False
    if LOADER in sys.modules:
        return getattr(sys.modules[LOADER], "argmap_lean", False) is True
    loader = types.ModuleType(LOADER, "argmap: pydantic plugins are not searched for")
    loader.__dict__.update(get_plugins=_no_plugins, argmap_lean=True)
    sys.modules[LOADER] = loader
    return True
