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
TITLE_ROWS = 5  # plan, title and year lines, and a blank row, above every header

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


def _text_safe(value: Any) -> Any:
    return None if isinstance(value, float) and value != value else value


class _Sheet:
    """A write-only worksheet filled row by row (openpyxl's fast mode), counting rows."""

    def __init__(self, workbook: Any, title: str) -> None:
        self.sheet = workbook.create_sheet(title)
        self.row = 0

    def cell(
        self,
        value: Any,
        number_format: str | None = None,
        bold: bool = False,
        fill: str | None = None,
        size: float | None = None,
    ) -> Any:
        """A styled cell; text is always text (a name starting with "=" is no formula)."""
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font, PatternFill

        value = _text_safe(value)
        cell = WriteOnlyCell(self.sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        if number_format and value is not None:
            cell.number_format = number_format
        if bold or size:
            cell.font = Font(bold=bold, size=size or 11)
        if fill:
            cell.fill = PatternFill("solid", fgColor=fill)
        return cell

    def append(self, values: Sequence[Any]) -> int:
        """Append a row (plain values or cells); returns its row number."""
        cells = [
            self.cell(v) if isinstance(v, str) and v.startswith("=") else _text_safe(v)
            for v in values
        ]
        self.sheet.append(cells)
        self.row += 1
        return self.row


class _Writer:
    def __init__(self, report: Report, plan: Plan, lang: Lang) -> None:
        from openpyxl import Workbook

        self.report, self.plan, self.lang = report, plan, lang
        self.t = TEXTS[lang]
        self.workbook = Workbook(write_only=True)

    def population(self, indicator: CoverageResult | GrowthResult) -> str:
        labels = [self.plan.category(c).label.get(self.lang) for c in indicator.categories]
        text = ", ".join(labels)
        if indicator.level:
            names = {lv.code: lv.label.get(self.lang) for lv in self.plan.levels}
            text += " (" + ", ".join(names[lv] for lv in indicator.level) + ")"
        return text

    def count(self, indicator: CoverageResult | GrowthResult) -> str:
        if isinstance(indicator, CoverageResult):
            return f"{indicator.achieved}/{indicator.total}"
        return number(indicator.total, self.lang)

    def start(self, title: str, names: Sequence[str], widths: Sequence[float]) -> _Sheet:
        """A sheet with the title block (plan, title, year) and the header row. Widths and
        the frozen header are set first: a write-only sheet writes them before its rows."""
        from openpyxl.utils import get_column_letter

        sheet = _Sheet(self.workbook, title)
        for column, width in enumerate(widths, 1):
            sheet.sheet.column_dimensions[get_column_letter(column)].width = width
        ws = sheet.sheet
        ws.freeze_panes = f"A{TITLE_ROWS + 2}"
        ws.page_setup.orientation = "landscape"  # A4, as wide as the page
        ws.page_setup.paperSize = "9"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        info = self.plan.plan
        report = self.report
        lines = [
            title.upper(),
            f"{self.t['plan']} {info.number} ({info.date:%d/%m/%Y}), {info.issuer.get(self.lang)}",
            info.title.get(self.lang),
            f"{self.t['report_year']}: {report.year} · "
            + (self.t["valid"] if report.valid else self.t["invalid"]),
        ]
        for number_, text in enumerate(lines):
            sheet.append([sheet.cell(text, bold=number_ == 0, size=13 if number_ == 0 else 10)])
        while sheet.row < TITLE_ROWS:
            sheet.append([])
        self.header(sheet, names)
        return sheet

    def header(self, sheet: _Sheet, names: Sequence[str]) -> int:
        return sheet.append([sheet.cell(name, bold=True, fill=HEAD_FILL) for name in names])

    def finish(self, sheet: _Sheet, header_row: int, columns: int, last_row: int) -> None:
        """The filter over the table, and its title and header rows on every page."""
        from openpyxl.utils import get_column_letter

        ws = sheet.sheet
        last = get_column_letter(columns)
        ws.auto_filter.ref = f"A{header_row}:{last}{max(last_row, header_row)}"
        ws.print_title_rows = f"1:{header_row}"

    # -- sheets ---------------------------------------------------------------------

    def summary(self) -> None:
        names = [word(self.lang, "section"), word(self.lang, "indicator"), self.t["population"],
                 self.t["milestone"], word(self.lang, "target"), word(self.lang, "actual"),
                 word(self.lang, "gap"), word(self.lang, "needed"), self.t["achieved_total"],
                 word(self.lang, "status")]  # fmt: skip
        widths = (8, 60, 40, 8, 10, 10, 10, 10, 14, 16)
        sheet = self.start(self.t["summary"], names, widths)
        head = sheet.row
        for i in self.report.indicators:
            needed = i.needed if isinstance(i, CoverageResult) else None
            sheet.append(
                [
                    i.section,
                    i.label.get(self.lang),
                    self.population(i),
                    i.milestone,
                    sheet.cell(i.target, PERCENT),
                    sheet.cell(i.actual, PERCENT),
                    sheet.cell(i.gap, PERCENT),
                    sheet.cell(needed, COUNT),
                    self.count(i),
                    sheet.cell(word(self.lang, i.status), fill=STATUS_FILL[i.status]),
                ]
            )
        self.finish(sheet, head, len(names), sheet.row)
        found = self.report.completeness
        if found is not None:
            sheet.append([])
            sheet.append([None, completeness_line(self.report, self.lang)])
            for unit in found.units:
                sent = self.t["yes"] if unit.sent else word(self.lang, "units_missing")
                fill = STATUS_FILL[Status.MET if unit.sent else Status.BEHIND]
                sheet.append([None, unit.name, sheet.cell(sent, fill=fill)])

    def districts(self) -> None:
        breakdown = self.report.breakdown
        if breakdown is None:
            return
        names = [word(self.lang, "section"), word(self.lang, "indicator"),
                 word(self.lang, "whole_province")]  # fmt: skip
        names += [group.name for group in breakdown.groups]
        sheet = self.start(self.t["districts"], names, [8, 40, 12] + [14] * len(breakdown.groups))
        head = sheet.row
        by_id = [{i.id: i for i in group.indicators} for group in breakdown.groups]
        for i in self.report.indicators:
            found = [i, *(d[i.id] for d in by_id)]
            sheet.append(
                [i.section, i.short.get(self.lang)]
                + [sheet.cell(f.actual, PERCENT, fill=STATUS_FILL[f.status]) for f in found]
            )
        self.finish(sheet, head, len(names), sheet.row)

    def institutions(self, records: pd.DataFrame) -> None:
        flags = list(self.plan.flags)
        names = [self.t["id"], self.t["name"], self.t["category"], self.t["level"],
                 self.t["district"], *(f.label.get(self.lang) for f in flags),
                 self.t["visits"]]  # fmt: skip
        sheet = self.start(
            self.t["institutions"], names, [14, 40, 28, 12, 20] + [14] * len(flags) + [14]
        )
        head = sheet.row
        rows = records[records["year"] == self.report.year]
        categories = {c.code: c.label.get(self.lang) for c in self.plan.categories}
        levels = {lv.code: lv.label.get(self.lang) for lv in self.plan.levels}
        answer = {True: self.t["yes"], False: self.t["no"]}
        columns = [
            rows["id"].tolist(),
            rows["name"].tolist(),
            [categories.get(c) for c in rows["category"].astype(object)],
            [
                levels.get(lv) if isinstance(lv, str) else None
                for lv in rows["level"].astype(object)
            ],
            rows["district"].tolist(),
            *([answer.get(v) if v is not pd.NA else None for v in rows[f.code]] for f in flags),
        ]
        visits = [None if v is pd.NA else int(v) for v in rows["learning_visits"]]
        # One styled cell, given each row's count: a write-only sheet writes a row out
        # when it is appended, so the cell is free again for the next row.
        count_cell = sheet.cell(0, COUNT)
        for values, count in zip(zip(*columns, strict=True), visits, strict=True):
            count_cell.value = count
            sheet.append([*values, count_cell if count is not None else None])
        self.finish(sheet, head, len(names), sheet.row)

    def progress(self) -> None:
        from openpyxl.chart import BarChart, LineChart, Reference

        plan = self.plan.plan
        years = list(range(min([plan.baseline_year, *self.report.years]), plan.reviews.final + 1))
        names = [word(self.lang, "section"), word(self.lang, "indicator"), "", *map(str, years)]
        sheet = self.start(self.t["progress"], names, [8, 40, 12] + [9] * len(years))
        head = sheet.row
        coverage = [i for i in self.report.indicators if isinstance(i, CoverageResult)]
        for i in coverage:
            for label, values in (
                (self.t["actual"], i.series),
                (self.t["path"], i.trend.path if i.trend else {}),
            ):
                sheet.append(
                    [i.section, i.short.get(self.lang), label]
                    + [sheet.cell(values.get(year), PERCENT) for year in years]
                )
        table_end = sheet.row
        self.finish(sheet, head, len(names), table_end)
        # Coverage against target in the reporting year: a small table and a bar chart.
        sheet.append([])
        sheet.append([])
        first = self.header(sheet, ["", word(self.lang, "target"), self.t["actual"]])
        for i in coverage:
            sheet.append(
                [
                    f"{i.section} {i.short.get(self.lang)}",
                    sheet.cell(i.target, PERCENT),
                    sheet.cell(i.actual, PERCENT),
                ]
            )
        chart = BarChart()
        chart.type = "bar"
        chart.title = f"{self.t['coverage_chart']} ({self.report.year})"
        chart.y_axis.number_format = "0%"
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 1
        chart.add_data(
            Reference(sheet.sheet, min_col=2, max_col=3, min_row=first, max_row=sheet.row),
            titles_from_data=True,
        )
        chart.set_categories(
            Reference(sheet.sheet, min_col=1, min_row=first + 1, max_row=sheet.row)
        )
        chart.height, chart.width = 14, 24
        sheet.sheet.add_chart(chart, f"E{first}")
        while sheet.row < first + 28:  # room for the chart
            sheet.append([])
        # Learning visits per year beside the growth paths, one chart per growth indicator.
        for g in self.report.indicators:
            if not isinstance(g, GrowthResult) or g.trend is None:
                continue
            trend = g.trend
            series = [(self.t["actual"], {y: float(t) for y, t in g.series.items()})]
            paths = [trend.path] + ([trend.path_high] if trend.path_high else [])
            for rate, path in zip(trend.rates, paths, strict=False):
                series.append((self.t["path_low"].format(rate=f"{rate:.0%}"), path))
            sheet.append([])
            sheet.append([sheet.cell(f"{g.section} {g.short.get(self.lang)}", bold=True)])
            top = self.header(sheet, [self.t["year"], *(name for name, _ in series)])
            for year in years:
                found = [path.get(year) for _, path in series]
                sheet.append(
                    [year] + [sheet.cell(None if v is None else round(v), COUNT) for v in found]
                )
            line = LineChart()
            line.title = f"{g.section} {self.t['visits_chart']}"
            line.y_axis.number_format = "#,##0"
            line.add_data(
                Reference(
                    sheet.sheet, min_col=2, max_col=1 + len(series), min_row=top, max_row=sheet.row
                ),
                titles_from_data=True,
            )
            line.set_categories(
                Reference(sheet.sheet, min_col=1, min_row=top + 1, max_row=sheet.row)
            )
            line.height, line.width = 10, 24
            sheet.sheet.add_chart(line, f"F{top}")
            while sheet.row < top + 20:
                sheet.append([])

    def problems(self) -> None:
        if not self.report.problems:
            return
        keys = ("severity", "code", "file", "sheet", "row", "column", "cell", "value", "message")
        sheet = self.start(
            self.t["problems"], [self.t[k] for k in keys], (10, 22, 30, 18, 7, 26, 7, 20, 90)
        )
        head = sheet.row
        for problem in self.report.problems:
            fill = STATUS_FILL[Status.BEHIND if problem.severity == "error" else Status.ON_TRACK]
            values = [getattr(problem, key) for key in keys[1:]]
            sheet.append([sheet.cell(str(problem.severity), fill=fill), *values])
        self.finish(sheet, head, len(keys), sheet.row)


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
