"""Smoke test of the benchmark: the generator's files pass `ltl-plan check`, and
`benchmarks/run.py` runs end to end at tiny size. Never asserts on timings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from ltl_plan.cli import app

from conftest import BENCHMARKS, benchmarks_module

CATEGORIES = {
    "Thư viện công cộng",
    "Thư viện đại học",
    "Thư viện lực lượng vũ trang",
    "Thư viện cơ sở giáo dục phổ thông",
    "Thư viện cơ sở giáo dục nghề nghiệp",
    "Thư viện cơ sở giáo dục khác",
    "Thư viện chuyên ngành",
    "Bảo tàng",
    "Trung tâm văn hóa",
}


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    """benchmarks/generate.py."""
    return benchmarks_module("generate")


@pytest.mark.parametrize(
    ("fmt", "writer"), [("csv", "auto"), ("xlsx", "auto"), ("xlsx", "openpyxl")]
)
def test_generated_file_passes_check(
    generate: ModuleType, tmp_path: Path, fmt: str, writer: str
) -> None:
    spec = generate.Spec(rows=60, years=3, seed=5, blank_rate=0.0)
    path = generate.generate(tmp_path / f"institutions.{fmt}", spec, fmt, writer)

    result = CliRunner().invoke(app, ["check", str(path), "-f", "json"])

    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    counts = {key: document["counts"][key] for key in ("rows", "used", "errors", "warnings")}
    assert counts == {"rows": 60, "used": 60, "errors": 0, "warnings": 0}
    assert document["years"] == [2023, 2024, 2025]


def test_noisy_rows_are_the_clean_rows_filled(generate: ModuleType) -> None:
    clean = list(generate.rows(generate.Spec(rows=200, years=3, seed=5)))
    noisy = list(generate.rows(generate.Spec(rows=200, years=3, seed=5, fill=generate.FLAGS)))
    flags = [generate.COL[name] for name in generate.FLAGS]
    assert len(noisy) == len(clean)
    filled = 0
    for before, after in zip(clean, noisy, strict=True):
        for column, (old, new) in enumerate(zip(before, after, strict=True)):
            if old != new:  # only blank yes/no cells change, and they get an answer
                assert column in flags and old is None and new in ("Có", "Không")
                filled += 1
        assert all(after[column] is not None for column in flags if before[column] is not None)
    assert filled > 2.5 * len(clean)  # about 3.3 a row


def test_noisy_file_gives_flag_not_applicable_warnings(
    generate: ModuleType, tmp_path: Path
) -> None:
    spec = generate.Spec(rows=60, years=3, seed=5, blank_rate=0.0, fill=generate.FLAGS)
    path = generate.generate(tmp_path / "noisy.xlsx", spec)

    result = CliRunner().invoke(app, ["check", str(path), "-f", "json", "--max-problems", "0"])

    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["counts"]["errors"] == 0 and document["counts"]["warnings"] > 120
    assert {problem["code"] for problem in document["problems"]} == {"flag-not-applicable"}


def test_generator_rows(generate: ModuleType) -> None:
    spec = generate.Spec(rows=61, years=3, seed=5)
    rows = list(generate.rows(spec))
    assert len(rows) == 61 and rows == list(generate.rows(spec))  # exact count, seeded
    assert {row[3] for row in rows} == CATEGORIES
    for year in (2023, 2024, 2025):
        ids = [row[0] for row in rows if row[2] == year]
        assert len(ids) == len(set(ids))  # unique per year
    levels = {(row[3], row[4]) for row in rows if row[4] is not None}
    assert {level for _, level in levels} == {"Tỉnh", "Huyện", "Xã"}
    assert {category for category, _ in levels} == {"Thư viện công cộng", "Trung tâm văn hóa"}


def test_run_script_at_tiny_size(tmp_path: Path) -> None:
    completed = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "run.py"),
            "--sizes",
            "tiny",
            "--repeat",
            "1",
            "--data-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert (
        "| case | data | runs | median (s) | min (s) | CPU (s) | peak MB | × baseline "
        "| CPU × baseline |" in completed.stdout
    )
    assert "| target | measured | target | status |" in completed.stdout
    assert "`ltl-plan check` | 100 rows xlsx | 1 |" in completed.stdout
    for data in ("100 rows xlsx, clean", "100 rows xlsx, every yes/no filled"):
        assert f"| `ltl-plan check` JSON | {data} | 1 |" in completed.stdout
    assert "| `ltl-plan check` terminal | 100 rows xlsx, a warning a row | 1 |" in completed.stdout
    assert "| noisy / clean check 100 rows xlsx |" in completed.stdout
    assert "| terminal − JSON check, 100 rows xlsx with a warning a row |" in completed.stdout
