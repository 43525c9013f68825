"""Merging: the checked tables of every file as one dataset.

Each table is checked by :mod:`ltl_plan.validate.checker`; this module merges the tables,
finds the same institution listed twice for a year (in one file or across files), and
leaves out the rows with an error. Rows with only warnings stay in. Every problem is
kept: none is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from ltl_plan.layout import RawTable
from ltl_plan.plan import Label, Plan
from ltl_plan.plan.codes import PlanCodes
from ltl_plan.problems import Details, ProblemGroup, Problems, Severity, group
from ltl_plan.validate.checker import BAD, ID_CODE, KEYED, SOURCE, check_table, empty_records
from ltl_plan.vocabulary import FIXED_COLUMNS, REQUIRED_COLUMNS, Vocabulary


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
    problems: Problems
    sources: tuple[Source, ...]

    @property
    def errors(self) -> int:
        return self.problems.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.problems.count(Severity.WARNING)

    @property
    def years(self) -> list[int]:
        return sorted(int(year) for year in self.records["year"].unique())


# -- one table -------------------------------------------------------------------------


def _duplicates(
    records: pd.DataFrame, places: dict[str, tuple[str | None, str, str]], one_table: bool
) -> tuple[pd.Series, list[ProblemGroup]]:
    """Rows whose (id, year) was seen before, with a group of problems per file, each
    problem naming the first place; the ids compared by their numbers when all rows come
    from ``one_table``. Column-wise: a file whose every row repeats one id makes arrays,
    not a record a row.

    Rows with other errors take part too, as long as their id and year can be read."""
    keyed = records[records[KEYED]]
    key = [ID_CODE if one_table else "id", "year"]
    dup_keyed = keyed.duplicated(key, keep="first")
    dup = pd.Series(False, index=records.index)
    if not dup_keyed.any():
        return dup, []
    dup[dup_keyed[dup_keyed].index] = True
    # Each repeated row beside the file and row of the first of its (id, year).
    first = keyed.groupby(key, sort=False, observed=True)[["file", "row"]].transform("first")
    repeated = keyed[dup_keyed.to_numpy()]
    first = first[dup_keyed.to_numpy()]
    found = []
    for file, rows in repeated.groupby("file", sort=False):
        at = first.loc[rows.index]
        first_file = at["file"].to_numpy(dtype=object)
        here = first_file == file
        details = Details(
            keys=np.where(here, "duplicate_id_at", "duplicate_id_in").astype(object),
            values={
                "year": rows["year"].to_numpy(),
                "row": at["row"].to_numpy(),
                "file": first_file,
            },
        )
        sheet, header, letter = places[str(file)]
        made = group(
            "duplicate-id",
            str(file),
            sheet,
            column=header,
            letter=letter,
            rows=rows["row"].to_numpy(dtype=np.int64),
            values=rows["id"].to_numpy(dtype=object),
        )
        found.append(replace(made, details=details))
    return dup, found


@dataclass(frozen=True)
class Checked:
    """One file's tables checked, ready to be merged with the other files'. Made where
    the file was read (in a worker process when files are read in parallel)."""

    file: str
    frames: tuple[pd.DataFrame, ...]  # one per table; SOURCE numbers them from 0
    problems: tuple[ProblemGroup, ...]
    sources: tuple[Source, ...]  # one per table (one "no table" source when none)
    place: tuple[str | None, str, str] | None  # sheet, id header, id letter


def check_file(
    file: str, tables: Sequence[RawTable] | None, plan: Plan, vocab: Vocabulary
) -> Checked:
    """Check the tables of one file (None: the file held no recognisable table)."""
    if tables is None:
        problem = group("no-table", file, None, said={"columns": _required_headers()})
        return Checked(file, (), (problem,), (Source(file, None, None, 0, 0),), None)
    frames: list[pd.DataFrame] = []
    found: list[ProblemGroup] = []
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
    found: list[ProblemGroup] = []
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
    problems = Problems(tuple(found)).ordered([source.file for source in sources])
    return Dataset(records, problems, tuple(sources))


def _required_headers() -> Label:
    """The headers of the required columns, for a sentence: as a Vietnamese form has
    them, and by their English names."""
    return Label(
        vi=", ".join(f"“{FIXED_COLUMNS[name][1]}”" for name in REQUIRED_COLUMNS),
        en=", ".join(REQUIRED_COLUMNS),
    )
