"""Assembling the report: checked records and the plan in, a :class:`Report` out.

Pure: nothing here reads a file or prints. The figures of each indicator come from
:mod:`ltl_plan.measure`; this module picks the year, puts the report together and, when
asked, the same figures for each district beside the province's, and which reporting
units sent data.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import numpy as np
import pandas as pd

from ltl_plan.errors import UsageError
from ltl_plan.measure import measure, measure_groups
from ltl_plan.plan import Plan
from ltl_plan.result import (
    Breakdown,
    BreakdownGroup,
    Completeness,
    Counts,
    CoverageResult,
    GroupSummary,
    GrowthResult,
    PlanSummary,
    Report,
    SkippedRow,
    SourceSummary,
    UnitStatus,
)
from ltl_plan.validate import Dataset, Source
from ltl_plan.version import __version__
from ltl_plan.vocabulary import key

UNKNOWN_DISTRICT = "(không rõ huyện / no district)"


def _counts_by_key(values: pd.Series) -> dict[str, int]:
    """How many rows hold each name, names compared by key (each distinct name keyed once)."""
    counts: dict[str, int] = {}
    for value, count in values.value_counts().items():
        name = key(str(value))
        counts[name] = counts.get(name, 0) + int(count)
    return counts


def completeness(records: pd.DataFrame, plan: Plan, year: int) -> Completeness | None:
    """The plan's reporting units for ``year``: a row belongs to a unit when its
    reporting_unit names the unit, or, when it names none, its district does."""
    if not plan.units:
        return None
    rows = records[records["year"] == year]
    named = rows["reporting_unit"].notna()
    units = _counts_by_key(rows.loc[named, "reporting_unit"])
    districts = _counts_by_key(rows.loc[~named, "district"])
    statuses = []
    for unit in plan.units:
        names = {key(name) for name in (unit.name, *unit.aliases)}
        count = sum(int(units.get(name, 0)) for name in names)
        if unit.kind == "district":
            count += sum(int(districts.get(name, 0)) for name in names)
        statuses.append(
            UnitStatus(code=unit.code, kind=unit.kind, name=unit.name, sent=count > 0, rows=count)
        )
    deadline = plan.plan.report_deadline
    return Completeness(
        deadline=dt.date(year, deadline.month, deadline.day),
        deadline_rule=deadline.rule,
        units=statuses,
        missing=[status.name for status in statuses if not status.sent],
    )


def breakdown(records: pd.DataFrame, plan: Plan, year: int, years: list[int]) -> Breakdown:
    """Every indicator for each district (spellings that differ only in case, spacing or
    diacritics are one district, shown as most often written), in alphabetical order."""
    names = records["district"].fillna("").astype(str)
    codes, distinct = pd.factorize(names)  # each distinct spelling keyed once
    keyed = np.array([key(name) if name else "" for name in distinct], dtype=object)
    keys = pd.Series(keyed[codes] if len(keyed) else keyed, index=names.index, dtype=object)
    shown: dict[str, str] = {}
    for k, counts in pd.DataFrame({"k": keys, "n": names}).groupby("k")["n"]:
        shown[str(k)] = Counter(counts).most_common(1)[0][0] if k else UNKNOWN_DISTRICT
    order = sorted(shown, key=lambda k: (k == "", k))
    measured = measure_groups(records, plan, year, years, keys, order)
    groups = [BreakdownGroup(name=shown[k], indicators=measured[k]) for k in order]
    return Breakdown(by="district", groups=groups)


def assemble(
    dataset: Dataset,
    plan: Plan,
    year: int | None = None,
    targets_file: str = "(packaged)",
    by_district: bool = False,
) -> Report:
    """Measure the dataset against every indicator of the plan for ``year`` (default:
    the latest year in the data); with ``by_district``, for each district too."""
    records = dataset.records
    years = dataset.years
    if year is None:
        year = years[-1] if years else None
    elif years and year not in years:
        raise UsageError(
            f"--year {year}: the data has no rows for that year "
            f"(years in the data: {', '.join(map(str, years))})"
        )
    indicators: list[CoverageResult | GrowthResult] = []
    districts: Breakdown | None = None
    reporting: Completeness | None = None
    if year is not None and len(records):
        indicators = measure(records, plan, year, years)
        if by_district:
            districts = breakdown(records, plan, year, years)
        reporting = completeness(records, plan, year)
    return Report(
        tool=f"ltl-plan {__version__}",
        plan=_plan_summary(plan, targets_file),
        year=year,
        years=years,
        valid=dataset.errors == 0,
        counts=Counts(
            rows=sum(s.rows for s in dataset.sources),
            used=len(records),
            errors=dataset.errors,
            warnings=dataset.warnings,
        ),
        files=[_source_summary(source) for source in dataset.sources],
        problems=list(dataset.problems),
        groups=[GroupSummary(code=g.code, label=g.label) for g in plan.groups],
        indicators=indicators,
        breakdown=districts,
        completeness=reporting,
    )


def _plan_summary(plan: Plan, targets_file: str) -> PlanSummary:
    info = plan.plan
    return PlanSummary(
        number=info.number,
        date=info.date,
        province=info.province,
        title=info.title,
        implements=info.implements.number,
        baseline_year=info.baseline_year,
        milestones=info.milestones,
        targets_file=targets_file,
    )


def _source_summary(source: Source) -> SourceSummary:
    return SourceSummary(
        file=source.file,
        sheet=source.sheet,
        header_row=source.header_row,
        rows=source.rows,
        used=source.used,
        year_from_headers=source.year_from_headers,
        skipped=[SkippedRow(row=row, reason=reason) for row, reason in source.skipped],
    )
