"""Validation: every problem found, placed by file, sheet, row, column and value."""

from __future__ import annotations

import unicodedata

import pandas as pd

from ltl_plan.plan import Plan
from ltl_plan.problems import CATALOG, Severity
from ltl_plan.validate import Dataset

from conftest import HEADERS, make_dataset, raw_table, row, validate


def flat(data: Dataset) -> list[tuple[int | None, str | None, str, str | None]]:
    return [(p.row, p.cell, p.code, p.value) for p in data.problems]


def test_clean_rows_become_records(plan: Plan) -> None:
    data = make_dataset(
        plan,
        [
            row("P1", 2024, "Thư viện công cộng", "Tỉnh", ll="Có", digital="x", visits=1200),
            row("M1", 2024.0, "bao tang", edu="TRUE", visits="350"),
            row("C1", 2024, "Trung tâm văn hóa", "huyện", creative=True, activities="không"),
        ],
    )
    assert len(data.problems) == 0
    records = data.records
    assert records["category"].tolist() == ["public_library", "museum", "cultural_center"]
    assert [None if pd.isna(v) else v for v in records["level"]] == ["province", None, "district"]
    assert records["year"].tolist() == [2024, 2024, 2024]
    assert records["lifelong_learning"].tolist()[0] is True
    assert records["education_program"].tolist()[1] is True
    assert records["creative_support"].tolist()[2] is True
    assert records["learning_activities"].tolist()[2] is False
    assert records["learning_visits"].tolist()[:2] == [1200, 350]
    assert records["row"].tolist() == [2, 3, 4]


def test_each_error_is_placed_and_the_row_left_out(plan: Plan) -> None:
    rows = [
        row("A", 2024, "Thư viện tư nhân"),  # row 2: unknown category
        row("B", 2024, "Thư viện công cộng", "", ll="có", digital="có"),  # 3: level missing
        row("C", 2024, "Thư viện công cộng", "thôn", ll="có", digital="có"),  # 4: unknown level
        row("D", 2042, "Bảo tàng", edu="có"),  # 5: year out of range
        row("E", "20x4", "Bảo tàng", edu="có"),  # 6: not a year
        row("F", 2024, "Bảo tàng", edu="có", visits=-15),  # 7: negative
        row("G", 2024, "Bảo tàng", edu="có", visits="khoảng 300"),  # 8: not a number
        row("H", 2024, "Bảo tàng", edu="có", visits=12.5),  # 9: fraction
        row("I", 2024, "Bảo tàng", edu="Có lẽ"),  # 10: not yes/no
        ["", "Nameless", 2024, "Bảo tàng", "", "", "", "", "có"],  # 11: id missing
        row("K", 2024, "Thư viện đại học", "xã", ll="có", digital="có"),  # 12: level ignored
    ]
    data = make_dataset(plan, rows)
    errors = [(p.row, p.cell, p.code, p.value) for p in data.problems if p.severity == "error"]
    assert errors == [
        (2, "D2", "unknown-category", "Thư viện tư nhân"),
        (3, "E3", "missing-value", ""),
        (4, "E4", "unknown-level", "thôn"),
        (5, "C5", "year-out-of-range", "2042"),
        (6, "C6", "invalid-year", "20x4"),
        (7, "L7", "negative-number", "-15"),
        (8, "L8", "invalid-number", "khoảng 300"),
        (9, "L9", "not-whole-number", "12.5"),
        (10, "I10", "invalid-flag", "Có lẽ"),
        (11, "A11", "missing-value", ""),
    ]
    warnings = [(p.row, p.code) for p in data.problems if p.severity == "warning"]
    assert (12, "level-not-applicable") in warnings
    assert data.records["id"].tolist() == ["K"]
    assert all(p.file == "test.xlsx" and p.sheet == "institutions" for p in data.problems)
    problem = next(iter(data.problems))
    assert (problem.file, problem.sheet, problem.row, problem.column, problem.cell) == (
        "test.xlsx",
        "institutions",
        2,
        "category",
        "D2",
    )
    assert "public_library" in problem.message.say("en")
    assert "Thư viện công cộng" in problem.message.say("vi")


def test_warnings_keep_the_row(plan: Plan) -> None:
    rows = [
        row("M1", 2024, "Bảo tàng", ll="có", edu="có", visits=10),  # ll does not apply
        row("X1", 2024, "Thư viện công cộng", "xã", ll="có", digital="", visits=""),
        row("N1", 2024, "Trung tâm văn hóa", "xã", creative="có"),  # commune centres: no 2.3
    ]
    data = make_dataset(plan, rows)
    assert flat(data) == [
        (2, "G2", "flag-not-applicable", "có"),
        (3, "H3", "flag-blank", ""),
        (3, "L3", "visits-blank", ""),
        (4, "J4", "flag-not-applicable", "có"),
    ]
    assert {p.severity for p in data.problems} == {Severity.WARNING}
    assert data.records["id"].tolist() == ["M1", "X1", "N1"]
    assert data.records["lifelong_learning"].isna().tolist() == [True, False, True]


def test_duplicates_within_and_across_files(plan: Plan) -> None:
    first = raw_table(
        [
            row("A", 2024, "Bảo tàng", edu="có", visits=1),
            row("A", 2023, "Bảo tàng", edu="có", visits=1),
            row("A", 2024, "Bảo tàng", edu="không", visits=1),
        ],
        file="one.xlsx",
    )
    second = raw_table([row("A", 2023, "Bảo tàng", edu="có", visits=1)], file="two.xlsx")
    data = validate([("one.xlsx", [first]), ("two.xlsx", [second])], plan)
    assert [(p.file, p.row, p.code) for p in data.problems] == [
        ("one.xlsx", 4, "duplicate-id"),
        ("two.xlsx", 2, "duplicate-id"),
    ]
    in_one, in_two = data.problems
    assert in_one.message.say("en") == "already listed for 2024 on row 2"
    assert in_two.message.say("en") == "already listed for 2023 on row 3 of one.xlsx"
    assert in_two.message.say("vi") == "đã có cho năm 2023 ở dòng 3 của tệp one.xlsx"
    assert len(data.records) == 2


def test_missing_required_columns_are_listed_once(plan: Plan) -> None:
    table = raw_table([["A", "x"]], headers=("id", "Ghi chú"))
    data = validate([("f.xlsx", [table])], plan)
    assert [(p.code, p.column, p.row) for p in data.problems] == [
        ("missing-column", "name", None),
        ("missing-column", "year", None),
        ("missing-column", "category", None),
    ]
    assert data.records.empty


def test_absent_optional_column_is_one_warning(plan: Plan) -> None:
    headers = ("Mã đơn vị", "Tên đơn vị", "Năm", "Loại hình", "Chương trình giáo dục")
    table = raw_table([["M1", "Bảo tàng tỉnh", 2024, "Bảo tàng", "Có"]], headers=headers)
    data = validate([("f.xlsx", [table])], plan)
    assert [(p.code, p.column) for p in data.problems] == [
        ("optional-column-missing", "Lượt phục vụ học tập")  # the header a form gives it
    ]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_vietnamese_and_nfd_headers_and_values(plan: Plan) -> None:
    headers = [
        nfd(h)
        for h in (
            "Mã đơn vị",
            "TÊN ĐƠN VỊ",
            "năm",
            "Loại hình",
            "Cấp",
            "Dịch vụ học tập suốt đời",
            "Ứng dụng CNTT, chuyển đổi số",
        )
    ]
    table = raw_table(
        [
            [
                "P1",
                "Thư viện tỉnh",
                2024,
                nfd("Thư viện công cộng"),
                nfd("Tỉnh"),
                nfd("Có"),
                nfd("Không"),
            ]
        ],
        headers=headers,
    )
    data = validate([("f.xlsx", [table])], plan)
    assert [p.code for p in data.problems] == ["optional-column-missing"]
    assert data.records[["category", "level"]].values.tolist() == [["public_library", "province"]]
    assert data.records["lifelong_learning"].tolist() == [True]
    assert data.records["digital"].tolist() == [False]


def test_blank_rows_are_skipped_and_a_header_only_table_is_reported(plan: Plan) -> None:
    data = make_dataset(plan, [["", "", ""], row("M", 2024, "Bảo tàng", edu="có", visits=1)])
    assert len(data.problems) == 0 and data.records["row"].tolist() == [3]
    empty = make_dataset(plan, [])
    assert [p.code for p in empty.problems] == ["no-rows"]


def test_every_problem_code_is_catalogued_with_a_severity() -> None:
    assert all(severity in Severity for severity, _ in CATALOG.values())
    assert len(HEADERS) == 12


def test_many_duplicates_are_each_reported_once(plan: Plan) -> None:
    rows = [row(f"I{i % 50}", 2024, "Bảo tàng", edu="có", visits=1) for i in range(500)]
    data = make_dataset(plan, rows)
    assert [p.code for p in data.problems] == ["duplicate-id"] * 450
    assert next(iter(data.problems)).message.say("en") == "already listed for 2024 on row 2"
    (found,) = data.problems.groups  # one group of 450 cells, not 450 records
    assert found.count == 450 and len(found.rows) == 450
    assert len(data.records) == 50


def test_an_id_typed_with_spaces_is_the_same_id_in_one_table_and_across_tables(
    plan: Plan,
) -> None:
    rows = [row("A", 2024, "Bảo tàng"), row(" A ", 2024, "Bảo tàng"), row("A", 2023, "Bảo tàng")]
    alone = validate([("one.xlsx", [raw_table(rows, file="one.xlsx")])], plan)
    assert [(p.row, p.code, p.value) for p in alone.problems if p.code == "duplicate-id"] == [
        (3, "duplicate-id", "A")
    ]
    split = validate(
        [
            ("one.xlsx", [raw_table(rows[:1], file="one.xlsx")]),
            ("two.xlsx", [raw_table(rows[1:], file="two.xlsx")]),
        ],
        plan,
    )
    assert [(p.file, p.row) for p in split.problems if p.code == "duplicate-id"] == [
        ("two.xlsx", 2)
    ]
    assert len(alone.records) == len(split.records) == 2
