"""The checks of each kind of field, column-wise: year, category and level, the yes/no
flags, the visit counts. Each converts its column's distinct values once, spreads the
result over the rows, reports every bad cell to the table's :class:`TableProblems`, and
returns the converted column with a mask of the rows that have an error."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ltl_plan.coded import Coded
from ltl_plan.plan import Category, Level, Measure, Plan
from ltl_plan.plan.codes import PlanCodes
from ltl_plan.validate.found import TableProblems
from ltl_plan.vocabulary import Vocabulary, key, yes_no

# No institution, nor a whole country, counts more visits in a year: a larger number is a
# typing error (and would not fit the 64-bit integers the totals are kept in).
MAX_COUNT = 10**12
REQUIRED = "required; the cell is empty"


def check_year(
    found: TableProblems, column: Coded, plan: Plan, fixed: int | None
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's year (0 where bad), and the rows with a bad one. ``fixed``: a wide
    table's year, read from its column headers."""
    years = plan.plan.reporting_years
    n = len(column)
    if fixed is not None:
        wrong = not years.first <= fixed <= years.last
        if wrong:
            found.of_table(
                "year-out-of-range",
                f"the year {fixed} in the column headers is outside the plan's reporting "
                f"years {years.first}-{years.last}; its columns are left out",
            )
        return np.full(n, fixed, dtype=np.int64), np.full(n, wrong)
    numbers = column.numbers()
    missing = column.blank
    with np.errstate(invalid="ignore"):
        invalid = ~missing & (np.isnan(numbers) | (numbers % 1 != 0))
        out_of_range = ~missing & ~invalid & ((numbers < years.first) | (numbers > years.last))
    found.of_cells("missing-value", "year", missing, column, REQUIRED)
    found.of_cells("invalid-year", "year", invalid, column, "not a year (a whole number like 2024)")
    found.of_cells(
        "year-out-of-range",
        "year",
        out_of_range,
        column,
        f"outside the plan's reporting years {years.first}-{years.last}",
    )
    bad = missing | invalid | out_of_range
    return np.where(bad, 0, np.nan_to_num(numbers)).astype(np.int64), bad


def check_category(
    found: TableProblems, column: Coded, vocab: Vocabulary, codes: PlanCodes
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's category (-1: none), the level its label carries ("Thư viện công cộng
    cấp <level>"; -1: none), and the rows with a bad category."""

    def category_of(text: str) -> int:
        named = vocab.category_for(text)
        return codes.category_index[named[0]] if named else -1

    def carried_level(text: str) -> int:
        named = vocab.category_for(text)
        return codes.level_index[named[1]] if named and named[1] else -1

    categories = column.map_int(category_of)
    missing = column.blank
    unknown = ~missing & (categories < 0)
    found.of_cells("missing-value", "category", missing, column, REQUIRED)
    found.of_cells(
        "unknown-category",
        "category",
        unknown,
        column,
        f"not a category of the plan; expected one of {', '.join(codes.categories)} or "
        "their Vietnamese names",
    )
    return categories, column.map_int(carried_level), missing | unknown


def check_level(
    found: TableProblems,
    column: Coded | None,
    categories: np.ndarray,
    carried_levels: np.ndarray,
    vocab: Vocabulary,
    plan: Plan,
    codes: PlanCodes,
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's level (-1 for a category without levels), and the rows with a bad one.
    A level carried by the category label fills a blank level cell and must agree with a
    filled one. ``column`` is None when the table has no level column."""
    carried = carried_levels >= 0
    needs_level = codes.leveled[categories + 1]
    if column is None:
        lacking = needs_level & ~carried
        if lacking.any():
            found.of_table(
                "missing-column",
                "column 'level' is missing; it is required for "
                + ", ".join(c.code for c in plan.categories if c.levels),
                column="level",
            )
        return np.where(needs_level, carried_levels, -1), lacking
    typed = column.map_int(lambda t: codes.level_index.get(vocab.levels.get(key(t), ""), -1))
    conflict = carried & (typed >= 0) & (typed != carried_levels)
    levels = np.where(carried & column.blank, carried_levels, typed)
    blank = column.blank & ~carried
    unknown = needs_level & ~blank & ~carried & (typed < 0)
    missing = needs_level & blank
    fits = codes.allowed[categories + 1, levels + 1]
    not_allowed = needs_level & (levels >= 0) & ~fits & ~conflict
    ignored = ~needs_level & ~blank & (categories >= 0)
    expected = ", ".join(f"{lv.code} ({lv.label.vi})" for lv in plan.levels)
    for code, mask, message in (
        ("missing-value", missing, "required for this category; the cell is empty"),
        ("unknown-level", unknown, f"not a level of the plan; expected one of {expected}"),
        ("level-conflict", conflict, "does not agree with the level the category label carries"),
        ("level-not-allowed", not_allowed, "not a level this category has in the plan"),
        ("level-not-applicable", ignored, "ignored: this category has no levels in the plan"),
    ):
        found.of_cells(code, "level", mask, column, message)
    return np.where(needs_level, levels, -1), missing | unknown | not_allowed | conflict


def _yes_no_code(text: str) -> int:
    """1 yes, 0 no, -1 blank or not a yes/no answer."""
    answer = yes_no(text) if text else None
    return -1 if answer is None else int(answer)


def check_flag(
    found: TableProblems, flag: str, column: Coded | None, applies: np.ndarray, known: np.ndarray
) -> tuple[pd.Series, np.ndarray]:
    """Yes/no answers (missing where blank, bad or not counted). ``applies`` marks the
    rows an indicator counts this flag for; ``known`` the rows whose category and level
    are valid (only those are told a flag does or does not apply to them)."""
    n = len(applies)
    if column is None:
        if applies.any():
            found.of_table(
                "optional-column-missing",
                f"column {flag!r} is missing: {int(applies.sum())} institutions it "
                "applies to count as not reported",
                column=flag,
            )
        return pd.Series(pd.NA, index=range(n), dtype="boolean"), np.zeros(n, dtype=bool)
    answers = column.map_int(_yes_no_code)
    blank = column.blank
    invalid = ~blank & (answers < 0)
    found.of_cells(
        "invalid-flag",
        flag,
        invalid,
        column,
        "not a yes/no answer (use có/không, x or blank, 1/0, yes/no)",
    )
    given = ~blank & ~invalid
    found.of_cells(
        "flag-not-applicable",
        flag,
        given & ~applies & known,
        column,
        "ignored: no indicator counts this column for this category and level",
    )
    found.of_cells(
        "flag-blank",
        flag,
        blank & applies & known,
        column,
        "left blank: counted as not reported (not achieved)",
    )
    counted = given & applies
    values = pd.arrays.BooleanArray(answers == 1, ~counted)
    return pd.Series(values, index=range(n)), invalid


def check_measure(
    found: TableProblems, measure: Measure, column: Coded | None, counted: np.ndarray
) -> tuple[pd.Series, np.ndarray]:
    """A measure's counts (missing where blank or bad). ``counted`` marks the rows a growth
    indicator counts (whose category and level are valid)."""
    n = len(counted)
    code = measure.code
    if column is None:
        if counted.any():
            found.of_table(
                "optional-column-missing",
                f"column {code!r} is missing: growth cannot be measured for "
                f"{int(counted.sum())} institutions",
                column=code,
            )
        return pd.Series(pd.NA, index=range(n), dtype="Int64"), np.zeros(n, dtype=bool)
    numbers = column.numbers()
    blank = column.blank
    number = ~np.isnan(numbers)
    invalid = ~blank & ~number
    with np.errstate(invalid="ignore"):
        negative = number & (numbers < 0)
        fraction = number & ~negative & (numbers % 1 != 0)
        too_large = number & ~fraction & (numbers > MAX_COUNT)
    what = measure.label.en.lower()
    for problem, mask, message in (
        ("invalid-number", invalid, f"not a number of {what} (a whole number, 0 or more)"),
        ("negative-number", negative, f"below zero; a number of {what} is 0 or more"),
        ("not-whole-number", fraction, f"not a whole number of {what}"),
        ("visits-blank", blank & counted, f"left blank: not counted in the growth of {what}"),
        (
            "number-too-large",
            too_large,
            f"larger than any real count of {what} (more than {MAX_COUNT:,})",
        ),
    ):
        found.of_cells(problem, code, mask, column, message)
    bad = invalid | negative | fraction | too_large
    usable = number & ~bad
    whole = np.where(usable, np.round(np.nan_to_num(numbers)), 0).astype(np.int64)
    return pd.Series(pd.arrays.IntegerArray(whole, ~usable), index=range(n)), bad


def check_periods(
    found: TableProblems,
    data: dict[str, Coded],
    years: np.ndarray,
    categories: np.ndarray,
    levels: np.ndarray,
    plan: Plan,
) -> np.ndarray:
    """Rows whose category or level does not exist in their year (a reform ended it, or
    had not made it yet): errors naming the reform."""
    bad = np.zeros(len(years), dtype=bool)
    checks: tuple[tuple[str, Sequence[Category | Level], np.ndarray, str], ...] = (
        ("category", plan.categories, categories, "category-ended"),
        ("level", plan.levels, levels, "level-ended"),
    )
    for field_name, parts, codes, problem in checks:
        for index, part in enumerate(parts):
            if part.years.always:
                continue
            inside = (codes == index) & (years > 0)
            lasting = [y for y in np.unique(years).tolist() if y in part.years]
            outside = inside & ~np.isin(years, lasting)
            if not outside.any():
                continue
            reform = plan.reform(part.years.reform)
            why = f": {reform.label.en}" if reform else ""
            span = _span(part.years.first, part.years.last)
            # A level carried by the category label ("Thư viện ... cấp <level>") is reported
            # in the category column when the table has no level column.
            where = field_name if field_name in data else "category"
            found.of_cells(
                problem,
                where,
                outside,
                data[where],
                f"{part.label.en} ({part.code}) exists {span} only, not in this row's year{why}",
            )
            bad |= outside
    return bad


def _span(first: int | None, last: int | None) -> str:
    if first is None:
        return f"up to {last}"
    return f"from {first}" if last is None else f"from {first} to {last}"
