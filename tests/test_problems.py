"""Problems held for people: grouped by kind and column, counted completely, listed up
to a cap, said in Vietnamese and in English."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from ltl_plan.cli import Exit, app
from ltl_plan.plan import Plan
from ltl_plan.problems import CATALOG, Severity
from ltl_plan.words import Lang, say, words

from conftest import make_dataset, row

VI, EN = words(Lang.VI), words(Lang.EN)
runner = CliRunner(env={"COLUMNS": "200"})
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_every_catalogued_code_has_a_sentence_in_both_languages() -> None:
    for code in CATALOG:
        key = f"problem_{code}"
        assert key in VI and key in EN, code
        assert VI[key] != EN[key], code
    # Variants belong to a catalogued code.
    for key in VI:
        if key.startswith("problem_") and key != "problem_list":  # the list sheet's title
            assert key.removeprefix("problem_").split("_")[0] in CATALOG, key


def test_a_mistake_repeated_in_a_column_is_one_group_counting_every_cell(plan: Plan) -> None:
    rows = [row(f"M{i}", 2024, "Bảo tàng", edu="có lẽ", visits=1) for i in range(1000)]
    data = make_dataset(plan, rows)
    (found,) = data.problems.groups
    assert (found.code, found.count, found.letter) == ("invalid-flag", 1000, "I")
    assert found.rows[:3].tolist() == [2, 3, 4] and found.values[0] == "có lẽ"
    assert len(data.problems) == 1000 and data.problems.count(Severity.ERROR) == 1000
    listed = data.problems.listed(5)
    assert [(p.row, p.cell, p.value) for p in listed] == [
        (2, "I2", "có lẽ"), (3, "I3", "có lẽ"), (4, "I4", "có lẽ"), (5, "I5", "có lẽ"),
        (6, "I6", "có lẽ"),
    ]  # fmt: skip
    (counted,) = data.problems.counted(first=2)
    assert counted.count == 1000 and [c.cell for c in counted.first] == ["I2", "I3"]


def test_listing_follows_files_then_rows_across_groups(plan: Plan) -> None:
    rows = [
        row("A", 2024, "Bảo tàng", edu="có lẽ", visits=1),
        row("B", 2024, "Thư viện tư nhân"),
        row("C", 2024, "Bảo tàng", edu="có lẽ", visits=-1),
    ]
    data = make_dataset(plan, rows)
    assert [(p.row, p.code) for p in data.problems] == [
        (2, "invalid-flag"),
        (3, "unknown-category"),
        (4, "invalid-flag"),
        (4, "negative-number"),
    ]


def test_numbers_in_messages_take_the_language_s_format() -> None:
    assert say(Lang.VI, "cells_more_in_column", cells="G5", more=2480, column="G") == (
        "G5 và 2.480 ô khác ở cột G"
    )
    assert say(Lang.EN, "cells_more_in_column", cells="G5", more=2480, column="G") == (
        "G5 and 2,480 more in column G"
    )


def _noisy(xlsx: Callable[..., Path], n: int = 300) -> Path:
    return xlsx([row(f"M{i}", 2024, "Bảo tàng", edu="có lẽ", visits=1) for i in range(n)])


def test_the_terminal_lists_a_kind_of_problem_once_with_its_first_cells(
    xlsx: Callable[..., Path],
) -> None:
    path = _noisy(xlsx)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == Exit.DATA_PROBLEMS
    lines = [line for line in result.stderr.splitlines() if line.startswith("lỗi ")]
    assert lines == [
        f"lỗi {path} [institutions] I2 “có lẽ”, I3 “có lẽ”, I4 “có lẽ” và 297 ô khác ở cột "
        "I “education_program”: không phải câu trả lời có/không; hãy ghi “Có” hoặc “Không” "
        "(hoặc x, 1/0), để trống nếu chưa có thông tin [invalid-flag]"
    ]
    english = runner.invoke(app, ["check", str(path), "--lang", "en"])
    assert "I4 “có lẽ” and 297 more in column I “education_program”: not a yes/no" in (
        english.stderr
    )


def test_the_cap_applies_to_the_json_list_and_never_to_the_counts(
    xlsx: Callable[..., Path],
) -> None:
    path = _noisy(xlsx)
    capped = json.loads(runner.invoke(app, ["check", str(path), "-f", "json"]).stdout)
    assert len(capped["problems"]) == 200
    assert capped["counts"]["errors"] == 300 and capped["counts"]["problems_listed"] == 200
    (counted,) = capped["problem_counts"]
    assert (counted["code"], counted["column"], counted["count"]) == (
        "invalid-flag",
        "education_program",
        300,
    )
    every = runner.invoke(app, ["check", str(path), "-f", "json", "--max-problems", "0"])
    assert len(json.loads(every.stdout)["problems"]) == 300
    few = runner.invoke(app, ["check", str(path), "-f", "json", "--max-problems", "7"])
    assert [p["row"] for p in json.loads(few.stdout)["problems"]] == list(range(2, 9))


def test_the_terminal_cap_counts_kinds_and_says_what_is_left(xlsx: Callable[..., Path]) -> None:
    rows = [
        row("A", 2024, "Bảo tàng", edu="có lẽ", visits=-5),
        row("B", 2024, "Thư viện tư nhân"),
        row("C", 2024, "Bảo tàng", edu="có", visits="x"),
    ]
    result = runner.invoke(app, ["check", str(xlsx(rows)), "--max-problems", "1"])
    lines = result.stderr.splitlines()
    assert sum(line.startswith("lỗi ") for line in lines) == 1
    assert "… và 3 nhóm lỗi, cảnh báo khác (3 ô); --max-problems 0 để xem tất cả" in lines


def test_a_failing_json_check_says_why_on_standard_error(xlsx: Callable[..., Path]) -> None:
    path = _noisy(xlsx, 3)
    result = runner.invoke(app, ["check", str(path), "-f", "json", "-o", "-", "--lang", "en"])
    assert result.exit_code == Exit.DATA_PROBLEMS
    json.loads(result.stdout)  # standard output holds the document alone
    lines = result.stderr.splitlines()
    assert lines[0] == "files: 1, rows: 3, used: 0; errors: 3, warnings: 0"
    assert lines[1] == "by kind: invalid-flag 3"
    assert lines[2].startswith(f"error {path} [institutions] I2 “có lẽ”, I3 “có lẽ”, I4 “có lẽ”")
    clean = xlsx([row("M1", 2024, "Bảo tàng", edu="có", visits=1)])
    quiet = runner.invoke(app, ["check", str(clean), "-f", "json"])
    assert quiet.exit_code == Exit.OK and quiet.stderr == ""


def test_the_language_comes_from_the_environment(xlsx: Callable[..., Path]) -> None:
    path = str(xlsx([row("B", 2024, "Thư viện tư nhân")]))
    english = runner.invoke(app, ["check", path], env={"LTL_PLAN_LANG": "en"})
    assert "not a category of the plan" in english.stderr
    vietnamese = runner.invoke(app, ["check", path, "--lang", "vi"], env={"LTL_PLAN_LANG": "en"})
    assert "không phải là loại hình của kế hoạch" in vietnamese.stderr


def test_the_problem_example_in_both_languages() -> None:
    path = str(EXAMPLES / "problems.xlsx")
    vietnamese = runner.invoke(app, ["check", path])
    english = runner.invoke(app, ["check", path, "--lang", "en"])
    for result, severities in (
        (vietnamese, ("lỗi ", "cảnh báo ")),
        (english, ("error ", "warning ")),
    ):
        lines = [line for line in result.stderr.splitlines() if line.startswith(severities)]
        assert len(lines) == 12
        codes = [re.search(r"\[([a-z-]+)\]$", line) for line in lines]
        assert all(codes)
    # No English sentence in the Vietnamese lines, and the other way round.
    assert "not " not in vietnamese.stderr and "không " not in english.stderr.replace("“Không”", "")
