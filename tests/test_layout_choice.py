"""Choosing a company's layouts by the placeholders they hold (no file needed)."""

from __future__ import annotations

import pytest

from briefgen.model import LayoutInfo, PlaceholderInfo
from briefgen.plan.pack import layout_signature, suggest_layout


def layout(name: str, *kinds: str) -> LayoutInfo:
    return LayoutInfo(name, tuple(PlaceholderInfo(i, k, f"{k} {i}", 0, 0, 4, 3) for i, k in enumerate(kinds)))


GERMAN = (
    layout("Titelfolie", "center_title", "subtitle", "date", "footer", "slide_number"),
    layout("Titel und Inhalt", "title", "object", "date", "footer", "slide_number"),
    layout("Zwei Inhalte", "title", "object", "object", "date"),
    layout("Nur Titel", "title", "date", "footer"),
    layout("Leer", "date", "footer"),
)


@pytest.mark.parametrize("role, expected", [
    ("title", "Titelfolie"),
    ("summary", "Titel und Inhalt"),
    ("section", "Titel und Inhalt"),
    ("sources", "Titel und Inhalt"),
    ("figures", "Nur Titel"),
])
def test_localised_layouts_are_found_by_their_placeholders(role, expected):
    assert suggest_layout(role, GERMAN).name == expected


def test_decoration_placeholders_do_not_count():
    assert layout_signature(GERMAN[0]) == {"title", "subtitle"}
    assert layout_signature(GERMAN[4]) == frozenset()


def test_fewer_bodies_win_over_deck_order():
    deck = (layout("Content - 2 columns", "title", "body", "body"), layout("1_Title and Content", "title", "body"))
    assert suggest_layout("summary", deck).name == "1_Title and Content"


def test_figures_fall_back_to_a_content_layout_when_there_is_no_title_only_layout():
    deck = (layout("Cover", "title", "subtitle"), layout("Content", "title", "body"))
    assert suggest_layout("figures", deck).name == "Content"


def test_vertical_text_layouts_are_not_taken_for_bullets():
    deck = (layout("Titel und vertikaler Text", "title", "vertical_body"), layout("Inhalt", "title", "object"))
    assert suggest_layout("summary", deck).name == "Inhalt"


def test_no_layout_serves_when_none_has_a_title():
    assert suggest_layout("summary", (layout("Blank"), layout("Picture", "picture"))) is None
