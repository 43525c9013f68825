"""Measuring: checked records and the plan in, each indicator's figures out, for the
whole or for each group of records (the places of one level). Pure: nothing here reads a
file or prints.

:mod:`.grouping` says who each indicator counts; :mod:`.coverage` computes the figures
of the yes/no indicators (coverage and count), :mod:`.growth` those of growth; :mod:`.paths`
the plan's path to each milestone, the one the status is judged against and the trend
draws; :mod:`.pace` where the current pace leads.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from ltl_plan.measure.coverage import flag_counts, flag_result
from ltl_plan.measure.coverage import legs_of as flag_legs
from ltl_plan.measure.grouping import Grouping
from ltl_plan.measure.growth import growth_inputs, growth_result, no_growth
from ltl_plan.measure.growth import legs_of as growth_paths
from ltl_plan.measure.pace import flag_trend, growth_trend
from ltl_plan.messages import note
from ltl_plan.plan import GrowthIndicator, Plan
from ltl_plan.plan.indicators import IndicatorBase
from ltl_plan.result import AnyResult, GrowthResult, Status, Trend


def measure(records: pd.DataFrame, plan: Plan, year: int, years: list[int]) -> list[AnyResult]:
    """Every indicator of the plan, in its order, over these records for ``year``."""
    return measure_groups(records, plan, year, years).get(None, [])


def measure_groups(
    records: pd.DataFrame,
    plan: Plan,
    year: int,
    years: list[int],
    groups: pd.Series | None = None,
    names: Sequence[Any] | None = None,
) -> dict[Any, list[AnyResult]]:
    """Every indicator for each group of records (``groups`` holds each row's group;
    ``names`` the groups to report, in order), each indicator's population grouped once."""
    wanted = [None] if groups is None else list(names if names is not None else groups.unique())
    results: dict[Any, list[AnyResult]] = {key: [] for key in wanted}
    grouping = Grouping.of(groups, records, plan)
    merged = next((r.merges for r in plan.reforms if r.merges in records), None)
    for indicator in plan.indicators:
        if isinstance(indicator, GrowthIndicator):
            inputs = growth_inputs(indicator, records, year, grouping, merged)
            for key in wanted:
                one = inputs.get(key) or no_growth(indicator.measure)
                paths = growth_paths(indicator, one.series, plan, year)
                grown = growth_result(indicator, one, paths, plan, year)
                trend = growth_trend(grown, paths, plan, year)
                results[key].append(_applies(grown, trend, indicator, plan, year))
        else:
            counts = flag_counts(indicator, records, grouping)
            for key in wanted:
                own = counts.get(key, {})
                legs = flag_legs(indicator, own, plan, year)
                found = flag_result(indicator, own, legs, year, years)
                trend = flag_trend(found, legs, plan, year)
                results[key].append(_applies(found, trend, indicator, plan, year))
    return results


def _applies(
    found: AnyResult, trend: Trend, indicator: IndicatorBase, plan: Plan, year: int
) -> AnyResult:
    """The result with its trend; outside the years the indicator applies to, not
    applicable, with the reason the file gives (its reform's words): never behind and
    never without data, its series kept."""
    if year in indicator.years:
        return found.model_copy(update={"trend": trend})
    reason = plan.ended(indicator.years, year)
    said = (
        note("not_applicable_reason", year=year, reason=reason)
        if reason is not None
        else note("not_applicable", year=year)
    )
    update: dict[str, Any] = {"status": Status.NOT_APPLICABLE, "actual": None, "gap": None}
    lapsed = {"pace": None, "reach_year": None, "reach": note("reach_not_applicable")}
    update.update(notes=[said], trend=trend.model_copy(update=lapsed))
    if not isinstance(found, GrowthResult):
        update.update(needed=None, path=None)
    else:
        update.update(band=None, like_for_like=None)
    return found.model_copy(update=update)
