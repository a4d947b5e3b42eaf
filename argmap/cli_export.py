"""`argmap export`: draw a map as SVG, PNG, PDF, interactive HTML or DOT."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.cli_files import (
    in_view,
    ranged,
    read_map,
    refuse_overwrite,
    refuse_source,
    tell_notes,
    told,
)
from argmap.cli_output import file_name, say, tell
from argmap.limits import MAX_DPI, MAX_TIMEOUT, MIN_DPI, MIN_TIMEOUT

if TYPE_CHECKING:
    from argmap.model import ArgumentMap
    from argmap.render.export import Paper

EXIT_OK, EXIT_USAGE = 0, 2
#: the model's layouts, not imported (a lean start); a test checks they agree
LAYOUTS = ("auto", "tree", "rows2", "rows3", "rows4", "rows6", "rows8", "rows12", "rows16")
#: render.export's formats and the words naming them, not imported either
FORMATS = ("svg", "png", "pdf", "html", "dot")
CHOICES = "choose a .svg, .png, .pdf, .html or .dot file"


def add_export(sub: Any, readable: tuple[str, ...]) -> None:
    """The export subcommand's flags."""
    export = sub.add_parser("export", help="draw a map as SVG, PNG, PDF, interactive HTML or DOT")
    export.add_argument(
        "map",
        type=Path,
        nargs="+",
        help="the map (.argmap.json, .argdown, AIF .json, ...); several with --out-dir",
    )
    export.add_argument("--from", dest="source_format", choices=readable, help="input format")
    export.add_argument("-o", "--output", type=Path, help="OUT.svg|png|pdf|html|dot")
    add_batch(export, "draw every MAP into DIR, each as NAME.FORMAT (--format, default svg)")
    export.add_argument("--format", type=str.lower, choices=FORMATS, help="override the suffix")
    export.add_argument(
        "--page",
        type=str.lower,
        choices=("a4", "a3", "letter", "legal"),
        help="put the drawing on a page (a PDF below 6 pt text is tiled across pages)",
    )
    export.add_argument(
        "--orientation",
        type=str.lower,
        choices=("auto", "portrait", "landscape"),
        help="of the --page (default auto: landscape for a wide drawing)",
    )
    export.add_argument("--no-legend", action="store_true", help="leave the legend out")
    export.add_argument("--theme", choices=("default", "colorblind", "print"))
    export.add_argument(
        "--direction", choices=("TB", "LR"), help="top-down or left-right (pins the layout)"
    )
    export.add_argument(
        "--layout",
        choices=LAYOUTS,
        help="auto: fit A4 landscape; or pin a strategy (rowsK: wide fans in K rows)",
    )
    export.add_argument(
        "--wrap", type=ranged(8, 200, integer=True), help="characters per line in a node (8-200)"
    )
    export.add_argument("--font", help="font family")
    export.add_argument(
        "--dpi",
        type=ranged(MIN_DPI, MAX_DPI),
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
        type=ranged(MIN_TIMEOUT, MAX_TIMEOUT),
        default=60.0,
        help="seconds, 0.01 to a day (default 60)",
    )
    export.add_argument(
        "--force", action="store_true", help="write over OUT even when it is a map file"
    )
    export.add_argument("--view", metavar="NAME", help="draw one of the map's saved views")


def add_batch(parser: argparse.ArgumentParser, help_text: str) -> None:
    """--out-dir and --jobs: many maps in one run (cli_batch)."""
    parser.add_argument("--out-dir", type=folder, metavar="DIR", help=help_text)
    parser.add_argument(
        "--jobs",
        type=ranged(1, 64, integer=True),
        metavar="N",
        help="with --out-dir: worker processes (default one per core)",
    )


def folder(text: str) -> Path:
    """An --out-dir: a name, not the empty string (which would quietly mean here)."""
    if not text:
        raise argparse.ArgumentTypeError("a folder name is needed")
    return Path(text)


def one_map(args: argparse.Namespace) -> bool:
    """--jobs is for a batch: said in one line when given without --out-dir."""
    if getattr(args, "jobs", None) is not None:
        tell("argmap: --jobs is for several maps drawn with --out-dir DIR")
        return False
    return True


def export_batch(args: argparse.Namespace) -> int:
    """`export MAP -o OUT`, or `export MAP... --out-dir DIR`."""
    from argmap.cli_batch import run_batch

    sources: list[Path] = args.map
    if args.out_dir is None:
        if args.output is None:
            tell("argmap: export needs -o OUT, or --out-dir DIR for several maps")
            return EXIT_USAGE
        if len(sources) > 1:
            tell("argmap: several maps are drawn with --out-dir DIR, not -o")
            return EXIT_USAGE
        if not one_map(args):
            return EXIT_USAGE
        return run_export(replace_map(args, sources[0]))
    if args.output is not None:
        tell("argmap: -o names one file; with --out-dir each map is named after itself")
        return EXIT_USAGE
    fmt = args.format or "svg"
    if not paper_asked_well(args, fmt):
        return EXIT_USAGE
    args = argparse.Namespace(**dict(vars(args), format=fmt))
    return run_batch("export", args, sources, "." + fmt)


def paper_asked_well(args: argparse.Namespace, fmt: str) -> bool:
    """--page only for a format with pages, --orientation only with a --page: else one line."""
    if args.page is not None and fmt in ("html", "dot"):
        tell(f"argmap: --page is for .pdf, .png and .svg files, not .{fmt}")
        return False
    if args.orientation is not None and args.page is None:
        tell("argmap: --orientation needs a --page (a4, a3, letter or legal)")
        return False
    return True


def replace_map(args: argparse.Namespace, source: Path) -> argparse.Namespace:
    return argparse.Namespace(**dict(vars(args), map=source))


def run_export(args: argparse.Namespace) -> int:
    from argmap.formats import SaveError
    from argmap.render import RenderOptions, get_engine
    from argmap.render.export import export, format_for

    fmt = format_for(args.output, args.format) if told(args.output, args.format) else None
    if fmt is None:
        raise SaveError(
            args.output,
            f"cannot tell which format to write; {CHOICES}, or name it with --format",
        )
    refuse_overwrite(args.map, args.output, args.force)
    m, notes, _ = read_map(args.map, args.source_format)
    refuse_source(m.source.file, args.map, args.output, args.force)
    tell_notes(notes)
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
        if args.wrap is not None:  # the width asked is kept by a fit to the page
            options = replace(options, fixed_wrap=True)
    except ValueError as exc:
        from argmap.model.validation import shown

        tell(f"argmap: {shown(str(exc), 300)}")
        return EXIT_USAGE
    whole = m
    if args.view is not None:
        shown_part = in_view(m, args.view)
        if shown_part is None:
            return EXIT_USAGE
        m = shown_part
    if not paper_asked_well(args, fmt):
        return EXIT_USAGE
    engine = None if fmt == "dot" else get_engine(args.engine)
    result = export(
        m,
        args.output,
        fmt,
        options,
        engine,
        dpi=args.dpi,
        timeout=args.timeout,
        judged=whole,
        paper=_paper(args),
    )
    name = file_name(result.path)
    say(f"wrote {name} ({result.fmt}, {result.size} bytes, engine {result.engine})")
    if result.warning:
        tell(f"argmap: note: {result.warning}")
    return EXIT_OK


def _paper(args: argparse.Namespace) -> Paper:
    from argmap.render.export import Paper
    from argmap.render.paper import page

    chosen = page(args.page, args.orientation or "auto") if args.page else None
    return Paper(page=chosen, legend=not args.no_legend)


def _layout_asked(m: ArgumentMap, args: argparse.Namespace) -> str | None:
    """--layout as given; a --direction alone pins an auto layout to the plain tree."""
    if args.layout is not None:
        return str(args.layout)
    if args.direction is not None and m.style.layout == "auto":
        return "tree"
    return None
