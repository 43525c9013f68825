"""Submissions as district offices make them give the same result as the tidy example.

The example's rows are rewritten the way a hand-made Excel form holds them: a title block,
a two-row header with merged group cells, a row of column numbers, an STT column, heading
and subtotal rows, numbers typed the Vietnamese way as text, decomposed (NFD) or unaccented
words, a signature block; and in a wide variant, one group of columns per year.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner

from ltl_plan.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "tuyen-quang-2022-2024.xlsx"
FLAGS = (
    "Dịch vụ học tập suốt đời",
    "Ứng dụng CNTT, chuyển đổi số",
    "Chương trình giáo dục",
    "Hỗ trợ sáng tạo, hưởng thụ văn hóa",
    "Hoạt động học tập suốt đời",
)
YES = ("Có", "x", "Đạt", "✓", "co")
NO = ("Không", "không", "Chưa", "0", "khong")


def example_rows() -> list[dict[str, Any]]:
    sheet = openpyxl.load_workbook(EXAMPLE, read_only=True).worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(h) for h in next(rows)]
    return [dict(zip(header, r, strict=True)) for r in rows]


def vietnamese(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def spelled(text: str, i: int) -> str:
    """The same word three ways: as typed, decomposed (NFD), or without diacritics."""
    if i % 3 == 1:
        return unicodedata.normalize("NFD", text)
    if i % 3 == 2:
        stripped = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
        return "".join(c for c in stripped if not unicodedata.combining(c))
    return text


def answer(value: Any, i: int) -> Any:
    if value is None:
        return None
    return YES[i % len(YES)] if value == "Có" else NO[i % len(NO)]


def title_block(sheet: Any, width: int) -> None:
    sheet.append(["UBND TỈNH TUYÊN QUANG"] + [None] * 3 + ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    sheet.append(["SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"] + [None] * 3 + ["Độc lập - Tự do - Hạnh phúc"])
    sheet.append([])
    sheet.append(["BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN KẾ HOẠCH 76/KH-UBND"])
    sheet.merge_cells(start_row=4, start_column=1, end_row=4, end_column=width)
    sheet.append([])


def signature_block(sheet: Any) -> None:
    sheet.append([])
    sheet.append([None, None, None, None, None, None, "Tuyên Quang, ngày 25 tháng 11 năm 2024"])
    sheet.append([None, "Người lập biểu", None, None, None, None, "THỦ TRƯỞNG ĐƠN VỊ"])
    sheet.append([None, "(Ký, ghi rõ họ tên)", None, None, None, None, "(Ký tên, đóng dấu)"])
    sheet.append([])
    sheet.append([None, "Nguyễn Văn An", None, None, None, None, "Trần Thị Bình"])


def long_office_workbook(rows: list[dict[str, Any]], path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Biểu 01"
    fixed = ["STT", "Mã đơn vị", "Tên đơn vị", "Năm", "Loại hình", "Cấp", "Huyện"]
    width = len(fixed) + len(FLAGS) + 1
    title_block(sheet, width)
    sheet.append([*fixed, "Kết quả thực hiện", None, None, None, None, "Lượt phục vụ học tập"])
    sheet.append([None] * len(fixed) + list(FLAGS) + [None])
    for col in range(1, len(fixed) + 1):
        sheet.merge_cells(start_row=6, start_column=col, end_row=7, end_column=col)
    sheet.merge_cells(start_row=6, start_column=8, end_row=6, end_column=12)
    sheet.merge_cells(start_row=6, start_column=13, end_row=7, end_column=13)
    sheet.append([f"({k})" for k in range(1, width + 1)])
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[r["Loại hình"]].append(r)
    roman = iter(("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"))
    for category, members in groups.items():
        sheet.append([next(roman), None, category.upper()])
        for i, r in enumerate(members, 1):
            visits = r["Lượt phục vụ học tập"]
            sheet.append(
                [
                    i,
                    r["Mã đơn vị"],
                    r["Tên đơn vị"],
                    str(r["Năm"]) if i % 4 == 0 else r["Năm"],
                    spelled(category, i),
                    spelled(r["Cấp"], i) if r["Cấp"] else None,
                    r["Huyện"],
                    *(answer(r[flag], i) for flag in FLAGS),
                    vietnamese(visits) if visits is not None and i % 2 else visits,
                ]
            )
        total = sum(r["Lượt phục vụ học tập"] or 0 for r in members)
        sheet.append([None, None, "Cộng", None, None, None, None, *[None] * 5, total])
    sheet.append([None, None, "TỔNG CỘNG"])
    signature_block(sheet)
    workbook.save(path)
    return path


def wide_office_workbook(rows: list[dict[str, Any]], path: Path) -> Path:
    """One row per institution; for each year a merged "Năm YYYY" group over its columns."""
    years = sorted({r["Năm"] for r in rows})
    by_id: dict[str, dict[int, dict[str, Any]]] = defaultdict(dict)
    for r in rows:
        by_id[r["Mã đơn vị"]][r["Năm"]] = r
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    fixed = ["STT", "Mã đơn vị", "Tên đơn vị", "Loại hình", "Cấp", "Huyện"]
    per_year = [*FLAGS, "Lượt"]
    title_block(sheet, len(fixed) + len(years) * len(per_year))
    top: list[Any] = list(fixed)
    for year in years:
        top += [f"Năm {year}"] + [None] * (len(per_year) - 1)
    sheet.append(top)
    sheet.append([None] * len(fixed) + per_year * len(years))
    for k in range(len(years)):
        first = len(fixed) + 1 + k * len(per_year)
        last = first + len(per_year) - 1
        sheet.merge_cells(start_row=6, start_column=first, end_row=6, end_column=last)
    for i, (ident, history) in enumerate(sorted(by_id.items()), 1):
        any_row = next(iter(history.values()))
        line: list[Any] = [i, ident, any_row["Tên đơn vị"], any_row["Loại hình"], any_row["Cấp"]]
        line.append(any_row["Huyện"])
        for year in years:
            entry = history.get(year)
            if entry is None:
                line += [None] * len(per_year)
            else:
                line += [entry[flag] for flag in FLAGS] + [entry["Lượt phục vụ học tập"]]
        sheet.append(line)
    signature_block(sheet)
    sheet.column_dimensions[get_column_letter(3)].width = 40
    workbook.save(path)
    return path


def indicators(*paths: Path) -> list[dict[str, Any]]:
    result = CliRunner().invoke(app, ["check", *map(str, paths), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["counts"]["errors"] == 0
    found: list[dict[str, Any]] = document["indicators"]
    return found


@pytest.fixture(scope="module")
def tidy() -> list[dict[str, Any]]:
    return indicators(EXAMPLE)


def test_an_office_layout_gives_the_same_result(tidy: list[dict[str, Any]], tmp_path: Path) -> None:
    path = long_office_workbook(example_rows(), tmp_path / "bieu-tong-hop.xlsx")
    assert indicators(path) == tidy
    result = CliRunner().invoke(app, ["check", str(path), "-f", "json"])
    document = json.loads(result.stdout)
    (source,) = document["files"]
    assert (source["sheet"], source["header_row"], source["rows"]) == ("Biểu 01", 7, 927)
    reasons = {s["reason"] for s in source["skipped"]}
    assert any("heading" in r for r in reasons) and any("below the table" in r for r in reasons)
    assert [p["code"] for p in document["problems"]] == ["flag-blank"] * 8


def test_a_wide_layout_with_one_group_per_year_gives_the_same_result(
    tidy: list[dict[str, Any]], tmp_path: Path
) -> None:
    path = wide_office_workbook(example_rows(), tmp_path / "wide.xlsx")
    assert indicators(path) == tidy


def test_district_files_and_a_folder_of_them_are_merged(
    tidy: list[dict[str, Any]], tmp_path: Path
) -> None:
    rows = example_rows()
    folder = tmp_path / "submissions"
    folder.mkdir()
    districts = sorted({r["Huyện"] for r in rows})
    for number, district in enumerate(districts):
        part = [r for r in rows if r["Huyện"] == district]
        writer = long_office_workbook if number % 2 else wide_office_workbook
        writer(part, folder / f"{number:02d}.xlsx")
    (folder / "~$00.xlsx").write_bytes(b"lock file of an open workbook")
    assert indicators(folder) == tidy
    assert indicators(*sorted(folder.glob("[0-9]*.xlsx"))) == tidy


def test_the_same_institution_in_two_files_names_both(tmp_path: Path) -> None:
    rows = [r for r in example_rows() if r["Năm"] == 2024][:5]
    one = long_office_workbook(rows, tmp_path / "one.xlsx")
    two = long_office_workbook(rows[:1], tmp_path / "two.xlsx")
    result = CliRunner().invoke(app, ["check", str(one), str(two), "-f", "json", "--lang", "en"])
    assert result.exit_code == 1
    (problem,) = json.loads(result.stdout)["problems"]
    assert problem["code"] == "duplicate-id" and problem["file"] == str(two)
    assert f"of {one}" in problem["message"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("suffix", ["ods", "xls"])
def test_the_example_saved_by_libreoffice_gives_the_same_result(
    tidy: list[dict[str, Any]], tmp_path: Path, suffix: str
) -> None:
    done = subprocess.run(
        ["soffice", "--headless", "--convert-to", suffix, "--outdir", str(tmp_path), str(EXAMPLE)],
        capture_output=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert indicators(tmp_path / f"{EXAMPLE.stem}.{suffix}") == tidy
