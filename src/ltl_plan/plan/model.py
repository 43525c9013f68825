"""The plan as data: pydantic models of a targets file.

Every category, level, yes/no flag, label and target number comes from the targets file;
this module only says what a valid file looks like (:mod:`ltl_plan.plan.load` reads one).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

Code = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Label(_Model):
    """A text in both languages of the tool."""

    vi: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


class Decision(_Model):
    number: str
    date: dt.date
    issuer: Label
    title: Label


class Deadline(_Model):
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    rule: Literal["before", "on_or_before"] = "before"


class Reviews(_Model):
    mid_term: int
    final: int


class YearRange(_Model):
    first: int = Field(ge=1900, le=2200)
    last: int = Field(ge=1900, le=2200)

    @model_validator(mode="after")
    def _ordered(self) -> YearRange:
        if self.last < self.first:
            raise ValueError(f"last ({self.last}) is before first ({self.first})")
        return self


class PlanInfo(_Model):
    number: str
    date: dt.date
    province: str
    issuer: Label
    signed_by: str | None = None
    title: Label
    implements: Decision
    baseline_year: int = Field(ge=1900, le=2200)
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


class Unit(_Model):
    """A unit expected to report every year: a district-level unit or an agency."""

    code: Code
    kind: Literal["district", "agency"]
    name: str = Field(min_length=1)
    aliases: list[str] = []


class Level(_Model):
    code: Code
    label: Label
    aliases: list[str] = []


class Category(_Model):
    code: Code
    label: Label
    aliases: list[str] = []
    # The levels an institution of this category must state; empty: it has no level.
    levels: list[Code] = []


class Flag(_Model):
    code: Code
    label: Label
    aliases: list[str] = []


class Group(_Model):
    code: Code
    label: Label


class Population(_Model):
    """Which institutions an indicator counts: these categories, at these levels (or any)."""

    categories: list[Code] = Field(min_length=1)
    levels: list[Code] | None = None


class GrowthBand(_Model):
    """An average annual growth target in percent a year: at least ``min``, at most ``max``."""

    min: float = Field(ge=-100, le=1000, allow_inf_nan=False)
    max: float | None = Field(default=None, ge=-100, le=1000, allow_inf_nan=False)

    @model_validator(mode="after")
    def _max_not_below_min(self) -> GrowthBand:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max ({self.max:g}) is below min ({self.min:g})")
        return self


def _section_as_text(value: Any) -> Any:
    # YAML reads an unquoted 2.2 as a number; a section is a label, so keep it as text.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _no_empty_milestone(value: Any) -> Any:
    """``2025:`` with no value is an error, not a missing milestone."""
    if isinstance(value, dict):
        empty = [str(year) for year, target in value.items() if target is None]
        if empty:
            raise ValueError(f"milestone {', '.join(empty)} has no target value")
    return value


class _IndicatorBase(_Model):
    id: str = Field(min_length=1)
    section: str = Field(min_length=1)
    group: Code
    population: Population
    label: Label
    short: Label | None = None  # a label short enough for a table row
    note: str | None = None
    same_wording_as: str | None = None

    _section = field_validator("section", mode="before")(_section_as_text)

    def milestone_for(self, year: int) -> int:
        """The milestone in force in ``year``: the first one not before it, else the last."""
        years = sorted(self.targets_by_year())
        for milestone in years:
            if year <= milestone:
                return milestone
        return years[-1]

    def targets_by_year(self) -> dict[int, Any]:
        raise NotImplementedError


class CoverageIndicator(_IndicatorBase):
    """A share of a population of institutions whose yes/no ``flag`` is yes."""

    kind: Literal["coverage"]
    flag: Code
    targets: dict[int, Percent] = Field(min_length=1)

    _targets = field_validator("targets", mode="before")(_no_empty_milestone)

    def targets_by_year(self) -> dict[int, Percent]:
        return self.targets

    def target_fraction(self, milestone: int) -> Fraction:
        return _fraction_of_percent(self.targets[milestone])


@lru_cache(maxsize=1024)
def _fraction_of_percent(percent: float) -> Fraction:
    """A percentage as the exact fraction it is written as (30.5 -> 61/200): made once per
    value, as every district's every indicator asks for it."""
    return Fraction(str(percent)) / 100


class GrowthIndicator(_IndicatorBase):
    """An average annual growth, compounded, of a yearly total (``measure``) over a population."""

    kind: Literal["growth"]
    measure: Literal["learning_visits"]
    targets: dict[int, GrowthBand] = Field(min_length=1)

    _targets = field_validator("targets", mode="before")(_no_empty_milestone)

    def targets_by_year(self) -> dict[int, GrowthBand]:
        return self.targets


Indicator = Annotated[CoverageIndicator | GrowthIndicator, Field(discriminator="kind")]


class Plan(_Model):
    """The whole targets file, checked for internal consistency."""

    schema_version: Literal[1]
    plan: PlanInfo
    units: list[Unit] = []
    levels: list[Level] = Field(min_length=1)
    categories: list[Category] = Field(min_length=1)
    flags: list[Flag] = Field(min_length=1)
    groups: list[Group] = Field(min_length=1)
    indicators: list[Indicator] = Field(min_length=1)

    @model_validator(mode="after")
    def _references_resolve(self) -> Plan:
        problems: list[str] = []
        for kind, items in (
            ("unit", self.units),
            ("level", self.levels),
            ("category", self.categories),
            ("flag", self.flags),
            ("group", self.groups),
            ("indicator", self.indicators),
        ):
            seen: set[str] = set()
            for item in items:
                key = item.id if kind == "indicator" else item.code  # type: ignore[union-attr]
                if key in seen:
                    problems.append(f"{kind} {key!r} is defined twice")
                seen.add(key)
        levels = {level.code for level in self.levels}
        categories = {category.code: category for category in self.categories}
        flags = {flag.code for flag in self.flags}
        groups = {group.code for group in self.groups}
        ids = {indicator.id for indicator in self.indicators}
        milestones = set(self.plan.milestones)
        for category in self.categories:
            for level in category.levels:
                if level not in levels:
                    problems.append(f"category {category.code!r}: unknown level {level!r}")
        for indicator in self.indicators:
            where = f"indicator {indicator.id!r}"
            if indicator.group not in groups:
                problems.append(f"{where}: unknown group {indicator.group!r}")
            for code in indicator.population.categories:
                if code not in categories:
                    problems.append(f"{where}: unknown category {code!r}")
            for level in indicator.population.levels or []:
                if level not in levels:
                    problems.append(f"{where}: unknown level {level!r}")
                for code in indicator.population.categories:
                    if code in categories and level not in categories[code].levels:
                        problems.append(f"{where}: category {code!r} has no level {level!r}")
            if isinstance(indicator, CoverageIndicator) and indicator.flag not in flags:
                problems.append(f"{where}: unknown flag {indicator.flag!r}")
            for year in indicator.targets_by_year():
                if year not in milestones:
                    problems.append(
                        f"{where}: target year {year} is not one of the plan's milestones "
                        f"{sorted(milestones)}"
                    )
            if indicator.same_wording_as is not None and indicator.same_wording_as not in ids:
                problems.append(
                    f"{where}: same_wording_as names unknown indicator "
                    f"{indicator.same_wording_as!r}"
                )
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # Look-ups used by validation and computation.
    def category(self, code: str) -> Category:
        return next(category for category in self.categories if category.code == code)

    def coverage_indicators(self) -> list[CoverageIndicator]:
        return [i for i in self.indicators if isinstance(i, CoverageIndicator)]

    def growth_indicators(self) -> list[GrowthIndicator]:
        return [i for i in self.indicators if isinstance(i, GrowthIndicator)]

    def flag_populations(self) -> dict[str, list[Population]]:
        """For each flag, the populations of the indicators that count it."""
        result: dict[str, list[Population]] = {flag.code: [] for flag in self.flags}
        for indicator in self.coverage_indicators():
            result[indicator.flag].append(indicator.population)
        return result

    def measure_populations(self) -> list[Population]:
        return [indicator.population for indicator in self.growth_indicators()]

    def period_start(self, milestone: int, year: int) -> int:
        """Where the path to ``milestone`` starts: the baseline year, or the latest earlier
        milestone already reached by ``year`` (2025 for the 2030 targets)."""
        earlier = [m for m in self.plan.milestones if m < milestone and m <= year]
        return max([self.plan.baseline_year, *earlier])
