"""Model -> DOT -> pictures.  Pure DOT generation; QtGui only to rasterize."""

from argmap.render.dot import RenderOptions, role_of, to_dot
from argmap.render.engines import RenderError, get_engine

__all__ = ["RenderError", "RenderOptions", "get_engine", "role_of", "to_dot"]
