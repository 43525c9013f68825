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
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

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


# Workbook options: text is only ever text, never turned into a formula, link or number.
OPTIONS = {
    "constant_memory": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
PIXELS_PER_CHARACTER = 7  # the width of a digit in the default font (Calibri 11)
CM = 96 / 2.54  # pixels in a centimetre: the charts are sized in centimetres


def _missing(value: Any) -> bool:
    """None, NaN and ``pd.NA``: written as a blank cell."""
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _texts(column: pd.Series) -> list[Any]:
    """A column's values, with None for every missing one (NaN, ``pd.NA``)."""
    values = column.astype(object)
    return values.where(column.notna(), None).tolist()


class _Cell(NamedTuple):
    """A value and its format (one of ``_Styles``'), to ``_Sheet.append``."""

    value: Any
    style: Any


class _Styles:
    """Every cell format of the report, made once: XlsxWriter shares a format among the
    cells that use it (one made per cell would be one style per cell in the file)."""

    def __init__(self, workbook: Any) -> None:
        add = workbook.add_format
        self.title = add({"bold": True, "font_size": 13})
        self.line = add({"font_size": 10})
        self.bold = add({"bold": True})
        self.head = add({"bold": True, "pattern": 1, "bg_color": f"#{HEAD_FILL}"})
        self.percent = add({"num_format": PERCENT})
        self.count = add({"num_format": COUNT})
        self.status = {s: add({"pattern": 1, "bg_color": f"#{c}"}) for s, c in STATUS_FILL.items()}
        self.percent_status = {
            s: add({"num_format": PERCENT, "pattern": 1, "bg_color": f"#{c}"})
            for s, c in STATUS_FILL.items()
        }


class _Sheet:
    """A worksheet filled row by row, in order, counting rows."""

    def __init__(self, workbook: Any, title: str) -> None:
        self.sheet = workbook.add_worksheet(title)
        self.row = 0  # rows written so far: the 1-based number of the last one

    def put(self, column: int, value: Any, style: Any = None) -> None:
        """One cell of the row being written; text is always text (a name starting with
        "=" is no formula), a missing value a blank cell (kept only if it has a style)."""
        index = self.row  # 0-based: the row after the last one written
        if _missing(value) or value == "":
            if style is not None:
                self.sheet.write_blank(index, column, None, style)
        elif isinstance(value, str):
            self.sheet.write_string(index, column, value, style)
        else:
            self.sheet.write(index, column, value, style)

    def append(self, values: Sequence[Any]) -> int:
        """Write the next row (plain values or ``_Cell``); returns its 1-based number."""
        for column, value in enumerate(values):
            if isinstance(value, _Cell):
                self.put(column, value.value, value.style)
            else:
                self.put(column, value)
        self.row += 1
        return self.row


class _Writer:
    def __init__(self, report: Report, plan: Plan, lang: Lang, workbook: Any) -> None:
        self.report, self.plan, self.lang = report, plan, lang
        self.t = TEXTS[lang]
        self.workbook = workbook
        self.styles = _Styles(workbook)

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
        """A sheet with the title block (plan, title, year) and the header row, its column
        widths, the frozen header and the page: A4 landscape, one page wide."""
        sheet = _Sheet(self.workbook, title)
        ws = sheet.sheet
        for column, width in enumerate(widths):
            # The width in characters, as Excel stores it; XlsxWriter's set_column would
            # add the cell's padding (5 px) to it.
            ws.set_column_pixels(column, column, width * PIXELS_PER_CHARACTER)
        ws.freeze_panes(TITLE_ROWS + 1, 0)  # below the header row
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)  # as wide as the page, as many pages long as it takes
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
            sheet.append([_Cell(text, self.styles.title if number_ == 0 else self.styles.line)])
        while sheet.row < TITLE_ROWS:
            sheet.append([])
        self.header(sheet, names)
        return sheet

    def header(self, sheet: _Sheet, names: Sequence[str]) -> int:
        return sheet.append([_Cell(name, self.styles.head) for name in names])

    def finish(self, sheet: _Sheet, header_row: int, columns: int, last_row: int) -> None:
        """The filter over the table, and its title and header rows on every page (rows
        as 1-based numbers)."""
        ws = sheet.sheet
        ws.autofilter(header_row - 1, 0, max(last_row, header_row) - 1, columns - 1)
        ws.repeat_rows(0, header_row - 1)

    # -- sheets ---------------------------------------------------------------------

    def summary(self) -> None:
        names = [word(self.lang, "section"), word(self.lang, "indicator"), self.t["population"],
                 self.t["milestone"], word(self.lang, "target"), word(self.lang, "actual"),
                 word(self.lang, "gap"), word(self.lang, "needed"), self.t["achieved_total"],
                 word(self.lang, "status")]  # fmt: skip
        widths = (8, 60, 40, 8, 10, 10, 10, 10, 14, 16)
        sheet = self.start(self.t["summary"], names, widths)
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
                    _Cell(i.target, styles.percent),
                    _Cell(i.actual, styles.percent),
                    _Cell(i.gap, styles.percent),
                    _Cell(needed, styles.count),
                    self.count(i),
                    _Cell(word(self.lang, i.status), styles.status[i.status]),
                ]
            )
        self.finish(sheet, head, len(names), sheet.row)
        found = self.report.completeness
        if found is not None:
            sheet.append([])
            sheet.append([None, completeness_line(self.report, self.lang)])
            for unit in found.units:
                sent = self.t["yes"] if unit.sent else word(self.lang, "units_missing")
                style = styles.status[Status.MET if unit.sent else Status.BEHIND]
                sheet.append([None, unit.name, _Cell(sent, style)])

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
                + [_Cell(f.actual, self.styles.percent_status[f.status]) for f in found]
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
        # Column by column, every missing value None (a blank cell), so that each row is
        # written as it is: one write_row for the texts, and the count with its format.
        columns = [
            _texts(rows["id"]),
            _texts(rows["name"]),
            [categories.get(c) for c in rows["category"].astype(object)],
            [
                levels.get(lv) if isinstance(lv, str) else None
                for lv in rows["level"].astype(object)
            ],
            _texts(rows["district"]),
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

    def progress(self) -> None:
        plan = self.plan.plan
        styles = self.styles
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
                    + [_Cell(values.get(year), styles.percent) for year in years]
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
                    _Cell(i.target, styles.percent),
                    _Cell(i.actual, styles.percent),
                ]
            )
        chart = self.workbook.add_chart({"type": "bar"})  # horizontal bars
        chart.set_title({"name": f"{self.t['coverage_chart']} ({self.report.year})"})
        # In a bar chart the value axis is the horizontal one: XlsxWriter's x axis.
        chart.set_x_axis({"num_format": "0%", "min": 0, "max": 1})
        _add_series(chart, sheet, first, sheet.row, columns=(2, 3))
        chart.set_size({"width": round(24 * CM), "height": round(14 * CM)})
        sheet.sheet.insert_chart(first - 1, 4, chart)  # at E{first}
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
            sheet.append([_Cell(f"{g.section} {g.short.get(self.lang)}", styles.bold)])
            top = self.header(sheet, [self.t["year"], *(name for name, _ in series)])
            for year in years:
                found = [path.get(year) for _, path in series]
                sheet.append(
                    [year] + [_Cell(None if v is None else round(v), styles.count) for v in found]
                )
            line = self.workbook.add_chart({"type": "line"})
            line.set_title({"name": f"{g.section} {self.t['visits_chart']}"})
            line.set_y_axis({"num_format": COUNT})
            _add_series(line, sheet, top, sheet.row, columns=range(2, 2 + len(series)))
            line.set_size({"width": round(24 * CM), "height": round(10 * CM)})
            sheet.sheet.insert_chart(top - 1, 5, line)  # at F{top}
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
            style = self.styles.status[
                Status.BEHIND if problem.severity == "error" else Status.ON_TRACK
            ]
            values = [getattr(problem, key) for key in keys[1:]]
            sheet.append([_Cell(str(problem.severity), style), *values])
        self.finish(sheet, head, len(keys), sheet.row)


def _add_series(
    chart: Any, sheet: _Sheet, header_row: int, last_row: int, columns: Iterable[int]
) -> None:
    """One series per column (1-based) of the table from ``header_row`` (its names) to
    ``last_row``, the categories in its first column."""
    name = sheet.sheet.name
    first, last = header_row, last_row - 1  # 0-based: the first and last rows of values
    for column in columns:
        chart.add_series(
            {
                "name": [name, header_row - 1, column - 1],
                "categories": [name, first, 0, last, 0],
                "values": [name, first, column - 1, last, column - 1],
            }
        )


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
            writer = _Writer(report, plan, lang, workbook)
            writer.summary()
            writer.districts()
            writer.institutions(records)
            writer.progress()
            writer.problems()
            workbook.close()

    save_atomic(path, save)
