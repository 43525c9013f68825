"""Merging: the checked tables of every file as one dataset.

Each table is checked by :mod:`ltl_plan.validate.checker`; this module merges the tables,
finds the same institution listed twice for a year (in one file or across files), and
leaves out the rows with an error. Rows with only warnings stay in. Every problem is
kept: none is dropped.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from ltl_plan import problems as P
from ltl_plan.layout import RawTable
from ltl_plan.plan import Plan
from ltl_plan.plan.codes import PlanCodes
from ltl_plan.problems import Problem, Severity
from ltl_plan.validate.checker import BAD, ID_CODE, KEYED, SOURCE, check_table, empty_records
from ltl_plan.vocabulary import REQUIRED_COLUMNS, Vocabulary


@dataclass(frozen=True)
class Source:
    """Where records came from: one table of one file."""

    file: str
    sheet: str | None
    header_row: int | None
    rows: int  # data rows read (blank rows not counted)
    used: int  # rows that passed validation
    year_from_headers: int | None = None  # a wide table's year, read from its headers
    skipped: tuple[tuple[int, str], ...] = ()  # rows in the table that hold no institution


@dataclass(frozen=True)
class Dataset:
    """Checked institution records, ready for computation, with every problem found.

    ``records`` has the columns id, name, year (int), category and level (codes or None),
    one text column per place level of the plan (None where not known), reporting_unit,
    one nullable boolean column per flag, one nullable integer column per measure, and
    file and row (where each record was read).
    """

    records: pd.DataFrame
    problems: tuple[Problem, ...]
    sources: tuple[Source, ...]

    @property
    def errors(self) -> int:
        return sum(problem.severity is Severity.ERROR for problem in self.problems)

    @property
    def warnings(self) -> int:
        return sum(problem.severity is Severity.WARNING for problem in self.problems)

    @property
    def years(self) -> list[int]:
        return sorted(int(year) for year in self.records["year"].unique())


# -- one table -------------------------------------------------------------------------


def _places(records: pd.DataFrame) -> Iterator[tuple[Any, ...]]:
    """Each record's id, year, file and row."""
    return zip(*(records[name].tolist() for name in ("id", "year", "file", "row")), strict=True)


def _duplicates(
    records: pd.DataFrame, places: dict[str, tuple[str | None, str, str]], one_table: bool
) -> tuple[pd.Series, list[Problem]]:
    """Rows whose (id, year) was seen before, with a problem naming the first place; the
    ids compared by their numbers when all rows come from ``one_table``.

    Rows with other errors take part too, as long as their id and year can be read."""
    keyed = records[records[KEYED]]
    key = [ID_CODE if one_table else "id", "year"]
    dup_keyed = keyed.duplicated(key, keep="first")
    dup = pd.Series(False, index=records.index)
    if not dup_keyed.any():
        return dup, []
    dup[dup_keyed[dup_keyed].index] = True
    # Only the first places of repeated keys are looked up: a dict built once.
    repeated_keys = keyed.duplicated(key, keep=False) & ~dup_keyed
    first = {(ident, year): (file, row) for ident, year, file, row in _places(keyed[repeated_keys])}
    found: list[Problem] = []
    for ident, year, file, row in _places(keyed[dup_keyed]):
        first_file, first_row = first[(ident, year)]
        where = f"row {first_row}" + ("" if first_file == file else f" of {first_file}")
        sheet, header, letter = places[file]
        found.append(
            P.make(
                "duplicate-id",
                f"institution {ident!r} is already listed for {year} at {where}; "
                "this row is left out",
                file,
                sheet,
                row=int(row),
                column=header,
                cell=f"{letter}{row}",
                value=str(ident),
            )
        )
    return dup, found


@dataclass(frozen=True)
class Checked:
    """One file's tables checked, ready to be merged with the other files'. Made where
    the file was read (in a worker process when files are read in parallel)."""

    file: str
    frames: tuple[pd.DataFrame, ...]  # one per table; SOURCE numbers them from 0
    problems: tuple[Problem, ...]
    sources: tuple[Source, ...]  # one per table (one "no table" source when none)
    place: tuple[str | None, str, str] | None  # sheet, id header, id letter


def check_file(
    file: str, tables: Sequence[RawTable] | None, plan: Plan, vocab: Vocabulary
) -> Checked:
    """Check the tables of one file (None: the file held no recognisable table)."""
    if tables is None:
        problem = P.make(
            "no-table",
            "no sheet has a header row naming the required columns "
            + ", ".join(REQUIRED_COLUMNS)
            + " (in English or Vietnamese)",
            file,
        )
        return Checked(file, (), (problem,), (Source(file, None, None, 0, 0),), None)
    frames: list[pd.DataFrame] = []
    found: list[Problem] = []
    sources: list[Source] = []
    place = None
    for table in tables:
        frame, rows, problems = check_table(table, plan, vocab)
        id_column = next((column for column in table.columns if column.field == "id"), None)
        if id_column is not None:
            place = (table.sheet, id_column.header, id_column.letter)
        found.extend(problems)
        frame[SOURCE] = len(sources)
        frames.append(frame)
        sources.append(
            Source(
                file, table.sheet, table.header_row, rows, 0, table.fixed.get("year"), table.skipped
            )
        )
    return Checked(file, tuple(frames), tuple(found), tuple(sources), place)


def merge(checked: Sequence[Checked], plan: Plan) -> Dataset:
    """The files' checked tables as one dataset: the same institution listed twice for a
    year (in one file or across files) found, and the rows with an error left out."""
    frames: list[pd.DataFrame] = []
    found: list[Problem] = []
    sources: list[Source] = []
    places: dict[str, tuple[str | None, str, str]] = {}  # file -> sheet, id header, letter
    for one in checked:
        offset = len(sources)
        frames.extend(frame.assign(**{SOURCE: frame[SOURCE] + offset}) for frame in one.frames)
        found.extend(one.problems)
        sources.extend(one.sources)
        if one.place is not None:
            places[one.file] = one.place
    vocab = Vocabulary.from_plan(plan)
    empty = empty_records(vocab, PlanCodes(plan))
    records = pd.concat(frames, ignore_index=True) if frames else empty
    if len(frames) > 1:
        for flag in vocab.flags:
            records[flag] = records[flag].astype("boolean")
        for measure in vocab.measures:
            records[measure] = records[measure].astype("Int64")
    dup, dup_problems = _duplicates(records, places, one_table=len(frames) == 1)
    found.extend(dup_problems)
    records = records[~(records[BAD] | dup).to_numpy()]
    used = records[SOURCE].value_counts() if SOURCE in records else pd.Series(dtype=int)
    records = records.drop(columns=[BAD, KEYED, SOURCE, ID_CODE], errors="ignore")
    records = records.reset_index(drop=True)
    sources = [replace(s, used=int(used.get(index, 0))) for index, s in enumerate(sources)]
    order = {source.file: index for index, source in reversed(list(enumerate(sources)))}
    found.sort(key=lambda problem: (order.get(problem.file, 0), problem.row or 0))
    return Dataset(records, tuple(found), tuple(sources))
