"""The raw table handed from reading to validation: cells as typed, with their places."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd


def cell_text(value: Any) -> str:
    """A cell as the text a person sees: 12.0 -> "12", TRUE -> "TRUE", blank -> ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
        return repr(value)
    return str(value).strip()


def as_text(values: pd.Series) -> pd.Series:
    """Every cell of a column as stripped text; blank cells as "".

    Each distinct value is converted once (a column of categories or yes/no answers holds
    a handful), which keeps this linear and cheap on a national file."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    texts = np.array([cell_text(value) for value in uniques], dtype=object)
    return pd.Series(texts[codes] if len(texts) else texts, index=values.index, dtype=object)


def blank_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """True where a cell is empty ("" or missing); text of spaces only counts as filled
    here (validation strips it and then treats it as blank)."""
    return pd.DataFrame(
        {c: (frame[c] == "").to_numpy(dtype=bool) | frame[c].isna().to_numpy() for c in frame},
        index=frame.index,
    )


def column_letter(index: int) -> str:
    """Spreadsheet column letters for a 0-based index: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Column:
    """One recognised column: the field it holds, its header as typed, its letter."""

    field: str
    header: str
    letter: str


@dataclass(frozen=True)
class RawTable:
    """One table of institution rows as it stands in the file, values untouched.

    ``cells`` has one column per entry of ``columns`` (in that order) and one row per
    data row; ``row_numbers`` are the row numbers a spreadsheet program shows. ``fixed``
    holds values that come from the headers rather than the cells (the year of a wide
    table with one column per year). ``skipped`` lists the rows inside the table that are
    not institution rows (headings, subtotals, the signature block) and why.
    """

    file: str
    sheet: str | None
    header_rows: tuple[int, ...]
    columns: tuple[Column, ...]
    cells: pd.DataFrame
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
