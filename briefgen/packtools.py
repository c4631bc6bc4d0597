"""Template pack tools: adopt a company's .pptx/.docx as a pack, and check a pack before use.

``adopt_company_files`` writes a pack folder whose manifest maps briefgen's roles to the company's
own layout and style names (chosen by placeholder types and style names, for review).
``check_pack`` reports what maps to what, what is missing or falls back, and renders every
storyboard and both reference files against a built-in sample brief, or the user's own articles.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from .errors import BriefgenError, TemplateError
from .model import DeckInfo, DocumentInfo, LayoutInfo
from .pipeline import brief_file
from .plan import plan_deck, plan_document
from .plan.pack import (BUILTIN_PACK, LAYOUT_ROLES, MANIFEST_NAME, ROLE_SIGNATURES, STYLE_ROLES, TemplatePack,
                        layout_signature, load_pack, suggest_layout)
from .safety import check_office_file
from .model import Brief
from .plan.sample import sample_brief
from .render.docx import STYLE_FALLBACKS, describe_document, render_docx
from .render.pptx import describe_deck, render_pptx

#: Placeholder kinds each slide role needs to be filled as designed.
ROLE_NEEDS: dict[str, frozenset[str]] = {
    "title": frozenset({"title", "subtitle"}),
    "summary": frozenset({"title", "body"}),
    "section": frozenset({"title", "body"}),
    "sources": frozenset({"title", "body"}),
    "figures": frozenset({"title"}),
}
#: Word roles: the style kind each needs, and words that identify a company's own style for it.
STYLE_NEEDS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "title": ("paragraph", ("title",), "Title"),
    "subtitle": ("paragraph", ("subtitle",), "Subtitle"),
    "heading": ("paragraph", ("heading 1", "heading"), "Heading 1"),
    "body": ("paragraph", ("body", "text"), "Normal"),
    "bullet": ("paragraph", ("bullet",), "List Bullet"),
    "table": ("table", ("table",), "Table Grid"),
}
_STORYBOARDS = ("deck.yaml.j2", "document.yaml.j2")


class Status(str, Enum):
    """The outcome of one check."""

    OK = "ok"
    FALLBACK = "fallback"
    MISSING = "missing"
    ERROR = "error"


@dataclass(frozen=True)
class CheckItem:
    """One line of a pack check: what was checked, its outcome and the detail."""

    area: str
    subject: str
    status: Status
    detail: str


@dataclass(frozen=True)
class PackReport:
    """The result of ``check_pack``: every item checked and the warnings met."""

    root: Path
    items: tuple[CheckItem, ...]
    warnings: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when nothing is missing or broken (fallbacks are allowed)."""
        return not any(i.status in (Status.MISSING, Status.ERROR) for i in self.items)


# --------------------------------------------------------------------------------------------
# check
# --------------------------------------------------------------------------------------------


def check_pack(folder: Path | None, articles: Sequence[Path] = ()) -> PackReport:
    """Return the report on the pack at ``folder`` (None: the search path), rendering ``articles``
    through it (none: the built-in sample). Raises ``TemplateError`` when the manifest itself is invalid."""
    pack = load_pack(folder)
    items: list[CheckItem] = []
    warnings = list(pack.warnings)
    items += _check_layouts(pack)
    items += _check_styles(pack)
    if not articles:
        items += _check_rendering(pack, sample_brief(), "the sample brief", warnings)
    for path in articles:
        try:
            brief = brief_file(path)
        except BriefgenError as exc:
            items.append(CheckItem("article", path.name, Status.ERROR, str(exc)))
            continue
        items += _check_rendering(pack, brief, path.name, warnings)
    return PackReport(pack.root, tuple(items), tuple(dict.fromkeys(warnings)))


def _check_layouts(pack: TemplatePack) -> list[CheckItem]:
    deck = describe_deck(pack.pptx)
    by_name = {layout.name: layout for layout in deck.layouts}
    items = [CheckItem("deck", pack.pptx.name, Status.OK,
                       f"{deck.width:.2f} x {deck.height:.2f} in, fonts {deck.major_font} / {deck.minor_font}, "
                       f"{len(deck.layouts)} layouts, {len(deck.slides)} existing slide(s)")]
    for role in LAYOUT_ROLES:
        wanted = pack.layouts[role]
        layout = by_name.get(wanted)
        if layout is None:
            other = suggest_layout(role, deck.layouts)
            if other is None:
                items.append(CheckItem("layout", role, Status.MISSING,
                                       f"{wanted!r} not found and no layout has the placeholders "
                                       f"({', '.join(sorted(ROLE_NEEDS[role]))}); available: "
                                       f"{', '.join(lay.name for lay in deck.layouts)}"))
            else:
                have = layout_signature(other)
                how = ("same placeholders" if have == ROLE_SIGNATURES[role][0]
                       else f"closest placeholders: {', '.join(sorted(have))}")
                items.append(CheckItem("layout", role, Status.FALLBACK,
                                       f"{wanted!r} not found; {other.name!r} would be used ({how})"))
            continue
        items.append(_layout_item(role, layout))
    for name in pack.keep_slides:
        found = any(name in (layout, title) for layout, title in deck.slides)
        items.append(CheckItem("keep", name, Status.OK if found else Status.MISSING,
                               "kept at the end of every deck" if found else "no existing slide has this title or layout"))
    return items


def _layout_item(role: str, layout: LayoutInfo) -> CheckItem:
    have = layout_signature(layout)
    lacking = ROLE_NEEDS[role] - have
    kinds = ", ".join(sorted(have)) or "no placeholders"
    if not lacking:
        return CheckItem("layout", role, Status.OK, f"{layout.name!r} ({kinds})")
    if "title" in lacking:
        return CheckItem("layout", role, Status.MISSING, f"{layout.name!r} has no title placeholder ({kinds})")
    where = "the master's body area" if "body" in lacking else "the body placeholder"
    return CheckItem("layout", role, Status.FALLBACK,
                     f"{layout.name!r} lacks {', '.join(sorted(lacking))}; that text goes into {where} ({kinds})")


def _check_styles(pack: TemplatePack) -> list[CheckItem]:
    document = describe_document(pack.docx)
    kinds = {style.name: style.kind for style in document.styles}
    items = [CheckItem("document", pack.docx.name, Status.OK,
                       f"{document.page_width:.2f} x {document.page_height:.2f} in, fonts "
                       f"{document.heading_font} / {document.body_font}")]
    for role in STYLE_ROLES:
        name = pack.styles[role]
        need = STYLE_NEEDS[role][0]
        if kinds.get(name) == need:
            items.append(CheckItem("style", role, Status.OK, repr(name)))
            continue
        problem = f"{name!r} is a {kinds[name]} style" if name in kinds else f"{name!r} not found"
        stand_in = next((n for n in STYLE_FALLBACKS.get(role, ()) if kinds.get(n) == need), None)
        if stand_in is not None:
            items.append(CheckItem("style", role, Status.FALLBACK, f"{problem}; {stand_in!r} would be used"))
        else:
            available = sorted(n for n, k in kinds.items() if k == need)
            items.append(CheckItem("style", role, Status.MISSING, f"{problem}; {need} styles: {', '.join(available)}"))
    return items


def _check_rendering(pack: TemplatePack, brief: Brief, what: str, warnings: list[str]) -> list[CheckItem]:
    """Plan and render ``brief`` (called ``what``) through both storyboards, in memory."""
    items = []
    for name, make_plan, render in ((pack.deck_template, plan_deck, render_pptx),
                                    (pack.document_template, plan_document, render_docx)):
        try:
            plan, plan_warnings = make_plan(brief, pack)
        except TemplateError as exc:
            items.append(CheckItem("template", name, Status.ERROR, str(exc)))
            continue
        source = _template_source(pack, name)
        items.append(CheckItem("template", name, Status.OK, f"renders {what} ({source})"))
        try:
            _, render_warnings = render(plan, pack)
        except BriefgenError as exc:
            items.append(CheckItem("render", name, Status.ERROR, str(exc)))
            continue
        warnings += [*plan_warnings, *render_warnings]
        count = len(getattr(plan, "slides", ())) or len(getattr(plan, "blocks", ()))
        unit = "slides" if hasattr(plan, "slides") else "blocks"
        items.append(CheckItem("render", name, Status.OK, f"{what} rendered: {count} {unit}"))
    return items


def _template_source(pack: TemplatePack, name: str) -> str:
    return "this pack" if (pack.root / name).is_file() else "built-in"


# --------------------------------------------------------------------------------------------
# init --from
# --------------------------------------------------------------------------------------------


def adopt_company_files(folder: Path, pptx: Path | None, docx: Path | None) -> tuple[list[Path], list[str]]:
    """Create a pack in ``folder`` from a company's deck and/or document; return (files written, notes).

    The reference files are checked first (macros, outside links, zip bombs are refused); the
    manifest maps roles to the company's layouts and styles, chosen by placeholder types and
    style names, with the alternatives listed in comments for review. Raises ``TemplateError``.
    """
    for path in (p for p in (pptx, docx) if p is not None):
        if not path.is_file():
            raise TemplateError("file not found", str(path))
        check_office_file(path)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    notes: list[str] = []
    deck = describe_deck(pptx) if pptx else None
    document = describe_document(docx) if docx else None
    for source, target in ((pptx, "reference.pptx"), (docx, "reference.docx")):
        if source is not None:
            shutil.copyfile(source, folder / target)
            written.append(folder / target)
    for name in _STORYBOARDS:
        shutil.copyfile(BUILTIN_PACK / name, folder / name)
        written.append(folder / name)
    layouts = _suggest_layouts(deck, notes) if deck else {}
    styles = _suggest_styles(document, notes) if document else {}
    manifest = folder / MANIFEST_NAME
    manifest.write_text(manifest_text(deck, document, layouts, styles), encoding="utf-8")
    written.append(manifest)
    return written, notes


def _suggest_layouts(deck: DeckInfo, notes: list[str]) -> dict[str, str]:
    chosen = {}
    for role in LAYOUT_ROLES:
        layout = suggest_layout(role, deck.layouts)
        if layout is None:
            notes.append(f"no layout of {Path(deck.path).name} serves the {role!r} slides; the built-in mapping is kept")
        else:
            chosen[role] = layout.name
    return chosen


def _suggest_styles(document: DocumentInfo, notes: list[str]) -> dict[str, str]:
    chosen = {}
    for role, (kind, words, default) in STYLE_NEEDS.items():
        styles = [s for s in document.styles if s.kind == kind]
        own = [s.name for s in styles if not s.builtin and any(w in s.name.lower() for w in words)]
        named = [s.name for s in styles if s.name.lower() == default.lower()]
        pick = (own or named or [None])[0]
        if pick is None and role == "table":
            pick = next((s.name for s in styles if s.name != "Normal Table"), None)
        if pick is None:
            notes.append(f"no {kind} style of {Path(document.path).name} serves {role!r}; the built-in mapping is kept")
        else:
            chosen[role] = pick
    return chosen


def manifest_text(deck: DeckInfo | None, document: DocumentInfo | None,
                  layouts: dict[str, str], styles: dict[str, str]) -> str:
    """Return the pack.toml for the chosen mapping, with what else is available in comments."""
    lines = ["# Written by `briefgen templates init --from`: review the mapping, then run", "# `briefgen templates check` on this folder.",
             'name = "company pack"', ""]
    if deck is not None:
        lines += ["[pptx]", 'file = "reference.pptx"']
        titles = [title for _, title in deck.slides if title]
        lines.append("# Existing slides are removed from every deck unless named here (by title or layout name).")
        if titles:
            lines.append("# This deck's slides: " + "; ".join(titles))
        lines += ["keep_slides = []", "", "[pptx.layouts]",
                  "# Available: " + "; ".join(f"{lay.name} ({', '.join(sorted(layout_signature(lay)))})" for lay in deck.layouts)]
        lines += [f"{role} = {_toml_string(name)}" for role, name in layouts.items()]
        lines.append("")
    if document is not None:
        lines += ["[docx]", 'file = "reference.docx"', "", "[docx.styles]"]
        for kind in ("paragraph", "table"):
            names = sorted(s.name for s in document.styles if s.kind == kind)
            lines.append(f"# {kind.capitalize()} styles: " + "; ".join(names))
        lines += [f"{role} = {_toml_string(name)}" for role, name in styles.items()]
        lines.append("")
    return "\n".join(lines)


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
