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

from ltl_plan.cells import column_letter
from ltl_plan.errors import UsageError
from ltl_plan.keys import key
from ltl_plan.outputs.xlsx.sheets import PIXELS_PER_CHARACTER, page, row_height, save_workbook
from ltl_plan.plan import Plan
from ltl_plan.plan.model import Expected
from ltl_plan.vocabulary import FIXED_COLUMNS
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
    form_year = year or plan.plan.reporting_years.last
    chosen = find_unit(plan, form_year, unit) if unit is not None else None
    columns = form_columns(plan, form_year, chosen)

    def fill(workbook: Any) -> None:
        guide = workbook.add_worksheet(word(LANG, "form_sheet_guide"))
        sheet = workbook.add_worksheet(word(LANG, "sheet_institutions"))
        lists = workbook.add_worksheet(word(LANG, "form_sheet_lists"))
        ranges = _lists(lists, {c.field: c.choices for c in columns if c.choices})
        _form(workbook, sheet, plan, columns, ranges, year)
        _guide(workbook, guide, plan, columns, year, sheet.name)
        sheet.activate()

    save_workbook(path, fill)


def _lists(lists: Any, choices: dict[str, list[str]]) -> dict[str, str]:
    """The drop-down lists, a column each on a hidden sheet (columns with the same
    choices, the yes/no ones, share one); the range of each column's list."""
    ranges: dict[str, str] = {}
    made: dict[tuple[str, ...], str] = {}
    title = lists.name.replace("'", "''")
    for name, values in choices.items():
        if tuple(values) not in made:
            column = len(made)
            letter = column_letter(column)
            lists.write_string(0, column, name)
            for row, value in enumerate(values, 1):
                lists.write_string(row, column, value)
            made[tuple(values)] = f"='{title}'!${letter}$2:${letter}${len(values) + 1}"
        ranges[name] = made[tuple(values)]
    lists.hide()
    return ranges


def _rule(column: Column, plan: Plan, ranges: dict[str, str], year: int | None) -> Any:
    """The data-validation rule of a column, if it has one, with its help as the prompt
    and the message of a refused value (cut to Excel's limits: 32 characters for a
    title, 255 for a message)."""
    rule: dict[str, Any]
    if column.field in ranges:
        rule = {"validate": "list", "source": ranges[column.field]}
    elif column.field == "year":
        years = plan.plan.reporting_years
        low, high = (year, year) if year else (years.first, years.last)
        rule = {"validate": "integer", "criteria": "between", "minimum": low, "maximum": high}
    elif column.field in {measure.code for measure in plan.measures}:
        rule = {"validate": "integer", "criteria": ">=", "value": 0}
    else:
        return None
    title, message = _cut(column.header, 32), _cut(column.help, 255)
    return {
        **rule, "ignore_blank": True, "input_title": title, "input_message": message,
        "error_title": title, "error_message": message,
    }  # fmt: skip


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _form(
    workbook: Any,
    sheet: Any,
    plan: Plan,
    columns: list[Column],
    ranges: dict[str, str],
    year: int | None,
) -> None:
    """The institutions sheet: headers, rules, the header locked and the rows not;
    printed on A4, landscape, as wide as the page, the header on every page."""
    head = workbook.add_format({"bold": True, "pattern": 1, "bg_color": "#DDEBF7",
                                "text_wrap": True, "valign": "vcenter", "border": 1})  # fmt: skip
    open_cell = workbook.add_format({"locked": False})
    first, last = 1, ROWS  # 0-based: the data rows
    for number, column in enumerate(columns):
        width = 40 if column.field == "name" else 18
        sheet.set_column_pixels(number, number, width * PIXELS_PER_CHARACTER, open_cell)
        sheet.write_string(0, number, column.header, head)
        for row in range(first, last + 1):  # unlocked cell by cell: every program sees it
            sheet.write_blank(row, number, None, open_cell)
        rule = _rule(column, plan, ranges, year)
        if rule is not None:
            sheet.data_validation(first, number, last, number, rule)
    sheet.set_row(0, 45)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, last, len(columns) - 1)
    sheet.protect("", {"autofilter": True, "sort": True, "format_columns": True})
    page(sheet)
    sheet.repeat_rows(0)


def _guide(
    workbook: Any, guide: Any, plan: Plan, columns: list[Column], year: int | None, form: str
) -> None:
    """The instructions sheet: the plan, the deadline, and what to enter in each column,
    wrapped, each row as tall as its text; A4, landscape, as wide as the page."""
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
    text = workbook.add_format({"text_wrap": True, "valign": "top"})
    bold = workbook.add_format({"text_wrap": True, "valign": "top", "bold": True})
    title = workbook.add_format({"bold": True, "font_size": 13})
    widths = (32, 100)
    for column, width in enumerate(widths):
        guide.set_column_pixels(column, column, width * PIXELS_PER_CHARACTER)
    for row, (left, right) in enumerate(lines):
        if row < 2:  # the title and the plan's name, across both columns
            guide.merge_range(row, 0, row, 1, left, title if row == 0 else bold)
            guide.set_row(row, row_height([left], [sum(widths)]))
            continue
        style = bold if left == _say("form_column") else text
        guide.write_string(row, 0, left, style)
        guide.write_string(row, 1, right, style)
        guide.set_row(row, row_height([left, right], widths))
    page(guide)
