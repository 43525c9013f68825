"""The correction workbook (``check --errors-xlsx FILE``): a copy of each submitted table
with every problem cell highlighted and its message attached as a comment, and a list
sheet first, each problem linked to its cell, so a reporting unit can fix its own
workbook.

Cells keep the row and column they have in the submitted file, so "row 12, D12" in a
message is row 12, D12 in the copy. Text is always written as text: a name that starts
with "=" stays a name, never becomes a formula.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ltl_plan.cells import as_text
from ltl_plan.layout import RawTable
from ltl_plan.output import save_atomic
from ltl_plan.problems import Problem, Severity
from ltl_plan.words import Lang, word

_FILLS = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C"}
_INVALID_TITLE = re.compile(r"[\[\]:*?/\\]")
_FIELDS = ("severity", "code", "file", "sheet", "row", "column", "cell", "value", "message")


def _title(file: str, sheet: str | None, taken: set[str]) -> str:
    base = _INVALID_TITLE.sub("_", Path(file).stem + (f" - {sheet}" if sheet else ""))
    title = base[:31].strip("'") or "Sheet"
    number = 2
    while title.lower() in taken:
        suffix = f" ({number})"
        title = base[: 31 - len(suffix)].strip("'") + suffix
        number += 1
    taken.add(title.lower())
    return title


def _as_text_cell(cell: Any, value: Any) -> None:
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with


Place = tuple[str, str | None]  # file, sheet


def write_corrections(
    path: Path,
    tables: Sequence[tuple[str, Sequence[RawTable] | None]],
    problems: Sequence[Problem],
    lang: Lang = Lang.VI,
) -> None:
    """Write the correction workbook to ``path`` (atomically)."""
    from openpyxl import Workbook

    workbook = Workbook()
    listing = workbook.active
    listing.title = word(lang, "problem_list")
    taken = {listing.title.lower()}
    at: dict[Place, dict[str, list[Problem]]] = defaultdict(lambda: defaultdict(list))
    for problem in problems:
        if problem.cell:
            at[(problem.file, problem.sheet)][problem.cell].append(problem)
    titles: dict[Place, str] = {}
    for file, file_tables in tables:
        for table in file_tables or ():
            place = (file, table.sheet)
            if place in titles or table.grid is None:
                continue
            titles[place] = _title(file, table.sheet, taken)
            _copy(workbook.create_sheet(titles[place]), table, at[place])
    _list(listing, problems, titles, lang)
    for sheet in workbook.worksheets:  # printable: landscape, as wide as the page
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    save_atomic(path, workbook.save)


def _copy(sheet: Any, table: RawTable, at: dict[str, list[Problem]]) -> None:
    """The sheet a table was found on, each cell where it stands in the submission, each
    problem cell coloured with its messages as a comment."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    assert table.grid is not None
    first_row, first_column = table.grid_origin
    for r, values in enumerate(table.grid.itertuples(index=False)):
        for c, value in enumerate(values):
            if value is None or value == "":
                continue
            _as_text_cell(sheet.cell(row=first_row + r, column=first_column + c + 1), value)
    for reference, found in at.items():
        cell = sheet[reference]
        worst = min((p.severity for p in found), key=lambda s: s != Severity.ERROR)
        cell.fill = PatternFill("solid", fgColor=_FILLS[worst])
        text = "\n".join(f"[{p.severity}] {p.message} ({p.code})" for p in found)
        cell.comment = Comment(text, "ltl-plan", width=320, height=120)
    for c, column in enumerate(table.grid.columns):
        longest = as_text(table.grid[column]).str.len().max()
        width = min(40, max(8, int(longest if longest == longest else 0) + 2))
        sheet.column_dimensions[get_column_letter(first_column + c + 1)].width = width
    for row in table.header_rows:
        for cell in sheet[row]:
            cell.font = Font(bold=True)
    if table.header_rows:
        sheet.freeze_panes = sheet.cell(row=table.header_rows[-1] + 1, column=1)


def _list(listing: Any, problems: Sequence[Problem], titles: dict[Place, str], lang: Lang) -> None:
    """The first sheet: every problem, its cell a link to the cell in the copy."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink

    listing.append([word(lang, name) for name in _FIELDS])
    for row, problem in enumerate(problems, 2):
        for c, name in enumerate(_FIELDS, 1):
            value = getattr(problem, name)
            _as_text_cell(listing.cell(row=row, column=c), getattr(value, "value", value))
        fill = PatternFill("solid", fgColor=_FILLS[problem.severity])
        listing.cell(row=row, column=1).fill = fill
        target = titles.get((problem.file, problem.sheet))
        if target and problem.cell:
            link = listing.cell(row=row, column=7)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{target}'!{problem.cell}")
            link.font = Font(color="0563C1", underline="single")
    for cell in listing[1]:
        cell.font = Font(bold=True)
    listing.freeze_panes = "A2"
    listing.auto_filter.ref = f"A1:I{max(listing.max_row, 1)}"
    for c, width in enumerate((10, 22, 30, 18, 7, 28, 7, 22, 110), 1):
        listing.column_dimensions[get_column_letter(c)].width = width
