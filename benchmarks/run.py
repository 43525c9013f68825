"""Time ltl-plan against the plain reads and writes it is built on, as whole processes.

    python benchmarks/run.py                 # --sizes full: 10k and 100k rows xlsx, 1M csv
    python benchmarks/run.py --sizes small   # 200 and 2,000 rows xlsx, 20,000 csv: a smoke run

Generates the input files with ``benchmarks/generate.py`` (seeded; cached under
``benchmarks/data/``, which git ignores), then runs every command as a child process and
measures its wall-clock time (median of ``--repeat`` runs, default 5; the openpyxl-engine
read of the largest workbook runs at most 3 times, the slowest case) and its peak resident
memory (GNU ``/usr/bin/time -f %M``; without it ``ru_maxrss`` of the child from
``os.wait4``, which never reads below this script's own peak). The runs of the commands
on one file are interleaved, so a slow moment of the machine does not fall on one command
only. Every check run's JSON output is checked (every row read, no error). Prints the
machine, then a Markdown table of the timings and one of the speed targets of the issue,
each met or not met (the targets are for ``--sizes full``).

Cases:

- ``ltl-plan check FILE --format json --output TMP`` on each file, against
  ``pandas.read_excel(FILE, engine="calamine")`` / ``pandas.read_csv(FILE)`` of the same
  file in ``python -c``, and against ``pandas.read_excel(FILE, engine="openpyxl")`` for
  the workbooks.
- ``ltl-plan --help`` and ``ltl-plan --version`` against ``python -c "import typer"``.
- Problems held compactly: ``ltl-plan check`` (JSON) of the 100k-row workbook against
  the same institutions with every yes/no column filled in every row, as offices do with a
  form (``generate.py --noisy``: about 330,000 flag-not-applicable warnings); and the
  terminal output of a 100k-row workbook with the same warning on nearly every row
  (``generate.py --fill-column "Chương trình giáo dục"``, standard output to a file)
  against its JSON check, and that JSON check against the clean one (the issue's "a
  warning on every row"). These files end in 2024 (``NOISE_LAST_YEAR``) and are checked
  with ``--plan national-1520`` (``NOISE_PLAN``), which names no district (the default
  plan, Tuyên Quang's, calls most generated districts ``unknown-place``) and under which
  district-level rows after 2024 are errors: so the clean file's only warnings are its
  blanks and a few answers the national plan does not count (about 5% of rows).
- ``ltl-plan report FILE --out X.xlsx`` on a CSV of 100k institutions in one year (CSV,
  so that the report's cost is mostly writing), only when ``ltl-plan report --help``
  exits 0; against a ``python -c`` process that loads the cells of the report it
  produced (every sheet, from a pickle) and writes them with the fastest plain writer
  installed (rustpy-xlsxwriter, else XlsxWriter, else openpyxl write-only).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from importlib import metadata
from pathlib import Path

from generate import EDU, GENERATOR_VERSION, Format, xlsx_writer

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
SEED = 76
SLOW_REPEAT = 3  # most runs of the openpyxl-engine read of the largest workbook
# The plan of the noisy and clean checks: the national programme names no district, so
# the generated districts (of many provinces) are no warning; it ends the district level
# with 2024, so the data ends then.
NOISE_PLAN = "national-1520"
NOISE_LAST_YEAR = 2024
# Variants of the generated data: file-name suffix and generate.py's options.
VARIANTS: dict[str, list[str]] = {
    "": [],
    "noisy": ["--noisy"],  # every yes/no column filled in every row
    "same-warning": ["--fill-column", EDU],  # one not-applicable answer in nearly every row
}


@dataclass(frozen=True)
class Sizes:
    """The files of one benchmark size."""

    xlsx: tuple[int, int]  # rows of the small and the large workbook
    csv: int | None  # rows of the CSV file (None: no CSV case)
    report: int  # institutions of the report case (one year)
    years: int
    openpyxl: bool  # time the openpyxl-engine reads too
    folder: tuple[int, int]  # submissions in a folder, and rows in each


SIZES: dict[str, Sizes] = {
    "full": Sizes((10_000, 100_000), 1_000_000, 100_000, 8, True, folder=(100, 1000)),
    "small": Sizes((200, 2_000), 20_000, 2_000, 8, True, folder=(20, 200)),
    "tiny": Sizes((50, 100), None, 100, 2, False, folder=(3, 20)),
}


@dataclass
class Case:
    """One command to time."""

    label: str  # what runs, for the table
    data: str  # on what, for the table
    command: list[str]
    runs: int
    output: Path | None = None  # a file the command must write (checked after each run)
    expect_rows: int | None = None  # rows the JSON report must count (check cases)
    stdout: Path | None = None  # standard output goes to this file (not discarded)
    warnings: int | None = None  # warnings the JSON report counted (check cases)
    times: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)  # user + system seconds
    peaks_kb: list[int] = field(default_factory=list)
    error: str | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus) if self.cpus else float("nan")

    @property
    def peak_mb(self) -> float:
        return max(self.peaks_kb) / 1024 if self.peaks_kb else float("nan")


# -- running -----------------------------------------------------------------------------


# GNU time measures the peak memory of exactly its child. Without it, ru_maxrss from
# os.wait4 is used: on Linux it also counts the memory of the forked child before its
# exec (a copy of this process), so this process keeps small (no data in memory) and
# prints its own peak as the floor of the column.
GNU_TIME = Path("/usr/bin/time")


def _gnu_time() -> bool:
    try:
        probe = subprocess.run(
            [str(GNU_TIME), "-f", "%M", "true"], capture_output=True, text=True, check=False
        )
    except OSError:
        return False
    return probe.returncode == 0 and probe.stderr.strip().isdigit()


USE_GNU_TIME = _gnu_time()


def run_once(
    command: Sequence[str], stdout: Path | None = None
) -> tuple[float, float, int, int, str]:
    """Run ``command`` with its standard output discarded (or written to ``stdout``) and
    its standard error to a temporary file: (wall seconds, CPU seconds (user + system, of
    the command and every process it waited for), peak RSS in KiB of that child, exit
    code, the end of its standard error)."""
    with (
        tempfile.TemporaryFile() as errors,
        tempfile.NamedTemporaryFile("r") as peak,
        open(os.devnull, "wb") if stdout is None else stdout.open("wb") as out,
    ):
        argv = list(command)
        if USE_GNU_TIME:
            argv = [str(GNU_TIME), "-f", "%M", "-o", peak.name, *argv]
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        process.returncode = code  # reaped here, not by Popen
        errors.seek(0)
        tail = errors.read()[-2000:].decode("utf-8", "replace")
        cpu = usage.ru_utime + usage.ru_stime
        kib = int(usage.ru_maxrss)
        if USE_GNU_TIME:
            lines = peak.read().split()
            kib = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    return elapsed, cpu, kib, code, tail


def _verify(case: Case) -> str | None:
    """What is wrong with the output of the run just done, if anything."""
    if case.stdout is not None and (not case.stdout.is_file() or not case.stdout.stat().st_size):
        return f"printed nothing to {case.stdout}"
    if case.output is None:
        return None
    if not case.output.is_file() or case.output.stat().st_size == 0:
        return f"wrote no output to {case.output}"
    if case.expect_rows is not None:
        counts = json.loads(case.output.read_text(encoding="utf-8"))["counts"]
        if counts["rows"] != case.expect_rows or counts["errors"]:
            return f"expected {case.expect_rows} rows and no error, got {counts}"
        case.warnings = counts.get("warnings")
    return None


def measure(cases: Sequence[Case], warm_up: bool = True) -> None:
    """Time the cases, interleaved: run r of each case, then run r + 1 of each. With
    ``warm_up``, one untimed run of each case that writes an output comes first (and its
    output is checked)."""
    for case in cases:
        if warm_up and case.output is not None:
            _step(case, timed=False)
    for r in range(max((case.runs for case in cases), default=0)):
        for case in cases:
            if r < case.runs and case.error is None:
                _step(case, timed=True)


def _step(case: Case, timed: bool) -> None:
    for old in (case.output, case.stdout):
        if old is not None:
            old.unlink(missing_ok=True)
    which = f"run {len(case.times) + 1}" if timed else "warm-up"
    note(f"  {case.label} · {case.data} ({which})")
    elapsed, cpu, peak, code, tail = run_once(case.command, case.stdout)
    if code != 0:
        case.error = f"exit code {code}"
        note(f"    failed with exit code {code}: {' '.join(case.command)}\n{tail}")
        return
    problem = _verify(case)
    if problem:
        case.error = problem
        note(f"    {problem}")
        return
    if timed:
        case.times.append(elapsed)
        case.cpus.append(cpu)
        case.peaks_kb.append(peak)


def note(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# -- data --------------------------------------------------------------------------------


def data_file(
    data_dir: Path,
    rows: int,
    years: int,
    fmt: Format,
    variant: str = "",
    last_year: int | None = None,
) -> Path:
    """The cached file of ``rows`` rows over ``years`` years (to ``last_year``, default
    generate.py's), generated if missing (in a child process, so that this one stays
    small); ``variant`` is one of VARIANTS (the same rows, noisy)."""
    suffix = (f"-to{last_year}" if last_year else "") + (f"-{variant}" if variant else "")
    name = f"institutions-{rows}r-{years}y-s{SEED}-v{GENERATOR_VERSION}{suffix}.{fmt}"
    path = data_dir / name
    if not path.exists():
        note(f"generating {path.name} ...")
        start = time.perf_counter()
        command = [sys.executable, str(HERE / "generate.py"), "--rows", str(rows)]
        command += ["--years", str(years), "--seed", str(SEED), "--format", fmt]
        command += VARIANTS[variant]
        command += ["--last-year", str(last_year)] if last_year else []
        subprocess.run([*command, "--out", str(path)], check=True)
        note(f"  done in {time.perf_counter() - start:.1f} s")
    return path


def data_folder(data_dir: Path, files: int, rows: int, years: int) -> Path:
    """The cached folder of ``files`` workbooks of ``rows`` rows each, as districts send
    them, generated if missing."""
    path = data_dir / f"folder-{files}x{rows}r-{years}y-s{SEED}-v{GENERATOR_VERSION}"
    if not path.is_dir():
        note(f"generating {path.name} ...")
        partial = path.with_name(f".{path.name}.partial")
        shutil.rmtree(partial, ignore_errors=True)
        command = [sys.executable, str(HERE / "generate.py"), "--rows", str(files * rows)]
        command += ["--years", str(years), "--seed", str(SEED), "--files", str(files)]
        subprocess.run([*command, "--out", str(partial)], check=True)
        partial.rename(path)
    return path


def rows_label(rows: int) -> str:
    if rows >= 1_000_000 and rows % 1_000_000 == 0:
        return f"{rows // 1_000_000}M"
    if rows >= 10_000 and rows % 1000 == 0:
        return f"{rows // 1000}k"
    return f"{rows:,}"


# -- cases -------------------------------------------------------------------------------


def _python(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code, *args]


READ_EXCEL = "import sys, pandas; pandas.read_excel(sys.argv[1], engine={engine!r})"
READ_CSV = "import sys, pandas; pandas.read_csv(sys.argv[1])"
# Loads the cells of a report (pickled [(sheet, rows), ...]) and writes them as one
# workbook with the fastest writer installed (generate.write_xlsx).
PLAIN_WRITER = (
    "import pickle, sys; from pathlib import Path; sys.path.insert(0, sys.argv[3]);"
    "from generate import write_xlsx;"
    "write_xlsx(Path(sys.argv[2]), pickle.loads(Path(sys.argv[1]).read_bytes()), sys.argv[4])"
)
# The same files read one after the other by pandas, as a notebook would.
READ_EACH = (
    "import sys, pandas; from pathlib import Path;"
    "[pandas.read_excel(p, engine='calamine') for p in sorted(Path(sys.argv[1]).glob('*.xlsx'))]"
)


PREPARE_PLAIN = (
    "import pickle, sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
    "from run import workbook_cells; from generate import write_xlsx;"
    "sheets = workbook_cells(Path(sys.argv[2]));"
    "Path(sys.argv[3]).write_bytes(pickle.dumps(sheets, protocol=pickle.HIGHEST_PROTOCOL));"
    "writer = write_xlsx(Path(sys.argv[4]), sheets);"
    "print(writer, 'same' if workbook_cells(Path(sys.argv[4])) == sheets else 'differs')"
)


def check_cases(
    ltl_plan: Path, path: Path, rows: int, repeat: int, openpyxl_runs: int, work: Path
) -> list[Case]:
    kind = path.suffix.lstrip(".")
    data = f"{rows_label(rows)} rows {kind}"
    output = work / f"check-{rows}-{kind}.json"
    cases = [
        Case(
            "`ltl-plan check`",
            data,
            [str(ltl_plan), "check", str(path), "--format", "json", "--output", str(output)],
            repeat,
            output=output,
            expect_rows=rows,
        )
    ]
    if kind == "csv":
        cases.append(Case("`pandas.read_csv`", data, _python(READ_CSV, str(path)), repeat))
    else:
        code = READ_EXCEL.format(engine="calamine")
        cases.append(Case("`pandas.read_excel` calamine", data, _python(code, str(path)), repeat))
        if openpyxl_runs:
            code = READ_EXCEL.format(engine="openpyxl")
            cases.append(
                Case("`pandas.read_excel` openpyxl", data, _python(code, str(path)), openpyxl_runs)
            )
    return cases


def noise_cases(
    ltl_plan: Path, files: dict[str, Path], rows: int, repeat: int, work: Path
) -> tuple[list[Case], list[Case]]:
    """Problems held compactly: the JSON check of the clean and the noisy workbook (the
    clean one first, the baseline); and the check of the workbook with the same warning
    on nearly every row, to the terminal (standard output to a file) and to JSON (the
    baseline, second)."""
    plan = ["--plan", NOISE_PLAN] if NOISE_PLAN else []

    def check(variant: str, label: str, data: str, json_output: bool) -> Case:
        path = files[variant]
        command = [str(ltl_plan), "check", str(path), *plan]
        name = variant or "clean"
        if json_output:
            output = work / f"noise-{name}.json"
            command += ["--format", "json", "--output", str(output)]
            return Case(label, data, command, repeat, output=output, expect_rows=rows)
        return Case(label, data, command, repeat, stdout=work / f"noise-{name}.txt")

    size = f"{rows_label(rows)} rows xlsx"
    noisy = [
        check("", "`ltl-plan check` JSON", f"{size}, clean", True),
        check("noisy", "`ltl-plan check` JSON", f"{size}, every yes/no filled", True),
    ]
    same = f"{size}, a warning a row"
    terminal = [
        check("same-warning", "`ltl-plan check` terminal", same, False),
        check("same-warning", "`ltl-plan check` JSON", same, True),
    ]
    return noisy, terminal


def startup_cases(ltl_plan: Path, repeat: int) -> list[Case]:
    return [
        Case("`ltl-plan --help`", "–", [str(ltl_plan), "--help"], repeat),
        Case("`ltl-plan --version`", "–", [str(ltl_plan), "--version"], repeat),
        Case('`python -c "import typer"`', "–", _python("import typer"), repeat),
    ]


def has_report(ltl_plan: Path) -> bool:
    return run_once([str(ltl_plan), "report", "--help"])[3] == 0


def workbook_cells(path: Path) -> list[tuple[str, list[list[object]]]]:
    """Every sheet's cells from A1 on (blank cells as None), as calamine reads them."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    sheets: list[tuple[str, list[list[object]]]] = []
    for name in book.sheet_names:
        cells = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        sheets.append((name, [[None if v == "" else v for v in row] for row in cells]))
    return sheets


def report_cases(
    ltl_plan: Path, path: Path, institutions: int, repeat: int, work: Path
) -> list[Case]:
    """The report case and its plain-writer baseline (the cells of one report run)."""
    data = f"{rows_label(institutions)} institutions"
    output = work / "report.xlsx"
    report = Case(
        "`ltl-plan report`",
        data,
        [str(ltl_plan), "report", str(path), "--out", str(output)],
        repeat,
        output=output,
    )
    _step(report, timed=False)  # writes the report whose cells the baseline writes
    if report.error:
        return [report]
    # In a child process, so that this one stays small: the report's cells, pickled,
    # written once by the plain writer, and compared with what that wrote.
    cells_file, plain_output = work / "report-cells.pickle", work / "plain.xlsx"
    prepared = subprocess.run(
        _python(PREPARE_PLAIN, str(HERE), str(output), str(cells_file), str(plain_output)),
        capture_output=True,
        text=True,
        check=False,
    )
    if prepared.returncode != 0:
        report.error = "could not read the report's cells"
        note(prepared.stderr[-2000:])
        return [report]
    writer, same = prepared.stdout.split()
    if same != "same":
        note("  note: the plain writer's cells differ from the report's")
    cells = f"{data}, same cells" if same == "same" else f"{data}, cells differ"
    plain = Case(
        f"plain writer ({writer})",
        cells,
        _python(PLAIN_WRITER, str(cells_file), str(plain_output), str(HERE), writer),
        repeat,
        output=plain_output,
    )
    return [report, plain]


def folder_cases(
    ltl_plan: Path, folder: Path, files: int, rows: int, repeat: int, work: Path
) -> list[Case]:
    """``check`` of a folder of submissions: by default (a worker per core), in one
    process (``--jobs 1``), and pandas reading each file, the baseline."""
    data = f"{files} files × {rows:,} rows xlsx"
    cases: list[Case] = []
    for label, extra in (("`ltl-plan check`", []), ("`ltl-plan check --jobs 1`", ["--jobs", "1"])):
        output = work / f"folder{len(cases)}.json"
        command = [str(ltl_plan), "check", str(folder), *extra, "-f", "json", "-o", str(output)]
        cases.append(Case(label, data, command, repeat, output=output, expect_rows=files * rows))
    cases.append(
        Case(
            "`pandas.read_excel` calamine, each file", data, _python(READ_EACH, str(folder)), repeat
        )
    )
    return cases


# -- the tables --------------------------------------------------------------------------


def machine() -> list[str]:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = []
    for package in (
        "ltl-plan",
        "pandas",
        "python-calamine",
        "openpyxl",
        "xlsxwriter",
        "typer",
    ):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} (not installed)")
    return [
        f"- machine: {os.cpu_count()} cores, {model}, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; "
        f"{platform.system()} {platform.release()}",
        f"- Python {platform.python_version()} ({platform.python_implementation()}); "
        + ", ".join(versions)
        + f"; xlsx data written with {xlsx_writer()}",
        f"- date: {datetime.now().astimezone().isoformat(timespec='minutes')}",
    ]


def _seconds(value: float) -> str:
    return "–" if value != value else f"{value:.3f}" if value < 10 else f"{value:.2f}"


def _ratio(a: float, b: float) -> float:
    return a / b if b and a == a and b == b else float("nan")


def _of(case: Case, attribute: str) -> float:
    """A measure of a case (median, cpu, peak_mb); NaN when it failed."""
    return float("nan") if case.error else float(getattr(case, attribute))


def _count(value: int | None) -> str:
    return "–" if value is None else f"{value:,}"


def _difference(a: float, b: float) -> float:
    return a - b if a == a and b == b else float("nan")


def timing_table(groups: Sequence[tuple[Case | None, Sequence[Case]]]) -> list[str]:
    """One row per case; ``× baseline`` is the case's median over the median of its
    group's baseline (the plain read or write, or ``import typer``), in wall time and in
    CPU time."""
    lines = [
        "| case | data | runs | median (s) | min (s) | CPU (s) | peak MB | × baseline "
        "| CPU × baseline |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for reference, cases in groups:
        for case in cases:
            if case.error:
                lines.append(
                    f"| {case.label} | {case.data} | {len(case.times)} | failed: {case.error} "
                    "| | | | | |"
                )
                continue
            ratio = cpu_ratio = ""
            if reference is not None:
                ratio = f"{_ratio(case.median, reference.median):.2f}"
                cpu_ratio = f"{_ratio(case.cpu, reference.cpu):.2f}"
            lines.append(
                f"| {case.label} | {case.data} | {len(case.times)} | {_seconds(case.median)} "
                f"| {_seconds(min(case.times))} | {_seconds(case.cpu)} | {case.peak_mb:.0f} "
                f"| {ratio} | {cpu_ratio} |"
            )
    return lines


@dataclass(frozen=True)
class Target:
    what: str
    value: float  # measured ratio (NaN: not measured)
    limit: float
    at_most: bool = True  # value must be <= limit (else >= limit)
    unit: str = "×"

    def row(self) -> str:
        bound = f"{'≤' if self.at_most else '≥'} {self.limit:g}{self.unit}"
        if self.value != self.value:
            return f"| {self.what} | – | {bound} | not measured |"
        met = self.value <= self.limit if self.at_most else self.value >= self.limit
        status = "met" if met else "**not met**"
        return f"| {self.what} | {self.value:.2f}{self.unit} | {bound} | {status} |"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Time ltl-plan against plain pandas reads and writers; print a Markdown table."
    )
    parser.add_argument(
        "--sizes",
        choices=tuple(SIZES),
        default="full",
        help="full: 10k/100k rows xlsx and 1M rows csv; small: 200/2,000 xlsx and 20,000 csv; "
        "tiny: 50/100 xlsx, no csv and no openpyxl reads (the smoke test)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per case (default 5)")
    parser.add_argument(
        "--ltl-plan",
        type=Path,
        default=Path(sys.executable).parent / "ltl-plan",
        help="the ltl-plan executable (default: the one next to this Python)",
    )
    parser.add_argument(
        "--data-dir", type=Path, default=DATA, help=f"cache of generated files (default {DATA})"
    )
    parser.add_argument(
        "--cases",
        choices=("all", "noise"),
        default="all",
        help="all (default), or only the noisy-against-clean and terminal cases",
    )
    args = parser.parse_args(argv)
    only_noise = args.cases == "noise"
    sizes = SIZES[args.sizes]
    repeat = max(1, args.repeat)
    ltl_plan: Path = args.ltl_plan
    if not os.access(ltl_plan, os.X_OK):
        parser.error(f"{ltl_plan}: not an executable; pass --ltl-plan PATH")

    small_rows, large_rows = sizes.xlsx
    noise_files = {
        variant: data_file(args.data_dir, large_rows, sizes.years, "xlsx", variant, NOISE_LAST_YEAR)
        for variant in VARIANTS
    }
    small = large = None
    if not only_noise:
        small = data_file(args.data_dir, small_rows, sizes.years, "xlsx")
        large = data_file(args.data_dir, large_rows, sizes.years, "xlsx")
    big = None
    if sizes.csv and not only_noise:
        big = data_file(args.data_dir, sizes.csv, sizes.years, "csv")
    report_input = (
        data_file(args.data_dir, sizes.report, 1, "csv")
        if not only_noise and has_report(ltl_plan)
        else None
    )
    folder_files, folder_rows = sizes.folder
    folder = (
        data_folder(args.data_dir, folder_files, folder_rows, sizes.years)
        if not only_noise
        else None
    )

    note("warming up (imports, file cache) ...")
    for command in (_python("import pandas, python_calamine, typer"), [str(ltl_plan), "--version"]):
        run_once(command)

    groups: list[tuple[Case | None, list[Case]]] = []
    many: list[Case] = []
    report: list[Case] = []
    with tempfile.TemporaryDirectory(prefix="ltl-plan-bench-") as tmp:
        work = Path(tmp)
        startup = [] if only_noise else startup_cases(ltl_plan, repeat)
        if startup:
            note("timing start-up ...")
            measure(startup)
            groups.append((startup[2], startup))
        files: list[tuple[Path, int, int]] = []
        if small is not None and large is not None:
            files.append((small, small_rows, repeat if sizes.openpyxl else 0))
            files.append((large, large_rows, min(repeat, SLOW_REPEAT) if sizes.openpyxl else 0))
        for path, rows, openpyxl_runs in files:
            cases = check_cases(ltl_plan, path, rows, repeat, openpyxl_runs, work)
            note(f"timing {path.name} ...")
            measure(cases)
            groups.append((cases[1], cases))
        if big is not None and sizes.csv is not None:
            cases = check_cases(ltl_plan, big, sizes.csv, repeat, 0, work)
            note(f"timing {big.name} ...")
            measure(cases)
            groups.append((cases[1], cases))
        if folder is not None:
            many = folder_cases(ltl_plan, folder, folder_files, folder_rows, repeat, work)
            note(f"timing {folder.name} ...")
            measure(many)
            groups.append((many[-1], many))
        if report_input is not None:
            note("timing the report ...")
            report = report_cases(ltl_plan, report_input, sizes.report, repeat, work)
            measure(report, warm_up=False)
            groups.append((report[-1] if len(report) > 1 else None, report))
        noisy, terminal = noise_cases(ltl_plan, noise_files, large_rows, repeat, work)
        note("timing the noisy and clean workbooks ...")
        measure(noisy)
        groups.append((noisy[0], noisy))
        note("timing the terminal output of a warning a row ...")
        measure(terminal)
        groups.append((terminal[1], terminal))

    def find(label: str, data: str) -> Case | None:
        for _, cases in groups:
            for case in cases:
                if case.label.startswith(label) and case.data == data and not case.error:
                    return case
        return None

    def median(label: str, data: str) -> float:
        case = find(label, data)
        return case.median if case else float("nan")

    def cpu(label: str, data: str) -> float:
        case = find(label, data)
        return case.cpu if case else float("nan")

    def peak(label: str, data: str) -> float:
        case = find(label, data)
        return case.peak_mb if case else float("nan")

    check, calamine, openpyxl_read = (
        "`ltl-plan check`",
        "`pandas.read_excel` calamine",
        ("`pandas.read_excel` openpyxl"),
    )
    small_data, large_data = (f"{rows_label(n)} rows xlsx" for n in sizes.xlsx)
    large_label = rows_label(large_rows)
    targets: list[Target] = []
    reference_scaling = float("nan")
    if not only_noise:
        targets += [
            Target(
                f"check {large_label} xlsx / read_excel calamine",
                _ratio(median(check, large_data), median(calamine, large_data)),
                1.25,
            ),
            Target(
                f"CPU time, check {large_label} xlsx / read_excel calamine",
                _ratio(cpu(check, large_data), cpu(calamine, large_data)),
                1.25,
            ),
        ]
        if sizes.openpyxl:
            targets.append(
                Target(
                    f"read_excel openpyxl / check {large_label} xlsx",
                    _ratio(median(openpyxl_read, large_data), median(check, large_data)),
                    5,
                    at_most=False,
                )
            )
        if sizes.csv:
            csv_data = f"{rows_label(sizes.csv)} rows csv"
            targets += [
                Target(
                    f"check {rows_label(sizes.csv)} csv / read_csv",
                    _ratio(median(check, csv_data), median("`pandas.read_csv`", csv_data)),
                    1.5,
                ),
                Target(
                    f"CPU time, check {rows_label(sizes.csv)} csv / read_csv",
                    _ratio(cpu(check, csv_data), cpu("`pandas.read_csv`", csv_data)),
                    1.5,
                ),
                Target(
                    f"peak memory, check {rows_label(sizes.csv)} csv / read_csv",
                    _ratio(peak(check, csv_data), peak("`pandas.read_csv`", csv_data)),
                    2,
                ),
            ]
        typer_time = median('`python -c "import typer"`', "–")
        targets += [
            Target(
                "`--help` / import typer", _ratio(median("`ltl-plan --help`", "–"), typer_time), 1.3
            ),
            Target(
                "`--version` / import typer",
                _ratio(median("`ltl-plan --version`", "–"), typer_time),
                1.3,
            ),
        ]
        folder_data = many[0].data
        targets.append(
            Target(
                f"{folder_files} files: check / check --jobs 1",
                _ratio(
                    median(check, folder_data), median("`ltl-plan check --jobs 1`", folder_data)
                ),
                1,
            )
        )
        if report:
            reference = report[0]
            plain = report[-1] if len(report) > 1 else None
            targets.append(
                Target(
                    f"report {rows_label(sizes.report)} institutions / plain writer",
                    _ratio(reference.median, plain.median)
                    if plain and not reference.error
                    else float("nan"),
                    1.5,
                )
            )
        targets.append(
            Target(
                f"scaling: check {large_label} / {rows_label(small_rows)} rows xlsx",
                _ratio(median(check, large_data), median(check, small_data)),
                large_rows / small_rows,
            )
        )
        reference_scaling = _ratio(median(calamine, large_data), median(calamine, small_data))

    clean, noisy_check = noisy
    on_terminal, in_json = terminal
    noise_data = f"{large_label} rows xlsx"

    def against_clean(name: str, case: Case) -> list[Target]:
        """Wall time, CPU time and peak memory of ``case`` over the clean check."""
        measures = (("", "median", 1.25), ("CPU time, ", "cpu", 1.25),
                    ("peak memory, ", "peak_mb", 1.5))  # fmt: skip
        return [
            Target(
                f"{what}{name} / clean check {noise_data}",
                _ratio(_of(case, attribute), _of(clean, attribute)),
                limit,
            )
            for what, attribute, limit in measures
        ]

    targets += [
        *against_clean("noisy", noisy_check),
        # The issue's own wording: a warning on every row (one column filled in every row).
        *against_clean("a warning a row", in_json),
        Target(
            f"terminal − JSON check, {noise_data} with a warning a row",
            _difference(_of(on_terminal, "median"), _of(in_json, "median")),
            1.0,
            unit=" s",
        ),
    ]

    out = ["## ltl-plan benchmark", "", *machine(), ""]
    own_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    memory = "GNU time" if USE_GNU_TIME else f"ru_maxrss: at least run.py's {own_mb:.0f} MB"
    slow = (
        f" The openpyxl read of the {large_label}-row workbook runs at most {SLOW_REPEAT} times."
        if sizes.openpyxl and repeat > SLOW_REPEAT
        else ""
    )
    out.append(
        f"`python benchmarks/run.py --sizes {args.sizes} --repeat {repeat}`: whole processes, "
        f"wall clock and CPU time (user + system, with every process the command waited "
        f"for), median of the runs; peak = largest resident set of the process "
        f"({memory}); × baseline = median / the median of the plain read (or of "
        f"`import typer`, or of the plain writer). Data: benchmarks/generate.py, seed {SEED}, "
        f"{sizes.years} years.{slow}"
    )
    out += ["", *timing_table(groups), ""]
    out += [
        f"Noisy: the same institutions with every yes/no column filled in every row "
        f'(`generate.py --noisy`); a warning a row: `--fill-column "{EDU}"`; years to '
        f"{NOISE_LAST_YEAR}, checked with `--plan {NOISE_PLAN}`. Warnings counted: clean "
        f"{_count(clean.warnings)}, noisy {_count(noisy_check.warnings)}, a warning a row "
        f"{_count(in_json.warnings)}. The terminal check writes its standard output to a file.",
        "",
    ]
    if only_noise:
        pass
    elif report_input is None:
        out += ["`ltl-plan report`: skipped (`ltl-plan report --help` does not exit 0).", ""]
    else:
        out += [
            f"`ltl-plan report` reads a CSV of {rows_label(sizes.report)} institutions (one year);"
            " the plain writer loads the same cells from a pickle and writes them.",
            "",
        ]
    out += ["| target | measured | target | status |", "| --- | ---: | ---: | --- |"]
    out += [target.row() for target in targets]
    if not only_noise:
        out += [
            "",
            f"For reference, `pandas.read_excel` calamine {large_label} / "
            f"{rows_label(small_rows)} rows: {reference_scaling:.2f}×.",
        ]
    if args.sizes != "full":
        out += ["", f"(The targets are set for `--sizes full`; this was `--sizes {args.sizes}`.)"]
    print("\n".join(out))
    failed = [case for _, cases in groups for case in cases if case.error]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
