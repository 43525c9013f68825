"""Every word the tool shows a person, in Vietnamese and in English: one list, keyed.

The terminal, Markdown, the report workbook, the correction workbook and the submission
form all take their words from here (the plan's own words, its labels, come from the
targets file). A key missing from one language fails a test
(``tests/test_words.py``), as does a placeholder that one language has and the other not.
Sentences are templates (``{n} of {total}``); numbers, years and names are data.
"""

from __future__ import annotations

import string
from enum import StrEnum
from typing import Any


class Lang(StrEnum):
    VI = "vi"
    EN = "en"


VI: dict[str, str] = {
    # Table columns and headings.
    "section": "Mục",
    "indicator": "Chỉ tiêu",
    "milestone": "Đến",
    "target": "Mục tiêu",
    "actual": "Thực hiện",
    "gap": "Còn thiếu",
    "detail": "Đơn vị / lượt",
    "count": "Số",
    "needed": "Cần thêm",
    "status": "Đánh giá",
    "year": "Năm",
    "path": "Lộ trình",
    "pace": "Tốc độ",
    "reach": "Theo tốc độ này",
    "population": "Đối tượng",
    "notes": "Ghi chú",
    "milestone_year": "Mốc",
    "achieved_total": "Đạt / Tổng",
    "targets_for": "mục tiêu đến",
    "problems": "Lỗi dữ liệu",
    # Statuses.
    "status_met": "đạt",
    "status_on_track": "đúng lộ trình",
    "status_behind": "chậm",
    "status_no_data": "không có dữ liệu",
    # Notes: how a figure was computed, where the data forced a choice.
    "path_from_latest": (
        "không có số liệu năm {start}: lộ trình tính từ năm {year}, năm gần nhất trước đó "
        "có số liệu"
    ),
    "path_from_earliest": (
        "không có số liệu năm {start}: lộ trình tính từ năm {year}, năm sớm nhất có số liệu"
    ),
    "path_from_target": "không có số liệu năm {start}: lộ trình tính từ mục tiêu năm {start}",
    "path_from_zero": (
        "không có số liệu năm {start} hay năm nào trước năm {year}: lộ trình tính từ 0 năm {start}"
    ),
    "before_baseline": "năm {year} ở trước năm gốc {start} của kế hoạch",
    "growth_from_latest": (
        "không có số liệu năm {start}: mức tăng tính từ năm {year}, năm gần nhất trước đó "
        "có số liệu"
    ),
    "growth_from_earliest": (
        "không có số liệu năm {start}: mức tăng tính từ năm {year}, năm sớm nhất có số liệu"
    ),
    "growth_from_target": "không có số liệu năm {start}: mức tăng tính từ mục tiêu năm {start}",
    "growth_no_base": "không có năm nào trước năm {year} để tính mức tăng",
    "growth_no_total": "năm {year} không có số {unit} nào được báo cáo",
    "growth_zero_base": "tổng năm {year} bằng 0: không tính được mức tăng từ 0",
    "growth_merger_base": (
        "năm {base} không có số {unit} của {missing} ({level}), nên tổng năm {base} chỉ gồm "
        "{present}; so sánh cùng đơn vị tính trên {n:n} đơn vị có số liệu cả hai năm"
    ),
    "not_applicable": "không áp dụng năm {year}",
    "not_applicable_reason": "không áp dụng năm {year}: {reason}",
    "reach_no_data": "không có dữ liệu",
    "reach_reached": "đã đạt",
    "reach_no_pace": "chưa tính được tốc độ (mới có một năm)",
    "reach_never": "không đạt (không tiến triển)",
    "reach_in": "năm {year}",
    "reach_not_by": "chưa đạt đến năm {final}",
    "reach_projected": "{total:n} năm {final}",
    "reach_not_applicable": "không áp dụng",
    "status_not_applicable": "không áp dụng",
    "unverified": "* chưa đối chiếu được với văn bản gốc: {source}",
    "by_place": "theo {level}",
    "sheet_places": "Theo {level}",
    "unknown_place": "(không rõ {level})",
    "units_of_kind": "{label} {sent}/{expected}",
    # Phrases.
    "units_sent": (
        "Đơn vị báo cáo: {sent}/{total} đã gửi số liệu năm {year} (hạn: trước {deadline})"
    ),
    "units_missing": "chưa gửi",
    "blank_flags": "{n}/{total} đơn vị để trống, tính là chưa đạt",
    "per_year": "/năm",
    "not_reported": "không báo cáo",
    "yoy": "so với năm trước",
    "like_for_like": "cùng đơn vị",
    "visits": "lượt",
    "institutions": "đơn vị",
    "errors": "lỗi",
    "warnings": "cảnh báo",
    "rows": "dòng",
    "used": "dùng",
    "not_valid": "DỮ LIỆU CHƯA HỢP LỆ: các dòng có lỗi không được tính vào số liệu dưới đây",
    "no_indicators": "Không tính được chỉ tiêu nào: không có dòng dữ liệu hợp lệ.",
    "yes": "Có",
    "no": "Không",
    # The report workbook.
    "sheet_summary": "Tổng hợp",
    "sheet_institutions": "Danh sách đơn vị",
    "sheet_progress": "Tiến độ",
    "sheet_problems": "Lỗi dữ liệu",
    "report_year": "Năm báo cáo",
    "plan": "Kế hoạch",
    "valid": "Dữ liệu hợp lệ",
    "invalid": "Dữ liệu có lỗi: các dòng lỗi không được tính",
    "coverage_chart": "Tỷ lệ thực hiện so với mục tiêu",
    "visits_chart": "Lượt phục vụ học tập theo năm",
    "path_rate": "Tăng {rate} mỗi năm",
    "col_id": "Mã đơn vị",
    "col_name": "Tên đơn vị",
    "col_category": "Loại hình",
    "col_level": "Cấp",
    "col_visits": "Lượt phục vụ học tập",
    # A problem's fields (the report's and the correction workbook's problem sheets).
    "severity": "Mức độ",
    "code": "Mã lỗi",
    "file": "Tệp",
    "sheet": "Trang tính",
    "row": "Dòng",
    "column": "Cột",
    "cell": "Ô",
    "value": "Giá trị",
    "message": "Nội dung",
    "problem_list": "Danh sách lỗi",
    # The submission form.
    "form_sheet_lists": "Danh mục",
    "form_sheet_guide": "Hướng dẫn",
    "form_title": "BIỂU BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ {number}",
    "form_deadline": "Hạn gửi",
    "form_deadline_text": "Trước ngày {day}/{month}{year} (gửi {recipient}).",
    "form_place": "{level} nơi đơn vị đặt trụ sở. Chọn trong danh sách.",
    "form_every_year": " hằng năm",
    "form_how": "Cách điền",
    "form_how_text": "Mỗi dòng của trang '{sheet}' là một đơn vị trong một năm.",
    "form_column": "Cột",
    "form_content": "Nội dung",
    "form_id": "Bắt buộc. Mã riêng của đơn vị, giữ nguyên qua các năm.",
    "form_name": "Bắt buộc. Tên đầy đủ của thư viện, bảo tàng, trung tâm.",
    "form_year": "Bắt buộc. Năm báo cáo, số nguyên từ {first} đến {last}.",
    "form_category": "Bắt buộc. Chọn trong danh sách.",
    "form_level": "Bắt buộc với: {categories}. Chọn trong danh sách.",
    "form_flag": "{yes} / {no}; để trống nếu chưa có thông tin. Dùng cho {sections} ({wording}).",
    "form_flag_use": "mục {section}: {label}",
    "form_visits": (
        "Số lượt người đến học tập, nghiên cứu trong năm: số nguyên, không âm ({wording})."
    ),
    "form_reporting_unit": "Đơn vị gửi báo cáo ({kinds}). Chọn trong danh sách.",
}

EN: dict[str, str] = {
    "section": "§",
    "indicator": "Indicator",
    "milestone": "By",
    "target": "Target",
    "actual": "Actual",
    "gap": "Gap",
    "detail": "Institutions / visits",
    "count": "Count",
    "needed": "Needed",
    "status": "Status",
    "year": "Year",
    "path": "Path",
    "pace": "Pace",
    "reach": "At this pace: target",
    "population": "Population",
    "notes": "Notes",
    "milestone_year": "Milestone",
    "achieved_total": "Achieved / total",
    "targets_for": "targets for",
    "problems": "Data problems",
    "status_met": "met",
    "status_on_track": "on track",
    "status_behind": "behind",
    "status_no_data": "no data",
    "path_from_latest": (
        "no data for {start}: the path starts from {year}, the latest earlier year in the data"
    ),
    "path_from_earliest": (
        "no data for {start}: the path starts from {year}, the earliest year in the data"
    ),
    "path_from_target": "no data for {start}: the path starts from the target for {start}",
    "path_from_zero": (
        "no data for {start} or any year before {year}: the path is drawn from 0 in {start}"
    ),
    "before_baseline": "{year} is before the plan's baseline year {start}",
    "growth_from_latest": (
        "no data for {start}: growth is measured from {year}, the latest earlier year in the data"
    ),
    "growth_from_earliest": (
        "no data for {start}: growth is measured from {year}, the earliest year in the data"
    ),
    "growth_from_target": "no data for {start}: growth is measured from the target for {start}",
    "growth_no_base": "no earlier year than {year} to measure growth from",
    "growth_no_total": "no {unit} reported for {year}",
    "growth_zero_base": "the {year} total is 0: growth from zero has no rate",
    "growth_merger_base": (
        "no {unit} from {missing} ({level}) in {base}, so the {base} total counts {present} "
        "only; like for like compares the {n:n} institutions that reported in both years"
    ),
    "not_applicable": "not applicable in {year}",
    "not_applicable_reason": "not applicable in {year}: {reason}",
    "reach_no_data": "no data",
    "reach_reached": "reached",
    "reach_no_pace": "no pace yet (one year)",
    "reach_never": "never (no progress)",
    "reach_in": "in {year}",
    "reach_not_by": "not by {final}",
    "reach_projected": "{total:n} in {final}",
    "reach_not_applicable": "not applicable",
    "status_not_applicable": "not applicable",
    "unverified": "* not confirmed against the source's own text: {source}",
    "by_place": "by {level}",
    "sheet_places": "By {level}",
    "unknown_place": "(no {level})",
    "units_of_kind": "{label} {sent}/{expected}",
    "units_sent": "Reporting units: {sent} of {total} sent data for {year} (due before {deadline})",
    "units_missing": "not yet",
    "blank_flags": "{n} of {total} left blank, counted as not achieved",
    "per_year": "/yr",
    "not_reported": "not reported",
    "yoy": "year on year",
    "like_for_like": "like for like",
    "visits": "visits",
    "institutions": "institutions",
    "errors": "errors",
    "warnings": "warnings",
    "rows": "rows",
    "used": "used",
    "not_valid": "NOT VALID: rows with errors are left out of the figures below",
    "no_indicators": "No indicator could be computed: no valid institution rows.",
    "yes": "Yes",
    "no": "No",
    "sheet_summary": "Summary",
    "sheet_institutions": "Institutions",
    "sheet_progress": "Progress",
    "sheet_problems": "Data problems",
    "report_year": "Reporting year",
    "plan": "Plan",
    "valid": "Data valid",
    "invalid": "Data has errors: rows with errors are not counted",
    "coverage_chart": "Coverage against target",
    "visits_chart": "Learning visits per year",
    "path_rate": "{rate} a year",
    "col_id": "Id",
    "col_name": "Name",
    "col_category": "Category",
    "col_level": "Level",
    "col_visits": "Learning visits",
    "severity": "Severity",
    "code": "Code",
    "file": "File",
    "sheet": "Sheet",
    "row": "Row",
    "column": "Column",
    "cell": "Cell",
    "value": "Value",
    "message": "Message",
    "problem_list": "Problems",
    "form_sheet_lists": "Lists",
    "form_sheet_guide": "Instructions",
    "form_title": "REPORT ON THE IMPLEMENTATION OF PLAN NO. {number}",
    "form_deadline": "Due",
    "form_deadline_text": "Before {day}/{month}{year} (to: {recipient}).",
    "form_place": "The {level} where the institution is. Choose from the list.",
    "form_every_year": " every year",
    "form_how": "How to fill in",
    "form_how_text": "Each row of the sheet '{sheet}' is one institution in one year.",
    "form_column": "Column",
    "form_content": "What to enter",
    "form_id": "Required. The institution's own code, the same every year.",
    "form_name": "Required. The full name of the library, museum or centre.",
    "form_year": "Required. The reporting year, a whole number from {first} to {last}.",
    "form_category": "Required. Choose from the list.",
    "form_level": "Required for: {categories}. Choose from the list.",
    "form_flag": "{yes} / {no}; leave blank if not known. Used for {sections} ({wording}).",
    "form_flag_use": "section {section}: {label}",
    "form_visits": (
        "Visits of people who came to learn or study during the year: a whole number, "
        "0 or more ({wording})."
    ),
    "form_reporting_unit": "The unit that sends the report ({kinds}). Choose from the list.",
}

WORDS: dict[Lang, dict[str, str]] = {Lang.VI: VI, Lang.EN: EN}


def word(lang: Lang, name: str) -> str:
    """The word or template ``name`` in ``lang``."""
    return WORDS[lang][name]


def number(value: int | float, lang: Lang) -> str:
    """A count the way each language writes it: 1.824.467 (vi), 1,824,467 (en)."""
    text = f"{value:,.0f}"
    return text.replace(",", ".") if lang is Lang.VI else text


def percent(value: float | None, lang: Lang, signed: bool = False) -> str:
    """A fraction as a percentage, one decimal when it has one: 0.857 -> 85,7% (vi),
    85.7% (en); 0.7 -> 70%; None -> "–". ``signed``: always with its sign (+10.9%)."""
    if value is None:
        return "–"
    text = f"{value * 100:+.1f}" if signed else f"{value * 100:.1f}".removesuffix(".0")
    return (text.replace(".", ",") if lang is Lang.VI else text) + "%"


class _Formatter(string.Formatter):
    """Template values in a language's formats: ``{total:n}`` a count, ``{rate:p}`` a
    percentage, ``{rate:+p}`` one with its sign; anything else as Python formats it."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "n" and isinstance(value, int | float):
            return number(value, self.lang)
        if format_spec in ("p", "+p") and isinstance(value, int | float):
            return percent(value, self.lang, signed=format_spec == "+p")
        text: str = super().format_field(value, format_spec)
        return text


def say(lang: Lang, name: str, **values: Any) -> str:
    """The template ``name`` in ``lang``, filled with ``values`` in that language's
    formats."""
    text: str = _Formatter(lang).format(WORDS[lang][name], **values)
    return text
