"""Command line: `argmap [MAP]` opens the app; `export` and `check` run headless.

Bad input ends with a one-line message on stderr and a non-zero exit; a user
never sees a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from argmap import __version__
from argmap.cli_export import LAYOUTS, add_batch, add_export, export_batch, one_map, run_export
from argmap.cli_files import (
    DRAWINGS,
    in_view,
    read_map,
    refuse_overwrite,
    refuse_source,
    tell_notes,
)
from argmap.cli_output import (
    OutputClosedError,
    file_name,
    finish,
    quiet_exit,
    safe_streams,
    say,
    tell,
    write,
)

if TYPE_CHECKING:
    pass

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"argmap: {message} (see 'argmap --help')\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="argmap",
        description="Argument maps: edit in the app, or export and check headless.",
        epilog="Run 'argmap MAP' to open a map in the app, 'argmap ROOM-URL' a shared map.",
    )
    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    sub = parser.add_subparsers(
        dest="command", metavar="{export,convert,check,schema,serve,share,pull}"
    )
    readable = ("argmap", "argdown", "aif", "kialo")

    add_export(sub, readable)
    convert = sub.add_parser(
        "convert", help="convert between argmap, Argdown, AIF, Kialo, Markdown"
    )
    convert.add_argument(
        "files",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="INPUT OUTPUT, or with --out-dir the inputs",
    )
    convert.add_argument("--from", dest="source_format", choices=readable, help="input format")
    convert.add_argument(
        "--to",
        dest="target_format",
        type=str.lower,
        choices=("argmap", "argdown", "aif", "markdown"),
    )
    convert.add_argument(
        "--force", action="store_true", help="write over OUTPUT even when it is a map file"
    )
    convert.add_argument("--view", metavar="NAME", help="write one of the map's saved views")
    add_batch(convert, "convert every input into DIR, each as NAME and --to's suffix")

    check = sub.add_parser("check", help="validate a map and summarize it")
    check.add_argument("map", type=Path)
    check.add_argument("--from", dest="source_format", choices=readable, help="input format")

    schema = sub.add_parser("schema", help="print the JSON Schema of the file format")
    schema.add_argument("-o", "--output", type=Path)
    from argmap.cli_share import add_share_commands

    add_share_commands(sub)
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="argmap", description="Open the argmap app.")
    parser.add_argument(
        "map", nargs="?", help="a map to open, or a shared map's room URL (ws://…?token=…)"
    )
    parser.add_argument(
        "--install-desktop",
        action="store_true",
        help="add argmap to the Linux desktop: menu entry, icon, *.argmap.json file type",
    )
    parser.add_argument("--uninstall-desktop", action="store_true", help="take that back")
    return parser


_headless = False  # set by a command that ran without the app


def entry() -> NoReturn:
    """The `argmap` command: `main`, and after a headless command an immediate exit.
    Tearing down the interpreter (every module, pydantic's and Qt's objects) costs tens
    of milliseconds that nobody waits for; the output is flushed first."""
    code = main()
    if _headless:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):  # a closed pipe: main has said so
                stream.flush()
        os._exit(code)
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    from argmap.lean import skip_plugin_search

    skip_plugin_search()  # before the model is first imported: lean.py says why
    safe_streams()  # what the terminal cannot show is escaped, never an internal error
    try:
        try:
            return _main(argv)
        finally:
            finish()  # a closed pipe is seen here, not in the interpreter's last flush
    except (OutputClosedError, BrokenPipeError):  # `argmap check MAP | head -1`
        return quiet_exit()


def _main(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    commands = {"export", "convert", "check", "schema", "serve", "share", "pull"}
    if args_list and (args_list[0] in commands or args_list[0] in ("--help", "--version")):
        global _headless
        _headless = True
        args = _parser().parse_args(args_list)
        run = {
            "export": export_batch,
            "convert": _convert_batch,
            "check": _check,
            "schema": _schema,
            **_share_commands(),
        }[args.command]
    else:
        args = _gui_parser().parse_args(args_list)
        run = _gui
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except OutputClosedError:
        raise
    except Exception as exc:  # the user gets one line, never a traceback
        return _fail(exc)


def _share_commands() -> dict[str, Callable[[argparse.Namespace], int]]:
    from argmap.cli_share import run_pull, run_serve, run_share

    return {"serve": run_serve, "share": run_share, "pull": run_pull}


def run_one(kind: str, args: argparse.Namespace) -> int:
    """One map of a batch (cli_batch): its error said in one line that names it."""
    try:
        return {"export": run_export, "convert": _convert}[kind](args)
    except KeyboardInterrupt:
        raise
    except Exception as exc:
        return _fail(exc, args.map if kind == "export" else args.input)


def _convert_batch(args: argparse.Namespace) -> int:
    """`convert INPUT OUTPUT`, or `convert INPUT... --out-dir DIR --to FORMAT`."""
    from argmap.cli_batch import CONVERTED, run_batch

    files: list[Path] = args.files
    if args.out_dir is None:
        if len(files) != 2:
            tell("argmap: convert needs INPUT OUTPUT, or INPUT... --out-dir DIR --to FORMAT")
            return EXIT_USAGE
        if not one_map(args):
            return EXIT_USAGE
        return _convert(argparse.Namespace(**dict(vars(args), input=files[0], output=files[1])))
    if args.target_format is None:
        tell("argmap: with --out-dir, name the format to write with --to")
        return EXIT_USAGE
    return run_batch("convert", args, files, CONVERTED[args.target_format])


def _fail(exc: BaseException, source: Path | None = None) -> int:
    from argmap.formats import LoadError, SaveError
    from argmap.model.validation import shown
    from argmap.render import RenderError

    if isinstance(exc, LoadError | SaveError | RenderError):
        message = str(exc)
    elif isinstance(exc, OSError):
        name = file_name(exc.filename) if exc.filename else ""
        message = f"{name}: {shown(str(exc.strerror or exc), 200)}".lstrip(": ")
    else:
        message = shown(f"internal error ({type(exc).__name__}: {exc}); please report it", 300)
    if source is not None and not message.startswith(file_name(source)):
        message = f"{file_name(source)}: {message}"  # in a batch, say which map
    tell(f"argmap: {message}")
    return EXIT_FAIL


def _check(args: argparse.Namespace) -> int:
    from argmap.model.checks import problems, summarize
    from argmap.model.document import Relation
    from argmap.model.validation import shown

    m, notes, _ = read_map(args.map, args.source_format)

    s = summarize(m)
    # titles and problems come from the file: never let them reach the terminal raw
    say(f"{file_name(args.map)}: {shown(m.title or '(untitled)', 200)}")
    say(
        f"  {_many(s.nodes, 'node')}: {_many(s.claims, 'claim')}, "
        f"{_many(s.supports, 'support')}, {_many(s.rebuttals, 'rebuttal')} "
        f"({s.counter_rebuttals} of them counter-rebuttals), {_many(s.undercuts, 'undercut')}"
    )
    cutting = sum(x.relation is Relation.UNDERCUTS for x in m.links)
    say(
        f"  depth {s.depth}, {_many(s.groups, 'co-premise group')}, "
        f"{_many(s.links, 'cross-link')}" + (f" ({cutting} of them an undercut)" * bool(cutting))
    )
    arguments = [n.argument for n in m.nodes.values() if n.argument is not None]
    structured = sum(bool(a.pcs) for a in arguments)
    say(
        f"  {_many(len(arguments), 'argument')}"
        + (f" ({structured} with a premise–conclusion structure)" * bool(structured))
        + f", {_many(len(m.sections), 'section')}, {_many(len(m.views), 'view')}"
    )
    if m.source.title or m.source.text is not None:
        attached = "attached" if m.source.text is not None else "not attached"
        say(f"  source: {shown(m.source.title or '(untitled)', 200)} (text {attached})")
    for note in notes:
        say(f"  note: {shown(note, 300)}")
    found = problems(m)
    if not found:
        say("  problems: none")
    for problem in found[:15]:
        say(f"  {shown(str(problem), 300)}")
    if len(found) > 15:
        say(f"  ... and {len(found) - 15} more")
    return EXIT_FAIL if any(p.level == "error" for p in found) else EXIT_OK


def _many(count: int, thing: str) -> str:
    return f"{count} {thing}{'s' * (count != 1)}"


def _convert(args: argparse.Namespace) -> int:
    from argmap.formats import SaveError
    from argmap.formats.registry import export_warning, input_format, output_format, write_any
    from argmap.model.validation import shown

    source = input_format(args.input, args.source_format)
    refuse_overwrite(args.input, args.output, args.force)
    m, notes, _ = read_map(args.input, source)  # a broken input is said first
    refuse_source(m.source.file, args.input, args.output, args.force)
    if args.target_format is None and args.output.suffix.lower() in DRAWINGS:
        raise SaveError(args.output, "is a drawing; draw a map with 'argmap export'")
    target = output_format(args.output, args.target_format)
    tell_notes(notes)
    if args.view is not None:
        shown_part = in_view(m, args.view)
        if shown_part is None:
            return EXIT_USAGE
        m = shown_part
    moved = None
    if target == "argmap":  # the only format that keeps a source beside it
        from argmap.formats.source_move import settle_source

        moved = settle_source(m.source, args.input, args.output)
        if moved is not None:
            m = m.evolve(source=moved[0])
    write_any(m, args.output, target)
    lost = export_warning(m, target)
    if lost is not None:
        tell(f"argmap: warning: {shown(lost, 300)}")
    if moved is not None:
        tell(f"argmap: note: {shown(moved[1], 300)}")
    kept = m.meta.get("argdown") if source == "argdown" else None
    warnings = kept.get("warnings", []) if isinstance(kept, dict) else []
    for warning in warnings if isinstance(warnings, list) else []:
        tell(f"argmap: warning: {shown(str(warning), 300)}")
    say(
        f"wrote {file_name(args.output)} ({target}, from {source}: {len(m.nodes)} nodes, "
        f"{len(m.links)} cross-links)"
    )
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from argmap.formats.schema import schema_text

    text = schema_text()
    if args.output:
        from argmap.formats.atomic import atomic_write

        atomic_write(args.output, text.encode("utf-8"))
    else:
        write(text)
    return EXIT_OK


def _gui(args: argparse.Namespace) -> int:
    if args.install_desktop or args.uninstall_desktop:
        from argmap.desktop import install_desktop, uninstall_desktop

        done = install_desktop() if args.install_desktop else uninstall_desktop()
        verb = "installed" if args.install_desktop else "removed"
        for path in done:
            say(f"{verb} {file_name(path)}")
        return EXIT_OK
    from argmap.gui.system_libraries import check, import_failure_line

    missing = check()  # before Qt loads its platform plugin, which would abort
    if missing is not None:
        tell(missing)
        return EXIT_FAIL
    try:
        from argmap.gui.app import run
    except ImportError as exc:  # a library QtGui needs (libEGL, libGL, fontconfig...)
        tell(import_failure_line(exc))
        return EXIT_FAIL

    if args.map is not None and args.map.startswith(("ws://", "wss://")):
        return run(None, room=args.map)
    return run(Path(args.map) if args.map is not None else None)


__all__ = ["LAYOUTS", "main"]
