"""Hostile values reaching the outputs (issue 13, classes 7, 8 and 13): text that a
workbook cannot hold as it is, markup and control sequences aimed at a terminal, and the
tool's own workbooks turning up among its inputs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import xlsxwriter
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from ltl_plan.cli import Exit, app

from conftest import HEADERS, row

runner = CliRunner(env={"COLUMNS": "200"})
ESCAPE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _workbook(path: Path, sheet: str, rows: list[list[object]]) -> Path:
    """A submission written by XlsxWriter, which keeps every character (a control
    character is stored as _x000B_, a literal _x003D_ as _x005F_x003D_)."""
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False,
                                           "strings_to_numbers": False})  # fmt: skip
    ws = book.add_worksheet(sheet)
    ws.write_row(0, 0, HEADERS)
    for index, values in enumerate(rows, 1):
        for column, value in enumerate(values):
            if value != "":
                ws.write(index, column, value)
    book.close()
    return path


def test_the_correction_workbook_keeps_what_a_cell_cannot_hold_as_it_is(tmp_path: Path) -> None:
    odd = ["tab\x0bvertical", "start\x01of heading", "_x003D_1+1", "_x000B_ as typed"]
    rows = [row(f"B{i}", 2024, "Bảo tàng", edu="có lẽ", visits=1, name=text)
            for i, text in enumerate(odd)]  # fmt: skip
    rows.append(row("C", 2024, "Bảo tàng", edu="có lẽ\x00x", visits=1))
    path = _workbook(tmp_path / "odd.xlsx", "Đơn vị 'A' 2024", rows)
    out = tmp_path / "sua.xlsx"
    result = runner.invoke(app, ["check", str(path), "--errors-xlsx", str(out)])
    assert result.exit_code == Exit.DATA_PROBLEMS, result.output
    book = openpyxl.load_workbook(out)
    listing, copy = book.worksheets
    assert copy.title == "odd - Đơn vị 'A' 2024"
    # Read back as Excel reads it (calamine unescapes _xHHHH_; openpyxl does not): the
    # control characters kept, a literal _x003D_ still literal, never "=".
    grid = CalamineWorkbook.from_path(str(out)).get_sheet_by_name(copy.title).to_python()
    assert [line[1] for line in grid[1:5]] == odd
    # The link to a sheet whose name holds an apostrophe: the apostrophe doubled.
    assert listing["G2"].hyperlink.location == "'odd - Đơn vị ''A'' 2024'!I2"
    assert not ESCAPE.search(result.stderr)  # the terminal sees them escaped


def test_markup_and_control_sequences_in_names_reach_no_terminal(tmp_path: Path) -> None:
    names = ["[/bold]", "[link=https://example.org]Yên Sơn[/link]", "\x1b]0;pwned\x07Na Hang",
             "\x1b[2J\x1b[HLâm Bình", "Hàm\u202eYên"]  # fmt: skip
    rows = [row(f"X{i}", 2024, "Thư viện công cộng", "xã", ll="có", digital="có", district=n)
            for i, n in enumerate(names)]  # fmt: skip
    path = _workbook(tmp_path / "\x1b[31mred.xlsx", "s\x1bP2;title\x07", rows)
    for args in (["--by", "district"], ["--by", "district", "-f", "markdown"], ["--lang", "en"]):
        result = runner.invoke(app, ["check", str(path), *args])
        assert result.exit_code in (Exit.OK, Exit.DATA_PROBLEMS), result.output
        assert "\x1b" not in result.output and "\u202e" not in result.output
        assert not ESCAPE.search(result.output.replace("\n", "").replace("\t", ""))
    table = runner.invoke(app, ["check", str(path), "--by", "district"]).stdout
    assert "[/bold]" in table and "[link=https://example.org]Yên Sơn[/link]" in table
    assert "\\x1b]0;pwned\\x07Na Hang" in table
    document = json.loads(runner.invoke(app, ["check", str(path), "-f", "json"]).stdout)
    assert document["problems"][0]["value"] in names  # the JSON keeps the value as typed


def test_a_report_among_the_inputs_is_skipped_with_a_note(tmp_path: Path) -> None:
    folder = tmp_path / "submissions"
    folder.mkdir()
    rows = [row("P1", 2024, "Thư viện công cộng", "tỉnh", ll="có", digital="có", visits=10)]
    _workbook(folder / "na-hang.xlsx", "institutions", rows)
    report = folder / "bao-cao.xlsx"
    assert runner.invoke(app, ["report", str(folder), "-o", str(report)]).exit_code == Exit.OK
    fixes = folder / "sua-loi.xlsx"
    runner.invoke(app, ["check", str(folder), "--errors-xlsx", str(fixes)])
    again = runner.invoke(app, ["check", str(folder), "-f", "json", "--lang", "en"])
    assert again.exit_code == Exit.OK, again.output
    document = json.loads(again.stdout)
    assert [Path(f["file"]).name for f in document["files"]] == ["na-hang.xlsx"]
    assert "bao-cao.xlsx" in again.stderr and "written by ltl-plan" in again.stderr
