"""The whole path for one article: read -> analyse -> plan -> render -> write (atomically)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from .analysis import analyse
from .model import Brief
from .output import write_atomic
from .plan import plan_deck, plan_document
from .plan.pack import TemplatePack
from .readers import DEFAULT_MAX_BYTES, read_article
from .render.docx import render_docx
from .render.pptx import render_pptx


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


def make_briefing(path: Path, pack: TemplatePack, out_dir: Path, stem: str,
                  formats: tuple[OutputFormat, ...], *, max_bytes: int = DEFAULT_MAX_BYTES) -> BriefingResult:
    """Write the briefing files of one article into ``out_dir`` and return what was written.

    Every file is rendered in memory first and then written atomically, so a failure leaves
    no half-written file. Raises ``BriefgenError`` subclasses.
    """
    brief = brief_file(path, max_bytes=max_bytes)
    rendered: list[tuple[Path, bytes]] = []
    warnings: list[str] = []
    if OutputFormat.PPTX in formats:
        plan, plan_warnings = plan_deck(brief, pack)
        data, render_warnings = render_pptx(plan, pack)
        rendered.append((out_dir / f"{stem}.pptx", data))
        warnings += [*plan_warnings, *render_warnings]
    if OutputFormat.DOCX in formats:
        plan, plan_warnings = plan_document(brief, pack)
        data, render_warnings = render_docx(plan, pack)
        rendered.append((out_dir / f"{stem}.docx", data))
        warnings += [*plan_warnings, *render_warnings]
    for target, data in rendered:
        write_atomic(target, data)
    return BriefingResult(path, brief.title, tuple(t for t, _ in rendered), tuple(dict.fromkeys(warnings)))
