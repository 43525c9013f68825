"""Reading: where the table is found, and the row numbers a spreadsheet shows."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from ltl_plan import read
from ltl_plan.cells import column_letter
from ltl_plan.errors import InputError
from ltl_plan.layout import RawTable, tables_of_file
from ltl_plan.plan import Plan
from ltl_plan.vocabulary import Vocabulary

from conftest import HEADERS, row, validate, write_xlsx


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
    assert [column.texts()[0] for column in table.data] == [
        "A",
        "Bảo tàng tỉnh",
        "2024",
        "Bảo tàng",
    ]


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


def _cells(path: Path) -> list[list[str]]:
    (sheet,) = read.read_sheets(path)
    return [
        ["" if v is None or v != v else v for v in r]
        for r in sheet.cells.astype(object).to_numpy().tolist()
    ]


def _csv_module(path: Path, encoding: str = "utf-8", delimiter: str = ",") -> list[list[str]]:
    with path.open(encoding=encoding, newline="") as handle:
        rows = list(csv.reader(handle, delimiter=delimiter))
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


def test_a_csv_is_read_with_the_cells_as_typed(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    text = (
        'BIỂU TỔNG HỢP\r\n\r\nMã,Tên,Năm\r\nA,"Thư viện, xã",2024\r\nB,"",\r\nC,"hai\r\ndòng"\r\n'
    )
    path.write_bytes(text.encode("utf-8-sig"))
    expected = [
        ["BIỂU TỔNG HỢP", "", ""],
        ["", "", ""],
        ["Mã", "Tên", "Năm"],
        ["A", "Thư viện, xã", "2024"],
        ["B", "", ""],
        ["C", "hai\r\ndòng", ""],
    ]
    assert _cells(path) == expected == _csv_module(path, "utf-8-sig")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (b"Ma,Ten\rA,B\rC,D\r", "utf-8"),  # an old Mac file: rows end with a carriage return
        (b"Ma,Ten\n" + b"A,B\n" * 40_000 + b"C,D,extra\n", "utf-8"),  # wider than the sample
        (b"Ma,Ten\nA,\xd0a Nang\n", "cp1258"),  # Windows-1258 ("Đa Nang"), not UTF-8
        (b"Ma,So\n007,1.234\nTRUE,1e3\n", "utf-8"),  # text that looks like numbers stays text
        ("Mã,Tên\nA,Đà Nẵng\n".encode("utf-16"), "utf-16"),
    ],
)
def test_every_csv_gives_the_cells_the_csv_module_reads(
    tmp_path: Path, text: bytes, encoding: str
) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(text)
    assert _cells(path) == _csv_module(path, encoding)


@pytest.mark.parametrize(
    "text",
    [
        'a,b\nx"y,z\n',  # a quote inside an unquoted cell
        'a,b\n"x"y,z\n',  # text after a closing quote
        'a,b\n "x",z\n',  # a space before the quote
        'a,b\n"x""y",z\n',  # a doubled quote
        "a,b\nx,y,\n",  # a separator at the end of a row
        "a,b\nx,y\n\n\n",  # blank lines at the end
        "a,b\nx,y",  # no line feed at the end
        "a,b\n",  # the header alone
    ],
)
def test_odd_csv_text_gives_the_cells_the_csv_module_reads(tmp_path: Path, text: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    filled = [r for r in _csv_module(path) if any(r)]
    assert [r for r in _cells(path) if any(r)] == filled


@pytest.mark.parametrize("name", ["data[1].csv", "*.csv", "what?.csv", "[ab].csv"])
def test_a_file_name_is_never_a_pattern(tmp_path: Path, name: str) -> None:
    (tmp_path / "data1.csv").write_text("Mã,Tên\nX,Other file\n", encoding="utf-8")
    (tmp_path / "a.csv").write_text("Mã,Tên\nX,Other file\n", encoding="utf-8")
    path = tmp_path / name
    path.write_text("Mã,Tên\nA,This file\n", encoding="utf-8")
    assert read.expand([path]) == [path]
    assert _cells(path) == [["Mã", "Tên"], ["A", "This file"]]
