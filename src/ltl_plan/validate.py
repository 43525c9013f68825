"""Validation: raw tables in, checked institution records and a list of problems out.

The checks run column by column over the whole table (vectorised with pandas), so a
national file of a million rows costs about as much as reading it; a Problem record is
built only for a cell that has one. Rows with an error are left out of the records; rows
with only warnings stay in. Every problem is kept: none is dropped or capped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from ltl_plan import problems as P
from ltl_plan.plan import Plan, Population
from ltl_plan.problems import Problem, Severity
from ltl_plan.table import RawTable, as_text
from ltl_plan.values import as_number, is_error_value
from ltl_plan.vocab import REQUIRED_COLUMNS, Vocabulary, key, yes_no

RECORD_COLUMNS = ("id", "name", "year", "category", "level", "district")
MEASURE = "learning_visits"
# Working columns while tables are merged: the row has an error; its id and year are usable.
_BAD, _KEYED, _SOURCE = "_bad", "_keyed", "_source"
# No institution, nor a whole country, counts more visits in a year: a larger number is a
# typing error (and would not fit the 64-bit integers the totals are kept in).
MAX_VISITS = 10**12


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
    district, one nullable boolean column per flag of the plan, learning_visits
    (nullable integer), and file and row (where each record was read).
    """

    records: pd.DataFrame
    problems: tuple[Problem, ...]
    sources: tuple[Source, ...]
    flags: tuple[str, ...] = field(default=())

    @property
    def errors(self) -> int:
        return sum(problem.severity is Severity.ERROR for problem in self.problems)

    @property
    def warnings(self) -> int:
        return sum(problem.severity is Severity.WARNING for problem in self.problems)

    @property
    def years(self) -> list[int]:
        return sorted(int(year) for year in self.records["year"].unique())


# -- cell conversion -------------------------------------------------------------------


def _lookup(texts: pd.Series, convert: Callable[[str], Any]) -> pd.Series:
    """Apply ``convert`` once per distinct text (columns of codes repeat a few words)."""
    codes, uniques = pd.factorize(texts, use_na_sentinel=False)
    converted = np.empty(len(uniques), dtype=object)
    converted[:] = [convert(text) for text in uniques]
    return pd.Series(converted[codes], index=texts.index, dtype=object)


def _in_population(frame: pd.DataFrame, population: Population) -> pd.Series:
    mask = frame["category"].isin(population.categories)
    if population.levels is not None:
        mask &= frame["level"].isin(population.levels)
    return mask


def _in_any(frame: pd.DataFrame, populations: Sequence[Population]) -> pd.Series:
    mask = pd.Series(False, index=frame.index)
    for population in populations:
        mask |= _in_population(frame, population)
    return mask


# -- one table -------------------------------------------------------------------------


class _TableCheck:
    """Collects the problems of one table while its columns are converted."""

    def __init__(self, table: RawTable, plan: Plan, vocab: Vocabulary) -> None:
        self.table = table
        self.plan = plan
        self.vocab = vocab
        self.problems: list[Problem] = []
        self.columns: dict[str, int] = {}
        self.errored: dict[str, np.ndarray] = {}
        self.rows = np.asarray(table.row_numbers, dtype=np.int64)

    def table_problem(self, code: str, message: str, column: str | None = None) -> None:
        self.problems.append(
            P.make(code, message, self.table.file, self.table.sheet, column=column)
        )

    def cell_problems(
        self,
        code: str,
        field_name: str,
        mask: pd.Series,
        texts: pd.Series,
        message: str,
    ) -> None:
        """One problem for each row where ``mask`` holds, in the field's column."""
        column = self.table.columns[self.columns[field_name]]
        header, letter = column.header, column.letter
        chosen = mask.to_numpy(dtype=bool)
        if field_name in self.errored:  # already reported as a formula error
            chosen = chosen & ~self.errored[field_name]
        positions = np.flatnonzero(chosen)
        values = texts.to_numpy()
        for position in positions:
            row = int(self.rows[position])
            value = str(values[position])
            self.problems.append(
                P.make(
                    code,
                    message,
                    self.table.file,
                    self.table.sheet,
                    row=row,
                    column=header,
                    cell=f"{letter}{row}",
                    value=value,
                )
            )

    def map_columns(self) -> bool:
        for j, column in enumerate(self.table.columns):
            name, header = column.field, column.header
            if name in self.columns:
                first = self.table.columns[self.columns[name]].header
                self.table_problem(
                    "duplicate-column",
                    f"columns {first!r} and {header!r} both mean {name!r}; the first one is used",
                    column=header,
                )
                continue
            self.columns[name] = j
        missing = [
            name
            for name in REQUIRED_COLUMNS
            if name not in self.columns and name not in self.table.fixed
        ]
        for name in missing:
            self.table_problem(
                "missing-column",
                f"required column {name!r} is missing (accepted headers: "
                f"{_accepted_headers(self.vocab, name)})",
                column=name,
            )
        return not missing

    def run(self) -> tuple[pd.DataFrame, int]:
        """The checked records of this table, and how many data rows it had."""
        if not self.map_columns():
            return _empty_records(self.vocab.flags), 0
        cells = self.table.cells
        raw = {name: cells[j] for name, j in self.columns.items()}
        texts = {name: as_text(values) for name, values in raw.items()}
        blank = pd.Series(True, index=cells.index)
        for text in texts.values():
            blank &= text == ""
        for name, value in self.table.fixed.items():  # values read from the headers
            raw[name] = pd.Series(value, index=cells.index, dtype=object)
            texts[name] = pd.Series(str(value), index=cells.index, dtype=object)
        if blank.any():
            keep = ~blank.to_numpy()
            self.rows = self.rows[keep]
            raw = {name: values[keep].reset_index(drop=True) for name, values in raw.items()}
            texts = {name: text[keep].reset_index(drop=True) for name, text in texts.items()}
        n = len(self.rows)
        if n == 0:
            self.table_problem("no-rows", "the table has a header but no institution rows")
            return _empty_records(self.vocab.flags), 0
        bad = pd.Series(False, index=range(n))
        out: dict[str, Any] = {}
        for name, text in texts.items():
            if name in self.table.fixed:
                continue
            broken = _lookup(text, is_error_value).astype(bool)
            if broken.any():
                self.cell_problems(
                    "formula-error",
                    name,
                    broken,
                    text,
                    "the cell's formula gives an error, so its value cannot be read",
                )
                bad |= broken
                self.errored[name] = broken.to_numpy(dtype=bool)
                texts[name] = text.where(~broken, "")
                raw[name] = raw[name].where(~broken, "")

        for name in ("id", "name"):
            missing = texts[name] == ""
            self.cell_problems(
                "missing-value",
                name,
                missing,
                texts[name],
                _required(name),
            )
            bad |= missing
            out[name] = texts[name]

        out["year"], year_bad = self.check_year(raw["year"], texts["year"])
        bad |= year_bad
        out["category"], out["level"], code_bad = self.check_codes(texts)
        bad |= code_bad
        district = texts.get("district", pd.Series([""] * n, dtype=object))
        out["district"] = _keep(district, district != "")

        frame = pd.DataFrame(out)
        for flag in self.vocab.flags:
            values, flag_bad = self.check_flag(flag, raw, texts, frame, ~code_bad)
            frame[flag] = values
            bad |= flag_bad
        frame[MEASURE], visits_bad = self.check_visits(raw, texts, frame, ~code_bad)
        bad |= visits_bad

        frame["file"] = self.table.file
        frame["row"] = self.rows
        frame[_BAD] = bad.to_numpy()
        frame[_KEYED] = (texts["id"] != "").to_numpy() & ~year_bad.to_numpy()
        return frame, n

    def check_year(self, values: pd.Series, texts: pd.Series) -> tuple[pd.Series, pd.Series]:
        years = self.plan.plan.reporting_years
        if "year" in self.table.fixed:  # a wide table: the year is in the headers
            year = self.table.fixed["year"]
            wrong = not years.first <= year <= years.last
            if wrong:
                self.table_problem(
                    "year-out-of-range",
                    f"the year {year} in the column headers is outside the plan's reporting "
                    f"years {years.first}-{years.last}; its columns are left out",
                )
            return (
                pd.Series(year, index=values.index, dtype=np.int64),
                pd.Series(wrong, index=values.index),
            )
        numbers = as_number(values, texts)
        missing = texts == ""
        invalid = ~missing & (numbers.isna() | (numbers % 1 != 0))
        out_of_range = ~missing & ~invalid & ((numbers < years.first) | (numbers > years.last))
        self.cell_problems(
            "missing-value",
            "year",
            missing,
            texts,
            "required; the cell is empty",
        )
        self.cell_problems(
            "invalid-year",
            "year",
            invalid,
            texts,
            "not a year (a whole number like 2024)",
        )
        self.cell_problems(
            "year-out-of-range",
            "year",
            out_of_range,
            texts,
            f"outside the plan's reporting years {years.first}-{years.last}",
        )
        bad = missing | invalid | out_of_range
        return numbers.where(~bad, 0).astype(np.int64), bad

    def check_codes(self, texts: dict[str, pd.Series]) -> tuple[pd.Series, pd.Series, pd.Series]:
        """Category and level codes. A category label that carries a level ("Thư viện
        công cộng cấp xã") fills a blank level cell and must agree with a filled one."""
        vocab, plan = self.vocab, self.plan
        category_text = texts["category"]
        found = _lookup(category_text, vocab.category_for)
        categories = found.map(lambda f: f[0] if f else None)
        embedded = found.map(lambda f: f[1] if f else None)
        missing = category_text == ""
        unknown = ~missing & categories.isna()
        accepted = ", ".join(c.code for c in plan.categories)
        self.cell_problems(
            "missing-value", "category", missing, category_text, "required; the cell is empty"
        )
        self.cell_problems(
            "unknown-category",
            "category",
            unknown,
            category_text,
            f"not a category of the plan; expected one of {accepted} or their Vietnamese names",
        )
        bad = missing | unknown

        n = len(category_text)
        level_text = texts.get("level", pd.Series([""] * n, dtype=object))
        typed = _lookup(level_text, lambda t: vocab.levels.get(key(t)))
        level_blank = level_text == ""
        carried = embedded.notna()
        conflict = carried & typed.notna() & (typed != embedded)
        levels = pd.Series(np.where(carried & level_blank, embedded, typed), dtype=object)
        leveled = [code for code, levels in vocab.category_levels.items() if levels]
        needs_level = categories.isin(leveled)
        level_blank &= ~carried
        level_unknown = ~level_blank & ~carried & typed.isna()
        if "level" not in self.columns:
            lacking = needs_level & ~carried
            if lacking.any():
                self.table_problem(
                    "missing-column",
                    "column 'level' is missing; it is required for "
                    + ", ".join(c.code for c in plan.categories if c.levels),
                    column="level",
                )
            bad |= lacking
        else:
            missing_level = needs_level & level_blank
            self.cell_problems(
                "missing-value",
                "level",
                missing_level,
                level_text,
                "required for this category; the cell is empty",
            )
            self.cell_problems(
                "unknown-level",
                "level",
                needs_level & level_unknown,
                level_text,
                "not a level of the plan; expected one of "
                + ", ".join(f"{lv.code} ({lv.label.vi})" for lv in plan.levels),
            )
            self.cell_problems(
                "level-conflict",
                "level",
                conflict,
                level_text,
                "does not agree with the level the category label carries",
            )
            fits = pd.Series(False, index=categories.index)
            for code in leveled:
                fits |= (categories == code) & levels.isin(vocab.category_levels[code])
            not_allowed = needs_level & levels.notna() & ~fits & ~conflict
            self.cell_problems(
                "level-not-allowed",
                "level",
                not_allowed,
                level_text,
                "not a level this category has in the plan",
            )
            ignored = ~needs_level & ~level_blank & categories.notna()
            self.cell_problems(
                "level-not-applicable",
                "level",
                ignored,
                level_text,
                "ignored: this category has no levels in the plan",
            )
            bad |= missing_level | (needs_level & level_unknown) | not_allowed | conflict
        return categories.astype(object), _keep(levels, needs_level), bad

    def check_flag(
        self,
        flag: str,
        raw: dict[str, pd.Series],
        texts: dict[str, pd.Series],
        frame: pd.DataFrame,
        known: pd.Series,
    ) -> tuple[pd.Series, pd.Series]:
        """Yes/no values; ``known`` marks rows whose category and level are valid (only
        those are told a flag does or does not apply to them)."""
        n = len(frame)
        applies = _in_any(frame, self.plan.flag_populations()[flag])
        if flag not in raw:
            if applies.any():
                self.table_problem(
                    "optional-column-missing",
                    f"column {flag!r} is missing: {int(applies.sum())} institutions it "
                    "applies to count as not reported",
                    column=flag,
                )
            return pd.Series(pd.NA, index=range(n), dtype="boolean"), pd.Series(
                False, index=range(n)
            )
        text = texts[flag]
        values = _lookup(text, yes_no)
        blank = text == ""
        invalid = ~blank & values.isna()
        self.cell_problems(
            "invalid-flag",
            flag,
            invalid,
            text,
            "not a yes/no answer (use có/không, x or blank, 1/0, yes/no)",
        )
        given = ~blank & ~invalid
        self.cell_problems(
            "flag-not-applicable",
            flag,
            given & ~applies & known,
            text,
            "ignored: no indicator counts this column for this category and level",
        )
        self.cell_problems(
            "flag-blank",
            flag,
            blank & applies & known,
            text,
            "left blank: counted as not reported (not achieved)",
        )
        result = values.where(given & applies, None).astype("boolean")
        return result, invalid

    def check_visits(
        self,
        raw: dict[str, pd.Series],
        texts: dict[str, pd.Series],
        frame: pd.DataFrame,
        known: pd.Series,
    ) -> tuple[pd.Series, pd.Series]:
        n = len(frame)
        counted = _in_any(frame, self.plan.measure_populations()) & known
        if MEASURE not in raw:
            if counted.any():
                self.table_problem(
                    "optional-column-missing",
                    f"column {MEASURE!r} is missing: growth cannot be measured for "
                    f"{int(counted.sum())} institutions",
                    column=MEASURE,
                )
            return pd.Series(pd.NA, index=range(n), dtype="Int64"), pd.Series(False, index=range(n))
        text = texts[MEASURE]
        numbers = as_number(raw[MEASURE], text)
        blank = text == ""
        invalid = ~blank & numbers.isna()
        negative = ~invalid & (numbers < 0)
        fraction = numbers.notna() & ~negative & (numbers % 1 != 0)
        too_large = numbers.notna() & ~fraction & (numbers > MAX_VISITS)
        self.cell_problems(
            "invalid-number",
            MEASURE,
            invalid,
            text,
            "not a number of visits (a whole number, 0 or more)",
        )
        self.cell_problems(
            "negative-number",
            MEASURE,
            negative,
            text,
            "below zero; a number of visits is 0 or more",
        )
        self.cell_problems(
            "not-whole-number",
            MEASURE,
            fraction,
            text,
            "not a whole number of visits",
        )
        self.cell_problems(
            "visits-blank",
            MEASURE,
            blank & counted,
            text,
            "left blank: not counted in the growth of learning visits",
        )
        self.cell_problems(
            "number-too-large",
            MEASURE,
            too_large,
            text,
            f"larger than any real count of visits (more than {MAX_VISITS:,})",
        )
        bad = invalid | negative | fraction | too_large
        result = numbers.where(~bad & ~blank).round().astype("Int64")
        return result, bad


def _keep(values: pd.Series, keep: pd.Series) -> pd.Series:
    """The values where ``keep`` holds, None elsewhere (an object column)."""
    array = values.to_numpy(dtype=object, copy=True)
    array[~keep.to_numpy(dtype=bool)] = None
    return pd.Series(array, dtype=object)


def _required(name: str) -> str:
    return "required; the cell is empty"


def _accepted_headers(vocab: Vocabulary, name: str) -> str:
    from ltl_plan.vocab import FIXED_COLUMNS

    return ", ".join(repr(h) for h in FIXED_COLUMNS.get(name, (name,))[:3])


def _empty_records(flags: Sequence[str]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "id": pd.Series(dtype=object),
            "name": pd.Series(dtype=object),
            "year": pd.Series(dtype=np.int64),
            "category": pd.Series(dtype=object),
            "level": pd.Series(dtype=object),
            "district": pd.Series(dtype=object),
        }
    )
    for flag in flags:
        frame[flag] = pd.Series(dtype="boolean")
    frame[MEASURE] = pd.Series(dtype="Int64")
    frame["file"] = pd.Series(dtype=object)
    frame["row"] = pd.Series(dtype=np.int64)
    frame[_BAD] = pd.Series(dtype=bool)
    frame[_KEYED] = pd.Series(dtype=bool)
    return frame


# -- many tables -----------------------------------------------------------------------


def _duplicates(
    records: pd.DataFrame, places: dict[str, tuple[str | None, str, str]]
) -> tuple[pd.Series, list[Problem]]:
    """Rows whose (id, year) was seen before, with a problem naming the first place.

    Rows with other errors take part too, as long as their id and year can be read."""
    keyed = records[records[_KEYED]]
    dup_keyed = keyed.duplicated(["id", "year"], keep="first")
    dup = pd.Series(False, index=records.index)
    if not dup_keyed.any():
        return dup, []
    dup[dup_keyed[dup_keyed].index] = True
    first = keyed[~dup_keyed].set_index(["id", "year"])[["file", "row"]]
    found: list[Problem] = []
    repeated = keyed[dup_keyed]
    for ident, year, file, row in zip(
        repeated["id"].tolist(),
        repeated["year"].tolist(),
        repeated["file"].tolist(),
        repeated["row"].tolist(),
        strict=True,
    ):
        first_file, first_row = first.loc[(ident, year)]
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


def validate(tables: Sequence[tuple[str, Sequence[RawTable] | None]], plan: Plan) -> Dataset:
    """Check every table and merge them into one dataset.

    ``tables`` pairs each file name with its tables (one, or one per year for a wide
    table), or None when the file held no recognisable table (a ``no-table`` problem).
    """
    vocab = Vocabulary.from_plan(plan)
    frames: list[pd.DataFrame] = []
    found: list[Problem] = []
    sources: list[Source] = []
    places: dict[str, tuple[str | None, str, str]] = {}  # file -> sheet, id header, letter
    for file, file_tables in tables:
        if file_tables is None:
            found.append(
                P.make(
                    "no-table",
                    "no sheet has a header row naming the required columns "
                    + ", ".join(REQUIRED_COLUMNS)
                    + " (in English or Vietnamese)",
                    file,
                )
            )
            sources.append(Source(file, None, None, 0, 0))
            continue
        for table in file_tables:
            check = _TableCheck(table, plan, vocab)
            frame, rows = check.run()
            if "id" in check.columns:
                id_column = table.columns[check.columns["id"]]
                places[table.file] = (table.sheet, id_column.header, id_column.letter)
            found.extend(check.problems)
            frame[_SOURCE] = len(sources)
            frames.append(frame)
            sources.append(
                Source(
                    file,
                    table.sheet,
                    table.header_row,
                    rows,
                    0,
                    table.fixed.get("year"),
                    table.skipped,
                )
            )
    records = pd.concat(frames, ignore_index=True) if frames else _empty_records(vocab.flags)
    if len(frames) > 1:
        for flag in vocab.flags:
            records[flag] = records[flag].astype("boolean")
        records[MEASURE] = records[MEASURE].astype("Int64")
    dup, dup_problems = _duplicates(records, places)
    found.extend(dup_problems)
    records = records[~(records[_BAD] | dup).to_numpy()]
    used = records[_SOURCE].value_counts() if _SOURCE in records else pd.Series(dtype=int)
    records = records.drop(columns=[_BAD, _KEYED, _SOURCE], errors="ignore")
    records = records.reset_index(drop=True)
    sources = [replace(s, used=int(used.get(index, 0))) for index, s in enumerate(sources)]
    order = {source.file: index for index, source in reversed(list(enumerate(sources)))}
    found.sort(key=lambda problem: (order.get(problem.file, 0), problem.row or 0))
    return Dataset(records, tuple(found), tuple(sources), vocab.flags)
