"""The report workbook, the submission form and the trend view, read back."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from ltl_plan.cli import Exit, app

from conftest import HEADERS, row, write_xlsx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "tuyen-quang-2022-2024.xlsx"
runner = CliRunner(env={"COLUMNS": "200"})


@pytest.fixture(scope="module")
def report_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "bao-cao.xlsx"
    result = runner.invoke(app, ["report", str(EXAMPLE), "--out", str(out)])
    assert result.exit_code == Exit.OK, result.output
    return out


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    result = runner.invoke(app, ["check", str(EXAMPLE), "-f", "json"])
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def test_report_sheets_and_figures_equal_the_json(
    report_path: Path, document: dict[str, Any]
) -> None:
    workbook = openpyxl.load_workbook(report_path)
    assert workbook.sheetnames == [
        "Tổng hợp",
        "Theo huyện",
        "Danh sách đơn vị",
        "Tiến độ",
        "Biểu đồ 1",  # each chart on a sheet of its own: one page each
        "Biểu đồ 2",
        "Biểu đồ 3",
        "Lỗi dữ liệu",  # 8 warnings
    ]
    summary = workbook["Tổng hợp"]
    assert summary["A1"].value == "TỔNG HỢP"
    assert summary["A1"].font.b and summary["A1"].font.sz == 13
    assert "76/KH-UBND" in summary["A2"].value and "2024" in summary["A4"].value
    assert summary["A5"].value == "Dữ liệu hợp lệ"
    assert [c.value for c in summary[7]][:2] == ["Mục", "Chỉ tiêu"]
    rows = list(summary.iter_rows(min_row=8, max_row=25, values_only=True))
    assert [r[0] for r in rows] == [i["section"] for i in document["indicators"]]
    for values, indicator in zip(rows, document["indicators"], strict=True):
        assert values[4] == pytest.approx(indicator["target"])
        assert values[5] == pytest.approx(indicator["actual"])
        assert values[6] == pytest.approx(indicator["gap"])
    assert summary["E8"].number_format == "0.0%"
    assert summary.freeze_panes == "A8"
    assert summary.auto_filter.ref == "A7:L25"
    # Numbers are numbers: the institutions reaching a flag, and all of them.
    assert [summary["I8"].value, summary["J8"].value] == [1, 1]
    assert summary["B8"].alignment.wrap_text and summary.row_dimensions[13].height >= 30
    assert summary.page_setup.orientation == "landscape"
    assert summary.sheet_properties.pageSetUpPr.fitToPage  # one page wide, as long as needed
    assert summary.page_setup.fitToWidth in (None, 1) and summary.page_setup.fitToHeight == 0
    assert summary.column_dimensions["B"].width == 40
    assert summary["A7"].font.b and summary["A7"].fill.fgColor.rgb.endswith("DDEBF7")
    assert summary.print_title_rows == "$1:$7"
    assert summary["K8"].value == "đạt" and summary["K8"].fill.fgColor.rgb.endswith("C6EFCE")
    institutions = workbook["Danh sách đơn vị"]
    assert institutions.max_row - 7 == 312  # the 2024 institutions
    assert institutions.freeze_panes == "A8" and institutions.auto_filter.ref == "A7:L319"
    assert [c.value for c in institutions[7]][4:6] == ["Huyện", "Xã"]  # the plan's places
    visits = [c for c in institutions["L"][7:] if c.value is not None]
    assert visits and all(c.number_format == "#,##0" for c in visits)
    charts = [chart for sheet in workbook.chartsheets for chart in sheet._charts]
    assert len(charts) == 3  # coverage against target, and one per growth indicator
    bars, *lines = charts
    assert bars.tagname == "barChart" and bars.barDir == "bar" and len(bars.series) == 2
    assert (bars.y_axis.scaling.min, bars.y_axis.scaling.max) == (0, 1)
    assert bars.y_axis.number_format.formatCode == "0%"
    for line in lines:
        assert line.tagname == "lineChart" and line.y_axis.number_format.formatCode == "#,##0"


def test_report_reads_back_with_calamine(report_path: Path, document: dict[str, Any]) -> None:
    sheet = CalamineWorkbook.from_path(str(report_path)).get_sheet_by_name("Theo huyện")
    rows = sheet.to_python()
    header = rows[6]  # a row per place, a column per indicator
    assert header[:2] == ["Huyện", "2.1.1 Thư viện công cộng cấp tỉnh"]
    column = header.index("2.1.1 Thư viện công cộng cấp xã")
    expected = next(i for i in document["indicators"] if i["id"] == "2.1.1-public-commune")
    assert rows[7][0] == "Toàn tỉnh" and rows[7][column] == pytest.approx(expected["actual"])
    assert "Na Hang" in [r[0] for r in rows[8:]]


def test_report_in_english_and_with_problems(tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    problems = ROOT / "examples" / "problems.xlsx"
    result = runner.invoke(app, ["report", str(problems), "--out", str(out), "--lang", "en"])
    assert result.exit_code == Exit.DATA_PROBLEMS  # written, and the exit code says why
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames[-1] == "Data problems"
    banner = workbook["Summary"]["A5"]
    assert banner.value.startswith("DATA HAS ERRORS") and banner.font.b and banner.font.sz == 14
    assert banner.fill.fgColor.rgb.endswith("C00000")
    assert workbook["Data problems"].max_row - 7 == 12


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    rows = [
        row("=1+1", 2024, "Bảo tàng", edu="có", visits=10, name='=HYPERLINK("x")'),
        row("@A1", 2024, "Bảo tàng", edu="có", visits=12, name="-cmd|' /C calc'!A0"),
        row("+1", 2024, "Bảo tàng", edu="có", visits=14, name="http://example.org"),
        row("M4", 2024, "Bảo tàng", edu="có", visits=16, name="1e5"),
    ]
    source = write_xlsx(tmp_path / "in.xlsx", rows)
    out = tmp_path / "out.xlsx"
    assert runner.invoke(app, ["report", str(source), "--out", str(out)]).exit_code == 0
    sheet = openpyxl.load_workbook(out)["Danh sách đơn vị"]
    cells = {c.value: c.data_type for r in sheet.iter_rows(min_row=8) for c in r if c.value}
    assert cells['=HYPERLINK("x")'] == "s" and cells["=1+1"] == "s"
    assert cells["-cmd|' /C calc'!A0"] == "s" and cells["@A1"] == "s"
    assert cells["+1"] == "s" and cells["1e5"] == "s"  # no number
    assert cells["http://example.org"] == "s" and not sheet._hyperlinks  # no link


def test_a_text_too_long_for_a_cell_keeps_the_rest_of_its_row(tmp_path: Path) -> None:
    # A cell holds at most 32,767 characters: a longer name is cut there, and the cells
    # after it in the row are still written.
    source = tmp_path / "in.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(
            [
                HEADERS,
                row("M1", 2024, "Bảo tàng", edu="có", visits=1200, name="x" * 40_000),
                row("M2", 2024, "Bảo tàng", edu="có", district="Na Hang"),
            ]
        )
    out = tmp_path / "out.xlsx"
    assert runner.invoke(app, ["report", str(source), "--out", str(out)]).exit_code == 0
    sheet = openpyxl.load_workbook(out)["Danh sách đơn vị"]
    first, second = sheet.iter_rows(min_row=8, values_only=True)
    assert first[0] == "M1" and first[1] == "x" * 32_767
    assert first[2] == "Bảo tàng" and first[-1] == 1200
    assert second[1] == "Institution M2" and second[4] == "Na Hang" and second[-1] is None


def test_report_never_replaces_an_input(xlsx: Callable[..., Path]) -> None:
    path = xlsx([row("M", 2024, "Bảo tàng", edu="có", visits=1)])
    before = path.read_bytes()
    result = runner.invoke(app, ["report", str(path), "--out", str(path)])
    assert result.exit_code == Exit.CANNOT_RUN and path.read_bytes() == before


def test_the_form_round_trips_through_check(tmp_path: Path) -> None:
    form = tmp_path / "bieu-mau.xlsx"
    result = runner.invoke(app, ["template", "--out", str(form), "--year", "2025"])
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(form)
    assert workbook.sheetnames == ["Hướng dẫn", "Danh sách đơn vị", "Danh mục"]
    assert workbook["Danh mục"].sheet_state == "hidden"
    sheet = workbook["Danh sách đơn vị"]
    assert sheet.protection.sheet and sheet["A1"].protection.locked
    assert not sheet["A2"].protection.locked
    rules = {str(v.sqref): (v.type, v.formula1) for v in sheet.data_validations.dataValidation}
    headers = [c.value for c in sheet[1]]
    assert headers[:7] == ["Mã đơn vị", "Tên đơn vị", "Năm", "Loại hình", "Cấp", "Huyện", "Xã"]
    assert rules["C2:C2001"] == ("whole", "2025")
    assert rules["D2:D2001"] == ("list", "'Danh mục'!$A$2:$A$10")
    assert rules["H2:H2001"][0] == "list" and rules["M2:M2001"][0] == "whole"
    assert rules["H2:H2001"] == rules["L2:L2001"]  # the yes/no columns share one list
    lists = workbook["Danh mục"]
    level = lists["B2"].value
    district = lists["C3"].value
    unit = lists["E9"].value
    filled = [
        ["TV-X-001", "Thư viện xã Tân Trào", 2025, "Thư viện công cộng", lists["B4"].value,
         district, "Tân Trào", "Có", "Không", None, None, None, 1200, district],
        ["BT-01", "Bảo tàng tỉnh", 2025, "Bảo tàng", None, lists["C2"].value, None, None, None,
         "Có", None, None, 30000, unit],
        ["TTVH-T-01", "Trung tâm Văn hóa tỉnh", 2025, "Trung tâm văn hóa", level,
         lists["C2"].value, None, None, None, None, "Có", "Không", None, unit],
    ]  # fmt: skip
    for r, values in enumerate(filled, 2):
        for c, value in enumerate(values, 1):
            sheet.cell(row=r, column=c, value=value)
    workbook.save(form)
    code = runner.invoke(app, ["check", str(form), "-f", "json"])
    assert code.exit_code == Exit.OK, code.output
    checked = json.loads(code.stdout)
    assert checked["problems"] == [] and checked["counts"]["used"] == 3


def test_trend_shows_every_year_the_path_and_the_projection() -> None:
    result = runner.invoke(app, ["trend", str(EXAMPLE), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "2022" in result.stdout and "2023" in result.stdout and "Path 2024" in result.stdout
    line = next(x for x in result.stdout.splitlines() if "Public libraries, commune" in x)
    # 25% -> 35.7% in two years: +5.4 pt/yr; 40% is reached in 2025 at that pace.
    assert "25%" in line and "35.7%" in line and "+5.4 pt/yr" in line and "in 2025" in line
    data = json.loads(runner.invoke(app, ["trend", str(EXAMPLE), "-f", "json"]).stdout)
    commune = next(i for i in data["indicators"] if i["id"] == "2.1.1-public-commune")
    trend = commune["trend"]
    assert trend["path"]["2022"] == pytest.approx(0.25)
    assert trend["path"]["2025"] == pytest.approx(0.40)
    assert trend["path"]["2030"] == pytest.approx(0.60)
    assert trend["path"]["2024"] == pytest.approx(0.25 + 0.15 * 2 / 3)
    assert (trend["reach_year"], trend["reach"]) == (2025, "năm 2025")  # Vietnamese by default
    visits = next(i for i in data["indicators"] if i["id"] == "2.1.3-library-learning-visits")
    base = visits["series"]["2022"]
    path, high = visits["trend"]["path"], visits["trend"]["path_high"]
    assert path["2024"] == pytest.approx(base * 1.1**2)
    # 10% a year to 2025; from 2025, 10-15% a year: the band starts at the 2025 point.
    assert path["2030"] == pytest.approx(base * 1.1**8)
    assert "2024" not in high and high["2030"] == pytest.approx(base * 1.1**3 * 1.15**5)


def test_completeness_names_the_units_that_did_not_send(tmp_path: Path) -> None:
    rows = [row("M", 2024, "Bảo tàng", edu="có", visits=1, district="Na Hang")]
    path = write_xlsx(tmp_path / "na-hang.xlsx", rows)
    data = json.loads(runner.invoke(app, ["check", str(path), "-f", "json"]).stdout)
    found = data["completeness"]
    assert found["deadline"] == "2024-12-01"
    sent = [u["name"] for u in found["units"] if u["sent"]]
    assert sent == ["Na Hang"] and len(found["missing"]) == 11


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_and_prints_the_workbooks(report_path: Path, tmp_path: Path) -> None:
    form = tmp_path / "form.xlsx"
    runner.invoke(app, ["template", "--out", str(form)])
    for workbook in (report_path, form):
        copy = tmp_path / workbook.name
        if copy != workbook:
            shutil.copy(workbook, copy)
        done = subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(copy)],
            capture_output=True,
            timeout=240,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        pdf = copy.with_suffix(".pdf")
        assert pdf.exists() and pdf.stat().st_size > 10_000
    ods = subprocess.run(
        ["soffice", "--headless", "--convert-to", "ods", "--outdir", str(tmp_path), str(form)],
        capture_output=True,
        timeout=240,
        check=False,
    )
    assert ods.returncode == 0
    import zipfile

    content = zipfile.ZipFile(tmp_path / "form.ods").read("content.xml").decode()
    assert "table:content-validation" in content  # LibreOffice kept the drop-down lists
