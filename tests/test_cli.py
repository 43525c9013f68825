"""The command line, through Typer's test runner: outputs, files and exit codes."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ltl_plan import __version__
from ltl_plan.cli import Exit, app
from ltl_plan.outputs import Format, Lang, View, renderer_for
from ltl_plan.outputs.text import count_text, status_text
from ltl_plan.result import Report

from conftest import row

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
runner = CliRunner(env={"COLUMNS": "200"})

CLEAN = [
    row("P1", 2022, "Thư viện công cộng", "tỉnh", ll="có", digital="có", visits=1000),
    row("P1", 2024, "Thư viện công cộng", "tỉnh", ll="có", digital="không", visits=1210),
    row("M1", 2024, "Bảo tàng", edu="có", visits=50),
]


def test_help_and_version_need_no_data() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0, result.output
    assert "check" in result.output and "targets" in result.output
    version = runner.invoke(app, ["--version"])
    assert (version.exit_code, version.stdout.strip()) == (0, f"ltl-plan {__version__}")


@pytest.mark.parametrize("command", ["check", "trend", "report", "template", "targets"])
def test_every_command_has_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Exit code" in result.output


def test_every_format_and_view_has_a_renderer() -> None:
    assert all(callable(renderer_for(fmt, view)) for fmt in Format for view in View)


def test_check_a_clean_file(xlsx: Callable[..., Path]) -> None:
    result = runner.invoke(app, ["check", str(xlsx(CLEAN))])
    assert result.exit_code == Exit.OK, result.output
    assert "Thư viện công cộng cấp tỉnh" in result.stdout  # Vietnamese by default
    assert "0 lỗi, 0 cảnh báo" in result.stderr
    english = runner.invoke(app, ["check", str(xlsx(CLEAN)), "--lang", "en"])
    assert "Public libraries, provincial" in english.stdout
    assert "errors: 0, warnings: 0" in english.stderr


def test_json_shape(xlsx: Callable[..., Path]) -> None:
    result = runner.invoke(app, ["check", str(xlsx(CLEAN)), "--format", "json"])
    assert result.exit_code == Exit.OK, result.output
    document = json.loads(result.stdout)
    assert {"plan", "year", "valid", "problems", "indicators"} <= set(document)
    assert (document["plan"]["number"], document["year"], document["valid"]) == (
        "76/KH-UBND",
        2024,
        True,
    )
    assert len(document["indicators"]) == 18
    cover = next(i for i in document["indicators"] if i["id"] == "2.1.2-public-province")
    assert {
        "id", "section", "kind", "categories", "level", "milestone", "target", "actual",
        "status", "achieved", "total", "not_reported", "needed",
    } <= set(cover)  # fmt: skip
    assert (cover["actual"], cover["target"], cover["status"], cover["needed"]) == (
        0.0,
        1.0,
        "behind",
        1,
    )
    grow = next(i for i in document["indicators"] if i["id"] == "2.1.3-library-learning-visits")
    assert {"base_year", "yoy", "like_for_like", "target_max"} <= set(grow)
    assert (grow["base_year"], grow["actual"], grow["status"]) == (2022, pytest.approx(0.1), "met")


def test_problems_exit_1_and_are_listed_with_row_and_column(xlsx: Callable[..., Path]) -> None:
    path = xlsx([*CLEAN, row("X", 2024, "Thư viện tư nhân")])
    result = runner.invoke(app, ["check", str(path), "--lang", "en"])
    assert result.exit_code == Exit.DATA_PROBLEMS, result.output
    assert (
        f"error {path} [institutions] D5 “Thư viện tư nhân” in column D “category”: not a "
        "category of the plan; choose one of: public_library (“Thư viện công cộng”)"
    ) in result.stderr
    assert "NOT VALID" in result.stdout
    vietnamese = runner.invoke(app, ["check", str(path)])
    assert (
        f"lỗi {path} [institutions] D5 “Thư viện tư nhân” ở cột D “category”: không phải là "
        "loại hình của kế hoạch; hãy chọn một trong: “Thư viện công cộng”"
    ) in vietnamese.stderr
    assert "DỮ LIỆU CHƯA HỢP LỆ" in vietnamese.stdout
    document = json.loads(runner.invoke(app, ["check", str(path), "-f", "json"]).stdout)
    assert document["valid"] is False
    assert [
        (p["file"], p["sheet"], p["row"], p["column"], p["value"], p["severity"])
        for p in document["problems"]
    ] == [(str(path), "institutions", 5, "category", "Thư viện tư nhân", "error")]


def test_the_problem_example_lists_every_problem() -> None:
    result = runner.invoke(app, ["check", str(EXAMPLES / "problems.xlsx"), "-f", "json"])
    assert result.exit_code == Exit.DATA_PROBLEMS
    problems = json.loads(result.stdout)["problems"]
    assert [(p["row"], p["code"]) for p in problems] == [
        (3, "missing-value"),
        (4, "unknown-category"),
        (5, "missing-value"),
        (6, "unknown-level"),
        (7, "year-out-of-range"),
        (8, "invalid-year"),
        (9, "negative-number"),
        (10, "invalid-number"),
        (11, "invalid-flag"),
        (13, "duplicate-id"),
        (14, "flag-not-applicable"),
        (15, "flag-blank"),
    ]


def test_strict_and_quiet(xlsx: Callable[..., Path]) -> None:
    path = xlsx([*CLEAN, row("M2", 2024, "Bảo tàng", edu="", visits=3)])
    assert runner.invoke(app, ["check", str(path)]).exit_code == Exit.OK
    strict = runner.invoke(app, ["check", str(path), "--strict"])
    assert strict.exit_code == Exit.DATA_PROBLEMS
    quiet = runner.invoke(app, ["check", str(path), "--quiet"])
    assert "flag-blank" not in quiet.stderr and "1 cảnh báo" in quiet.stderr


def test_fail_on_behind(xlsx: Callable[..., Path]) -> None:
    path = str(xlsx(CLEAN))
    assert runner.invoke(app, ["check", path]).exit_code == Exit.OK
    assert runner.invoke(app, ["check", path, "--fail-on-behind"]).exit_code == Exit.BEHIND


def test_year_option(xlsx: Callable[..., Path]) -> None:
    path = str(xlsx(CLEAN))
    result = runner.invoke(app, ["check", path, "--year", "2022", "-f", "json"])
    assert json.loads(result.stdout)["year"] == 2022
    missing = runner.invoke(app, ["check", path, "--year", "2019"])
    assert missing.exit_code == Exit.CANNOT_RUN
    assert "2019" in missing.stderr and "Traceback" not in missing.output


def test_markdown_output_file_is_written(xlsx: Callable[..., Path], tmp_path: Path) -> None:
    out = tmp_path / "summary.md"
    result = runner.invoke(
        app, ["check", str(xlsx(CLEAN)), "-f", "markdown", "-o", str(out), "--lang", "en"]
    )
    assert result.exit_code == Exit.OK, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 76/KH-UBND · Tuyên Quang · Year 2024")
    assert (
        "| 2.1.1 | Public libraries, provincial | 2025 | 100% | 100% | 0 | 1/1 | 0 | met |" in text
    )
    assert result.stdout == ""
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_vietnamese_labels(xlsx: Callable[..., Path]) -> None:
    result = runner.invoke(app, ["check", str(xlsx(CLEAN)), "--lang", "vi", "-f", "markdown"])
    assert "Thư viện công cộng cấp tỉnh" in result.stdout and "đạt" in result.stdout


def test_never_writes_over_an_input(xlsx: Callable[..., Path]) -> None:
    path = xlsx(CLEAN)
    before = path.read_bytes()
    result = runner.invoke(app, ["check", str(path), "-f", "json", "-o", str(path)])
    assert result.exit_code == Exit.CANNOT_RUN
    assert "never writes over an input" in result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.xlsx", None, "no such file"),
        ("notes.txt", b"hello", "unsupported file type"),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "a damaged workbook"),
        ("empty.xlsx", b"", "the file is empty"),
        ("page.xls", b"<html><body><table><tr><td>1</td></tr></table>", "is a web page (HTML)"),
        ("text.xlsx", "Mã đơn vị,Năm\n".encode(), "is a text file, not a .xlsx workbook"),
        ("random.xls", bytes(range(256)) * 8, "is not a spreadsheet"),
    ],
)
def test_unreadable_files_exit_2_with_one_line(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == Exit.CANNOT_RUN
    assert message in result.stderr
    assert name in result.stderr
    assert "Traceback" not in result.output


def test_a_workbook_without_the_table_is_a_data_problem(tmp_path: Path) -> None:
    from conftest import write_xlsx

    path = write_xlsx(tmp_path / "other.xlsx", [[1, 2]], headers=("a", "b"))
    result = runner.invoke(app, ["check", str(path), "-f", "json"])
    assert result.exit_code == Exit.DATA_PROBLEMS
    assert [p["code"] for p in json.loads(result.stdout)["problems"]] == ["no-table"]


def test_a_bad_targets_file_exits_2(tmp_path: Path, xlsx: Callable[..., Path]) -> None:
    bad = tmp_path / "targets.yaml"
    bad.write_text("schema_version: 2\nplan: {}\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(xlsx(CLEAN)), "--targets", str(bad)])
    assert result.exit_code == Exit.CANNOT_RUN
    assert "is not a valid targets file" in result.stderr
    assert "plan.number: Field required" in result.stderr
    listing = runner.invoke(app, ["targets", "--targets", str(bad)])
    assert listing.exit_code == Exit.CANNOT_RUN


def test_targets_lists_the_plan() -> None:
    result = runner.invoke(app, ["targets"])
    assert result.exit_code == 0, result.output
    assert "76/KH-UBND" in result.stdout and "2.1.2-specialized" in result.stdout


def test_the_targets_listing_speaks_the_chosen_language() -> None:
    vi = runner.invoke(app, ["targets", "--plan", "tuyen-quang-2025"]).stdout
    assert "Thực hiện 1520/QĐ-TTg; năm gốc 2022; các mốc 2025, 2030; gửi Sở Văn hóa" in vi
    assert "Cải cách two_levels (01/07/2025)" in vi and "10-15%/năm" in vi
    assert "Địa bàn và đơn vị báo cáo" in vi and "Loại hình và cấp" in vi
    assert "Implements" not in vi and "Reform" not in vi and "/yr" not in vi
    en = runner.invoke(app, ["targets", "--plan", "tuyen-quang-2025", "--lang", "en"]).stdout
    assert "Implements 1520/QĐ-TTg; baseline 2022; milestones 2025, 2030" in en
    assert "Reform two_levels (01/07/2025)" in en and "10-15%/yr" in en


def test_a_bad_option_exits_2(xlsx: Callable[..., Path]) -> None:
    result = runner.invoke(app, ["check", str(xlsx(CLEAN)), "--format", "pdf"])
    assert result.exit_code == Exit.CANNOT_RUN


def test_several_files_are_merged(xlsx: Callable[..., Path]) -> None:
    one = xlsx(CLEAN[:2], name="one.xlsx")
    two = xlsx(CLEAN[2:], name="two.xlsx")
    result = runner.invoke(app, ["check", str(one), str(two), "-f", "json"])
    document = json.loads(result.stdout)
    assert [f["used"] for f in document["files"]] == [2, 1]
    assert document["counts"]["used"] == 3


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_an_80_column_terminal_shows_every_status_and_count_whole(lang: str) -> None:
    narrow = CliRunner(env={"COLUMNS": "80"})
    example = str(EXAMPLES / "tuyen-quang-2022-2024.xlsx")
    shown = narrow.invoke(app, ["check", example, "--quiet", "--lang", lang])
    assert shown.exit_code == Exit.OK, shown.output
    assert "…" not in shown.stdout
    document = json.loads(runner.invoke(app, ["check", example, "-f", "json"]).stdout)
    report = Report.model_validate(document)
    lines = shown.stdout.splitlines()
    for indicator in report.indicators:
        row_of = [line for line in lines if count_text(indicator, Lang(lang)) in line]
        assert any(status_text(indicator, Lang(lang)) in line for line in row_of), indicator.id


def test_the_console_script_exits_with_every_output_written(tmp_path: Path) -> None:
    # main() ends the process as soon as the output is flushed (no interpreter teardown):
    # the exit code, standard output, standard error and the files written are all whole.
    import subprocess
    import sys

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "ltl_plan", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
            # As on a user's machine: standard output a pipe, buffered.
            env={
                **{k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"},
                "COLUMNS": "200",
            },
        )

    problems = run("check", str(EXAMPLES / "problems.xlsx"), "-f", "json")
    assert problems.returncode == Exit.DATA_PROBLEMS, problems.stderr
    document = json.loads(problems.stdout)
    assert document["counts"]["errors"] == 10
    listed = run("check", str(EXAMPLES / "problems.xlsx"), "--quiet", "--lang", "en")
    assert listed.returncode == Exit.DATA_PROBLEMS
    lines = listed.stderr.splitlines()
    assert sum(line.startswith("error ") for line in lines) == 10
    assert lines[-1] == "files: 1, rows: 14, used: 4; errors: 10, warnings: 2"
    assert "NOT VALID" in listed.stdout
    written = tmp_path / "out.md"
    example = run("check", str(EXAMPLES / "tuyen-quang-2022-2024.xlsx"), "-f", "markdown",
                  "-o", str(written))  # fmt: skip
    assert example.returncode == Exit.OK, example.stderr
    assert written.read_text(encoding="utf-8").startswith("#")
    tiny = tmp_path / "tiny.csv"  # a short text, still in Python's buffer at the end
    tiny.write_text("Mã đơn vị,Tên đơn vị,Năm,Loại hình\nA,Bảo tàng tỉnh,2024,Bảo tàng\n")
    markdown = run("check", str(tiny), "-f", "markdown")
    assert markdown.returncode == Exit.OK and markdown.stdout.startswith("#")
    assert markdown.stdout == runner.invoke(app, ["check", str(tiny), "-f", "markdown"]).stdout
    assert run("--version").stdout == f"ltl-plan {__version__}\n"
    assert run("check").returncode == Exit.CANNOT_RUN


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (["report", "{path}", "--out", "{path}"], "--out"),
        (["check", "{path}", "--errors-xlsx", "{path}"], "--errors-xlsx"),
        (["check", "{path}", "-f", "json", "-o", "{path}"], "--output"),
    ],
)
def test_an_output_over_an_input_names_the_option_given(
    xlsx: Callable[..., Path], command: list[str], option: str
) -> None:
    path = xlsx(CLEAN)
    before = path.read_bytes()
    result = runner.invoke(app, [arg.format(path=path) for arg in command])
    assert result.exit_code == Exit.CANNOT_RUN
    assert f"{option} {path} is one of the input files" in result.stderr
    assert path.read_bytes() == before


def test_trend_shows_the_growth_band_as_check_does(xlsx: Callable[..., Path]) -> None:
    # In 2026 the 2030 milestone is in force: 10-15% a year.
    rows = [
        row("P1", 2025, "Thư viện công cộng", "tỉnh", ll="có", digital="có", visits=1000),
        row("P1", 2026, "Thư viện công cộng", "tỉnh", ll="có", digital="có", visits=1120),
    ]
    path = str(xlsx(rows))
    checked = runner.invoke(app, ["check", path, "-f", "markdown", "--lang", "en"]).stdout
    trended = runner.invoke(app, ["trend", path, "-f", "markdown", "--lang", "en"]).stdout
    band = "10%–15%/yr"
    line = next(x for x in checked.splitlines() if "Library users coming to learn" in x)
    assert band in line and f"met (∈ {band})" in line
    line = next(x for x in trended.splitlines() if "Library users coming to learn" in x)
    assert band in line


def test_shell_completion_offers_the_shipped_plans() -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "_LTL_PLAN_COMPLETE": "complete_bash",
           "COMP_WORDS": "ltl-plan check --plan tuyen", "COMP_CWORD": "3"}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", "from ltl_plan.cli import app; app(prog_name='ltl-plan')"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.stdout.split() == ["tuyen-quang-2025", "tuyen-quang-76-2023"]
