"""Assembling the report: checked records and the plan in, a :class:`Report` out.

Pure: nothing here reads a file or prints. The figures of each indicator come from
:mod:`ltl_plan.measure`; this module picks the year, puts the report together and, when
asked, the same figures for each place of one level beside the whole's, and which
reporting units sent data.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ltl_plan.errors import UsageError
from ltl_plan.keys import key
from ltl_plan.measure import measure, measure_groups
from ltl_plan.plan import PlaceLevel, Plan
from ltl_plan.problems import MAX_PROBLEMS
from ltl_plan.result import (
    AnyResult,
    Breakdown,
    BreakdownGroup,
    Completeness,
    Counts,
    GroupSummary,
    KindStatus,
    PlanSummary,
    Report,
    SkippedFile,
    SkippedRow,
    SourceSummary,
    UnitStatus,
)
from ltl_plan.validate import Dataset, Source
from ltl_plan.version import __version__


def _counts_by_key(values: pd.Series) -> dict[str, int]:
    """How many rows hold each name, names compared by key (each distinct name keyed once)."""
    counts: dict[str, int] = {}
    for value, count in values.value_counts().items():
        name = key(str(value))
        counts[name] = counts.get(name, 0) + int(count)
    return counts


def completeness(records: pd.DataFrame, plan: Plan, year: int) -> Completeness | None:
    """The plan's reporting units for ``year``: a row belongs to a unit when its
    reporting_unit names the unit, or, when it names none, when its place of the unit's
    level does (the rows of a place that is a unit name it)."""
    expected = plan.units_of(year)
    if not expected:
        return None
    rows = records[records["year"] == year]
    named = rows["reporting_unit"].notna()
    units = _counts_by_key(rows.loc[named, "reporting_unit"])
    by_place = {
        level: _counts_by_key(rows.loc[~named, level])
        for level in {unit.level for unit in expected if unit.level is not None}
    }
    statuses = []
    for unit in expected:
        names = {key(name) for name in (unit.name, *unit.aliases)}
        count = sum(units.get(name, 0) for name in names)
        if unit.level is not None:
            count += sum(by_place[unit.level].get(name, 0) for name in names)
        statuses.append(
            UnitStatus(code=unit.code, kind=unit.kind, name=unit.name, sent=count > 0, rows=count)
        )
    kinds = [
        KindStatus(
            kind=kind.code,
            label=kind.label,
            expected=sum(s.kind == kind.code for s in statuses),
            sent=sum(s.kind == kind.code and s.sent for s in statuses),
        )
        for kind in plan.unit_kinds
        if any(s.kind == kind.code for s in statuses)
    ]
    deadline = plan.plan.report_deadline
    return Completeness(
        deadline=dt.date(year, deadline.month, deadline.day),
        deadline_rule=deadline.rule,
        units=statuses,
        kinds=kinds,
        missing=[status.name for status in statuses if not status.sent],
    )


def breakdown(records: pd.DataFrame, plan: Plan, by: str, year: int, years: list[int]) -> Breakdown:
    """Every indicator for each place of the level ``by`` (spellings that differ only in
    case, spacing or diacritics are one place, shown as most often written), in
    alphabetical order, the rows without a place of that level last."""
    level = place_level_for(plan, by, year)
    names = records[level.code].fillna("").astype(str)
    codes, distinct = pd.factorize(names)  # each distinct spelling keyed once
    keyed = np.array([key(name) if name else "" for name in distinct], dtype=object)
    keys = pd.Series(keyed[codes] if len(keyed) else keyed, index=names.index, dtype=object)
    shown: dict[str, str | None] = {}
    for k, counts in pd.DataFrame({"k": keys, "n": names}).groupby("k")["n"]:
        shown[str(k)] = Counter(counts).most_common(1)[0][0] if k else None
    order = sorted(shown, key=lambda k: (k == "", k))
    measured = measure_groups(records, plan, year, years, keys, order)
    groups = [BreakdownGroup(name=shown[k], indicators=measured[k]) for k in order]
    return Breakdown(by=level.code, label=level.label, groups=groups)


def place_level_for(plan: Plan, by: str, year: int) -> PlaceLevel:
    """The place level ``--by`` names (by code or label), existing in ``year``."""
    levels = {
        key(word): level
        for level in plan.places
        for word in (level.code, level.label.vi, level.label.en)
    }
    found = levels.get(key(by))
    codes = ", ".join(level.code for level in plan.places_in(year)) or "(none)"
    if found is None:
        raise UsageError(
            f"--by {by}: not a level of places of the plan; it knows {codes} in {year}"
        )
    if year not in found.years:
        reform = plan.ended(found.years, year)
        why = f" ({reform.en})" if reform else ""
        raise UsageError(
            f"--by {by}: there is no {found.label.en.lower()} level in {year}{why}; "
            f"the levels of {year} are {codes}"
        )
    return found


AUTO = "auto"  # --by: the first level of places the plan has in the reporting year


def assemble(
    dataset: Dataset,
    plan: Plan,
    year: int | None = None,
    targets_file: str = "(packaged)",
    by: str | None = None,
    max_problems: int | None = MAX_PROBLEMS,
    skipped: Sequence[tuple[str, str]] = (),
) -> Report:
    """Measure the dataset against every indicator of the plan for ``year`` (default:
    the latest year in the data); with ``by``, a level of places (or ``"auto"``, the
    first the plan has in the year), for each place too. The report lists the first
    ``max_problems`` problems (every one: None or 0) and counts them all; ``skipped``
    names the inputs left out (a file, and the kind of ltl-plan output it is)."""
    records = dataset.records
    years = dataset.years
    if year is None:
        year = years[-1] if years else None
    elif years and year not in years:
        raise UsageError(
            f"--year {year}: the data has no rows for that year "
            f"(years in the data: {', '.join(map(str, years))})"
        )
    indicators: list[AnyResult] = []
    places: Breakdown | None = None
    reporting: Completeness | None = None
    if year is not None and len(records):
        indicators = measure(records, plan, year, years)
        if by == AUTO:
            first = next(iter(plan.places_in(year)), None)
            by = first.code if first is not None else None
        if by is not None:
            places = breakdown(records, plan, by, year, years)
        reporting = completeness(records, plan, year)
    listed = dataset.problems.listed(max_problems or None)
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
            problems_listed=len(listed),
            max_problems=max_problems or None,
        ),
        files=[_source_summary(source) for source in dataset.sources],
        skipped_files=[SkippedFile(file=file, written_as=kind) for file, kind in skipped],
        problems=listed,
        problem_counts=dataset.problems.counted(),
        groups=[GroupSummary(code=g.code, label=g.label) for g in plan.groups],
        indicators=indicators,
        breakdown=places,
        completeness=reporting,
    )


def _plan_summary(plan: Plan, targets_file: str) -> PlanSummary:
    info = plan.plan
    return PlanSummary(
        id=info.id,
        number=info.number,
        date=info.date,
        area=info.area,
        scope=info.scope,
        title=info.title,
        implements=info.implements.number,
        report_to=info.report_to,
        notice=info.notice,
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
