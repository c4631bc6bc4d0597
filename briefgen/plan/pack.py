"""Template packs: a reference .pptx, a reference .docx, jinja2 templates and a manifest.

A pack is a folder::

    pack.toml          manifest: roles -> layout names / style names, file names
    reference.pptx     slide master, layouts, theme (the corporate look)
    reference.docx     styles, header/footer, page setup
    deck.yaml.j2       storyboard: which slides, in which order, with what wording
    document.yaml.j2   the Word briefing's blocks

Search path (like MkDocs themes): ``--templates DIR``, else ``./templates/`` in the working
folder, else the pack built into the package. Whatever a user's pack lacks (a file, a role) is
taken from the built-in pack, with a warning naming what was missing and what was used.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from ..errors import TemplateError
from ..model import LayoutInfo
from ..safety import check_office_file

BUILTIN_PACK = Path(__file__).resolve().parent.parent / "packs" / "default"
MANIFEST_NAME = "pack.toml"

#: Slide roles the storyboard may use; each maps to a layout name in the manifest.
LAYOUT_ROLES = ("title", "summary", "figures", "section", "sources")
#: Word roles; each maps to a paragraph or table style name in the manifest.
STYLE_ROLES = ("title", "subtitle", "heading", "body", "bullet", "table")

_TOP_KEYS = {"name", "pptx", "docx", "templates"}
_PPTX_KEYS = {"file", "layouts", "keep_slides"}
_DOCX_KEYS = {"file", "styles"}
_TEMPLATE_KEYS = {"deck", "document"}


@dataclass(frozen=True)
class TemplatePack:
    """A loaded, validated template pack (paths resolved, fallbacks applied).

    ``layouts`` maps slide roles to layout names in ``pptx``; ``styles`` maps Word roles to
    style names in ``docx``; ``template_dirs`` is the jinja search path (user pack first, then
    the built-in pack, so a user overrides one file and inherits the rest).
    """

    name: str
    root: Path
    pptx: Path
    docx: Path
    layouts: Mapping[str, str]
    styles: Mapping[str, str]
    keep_slides: tuple[str, ...]
    deck_template: str
    document_template: str
    template_dirs: tuple[Path, ...]
    warnings: tuple[str, ...]


def find_pack_dir(explicit: str | Path | None, cwd: Path | None = None) -> Path:
    """Return the pack folder to use: ``explicit``, else ``./templates/``, else the built-in pack."""
    if explicit is not None:
        path = Path(explicit)
        if not path.is_dir():
            raise TemplateError("template pack folder not found", str(path))
        return path
    local = (cwd or Path.cwd()) / "templates"
    if (local / MANIFEST_NAME).is_file():
        return local
    return BUILTIN_PACK


def _read_manifest(root: Path) -> dict:
    path = root / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise TemplateError(f"invalid manifest: {exc}", str(path)) from exc
    _check_keys(data, _TOP_KEYS, "", path)
    for section, allowed in (("pptx", _PPTX_KEYS), ("docx", _DOCX_KEYS), ("templates", _TEMPLATE_KEYS)):
        value = data.get(section, {})
        if not isinstance(value, dict):
            raise TemplateError(f"[{section}] must be a table", str(path))
        _check_keys(value, allowed, section + ".", path)
    for section, key, roles in (("pptx", "layouts", LAYOUT_ROLES), ("docx", "styles", STYLE_ROLES)):
        mapping = data.get(section, {}).get(key, {})
        if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
            raise TemplateError(f"[{section}.{key}] must map roles to names", str(path))
        _check_keys(mapping, set(roles), f"{section}.{key}.", path)
    return data


def _check_keys(table: dict, allowed: set[str], prefix: str, path: Path) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise TemplateError(
            f"unknown manifest key(s) {', '.join(prefix + k for k in unknown)}; "
            f"allowed: {', '.join(prefix + k for k in sorted(allowed))}",
            str(path),
        )


def load_pack(root: str | Path | None = None) -> TemplatePack:
    """Load the pack at ``root`` (default: the search path), filling gaps from the built-in pack.

    Raises ``TemplateError`` for an invalid manifest or a file it names that does not exist.
    """
    root = find_pack_dir(root)
    user = _read_manifest(root)
    builtin = _read_manifest(BUILTIN_PACK)
    warnings: list[str] = []
    is_builtin = root.resolve() == BUILTIN_PACK.resolve()

    def pick_file(section: str, default_name: str) -> Path:
        name = user.get(section, {}).get("file")
        if name is not None:
            path = root / name
            if not path.is_file():
                raise TemplateError(f"[{section}] file {name!r} not found", str(root / MANIFEST_NAME))
            return path
        path = root / default_name
        if path.is_file():
            return path
        fallback = BUILTIN_PACK / builtin.get(section, {}).get("file", default_name)
        if not is_builtin:
            warnings.append(f"{root}: no {default_name}; using the built-in {fallback.name}")
        return fallback

    def merge_roles(section: str, key: str, roles: tuple[str, ...], used_builtin_file: bool) -> dict[str, str]:
        mine = user.get(section, {}).get(key, {})
        base = builtin.get(section, {}).get(key, {})
        merged = {}
        for role in roles:
            if role in mine:
                merged[role] = mine[role]
            else:
                merged[role] = base[role]
                if not is_builtin and not used_builtin_file:
                    warnings.append(
                        f"{root / MANIFEST_NAME}: no {section}.{key}.{role}; using the built-in {base[role]!r}"
                    )
        return merged

    pptx = pick_file("pptx", "reference.pptx")
    docx = pick_file("docx", "reference.docx")
    for office_file in (pptx, docx):
        check_office_file(office_file)
    layouts = merge_roles("pptx", "layouts", LAYOUT_ROLES, pptx.parent == BUILTIN_PACK)
    styles = merge_roles("docx", "styles", STYLE_ROLES, docx.parent == BUILTIN_PACK)
    templates = {**builtin.get("templates", {}), **user.get("templates", {})}
    dirs = (root,) if is_builtin else (root, BUILTIN_PACK)
    return TemplatePack(
        name=str(user.get("name") or builtin.get("name") or root.name),
        root=root,
        pptx=pptx,
        docx=docx,
        layouts=MappingProxyType(layouts),
        styles=MappingProxyType(styles),
        keep_slides=tuple(user.get("pptx", {}).get("keep_slides", ())),
        deck_template=templates.get("deck", "deck.yaml.j2"),
        document_template=templates.get("document", "document.yaml.j2"),
        template_dirs=dirs,
        warnings=tuple(warnings),
    )


# --------------------------------------------------------------------------------------------
# Choosing layouts by what they hold (for `templates init --from` and missing layouts)
# --------------------------------------------------------------------------------------------

#: Placeholder kinds that decorate every layout and say nothing about its purpose.
_DECORATION = frozenset({"date", "footer", "slide_number", "header"})
#: Kinds that count as the same for choosing a layout.
_SAME_KIND = {"center_title": "title", "object": "body"}
#: For each role, the placeholder signatures that can serve it, best first.
ROLE_SIGNATURES: dict[str, tuple[frozenset[str], ...]] = {
    "title": (frozenset({"title", "subtitle"}), frozenset({"title", "body"}), frozenset({"title"})),
    "summary": (frozenset({"title", "body"}),),
    "section": (frozenset({"title", "body"}),),
    "sources": (frozenset({"title", "body"}),),
    "figures": (frozenset({"title"}), frozenset({"title", "body"})),
}


def layout_signature(layout: LayoutInfo) -> frozenset[str]:
    """Return the placeholder kinds of ``layout`` that matter for choosing it."""
    return frozenset(_SAME_KIND.get(k, k) for k in layout.kinds if k not in _DECORATION)


def suggest_layout(role: str, layouts: tuple[LayoutInfo, ...]) -> LayoutInfo | None:
    """Return the layout whose placeholders best serve ``role``, or None when none can.

    Title + subtitle serves the title slide; title + one body the bullet slides; title only the
    figures canvas. Among equals, fewer body placeholders, then deck order, wins.
    """
    for wanted in ROLE_SIGNATURES.get(role, ()):
        matches = [layout for layout in layouts if layout_signature(layout) == wanted]
        if matches:
            return min(matches, key=lambda lay: (_body_count(lay), layouts.index(lay)))
    return None


def _body_count(layout: LayoutInfo) -> int:
    return sum(1 for p in layout.placeholders if _SAME_KIND.get(p.kind, p.kind) == "body")
