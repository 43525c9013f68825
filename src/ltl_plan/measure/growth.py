"""Growth indicators: the compound average annual growth of a yearly total (learning
visits, or any measure the plan declares) over a population, against the band of the
milestone in force, with the growth from the year before and over only the institutions
that reported in both years (like for like).

Pure functions: nothing here reads a file or prints. 1000 -> 1210 visits over two years
meets 10% a year exactly (compared as fractions).

Across a merger (two former provinces made one), the base year's total counts every
former part that reported then; when one did not, the totals of the two years cover
different territories, so the growth is judged like for like (over the institutions that
reported in both years), and a note says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from functools import partial
from typing import Any

import pandas as pd

from ltl_plan.measure.grouping import Grouping, identity
from ltl_plan.measure.paths import GrowthLeg, growth_legs, leg_in_force
from ltl_plan.messages import Message, note
from ltl_plan.plan import GrowthIndicator, Plan
from ltl_plan.plan.indicators import GrowthBand, fraction_of_percent
from ltl_plan.result import GrowthResult, LikeForLike, Status


def _average_growth(base: int, total: int, years: int) -> float | None:
    if base <= 0 or years <= 0:
        return None
    return float((total / base) ** (1 / years) - 1)


@dataclass(frozen=True)
class GrowthInputs:
    """What a growth indicator needs of one group of records."""

    series: dict[int, int]  # total of the reported measure per year
    institutions: int  # in the population in the reporting year
    not_reported: int  # of those, with no number
    # id, year and number of the rows with a number (for like for like): taken only when
    # a growth rate is measured, as splitting them by group costs more than the rest.
    reported: Callable[[], pd.DataFrame]
    # The places of the merged level (former provinces) that reported, per year.
    reporters: dict[int, set[str]] = field(default_factory=dict)


def growth_inputs(
    indicator: GrowthIndicator,
    records: pd.DataFrame,
    year: int,
    grouping: Grouping,
    merged: str | None = None,
) -> dict[Any, GrowthInputs]:
    """Per group, from one grouped pass over the indicator's population; ``merged``, the
    place level of a merger, when the records have that column."""
    measure = indicator.measure
    mask = grouping.members(records, indicator.population) & (grouping.codes >= 0)
    columns = ["id", "year", measure, *([merged] if merged else [])]
    population = records.loc[mask, columns].assign(_group=grouping.codes[mask])
    blank = population[measure].isna()
    reported = population[~blank]
    in_year = population["year"] == year
    sums = reported.groupby(["_group", "year"])[measure].sum()
    counts = population[in_year].groupby("_group").size()
    blanks = population[in_year & blank].groupby("_group").size()
    grouped: dict[int, dict[int, int]] = {}
    for (code, y), total in zip(sums.index.tolist(), sums.tolist(), strict=True):
        grouped.setdefault(code, {})[int(y)] = int(total)
    reporters = _reporters(reported, merged)
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
            reporters=reporters.get(code, {}),
        )
    return found


def _reporters(reported: pd.DataFrame, merged: str | None) -> dict[int, dict[int, set[str]]]:
    """Per group and year, the places of the merged level with a reported number."""
    if merged is None:
        return {}
    pairs = reported[["_group", "year", merged]].dropna().drop_duplicates()
    found: dict[int, dict[int, set[str]]] = {}
    for code, y, place in pairs.itertuples(index=False):
        found.setdefault(int(code), {}).setdefault(int(y), set()).add(str(place))
    return found


def _part(parts: Any, key: Any, reported: pd.DataFrame) -> pd.DataFrame:
    """The reported rows of one group (none when the group reported no number)."""
    return parts.get_group(key) if key in parts.groups else reported.iloc[0:0]


def legs_of(
    indicator: GrowthIndicator, series: dict[int, int], plan: Plan, year: int
) -> list[GrowthLeg]:
    """The plan's growth paths of the indicator, as judged in ``year``."""
    bands = {
        m: (
            fraction_of_percent(band.min),
            None if band.max is None else fraction_of_percent(band.max),
        )
        for m, band in indicator.targets.items()
    }
    return growth_legs(bands, series, plan.plan.baseline_year, year)


def growth_result(
    indicator: GrowthIndicator,
    inputs: GrowthInputs,
    legs: list[GrowthLeg],
    plan: Plan,
    year: int,
) -> GrowthResult:
    """The indicator's figures for ``year`` from its yearly totals and its paths."""
    series = inputs.series
    milestone = indicator.milestone_for(year)
    band = indicator.targets[milestone]
    measure = plan.measure(indicator.measure)
    leg = leg_in_force(legs, year)
    notes: list[Message] = [leg.note] if leg.note is not None else []
    base_year = leg.start_year if leg.start is not None and leg.start_year < year else None
    if leg.start is not None and leg.start_year >= year:
        notes = [note("growth_no_base", year=year)]
    total = series.get(year, 0)
    previous = series.get(year - 1)
    common = {
        **identity(indicator, milestone),
        "measure": indicator.measure,
        "unit": measure.unit,
        "target": band.min / 100,
        "target_max": None if band.max is None else band.max / 100,
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
            notes.append(note("growth_no_total", unit=measure.unit, year=year))
        base_total = series.get(base_year) if base_year else None
        return GrowthResult(
            **common, actual=None, gap=None, status=Status.NO_DATA, band=None,
            base_total=base_total, like_for_like=None,
        )  # fmt: skip
    base_total = series[base_year]
    span = year - base_year
    like = _like_for_like(inputs.reported(), indicator.measure, base_year, year, span)
    merger = _merger_note(inputs, plan, base_year, year, like, measure.unit)
    # The totals of the two years cover different territories when a former part of a
    # merger has no base year: the growth is judged over the same institutions.
    compared = (base_total, total)
    if merger is not None:
        notes.append(merger)
        compared = (like.base_total, like.total)
    if compared[0] == 0:
        notes.append(note("growth_zero_base", year=base_year))
        return GrowthResult(
            **common, actual=None, gap=None, status=Status.NO_DATA, band=None, base_total=0,
            like_for_like=like,
        )  # fmt: skip
    judged = _judged(compared, band, span)
    return GrowthResult(**common, **judged, base_total=base_total, like_for_like=like)


def _judged(compared: tuple[int, int], band: GrowthBand, span: int) -> dict[str, Any]:
    """The average yearly growth from ``compared`` (base total, total) over ``span``
    years, judged exactly against the band: the growth compounded over the span, in
    fractions (a pace of exactly 10% a year is met, whatever binary floats would say)."""
    ratio = Fraction(compared[1], compared[0])
    low = (1 + Fraction(str(band.min)) / 100) ** span
    within = None
    if band.max is not None:
        high = (1 + Fraction(str(band.max)) / 100) ** span
        within = "below" if ratio < low else "above" if ratio > high else "within"
    actual = _average_growth(*compared, span)
    assert actual is not None
    return {
        "actual": actual,
        "gap": max(0.0, band.min / 100 - actual) if ratio < low else 0.0,
        "status": Status.MET if ratio >= low else Status.BEHIND,
        "band": within,
    }


def _merger_note(
    inputs: GrowthInputs, plan: Plan, base_year: int, year: int, like: LikeForLike, unit: Any
) -> Message | None:
    """When a former part of a merger that reports now did not in the base year, say so."""
    reform = next((r for r in plan.reforms if r.merges), None)
    now, then = inputs.reporters.get(year, set()), inputs.reporters.get(base_year, set())
    missing = sorted(now - then)
    if reform is None or not then or not missing:
        return None
    assert reform.merges is not None
    return note(
        "growth_merger_base",
        base=base_year,
        unit=unit,
        missing=", ".join(missing),
        level=plan.place_level(reform.merges).label,
        present=", ".join(sorted(then)),
        n=like.institutions,
    )


def _like_for_like(
    reported: pd.DataFrame, measure: str, base_year: int, year: int, span: int
) -> LikeForLike:
    base = reported[reported["year"] == base_year].set_index("id")[measure]
    now = reported[reported["year"] == year].set_index("id")[measure]
    both = base.index.intersection(now.index)
    base_total = int(base.loc[both].sum())
    total = int(now.loc[both].sum())
    return LikeForLike(
        institutions=len(both),
        base_total=base_total,
        total=total,
        actual=_average_growth(base_total, total, span),
    )


def no_growth(measure: str) -> GrowthInputs:
    """The inputs of a group with no row of the population."""
    return GrowthInputs(
        series={},
        institutions=0,
        not_reported=0,
        reported=lambda: pd.DataFrame(columns=["id", "year", measure]),
    )
