"""A Markdown summary a person can paste into a report."""

from __future__ import annotations

from ltl_plan.render import Lang
from ltl_plan.render.text import (
    actual_text,
    completeness_line,
    detail_text,
    gap_text,
    heading,
    needed_text,
    status_text,
    summary_line,
    target_text,
    word,
)
from ltl_plan.report import Report


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


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
    columns = (
        "section",
        "indicator",
        "milestone",
        "target",
        "actual",
        "gap",
        "detail",
        "needed",
        "status",
    )
    for group in report.groups:
        rows = [i for i in report.indicators if i.group == group.code]
        if not rows:
            continue
        lines += [f"## {group.label.get(lang)}", ""]
        lines.append("| " + " | ".join(word(lang, c) for c in columns) + " |")
        lines.append(
            "|"
            + "|".join(
                "---" if c in ("section", "indicator", "detail", "status") else "---:"
                for c in columns
            )
            + "|"
        )
        for i in rows:
            cells = (
                i.section,
                i.short.get(lang),
                str(i.milestone),
                target_text(i, lang, with_milestone=False),
                actual_text(i, lang),
                gap_text(i),
                detail_text(i, report.year, lang),
                needed_text(i),
                status_text(i, lang),
            )
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        lines.append("")
    units = completeness_line(report, lang)
    if units:
        lines += [units, ""]
    if report.breakdown is not None:
        districts = report.breakdown.groups
        lines += [f"## {word(lang, 'by_district').capitalize()}", ""]
        head = [word(lang, "section"), word(lang, "indicator"), word(lang, "whole_province")]
        lines.append("| " + " | ".join(head + [_cell(d.name) for d in districts]) + " |")
        lines.append("|---|---|" + "---:|" * (len(districts) + 1))
        by_id = [{i.id: i for i in district.indicators} for district in districts]
        for i in report.indicators:
            values = [actual_text(i, lang)] + [actual_text(d[i.id], lang) for d in by_id]
            lines.append(
                f"| {i.section} | {_cell(i.short.get(lang))} | " + " | ".join(values) + " |"
            )
        lines.append("")
    if report.problems:
        lines += [f"## {word(lang, 'problems')}", ""]
        lines.append("| severity | place | value | message |")
        lines.append("|---|---|---|---|")
        for p in report.problems:
            lines.append(
                f"| {p.severity} | {_cell(p.place)} | {_cell(p.value or '')} | {_cell(p.message)} |"
            )
        lines.append("")
    return "\n".join(lines)
