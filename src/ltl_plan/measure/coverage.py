"""Coverage indicators: the share of a population of institutions whose yes/no flag is
yes, against the target of the milestone in force.

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
from ltl_plan.plan import CoverageIndicator, Plan
from ltl_plan.result import CoverageResult, Path, Status

Counts = dict[int, tuple[int, int, int]]  # year -> (achieved, total, not reported)


def _line(
    start: Fraction, target: Fraction, start_year: int, milestone: int, year: int
) -> Fraction:
    """The straight path's value in ``year``, from ``start`` to ``target`` at ``milestone``."""
    if year >= milestone:
        return target
    return start + (target - start) * Fraction(year - start_year, milestone - start_year)


def coverage_counts(
    indicator: CoverageIndicator, records: pd.DataFrame, grouping: Grouping
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


def coverage_result(
    indicator: CoverageIndicator, counts: Counts, plan: Plan, year: int, years: list[int]
) -> CoverageResult:
    """The indicator's figures for ``year`` from its counts of every year."""
    milestone = indicator.milestone_for(year)
    target = indicator.target_fraction(milestone)
    series = {y: (counts[y][0] / counts[y][1] if y in counts else None) for y in years}
    common = {
        **identity(indicator),
        "flag": indicator.flag,
        "milestone": milestone,
        "target": float(target),
        "series": series,
    }
    if year not in counts:
        return CoverageResult(
            **common, actual=None, gap=None, status=Status.NO_DATA, achieved=0, total=0,
            not_reported=0, needed=None, path=None, notes=[],
        )  # fmt: skip
    achieved, total, not_reported = counts[year]
    actual = Fraction(achieved, total)
    notes: list[str] = []
    path = None
    if actual >= target:
        status = Status.MET
    elif year >= milestone:
        status = Status.BEHIND
    else:
        start_year, start = _path_start(counts, plan.period_start(milestone, year), milestone,
                                        year, notes)  # fmt: skip
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
        needed=max(0, math.ceil(target * total) - achieved),
        path=path,
        notes=notes,
    )


def _path_start(
    counts: Counts, start_year: int, milestone: int, year: int, notes: list[str]
) -> tuple[int, Fraction]:
    """Where the straight path to ``milestone`` starts: the value in ``start_year``, or
    in the earliest year of the data, or 0% (each choice said in ``notes``)."""
    if start_year in counts and start_year <= year:
        return start_year, Fraction(counts[start_year][0], counts[start_year][1])
    earlier = [y for y in sorted(counts) if y < year]
    if earlier:
        notes.append(
            f"no data for {start_year}: the path to the {milestone} target starts "
            f"from {earlier[0]}, the earliest year in the data"
        )
        return earlier[0], Fraction(counts[earlier[0]][0], counts[earlier[0]][1])
    if start_year > year:
        notes.append(f"{year} is before the plan's baseline year {start_year}")
        return year, Fraction(counts[year][0], counts[year][1])
    notes.append(
        f"no data for {start_year} or any year before {year}: the path to the "
        f"{milestone} target is drawn from 0% in {start_year}"
    )
    return start_year, Fraction(0)
