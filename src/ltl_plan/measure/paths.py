"""The plan's path to each milestone: one computation, which ``check`` judges the status
against and ``trend`` and the report's progress sheet draw. Pure; nothing here reads or
prints.

A path has a leg per milestone of the indicator. The first leg runs from the baseline
year's value to the first milestone's target; each later leg from the value where the
data stood at the previous milestone to its own target. Where a leg's start year has no
data, it starts from the latest earlier year in the data, else from the earliest later
one (before the reporting year), else, for a leg after the first, from the previous
target, else from 0; each such choice is said in a note. Only data up to the reporting
year is used, and a leg that starts after the reporting year starts from the previous
target: the plan's own point.

Growth paths are the same legs of yearly totals, each grown by its milestone's band
(10% and 15% a year in plan 76), and the growth of the leg in force is measured from the
leg's start; a growth leg never starts from a target, which is no measured total.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

from ltl_plan.messages import Message, note

AnyLeg = TypeVar("AnyLeg", "Leg", "GrowthLeg")


@dataclass(frozen=True)
class Leg:
    """The straight line (or, for growth, the compound one) from ``start`` in
    ``start_year`` to ``target`` at ``milestone``."""

    milestone: int
    start_year: int
    start: Fraction
    target: Fraction
    note: Message | None = None  # how the start was chosen, when not the natural one

    def value(self, year: int) -> Fraction:
        """The line's value in ``year`` (the target from the milestone on)."""
        if year >= self.milestone or self.milestone == self.start_year:
            return self.target
        share = Fraction(year - self.start_year, self.milestone - self.start_year)
        return self.start + (self.target - self.start) * share


def _start(
    series: Mapping[int, Fraction], start_year: int, year: int, previous: Fraction | None
) -> tuple[int, Fraction, Message | None] | None:
    """Where a leg starting in ``start_year`` starts, given the data up to ``year``; None
    when there is no point to start from (only when ``previous`` is None)."""
    known = {y: v for y, v in series.items() if y <= year}
    if start_year > year and previous is not None:
        return start_year, previous, None
    if start_year in known:
        return start_year, known[start_year], None
    earlier = [y for y in known if y < start_year]
    if earlier:
        found = max(earlier)
        return found, known[found], note("path_from_latest", start=start_year, year=found)
    later = sorted(y for y in known if start_year < y < year)
    if later:
        return (
            later[0],
            known[later[0]],
            note("path_from_earliest", start=start_year, year=later[0]),
        )
    if previous is not None:
        return start_year, previous, note("path_from_target", start=start_year)
    return None


def coverage_legs(
    targets: Mapping[int, Fraction], series: Mapping[int, Fraction], baseline: int, year: int
) -> list[Leg]:
    """The legs of a coverage or count indicator's path (values in its own unit: a share
    or a number of institutions), one per milestone in order."""
    legs: list[Leg] = []
    previous: Fraction | None = None
    start_year = baseline
    for milestone in sorted(targets):
        found = _start(series, start_year, year, previous)
        if found is None:
            if start_year > year and year in series:  # a year before the baseline year
                found = (year, series[year], note("before_baseline", year=year, start=start_year))
            else:
                zero = note("path_from_zero", start=start_year, year=year)
                found = (start_year, Fraction(0), zero)
        begin, value, said = found
        legs.append(Leg(milestone, begin, value, targets[milestone], said))
        previous, start_year = targets[milestone], milestone
    return legs


def leg_in_force(legs: list[AnyLeg], year: int) -> AnyLeg:
    """The leg of the milestone in force in ``year``: the first not before it, else the
    last."""
    return next((leg for leg in legs if year <= leg.milestone), legs[-1])


def drawn(legs: list[Leg]) -> dict[int, float]:
    """The path year by year, each year on the leg of the milestone in force then."""
    points: dict[int, float] = {}
    low = legs[0].start_year
    for leg in legs:
        for y in range(max(low, leg.start_year), leg.milestone + 1):
            points[y] = float(leg.value(y))
        low = leg.milestone + 1
    return points


@dataclass(frozen=True)
class GrowthLeg:
    """A leg of yearly totals: ``start`` in ``start_year`` grown by ``low`` (and ``high``)
    a year until ``milestone``."""

    milestone: int
    start_year: int
    start: Fraction | None  # None: no total to start from
    low: Fraction
    high: Fraction | None
    note: Message | None = None

    def total(self, year: int, rate: Fraction) -> float:
        assert self.start is not None
        return float(self.start * (1 + rate) ** (year - self.start_year))


def growth_legs(
    bands: Mapping[int, tuple[Fraction, Fraction | None]],
    series: Mapping[int, int],
    baseline: int,
    year: int,
) -> list[GrowthLeg]:
    """The legs of a growth indicator's paths, one per milestone in order (``bands``: the
    minimum and maximum rate a year of each milestone)."""
    legs: list[GrowthLeg] = []
    values = {y: Fraction(v) for y, v in series.items()}
    previous: Fraction | None = None
    start_year = baseline
    for milestone in sorted(bands):
        low, high = bands[milestone]
        future = start_year > year
        found = _start(values, start_year, year, previous if future else None)
        if found is None:
            lacking = note("growth_no_base", year=year)
            legs.append(GrowthLeg(milestone, start_year, None, low, high, lacking))
            previous = None
        else:
            begin, value, first = found
            said = None
            if first is not None and first.key is not None:
                said = Message(key=first.key.replace("path_", "growth_"), values=first.values)
            legs.append(GrowthLeg(milestone, begin, value, low, high, said))
            previous = value * (1 + low) ** (milestone - begin)
        start_year = milestone
    return legs


def drawn_growth(legs: list[GrowthLeg], high: bool) -> dict[int, float]:
    """The minimum (or, ``high``, the maximum) path year by year; a leg without a start
    or without a maximum draws nothing."""
    points: dict[int, float] = {}
    low_year = legs[0].start_year
    for leg in legs:
        rate = leg.high if high else leg.low
        if leg.start is not None and rate is not None:
            for y in range(max(low_year, leg.start_year), leg.milestone + 1):
                points[y] = leg.total(y, rate)
        low_year = leg.milestone + 1
    return points
