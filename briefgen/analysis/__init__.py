"""Analysis: turns an ``Article`` into a ``Brief`` (sentences, figures, takeaways, title).

Pure functions of the article: deterministic, offline, no file formats.
"""

from __future__ import annotations

from ..model import Article, Brief
from .figures import extract_figures, mark_key, sentence_salience
from .sentences import split_sentences
from .summary import derive_title, select_takeaways, summarise_sections


def analyse(article: Article) -> Brief:
    """Return the ``Brief`` of ``article``."""
    sentences = split_sentences(article)
    title = article.title or derive_title(article, sentences)
    salience = sentence_salience(sentences)
    figures = extract_figures(sentences, title=title, salience=salience)
    takeaways = select_takeaways(article, sentences, figures, title=title)
    # Chosen again, the key figures favour the takeaways' sentences, so the two agree where they can.
    figures = mark_key(figures, sentences, salience, title, frozenset(t.sentence.start for t in takeaways))
    sections = summarise_sections(article, sentences, figures, takeaways)
    return Brief(
        article=article,
        title=title,
        title_derived=article.title is None,
        sentences=sentences,
        takeaways=takeaways,
        figures=figures,
        sections=sections,
    )
