"""argmap: structured argument maps on the desktop."""

__version__ = "0.1.0"
