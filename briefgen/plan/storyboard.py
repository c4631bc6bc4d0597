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
import json
import math
import re
import traceback
from functools import lru_cache
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
import yaml
from jinja2.sandbox import SandboxedEnvironment

from ..errors import TemplateError

#: The C (libyaml) safe loader when PyYAML was built with it, else the pure-Python one.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


#: Characters YAML does not allow (or folds as line breaks: NEL, LS, PS) inside quotes: written as \uXXXX escapes.
_NOT_YAML_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


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


@lru_cache(maxsize=8)
def make_environment(template_dirs: tuple[Path, ...], builtin_dir: Path) -> SandboxedEnvironment:
    """Return the sandboxed, strict jinja2 environment for a pack's template search path.

    Cached per search path, so each storyboard is compiled once per process (jinja2 reloads a
    template when its file changes).

    Names resolve in ``template_dirs`` in order; ``default/NAME`` always means the built-in
    pack's template, so a user's ``deck.yaml.j2`` can ``{% extends "default/deck.yaml.j2" %}``.
    """
    loader = jinja2.ChoiceLoader([
        jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(str(builtin_dir))}),
    ])
    env = SandboxedEnvironment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        finalize=_yaml_value,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
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
