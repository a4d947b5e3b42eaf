"""Command line: `argmap [MAP]` opens the app; `export` and `check` run headless.

Bad input ends with a one-line message on stderr and a non-zero exit; a user
never sees a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from argmap import __version__
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
from argmap.limits import MAX_DPI, MAX_TIMEOUT, MIN_DPI, MIN_TIMEOUT

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"argmap: {message} (see 'argmap --help')\n")


# every number flag reads the same forms: ASCII digits, a sign, a point, an exponent
# (`100`, `+1e2`, `100.0`); no `_`, no words such as `nan`, no digits of other scripts
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _ranged(
    low: float, high: float, integer: bool = False, above: bool = False
) -> Callable[[str], float | int]:
    """An argparse type: a finite number from `low` (or above it) to `high`; an integer
    flag takes the same forms as the others and refuses only a fraction (`80.5`)."""

    def parse(text: str) -> float | int:
        shown = repr(text if len(text) <= 24 else text[:23] + "…")
        kind = "a whole number" if integer else "a number"
        if not _NUMBER.fullmatch(text.strip()):
            raise argparse.ArgumentTypeError(f"expected {kind}, not {shown}")
        value = float(text)
        if integer and math.isfinite(value) and not value.is_integer():
            raise argparse.ArgumentTypeError(f"expected {kind}, not {shown}")
        low_ok = value > low if above else value >= low
        if not (math.isfinite(value) and low_ok and value <= high):
            bound = f"more than {low:g}" if above else f"from {low:g}"
            raise argparse.ArgumentTypeError(f"{shown} is out of range ({bound} to {high:g})")
        return int(value) if integer else value

    return parse


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="argmap",
        description="Argument maps: edit in the app, or export and check headless.",
        epilog="Run 'argmap MAP' to open a map in the app.",
    )
    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="{export,convert,check,schema}")
    readable = ("argmap", "argdown", "aif", "kialo")

    export = sub.add_parser("export", help="draw a map as SVG, PNG, PDF or DOT")
    export.add_argument("map", type=Path, help="the map (.argmap.json, .argdown, AIF .json, ...)")
    export.add_argument("--from", dest="source_format", choices=readable, help="input format")
    export.add_argument("-o", "--output", type=Path, required=True, help="OUT.svg|png|pdf|dot")
    export.add_argument(
        "--format", choices=("svg", "png", "pdf", "dot"), help="override the suffix"
    )
    export.add_argument("--theme", choices=("default", "colorblind", "print"))
    export.add_argument(
        "--direction", choices=("TB", "LR"), help="top-down or left-right (pins the layout)"
    )
    export.add_argument(
        "--layout",
        choices=LAYOUTS,  # the model's, not imported (a lean start); a test checks
        help="auto: fit A4 landscape; or pin a strategy (rowsK: wide fans in K rows)",
    )
    export.add_argument(
        "--wrap", type=_ranged(8, 200, integer=True), help="characters per line in a node (8-200)"
    )
    export.add_argument("--font", help="font family")
    export.add_argument(
        "--dpi",
        type=_ranged(MIN_DPI, MAX_DPI),
        default=96.0,
        help="PNG resolution, 10-1200 (default 96)",
    )
    export.add_argument(
        "--quotes", action="store_true", help="show each node's quoted source words under it"
    )
    export.add_argument(
        "--evaluation", action="store_true", help="show which statements stand (docs/evaluation.md)"
    )
    export.add_argument(
        "--engine", choices=("auto", "system", "embedded"), help="Graphviz engine (default auto)"
    )
    export.add_argument(
        "--timeout",
        type=_ranged(MIN_TIMEOUT, MAX_TIMEOUT),
        default=60.0,
        help="seconds, 0.01 to a day (default 60)",
    )
    export.add_argument(
        "--force", action="store_true", help="write over OUT even when it is a map file"
    )
    export.add_argument("--view", metavar="NAME", help="draw one of the map's saved views")

    convert = sub.add_parser(
        "convert", help="convert between argmap, Argdown, AIF, Kialo, Markdown"
    )
    convert.add_argument("input", type=Path)
    convert.add_argument("output", type=Path)
    convert.add_argument("--from", dest="source_format", choices=readable, help="input format")
    convert.add_argument(
        "--to", dest="target_format", choices=("argmap", "argdown", "aif", "markdown")
    )
    convert.add_argument(
        "--force", action="store_true", help="write over OUTPUT even when it is a map file"
    )
    convert.add_argument("--view", metavar="NAME", help="write one of the map's saved views")

    check = sub.add_parser("check", help="validate a map and summarize it")
    check.add_argument("map", type=Path)
    check.add_argument("--from", dest="source_format", choices=readable, help="input format")

    schema = sub.add_parser("schema", help="print the JSON Schema of the file format")
    schema.add_argument("-o", "--output", type=Path)
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="argmap", description="Open the argmap app.")
    parser.add_argument("map", nargs="?", type=Path, help="a map to open")
    parser.add_argument(
        "--install-desktop",
        action="store_true",
        help="add argmap to the Linux desktop: menu entry, icon, *.argmap.json file type",
    )
    parser.add_argument("--uninstall-desktop", action="store_true", help="take that back")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
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
    commands = {"export", "convert", "check", "schema"}
    if args_list and (args_list[0] in commands or args_list[0] in ("--help", "--version")):
        args = _parser().parse_args(args_list)
        run = {"export": _export, "convert": _convert, "check": _check, "schema": _schema}[
            args.command
        ]
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


def _fail(exc: BaseException) -> int:
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
    tell(f"argmap: {message}")
    return EXIT_FAIL


def _export(args: argparse.Namespace) -> int:
    from argmap.formats import SaveError
    from argmap.render import RenderOptions, get_engine
    from argmap.render.export import export, format_for

    fmt = format_for(args.output, args.format) if _told(args.output, args.format) else None
    if fmt is None:
        raise SaveError(
            args.output,
            "cannot tell which format to write; choose a .svg, .png, .pdf or .dot file, "
            "or name it with --format",
        )
    _refuse_overwrite(args.map, args.output, args.force)
    m, notes, _ = _read(args.map, args.source_format)
    _refuse_source(m.source.file, args.map, args.output, args.force)
    _tell_notes(notes)
    try:
        options = RenderOptions.from_style(
            m.style,
            theme=args.theme,
            direction=args.direction,
            layout=_layout_asked(m, args),
            wrap=args.wrap,
            font=args.font,
            show_quotes=args.quotes or None,
            show_evaluation=args.evaluation or None,
        )
        options.validate()
    except ValueError as exc:
        from argmap.model.validation import shown

        tell(f"argmap: {shown(str(exc), 300)}")
        return EXIT_USAGE
    whole = m
    if args.view is not None:
        shown_part = _in_view(m, args.view)
        if shown_part is None:
            return EXIT_USAGE
        m = shown_part
    engine = None if fmt == "dot" else get_engine(args.engine)
    result = export(
        m, args.output, fmt, options, engine, dpi=args.dpi, timeout=args.timeout, judged=whole
    )
    name = file_name(result.path)
    say(f"wrote {name} ({result.fmt}, {result.size} bytes, engine {result.engine})")
    return EXIT_OK


LAYOUTS = ("auto", "tree", "rows2", "rows3", "rows4")


def _layout_asked(m: ArgumentMap, args: argparse.Namespace) -> str | None:
    """--layout as given; a --direction alone pins an auto layout to the plain tree."""
    if args.layout is not None:
        return str(args.layout)
    if args.direction is not None and m.style.layout == "auto":
        return "tree"
    return None


def _in_view(m: ArgumentMap, name: str) -> ArgumentMap | None:
    """The part of `m` its view `name` shows; None, said in one line, when it has none."""
    from argmap.model.views import UnknownViewError, apply_view, view_named

    try:
        return apply_view(m, view_named(m, name))
    except UnknownViewError as exc:
        tell(f"argmap: {exc}")
        return None


def _check(args: argparse.Namespace) -> int:
    from argmap.model.checks import problems, summarize
    from argmap.model.document import Relation
    from argmap.model.validation import shown

    m, notes, _ = _read(args.map, args.source_format)

    s = summarize(m)
    # titles and problems come from the file: never let them reach the terminal raw
    say(f"{file_name(args.map)}: {shown(m.title or '(untitled)', 200)}")
    say(
        f"  {_many(s.nodes, 'node')}: {_many(s.claims, 'claim')}, "
        f"{_many(s.supports, 'support')}, {_many(s.rebuttals, 'rebuttal')} "
        f"({s.counter_rebuttals} of them rebut a rebuttal), {_many(s.undercuts, 'undercut')}"
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


def _read(path: Path, named: str | None) -> tuple[ArgumentMap, list[str], str]:
    """(map, notes, format) of any map file argmap reads; the native format reads its
    source text kept beside it, and its notes say what became of it."""
    from argmap.formats.registry import input_format, read_any

    fmt = input_format(path, named)
    if fmt == "argmap":
        from argmap.formats import load_with_notes

        m, notes = load_with_notes(path)
        return m, notes, fmt
    return read_any(path, fmt)[0], [], fmt


def _tell_notes(notes: Sequence[str]) -> None:
    from argmap.model.validation import shown

    for note in notes:
        tell(f"argmap: note: {shown(note, 300)}")


_DRAWINGS = (".svg", ".png", ".pdf", ".dot")


def _told(output: Path, named: str | None) -> bool:
    """Whether export knows what to write: a format named, or a drawing's suffix."""
    return named is not None or output.suffix.lower() in _DRAWINGS


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)  # links and other names of the same file too
    except OSError:
        return False


def _refuse_overwrite(source: Path, output: Path, force: bool) -> None:
    """Never write over the input, nor over a file that reads as a map, unless --force."""
    from argmap.formats import SaveError
    from argmap.formats.registry import FORMATS
    from argmap.formats.sniff import existing_map_format

    if force:
        return
    if _same_file(source, output):
        raise SaveError(output, "is the input file; choose another output (or add --force)")
    found = existing_map_format(output)
    if found is not None:
        raise SaveError(
            output,
            f"already exists and reads as {FORMATS[found].label}; "
            "choose another output (or add --force to replace it)",
        )


def _refuse_source(file: str | None, source: Path, output: Path, force: bool) -> None:
    """Nor over the text the input's spans point into: that would lose the source."""
    from argmap.formats import SaveError

    if force or not file:
        return
    with contextlib.suppress(ValueError):  # a NUL in the name: it names no file at all
        if _same_file(source.parent / file, output):
            raise SaveError(
                output, "is the input's source text; choose another output (or add --force)"
            )


def _convert(args: argparse.Namespace) -> int:
    from argmap.formats import SaveError
    from argmap.formats.registry import export_warning, input_format, output_format, write_any
    from argmap.model.validation import shown

    source = input_format(args.input, args.source_format)
    _refuse_overwrite(args.input, args.output, args.force)
    m, notes, _ = _read(args.input, source)  # a broken input is said first
    _refuse_source(m.source.file, args.input, args.output, args.force)
    if args.target_format is None and args.output.suffix.lower() in _DRAWINGS:
        raise SaveError(args.output, "is a drawing; draw a map with 'argmap export'")
    target = output_format(args.output, args.target_format)
    _tell_notes(notes)
    if args.view is not None:
        shown_part = _in_view(m, args.view)
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
    from argmap.gui.app import run

    return run(args.map)
