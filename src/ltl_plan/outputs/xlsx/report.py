"""The yearly report as an Excel workbook (``ltl-plan report``): what the office that
gathers the data hands on.

Sheets: a summary of every indicator coloured by status, the indicators by place, the
institution list with each one's answers, the progress over the years beside the plan's
path with native Excel charts, and the data problems. Every figure is the report's own
(the same as ``check --format json``); text from the submissions is always written as
text, never as a formula, a number or a link; the file is written atomically.

Written with XlsxWriter, which keeps the cells in memory until the workbook is closed
and then writes each text once, in the shared-string table (its constant-memory mode
writes every cell's text inline as it goes: 4 s slower for 100k institutions, for about
80 MB less memory). Every cell format is made once (``_Styles``) and shared by the cells
that use it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ltl_plan.outputs.problem_text import cells_text, column_text, severity_text
from ltl_plan.outputs.text import completeness_line, group_name, notes_of
from ltl_plan.outputs.xlsx.progress import progress
from ltl_plan.outputs.xlsx.sheets import Cell, Sheet, SheetWriter, save_workbook, texts
from ltl_plan.plan import Plan
from ltl_plan.problems import Severity
from ltl_plan.result import AnyResult, CountResult, GrowthResult, Report, Status
from ltl_plan.words import Lang, say


class _Report(SheetWriter):
    def figure(self, value: object, indicator: AnyResult, status: Status | None = None) -> Cell:
        """A figure of an indicator in its own format: a count for a count indicator, a
        percentage otherwise; coloured by ``status`` when given."""
        count = isinstance(indicator, CountResult)
        if status is not None:
            style = (self.styles.count_status if count else self.styles.percent_status)[status]
        else:
            style = self.styles.count if count else self.styles.percent
        return Cell(value, style)

    def summary(self) -> None:
        names = self.words(
            "section", "indicator", "population", "milestone_year", "target", "actual", "gap",
            "needed", "achieved", "total", "status", "notes",
        )  # fmt: skip
        widths = (7, 40, 28, 6, 10, 10, 9, 8, 9, 12, 14, 40)
        sheet = self.start(self.word("sheet_summary"), names, widths, wrap=(1, 2, 10, 11))
        styles = self.styles
        head = sheet.row
        for i in self.report.indicators:
            needed, achieved = (
                (None, None) if isinstance(i, GrowthResult) else (i.needed, i.achieved)
            )
            sheet.append(
                [
                    Cell(i.section, styles.top),
                    i.label.get(self.lang),
                    self.population(i),
                    Cell(i.milestone, styles.top),
                    self.figure(i.target, i),
                    self.figure(i.actual, i),
                    self.figure(i.gap, i),
                    Cell(needed, styles.count_top),
                    Cell(achieved, styles.count_top),
                    Cell(i.total, styles.count_top),
                    Cell(self.word(f"status_{i.status}"), styles.status[i.status]),
                    "\n".join(notes_of(i, self.lang)),
                ]
            )
        self.finish(sheet, head, len(names), sheet.row)
        self.units(sheet)

    def units(self, sheet: Sheet) -> None:
        """Under the summary: which reporting units sent data, kind by kind."""
        found = self.report.completeness
        if found is None:
            return
        sheet.append([])
        sheet.append([None, Cell(completeness_line(self.report, self.lang), self.styles.wrap)])
        for kind in found.kinds:
            sheet.append([None, Cell(kind.label.get(self.lang), self.styles.bold)])
            for unit in (u for u in found.units if u.kind == kind.kind):
                sent = self.word("yes") if unit.sent else self.word("units_missing")
                style = self.styles.status[Status.MET if unit.sent else Status.BEHIND]
                sheet.append([None, unit.name, Cell(sent, style)])

    def places(self) -> None:
        """Every indicator for the whole and for each place of the breakdown's level: a
        row per place, a column per indicator."""
        breakdown = self.report.breakdown
        if breakdown is None:
            return
        indicators = self.report.indicators
        level = breakdown.label.get(self.lang)
        names = [level] + [f"{i.section} {i.short.get(self.lang)}" for i in indicators]
        title = say(self.lang, "sheet_places", level=level.lower())
        sheet = self.start(title, names, [22] + [10] * len(indicators), wrap=(0,))
        head = sheet.row
        whole = Cell(self.report.plan.scope.get(self.lang), self.styles.bold)
        sheet.append([whole] + [self.figure(i.actual, i, i.status) for i in indicators])
        for group in breakdown.groups:
            found = {i.id: i for i in group.indicators}
            cells = [found[i.id] for i in indicators]
            name = group_name(group, self.report, self.lang)
            sheet.append([name] + [self.figure(c.actual, c, c.status) for c in cells])
        self.finish(sheet, head, len(names), sheet.row)

    def institutions(self, records: pd.DataFrame) -> None:
        year = self.report.year or 0
        flags = list(self.plan.flags)
        places = [p for p in self.plan.places if year in p.years]
        measures = list(self.plan.measures)
        names = [
            *self.words("col_id", "col_name", "col_category", "col_level"),
            *(p.label.get(self.lang) for p in places),
            *(f.label.get(self.lang) for f in flags),
            *(m.label.get(self.lang) for m in measures),
        ]
        widths = [14, 40, 28, 12] + [20] * len(places) + [14] * (len(flags) + len(measures))
        sheet = self.start(self.word("sheet_institutions"), names, widths)
        # 100,000 rows: names are not wrapped (a row a line); the columns are wide.
        head = sheet.row
        rows = records[records["year"] == self.report.year]
        categories = {c.code: c.label.get(self.lang) for c in self.plan.categories}
        levels = {lv.code: lv.label.get(self.lang) for lv in self.plan.levels}
        answer = {True: self.word("yes"), False: self.word("no")}
        # Column by column, every missing value None (a blank cell), so that each row is
        # written as it is: one write_row for the texts, and the counts with their format.
        columns = [
            texts(rows["id"]),
            texts(rows["name"]),
            [categories.get(c) for c in rows["category"].astype(object)],
            [
                levels.get(lv) if isinstance(lv, str) else None
                for lv in rows["level"].astype(object)
            ],
            *(texts(rows[p.code]) for p in places),
            *([answer.get(v) if v is not pd.NA else None for v in rows[f.code]] for f in flags),
        ]
        counts = [[None if v is pd.NA else int(v) for v in rows[m.code]] for m in measures]
        self.rows(sheet, columns, counts)
        self.finish(sheet, head, len(names), sheet.row)

    def rows(self, sheet: Sheet, columns: list[list[Any]], counts: list[list[Any]]) -> None:
        """The institution rows: texts with one write_row each, counts as numbers."""
        ws, style, first = sheet.sheet, self.styles.count, len(columns)
        index = sheet.row  # 0-based: the first row after the header
        for values, numbers in zip(
            zip(*columns, strict=True),
            zip(*counts, strict=True) if counts else [()] * len(columns[0]),
            strict=True,
        ):
            # write_row stops at a text it had to cut to Excel's 32,767 characters:
            # then the row is written again cell by cell.
            if ws.write_row(index, 0, values):
                for column, value in enumerate(values):
                    ws.write(index, column, value)
            for offset, number in enumerate(numbers):
                if number is not None:
                    ws.write_number(index, first + offset, number, style)
            index += 1
        sheet.row = index

    def problems(self) -> None:
        """Each kind of problem in each column once, with its count and first cells (the
        correction workbook marks every cell)."""
        if not self.report.problem_counts:
            return
        lang = self.lang
        names = self.words("severity", "code", "file", "sheet", "column", "count", "where")
        names.append(self.word("message"))
        widths = (10, 16, 24, 14, 20, 8, 36, 50)
        sheet = self.start(self.word("sheet_problems"), names, widths, wrap=(1, 2, 3, 4, 6, 7))
        head = sheet.row
        for found in self.report.problem_counts:
            status = Status.BEHIND if found.severity is Severity.ERROR else Status.ON_TRACK
            sheet.append(
                [
                    Cell(severity_text(found.severity, lang), self.styles.status[status]),
                    Cell(found.code, self.styles.wrap),
                    Cell(found.file, self.styles.wrap),
                    Cell(found.sheet, self.styles.wrap),
                    Cell(column_text(found), self.styles.wrap),
                    Cell(found.count, self.styles.count_top),
                    Cell(cells_text(found, lang), self.styles.wrap),
                    Cell(found.message.say(lang), self.styles.wrap),
                ]
            )
        self.finish(sheet, head, len(names), sheet.row)


def write_workbook(
    path: Path, report: Report, records: pd.DataFrame, plan: Plan, lang: Lang = Lang.VI
) -> None:
    """Write the yearly report workbook to ``path`` (atomically)."""

    def fill(workbook: Any) -> None:
        writer = _Report(report, plan, lang, workbook)
        writer.summary()
        writer.places()
        writer.institutions(records)
        progress(writer)
        writer.problems()

    save_workbook(path, fill, kind="report")
