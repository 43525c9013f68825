"""The plan's own parts: what it is (its decision, deadline, reviews and years), and the
levels, categories, yes/no flags and groups its indicators name. Places, reporting units
and reforms are in :mod:`.places`, indicators and measures in :mod:`.indicators`."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator, model_validator

from ltl_plan.plan.common import ALWAYS, Code, Label, Model, Period, Year


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
