"""Many files: read one at a time or by worker processes, the same result either way."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from ltl_plan import pipeline
from ltl_plan.cli import Exit, app
from ltl_plan.errors import LtlPlanError
from ltl_plan.layout import RawTable
from ltl_plan.pipeline import can_fork, load_files, workers_for
from ltl_plan.plan import Plan
from ltl_plan.read import expand

from conftest import row, write_xlsx

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
forking = pytest.mark.skipif(not can_fork(), reason="worker processes are forked on Linux only")


def submissions(folder: Path) -> Path:
    """A folder as a province receives it: district files, one with problems, one
    without the table, a CSV, and an institution listed by two districts."""
    folder.mkdir()
    for number in range(4):
        write_xlsx(
            folder / f"district-{number}.xlsx",
            [
                row(f"M{number}-{i}", year, "Bảo tàng", edu="có" if i % 2 else "không", visits=i)
                for i in range(1, 30)
                for year in (2023, 2024)
            ],
        )
    write_xlsx(folder / "district-9.xlsx", [row("M0-1", 2024, "Bảo tàng", edu="có", visits=5)])
    shutil.copy(EXAMPLES / "problems.xlsx", folder / "problems.xlsx")
    write_xlsx(folder / "notes.xlsx", [[1, 2]], headers=("a", "b"))
    (folder / "agency.csv").write_text(
        "Mã đơn vị,Tên đơn vị,Năm,Loại hình,Chương trình giáo dục,Lượt phục vụ học tập\n"
        "BT-1,Bảo tàng tỉnh,2024,Bảo tàng,Có,1200\n",
        encoding="utf-8",
    )
    return folder


def summary(tables: list[tuple[str, list[RawTable] | None]]) -> list[tuple[str, object]]:
    return [
        (file, None if found is None else [(t.sheet, t.row_numbers, t.columns) for t in found])
        for file, found in tables
    ]


@forking
def test_workers_give_the_same_dataset_as_one_process(tmp_path: Path, plan: Plan) -> None:
    folder = submissions(tmp_path / "in")
    alone = load_files(expand([folder]), plan, jobs=1, keep_tables=True)
    shared = load_files(expand([folder]), plan, jobs=2, keep_tables=True)
    pd.testing.assert_frame_equal(alone.dataset.records, shared.dataset.records)
    assert list(alone.dataset.problems) == list(shared.dataset.problems)
    assert alone.dataset.sources == shared.dataset.sources
    assert summary(alone.tables) == summary(shared.tables)
    # Not trivially equal: every kind of file took part.
    used = shared.dataset.records["file"].map(lambda file: Path(file).name).value_counts()
    # 2 years of 29 museums per district; district-9's one row repeats one of district-0;
    # problems.xlsx has 4 rows without errors (of 14).
    assert used.sort_index().to_dict() == {
        "agency.csv": 1,
        "district-0.xlsx": 58,
        "district-1.xlsx": 58,
        "district-2.xlsx": 58,
        "district-3.xlsx": 58,
        "problems.xlsx": 4,
    }
    codes = {problem.code for problem in shared.dataset.problems}
    assert {"duplicate-id", "no-table", "unknown-category"} <= codes
    assert len(shared.tables) == 8 and dict(shared.tables)[str(folder / "notes.xlsx")] is None


@forking
def test_the_tables_are_kept_only_when_asked(tmp_path: Path, plan: Plan) -> None:
    folder = submissions(tmp_path / "in")
    assert load_files(expand([folder]), plan, jobs=2).tables == []


@forking
def test_files_that_cannot_be_read_are_all_named_by_the_workers_too(
    tmp_path: Path, plan: Plan
) -> None:
    folder = submissions(tmp_path / "in")
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "empty.csv").write_bytes(b"")
    with pytest.raises(LtlPlanError) as caught:
        load_files(expand([folder]), plan, jobs=2)
    assert caught.value.message == "cannot read 2 of 10 files; nothing was checked"
    assert [detail.split(":")[0] for detail in caught.value.details] == [
        str(folder / "broken.xlsx"),
        str(folder / "empty.csv"),
    ]


def test_how_many_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = [tmp_path / f"{number}.csv" for number in range(3)]
    for path in files:
        path.write_text("a,b\n1,2\n", encoding="utf-8")
    monkeypatch.setattr(pipeline, "can_fork", lambda: True)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1}, raising=False)
    assert workers_for(files[:1], None) == 1  # one file: nothing to share
    assert workers_for(files, 1) == 1
    assert workers_for(files, 8) == 3  # never more than the files
    assert workers_for(files, None) == 1  # 24 bytes: not worth a process
    monkeypatch.setattr(pipeline, "PARALLEL_BYTES", 24)
    assert workers_for(files, None) == 2  # one per core
    monkeypatch.setattr(pipeline, "can_fork", lambda: False)
    assert workers_for(files, 4) == 1


@forking
def test_jobs_option_changes_nothing_in_the_output(tmp_path: Path) -> None:
    folder = submissions(tmp_path / "in")
    runner = CliRunner()
    outputs = []
    for jobs in ("1", "2"):
        fixes = tmp_path / f"fixes-{jobs}.xlsx"
        result = runner.invoke(
            app, ["check", str(folder), "-f", "json", "-j", jobs, "--errors-xlsx", str(fixes)]
        )
        assert result.exit_code == Exit.DATA_PROBLEMS, result.output
        book = openpyxl.load_workbook(fixes, read_only=True)
        outputs.append((result.stdout, book.sheetnames))
        book.close()
    assert outputs[0] == outputs[1]
    result = runner.invoke(app, ["check", str(folder), "-j", "0"])
    assert result.exit_code == Exit.CANNOT_RUN and "--jobs" in result.stderr
