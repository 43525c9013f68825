"""The problems of one table, collected while its columns are checked: each placed by
file, sheet, row, column header and letter, with the value as typed."""

from __future__ import annotations

import numpy as np

from ltl_plan import problems as P
from ltl_plan.coded import Coded
from ltl_plan.layout import RawTable
from ltl_plan.problems import Problem


class TableProblems:
    """Problems found in one table. ``columns`` maps each field to its position among
    the table's columns; ``rows`` holds the spreadsheet row number of each data row."""

    def __init__(self, table: RawTable) -> None:
        self.table = table
        self.found: list[Problem] = []
        self.columns: dict[str, int] = {}
        self.rows = np.asarray(table.row_numbers, dtype=np.int64)
        # Cells already reported as formula errors, by field: not reported again.
        self.errored: dict[str, np.ndarray] = {}

    def of_table(self, code: str, message: str, column: str | None = None) -> None:
        """A problem of the whole table (a column missing, say)."""
        self.found.append(P.make(code, message, self.table.file, self.table.sheet, column=column))

    def of_cells(
        self, code: str, field_name: str, mask: np.ndarray, column: Coded, message: str
    ) -> None:
        """One problem for each row where ``mask`` holds, in the field's column."""
        where = self.table.columns[self.columns[field_name]]
        if field_name in self.errored:
            mask = mask & ~self.errored[field_name]
        for position in np.flatnonzero(mask):
            row = int(self.rows[position])
            self.found.append(
                P.make(
                    code,
                    message,
                    self.table.file,
                    self.table.sheet,
                    row=row,
                    column=where.header,
                    cell=f"{where.letter}{row}",
                    value=str(column.text[column.codes[position]]),
                )
            )
