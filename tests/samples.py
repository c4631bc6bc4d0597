"""Hand-built model values for tests of the plan and render stages (no readers or analysis)."""

from __future__ import annotations

import datetime as dt

from briefgen.model import (Article, Brief, Figure, FigureKind, Paragraph, Section, SectionBrief,
                            Sentence, Takeaway)


def build_article(blocks: list[tuple[str | None, list[str]]], *, title: str | None = "A title",
                  date: dt.date | None = dt.date(2024, 1, 30), source: str | None = None,
                  path: str = "inputs/sample.txt") -> Article:
    """Return an Article whose text is the paragraphs joined by blank lines, with honest offsets."""
    text, sections = "", []
    for heading, paragraphs in blocks:
        if heading:
            text += heading + "\n\n"
        paras = []
        for p in paragraphs:
            paras.append(Paragraph(p, len(text), len(text) + len(p)))
            text += p + "\n\n"
        sections.append(Section(heading, tuple(paras)))
    return Article(path, text, title, date, source, None, tuple(sections))


def one_sentence_per_paragraph(article: Article) -> tuple[Sentence, ...]:
    """Return each paragraph as one sentence (enough for plan tests)."""
    return tuple(
        Sentence(p.text, p.start, p.end, si, pi)
        for si, s in enumerate(article.sections) for pi, p in enumerate(s.paragraphs)
    )


def figure(sentence: Sentence, surface: str, value, unit, kind: FigureKind, display: str, label: str,
           key: bool = True) -> Figure:
    """Return a Figure located at ``surface`` inside ``sentence``."""
    at = sentence.text.index(surface) + sentence.start
    return Figure(surface, value, unit, kind, display, label, sentence, at, at + len(surface), key)


def huawei_like_brief(**article_kw) -> Brief:
    """Return a small hand-built brief shaped like the Huawei sample."""
    article = build_article([
        (None, ["Huawei is moving into electric vehicles as sanctions squeeze its phone business."]),
        ("Partnership with Dongfeng Motor Group",
         ["Huawei has invested 1 billion in the sector since 2021.",
          "Dongfeng's Voyah brand will use Huawei software."]),
        ("Investment in Intelligent Automotive Solution Unit",
         ["The unit employs over 7,000 researchers.",
          "The new business could be valued at up to 250 billion yuan."]),
    ], **article_kw)
    s = one_sentence_per_paragraph(article)
    figures = (
        figure(s[1], "1 billion", 1e9, None, FigureKind.MONEY, "1 billion", "invested in the sector since 2021"),
        figure(s[1], "2021", 2021, None, FigureKind.YEAR, "2021", "year", key=False),
        figure(s[3], "7,000", 7000, "researchers", FigureKind.COUNT, "7,000", "researchers in the unit"),
        figure(s[4], "250 billion yuan", 2.5e11, "CNY", FigureKind.MONEY, "250 billion yuan", "potential value of the new business"),
    )
    takeaways = tuple(Takeaway(x.text, x.start, x.end, x) for x in (s[0], s[1], s[4]))
    sections = tuple(
        SectionBrief(sec.heading, tuple(Takeaway(x.text, x.start, x.end, x) for x in s if x.section == i),
                     "\n\n".join(p.text for p in sec.paragraphs))
        for i, sec in enumerate(article.sections)
    )
    return Brief(article, article.title or "Huawei moves into electric vehicles", article.title is None,
                 s, takeaways, figures, sections)
