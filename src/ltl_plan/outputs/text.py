"""Figures as text, shared by every output: percentages, counts, targets, statuses, the
summary line. The words come from :mod:`ltl_plan.words`."""

from __future__ import annotations

from ltl_plan.result import CoverageResult, GrowthResult, Report, SourceSummary, Status
from ltl_plan.words import Lang, word

STATUS_STYLE = {
    Status.MET: "bold green",
    Status.ON_TRACK: "yellow",
    Status.BEHIND: "bold red",
    Status.NO_DATA: "dim",
}


def percent(value: float | None) -> str:
    """0.7 -> "70%", 0.6667 -> "66.7%", None -> "–"."""
    if value is None:
        return "–"
    text = f"{value * 100:.1f}".removesuffix(".0")
    return f"{text}%"


def signed_percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:+.1f}%"


def number(value: int, lang: Lang) -> str:
    text = f"{value:,}"
    return text.replace(",", ".") if lang is Lang.VI else text


def target_text(
    indicator: CoverageResult | GrowthResult, lang: Lang, with_milestone: bool = False
) -> str:
    if isinstance(indicator, CoverageResult):
        text = percent(indicator.target)
    elif indicator.target_max is None:
        text = f"≥{percent(indicator.target)}{word(lang, 'per_year')}"
    else:
        text = (
            f"{percent(indicator.target)}–{percent(indicator.target_max)}{word(lang, 'per_year')}"
        )
    return f"{text} ({indicator.milestone})" if with_milestone else text


def actual_text(indicator: CoverageResult | GrowthResult, lang: Lang) -> str:
    if isinstance(indicator, CoverageResult):
        return percent(indicator.actual)
    if indicator.actual is None:
        return "–"
    return f"{signed_percent(indicator.actual)}{word(lang, 'per_year')}"


def gap_text(indicator: CoverageResult | GrowthResult) -> str:
    if indicator.gap is None:
        return "–"
    return "0" if indicator.gap == 0 else percent(indicator.gap)


def count_text(indicator: CoverageResult | GrowthResult, lang: Lang) -> str:
    """Institutions reaching the flag of all counted, or the year's total visits."""
    if isinstance(indicator, CoverageResult):
        return f"{indicator.achieved}/{indicator.total}"
    return number(indicator.total, lang)


def not_reported_text(indicator: CoverageResult, lang: Lang) -> str:
    return word(lang, "blank_flags").format(n=indicator.not_reported, total=indicator.total)


def growth_detail(indicator: GrowthResult, year: int | None, lang: Lang) -> str:
    """From which year to which, the totals, year-on-year and like-for-like growth."""
    parts = []
    if indicator.base_year is not None and indicator.base_total is not None:
        parts.append(
            f"{indicator.base_year}→{year}: "
            f"{number(indicator.base_total, lang)} → {number(indicator.total, lang)} "
            f"{word(lang, 'visits')}"
        )
    if indicator.yoy is not None:
        parts.append(f"{word(lang, 'yoy')} {signed_percent(indicator.yoy)}")
    like = indicator.like_for_like
    if like is not None and like.actual is not None:
        parts.append(
            f"{word(lang, 'like_for_like')} {signed_percent(like.actual)}{word(lang, 'per_year')}"
            f" ({like.institutions} {word(lang, 'institutions')})"
        )
    if indicator.not_reported:
        parts.append(f"{indicator.not_reported} {word(lang, 'not_reported')}")
    return "; ".join(parts)


def detail_text(indicator: CoverageResult | GrowthResult, year: int | None, lang: Lang) -> str:
    if isinstance(indicator, CoverageResult):
        text = f"{indicator.achieved}/{indicator.total}"
        if indicator.not_reported:
            text += f" ({indicator.not_reported} {word(lang, 'not_reported')})"
        return text
    return growth_detail(indicator, year, lang)


def needed_text(indicator: CoverageResult | GrowthResult) -> str:
    if isinstance(indicator, CoverageResult) and indicator.needed is not None:
        return str(indicator.needed)
    return "–"


def status_text(indicator: CoverageResult | GrowthResult, lang: Lang) -> str:
    text = word(lang, f"status_{indicator.status}")
    if isinstance(indicator, GrowthResult) and indicator.band is not None:
        band = {"below": "<", "within": "∈", "above": ">"}[indicator.band]
        text += f" ({band} {target_text(indicator, lang)})"
    return text


def source_line(source: SourceSummary) -> str:
    """Where a file's table was found and what came of its rows."""
    if source.header_row is None:
        return f"{source.file}: no institution table found"
    where = f"sheet {source.sheet!r}, " if source.sheet else ""
    text = (
        f"{source.file}: {where}header row {source.header_row}, {source.rows} rows, "
        f"{source.used} used"
    )
    if source.year_from_headers is not None:
        text += f" (year {source.year_from_headers} from the column headers)"
    if source.skipped:
        text += f"; {len(source.skipped)} heading, subtotal or signature rows set aside"
    return text


def completeness_line(report: Report, lang: Lang) -> str | None:
    """Which reporting units sent data for the year, and the deadline."""
    found = report.completeness
    if found is None:
        return None
    sent = sum(unit.sent for unit in found.units)
    text = word(lang, "units_sent").format(
        sent=sent, total=len(found.units), year=report.year, deadline=f"{found.deadline:%d/%m/%Y}"
    )
    if found.missing:
        text += "; " + word(lang, "units_missing") + ": " + ", ".join(found.missing)
    return text


def heading(report: Report, lang: Lang) -> str:
    """Plan number, province and reporting year (when the data has one)."""
    parts = [report.plan.number, report.plan.province]
    if report.year is not None:
        parts.append(f"{word(lang, 'year')} {report.year}")
    return " · ".join(parts)


def summary_line(report: Report, lang: Lang) -> str:
    counts = report.counts
    files = len({source.file for source in report.files})
    return (
        f"{files} file(s), {number(counts.rows, lang)} {word(lang, 'rows')}, "
        f"{number(counts.used, lang)} {word(lang, 'used')}; "
        f"{counts.errors} {word(lang, 'errors')}, {counts.warnings} {word(lang, 'warnings')}"
    )
