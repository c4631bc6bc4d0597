"""Three companies' own templates (built in tmp folders), briefed end to end and reopened.

The packs come from ``corporate_templates.py``: Acme (16:9, renamed layouts, custom Word styles),
Globex (4:3, German layouts, dark theme, a kept Disclaimer slide), Initech (16:9 without title-only
and section layouts, a manifest that maps two roles, a Word file missing two built-in styles).
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

import corporate_templates as corp
from briefgen.errors import TemplateError
from briefgen.model import BlockKind, DeckPlan, DocBlock, DocPlan, SlidePlan, StyleInfo
from briefgen.pipeline import BriefingResult, OutputFormat, brief_file, make_briefing
from briefgen.plan import plan_deck
from briefgen.plan.pack import BUILTIN_PACK, TemplatePack, load_pack
from briefgen.render.docx import describe_document, render_docx
from briefgen.render.pptx import describe_deck, render_pptx
from conftest import INPUTS, layout_check, validate_ooxml

ARTICLES = {"huawei-ev": "30 January 2024", "global-chip-deals": "2 June 2025"}
WIDE, NARROW, HEIGHT = 12192000, 9144000, 6858000
TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


@dataclass(frozen=True)
class Company:
    """What each company's pack should produce."""

    width: int
    layouts: dict[str, str]  # role -> layout name the output must use
    fonts: tuple[str, str]  # theme major, minor
    styles: dict[str, str]  # Word role -> style name the output must use
    fallbacks: tuple[str, ...]  # the layout/style fallback warnings, exactly
    font_warnings: tuple[str, ...]  # last-resort substitutions that must be warned (metric ones may be)


INITECH_TEXT = "Initech Text"
COMPANIES = {
    "acme": Company(
        width=WIDE,
        layouts=corp.ACME_LAYOUTS,
        fonts=("Georgia", "Arial"),
        styles=corp.ACME_STYLES,
        fallbacks=(),
        font_warnings=("font 'Georgia' not installed; measured with 'DejaVu Sans'",),
    ),
    "globex": Company(
        width=NARROW,
        layouts=corp.GLOBEX_LAYOUTS,
        fonts=("Times New Roman", "Times New Roman"),
        styles=corp.GLOBEX_STYLES,
        fallbacks=(),
        font_warnings=(),
    ),
    "initech": Company(
        width=WIDE,
        layouts={"title": "Initech Title", "summary": INITECH_TEXT, "figures": INITECH_TEXT,
                 "section": INITECH_TEXT, "sources": INITECH_TEXT},
        fonts=("Verdana", "Verdana"),
        styles={"title": "Title", "subtitle": "Subtitle", "heading": "Heading 1", "body": "Normal",
                "bullet": "List Paragraph", "table": "Table Grid"},
        fallbacks=(
            "layout 'Title Only' (role figures) not found in reference.pptx; "
            "used 'Initech Text' (closest placeholders: body, title)",
            "layout 'Title and Content' (role section) not found in reference.pptx; "
            "used 'Initech Text' (same placeholders)",
            "layout 'Title and Content' (role sources) not found in reference.pptx; "
            "used 'Initech Text' (same placeholders)",
            "paragraph style 'List Bullet' (role bullet) not found in reference.docx; used 'List Paragraph'",
            "table style 'Light Grid Accent 1' (role table) not found in reference.docx; used 'Table Grid'",
        ),
        font_warnings=("font 'Verdana' not installed; measured with 'DejaVu Sans'",),
    ),
}


@dataclass(frozen=True)
class Briefed:
    """One company's pack and the briefings made with it, per article."""

    name: str
    company: Company
    pack: TemplatePack
    results: dict[str, BriefingResult]


@pytest.fixture(scope="module")
def packs(tmp_path_factory) -> dict[str, Path]:
    """Build the three packs once."""
    root = tmp_path_factory.mktemp("corporate")
    return {name: build(root / name) for name, build in corp.BUILDERS.items()}


@pytest.fixture(scope="module", params=sorted(COMPANIES))
def briefed(request, packs, tmp_path_factory) -> Briefed:
    """Brief both sample articles (deck and document) with one company's pack."""
    pack = load_pack(packs[request.param])
    out = tmp_path_factory.mktemp(f"{request.param}-out")
    results = {
        stem: make_briefing(INPUTS / f"{stem}.txt", pack, out, stem, (OutputFormat.PPTX, OutputFormat.DOCX))
        for stem in ARTICLES
    }
    return Briefed(request.param, COMPANIES[request.param], pack, results)


def decks(briefed: Briefed) -> dict[str, Path]:
    """Return the written deck per article."""
    return {stem: next(f for f in r.files if f.suffix == ".pptx") for stem, r in briefed.results.items()}


def documents(briefed: Briefed) -> dict[str, Path]:
    """Return the written document per article."""
    return {stem: next(f for f in r.files if f.suffix == ".docx") for stem, r in briefed.results.items()}


def title_text(slide) -> str:
    """Return the slide's title placeholder text ("" when it has none)."""
    title = next((ph for ph in slide.placeholders if ph.placeholder_format.type in TITLE_TYPES), None)
    return title.text_frame.text if title is not None else ""


def role_of(index: int, title: str) -> str:
    """Return the storyboard role that produced a slide, from its position and title."""
    if index == 0:
        return "title"
    for prefix, role in (("Executive summary", "summary"), ("Key figures", "figures"), ("Sources", "sources")):
        if title.startswith(prefix):
            return role
    return "section"


# ---------------------------------------------------------------------------------------------
# Decks
# ---------------------------------------------------------------------------------------------


def test_slide_size_is_the_templates(briefed: Briefed) -> None:
    for path in decks(briefed).values():
        prs = Presentation(str(path))
        assert (prs.slide_width, prs.slide_height) == (briefed.company.width, HEIGHT)


def test_each_slide_uses_the_mapped_or_fallback_layout(briefed: Briefed) -> None:
    for path in decks(briefed).values():
        slides = list(Presentation(str(path)).slides)
        if briefed.name == "globex":
            assert (slides[-1].slide_layout.name, title_text(slides[-1])) == ("Titel und Inhalt", corp.DISCLAIMER)
            slides = slides[:-1]
        wanted = [briefed.company.layouts[role_of(i, title_text(s))] for i, s in enumerate(slides)]
        assert [s.slide_layout.name for s in slides] == wanted
        assert {"summary", "figures", "section", "sources"} <= {role_of(i, title_text(s)) for i, s in enumerate(slides)}


def test_title_slide_has_title_and_date(briefed: Briefed) -> None:
    for stem, path in decks(briefed).items():
        slide = Presentation(str(path)).slides[0]
        assert title_text(slide) == briefed.results[stem].title
        subtitle = next(ph for ph in slide.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE)
        assert subtitle.text_frame.text.startswith(ARTICLES[stem])


def test_every_placeholder_is_filled(briefed: Briefed) -> None:
    for path in decks(briefed).values():
        for number, slide in enumerate(Presentation(str(path)).slides, start=1):
            assert title_text(slide), f"slide {number} has no title"
            empty = [ph.name for ph in slide.placeholders if not ph.has_text_frame or not ph.text_frame.text.strip()]
            assert empty == [], f"slide {number}: empty placeholders {empty}"
            texts = [ph for ph in slide.placeholders if ph.placeholder_format.type not in TITLE_TYPES]
            drawn = [sh for sh in slide.shapes if not sh.is_placeholder]
            assert texts or drawn, f"slide {number} has only a title"


def test_kept_disclaimer_is_last_and_sample_slides_are_gone(briefed: Briefed) -> None:
    for path in decks(briefed).values():
        titles = [title_text(s) for s in Presentation(str(path)).slides]
        assert corp.SAMPLE_SLIDE not in titles
        if briefed.name == "globex":
            assert titles[-1] == corp.DISCLAIMER and titles.count(corp.DISCLAIMER) == 1
            body = Presentation(str(path)).slides[-1].placeholders[1].text_frame.text
            assert body == corp.DISCLAIMER_TEXT
        else:
            assert corp.DISCLAIMER not in titles


def test_output_decks_keep_the_companys_theme(briefed: Briefed) -> None:
    theme = {"acme": corp.ACME, "globex": corp.GLOBEX, "initech": corp.INITECH}[briefed.name]
    for path in decks(briefed).values():
        info = describe_deck(path)
        assert (info.major_font, info.minor_font) == briefed.company.fonts
        assert dict(info.colours) == theme.colours


def test_fallbacks_and_font_substitutions_are_warned(briefed: Briefed) -> None:
    for result in briefed.results.values():
        fallbacks = tuple(w for w in result.warnings if w.startswith(("layout ", "paragraph style", "table style")))
        assert fallbacks == briefed.company.fallbacks
        fonts = [w for w in result.warnings if w.startswith("font ")]
        assert [w for w in fonts if "metric-compatible" not in w] == list(briefed.company.font_warnings)
        assert all(w.split("'")[1] in briefed.company.fonts for w in fonts)


def test_renderer_warns_once_per_font_and_per_fallback(packs) -> None:
    pack = load_pack(packs["initech"])
    plan, _ = plan_deck(brief_file(INPUTS / "huawei-ev.txt"), pack)
    _, warnings = render_pptx(plan, pack)
    assert sum(w.startswith("font 'Verdana'") for w in warnings) == 1
    assert sum("(role section)" in w for w in warnings) == 1
    assert len(warnings) == len(set(warnings))


# ---------------------------------------------------------------------------------------------
# Word documents
# ---------------------------------------------------------------------------------------------


def test_word_paragraphs_and_table_use_the_companys_styles(briefed: Briefed) -> None:
    styles = briefed.company.styles
    for path in documents(briefed).values():
        document = Document(str(path))
        paragraphs = document.paragraphs
        assert (paragraphs[0].style.name, paragraphs[1].style.name) == (styles["title"], styles["subtitle"])
        used = {p.style.name for p in paragraphs}
        assert used == {styles[r] for r in ("title", "subtitle", "heading", "body", "bullet")}
        summary = next(i for i, p in enumerate(paragraphs) if p.text == "Executive summary")
        assert paragraphs[summary].style.name == styles["heading"]
        assert paragraphs[summary + 1].style.name == styles["bullet"]
        assert [t.style.name for t in document.tables] == [styles["table"]]


# ---------------------------------------------------------------------------------------------
# Validity and layout (LibreOffice)
# ---------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_outputs_are_valid_ooxml(briefed: Briefed) -> None:
    assert validate_ooxml(*decks(briefed).values(), *documents(briefed).values()) == []


@pytest.mark.slow
def test_decks_pass_the_layout_check(briefed: Briefed) -> None:
    for path in decks(briefed).values():
        assert layout_check(path) == []


# ---------------------------------------------------------------------------------------------
# describe_deck / describe_document
# ---------------------------------------------------------------------------------------------


def layout_by_name(info, name: str):
    """Return the LayoutInfo called ``name``."""
    return next(layout for layout in info.layouts if layout.name == name)


def test_describe_acme_deck(packs) -> None:
    path = packs["acme"] / "reference.pptx"
    info = describe_deck(path)
    assert (info.width, info.height) == (13.3333, 7.5)
    assert (info.major_font, info.minor_font) == ("Georgia", "Arial")
    assert dict(info.colours) == corp.ACME.colours
    assert info.slides == ()
    names = [layout.name for layout in info.layouts]
    assert names[:2] == ["Cover Page", "1_Title and Content"] and "Headline" in names and len(names) == 11
    cover = layout_by_name(info, "Cover Page")
    assert [(p.idx, p.kind) for p in cover.placeholders] == [
        (0, "center_title"), (1, "subtitle"), (10, "date"), (11, "footer"), (12, "slide_number")]
    assert layout_by_name(info, "1_Title and Content").kinds == {"title", "object", "date", "footer", "slide_number"}
    assert "picture" in layout_by_name(info, "Picture with Caption").kinds
    # "Headline" sets no position for its title: it is the master's (widened to 16:9).
    master_title = Presentation(str(path)).slide_master.placeholders[0]
    title = layout_by_name(info, "Headline").placeholders[0]
    assert (title.kind, title.left, title.top, title.width, title.height) == (
        "title", round(master_title.left / 914400, 4), round(master_title.top / 914400, 4),
        round(master_title.width / 914400, 4), round(master_title.height / 914400, 4))
    assert title.width > 10  # scaled, not the 4:3 9 inches


def test_describe_globex_deck(packs) -> None:
    info = describe_deck(packs["globex"] / "reference.pptx")
    assert (info.width, info.height) == (10.0, 7.5)
    assert [layout.name for layout in info.layouts] == [
        name for name in corp.GERMAN_LAYOUTS.values() if name != "Abschnittsüberschrift"]
    assert (info.major_font, info.minor_font) == ("Times New Roman", "Times New Roman")
    assert dict(info.colours)["dk1"] == "0B1320"
    assert info.slides == (("Titel und Inhalt", corp.SAMPLE_SLIDE), ("Titel und Inhalt", corp.DISCLAIMER))


def test_describe_initech_deck_without_deleted_layouts(packs) -> None:
    path = packs["initech"] / "reference.pptx"
    info = describe_deck(path)
    names = [layout.name for layout in info.layouts]
    assert "Section Header" not in names and "Title Only" not in names and len(names) == 9
    columns = layout_by_name(info, "Content - 2 columns")
    assert [p.kind for p in columns.placeholders if p.kind == "object"] == ["object", "object"]
    left, right = (p for p in columns.placeholders if p.kind == "object")
    assert left.left < right.left and left.top == right.top
    assert (info.major_font, info.minor_font) == ("Verdana", "Verdana")
    with zipfile.ZipFile(path) as package:  # deleted properly: the parts are gone, not just hidden
        layouts = [n for n in package.namelist() if n.startswith("ppt/slideLayouts/slideLayout")]
    assert len(layouts) == 9


def test_describe_deck_reads_system_colours(tmp_path: Path) -> None:
    path = tmp_path / "plain.pptx"
    Presentation().save(str(path))
    colours = dict(describe_deck(path).colours)
    assert (colours["dk1"], colours["lt1"]) == ("000000", "FFFFFF")  # sysClr windowText/window: lastClr
    assert list(colours) == ["dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5",
                             "accent6", "hlink", "folHlink"]


def test_describe_unreadable_files_are_template_errors(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pptx"
    bad.write_text("not a zip", encoding="utf-8")
    with pytest.raises(TemplateError, match="cannot open"):
        describe_deck(bad)
    with pytest.raises(TemplateError, match="cannot open"):
        describe_document(bad.with_suffix(".docx"))


def test_describe_documents(packs) -> None:
    acme = describe_document(packs["acme"] / "reference.docx")
    assert {StyleInfo("Acme Title", "paragraph", False), StyleInfo("Acme Bullet", "paragraph", False),
            StyleInfo("Acme Table", "table", False), StyleInfo("Normal", "paragraph", True),
            StyleInfo("Strong", "character", True), StyleInfo("No List", "list", True)} <= set(acme.styles)
    assert (acme.page_width, acme.page_height) == pytest.approx((8.27, 11.69), abs=0.01)  # A4 in twips
    assert (acme.body_font, acme.heading_font) == ("Arial", "Georgia")  # docDefaults/Heading 1 -> theme
    globex = describe_document(packs["globex"] / "reference.docx")
    assert (globex.body_font, globex.heading_font) == ("Times New Roman", "Times New Roman")
    initech = describe_document(packs["initech"] / "reference.docx")
    assert (initech.page_width, initech.page_height) == (8.5, 11.0)
    assert (initech.body_font, initech.heading_font) == ("Verdana", "Verdana")
    names = {s.name for s in initech.styles}
    assert "List Bullet" not in names and "Light Grid Accent 1" not in names and "Table Grid" in names


# ---------------------------------------------------------------------------------------------
# When nothing can serve
# ---------------------------------------------------------------------------------------------


def test_no_layout_can_serve_the_role_is_a_template_error(tmp_path: Path) -> None:
    prs = Presentation()
    for layout in [layout for layout in prs.slide_layouts if layout.name != "Blank"]:
        prs.slide_layouts.remove(layout)
    path = tmp_path / "blank.pptx"
    prs.save(str(path))
    pack = dataclasses.replace(load_pack(BUILTIN_PACK), pptx=path)
    with pytest.raises(TemplateError) as caught:
        render_pptx(DeckPlan(title="t", slides=(SlidePlan("title", "A title"),)), pack)
    message = str(caught.value)
    assert "'Title Slide' (role 'title') not found" in message and "available layouts: Blank" in message
    assert caught.value.path == str(path)


def test_no_style_of_the_kind_is_a_template_error(tmp_path: Path) -> None:
    document = Document()
    for style in [s for s in document.styles if s.type == WD_STYLE_TYPE.TABLE]:
        style.element.getparent().remove(style.element)
    path = tmp_path / "no-tables.docx"
    document.save(str(path))
    pack = dataclasses.replace(load_pack(BUILTIN_PACK), docx=path)
    plan = DocPlan(title="t", blocks=(DocBlock(BlockKind.TABLE, rows=(("a", "b"),)),))
    with pytest.raises(TemplateError, match=r"table style 'Light Grid Accent 1' \(role 'table'\) not found"):
        render_docx(plan, pack)


def test_layout_fallback_picks_by_placeholders_not_by_name(tmp_path: Path) -> None:
    prs = Presentation()
    corp.rename_layouts(prs, {"Title Only": "Nur Titel", "Title Slide": "Titelfolie"})
    path = tmp_path / "brand.pptx"
    prs.save(str(path))
    pack = dataclasses.replace(load_pack(BUILTIN_PACK), pptx=path)
    plan = DeckPlan(title="t", slides=(SlidePlan("title", "Cover", subtitle="30 January 2024"),
                                       SlidePlan("figures", "Key figures")))
    data, warnings = render_pptx(plan, pack)
    assert [s.slide_layout.name for s in Presentation(io.BytesIO(data)).slides] == ["Titelfolie", "Nur Titel"]
    assert "layout 'Title Only' (role figures) not found in brand.pptx; used 'Nur Titel' (same placeholders)" in warnings
    assert "layout 'Title Slide' (role title) not found in brand.pptx; used 'Titelfolie' (same placeholders)" in warnings
