"""The report's progress sheet: each coverage indicator's value every year beside the
plan's path, a bar chart of coverage against target, and for each growth indicator the
visits per year beside the growth paths, with a line chart."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ltl_plan.outputs.xlsx.sheets import CM, COUNT, Cell, Sheet, SheetWriter
from ltl_plan.result import CountResult, CoverageResult, GrowthResult


def progress(self: SheetWriter) -> None:
    """Write the progress sheet (its tables and charts) of ``self``'s report."""
    plan = self.plan.plan
    years = list(range(min([plan.baseline_year, *self.report.years]), plan.reviews.final + 1))
    names = [self.word("section"), self.word("indicator"), "", *map(str, years)]
    sheet = self.start(self.word("sheet_progress"), names, [8, 40, 12] + [9] * len(years))
    head = sheet.row
    flagged = [i for i in self.report.indicators if isinstance(i, CoverageResult | CountResult)]
    for i in flagged:
        style = self.styles.count if isinstance(i, CountResult) else self.styles.percent
        for label, values in (
            (self.word("actual"), i.series),
            (self.word("path"), i.trend.path if i.trend else {}),
        ):
            sheet.append(
                [i.section, i.short.get(self.lang), label]
                + [Cell(values.get(year), style) for year in years]
            )
    coverage = [i for i in flagged if isinstance(i, CoverageResult)]
    self.finish(sheet, head, len(names), sheet.row)
    _coverage_chart(self, sheet, coverage)
    for g in self.report.indicators:
        if isinstance(g, GrowthResult) and g.trend is not None:
            _growth_chart(self, sheet, g, years)


def _coverage_chart(self: SheetWriter, sheet: Sheet, coverage: list[CoverageResult]) -> None:
    """Coverage against target in the reporting year: a small table and a bar chart."""
    sheet.append([])
    sheet.append([])
    first = self.header(sheet, ["", self.word("target"), self.word("actual")])
    for i in coverage:
        name = f"{i.section} {i.short.get(self.lang)}"
        sheet.append(
            [name, Cell(i.target, self.styles.percent), Cell(i.actual, self.styles.percent)]
        )
    chart = self.workbook.add_chart({"type": "bar"})  # horizontal bars
    chart.set_title({"name": f"{self.word('coverage_chart')} ({self.report.year})"})
    # In a bar chart the value axis is the horizontal one: XlsxWriter's x axis.
    chart.set_x_axis({"num_format": "0%", "min": 0, "max": 1})
    _add_series(chart, sheet, first, sheet.row, columns=(2, 3))
    chart.set_size({"width": round(24 * CM), "height": round(14 * CM)})
    sheet.sheet.insert_chart(first - 1, 4, chart)  # at E{first}
    while sheet.row < first + 28:  # room for the chart
        sheet.append([])


def _growth_chart(self: SheetWriter, sheet: Sheet, g: GrowthResult, years: list[int]) -> None:
    """The totals per year beside the growth paths: a small table and a line chart."""
    assert g.trend is not None
    trend = g.trend
    series = [(self.word("actual"), {y: float(t) for y, t in g.series.items()})]
    paths = [trend.path] + ([trend.path_high] if trend.path_high else [])
    for rate, path in zip(trend.rates, paths, strict=False):
        series.append((self.word("path_rate").format(rate=f"{rate:.0%}"), path))
    sheet.append([])
    sheet.append([Cell(f"{g.section} {g.short.get(self.lang)}", self.styles.bold)])
    top = self.header(sheet, [self.word("year"), *(name for name, _ in series)])
    for year in years:
        found = [path.get(year) for _, path in series]
        sheet.append(
            [year] + [Cell(None if v is None else round(v), self.styles.count) for v in found]
        )
    line = self.workbook.add_chart({"type": "line"})
    line.set_title({"name": f"{g.section} {self.word('visits_chart')}"})
    line.set_y_axis({"num_format": COUNT})
    _add_series(line, sheet, top, sheet.row, columns=range(2, 2 + len(series)))
    line.set_size({"width": round(24 * CM), "height": round(10 * CM)})
    sheet.sheet.insert_chart(top - 1, 5, line)  # at F{top}
    while sheet.row < top + 20:
        sheet.append([])


def _add_series(
    chart: Any, sheet: Sheet, header_row: int, last_row: int, columns: Iterable[int]
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
