"""A Markdown summary a person can paste into a report."""

from __future__ import annotations

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
    summary_line,
    target_text,
)
from ltl_plan.result import AnyResult, Report
from ltl_plan.words import Lang, say, word


def markdown_cell(text: str) -> str:
    """Text that stays inside one cell of a Markdown table."""
    return text.replace("|", "\\|").replace("\n", " ")


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
    if report.problems:
        lines += [f"## {word(lang, 'problems')}", ""]
        problems = [[str(p.severity), p.place, p.value or "", p.message] for p in report.problems]
        lines += markdown_table(["severity", "place", "value", "message"], problems, [False] * 4)
        lines.append("")
    return "\n".join(lines)


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
