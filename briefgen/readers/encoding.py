"""Bytes to clean text: size limit, binary sniffing, encoding detection, newline and control clean-up.

Decoding order: BOM (UTF-8, UTF-32, UTF-16) -> UTF-16 without BOM (by its NUL-byte pattern) ->
strict UTF-8 -> the caller's fallback encoding (cp1252 by default, or an HTML page's declared
charset). The result has LF newlines only and no XML-illegal (or C0/C1 control) characters, so every later stage
(and the Office writers) can trust it.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import InputError
from ..model import XML_ILLEGAL

#: Leading bytes of common binary formats, and the name shown in the error message.
MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP archive, e.g. .docx/.xlsx/.pptx"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document (.doc/.xls/.ppt)"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg media"),
    (b"\x00asm", "WebAssembly module"),
    (b"{\\rtf", "RTF document"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: How many leading bytes are sniffed for binary content and UTF-16 patterns.
SNIFF_BYTES = 8192

#: XML-illegal characters, plus DEL and the C1 controls (except NEL, U+0085): those are legal in
#: XML 1.0 but invisible, "discouraged" there, and rejected by YAML, which the storyboards produce.
_ILLEGAL_RUN = re.compile(f"[{XML_ILLEGAL}\x7f-\x84\x86-\x9f]+")
_CHARSET_NAME = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)


def format_size(n_bytes: int) -> str:
    """Return a byte count as readable text, e.g. ``"25.0 MiB (26,214,400 bytes)"``."""
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n_bytes >= scale:
            return f"{n_bytes / scale:.1f} {unit} ({n_bytes:,} bytes)"
    return f"{n_bytes:,} bytes"


def read_limited_bytes(path: Path, max_bytes: int) -> bytes:
    """Return the bytes of ``path``; raises ``InputError`` when it is larger than ``max_bytes``."""
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
            size = len(data)
            if size > max_bytes:
                fh.seek(0, 2)
                size = fh.tell()
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", path=str(path)) from exc
    if size > max_bytes:
        raise InputError(
            f"is {format_size(size)}, over the limit of {format_size(max_bytes)}; "
            "raise the limit with --max-size",
            path=str(path),
        )
    return data


def binary_kind(data: bytes) -> str | None:
    """Return the name of the binary format ``data`` looks like, or None when it looks like text."""
    for magic, name in MAGIC_NUMBERS:
        if data.startswith(magic):
            return name
    if data[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    if data.startswith(b"RIFF") and data[8:12] in (b"WAVE", b"WEBP", b"AVI "):
        return {b"WAVE": "WAV audio", b"WEBP": "WebP image", b"AVI ": "AVI video"}[data[8:12]]
    if _bom_encoding(data) is not None or _utf16_without_bom(data) is not None:
        return None
    sample = data[:SNIFF_BYTES]
    if not sample:
        return None
    controls = sum(1 for b in sample if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))
    threshold = 0.25 if _is_utf8_prefix(sample) else 0.05
    return "binary data" if controls / len(sample) > threshold else None


def _is_utf8_prefix(sample: bytes) -> bool:
    """Return True when ``sample`` is valid UTF-8, allowing a character cut off at its end."""
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(sample) - 3 and exc.reason == "unexpected end of data"
    return True


def _bom_encoding(data: bytes) -> str | None:
    """Return the codec named by the byte-order mark at the start of ``data``, or None."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Return "utf-16-le"/"utf-16-be" when NUL bytes sit on one parity only (ASCII-heavy UTF-16)."""
    sample = data[: SNIFF_BYTES - SNIFF_BYTES % 2]
    if len(sample) < 4 or len(data) % 2:
        return None
    half = len(sample) // 2
    even_nuls = sample[0::2].count(0) / half
    odd_nuls = sample[1::2].count(0) / half
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def declared_charset(data: bytes) -> str | None:
    """Return the charset an HTML/XML head declares (``<meta charset>``, ``encoding=``), if a known codec."""
    head = data[:4096]
    match = _CHARSET_NAME.search(head) or re.search(rb"""encoding=["']([A-Za-z0-9._:-]+)""", head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decode_with_fallback(data: bytes, fallback: str) -> str:
    """Return ``data`` decoded as strict UTF-8, else as ``fallback`` (undecodable bytes become U+FFFD)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        codec = "cp1252" if fallback in ("latin-1", "iso8859-1", "ascii") else fallback
        return data.decode(codec, errors="replace")


def decode_text(data: bytes, path: str, *, fallback: str = "cp1252") -> str:
    """Return ``data`` as clean text (LF newlines, no illegal characters).

    Raises ``InputError`` when the bytes look binary or decode to nothing but whitespace.
    """
    kind = binary_kind(data)
    if kind is not None:
        raise InputError(f"looks like a binary file ({kind}), not a text article", path=path)
    codec = _bom_encoding(data) or _utf16_without_bom(data)
    if codec is not None:
        text = _decode_unicode(data[len(_bom_bytes(data)):], codec)
    else:
        text = _decode_with_fallback(data, fallback)
    text = strip_illegal_characters(normalise_newlines(text.lstrip("\ufeff")))
    if not text.strip():
        raise InputError("is empty" + (" (only whitespace)" if data else ""), path=path)
    return text


def _decode_unicode(body: bytes, codec: str) -> str:
    """Return ``body`` decoded with a UTF codec, keeping lone surrogates (stripped later) when possible."""
    try:
        return body.decode(codec, errors="surrogatepass")
    except UnicodeDecodeError:
        return body.decode(codec, errors="replace")


def _bom_bytes(data: bytes) -> bytes:
    """Return the byte-order mark at the start of ``data`` (empty when none)."""
    for bom, _codec in _BOMS:
        if data.startswith(bom):
            return bom
    return b""


def normalise_newlines(text: str) -> str:
    """Return ``text`` with CRLF and lone CR (and U+2028) turned into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")


def strip_illegal_characters(text: str) -> str:
    """Return ``text`` without XML-illegal characters, DEL and C1 controls; a run between two words becomes one space."""

    def replace(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        return " " if before.isalnum() and after.isalnum() else ""

    return _ILLEGAL_RUN.sub(replace, text)
