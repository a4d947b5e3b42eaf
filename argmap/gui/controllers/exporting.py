"""Exporting the diagram: the export workflow (choices, file name, the job off the GUI
thread, its outcome) and copying the diagram to the clipboard.

The choices come from a form the window opens (the export dialog); this module knows it
only by what it answers, so it imports no widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QRunnable, QStandardPaths, QThreadPool, Signal
from PySide6.QtGui import QGuiApplication, QImage

from argmap.gui.common.settings import AppSettings
from argmap.gui.controllers.failures import describe, one_line
from argmap.gui.controllers.prompter import Prompter
from argmap.gui.controllers.write_guard import export_refusal
from argmap.gui.document.wrapper import Document
from argmap.model import ArgumentMap
from argmap.model.roles import roles_in
from argmap.model.views import Shown
from argmap.render import RenderOptions
from argmap.render.engines import RenderError

if TYPE_CHECKING:  # the export machinery is imported when a map is first exported
    from argmap.render.export import Paper

#: the formats that can be put on a page
PAGED = ("svg", "png", "pdf")

FILTERS = {
    "svg": "SVG image (*.svg)",
    "png": "PNG image (*.png)",
    "pdf": "PDF document (*.pdf)",
    "html": "Interactive web page (*.html *.htm)",
    "dot": "Graphviz DOT source (*.dot)",
}


@dataclass(frozen=True)
class ExportChoice:
    fmt: str
    theme: str
    direction: str
    dpi: int
    scope: str  # "whole", "shown" or "subtree"
    #: the paper ("a4", "a3", "letter", "legal") or None: the drawing's own size
    page: str | None = None
    orientation: str = "auto"
    legend: bool = True
    quotes: bool = False
    evaluation: bool = False
    #: the map the evaluation judges: the whole map, whatever the scope shows
    whole: ArgumentMap | None = None
    #: arguments drawn with their premise–conclusion box open, as on the diagram
    unfolded: frozenset[str] = frozenset()
    #: sections drawn as one box each (the diagram's, when exporting it as shown)
    collapsed_sections: frozenset[str] = frozenset()


def choice_options(m: ArgumentMap, choice: ExportChoice) -> RenderOptions:
    """How the export draws the map: the choices over the map's own style.  "auto"
    lays it out to fit the page; a direction pins a plain tree that way."""
    pinned = choice.direction != "auto"
    options = RenderOptions.from_style(
        m.style,
        theme=choice.theme,
        direction=choice.direction if pinned else None,
        layout="tree" if pinned else None,
        show_quotes=choice.quotes,
        show_evaluation=choice.evaluation,
        unfolded=choice.unfolded,
        collapsed_sections=choice.collapsed_sections,
    )
    if choice.whole is None:
        return options
    # a part (focus, subtree, view) is drawn with the roles its nodes have in the map
    return replace(options, roles=roles_in(choice.whole, choice.whole))


def choice_paper(choice: ExportChoice) -> Paper:
    """The page and legend asked for (a page only where the format has pages)."""
    from argmap.render.export import Paper
    from argmap.render.paper import page

    on = page(choice.page, choice.orientation) if choice.page and choice.fmt in PAGED else None
    return Paper(page=on, legend=choice.legend)


def export_folder(settings: AppSettings) -> str:
    """Where the export dialog starts: the last export folder while it exists, else the
    user's documents (never the folder of an installed sample)."""
    folder = settings.text("export/folder", "")
    if folder and Path(folder).is_dir():
        return folder
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else str(Path.home())


def suffix_format(target: Path) -> str | None:
    """The drawing format a file name's suffix names (map.PDF, map.htm), or None."""
    from argmap.render.export import format_for

    try:
        return format_for(target)
    except RenderError:
        return None


class _JobSignals(QObject):
    finished = Signal(str, str)  # path, error ("" when it worked)


class ExportJob(QRunnable):
    def __init__(self, shown: Shown, path: Path, choice: ExportChoice) -> None:
        super().__init__()
        self.m, self.hidden, self.path, self.choice = shown.map, shown.hidden, path, choice
        self.signals = _JobSignals()

    def run(self) -> None:
        from argmap.render.export import export

        options = choice_options(self.m, self.choice)
        try:
            export(
                self.m,
                self.path,
                self.choice.fmt,
                options,
                dpi=self.choice.dpi,
                hidden=self.hidden,
                judged=self.choice.whole,
                paper=choice_paper(self.choice),
            )
        except Exception as exc:  # reported as a value on the GUI thread
            self.signals.finished.emit(str(self.path), str(exc) or type(exc).__name__)
            return
        self.signals.finished.emit(str(self.path), "")


def start_export(
    shown: Shown, path: Path, choice: ExportChoice, on_done: Callable[[str, str], object]
) -> ExportJob:
    job = ExportJob(shown, path, choice)
    job.signals.finished.connect(on_done)
    QThreadPool.globalInstance().start(job)
    return job


class ExportForm(Protocol):
    """What the export workflow asks of the form that offers the choices."""

    def exec(self) -> int: ...

    def choice(self) -> ExportChoice: ...

    def chosen_map(self) -> Shown: ...

    def remember(self, folder: Path) -> None: ...


class ExportController(QObject):
    #: a line for the status bar and how long it shows (ms; 0 until the next one)
    status = Signal(str, int)

    def __init__(
        self,
        document: Document,
        settings: AppSettings,
        prompter: Prompter,
        open_form: Callable[[str | None], ExportForm],
    ) -> None:
        super().__init__(document)
        self.document = document
        self.settings = settings
        self.prompter = prompter
        self.open_form = open_form
        self.jobs: set[ExportJob] = set()  # running; kept until they are done

    def export(self, scope: str | None = None) -> None:
        """Ask for the choices and a file name, then export off the GUI thread."""
        form = self.open_form(scope)
        if not form.exec():
            return
        choice = form.choice()
        path = self.document.path
        stem = path.name.removesuffix(".argmap.json") if path else "map"
        target = self.prompter.save_path(
            str(Path(export_folder(self.settings)) / f"{stem}.{choice.fmt}"),
            "Export Diagram",
            FILTERS[choice.fmt],
        )
        if target is None:
            return
        typed = target
        if not target.suffix:
            target = target.with_suffix(f".{choice.fmt}")
        named = suffix_format(target)
        if named is None:
            from argmap.render.export import CHOICES

            self.prompter.error("Export failed", f"cannot export to {target.name}: {CHOICES}")
            return
        refused = export_refusal(self.document.map, path, typed, target)
        if refused is not None:
            self.prompter.error("Export failed", refused)
            return
        if named != choice.fmt:  # the name typed decides: map.pdf is a PDF
            self.status.emit(f"Exporting as {named.upper()}, as {target.name} says", 0)
            choice = replace(choice, fmt=named)
        form.remember(target.parent)
        self.status.emit(f"Exporting {target.name}…", 0)
        try:
            job = start_export(form.chosen_map(), target, choice, self._done)
        except Exception as exc:  # the job failed to start: told like a failed export
            self._done(str(target), describe(exc, target))
            return
        self.jobs.add(job)

    def _done(self, path: str, error: str) -> None:
        self.jobs = {job for job in self.jobs if str(getattr(job, "path", "")) != path}
        if error:
            self.prompter.error("Export failed", one_line(error))
        else:
            self.status.emit(f"Exported {Path(path).name}", 5000)

    def copy_diagram(self, svg: bytes | None, pixel_ratio: float) -> None:
        """The diagram on the clipboard as an image, at the screen's pixel ratio."""
        if svg is None:
            self.status.emit("Nothing to copy yet", 3000)
            return
        from argmap.render.export import svg_to_png

        try:
            image = QImage.fromData(svg_to_png(svg, 96 * pixel_ratio))
        except Exception as exc:  # a picture that cannot be made: said, not raised
            self.status.emit(one_line(f"Could not copy the diagram: {exc}"), 6000)
            return
        QGuiApplication.clipboard().setImage(image)
        self.status.emit("Diagram copied to the clipboard", 3000)
