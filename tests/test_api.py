"""The library API: what a notebook or a CI script calls, without the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import ltl_plan
from ltl_plan.errors import UsageError

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = "examples/tuyen-quang-2022-2024.xlsx"
GOLDEN = ROOT / "tests" / "golden" / "tuyen-quang-2022-2024.json"


@pytest.fixture
def in_root() -> object:
    cwd = Path.cwd()
    os.chdir(ROOT)  # the golden file names the example by its path from the repository root
    yield
    os.chdir(cwd)


def test_check_gives_the_golden_json(in_root: object) -> None:
    result = ltl_plan.check([EXAMPLE])
    document = json.loads(ltl_plan.render(result, "json"))
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert {k: v for k, v in document.items() if k != "tool"} == {
        k: v for k, v in golden.items() if k != "tool"
    }
    assert ltl_plan.exit_code(result.report) == 0
    assert result.report.valid and result.files == [Path(EXAMPLE)]
    assert len(result.records) == 927


def test_the_writers_take_a_result(in_root: object, tmp_path: Path) -> None:
    result = ltl_plan.check([EXAMPLE], year=2023, by="district")
    assert result.report.year == 2023 and result.report.breakdown is not None
    markdown = ltl_plan.render(result, "markdown", lang="vi")
    assert markdown.startswith("# 76/KH-UBND · Tuyên Quang · Năm 2023")
    assert "Năm 2023" in ltl_plan.render(result, "table", lang="vi", view="trend")
    ltl_plan.write_report(result, tmp_path / "bao-cao.xlsx")
    assert (tmp_path / "bao-cao.xlsx").stat().st_size > 10_000
    with pytest.raises(UsageError, match="keep_tables=True"):
        ltl_plan.write_corrections(result, tmp_path / "loi.xlsx")
    kept = ltl_plan.check(["examples/problems.xlsx"], keep_tables=True)
    ltl_plan.write_corrections(kept, tmp_path / "loi.xlsx")
    assert ltl_plan.exit_code(kept.report) == 1
    ltl_plan.write_template(tmp_path / "bieu-mau.xlsx", ltl_plan.load_plan(), year=2026)
    assert (tmp_path / "bieu-mau.xlsx").is_file()


def test_an_output_that_is_an_input_is_refused_before_reading(in_root: object) -> None:
    with pytest.raises(UsageError, match=r"^--out examples/problems.xlsx is one of the input"):
        ltl_plan.check(["examples/"], outputs={"--out": Path("examples/problems.xlsx")})
    result = ltl_plan.check([EXAMPLE])
    with pytest.raises(UsageError, match="is one of the input files"):
        ltl_plan.write_report(result, EXAMPLE)


def test_import_is_light() -> None:
    # `import ltl_plan` loads none of the heavy modules: the names are loaded on first use.
    code = "import sys, ltl_plan; print(sorted({'pandas', 'pydantic', 'typer'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    assert ltl_plan.__version__ and callable(ltl_plan.check)
    with pytest.raises(AttributeError):
        ltl_plan.no_such_name  # noqa: B018
