"""The pieces every sheet of the report workbook is made of: cell formats made once,
rows written in order (text always as text), and the title block, header, column
widths, filter and A4 page setup every sheet shares."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
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
LINE_HEIGHT = 15  # points: one line of the default font, as Excel spaces it
PIXELS_PER_CHARACTER = 7  # the width of a digit in the default font (Calibri 11)
CM = 96 / 2.54  # pixels in a centimetre: the charts are sized in centimetres


def save_workbook(path: Path, fill: Callable[[Any], None], kind: str | None = None) -> None:
    """Write an XlsxWriter workbook to ``path``, atomically: ``fill`` adds its sheets.
    ``kind``, when given, is kept in the custom property by which a check recognises a
    workbook ltl-plan wrote among its inputs, and skips it (the form, filled in, is a
    submission: it has none). XlsxWriter writes the parts of the file to temporary files
    as it closes: in a folder of ours, removed even if the writing stops half way."""
    import xlsxwriter

    from ltl_plan.output import save_atomic
    from ltl_plan.read.files import OUTPUT_PROPERTY

    def save(temporary: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="ltl-", ignore_cleanup_errors=True) as scratch:
            workbook = xlsxwriter.Workbook(str(temporary), {**OPTIONS, "tmpdir": scratch})
            if kind is not None:
                workbook.set_custom_property(OUTPUT_PROPERTY, kind)
            fill(workbook)
            workbook.close()

    save_atomic(path, save)


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
        self.bold = add({"bold": True})
        self.wrap = add({"text_wrap": True, "valign": "top", "align": "left", "indent": 1})
        self.count_top = add({"num_format": COUNT, "valign": "top"})
        self.top = add({"valign": "top"})
        self.head = add({"bold": True, "pattern": 1, "bg_color": f"#{HEAD_FILL}",
                         "text_wrap": True, "valign": "top", "align": "left",
                         "indent": 1})  # fmt: skip
        self.line = add({"font_size": 10, "text_wrap": True, "valign": "top"})
        self.valid = add({"bold": True, "font_color": "#006100", "pattern": 1,
                          "bg_color": "#C6EFCE"})  # fmt: skip
        self.banner = add({"bold": True, "font_size": 14, "font_color": "#FFFFFF",
                           "pattern": 1, "bg_color": "#C00000", "text_wrap": True,
                           "valign": "vcenter"})  # fmt: skip
        self.percent = add({"num_format": PERCENT, "valign": "top"})
        self.count = add({"num_format": COUNT, "valign": "top"})
        # Text beside a number starts one indent in: "229" and "đạt" never run together.
        self.status = {
            s: add(
                {
                    "pattern": 1,
                    "bg_color": f"#{c}",
                    "valign": "top",
                    "text_wrap": True,
                    "align": "left",
                    "indent": 1,
                }
            )
            for s, c in STATUS_FILL.items()
        }
        self.percent_status = {
            s: add({"num_format": PERCENT, "pattern": 1, "bg_color": f"#{c}", "valign": "top"})
            for s, c in STATUS_FILL.items()
        }
        self.count_status = {
            s: add({"num_format": COUNT, "pattern": 1, "bg_color": f"#{c}", "valign": "top"})
            for s, c in STATUS_FILL.items()
        }


class Sheet:
    """A worksheet filled row by row, in order, counting rows. Texts in the ``wrap``
    columns wrap, and each row is as tall as its longest text needs (Excel does not
    grow a row for wrapped text a program wrote, and a cut label is a lost word)."""

    def __init__(
        self,
        workbook: Any,
        title: str,
        widths: Sequence[float] = (),
        wrap: Sequence[int] = (),
        wrap_style: Any = None,
    ) -> None:
        self.sheet = workbook.add_worksheet(title)
        self.row = 0  # rows written so far: the 1-based number of the last one
        self.widths = list(widths)
        self.wrap = set(wrap)
        self.wrap_style = wrap_style

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
        lines = 1
        for column, value in enumerate(values):
            text, style = (value.value, value.style) if isinstance(value, Cell) else (value, None)
            if column in self.wrap and isinstance(text, str) and column < len(self.widths):
                style = style or self.wrap_style
                lines = max(lines, line_count(text, self.widths[column]))
            self.put(column, text, style)
        if lines > 1:
            self.sheet.set_row(self.row, LINE_HEIGHT * lines)
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

    def start(
        self,
        title: str,
        names: Sequence[str],
        widths: Sequence[float],
        wrap: Sequence[int] = (),
    ) -> Sheet:
        """A sheet with the title block (plan, title, year; a red banner when the data
        has errors) across the table's width and the header row, its column widths, the
        frozen header and the page: A4 landscape, one page wide. Texts in the ``wrap``
        columns wrap."""
        sheet = Sheet(self.workbook, title, widths, wrap, self.styles.wrap)
        ws = sheet.sheet
        for column, width in enumerate(widths):
            # The width in characters, as Excel stores it; XlsxWriter's set_column would
            # add the cell's padding (5 px) to it.
            ws.set_column_pixels(column, column, width * PIXELS_PER_CHARACTER)
        ws.freeze_panes(TITLE_ROWS + 1, 0)  # below the header row
        page(ws)
        info = self.plan.plan
        report = self.report
        lines = [
            (title.upper(), self.styles.title),
            (
                f"{self.word('plan')} {info.number} ({info.date:%d/%m/%Y}), "
                f"{info.issuer.get(self.lang)}. {info.title.get(self.lang)}",
                self.styles.line,
            ),
            (info.notice.get(self.lang) if info.notice else "", self.styles.line),
            (f"{self.word('report_year')}: {report.year}", self.styles.line),
            (
                self.word("valid") if report.valid else self.word("invalid"),
                self.styles.valid if report.valid else self.styles.banner,
            ),
        ]
        last = max(len(widths) - 1, 1)
        for text, style in lines:
            if text:
                ws.merge_range(sheet.row, 0, sheet.row, last, text, style)
                size = 2 if style is self.styles.banner else 1
                ws.set_row(sheet.row, LINE_HEIGHT * size * line_count(text, sum(widths)))
            sheet.row += 1
        while sheet.row < TITLE_ROWS:
            sheet.append([])
        self.header(sheet, names)
        return sheet

    def header(self, sheet: Sheet, names: Sequence[str]) -> int:
        """The header row: bold, shaded, wrapped, as tall as its longest name."""
        lines = max(
            (line_count(n, w) for n, w in zip(names, sheet.widths, strict=False)), default=1
        )
        sheet.sheet.set_row(sheet.row, LINE_HEIGHT * lines)
        return sheet.append([Cell(name, self.styles.head) for name in names])

    def finish(self, sheet: Sheet, header_row: int, columns: int, last_row: int) -> None:
        """The filter over the table, and its title and header rows on every page (rows
        as 1-based numbers)."""
        ws = sheet.sheet
        ws.autofilter(header_row - 1, 0, max(last_row, header_row) - 1, columns - 1)
        ws.repeat_rows(0, header_row - 1)


def line_count(text: str, width: float) -> int:
    """How many lines ``text`` takes, wrapped in a column ``width`` characters wide: an
    estimate that errs on the tall side (a row that is too tall wastes a little paper,
    one that is too short hides words)."""
    per_line = max(1, int(width * 1.05) - 1)
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def row_height(values: Sequence[Any], widths: Sequence[float]) -> float | None:
    """The height a row of wrapped texts needs to show every line (None: one line is
    enough), from each text's length and its column's width in characters."""
    lines = max(
        (
            line_count(value, width)
            for value, width in zip(values, widths, strict=False)
            if isinstance(value, str) and value
        ),
        default=1,
    )
    return None if lines == 1 else LINE_HEIGHT * lines


def page(sheet: Any) -> None:
    """A4, landscape, as wide as the page and as many pages long as it takes, narrow
    margins, the file name and page number in the footer."""
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    sheet.set_footer("&L&F&R&P / &N")
