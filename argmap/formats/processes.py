"""Who wrote a file: process ids, their start times and the boot they belong to.

Shared by the names of temporary files (a later save tidies the files of dead
saves) and by the recovery lock (a crash file is offered when its writer is
gone).  A PID alone is not enough: PIDs are reused, so a process is named by
its PID and the time it started, within one boot.
"""

from __future__ import annotations

import os

from argmap.formats.bounded import read_head


def pid_exists(pid: int) -> bool:
    """True when a process with this id may exist (someone else's counts, as does
    "cannot tell"); False for ids no process can have."""
    if pid <= 0:
        return False  # 0 and negative ids mean process groups to kill()
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OverflowError:  # larger than any PID the kernel can give
        return False
    except OSError:  # exists, but not ours to signal
        return True
    return True


def start_ticks(pid: int) -> int | None:
    """When process `pid` started (clock ticks since boot); None where /proc cannot say."""
    text = read_head(f"/proc/{pid}/stat", 4096).decode("ascii", "replace")
    fields = text[text.rfind(")") + 1 :].split()  # the name in parentheses may hold spaces
    try:
        return int(fields[19])  # field 22 of stat(5); fields[0] is field 3
    except (IndexError, ValueError):
        return None


def boot_id() -> str | None:
    """The kernel's id of this boot, or None where the platform does not say."""
    found = read_head("/proc/sys/kernel/random/boot_id", 128).decode("ascii", "replace").strip()
    return found or None
