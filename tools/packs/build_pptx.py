"""Build the two reference decks (16:9, no slides) from python-pptx's default template.

Run from the repository root::

    python tools/packs/build_pptx.py

Writes ``briefgen/packs/default/reference.pptx`` (built-in look: white, Calibri, sober blues) and
``templates/reference.pptx`` (the repository's "corporate" pack: navy cover, teal/orange accents,
a navy band on content slides, Cambria headings and Arial text, layouts renamed to "Cover",
"Content" and "Headline Only"). The output is byte-for-byte deterministic: the XML is edited with
lxml and the zip is written with fixed timestamps. pptx is located, never imported.
"""

from __future__ import annotations

import importlib.util
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from lxml import etree

REPO = Path(__file__).resolve().parents[2]

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
}
A = "{%s}" % NS["a"]
P = "{%s}" % NS["p"]

OLD_WIDTH = 9144000
SLIDE_WIDTH = 12192000  # 13.333 in
SLIDE_HEIGHT = 6858000  # 7.5 in
ZIP_DATE = (2000, 1, 1, 0, 0, 0)
FIXED_TIME = "2000-01-01T00:00:00Z"
IN = 914400  # EMU per inch

MASTER = "ppt/slideMasters/slideMaster1.xml"
THEME = "ppt/theme/theme1.xml"
LAYOUT_DIR = "ppt/slideLayouts/"
THUMBNAIL = "docProps/thumbnail.jpeg"


@dataclass(frozen=True)
class Look:
    """Everything that differs between the two reference decks."""

    theme_name: str
    colours: dict[str, str]
    major_font: str
    minor_font: str
    title_size: int  # hundredths of a point
    title_colour: str  # scheme colour name
    body_sizes: tuple[int, int, int]
    title_frame: tuple[int, int, int, int]
    body_frame: tuple[int, int, int, int]
    title_anchor: str
    layout_names: dict[str, str] = field(default_factory=dict)
    decorate: Callable[[dict[str, etree._Element]], None] | None = None


def default_template_path() -> Path:
    """Return python-pptx's bundled default.pptx without importing pptx."""
    spec = importlib.util.find_spec("pptx")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("python-pptx is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "templates" / "default.pptx"


def read_parts(path: Path) -> dict[str, bytes]:
    """Return the zip members of ``path`` in their stored order."""
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def parse(blob: bytes) -> etree._Element:
    """Parse one XML part."""
    return etree.fromstring(blob)


def serialise(root: etree._Element) -> bytes:
    """Serialise one XML part with the standalone declaration Office writes."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def layout_part_names(parts: dict[str, bytes]) -> list[str]:
    """Return the slide layout part names, sorted by number."""
    names = [n for n in parts if n.startswith(LAYOUT_DIR) and n.endswith(".xml")]
    return sorted(names, key=lambda n: int(n[len(LAYOUT_DIR) + len("slideLayout"):-4]))


# ---------------------------------------------------------------------------------------------
# 16:9 rescaling
# ---------------------------------------------------------------------------------------------


def widen_frames(root: etree._Element) -> None:
    """Scale every shape's x offset and width from 4:3 to 16:9 (heights are unchanged)."""
    for xfrm in root.iter(A + "xfrm"):
        off, ext = xfrm.find(A + "off"), xfrm.find(A + "ext")
        if off is not None:
            off.set("x", str(round(int(off.get("x")) * SLIDE_WIDTH / OLD_WIDTH)))
        if ext is not None:
            ext.set("cx", str(round(int(ext.get("cx")) * SLIDE_WIDTH / OLD_WIDTH)))


def set_slide_size(presentation: etree._Element) -> None:
    """Make the presentation 13.333 x 7.5 in."""
    size = presentation.find(P + "sldSz")
    size.set("cx", str(SLIDE_WIDTH))
    size.set("cy", str(SLIDE_HEIGHT))
    size.attrib.pop("type", None)


# ---------------------------------------------------------------------------------------------
# Theme
# ---------------------------------------------------------------------------------------------


def set_theme(theme: etree._Element, look: Look) -> None:
    """Replace the theme's colour scheme and major/minor latin fonts."""
    theme.set("name", look.theme_name)
    scheme = theme.find(".//a:clrScheme", NS)
    scheme.set("name", look.theme_name)
    for slot, rgb in look.colours.items():
        holder = scheme.find("a:" + slot, NS)
        for child in list(holder):
            holder.remove(child)
        etree.SubElement(holder, A + "srgbClr", val=rgb)
    fonts = theme.find(".//a:fontScheme", NS)
    fonts.set("name", look.theme_name)
    fonts.find("a:majorFont/a:latin", NS).set("typeface", look.major_font)
    fonts.find("a:minorFont/a:latin", NS).set("typeface", look.minor_font)


# ---------------------------------------------------------------------------------------------
# Master and layouts
# ---------------------------------------------------------------------------------------------


def scheme_fill(colour: str) -> etree._Element:
    """Return <a:solidFill><a:schemeClr val=colour/></a:solidFill>."""
    fill = etree.Element(A + "solidFill")
    etree.SubElement(fill, A + "schemeClr", val=colour)
    return fill


def replace_fill(def_rpr: etree._Element, colour: str) -> None:
    """Set a run-properties element's fill to a scheme colour (fill comes first in the schema)."""
    for old in def_rpr.findall(A + "solidFill"):
        def_rpr.remove(old)
    def_rpr.insert(0, scheme_fill(colour))


def set_frame(sp: etree._Element, frame: tuple[int, int, int, int]) -> None:
    """Give a shape an explicit a:xfrm (x, y, cx, cy in EMU), creating it when inherited."""
    sp_pr = sp.find("p:spPr", NS)
    xfrm = sp_pr.find("a:xfrm", NS)
    if xfrm is None:
        xfrm = etree.Element(A + "xfrm")
        sp_pr.insert(0, xfrm)
        etree.SubElement(xfrm, A + "off")
        etree.SubElement(xfrm, A + "ext")
    x, y, cx, cy = frame
    xfrm.find("a:off", NS).attrib.update({"x": str(x), "y": str(y)})
    xfrm.find("a:ext", NS).attrib.update({"cx": str(cx), "cy": str(cy)})


def placeholder(root: etree._Element, ph_type: str) -> etree._Element | None:
    """Return the p:sp whose placeholder has ``ph_type`` ("body" also matches an untyped ph)."""
    for sp in root.iterfind(".//p:sp", NS):
        ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is not None and ph.get("type", "body") == ph_type and ph.get("orient") is None:
            return sp
    return None


def style_master(master: etree._Element, look: Look) -> None:
    """Set the master's title/body frames and text styles (sizes, colours, spacing, bullets)."""
    set_frame(placeholder(master, "title"), look.title_frame)
    set_frame(placeholder(master, "body"), look.body_frame)
    placeholder(master, "title").find("p:txBody/a:bodyPr", NS).set("anchor", look.title_anchor)
    title = master.find("p:txStyles/p:titleStyle/a:lvl1pPr", NS)
    title.set("algn", "l")
    title_rpr = title.find("a:defRPr", NS)
    title_rpr.set("sz", str(look.title_size))
    replace_fill(title_rpr, look.title_colour)
    body = master.find("p:txStyles/p:bodyStyle", NS)
    for level, lvl in enumerate(body, start=1):
        size = look.body_sizes[min(level, len(look.body_sizes)) - 1]
        lvl.find("a:defRPr", NS).set("sz", str(size))
        style_body_level(lvl, level)


def style_body_level(lvl: etree._Element, level: int) -> None:
    """Space paragraphs in points, colour bullets with accent 1, use a plain bullet/dash."""
    spc = lvl.find("a:spcBef", NS)
    for child in list(spc):
        spc.remove(child)
    etree.SubElement(spc, A + "spcPts", val="1000" if level == 1 else "500")
    bu_font = lvl.find("a:buFont", NS)
    bu_font.addprevious(_bullet_colour())
    lvl.find("a:buChar", NS).set("char", "•" if level % 2 else "–")


def _bullet_colour() -> etree._Element:
    """Return <a:buClr> with accent 1."""
    clr = etree.Element(A + "buClr")
    etree.SubElement(clr, A + "schemeClr", val="accent1")
    return clr


def rect_shape(
    shape_id: int, name: str, frame: tuple[int, int, int, int], colour: str, geometry: str = "rect"
) -> etree._Element:
    """Return a filled, line-less decoration shape (no text) for a master or layout."""
    sp = etree.Element(P + "sp")
    nv = etree.SubElement(sp, P + "nvSpPr")
    etree.SubElement(nv, P + "cNvPr", id=str(shape_id), name=name)
    etree.SubElement(nv, P + "cNvSpPr")
    etree.SubElement(nv, P + "nvPr", userDrawn="1")
    sp_pr = etree.SubElement(sp, P + "spPr")
    xfrm = etree.SubElement(sp_pr, A + "xfrm")
    x, y, cx, cy = frame
    etree.SubElement(xfrm, A + "off", x=str(x), y=str(y))
    etree.SubElement(xfrm, A + "ext", cx=str(cx), cy=str(cy))
    geom = etree.SubElement(sp_pr, A + "prstGeom", prst=geometry)
    etree.SubElement(geom, A + "avLst")
    sp_pr.append(scheme_fill(colour))
    line = etree.SubElement(sp_pr, A + "ln")
    etree.SubElement(line, A + "noFill")
    return sp


def add_decoration(root: etree._Element, shapes: list[etree._Element]) -> None:
    """Insert decoration shapes at the back of the shape tree (after the group properties)."""
    tree = root.find("p:cSld/p:spTree", NS)
    anchor = tree.find("p:grpSpPr", NS)
    for shape in reversed(shapes):
        anchor.addnext(shape)


def next_shape_id(root: etree._Element) -> int:
    """Return an unused cNvPr id for the part."""
    return max(int(e.get("id")) for e in root.iter(P + "cNvPr")) + 1


def layout_name(layout: etree._Element) -> str:
    """Return a layout's name."""
    return layout.find("p:cSld", NS).get("name")


def rename_layouts(layouts: dict[str, etree._Element], names: dict[str, str]) -> None:
    """Rename layouts (old name -> new name)."""
    for layout in layouts.values():
        old = layout_name(layout)
        if old in names:
            layout.find("p:cSld", NS).set("name", names[old])


def set_lst_colour(sp: etree._Element, colour: str, size: int | None = None, align: str | None = None) -> None:
    """Give a placeholder's level-1 list style a colour (and optionally a size and alignment)."""
    lst = sp.find("p:txBody/a:lstStyle", NS)
    lvl = lst.find("a:lvl1pPr", NS)
    if lvl is None:
        lvl = etree.SubElement(lst, A + "lvl1pPr")
        lst.insert(0, lvl)
    if align:
        lvl.set("algn", align)
    def_rpr = lvl.find("a:defRPr", NS)
    if def_rpr is None:
        def_rpr = etree.SubElement(lvl, A + "defRPr")
    if size:
        def_rpr.set("sz", str(size))
    replace_fill(def_rpr, colour)


def set_anchor(sp: etree._Element, anchor: str) -> None:
    """Set a placeholder's vertical text anchor."""
    sp.find("p:txBody/a:bodyPr", NS).set("anchor", anchor)


def layout_by_name(layouts: dict[str, etree._Element], name: str) -> etree._Element:
    """Return the layout element called ``name``."""
    for layout in layouts.values():
        if layout_name(layout) == name:
            return layout
    raise KeyError(name)


# ---------------------------------------------------------------------------------------------
# The two looks
# ---------------------------------------------------------------------------------------------

MARGIN = round(0.6 * IN)
CONTENT_WIDTH = SLIDE_WIDTH - 2 * MARGIN
TEXT_LEFT = MARGIN + 91440  # the placeholder's left inset


def decorate_default(parts: dict[str, etree._Element]) -> None:
    """Built-in look: a short accent rule under titles; a slim accent edge on the title slide."""
    master = parts["master"]
    rule_y = 1371600 + 45720
    add_decoration(master, [rect_shape(next_shape_id(master), "Title Rule", (TEXT_LEFT, rule_y, 1371600, 45720), "accent1")])
    cover = parts["Title Slide"]
    cover.set("showMasterSp", "0")
    title, subtitle = placeholder(cover, "ctrTitle"), placeholder(cover, "subTitle")
    set_frame(title, (round(1.1 * IN), round(2.0 * IN), round(11.0 * IN), round(1.9 * IN)))
    set_frame(subtitle, (round(1.1 * IN), round(4.15 * IN), round(11.0 * IN), round(1.1 * IN)))
    set_anchor(title, "b")
    set_lst_colour(title, "tx2", 4400, "l")
    set_anchor(subtitle, "t")
    set_lst_colour(subtitle, "accent1", 2000, "l")
    first = next_shape_id(cover)
    add_decoration(cover, [
        rect_shape(first, "Edge", (0, 0, round(0.28 * IN), SLIDE_HEIGHT), "accent1"),
        rect_shape(first + 1, "Cover Rule", (round(1.1 * IN) + 91440, round(4.0 * IN), round(1.8 * IN), 54864), "accent1"),
    ])


def decorate_corporate(parts: dict[str, etree._Element]) -> None:
    """Corporate look: navy band with white title on content slides, orange rule; navy cover."""
    master = parts["master"]
    band_height = round(1.3 * IN)
    first = next_shape_id(master)
    add_decoration(master, [
        rect_shape(first, "Band", (0, 0, SLIDE_WIDTH, band_height), "tx2"),
        rect_shape(first + 1, "Band Rule", (0, band_height, SLIDE_WIDTH, 54864), "accent2"),
    ])
    for layout in parts.values():
        if layout is not master and own_title_frame(layout):
            layout.set("showMasterSp", "0")  # its title sits outside the band: no band, navy title
            set_lst_colour(placeholder(layout, "title"), "tx2")
    cover = parts["Cover"]
    cover.set("showMasterSp", "0")
    set_background(cover, "tx2")
    title, subtitle = placeholder(cover, "ctrTitle"), placeholder(cover, "subTitle")
    set_frame(title, (round(1.0 * IN), round(1.9 * IN), round(11.2 * IN), round(2.0 * IN)))
    set_frame(subtitle, (round(1.0 * IN), round(4.3 * IN), round(11.2 * IN), round(1.1 * IN)))
    set_anchor(title, "b")
    set_lst_colour(title, "bg1", 4400, "l")
    set_anchor(subtitle, "t")
    set_lst_colour(subtitle, "bg2", 2000, "l")
    first = next_shape_id(cover)
    add_decoration(cover, [
        rect_shape(first, "Teal Edge", (0, 0, round(0.35 * IN), SLIDE_HEIGHT), "accent1"),
        rect_shape(first + 1, "Orange Rule", (round(1.0 * IN) + 91440, round(4.1 * IN), round(2.2 * IN), 73152), "accent2"),
    ])


def own_title_frame(layout: etree._Element) -> bool:
    """True when a layout places its (non-vertical) title itself instead of inheriting the master's."""
    title = placeholder(layout, "title")
    return title is not None and title.find("p:spPr/a:xfrm", NS) is not None


def set_background(layout: etree._Element, colour: str) -> None:
    """Give a layout a solid scheme-colour background."""
    c_sld = layout.find("p:cSld", NS)
    bg = etree.Element(P + "bg")
    bg_pr = etree.SubElement(bg, P + "bgPr")
    bg_pr.append(scheme_fill(colour))
    etree.SubElement(bg_pr, A + "effectLst")
    c_sld.insert(0, bg)


DEFAULT_LOOK = Look(
    theme_name="briefgen",
    colours={
        "dk1": "222222", "lt1": "FFFFFF", "dk2": "1F3864", "lt2": "E9EEF5",
        "accent1": "2A5CAA", "accent2": "1F3864", "accent3": "5B9BD5", "accent4": "7F8C9A",
        "accent5": "9DC3E6", "accent6": "44546A", "hlink": "2A5CAA", "folHlink": "6B4C9A",
    },
    major_font="Calibri",
    minor_font="Calibri",
    title_size=3600,
    title_colour="tx2",
    body_sizes=(2000, 1800, 1600),
    title_frame=(MARGIN, round(0.3 * IN), CONTENT_WIDTH, round(1.2 * IN)),
    body_frame=(MARGIN, round(1.75 * IN), CONTENT_WIDTH, round(5.0 * IN)),
    title_anchor="b",
    decorate=decorate_default,
)

CORPORATE_LOOK = Look(
    theme_name="briefgen corporate",
    colours={
        "dk1": "1B1B1B", "lt1": "FFFFFF", "dk2": "0B2545", "lt2": "DCE6EE",
        "accent1": "0E7C86", "accent2": "E8772E", "accent3": "134074", "accent4": "8DA9C4",
        "accent5": "13A89E", "accent6": "F4A259", "hlink": "0E7C86", "folHlink": "8D5A97",
    },
    major_font="Cambria",
    minor_font="Arial",
    title_size=3200,
    title_colour="bg1",
    body_sizes=(2000, 1800, 1600),
    title_frame=(MARGIN, round(0.15 * IN), CONTENT_WIDTH, round(1.0 * IN)),
    body_frame=(MARGIN, round(1.7 * IN), CONTENT_WIDTH, round(5.05 * IN)),
    title_anchor="ctr",
    layout_names={"Title Slide": "Cover", "Title and Content": "Content", "Title Only": "Headline Only"},
    decorate=decorate_corporate,
)


# ---------------------------------------------------------------------------------------------
# Package-level parts
# ---------------------------------------------------------------------------------------------


def drop_thumbnail(parts: dict[str, bytes]) -> None:
    """Remove the 4:3 thumbnail and its package relationship."""
    parts.pop(THUMBNAIL, None)
    rels = parse(parts["_rels/.rels"])
    for rel in rels.findall("rel:Relationship", NS):
        if rel.get("Target") == THUMBNAIL:
            rels.remove(rel)
    parts["_rels/.rels"] = serialise(rels)


def set_core_properties(core: etree._Element, title: str) -> None:
    """Write fixed, neutral core properties."""
    values = {
        "dc:title": title, "dc:subject": "", "dc:creator": "briefgen", "cp:keywords": "",
        "dc:description": "briefgen reference deck", "cp:lastModifiedBy": "briefgen",
        "cp:revision": "1", "dcterms:created": FIXED_TIME, "dcterms:modified": FIXED_TIME,
    }
    for tag, value in values.items():
        core.find(tag, NS).text = value


def set_app_properties(app: etree._Element, theme_name: str) -> None:
    """Describe the deck as widescreen and name its theme."""
    app.find("ep:PresentationFormat", NS).text = "Widescreen"
    app.find("ep:Application", NS).text = "briefgen"
    app.find("ep:TitlesOfParts/vt:vector/vt:lpstr", NS).text = theme_name


def write_zip(parts: dict[str, bytes], path: Path) -> None:
    """Write the package with fixed timestamps, [Content_Types].xml first."""
    names = ["[Content_Types].xml"] + [n for n in parts if n != "[Content_Types].xml"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, parts[name])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def build(look: Look, path: Path, title: str) -> None:
    """Build one reference deck at ``path``."""
    parts = read_parts(default_template_path())
    drop_thumbnail(parts)
    presentation = parse(parts["ppt/presentation.xml"])
    set_slide_size(presentation)
    theme = parse(parts[THEME])
    set_theme(theme, look)
    master = parse(parts[MASTER])
    widen_frames(master)
    style_master(master, look)
    layouts = {name: parse(parts[name]) for name in layout_part_names(parts)}
    for layout in layouts.values():
        widen_frames(layout)
    rename_layouts(layouts, look.layout_names)
    if look.decorate:
        named = {layout_name(el): el for el in layouts.values()}
        look.decorate({"master": master, **named})
    core, app = parse(parts["docProps/core.xml"]), parse(parts["docProps/app.xml"])
    set_core_properties(core, title)
    set_app_properties(app, look.theme_name)
    updates = {"ppt/presentation.xml": presentation, THEME: theme, MASTER: master,
               "docProps/core.xml": core, "docProps/app.xml": app, **layouts}
    for name, root in updates.items():
        parts[name] = serialise(root)
    write_zip(parts, path)


def main() -> None:
    """Build both reference decks."""
    build(DEFAULT_LOOK, REPO / "briefgen" / "packs" / "default" / "reference.pptx", "briefgen default")
    build(CORPORATE_LOOK, REPO / "templates" / "reference.pptx", "briefgen corporate")


if __name__ == "__main__":
    main()
