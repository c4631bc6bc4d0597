"""The whole path for one article: read -> analyse -> plan -> render -> write (atomically).

One article's formats can also be made side by side (``make_briefing(parallel=True)``): a forked
process reads and analyses the article, plans the deck and hands both back, then renders the Word
briefing, while this one loads python-pptx and renders the deck. ``briefgen make one.txt`` on a machine with
two cores then waits for the deck alone (see ``forked``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .forked import Forked, can_fork
from .model import Brief
from .output import write_atomic
from .readers import DEFAULT_MAX_BYTES, read_article

if TYPE_CHECKING:
    from .plan.pack import TemplatePack


class OutputFormat(str, Enum):
    """The briefing formats briefgen writes."""

    PPTX = "pptx"
    DOCX = "docx"


@dataclass(frozen=True)
class BriefingResult:
    """What one article produced: the files written and the warnings met on the way."""

    source: Path
    title: str
    files: tuple[Path, ...]
    warnings: tuple[str, ...]


def brief_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Brief:
    """Return the ``Brief`` of one article file. Raises ``InputError``."""
    from .analysis import analyse  # noqa: PLC0415  (see ``load``)

    return analyse(read_article(path, max_bytes=max_bytes))


def load(formats: tuple[OutputFormat, ...]) -> None:
    """Load the analysis, the storyboards' machinery and the renderers of ``formats`` now.

    They are loaded on first use otherwise: a process that only renders (the deck's, when one
    article's formats are made side by side) loads neither the analysis nor jinja2, one that only
    reads (``briefgen parse``) no renderer.
    """
    from . import analysis  # noqa: F401, PLC0415
    from .plan import storyboard  # noqa: F401, PLC0415

    for fmt in formats:
        renderer(fmt)


def planner(fmt: OutputFormat) -> Callable[..., Any]:
    """Return the plan function of ``fmt`` (``plan_deck`` or ``plan_document``)."""
    from .plan import plan_deck, plan_document  # noqa: PLC0415

    return plan_deck if fmt is OutputFormat.PPTX else plan_document


def renderer(fmt: OutputFormat) -> Callable[..., Any]:
    """Return the render function of ``fmt``, loading python-pptx or python-docx on first use."""
    if fmt is OutputFormat.PPTX:
        from .render.pptx import render_pptx  # noqa: PLC0415

        return render_pptx
    from .render.docx import render_docx  # noqa: PLC0415

    return render_docx


def make_briefing(path: Path, pack: TemplatePack, out_dir: Path, stem: str,
                  formats: tuple[OutputFormat, ...], *, max_bytes: int = DEFAULT_MAX_BYTES,
                  parallel: bool = False) -> BriefingResult:
    """Write the briefing files of one article into ``out_dir`` and return what was written.

    Every file is rendered in memory first and then written atomically, so a failure leaves
    no half-written file (and no file of another format either). ``parallel``: make the formats
    side by side when there are several and ``can_fork()`` (see the module); the files are the
    same. Raises ``BriefgenError`` subclasses.
    """
    wanted = [fmt for fmt in OutputFormat if fmt in formats]  # the deck first, then the document
    made = _side_by_side(path, pack, wanted, max_bytes) if parallel and len(wanted) > 1 and can_fork() else None
    if made is None:
        brief = brief_file(path, max_bytes=max_bytes)
        made = brief, {fmt: render_format(fmt, brief, pack) for fmt in wanted}
    brief, outcomes = made
    rendered = [(out_dir / f"{stem}.{fmt.value}", outcomes[fmt][0]) for fmt in wanted]
    warnings = [w for fmt in wanted for w in outcomes[fmt][1]]
    for target, data in rendered:
        write_atomic(target, data)
    return BriefingResult(path, brief.title, tuple(t for t, _ in rendered), tuple(dict.fromkeys(warnings)))


def render_format(fmt: OutputFormat, brief: Brief, pack: TemplatePack) -> tuple[bytes, tuple[str, ...]]:
    """Return one format's file contents for ``brief`` and the warnings of planning and rendering it."""
    plan, plan_warnings = planner(fmt)(brief, pack)
    return _render_plan(fmt, plan, plan_warnings, pack)


def _render_plan(fmt: OutputFormat, plan: Any, plan_warnings: tuple[str, ...],
                 pack: TemplatePack) -> tuple[bytes, tuple[str, ...]]:
    data, render_warnings = renderer(fmt)(plan, pack)
    return data, (*plan_warnings, *render_warnings)


Rendered = dict[OutputFormat, tuple[bytes, tuple[str, ...]]]


def _side_by_side(path: Path, pack: TemplatePack, wanted: list[OutputFormat],
                  max_bytes: int) -> tuple[Brief, Rendered] | None:
    """Return the brief and the rendered formats, the first rendered here and the others in a
    fork; None when no process can be forked now (then everything is done in this one).

    The forked process reads and analyses the article and plans the first format while this one
    loads that format's renderer (python-pptx for the deck); it sends the brief and the plan back
    at once, then plans and renders the other formats. So this process never loads the analysis,
    jinja2 or PyYAML.
    """
    first, others = wanted[0], wanted[1:]
    try:
        child = Forked(partial(_forked_side, path, pack, first, others, max_bytes))
    except OSError:  # a process limit, no memory for the page tables: one process after all
        return None
    with child:
        renderer(first)
        brief, plan, plan_warnings = child.receive()
        outcomes: Rendered = {first: _render_plan(first, plan, plan_warnings, pack)}
        for fmt in others:
            outcomes[fmt] = child.receive()
    return brief, outcomes


def _forked_side(path: Path, pack: TemplatePack, first: OutputFormat, others: list[OutputFormat],
                 max_bytes: int) -> Iterator[Any]:
    """Yield (brief, plan of ``first``, its warnings), then each of ``others`` rendered: the forked
    side of ``_side_by_side``."""
    brief = brief_file(path, max_bytes=max_bytes)
    yield (brief, *planner(first)(brief, pack))
    for fmt in others:
        yield render_format(fmt, brief, pack)
