"""A small built-in sample brief, for checking a template pack without any input files."""

from __future__ import annotations

from functools import lru_cache

from ..analysis import analyse
from ..model import Brief
from ..readers.markdown import parse_markdown

SAMPLE_ARTICLE = """---
title: Harbour Rail opens its first automated freight terminal
date: 2025-09-18
source: briefgen template check
---

Harbour Rail, an imaginary freight operator used to test templates, opened its first automated terminal on Thursday after investing £420m over three years.

The terminal can handle 1.2 million containers a year, up 35% on the site it replaces, and will employ 640 people.

## Costs and returns

The company expects the terminal to cut handling costs by 18% and to pay back its investment by 2031.
Operating margins should widen by 2.5 percentage points once the second phase opens.
Analysts said the project was ambitious but well funded.

## What comes next

Harbour Rail plans two more terminals in the north, worth a combined £900m.
Construction of the first is due to start in 2026, subject to planning approval.
The company said it would publish a progress report every six months.
"""


@lru_cache(maxsize=1)
def sample_brief() -> Brief:
    """Return the analysed sample article (title, date, sections, takeaways, figures)."""
    return analyse(parse_markdown(SAMPLE_ARTICLE, "sample-article.md"))
