"""The plans shipped with ltl-plan: each valid, listed with its sources, chosen with
--plan; the national programme by province; and no Python file naming a place level, an
agency or a province: they are data."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

import ltl_plan
from ltl_plan.cli import Exit, app
from ltl_plan.plan.load import default_plan_id, shipped_path, shipped_plans
from ltl_plan.result import CoverageResult, Status

from conftest import write_xlsx

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner(env={"COLUMNS": "200"})
SHIPPED = ["national-1520", "tuyen-quang-2025", "tuyen-quang-76-2023"]


def test_the_shipped_plans_are_valid_and_listed() -> None:
    assert shipped_plans() == SHIPPED and default_plan_id() == "tuyen-quang-76-2023"
    for plan_id in SHIPPED:
        result = runner.invoke(app, ["targets", str(shipped_path(plan_id))])  # FILE, no -t
        assert result.exit_code == 0, result.output
        assert plan_id in result.stdout
        assert ltl_plan.load_plan(plan_id=plan_id).plan.id == plan_id
    listing = runner.invoke(app, ["plans"])
    assert listing.exit_code == 0, listing.output
    assert all(plan_id in listing.stdout for plan_id in SHIPPED)
    assert "(mặc định)" in listing.stdout and "chưa đối chiếu" in listing.stdout
    english = runner.invoke(app, ["plans", "--lang", "en"])
    assert "(default)" in english.stdout and "not confirmed in their source" in english.stdout
    # Not on a terminal, the listing wraps its long texts within 160 columns.
    assert max(len(line) for line in listing.stdout.splitlines()) <= 160
    unknown = runner.invoke(app, ["targets", "--plan", "no-such-plan"])
    assert unknown.exit_code == Exit.CANNOT_RUN
    assert "no-such-plan: no such plan" in unknown.stderr and "tuyen-quang-2025" in unknown.stderr


def test_the_national_numbers_carry_their_sources_and_are_marked_unverified() -> None:
    plan = ltl_plan.load_plan(plan_id="national-1520")
    assert plan.plan.scope.vi == "Toàn quốc" and len(plan.place_names) == 34
    for indicator in plan.indicators:
        assert indicator.source and indicator.unverified == sorted(indicator.targets)
    education = next(i for i in plan.indicators if i.id == "2.1.1-university-specialized")
    assert education.population.categories == ["university_library", "specialized_library"]
    targets = {i.id: i.targets_by_year() for i in plan.indicators if i.section == "2.1.1"}
    assert [t[2025] for t in targets.values()] == [100, 70, 40, 90, 80, 70]
    assert [t[2030] for t in targets.values()] == [100, 90, 60, 100, 100, 90]


def _national_rows() -> list[list[Any]]:
    headers_row = ["Thư viện công cộng", "Tỉnh"]
    rows = []
    # Before the merger, Hà Giang and Tuyên Quang were two provinces; from 2025, one.
    for province, year, answer in (
        ("Hà Giang", 2022, "có"),
        ("Tuyên Quang", 2022, "không"),
        ("Tuyên Quang", 2026, "có"),
        ("Hà Nội", 2026, "không"),
    ):
        ident = f"{province}-{year}"
        rows.append([ident.split("-")[0][:3] + str(year), f"Thư viện tỉnh {province}", year,
                     *headers_row, province, answer, answer, "", "", "", ""])  # fmt: skip
    return rows


def test_the_national_file_by_province(tmp_path: Path) -> None:
    headers = ("Mã", "Tên", "Năm", "Loại hình", "Cấp", "Tỉnh", "Dịch vụ học tập suốt đời",
               "Ứng dụng CNTT, chuyển đổi số", "Chương trình giáo dục",
               "Hỗ trợ sáng tạo, hưởng thụ văn hóa", "Hoạt động học tập suốt đời",
               "Lượt phục vụ học tập")  # fmt: skip
    path = write_xlsx(tmp_path / "national.xlsx", _national_rows(), headers=headers)
    result = ltl_plan.check([path], plan="national-1520", by="province")
    report = result.report
    assert report.breakdown is not None
    groups = {str(g.name): g for g in report.breakdown.groups}
    assert sorted(groups) == ["Hà Nội", "Tuyên Quang"]  # Hà Giang's rows count for Tuyên Quang
    provincial = {
        name: next(i for i in g.indicators if i.id == "2.1.1-public-province")
        for name, g in groups.items()
    }
    assert provincial["Tuyên Quang"].series == {2022: 0.5, 2026: 1.0}
    assert provincial["Hà Nội"].actual == 0.0
    whole = next(i for i in report.indicators if i.id == "2.1.1-public-province")
    assert isinstance(whole, CoverageResult)
    assert (whole.achieved, whole.total, whole.status) == (1, 2, Status.BEHIND)
    assert not whole.target_verified and "*" in ltl_plan.render(result, "markdown")
    out = tmp_path / "bao-cao.xlsx"
    done = runner.invoke(app, ["report", str(path), "--plan", "national-1520", "--by", "province",
                               "--out", str(out)])  # fmt: skip
    assert done.exit_code == 0, done.output
    sheet = openpyxl.load_workbook(out)["Theo tỉnh, thành phố"]
    assert sheet["A8"].value == "Toàn quốc"


def test_template_for_2026_speaks_of_communes_and_wards(tmp_path: Path) -> None:
    form = tmp_path / "bieu-mau.xlsx"
    result = runner.invoke(app, ["template", "--plan", "tuyen-quang-2025", "--year", "2026",
                                 "--out", str(form)])  # fmt: skip
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(form)
    text = " ".join(
        str(cell.value) for sheet in workbook for r in sheet.iter_rows() for cell in r if cell.value
    )
    assert "Xã, phường" in text and "Phường Minh Xuân" not in text  # names, as the plan has them
    assert "Minh Xuân" in text and "Tân Trào" in text
    assert not re.search(r"(?i)\bhuyện\b", text)
    unknown = runner.invoke(app, ["template", "--plan", "tuyen-quang-2025", "--year", "2026",
                                  "--unit", "Không tồn tại", "--out", str(form)])  # fmt: skip
    assert unknown.exit_code == Exit.CANNOT_RUN
    assert "--unit Không tồn tại: not a reporting unit" in unknown.stderr
    assert "Tân Trào" in unknown.stderr
    one = runner.invoke(app, ["template", "--plan", "tuyen-quang-2025", "--year", "2026",
                              "--unit", "xã tân trào", "--out", str(form)])  # fmt: skip
    assert one.exit_code == 0, one.output


def test_report_for_2026_speaks_of_communes_and_wards(tmp_path: Path) -> None:
    example = ROOT / "examples" / "tuyen-quang-2022-2026.xlsx"
    out = tmp_path / "bao-cao.xlsx"
    result = runner.invoke(app, ["report", str(example), "--plan", "tuyen-quang-2025",
                                 "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(out)
    assert "Theo xã, phường" in workbook.sheetnames
    institutions = workbook["Danh sách đơn vị"]
    headers = [c.value for c in institutions[7]]
    assert "Xã, phường" in headers and "Huyện" not in headers


PLACE_WORDS = re.compile(
    r"(?i)\b(district|commune|ward|province|provincial|huyện|xã|phường|tỉnh|agency|"
    r"department|tuyên quang|hà giang|sở văn hóa)\b"
)


def test_no_python_file_names_a_place_level_an_agency_or_a_province() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "src" / "ltl_plan").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PLACE_WORDS.search(line)
    ]
    assert offenders == []


@pytest.mark.parametrize("plan_id", SHIPPED)
def test_every_shipped_plan_checks_the_merged_example(plan_id: str) -> None:
    example = ROOT / "examples" / "tuyen-quang-2022-2026.xlsx"
    result = runner.invoke(app, ["check", str(example), "--plan", plan_id, "-f", "json"])
    assert result.exit_code in (Exit.OK, Exit.DATA_PROBLEMS), result.output
