"""Where the current pace leads (``ltl-plan trend``): the plan's path drawn year by year
(:mod:`.paths`), the average change a year so far, and the year that pace reaches the
target in force (coverage, count) or the total it leads to by the final review (growth).
Pure functions over an indicator's result and its path."""

from __future__ import annotations

import math

from ltl_plan.measure.paths import GrowthLeg, Leg, drawn, drawn_growth
from ltl_plan.messages import note
from ltl_plan.plan import Plan
from ltl_plan.result import CountResult, CoverageResult, GrowthResult, Trend


def flag_trend(
    result: CoverageResult | CountResult, legs: list[Leg], plan: Plan, year: int
) -> Trend:
    """The path of a coverage or count indicator, its pace since the earliest year of the
    data, and when that pace reaches the target in force."""
    final = plan.plan.reviews.final
    known = sorted(y for y, v in result.series.items() if v is not None and y <= year)
    pace = None
    if result.actual is not None and known and known[0] < year:
        first = result.series[known[0]]
        assert first is not None
        pace = (result.actual - first) / (year - known[0])
    reach_year = None
    if result.actual is None:
        reach = note("reach_no_data")
    elif result.actual >= result.target - 1e-12:
        reach_year, reach = year, note("reach_reached")
    elif pace is None:
        reach = note("reach_no_pace")
    elif pace <= 0:
        reach = note("reach_never")
    else:
        reach_year = year + math.ceil((result.target - result.actual) / pace - 1e-9)
        if reach_year > final:
            reach_year, reach = None, note("reach_not_by", final=final)
        else:
            reach = note("reach_in", year=reach_year)
    return Trend(path=drawn(legs), path_high=None, pace=pace, reach_year=reach_year, reach=reach)


def growth_trend(result: GrowthResult, legs: list[GrowthLeg], plan: Plan, year: int) -> Trend:
    """The growth paths (at the bottom and the top of each milestone's band), and the
    total the current average growth leads to by the final review."""
    final = plan.plan.reviews.final
    high = drawn_growth(legs, high=True)
    lows = [float(leg.low) for leg in legs]
    highs = [float(leg.high) for leg in legs if leg.high is not None]
    rates = [min(lows)] + ([max(highs)] if highs else [])
    if result.actual is None:
        reach = note("reach_no_data")
        pace = None
    else:
        pace = result.actual
        projected = result.total * (1 + result.actual) ** (final - year)
        reach = note("reach_projected", total=round(projected), final=final)
    return Trend(
        path=drawn_growth(legs, high=False),
        path_high=high or None,
        rates=rates,
        pace=pace,
        reach_year=None,
        reach=reach,
    )
