"""The terminal view: one rich table per group of indicators, fit for 80 columns; with a
breakdown, a table per group with a row per place. Every text from the data is a rich
``Text``, never markup, so a name like ``[/bold]`` is shown as it is."""

from __future__ import annotations

from collections import Counter

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ltl_plan.outputs.problem_text import problem_line, severity_text, shown, source_line
from ltl_plan.outputs.text import (
    STATUS_STYLE,
    actual_text,
    completeness_line,
    count_text,
    group_name,
    growth_detail,
    heading,
    needed_text,
    not_reported_text,
    notes_of,
    status_text,
    target_text,
)
from ltl_plan.problems import Severity
from ltl_plan.result import AnyResult, CountResult, CoverageResult, GrowthResult, Report
from ltl_plan.words import Lang, say, word


def group_table(title: str) -> Table:
    """The frame of every table of a group of indicators."""
    return Table(
        title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD, pad_edge=False
    )


def render_table(report: Report, lang: Lang = Lang.EN) -> RenderableType:
    title = heading(report, lang)
    parts: list[RenderableType] = [Text(title, style="bold")]
    if report.plan.notice is not None:
        parts.append(Text(report.plan.notice.get(lang), style="italic"))
    if not report.valid:
        parts.append(Text(word(lang, "not_valid"), style="bold red"))
    if not report.indicators:
        parts.append(Text(word(lang, "no_indicators")))
        return Group(*parts)
    for group in report.groups:
        rows = [i for i in report.indicators if i.group == group.code]
        if rows:
            parts.append(_indicator_table(group.label.get(lang), rows, lang))
            notes = [note for i in rows for note in _footnotes(i, report.year, lang)]
            parts.extend(Text(f"  {note}", style="dim") for note in notes)
    if report.breakdown is not None:
        parts.extend(_breakdown_tables(report, lang))
    units = completeness_line(report, lang)
    if units:
        style = "yellow" if report.completeness and report.completeness.missing else "green"
        parts.append(Text(units, style=style))
    return Group(*parts)


def _indicator_table(title: str, rows: list[AnyResult], lang: Lang) -> Table:
    """One group's indicators; the milestone most of them share in the title, any other
    beside its target. The status and count columns keep their whole words; the
    indicator names wrap."""
    milestone = Counter(i.milestone for i in rows).most_common(1)[0][0]
    table = group_table(f"{title} · {word(lang, 'targets_for')} {milestone}")
    table.add_column(word(lang, "section"), no_wrap=True)
    table.add_column(word(lang, "indicator"), ratio=1, min_width=8)
    table.add_column(word(lang, "target"), justify="right")
    table.add_column(word(lang, "actual"), justify="right", no_wrap=True)
    counts = max(len(count_text(i, lang)) for i in rows)
    table.add_column(word(lang, "count"), justify="right", min_width=counts, no_wrap=True)
    table.add_column(word(lang, "needed"), justify="right")
    statuses = max(len(status_text(i, lang)) for i in rows)
    table.add_column(word(lang, "status"), min_width=statuses, no_wrap=True)
    for indicator in rows:
        table.add_row(
            indicator.section,
            indicator.short.get(lang),
            target_text(indicator, lang, with_milestone=indicator.milestone != milestone),
            actual_text(indicator, lang),
            count_text(indicator, lang),
            needed_text(indicator, lang),
            Text(status_text(indicator, lang), style=STATUS_STYLE[indicator.status]),
        )
    return table


def _footnotes(indicator: AnyResult, year: int | None, lang: Lang) -> list[str]:
    """What an indicator's row cannot show: blank answers, the growth in detail, notes."""
    name = f"{indicator.section} {indicator.short.get(lang)}"
    notes = []
    if isinstance(indicator, CoverageResult | CountResult) and indicator.not_reported:
        notes.append(f"{name}: {not_reported_text(indicator, lang)}")
    if isinstance(indicator, GrowthResult) and indicator.actual is not None:
        notes.append(f"{name}: {growth_detail(indicator, year, lang)}")
    notes.extend(f"{name}: {note}" for note in notes_of(indicator, lang))
    return notes


def render_problems(report: Report, lang: Lang, quiet: bool = False) -> list[Text]:
    """For standard error, a line each: each file's table, then each kind of problem in
    each column with its first cells and its code (errors only when ``quiet``), at most
    the report's cap of them and a line for the rest."""
    lines: list[Text] = []
    if not quiet:
        lines.extend(Text(source_line(source, lang), style="dim") for source in report.files)
    counts, kinds_left, cells_left = shown(report, errors_only=quiet)
    for found in counts:
        style = "red" if found.severity is Severity.ERROR else "yellow"
        lines.append(
            Text.assemble(
                (severity_text(found.severity, lang), style),
                f" {problem_line(found, lang)} ",
                (f"[{found.code}]", "dim"),
            )
        )
    if kinds_left:
        lines.append(Text(say(lang, "more_problems", n=kinds_left, more=cells_left), "dim"))
    return lines


def _breakdown_tables(report: Report, lang: Lang) -> list[RenderableType]:
    """For each group of indicators: a row for the whole and one per place, a column per
    indicator, each cell the actual value coloured by its status (a row per place, so
    that a hundred communes make a long table, not a wide one)."""
    assert report.breakdown is not None
    tables: list[RenderableType] = []
    places = report.breakdown.groups
    level = report.breakdown.label.get(lang)
    for group in report.groups:
        rows = [i for i in report.indicators if i.group == group.code]
        if not rows:
            continue
        by = say(lang, "by_place", level=level.lower())
        table = group_table(f"{group.label.get(lang)} · {by}")
        table.add_column(level, min_width=12)
        for indicator in rows:
            table.add_column(f"{indicator.section} {indicator.short.get(lang)}", justify="right")
        table.add_row(
            Text(report.plan.scope.get(lang), style="bold"),
            *(Text(actual_text(i, lang), style=STATUS_STYLE[i.status]) for i in rows),
        )
        for place in places:
            found = {i.id: i for i in place.indicators}
            cells = [found[i.id] for i in rows]
            table.add_row(
                Text(group_name(place, report, lang)),
                *(Text(actual_text(c, lang), style=STATUS_STYLE[c.status]) for c in cells),
            )
        tables.append(table)
    return tables
