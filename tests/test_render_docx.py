"""Tests for briefgen.render.docx: reopen the rendered .docx and check styles, texts and tables."""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Emu

from briefgen.errors import TemplateError
from briefgen.model import BlockKind, DocBlock, DocPlan
from briefgen.plan.pack import BUILTIN_PACK, TemplatePack, load_pack
from briefgen.render.docx import clean_text, column_widths, render_docx
from briefgen.render.reproducible import FIXED_TIME
from conftest import REPO, need_soffice, validate_ooxml

TITLE = "Huawei branches out into electric vehicles"
SUBTITLE = "30 January 2024 \u00b7 huawei-ev.txt"
SUMMARY = (
    "Huawei is branching out into the fiercely competitive electric vehicle market.",
    "It has forged a partnership with Dongfeng Motor Group on the Voyah brand.",
    "Its automotive unit employs over 7,000 researchers.",
)
FIGURES = (
    ("Figure", "What it is", "Source sentence"),
    (
        "1 billion",
        "Invested in the automobile sector since 2021",
        "This partnership signifies Huawei's continued efforts to expand its footprint in China's "
        "automobile industry, having already invested 1 billion in the sector since 2021.",
    ),
    (
        "7,000",
        "Researchers in the Intelligent Automotive Solution unit",
        "Huawei is also making significant strides in its Intelligent Automotive Solution unit, "
        "employing over 7,000 researchers working on technology for internet-connected electric vehicles.",
    ),
    (
        "250 billion yuan",
        "Potential value of the carved-out business",
        "Despite registering relatively low sales in 2022, Huawei unveiled plans to carve out the "
        "unit's core technology into a new business, potentially valued at up to 250 billion yuan.",
    ),
)
PARTNERSHIP = (
    "Huawei has forged a partnership with state-owned Dongfeng Motor Group.",
    "Voyah vehicles will use Huawei's autonomous driving and infotainment software.",
)
CHALLENGES = (
    "Domestic demand for cars is slowing.",
    "Geopolitical tensions have tarnished Huawei's reputation abroad.",
)
SOURCES = (
    "Article: huawei-ev.txt, 30 January 2024",
    "1 billion \u2014 paragraph 2: \u201cThis partnership signifies ...\u201d",
)


def briefing_plan() -> DocPlan:
    """Return the hand-built Huawei briefing used by every test."""
    return DocPlan(
        title=TITLE,
        subject="Executive briefing",
        keywords=("Huawei", "electric vehicles"),
        blocks=(
            DocBlock(BlockKind.TITLE, text=TITLE),
            DocBlock(BlockKind.SUBTITLE, text=SUBTITLE),
            DocBlock(BlockKind.HEADING, text="Executive summary"),
            DocBlock(BlockKind.BULLETS, items=SUMMARY),
            DocBlock(BlockKind.HEADING, text="Key figures"),
            DocBlock(BlockKind.TABLE, rows=FIGURES),
            DocBlock(BlockKind.HEADING, text="Partnership with Dongfeng Motor Group"),
            DocBlock(BlockKind.BULLETS, items=PARTNERSHIP),
            DocBlock(BlockKind.HEADING, text="Challenges ahead", level=2),
            DocBlock(BlockKind.BULLETS, items=CHALLENGES),
            DocBlock(BlockKind.HEADING, text="Sources"),
            DocBlock(BlockKind.PARAGRAPH, text=SOURCES[0]),
            DocBlock(BlockKind.BULLETS, items=SOURCES[1:]),
        ),
    )


def expected_paragraphs(styles: dict[str, str], heading2: str) -> list[tuple[str, str]]:
    """Return the (style name, text) pairs the body should hold, in order (table excluded)."""
    bullets = lambda items: [(styles["bullet"], t) for t in items]  # noqa: E731
    return [
        (styles["title"], TITLE),
        (styles["subtitle"], SUBTITLE),
        (styles["heading"], "Executive summary"),
        *bullets(SUMMARY),
        (styles["heading"], "Key figures"),
        (styles["heading"], "Partnership with Dongfeng Motor Group"),
        *bullets(PARTNERSHIP),
        (heading2, "Challenges ahead"),
        *bullets(CHALLENGES),
        (styles["heading"], "Sources"),
        (styles["body"], SOURCES[0]),
        *bullets(SOURCES[1:]),
    ]


CORPORATE_STYLES = {
    "title": "Briefing Title",
    "subtitle": "Subtitle",
    "heading": "Heading 1",
    "body": "Normal",
    "bullet": "Briefing Bullet",
    "table": "Light List Accent 1",
}


def corporate_pack() -> TemplatePack:
    """Return the repo's corporate pack (templates/), built by hand if it has no manifest yet."""
    root = REPO / "templates"
    if (root / "pack.toml").is_file():
        return load_pack(root)
    builtin = load_pack(BUILTIN_PACK)
    return dataclasses.replace(builtin, name="corporate", root=root, docx=root / "reference.docx",
                               styles=CORPORATE_STYLES)


PACKS = {"default": lambda: load_pack(BUILTIN_PACK), "corporate": corporate_pack}


@pytest.fixture(params=sorted(PACKS))
def pack(request) -> TemplatePack:
    """Each template pack in turn."""
    return PACKS[request.param]()


@pytest.fixture
def rendered(pack: TemplatePack, tmp_path: Path, monkeypatch) -> tuple[Path, TemplatePack, tuple[str, ...]]:
    """Render the briefing with ``pack`` into a file; return its path, the pack and the warnings."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    data, warnings = render_docx(briefing_plan(), pack)
    path = tmp_path / f"briefing-{pack.name.replace(' ', '-')}.docx"
    path.write_bytes(data)
    return path, pack, warnings


def body_paragraphs(path: Path) -> list[tuple[str, str]]:
    """Return (style name, text) of every top-level body paragraph of a .docx."""
    return [(p.style.name, p.text) for p in Document(str(path)).paragraphs]


# ------------------------------------------------------------------------------------------------
# content
# ------------------------------------------------------------------------------------------------


def test_paragraphs_have_role_styles_and_texts_in_order(rendered) -> None:
    path, pack, warnings = rendered
    assert body_paragraphs(path) == expected_paragraphs(dict(pack.styles), "Heading 2")
    assert warnings == ()


def test_table_follows_key_figures_heading(rendered) -> None:
    path, _, _ = rendered
    body = Document(str(path)).element.body
    tags = [child.tag.split("}")[1] for child in body]
    texts = [child.xpath("string(.)") for child in body]
    table_index = tags.index("tbl")
    assert tags.count("tbl") == 1
    assert texts[table_index - 1] == "Key figures"
    assert tags[-1] == "sectPr"


def test_table_style_header_row_and_cells(rendered) -> None:
    path, pack, _ = rendered
    table = Document(str(path)).tables[0]
    assert table.style.name == pack.styles["table"]
    assert [[c.text for c in row.cells] for row in table.rows] == [list(r) for r in FIGURES]
    header = table.rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(run.bold for cell in header.cells for p in cell.paragraphs for run in p.runs)
    assert table.rows[1]._tr.trPr is None or table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    assert all(len(row.cells) == 3 for row in table.rows)


def test_table_columns_fit_the_text_width(rendered) -> None:
    path, _, _ = rendered
    document = Document(str(path))
    section = document.sections[-1]
    text_width = section.page_width - section.left_margin - section.right_margin
    widths = [col.width for col in document.tables[0].columns]
    assert abs(sum(widths) - text_width) < Emu(12700)  # within 1 pt
    figure, what, sentence = widths
    assert figure < what < sentence


def test_footer_has_page_fields_and_reference_is_kept(rendered) -> None:
    path, pack, _ = rendered
    document = Document(str(path))
    reference = Document(str(pack.docx))
    footer = document.sections[0].footer
    instructions = " ".join(footer._element.xpath(".//w:instrText/text()"))
    instructions += " ".join(footer._element.xpath(".//w:fldSimple/@w:instr"))
    assert "PAGE" in instructions.split()
    assert document.sections[0].page_width == reference.sections[0].page_width
    assert document.sections[0].left_margin == reference.sections[0].left_margin


def test_core_properties(rendered) -> None:
    path, _, _ = rendered
    props = Document(str(path)).core_properties
    assert props.title == TITLE
    assert props.subject == "Executive briefing"
    assert props.keywords == "Huawei, electric vehicles"
    assert props.author == props.last_modified_by == "briefgen"
    assert props.revision == 1
    assert props.created.replace(tzinfo=None) == props.modified.replace(tzinfo=None) == FIXED_TIME
    assert props.comments == ""


def test_no_leftovers_from_reference(pack: TemplatePack) -> None:
    data, _ = render_docx(DocPlan(title="Only", blocks=(DocBlock(BlockKind.PARAGRAPH, text="Only"),)), pack)
    document = Document(io.BytesIO(data))
    assert [p.text for p in document.paragraphs] == ["Only"]
    assert document.tables == []


def test_output_is_valid_ooxml(rendered) -> None:
    path, _, _ = rendered
    assert validate_ooxml(path) == []


def test_reference_documents_are_valid_and_empty() -> None:
    paths = [BUILTIN_PACK / "reference.docx", REPO / "templates" / "reference.docx"]
    assert validate_ooxml(*paths) == []
    for path in paths:
        document = Document(str(path))
        assert document.paragraphs == [] and document.tables == []


def test_corporate_pack_looks_different_from_default() -> None:
    default = Document(str(BUILTIN_PACK / "reference.docx"))
    corporate = Document(str(corporate_pack().docx))
    assert default.styles["Normal"].font.name == "Calibri"
    assert corporate.styles["Normal"].font.name == "Arial"
    assert corporate.styles["Heading 1"].font.name == "Cambria"
    assert str(corporate.styles["Heading 1"].font.color.rgb) == "1F3A5F"
    assert corporate.styles["Briefing Title"].base_style.name == "Title"
    assert corporate.styles["Briefing Bullet"].base_style.name == "List Bullet"


# ------------------------------------------------------------------------------------------------
# determinism and robustness
# ------------------------------------------------------------------------------------------------


def test_same_bytes_twice_with_source_date_epoch(pack: TemplatePack, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1706572800")  # 2024-01-30T00:00:00Z
    first, _ = render_docx(briefing_plan(), pack)
    second, _ = render_docx(briefing_plan(), pack)
    assert first == second
    props = Document(io.BytesIO(first)).core_properties
    assert props.created.isoformat() == "2024-01-30T00:00:00+00:00"
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {(2024, 1, 30, 0, 0, 0)}


def test_same_bytes_without_source_date_epoch(pack: TemplatePack, monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert render_docx(briefing_plan(), pack)[0] == render_docx(briefing_plan(), pack)[0]


def test_missing_style_falls_back_to_a_builtin_style_with_a_warning() -> None:
    pack = load_pack(BUILTIN_PACK)
    broken = dataclasses.replace(pack, styles={**pack.styles, "bullet": "Fancy Bullet"})
    data, warnings = render_docx(briefing_plan(), broken)
    assert "paragraph style 'Fancy Bullet' (role bullet) not found in reference.docx; used 'List Bullet'" in warnings
    paragraphs = Document(io.BytesIO(data)).paragraphs
    assert [p.style.name for p in paragraphs if p.text == SUMMARY[0]] == ["List Bullet"]


def test_table_role_naming_a_paragraph_style_falls_back_to_a_table_style() -> None:
    pack = load_pack(BUILTIN_PACK)
    broken = dataclasses.replace(pack, styles={**pack.styles, "table": "Normal"})
    data, warnings = render_docx(briefing_plan(), broken)
    assert "table style 'Normal' (role table) in reference.docx is not a table style; used 'Light Grid Accent 1'" in warnings
    assert Document(io.BytesIO(data)).tables[0].style.name == "Light Grid Accent 1"


def test_unreadable_reference_is_a_template_error(tmp_path: Path) -> None:
    bad = tmp_path / "reference.docx"
    bad.write_text("not a zip", encoding="utf-8")
    pack = dataclasses.replace(load_pack(BUILTIN_PACK), docx=bad)
    with pytest.raises(TemplateError, match="cannot open"):
        render_docx(briefing_plan(), pack)


def test_missing_heading_level_falls_back_with_warning() -> None:
    pack = load_pack(BUILTIN_PACK)
    plan = DocPlan(title="t", blocks=(DocBlock(BlockKind.HEADING, text="Deep", level=12),))
    data, warnings = render_docx(plan, pack)
    assert [(p.style.name, p.text) for p in Document(io.BytesIO(data)).paragraphs] == [("Heading 1", "Deep")]
    assert any("Heading 12" in w for w in warnings)


def test_illegal_xml_characters_are_stripped() -> None:
    dirty = "Bad\x00 \x0bcontrol\x1f chars \ud800here\ufffe"
    plan = DocPlan(
        title=dirty,
        blocks=(
            DocBlock(BlockKind.PARAGRAPH, text=dirty),
            DocBlock(BlockKind.TABLE, rows=(("A", dirty), ("1",))),
        ),
    )
    data, warnings = render_docx(plan, load_pack(BUILTIN_PACK))
    document = Document(io.BytesIO(data))
    assert document.paragraphs[0].text == "Bad control chars here"
    assert [[c.text for c in row.cells] for row in document.tables[0].rows] == [
        ["A", "Bad control chars here"], ["1", ""]
    ]
    assert document.core_properties.title == "Bad control chars here"
    assert any("padded" in w for w in warnings)
    assert clean_text("tab\tand \n newline,  twice") == "tab and newline, twice"  # as in the decks


def test_wrapped_source_lines_become_one_line_in_word() -> None:
    text = "The airline made a pre-tax profit of\n\u00a375m compared with \u00a3125m a year\nearlier."
    plan = DocPlan(title="T", blocks=(DocBlock(BlockKind.PARAGRAPH, text=text),
                                      DocBlock(BlockKind.BULLETS, items=(text,))))
    data, _ = render_docx(plan, load_pack(BUILTIN_PACK))
    document = Document(io.BytesIO(data))
    flat = "The airline made a pre-tax profit of \u00a375m compared with \u00a3125m a year earlier."
    assert [p.text for p in document.paragraphs][-2:] == [flat, flat]
    assert b"<w:br/>" not in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


def test_long_title_is_cut_for_the_core_properties() -> None:
    title = "Long " * 80
    plan = DocPlan(title=title, blocks=(DocBlock(BlockKind.TITLE, text=title),), keywords=("k" * 300,))
    data, warnings = render_docx(plan, load_pack(BUILTIN_PACK))
    document = Document(io.BytesIO(data))
    assert document.paragraphs[0].text == title  # the page keeps the full title
    assert len(document.core_properties.title) <= 255 and document.core_properties.title.endswith("\u2026")
    assert len(document.core_properties.keywords) == 255
    assert sorted(w.split()[1] for w in warnings) == ["keywords", "title"]


def test_column_widths_share_the_total_by_text_length() -> None:
    rows = [["Figure", "What it is", "Source sentence"], ["7,000", "Researchers", "x" * 200]]
    widths = column_widths(rows, 6_000_000)
    assert sum(widths) == 6_000_000
    assert widths[0] < widths[1] < widths[2]


# ------------------------------------------------------------------------------------------------
# a real client
# ------------------------------------------------------------------------------------------------


def test_libreoffice_renders_the_title(rendered, tmp_path: Path) -> None:
    exe = need_soffice()
    path, _, _ = rendered
    out = tmp_path / "pdf"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(out),
         str(path)],
        capture_output=True, timeout=180, check=False,
    )
    pdf = out / path.with_suffix(".pdf").name
    assert pdf.is_file(), "LibreOffice produced no PDF"
    from pdfminer.high_level import extract_text  # noqa: PLC0415  (test-only dependency)

    text = " ".join(extract_text(str(pdf)).split())
    assert TITLE in text
    assert "250 billion yuan" in text
    assert "Page 1 of" in text
    shutil.rmtree(out)
