"""Plan: decide which slides and blocks a briefing has, with what text, from a template pack.

``plan_deck(brief, pack)`` and ``plan_document(brief, pack)`` render the pack's jinja2
storyboards (see ``storyboard.py``) and turn the YAML they produce into ``DeckPlan`` /
``DocPlan`` values. No python-pptx or python-docx here, and never the article's raw text:
only the ``Brief``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import PurePath
from typing import Any

from ..errors import TemplateError
from ..model import (BlockKind, Brief, Bullet, Chart, DeckPlan, DocBlock, DocPlan, Figure,
                     FigureKind, SectionBrief, Sentence, SlidePlan, Tile)
from .pack import BUILTIN_PACK, LAYOUT_ROLES, TemplatePack

# The storyboards' machinery (jinja2, PyYAML) is loaded by the first ``_render``: a process that
# only renders plans made elsewhere, or only reads a pack (``plan.pack``), never loads it.

_SLIDE_KEYS = {"role", "title", "subtitle", "bullets", "tiles", "chart", "notes"}
_CHART_KEYS = {"title", "unit", "categories", "values", "number_format"}
_BLOCK_KINDS = {k.value: k for k in BlockKind}
#: Kinds of figure that make sense side by side in a bar chart.
_CHARTABLE = (FigureKind.MONEY, FigureKind.PERCENT, FigureKind.COUNT, FigureKind.QUANTITY)


def plan_deck(brief: Brief, pack: TemplatePack) -> tuple[DeckPlan, tuple[str, ...]]:
    """Return the deck plan for ``brief`` from the pack's deck storyboard, and warnings."""
    data = _render(brief, pack, pack.deck_template)
    slides_data = data.get("slides") if isinstance(data, dict) else data
    if not isinstance(slides_data, list):
        raise TemplateError("must produce a list of slides (or a mapping with 'slides')", pack.deck_template)
    slides = tuple(_slide(item, i, pack) for i, item in enumerate(slides_data, 1))
    plan = DeckPlan(title=clip_property(brief.title), slides=slides, subject=_subject(brief), keywords=_keywords(brief))
    return plan, ()


def plan_document(brief: Brief, pack: TemplatePack) -> tuple[DocPlan, tuple[str, ...]]:
    """Return the Word briefing plan for ``brief`` from the pack's document storyboard, and warnings."""
    data = _render(brief, pack, pack.document_template)
    blocks_data = data.get("blocks") if isinstance(data, dict) else data
    if not isinstance(blocks_data, list):
        raise TemplateError("must produce a list of blocks (or a mapping with 'blocks')", pack.document_template)
    blocks = tuple(_block(item, i, pack.document_template) for i, item in enumerate(blocks_data, 1))
    plan = DocPlan(title=clip_property(brief.title), blocks=blocks, subject=_subject(brief), keywords=_keywords(brief))
    return plan, ()


# --------------------------------------------------------------------------------------------
# What templates can see
# --------------------------------------------------------------------------------------------


def _render(brief: Brief, pack: TemplatePack, name: str) -> Any:
    """Render one storyboard of ``pack`` for ``brief`` and return its YAML data."""
    from .storyboard import make_environment, render_storyboard  # noqa: PLC0415  (see the imports)

    env = make_environment(pack.template_dirs, BUILTIN_PACK)
    context = {"brief": brief, "article": brief.article, "filename": PurePath(brief.article.path).name}
    functions = {
        "where": lambda item: where(brief, item),
        "chart_groups": chart_groups,
        "repeats_summary": lambda section: repeats_summary(brief, section),
    }
    return render_storyboard(env, name, context, functions)


def where(brief: Brief, item: Any) -> str:
    """Return where a figure, takeaway or sentence comes from ("“Heading”, paragraph 2")."""
    sentence: Sentence = item if isinstance(item, Sentence) else item.sentence
    section = brief.article.sections[sentence.section]
    place = f"\u201c{section.heading}\u201d" if section.heading else "opening"
    return f"{place}, paragraph {sentence.paragraph + 1}"


def repeats_summary(brief: Brief, section: SectionBrief) -> bool:
    """True when every point of ``section`` is already an executive-summary takeaway."""
    summarised = {t.start for t in brief.takeaways}
    return bool(section.points) and all(p.start in summarised for p in section.points)


def chart_groups(figures: Sequence[Figure], minimum: int = 2) -> list[list[Figure]]:
    """Return groups of comparable figures (same kind and unit, single values), largest first."""
    groups: dict[tuple[str, str | None], list[Figure]] = {}
    for fig in figures:
        if fig.kind in _CHARTABLE and isinstance(fig.value, (int, float)):
            groups.setdefault((fig.kind.value, fig.unit), []).append(fig)
    chosen = [g for g in groups.values() if len(g) >= minimum]
    return sorted(chosen, key=lambda g: -len(g))


#: Office document properties (title, subject, keywords) hold at most this many characters.
PROPERTY_LIMIT = 255


def clip_property(text: str, limit: int = PROPERTY_LIMIT) -> str:
    """Return ``text`` cut at a word boundary to fit a document property, with "…" when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "\u2026"


def _subject(brief: Brief) -> str:
    return clip_property(brief.takeaways[0].text if brief.takeaways else brief.title)


def _keywords(brief: Brief) -> tuple[str, ...]:
    headings = [s.heading for s in brief.article.sections if s.heading]
    kept: list[str] = []
    for heading in headings:
        if len("; ".join([*kept, heading])) > PROPERTY_LIMIT:
            break
        kept.append(heading)
    return tuple(kept)


# --------------------------------------------------------------------------------------------
# YAML -> plan values, with errors naming the template and the item
# --------------------------------------------------------------------------------------------


def _slide(item: Any, number: int, pack: TemplatePack) -> SlidePlan:
    """Return a ``SlidePlan`` from one storyboard item."""
    where_ = f"slide {number}"
    mapping = _mapping(item, where_, pack.deck_template, _SLIDE_KEYS)
    role = _text(mapping.get("role"), f"{where_} role", pack.deck_template)
    if role not in pack.layouts:
        raise TemplateError(f"{where_}: unknown role {role!r}; roles: {', '.join(LAYOUT_ROLES)}", pack.deck_template)
    return SlidePlan(
        role=role,
        title=_text(mapping.get("title", ""), f"{where_} title", pack.deck_template),
        subtitle=_optional_text(mapping.get("subtitle"), f"{where_} subtitle", pack.deck_template),
        bullets=tuple(_bullet(b, where_, pack.deck_template) for b in _list(mapping.get("bullets"), where_, pack.deck_template)),
        tiles=tuple(_tile(t, where_, pack.deck_template) for t in _list(mapping.get("tiles"), where_, pack.deck_template)),
        chart=_chart(mapping.get("chart"), where_, pack.deck_template),
        notes=_optional_text(mapping.get("notes"), f"{where_} notes", pack.deck_template) or "",
    )


def _block(item: Any, number: int, template: str) -> DocBlock:
    """Return a ``DocBlock`` from one storyboard item like ``{heading: "Key figures"}``."""
    where_ = f"block {number}"
    mapping = _mapping(item, where_, template, set(_BLOCK_KINDS) | {"level"})
    kinds = [k for k in mapping if k in _BLOCK_KINDS]
    if len(kinds) != 1:
        raise TemplateError(f"{where_}: needs exactly one of {', '.join(sorted(_BLOCK_KINDS))}", template)
    kind = _BLOCK_KINDS[kinds[0]]
    value = mapping[kinds[0]]
    level = mapping.get("level", 1)
    if not isinstance(level, int) or not 1 <= level <= 9:
        raise TemplateError(f"{where_}: level must be a whole number 1-9", template)
    if kind is BlockKind.BULLETS:
        return DocBlock(kind, items=tuple(_text(v, where_, template) for v in _list(value, where_, template)))
    if kind is BlockKind.TABLE:
        rows = tuple(tuple(_text(c, where_, template) for c in _list(r, where_, template)) for r in _list(value, where_, template))
        if rows and len({len(r) for r in rows}) != 1:
            raise TemplateError(f"{where_}: every table row needs the same number of cells", template)
        return DocBlock(kind, rows=rows)
    return DocBlock(kind, text=_text(value, where_, template), level=level)


def _bullet(item: Any, where_: str, template: str) -> Bullet:
    if isinstance(item, Mapping):
        mapping = _mapping(item, where_ + " bullet", template, {"text", "level"})
        level = mapping.get("level", 0)
        if not isinstance(level, int) or not 0 <= level <= 4:
            raise TemplateError(f"{where_}: bullet level must be 0-4", template)
        return Bullet(_text(mapping.get("text"), where_ + " bullet", template), level)
    return Bullet(_text(item, where_ + " bullet", template))


def _tile(item: Any, where_: str, template: str) -> Tile:
    mapping = _mapping(item, where_ + " tile", template, {"value", "label"})
    return Tile(_text(mapping.get("value"), where_ + " tile value", template),
                _text(mapping.get("label", ""), where_ + " tile label", template))


#: Scales for charted values: (threshold, divisor, suffix), largest first.
_CHART_SCALES = ((1e12, 1e12, "tn", "trillions"), (1e9, 1e9, "bn", "billions"), (1e6, 1e6, "m", "millions"),
                 (1e4, 1e3, "k", "thousands"))


def auto_scale(values: tuple[float, ...], unit: str) -> tuple[tuple[float, ...], str, str]:
    """Return (values, unit, number format) scaled for reading: 4.2e9 EUR -> 4.2, "EUR bn", "#,##0.0"
    (with as many decimals as the values need, so none is shown rounded when two decimals suffice).

    Percentages keep their values and get a "%" format.
    """
    if unit in ("%", "percent"):
        return values, unit, _decimal_format("0", values) + '"%"'

    largest = max((abs(v) for v in values), default=0)
    for threshold, divisor, short, long in _CHART_SCALES:
        if largest >= threshold:
            values = tuple(v / divisor for v in values)
            is_currency = len(unit) == 3 and unit.isupper()
            unit = f"{unit} {short}" if is_currency else (f"{unit} ({long})" if unit else long)
            break
    return values, unit, _decimal_format("#,##0", values)


#: Chart labels show up to this many decimals: enough for every value written to two decimals in its scale.
CHART_MAX_DECIMALS = 2


def _decimal_format(whole: str, values: tuple[float, ...]) -> str:
    """Return ``whole`` with as many decimals as the values need to show exactly, at most CHART_MAX_DECIMALS
    (4.2 and 0.61 bn -> "#,##0.00", so 0.61 is not shown as 0.6)."""
    places = max((next((d for d in range(CHART_MAX_DECIMALS) if abs(round(v, d) - v) <= 1e-9 * max(1.0, abs(v))),
                       CHART_MAX_DECIMALS) for v in values), default=0)
    return whole + ("." + "0" * places if places else "")


def _chart(item: Any, where_: str, template: str) -> Chart | None:
    if item is None:
        return None
    mapping = _mapping(item, where_ + " chart", template, _CHART_KEYS)
    categories = tuple(_text(c, where_ + " chart", template) for c in _list(mapping.get("categories"), where_, template))
    values = tuple(_list(mapping.get("values"), where_, template))
    if len(categories) != len(values) or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        raise TemplateError(f"{where_}: chart needs as many numeric values as categories", template)
    unit = _text(mapping.get("unit", ""), where_ + " chart unit", template)
    number_format = _text(mapping.get("number_format", "auto"), where_, template)
    numbers = tuple(float(v) for v in values)
    if number_format == "auto":
        numbers, unit, number_format = auto_scale(numbers, unit)
    title = _text(mapping.get("title", ""), where_ + " chart title", template)
    return Chart(
        title=title or unit,  # an untitled chart is captioned with its (scaled) unit
        unit=unit,
        categories=categories,
        values=numbers,
        number_format=number_format,
    )


def _mapping(item: Any, where_: str, template: str, allowed: set[str]) -> Mapping[str, Any]:
    if not isinstance(item, Mapping):
        raise TemplateError(f"{where_}: expected a mapping, got {type(item).__name__}", template)
    unknown = sorted(set(map(str, item)) - allowed)
    if unknown:
        raise TemplateError(f"{where_}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}", template)
    return item


def _list(value: Any, where_: str, template: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise TemplateError(f"{where_}: expected a list, got {type(value).__name__}", template)
    return value


def _text(value: Any, where_: str, template: str) -> str:
    if isinstance(value, bool) or value is None:
        raise TemplateError(f"{where_}: expected text, got {value!r}", template)
    if isinstance(value, (int, float)):
        return str(value)
    if not isinstance(value, str):
        raise TemplateError(f"{where_}: expected text, got {type(value).__name__}", template)
    return value


def _optional_text(value: Any, where_: str, template: str) -> str | None:
    return None if value is None else _text(value, where_, template)
