"""Checking Office files from someone else before they are opened: a pack's reference files and
Word articles.

They must not be able to exhaust memory (zip bombs, entity expansion), pull in outside files or
URLs, or carry macros into our output.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import BinaryIO

from .errors import BriefgenError, TemplateError

#: Largest total uncompressed size of a reference file's parts, in bytes.
MAX_UNCOMPRESSED = 256 * 1024 * 1024
#: Largest compression ratio of any single part (a zip bomb compresses far better than XML).
MAX_RATIO = 200
#: Parts smaller than this are not ratio-checked (tiny XML compresses well legitimately).
_RATIO_FLOOR = 1024 * 1024
_MACRO_MARKERS = ("vbaproject", "vbadata", "macroenabled", "activex")
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)
_EXTERNAL = re.compile(rb"<Relationship\b[^>]*TargetMode=\"External\"[^>]*>", re.I)
_HYPERLINK = re.compile(rb"Type=\"[^\"]*/hyperlink\"", re.I)
_MAX_XML_SCAN = 64 * 1024 * 1024


def check_office_file(path: Path) -> None:
    """Raise ``TemplateError`` unless ``path`` is a plain, macro-free, self-contained Office package."""
    if path.suffix.lower() in (".pptm", ".docm", ".potm", ".dotm"):
        raise TemplateError("macro-enabled files are not accepted as templates; save it as .pptx/.docx", str(path))
    check_office_package(path, str(path), TemplateError)


def check_office_package(source: Path | BinaryIO, name: str, error: type[BriefgenError], *,
                         text_only: bool = False) -> None:
    """Raise ``error`` (naming ``name``) unless ``source`` is a plain, macro-free, self-contained Office package.

    ``text_only``: the package is only read for its text (a Word article), so its macros and outside
    links (a linked picture) are never run, copied or followed and are allowed; size limits and
    entity declarations still apply.
    """
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        raise error(f"not an Office file (cannot open it as a zip package: {exc})", name) from exc
    with archive:
        infos = archive.infolist()
        _check_sizes(name, infos, error)
        names = [i.filename for i in infos]
        if "[Content_Types].xml" not in names:
            raise error("not an Office file (no [Content_Types].xml)", name)
        for info in infos:
            _check_part(name, info, archive, error, text_only)


def _check_sizes(name: str, infos: list[zipfile.ZipInfo], error: type[BriefgenError]) -> None:
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise error(
            f"refused: unpacks to {total // (1024 * 1024)} MiB (limit {MAX_UNCOMPRESSED // (1024 * 1024)} MiB)", name)
    for info in infos:
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise error(f"refused: part {info.filename} looks like a zip bomb "
                        f"(compressed {info.compress_size} bytes, unpacks to {info.file_size})", name)


def _check_part(name: str, info: zipfile.ZipInfo, archive: zipfile.ZipFile, error: type[BriefgenError],
                text_only: bool) -> None:
    lower = info.filename.lower()
    if not text_only and any(marker in lower for marker in _MACRO_MARKERS):
        raise error(f"refused: contains macros or ActiveX ({info.filename})", name)
    if not lower.endswith((".xml", ".rels")) or info.file_size > _MAX_XML_SCAN:
        return
    data = archive.read(info)
    if not text_only and lower == "[content_types].xml" and any(m.encode() in data.lower() for m in _MACRO_MARKERS):
        raise error("refused: declares macro-enabled content", name)
    if _DOCTYPE.search(data):
        raise error(f"refused: {info.filename} declares a DOCTYPE or entities", name)
    if lower.endswith(".rels") and not text_only:
        for rel in _EXTERNAL.findall(data):
            if not _HYPERLINK.search(rel):
                target = re.search(rb'Target="([^"]*)"', rel)
                shown = target.group(1).decode("utf-8", "replace") if target else "?"
                raise error(f"refused: {info.filename} links to an outside file or URL ({shown})", name)
