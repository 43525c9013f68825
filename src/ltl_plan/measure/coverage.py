"""Indicators of a yes/no flag: the share of a population with it (``coverage``), or the
number of institutions with it (``count``), against the target of the milestone in force
and the plan's path to it (:mod:`.paths`).

Pure functions: nothing here reads a file or prints. Comparisons with targets are exact
fractions, so 7 of 10 institutions meets a 70% target without floating-point doubt.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from ltl_plan.measure.grouping import Grouping, identity
from ltl_plan.measure.paths import Leg, coverage_legs, leg_in_force
from ltl_plan.messages import Message
from ltl_plan.plan import CountIndicator, CoverageIndicator, Plan
from ltl_plan.result import CountResult, CoverageResult, Path, Status

Counts = dict[int, tuple[int, int, int]]  # year -> (achieved, total, not reported)


def flag_counts(
    indicator: CoverageIndicator | CountIndicator, records: pd.DataFrame, grouping: Grouping
) -> dict[Any, Counts]:
    """Per group: the counts of every year, from one pass of counting over the
    indicator's population."""
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


def _values(indicator: CoverageIndicator | CountIndicator, counts: Counts) -> dict[int, Fraction]:
    """Each year's value in the indicator's own unit: the share (coverage) or the number
    of institutions with the flag (count)."""
    if isinstance(indicator, CountIndicator):
        return {y: Fraction(c[0]) for y, c in counts.items()}
    return {y: Fraction(c[0], c[1]) for y, c in counts.items()}


def legs_of(
    indicator: CoverageIndicator | CountIndicator, counts: Counts, plan: Plan, year: int
) -> list[Leg]:
    """The plan's path of the indicator, as judged in ``year``."""
    targets = {m: indicator.target_value(m) for m in indicator.targets}
    return coverage_legs(targets, _values(indicator, counts), plan.plan.baseline_year, year)


def flag_result(
    indicator: CoverageIndicator | CountIndicator,
    counts: Counts,
    legs: list[Leg],
    year: int,
    years: list[int],
) -> CoverageResult | CountResult:
    """The indicator's figures for ``year`` from its counts of every year and its path."""
    milestone = indicator.milestone_for(year)
    target = indicator.target_value(milestone)
    values = _values(indicator, counts)
    common: dict[str, Any] = {**identity(indicator, milestone), "flag": indicator.flag}
    count = isinstance(indicator, CountIndicator)
    common["series"] = {y: _shown(values[y], count) if y in values else None for y in years}
    common["target"] = int(target) if count else float(target)
    model: type[CoverageResult | CountResult] = CountResult if count else CoverageResult
    if year not in counts:
        return model(
            **common, actual=None, gap=None, status=Status.NO_DATA, achieved=0, total=0,
            not_reported=0, needed=None, path=None,
        )  # fmt: skip
    achieved, total, not_reported = counts[year]
    actual = values[year]
    leg = leg_in_force(legs, year)
    notes: list[Message] = [leg.note] if leg.note is not None else []
    path = None
    if actual >= target:
        status = Status.MET
    elif year >= milestone:
        status = Status.BEHIND
    else:
        expected = leg.value(year)
        path = Path(from_year=leg.start_year, from_value=float(leg.start), expected=float(expected))
        status = Status.ON_TRACK if actual >= expected else Status.BEHIND
    needed = math.ceil(target) - achieved if count else math.ceil(target * total) - achieved
    return model(
        **common,
        actual=_shown(actual, count),
        gap=_shown(max(Fraction(0), target - actual), count),
        status=status,
        achieved=achieved,
        total=total,
        not_reported=not_reported,
        needed=max(0, needed),
        path=path,
        notes=notes,
    )


def _shown(value: Fraction, count: bool) -> Any:
    return int(value) if count else float(value)
