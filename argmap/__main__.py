"""`python -m argmap` runs the same entry point as the `argmap` command."""

import sys

from argmap.cli import main

sys.exit(main())
