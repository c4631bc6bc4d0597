"""briefgen: turn articles into executive briefings (PowerPoint decks and Word documents)."""

__version__ = "0.1.0"
