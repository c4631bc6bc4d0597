"""Build the reference .docx files of briefgen's template packs from python-docx's default template.

Run from the repository root::

    python tools/packs/build_docx.py

Writes ``briefgen/packs/default/reference.docx`` (the built-in look: Calibri, blue headings,
"Light Grid Accent 1") and ``templates/reference.docx`` (the repo's "corporate" pack: Cambria navy
headings, Arial body, teal/orange accents, "Light List Accent 1", custom styles
"Briefing Title" and "Briefing Bullet"). Both have an empty body, a page setup and a footer with
"Page X of Y". Output is byte-for-byte reproducible: fixed core properties and zip timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Inches, Pt, RGBColor
from docx.styles.style import BaseStyle

REPO = Path(__file__).resolve().parents[2]
FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
HEADING_STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3")


@dataclass(frozen=True)
class Look:
    """Everything that differs between the two reference documents."""

    name: str
    page: str  # "A4" or "Letter"
    heading_font: str
    body_font: str
    body_size: float
    heading_rgb: str
    title_rgb: str
    subtitle_rgb: str
    rule_rgb: str
    accent1: str
    accent2: str
    dark2: str
    header_text: str
    table_styles: tuple[str, ...]


DEFAULT_LOOK = Look(
    name="briefgen default",
    page="Letter",
    heading_font="Calibri",
    body_font="Calibri",
    body_size=11,
    heading_rgb="365F91",
    title_rgb="17365D",
    subtitle_rgb="4F81BD",
    rule_rgb="4F81BD",
    accent1="4F81BD",
    accent2="C0504D",
    dark2="1F497D",
    header_text="",
    table_styles=("Light Grid Accent 1",),
)

CORPORATE_LOOK = Look(
    name="briefgen corporate",
    page="A4",
    heading_font="Cambria",
    body_font="Arial",
    body_size=10,
    heading_rgb="1F3A5F",
    title_rgb="1F3A5F",
    subtitle_rgb="5A6B7D",
    rule_rgb="E8772E",
    accent1="13807A",
    accent2="E8772E",
    dark2="1F3A5F",
    header_text="BRIEFING NOTE",
    table_styles=("Light List Accent 1", "Medium Shading 1 Accent 1"),
)


# ------------------------------------------------------------------------------------------------
# package clean-up
# ------------------------------------------------------------------------------------------------


def drop_extra_parts(document: DocxDocument) -> None:
    """Drop the thumbnail, stylesWithEffects and customXml parts (stale copies Word would trust)."""
    unwanted = {RT.THUMBNAIL, RT.CUSTOM_XML, STYLES_WITH_EFFECTS}
    for rels in (document.part.package.rels, document.part.rels):
        for r_id in [r_id for r_id, rel in rels.items() if rel.reltype in unwanted]:
            rels.pop(r_id)


def fix_settings(document: DocxDocument) -> None:
    """Give w:zoom the w:percent attribute the schema requires and drop the rsid table."""
    settings = document.settings.element
    zoom = settings.find(qn("w:zoom"))
    if zoom is not None:
        zoom.set(qn("w:percent"), "100")
    rsids = settings.find(qn("w:rsids"))
    if rsids is not None:
        settings.remove(rsids)


def set_core_properties(document: DocxDocument, look: Look) -> None:
    """Fix every core property so the file is reproducible."""
    props = document.core_properties
    props.title = look.name + " reference document"
    props.subject = "briefgen template pack"
    props.author = "briefgen"
    props.last_modified_by = "briefgen"
    props.comments = "Edit the styles, header, footer and page setup; the body is replaced."
    props.keywords = ""
    props.category = ""
    props.revision = 1
    props.created = FIXED_TIME
    props.modified = FIXED_TIME


# ------------------------------------------------------------------------------------------------
# theme
# ------------------------------------------------------------------------------------------------


def theme_part(document: DocxDocument):
    """Return the document's theme part."""
    return document.part.part_related_by(RT.THEME)


def set_theme(document: DocxDocument, look: Look) -> None:
    """Set the theme's heading/body fonts and its dark-2, accent-1 and accent-2 colours."""
    part = theme_part(document)
    xml = part.blob.decode("utf-8")
    xml = re.sub(r'(<a:majorFont>\s*<a:latin typeface=")[^"]*', rf"\g<1>{look.heading_font}", xml)
    xml = re.sub(r'(<a:minorFont>\s*<a:latin typeface=")[^"]*', rf"\g<1>{look.body_font}", xml)
    for slot, rgb in (("dk2", look.dark2), ("accent1", look.accent1), ("accent2", look.accent2)):
        xml = re.sub(rf'(<a:{slot}>\s*<a:srgbClr val=")[0-9A-Fa-f]{{6}}', rf"\g<1>{rgb}", xml)
    xml = xml.replace('<a:clrScheme name="Office">', f'<a:clrScheme name="{look.name}">')
    part._blob = xml.encode("utf-8")  # python-docx keeps the theme as an opaque blob


THEME_SLOTS = {
    "dark1": "dk1", "text1": "dk1", "light1": "lt1", "background1": "lt1",
    "dark2": "dk2", "text2": "dk2", "light2": "lt2", "background2": "lt2",
    "accent1": "accent1", "accent2": "accent2", "accent3": "accent3", "accent4": "accent4",
    "accent5": "accent5", "accent6": "accent6", "hyperlink": "hlink", "followedHyperlink": "folHlink",
}


def theme_colours(document: DocxDocument) -> dict[str, str]:
    """Return the theme's colour scheme as Word theme-colour names -> RRGGBB."""
    xml = theme_part(document).blob.decode("utf-8")
    scheme = xml[xml.index("<a:clrScheme"):xml.index("</a:clrScheme>")]
    slots = {}
    for slot in sorted(set(THEME_SLOTS.values())):
        colour = rf'<a:{slot}>\s*<a:(?:srgbClr val|sysClr val="\w+" lastClr)="([0-9A-Fa-f]{{6}})"'
        match = re.search(colour, scheme)
        if match:
            slots[slot] = match.group(1).upper()
    return {name: slots[slot] for name, slot in THEME_SLOTS.items() if slot in slots}


def adjust(rgb: str, tint: str | None, shade: str | None) -> str:
    """Return ``rgb`` lightened by a Word themeTint or darkened by a themeShade (hex 00-FF)."""
    channels = [int(rgb[i:i + 2], 16) for i in (0, 2, 4)]
    if tint is not None:
        t = int(tint, 16) / 255
        channels = [round(c * t + 255 * (1 - t)) for c in channels]
    if shade is not None:
        s = int(shade, 16) / 255
        channels = [round(c * s) for c in channels]
    return "".join(f"{c:02X}" for c in channels)


def sync_theme_colours(document: DocxDocument) -> None:
    """Recompute the cached RGB of every theme-coloured style attribute from the current theme.

    Word recolours from the theme, but LibreOffice and other readers use the cached values.
    """
    colours = theme_colours(document)
    for element in document.styles.element.iter():
        theme = element.get(qn("w:themeColor"))
        if theme in colours:
            target = "w:val" if element.tag == qn("w:color") else "w:color"
            rgb = adjust(colours[theme], element.get(qn("w:themeTint")), element.get(qn("w:themeShade")))
            element.set(qn(target), rgb)
        fill = element.get(qn("w:themeFill"))
        if fill in colours:
            rgb = adjust(colours[fill], element.get(qn("w:themeFillTint")), element.get(qn("w:themeFillShade")))
            element.set(qn("w:fill"), rgb)


# ------------------------------------------------------------------------------------------------
# styles
# ------------------------------------------------------------------------------------------------


def set_fonts(style: BaseStyle, font: str) -> None:
    """Give a style an explicit Latin font (replacing any theme font reference)."""
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme"):
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), font)
    rfonts.set(qn("w:hAnsi"), font)


def set_colour(style: BaseStyle, rgb: str) -> None:
    """Give a style an explicit text colour (dropping theme colour references)."""
    style.font.color.rgb = RGBColor.from_string(rgb)
    color = style.element.rPr.find(qn("w:color"))
    for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
        color.attrib.pop(qn(attr), None)


def set_bottom_rule(style: BaseStyle, rgb: str, size_eighths: int, space: int = 4) -> None:
    """Draw a rule under paragraphs of this style (replacing any paragraph border)."""
    ppr = style.element.get_or_add_pPr()
    old = ppr.find(qn("w:pBdr"))
    if old is not None:
        ppr.remove(old)
    border = parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="{size_eighths}" '
        f'w:space="{space}" w:color="{rgb}"/></w:pBdr>'
    )
    _insert_ppr_child(ppr, border)


_PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
)


def _insert_ppr_child(ppr, child) -> None:
    """Insert ``child`` into a w:pPr at its schema position."""
    name = child.tag.split("}")[1]
    rank = _PPR_ORDER.index(name)
    for index, existing in enumerate(ppr):
        existing_name = existing.tag.split("}")[1]
        if existing_name in _PPR_ORDER and _PPR_ORDER.index(existing_name) > rank:
            ppr.insert(index, child)
            return
    ppr.append(child)


def drop_numbering(style: BaseStyle) -> None:
    """Remove a stray w:numPr from a style (python-docx's Subtitle has one without a numId)."""
    ppr = style.element.pPr
    if ppr is not None and ppr.find(qn("w:numPr")) is not None:
        ppr.remove(ppr.find(qn("w:numPr")))


def style_document_defaults(document: DocxDocument, look: Look) -> None:
    """Set body font, colour and spacing in docDefaults (so table styles can override) and Normal."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rfonts = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    for attr in ("w:asciiTheme", "w:hAnsiTheme"):
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), look.body_font)
    rfonts.set(qn("w:hAnsi"), look.body_font)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "120")  # 6 pt; in docDefaults so table styles can tighten cells
    spacing.set(qn("w:line"), "264")  # 1.1 lines
    normal = document.styles["Normal"]
    set_fonts(normal, look.body_font)
    normal.font.size = Pt(look.body_size)
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rpr_default.insert(1, parse_xml(f'<w:color {nsdecls("w")} w:val="262626"/>'))  # table styles may recolour


def style_headings(document: DocxDocument, look: Look) -> None:
    """Style Title, Subtitle and Heading 1-3."""
    styles = document.styles
    for name in HEADING_STYLES:
        set_fonts(styles[name], look.heading_font)
    title = styles["Title"]
    title.font.size = Pt(26)
    title.font.bold = True
    set_colour(title, look.title_rgb)
    set_bottom_rule(title, look.rule_rgb, 12, 6)
    title.paragraph_format.space_after = Pt(6)
    subtitle = styles["Subtitle"]
    drop_numbering(subtitle)
    subtitle.font.size = Pt(11)
    subtitle.font.italic = look.body_font == look.heading_font
    set_fonts(subtitle, look.body_font)
    set_colour(subtitle, look.subtitle_rgb)
    subtitle.paragraph_format.space_after = Pt(18)
    for name, size, before in (("Heading 1", 14, 18), ("Heading 2", 12, 12), ("Heading 3", 11, 10)):
        heading = styles[name]
        heading.font.size = Pt(size)
        heading.font.bold = True
        set_colour(heading, look.heading_rgb)
        heading.paragraph_format.space_before = Pt(before)
        heading.paragraph_format.space_after = Pt(6)


def style_lists(document: DocxDocument) -> None:
    """Tighten List Bullet: small gap between items, a little space after the list."""
    bullet = document.styles["List Bullet"]
    bullet.paragraph_format.space_after = Pt(3)


def style_table(document: DocxDocument, look: Look) -> None:
    """Give the look's table styles some air: 2 pt cell margins above and below the text."""
    for name in look.table_styles:
        margins = document.styles[name].element.find(qn("w:tblPr")).find(qn("w:tblCellMar"))
        for side in ("top", "bottom"):
            margins.find(qn(f"w:{side}")).set(qn("w:w"), "40")


def style_footer(document: DocxDocument, look: Look) -> None:
    """Make header/footer text small and grey."""
    for name in ("Footer", "Header"):
        style = document.styles[name]
        style.font.size = Pt(8.5)
        set_colour(style, "7F7F7F")


# ------------------------------------------------------------------------------------------------
# corporate extras
# ------------------------------------------------------------------------------------------------


def add_bullet_numbering(document: DocxDocument, rgb: str) -> int:
    """Add a square-bullet list definition coloured ``rgb``; return its w:numId."""
    numbering = document.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    abstract_id, num_id = max(abstract_ids) + 1, max(num_ids) + 1
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:nsid w:val="1B2F3A5F"/><w:multiLevelType w:val="singleLevel"/>'
        '<w:tmpl w:val="0E7C7A01"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        '<w:lvlText w:val="\u25aa"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="357" w:hanging="357"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:color w:val="{rgb}"/></w:rPr>'
        "</w:lvl></w:abstractNum>"
    )
    last_abstract = numbering.findall(qn("w:abstractNum"))[-1]
    last_abstract.addnext(abstract)
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
    )
    return num_id


def add_custom_styles(document: DocxDocument, look: Look) -> None:
    """Add "Briefing Title" (based on Title) and "Briefing Bullet" (based on List Bullet)."""
    styles = document.styles
    title = styles.add_style("Briefing Title", WD_STYLE_TYPE.PARAGRAPH)
    title.base_style = styles["Title"]
    title.next_paragraph_style = styles["Subtitle"]
    title.quick_style = True
    title.font.size = Pt(24)
    title.paragraph_format.space_after = Pt(4)
    bullet = styles.add_style("Briefing Bullet", WD_STYLE_TYPE.PARAGRAPH)
    bullet.base_style = styles["List Bullet"]
    bullet.quick_style = True
    num_id = add_bullet_numbering(document, look.accent1)
    ppr = bullet.element.get_or_add_pPr()
    _insert_ppr_child(
        ppr, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
    )
    bullet.paragraph_format.left_indent = Cm(0.63)
    bullet.paragraph_format.first_line_indent = Cm(-0.63)
    bullet.paragraph_format.space_after = Pt(4)


# ------------------------------------------------------------------------------------------------
# page setup, header and footer
# ------------------------------------------------------------------------------------------------


def set_page(document: DocxDocument, look: Look) -> None:
    """Set paper size and margins of the (only) section."""
    section = document.sections[0]
    if look.page == "A4":
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.2)
    else:
        section.page_width, section.page_height = Inches(8.5), Inches(11)
        section.left_margin = section.right_margin = Inches(1)
        section.top_margin = section.bottom_margin = Inches(1)
    section.header_distance = section.footer_distance = Cm(1.1)


def field_runs(instruction: str, shown: str) -> list:
    """Return the runs of a complex field (begin, instrText, separate, cached result, end)."""
    return [
        parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'),
        parse_xml(f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'),
        parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'),
        parse_xml(f'<w:r {nsdecls("w")}><w:t>{shown}</w:t></w:r>'),
        parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'),
    ]


def add_footer(document: DocxDocument) -> None:
    """Put a centred "Page X of Y" (PAGE and NUMPAGES fields) in the footer."""
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = document.styles["Footer"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    for run in field_runs("PAGE", "1"):
        paragraph._p.append(run)
    paragraph.add_run(" of ")
    for run in field_runs("NUMPAGES", "1"):
        paragraph._p.append(run)


def add_header(document: DocxDocument, look: Look) -> None:
    """Put the look's header text, right-aligned, in the page header (if it has one)."""
    if not look.header_text:
        return
    header = document.sections[0].header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.style = document.styles["Header"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(look.header_text)
    run.font.bold = True
    run.font.color.rgb = RGBColor.from_string(look.accent1)
    run.font.name = look.body_font


# ------------------------------------------------------------------------------------------------
# assembly
# ------------------------------------------------------------------------------------------------


def clear_body(document: DocxDocument) -> None:
    """Remove every block from the body, keeping only the final w:sectPr."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def build_reference(look: Look, corporate: bool) -> bytes:
    """Return the reference .docx for ``look`` as reproducible bytes."""
    document = Document()
    drop_extra_parts(document)
    fix_settings(document)
    set_theme(document, look)
    sync_theme_colours(document)
    style_document_defaults(document, look)
    style_headings(document, look)
    style_lists(document)
    style_table(document, look)
    style_footer(document, look)
    if corporate:
        add_custom_styles(document, look)
    set_page(document, look)
    add_header(document, look)
    add_footer(document)
    clear_body(document)
    set_core_properties(document, look)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed member timestamps and attributes, keeping member order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def main() -> int:
    """Write both reference documents and print their paths."""
    targets = (
        (REPO / "briefgen" / "packs" / "default" / "reference.docx", DEFAULT_LOOK, False),
        (REPO / "templates" / "reference.docx", CORPORATE_LOOK, True),
    )
    for path, look, corporate in targets:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(build_reference(look, corporate))
        print(path.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main())
