"""The command line: ``briefgen make``, ``briefgen parse``, ``briefgen templates ...``.

The only module that imports typer and prints. Library errors (``BriefgenError``) are turned
into one clear line per article here; exit codes: 0 all succeeded, 1 some article failed,
2 usage error (bad option, nothing to do, unusable template pack).
"""

from __future__ import annotations

import gc
import json
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from . import __version__
from .errors import TemplateError
from .readers import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES

# Each command imports the parts of briefgen it uses when it runs (python-pptx, python-docx,
# jinja2, the analysis...), so --help, --version, parse and the template tools do not load them all.
if TYPE_CHECKING:
    from .model import DeckInfo, DocumentInfo
    from .pipeline import BriefingResult

app = typer.Typer(
    help="Turn news and business articles into executive briefings: PowerPoint decks and Word documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
templates_app = typer.Typer(help="Create and check template packs.", no_args_is_help=True)
app.add_typer(templates_app, name="templates")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

PathsArg = Annotated[list[Path], typer.Argument(help="Article files (.txt, .md, .html) and/or folders of them.")]
MaxSizeOpt = Annotated[int, typer.Option("--max-size", help="Largest article file accepted, in bytes.",
                                         min=1, show_default=True)]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show Python tracebacks for unexpected errors.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"briefgen {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                     help="Show the version and exit.")] = None,
) -> None:
    """briefgen: articles in, executive briefings out."""


# --------------------------------------------------------------------------------------------
# Collecting inputs
# --------------------------------------------------------------------------------------------


def collect_inputs(paths: list[Path], skip: Path | None = None) -> list[Path]:
    """Return the article files named by ``paths`` (folders searched recursively), in order.

    A folder search leaves out hidden files and folders, Office lock files ("~$report.docx") and
    everything under ``skip`` (the output folder, so earlier briefings are never read as articles).
    Raises ``typer.BadParameter`` for a path that does not exist.
    """
    skipped = skip.resolve() if skip is not None else None
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith((".", "~$")) for part in p.relative_to(path).parts)
                and not (skipped is not None and p.resolve().is_relative_to(skipped))
            )
        elif path.exists():
            found.append(path)
        else:
            raise typer.BadParameter(f"no such file or folder: {path}", param_hint="PATHS")
    return list(dict.fromkeys(found))


# --------------------------------------------------------------------------------------------
# make
# --------------------------------------------------------------------------------------------


@app.command()
def make(
    paths: PathsArg,
    pptx: Annotated[bool, typer.Option("--pptx", help="Write a PowerPoint deck per article.")] = False,
    docx: Annotated[bool, typer.Option("--docx", help="Write a Word briefing per article.")] = False,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the briefings.")] = Path("briefings"),
    templates: Annotated[Optional[Path], typer.Option(
        "--templates", "-t", help="Template pack folder (default: ./templates/ if present, else the built-in pack).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")] = False,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1,
                                                help="Worker processes (default: the machine's cores).")] = None,
    max_size: MaxSizeOpt = DEFAULT_MAX_BYTES,
    debug: DebugOpt = False,
) -> None:
    """Write a deck and/or Word briefing for every article (both when neither --pptx nor --docx is given)."""
    from .batch import BatchSettings, default_jobs, run_batch, splits_formats  # noqa: PLC0415  (see the imports above)
    from .output import output_stems, remove_stale_temporaries  # noqa: PLC0415
    from .pipeline import BriefingResult, OutputFormat, load  # noqa: PLC0415
    from .plan.pack import load_pack  # noqa: PLC0415

    formats = tuple(f for f, on in ((OutputFormat.PPTX, pptx), (OutputFormat.DOCX, docx)) if on) or tuple(OutputFormat)
    inputs = collect_inputs(paths, skip=out)
    if not inputs:
        _fail_usage(f"no articles found in {', '.join(map(str, paths))} (looked for {', '.join(SUPPORTED_SUFFIXES)})")
    jobs = jobs or default_jobs()
    # Load the analysis, planners and renderers now, with the rest of the start-up; when one
    # article's formats are made side by side, each process loads what it uses, in parallel.
    if not splits_formats(len(inputs), jobs, formats, debug):
        load(formats)
    _started()
    try:
        pack = load_pack(templates)
    except TemplateError as exc:
        _fail_usage(f"template pack: {exc}")
    if out.exists() and not out.is_dir():
        _fail_usage(f"--out {out} exists and is not a folder")
    remove_stale_temporaries(out)
    for warning in pack.warnings:
        _warn(warning, quiet)
    settings = BatchSettings(pack.root.resolve(), out, formats, max_size, debug)
    batch = run_batch(inputs, output_stems(inputs), settings, pack, jobs)
    results: list[BriefingResult] = []
    failures = 0
    said: set[str] = set()  # each distinct warning once per run (e.g. a font substitution)
    report: list[tuple[str, bool]] = []  # (line, to stderr), printed as they come or after the bar
    progress = _showing_progress(len(inputs), quiet)
    for path, outcome in _with_progress(batch, len(inputs)) if progress else batch:
        if isinstance(outcome, BriefingResult):
            results.append(outcome)
            for warning in outcome.warnings:
                if warning not in said and not quiet:
                    said.add(warning)
                    report.append((f"warning: {path}: {warning}", True))
            if not quiet:
                report.append((f"{path} -> {', '.join(str(f) for f in outcome.files)}", False))
        else:
            failures += 1
            report.append((f"error: {outcome}", True))
        if not progress:
            _flush(report)
    _flush(report)
    written = sum(len(r.files) for r in results)
    if not quiet:
        typer.echo(f"{len(inputs)} article(s): {len(results)} briefed, {failures} failed; {written} file(s) in {out}/")
    raise typer.Exit(EXIT_FAILED if failures else EXIT_OK)


def _flush(report: list[tuple[str, bool]]) -> None:
    """Print and forget the collected report lines."""
    for line, to_stderr in report:
        typer.echo(line, err=to_stderr)
    report.clear()


def _showing_progress(total: int, quiet: bool) -> bool:
    """True when a progress bar is shown: a batch, not quiet, and stderr is a terminal."""
    return not quiet and total > 1 and sys.stderr.isatty()


def _with_progress(batch, total: int):
    """Yield from ``batch`` while a transient progress bar on stderr counts the articles.

    What the articles report is printed after the bar is gone, so lines and bar never mix.
    """
    from rich.console import Console  # noqa: PLC0415  (only needed on a terminal)
    from rich.progress import Progress  # noqa: PLC0415

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("Briefing", total=total)
        for item in batch:
            yield item
            progress.advance(task)


# --------------------------------------------------------------------------------------------
# parse
# --------------------------------------------------------------------------------------------


@app.command()
def parse(
    paths: PathsArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print the parsed briefs as JSON (a list for several files).")] = False,
    max_size: MaxSizeOpt = DEFAULT_MAX_BYTES,
    debug: DebugOpt = False,
) -> None:
    """Print what briefgen understands of each article: title, date, sections, takeaways, figures."""
    from .batch import capture  # noqa: PLC0415  (see the imports above)
    from .jsonout import brief_to_data  # noqa: PLC0415
    from .pipeline import brief_file  # noqa: PLC0415

    _started()
    inputs = collect_inputs(paths)
    if not inputs:
        _fail_usage(f"no articles found in {', '.join(map(str, paths))}")
    docs, failures = [], 0
    for path in inputs:
        outcome = capture(lambda: brief_file(path, max_bytes=max_size), path, debug)
        if isinstance(outcome, str):
            failures += 1
            typer.echo(f"error: {outcome}", err=True)
        elif as_json:
            docs.append(brief_to_data(outcome))
        else:
            typer.echo(_describe(brief_to_data(outcome)))
    if as_json:
        payload = docs[0] if len(paths) == 1 and len(docs) == 1 and not paths[0].is_dir() else docs
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    raise typer.Exit(EXIT_FAILED if failures else EXIT_OK)


def _describe(data: dict) -> str:
    """Return a short human-readable account of one parsed brief."""
    lines = [data["source"], f"  title: {data['title']}", f"  date: {data['date'] or '-'}"]
    headings = [s["heading"] for s in data["sections"] if s["heading"]]
    lines.append(f"  sections: {len(data['sections'])}" + (f" ({'; '.join(headings)})" if headings else ""))
    lines.append("  takeaways:")
    lines += [f"    - {t['text']}" for t in data["summary"]]
    lines.append("  key figures:")
    lines += [f"    - {f['display']}: {f['label']}" for f in data["figures"] if f["key"]]
    others = sum(1 for f in data["figures"] if not f["key"])
    lines.append(f"  other figures: {others}")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# templates
# --------------------------------------------------------------------------------------------


@templates_app.command("init")
def templates_init(
    folder: Annotated[Path, typer.Argument(help="New pack folder to create.")],
    from_pptx: Annotated[Optional[Path], typer.Option("--from", help="Adopt this company deck (.pptx) as the reference deck.")] = None,
    from_docx: Annotated[Optional[Path], typer.Option("--docx", help="Adopt this company document (.docx) as the reference document.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files in an existing folder.")] = False,
) -> None:
    """Start a template pack in FOLDER: a copy of the built-in pack, or your company's files with a manifest to review."""
    if folder.exists() and any(folder.iterdir()) and not force:
        _fail_usage(f"{folder} is not empty (use --force to overwrite)")
    if from_pptx is None and from_docx is None:
        from .plan.pack import BUILTIN_PACK  # noqa: PLC0415  (see the imports above)

        folder.mkdir(parents=True, exist_ok=True)
        for item in sorted(BUILTIN_PACK.iterdir()):
            if item.is_file():
                shutil.copyfile(item, folder / item.name)
                typer.echo(f"wrote {folder / item.name}")
        return
    from .packtools import adopt_company_files  # noqa: PLC0415  (template tools load on demand)

    _started()
    try:
        written, notes = adopt_company_files(folder, from_pptx, from_docx)
    except TemplateError as exc:
        _fail_usage(str(exc))
    for path in written:
        typer.echo(f"wrote {path}")
    for note in notes:
        typer.echo(f"note: {note}", err=True)
    typer.echo(f"review {folder / 'pack.toml'}, then run: briefgen templates check {folder}")


@templates_app.command("inspect")
def templates_inspect(
    file: Annotated[Path, typer.Argument(help="A reference .pptx or .docx.")],
) -> None:
    """List what a .pptx offers (layouts, placeholders, theme fonts and colours) or a .docx (styles, fonts)."""
    from .safety import check_office_file  # noqa: PLC0415  (see the imports above)

    try:
        check_office_file(file)
        if file.suffix.lower() == ".pptx":
            from .render.pptx import describe_deck  # noqa: PLC0415

            typer.echo(_describe_deck_text(describe_deck(file)))
        elif file.suffix.lower() == ".docx":
            from .render.docx import describe_document  # noqa: PLC0415

            typer.echo(_describe_document_text(describe_document(file)))
        else:
            _fail_usage(f"{file}: expected a .pptx or .docx file")
    except TemplateError as exc:
        _fail_usage(str(exc))


@templates_app.command("check")
def templates_check(
    folder: Annotated[Optional[Path], typer.Argument(help="Pack folder (default: ./templates/ or the built-in pack).")] = None,
    article: Annotated[Optional[list[Path]], typer.Option(
        "--article", "-a", help="Render this article (or every article in this folder) through the pack "
        "instead of the built-in sample (repeatable).", exists=True, metavar="PATH")] = None,
) -> None:
    """Report what maps to what in a pack, what is missing or falls back, and render a sample (or your articles) through it."""
    from .packtools import Status, check_pack  # noqa: PLC0415  (template tools load on demand)

    _started()
    articles = collect_inputs(article or [])
    if article and not articles:
        _fail_usage(f"no articles ({', '.join(sorted(SUPPORTED_SUFFIXES))}) in {', '.join(map(str, article))}")
    try:
        report = check_pack(folder, articles)
    except TemplateError as exc:
        _fail_usage(str(exc))
    typer.echo(f"pack {report.root}")
    for item in report.items:
        typer.echo(f"  {item.status.value.upper():8} {item.area:8} {item.subject:16} {item.detail}")
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    problems = sum(1 for i in report.items if i.status in (Status.MISSING, Status.ERROR))
    typer.echo("pack is ready" if report.ok else f"{problems} problem(s): the pack cannot serve as designed")
    raise typer.Exit(EXIT_OK if report.ok else EXIT_FAILED)


def _describe_deck_text(deck: DeckInfo) -> str:
    """Return a readable account of a reference deck."""
    lines = [f"{deck.path}: {deck.width:.2f} x {deck.height:.2f} in",
             f"theme fonts: headings {deck.major_font}, body {deck.minor_font}",
             "theme colours: " + ", ".join(f"{name} #{value}" for name, value in deck.colours),
             "layouts:"]
    for layout in deck.layouts:
        lines.append(f"  {layout.name}")
        for ph in layout.placeholders:
            lines.append(f"    idx {ph.idx:<3} {ph.kind:<13} {ph.name!r:32} {ph.width:.2f} x {ph.height:.2f} in "
                         f"at ({ph.left:.2f}, {ph.top:.2f})")
    lines.append(f"existing slides: {len(deck.slides)}")
    lines += [f"  {i}. {title or '(no title)'} [{layout}]" for i, (layout, title) in enumerate(deck.slides, 1)]
    return "\n".join(lines)


def _describe_document_text(document: DocumentInfo) -> str:
    """Return a readable account of a reference document."""
    lines = [f"{document.path}: page {document.page_width:.2f} x {document.page_height:.2f} in",
             f"fonts: headings {document.heading_font}, body {document.body_font}"]
    for kind in ("paragraph", "character", "table", "numbering"):
        names = [s.name + ("" if s.builtin else " (custom)") for s in document.styles if s.kind == kind]
        if names:
            lines.append(f"{kind} styles: " + "; ".join(names))
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def _warn(message: str, quiet: bool) -> None:
    if not quiet:
        typer.echo(f"warning: {message}", err=True)


def _fail_usage(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


# --------------------------------------------------------------------------------------------
# The process
# --------------------------------------------------------------------------------------------

#: True while ``main()`` holds garbage collection off for the start-up (see ``main``).
_collection_deferred = False


def main() -> None:
    """Run the command line (the ``briefgen`` entry point), collecting garbage as suits a short-lived process.

    What a command loads (python-pptx, python-docx, jinja2, typer's pydantic, the analysis: some
    80,000 objects) lives until the process ends, yet Python's cyclic collector would scan it
    again and again: while the modules load, at each full collection between articles, and once
    more at exit. So collection is off while the command loads its modules; ``_started()`` then
    freezes them (``gc.freeze``: left out of every later collection, and so not copied into forked
    worker processes by one, as the ``gc`` documentation advises) and turns collection back on
    for the articles; at the end, what is left is frozen too, and the exit has nothing to scan.
    """
    global _collection_deferred
    was_enabled = _collection_deferred = gc.isenabled()
    gc.disable()
    try:
        app()
    finally:
        _collection_deferred = False
        gc.freeze()
        if was_enabled:
            gc.enable()


def _started() -> None:
    """A command has loaded its modules: keep them out of later collections and collect again.

    Only when ``main()`` deferred collection; a command invoked any other way (tests, ``CliRunner``)
    leaves the garbage collector as it found it.
    """
    global _collection_deferred
    if _collection_deferred:
        _collection_deferred = False
        gc.freeze()
        gc.enable()
