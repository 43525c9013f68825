"""The plan as data: the whole targets file, and the look-ups the rest of the tool asks
of it.

Every category, level, place, unit, yes/no flag, measure, label and target number comes
from the targets file; this module only says what a valid file looks like
(:mod:`ltl_plan.plan.references` checks that its parts refer to each other correctly,
:mod:`ltl_plan.plan.load` reads one).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, NamedTuple

from pydantic import Field, field_validator, model_validator

from ltl_plan.plan.common import ALWAYS, Code, Label, Model, Period, Year
from ltl_plan.plan.indicators import (
    CountIndicator,
    CoverageIndicator,
    FlagIndicator,
    GrowthIndicator,
    Indicator,
    Measure,
    Population,
)
from ltl_plan.plan.places import Place, PlaceLevel, Reform, Unit, UnitKind

SCHEMA_VERSION = 2


class Expected(NamedTuple):
    """A reporting unit expected in a year; ``level``: the place level it is a place of
    (its rows are also known by that column), None for a unit that is no place."""

    code: str
    kind: str
    name: str
    aliases: list[str]
    level: str | None


class Decision(Model):
    number: str
    date: dt.date
    issuer: Label
    title: Label


class Deadline(Model):
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    rule: Literal["before", "on_or_before"] = "before"


class Reviews(Model):
    mid_term: int
    final: int


class YearRange(Model):
    first: Year
    last: Year

    @model_validator(mode="after")
    def _ordered(self) -> YearRange:
        if self.last < self.first:
            raise ValueError(f"last ({self.last}) is before first ({self.first})")
        return self


class PlanInfo(Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    number: str
    date: dt.date
    area: str  # the area the plan covers, as its headings name it
    scope: Label  # how the headings name the whole of that area
    issuer: Label
    signed_by: str | None = None
    title: Label
    implements: Decision
    report_to: Label  # who the units send their data to
    notice: Label | None = None  # said in every output (a plan applied beyond its text)
    baseline_year: Year
    report_deadline: Deadline
    reviews: Reviews
    milestones: list[int] = Field(min_length=1)
    reporting_years: YearRange

    @field_validator("milestones")
    @classmethod
    def _sorted_unique(cls, value: list[int]) -> list[int]:
        if sorted(set(value)) != value:
            raise ValueError("milestone years must be listed once each, in increasing order")
        return value

    @model_validator(mode="after")
    def _baseline_first(self) -> PlanInfo:
        if self.baseline_year >= self.milestones[0]:
            raise ValueError(
                f"baseline_year ({self.baseline_year}) must come before the first "
                f"milestone ({self.milestones[0]})"
            )
        return self


class Level(Model):
    """A level of management an institution may have (its category says which)."""

    code: Code
    label: Label
    aliases: list[str] = []
    years: Period = ALWAYS


class Category(Model):
    code: Code
    label: Label
    aliases: list[str] = []
    # The levels an institution of this category must state; empty: it has no level.
    levels: list[Code] = []
    years: Period = ALWAYS


class Flag(Model):
    code: Code
    label: Label
    aliases: list[str] = []


class Group(Model):
    code: Code
    label: Label


class Plan(Model):
    """The whole targets file, checked for internal consistency."""

    schema_version: Literal[2]
    plan: PlanInfo
    reforms: list[Reform] = []
    places: list[PlaceLevel] = []
    place_names: list[Place] = []
    unit_kinds: list[UnitKind] = []
    units: list[Unit] = []
    levels: list[Level] = Field(min_length=1)
    categories: list[Category] = Field(min_length=1)
    flags: list[Flag] = Field(min_length=1)
    measures: list[Measure] = []
    groups: list[Group] = Field(min_length=1)
    indicators: list[Indicator] = Field(min_length=1)

    @model_validator(mode="after")
    def _references_resolve(self) -> Plan:
        from ltl_plan.plan.references import problems_of

        problems = problems_of(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # Look-ups used by validation, measurement and the outputs.
    def category(self, code: str) -> Category:
        return next(category for category in self.categories if category.code == code)

    def measure(self, code: str) -> Measure:
        return next(measure for measure in self.measures if measure.code == code)

    def place_level(self, code: str) -> PlaceLevel:
        return next(level for level in self.places if level.code == code)

    def reform(self, code: str | None) -> Reform | None:
        return next((reform for reform in self.reforms if reform.code == code), None)

    def flag_indicators(self) -> list[FlagIndicator]:
        return [i for i in self.indicators if isinstance(i, CoverageIndicator | CountIndicator)]

    def coverage_indicators(self) -> list[CoverageIndicator]:
        return [i for i in self.indicators if isinstance(i, CoverageIndicator)]

    def growth_indicators(self) -> list[GrowthIndicator]:
        return [i for i in self.indicators if isinstance(i, GrowthIndicator)]

    def flag_populations(self) -> dict[str, list[Population]]:
        """For each flag, the populations of the indicators that count it."""
        result: dict[str, list[Population]] = {flag.code: [] for flag in self.flags}
        for indicator in self.flag_indicators():
            result[indicator.flag].append(indicator.population)
        return result

    def measure_populations(self) -> dict[str, list[Population]]:
        """For each measure, the populations of the indicators that measure its growth."""
        result: dict[str, list[Population]] = {m.code: [] for m in self.measures}
        for indicator in self.growth_indicators():
            result[indicator.measure].append(indicator.population)
        return result

    def units_of(self, year: int) -> list[Expected]:
        """The reporting units expected in ``year``: those named among the places first,
        then the others, in the file's order."""
        found = []
        for place in self.place_names:
            years = place.years or self.place_level(place.level).years
            if place.unit is not None and year in years:
                code = place.code or place.name
                found.append(Expected(code, place.unit, place.name, place.aliases, place.level))
        found += [
            Expected(u.code, u.kind, u.name, u.aliases, None) for u in self.units if year in u.years
        ]
        return found

    def places_in(self, year: int) -> list[PlaceLevel]:
        """The levels of places that exist in ``year``."""
        return [level for level in self.places if year in level.years]

    def ended(self, years: Period, year: int) -> Label | None:
        """Why something with these ``years`` does not exist in ``year``: its reform's
        words, when it names one."""
        reform = self.reform(years.reform)
        return reform.label if reform is not None and year not in years else None

    def period_start(self, milestone: int, year: int) -> int:
        """Where the path to ``milestone`` starts: the baseline year, or the latest earlier
        milestone already reached by ``year`` (2025 for the 2030 targets)."""
        earlier = [m for m in self.plan.milestones if m < milestone and m <= year]
        return max([self.plan.baseline_year, *earlier])


__all__ = [
    "SCHEMA_VERSION",
    "Category",
    "CountIndicator",
    "CoverageIndicator",
    "Flag",
    "GrowthIndicator",
    "Indicator",
    "Level",
    "Measure",
    "Place",
    "PlaceLevel",
    "Plan",
    "Population",
    "Reform",
    "Unit",
    "UnitKind",
]
