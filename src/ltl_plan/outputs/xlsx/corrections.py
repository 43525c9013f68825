"""The correction workbook (``check --errors-xlsx FILE``): a list sheet first, each kind
of problem in each column on one row with its count, its cells and a link to the first
of them; then a copy of each submitted table with every problem cell coloured, and the
first problems' messages attached as comments, so a reporting unit can fix its own
workbook.

Cells keep the row and column they have in the submitted file, so "G12" in the list is
G12 in the copy. Text is always written as text (a name that starts with "=" stays a
name), numbers as numbers, and XlsxWriter escapes what a cell cannot hold as it is
(control characters, a literal ``_x003D_``). Every sheet prints on A4, landscape, as
wide as the page, its header rows on every page.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ltl_plan.cells import as_text, column_index
from ltl_plan.layout import RawTable
from ltl_plan.outputs.problem_text import cells_text, column_text, severity_text
from ltl_plan.outputs.xlsx.sheets import (
    PIXELS_PER_CHARACTER,
    missing,
    page,
    row_height,
    save_workbook,
)
from ltl_plan.problems import ProblemGroup, Problems, Severity
from ltl_plan.words import Lang, word

_FILLS = {Severity.ERROR: "#FFC7CE", Severity.WARNING: "#FFEB9C"}
# A sheet title may not hold these (nor control characters), nor begin or end with "'".
_INVALID_TITLE = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f-\x9f]")
# Comments beyond these many would make the workbook slow to open; every problem cell is
# coloured all the same, and the list sheet counts them all.
MAX_COMMENTS = 5000
_LIST_COLUMNS = ("severity", "code", "file", "sheet", "column", "count", "go_to", "where",
                 "message")  # fmt: skip
_LIST_WIDTHS = (10, 18, 24, 14, 20, 8, 8, 40, 56)

Place = tuple[str, str | None]  # file, sheet
Mark = tuple[int, int]  # 0-based row and column of a cell


def sheet_title(file: str, sheet: str | None, taken: set[str]) -> str:
    """A title Excel accepts, unique in the workbook (compared as Excel does, ignoring
    case), for the copy of ``sheet`` of ``file``."""
    base = _INVALID_TITLE.sub("_", Path(file).stem + (f" - {sheet}" if sheet else ""))
    title = base[:31].strip("'").strip() or "Sheet"
    number = 2
    while title.lower() in taken:
        suffix = f" ({number})"
        title = base[: 31 - len(suffix)].strip("'").strip() + suffix
        number += 1
    taken.add(title.lower())
    return title


def sheet_reference(title: str, cell: str) -> str:
    """A link to a cell of a sheet: the title quoted, an apostrophe in it doubled."""
    quoted = title.replace("'", "''")
    return f"internal:'{quoted}'!{cell}"


def write_corrections(
    path: Path,
    tables: Sequence[tuple[str, Sequence[RawTable] | None]],
    problems: Problems,
    lang: Lang = Lang.VI,
) -> None:
    """Write the correction workbook to ``path`` (atomically)."""
    save_workbook(
        path, lambda workbook: _Corrections(workbook, lang).write(tables, problems),
        kind="corrections",
    )  # fmt: skip


class _Corrections:
    def __init__(self, workbook: Any, lang: Lang) -> None:
        self.workbook, self.lang = workbook, lang
        add = workbook.add_format
        self.head = add({"bold": True, "pattern": 1, "bg_color": "#DDEBF7", "text_wrap": True,
                         "valign": "top", "border": 1})  # fmt: skip
        self.bold = add({"bold": True})
        self.wrap = add({"text_wrap": True, "valign": "top", "align": "left", "indent": 1})
        self.count = add({"num_format": "#,##0", "valign": "top"})
        self.link = add({"text_wrap": True, "valign": "top", "align": "left", "indent": 1,
                         "font_color": "#0563C1",
                         "underline": 1})  # fmt: skip
        self.fill = {
            s: add({"pattern": 1, "bg_color": c, "valign": "top"}) for s, c in _FILLS.items()
        }
        # In the copy of a submission, text starts one indent in, so that a number and the
        # text to its right never run together ("2024Thư viện", "83112Sở Văn hóa").
        text = {"align": "left", "indent": 1}
        self.text = add(text)
        self.header_text = add({**text, "bold": True})
        self.fill_text = {
            s: add({"pattern": 1, "bg_color": c, "valign": "top", **text})
            for s, c in _FILLS.items()
        }
        self.comments = 0

    def write(
        self, tables: Sequence[tuple[str, Sequence[RawTable] | None]], problems: Problems
    ) -> None:
        listing = self.workbook.add_worksheet(word(self.lang, "problem_list")[:31])
        taken = {listing.name.lower()}
        marks: dict[Place, dict[Mark, list[ProblemGroup]]] = defaultdict(lambda: defaultdict(list))
        for found in problems.groups:
            if found.letter is None or not len(found.rows):
                continue
            column = column_index(found.letter)
            at = marks[(found.file, found.sheet)]
            for row in found.rows.tolist():
                at[(row - 1, column)].append(found)
        titles: dict[Place, str] = {}
        for file, file_tables in tables:
            for table in file_tables or ():
                place = (file, table.sheet)
                if place in titles or table.grid is None:
                    continue
                titles[place] = sheet_title(file, table.sheet, taken)
                self.copy(self.workbook.add_worksheet(titles[place]), table, marks[place])
        self.listing(listing, problems, titles)

    def copy(self, sheet: Any, table: RawTable, marks: dict[Mark, list[ProblemGroup]]) -> None:
        """The sheet a table was found on, each cell where it stands in the submission,
        each problem cell coloured, with its messages as a comment."""
        assert table.grid is not None
        first_row, first_column = table.grid_origin
        top, left = first_row - 1, first_column
        marked = dict(marks)
        headers = {row - 1 for row in table.header_rows}
        for r, values in enumerate(table.grid.itertuples(index=False)):
            for c, value in enumerate(values):
                at = (top + r, left + c)
                found = marked.pop(at, None)
                style = self.fill[_worst(found)] if found else None
                if missing(value) or value == "":
                    if style is not None:
                        sheet.write_blank(*at, None, style)
                elif isinstance(value, str):
                    sheet.write_string(*at, value, self._text_style(found, at[0] in headers))
                else:
                    sheet.write(*at, value, style)
                if found:
                    self.comment(sheet, at, found)
        for at, found in marked.items():  # a cell outside the sheet's grid
            sheet.write_blank(*at, None, self.fill[_worst(found)])
            self.comment(sheet, at, found)
        for c, column in enumerate(table.grid.columns):
            longest = as_text(table.grid[column]).str.len().max()
            width = min(40, max(8, int(longest if longest == longest else 0) + 2))
            sheet.set_column_pixels(left + c, left + c, width * PIXELS_PER_CHARACTER)
        for row in table.header_rows:
            sheet.set_row(row - 1, None, self.bold)
        if table.header_rows:
            sheet.freeze_panes(table.header_rows[-1], 0)
            sheet.repeat_rows(table.header_rows[0] - 1, table.header_rows[-1] - 1)
        page(sheet)

    def _text_style(self, found: list[ProblemGroup] | None, header: bool) -> Any:
        """A text cell's format: one indent in, bold on a header row, coloured when marked."""
        if found:
            return self.fill_text[_worst(found)]
        return self.header_text if header else self.text

    def comment(self, sheet: Any, at: Mark, found: list[ProblemGroup]) -> None:
        if self.comments >= MAX_COMMENTS:
            return
        self.comments += 1
        lines = [
            f"{severity_text(g.severity, self.lang)}: {g.message.say(self.lang)} ({g.code})"
            for g in found
        ]
        sheet.write_comment(*at, "\n".join(lines), {"author": "ltl-plan", "x_scale": 2.5,
                                                     "y_scale": 2})  # fmt: skip

    def listing(self, sheet: Any, problems: Problems, titles: dict[Place, str]) -> None:
        """The first sheet: each kind of problem in each column, its cells, and a link to
        the first of them in the copy."""
        lang = self.lang
        for c, width in enumerate(_LIST_WIDTHS):
            sheet.set_column_pixels(c, c, width * PIXELS_PER_CHARACTER)
        sheet.write_row(0, 0, [word(lang, name) for name in _LIST_COLUMNS], self.head)
        for row, found in enumerate(problems.counted(first=20), 1):
            first = found.first[0].cell if found.first else None
            values: list[str | int | None] = [
                found.code, found.file, found.sheet or "", column_text(found), found.count,
                first, cells_text(found, lang), found.message.say(lang),
            ]  # fmt: skip
            sheet.write_string(
                row, 0, severity_text(found.severity, lang), self.fill[found.severity]
            )
            for c, value in enumerate(values, 1):
                if isinstance(value, int):
                    sheet.write_number(row, c, value, self.count)
                elif value:
                    sheet.write_string(row, c, value, self.wrap)
            title = titles.get((found.file, found.sheet))
            if title and first:
                sheet.write_url(row, 6, sheet_reference(title, first), self.link, first)
            sheet.set_row(row, row_height(values, _LIST_WIDTHS[1:]))
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(1, len(problems.groups)), len(_LIST_COLUMNS) - 1)
        sheet.repeat_rows(0)
        page(sheet)
        sheet.activate()


def _worst(found: list[ProblemGroup]) -> Severity:
    return min((g.severity for g in found), key=lambda s: s is not Severity.ERROR)
