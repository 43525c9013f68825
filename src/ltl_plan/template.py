"""The submission form a district or agency fills in (``ltl-plan template``).

One sheet for the institutions, with the plan's Vietnamese headers, drop-down lists for
category, level, district and every yes/no column, a whole-number rule for the year and
the visits, and the header row protected; an instructions sheet that explains each column
in the plan's words; and a hidden sheet holding the lists. Everything comes from the
targets file, so another plan gives another form. A filled-in form passes ``check``.
"""

from __future__ import annotations

from pathlib import Path

from ltl_plan.output import save_atomic
from ltl_plan.plan import Plan
from ltl_plan.vocab import FIXED_COLUMNS

SHEET = "Danh sách đơn vị"
LISTS = "Danh mục"
GUIDE = "Hướng dẫn"
ROWS = 2000  # rows prepared with drop-down lists and rules
YES, NO = "Có", "Không"


def _columns(plan: Plan) -> list[tuple[str, str, str]]:
    """(field, Vietnamese header, what to enter) for every column of the form."""
    flags = []
    for flag in plan.flags:
        using = [i for i in plan.coverage_indicators() if i.flag == flag.code]
        sections = sorted({i.section for i in using})
        wording = "; ".join(f"mục {i.section}: {i.label.vi}" for i in using)
        flags.append(
            (
                flag.code,
                flag.label.vi,
                f"{YES} / {NO}; để trống nếu chưa có thông tin. Dùng cho {', '.join(sections)} "
                f"({wording}).",
            )
        )
    leveled = ", ".join(c.label.vi for c in plan.categories if c.levels)
    years = plan.plan.reporting_years
    return [
        ("id", FIXED_COLUMNS["id"][1], "Bắt buộc. Mã riêng của đơn vị, giữ nguyên qua các năm."),
        (
            "name",
            FIXED_COLUMNS["name"][1],
            "Bắt buộc. Tên đầy đủ của thư viện, bảo tàng, trung tâm.",
        ),
        (
            "year",
            FIXED_COLUMNS["year"][1],
            f"Bắt buộc. Năm báo cáo, số nguyên từ {years.first} đến {years.last}.",
        ),
        ("category", FIXED_COLUMNS["category"][1], "Bắt buộc. Chọn trong danh sách."),
        ("level", FIXED_COLUMNS["level"][1], f"Bắt buộc với: {leveled}. Chọn trong danh sách."),
        ("district", FIXED_COLUMNS["district"][1], "Huyện, thành phố nơi đơn vị đặt trụ sở."),
        *flags,
        (
            "learning_visits",
            FIXED_COLUMNS["learning_visits"][1],
            "Số lượt người đến học tập, nghiên cứu trong năm: số nguyên, không âm "
            "(mục 2.1.3 với thư viện, mục 2.2 với bảo tàng).",
        ),
        (
            "reporting_unit",
            FIXED_COLUMNS["reporting_unit"][1],
            "Đơn vị gửi báo cáo (UBND huyện, thành phố hoặc sở, ngành). Chọn trong danh sách.",
        ),
    ]


def write_template(
    path: Path, plan: Plan, year: int | None = None, district: str | None = None
) -> None:
    """Write the form to ``path`` (atomically)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = _columns(plan)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    lists = workbook.create_sheet(LISTS)
    guide = workbook.create_sheet(GUIDE, 0)

    districts = [u.name for u in plan.units if u.kind == "district"]
    if district:
        districts = [district]
    choices = {
        "category": [c.label.vi for c in plan.categories],
        "level": [lv.label.vi for lv in plan.levels],
        "district": districts,
        "reporting_unit": [u.name for u in plan.units] if not district else [district],
        "flag": [YES, NO],
    }
    ranges: dict[str, str] = {}
    for column, (name, values) in enumerate(choices.items(), 1):
        letter = get_column_letter(column)
        lists.cell(row=1, column=column, value=name)
        for row, value in enumerate(values, 2):
            cell = lists.cell(row=row, column=column, value=value)
            cell.data_type = "s"
        ranges[name] = f"'{LISTS}'!${letter}$2:${letter}${len(values) + 1}"
    lists.sheet_state = "hidden"

    head_fill = PatternFill("solid", fgColor="DDEBF7")
    flag_codes = {flag.code for flag in plan.flags}
    first, last = 2, ROWS + 1
    for number, (field, header, help_text) in enumerate(columns, 1):
        letter = get_column_letter(number)
        cell = sheet.cell(row=1, column=number, value=header)
        cell.font = Font(bold=True)
        cell.fill = head_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.protection = Protection(locked=True)
        sheet.column_dimensions[letter].width = 40 if field == "name" else 18
        area = f"{letter}{first}:{letter}{last}"
        rule: DataValidation | None = None
        if field in ("category", "level", "district", "reporting_unit"):
            rule = DataValidation(type="list", formula1=f"={ranges[field]}", allow_blank=True)
        elif field in flag_codes:
            rule = DataValidation(type="list", formula1=f"={ranges['flag']}", allow_blank=True)
        elif field == "year":
            low, high = (
                (year, year)
                if year
                else (plan.plan.reporting_years.first, plan.plan.reporting_years.last)
            )
            rule = DataValidation(
                type="whole", operator="between", formula1=str(low), formula2=str(high),
                allow_blank=True,
            )  # fmt: skip
        elif field == "learning_visits":
            rule = DataValidation(
                type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True
            )
        if rule is not None:
            rule.error = help_text
            rule.errorTitle = header
            rule.prompt = help_text
            rule.promptTitle = header
            rule.showErrorMessage = True
            rule.showInputMessage = True
            sheet.add_data_validation(rule)
            rule.add(area)
        for row in range(first, last + 1):
            sheet.cell(row=row, column=number).protection = Protection(locked=False)
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 45
    sheet.protection.sheet = True  # the header is locked; the data rows are not
    sheet.protection.autoFilter = False
    sheet.protection.sort = False
    sheet.protection.formatColumns = False
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"

    info = plan.plan
    guide.column_dimensions["A"].width = 32
    guide.column_dimensions["B"].width = 110
    lines = [
        (f"BIỂU BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ {info.number}", ""),
        (info.title.vi, ""),
        (
            "Hạn gửi",
            f"Trước ngày {info.report_deadline.day:02d}/{info.report_deadline.month:02d}"
            + (f"/{year}" if year else " hằng năm")
            + " (gửi Sở Văn hóa, Thể thao và Du lịch).",
        ),
        ("Cách điền", f"Mỗi dòng của trang '{SHEET}' là một đơn vị trong một năm."),
        ("", ""),
        ("Cột", "Nội dung"),
        *((header, help_text) for _, header, help_text in columns),
    ]
    for row, (left, right) in enumerate(lines, 1):
        guide.cell(row=row, column=1, value=left).data_type = "s"
        guide.cell(row=row, column=2, value=right).data_type = "s"
        guide.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
        if row in (1, 6):
            guide.cell(row=row, column=1).font = Font(bold=True)
            guide.cell(row=row, column=2).font = Font(bold=True)
    workbook.active = workbook.index(sheet)
    save_atomic(path, workbook.save)
