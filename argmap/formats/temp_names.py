"""Names of argmap's temporary files, and tidying up those of saves that were killed.

A save writes `.argmap-PID-BOOT-START-RANDOM.tmp` beside the target and renames
it over the target.  A save killed half-way (SIGKILL, power loss) leaves that
file behind.  The name says who wrote it, so the first save into that folder in
each run (`tidy_once`) can tell whether the writer is dead:

- PID is the writer's process id, START when that process started (clock
  ticks since boot, base 36; "0" where the platform does not say), BOOT 8 hex
  digits of a hash of the kernel's boot id and the PID namespace ("00000000"
  where unknown).
- Same boot: the writer is alive when a process with that PID exists and
  started at START; a PID that was reused by a later process is not the
  writer.  Without /proc only "does PID exist" is asked (alive if so).
- Another boot, another machine or container sharing the folder: its PIDs mean
  nothing here, so the file is removed only when untouched for an hour.

Only regular files that match the pattern exactly and belong to this user are
ever removed; anything else in the folder is left alone.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import stat
import string
import time
from pathlib import Path

from argmap.formats import processes

PREFIX = ".argmap-"
SUFFIX = ".tmp"
UNKNOWN_BOOT = "00000000"
OTHER_BOOT_AGE = 3600.0  # seconds untouched before another boot's file is taken as dead
_PATTERN = re.compile(r"\.argmap-([0-9]{1,10})-([0-9a-f]{8})-([0-9a-z]{1,14})-([0-9a-z]{8})\.tmp")
_ALPHABET = string.ascii_lowercase + string.digits
_cache: dict[str, str] = {}


def boot_id() -> str:
    """8 hex digits naming this boot of this machine and this PID namespace: the scope
    in which a PID means one process (a container sharing the folder has its own)."""
    if "boot" not in _cache:
        raw = processes.boot_id() or ""
        try:
            namespace = os.readlink("/proc/self/ns/pid")
        except OSError:
            namespace = ""
        valid = len(raw) >= 32 and all(c in "0123456789abcdef-" for c in raw.lower())
        digest = hashlib.sha256(f"{raw.lower()}|{namespace}".encode()).hexdigest()[:8]
        _cache["boot"] = digest if valid else UNKNOWN_BOOT
    return _cache["boot"]


def start_time(pid: int) -> str | None:
    """When process `pid` started, base 36; None when it does not exist or cannot be told."""
    ticks = processes.start_ticks(pid)
    return None if ticks is None else _base36(ticks)


def _base36(value: int) -> str:
    digits = ""
    while True:
        value, rest = divmod(value, 36)
        digits = (string.digits + string.ascii_lowercase)[rest] + digits
        if not value:
            return digits


def temp_name() -> str:
    """A fresh temporary file name for this process."""
    pid = os.getpid()
    if "start" not in _cache or _cache.get("pid") != str(pid):  # a fork is a new process
        _cache["start"], _cache["pid"] = start_time(pid) or "0", str(pid)
    start = _cache["start"]
    rand = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"{PREFIX}{pid}-{boot_id()}-{start}-{rand}{SUFFIX}"


def _writer_is_dead(pid: int, boot: str, start: str, mtime: float) -> bool:
    if boot != boot_id():
        return time.time() - mtime > OTHER_BOOT_AGE
    if pid <= 0:
        return False
    if start != "0":
        now = start_time(pid)
        if now is not None:
            return now != start  # its PID now names a process that started later
    return not processes.pid_exists(pid)


_tidied: set[str] = set()  # folders with nothing left to tidy in this run


def tidy_once(folder: Path) -> None:
    """Remove the files of dead saves in `folder` on the first save there in this run,
    and again on each later save while a file of a live writer was left (it may die);
    never raises.  Files of saves killed later in this run wait for the next run."""
    key = os.path.abspath(folder)
    if key in _tidied:
        return
    if not _sweep(folder):
        _tidied.add(key)


def _sweep(folder: Path) -> bool:
    """Remove the files of dead saves in `folder`; True when some are left waiting (their
    writer alive, or not removable), or when the folder could not be listed."""
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return True
    waiting = False
    for entry in entries:
        found = _own_temp(entry, uid)
        if found is None:
            continue
        if not _writer_is_dead(*found) or not _removed(Path(folder) / entry.name):
            waiting = True
    return waiting


def _own_temp(entry: os.DirEntry[str], uid: int | None) -> tuple[int, str, str, float] | None:
    """(PID, BOOT, START, mtime) of a temporary file of argmap's that belongs to this
    user; None for anything else (another name, a link, a folder, another's file)."""
    match = _PATTERN.fullmatch(entry.name)
    if match is None:
        return None
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:  # gone since the folder was listed
        return None
    if not stat.S_ISREG(info.st_mode) or (uid is not None and info.st_uid != uid):
        return None
    return int(match.group(1)), match.group(2), match.group(3), info.st_mtime


def _removed(path: Path) -> bool:
    try:
        path.unlink()
    except OSError:
        return False
    return True
