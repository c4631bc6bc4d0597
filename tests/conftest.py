"""Shared test helpers: paths, the measuring tools in ../shared/tools, the corpus."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
TOOLS = SHARED / "tools"
CORPUS = SHARED / "corpus"
INPUTS = REPO / "inputs"

# Compiled storyboards are cached in a folder of this test run, not the user's ~/.cache; the
# cache stays on, so the suite runs briefgen the way users do. Set before briefgen is imported
# and inherited by the briefgen processes tests start.
os.environ["BRIEFGEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="briefgen-test-cache-")


def need_tools() -> Path:
    """Return ../shared/tools, or skip the test with a visible reason when it is absent."""
    if not (TOOLS / "validate_ooxml.py").is_file():
        pytest.skip(f"measuring tools not found at {TOOLS} (../shared is absent)")
    return TOOLS


def need_corpus(*parts: str) -> Path:
    """Return a folder of ../shared/corpus, or skip with a visible reason when it is absent."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"corpus not found at {path} (../shared is absent)")
    return path


def need_soffice() -> str:
    """Return the LibreOffice executable, or skip when it is not installed."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        pytest.skip("LibreOffice (soffice) is not installed")
    return exe


def validate_ooxml(*paths: Path) -> list[str]:
    """Return the problems validate_ooxml.py (--tolerate-known) finds in the given files (empty = valid)."""
    tools = need_tools()
    if str(tools) not in sys.path:
        sys.path.insert(0, str(tools))
    from validate_ooxml import Validator  # noqa: PLC0415  (lives in ../shared/tools)

    problems = []
    validator = Validator(tolerate_known=True)
    for path in paths:
        report = validator.validate(str(path))
        if not report.ok:
            failed = [p for p in report.as_dict()["parts"] if p["status"] == "FAIL"]
            problems.append(f"{path.name}: {report.package_errors} {failed}")
    return problems


def layout_check(path: Path) -> list[dict]:
    """Return the problems layout_check.py reports for a deck (empty = clean)."""
    tools = need_tools()
    need_soffice()
    out = path.with_suffix(".layout.json")
    proc = subprocess.run(
        [sys.executable, str(tools / "layout_check.py"), str(path), "--json", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    if proc.returncode == 2:
        raise AssertionError(f"layout_check could not render {path}: {proc.stdout}\n{proc.stderr}")
    report = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    if report["status"] == "error":
        raise AssertionError(f"layout_check could not render {path}: {report.get('error')}")
    return list(report["problems"])
