"""The workbooks as printed: each converted to PDF by LibreOffice, on A4, landscape, in
a number of pages a person would expect. Skipped where LibreOffice is not installed; it
runs in CI wherever it is."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "print"))

import render  # noqa: E402

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice is not installed",
)

# Pages: the report has a summary, a page by place, the institution list (285
# institutions: a few pages), the progress tables, a page per chart and the problems.
BOUNDS = {"report": (8, 20), "invalid": (6, 14), "template": (2, 3), "corrections": (2, 3)}
A4_LANDSCAPE = (842, 595)  # points


def _pages(pdf: bytes) -> list[tuple[int, int]]:
    """The size of every page, in whole points (LibreOffice writes page objects plainly)."""
    sizes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return [(round(float(w)), round(float(h))) for w, h in sizes]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("print")
    made = render.workbooks(folder)
    render.to_pdf(list(made.values()), folder)
    return {name: (folder / f"{name}.pdf").read_bytes() for name in made}


@pytest.mark.parametrize("name", list(BOUNDS))
def test_each_workbook_prints_on_a4_landscape_in_few_pages(
    printed: dict[str, bytes], name: str
) -> None:
    pages = _pages(printed[name])
    low, high = BOUNDS[name]
    assert low <= len(pages) <= high, (name, len(pages))
    assert all(size == A4_LANDSCAPE for size in pages), (name, set(pages))
