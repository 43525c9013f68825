"""Problems found in submitted data: what, where, and how bad.

A problem is a record, not an exception: validation collects every one of them and the
report counts them all. They are held the way the data is, column-wise: a
:class:`ProblemGroup` is one kind of problem in one column of one table, with the row
number and the value as typed of every cell it was found in (numpy arrays), and one
sentence for all of them. A file with the same mistake in 100,000 rows holds one group,
not 100,000 records; the outputs list its first cells and count the rest
(:meth:`Problems.listed` makes the records of the first ones only).

Each sentence is a template of the word list, in Vietnamese and in English (key
``problem_<code>``, or a variant): what is wrong, what was expected, how to fix it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
from pydantic import BaseModel, ConfigDict

from ltl_plan.messages import Message, Value


class Severity(StrEnum):
    ERROR = "error"  # the row cannot be used; the submission is not valid
    WARNING = "warning"  # the row is used, but something deserves a look


# Every problem code, with its severity and a one-line description for the README.
CATALOG: dict[str, tuple[Severity, str]] = {
    "no-table": (Severity.ERROR, "no sheet holds a table with the known column headers"),
    "no-rows": (Severity.ERROR, "the table has a header but no institution rows"),
    "missing-column": (Severity.ERROR, "a required column is not in the table"),
    "duplicate-column": (Severity.ERROR, "two columns of the table mean the same field"),
    "missing-value": (Severity.ERROR, "a required cell is empty"),
    "invalid-year": (Severity.ERROR, "the year is not a whole number"),
    "year-out-of-range": (Severity.ERROR, "the year is outside the plan's reporting years"),
    "unknown-category": (Severity.ERROR, "the category is not one of the plan's"),
    "unknown-level": (Severity.ERROR, "the level is not one of the plan's"),
    "level-not-allowed": (Severity.ERROR, "the category has no such level"),
    "level-ended": (
        Severity.ERROR,
        "the level does not exist in the row's year (a reform ended it or had not made it)",
    ),
    "category-ended": (Severity.ERROR, "the category does not exist in the row's year"),
    "level-conflict": (
        Severity.ERROR,
        "the level differs from the one the category label carries (Thư viện ... cấp ...)",
    ),
    "formula-error": (Severity.ERROR, "a formula in the cell gives an error (#REF!, #DIV/0!)"),
    "formula-no-value": (
        Severity.ERROR,
        "the cell holds a formula whose result the file does not keep",
    ),
    "invalid-flag": (Severity.ERROR, "a yes/no cell holds something else"),
    "invalid-number": (Severity.ERROR, "a count the plan measures is not a number"),
    "negative-number": (Severity.ERROR, "a count the plan measures is below zero"),
    "not-whole-number": (Severity.ERROR, "a count the plan measures has a fraction"),
    "number-too-large": (Severity.ERROR, "a count is larger than any real count"),
    "duplicate-id": (Severity.ERROR, "the same institution id appears twice for one year"),
    "optional-column-missing": (
        Severity.WARNING,
        "a yes/no or count column is absent: every institution counts as not reported",
    ),
    "flag-not-applicable": (
        Severity.WARNING,
        "a yes/no cell is filled for a category or level no indicator counts it for",
    ),
    "flag-blank": (Severity.WARNING, "a yes/no cell the plan counts is empty (not reported)"),
    "visits-blank": (
        Severity.WARNING,
        "a count the plan measures the growth of is empty (not reported)",
    ),
    "level-not-applicable": (Severity.WARNING, "a level is given for a category without levels"),
    "unknown-place": (
        Severity.WARNING,
        "the place is not one the plan names at that level (a spelling to check)",
    ),
    "place-ended": (
        Severity.WARNING,
        "a place column is filled in a year its level does not exist (ignored)",
    ),
}

# How many problems a report lists by default (--max-problems): a page or two on a
# terminal. Every one is counted, listed or not.
MAX_PROBLEMS = 200

_NO_ROWS = np.zeros(0, dtype=np.int64)
_NO_VALUES = np.zeros(0, dtype=object)


@dataclass(frozen=True)
class Details:
    """A sentence per cell, as arrays: each cell's key of the word list, and each value
    the sentences are filled with (a record is made only for a cell that is listed)."""

    keys: np.ndarray  # object: a key of the word list per cell
    values: Mapping[str, np.ndarray]  # name -> one value per cell

    def at(self, index: int) -> Message:
        said = {name: column[index].item() if hasattr(column[index], "item") else column[index]
                for name, column in self.values.items()}  # fmt: skip
        return Message(key=str(self.keys[index]), values=said)


@dataclass(frozen=True)
class ProblemGroup:
    """One kind of problem in one column of one table (or of a whole table or file,
    without cells): every cell it was found in, and one sentence for all of them.
    ``details`` gives a sentence per cell where it differs cell by cell (the first row
    of a duplicated id), held column-wise too: :class:`Details`."""

    code: str
    file: str
    sheet: str | None
    column: str | None  # the header as typed; None: the whole table or file
    letter: str | None  # the column's letter
    message: Message
    rows: np.ndarray = field(
        default_factory=lambda: _NO_ROWS
    )  # int64: the row number a spreadsheet shows, per cell
    values: np.ndarray = field(
        default_factory=lambda: _NO_VALUES
    )  # object: each cell's value as typed
    details: Details | None = None

    @property
    def severity(self) -> Severity:
        return CATALOG[self.code][0]

    @property
    def count(self) -> int:
        """How many problems: one per cell, or one for a problem of no cell."""
        return max(1, len(self.rows))

    def problem(self, index: int | None) -> Problem:
        """The record of the problem in cell ``index`` (None: the group's own)."""
        if index is None or not len(self.rows):
            return Problem(
                severity=self.severity, code=self.code, message=self.message, file=self.file,
                sheet=self.sheet, column=self.column,
            )  # fmt: skip
        row = int(self.rows[index])
        value = self.values[index]
        return Problem(
            severity=self.severity,
            code=self.code,
            message=self.details.at(index) if self.details else self.message,
            file=self.file,
            sheet=self.sheet,
            row=row,
            column=self.column,
            cell=f"{self.letter}{row}" if self.letter else None,
            value=None if value is None else str(value),
        )

    def counted(self, first: int) -> ProblemCount:
        """The group counted, with its ``first`` cells."""
        cells = [
            ProblemCell(
                row=int(row),
                cell=f"{self.letter}{row}" if self.letter else None,
                value=None if value is None else str(value),
                detail=self.details.at(index) if self.details else None,
            )
            for index, (row, value) in enumerate(
                zip(self.rows[:first], self.values[:first], strict=True)
            )
        ]
        return ProblemCount(
            severity=self.severity, code=self.code, message=self.message, file=self.file,
            sheet=self.sheet, column=self.column, letter=self.letter, count=self.count,
            first=cells,
        )  # fmt: skip


def group(
    code: str,
    file: str,
    sheet: str | None,
    key: str | None = None,
    *,
    column: str | None = None,
    letter: str | None = None,
    rows: np.ndarray = _NO_ROWS,
    values: np.ndarray = _NO_VALUES,
    said: Mapping[str, Value] | None = None,
) -> ProblemGroup:
    """A group of the catalogued ``code``, its sentence the word list's ``key`` (default:
    ``problem_<code>``) filled with ``said``."""
    assert code in CATALOG, code
    message = Message(key=key or f"problem_{code}", values=dict(said or {}))
    return ProblemGroup(code, file, sheet, column, letter, message, rows, values)


class _Kind(BaseModel):
    """What a problem is and where: the fields a problem's record and a kind's count
    share."""

    model_config = ConfigDict(frozen=True)

    severity: Severity
    code: str
    message: Message
    file: str
    sheet: str | None = None
    column: str | None = None  # the header as typed


class Problem(_Kind):
    """One problem, placed as precisely as the data allows: the JSON's record."""

    row: int | None = None
    cell: str | None = None
    value: str | None = None


class ProblemCell(BaseModel):
    """One cell of a kind of problem: where, what it holds, and what is wrong with it in
    particular (when that differs cell by cell)."""

    model_config = ConfigDict(frozen=True)

    row: int
    cell: str | None = None
    value: str | None = None
    detail: Message | None = None


class ProblemCount(_Kind):
    """One kind of problem in one column of one table (or of a whole table or file):
    how many cells have it, and the first of them. The JSON's complete count."""

    letter: str | None = None
    count: int
    first: list[ProblemCell] = []


@dataclass(frozen=True)
class Problems:
    """Every problem of a check, group by group, in the order of the files."""

    groups: tuple[ProblemGroup, ...] = ()

    def __len__(self) -> int:
        return sum(g.count for g in self.groups)

    def __iter__(self) -> Iterator[Problem]:
        """Every problem's record, file by file, row by row (made as they are asked for
        a file with many problems has many)."""
        return iter(self.listed(None))

    def count(self, severity: Severity) -> int:
        return sum(g.count for g in self.groups if g.severity is severity)

    def ordered(self, files: Sequence[str]) -> Problems:
        """The groups in the order of ``files``, then of their first row."""
        rank = {file: index for index, file in reversed(list(enumerate(files)))}
        keyed = sorted(
            self.groups,
            key=lambda g: (rank.get(g.file, len(rank)), int(g.rows[0]) if len(g.rows) else 0),
        )
        return Problems(tuple(keyed))

    def listed(self, limit: int | None) -> list[Problem]:
        """The records of the first ``limit`` problems (all: None), file by file, row by
        row; only those are made."""
        if not self.groups:
            return []
        ranks, rows, owners, positions = [], [], [], []
        files: dict[str, int] = {}
        for number, found in enumerate(self.groups):
            size = len(found.rows)
            rank = files.setdefault(found.file, len(files))
            ranks.append(np.full(max(1, size), rank))
            rows.append(found.rows if size else np.zeros(1, dtype=np.int64))
            owners.append(np.full(max(1, size), number))
            positions.append(np.arange(size) if size else np.full(1, -1))
        order = np.lexsort(
            (np.concatenate(positions), np.concatenate(owners), np.concatenate(rows),
             np.concatenate(ranks))
        )  # fmt: skip
        owner, position = np.concatenate(owners)[order], np.concatenate(positions)[order]
        chosen = range(len(order) if limit is None else min(limit, len(order)))
        return [
            self.groups[int(owner[i])].problem(None if position[i] < 0 else int(position[i]))
            for i in chosen
        ]

    def counted(self, first: int = 3) -> list[ProblemCount]:
        """Every group counted, with its ``first`` cells."""
        return [found.counted(first) for found in self.groups]
