"""Progress over the years: the plan's path to each milestone, and where the current pace
leads. Pure functions over an indicator's per-year series; nothing here reads or prints.

Coverage: the straight path runs from the value in the baseline year (or the earliest
year in the data, or 0% when there is none) to the first milestone's target, then from
each milestone's target to the next. The pace is the average change a year from the
earliest year in the data to the reporting year; the reach year is when that pace would
bring the value to the target in force.

Growth: the paths are the baseline year's total grown by the band's minimum and maximum
a year (10% and 15% in plan 76); the projection carries the current total forward to the
final review at the current average growth.
"""

from __future__ import annotations

import math
from itertools import pairwise

from ltl_plan.plan import CoverageIndicator, GrowthIndicator, Plan
from ltl_plan.result import CoverageResult, GrowthResult, Trend


def _start(series: dict[int, float | None], baseline: int) -> tuple[int, float]:
    known = {year: value for year, value in series.items() if value is not None}
    if baseline in known:
        return baseline, known[baseline]
    earlier = sorted(known)
    if earlier and earlier[0] < baseline:
        return earlier[0], known[earlier[0]]
    return baseline, 0.0


def coverage_trend(
    indicator: CoverageIndicator, result: CoverageResult, plan: Plan, year: int
) -> Trend:
    final = plan.plan.reviews.final
    start_year, start = _start(result.series, plan.plan.baseline_year)
    points = [(start_year, start)] + [
        (milestone, float(indicator.target_fraction(milestone)))
        for milestone in sorted(indicator.targets)
        if milestone > start_year
    ]
    path: dict[int, float] = {}
    for (y0, v0), (y1, v1) in pairwise(points):
        for y in range(y0, y1 + 1):
            path[y] = v0 + (v1 - v0) * (y - y0) / (y1 - y0)
    known = sorted(y for y, v in result.series.items() if v is not None and y <= year)
    pace = None
    if result.actual is not None and known and known[0] < year:
        first = result.series[known[0]]
        assert first is not None
        pace = (result.actual - first) / (year - known[0])
    reach_year, note = None, ""
    if result.actual is None:
        note = "no data"
    elif result.actual >= result.target - 1e-12:
        reach_year, note = year, "reached"
    elif pace is None:
        note = "no pace yet (one year)"
    elif pace <= 0:
        note = "never (no progress)"
    else:
        reach_year = year + math.ceil((result.target - result.actual) / pace - 1e-9)
        if reach_year > final:
            reach_year, note = None, f"not by {final}"
        else:
            note = f"in {reach_year}"
    return Trend(path=path, path_high=None, pace=pace, reach_year=reach_year, reach=note)


def growth_trend(indicator: GrowthIndicator, result: GrowthResult, plan: Plan, year: int) -> Trend:
    final = plan.plan.reviews.final
    series: dict[int, float | None] = {y: float(t) for y, t in result.series.items()}
    start_year, start = _start(series, plan.plan.baseline_year)
    bands = [indicator.targets[m] for m in sorted(indicator.targets)]
    low = min(band.min for band in bands) / 100
    highs = [band.max for band in bands if band.max is not None]
    high = max(highs) / 100 if highs else None
    path = {y: start * (1 + low) ** (y - start_year) for y in range(start_year, final + 1)}
    path_high = (
        {y: start * (1 + high) ** (y - start_year) for y in range(start_year, final + 1)}
        if high is not None
        else None
    )
    rates = [low] if high is None else [low, high]
    if result.actual is None:
        return Trend(
            path=path, path_high=path_high, rates=rates, pace=None, reach_year=None, reach="no data"
        )
    projected = result.total * (1 + result.actual) ** (final - year)
    note = f"{projected:,.0f} in {final}"
    return Trend(
        path=path,
        path_high=path_high,
        rates=rates,
        pace=result.actual,
        reach_year=None,
        reach=note,
    )
