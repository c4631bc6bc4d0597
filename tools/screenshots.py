"""Render the README's sample slides and Word page from the Huawei sample with both packs into docs/.

Run from the repo root: ``python tools/screenshots.py`` (needs LibreOffice and pdftoppm).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pptx

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "inputs" / "huawei-ev.txt"
PACKS = {"default": REPO / "briefgen" / "packs" / "default", "corporate": REPO / "templates"}
SLIDES = {"summary": "Executive summary", "figures": "Key figures"}


def slide_number(deck: Path, title: str) -> int:
    """Return the 1-based number of the first slide whose title is ``title``."""
    for number, slide in enumerate(pptx.Presentation(str(deck)).slides, 1):
        if slide.shapes.title is not None and slide.shapes.title.text == title:
            return number
    raise SystemExit(f"{deck}: no slide titled {title!r}")


def main() -> None:
    """Write docs/slide-{pack}-{slide}.png for every pack and slide, and docs/doc-{pack}.png."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for pack_name, pack in PACKS.items():
            out = work / pack_name
            subprocess.run([sys.executable, "-m", "briefgen", "make", str(SAMPLE), "--quiet",
                            "--templates", str(pack), "--out", str(out)], check=True)
            deck = out / "huawei-ev.pptx"
            subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(deck)],
                           check=True, capture_output=True)
            for slide_name, title in SLIDES.items():
                n = slide_number(deck, title)
                stem = out / f"{pack_name}-{slide_name}"
                subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(n), "-l", str(n), "-singlefile",
                                str(out / "huawei-ev.pdf"), str(stem)], check=True)
                target = REPO / "docs" / f"slide-{pack_name}-{slide_name}.png"
                shutil.copyfile(stem.with_suffix(".png"), target)
                print(f"wrote {target.relative_to(REPO)}")
            document = out / "docx" / "huawei-ev.docx"
            document.parent.mkdir()
            shutil.move(out / "huawei-ev.docx", document)
            subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(document.parent),
                            str(document)], check=True, capture_output=True)
            stem = document.parent / "page"
            subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile",
                            str(document.with_suffix(".pdf")), str(stem)], check=True)
            target = REPO / "docs" / f"doc-{pack_name}.png"
            shutil.copyfile(stem.with_suffix(".png"), target)
            print(f"wrote {target.relative_to(REPO)}")


if __name__ == "__main__":
    main()
