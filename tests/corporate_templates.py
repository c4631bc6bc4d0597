"""Builders of three very different corporate template packs, made the way a company's files look.

Each ``build_*`` function writes a pack folder (``reference.pptx``, ``reference.docx``, ``pack.toml``)
with python-pptx / python-docx, editing the XML with lxml where the API has no setter, and returns
the folder. The packs differ in slide size, layout names (renamed, localised, deleted), theme fonts
and colours, kept slides, and Word style names, so the renderer is exercised on files it has never
seen rather than on the repository's own packs.

- ``build_acme``: 16:9, layouts renamed ("Cover Page", "1_Title and Content", "Headline"), Georgia
  (not installed, no metric substitute) / Arial, custom Word styles ("Acme Title", "Acme Table"...).
- ``build_globex``: 4:3, German layout names, section layout deleted, Times New Roman, a dark theme,
  a sample slide (removed from output) and a kept "Disclaimer" slide, default Word style names.
- ``build_initech``: 16:9 without section-header and title-only layouts, "Content - 2 columns",
  Verdana, a manifest that maps only ``title`` and ``summary``; its Word file lacks "List Bullet"
  and "Light Grid Accent 1", so Word roles fall back too.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as DOCX_RT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "tools" / "packs") not in sys.path:
    sys.path.insert(0, str(REPO / "tools" / "packs"))
from build_pptx import SLIDE_HEIGHT, SLIDE_WIDTH, widen_frames  # noqa: E402  (the repo's 4:3 -> 16:9 scaling)

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
NS = {"a": A[1:-1], "p": P[1:-1]}
COLOUR_SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
                "hlink", "folHlink")


@dataclass(frozen=True)
class Theme:
    """A theme's name, colours (slot -> hex RGB) and major/minor latin fonts."""

    name: str
    colours: dict[str, str]
    major: str
    minor: str


ACME = Theme(
    "Acme",
    {"dk1": "1A1A1A", "lt1": "FFFFFF", "dk2": "7A0019", "lt2": "F3ECE4", "accent1": "B3122E", "accent2": "2F4858",
     "accent3": "D98324", "accent4": "5B6770", "accent5": "8C1C13", "accent6": "A3B18A", "hlink": "B3122E",
     "folHlink": "6D2E46"},
    major="Georgia", minor="Arial",
)
GLOBEX = Theme(
    "Globex Night",
    {"dk1": "0B1320", "lt1": "F2F2F2", "dk2": "16243A", "lt2": "C9D6E3", "accent1": "F2B134", "accent2": "4FB0C6",
     "accent3": "ED553B", "accent4": "7FD1AE", "accent5": "A682FF", "accent6": "F7E1A1", "hlink": "4FB0C6",
     "folHlink": "A682FF"},
    major="Times New Roman", minor="Times New Roman",
)
INITECH = Theme(
    "Initech",
    {"dk1": "222222", "lt1": "FFFFFF", "dk2": "3B1F5C", "lt2": "ECE7F2", "accent1": "5B2C83", "accent2": "00A19A",
     "accent3": "F28C28", "accent4": "8E7CC3", "accent5": "2E86AB", "accent6": "C3423F", "hlink": "5B2C83",
     "folHlink": "8E7CC3"},
    major="Verdana", minor="Verdana",
)

#: German names PowerPoint gives the default layouts.
GERMAN_LAYOUTS = {
    "Title Slide": "Titelfolie",
    "Title and Content": "Titel und Inhalt",
    "Section Header": "Abschnittsüberschrift",
    "Two Content": "Zwei Inhalte",
    "Comparison": "Vergleich",
    "Title Only": "Nur Titel",
    "Blank": "Leer",
    "Content with Caption": "Inhalt mit Überschrift",
    "Picture with Caption": "Bild mit Überschrift",
    "Title and Vertical Text": "Titel und vertikaler Text",
    "Vertical Title and Text": "Vertikaler Titel und Text",
}
DISCLAIMER = "Disclaimer"
DISCLAIMER_TEXT = ("This briefing is for internal use only. Figures are taken from public sources and have "
                   "not been audited by Globex Corporation.")
SAMPLE_SLIDE = "Q3 sales review"


# ---------------------------------------------------------------------------------------------
# PowerPoint helpers
# ---------------------------------------------------------------------------------------------


def set_theme(prs, theme: Theme) -> None:
    """Replace the colour scheme and major/minor latin fonts of every master's theme (lxml on the blob)."""
    for master in prs.slide_masters:
        part = master.part.part_related_by(RT.THEME)
        root = etree.fromstring(part.blob)
        root.set("name", theme.name)
        scheme = root.find(".//a:clrScheme", NS)
        scheme.set("name", theme.name)
        for slot in COLOUR_SLOTS:
            holder = scheme.find("a:" + slot, NS)
            for child in list(holder):
                holder.remove(child)
            etree.SubElement(holder, A + "srgbClr", val=theme.colours[slot])
        fonts = root.find(".//a:fontScheme", NS)
        fonts.set("name", theme.name)
        fonts.find("a:majorFont/a:latin", NS).set("typeface", theme.major)
        fonts.find("a:minorFont/a:latin", NS).set("typeface", theme.minor)
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)  # noqa: SLF001


def layout_named(prs, name: str):
    """Return the layout called ``name``."""
    return next(layout for layout in prs.slide_layouts if layout.name == name)


def rename_layouts(prs, names: dict[str, str]) -> None:
    """Rename layouts (old name -> new name); python-pptx has no setter, so the cSld name is edited."""
    for layout in prs.slide_layouts:
        if layout.name in names:
            layout.element.find("p:cSld", NS).set("name", names[layout.name])


def delete_layout(prs, name: str) -> None:
    """Delete a layout properly: out of the master's sldLayoutIdLst, relationship (and part) dropped."""
    prs.slide_layouts.remove(layout_named(prs, name))


def widen_to_16_9(prs) -> None:
    """Make the deck 13.333 x 7.5 in, scaling every master and layout shape's x and width."""
    prs.slide_width, prs.slide_height = Emu(SLIDE_WIDTH), Emu(SLIDE_HEIGHT)
    for master in prs.slide_masters:
        widen_frames(master.element)
        for layout in master.slide_layouts:
            widen_frames(layout.element)


def add_band(holder, name: str, frame: tuple[int, int, int, int], colour: str) -> None:
    """Put a filled, line-less rectangle in a scheme colour at the back of a master or layout."""
    tree = holder.element.find("p:cSld/p:spTree", NS)
    shape_id = max(int(e.get("id")) for e in tree.iter(P + "cNvPr")) + 1
    x, y, cx, cy = frame
    sp = etree.fromstring(
        f'<p:sp xmlns:p="{NS["p"]}" xmlns:a="{NS["a"]}"><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/>'
        f'<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/>'
        f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:schemeClr val="{colour}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>'
    )
    tree.find("p:grpSpPr", NS).addnext(sp)


def set_colour_map(master, mapping: dict[str, str]) -> None:
    """Change the master's colour map (e.g. bg1 -> dk1 for a dark theme)."""
    master.element.find("p:clrMap", NS).attrib.update(mapping)


def add_text_slide(prs, layout_name: str, title: str, lines: list[str]) -> None:
    """Add a slide with a title and body text on the named layout."""
    slide = prs.slides.add_slide(layout_named(prs, layout_name))
    slide.shapes.title.text = title
    body = next(ph for ph in slide.placeholders if ph.placeholder_format.idx == 1)
    body.text_frame.text = lines[0]
    for line in lines[1:]:
        body.text_frame.add_paragraph().text = line


# ---------------------------------------------------------------------------------------------
# Word helpers
# ---------------------------------------------------------------------------------------------


def set_style_font(style, name: str, size: float | None = None, rgb: str | None = None) -> None:
    """Give a style a named font (dropping theme-font references, which Word would prefer)."""
    style.font.name = name
    fonts = style.element.rPr.find(qn("w:rFonts"))
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    if size:
        style.font.size = Pt(size)
    if rgb:
        style.font.color.rgb = RGBColor.from_string(rgb)


def set_docx_theme_fonts(document, major: str, minor: str) -> None:
    """Set the Word theme's major/minor latin fonts (lxml on the theme part's blob)."""
    part = document.part.part_related_by(DOCX_RT.THEME)
    root = etree.fromstring(part.blob)
    root.find(".//a:fontScheme/a:majorFont/a:latin", NS).set("typeface", major)
    root.find(".//a:fontScheme/a:minorFont/a:latin", NS).set("typeface", minor)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)  # noqa: SLF001


def delete_style(document, name: str) -> None:
    """Remove a style definition from styles.xml."""
    style = document.styles[name]
    style.element.getparent().remove(style.element)


def add_style(document, name: str, kind, base: str):
    """Add a custom style based on a built-in one and return it."""
    style = document.styles.add_style(name, kind)
    style.base_style = document.styles[base]
    return style


def set_page(document, width_mm: float, height_mm: float) -> None:
    """Set the page size (portrait) and 20 mm side margins."""
    section = document.sections[-1]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width_mm), Mm(height_mm)
    section.left_margin = section.right_margin = Mm(20)


def write_manifest(folder: Path, text: str) -> None:
    """Write pack.toml."""
    (folder / "pack.toml").write_text(text.strip() + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# The three companies
# ---------------------------------------------------------------------------------------------

ACME_LAYOUTS = {"title": "Cover Page", "summary": "1_Title and Content", "figures": "Headline",
                "section": "1_Title and Content", "sources": "1_Title and Content"}
ACME_STYLES = {"title": "Acme Title", "subtitle": "Subtitle", "heading": "Acme Heading", "body": "Acme Body",
               "bullet": "Acme Bullet", "table": "Acme Table"}


def build_acme(folder: Path) -> Path:
    """Write the Acme pack: 16:9, renamed layouts, Georgia/Arial, custom Word style names."""
    folder.mkdir(parents=True, exist_ok=True)
    prs = Presentation()
    widen_to_16_9(prs)
    set_theme(prs, ACME)
    rename_layouts(prs, {"Title and Content": "1_Title and Content", "Title Slide": "Cover Page",
                         "Title Only": "Headline"})
    master = prs.slide_masters[0]
    add_band(master, "Acme Rule", (0, SLIDE_HEIGHT - Emu(182880), SLIDE_WIDTH, Emu(182880)), "accent1")
    add_band(layout_named(prs, "Cover Page"), "Acme Cover Band", (0, 0, SLIDE_WIDTH, Emu(1600200)), "accent1")
    prs.save(str(folder / "reference.pptx"))

    document = Document()
    styles = document.styles
    set_docx_theme_fonts(document, ACME.major, ACME.minor)
    set_style_font(add_style(document, "Acme Body", WD_STYLE_TYPE.PARAGRAPH, "Normal"), "Arial", 10.5)
    set_style_font(add_style(document, "Acme Title", WD_STYLE_TYPE.PARAGRAPH, "Title"), "Georgia", 26, "B3122E")
    set_style_font(add_style(document, "Acme Heading", WD_STYLE_TYPE.PARAGRAPH, "Heading 1"), "Georgia", 15, "7A0019")
    set_style_font(add_style(document, "Acme Bullet", WD_STYLE_TYPE.PARAGRAPH, "List Bullet"), "Arial", 10.5)
    add_style(document, "Acme Table", WD_STYLE_TYPE.TABLE, "Table Grid")
    styles["Acme Title"].next_paragraph_style = styles["Acme Body"]
    set_page(document, 210, 297)
    document.save(str(folder / "reference.docx"))
    layouts = "\n".join(f'{role} = "{name}"' for role, name in ACME_LAYOUTS.items())
    style_lines = "\n".join(f'{role} = "{name}"' for role, name in ACME_STYLES.items())
    write_manifest(folder, f"""
name = "Acme"

[pptx.layouts]
{layouts}

[docx.styles]
{style_lines}
""")
    return folder


GLOBEX_LAYOUTS = {"title": "Titelfolie", "summary": "Titel und Inhalt", "figures": "Nur Titel",
                  "section": "Titel und Inhalt", "sources": "Titel und Inhalt"}
GLOBEX_STYLES = {"title": "Title", "subtitle": "Subtitle", "heading": "Heading 1", "body": "Normal",
                 "bullet": "List Bullet", "table": "Medium Shading 1 Accent 1"}


def build_globex(folder: Path) -> Path:
    """Write the Globex pack: 4:3, German layouts (no section header), a dark theme, kept Disclaimer."""
    folder.mkdir(parents=True, exist_ok=True)
    prs = Presentation()
    set_theme(prs, GLOBEX)
    rename_layouts(prs, GERMAN_LAYOUTS)
    delete_layout(prs, "Abschnittsüberschrift")
    master = prs.slide_masters[0]
    set_colour_map(master, {"bg1": "dk1", "tx1": "lt1", "bg2": "dk2", "tx2": "lt2"})
    add_band(master, "Globex Line", (Emu(457200), Emu(1463040), Emu(8229600), Emu(27432)), "accent1")
    layout_named(prs, "Titelfolie").element.set("showMasterSp", "0")  # no rule across the cover
    add_text_slide(prs, "Titel und Inhalt", SAMPLE_SLIDE, ["Revenue up 4%", "Costs flat"])
    add_text_slide(prs, "Titel und Inhalt", DISCLAIMER, [DISCLAIMER_TEXT])
    prs.save(str(folder / "reference.pptx"))

    document = Document()
    set_docx_theme_fonts(document, GLOBEX.major, GLOBEX.minor)
    set_style_font(document.styles["Normal"], "Times New Roman", 11)
    set_page(document, 210, 297)
    document.save(str(folder / "reference.docx"))
    layouts = "\n".join(f'{role} = "{name}"' for role, name in GLOBEX_LAYOUTS.items())
    style_lines = "\n".join(f'{role} = "{name}"' for role, name in GLOBEX_STYLES.items())
    write_manifest(folder, f"""
name = "Globex"

[pptx]
keep_slides = ["{DISCLAIMER}"]

[pptx.layouts]
{layouts}

[docx.styles]
{style_lines}
""")
    return folder


INITECH_LAYOUTS = {"title": "Initech Title", "summary": "Initech Text"}


def build_initech(folder: Path) -> Path:
    """Write the Initech pack: 16:9, no section-header/title-only layouts, Verdana, few roles mapped."""
    folder.mkdir(parents=True, exist_ok=True)
    prs = Presentation()
    widen_to_16_9(prs)
    set_theme(prs, INITECH)
    delete_layout(prs, "Section Header")
    delete_layout(prs, "Title Only")
    rename_layouts(prs, {"Title Slide": "Initech Title", "Title and Content": "Initech Text",
                         "Two Content": "Content - 2 columns"})
    add_band(prs.slide_masters[0], "Initech Edge", (0, 0, Emu(228600), SLIDE_HEIGHT), "accent1")
    prs.save(str(folder / "reference.pptx"))

    document = Document()
    set_docx_theme_fonts(document, INITECH.major, INITECH.minor)
    delete_style(document, "List Bullet")
    delete_style(document, "Light Grid Accent 1")
    set_page(document, 215.9, 279.4)
    document.save(str(folder / "reference.docx"))
    layouts = "\n".join(f'{role} = "{name}"' for role, name in INITECH_LAYOUTS.items())
    write_manifest(folder, f"""
name = "Initech"

[pptx.layouts]
{layouts}
""")
    return folder


BUILDERS = {"acme": build_acme, "globex": build_globex, "initech": build_initech}
