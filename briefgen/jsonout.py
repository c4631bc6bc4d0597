"""``parse --json``: the Brief as JSON-ready data (schema_version 1), the seam other tools read."""

from __future__ import annotations

from typing import Any

from .model import SCHEMA_VERSION, Brief, Figure


def brief_to_data(brief: Brief) -> dict[str, Any]:
    """Return the JSON-ready dict of ``brief``; the field names are a public contract."""
    article = brief.article
    return {
        "schema_version": SCHEMA_VERSION,
        "source": article.path,
        "title": brief.title,
        "title_derived": brief.title_derived,
        "date": article.date.isoformat() if article.date else None,
        "publisher": article.source,
        "author": article.author,
        "sections": [
            {"heading": s.heading, "paragraphs": [p.text for p in s.paragraphs]} for s in article.sections
        ],
        # "text" is the source sentence (``start``/``end``); "shown" is how the briefing words it.
        "summary": [{"text": t.sentence.text, "start": t.start, "end": t.end, "shown": t.text}
                    for t in brief.takeaways],
        "figures": [figure_to_data(f) for f in brief.figures],
    }


def figure_to_data(fig: Figure) -> dict[str, Any]:
    """Return the JSON-ready dict of one figure."""
    value = list(fig.value) if isinstance(fig.value, tuple) else fig.value
    return {
        "text": fig.text,
        "value": value,
        "unit": fig.unit,
        "kind": fig.kind.value,
        "display": fig.display,
        "label": fig.label,
        "sentence": fig.sentence.text,
        "start": fig.start,
        "end": fig.end,
        "change": fig.change.value if fig.change else None,
        "subject": fig.subject,
        "key": fig.key,
    }
