"""Renderers: turn a plan into Office file bytes using a template pack's reference files.

Only ``render/pptx.py`` imports python-pptx and only ``render/docx.py`` imports python-docx.
Renderers return ``(bytes, warnings)``; writing files atomically is ``briefgen.output``'s job.
"""
