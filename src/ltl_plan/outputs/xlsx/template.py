"""The submission form a reporting unit fills in (``ltl-plan template``).

One sheet for the institutions, with the plan's Vietnamese headers, drop-down lists for
category, level, place and every yes/no column, a whole-number rule for the year and
the visits, and the header row protected; an instructions sheet that explains each column
in the plan's words; and a hidden sheet holding the lists. Everything comes from the
targets file and the word list, so another plan gives another form. A filled-in form
passes ``check``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ltl_plan.errors import UsageError
from ltl_plan.output import save_atomic
from ltl_plan.plan import Plan
from ltl_plan.plan.model import Expected
from ltl_plan.vocabulary import FIXED_COLUMNS, key
from ltl_plan.words import Lang, word

ROWS = 2000  # rows prepared with drop-down lists and rules
LANG = Lang.VI  # the form is filled in by Vietnamese offices


def _say(name: str, **values: object) -> str:
    return word(LANG, name).format(**values)


@dataclass(frozen=True)
class Column:
    field: str  # the record's field (a place level, flag or measure code, or a fixed one)
    header: str  # as the form shows it, in Vietnamese
    help: str  # what to enter
    choices: list[str] | None = None  # a drop-down list, or None


def form_columns(plan: Plan, year: int, unit: Expected | None = None) -> list[Column]:
    """Every column of the form for ``year``: only the levels, categories and places
    that exist in that year (a level that a reform ended is not offered); one unit's
    place and name only, when ``unit`` is given."""
    years = plan.plan.reporting_years
    categories = [c for c in plan.categories if year in c.years]
    levels = [lv for lv in plan.levels if year in lv.years]
    leveled = ", ".join(c.label.vi for c in categories if c.levels)
    head = {name: headers[1] for name, headers in FIXED_COLUMNS.items()}
    columns = [
        Column("id", head["id"], _say("form_id")),
        Column("name", head["name"], _say("form_name")),
        Column("year", head["year"], _say("form_year", first=years.first, last=years.last)),
        Column("category", head["category"], _say("form_category"),
               [c.label.vi for c in categories]),
        Column("level", head["level"], _say("form_level", categories=leveled),
               [lv.label.vi for lv in levels]),
    ]  # fmt: skip
    for level in plan.places_in(year):
        names = [
            p.name
            for p in plan.place_names
            if p.level == level.code and year in (p.years or level.years)
        ]
        if unit is not None and unit.level == level.code:
            names = [unit.name]
        help_text = _say("form_place", level=level.label.vi)
        columns.append(Column(level.code, level.label.vi, help_text, names or None))
    for flag in plan.flags:
        using = [i for i in plan.flag_indicators() if i.flag == flag.code and year in i.years]
        sections = ", ".join(sorted({i.section for i in using}))
        wording = "; ".join(
            _say("form_flag_use", section=i.section, label=i.label.vi) for i in using
        )
        help_text = _say(
            "form_flag", yes=_say("yes"), no=_say("no"), sections=sections, wording=wording
        )
        columns.append(Column(flag.code, flag.label.vi, help_text, [_say("yes"), _say("no")]))
    for measure in plan.measures:
        growing = [i for i in plan.growth_indicators() if i.measure == measure.code]
        wording = "; ".join(
            _say("form_flag_use", section=i.section, label=(i.short or i.label).vi) for i in growing
        )
        columns.append(Column(measure.code, measure.label.vi, _say("form_visits", wording=wording)))
    units = [unit] if unit is not None else plan.units_of(year)
    kinds = ", ".join(k.label.vi for k in plan.unit_kinds if any(u.kind == k.code for u in units))
    columns.append(
        Column(
            "reporting_unit", head["reporting_unit"],
            _say("form_reporting_unit", kinds=kinds), [u.name for u in units] or None,
        )
    )  # fmt: skip
    return columns


def find_unit(plan: Plan, year: int, name: str) -> Expected:
    """The reporting unit of ``year`` that ``name`` names (its name, an alias or its
    code); a UsageError listing the units when it is none."""
    units = plan.units_of(year)
    for unit in units:
        if key(name) in {key(word) for word in (unit.name, unit.code, *unit.aliases)}:
            return unit
    listed = ", ".join(u.name for u in units) or "(the plan lists none)"
    raise UsageError(
        f"--unit {name}: not a reporting unit of the plan in {year}; the units are {listed}"
    )


def write_template(
    path: Path, plan: Plan, year: int | None = None, unit: str | None = None
) -> None:
    """Write the form to ``path`` (atomically): for ``year`` only (default: any of the
    plan's reporting years, with the places of the last), and for one reporting ``unit``
    only, when given."""
    from openpyxl import Workbook

    form_year = year or plan.plan.reporting_years.last
    chosen = find_unit(plan, form_year, unit) if unit is not None else None
    columns = form_columns(plan, form_year, chosen)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = word(LANG, "sheet_institutions")
    lists = workbook.create_sheet(word(LANG, "form_sheet_lists"))
    guide = workbook.create_sheet(word(LANG, "form_sheet_guide"), 0)
    ranges = _lists(lists, {c.field: c.choices for c in columns if c.choices})
    _form(sheet, plan, columns, ranges, year)
    _guide(guide, plan, columns, year, sheet.title)
    workbook.active = workbook.index(sheet)
    save_atomic(path, workbook.save)


def _lists(lists: Any, choices: dict[str, list[str]]) -> dict[str, str]:
    """The drop-down lists, a column each on a hidden sheet (columns with the same
    choices, the yes/no ones, share one); the range of each column's list."""
    from openpyxl.utils import get_column_letter

    ranges: dict[str, str] = {}
    made: dict[tuple[str, ...], str] = {}
    for name, values in choices.items():
        if tuple(values) not in made:
            column = len(made) + 1
            letter = get_column_letter(column)
            lists.cell(row=1, column=column, value=name)
            for row, value in enumerate(values, 2):
                lists.cell(row=row, column=column, value=value).data_type = "s"
            made[tuple(values)] = f"'{lists.title}'!${letter}$2:${letter}${len(values) + 1}"
        ranges[name] = made[tuple(values)]
    lists.sheet_state = "hidden"
    return ranges


def _rule(column: Column, plan: Plan, ranges: dict[str, str], year: int | None) -> Any:
    """The data-validation rule of a column, if it has one."""
    from openpyxl.worksheet.datavalidation import DataValidation

    if column.field in ranges:
        return DataValidation(type="list", formula1=f"={ranges[column.field]}", allow_blank=True)
    if column.field == "year":
        years = plan.plan.reporting_years
        low, high = (year, year) if year else (years.first, years.last)
        return DataValidation(
            type="whole", operator="between", formula1=str(low), formula2=str(high),
            allow_blank=True,
        )  # fmt: skip
    if column.field in {measure.code for measure in plan.measures}:
        return DataValidation(
            type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True
        )
    return None


def _form(
    sheet: Any,
    plan: Plan,
    columns: list[Column],
    ranges: dict[str, str],
    year: int | None,
) -> None:
    """The institutions sheet: headers, rules, the header locked and the rows not."""
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter

    first, last = 2, ROWS + 1
    for number, column in enumerate(columns, 1):
        letter = get_column_letter(number)
        cell = sheet.cell(row=1, column=number, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.protection = Protection(locked=True)
        sheet.column_dimensions[letter].width = 40 if column.field == "name" else 18
        rule = _rule(column, plan, ranges, year)
        if rule is not None:
            rule.error = rule.prompt = column.help
            rule.errorTitle = rule.promptTitle = column.header
            rule.showErrorMessage = rule.showInputMessage = True
            sheet.add_data_validation(rule)
            rule.add(f"{letter}{first}:{letter}{last}")
        for row in range(first, last + 1):
            sheet.cell(row=row, column=number).protection = Protection(locked=False)
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 45
    sheet.protection.sheet = True  # the header is locked; the data rows are not
    sheet.protection.autoFilter = False
    sheet.protection.sort = False
    sheet.protection.formatColumns = False
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"


def _guide(guide: Any, plan: Plan, columns: list[Column], year: int | None, form: str) -> None:
    """The instructions sheet: the plan, the deadline, and what to enter in each column."""
    from openpyxl.styles import Alignment, Font

    info = plan.plan
    deadline = info.report_deadline
    when = f"/{year}" if year else word(LANG, "form_every_year")
    day, month = f"{deadline.day:02d}", f"{deadline.month:02d}"
    recipient = info.report_to.vi
    lines = [
        (_say("form_title", number=info.number), ""),
        (info.title.vi, ""),
        (
            _say("form_deadline"),
            _say("form_deadline_text", day=day, month=month, year=when, recipient=recipient),
        ),
        (_say("form_how"), _say("form_how_text", sheet=form)),
        ("", ""),
        (_say("form_column"), _say("form_content")),
        *((column.header, column.help) for column in columns),
    ]
    guide.column_dimensions["A"].width = 32
    guide.column_dimensions["B"].width = 110
    for row, (left, right) in enumerate(lines, 1):
        guide.cell(row=row, column=1, value=left).data_type = "s"
        guide.cell(row=row, column=2, value=right).data_type = "s"
        guide.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1 or left == _say("form_column"):
            guide.cell(row=row, column=1).font = Font(bold=True)
            guide.cell(row=row, column=2).font = Font(bold=True)
