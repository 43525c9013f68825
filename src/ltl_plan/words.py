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
    "achieved": "Số đạt",
    "chart_sheet": "Biểu đồ {n}",
    "total": "Tổng số",
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
        "{present}; mức tăng được đánh giá trên {n:n} đơn vị có số liệu cả hai năm (cùng đơn "
        "vị)"
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
    "points": "điểm %",
    "not_reported": "không báo cáo",
    "yoy": "so với năm trước",
    "like_for_like": "cùng đơn vị",
    "visits": "lượt",
    "institutions": "đơn vị",
    "summary": (
        "{files:n} tệp, {rows:n} dòng, dùng {used:n} dòng; {errors:n} lỗi, {warnings:n} cảnh báo"
    ),
    "source_none": "{file}: không tìm thấy bảng số liệu",
    "source_table": "{file}: {where}dòng tiêu đề {header}, {rows:n} dòng, dùng {used:n} dòng",
    "source_sheet": "trang “{sheet}”, ",
    "source_year": " (năm {year} lấy từ tiêu đề cột)",
    "source_skipped": "; bỏ qua {n:n} dòng tiêu đề phụ, tổng cộng hoặc chữ ký",
    "skipped_output": "{file}: bỏ qua, đây là bảng tính do ltl-plan viết ({kind})",
    "output_report": "báo cáo",
    "output_corrections": "bảng sửa lỗi",
    "severity_error": "lỗi",
    "severity_warning": "cảnh báo",
    "cells_in_column": "{cells} ở cột {column}",
    "cells_more_in_column": "{cells} và {more:n} ô khác ở cột {column}",
    "in_column": "cột {column}",
    "blank_value": "(trống)",
    "more_problems": (
        "… và {n:n} nhóm lỗi, cảnh báo khác ({more:n} ô); --max-problems 0 để xem tất cả"
    ),
    "where": "Vị trí",
    "go_to": "Đến ô",
    "by_code": "theo loại: {counts}",
    "institutions_counted": "({n:n} đơn vị)",
    "plans_title": "Các kế hoạch có sẵn trong ltl-plan (--plan ID)",
    "plans_id": "ID",
    "plans_area": "Địa bàn",
    "plans_for": "Nội dung",
    "plans_sources": "Nguồn số liệu",
    "plans_default": "(mặc định)",
    "plans_unverified": "({n:n} mục tiêu chưa đối chiếu được với văn bản *)",
    "more_kinds": "… và {n:n} nhóm lỗi, cảnh báo khác ({more:n} ô)",
    "behind_list": "chỉ tiêu chậm so với lộ trình: {sections}",
    "wrote": "đã ghi {file}",
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
    "invalid": (
        "DỮ LIỆU CÓ LỖI: các dòng có lỗi không được tính vào số liệu; xem trang “Lỗi dữ liệu”"
    ),
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
    # Problems in the data, one sentence a kind (key problem_<code>, or a variant):
    # what is wrong, what was expected, how to fix it.
    "problem_no-table": (
        "không trang tính nào có dòng tiêu đề gồm các cột bắt buộc {columns}; hãy dùng "
        "biểu mẫu (lệnh ltl-plan template) hoặc đặt tên cột như vậy"
    ),
    "problem_no-rows": "bảng có dòng tiêu đề nhưng không có dòng đơn vị nào; hãy điền số liệu",
    "problem_missing-column": (
        "thiếu cột bắt buộc (tên cột được chấp nhận: {accepted}); hãy thêm cột này"
    ),
    "problem_missing-column_level": (
        "thiếu cột cấp (cột “Cấp”), bắt buộc với {categories}; hãy thêm cột này"
    ),
    "problem_duplicate-column": (
        "hai cột “{first}” và “{header}” cùng một nội dung; chỉ cột đầu được dùng, hãy xóa "
        "hoặc đổi tên cột thừa"
    ),
    "problem_missing-value": "ô bắt buộc bị bỏ trống; hãy điền",
    "problem_missing-value_level": "loại hình này phải ghi cấp; ô đang trống, hãy chọn cấp",
    "problem_invalid-year": "không phải là năm; hãy ghi năm bằng số, ví dụ {example}",
    "problem_year-out-of-range": (
        "năm nằm ngoài các năm báo cáo của kế hoạch ({first}–{last}); hãy sửa lại năm"
    ),
    "problem_year-out-of-range_headers": (
        "năm {year} trong tiêu đề cột nằm ngoài các năm báo cáo của kế hoạch "
        "({first}–{last}); các cột của năm này không được tính"
    ),
    "problem_unknown-category": (
        "không phải là loại hình của kế hoạch; hãy chọn một trong: {expected}"
    ),
    "problem_unknown-level": "không phải là cấp của kế hoạch; hãy chọn một trong: {expected}",
    "problem_level-not-allowed": (
        "loại hình này không có cấp này trong kế hoạch; hãy kiểm tra loại hình và cấp"
    ),
    "problem_level-ended": "{name} chỉ có {span}, không có trong năm của dòng này{why}",
    "problem_category-ended": "{name} chỉ có {span}, không có trong năm của dòng này{why}",
    "problem_level-conflict": (
        "cấp không khớp với cấp ghi trong tên loại hình (“Thư viện … cấp …”); hãy sửa một "
        "trong hai ô"
    ),
    "problem_formula-error": (
        "công thức trong ô cho kết quả lỗi nên không đọc được giá trị; hãy sửa công thức "
        "hoặc ghi thẳng số liệu"
    ),
    "problem_formula-no-value": (
        "ô có công thức nhưng tệp không lưu kết quả; hãy mở tệp bằng Excel, lưu lại rồi gửi"
    ),
    "problem_invalid-flag": (
        "không phải câu trả lời có/không; hãy ghi “Có” hoặc “Không” (hoặc x, 1/0), để trống "
        "nếu chưa có thông tin"
    ),
    "problem_invalid-number": "không phải là số {what}; hãy ghi số nguyên từ 0 trở lên",
    "problem_negative-number": "số âm; số {what} phải từ 0 trở lên",
    "problem_not-whole-number": "không phải số nguyên; số {what} phải là số nguyên",
    "problem_number-too-large": ("lớn hơn mọi số {what} có thật (quá {most:n}); hãy kiểm tra lại"),
    "problem_duplicate-id": (
        "mã đơn vị đã có ở dòng khác trong cùng năm; dòng này không được tính, hãy xóa dòng "
        "trùng hoặc sửa mã"
    ),
    "duplicate_id_at": "đã có cho năm {year} ở dòng {row}",
    "duplicate_id_in": "đã có cho năm {year} ở dòng {row} của tệp {file}",
    "problem_optional-column-missing": (
        "thiếu cột này: {n:n} đơn vị cần cột này được tính là không báo cáo (chưa đạt)"
    ),
    "problem_optional-column-missing_measure": (
        "thiếu cột {what}: không tính được mức tăng cho {n:n} đơn vị"
    ),
    "problem_flag-not-applicable": (
        "không dùng: không chỉ tiêu nào tính cột này cho loại hình và cấp của đơn vị; có "
        "thể để trống"
    ),
    "problem_flag-blank": ("để trống: tính là không báo cáo (chưa đạt); hãy ghi “Có” hoặc “Không”"),
    "problem_visits-blank": (
        "để trống: không được tính vào mức tăng {what}; hãy ghi số (0 nếu không có)"
    ),
    "problem_level-not-applicable": (
        "không dùng: loại hình này không chia cấp trong kế hoạch; có thể để trống"
    ),
    "problem_unknown-place": (
        "không phải tên {level} có trong kế hoạch (ví dụ: {examples}); hãy kiểm tra chính tả"
    ),
    "problem_place-ended": "năm của dòng này không còn cấp {level}{why}; ô không được dùng",
    "because": " ({reason})",
    "span": "từ năm {first} đến năm {last}",
    "span_from": "từ năm {first}",
    "span_to": "đến năm {last}",
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
    "achieved": "Achieved",
    "chart_sheet": "Chart {n}",
    "total": "Total",
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
        "only; the growth is judged like for like, over the institutions that reported in "
        "both years: {n:n}"
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
    "points": "pt",
    "not_reported": "not reported",
    "yoy": "year on year",
    "like_for_like": "like for like",
    "visits": "visits",
    "institutions": "institutions",
    "summary": (
        "files: {files:n}, rows: {rows:n}, used: {used:n}; errors: {errors:n}, "
        "warnings: {warnings:n}"
    ),
    "source_none": "{file}: no institution table found",
    "source_table": "{file}: {where}header row {header}, rows: {rows:n}, used: {used:n}",
    "source_sheet": "sheet “{sheet}”, ",
    "source_year": " (year {year} from the column headers)",
    "source_skipped": "; heading, subtotal or signature rows set aside: {n:n}",
    "skipped_output": "{file}: skipped, a workbook written by ltl-plan ({kind})",
    "output_report": "a report",
    "output_corrections": "a correction workbook",
    "severity_error": "error",
    "severity_warning": "warning",
    "cells_in_column": "{cells} in column {column}",
    "cells_more_in_column": "{cells} and {more:n} more in column {column}",
    "in_column": "column {column}",
    "blank_value": "(blank)",
    "more_problems": (
        "… and more kinds of problem: {n:n} ({more:n} cells); --max-problems 0 lists them all"
    ),
    "where": "Where",
    "go_to": "Go to",
    "by_code": "by kind: {counts}",
    "institutions_counted": "(institutions: {n:n})",
    "plans_title": "Plans shipped with ltl-plan (--plan ID)",
    "plans_id": "id",
    "plans_area": "area",
    "plans_for": "for",
    "plans_sources": "sources",
    "plans_default": "(default)",
    "plans_unverified": "(targets not confirmed in their source: {n:n} *)",
    "more_kinds": "… and more kinds of problem: {n:n} ({more:n} cells)",
    "behind_list": "targets behind their path: {sections}",
    "wrote": "wrote {file}",
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
    "invalid": (
        "DATA HAS ERRORS: rows with errors are not counted in the figures; see the sheet "
        "“Data problems”"
    ),
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
    # Problems in the data, one sentence a kind (key problem_<code>, or a variant):
    # what is wrong, what was expected, how to fix it.
    "problem_no-table": (
        "no sheet has a header row with the required columns {columns}; use the form "
        "(ltl-plan template) or name the columns so"
    ),
    "problem_no-rows": "the table has a header but no institution rows; fill in the data",
    "problem_missing-column": "a required column is missing (accepted headers: {accepted}); add it",
    "problem_missing-column_level": (
        "the level column (“Cấp”) is missing; it is required for {categories}; add it"
    ),
    "problem_duplicate-column": (
        "the columns “{first}” and “{header}” mean the same; only the first is used: delete "
        "or rename the other"
    ),
    "problem_missing-value": "a required cell is empty; fill it in",
    "problem_missing-value_level": "this category needs a level; the cell is empty, choose one",
    "problem_invalid-year": "not a year; write it as a number, such as {example}",
    "problem_year-out-of-range": (
        "outside the plan's reporting years ({first}–{last}); correct the year"
    ),
    "problem_year-out-of-range_headers": (
        "the year {year} in the column headers is outside the plan's reporting years "
        "({first}–{last}); its columns are left out"
    ),
    "problem_unknown-category": "not a category of the plan; choose one of: {expected}",
    "problem_unknown-level": "not a level of the plan; choose one of: {expected}",
    "problem_level-not-allowed": (
        "this category has no such level in the plan; check the category and the level"
    ),
    "problem_level-ended": "{name} exists {span} only, not in this row's year{why}",
    "problem_category-ended": "{name} exists {span} only, not in this row's year{why}",
    "problem_level-conflict": (
        "the level differs from the one in the category's name (“Thư viện … cấp …”); "
        "correct one of the two cells"
    ),
    "problem_formula-error": (
        "the cell's formula gives an error, so its value cannot be read; fix the formula "
        "or type the figure"
    ),
    "problem_formula-no-value": (
        "the cell holds a formula whose result the file does not keep; open the file in "
        "Excel, save it and send it again"
    ),
    "problem_invalid-flag": (
        "not a yes/no answer; write “Có” or “Không” (or x, 1/0, yes/no), or leave it blank "
        "if not known"
    ),
    "problem_invalid-number": "not a number of {what}; write a whole number, 0 or more",
    "problem_negative-number": "below zero; a number of {what} is 0 or more",
    "problem_not-whole-number": "not a whole number; a number of {what} has no fraction",
    "problem_number-too-large": (
        "larger than any real number of {what} (more than {most:n}); check it"
    ),
    "problem_duplicate-id": (
        "the institution id is already listed for the same year on another row; this row is "
        "left out: delete the duplicate or correct the id"
    ),
    "duplicate_id_at": "already listed for {year} on row {row}",
    "duplicate_id_in": "already listed for {year} on row {row} of {file}",
    "problem_optional-column-missing": (
        "the column is missing: the {n:n} institutions it applies to count as not reported "
        "(not achieved)"
    ),
    "problem_optional-column-missing_measure": (
        "the column of {what} is missing: growth cannot be measured for {n:n} institutions"
    ),
    "problem_flag-not-applicable": (
        "not used: no indicator counts this column for the institution's category and "
        "level; it may be left blank"
    ),
    "problem_flag-blank": (
        "left blank: counted as not reported (not achieved); write “Có” or “Không”"
    ),
    "problem_visits-blank": (
        "left blank: not counted in the growth of {what}; write the number (0 if none)"
    ),
    "problem_level-not-applicable": (
        "not used: this category has no levels in the plan; it may be left blank"
    ),
    "problem_unknown-place": (
        "not a {level} the plan names (such as {examples}); check the spelling"
    ),
    "problem_place-ended": (
        "there is no {level} level in this row's year{why}; the cell is not used"
    ),
    "because": " ({reason})",
    "span": "from {first} to {last}",
    "span_from": "from {first}",
    "span_to": "up to {last}",
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


def say(lang: Lang, name: str, /, **values: Any) -> str:
    """The template ``name`` in ``lang``, filled with ``values`` in that language's
    formats."""
    text: str = _Formatter(lang).format(WORDS[lang][name], **values)
    return text
