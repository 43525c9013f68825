"""The submission form a district or agency fills in (``ltl-plan template``).

One sheet for the institutions, with the plan's Vietnamese headers, drop-down lists for
category, level, district and every yes/no column, a whole-number rule for the year and
the visits, and the header row protected; an instructions sheet that explains each column
in the plan's words; and a hidden sheet holding the lists. Everything comes from the
targets file and the word list, so another plan gives another form. A filled-in form
passes ``check``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ltl_plan.output import save_atomic
from ltl_plan.plan import Plan
from ltl_plan.vocabulary import FIXED_COLUMNS
from ltl_plan.words import Lang, word

ROWS = 2000  # rows prepared with drop-down lists and rules
LANG = Lang.VI  # the form is filled in by Vietnamese offices
LISTED = ("category", "level", "district", "reporting_unit")


def _say(name: str, **values: object) -> str:
    return word(LANG, name).format(**values)


def _columns(plan: Plan) -> list[tuple[str, str, str]]:
    """(field, Vietnamese header, what to enter) for every column of the form."""
    flags = []
    for flag in plan.flags:
        using = [i for i in plan.coverage_indicators() if i.flag == flag.code]
        sections = ", ".join(sorted({i.section for i in using}))
        wording = "; ".join(
            _say("form_flag_use", section=i.section, label=i.label.vi) for i in using
        )
        help_text = _say(
            "form_flag", yes=_say("yes"), no=_say("no"), sections=sections, wording=wording
        )
        flags.append((flag.code, flag.label.vi, help_text))
    growth = "; ".join(
        _say("form_flag_use", section=i.section, label=(i.short or i.label).vi)
        for i in plan.growth_indicators()
    )
    years = plan.plan.reporting_years
    leveled = ", ".join(c.label.vi for c in plan.categories if c.levels)
    return [
        ("id", FIXED_COLUMNS["id"][1], _say("form_id")),
        ("name", FIXED_COLUMNS["name"][1], _say("form_name")),
        ("year", FIXED_COLUMNS["year"][1], _say("form_year", first=years.first, last=years.last)),
        ("category", FIXED_COLUMNS["category"][1], _say("form_category")),
        ("level", FIXED_COLUMNS["level"][1], _say("form_level", categories=leveled)),
        ("district", FIXED_COLUMNS["district"][1], _say("form_district")),
        *flags,
        (
            "learning_visits",
            FIXED_COLUMNS["learning_visits"][1],
            _say("form_visits", wording=growth),
        ),
        ("reporting_unit", FIXED_COLUMNS["reporting_unit"][1], _say("form_reporting_unit")),
    ]


def write_template(
    path: Path, plan: Plan, year: int | None = None, district: str | None = None
) -> None:
    """Write the form to ``path`` (atomically): for ``year`` only, and for one
    ``district`` (and reporting unit) only, when given."""
    from openpyxl import Workbook

    columns = _columns(plan)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = word(LANG, "sheet_institutions")
    lists = workbook.create_sheet(word(LANG, "form_sheet_lists"))
    guide = workbook.create_sheet(word(LANG, "form_sheet_guide"), 0)
    districts = [u.name for u in plan.units if u.kind == "district"]
    choices = {
        "category": [c.label.vi for c in plan.categories],
        "level": [lv.label.vi for lv in plan.levels],
        "district": [district] if district else districts,
        "reporting_unit": [district] if district else [u.name for u in plan.units],
        "flag": [_say("yes"), _say("no")],
    }
    ranges = _lists(lists, choices)
    _form(sheet, plan, columns, ranges, year)
    _guide(guide, plan, columns, year, sheet.title)
    workbook.active = workbook.index(sheet)
    save_atomic(path, workbook.save)


def _lists(lists: Any, choices: dict[str, list[str]]) -> dict[str, str]:
    """The drop-down lists, a column each on a hidden sheet; the range of each."""
    from openpyxl.utils import get_column_letter

    ranges: dict[str, str] = {}
    for column, (name, values) in enumerate(choices.items(), 1):
        letter = get_column_letter(column)
        lists.cell(row=1, column=column, value=name)
        for row, value in enumerate(values, 2):
            lists.cell(row=row, column=column, value=value).data_type = "s"
        ranges[name] = f"'{lists.title}'!${letter}$2:${letter}${len(values) + 1}"
    lists.sheet_state = "hidden"
    return ranges


def _rule(field: str, plan: Plan, ranges: dict[str, str], year: int | None) -> Any:
    """The data-validation rule of a column, if it has one."""
    from openpyxl.worksheet.datavalidation import DataValidation

    if field in LISTED:
        return DataValidation(type="list", formula1=f"={ranges[field]}", allow_blank=True)
    if field in {flag.code for flag in plan.flags}:
        return DataValidation(type="list", formula1=f"={ranges['flag']}", allow_blank=True)
    if field == "year":
        years = plan.plan.reporting_years
        low, high = (year, year) if year else (years.first, years.last)
        return DataValidation(
            type="whole", operator="between", formula1=str(low), formula2=str(high),
            allow_blank=True,
        )  # fmt: skip
    if field == "learning_visits":
        return DataValidation(
            type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True
        )
    return None


def _form(
    sheet: Any,
    plan: Plan,
    columns: list[tuple[str, str, str]],
    ranges: dict[str, str],
    year: int | None,
) -> None:
    """The institutions sheet: headers, rules, the header locked and the rows not."""
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter

    first, last = 2, ROWS + 1
    for number, (field, header, help_text) in enumerate(columns, 1):
        letter = get_column_letter(number)
        cell = sheet.cell(row=1, column=number, value=header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.protection = Protection(locked=True)
        sheet.column_dimensions[letter].width = 40 if field == "name" else 18
        rule = _rule(field, plan, ranges, year)
        if rule is not None:
            rule.error = rule.prompt = help_text
            rule.errorTitle = rule.promptTitle = header
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


def _guide(
    guide: Any, plan: Plan, columns: list[tuple[str, str, str]], year: int | None, form: str
) -> None:
    """The instructions sheet: the plan, the deadline, and what to enter in each column."""
    from openpyxl.styles import Alignment, Font

    info = plan.plan
    deadline = info.report_deadline
    when = f"/{year}" if year else word(LANG, "form_every_year")
    day, month = f"{deadline.day:02d}", f"{deadline.month:02d}"
    lines = [
        (_say("form_title", number=info.number), ""),
        (info.title.vi, ""),
        (_say("form_deadline"), _say("form_deadline_text", day=day, month=month, year=when)),
        (_say("form_how"), _say("form_how_text", sheet=form)),
        ("", ""),
        (_say("form_column"), _say("form_content")),
        *((header, help_text) for _, header, help_text in columns),
    ]
    guide.column_dimensions["A"].width = 32
    guide.column_dimensions["B"].width = 110
    for row, (left, right) in enumerate(lines, 1):
        guide.cell(row=row, column=1, value=left).data_type = "s"
        guide.cell(row=row, column=2, value=right).data_type = "s"
        guide.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
        if row in (1, 6):
            guide.cell(row=row, column=1).font = Font(bold=True)
            guide.cell(row=row, column=2).font = Font(bold=True)
