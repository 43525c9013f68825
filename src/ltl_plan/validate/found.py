"""The problems of one table, collected while its columns are checked, held as the data
is, column-wise: one :class:`~ltl_plan.problems.ProblemGroup` for each kind of problem
in each column, with the row number and the value as typed of every cell it was found
in. A column with the same mistake in 100,000 rows makes one group of two arrays, not
100,000 records."""

from __future__ import annotations

import numpy as np

from ltl_plan.coded import Coded
from ltl_plan.layout import RawTable
from ltl_plan.messages import Value
from ltl_plan.problems import ProblemGroup, group


class TableProblems:
    """Problems found in one table. ``columns`` maps each field to its position among
    the table's columns; ``rows`` holds the spreadsheet row number of each data row."""

    def __init__(self, table: RawTable) -> None:
        self.table = table
        self.found: list[ProblemGroup] = []
        self.columns: dict[str, int] = {}
        self.rows = np.asarray(table.row_numbers, dtype=np.int64)
        # Cells already reported as formula errors, by field: not reported again.
        self.errored: dict[str, np.ndarray] = {}

    def of_table(
        self, code: str, column: str | None = None, key: str | None = None, **said: Value
    ) -> None:
        """A problem of the whole table (a column missing, say): the sentence of the word
        list's ``key`` (default ``problem_<code>``) filled with ``said``."""
        self.found.append(
            group(code, self.table.file, self.table.sheet, key, column=column, said=said)
        )

    def of_cells(
        self,
        code: str,
        field_name: str,
        mask: np.ndarray,
        column: Coded,
        key: str | None = None,
        **said: Value,
    ) -> None:
        """One group for the rows where ``mask`` holds, in the field's column (nothing
        when it holds nowhere)."""
        if field_name in self.errored:
            mask = mask & ~self.errored[field_name]
        positions = np.flatnonzero(mask)
        if not len(positions):
            return
        where = self.table.columns[self.columns[field_name]]
        self.found.append(
            group(
                code,
                self.table.file,
                self.table.sheet,
                key,
                column=where.header,
                letter=where.letter,
                rows=self.rows[positions],
                values=column.text[column.codes[positions]],
                said=said,
            )
        )
