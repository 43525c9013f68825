"""Measuring one population of records against each indicator of the plan.

Pure functions: nothing here reads a file or prints. Comparisons with targets are done in
exact fractions, so 7 of 10 institutions meets a 70% target and 1000 -> 1210 visits over
two years meets 10% a year, without floating-point doubt.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from ltl_plan.plan import CoverageIndicator, GrowthIndicator, Plan, Population
from ltl_plan.report import (
    CoverageResult,
    GrowthResult,
    LikeForLike,
    Path,
    Status,
)
from ltl_plan.validate import MEASURE


def _is_in(column: pd.Series, values: Sequence[str]) -> np.ndarray:
    """A boolean per row: its value is one of ``values``; for a categorical column (as
    checked records have), a look-up of each row's code in its categories' answers."""
    if not isinstance(column.dtype, pd.CategoricalDtype):
        return column.isin(values).to_numpy()
    answers = np.append(column.cat.categories.isin(values), False)  # code -1: missing
    found: np.ndarray = answers[column.cat.codes.to_numpy()]
    return found


def population_mask(records: pd.DataFrame, population: Population) -> np.ndarray:
    """A boolean per record: it belongs to the population."""
    mask = _is_in(records["category"], population.categories)
    if population.levels is not None:
        mask &= _is_in(records["level"], population.levels)
    return mask


def _line(
    start: Fraction, target: Fraction, start_year: int, milestone: int, year: int
) -> Fraction:
    """The straight path's value in ``year``, from ``start`` to ``target`` at ``milestone``."""
    if year >= milestone:
        return target
    return start + (target - start) * Fraction(year - start_year, milestone - start_year)


def _identity(indicator: CoverageIndicator | GrowthIndicator) -> dict[str, Any]:
    """The fields every result copies from its indicator."""
    return {
        "id": indicator.id,
        "section": indicator.section,
        "group": indicator.group,
        "label": indicator.label,
        "short": indicator.short or indicator.label,
        "categories": indicator.population.categories,
        "level": indicator.population.levels,
        "plan_note": indicator.note,
    }


Counts = dict[int, tuple[int, int, int]]  # year -> (achieved, total, not reported)


@dataclass(frozen=True)
class Grouping:
    """Each record's group as a code into ``names`` (-1: no group) and its year as a code
    into ``years``, made once for all the indicators measured."""

    codes: np.ndarray
    names: list[Any]
    year_codes: np.ndarray
    years: list[int]
    # Population masks already worked out (indicators share populations), by population.
    masks: dict[str, np.ndarray] = field(default_factory=dict, compare=False)

    def members(self, records: pd.DataFrame, population: Population) -> np.ndarray:
        """:func:`population_mask`, worked out once per population."""
        name = population.model_dump_json()
        if name not in self.masks:
            self.masks[name] = population_mask(records, population)
        return self.masks[name]

    @classmethod
    def of(cls, groups: pd.Series | None, records: pd.DataFrame) -> Grouping:
        year_codes, years = pd.factorize(records["year"].to_numpy())
        if groups is None:
            codes, names = np.zeros(len(records), dtype=np.intp), [None]
        else:
            codes, found = pd.factorize(groups)  # a missing group: -1, left out as groupby does
            names = list(found)
        return cls(np.asarray(codes, dtype=np.intp), names, year_codes, [int(y) for y in years])


def coverage_counts(
    indicator: CoverageIndicator, records: pd.DataFrame, grouping: Grouping | None = None
) -> dict[Any, Counts]:
    """Per group (one group, None, without ``grouping``): the counts of every year, from
    one pass of counting over the indicator's population."""
    grouping = grouping or Grouping.of(None, records)
    mask = grouping.members(records, indicator.population) & (grouping.codes >= 0)
    flag = records[indicator.flag].array[mask]
    width = max(len(grouping.years), 1)
    cell = grouping.codes[mask] * width + grouping.year_codes[mask]  # per (group, year)
    size = len(grouping.names) * width
    total = np.bincount(cell, minlength=size)
    achieved = np.bincount(cell, weights=flag.to_numpy(dtype=bool, na_value=False), minlength=size)
    blank = np.bincount(cell, weights=flag.isna(), minlength=size)
    found: dict[Any, Counts] = {}
    for index in np.flatnonzero(total).tolist():
        group, y = divmod(index, width)
        found.setdefault(grouping.names[group], {})[grouping.years[y]] = (
            int(achieved[index]),
            int(total[index]),
            int(blank[index]),
        )
    return found


def coverage(
    indicator: CoverageIndicator, records: pd.DataFrame, plan: Plan, year: int, years: list[int]
) -> CoverageResult:
    counts = coverage_counts(indicator, records).get(None, {})
    return coverage_result(indicator, counts, plan, year, years)


def coverage_result(
    indicator: CoverageIndicator, counts: Counts, plan: Plan, year: int, years: list[int]
) -> CoverageResult:
    """The indicator's figures for ``year`` from its counts of every year."""
    milestone = indicator.milestone_for(year)
    target = indicator.target_fraction(milestone)
    series = {y: (counts[y][0] / counts[y][1] if y in counts else None) for y in years}
    common = {
        **_identity(indicator),
        "flag": indicator.flag,
        "milestone": milestone,
        "target": float(target),
        "series": series,
    }
    notes: list[str] = []
    if year not in counts:
        return CoverageResult(
            **common,
            actual=None,
            gap=None,
            status=Status.NO_DATA,
            achieved=0,
            total=0,
            not_reported=0,
            needed=None,
            path=None,
            notes=notes,
        )
    achieved, total, not_reported = counts[year]
    actual = Fraction(achieved, total)
    needed = max(0, math.ceil(target * total) - achieved)
    path = None
    if actual >= target:
        status = Status.MET
    elif year >= milestone:
        status = Status.BEHIND
    else:
        start_year = plan.period_start(milestone, year)
        if start_year in counts and start_year <= year:
            start = Fraction(counts[start_year][0], counts[start_year][1])
        else:
            earlier = [y for y in sorted(counts) if y < year]
            if earlier:
                notes.append(
                    f"no data for {start_year}: the path to the {milestone} target starts "
                    f"from {earlier[0]}, the earliest year in the data"
                )
                start_year = earlier[0]
                start = Fraction(counts[start_year][0], counts[start_year][1])
            elif start_year > year:
                notes.append(f"{year} is before the plan's baseline year {start_year}")
                start_year, start = year, actual
            else:
                notes.append(
                    f"no data for {start_year} or any year before {year}: the path to the "
                    f"{milestone} target is drawn from 0% in {start_year}"
                )
                start = Fraction(0)
        expected = _line(start, target, start_year, milestone, year)
        path = Path(from_year=start_year, from_value=float(start), expected=float(expected))
        status = Status.ON_TRACK if actual >= expected else Status.BEHIND
    return CoverageResult(
        **common,
        actual=float(actual),
        gap=float(max(Fraction(0), target - actual)),
        status=status,
        achieved=achieved,
        total=total,
        not_reported=not_reported,
        needed=needed,
        path=path,
        notes=notes,
    )


def _average_growth(base: int, total: int, years: int) -> float | None:
    if base <= 0 or years <= 0:
        return None
    return float((total / base) ** (1 / years) - 1)


@dataclass(frozen=True)
class GrowthInputs:
    """What a growth indicator needs of one group of records."""

    series: dict[int, int]  # total of reported visits per year
    institutions: int  # in the population in the reporting year
    not_reported: int  # of those, with no visit count
    # id, year, visits of the rows with a count (for like for like): taken only when a
    # growth rate is measured, as splitting them by group costs more than all the rest.
    reported: Callable[[], pd.DataFrame]


def growth_inputs(
    indicator: GrowthIndicator, records: pd.DataFrame, year: int, groups: pd.Series | None = None
) -> dict[Any, GrowthInputs]:
    """Per group (one group, None, without ``groups``), from one grouped pass."""
    mask = population_mask(records, indicator.population)
    population = records.loc[mask, ["id", "year", MEASURE]]
    blank = population[MEASURE].isna()
    reported = population[~blank]
    in_year = population["year"] == year
    if groups is None:  # one group: no grouping column to build
        sums = reported.groupby("year")[MEASURE].sum()
        series = {int(y): int(t) for y, t in zip(sums.index.tolist(), sums.tolist(), strict=True)}
        return {
            None: GrowthInputs(
                series=dict(sorted(series.items())),
                institutions=int(in_year.sum()),
                not_reported=int((in_year & blank).sum()),
                reported=lambda: reported,
            )
        }
    population = population.assign(_group=np.asarray(groups[mask], dtype=object))
    reported = population[~blank]
    sums = reported.groupby(["_group", "year"])[MEASURE].sum()
    counts = population[in_year].groupby("_group").size()
    blanks = population[in_year & blank].groupby("_group").size()
    grouped: dict[Any, dict[int, int]] = {}
    for (key, y), total in zip(sums.index.tolist(), sums.tolist(), strict=True):
        grouped.setdefault(key, {})[int(y)] = int(total)
    parts = reported.groupby("_group")
    found: dict[Any, GrowthInputs] = {}
    for key in set(grouped) | set(counts.index.tolist()):
        found[key] = GrowthInputs(
            series=dict(sorted(grouped.get(key, {}).items())),
            institutions=int(counts.get(key, 0)),
            not_reported=int(blanks.get(key, 0)),
            reported=partial(_part, parts, key, reported),
        )
    return found


def _part(parts: Any, key: Any, reported: pd.DataFrame) -> pd.DataFrame:
    """The reported rows of one group (none when the group reported no visits)."""
    return parts.get_group(key) if key in parts.groups else reported.iloc[0:0]


def growth(
    indicator: GrowthIndicator, records: pd.DataFrame, plan: Plan, year: int
) -> GrowthResult:
    inputs = growth_inputs(indicator, records, year).get(None)
    return growth_result(indicator, inputs or _NO_GROWTH, plan, year)


def growth_result(
    indicator: GrowthIndicator, inputs: GrowthInputs, plan: Plan, year: int
) -> GrowthResult:
    """The indicator's figures for ``year`` from its yearly totals."""
    series = inputs.series
    milestone = indicator.milestone_for(year)
    band_target = indicator.targets[milestone]
    notes: list[str] = []
    base_year: int | None = plan.period_start(milestone, year)
    if base_year is None or base_year not in series or base_year >= year:
        earlier = [y for y in series if y < year]
        if earlier:
            notes.append(
                f"no data for {base_year}: growth is measured from {earlier[0]}, "
                "the earliest year in the data"
            )
            base_year = earlier[0]
        else:
            notes.append(f"no earlier year than {year} to measure growth from")
            base_year = None
    total = series.get(year, 0)
    previous = series.get(year - 1)
    yoy = total / previous - 1 if previous and year in series else None
    result = {
        **_identity(indicator),
        "measure": indicator.measure,
        "milestone": milestone,
        "target": band_target.min / 100,
        "target_max": None if band_target.max is None else band_target.max / 100,
        "total": total,
        "institutions": inputs.institutions,
        "not_reported": inputs.not_reported,
        "yoy": yoy,
        "series": series,
    }

    def no_rate(base_total: int | None, like: LikeForLike | None) -> GrowthResult:
        return GrowthResult(
            **result,
            actual=None,
            gap=None,
            status=Status.NO_DATA,
            band=None,
            base_year=base_year,
            base_total=base_total,
            like_for_like=like,
            notes=notes,
        )

    if year not in series or base_year is None:
        if year not in series:
            notes.append(f"no visits reported for {year}")
        return no_rate(series.get(base_year) if base_year else None, None)
    base_total = series[base_year]
    span = year - base_year
    like = _like_for_like(inputs.reported(), base_year, year, span)
    if base_total == 0:
        notes.append(f"{base_year} total is 0: growth from zero has no rate")
        return no_rate(0, like)
    ratio = Fraction(total, base_total)
    low = (1 + Fraction(str(band_target.min)) / 100) ** span
    band = None
    if band_target.max is not None:
        high = (1 + Fraction(str(band_target.max)) / 100) ** span
        band = "below" if ratio < low else "above" if ratio > high else "within"
    actual = _average_growth(base_total, total, span)
    assert actual is not None
    return GrowthResult(
        **result,
        actual=actual,
        gap=max(0.0, band_target.min / 100 - actual) if ratio < low else 0.0,
        status=Status.MET if ratio >= low else Status.BEHIND,
        band=band,
        base_year=base_year,
        base_total=base_total,
        like_for_like=like,
        notes=notes,
    )


def _like_for_like(reported: pd.DataFrame, base_year: int, year: int, span: int) -> LikeForLike:
    base = reported[reported["year"] == base_year].set_index("id")[MEASURE]
    now = reported[reported["year"] == year].set_index("id")[MEASURE]
    both = base.index.intersection(now.index)
    base_total = int(base.loc[both].sum())
    total = int(now.loc[both].sum())
    return LikeForLike(
        institutions=len(both),
        base_total=base_total,
        total=total,
        actual=_average_growth(base_total, total, span),
    )


def measure(
    records: pd.DataFrame, plan: Plan, year: int, years: list[int]
) -> list[CoverageResult | GrowthResult]:
    """Every indicator of the plan, in its order, over these records for ``year``."""
    return measure_groups(records, plan, year, years).get(None, [])


def measure_groups(
    records: pd.DataFrame,
    plan: Plan,
    year: int,
    years: list[int],
    groups: pd.Series | None = None,
    names: Sequence[Any] | None = None,
) -> dict[Any, list[CoverageResult | GrowthResult]]:
    """Every indicator for each group of records (``groups`` holds each row's group;
    ``names`` the groups to report, in order), each indicator's population grouped once."""
    from ltl_plan.trend import coverage_trend, growth_trend

    wanted = [None] if groups is None else list(names if names is not None else groups.unique())
    results: dict[Any, list[CoverageResult | GrowthResult]] = {key: [] for key in wanted}
    grouping = Grouping.of(groups, records)
    for indicator in plan.indicators:
        if isinstance(indicator, CoverageIndicator):
            counts = coverage_counts(indicator, records, grouping)
            for key in wanted:
                found = coverage_result(indicator, counts.get(key, {}), plan, year, years)
                trend = coverage_trend(indicator, found, plan, year)
                results[key].append(found.model_copy(update={"trend": trend}))
        else:
            inputs = growth_inputs(indicator, records, year, groups)
            for key in wanted:
                grown = growth_result(indicator, inputs.get(key, _NO_GROWTH), plan, year)
                trend = growth_trend(indicator, grown, plan, year)
                results[key].append(grown.model_copy(update={"trend": trend}))
    return results


_NO_GROWTH = GrowthInputs(
    series={},
    institutions=0,
    not_reported=0,
    reported=lambda: pd.DataFrame(columns=["id", "year", MEASURE]),
)
