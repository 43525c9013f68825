"""The yearly report as an Excel workbook (``ltl-plan report``): what the department
hands on to the Provincial People's Committee and the Ministry.

Sheets: a summary of every indicator coloured by status, the indicators by district, the
institution list with each one's answers, the progress over the years beside the plan's
path with native Excel charts, and the data problems. Every figure is the report's own
(the same as ``check --format json``); text from the submissions is always written as
text, never as a formula; the file is written atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ltl_plan.output import save_atomic
from ltl_plan.plan import Plan
from ltl_plan.render import Lang
from ltl_plan.render.text import completeness_line, number, word
from ltl_plan.report import CoverageResult, GrowthResult, Report, Status

PERCENT = "0.0%"
COUNT = "#,##0"
STATUS_FILL = {
    Status.MET: "C6EFCE",
    Status.ON_TRACK: "FFEB9C",
    Status.BEHIND: "FFC7CE",
    Status.NO_DATA: "EDEDED",
}
HEAD_FILL = "DDEBF7"

TEXTS: dict[Lang, dict[str, str]] = {
    Lang.VI: {
        "summary": "Tổng hợp",
        "districts": "Theo huyện",
        "institutions": "Danh sách đơn vị",
        "progress": "Tiến độ",
        "problems": "Lỗi dữ liệu",
        "report_year": "Năm báo cáo",
        "plan": "Kế hoạch",
        "population": "Đối tượng",
        "milestone": "Mốc",
        "achieved_total": "Đạt / Tổng",
        "valid": "Dữ liệu hợp lệ",
        "invalid": "Dữ liệu có lỗi: các dòng lỗi không được tính",
        "actual": "Thực hiện",
        "path": "Lộ trình",
        "target": "Mục tiêu",
        "coverage_chart": "Tỷ lệ thực hiện so với mục tiêu",
        "visits_chart": "Lượt phục vụ học tập theo năm",
        "path_low": "Tăng {rate} mỗi năm",
        "year": "Năm",
        "id": "Mã đơn vị",
        "name": "Tên đơn vị",
        "category": "Loại hình",
        "level": "Cấp",
        "district": "Huyện",
        "visits": "Lượt phục vụ học tập",
        "yes": "Có",
        "no": "Không",
        "severity": "Mức độ",
        "code": "Mã lỗi",
        "file": "Tệp",
        "sheet": "Trang tính",
        "row": "Dòng",
        "column": "Cột",
        "cell": "Ô",
        "value": "Giá trị",
        "message": "Nội dung",
    },
    Lang.EN: {
        "summary": "Summary",
        "districts": "By district",
        "institutions": "Institutions",
        "progress": "Progress",
        "problems": "Data problems",
        "report_year": "Reporting year",
        "plan": "Plan",
        "population": "Population",
        "milestone": "Milestone",
        "achieved_total": "Achieved / total",
        "valid": "Data valid",
        "invalid": "Data has errors: rows with errors are not counted",
        "actual": "Actual",
        "path": "Path",
        "target": "Target",
        "coverage_chart": "Coverage against target",
        "visits_chart": "Learning visits per year",
        "path_low": "{rate} a year",
        "year": "Year",
        "id": "Id",
        "name": "Name",
        "category": "Category",
        "level": "Level",
        "district": "District",
        "visits": "Learning visits",
        "yes": "Yes",
        "no": "No",
        "severity": "Severity",
        "code": "Code",
        "file": "File",
        "sheet": "Sheet",
        "row": "Row",
        "column": "Column",
        "cell": "Cell",
        "value": "Value",
        "message": "Message",
    },
}


def _set(cell: Any, value: Any, number_format: str | None = None) -> None:
    """Write a value; text always as text (a name starting with "=" is no formula)."""
    if isinstance(value, float) and value != value:
        value = None
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    if number_format and value is not None:
        cell.number_format = number_format


class _Writer:
    def __init__(self, report: Report, plan: Plan, lang: Lang) -> None:
        from openpyxl import Workbook

        self.report, self.plan, self.lang = report, plan, lang
        self.t = TEXTS[lang]
        self.workbook = Workbook()

    def population(self, indicator: CoverageResult | GrowthResult) -> str:
        labels = [self.plan.category(c).label.get(self.lang) for c in indicator.categories]
        text = ", ".join(labels)
        if indicator.level:
            names = {lv.code: lv.label.get(self.lang) for lv in self.plan.levels}
            text += " (" + ", ".join(names[lv] for lv in indicator.level) + ")"
        return text

    def title_block(self, sheet: Any, title: str, width: int) -> int:
        """Plan, title, year: the rows repeated on every printed page. Returns the next row."""
        from openpyxl.styles import Alignment, Font

        info = self.plan.plan
        report = self.report
        lines = [
            title.upper(),
            f"{self.t['plan']} {info.number} ({info.date:%d/%m/%Y}), {info.issuer.get(self.lang)}",
            info.title.get(self.lang),
            f"{self.t['report_year']}: {report.year} · "
            + (self.t["valid"] if report.valid else self.t["invalid"]),
        ]
        for row, text in enumerate(lines, 1):
            cell = sheet.cell(row=row, column=1)
            _set(cell, text)
            cell.font = Font(bold=row == 1, size=13 if row == 1 else 10)
            cell.alignment = Alignment(wrap_text=False)
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        return len(lines) + 2

    def header(self, sheet: Any, row: int, names: Sequence[str]) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        for column, name in enumerate(names, 1):
            cell = sheet.cell(row=row, column=column)
            _set(cell, name)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor=HEAD_FILL)
            cell.alignment = Alignment(wrap_text=True, vertical="center")

    def finish(self, sheet: Any, header_row: int, widths: Sequence[float], last_row: int) -> None:
        """Frozen header, filter, widths, A4 landscape, title and header rows on every page."""
        from openpyxl.utils import get_column_letter

        last = get_column_letter(len(widths))
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
        sheet.auto_filter.ref = f"A{header_row}:{last}{max(last_row, header_row)}"
        for column, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_title_rows = f"1:{header_row}"

    def count(self, indicator: CoverageResult | GrowthResult) -> str:
        if isinstance(indicator, CoverageResult):
            return f"{indicator.achieved}/{indicator.total}"
        return number(indicator.total, self.lang)

    # -- sheets ---------------------------------------------------------------------

    def summary(self) -> None:
        from openpyxl.styles import PatternFill

        sheet = self.workbook.active
        sheet.title = self.t["summary"]
        names = [word(self.lang, "section"), word(self.lang, "indicator"), self.t["population"],
                 self.t["milestone"], word(self.lang, "target"), word(self.lang, "actual"),
                 word(self.lang, "gap"), word(self.lang, "needed"), self.t["achieved_total"],
                 word(self.lang, "status")]  # fmt: skip
        head = self.title_block(sheet, self.t["summary"], len(names))
        self.header(sheet, head, names)
        row = head
        for row, i in enumerate(self.report.indicators, head + 1):
            values: list[tuple[Any, str | None]] = [
                (i.section, None),
                (i.label.get(self.lang), None),
                (self.population(i), None),
                (i.milestone, None),
                (i.target, PERCENT),
                (i.actual, PERCENT),
                (i.gap, PERCENT),
                (i.needed if isinstance(i, CoverageResult) else None, COUNT),
                (self.count(i), None),
                (word(self.lang, i.status), None),
            ]
            for column, (value, number_format) in enumerate(values, 1):
                _set(sheet.cell(row=row, column=column), value, number_format)
            sheet.cell(row=row, column=10).fill = PatternFill(
                "solid", fgColor=STATUS_FILL[i.status]
            )
        self.finish(sheet, head, (8, 60, 40, 8, 10, 10, 10, 10, 14, 16), row)
        found = self.report.completeness
        if found is not None:
            row += 2
            _set(sheet.cell(row=row, column=2), completeness_line(self.report, self.lang))
            for unit in found.units:
                row += 1
                _set(sheet.cell(row=row, column=2), unit.name)
                status = sheet.cell(row=row, column=3)
                _set(status, self.t["yes"] if unit.sent else word(self.lang, "units_missing"))
                status.fill = PatternFill(
                    "solid", fgColor=STATUS_FILL[Status.MET if unit.sent else Status.BEHIND]
                )

    def districts(self) -> None:
        from openpyxl.styles import PatternFill

        breakdown = self.report.breakdown
        if breakdown is None:
            return
        sheet = self.workbook.create_sheet(self.t["districts"])
        names = [word(self.lang, "section"), word(self.lang, "indicator"),
                 word(self.lang, "whole_province")]  # fmt: skip
        names += [group.name for group in breakdown.groups]
        head = self.title_block(sheet, self.t["districts"], len(names))
        self.header(sheet, head, names)
        by_id = [{i.id: i for i in group.indicators} for group in breakdown.groups]
        row = head
        for row, i in enumerate(self.report.indicators, head + 1):
            _set(sheet.cell(row=row, column=1), i.section)
            _set(sheet.cell(row=row, column=2), i.short.get(self.lang))
            for column, found in enumerate([i, *(d[i.id] for d in by_id)], 3):
                cell = sheet.cell(row=row, column=column)
                _set(cell, found.actual, PERCENT)
                cell.fill = PatternFill("solid", fgColor=STATUS_FILL[found.status])
        self.finish(sheet, head, [8, 40, 12] + [14] * len(breakdown.groups), row)

    def institutions(self, records: pd.DataFrame) -> None:
        sheet = self.workbook.create_sheet(self.t["institutions"])
        flags = list(self.plan.flags)
        names = [self.t["id"], self.t["name"], self.t["category"], self.t["level"],
                 self.t["district"], *(f.label.get(self.lang) for f in flags),
                 self.t["visits"]]  # fmt: skip
        head = self.title_block(sheet, self.t["institutions"], len(names))
        self.header(sheet, head, names)
        rows = records[records["year"] == self.report.year]
        categories = {c.code: c.label.get(self.lang) for c in self.plan.categories}
        levels = {lv.code: lv.label.get(self.lang) for lv in self.plan.levels}
        answer = {True: self.t["yes"], False: self.t["no"]}
        columns = [
            rows["id"].tolist(),
            rows["name"].tolist(),
            [categories.get(c, "") for c in rows["category"].astype(object)],
            [
                levels.get(lv, "") if isinstance(lv, str) else None
                for lv in rows["level"].astype(object)
            ],
            rows["district"].tolist(),
            *([answer.get(v) if v is not pd.NA else None for v in rows[f.code]] for f in flags),
            [None if v is pd.NA else int(v) for v in rows["learning_visits"]],
        ]
        for offset, values in enumerate(zip(*columns, strict=True), head + 1):
            for column, value in enumerate(values, 1):
                _set(
                    sheet.cell(row=offset, column=column),
                    value,
                    COUNT if column == len(names) else None,
                )
        last = head + len(rows)
        self.finish(sheet, head, [14, 40, 28, 12, 20] + [14] * len(flags) + [14], last)

    def progress(self) -> None:
        from openpyxl.chart import BarChart, LineChart, Reference

        sheet = self.workbook.create_sheet(self.t["progress"])
        plan = self.plan.plan
        years = list(range(min([plan.baseline_year, *self.report.years]), plan.reviews.final + 1))
        names = [word(self.lang, "section"), word(self.lang, "indicator"), "", *map(str, years)]
        head = self.title_block(sheet, self.t["progress"], len(names))
        self.header(sheet, head, names)
        row = head
        for i in self.report.indicators:
            if not isinstance(i, CoverageResult):
                continue
            for label, values in (
                (self.t["actual"], i.series),
                (self.t["path"], i.trend.path if i.trend else {}),
            ):
                row += 1
                _set(sheet.cell(row=row, column=1), i.section)
                _set(sheet.cell(row=row, column=2), i.short.get(self.lang))
                _set(sheet.cell(row=row, column=3), label)
                for column, year in enumerate(years, 4):
                    _set(sheet.cell(row=row, column=column), values.get(year), PERCENT)
        table_end = row
        # Coverage against target in the reporting year: a small table and a bar chart.
        row = table_end + 3
        self.header(sheet, row, ["", word(self.lang, "target"), self.t["actual"]])
        coverage = [i for i in self.report.indicators if isinstance(i, CoverageResult)]
        for n, i in enumerate(coverage, row + 1):
            _set(sheet.cell(row=n, column=1), f"{i.section} {i.short.get(self.lang)}")
            _set(sheet.cell(row=n, column=2), i.target, PERCENT)
            _set(sheet.cell(row=n, column=3), i.actual, PERCENT)
        end = row + len(coverage)
        chart = BarChart()
        chart.type = "bar"
        chart.title = f"{self.t['coverage_chart']} ({self.report.year})"
        chart.y_axis.number_format = "0%"
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 1
        chart.add_data(
            Reference(sheet, min_col=2, max_col=3, min_row=row, max_row=end),
            titles_from_data=True,
        )
        chart.set_categories(Reference(sheet, min_col=1, min_row=row + 1, max_row=end))
        chart.height, chart.width = 14, 24
        sheet.add_chart(chart, f"E{row}")
        # Learning visits per year beside the growth paths, one chart per growth indicator.
        row = max(end, row + 28) + 3
        for i in self.report.indicators:
            if not isinstance(i, GrowthResult) or i.trend is None:
                continue
            trend = i.trend
            series = [(self.t["actual"], {y: float(t) for y, t in i.series.items()})]
            paths = [trend.path] + ([trend.path_high] if trend.path_high else [])
            for rate, path in zip(trend.rates, paths, strict=False):
                series.append((self.t["path_low"].format(rate=f"{rate:.0%}"), path))
            self.header(sheet, row, [self.t["year"], *(name for name, _ in series)])
            _set(sheet.cell(row=row - 1, column=1), f"{i.section} {i.short.get(self.lang)}")
            for n, year in enumerate(years, row + 1):
                _set(sheet.cell(row=n, column=1), year)
                for column, (_, values) in enumerate(series, 2):
                    value = values.get(year)
                    _set(
                        sheet.cell(row=n, column=column),
                        None if value is None else round(value),
                        COUNT,
                    )
            end = row + len(years)
            line = LineChart()
            line.title = f"{i.section} {self.t['visits_chart']}"
            line.y_axis.number_format = "#,##0"
            line.add_data(
                Reference(sheet, min_col=2, max_col=1 + len(series), min_row=row, max_row=end),
                titles_from_data=True,
            )
            line.set_categories(Reference(sheet, min_col=1, min_row=row + 1, max_row=end))
            line.height, line.width = 10, 24
            sheet.add_chart(line, f"F{row}")
            row = end + 20
        self.finish(sheet, head, [8, 40, 12] + [9] * len(years), table_end)

    def problems(self) -> None:
        from openpyxl.styles import PatternFill

        if not self.report.problems:
            return
        sheet = self.workbook.create_sheet(self.t["problems"])
        keys = ("severity", "code", "file", "sheet", "row", "column", "cell", "value", "message")
        head = self.title_block(sheet, self.t["problems"], len(keys))
        self.header(sheet, head, [self.t[k] for k in keys])
        row = head
        for row, problem in enumerate(self.report.problems, head + 1):
            for column, key in enumerate(keys, 1):
                value = getattr(problem, key)
                _set(sheet.cell(row=row, column=column), str(value) if key == "severity" else value)
            fill = STATUS_FILL[Status.BEHIND if problem.severity == "error" else Status.ON_TRACK]
            sheet.cell(row=row, column=1).fill = PatternFill("solid", fgColor=fill)
        self.finish(sheet, head, (10, 22, 30, 18, 7, 26, 7, 20, 90), row)


def write_workbook(
    path: Path, report: Report, records: pd.DataFrame, plan: Plan, lang: Lang = Lang.VI
) -> None:
    """Write the yearly report workbook to ``path`` (atomically)."""
    writer = _Writer(report, plan, lang)
    writer.summary()
    writer.districts()
    writer.institutions(records)
    writer.progress()
    writer.problems()
    save_atomic(path, writer.workbook.save)
