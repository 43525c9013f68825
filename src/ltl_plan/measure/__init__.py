"""Measuring: checked records and the plan in, each indicator's figures out, for the
whole province or for each group of records (a district). Pure: nothing here reads a
file or prints.

:mod:`.grouping` says who each indicator counts; :mod:`.coverage` and :mod:`.growth`
compute the figures of each kind of indicator; :mod:`.paths` the plan's path to each
milestone and where the current pace leads.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from ltl_plan.measure.coverage import coverage_counts, coverage_result
from ltl_plan.measure.grouping import Grouping
from ltl_plan.measure.growth import NO_GROWTH, growth_inputs, growth_result
from ltl_plan.measure.paths import coverage_trend, growth_trend
from ltl_plan.plan import CoverageIndicator, Plan
from ltl_plan.result import CoverageResult, GrowthResult


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
    wanted = [None] if groups is None else list(names if names is not None else groups.unique())
    results: dict[Any, list[CoverageResult | GrowthResult]] = {key: [] for key in wanted}
    grouping = Grouping.of(groups, records, plan)
    for indicator in plan.indicators:
        if isinstance(indicator, CoverageIndicator):
            counts = coverage_counts(indicator, records, grouping)
            for key in wanted:
                found = coverage_result(indicator, counts.get(key, {}), plan, year, years)
                trend = coverage_trend(indicator, found, plan, year)
                results[key].append(found.model_copy(update={"trend": trend}))
        else:
            inputs = growth_inputs(indicator, records, year, grouping)
            for key in wanted:
                grown = growth_result(indicator, inputs.get(key, NO_GROWTH), plan, year)
                trend = growth_trend(indicator, grown, plan, year)
                results[key].append(grown.model_copy(update={"trend": trend}))
    return results
