"""Rendering a pack's jinja2 storyboard into YAML data, safely.

Templates are rendered in a ``SandboxedEnvironment`` with ``StrictUndefined``: a shared template
cannot run code or read files, and a typo is an error naming the template and line, not empty text.

Every ``{{ expression }}`` is emitted as a quoted YAML value (``finalize`` JSON-encodes it), so
article text is always data: quotes, colons, ``{{ 7*7 }}`` or ``<script>`` inside an article can
never change the structure of the storyboard and appear literally on the slide. Build strings
inside the braces (``{{ "Sources: " ~ brief.title }}``) rather than around them.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import math
import os
import re
import traceback
from functools import lru_cache
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
import yaml
from jinja2.sandbox import SandboxedEnvironment

from .. import __version__
from ..errors import TemplateError

#: The C (libyaml) safe loader when PyYAML was built with it, else the pure-Python one.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


#: Characters YAML does not allow (or folds as line breaks: NEL, LS, PS) inside quotes: written as
#: \uXXXX escapes. Written as the complement of YAML's printable set (tab, LF, CR, U+0020-007E,
#: U+00A0-D7FF, U+E000-FFFD, U+10000 and up) less NEL, LS and PS: the same characters, but a class
#: of small ranges compiles in a tenth of the time, which every run pays at start-up.
_NOT_YAML_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")

#: Where compiled storyboards are kept between runs (jinja2's bytecode cache): the folder named by
#: ``BRIEFGEN_CACHE_DIR`` (empty: keep nothing), else ``$XDG_CACHE_HOME/briefgen`` or
#: ``~/.cache/briefgen``.
CACHE_ENV = "BRIEFGEN_CACHE_DIR"


def _json_for_yaml(value: Any) -> str:
    """Return ``value`` as JSON that YAML reads back unchanged (non-printable characters escaped)."""
    text = json.dumps(value, ensure_ascii=False)
    return _NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def _yaml_float(value: float) -> str:
    """Return a float as a literal YAML 1.1 reads back as that float ("1.0e+16", not JSON's "1e+16")."""
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    return text.replace("e", ".0e", 1) if "e" in text and "." not in text else text


def _yaml_scalar(value: str | int | float | bool | None) -> str:
    """Return one scalar as a YAML literal."""
    if isinstance(value, float):
        return _yaml_float(value)
    return _json_for_yaml(value)


def _yaml_value(value: Any) -> str:
    """Return ``value`` as a YAML (JSON-like) literal; refuse objects that have no text form."""
    if isinstance(value, jinja2.Undefined):
        str(value)  # StrictUndefined raises UndefinedError naming the missing name
    if isinstance(value, (str, int, float, bool)) or value is None:
        return _yaml_scalar(value)
    if isinstance(value, (list, tuple)) and all(
        isinstance(v, (str, int, float, bool)) or v is None for v in value
    ):
        return "[" + ", ".join(_yaml_scalar(v) for v in value) + "]"
    if isinstance(value, _dt.date):
        return json.dumps(value.isoformat())
    raise TypeError(f"cannot write a {type(value).__name__} into the storyboard; pick one of its fields")


def long_date(value: _dt.date | None, default: str = "") -> str:
    """Return a date written out ("30 January 2024"), or ``default`` for None."""
    if value is None:
        return default
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def cap_first(text: str) -> str:
    """Return ``text`` with its first letter upper-cased (the rest untouched)."""
    return text[:1].upper() + text[1:] if text else text


class _StoryboardCache(jinja2.FileSystemBytecodeCache):
    """jinja2's file-system bytecode cache, made best-effort: a cache file that cannot be read or
    written (read-only home, a truncated or foreign file) means compiling the template again,
    never an error. jinja2 keys each entry by template name and file and checks the source's
    checksum, so an edited storyboard is always recompiled."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - pickle/marshal errors of a damaged file: compile instead
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def cache_dir() -> Path | None:
    """Return the folder for compiled storyboards, or None when caching is switched off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured).expanduser() if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "briefgen"


def _bytecode_cache(options: Mapping[str, Any]) -> jinja2.BytecodeCache | None:
    """Return the bytecode cache for environments built with ``options``, or None.

    The compiled code depends on the jinja2 version, briefgen's version and the environment's
    options, so the file names carry a digest of the three: code compiled under other settings is
    never loaded. Compiling the two built-in storyboards takes about 15 ms, loading them about 1 ms.
    """
    folder = cache_dir()
    if folder is None:
        return None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    settings = repr(sorted((k, getattr(v, "__qualname__", v)) for k, v in options.items()))
    digest = hashlib.sha1(f"{jinja2.__version__}|{__version__}|{settings}".encode()).hexdigest()[:16]
    return _StoryboardCache(str(folder), f"storyboard-{digest}-%s.cache")


@lru_cache(maxsize=8)
def make_environment(template_dirs: tuple[Path, ...], builtin_dir: Path) -> SandboxedEnvironment:
    """Return the sandboxed, strict jinja2 environment for a pack's template search path.

    Cached per search path, so each storyboard is compiled once per process (jinja2 reloads a
    template when its file changes), and its compiled code is kept on disk between processes
    (see ``cache_dir``).

    Names resolve in ``template_dirs`` in order; ``default/NAME`` always means the built-in
    pack's template, so a user's ``deck.yaml.j2`` can ``{% extends "default/deck.yaml.j2" %}``.
    """
    loader = jinja2.ChoiceLoader([
        jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(str(builtin_dir))}),
    ])
    options: dict[str, Any] = {
        "undefined": jinja2.StrictUndefined,
        "finalize": _yaml_value,
        "autoescape": False,
        "keep_trailing_newline": True,
        "trim_blocks": True,
        "lstrip_blocks": True,
    }
    env = SandboxedEnvironment(loader=loader, bytecode_cache=_bytecode_cache(options), **options)
    env.filters["longdate"] = long_date
    env.filters["capfirst"] = cap_first
    return env


def render_storyboard(env: SandboxedEnvironment, name: str, context: Mapping[str, Any],
                      functions: Mapping[str, Callable[..., Any]] | None = None) -> Any:
    """Render template ``name`` with ``context`` and return the YAML data it produces.

    Raises ``TemplateError`` naming the template file and line for jinja errors, and the
    offending output line for YAML errors.
    """
    try:
        template = env.get_template(name)
        text = template.render({**context, **(functions or {})})
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"line {exc.lineno}: {exc.message}", exc.filename or name) from exc
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template {exc.name!r} not found in the pack or the built-in pack") from exc
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError, IndexError,
            ZeroDivisionError) as exc:
        where, line = _template_frame(exc)
        message = exc.message if isinstance(exc, jinja2.TemplateError) and exc.message else str(exc)
        raise TemplateError(f"line {line}: {message}" if line else message, where or name) from exc
    try:
        return yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        detail = ""
        if mark is not None:
            lines = text.splitlines()
            bad = lines[mark.line] if mark.line < len(lines) else ""
            detail = f" at output line {mark.line + 1}: {bad.strip()!r}"
        raise TemplateError(f"does not produce valid YAML{detail}: {getattr(exc, 'problem', exc)}", name) from exc


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """Return (template file, line) of the innermost template frame in ``exc``'s traceback."""
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith((".j2", ".jinja", ".jinja2")):
            found = (frame.filename, frame.lineno)
    return found
