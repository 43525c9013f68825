"""The report's progress sheet and its charts: each coverage indicator's value every
year beside the plan's path, the coverage of every indicator against its target, and for
each growth indicator the totals per year beside the growth paths. Each chart is a chart
sheet of its own, so it prints whole on one A4 page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ltl_plan.outputs.xlsx.sheets import COUNT, Cell, Sheet, SheetWriter
from ltl_plan.result import CountResult, CoverageResult, GrowthResult

# The actual figures stand out; the paths they are measured against are dashed.
_ACTUAL = {"color": "#1F4E79", "width": 3}
_PATHS = ({"color": "#C55A11", "width": 1.5, "dash_type": "dash"},
          {"color": "#548235", "width": 1.5, "dash_type": "long_dash"})  # fmt: skip


def progress(self: SheetWriter) -> None:
    """Write the progress sheet (its tables) and a chart sheet for each chart."""
    plan = self.plan.plan
    years = list(range(min([plan.baseline_year, *self.report.years]), plan.reviews.final + 1))
    names = [self.word("section"), self.word("indicator"), "", *map(str, years)]
    widths = [7, 40, 10] + [8] * len(years)
    sheet = self.start(self.word("sheet_progress"), names, widths, wrap=(1,))
    head = sheet.row
    flagged = [i for i in self.report.indicators if isinstance(i, CoverageResult | CountResult)]
    for i in flagged:
        style = self.styles.count if isinstance(i, CountResult) else self.styles.percent
        for label, values in (
            (self.word("actual"), i.series),
            (self.word("path"), i.trend.path if i.trend else {}),
        ):
            sheet.append(
                [
                    Cell(i.section, self.styles.top),
                    i.short.get(self.lang),
                    Cell(label, self.styles.top),
                ]
                + [Cell(values.get(year), style) for year in years]
            )
    self.finish(sheet, head, len(names), sheet.row)
    charts = 0
    coverage = [i for i in flagged if isinstance(i, CoverageResult)]
    if coverage:
        charts += 1
        _coverage_chart(self, sheet, coverage, charts)
    for g in self.report.indicators:
        if isinstance(g, GrowthResult) and g.trend is not None:
            charts += 1
            _growth_chart(self, sheet, g, years, charts)


def _chart_sheet(self: SheetWriter, chart: Any, number: int) -> None:
    """A chart on a sheet of its own: one A4 page, landscape."""
    sheet = self.workbook.add_chartsheet(self.word("chart_sheet").format(n=number))
    sheet.set_chart(chart)
    sheet.set_paper(9)
    sheet.set_landscape()


def _coverage_chart(
    self: SheetWriter, sheet: Sheet, coverage: list[CoverageResult], number: int
) -> None:
    """Coverage against target in the reporting year: a small table and a bar chart."""
    sheet.append([])
    names = ["", self.word("indicator"), self.word("target"), self.word("actual")]
    first = self.header(sheet, names)
    for i in coverage:
        sheet.append(
            [
                Cell(i.section, self.styles.top),
                f"{i.section} {i.short.get(self.lang)}",
                Cell(i.target, self.styles.percent),
                Cell(i.actual, self.styles.percent),
            ]
        )
    chart = self.workbook.add_chart({"type": "bar"})  # horizontal bars
    chart.set_title({"name": f"{self.word('coverage_chart')} ({self.report.year})"})
    # In a bar chart the value axis is the horizontal one: XlsxWriter's x axis.
    chart.set_x_axis({"num_format": "0%", "min": 0, "max": 1, "major_gridlines": {"visible": True}})
    chart.set_y_axis({"reverse": True})  # the first indicator on top, as in the table
    chart.set_legend({"position": "bottom"})
    colours = ({"color": "#A5A5A5"}, {"color": "#1F4E79"})
    _add_series(chart, sheet, first, sheet.row, columns=(3, 4), lines=colours, bars=True)
    _chart_sheet(self, chart, number)


def _growth_chart(
    self: SheetWriter, sheet: Sheet, g: GrowthResult, years: list[int], number: int
) -> None:
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
    line.set_y_axis({"num_format": COUNT, "major_gridlines": {"visible": True}})
    line.set_legend({"position": "bottom"})
    styles = [_ACTUAL, *_PATHS][: len(series)]
    _add_series(line, sheet, top, sheet.row, columns=range(2, 2 + len(series)), lines=styles)
    _chart_sheet(self, line, number)


def _add_series(
    chart: Any,
    sheet: Sheet,
    header_row: int,
    last_row: int,
    columns: Iterable[int],
    lines: Iterable[dict[str, Any]],
    bars: bool = False,
) -> None:
    """One series per column (1-based) of the table from ``header_row`` (its names) to
    ``last_row``, the categories in its second column (a bar chart's) or first, each
    drawn in its style; the first line marked at every point."""
    name = sheet.sheet.name
    first, last = header_row, last_row - 1  # 0-based: the first and last rows of values
    category = 1 if bars else 0
    for index, (column, style) in enumerate(zip(columns, lines, strict=False)):
        serie: dict[str, Any] = {
            "name": [name, header_row - 1, column - 1],
            "categories": [name, first, category, last, category],
            "values": [name, first, column - 1, last, column - 1],
        }
        if bars:
            serie["fill"] = {"color": style["color"]}
            serie["gap"] = 60
        else:
            serie["line"] = style
            if index == 0:
                serie["marker"] = {"type": "circle", "size": 7,
                                   "fill": {"color": style["color"]},
                                   "border": {"color": style["color"]}}  # fmt: skip
        chart.add_series(serie)
