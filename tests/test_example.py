"""The bundled example: its JSON output is a reviewed golden file, and its figures agree
with a count made independently, straight from the workbook with openpyxl."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from ltl_plan.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = "examples/tuyen-quang-2022-2024.xlsx"
GOLDEN = ROOT / "tests" / "golden" / "tuyen-quang-2022-2024.json"


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 10)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items() if k != "tool"}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    cwd = Path.cwd()
    os.chdir(ROOT)  # the golden file names the example by its path from the repository root
    try:
        result = CliRunner().invoke(app, ["check", EXAMPLE, "--format", "json"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def test_matches_the_golden_file(document: dict[str, Any]) -> None:
    if os.environ.get("LTL_PLAN_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert _rounded(document) == _rounded(golden)


def _rows() -> list[dict[str, Any]]:
    workbook = openpyxl.load_workbook(ROOT / EXAMPLE, read_only=True)
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(h) for h in next(rows)]
    return [dict(zip(header, r, strict=True)) for r in rows]


def test_figures_agree_with_an_independent_count(document: dict[str, Any]) -> None:
    rows = _rows()
    year = max(r["Năm"] for r in rows)
    by_id = {i["id"]: i for i in document["indicators"]}
    assert document["year"] == year == 2024
    assert len(document["indicators"]) == 18

    communes = [
        r for r in rows
        if r["Năm"] == year and r["Loại hình"] == "Thư viện công cộng" and r["Cấp"] == "Xã"
    ]  # fmt: skip
    ll = [r["Dịch vụ học tập suốt đời"] for r in communes]
    commune = by_id["2.1.1-public-commune"]
    assert (commune["achieved"], commune["total"], commune["not_reported"]) == (
        ll.count("Có"),
        len(communes),
        ll.count(None),
    )
    assert commune["needed"] == max(0, math.ceil(0.4 * len(communes)) - ll.count("Có"))

    education = {
        "Thư viện cơ sở giáo dục phổ thông",
        "Thư viện cơ sở giáo dục nghề nghiệp",
        "Thư viện cơ sở giáo dục khác",
    }
    group = [r for r in rows if r["Năm"] == year and r["Loại hình"] in education]
    digital = by_id["2.1.2-education"]
    answers = [r["Ứng dụng CNTT, chuyển đổi số"] for r in group]
    assert (digital["achieved"], digital["total"]) == (answers.count("Có"), len(group))

    libraries = [r for r in rows if str(r["Loại hình"]).startswith("Thư viện")]
    totals = {
        y: sum(r["Lượt phục vụ học tập"] for r in libraries if r["Năm"] == y)
        for y in (2022, 2023, 2024)
    }
    visits = by_id["2.1.3-library-learning-visits"]
    assert visits["series"] == {str(y): t for y, t in totals.items()}
    assert visits["actual"] == pytest.approx(math.sqrt(totals[2024] / totals[2022]) - 1)
    assert visits["yoy"] == pytest.approx(totals[2024] / totals[2023] - 1)
    assert len([i for i in document["indicators"] if i["section"] in ("2.1.1", "2.1.2")]) == 13
