"""Problems in words, shared by every output that lists them: each kind of problem in
each column on one line, with its first cells and how many more ("G5 “abc”, G9 “x” và
2.480 ô khác ở cột G “Thư viện số”"), and the lines about each file's table. Every text
taken from a file (names, headers, values) is made printable first: a value cannot move
the cursor, retitle a window or hide a link."""

from __future__ import annotations

from collections.abc import Iterable

from ltl_plan.errors import printable
from ltl_plan.problems import ProblemCell, ProblemCount, Severity
from ltl_plan.result import Report, SourceSummary
from ltl_plan.words import Lang, number, say, word, words

# How much of a value a line shows: enough to recognise it.
_VALUE_CHARS = 40


def quoted(value: str | None, lang: Lang) -> str:
    """A cell's value as a line shows it: quoted, cut when long, "(blank)" when empty."""
    if not value:
        return word(lang, "blank_value")
    text = printable(value)
    if len(text) > _VALUE_CHARS:
        text = text[: _VALUE_CHARS - 1] + "…"
    return f"“{text}”"


def severity_text(severity: Severity | str, lang: Lang) -> str:
    return word(lang, f"severity_{severity}")


def column_text(found: ProblemCount) -> str:
    """A column by its letter and its header as typed: G “Thư viện số”."""
    header = f"“{printable(found.column)}”" if found.column else ""
    return f"{found.letter} {header}".strip() if found.letter else header


def where_text(found: ProblemCount) -> str:
    """The file, and the sheet in brackets when there is one."""
    text = printable(found.file)
    return f"{text} [{printable(found.sheet)}]" if found.sheet else text


def cell_text(cell: ProblemCell, lang: Lang) -> str:
    """One cell: G5 “abc”, and what is wrong with it in particular."""
    text = f"{cell.cell or cell.row} {quoted(cell.value, lang)}"
    return f"{text} ({cell.detail.say(lang)})" if cell.detail is not None else text


def cells_text(found: ProblemCount, lang: Lang) -> str:
    """Where a kind of problem is: its first cells and how many more, in its column."""
    if not found.first:
        return say(lang, "in_column", column=column_text(found)) if found.column else ""
    cells = ", ".join(cell_text(cell, lang) for cell in found.first)
    more = found.count - len(found.first)
    column = column_text(found)
    if more:
        return say(lang, "cells_more_in_column", cells=cells, more=more, column=column)
    return say(lang, "cells_in_column", cells=cells, column=column)


def problem_line(found: ProblemCount, lang: Lang) -> str:
    """One kind of problem in one column, without its severity and code:
    ``file [sheet] cells: message``."""
    place = " ".join(part for part in (where_text(found), cells_text(found, lang)) if part)
    return f"{place}: {found.message.say(lang)}"


def shown(report: Report, errors_only: bool = False) -> tuple[list[ProblemCount], int, int]:
    """The kinds of problem a listing shows (at most the report's cap), and how many
    kinds and cells it leaves out."""
    counts: Iterable[ProblemCount] = report.problem_counts
    if errors_only:
        counts = [c for c in counts if c.severity is Severity.ERROR]
    counts = list(counts)
    cap = report.counts.max_problems
    if cap is None or len(counts) <= cap:
        return counts, 0, 0
    left = counts[cap:]
    return counts[:cap], len(left), sum(c.count for c in left)


def source_line(source: SourceSummary, lang: Lang) -> str:
    """Where a file's table was found and what came of its rows."""
    file = printable(source.file)
    if source.header_row is None:
        return say(lang, "source_none", file=file)
    where = say(lang, "source_sheet", sheet=printable(source.sheet)) if source.sheet else ""
    text = say(
        lang,
        "source_table",
        file=file,
        where=where,
        header=source.header_row,
        rows=source.rows,
        used=source.used,
    )
    if source.year_from_headers is not None:
        text += say(lang, "source_year", year=source.year_from_headers)
    if source.skipped:
        text += say(lang, "source_skipped", n=len(source.skipped))
    return text


def skipped_lines(report: Report, lang: Lang) -> list[str]:
    """A line for each input left out: a workbook ltl-plan wrote itself."""
    lines = []
    for skipped in report.skipped_files:
        known = f"output_{skipped.written_as}"
        kind = word(lang, known) if known in words(lang) else printable(skipped.written_as)
        lines.append(say(lang, "skipped_output", file=printable(skipped.file), kind=kind))
    return lines


def summary_line(report: Report, lang: Lang) -> str:
    """Files, rows, rows used, errors and warnings, in numbers."""
    counts = report.counts
    return say(
        lang,
        "summary",
        files=len({source.file for source in report.files}),
        rows=counts.rows,
        used=counts.used,
        errors=counts.errors,
        warnings=counts.warnings,
    )


def failure_summary(report: Report, lang: Lang, first: int = 5) -> list[str]:
    """A few lines for standard error when a JSON or Markdown check fails: the counts,
    the problems by kind, the first kinds of problem, and the targets behind."""
    lines = [summary_line(report, lang)]
    by_code: dict[str, int] = {}
    for found in report.problem_counts:
        by_code[found.code] = by_code.get(found.code, 0) + found.count
    if by_code:
        counts = "; ".join(f"{code} {number(n, lang)}" for code, n in by_code.items())
        lines.append(say(lang, "by_code", counts=counts))
    errors_first = sorted(report.problem_counts, key=lambda c: c.severity is not Severity.ERROR)
    for found in errors_first[:first]:
        lines.append(f"{severity_text(found.severity, lang)} {problem_line(found, lang)}")
    if len(errors_first) > first:
        left = errors_first[first:]
        lines.append(say(lang, "more_kinds", n=len(left), more=sum(c.count for c in left)))
    behind = list(dict.fromkeys(i.section for i in report.behind))
    if behind:
        lines.append(say(lang, "behind_list", sections=", ".join(behind)))
    return lines
