"""The result of a check: what the computation hands to every renderer.

These models are the documented JSON shape (``ltl-plan check --format json``): fields
are added in later versions, never renamed or removed without a new ``schema_version``.
Fractions are 0-1 (0.7 is 70%); growth rates are fractions a year (0.1 is 10%).

Sentences for people (an indicator's notes, where its pace leads) are kept as a
:class:`Message`, a key of the word list and its values, and written in the language the
output asks for: the JSON renders them with ``model_dump_json(context={"lang": "vi"})``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ltl_plan.messages import Message
from ltl_plan.plan import Label
from ltl_plan.problems import Problem, ProblemCount

SCHEMA_VERSION = 2


class Status(StrEnum):
    MET = "met"  # the target is reached
    ON_TRACK = "on_track"  # below target, at or above the straight path to it
    BEHIND = "behind"  # below the path (coverage, count) or the minimum growth (growth)
    NO_DATA = "no_data"  # no institution, or no year to measure growth from
    NOT_APPLICABLE = "not_applicable"  # the indicator does not apply in the year (a reform)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Path(_Model):
    """The straight line from a start year's value to the milestone target."""

    from_year: int
    from_value: float
    expected: float  # the line's value in the reporting year


class Trend(_Model):
    """Progress over the years (``ltl-plan trend``): the plan's path (the one the status
    is judged against), the pace so far and where it leads."""

    path: dict[int, float]  # coverage and count: the straight path; growth: the minimum path
    path_high: dict[int, float] | None  # growth: the path at the top of the band
    rates: list[float] = []  # growth: the yearly rates of path and path_high
    pace: float | None  # coverage, count: change a year so far; growth: average growth a year
    reach_year: int | None  # coverage, count: when the current pace reaches the target
    reach: Message  # the same in words, or where the current pace leads


class _Result(_Model):
    """What every indicator's result has."""

    id: str
    section: str
    group: str
    label: Label
    short: Label
    categories: list[str]
    level: list[str] | None
    milestone: int
    status: Status
    trend: Trend | None = None
    notes: list[Message] = []  # how this figure was computed, where the data forced a choice
    plan_note: str | None = None  # the targets file's note on the plan's wording
    source: str | None = None  # where the target comes from
    target_verified: bool = True  # False: the target could not be confirmed in its source


class CoverageResult(_Result):
    kind: Literal["coverage"] = "coverage"
    flag: str
    target: float
    actual: float | None
    gap: float | None  # target - actual when below target, else 0
    achieved: int
    total: int
    not_reported: int
    needed: int | None  # institutions that must still reach the flag to meet the target
    path: Path | None
    series: dict[int, float | None]  # coverage in every year of the data


class CountResult(_Result):
    kind: Literal["count"] = "count"
    flag: str
    target: int  # at least this many institutions with the flag
    actual: int | None  # how many have it
    gap: int | None  # target - actual when below target, else 0
    achieved: int
    total: int
    not_reported: int
    needed: int | None
    path: Path | None
    series: dict[int, int | None]  # institutions with the flag in every year of the data


class LikeForLike(_Model):
    """Growth over only the institutions that reported the measure in both years."""

    institutions: int
    base_total: int
    total: int
    actual: float | None


class GrowthResult(_Result):
    kind: Literal["growth"] = "growth"
    measure: str
    unit: Label  # what the totals count ("lượt", "visits")
    target: float  # minimum average annual growth
    target_max: float | None  # top of the band, when the plan sets one
    actual: float | None  # compound average annual growth from base_year to year
    gap: float | None
    band: Literal["below", "within", "above"] | None
    base_year: int | None
    base_total: int | None
    total: int
    institutions: int
    not_reported: int
    yoy: float | None  # growth from the year before, when that year is in the data
    like_for_like: LikeForLike | None
    series: dict[int, int]  # total in every year of the data


AnyResult = CoverageResult | CountResult | GrowthResult
IndicatorResult = Annotated[AnyResult, Field(discriminator="kind")]


class PlanSummary(_Model):
    id: str
    number: str
    date: dt.date
    area: str
    scope: Label
    title: Label
    implements: str
    report_to: Label
    notice: Label | None = None
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


class SkippedFile(_Model):
    """An input left out: a workbook ltl-plan wrote itself (a report, a correction
    workbook), found among the submissions."""

    file: str
    written_as: str  # the kind of output: "report", "corrections"


class Counts(_Model):
    rows: int  # data rows read from all files
    used: int  # rows that passed validation and were measured
    errors: int  # every error found, listed or not
    warnings: int  # every warning found, listed or not
    problems_listed: int = 0  # how many of them ``problems`` lists
    max_problems: int | None = None  # the cap on the problems listed (None: every one)


class BreakdownGroup(_Model):
    name: str | None  # None: the rows that name no place of the level
    indicators: list[IndicatorResult]


class Breakdown(_Model):
    """The indicators for each place of one level, beside the whole's (``--by LEVEL``)."""

    by: str  # the place level's code
    label: Label  # and its name
    groups: list[BreakdownGroup]


class UnitStatus(_Model):
    code: str
    kind: str
    name: str
    sent: bool  # rows for the reporting year name this unit
    rows: int


class KindStatus(_Model):
    """How many units of one kind were expected, and how many sent data."""

    kind: str
    label: Label
    expected: int
    sent: int


class Completeness(_Model):
    """Which of the plan's reporting units sent data for the year, and the deadline."""

    deadline: dt.date
    deadline_rule: Literal["before", "on_or_before"]
    units: list[UnitStatus]
    kinds: list[KindStatus]
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
    skipped_files: list[SkippedFile] = []  # inputs left out: ltl-plan's own workbooks
    problems: list[Problem]  # the first problems, file by file and row by row (--max-problems)
    problem_counts: list[ProblemCount] = []  # every kind of problem in every column, counted
    groups: list[GroupSummary]
    indicators: list[IndicatorResult]
    breakdown: Breakdown | None = None
    completeness: Completeness | None = None

    @property
    def behind(self) -> list[AnyResult]:
        return [i for i in self.indicators if i.status is Status.BEHIND]
