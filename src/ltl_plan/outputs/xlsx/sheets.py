"""The pieces every sheet of the report workbook is made of: cell formats made once,
rows written in order (text always as text), and the title block, header, column
widths, filter and A4 page setup every sheet shares."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import pandas as pd

from ltl_plan.plan import Plan
from ltl_plan.result import AnyResult, Report, Status
from ltl_plan.words import Lang, word

PERCENT = "0.0%"
COUNT = "#,##0"
STATUS_FILL = {
    Status.MET: "C6EFCE",
    Status.ON_TRACK: "FFEB9C",
    Status.BEHIND: "FFC7CE",
    Status.NO_DATA: "EDEDED",
    Status.NOT_APPLICABLE: "F2F2F2",
}
HEAD_FILL = "DDEBF7"
TITLE_ROWS = 6  # plan, title, notice and year lines, and a blank row, above every header

# Workbook options: text is only ever text, never turned into a formula, link or number.
OPTIONS = {
    "constant_memory": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
PIXELS_PER_CHARACTER = 7  # the width of a digit in the default font (Calibri 11)
CM = 96 / 2.54  # pixels in a centimetre: the charts are sized in centimetres


def missing(value: Any) -> bool:
    """None, NaN and ``pd.NA``: written as a blank cell."""
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def texts(column: pd.Series) -> list[Any]:
    """A column's values, with None for every missing one (NaN, ``pd.NA``)."""
    values = column.astype(object)
    return values.where(column.notna(), None).tolist()


class Cell(NamedTuple):
    """A value and its format (one of ``Styles``'), to ``_Sheet.append``."""

    value: Any
    style: Any


class Styles:
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
        self.count_status = {
            s: add({"num_format": COUNT, "pattern": 1, "bg_color": f"#{c}"})
            for s, c in STATUS_FILL.items()
        }


class Sheet:
    """A worksheet filled row by row, in order, counting rows."""

    def __init__(self, workbook: Any, title: str) -> None:
        self.sheet = workbook.add_worksheet(title)
        self.row = 0  # rows written so far: the 1-based number of the last one

    def put(self, column: int, value: Any, style: Any = None) -> None:
        """One cell of the row being written; text is always text (a name starting with
        "=" is no formula), a missing value a blank cell (kept only if it has a style)."""
        index = self.row  # 0-based: the row after the last one written
        if missing(value) or value == "":
            if style is not None:
                self.sheet.write_blank(index, column, None, style)
        elif isinstance(value, str):
            self.sheet.write_string(index, column, value, style)
        else:
            self.sheet.write(index, column, value, style)

    def append(self, values: Sequence[Any]) -> int:
        """Write the next row (plain values or ``Cell``); returns its 1-based number."""
        for column, value in enumerate(values):
            if isinstance(value, Cell):
                self.put(column, value.value, value.style)
            else:
                self.put(column, value)
        self.row += 1
        return self.row


class SheetWriter:
    """What every sheet of one report shares: the report, the plan, the language, the
    workbook and its formats."""

    def __init__(self, report: Report, plan: Plan, lang: Lang, workbook: Any) -> None:
        self.report, self.plan, self.lang = report, plan, lang
        self.workbook = workbook
        self.styles = Styles(workbook)

    def word(self, name: str) -> str:
        """A word of the report's language."""
        return word(self.lang, name)

    def words(self, *names: str) -> list[str]:
        return [word(self.lang, name) for name in names]

    def population(self, indicator: AnyResult) -> str:
        labels = [self.plan.category(c).label.get(self.lang) for c in indicator.categories]
        text = ", ".join(labels)
        if indicator.level:
            names = {lv.code: lv.label.get(self.lang) for lv in self.plan.levels}
            text += " (" + ", ".join(names[lv] for lv in indicator.level) + ")"
        return text

    def start(self, title: str, names: Sequence[str], widths: Sequence[float]) -> Sheet:
        """A sheet with the title block (plan, title, year) and the header row, its column
        widths, the frozen header and the page: A4 landscape, one page wide."""
        sheet = Sheet(self.workbook, title)
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
            f"{self.word('plan')} {info.number} ({info.date:%d/%m/%Y}), "
            f"{info.issuer.get(self.lang)}",
            info.title.get(self.lang),
            info.notice.get(self.lang) if info.notice else "",
            f"{self.word('report_year')}: {report.year} · "
            + (self.word("valid") if report.valid else self.word("invalid")),
        ]
        for number_, text in enumerate(lines):
            sheet.append([Cell(text, self.styles.title if number_ == 0 else self.styles.line)])
        while sheet.row < TITLE_ROWS:
            sheet.append([])
        self.header(sheet, names)
        return sheet

    def header(self, sheet: Sheet, names: Sequence[str]) -> int:
        return sheet.append([Cell(name, self.styles.head) for name in names])

    def finish(self, sheet: Sheet, header_row: int, columns: int, last_row: int) -> None:
        """The filter over the table, and its title and header rows on every page (rows
        as 1-based numbers)."""
        ws = sheet.sheet
        ws.autofilter(header_row - 1, 0, max(last_row, header_row) - 1, columns - 1)
        ws.repeat_rows(0, header_row - 1)
