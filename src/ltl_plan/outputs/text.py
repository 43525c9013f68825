"""Figures as text, shared by every output: percentages, counts, targets, statuses, the
headings and the summary line, in each language's words (:mod:`ltl_plan.words`) and
number formats (85,7% and 1.824.467 in Vietnamese; 85.7% and 1,824,467 in English)."""

from __future__ import annotations

from ltl_plan.errors import printable
from ltl_plan.result import (
    AnyResult,
    BreakdownGroup,
    CountResult,
    CoverageResult,
    GrowthResult,
    Report,
    Status,
)
from ltl_plan.words import Lang, number, percent, say, word

STATUS_STYLE = {
    Status.MET: "bold green",
    Status.ON_TRACK: "yellow",
    Status.BEHIND: "bold red",
    Status.NO_DATA: "dim",
    Status.NOT_APPLICABLE: "dim",
}
UNVERIFIED = "*"  # beside a target that could not be confirmed in its source


def target_text(indicator: AnyResult, lang: Lang, with_milestone: bool = False) -> str:
    if isinstance(indicator, CoverageResult):
        text = percent(indicator.target, lang)
    elif isinstance(indicator, CountResult):
        text = f"≥{number(indicator.target, lang)}"
    elif indicator.target_max is None:
        text = f"≥{percent(indicator.target, lang)}{word(lang, 'per_year')}"
    else:
        low, high = percent(indicator.target, lang), percent(indicator.target_max, lang)
        text = f"{low}–{high}{word(lang, 'per_year')}"
    if not indicator.target_verified:
        text += UNVERIFIED
    return f"{text} ({indicator.milestone})" if with_milestone else text


def actual_text(indicator: AnyResult, lang: Lang) -> str:
    if isinstance(indicator, CoverageResult):
        return percent(indicator.actual, lang)
    if isinstance(indicator, CountResult):
        return "–" if indicator.actual is None else number(indicator.actual, lang)
    if indicator.actual is None:
        return "–"
    return f"{percent(indicator.actual, lang, signed=True)}{word(lang, 'per_year')}"


def gap_text(indicator: AnyResult, lang: Lang) -> str:
    if indicator.gap is None:
        return "–"
    if indicator.gap == 0:
        return "0"
    if isinstance(indicator, CountResult):
        return number(indicator.gap, lang)
    return percent(indicator.gap, lang)


def count_text(indicator: AnyResult, lang: Lang) -> str:
    """Institutions reaching the flag of all counted, or the year's total."""
    if isinstance(indicator, GrowthResult):
        return number(indicator.total, lang)
    return f"{number(indicator.achieved, lang)}/{number(indicator.total, lang)}"


def not_reported_text(indicator: CoverageResult | CountResult, lang: Lang) -> str:
    return say(lang, "blank_flags", n=indicator.not_reported, total=indicator.total)


def growth_detail(indicator: GrowthResult, year: int | None, lang: Lang) -> str:
    """From which year to which, the totals, year-on-year and like-for-like growth."""
    parts = []
    if indicator.base_year is not None and indicator.base_total is not None:
        parts.append(
            f"{indicator.base_year}→{year}: "
            f"{number(indicator.base_total, lang)} → {number(indicator.total, lang)} "
            f"{indicator.unit.get(lang)}"
        )
    if indicator.yoy is not None:
        parts.append(f"{word(lang, 'yoy')} {percent(indicator.yoy, lang, signed=True)}")
    like = indicator.like_for_like
    if like is not None and like.actual is not None:
        parts.append(
            f"{word(lang, 'like_for_like')} {percent(like.actual, lang, signed=True)}"
            f"{word(lang, 'per_year')} " + say(lang, "institutions_counted", n=like.institutions)
        )
    if indicator.not_reported:
        parts.append(f"{number(indicator.not_reported, lang)} {word(lang, 'not_reported')}")
    return "; ".join(parts)


def detail_text(indicator: AnyResult, year: int | None, lang: Lang) -> str:
    if isinstance(indicator, GrowthResult):
        return growth_detail(indicator, year, lang)
    text = count_text(indicator, lang)
    if indicator.not_reported:
        text += f" ({number(indicator.not_reported, lang)} {word(lang, 'not_reported')})"
    return text


def needed_text(indicator: AnyResult, lang: Lang) -> str:
    if isinstance(indicator, GrowthResult) or indicator.needed is None:
        return "–"
    return number(indicator.needed, lang)


def status_text(indicator: AnyResult, lang: Lang) -> str:
    text = word(lang, f"status_{indicator.status}")
    if isinstance(indicator, GrowthResult) and indicator.band is not None:
        band = {"below": "<", "within": "∈", "above": ">"}[indicator.band]
        text += f" ({band} {target_text(indicator, lang)})"
    return text


def notes_of(indicator: AnyResult, lang: Lang) -> list[str]:
    """The indicator's notes, and the source of a target that could not be confirmed."""
    notes = [note.say(lang) for note in indicator.notes]
    if not indicator.target_verified:
        notes.append(say(lang, "unverified", source=indicator.source or "–"))
    return notes


def group_name(group: BreakdownGroup, report: Report, lang: Lang) -> str:
    """A place of the breakdown (printable: a name as typed in a file), or the words for
    the rows that name none."""
    if group.name is not None:
        return printable(group.name)
    assert report.breakdown is not None
    return say(lang, "unknown_place", level=report.breakdown.label.get(lang).lower())


def completeness_line(report: Report, lang: Lang) -> str | None:
    """Which reporting units sent data for the year (by kind, when there are several),
    and the deadline."""
    found = report.completeness
    if found is None:
        return None
    sent = sum(unit.sent for unit in found.units)
    text = say(
        lang,
        "units_sent",
        sent=sent,
        total=len(found.units),
        year=report.year,
        deadline=f"{found.deadline:%d/%m/%Y}",
    )
    if len(found.kinds) > 1:
        kinds = [
            say(lang, "units_of_kind", label=k.label.get(lang), sent=k.sent, expected=k.expected)
            for k in found.kinds
        ]
        text += " (" + "; ".join(kinds) + ")"
    if found.missing:
        text += "; " + word(lang, "units_missing") + ": " + ", ".join(found.missing)
    return text


def heading(report: Report, lang: Lang) -> str:
    """Plan number, area and reporting year (when the data has one)."""
    parts = [report.plan.number, report.plan.area]
    if report.year is not None:
        parts.append(f"{word(lang, 'year')} {report.year}")
    return " · ".join(parts)
