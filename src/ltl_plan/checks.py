"""Checking one table: its columns converted and every problem in its cells found.

The checks run column by column over the whole table: each column is held as its
distinct values and a code per row (:class:`ltl_plan.coded.Coded`), every mask is a numpy
array, and a Problem record is built only for a cell that has one. Rows with an error are
marked, not dropped, so that duplicates can still be found among them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ltl_plan import problems as P
from ltl_plan.coded import Coded, code_columns
from ltl_plan.plan import Plan, Population
from ltl_plan.problems import Problem
from ltl_plan.table import RawTable
from ltl_plan.values import error_values
from ltl_plan.vocab import REQUIRED_COLUMNS, Vocabulary, key, yes_no

MEASURE = "learning_visits"
# Working columns while tables are merged: the row has an error; its id and year are usable;
# the table it came from; its id as a number, the same for the same id within the table.
BAD, KEYED, SOURCE, ID_CODE = "_bad", "_keyed", "_source", "_id_code"
# No institution, nor a whole country, counts more visits in a year: a larger number is a
# typing error (and would not fit the 64-bit integers the totals are kept in).
MAX_VISITS = 10**12


class Codes:
    """The plan's categories and levels as small integers (-1: none), so a population is
    a look-up in a boolean table instead of a string comparison per row."""

    def __init__(self, plan: Plan) -> None:
        self.categories = [category.code for category in plan.categories]
        self.levels = [level.code for level in plan.levels]
        self.category_index = {code: i for i, code in enumerate(self.categories)}
        self.level_index = {code: i for i, code in enumerate(self.levels)}
        # allowed[c + 1, l + 1]: category c may have level l (row and column 0: none).
        self.allowed = np.zeros((len(self.categories) + 1, len(self.levels) + 1), dtype=bool)
        for category in plan.categories:
            for level in category.levels:
                c, lv = self.category_index[category.code], self.level_index[level]
                self.allowed[c + 1, lv + 1] = True
        self.leveled: np.ndarray = np.asarray(self.allowed.any(axis=1))

    def table(self, codes: Sequence[str], index: dict[str, int]) -> np.ndarray:
        found = np.zeros(len(index) + 1, dtype=bool)
        found[[index[code] + 1 for code in codes]] = True
        return found

    def in_any(
        self, categories: np.ndarray, levels: np.ndarray, populations: Sequence[Population]
    ) -> np.ndarray:
        """Rows whose category (and level) belong to any of the populations."""
        mask = np.zeros(len(categories), dtype=bool)
        for population in populations:
            inside = self.table(population.categories, self.category_index)[categories + 1]
            if population.levels is not None:
                inside &= self.table(population.levels, self.level_index)[levels + 1]
            mask |= inside
        return mask


class TableCheck:
    """Collects the problems of one table while its columns are converted.

    Every column is held as a :class:`Coded` (distinct values and a code per row); every
    mask is a numpy boolean array over the table's rows."""

    def __init__(self, table: RawTable, plan: Plan, vocab: Vocabulary) -> None:
        self.table = table
        self.plan = plan
        self.vocab = vocab
        self.problems: list[Problem] = []
        self.columns: dict[str, int] = {}
        self.errored: dict[str, np.ndarray] = {}
        self.rows = np.asarray(table.row_numbers, dtype=np.int64)
        self.codes = Codes(plan)

    def table_problem(self, code: str, message: str, column: str | None = None) -> None:
        self.problems.append(
            P.make(code, message, self.table.file, self.table.sheet, column=column)
        )

    def cell_problems(
        self, code: str, field_name: str, mask: np.ndarray, column: Coded, message: str
    ) -> None:
        """One problem for each row where ``mask`` holds, in the field's column."""
        where = self.table.columns[self.columns[field_name]]
        if field_name in self.errored:  # already reported as a formula error
            mask = mask & ~self.errored[field_name]
        for position in np.flatnonzero(mask):
            row = int(self.rows[position])
            self.problems.append(
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
            return empty_records(self.vocab.flags, self.codes), 0
        cells = self.table.cells
        coded = code_columns([cells[j] for j in self.columns.values()])
        data = dict(zip(self.columns, coded, strict=True))
        empty = np.ones(len(cells), dtype=bool)
        for column in data.values():
            empty &= column.blank
        if empty.any():
            self.rows = self.rows[~empty]
            data = {name: column.take(~empty) for name, column in data.items()}
        n = len(self.rows)
        if n == 0:
            self.table_problem("no-rows", "the table has a header but no institution rows")
            return empty_records(self.vocab.flags, self.codes), 0
        for name, value in self.table.fixed.items():  # values read from the headers
            data[name] = Coded.constant(value, n)
        bad = np.zeros(n, dtype=bool)
        for name, column in list(data.items()):
            if name in self.table.fixed:
                continue
            broken = column.test(error_values)
            if broken.any():
                self.cell_problems(
                    "formula-error",
                    name,
                    broken,
                    column,
                    "the cell's formula gives an error, so its value cannot be read",
                )
                bad |= broken
                self.errored[name] = broken
                data[name] = column.blanked(broken)

        out: dict[str, Any] = {}
        for name in ("id", "name"):
            missing = data[name].blank
            self.cell_problems("missing-value", name, missing, data[name], _REQUIRED)
            bad |= missing
            out[name] = data[name].texts()
        out["year"], year_bad = self.check_year(data["year"])
        bad |= year_bad
        categories, levels, code_bad = self.check_codes(data)
        bad |= code_bad
        known = ~code_bad
        district, unit = (
            self.optional_text(data, name, n) for name in ("district", "reporting_unit")
        )
        frame = pd.DataFrame(
            {
                "id": pd.Series(out["id"], dtype=object),
                "name": pd.Series(out["name"], dtype=object),
                "year": pd.Series(out["year"], dtype=np.int64),
                "category": _categorical(categories, self.codes.categories),
                "level": _categorical(levels, self.codes.levels),
                "district": pd.Series(district, dtype=object),
                "reporting_unit": pd.Series(unit, dtype=object),
            }
        )
        for flag in self.vocab.flags:
            frame[flag], flag_bad = self.check_flag(flag, data, categories, levels, known)
            bad |= flag_bad
        frame[MEASURE], visits_bad = self.check_visits(data, categories, levels, known)
        bad |= visits_bad
        frame["file"] = self.table.file
        frame["row"] = self.rows
        frame[BAD] = bad
        frame[KEYED] = ~data["id"].blank & ~year_bad
        frame[ID_CODE] = data["id"].text_codes()
        return frame, n

    @staticmethod
    def optional_text(data: dict[str, Coded], name: str, rows: int) -> np.ndarray:
        """A free-text column's values, None where blank or absent."""
        if name not in data:
            return np.full(rows, None, dtype=object)
        values = data[name].texts()
        values[data[name].blank] = None
        return values

    def check_year(self, column: Coded) -> tuple[np.ndarray, np.ndarray]:
        years = self.plan.plan.reporting_years
        n = len(column)
        if "year" in self.table.fixed:  # a wide table: the year is in the headers
            year = self.table.fixed["year"]
            wrong = not years.first <= year <= years.last
            if wrong:
                self.table_problem(
                    "year-out-of-range",
                    f"the year {year} in the column headers is outside the plan's reporting "
                    f"years {years.first}-{years.last}; its columns are left out",
                )
            return np.full(n, year, dtype=np.int64), np.full(n, wrong)
        numbers = column.numbers()
        missing = column.blank
        with np.errstate(invalid="ignore"):
            invalid = ~missing & (np.isnan(numbers) | (numbers % 1 != 0))
            out_of_range = ~missing & ~invalid & ((numbers < years.first) | (numbers > years.last))
        self.cell_problems("missing-value", "year", missing, column, _REQUIRED)
        self.cell_problems(
            "invalid-year", "year", invalid, column, "not a year (a whole number like 2024)"
        )
        self.cell_problems(
            "year-out-of-range",
            "year",
            out_of_range,
            column,
            f"outside the plan's reporting years {years.first}-{years.last}",
        )
        bad = missing | invalid | out_of_range
        return np.where(bad, 0, np.nan_to_num(numbers)).astype(np.int64), bad

    def check_codes(self, data: dict[str, Coded]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Category and level, as indices into the plan's lists (-1: none). A category
        label that carries a level ("Thư viện công cộng cấp xã") fills a blank level cell
        and must agree with a filled one."""
        vocab, plan, codes = self.vocab, self.plan, self.codes
        column = data["category"]
        n = len(column)

        def category_of(text: str) -> int:
            found = vocab.category_for(text)
            return codes.category_index[found[0]] if found else -1

        def carried_level(text: str) -> int:
            found = vocab.category_for(text)
            return codes.level_index[found[1]] if found and found[1] else -1

        categories = column.map_int(category_of)
        embedded = column.map_int(carried_level)
        missing = column.blank
        unknown = ~missing & (categories < 0)
        accepted = ", ".join(codes.categories)
        self.cell_problems("missing-value", "category", missing, column, _REQUIRED)
        self.cell_problems(
            "unknown-category",
            "category",
            unknown,
            column,
            f"not a category of the plan; expected one of {accepted} or their Vietnamese names",
        )
        bad = missing | unknown

        level_column = data.get("level", Coded.constant("", n))
        typed = level_column.map_int(
            lambda t: codes.level_index.get(vocab.levels.get(key(t), ""), -1)
        )
        level_blank = level_column.blank
        carried = embedded >= 0
        conflict = carried & (typed >= 0) & (typed != embedded)
        levels = np.where(carried & level_blank, embedded, typed)
        needs_level = codes.leveled[categories + 1]
        level_blank &= ~carried
        level_unknown = ~level_blank & ~carried & (typed < 0)
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
                level_column,
                "required for this category; the cell is empty",
            )
            self.cell_problems(
                "unknown-level",
                "level",
                needs_level & level_unknown,
                level_column,
                "not a level of the plan; expected one of "
                + ", ".join(f"{lv.code} ({lv.label.vi})" for lv in plan.levels),
            )
            self.cell_problems(
                "level-conflict",
                "level",
                conflict,
                level_column,
                "does not agree with the level the category label carries",
            )
            fits = codes.allowed[categories + 1, levels + 1]
            not_allowed = needs_level & (levels >= 0) & ~fits & ~conflict
            self.cell_problems(
                "level-not-allowed",
                "level",
                not_allowed,
                level_column,
                "not a level this category has in the plan",
            )
            ignored = ~needs_level & ~level_blank & (categories >= 0)
            self.cell_problems(
                "level-not-applicable",
                "level",
                ignored,
                level_column,
                "ignored: this category has no levels in the plan",
            )
            bad |= missing_level | (needs_level & level_unknown) | not_allowed | conflict
        return categories, np.where(needs_level, levels, -1), bad

    def check_flag(
        self,
        flag: str,
        data: dict[str, Coded],
        categories: np.ndarray,
        levels: np.ndarray,
        known: np.ndarray,
    ) -> tuple[pd.Series, np.ndarray]:
        """Yes/no values; ``known`` marks rows whose category and level are valid (only
        those are told a flag does or does not apply to them)."""
        n = len(categories)
        applies = self.codes.in_any(categories, levels, self.plan.flag_populations()[flag])
        if flag not in data:
            if applies.any():
                self.table_problem(
                    "optional-column-missing",
                    f"column {flag!r} is missing: {int(applies.sum())} institutions it "
                    "applies to count as not reported",
                    column=flag,
                )
            return pd.Series(pd.NA, index=range(n), dtype="boolean"), np.zeros(n, dtype=bool)
        column = data[flag]
        answers = column.map_int(_yes_no_code)
        blank = column.blank
        invalid = ~blank & (answers < 0)
        self.cell_problems(
            "invalid-flag",
            flag,
            invalid,
            column,
            "not a yes/no answer (use có/không, x or blank, 1/0, yes/no)",
        )
        given = ~blank & ~invalid
        self.cell_problems(
            "flag-not-applicable",
            flag,
            given & ~applies & known,
            column,
            "ignored: no indicator counts this column for this category and level",
        )
        self.cell_problems(
            "flag-blank",
            flag,
            blank & applies & known,
            column,
            "left blank: counted as not reported (not achieved)",
        )
        counted = given & applies
        values = pd.arrays.BooleanArray(answers == 1, ~counted)
        return pd.Series(values, index=range(n)), invalid

    def check_visits(
        self,
        data: dict[str, Coded],
        categories: np.ndarray,
        levels: np.ndarray,
        known: np.ndarray,
    ) -> tuple[pd.Series, np.ndarray]:
        n = len(categories)
        counted = self.codes.in_any(categories, levels, self.plan.measure_populations())
        counted &= known
        if MEASURE not in data:
            if counted.any():
                self.table_problem(
                    "optional-column-missing",
                    f"column {MEASURE!r} is missing: growth cannot be measured for "
                    f"{int(counted.sum())} institutions",
                    column=MEASURE,
                )
            return pd.Series(pd.NA, index=range(n), dtype="Int64"), np.zeros(n, dtype=bool)
        column = data[MEASURE]
        numbers = column.numbers()
        blank = column.blank
        number = ~np.isnan(numbers)
        invalid = ~blank & ~number
        with np.errstate(invalid="ignore"):
            negative = number & (numbers < 0)
            fraction = number & ~negative & (numbers % 1 != 0)
            too_large = number & ~fraction & (numbers > MAX_VISITS)
        for code, mask, message in (
            ("invalid-number", invalid, "not a number of visits (a whole number, 0 or more)"),
            ("negative-number", negative, "below zero; a number of visits is 0 or more"),
            ("not-whole-number", fraction, "not a whole number of visits"),
            (
                "visits-blank",
                blank & counted,
                "left blank: not counted in the growth of learning visits",
            ),
            (
                "number-too-large",
                too_large,
                f"larger than any real count of visits (more than {MAX_VISITS:,})",
            ),
        ):
            self.cell_problems(code, MEASURE, mask, column, message)
        bad = invalid | negative | fraction | too_large
        usable = number & ~bad
        whole = np.where(usable, np.round(np.nan_to_num(numbers)), 0).astype(np.int64)
        return pd.Series(pd.arrays.IntegerArray(whole, ~usable), index=range(n)), bad


_REQUIRED = "required; the cell is empty"


def _categorical(codes: np.ndarray, categories: list[str]) -> pd.Categorical[str]:
    """Codes (-1: missing) as a categorical column: cheap to store and to test."""
    ints: npt.NDArray[np.int64] = codes.astype(np.int64)
    return pd.Categorical.from_codes(ints, categories=pd.Index(categories))


def _yes_no_code(text: str) -> int:
    """1 yes, 0 no, -1 blank or not a yes/no answer."""
    answer = yes_no(text) if text else None
    return -1 if answer is None else int(answer)


def _accepted_headers(vocab: Vocabulary, name: str) -> str:
    from ltl_plan.vocab import FIXED_COLUMNS

    return ", ".join(repr(h) for h in FIXED_COLUMNS.get(name, (name,))[:3])


def empty_records(flags: Sequence[str], codes: Codes) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "id": pd.Series(dtype=object),
            "name": pd.Series(dtype=object),
            "year": pd.Series(dtype=np.int64),
            "category": pd.Categorical([], categories=codes.categories),
            "level": pd.Categorical([], categories=codes.levels),
            "district": pd.Series(dtype=object),
            "reporting_unit": pd.Series(dtype=object),
        }
    )
    for flag in flags:
        frame[flag] = pd.Series(dtype="boolean")
    frame[MEASURE] = pd.Series(dtype="Int64")
    frame["file"] = pd.Series(dtype=object)
    frame["row"] = pd.Series(dtype=np.int64)
    frame[BAD] = pd.Series(dtype=bool)
    frame[KEYED] = pd.Series(dtype=bool)
    frame[ID_CODE] = pd.Series(dtype=np.intp)
    return frame


# -- many tables -----------------------------------------------------------------------
