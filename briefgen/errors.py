"""One error tree for the whole library; ``cli.py`` translates it into messages and exit codes."""

from __future__ import annotations


class BriefgenError(Exception):
    """Base of every error briefgen raises on purpose.

    ``path`` names the file the error is about (an article, a template), when there is one.
    """

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(BriefgenError):
    """An article cannot be read: unreadable, empty, binary, too large, malformed."""


class TemplateError(BriefgenError):
    """A template pack is unusable: bad manifest, missing layout or style, broken jinja."""


class RenderError(BriefgenError):
    """A deck or document could not be produced from a valid plan."""
