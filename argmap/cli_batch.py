"""Many maps in one run: `argmap export MAP... --out-dir DIR` and `argmap convert
MAP... --out-dir DIR --to FORMAT`.

Start-up (the interpreter, pydantic, the model classes, the engine) is paid once per
worker, not once per map, and the maps are shared out among worker processes, one per
core.  Each map is drawn exactly as `argmap export MAP -o OUT` would draw it.  Its
lines are written in the order the maps were given, whatever order they finish in; a
map that fails says why in one line and the others go on; the exit status is 1 if any
failed.  A worker that dies (the process, not a map's error) costs only the map it was
drawing: the maps not yet done are drawn again, one worker each.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argmap.cli_output import file_name, tell, write

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
#: the suffixes a map's own name ends in, taken off before the output's is put on
MAP_SUFFIXES = (".argmap.json", ".argdown", ".ad", ".json", ".md", ".markdown", ".txt")
#: what `convert --out-dir` names each format's files
CONVERTED = {"argmap": ".argmap.json", "argdown": ".argdown", "aif": ".json", "markdown": ".md"}
MAX_JOBS = 64

#: (exit status, standard output, standard error) of one map's command
Outcome = tuple[int, str, str]


@dataclass(frozen=True)
class Job:
    source: Path
    output: Path
    #: why it is not run (another map of the same name writes the same file), or None
    clash: str | None = None
    #: why it is not run although nothing failed (the same map given again), or None
    skip: str | None = None


def output_name(source: Path, suffix: str) -> str:
    """`debate.argmap.json` -> `debate.svg`: the map's name without its own suffix."""
    name = source.name
    lowered = name.lower()
    for known in MAP_SUFFIXES:
        if lowered.endswith(known) and len(name) > len(known):
            return name[: -len(known)] + suffix
    return (source.stem or name) + suffix


def plan(sources: Sequence[Path], out_dir: Path, suffix: str) -> list[Job]:
    """One job per map.  A second map that would write the same file is refused, never
    allowed to write over the first one's output; an output that is one of the maps of
    this run is refused even with --force (that map would be lost to the others); a map
    given twice is drawn once."""
    jobs: list[Job] = []
    taken: dict[str, Path] = {}
    inputs = {found: source for source in sources if (found := _identity(source)) is not None}
    for source in sources:
        output = out_dir / output_name(source, suffix)
        key = output.name.casefold() if CASELESS else output.name
        first = taken.setdefault(key, source)
        clash = skip = None
        over = inputs.get(_identity(output) or (-1, -1))
        if first is not source and _identity(first) == _identity(source) is not None:
            skip = f"{file_name(source)}: given twice; drawn once"
        elif first is not source:
            clash = (
                f"{file_name(source)}: would write {file_name(output)}, as "
                f"{file_name(first)} does; rename one of them or draw it on its own"
            )
        elif over is not None:
            clash = (
                f"{file_name(source)}: would write over {file_name(over)}, a map of this "
                "run; choose another --out-dir"
            )
        jobs.append(Job(source, output, clash, skip))
    return jobs


#: file systems that fold case (macOS, Windows): Foo.svg and foo.svg are one file there
CASELESS = sys.platform in ("darwin", "win32")


def _identity(path: Path) -> tuple[int, int] | None:
    """The file a name stands for (links followed), or None when there is none."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return found.st_dev, found.st_ino


def workers_for(asked: int | None, jobs: int) -> int:
    """--jobs as given, or one worker per core this process may use (1 for one map)."""
    if asked is not None and asked > 0:
        return max(1, min(asked, jobs, MAX_JOBS))
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, jobs, MAX_JOBS))


def run_batch(kind: str, args: argparse.Namespace, sources: Sequence[Path], suffix: str) -> int:
    """Run `kind` ("export" or "convert") for every map in `sources` into args.out_dir."""
    out_dir: Path = args.out_dir
    if out_dir.exists() and not out_dir.is_dir():
        tell(f"argmap: {file_name(out_dir)}: is not a folder; --out-dir needs a folder")
        return EXIT_USAGE
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        tell(f"argmap: {file_name(out_dir)}: cannot make the folder ({exc.strerror or exc})")
        return EXIT_FAIL
    jobs = plan(sources, out_dir, suffix)
    fields = {k: v for k, v in vars(args).items() if k not in ("out_dir", "jobs")}
    workers = workers_for(getattr(args, "jobs", None), len(jobs))
    progress = _Progress(len(jobs))
    failed = 0
    try:
        for job, (status, out, err) in zip(
            jobs, _outcomes(kind, jobs, fields, workers), strict=True
        ):
            progress.clear()
            if err:
                _to_stderr(err, job.source)
            if out:
                write(out)
            failed += status != EXIT_OK
            progress.show(job.source)
    finally:
        progress.clear()
    if failed:
        tell(f"argmap: {failed} of {len(jobs)} map{'s' * (len(jobs) != 1)} failed")
    return EXIT_FAIL if failed else EXIT_OK


def _outcomes(
    kind: str, jobs: Sequence[Job], fields: dict[str, Any], workers: int
) -> Iterator[Outcome]:
    """Each job's outcome, in the jobs' order."""
    if workers <= 1:
        for job in jobs:
            yield _clashed(job) if job.clash or job.skip else run_job(kind, _one(kind, job, fields))
        return
    _warm_imports(kind, jobs)  # imported once, before the workers are forked
    context = _context()
    done = 0
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start) as pool:
        futures = [_submit(pool, kind, job, fields) for job in jobs]
        try:
            for future in futures:
                yield future.result()
                done += 1
        except BrokenProcessPool:
            pass  # a worker died: which map it was drawing is found below, one at a time
        except BaseException:  # Ctrl-C, or nobody reads the output any more: stop now
            _stop(pool, futures)
            raise
    for job in jobs[done:]:
        yield _alone(kind, job, fields)


def _stop(pool: ProcessPoolExecutor, futures: Sequence[Future[Outcome]]) -> None:
    """No more maps: those waiting are dropped and the workers ended, not waited for."""
    for future in futures:
        future.cancel()
    workers = getattr(pool, "_processes", None) or {}  # the pool keeps no public list
    for process in list(workers.values()):
        with contextlib.suppress(Exception):  # already gone
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def _submit(
    pool: ProcessPoolExecutor, kind: str, job: Job, fields: dict[str, Any]
) -> Future[Outcome]:
    if job.clash or job.skip:
        future: Future[Outcome] = Future()
        future.set_result(_clashed(job))
        return future
    return pool.submit(run_job, kind, _one(kind, job, fields))


def _alone(kind: str, job: Job, fields: dict[str, Any]) -> Outcome:
    """A job in a worker of its own, so that a crash is known to be this map's."""
    if job.clash or job.skip:
        return _clashed(job)
    with ProcessPoolExecutor(1, mp_context=_context(), initializer=_worker_start) as pool:
        try:
            return pool.submit(run_job, kind, _one(kind, job, fields)).result()
        except BrokenProcessPool:
            line = f"argmap: {file_name(job.source)}: the process drawing it stopped unexpectedly"
            return EXIT_FAIL, "", line + "\n"


def _clashed(job: Job) -> Outcome:
    if job.skip:
        return EXIT_OK, "", f"argmap: note: {job.skip}\n"
    return EXIT_FAIL, "", f"argmap: {job.clash}\n"


def _one(kind: str, job: Job, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields of the single-map command for this job."""
    one = dict(fields, output=job.output)
    one["map" if kind == "export" else "input"] = job.source
    if kind == "convert":
        one.pop("files", None)
    return one


def run_job(kind: str, fields: dict[str, Any]) -> Outcome:
    """One map's command, its output caught to be written in order."""
    from argmap.cli import run_one

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = run_one(kind, argparse.Namespace(**fields))
    return status, out.getvalue(), err.getvalue()


def _worker_start() -> None:
    """Ctrl-C is the parent's to handle: it stops the workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _context() -> Any:
    import multiprocessing

    # fork shares the imports already made; elsewhere (macOS, Windows) a fresh start is safer
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def _warm_imports(kind: str, jobs: Sequence[Job]) -> None:
    """What every worker would import, imported once before they are forked: the
    readers the maps need, and for drawings the export and the engine's bindings (not
    the engine itself, which each worker loads: it is not to be shared across a fork)."""
    import importlib

    wanted = ["argmap.cli_export", "argmap.formats.registry"]
    names = {job.source.name.lower() for job in jobs}
    if any(name.endswith((".argdown", ".ad")) for name in names):
        wanted.append("argmap.formats.argdown")
    if kind == "export":
        wanted += ["argmap.render.export", "argmap.render.legend", "wasmtime"]
    for module in wanted:
        with contextlib.suppress(ImportError):  # no embedded engine: the system's draws
            importlib.import_module(module)
    sys.stdout.flush()
    sys.stderr.flush()


def _to_stderr(text: str, source: Path) -> None:
    """A map's lines on the standard error, each naming the map (a note or a warning of
    the single command may not, since it has only one map)."""
    name = file_name(source)
    for line in text.splitlines():
        if line.startswith("argmap: ") and name not in line:
            line = f"argmap: {name}: {line.removeprefix('argmap: ')}"
        tell(line)


class _Progress:
    """`argmap: 12/175 name` on one line of a terminal's standard error, redrawn in place."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.shown = False
        self.on_terminal = _is_terminal(sys.stderr)

    def show(self, source: Path) -> None:
        self.done += 1
        if not self.on_terminal or self.done >= self.total:
            return
        width = _columns() - 1
        line = f"argmap: {self.done} of {self.total} done ({file_name(source.name)})"
        self._put("\r" + line[:width] + "\x1b[K")
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self._put("\r\x1b[K")
            self.shown = False

    def _put(self, text: str) -> None:
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(text)
            sys.stderr.flush()


def _is_terminal(stream: object) -> bool:
    isatty: Callable[[], bool] | None = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):
        return False


def _columns() -> int:
    try:
        columns = os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return 80
    return max(20, columns) if columns else 80  # 0: a terminal that does not say
