"""A workbook parsed while the program starts: handed over once, and only when it still
stands as it was; anything that went wrong is left for the reader to report."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from ltl_plan import prefetch, read
from ltl_plan.errors import InputError
from ltl_plan.layout import tables_of_file
from ltl_plan.plan import Plan
from ltl_plan.read import Limits, Workbook, read_sheets
from ltl_plan.vocab import Vocabulary

from conftest import row, write_xlsx


def test_the_parsed_sheet_is_handed_over_once(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [row("A", 2024, "Bảo tàng")])
    prefetch.start(path, Limits())
    early = prefetch.take(path, Limits())
    assert early is not None and early.workbook.names[early.index] == "institutions"
    assert early.errors == {}
    assert prefetch.take(path, Limits()) is None  # once


def test_error_cells_are_found_beside_the_parse(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [row("F", 2024, "Bảo tàng", edu="#REF!", visits="#N/A")])
    prefetch.start(path, Limits())
    early = prefetch.take(path, Limits())
    assert early is not None
    # Header in row 1; the museum's education answer in I2, its visits in L2 (0-based).
    assert early.errors == {(1, 8): "#REF!", (1, 11): "#N/A"}
    assert early.errors == read.xlsx_error_cells(path, early.index)


def test_the_reader_gives_the_same_cells_with_or_without_it(tmp_path: Path, plan: Plan) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [row("A", 2024, "Bảo tàng"), row("B", 2023, "Bảo tàng")])
    alone = [sheet.cells.to_numpy().tolist() for sheet in read_sheets(path)]
    prefetch.start(path, Limits())
    parses: list[str] = []
    original = read.open_workbook

    def spy(path: Path, limits: Limits) -> Workbook:
        parses.append(threading.current_thread().name)
        return original(path, limits)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("ltl_plan.read.open_workbook", spy)
        early = [sheet.cells.to_numpy().tolist() for sheet in read_sheets(path)]
    assert early == alone
    assert parses == []  # the reader opened nothing itself: it took the parsed sheet
    assert tables_of_file(path, Vocabulary.from_plan(plan)) is not None


def test_a_file_changed_since_is_read_again(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [row("A", 2024, "Bảo tàng")])
    prefetch.start(path, Limits())
    write_xlsx(path, [row("B", 2023, "Thư viện công cộng", level="xã")])
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 10**9))
    assert prefetch.take(path, Limits()) is None
    (sheet,) = read_sheets(path)
    assert "B" in sheet.cells.to_numpy().ravel().tolist()


def test_a_broken_workbook_is_left_to_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    prefetch.start(path, Limits())
    assert prefetch.take(path, Limits()) is None
    with pytest.raises(InputError, match="damaged workbook"):
        list(read_sheets(path))


def test_only_workbooks_are_started(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    prefetch.start(path, Limits())
    prefetch.start(tmp_path / "missing.xlsx", Limits())
    assert (
        prefetch.take(path, Limits()) is None
        and prefetch.take(tmp_path / "missing.xlsx", Limits()) is None
    )


def test_a_csv_file_is_read_by_polars_while_the_program_starts(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Mã,Tên,Năm\nA,Bảo tàng,2024\nB,,2023\n", encoding="utf-8")
    alone = [sheet.cells.astype(object).to_numpy().tolist() for sheet in read_sheets(path)]
    prefetch.start(path, Limits())
    started = prefetch.take_csv(path, Limits())
    assert started is not None and (started.delimiter, started.width) == (",", 3)
    assert prefetch.take_csv(path, Limits()) is None  # once
    prefetch.start(path, Limits())
    early = [sheet.cells.astype(object).to_numpy().tolist() for sheet in read_sheets(path)]
    assert early == alone == [[["Mã", "Tên", "Năm"], ["A", "Bảo tàng", "2024"], ["B", "", "2023"]]]
    assert prefetch.take_csv(path, Limits()) is None  # the reader took it


def test_a_csv_file_changed_since_or_not_utf8_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    prefetch.start(path, Limits())
    path.write_text("a;b;c\n1;2;3\n", encoding="utf-8")
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 10**9))
    assert prefetch.take_csv(path, Limits()) is None
    (sheet,) = read_sheets(path)
    assert sheet.cells.shape == (2, 3)
    legacy = tmp_path / "cp1258.csv"
    legacy.write_bytes("Tên,Năm\nĐơn,2024\n".encode("cp1258"))
    prefetch.start(legacy, Limits())
    assert prefetch.take_csv(legacy, Limits()) is None  # not UTF-8: pandas reads it
    (sheet,) = read_sheets(legacy)
    assert sheet.cells.to_numpy().tolist()[1] == ["Đơn", "2024"]


def test_the_command_line_starts_the_one_file_it_names(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from ltl_plan.cli import _start_reading, app

    path = write_xlsx(tmp_path / "t.xlsx", [row("A", 2024, "Bảo tàng", edu="có", visits=5)])
    _start_reading(["check", str(path), "-f", "json", "--max-file-size", "9", "--quiet"])
    assert prefetch.take(path, Limits()) is None  # started under --max-file-size 9 only
    _start_reading(["check", "--max-file-size", "9", str(tmp_path)])  # a folder of one file
    early = prefetch.take(path, Limits.of_mib(9))
    assert early is not None and early.workbook.names[early.index] == "institutions"
    # The command then takes what was started, and says the same as without it.
    alone = CliRunner().invoke(app, ["check", str(path), "-f", "json"])
    _start_reading(["check", str(path), "-f", "json"])
    started = CliRunner().invoke(app, ["check", str(path), "-f", "json"])
    assert prefetch.take(path, Limits()) is None  # taken by the command
    assert started.exit_code == alone.exit_code == 0 and started.stdout == alone.stdout


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["targets"],
        ["check", "--help"],
        ["check", "{path}", "--help"],
        ["check", "{path}", "{path2}"],  # two files: read in worker processes
        ["check", "{path}", "--max-file-size", "lots"],  # Typer reports it
        ["check", "{path}", "--no-such-option"],
        ["template", "--out", "{path}"],
    ],
)
def test_nothing_is_started_early_otherwise(tmp_path: Path, args: list[str]) -> None:
    from ltl_plan.cli import _start_reading

    path = write_xlsx(tmp_path / "t.xlsx", [row("A", 2024, "Bảo tàng")])
    path2 = write_xlsx(tmp_path / "u.xlsx", [row("B", 2024, "Bảo tàng")])
    _start_reading([a.format(path=path, path2=path2) for a in args])
    assert prefetch.take(path, Limits()) is None and prefetch.take(path2, Limits()) is None


class _Panic(BaseException):
    """What a panic in Rust code raises in Python (pyo3's PanicException is one)."""


def test_nothing_a_thread_meets_escapes_it_the_reader_reads_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [row("F", 2024, "Bảo tàng", edu="#REF!")])
    escaped: list[object] = []  # what Python would print as "Exception in thread ..."
    monkeypatch.setattr(threading, "excepthook", lambda args: escaped.append(args.exc_value))

    def panic(*args: object, **kwargs: object) -> None:
        raise _Panic("index out of bounds")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(prefetch, "xlsx_error_cells", panic)
        prefetch.start(path, Limits())
        assert prefetch.take(path, Limits()) is None  # the error cells are not known
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(prefetch, "open_workbook", panic)
        prefetch.start(path, Limits())
        assert prefetch.take(path, Limits()) is None
    (sheet,) = read_sheets(path)  # the reader finds the error cell itself
    assert "#REF!" in sheet.cells.to_numpy().ravel().tolist()
    csv_path = tmp_path / "t.csv"
    csv_path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("polars.LazyFrame.collect", panic)
        prefetch.start(csv_path, Limits())
        (sheet,) = read_sheets(csv_path)  # pandas reads it instead
    assert sheet.cells.to_numpy().tolist() == [["a", "b"], ["1", "2"]]
    assert escaped == []
