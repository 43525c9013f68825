"""Growth indicators: the compound average annual growth of a yearly total (learning
visits) over a population, against the band of the milestone in force, with the growth
from the year before and over only the institutions that reported in both years.

Pure functions: nothing here reads a file or prints. 1000 -> 1210 visits over two years
meets 10% a year exactly (compared as fractions).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import partial
from typing import Any

import pandas as pd

from ltl_plan.measure.grouping import Grouping, identity
from ltl_plan.plan import GrowthIndicator, Plan
from ltl_plan.result import GrowthResult, LikeForLike, Status
from ltl_plan.validate import MEASURE


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
    indicator: GrowthIndicator, records: pd.DataFrame, year: int, grouping: Grouping
) -> dict[Any, GrowthInputs]:
    """Per group, from one grouped pass over the indicator's population."""
    mask = grouping.members(records, indicator.population) & (grouping.codes >= 0)
    population = records.loc[mask, ["id", "year", MEASURE]]
    population = population.assign(_group=grouping.codes[mask])
    blank = population[MEASURE].isna()
    reported = population[~blank]
    in_year = population["year"] == year
    sums = reported.groupby(["_group", "year"])[MEASURE].sum()
    counts = population[in_year].groupby("_group").size()
    blanks = population[in_year & blank].groupby("_group").size()
    grouped: dict[int, dict[int, int]] = {}
    for (code, y), total in zip(sums.index.tolist(), sums.tolist(), strict=True):
        grouped.setdefault(code, {})[int(y)] = int(total)
    parts = reported.groupby("_group")
    found: dict[Any, GrowthInputs] = {}
    for code in set(grouped) | set(counts.index.tolist()):
        part = (
            (lambda: reported)
            if len(grouping.names) == 1
            else partial(_part, parts, code, reported)
        )
        found[grouping.names[code]] = GrowthInputs(
            series=dict(sorted(grouped.get(code, {}).items())),
            institutions=int(counts.get(code, 0)),
            not_reported=int(blanks.get(code, 0)),
            reported=part,
        )
    return found


def _part(parts: Any, key: Any, reported: pd.DataFrame) -> pd.DataFrame:
    """The reported rows of one group (none when the group reported no visits)."""
    return parts.get_group(key) if key in parts.groups else reported.iloc[0:0]


def growth_result(
    indicator: GrowthIndicator, inputs: GrowthInputs, plan: Plan, year: int
) -> GrowthResult:
    """The indicator's figures for ``year`` from its yearly totals."""
    series = inputs.series
    milestone = indicator.milestone_for(year)
    band_target = indicator.targets[milestone]
    notes: list[str] = []
    base_year = _base_year(series, plan.period_start(milestone, year), year, notes)
    total = series.get(year, 0)
    previous = series.get(year - 1)
    common = {
        **identity(indicator),
        "measure": indicator.measure,
        "milestone": milestone,
        "target": band_target.min / 100,
        "target_max": None if band_target.max is None else band_target.max / 100,
        "total": total,
        "institutions": inputs.institutions,
        "not_reported": inputs.not_reported,
        "yoy": total / previous - 1 if previous and year in series else None,
        "series": series,
        "base_year": base_year,
        "notes": notes,
    }
    if year not in series or base_year is None:
        if year not in series:
            notes.append(f"no visits reported for {year}")
        base_total = series.get(base_year) if base_year else None
        return GrowthResult(
            **common, actual=None, gap=None, status=Status.NO_DATA, band=None,
            base_total=base_total, like_for_like=None,
        )  # fmt: skip
    base_total = series[base_year]
    span = year - base_year
    like = _like_for_like(inputs.reported(), base_year, year, span)
    if base_total == 0:
        notes.append(f"{base_year} total is 0: growth from zero has no rate")
        return GrowthResult(
            **common, actual=None, gap=None, status=Status.NO_DATA, band=None, base_total=0,
            like_for_like=like,
        )  # fmt: skip
    ratio = Fraction(total, base_total)
    low = (1 + Fraction(str(band_target.min)) / 100) ** span
    band = None
    if band_target.max is not None:
        high = (1 + Fraction(str(band_target.max)) / 100) ** span
        band = "below" if ratio < low else "above" if ratio > high else "within"
    actual = _average_growth(base_total, total, span)
    assert actual is not None
    return GrowthResult(
        **common,
        actual=actual,
        gap=max(0.0, band_target.min / 100 - actual) if ratio < low else 0.0,
        status=Status.MET if ratio >= low else Status.BEHIND,
        band=band,
        base_total=base_total,
        like_for_like=like,
    )


def _base_year(series: dict[int, int], start: int, year: int, notes: list[str]) -> int | None:
    """The year growth is measured from: the period's ``start``, or the earliest year in
    the data before ``year`` (said in ``notes``); None when there is none."""
    if start in series and start < year:
        return start
    earlier = [y for y in series if y < year]
    if earlier:
        notes.append(
            f"no data for {start}: growth is measured from {earlier[0]}, "
            "the earliest year in the data"
        )
        return earlier[0]
    notes.append(f"no earlier year than {year} to measure growth from")
    return None


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


NO_GROWTH = GrowthInputs(
    series={},
    institutions=0,
    not_reported=0,
    reported=lambda: pd.DataFrame(columns=["id", "year", MEASURE]),
)
