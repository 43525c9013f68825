"""The checks of each kind of field, column-wise: year, category and level, the yes/no
flags, the visit counts. Each converts its column's distinct values once, spreads the
result over the rows, reports every bad cell to the table's :class:`TableProblems`, and
returns the converted column with a mask of the rows that have an error."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ltl_plan.coded import Coded
from ltl_plan.keys import key
from ltl_plan.messages import NOTHING, both, in_sentence
from ltl_plan.plan import Category, Flag, Label, Level, Measure, Plan
from ltl_plan.plan.codes import PlanCodes
from ltl_plan.validate.found import TableProblems
from ltl_plan.vocabulary import Vocabulary, yes_no

# No institution, nor a whole country, counts more visits in a year: a larger number is a
# typing error (and would not fit the 64-bit integers the totals are kept in).
MAX_COUNT = 10**12


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
                key="problem_year-out-of-range_headers",
                year=fixed,
                first=years.first,
                last=years.last,
            )
        return np.full(n, fixed, dtype=np.int64), np.full(n, wrong)
    numbers = column.numbers()
    missing = column.blank
    with np.errstate(invalid="ignore"):
        invalid = ~missing & (np.isnan(numbers) | (numbers % 1 != 0))
        out_of_range = ~missing & ~invalid & ((numbers < years.first) | (numbers > years.last))
    found.of_cells("missing-value", "year", missing, column)
    found.of_cells("invalid-year", "year", invalid, column, example=years.last)
    found.of_cells(
        "year-out-of-range", "year", out_of_range, column, first=years.first, last=years.last
    )
    bad = missing | invalid | out_of_range
    return np.where(bad, 0, np.nan_to_num(numbers)).astype(np.int64), bad


def check_category(
    found: TableProblems, column: Coded, vocab: Vocabulary, plan: Plan, codes: PlanCodes
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
    found.of_cells("missing-value", "category", missing, column)
    if unknown.any():
        expected = _listed(plan.categories)
        found.of_cells("unknown-category", "category", unknown, column, expected=expected)
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
            leveled = [c for c in plan.categories if c.levels]
            found.of_table(
                "missing-column",
                column="level",
                key="problem_missing-column_level",
                categories=_listed(leveled),
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
    found.of_cells("missing-value", "level", missing, column, key="problem_missing-value_level")
    if unknown.any():
        found.of_cells("unknown-level", "level", unknown, column, expected=_listed(plan.levels))
    for code, mask in (
        ("level-conflict", conflict),
        ("level-not-allowed", not_allowed),
        ("level-not-applicable", ignored),
    ):
        found.of_cells(code, "level", mask, column)
    return np.where(needs_level, levels, -1), missing | unknown | not_allowed | conflict


def _yes_no_code(text: str) -> int:
    """1 yes, 0 no, -1 blank or not a yes/no answer."""
    answer = yes_no(text) if text else None
    return -1 if answer is None else int(answer)


def check_flag(
    found: TableProblems,
    flag: Flag,
    column: Coded | None,
    applies: np.ndarray,
    known: np.ndarray,
) -> tuple[pd.Series, np.ndarray]:
    """Yes/no answers (missing where blank, bad or not counted). ``applies`` marks the
    rows an indicator counts this flag for; ``known`` the rows whose category and level
    are valid (only those are told a flag does or does not apply to them). A missing
    column is named by the header a form gives it."""
    n = len(applies)
    code = flag.code
    if column is None:
        if applies.any():
            found.of_table("optional-column-missing", column=flag.label.vi, n=int(applies.sum()))
        return pd.Series(pd.NA, index=range(n), dtype="boolean"), np.zeros(n, dtype=bool)
    answers = column.map_int(_yes_no_code)
    blank = column.blank
    invalid = ~blank & (answers < 0)
    found.of_cells("invalid-flag", code, invalid, column)
    given = ~blank & ~invalid
    found.of_cells("flag-not-applicable", code, given & ~applies & known, column)
    found.of_cells("flag-blank", code, blank & applies & known, column)
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
                column=measure.label.vi,
                key="problem_optional-column-missing_measure",
                n=int(counted.sum()),
                what=in_sentence(measure.label),
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
    what = in_sentence(measure.label)
    for problem, mask in (
        ("invalid-number", invalid),
        ("negative-number", negative),
        ("not-whole-number", fraction),
        ("visits-blank", blank & counted),
        ("number-too-large", too_large),
    ):
        found.of_cells(problem, code, mask, column, what=what, most=MAX_COUNT)
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
            # A level carried by the category label ("Thư viện ... cấp <level>") is reported
            # in the category column when the table has no level column.
            where = field_name if field_name in data else "category"
            found.of_cells(
                problem,
                where,
                outside,
                data[where],
                name=part.label,
                span=_span(part.years.first, part.years.last),
                why=both("because", reason=reform.label) if reform else NOTHING,
            )
            bad |= outside
    return bad


def _span(first: int | None, last: int | None) -> Label:
    """The years something exists in, in words."""
    if first is None:
        return both("span_to", last=last or 0)
    return both("span_from", first=first) if last is None else both("span", first=first, last=last)


def _listed(parts: Sequence[Category | Level]) -> Label:
    """The names of a plan's categories or levels, for a sentence: the Vietnamese names
    in Vietnamese, the codes with the names in English."""
    return Label(
        vi=", ".join(f"“{p.label.vi}”" for p in parts),
        en=", ".join(f"{p.code} (“{p.label.vi}”)" for p in parts),
    )
