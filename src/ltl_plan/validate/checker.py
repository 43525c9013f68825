"""Checking one table: its columns converted and every problem in its cells found.

The checks run column by column over the whole table: each column is held as its
distinct values and a code per row (:class:`~ltl_plan.validate.coded.Coded`), every mask
is a numpy array, and the problems of a column are kept as arrays of its rows
(:mod:`ltl_plan.validate.found`). Rows with
an error are marked, not dropped, so that duplicates can still be found among them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ltl_plan.cells import error_values
from ltl_plan.coded import Coded
from ltl_plan.layout import RawTable
from ltl_plan.plan import Plan
from ltl_plan.plan.codes import PlanCodes
from ltl_plan.plan.gazetteer import Gazetteer
from ltl_plan.problems import ProblemGroup
from ltl_plan.read import NO_CACHED_VALUE
from ltl_plan.validate.fields import (
    check_category,
    check_flag,
    check_level,
    check_measure,
    check_periods,
    check_year,
)
from ltl_plan.validate.found import TableProblems
from ltl_plan.validate.places import check_places
from ltl_plan.vocabulary import FIXED_COLUMNS, REQUIRED_COLUMNS, Vocabulary

# Working columns while tables are merged: the row has an error; its id and year are usable;
# the table it came from; its id as a number, the same for the same id within the table.
BAD, KEYED, SOURCE, ID_CODE = "_bad", "_keyed", "_source", "_id_code"


def map_columns(found: TableProblems) -> bool:
    """Each field to its first column (a second one is a problem); False when a required
    column is missing."""
    table = found.table
    for j, column in enumerate(table.columns):
        name, header = column.field, column.header
        if name in found.columns:
            first = table.columns[found.columns[name]].header
            found.of_table("duplicate-column", column=header, first=first, header=header)
            continue
        found.columns[name] = j
    missing = [n for n in REQUIRED_COLUMNS if n not in found.columns and n not in table.fixed]
    for name in missing:
        accepted = ", ".join(f"“{h}”" for h in FIXED_COLUMNS.get(name, (name,))[:3])
        found.of_table("missing-column", column=name, accepted=accepted)
    return not missing


def _coded(found: TableProblems) -> dict[str, Coded]:
    """The table's columns by field, blank rows left out (``found.rows`` follows), each
    formula error reported and its cell made blank."""
    table = found.table
    data = {name: table.data[j] for name, j in found.columns.items()}
    empty = np.ones(len(table.row_numbers), dtype=bool)
    for column in data.values():
        empty &= column.blank
    if empty.any():
        found.rows = found.rows[~empty]
        data = {name: column.take(~empty) for name, column in data.items()}
    for name, column in list(data.items()):
        broken = column.test(error_values)
        unkept = column.test(_no_cached_value)
        if broken.any() or unkept.any():
            found.of_cells("formula-error", name, broken, column)
            found.of_cells("formula-no-value", name, unkept, column)
            found.errored[name] = broken | unkept
            data[name] = column.blanked(broken | unkept)
    return data


def _optional_text(data: dict[str, Coded], name: str, rows: int) -> np.ndarray:
    """A free-text column's values, None where blank or absent."""
    if name not in data:
        return np.full(rows, None, dtype=object)
    values = data[name].texts()
    values[data[name].blank] = None
    return values


def check_table(
    table: RawTable, plan: Plan, vocab: Vocabulary
) -> tuple[pd.DataFrame, int, list[ProblemGroup]]:
    """The checked records of one table, how many data rows it had, and its problems."""
    found = TableProblems(table)
    codes = PlanCodes(plan)
    if not map_columns(found):
        return empty_records(vocab, codes), 0, found.found
    data = _coded(found)
    n = len(found.rows)
    if n == 0:
        found.of_table("no-rows")
        return empty_records(vocab, codes), 0, found.found
    bad = np.zeros(n, dtype=bool)
    for broken in found.errored.values():
        bad |= broken
    for name in ("id", "name"):
        missing = data[name].blank
        found.of_cells("missing-value", name, missing, data[name])
        bad |= missing
    year = data.get("year", Coded.constant("", n))
    years, year_bad = check_year(found, year, plan, table.fixed.get("year"))
    categories, carried, category_bad = check_category(found, data["category"], vocab, plan, codes)
    levels, level_bad = check_level(
        found, data.get("level"), categories, carried, vocab, plan, codes
    )
    level_bad |= check_periods(found, data, years, categories, levels, plan)
    known = ~(category_bad | level_bad)
    bad |= year_bad | ~known
    places = check_places(found, data, years, plan, Gazetteer(plan))
    frame = pd.DataFrame(
        {
            "id": pd.Series(data["id"].texts(), dtype=object),
            "name": pd.Series(data["name"].texts(), dtype=object),
            "year": pd.Series(years, dtype=np.int64),
            "category": codes.categorical(categories, "category"),
            "level": codes.categorical(levels, "level"),
            **{code: pd.Series(values, dtype=object) for code, values in places.items()},
            "reporting_unit": pd.Series(_optional_text(data, "reporting_unit", n), dtype=object),
        }
    )
    populations = plan.flag_populations()
    for flag in plan.flags:
        applies = codes.in_any(categories, levels, populations[flag.code])
        frame[flag.code], flag_bad = check_flag(found, flag, data.get(flag.code), applies, known)
        bad |= flag_bad
    measured = plan.measure_populations()
    for measure in plan.measures:
        counted = codes.in_any(categories, levels, measured[measure.code]) & known
        frame[measure.code], measure_bad = check_measure(
            found, measure, data.get(measure.code), counted
        )
        bad |= measure_bad
    frame["file"] = table.file
    frame["row"] = found.rows
    frame[BAD] = bad
    frame[KEYED] = ~data["id"].blank & ~year_bad
    frame[ID_CODE] = data["id"].text_codes()
    return frame, n, found.found


def empty_records(vocab: Vocabulary, codes: PlanCodes) -> pd.DataFrame:
    """Checked records with no row, every column of its type."""
    frame = pd.DataFrame(
        {
            "id": pd.Series(dtype=object),
            "name": pd.Series(dtype=object),
            "year": pd.Series(dtype=np.int64),
            "category": pd.Categorical([], categories=codes.categories),
            "level": pd.Categorical([], categories=codes.levels),
            **{place: pd.Series(dtype=object) for place in vocab.places},
            "reporting_unit": pd.Series(dtype=object),
        }
    )
    for flag in vocab.flags:
        frame[flag] = pd.Series(dtype="boolean")
    for measure in vocab.measures:
        frame[measure] = pd.Series(dtype="Int64")
    frame["file"] = pd.Series(dtype=object)
    frame["row"] = pd.Series(dtype=np.int64)
    frame[BAD] = pd.Series(dtype=bool)
    frame[KEYED] = pd.Series(dtype=bool)
    frame[ID_CODE] = pd.Series(dtype=np.intp)
    return frame


def _no_cached_value(texts: np.ndarray) -> np.ndarray:
    """Which texts are the reader's mark of a formula without a cached value."""
    return np.asarray(texts == NO_CACHED_VALUE, dtype=bool)
