"""The result of a check: what the computation hands to every renderer.

These models are the documented JSON shape (``ltl-plan check --format json``): fields
are added in later versions, never renamed or removed without a new ``schema_version``.
Fractions are 0-1 (0.7 is 70%); growth rates are fractions a year (0.1 is 10%).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ltl_plan.plan import Label
from ltl_plan.problems import Problem

SCHEMA_VERSION = 1


class Status(StrEnum):
    MET = "met"  # the target is reached
    ON_TRACK = "on_track"  # below target, at or above the straight path to it
    BEHIND = "behind"  # below the path (coverage) or the minimum growth (growth)
    NO_DATA = "no_data"  # no institution, or no year to measure growth from


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Path(_Model):
    """The straight line from a start year's value to the milestone target."""

    from_year: int
    from_value: float
    expected: float  # the line's value in the reporting year


class Trend(_Model):
    """Progress over the years (``ltl-plan trend``)."""

    path: dict[int, float]  # coverage: the plan's straight path; growth: the minimum path
    path_high: dict[int, float] | None  # growth: the path at the top of the band
    rates: list[float] = []  # growth: the yearly rates of path and path_high
    pace: float | None  # coverage: change a year so far; growth: average growth a year
    reach_year: int | None  # coverage: when the current pace reaches the target in force
    reach: str  # the same in words, or where the current pace leads


class CoverageResult(_Model):
    id: str
    section: str
    group: str
    kind: Literal["coverage"] = "coverage"
    label: Label
    short: Label
    categories: list[str]
    level: list[str] | None
    flag: str
    milestone: int
    target: float
    actual: float | None
    gap: float | None  # target - actual when below target, else 0
    status: Status
    achieved: int
    total: int
    not_reported: int
    needed: int | None  # institutions that must still reach the flag to meet the target
    path: Path | None
    series: dict[int, float | None]  # coverage in every year of the data
    trend: Trend | None = None
    notes: list[str] = []  # how this figure was computed, where the data forced a choice
    plan_note: str | None = None  # the targets file's note on the plan's wording


class LikeForLike(_Model):
    """Growth over only the institutions that reported visits in both years."""

    institutions: int
    base_total: int
    total: int
    actual: float | None


class GrowthResult(_Model):
    id: str
    section: str
    group: str
    kind: Literal["growth"] = "growth"
    label: Label
    short: Label
    categories: list[str]
    level: list[str] | None
    measure: str
    milestone: int
    target: float  # minimum average annual growth
    target_max: float | None  # top of the band, when the plan sets one
    actual: float | None  # compound average annual growth from base_year to year
    gap: float | None
    status: Status
    band: Literal["below", "within", "above"] | None
    base_year: int | None
    base_total: int | None
    total: int
    institutions: int
    not_reported: int
    yoy: float | None  # growth from the year before, when that year is in the data
    like_for_like: LikeForLike | None
    series: dict[int, int]  # total in every year of the data
    trend: Trend | None = None
    notes: list[str] = []  # how this figure was computed, where the data forced a choice
    plan_note: str | None = None  # the targets file's note on the plan's wording


IndicatorResult = Annotated[CoverageResult | GrowthResult, Field(discriminator="kind")]


class PlanSummary(_Model):
    number: str
    date: dt.date
    province: str
    title: Label
    implements: str
    baseline_year: int
    milestones: list[int]
    targets_file: str


class GroupSummary(_Model):
    code: str
    label: Label


class SkippedRow(_Model):
    row: int
    reason: str


class SourceSummary(_Model):
    file: str
    sheet: str | None  # the sheet the table was found on (None for CSV)
    header_row: int | None
    rows: int
    used: int
    year_from_headers: int | None = None  # one table per year of a wide layout
    skipped: list[SkippedRow] = []  # rows inside the table that hold no institution


class Counts(_Model):
    rows: int  # data rows read from all files
    used: int  # rows that passed validation and were measured
    errors: int
    warnings: int


class BreakdownGroup(_Model):
    name: str
    indicators: list[IndicatorResult]


class Breakdown(_Model):
    """The indicators for each district, beside the province's (``--by district``)."""

    by: Literal["district"]
    groups: list[BreakdownGroup]


class UnitStatus(_Model):
    code: str
    kind: Literal["district", "agency"]
    name: str
    sent: bool  # rows for the reporting year name this unit
    rows: int


class Completeness(_Model):
    """Which of the plan's reporting units sent data for the year, and the deadline."""

    deadline: dt.date
    deadline_rule: Literal["before", "on_or_before"]
    units: list[UnitStatus]
    missing: list[str]


class Report(_Model):
    schema_version: int = SCHEMA_VERSION
    tool: str
    plan: PlanSummary
    year: int | None
    years: list[int]
    valid: bool
    counts: Counts
    files: list[SourceSummary]
    problems: list[Problem]
    groups: list[GroupSummary]
    indicators: list[IndicatorResult]
    breakdown: Breakdown | None = None
    completeness: Completeness | None = None

    @property
    def behind(self) -> list[CoverageResult | GrowthResult]:
        return [i for i in self.indicators if i.status is Status.BEHIND]
