"""Reading: where the table is found, and the row numbers a spreadsheet shows."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ltl_plan.errors import InputError
from ltl_plan.layout import tables_of_file
from ltl_plan.plan import Plan
from ltl_plan.table import RawTable, column_letter
from ltl_plan.validate import validate
from ltl_plan.vocab import Vocabulary

from conftest import HEADERS, row, write_xlsx


@pytest.fixture(scope="module")
def recognise(plan: Plan) -> Vocabulary:
    return Vocabulary.from_plan(plan)


def one_table(path: Path, vocab: Vocabulary) -> RawTable:
    tables = tables_of_file(path, vocab)
    assert tables is not None and len(tables) == 1
    return tables[0]


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A", "Z", "AA", "AB", "ZZ", "AAA",
    ]  # fmt: skip


def test_header_below_a_title_block(tmp_path: Path, recognise: Vocabulary) -> None:
    above = [["UBND HUYỆN NA HANG"], ["BIỂU TỔNG HỢP NĂM 2024"], []]
    path = write_xlsx(tmp_path / "t.xlsx", [row("A", 2024, "Bảo tàng")], above=above)
    table = one_table(path, recognise)
    assert (table.sheet, table.header_row, table.row_numbers) == ("institutions", 4, (5,))
    assert [c.header for c in table.columns] == list(HEADERS)


def test_a_table_that_does_not_start_at_a1(tmp_path: Path, plan: Plan) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for j, header in enumerate(HEADERS):
        sheet.cell(row=3, column=3 + j, value=header)
    for j, value in enumerate(row("A", 2024, "Bảo tàng tỉnh", visits="abc")):
        sheet.cell(row=4, column=3 + j, value=value or None)
    workbook.save(tmp_path / "offset.xlsx")
    table = one_table(tmp_path / "offset.xlsx", Vocabulary.from_plan(plan))
    problems = validate([("offset.xlsx", [table])], plan).problems
    assert [(p.cell, p.code) for p in problems if p.severity == "error"] == [
        ("F4", "unknown-category"),
        ("N4", "invalid-number"),
    ]


def test_the_named_sheet_wins_over_the_first(tmp_path: Path, recognise: Vocabulary) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Hướng dẫn"
    workbook.active.append(["Điền mỗi đơn vị một dòng"])
    other = workbook.create_sheet("Nháp")
    other.append(list(HEADERS))
    named = workbook.create_sheet("Danh sách đơn vị")
    named.append(list(HEADERS))
    named.append(row("A", 2024, "Bảo tàng"))
    workbook.save(tmp_path / "sheets.xlsx")
    assert one_table(tmp_path / "sheets.xlsx", recognise).sheet == "Danh sách đơn vị"


def test_csv_with_a_byte_order_mark(tmp_path: Path, recognise: Vocabulary) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "Mã đơn vị,Tên đơn vị,Năm,Loại hình\nA,Bảo tàng tỉnh,2024,Bảo tàng\n", "utf-8-sig"
    )
    table = one_table(path, recognise)
    assert (table.sheet, table.header_row, table.row_numbers) == (None, 1, (2,))
    assert table.cells.iloc[0].tolist() == ["A", "Bảo tàng tỉnh", "2024", "Bảo tàng"]


def test_csv_that_is_not_a_csv(tmp_path: Path, recognise: Vocabulary) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"PK\x03\x04rest of a workbook")
    with pytest.raises(InputError, match="is a workbook, not CSV text"):
        tables_of_file(path, recognise)


def test_reading_leaves_the_file_unchanged(tmp_path: Path, recognise: Vocabulary) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [row("A", 2024, "Bảo tàng")])
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    tables_of_file(path, recognise)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
