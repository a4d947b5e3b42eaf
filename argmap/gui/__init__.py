"""Everything PySide6: the app's windows, views and workers."""
