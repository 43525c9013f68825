"""The plan's indicators, of the kinds plans use: the share of a population with a yes/no
service (``coverage``), at least N institutions with it (``count``), and the average
annual growth of a yearly total of any measure the plan declares (``growth``). Each has
targets at some of the plan's milestones, and the reporting years it applies to."""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import Field, NonNegativeInt, field_validator, model_validator

from ltl_plan.plan.common import ALWAYS, Code, Label, Model, Period

Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]


class Population(Model):
    """Which institutions an indicator counts: these categories, at these levels (or any)."""

    categories: list[Code] = Field(min_length=1)
    levels: list[Code] | None = None


class GrowthBand(Model):
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


@lru_cache(maxsize=1024)
def fraction_of_percent(percent: float) -> Fraction:
    """A percentage as the exact fraction it is written as (30.5 -> 61/200): made once per
    value, as every place's every indicator asks for it."""
    return Fraction(str(percent)) / 100


class IndicatorBase(Model):
    id: str = Field(min_length=1)
    section: str = Field(min_length=1)
    group: Code
    population: Population
    label: Label
    short: Label | None = None  # a label short enough for a table row
    note: str | None = None
    same_wording_as: str | None = None
    # The reporting years it applies to; outside them it is not applicable (the reform
    # named says why).
    years: Period = ALWAYS
    # Where its numbers come from, and the milestones whose number could not be confirmed
    # in that source's own text (every output marks them).
    source: str | None = None
    unverified: list[int] = []

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


class CoverageIndicator(IndicatorBase):
    """A share of a population of institutions whose yes/no ``flag`` is yes."""

    kind: Literal["coverage"]
    flag: Code
    targets: dict[int, Percent] = Field(min_length=1)

    _targets = field_validator("targets", mode="before")(_no_empty_milestone)

    def targets_by_year(self) -> dict[int, Percent]:
        return self.targets

    def target_value(self, milestone: int) -> Fraction:
        """The target as the share it is (70% -> 7/10)."""
        return fraction_of_percent(self.targets[milestone])


class CountIndicator(IndicatorBase):
    """At least N institutions of a population whose yes/no ``flag`` is yes."""

    kind: Literal["count"]
    flag: Code
    targets: dict[int, NonNegativeInt] = Field(min_length=1)

    _targets = field_validator("targets", mode="before")(_no_empty_milestone)

    def targets_by_year(self) -> dict[int, int]:
        return self.targets

    def target_value(self, milestone: int) -> Fraction:
        return Fraction(self.targets[milestone])


class GrowthIndicator(IndicatorBase):
    """An average annual growth, compounded, of a yearly total (``measure``) over a
    population."""

    kind: Literal["growth"]
    measure: Code
    targets: dict[int, GrowthBand] = Field(min_length=1)

    _targets = field_validator("targets", mode="before")(_no_empty_milestone)

    def targets_by_year(self) -> dict[int, GrowthBand]:
        return self.targets


Indicator = Annotated[
    CoverageIndicator | CountIndicator | GrowthIndicator, Field(discriminator="kind")
]
FlagIndicator = CoverageIndicator | CountIndicator  # measured by a yes/no column


class Measure(Model):
    """A numeric column the plan measures growth of (learning visits, say): its code, its
    labels and the other headers that name it, and the unit of its numbers."""

    code: Code
    label: Label
    aliases: list[str] = []
    unit: Label
