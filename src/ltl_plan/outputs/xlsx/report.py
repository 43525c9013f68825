"""The yearly report as an Excel workbook (``ltl-plan report``): what the department
hands on to the Provincial People's Committee and the Ministry.

Sheets: a summary of every indicator coloured by status, the indicators by district, the
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

import tempfile
from pathlib import Path

import pandas as pd

from ltl_plan.output import save_atomic
from ltl_plan.outputs.text import completeness_line, count_text
from ltl_plan.outputs.xlsx.progress import progress
from ltl_plan.outputs.xlsx.sheets import OPTIONS, Cell, SheetWriter, texts
from ltl_plan.plan import Plan
from ltl_plan.result import CoverageResult, Report, Status
from ltl_plan.words import Lang


class _Report(SheetWriter):
    def summary(self) -> None:
        names = self.words(
            "section",
            "indicator",
            "population",
            "milestone_year",
            "target",
            "actual",
            "gap",
            "needed",
            "achieved_total",
            "status",
        )
        widths = (8, 60, 40, 8, 10, 10, 10, 10, 14, 16)
        sheet = self.start(self.word("sheet_summary"), names, widths)
        styles = self.styles
        head = sheet.row
        for i in self.report.indicators:
            needed = i.needed if isinstance(i, CoverageResult) else None
            sheet.append(
                [
                    i.section,
                    i.label.get(self.lang),
                    self.population(i),
                    i.milestone,
                    Cell(i.target, styles.percent),
                    Cell(i.actual, styles.percent),
                    Cell(i.gap, styles.percent),
                    Cell(needed, styles.count),
                    count_text(i, self.lang),
                    Cell(self.word(f"status_{i.status}"), styles.status[i.status]),
                ]
            )
        self.finish(sheet, head, len(names), sheet.row)
        found = self.report.completeness
        if found is not None:
            sheet.append([])
            sheet.append([None, completeness_line(self.report, self.lang)])
            for unit in found.units:
                sent = self.word("yes") if unit.sent else self.word("units_missing")
                style = styles.status[Status.MET if unit.sent else Status.BEHIND]
                sheet.append([None, unit.name, Cell(sent, style)])

    def districts(self) -> None:
        breakdown = self.report.breakdown
        if breakdown is None:
            return
        names = [self.word("section"), self.word("indicator"),
                 self.word("whole_province")]  # fmt: skip
        names += [group.name for group in breakdown.groups]
        sheet = self.start(
            self.word("sheet_districts"), names, [8, 40, 12] + [14] * len(breakdown.groups)
        )
        head = sheet.row
        by_id = [{i.id: i for i in group.indicators} for group in breakdown.groups]
        for i in self.report.indicators:
            found = [i, *(d[i.id] for d in by_id)]
            sheet.append(
                [i.section, i.short.get(self.lang)]
                + [Cell(f.actual, self.styles.percent_status[f.status]) for f in found]
            )
        self.finish(sheet, head, len(names), sheet.row)

    def institutions(self, records: pd.DataFrame) -> None:
        flags = list(self.plan.flags)
        names = [
            *self.words("col_id", "col_name", "col_category", "col_level", "col_district"),
            *(f.label.get(self.lang) for f in flags),
            self.word("col_visits"),
        ]
        sheet = self.start(
            self.word("sheet_institutions"),
            names,
            [14, 40, 28, 12, 20] + [14] * len(flags) + [14],
        )
        head = sheet.row
        rows = records[records["year"] == self.report.year]
        categories = {c.code: c.label.get(self.lang) for c in self.plan.categories}
        levels = {lv.code: lv.label.get(self.lang) for lv in self.plan.levels}
        answer = {True: self.word("yes"), False: self.word("no")}
        # Column by column, every missing value None (a blank cell), so that each row is
        # written as it is: one write_row for the texts, and the count with its format.
        columns = [
            texts(rows["id"]),
            texts(rows["name"]),
            [categories.get(c) for c in rows["category"].astype(object)],
            [
                levels.get(lv) if isinstance(lv, str) else None
                for lv in rows["level"].astype(object)
            ],
            texts(rows["district"]),
            *([answer.get(v) if v is not pd.NA else None for v in rows[f.code]] for f in flags),
        ]
        visits = [None if v is pd.NA else int(v) for v in rows["learning_visits"]]
        ws, count, last = sheet.sheet, self.styles.count, len(names) - 1
        index = sheet.row  # 0-based: the first row after the header
        for values, visit in zip(zip(*columns, strict=True), visits, strict=True):
            # write_row stops at a text it had to cut to Excel's 32,767 characters:
            # then the row is written again cell by cell.
            if ws.write_row(index, 0, values):
                for column, value in enumerate(values):
                    ws.write(index, column, value)
            if visit is not None:
                ws.write_number(index, last, visit, count)
            index += 1
        sheet.row = index
        self.finish(sheet, head, len(names), sheet.row)

    def problems(self) -> None:
        if not self.report.problems:
            return
        keys = ("severity", "code", "file", "sheet", "row", "column", "cell", "value", "message")
        sheet = self.start(
            self.word("sheet_problems"),
            [self.word(k) for k in keys],
            (10, 22, 30, 18, 7, 26, 7, 20, 90),
        )
        head = sheet.row
        for problem in self.report.problems:
            style = self.styles.status[
                Status.BEHIND if problem.severity == "error" else Status.ON_TRACK
            ]
            values = [getattr(problem, key) for key in keys[1:]]
            sheet.append([Cell(str(problem.severity), style), *values])
        self.finish(sheet, head, len(keys), sheet.row)


def write_workbook(
    path: Path, report: Report, records: pd.DataFrame, plan: Plan, lang: Lang = Lang.VI
) -> None:
    """Write the yearly report workbook to ``path`` (atomically)."""

    def save(temporary: Path) -> None:
        import xlsxwriter

        # XlsxWriter writes the parts of the file to temporary files as it closes: in a
        # folder of ours, removed even if the writing stops half way.
        with tempfile.TemporaryDirectory(prefix="ltl-plan-", ignore_cleanup_errors=True) as scratch:
            workbook = xlsxwriter.Workbook(str(temporary), {**OPTIONS, "tmpdir": scratch})
            writer = _Report(report, plan, lang, workbook)
            writer.summary()
            writer.districts()
            writer.institutions(records)
            progress(writer)
            writer.problems()
            workbook.close()

    save_atomic(path, save)
