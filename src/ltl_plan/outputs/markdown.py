"""A Markdown summary a person can paste into a report."""

from __future__ import annotations

from ltl_plan.outputs.text import (
    actual_text,
    completeness_line,
    detail_text,
    gap_text,
    heading,
    needed_text,
    status_text,
    summary_line,
    target_text,
)
from ltl_plan.result import CoverageResult, GrowthResult, Report
from ltl_plan.words import Lang, word


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


def _row(i: CoverageResult | GrowthResult, year: int | None, lang: Lang) -> list[str]:
    return [
        i.section,
        i.short.get(lang),
        str(i.milestone),
        target_text(i, lang, with_milestone=False),
        actual_text(i, lang),
        gap_text(i),
        detail_text(i, year, lang),
        needed_text(i),
        status_text(i, lang),
    ]


def _breakdown(report: Report, lang: Lang) -> list[str]:
    """Every indicator's actual value for the province and each district."""
    assert report.breakdown is not None
    districts = report.breakdown.groups
    head = [word(lang, "section"), word(lang, "indicator"), word(lang, "whole_province")]
    by_id = [{i.id: i for i in district.indicators} for district in districts]
    rows = [
        [i.section, i.short.get(lang), actual_text(i, lang)]
        + [actual_text(d[i.id], lang) for d in by_id]
        for i in report.indicators
    ]
    right = [False, False] + [True] * (len(districts) + 1)
    table = markdown_table(head + [d.name for d in districts], rows, right)
    return [f"## {word(lang, 'by_district').capitalize()}", "", *table, ""]
