"""The speed seam (ltl_plan.startup): a workbook parsed while the program starts, handed
over once and only when it still stands as it was; anything that went wrong there is left
for the reader to report; and the console script's output is the same with the seam
switched off."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ltl_plan.cli import app
from ltl_plan.errors import InputError
from ltl_plan.layout import tables_of_file
from ltl_plan.plan import Plan
from ltl_plan.read import Limits, StartedParse, read_sheets
from ltl_plan.read import workbook as reading
from ltl_plan.read.errorcells import xlsx_error_cells
from ltl_plan.read.workbook import Workbook
from ltl_plan.startup import start_reading
from ltl_plan.vocabulary import Vocabulary

from conftest import row, write_xlsx

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_the_parsed_sheet_is_handed_over_once(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [row("A", 2024, "Bảo tàng")])
    started = StartedParse(path, Limits())
    early = started.take(path, Limits())
    assert early is not None and early.workbook.names[early.index] == "institutions"
    assert early.errors == {}
    assert started.take(path, Limits()) is None  # once


def test_error_cells_are_found_beside_the_parse(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [row("F", 2024, "Bảo tàng", edu="#REF!", visits="#N/A")])
    early = StartedParse(path, Limits()).take(path, Limits())
    assert early is not None
    # Header in row 1; the museum's education answer in I2, its visits in L2 (0-based).
    assert early.errors == {(1, 8): "#REF!", (1, 11): "#N/A"}
    assert early.errors == xlsx_error_cells(path, early.index)


def test_the_reader_gives_the_same_cells_with_or_without_it(tmp_path: Path, plan: Plan) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [row("A", 2024, "Bảo tàng"), row("B", 2023, "Bảo tàng")])
    alone = [sheet.cells.to_numpy().tolist() for sheet in read_sheets(path)]
    started = StartedParse(path, Limits())
    parses: list[str] = []
    original = reading.open_workbook

    def spy(path: Path, limits: Limits) -> Workbook:
        parses.append(threading.current_thread().name)
        return original(path, limits)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reading, "open_workbook", spy)
        early = [sheet.cells.to_numpy().tolist() for sheet in read_sheets(path, None, started)]
    assert early == alone
    assert parses == []  # the reader opened nothing itself: it took the parsed sheet
    assert tables_of_file(path, Vocabulary.from_plan(plan)) is not None


def test_a_file_changed_since_or_other_limits_or_another_file_is_read_again(
    tmp_path: Path,
) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [row("A", 2024, "Bảo tàng")])
    other = write_xlsx(tmp_path / "u.xlsx", [row("C", 2024, "Bảo tàng")])
    assert StartedParse(path, Limits()).take(other, Limits()) is None
    assert StartedParse(path, Limits.of_mib(9)).take(path, Limits()) is None
    started = StartedParse(path, Limits())
    write_xlsx(path, [row("B", 2023, "Thư viện công cộng", level="xã")])
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 10**9))
    (sheet,) = read_sheets(path, None, started)
    assert "B" in sheet.cells.to_numpy().ravel().tolist()


def test_a_broken_workbook_is_left_to_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    started = StartedParse(path, Limits())
    with pytest.raises(InputError, match="damaged workbook"):
        list(read_sheets(path, None, started))


def test_the_command_line_starts_the_one_workbook_it_names(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [row("A", 2024, "Bảo tàng", edu="có", visits=5)])
    started = start_reading(["check", str(path), "-f", "json", "--max-file-size", "9", "-q"])
    assert started is not None and started.take(path, Limits()) is None  # --max-file-size 9
    started = start_reading(["check", "--max-file-size", "9", str(path)])
    assert started is not None and started.take(path, Limits.of_mib(9)) is not None
    # --max-cells: the limits the command reads with are those the parse began with.
    started = start_reading(["check", str(path), "--max-cells", "1000"])
    assert started is not None and started.take(path, Limits.of_mib(512, 1000)) is not None
    # The command takes what was started, and says the same as without it.
    alone = CliRunner().invoke(app, ["check", str(path), "-f", "json"])
    started = start_reading(["check", str(path), "-f", "json"])
    early = CliRunner().invoke(app, ["check", str(path), "-f", "json"], obj=started)
    assert started is not None and started.take(path, Limits()) is None  # taken
    assert early.exit_code == alone.exit_code == 0 and early.stdout == alone.stdout


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["targets"],
        ["check", "--help"],
        ["check", "{path}", "--help"],
        ["check", "{path}", "{path2}"],  # two files: read in worker processes
        ["check", "{folder}"],  # a folder: read as usual
        ["check", "{csv}"],  # CSV: pandas reads it as usual
        ["check", "{path}", "--max-file-size", "lots"],  # Typer reports it
        ["check", "{path}", "--no-such-option"],
        ["template", "--out", "{path}"],
    ],
)
def test_nothing_is_started_early_otherwise(tmp_path: Path, args: list[str]) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [row("A", 2024, "Bảo tàng")])
    path2 = write_xlsx(tmp_path / "u.xlsx", [row("B", 2024, "Bảo tàng")])
    csv = tmp_path / "t.csv"
    csv.write_text("a,b\n1,2\n", encoding="utf-8")
    named = {"path": path, "path2": path2, "folder": tmp_path, "csv": csv}
    assert start_reading([a.format(**named) for a in args]) is None


class _Panic(BaseException):
    """What a panic in Rust code raises in Python (pyo3's PanicException is one)."""


def test_nothing_a_thread_meets_escapes_it_the_reader_reads_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [row("F", 2024, "Bảo tàng", edu="#REF!")])
    escaped: list[object] = []  # what Python would print as "Exception in thread ..."
    monkeypatch.setattr(threading, "excepthook", lambda args: escaped.append(args.exc_value))

    def panic(*args: object, **kwargs: object) -> None:
        raise _Panic("index out of bounds")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reading, "xlsx_error_cells", panic)
        started = StartedParse(path, Limits())
        assert started.take(path, Limits()) is None  # the error cells are not known
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reading, "open_workbook", panic)
        started = StartedParse(path, Limits())
        assert started.take(path, Limits()) is None
    (sheet,) = read_sheets(path)  # the reader finds the error cell itself
    assert "#REF!" in sheet.cells.to_numpy().ravel().tolist()
    assert escaped == []


def _console(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    base = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONUNBUFFERED", "LTL_PLAN_NO_SPEEDUPS")
    }
    return subprocess.run(
        [sys.executable, "-m", "ltl_plan", *args],
        capture_output=True,
        check=False,
        env={**base, "COLUMNS": "120", **(env or {})},
    )


@pytest.mark.parametrize(
    "args",
    [
        ["check", str(EXAMPLES / "tuyen-quang-2022-2024.xlsx"), "-f", "json"],
        ["check", str(EXAMPLES / "problems.xlsx"), "-f", "json"],
        ["trend", str(EXAMPLES / "tuyen-quang-2022-2024.xlsx"), "-f", "markdown"],
        ["check", str(EXAMPLES / "tuyen-quang-2022-2024.xlsx"), "--by", "district", "-f", "json"],
    ],
)
def test_the_seam_switched_off_gives_the_same_bytes(args: list[str]) -> None:
    fast = _console(*args)
    plain = _console(*args, env={"LTL_PLAN_NO_SPEEDUPS": "1"})
    assert fast.returncode == plain.returncode
    assert fast.stdout == plain.stdout and len(fast.stdout) > 1000
    assert fast.stderr == plain.stderr


def test_the_early_parse_imports_neither_pandas_nor_numpy() -> None:
    # The parse runs on a thread while the main thread imports pandas: were the thread to
    # import pandas too, Python's import deadlock breaker could hand one of them a half-made
    # module ("partially initialized module 'pandas'"), as a fuzzed .xls once showed.
    import subprocess
    import sys

    example = Path(__file__).resolve().parents[1] / "examples" / "tuyen-quang-2022-2024.xlsx"
    code = (
        "import sys; from pathlib import Path; from ltl_plan.read import Limits, StartedParse\n"
        f"started = StartedParse(Path({str(example)!r}), Limits()); started._thread.join()\n"
        "assert started.parsed is not None\n"
        "print(sorted(m for m in ('pandas', 'numpy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
