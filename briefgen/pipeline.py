"""The whole path for one article: read -> analyse -> plan -> render -> write (atomically).

One article's formats can also be made side by side (``make_briefing(parallel=True)``): a forked
process reads and analyses the article, hands the analysis back and renders the Word briefing,
while this one loads python-pptx and renders the deck. ``briefgen make one.txt`` on a machine with
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
    """Load the analysis and the planners and renderers of ``formats`` now.

    They are loaded on first use otherwise: a process that only renders (the deck's, when one
    article's formats are made side by side) never loads the analysis, one that only reads
    (``briefgen parse``) no renderer.
    """
    from . import analysis  # noqa: F401, PLC0415

    for fmt in formats:
        stages(fmt)


def stages(fmt: OutputFormat) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """Return the plan and render functions of ``fmt`` (``plan_deck``, ``render_pptx``), loading them on first use.

    Planning needs jinja2 and YAML, each renderer python-pptx or python-docx: reading an article
    (``brief_file``, ``briefgen parse``) loads none of them, writing one format only its own.
    """
    if fmt is OutputFormat.PPTX:
        from .plan import plan_deck  # noqa: PLC0415
        from .render.pptx import render_pptx  # noqa: PLC0415

        return plan_deck, render_pptx
    from .plan import plan_document  # noqa: PLC0415
    from .render.docx import render_docx  # noqa: PLC0415

    return plan_document, render_docx


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
    plan_for, render = stages(fmt)
    plan, plan_warnings = plan_for(brief, pack)
    data, render_warnings = render(plan, pack)
    return data, (*plan_warnings, *render_warnings)


Rendered = dict[OutputFormat, tuple[bytes, tuple[str, ...]]]


def _side_by_side(path: Path, pack: TemplatePack, wanted: list[OutputFormat],
                  max_bytes: int) -> tuple[Brief, Rendered] | None:
    """Return the brief and the rendered formats, the first made here and the others in a fork;
    None when no process can be forked now (then everything is done in this one).

    The forked process reads and analyses the article while this one loads the first format's
    planner and renderer (python-pptx for the deck); it sends the brief back at once, then renders
    the other formats.
    """
    try:
        child = Forked(partial(_read_then_render, path, pack, wanted[1:], max_bytes))
    except OSError:  # a process limit, no memory for the page tables: one process after all
        return None
    with child:
        stages(wanted[0])
        brief: Brief = child.receive()
        outcomes: Rendered = {wanted[0]: render_format(wanted[0], brief, pack)}
        for fmt in wanted[1:]:
            outcomes[fmt] = child.receive()
    return brief, outcomes


def _read_then_render(path: Path, pack: TemplatePack, formats: list[OutputFormat],
                      max_bytes: int) -> Iterator[Any]:
    """Yield the article's brief, then each of ``formats`` rendered (the forked side of ``_side_by_side``)."""
    brief = brief_file(path, max_bytes=max_bytes)
    yield brief
    for fmt in formats:
        yield render_format(fmt, brief, pack)
