"""Readers: one module per input format, each turning a file's bytes into an ``Article``.

``read_article(path)`` picks the reader by file extension. Readers know about bytes,
encodings and markup (python-docx only to read a Word article); they never touch slides,
briefings or templates.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import Article
from .encoding import decode_text, read_limited_bytes

#: Default limit on the size of one input file, in bytes (``--max-size`` on the CLI).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx")

__all__ = ["DEFAULT_MAX_BYTES", "SUPPORTED_SUFFIXES", "read_article", "supported_types_text"]


def supported_types_text() -> str:
    """Return the supported file types as readable text, e.g. ``".txt, .md, ..."``."""
    return ", ".join(SUPPORTED_SUFFIXES)


def check_readable_path(path: Path) -> str:
    """Return the lower-case suffix of ``path``; raises ``InputError`` when it is missing, a folder or unsupported."""
    supported = f"supported types: {supported_types_text()}"
    if not path.exists():
        raise InputError(f"does not exist ({supported})", path=str(path))
    if path.is_dir():
        raise InputError(f"is a directory, not an article file ({supported})", path=str(path))
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = f"'{suffix}'" if suffix else "no extension"
        raise InputError(f"has an unsupported file type ({shown}); {supported}", path=str(path))
    return suffix


def read_article(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read one article file into an ``Article``.

    Raises ``InputError`` (naming the file) when it is missing, too large, empty, binary,
    undecodable or of an unsupported type.
    """
    path = Path(path)
    suffix = check_readable_path(path)
    data = read_limited_bytes(path, max_bytes)
    if suffix in (".html", ".htm"):
        from .html import parse_html

        return parse_html(data, str(path))
    if suffix == ".docx":
        from .docx import parse_docx

        return parse_docx(data, str(path))
    text = decode_text(data, str(path))
    if suffix in (".md", ".markdown"):
        from .markdown import parse_markdown

        return parse_markdown(text, str(path))
    from .text import parse_text

    return parse_text(text, str(path))
