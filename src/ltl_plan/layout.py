"""Finding the table in a sheet, as a reporting office lays it out.

A submission made by hand has a title block above the table (the office, BIỂU TỔNG
HỢP ...), a header of one row or of two (group cells merged over sub-headers), sometimes a
row of column numbers under the header, an STT column, heading and subtotal rows inside
the table and a signature block under it; sometimes one column per year ("Lượt 2023",
"Lượt 2024", or "Năm 2024" over a group of columns) instead of one row per year. This
module finds the header by its content, keeps the columns it recognises, sets the other
rows aside with the reason, and turns a wide table into one table per year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ltl_plan.cells import cell_text, column_letter, one_line
from ltl_plan.coded import Coded, code_columns
from ltl_plan.keys import key
from ltl_plan.read import Limits, Sheet, StartedParse, read_sheets
from ltl_plan.vocabulary import REQUIRED_COLUMNS, Vocabulary

HEADER_SCAN_ROWS = 30
# More rows than this without year and category is no layout but a broken table.
MAX_OUTLINE_ROWS = 10_000
_YEAR = re.compile(r"(?<![0-9])((?:19|20|21)[0-9]{2})(?![0-9])")
_NUMBERING = re.compile(
    r"^\(?([0-9]{1,2}|[A-Za-z])\)?$|^\(?[0-9]{1,2}\s*[=+\-*/x]\s*[0-9+\-*/x ()]+\)?$"
)
# Words of a subtotal row, and of the signature block under a table (matched on keys).
_TOTAL = re.compile(r"(^| )(tong cong|tong so|tong|cong|total|subtotal)( |$)")
_FOOTER = re.compile(
    r"(^| )(nguoi lap|thu truong|ky ten|ky ghi ro|ky va ghi ro|ky dong dau|ghi chu"
    r"|ngay [0-9]+ thang [0-9]+ nam)( |$)"
)


@dataclass(frozen=True)
class Column:
    """One recognised column: the field it holds, its header as typed, its letter."""

    field: str
    header: str
    letter: str


@dataclass(frozen=True)
class RawTable:
    """One table of institution rows as it stands in the file, values untouched.

    ``data`` holds one coded column (:class:`~ltl_plan.coded.Coded`) per entry of
    ``columns``, in that order, each with one value per data row; ``row_numbers`` are the
    row numbers a spreadsheet program shows. ``fixed`` holds values that come from the
    headers rather than the cells (the year of a wide table with one column per year).
    ``skipped`` lists the rows inside the table that are not institution rows (headings,
    subtotals, the signature block) and why.
    """

    file: str
    sheet: str | None
    header_rows: tuple[int, ...]
    columns: tuple[Column, ...]
    data: tuple[Coded, ...]
    row_numbers: tuple[int, ...]
    fixed: dict[str, int] = field(default_factory=dict)
    skipped: tuple[tuple[int, str], ...] = ()
    # The whole sheet the table was found on, and where its first cell stands (1-based
    # row, 0-based column): kept to write the correction workbook.
    grid: pd.DataFrame | None = field(default=None, repr=False, compare=False)
    grid_origin: tuple[int, int] = (1, 0)

    @property
    def header_row(self) -> int | None:
        return self.header_rows[-1] if self.header_rows else None


@dataclass(frozen=True)
class _HeaderCell:
    field: str
    year: int | None
    header: str
    index: int  # position in the sheet's cells


def _parse(text: str, vocab: Vocabulary) -> tuple[str, int | None] | None:
    """The field a header names, and the year it carries ("Lượt phục vụ học tập 2023")."""
    if not text:
        return None
    field = vocab.column_for(text)
    if field is not None:
        return field, None
    years = _YEAR.findall(text)
    if len(years) == 1:
        field = vocab.column_for(_YEAR.sub(" ", text))
        if field is not None and field != "year":
            return field, int(years[0])
    return None


def _group_year(text: str) -> int | None:
    years = _YEAR.findall(text)
    return int(years[0]) if len(years) == 1 else None


def _header_cells(rows: list[list[str]], vocab: Vocabulary) -> list[_HeaderCell]:
    """The recognised columns of a header of one row, or of two (groups over sub-headers)."""
    cells: list[_HeaderCell] = []
    if len(rows) == 1:
        for j, text in enumerate(rows[0]):
            parsed = _parse(text, vocab)
            if parsed is not None:
                cells.append(_HeaderCell(parsed[0], parsed[1], text, j))
        return cells
    top, sub = rows
    group = ""
    for j, (upper, lower) in enumerate(zip(top, sub, strict=True)):
        if upper:
            group = upper if _parse(upper, vocab) is None else ""
        elif not lower:
            group = ""
        upper_text = upper or group
        below = _parse(lower, vocab)
        above = _parse(upper, vocab) if upper else None
        if below is not None:
            year = below[1] if below[1] is not None else _group_year(upper_text)
            header = f"{upper_text} / {lower}" if upper_text and above is None else lower
            cells.append(_HeaderCell(below[0], year, header, j))
        elif above is not None and not lower:
            cells.append(_HeaderCell(above[0], above[1], upper, j))
    return cells


def _score(cells: list[_HeaderCell]) -> int:
    fields = {(cell.field, cell.year) for cell in cells}
    if not any(cell.field in REQUIRED_COLUMNS for cell in cells):
        return 0
    return len(fields)


def find_header(
    head: list[list[str]], vocab: Vocabulary
) -> tuple[int, int, list[_HeaderCell]] | None:
    """(first header row index, number of header rows, recognised cells), or None."""
    best: tuple[int, int, list[_HeaderCell]] | None = None
    best_score = 1
    for h in range(len(head)):
        for height in (1, 2):
            if h + height > len(head):
                continue
            cells = _header_cells(head[h : h + height], vocab)
            score = _score(cells)
            if score > best_score:
                best, best_score = (h, height, cells), score
    return best


def _is_numbering(row: list[str], columns: list[_HeaderCell]) -> bool:
    """A row of column numbers under the header: (1) (2) (3) ... or A B 1 2 ..."""
    values = [row[c.index] for c in columns if c.index < len(row) and row[c.index]]
    return len(values) >= max(2, len(columns) // 2) and all(_NUMBERING.match(v) for v in values)


def find_tables(sheet: Sheet, vocab: Vocabulary) -> list[RawTable] | None:
    """The institution table(s) of a sheet: one, or one per year for a wide table.
    None when the sheet has no header naming the required columns."""
    cells = sheet.cells
    head = [
        [one_line(v) for v in row] for row in cells.head(HEADER_SCAN_ROWS).itertuples(index=False)
    ]
    found = find_header(head, vocab)
    if found is None:
        return None
    h, height, columns = found
    start = h + height
    if start < len(head) and _is_numbering(head[start], columns):
        start += 1
    header_rows = tuple(sheet.first_row + h + k for k in range(height))
    origin = (sheet.first_row, sheet.first_column)
    # Each recognised column coded once, here: finding the outline rows and validation
    # both work on the codes.
    data = code_columns([cells.iloc[start:, c.index] for c in columns])
    rows = np.arange(sheet.first_row + start, sheet.first_row + len(cells))
    keep, skipped = _classify(data, cells.iloc[start:], columns, rows)
    if not keep.all():
        data = [column.take(keep) for column in data]
        rows = rows[keep]
    table_columns = [
        Column(c.field, c.header, column_letter(sheet.first_column + c.index)) for c in columns
    ]
    years = sorted({c.year for c in columns if c.year is not None})
    if not years:
        return [
            RawTable(sheet.file, sheet.name, header_rows, tuple(table_columns), tuple(data),
                     tuple(rows.tolist()), skipped=tuple(skipped), grid=cells,
                     grid_origin=origin)
        ]  # fmt: skip
    tables = []
    for year in years:
        chosen = [
            i
            for i, c in enumerate(columns)
            if c.year == year or (c.year is None and c.field != "year")
        ]
        filled = ~np.logical_and.reduce([data[i].blank for i in chosen if columns[i].year == year])
        tables.append(
            RawTable(
                sheet.file, sheet.name, header_rows, tuple(table_columns[i] for i in chosen),
                tuple(data[i].take(filled) for i in chosen), tuple(rows[filled].tolist()),
                fixed={"year": year}, skipped=tuple(skipped), grid=cells, grid_origin=origin,
            )
        )  # fmt: skip
    return tables


def tables_of_file(
    path: Path,
    vocab: Vocabulary,
    limits: Limits | None = None,
    started: StartedParse | None = None,
) -> list[RawTable] | None:
    """The institution table(s) of a file: from the first sheet (preferred names first)
    that has one; None when no sheet has. Raises InputError when the file is unreadable.
    ``started``: a parse of the file begun earlier (see :mod:`ltl_plan.startup`)."""
    for sheet in read_sheets(path, limits, started):
        tables = find_tables(sheet, vocab)
        if tables is not None:
            return tables
    return None


def _classify(
    data: list[Coded], full: pd.DataFrame, columns: list[_HeaderCell], rows: np.ndarray
) -> tuple[np.ndarray, list[tuple[int, str]]]:
    """Which body rows are institution rows; the others with the reason they are not.

    ``data`` holds the recognised columns; ``full`` the same rows with every column of
    the sheet. A row with neither year nor category cannot be an institution: it is a
    heading ("I. THƯ VIỆN"), a subtotal ("Cộng"), or part of the signature block under
    the table (from the first row with "Người lập biểu", "Thủ trưởng đơn vị", "ngày ...
    tháng ...", or after the last institution row). Such rows are set aside with a
    reason, unless they hold enough to be a broken institution row, which validation
    then reports. Blank rows are left to validation, which skips them."""
    keep = np.ones(len(rows), dtype=bool)
    if not len(rows):
        return keep, []
    position = {c.field: i for i, c in reversed(list(enumerate(columns)))}

    def empty(field: str) -> np.ndarray:
        if field not in position:
            return np.ones(len(rows), dtype=bool)
        return data[position[field]].blank

    outline = empty("year") & empty("category")
    candidates = np.flatnonzero(outline)
    if not len(candidates) or len(candidates) > MAX_OUTLINE_ROWS:
        return keep, []  # none, or a table without years and categories: validation says so
    filled = np.sum([~column.blank[candidates] for column in data], axis=0)
    candidates, filled = candidates[filled > 0], filled[filled > 0]
    keys = [
        " ".join(key(cell_text(v)) for v in full.iloc[i].tolist() if cell_text(v))
        for i in candidates
    ]
    footer = [bool(_FOOTER.search(k)) for k in keys]
    total = [bool(_TOTAL.search(k)) for k in keys]
    records = np.flatnonzero(~outline)
    last_record = records[-1] if len(records) else -1
    first_footer = next((i for i, f in zip(candidates, footer, strict=True) if f), len(rows))
    no_id = empty("id")
    reasons: list[tuple[int, str]] = []
    for i, k_total, count in zip(candidates, total, filled, strict=True):
        if i >= first_footer or i > last_record:
            reasons.append((int(rows[i]), "below the table (signature, date or notes)"))
        elif k_total or count <= 2 or no_id[i]:
            reasons.append((int(rows[i]), "a heading, subtotal or note row, not an institution"))
        else:
            continue
        keep[i] = False
    return keep, reasons
