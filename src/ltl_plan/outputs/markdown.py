"""A Markdown summary a person can paste into a report."""

from __future__ import annotations

from ltl_plan.errors import printable
from ltl_plan.outputs.problem_text import (
    cells_text,
    severity_text,
    shown,
    summary_line,
    where_text,
)
from ltl_plan.outputs.text import (
    actual_text,
    completeness_line,
    detail_text,
    gap_text,
    group_name,
    heading,
    needed_text,
    notes_of,
    status_text,
    target_text,
)
from ltl_plan.result import AnyResult, Report
from ltl_plan.words import Lang, number, say, word


def markdown_cell(text: str) -> str:
    """Text that stays inside one cell of a Markdown table, printable."""
    return printable(text.replace("|", "\\|").replace("\n", " "))


_COLUMNS = ("section", "indicator", "milestone", "target", "actual", "gap", "detail",
            "needed", "status")  # fmt: skip
_LEFT = ("section", "indicator", "detail", "status")


def markdown_table(head: list[str], rows: list[list[str]], right: list[bool]) -> list[str]:
    """The lines of a Markdown table; each cell kept in its cell, right-aligned columns
    marked."""
    lines = ["| " + " | ".join(markdown_cell(c) for c in head) + " |"]
    lines.append("|" + "|".join("---:" if r else "---" for r in right) + "|")
    lines.extend("| " + " | ".join(markdown_cell(c) for c in row) + " |" for row in rows)
    return lines


def render_markdown(report: Report, lang: Lang = Lang.EN) -> str:
    lines = [
        f"# {heading(report, lang)}",
        "",
        f"_{report.plan.title.get(lang)}_",
        "",
        *([f"**{report.plan.notice.get(lang)}**", ""] if report.plan.notice else []),
        summary_line(report, lang),
        "",
    ]
    if not report.valid:
        lines += [f"**{word(lang, 'not_valid')}**", ""]
    if not report.indicators:
        lines += [word(lang, "no_indicators"), ""]
    for group in report.groups:
        rows = [i for i in report.indicators if i.group == group.code]
        if rows:
            lines += [f"## {group.label.get(lang)}", ""]
            lines += markdown_table(
                [word(lang, c) for c in _COLUMNS],
                [_row(i, report.year, lang) for i in rows],
                [c not in _LEFT for c in _COLUMNS],
            )
            notes = [
                f"- {i.section} {i.short.get(lang)}: {n}" for i in rows for n in notes_of(i, lang)
            ]
            lines += ["", *notes] if notes else []
            lines.append("")
    units = completeness_line(report, lang)
    if units:
        lines += [units, ""]
    if report.breakdown is not None:
        lines += _breakdown(report, lang)
    if report.problem_counts:
        lines += _problems(report, lang)
    return "\n".join(lines)


def _problems(report: Report, lang: Lang) -> list[str]:
    """Each kind of problem in each column once: how many cells, the first ones, what is
    wrong and how to fix it (at most the report's cap of them, and a line for the rest)."""
    counts, kinds_left, cells_left = shown(report)
    head = [word(lang, name) for name in ("severity", "file", "where", "count", "message", "code")]
    rows = [
        [
            severity_text(found.severity, lang),
            where_text(found),
            cells_text(found, lang),
            number(found.count, lang),
            found.message.say(lang),
            found.code,
        ]
        for found in counts
    ]
    lines = [f"## {word(lang, 'problems')}", ""]
    lines += markdown_table(head, rows, [False, False, False, True, False, False])
    if kinds_left:
        lines += ["", say(lang, "more_problems", n=kinds_left, more=cells_left)]
    return [*lines, ""]


def _row(i: AnyResult, year: int | None, lang: Lang) -> list[str]:
    return [
        i.section,
        i.short.get(lang),
        str(i.milestone),
        target_text(i, lang, with_milestone=False),
        actual_text(i, lang),
        gap_text(i, lang),
        detail_text(i, year, lang),
        needed_text(i, lang),
        status_text(i, lang),
    ]


def _breakdown(report: Report, lang: Lang) -> list[str]:
    """Every indicator's actual value for the whole and each place: a row per place."""
    assert report.breakdown is not None
    places = report.breakdown.groups
    level = report.breakdown.label.get(lang)
    head = [level] + [f"{i.section} {i.short.get(lang)}" for i in report.indicators]
    rows = [[report.plan.scope.get(lang)] + [actual_text(i, lang) for i in report.indicators]]
    for place in places:
        found = {i.id: i for i in place.indicators}
        cells = [actual_text(found[i.id], lang) for i in report.indicators]
        rows.append([group_name(place, report, lang), *cells])
    table = markdown_table(head, rows, [False] + [True] * len(report.indicators))
    by = say(lang, "by_place", level=level.lower())
    return [f"## {by[:1].upper()}{by[1:]}", "", *table, ""]
