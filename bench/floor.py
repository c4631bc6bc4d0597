"""briefgen's full in-process path per article vs the python-pptx/python-docx floor.

briefgen: read + analyse + plan + render the deck and the Word briefing to bytes (what
``make_briefing`` does, without writing files): ``brief_file``, ``plan_deck``, ``render_pptx``,
the pipeline's zip step when it has one (older versions re-zipped with ``output.normalise_zip``;
now the renderers normalise their own zips), ``plan_document``, ``render_docx``.

Floor: the same slides and document built directly with python-pptx / python-docx from the same
reference files, with the text already known (the DeckPlan/DocPlan computed once beforehand, outside
the timing): open the reference, one slide per planned slide on the layout named by the pack,
title/subtitle/body placeholder text, notes, tiles as text boxes, the chart as a native chart, the
document's blocks in the pack's styles and the table rows; save to BytesIO. No text fitting, no
reproducible re-zipping: the least work that produces the same content.

Target: briefgen <= 1.3x the floor (sum of per-article medians). Run: ``python bench/floor.py``.
"""

from __future__ import annotations

import io
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as c  # noqa: E402

TARGET = 1.3


# --------------------------------------------------------------------------------------------
# The floor
# --------------------------------------------------------------------------------------------


def floor_pptx(plan, pack) -> bytes:
    """Build the deck of ``plan`` with python-pptx directly; return its bytes."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.enum.shapes import PP_PLACEHOLDER
    from pptx.util import Emu

    prs = Presentation(str(pack.pptx))
    layouts = {}
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            layouts.setdefault(layout.name, layout)
    body_types = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
    for spec in plan.slides:
        slide = prs.slides.add_slide(layouts[pack.layouts[spec.role]])
        title = subtitle = body = None
        for ph in slide.placeholders:
            kind = ph.placeholder_format.type
            if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
                title = title or ph
            elif kind == PP_PLACEHOLDER.SUBTITLE:
                subtitle = subtitle or ph
            elif kind in body_types:
                body = body or ph
        if title is not None:
            title.text_frame.text = spec.title
        lines = [(b.text, b.level) for b in spec.bullets]
        if spec.subtitle and subtitle is not None:
            subtitle.text_frame.text = spec.subtitle
        elif spec.subtitle:
            lines.insert(0, (spec.subtitle, 0))
        if lines and body is not None:
            frame = body.text_frame
            for i, (text, level) in enumerate(lines):
                para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
                para.text = text
                para.level = level
        width, height = prs.slide_width, prs.slide_height
        for i, tile in enumerate(spec.tiles[:6]):
            left = Emu(int(width * (0.05 + 0.3 * (i % 3))))
            top = Emu(int(height * (0.3 + 0.3 * (i // 3))))
            box = slide.shapes.add_textbox(left, top, Emu(int(width * 0.28)), Emu(int(height * 0.25)))
            box.text_frame.text = tile.value
            box.text_frame.add_paragraph().text = tile.label
        if spec.chart is not None:
            data = CategoryChartData(number_format=spec.chart.number_format)
            data.categories = list(spec.chart.categories)
            data.add_series(spec.chart.unit or "Value", spec.chart.values)
            slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Emu(int(width * 0.1)), Emu(int(height * 0.55)),
                                   Emu(int(width * 0.8)), Emu(int(height * 0.4)), data)
        if spec.notes:
            slide.notes_slide.notes_text_frame.text = spec.notes
    prs.core_properties.title = plan.title
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def floor_docx(plan, pack) -> bytes:
    """Build the Word briefing of ``plan`` with python-docx directly; return its bytes."""
    from docx import Document
    from docx.oxml.ns import qn

    from briefgen.model import BlockKind

    doc = Document(str(pack.docx))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    by_name = {s.name: s for s in doc.styles}
    role_style = {BlockKind.TITLE: "title", BlockKind.SUBTITLE: "subtitle", BlockKind.PARAGRAPH: "body"}
    for block in plan.blocks:
        if block.kind == BlockKind.HEADING:
            name = pack.styles["heading"] if block.level == 1 else f"Heading {block.level}"
            doc.add_paragraph(block.text, style=by_name.get(name))
        elif block.kind in role_style:
            doc.add_paragraph(block.text, style=by_name.get(pack.styles[role_style[block.kind]]))
        elif block.kind == BlockKind.BULLETS:
            style = by_name.get(pack.styles["bullet"])
            for item in block.items:
                doc.add_paragraph(item, style=style)
        elif block.kind == BlockKind.TABLE and block.rows:
            table = doc.add_table(rows=len(block.rows), cols=len(block.rows[0]))
            table.style = by_name.get(pack.styles["table"])
            for r, row in enumerate(block.rows):
                cells = table.rows[r].cells
                for col, text in enumerate(row):
                    cells[col].text = text
    doc.core_properties.title = plan.title
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# briefgen's path, by stage
# --------------------------------------------------------------------------------------------

STAGES = ("read+analyse", "plan deck", "render pptx", "pipeline zip pptx", "plan doc", "render docx",
          "pipeline zip docx")


def briefgen_path(path: Path, pack) -> tuple[dict[str, float], int]:
    """Run briefgen's full path for one article; return (seconds per stage, bytes produced)."""
    normalise_zip = c.pipeline_zip_step()
    from briefgen.pipeline import brief_file
    from briefgen.plan import plan_deck, plan_document
    from briefgen.render.docx import render_docx
    from briefgen.render.pptx import render_pptx

    times: dict[str, float] = {}
    t0 = time.perf_counter()
    brief = brief_file(path)
    t1 = time.perf_counter()
    deck, _ = plan_deck(brief, pack)
    t2 = time.perf_counter()
    pptx, _ = render_pptx(deck, pack)
    t3 = time.perf_counter()
    pptx = normalise_zip(pptx)
    t4 = time.perf_counter()
    doc, _ = plan_document(brief, pack)
    t5 = time.perf_counter()
    docx, _ = render_docx(doc, pack)
    t6 = time.perf_counter()
    docx = normalise_zip(docx)
    t7 = time.perf_counter()
    marks = (t0, t1, t2, t3, t4, t5, t6, t7)
    for i, stage in enumerate(STAGES):
        times[stage] = marks[i + 1] - marks[i]
    return times, len(pptx) + len(docx)


def main() -> int:
    p = c.parser(__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=30, help="how many corpus articles (default 30)")
    p.add_argument("--repeat", type=int, default=5, help="timed passes over the articles (default 5)")
    p.add_argument("--templates", type=Path, default=c.BUILTIN_PACK, help="template pack (default: built-in)")
    args = p.parse_args()
    if args.quick:
        args.articles, args.repeat = min(args.articles, 8), min(args.repeat, 2)

    from briefgen.pipeline import brief_file
    from briefgen.plan import plan_deck, plan_document
    from briefgen.plan.pack import load_pack

    pack = load_pack(args.templates)
    articles = c.pick_articles(args.articles)

    # The texts, computed once beforehand (outside any timing), and a check that briefgen succeeds.
    plans, failed = {}, []
    for path in articles:
        try:
            brief = brief_file(path)
            plans[path] = (plan_deck(brief, pack)[0], plan_document(brief, pack)[0])
            briefgen_path(path, pack)  # also warms caches (fonts, imports) for both sides
            floor_pptx(plans[path][0], pack)
            floor_docx(plans[path][1], pack)
        except Exception as exc:  # noqa: BLE001 - the renderers are in flux; count and go on
            failed.append(f"{path.name}: {type(exc).__name__}: {exc}")
            plans.pop(path, None)
    usable = [p for p in articles if p in plans]
    if not usable:
        print("no article went through briefgen's full path; first failure:", failed[:1])
        traceback.print_exc()
        return 0

    stage_times: dict[Path, dict[str, list[float]]] = {p: {s: [] for s in STAGES} for p in usable}
    total_b: dict[Path, list[float]] = {p: [] for p in usable}
    floor_p: dict[Path, list[float]] = {p: [] for p in usable}
    floor_d: dict[Path, list[float]] = {p: [] for p in usable}
    sizes = {}
    for rep in range(args.repeat):
        for path in usable if rep % 2 == 0 else reversed(usable):
            deck, doc = plans[path]
            # alternate which side goes first, so drift and cache effects fall on both
            order = ("b", "f") if rep % 2 == 0 else ("f", "b")
            for side in order:
                if side == "b":
                    t = time.perf_counter()
                    times, size = briefgen_path(path, pack)
                    total_b[path].append(time.perf_counter() - t)
                    sizes[path] = size
                    for s, v in times.items():
                        stage_times[path][s].append(v)
                else:
                    t = time.perf_counter()
                    floor_pptx(deck, pack)
                    t2 = time.perf_counter()
                    floor_docx(doc, pack)
                    t3 = time.perf_counter()
                    floor_p[path].append(t2 - t)
                    floor_d[path].append(t3 - t2)

    med = c.median
    b_total = sum(med(total_b[p]) for p in usable)
    f_pptx = sum(med(floor_p[p]) for p in usable)
    f_docx = sum(med(floor_d[p]) for p in usable)
    f_total = f_pptx + f_docx
    stage_sum = {s: sum(med(stage_times[p][s]) for p in usable) for s in STAGES}
    n = len(usable)
    ratio = b_total / f_total
    per_article = [med(total_b[p]) / (med(floor_p[p]) + med(floor_d[p])) for p in usable]

    rep = c.Report(f"floor: briefgen full path vs python-pptx/python-docx floor ({n} articles x {args.repeat})")
    rep.row("briefgen full path (deck + Word)", c.ms(b_total / n), "100%")
    for s in STAGES:
        rep.row(f"  {s}", c.ms(stage_sum[s] / n), f"{100 * stage_sum[s] / b_total:.0f}%")
    rep.row("floor (deck + Word)", c.ms(f_total / n), "")
    rep.row("  floor pptx", c.ms(f_pptx / n), "")
    rep.row("  floor docx", c.ms(f_docx / n), "")
    pptx_b = stage_sum["render pptx"] + stage_sum["pipeline zip pptx"]
    docx_b = stage_sum["render docx"] + stage_sum["pipeline zip docx"]
    rep.note(f"per-article ratio: median {med(per_article):.2f}x, min {min(per_article):.2f}x, max {max(per_article):.2f}x")
    rep.note(f"render only (no read/analyse/plan): pptx {pptx_b / f_pptx:.2f}x its floor, docx {docx_b / f_docx:.2f}x its floor")
    rep.note(f"template pack: {pack.root}")
    if failed:
        rep.note(f"{len(failed)} of {len(articles)} articles failed in briefgen and were left out; first: {failed[0]}")
    rep.result("briefgen / floor (per article, medians summed)", ratio, f"<= {TARGET}x", ratio <= TARGET)
    rep.result("render pptx+docx / floor", (pptx_b + docx_b) / f_total, "(info)", None)
    rep.print(("per article (median)", "time", "share"), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
