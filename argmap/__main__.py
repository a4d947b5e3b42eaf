"""`python -m argmap` runs the same entry point as the `argmap` command."""

from argmap.cli import entry

entry()
