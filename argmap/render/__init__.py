"""Model -> DOT -> pictures.  Pure DOT generation; QtGui only to rasterize."""

from argmap.model.roles import role_of  # the one definition; kept here for callers of render
from argmap.render.dot import RenderOptions, to_dot
from argmap.render.engines import RenderError, get_engine

__all__ = ["RenderError", "RenderOptions", "get_engine", "role_of", "to_dot"]
