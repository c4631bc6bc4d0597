"""Render hand-built DeckPlans with both packs, reopen the decks and check what is in them."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from briefgen.errors import TemplateError
from briefgen.model import Bullet, Chart, DeckPlan, SlidePlan, Tile
from briefgen.plan.pack import BUILTIN_PACK, TemplatePack, load_pack
from briefgen.render import fit
from briefgen.render.pptx import CONTINUED, render_pptx

from conftest import REPO, layout_check, validate_ooxml

TILES = (
    Tile("1 billion", "invested in the sector since 2021"),
    Tile("7,000", "researchers in the Intelligent Automotive Solution unit"),
    Tile("250 billion yuan", "potential value of the new business"),
)
SUMMARY = tuple(
    Bullet(text)
    for text in (
        "Huawei will move the core technologies of its Intelligent Automotive Solution unit into a new company.",
        "Changan Automobile may take a stake of up to 40% in the venture, valuing it at 250 billion yuan.",
        "The unit employs 7,000 researchers; Huawei has invested 1 billion dollars in the sector since 2021.",
        "Analysts expect the move to open the business to carmakers wary of Huawei's control.",
        "The company will sell driving systems, smart cockpits and vehicle cloud services.",
    )
)
SOURCES = tuple(
    Bullet(
        f"Source {i}: Reuters, 'Huawei unveils plan to spin off its intelligent automotive unit as rivals expand', "
        f"https://www.example.com/business/autos/huawei-{i}-intelligent-automotive-solution-2024-01-30/ "
        "accessed 30 January 2024"
    )
    for i in range(1, 13)
)
LONG_URL = "https://example.com/" + "a" * 480
CHART = Chart(
    title="Investment and value",
    unit="billion yuan",
    categories=("Invested", "Valuation", "Stake"),
    values=(7.1, 250.0, 100.0),
    number_format='#,##0" bn"',
)
PLAN = DeckPlan(
    title="Huawei spins off its car unit",
    subject="Executive briefing",
    keywords=("Huawei", "automotive"),
    slides=(
        SlidePlan("title", "Huawei spins off its Intelligent Automotive Solution unit", subtitle="30 January 2024 · Source"),
        SlidePlan("summary", "Executive summary", bullets=SUMMARY, notes="Summary notes."),
        SlidePlan("figures", "Key figures", tiles=TILES),
        SlidePlan("figures", "Figures compared", chart=CHART),
        SlidePlan(
            "section",
            "The deal",
            bullets=(Bullet("Changan takes up to 40%"), Bullet("Valuation of 250 billion yuan", 1)),
            notes="The full text of the deal section.",
        ),
        SlidePlan("section", "Links", bullets=(Bullet(f"See {LONG_URL} for details"),), notes="Links notes."),
        SlidePlan("sources", "Sources", bullets=SOURCES),
    ),
)
#: Layout name per slide of PLAN (sources continue onto a second slide).
ROLES = ("title", "summary", "figures", "figures", "section", "section", "sources", "sources")
SLIDE_WIDTH, SLIDE_HEIGHT = 12192000, 6858000


def corporate_pack() -> TemplatePack:
    """Return the repo's corporate pack (hand-built from the built-in one when pack.toml is absent)."""
    root = REPO / "templates"
    if (root / "pack.toml").is_file():
        return load_pack(root)
    layouts = {"title": "Cover", "summary": "Content", "figures": "Headline Only", "section": "Content",
               "sources": "Content"}
    return replace(load_pack(BUILTIN_PACK), root=root, pptx=root / "reference.pptx", layouts=layouts)


PACKS = {"default": lambda: load_pack(BUILTIN_PACK), "corporate": corporate_pack}


@pytest.fixture(scope="module", params=sorted(PACKS))
def rendered(request, tmp_path_factory) -> tuple[TemplatePack, Path, tuple[str, ...]]:
    """Render PLAN with one pack; return the pack, the written deck and the warnings."""
    pack = PACKS[request.param]()
    data, warnings = render_pptx(PLAN, pack)
    path = tmp_path_factory.mktemp(request.param) / f"{request.param}.pptx"
    path.write_bytes(data)
    return pack, path, warnings


def placeholder(slide, *types):
    """Return the slide's placeholder of one of ``types`` (None when absent)."""
    return next((ph for ph in slide.placeholders if ph.placeholder_format.type in types), None)


def title_of(slide) -> str:
    """Return the title placeholder's text."""
    return placeholder(slide, PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE).text_frame.text


def body_texts(slide) -> list[tuple[str, int]]:
    """Return (text, level) of the body placeholder's paragraphs."""
    body = placeholder(slide, PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
    return [(p.text, p.level) for p in body.text_frame.paragraphs]


def test_slides_use_the_mapped_layouts(rendered) -> None:
    pack, path, _ = rendered
    prs = Presentation(str(path))
    assert [s.slide_layout.name for s in prs.slides] == [pack.layouts[r] for r in ROLES]
    assert (prs.slide_width, prs.slide_height) == (SLIDE_WIDTH, SLIDE_HEIGHT)


def test_title_slide_has_title_and_subtitle(rendered) -> None:
    slide = Presentation(str(rendered[1])).slides[0]
    assert title_of(slide) == "Huawei spins off its Intelligent Automotive Solution unit"
    assert placeholder(slide, PP_PLACEHOLDER.SUBTITLE).text_frame.text == "30 January 2024 · Source"


def test_summary_and_section_bullets_and_notes(rendered) -> None:
    slides = Presentation(str(rendered[1])).slides
    assert title_of(slides[1]) == "Executive summary"
    assert body_texts(slides[1]) == [(b.text, 0) for b in SUMMARY]
    assert slides[1].notes_slide.notes_text_frame.text == "Summary notes."
    assert body_texts(slides[4]) == [("Changan takes up to 40%", 0), ("Valuation of 250 billion yuan", 1)]
    assert slides[4].notes_slide.notes_text_frame.text == "The full text of the deal section."
    assert body_texts(slides[5]) == [(f"See {LONG_URL} for details", 0)]
    assert not slides[2].has_notes_slide


def test_sources_continue_onto_a_second_slide(rendered) -> None:
    slides = Presentation(str(rendered[1])).slides
    assert title_of(slides[6]) == "Sources"
    assert title_of(slides[7]) == "Sources" + CONTINUED
    first, second = body_texts(slides[6]), body_texts(slides[7])
    assert first and second
    assert [t for t, _ in first + second] == [b.text for b in SOURCES]


def test_tiles_show_value_and_label_in_theme_colours(rendered) -> None:
    slide = Presentation(str(rendered[1])).slides[2]
    tiles = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    assert [tuple(p.text for p in t.text_frame.paragraphs) for t in tiles] == [(t.value, t.label) for t in TILES]
    tops = {t.top for t in tiles}
    assert len(tops) == 1  # three tiles: one row
    assert len({t.width for t in tiles}) == 1 and len({t.height for t in tiles}) == 1
    lefts = sorted(t.left for t in tiles)
    assert lefts[0] >= 0 and lefts[-1] + tiles[0].width <= SLIDE_WIDTH
    xml = tiles[0]._element.xml
    assert '<a:schemeClr val="accent1"/>' in xml and "srgbClr" not in xml
    value_run = tiles[0].text_frame.paragraphs[0].runs[0]
    assert value_run.font.name == "+mj-lt"
    assert fit.TILE_VALUE_MIN_PT <= value_run.font.size.pt <= 44
    label_run = tiles[1].text_frame.paragraphs[1].runs[0]
    assert fit.TILE_LABEL_MIN_PT <= label_run.font.size.pt <= 16


def test_copied_tiles_are_the_tiles_add_tile_draws() -> None:
    """add_tiles draws the first tile and copies it for the others: the copies must be the very XML
    that drawing each tile would give (the files stay byte-identical)."""
    from briefgen.render.pptx import Frame, add_tile, add_tile_like

    prs = Presentation(str(BUILTIN_PACK / "reference.pptx"))
    drawn_slide, copied_slide = (prs.slides.add_slide(prs.slide_layouts[0]) for _ in range(2))
    frames = [Frame(100000 + i * 2000000, 500000, 1800000, 1200000) for i in range(len(TILES))]
    sizes = (40.0, 14.0)
    for tile, frame in zip(TILES, frames):
        add_tile(drawn_slide, tile, frame, sizes)
    first = add_tile(copied_slide, TILES[0], frames[0], sizes)
    for tile, frame in zip(TILES[1:], frames[1:]):
        add_tile_like(copied_slide, first, tile, frame)
    assert copied_slide.shapes.element.xml == drawn_slide.shapes.element.xml


def test_tiles_sit_inside_the_body_area_the_master_reserves(rendered) -> None:
    prs = Presentation(str(rendered[1]))
    master_body = placeholder(prs.slide_master, PP_PLACEHOLDER.BODY)
    for shape in prs.slides[2].shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE:
            assert master_body.left <= shape.left and shape.left + shape.width <= master_body.left + master_body.width
            assert master_body.top <= shape.top and shape.top + shape.height <= master_body.top + master_body.height


def test_chart_is_a_native_bar_chart_with_the_plan_values(rendered) -> None:
    slide = Presentation(str(rendered[1])).slides[3]
    charts = [s for s in slide.shapes if s.has_chart]
    assert len(charts) == 1
    chart = charts[0].chart
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert tuple(chart.plots[0].categories) == CHART.categories
    assert tuple(chart.plots[0].series[0].values) == CHART.values
    assert chart.plots[0].data_labels.number_format == CHART.number_format
    assert not chart.has_legend
    assert chart.chart_title.text_frame.text == CHART.title
    assert '<a:schemeClr val="accent1"/>' in chart.plots[0].series[0]._element.xml


def test_every_run_has_an_explicit_size_within_template_limits(rendered) -> None:
    prs = Presentation(str(rendered[1]))
    for slide in prs.slides:
        for ph in slide.placeholders:
            is_title = ph.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
            low, high = (fit.TITLE_MIN_PT, 44) if is_title else (fit.BODY_MIN_PT, 20)
            body_pr = ph.text_frame._txBody.bodyPr
            assert body_pr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}noAutofit") is not None
            for para in ph.text_frame.paragraphs:
                for run in para.runs:
                    assert run.font.size is not None, (slide.slide_id, run.text)
                    assert low <= run.font.size.pt <= high, (run.text, run.font.size.pt)


def test_every_written_paragraph_keeps_punctuation_inside_its_box(rendered) -> None:
    """East Asian hanging punctuation would let a closing mark stick out past what was fitted."""
    prs = Presentation(str(rendered[1]))
    paragraphs = [para for slide in prs.slides for shape in slide.shapes if shape.has_text_frame
                  for para in shape.text_frame.paragraphs if para.runs]
    assert paragraphs
    for para in paragraphs:
        assert para._p.pPr is not None and para._p.pPr.get("hangingPunct") == "0", para.text


def test_no_empty_placeholders_remain(rendered) -> None:
    for slide in Presentation(str(rendered[1])).slides:
        for ph in slide.placeholders:
            assert ph.text_frame.text.strip(), f"empty {ph.placeholder_format.type} on {title_of(slide)!r}"


def test_core_properties_and_no_warnings(rendered) -> None:
    _, path, warnings = rendered
    props = Presentation(str(path)).core_properties
    assert (props.title, props.subject, props.keywords) == (PLAN.title, PLAN.subject, "Huawei, automotive")
    assert (props.author, props.last_modified_by, props.revision) == ("briefgen", "briefgen", 1)
    assert props.created == props.modified
    # the only warnings are the once-per-font notes about metric-compatible substitutes
    assert [w for w in warnings if "measured with the metric-compatible" not in w] == []


def test_decks_are_valid_ooxml(rendered) -> None:
    assert validate_ooxml(rendered[1]) == []


@pytest.mark.slow
def test_text_fits_when_rendered_by_libreoffice(rendered) -> None:
    assert layout_check(rendered[1]) == []


# --------------------------------------------------------------------------------------------
# Determinism, source slides, errors
# --------------------------------------------------------------------------------------------


def test_output_is_byte_identical_and_honours_source_date_epoch(monkeypatch) -> None:
    pack = load_pack(BUILTIN_PACK)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, _ = render_pptx(PLAN, pack)
    assert render_pptx(PLAN, pack)[0] == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1706572800")  # 2024-01-30T00:00:00Z
    dated, _ = render_pptx(PLAN, pack)
    assert render_pptx(PLAN, pack)[0] == dated != first
    props = Presentation(io.BytesIO(dated)).core_properties
    assert props.created.isoformat().startswith("2024-01-30T00:00:00")
    with zipfile.ZipFile(io.BytesIO(dated)) as zf:
        assert {info.date_time[:3] for info in zf.infolist()} == {(2024, 1, 30)}
        workbooks = [zf.read(name) for name in zf.namelist() if name.endswith(".xlsx")]
    assert workbooks, "the plan has a chart: its data travels as an embedded workbook"
    for workbook in workbooks:  # stamped when the chart was made, not left at the wall clock
        with zipfile.ZipFile(io.BytesIO(workbook)) as zf:
            assert {info.date_time[:3] for info in zf.infolist()} == {(2024, 1, 30)}
            core = zf.read("docProps/core.xml")
        assert core.count(b">2024-01-30T00:00:00Z<") == 2


def test_a_chart_deck_is_restamped_in_place_not_rewritten(monkeypatch) -> None:
    """python-pptx's compressed entries are kept: normalising the deck only sets its zip dates."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    import briefgen.render.reproducible as reproducible

    rewrites: list[int] = []
    original = reproducible._rewritten
    monkeypatch.setattr(reproducible, "_rewritten", lambda src, when: rewrites.append(len(src.infolist())) or original(src, when))
    data, _ = render_pptx(PLAN, load_pack(BUILTIN_PACK))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert any(name.endswith(".xlsx") for name in zf.namelist())
    assert rewrites and max(rewrites) < 20  # only the small workbook was rewritten, never the deck


@pytest.fixture()
def reference_with_slides(tmp_path) -> TemplatePack:
    """Return the built-in pack pointing at a copy of its deck with two slides: one to drop, one to keep."""
    prs = Presentation(str(BUILTIN_PACK / "reference.pptx"))
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Title and Content")
    for title in ("Old example slide", "Disclaimer"):
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = title
        slide.notes_slide.notes_text_frame.text = f"notes of {title}"
    path = tmp_path / "reference.pptx"
    prs.save(str(path))
    return replace(load_pack(BUILTIN_PACK), pptx=path, keep_slides=("Disclaimer",))


def test_source_slides_are_removed_except_kept_ones(reference_with_slides) -> None:
    data, _ = render_pptx(PLAN, reference_with_slides)
    prs = Presentation(io.BytesIO(data))
    titles = [title_of(s) for s in prs.slides]
    assert titles[-1] == "Disclaimer" and "Old example slide" not in titles
    assert len(prs.slides) == len(ROLES) + 1
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        slide_parts = [n for n in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
        assert len(slide_parts) == len(prs.slides)
        everything = b"".join(zf.read(n) for n in names if n.endswith((".xml", ".rels")))
    assert b"Old example slide" not in everything
    assert b"notes of Disclaimer" in everything


def test_missing_layout_falls_back_by_placeholders_with_a_warning() -> None:
    pack = load_pack(BUILTIN_PACK)
    broken = replace(pack, layouts={**pack.layouts, "summary": "Executive Summary Layout"})
    data, warnings = render_pptx(PLAN, broken)
    assert [s.slide_layout.name for s in Presentation(io.BytesIO(data)).slides][1] == "Title and Content"
    assert ("layout 'Executive Summary Layout' (role summary) not found in reference.pptx; "
            "used 'Title and Content' (same placeholders)") in warnings


def test_unknown_role_is_a_template_error() -> None:
    plan = DeckPlan(title="x", slides=(SlidePlan("appendix", "Appendix"),))
    with pytest.raises(TemplateError, match="appendix"):
        render_pptx(plan, load_pack(BUILTIN_PACK))


def test_overlong_title_is_shrunk_then_cut_with_a_warning() -> None:
    title = " ".join(["Extraordinarily"] * 40)
    plan = DeckPlan(title="x", slides=(SlidePlan("summary", title, bullets=(Bullet("One point"),)),))
    data, warnings = render_pptx(plan, load_pack(BUILTIN_PACK))
    slide = Presentation(io.BytesIO(data)).slides[0]
    shown = title_of(slide)
    assert shown.endswith("…") and len(shown) < len(title)
    assert placeholder(slide, PP_PLACEHOLDER.TITLE).text_frame.paragraphs[0].runs[0].font.size.pt == fit.TITLE_MIN_PT
    assert any("title too long" in w for w in warnings)


def test_a_single_giant_bullet_is_split_across_slides() -> None:
    text = " ".join(f"Sentence number {i} says something about the car business." for i in range(60))
    plan = DeckPlan(title="x", slides=(SlidePlan("summary", "Summary", bullets=(Bullet(text),)),))
    data, _ = render_pptx(plan, load_pack(BUILTIN_PACK))
    slides = Presentation(io.BytesIO(data)).slides
    assert len(slides) >= 2
    pieces = [body_texts(s)[0][0] for s in slides]
    assert " ".join(pieces) == text
    assert all(p.endswith(".") for p in pieces)  # split at sentence ends


@pytest.mark.parametrize("count", [1, 2, 4, 5, 6])
def test_tile_grids(count: int) -> None:
    tiles = tuple(Tile(f"{i}0%", f"label {i}") for i in range(count))
    plan = DeckPlan(title="x", slides=(SlidePlan("figures", "Figures", tiles=tiles),))
    data, _ = render_pptx(plan, load_pack(BUILTIN_PACK))
    shapes = [s for s in Presentation(io.BytesIO(data)).slides[0].shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    rows = {1: 1, 2: 1, 4: 2, 5: 2, 6: 2}[count]
    assert len(shapes) == count
    assert len({s.top for s in shapes}) == rows
    assert [s.text_frame.paragraphs[0].text for s in shapes] == [t.value for t in tiles]


def test_no_break_spaces_stay_in_slide_text_and_other_whitespace_collapses() -> None:
    plan = DeckPlan(title="Costs", slides=(
        SlidePlan("section", "Costs of 10\u00a0000\u00a0euros", bullets=(Bullet("A cut of 5\u202f%\tand  more\nlater"),)),
        SlidePlan("figures", "Key figures", tiles=(Tile("12\u00a0500", "new  jobs"),)),
    ))
    data, _ = render_pptx(plan, load_pack(BUILTIN_PACK))
    section, figures = Presentation(io.BytesIO(data)).slides
    assert title_of(section) == "Costs of 10\u00a0000\u00a0euros"
    assert body_texts(section) == [("A cut of 5\u202f% and more later", 0)]
    tile_texts = [s.text_frame.text for s in figures.shapes if s.has_text_frame and "12" in s.text_frame.text]
    assert tile_texts and "12\u00a0500" in tile_texts[0] and "new jobs" in tile_texts[0]
