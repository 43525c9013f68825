"""Measuring one population of records against each indicator of the plan.

Pure functions: nothing here reads a file or prints. Comparisons with targets are done in
exact fractions, so 7 of 10 institutions meets a 70% target and 1000 -> 1210 visits over
two years meets 10% a year, without floating-point doubt.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

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


def population_mask(records: pd.DataFrame, population: Population) -> pd.Series:
    mask = records["category"].isin(population.categories)
    if population.levels is not None:
        mask &= records["level"].isin(population.levels)
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


def coverage(
    indicator: CoverageIndicator, records: pd.DataFrame, plan: Plan, year: int, years: list[int]
) -> CoverageResult:
    mask = population_mask(records, indicator.population).to_numpy()
    population = records.loc[mask, ["year", indicator.flag]]
    flag = population[indicator.flag]
    by_year = pd.DataFrame(
        {
            "total": population.groupby("year").size(),
            "achieved": flag.fillna(False).astype(bool).groupby(population["year"]).sum(),
            "not_reported": flag.isna().groupby(population["year"]).sum(),
        }
    )
    counts = {
        int(y): (int(achieved), int(total), int(blank))
        for y, total, achieved, blank in zip(
            by_year.index.tolist(),
            by_year["total"].tolist(),
            by_year["achieved"].tolist(),
            by_year["not_reported"].tolist(),
            strict=True,
        )
        if total > 0
    }
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


def growth(
    indicator: GrowthIndicator, records: pd.DataFrame, plan: Plan, year: int
) -> GrowthResult:
    mask = population_mask(records, indicator.population).to_numpy()
    population = records.loc[mask, ["id", "year", MEASURE]]
    visits = population[MEASURE]
    reported = population[visits.notna()]
    sums = reported.groupby("year")[MEASURE].sum().sort_index()
    series = {int(y): int(t) for y, t in zip(sums.index.tolist(), sums.tolist(), strict=True)}
    in_year = population[population["year"] == year]
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
        "institutions": len(in_year),
        "not_reported": int(in_year[MEASURE].isna().sum()),
        "yoy": yoy,
        "series": series,
    }
    if year not in series or base_year is None:
        if year not in series:
            notes.append(f"no visits reported for {year}")
        return GrowthResult(
            **result,
            actual=None,
            gap=None,
            status=Status.NO_DATA,
            band=None,
            base_year=base_year,
            base_total=series.get(base_year) if base_year else None,
            like_for_like=None,
            notes=notes,
        )
    base_total = series[base_year]
    span = year - base_year
    like = _like_for_like(reported, base_year, year, span)
    if base_total == 0:
        notes.append(f"{base_year} total is 0: growth from zero has no rate")
        return GrowthResult(
            **result,
            actual=None,
            gap=None,
            status=Status.NO_DATA,
            band=None,
            base_year=base_year,
            base_total=0,
            like_for_like=like,
            notes=notes,
        )
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
    from ltl_plan.trend import coverage_trend, growth_trend

    results: list[CoverageResult | GrowthResult] = []
    for indicator in plan.indicators:
        if isinstance(indicator, CoverageIndicator):
            found = coverage(indicator, records, plan, year, years)
            trend = coverage_trend(indicator, found, plan, year)
            results.append(found.model_copy(update={"trend": trend}))
        else:
            grown = growth(indicator, records, plan, year)
            trend = growth_trend(indicator, grown, plan, year)
            results.append(grown.model_copy(update={"trend": trend}))
    return results
