"""Word (.docx) articles: title, date, headings (by outline level), lists, tables; bad files refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pptx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from lxml import etree
from typer.testing import CliRunner

from briefgen.cli import app
from briefgen.errors import InputError
from briefgen.readers import read_article

LEAD = ("Acme, a fictional engineering group, said on Monday it would spend £120m to build a plant in Leeds, "
        "creating 400 jobs. Revenue rose 12% to £1.4bn last year.")

WHY = ("Two universities nearby train the engineers the plant needs. The council offered to speed up planning "
       "for the site. Rival bids from Sheffield and Hull were turned down in the final round.")
NEXT = ("The first turbines will leave the line in the spring of 2028. Acme expects the plant to double its "
        "output of gearboxes within five years. Suppliers in the region have already been asked to tender.")


def acme(path: Path, *, title_style: bool = True, header: bool = True) -> Path:
    """Write an invented Word article to ``path``: header line, title, lead, headings, list, table."""
    document = docx.Document()
    if header:
        document.add_paragraph("date: 2025-06-02")
    if title_style:
        document.add_paragraph("Acme opens a new plant in Leeds", style="Title")
    document.add_paragraph(LEAD)
    document.add_heading("Why Leeds", level=1)
    document.add_paragraph("The city offers skilled staff and good rail links, the company said.")
    document.add_paragraph(WHY)
    document.add_paragraph("Skilled staff nearby", style="List Bullet")
    document.add_paragraph("Direct rail freight", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "Site", (0, 1): "Jobs", (1, 0): "Leeds", (1, 1): "400"}.items():
        table.cell(row, col).text = text
    document.add_heading("What comes next", level=2)
    document.add_paragraph("Construction starts in 2026 and the plant should open in 2028.")
    document.add_paragraph(NEXT)
    document.save(path)
    return path


def test_title_date_sections_lists_and_tables(tmp_path):
    article = read_article(acme(tmp_path / "acme.docx"))
    assert article.title == "Acme opens a new plant in Leeds"
    assert str(article.date) == "2025-06-02"
    assert [s.heading for s in article.sections] == [None, "Why Leeds", "What comes next"]
    lead, why, _ = article.sections
    assert [p.text for p in lead.paragraphs] == [LEAD]
    assert [p.text for p in why.paragraphs] == [
        "The city offers skilled staff and good rail links, the company said.", WHY,
        "Skilled staff nearby", "Direct rail freight", "Site | Jobs", "Leeds | 400"]
    assert [p.is_list_item for p in why.paragraphs] == [False, False, True, True, False, False]
    for paragraph in article.paragraphs:  # offsets point into the article text
        assert article.text[paragraph.start:paragraph.end] == paragraph.text


def test_title_from_document_properties_else_derived(tmp_path):
    path = acme(tmp_path / "untitled.docx", title_style=False, header=False)
    assert read_article(path).title is None
    document = docx.Document(path)
    document.core_properties.title = "Acme picks Leeds"
    document.save(path)
    article = read_article(path)
    assert article.title == "Acme picks Leeds" and article.date is None


def test_heading_found_by_outline_level_in_any_language(tmp_path):
    document = docx.Document()
    style = document.styles.add_style("Überschrift Eins", WD_STYLE_TYPE.PARAGRAPH)
    ppr = style.element.get_or_add_pPr()
    level = etree.SubElement(ppr, qn("w:outlineLvl"))
    level.set(qn("w:val"), "0")
    document.add_paragraph(LEAD)
    document.add_paragraph("Der Standort", style=style)
    document.add_paragraph("The city offers skilled staff and good rail links, the company said.")
    document.save(tmp_path / "de.docx")
    article = read_article(tmp_path / "de.docx")
    assert [s.heading for s in article.sections] == [None, "Der Standort"]


@pytest.mark.parametrize("content, message", [
    (b"This is plain text saved with a .docx name.", "not an Office file"),
    (None, "has no article text"),
])
def test_bad_word_files_are_refused_with_the_reason(tmp_path, content, message):
    path = tmp_path / "bad.docx"
    if content is None:
        docx.Document().save(path)
    else:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        read_article(path)
    assert str(path) in str(info.value)


def test_zip_bomb_is_refused(tmp_path):
    path = acme(tmp_path / "bomb.docx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/filler.xml", b"\0" * (8 * 1024 * 1024))
    with pytest.raises(InputError, match="zip bomb"):
        read_article(path)


def test_make_briefs_a_word_article_and_never_rereads_its_own_briefings(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    acme(folder / "acme.docx")
    (folder / "~$acme.docx").write_bytes(b"\0" * 162)  # Word's lock file while the article is open
    out = folder / "briefings"
    runner = CliRunner()
    for _ in range(2):  # the second run finds the first run's briefings inside the folder: not articles
        result = runner.invoke(app, ["make", str(folder), "--out", str(out)], catch_exceptions=False)
        assert result.exit_code == 0, result.output + result.stderr
        assert "1 article(s): 1 briefed, 0 failed" in result.output + result.stderr
    deck = pptx.Presentation(out / "acme.pptx")
    assert deck.slides[0].shapes.title.text == "Acme opens a new plant in Leeds"
    briefing = out / "acme.docx"
    headings = [p.text for p in docx.Document(briefing).paragraphs if p.style.name.startswith("Heading")]
    assert "Why Leeds" in headings and "What comes next" in headings
    with pytest.raises(InputError, match="briefing that briefgen wrote"):
        read_article(briefing)


def test_a_linked_picture_does_not_stop_an_article(tmp_path):
    """Outside links are refused in reference files (they would be copied into briefings), but an
    article is only read for its text: a linked picture is never followed."""
    path = acme(tmp_path / "linked.docx")
    rels = "word/_rels/document.xml.rels"
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    link = (b'<Relationship Id="rIdPic" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"'
            b' Target="https://example.com/plant.png" TargetMode="External"/></Relationships>')
    parts[rels] = parts[rels].replace(b"</Relationships>", link)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert read_article(path).title == "Acme opens a new plant in Leeds"


def _wrap(element, tag: str, inner: str | None = None):
    """Put ``element`` inside a new ``tag`` (and ``inner``) element at its place; return the new element."""
    outer = etree.Element(qn(tag))
    element.addprevious(outer)
    holder = etree.SubElement(outer, qn(inner)) if inner else outer
    holder.append(element)
    return outer


def test_content_controls_count_text_boxes_and_deletions_do_not(tmp_path):
    """Text inside a content control (block or inline) is article text; a text box and a tracked
    deletion are not."""
    document = docx.Document()
    document.add_paragraph(LEAD)
    in_control = document.add_paragraph("A form field paragraph says the plant will open in 2028.")
    _wrap(in_control._p, "w:sdt", "w:sdtContent")
    inline = document.add_paragraph("Costs were ")
    tail = inline.add_run("£120m in all")
    _wrap(tail._r, "w:sdt", "w:sdtContent")
    edited = document.add_paragraph("Jobs: ")
    kept, gone = edited.add_run("400 "), edited.add_run("350 ")
    _wrap(gone._r, "w:del")
    gone._r.find(qn("w:t")).tag = qn("w:delText")
    boxed = document.add_paragraph("Chart caption outside. ")
    box_run = boxed.add_run()
    box = etree.SubElement(box_run._r, qn("w:txbxContent"))
    inner = etree.SubElement(etree.SubElement(etree.SubElement(box, qn("w:p")), qn("w:r")), qn("w:t"))
    inner.text = "Text box words"
    document.save(tmp_path / "controls.docx")
    texts = [p.text for p in read_article(tmp_path / "controls.docx").paragraphs]
    assert texts == [LEAD, "A form field paragraph says the plant will open in 2028.", "Costs were £120m in all",
                     "Jobs: 400", "Chart caption outside."]
    assert kept.text == "400 "


def test_bold_lines_and_bold_lead_ins_are_headings(tmp_path):
    """Articles typed without heading styles mark headings in bold: a line, or a lead-in run into its paragraph."""
    document = docx.Document()
    document.add_paragraph("Acme opens a new plant in Leeds", style="Title")
    document.add_paragraph(LEAD)
    document.add_paragraph().add_run("Why Leeds").bold = True  # a bold line
    document.add_paragraph(WHY)
    lead_in = document.add_paragraph()
    lead_in.add_run("What comes next").bold = True  # a bold lead-in, no punctuation, then a capital
    lead_in.add_run(" " + NEXT)
    named = document.add_paragraph()
    named.add_run("Acme Corp").bold = True  # a bold name inside a sentence
    named.add_run(" said the site was chosen in March.")
    labelled = document.add_paragraph()
    labelled.add_run("Note:").bold = True  # a bold label ending in punctuation
    labelled.add_run(" Figures are unaudited.")
    strong = document.add_paragraph()
    strong.add_run("In short").style = "Strong"  # bold by the character style
    strong.add_run(" Leeds won on staff and rail.")
    long_bold = document.add_paragraph()
    long_bold.add_run("The whole of this long paragraph was typed in bold by its author for emphasis, "
                      "which makes it no heading").bold = True
    path = tmp_path / "bold.docx"
    document.save(path)
    article = read_article(path)
    assert [s.heading for s in article.sections] == [None, "Why Leeds", "What comes next", "In short"]
    assert [p.text for p in article.sections[2].paragraphs] == [
        NEXT, "Acme Corp said the site was chosen in March.", "Note: Figures are unaudited."]
    assert [p.text for p in article.sections[3].paragraphs] == [
        "Leeds won on staff and rail.",
        "The whole of this long paragraph was typed in bold by its author for emphasis, which makes it no heading"]
    for section in article.sections:  # offsets still point at the text
        for paragraph in section.paragraphs:
            assert article.text[paragraph.start:paragraph.end] == paragraph.text
