"""``ltl-plan trend``: every indicator across every year of the data, beside the plan's
path, with where the current pace leads."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from ltl_plan.outputs.markdown import markdown_table
from ltl_plan.outputs.terminal import group_table
from ltl_plan.outputs.text import STATUS_STYLE, heading, target_text
from ltl_plan.result import AnyResult, CountResult, CoverageResult, GrowthResult, Report
from ltl_plan.words import Lang, number, percent, word


def _value(indicator: AnyResult, year: int, lang: Lang) -> str:
    value = indicator.series.get(year)
    if isinstance(indicator, CoverageResult):
        return percent(value, lang)
    return "–" if value is None else number(value, lang)


def _path(indicator: AnyResult, year: int, lang: Lang) -> str:
    trend = indicator.trend
    if trend is None or year not in trend.path:
        return "–"
    if isinstance(indicator, CoverageResult):
        return percent(trend.path[year], lang)
    if isinstance(indicator, CountResult):
        return number(trend.path[year], lang)
    low = number(round(trend.path[year]), lang)
    if trend.path_high is None or year not in trend.path_high:
        return low
    return f"{low}–{number(round(trend.path_high[year]), lang)}"


def _pace(indicator: AnyResult, lang: Lang) -> str:
    trend = indicator.trend
    if trend is None or trend.pace is None:
        return "–"
    if isinstance(indicator, CoverageResult):
        points = f"{trend.pace * 100:+.1f}"
        points = points.replace(".", ",") if lang is Lang.VI else points
        return f"{points} {word(lang, 'points')}{word(lang, 'per_year')}"
    if isinstance(indicator, CountResult):
        pace = f"{trend.pace:+.1f}".replace(".", "," if lang is Lang.VI else ".")
        return f"{pace}{word(lang, 'per_year')}"
    return f"{percent(trend.pace, lang, signed=True)}{word(lang, 'per_year')}"


def trend_rows(report: Report, lang: Lang) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """Column headings and, per indicator, its cells (shared by table and Markdown)."""
    years = report.years
    year = report.year
    head = [word(lang, "section"), word(lang, "indicator"), *map(str, years)]
    head += [f"{word(lang, 'path')} {year}", word(lang, "target"), word(lang, "pace"),
             word(lang, "reach")]  # fmt: skip
    rows = []
    for i in report.indicators:
        cells = [i.section, i.short.get(lang), *(_value(i, y, lang) for y in years)]
        target = target_text(i, lang, with_milestone=not isinstance(i, GrowthResult))
        reach = i.trend.reach.say(lang) if i.trend else ""
        cells += [_path(i, year, lang) if year else "–", target, _pace(i, lang), reach]
        rows.append((i.group, cells))
    return head, rows


def render_trend(report: Report, lang: Lang = Lang.EN) -> RenderableType:
    parts: list[RenderableType] = [Text(heading(report, lang), style="bold")]
    if not report.indicators:
        parts.append(Text(word(lang, "no_indicators")))
        return Group(*parts)
    head, rows = trend_rows(report, lang)
    statuses = {i.short.get(lang): i.status for i in report.indicators}
    for group in report.groups:
        chosen = [cells for code, cells in rows if code == group.code]
        if not chosen:
            continue
        table = group_table(group.label.get(lang))
        for n, name in enumerate(head):
            table.add_column(name, justify="left" if n in (0, 1) else "right", min_width=4)
        for cells in chosen:
            style = STATUS_STYLE[statuses[cells[1]]]
            table.add_row(*cells[:-1], Text(cells[-1], style=style))
        parts.append(table)
    return Group(*parts)


def render_trend_markdown(report: Report, lang: Lang = Lang.EN) -> str:
    head, rows = trend_rows(report, lang)
    right = [False, False] + [True] * (len(head) - 3) + [False]
    table = markdown_table(head, [cells for _, cells in rows], right)
    return "\n".join([f"# {heading(report, lang)}", "", *table]) + "\n"
