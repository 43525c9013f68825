"""Reading: where the table is found, and the row numbers a spreadsheet shows."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from ltl_plan import read
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


def test_a_utf8_csv_is_read_coded_with_the_same_cells(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    text = (
        'BIỂU TỔNG HỢP\r\n\r\nMã,Tên,Năm\r\nA,"Thư viện, xã",2024\r\nB,"",\r\nC,"hai\r\ndòng"\r\n'
    )
    path.write_bytes(text.encode("utf-8-sig"))
    coded = read.finish_polars(path, read.start_polars(path, ",", 3))
    assert coded is not None
    assert all(isinstance(coded[c].dtype, pd.CategoricalDtype) for c in coded)
    expected = [
        ["BIỂU TỔNG HỢP", "", ""],
        ["", "", ""],
        ["Mã", "Tên", "Năm"],
        ["A", "Thư viện, xã", "2024"],
        ["B", "", ""],
        ["C", "hai\r\ndòng", ""],
    ]
    assert coded.astype(object).to_numpy().tolist() == expected
    assert read._read_text(path, "utf-8-sig", ",", 3).to_numpy().tolist() == expected
    (sheet,) = read.read_sheets(path)
    assert sheet.cells.astype(object).to_numpy().tolist() == expected


@pytest.mark.parametrize(
    "text",
    [
        b"Ma,Ten\rA,B\rC,D\r",  # an old Mac file: rows end with a carriage return alone
        b"Ma,Ten\n" + b"A,B\n" * 40_000 + b"C,D,extra\n",  # wider than the sample said
        b"Ma,Ten\nA,\xd0a Nang\n",  # Windows-1258 ("Đa Nang"), not UTF-8
    ],
)
def test_a_csv_polars_cannot_read_as_it_stands_is_read_the_exact_way(
    tmp_path: Path, text: bytes
) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(text)
    assert read.finish_polars(path, read.start_polars(path, ",", 2)) is None
    (sheet,) = read.read_sheets(path)
    assert sheet.cells.shape[0] >= 2 and not any(
        isinstance(sheet.cells[c].dtype, pd.CategoricalDtype) for c in sheet.cells
    )


@pytest.mark.parametrize(
    "text",
    [
        'a,b\nx"y,z\n',  # a quote inside an unquoted cell
        'a,b\n"x"y,z\n',  # text after a closing quote
        'a,b\n"x,z\nq,r\n',  # a quote never closed
        'a,b\n "x",z\n',  # a space before the quote
        'a,b\n"x""y",z\n',  # a doubled quote
        "a,b\nx,y,\n",  # a separator at the end of a row
        "a,b\nx,y\n\n\n",  # blank lines at the end
        "a,b\nx,y",  # no line feed at the end
        "a,b\n",  # the header alone
    ],
)
def test_odd_csv_text_gives_the_same_cells_either_way(tmp_path: Path, text: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    delimiter, width = read._shape(path, "utf-8")
    coded = read.finish_polars(path, read.start_polars(path, delimiter, width))
    exact = read._read_text(path, "utf-8", delimiter, width)
    if coded is not None:  # else declined: the exact reader is used
        assert coded.astype(object).to_numpy().tolist() == exact.to_numpy().tolist()
