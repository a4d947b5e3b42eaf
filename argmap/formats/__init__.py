"""Readers and writers of map files; no Qt here."""

from argmap.formats.errors import LoadError, SaveError
from argmap.formats.native import dumps, load, load_with_notes, loads, save

__all__ = ["LoadError", "SaveError", "dumps", "load", "load_with_notes", "loads", "save"]
