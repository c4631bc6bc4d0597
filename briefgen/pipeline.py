"""The whole path for one article: read -> analyse -> plan -> render -> write (atomically)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .analysis import analyse
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
    return analyse(read_article(path, max_bytes=max_bytes))


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
                  formats: tuple[OutputFormat, ...], *, max_bytes: int = DEFAULT_MAX_BYTES) -> BriefingResult:
    """Write the briefing files of one article into ``out_dir`` and return what was written.

    Every file is rendered in memory first and then written atomically, so a failure leaves
    no half-written file. Raises ``BriefgenError`` subclasses.
    """
    brief = brief_file(path, max_bytes=max_bytes)
    rendered: list[tuple[Path, bytes]] = []
    warnings: list[str] = []
    for fmt in OutputFormat:  # the deck first, then the document
        if fmt in formats:
            plan_for, render = stages(fmt)
            plan, plan_warnings = plan_for(brief, pack)
            data, render_warnings = render(plan, pack)
            rendered.append((out_dir / f"{stem}.{fmt.value}", data))
            warnings += [*plan_warnings, *render_warnings]
    for target, data in rendered:
        write_atomic(target, data)
    return BriefingResult(path, brief.title, tuple(t for t, _ in rendered), tuple(dict.fromkeys(warnings)))
