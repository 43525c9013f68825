"""Every word the tool shows a person, in Vietnamese and in English: one list, keyed.

The terminal, Markdown, the report workbook, the correction workbook and the submission
form all take their words from here (the plan's own words, its labels, come from the
targets file). A key missing from one language fails a test
(``tests/test_words.py``), as does a placeholder that one language has and the other not.
Sentences are templates (``{n} of {total}``); numbers, years and names are data.
"""

from __future__ import annotations

from enum import StrEnum


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
    "milestone_year": "Mốc",
    "achieved_total": "Đạt / Tổng",
    "targets_for": "mục tiêu đến",
    "by_district": "theo huyện",
    "whole_province": "Toàn tỉnh",
    "problems": "Lỗi dữ liệu",
    # Statuses.
    "status_met": "đạt",
    "status_on_track": "đúng lộ trình",
    "status_behind": "chậm",
    "status_no_data": "không có dữ liệu",
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
    "sheet_districts": "Theo huyện",
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
    "col_district": "Huyện",
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
    "form_deadline_text": "Trước ngày {day}/{month}{year} (gửi Sở Văn hóa, Thể thao và Du lịch).",
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
    "form_district": "Huyện, thành phố nơi đơn vị đặt trụ sở.",
    "form_flag": "{yes} / {no}; để trống nếu chưa có thông tin. Dùng cho {sections} ({wording}).",
    "form_flag_use": "mục {section}: {label}",
    "form_visits": (
        "Số lượt người đến học tập, nghiên cứu trong năm: số nguyên, không âm ({wording})."
    ),
    "form_reporting_unit": (
        "Đơn vị gửi báo cáo (UBND huyện, thành phố hoặc sở, ngành). Chọn trong danh sách."
    ),
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
    "milestone_year": "Milestone",
    "achieved_total": "Achieved / total",
    "targets_for": "targets for",
    "by_district": "by district",
    "whole_province": "Province",
    "problems": "Data problems",
    "status_met": "met",
    "status_on_track": "on track",
    "status_behind": "behind",
    "status_no_data": "no data",
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
    "sheet_districts": "By district",
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
    "col_district": "District",
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
    "form_deadline_text": (
        "Before {day}/{month}{year} (to the Department of Culture, Sports and Tourism)."
    ),
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
    "form_district": "The district or city where the institution is.",
    "form_flag": "{yes} / {no}; leave blank if not known. Used for {sections} ({wording}).",
    "form_flag_use": "section {section}: {label}",
    "form_visits": (
        "Visits of people who came to learn or study during the year: a whole number, "
        "0 or more ({wording})."
    ),
    "form_reporting_unit": (
        "The unit that sends the report (district People's Committee, or department). "
        "Choose from the list."
    ),
}

WORDS: dict[Lang, dict[str, str]] = {Lang.VI: VI, Lang.EN: EN}


def word(lang: Lang, name: str) -> str:
    """The word or template ``name`` in ``lang``."""
    return WORDS[lang][name]
