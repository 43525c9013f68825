"""The pre-commit hook: which files of a submissions repository it checks, and what it
prints (pre-commit matches ``files`` and ``exclude`` with Python's ``re.search``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from ltl_plan.cli import Exit, app

ROOT = Path(__file__).resolve().parents[1]
(HOOK,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def _checked(path: str) -> bool:
    return bool(re.search(HOOK["files"], path)) and not re.search(HOOK["exclude"], path)


@pytest.mark.parametrize(
    "path",
    [
        "submissions/2025/na-hang.xlsx",
        "Submissions/TỔNG HỢP.XLSX",
        "nop-bao-cao/xa-yen-son.Csv",
        "2025/bao-cao/so-vhttdl.ods",
        "bao_cao/a.xls",
    ],
)
def test_the_hook_checks_submissions_whatever_their_case(path: str) -> None:
    assert _checked(path)


@pytest.mark.parametrize(
    "path",
    [
        "docs/data.csv",  # a CSV elsewhere in the repository
        "benchmarks/results.xlsx",
        "submissions/~$na-hang.xlsx",  # Excel's lock file
        "submissions/readme.md",
        "old-submissions-2020.xlsx",
    ],
)
def test_the_hook_leaves_other_files_alone(path: str) -> None:
    assert not _checked(path)


def test_the_hook_prints_the_problems_only() -> None:
    entry = HOOK["entry"].split()[1:]
    result = CliRunner().invoke(app, [*entry, str(ROOT / "examples" / "problems.xlsx")])
    assert result.exit_code == Exit.DATA_PROBLEMS
    assert result.stdout == ""  # no table of indicators
    assert sum(line.startswith(("lỗi ", "cảnh báo ")) for line in result.stderr.splitlines()) == 12
