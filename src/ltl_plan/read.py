"""Reading: spreadsheet files in, raw tables out. Nothing here judges a value.

Workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) are read with calamine, CSV with pandas.
The header row is found by its content in the first rows of the sheet, so a title block
above the table does no harm. Input files are only ever opened for reading.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ltl_plan.errors import InputError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
CSV_SUFFIXES = (".csv",)
SUPPORTED_SUFFIXES = WORKBOOK_SUFFIXES + CSV_SUFFIXES
# Sheet names preferred over the first sheet (compared by matching key).
PREFERRED_SHEETS = ("institutions", "don vi", "danh sach don vi", "thiet che")
HEADER_SCAN_ROWS = 30


@dataclass(frozen=True)
class RawTable:
    """One table as it stands in the file: header texts and cells, untouched.

    ``cells`` has one column per header (position ``j`` is spreadsheet column
    ``first_column + j``, counted from 0 = A) and one row per spreadsheet row after the
    header; ``row_numbers`` are the row numbers a spreadsheet program shows.
    """

    file: str
    sheet: str | None
    header_row: int
    first_column: int
    headers: tuple[str, ...]
    cells: pd.DataFrame
    row_numbers: tuple[int, ...]


def column_letter(index: int) -> str:
    """Spreadsheet column letters for a 0-based index: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _header_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def _find_header(rows: list[list[Any]], recognise: Callable[[str], str | None]) -> int | None:
    """Index of the row among the first rows that names the most known columns."""
    best, best_count = None, 1
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        fields = {recognise(_header_text(cell)) for cell in row} - {None}
        if len(fields) > best_count:
            best, best_count = index, len(fields)
    return best


def _table(
    file: str,
    sheet: str | None,
    rows: list[list[Any]],
    first_row: int,
    first_column: int,
    recognise: Callable[[str], str | None],
) -> RawTable | None:
    header = _find_header(rows, recognise)
    if header is None:
        return None
    body = rows[header + 1 :]
    width = len(rows[header])
    cells = (
        pd.DataFrame(body, columns=range(width), dtype=object)
        if body
        else pd.DataFrame(columns=range(width), dtype=object)
    )
    start = first_row + header + 1
    return RawTable(
        file=file,
        sheet=sheet,
        header_row=first_row + header,
        first_column=first_column,
        headers=tuple(_header_text(cell) for cell in rows[header]),
        cells=cells,
        row_numbers=tuple(range(start, start + len(body))),
    )


def _check_file(path: Path) -> None:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a spreadsheet")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise InputError(
            f"{path}: unsupported file type {path.suffix or '(none)'!r}; "
            f"ltl-plan reads {', '.join(SUPPORTED_SUFFIXES)}"
        )
    try:
        with path.open("rb") as handle:
            handle.read(1)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def read_workbook(path: Path, recognise: Callable[[str], str | None]) -> RawTable | None:
    """The institution table of a workbook: the preferred sheet by name, else the first
    sheet whose header names known columns. None when no sheet holds such a table."""
    from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum

    from ltl_plan.vocab import key

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except PasswordError:
        raise InputError(
            f"{path}: the workbook is password-protected; save it without a password"
        ) from None
    except Exception as exc:  # calamine raises several types for a broken file
        raise InputError(f"{path}: not a readable {path.suffix} workbook ({_short(exc)})") from None
    names = list(workbook.sheet_names)
    kinds = [sheet.typ for sheet in workbook.sheets_metadata]
    # Chart sheets, dialog and macro sheets cannot hold the table: only worksheets are read.
    worksheets = [i for i in range(len(names)) if kinds[i] == SheetTypeEnum.WorkSheet]
    order = sorted(worksheets, key=lambda i: key(names[i]) not in PREFERRED_SHEETS)
    for index in order:
        try:
            sheet = workbook.get_sheet_by_index(index)
            rows = sheet.to_python(skip_empty_area=True)
        except Exception as exc:
            raise InputError(
                f"{path}: sheet {names[index]!r} cannot be read ({_short(exc)})"
            ) from None
        if not rows:
            continue
        start_row, start_column = sheet.start or (0, 0)
        table = _table(str(path), names[index], rows, start_row + 1, start_column, recognise)
        if table is not None:
            return table
    return None


def read_csv(path: Path, recognise: Callable[[str], str | None]) -> RawTable | None:
    """The table of a UTF-8 CSV file (with or without a byte-order mark)."""
    try:
        frame = pd.read_csv(
            path,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            encoding="utf-8-sig",
            skip_blank_lines=False,
        )
    except pd.errors.EmptyDataError:
        return None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; save the CSV as UTF-8") from None
    except (pd.errors.ParserError, ValueError) as exc:
        raise InputError(f"{path}: not a readable CSV file ({_short(exc)})") from None
    head = frame.head(HEADER_SCAN_ROWS).to_numpy().tolist()
    header = _find_header(head, recognise)
    if header is None:
        return None
    body = frame.iloc[header + 1 :].reset_index(drop=True).astype(object)
    body.columns = pd.RangeIndex(body.shape[1])
    start = header + 2
    return RawTable(
        file=str(path),
        sheet=None,
        header_row=header + 1,
        first_column=0,
        headers=tuple(_header_text(cell) for cell in head[header]),
        cells=body,
        row_numbers=tuple(range(start, start + len(body))),
    )


def read_table(path: Path, recognise: Callable[[str], str | None]) -> RawTable | None:
    """Read one file; None when it holds no recognisable table. Raises InputError when
    the file cannot be read at all."""
    _check_file(path)
    if path.suffix.lower() in CSV_SUFFIXES:
        return read_csv(path, recognise)
    return read_workbook(path, recognise)


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."
