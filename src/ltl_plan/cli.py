"""The command-line shell: parse options, call the library, render, pick the exit code.

Heavy modules (pandas, pydantic, the readers) are imported inside the commands, so
``ltl-plan --help`` and ``--version`` start at once. This module has no ``from __future__
import annotations``: Typer reads every command's annotations when it builds the commands,
and as strings each one would be evaluated twice (10 ms of a 150 ms ``--help``); only the
few names imported for type checking alone are quoted.
"""

import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from ltl_plan import __version__
from ltl_plan.render import Format, Lang

if TYPE_CHECKING:
    from rich.console import Console

    from ltl_plan.pipeline import Loaded
    from ltl_plan.report import Report


class Exit(IntEnum):
    """The documented exit codes."""

    OK = 0  # data valid (warnings allowed) and, with --fail-on-behind, no target behind
    DATA_PROBLEMS = 1  # errors in the data (or warnings, with --strict)
    CANNOT_RUN = 2  # missing or unreadable file, bad targets file, bad option
    BEHIND = 3  # only with --fail-on-behind: valid data, some target behind


class By(StrEnum):
    DISTRICT = "district"


app = typer.Typer(
    name="ltl-plan",
    help=(
        "Measure libraries, museums and cultural centres against the lifelong-learning "
        "targets of a provincial plan (Decision 1520/QĐ-TTg; Tuyên Quang plan 76/KH-UBND)."
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

TargetsOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer reads the annotation at run time
    typer.Option(
        "--targets",
        "-t",
        help="Targets file (YAML) with the plan's categories, levels and targets. "
        "Default: the Tuyên Quang plan 76/KH-UBND shipped with ltl-plan.",
        dir_okay=False,
    ),
]
LangOption = Annotated[
    Lang, typer.Option("--lang", "-l", help="Language of labels and headings: vi or en.")
]
FilesArgument = Annotated[
    list[Path],
    typer.Argument(
        help="Institution spreadsheets (.xlsx, .xlsm, .xlsb, .xls, .ods, .csv), one row "
        "per institution per year, or folders of them. Several files are merged.",
        show_default=False,
        metavar="FILE",
    ),
]
YearOption = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option("--year", "-y", help="Reporting year. Default: the latest year in the data."),
]
MaxSizeOption = Annotated[
    int,
    typer.Option(
        "--max-file-size",
        help="Refuse input files larger than this many MiB (a zipped workbook may "
        "unpack to four times as much).",
        min=1,
    ),
]
JobsOption = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--jobs",
        "-j",
        help="Processes reading the files: 1 reads them one at a time in this process. "
        "Default: one per core when several files hold at least 1 MiB (Linux).",
        min=1,
        show_default=False,
    ),
]
DebugOption = Annotated[
    bool, typer.Option("--debug", help="Show a Python traceback when something fails.")
]


def _stderr() -> "Console":
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(message: str, details: list[str] | None = None) -> NoReturn:
    from rich.markup import escape

    console = _stderr()
    console.print(f"[bold red]ltl-plan: error:[/] {escape(message)}", markup=True)
    for line in details or []:
        console.print(f"  • {line}", markup=False)
    raise typer.Exit(Exit.CANNOT_RUN)


@contextmanager
def _guard(debug: bool) -> Iterator[None]:
    """Turn every failure into a one-line message and exit code 2; no traceback unless
    --debug is given."""
    from ltl_plan.errors import LtlPlanError

    try:
        yield
    except (typer.Exit, typer.Abort):
        raise
    except LtlPlanError as exc:
        if debug:
            traceback.print_exc()
        _fail(exc.message, exc.details)
    except KeyboardInterrupt:
        _stderr().print("ltl-plan: interrupted", markup=False)
        raise typer.Exit(130) from None
    except MemoryError:
        _fail("out of memory: the input is larger than this machine can hold")
    except Exception as exc:  # a bug: say so plainly, keep the traceback for --debug
        if debug:
            traceback.print_exc()
        _fail(
            f"internal error ({type(exc).__name__}: {exc}). This is a bug in ltl-plan; "
            "run again with --debug and report the output."
        )


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ltl-plan {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", help="Show the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Measure libraries, museums and cultural centres against a lifelong-learning plan."""


def _print_problems(report: "Report", quiet: bool) -> None:
    from rich.markup import escape

    from ltl_plan.render.text import source_line

    console = _stderr()
    if not quiet:
        for source in report.files:
            console.print(escape(source_line(source)), style="dim")
    for problem in report.problems:
        if quiet and problem.severity == "warning":
            continue
        style = "red" if problem.severity == "error" else "yellow"
        console.print(
            f"[{style}]{problem.severity}[/] {escape(problem.describe())} "
            f"[dim]\\[{problem.code}][/]"
        )


@app.command()
def check(
    files: FilesArgument,
    year: YearOption = None,
    targets: TargetsOption = None,
    fmt: Annotated[
        Format,
        typer.Option("--format", "-f", help="Output: table (terminal), json or markdown."),
    ] = Format.TABLE,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            help="Write the output to this file (atomically) instead of standard output.",
            dir_okay=False,
        ),
    ] = None,
    lang: LangOption = Lang.EN,
    fail_on_behind: Annotated[
        bool,
        typer.Option("--fail-on-behind", help="Exit with code 3 when a target is behind."),
    ] = False,
    errors_xlsx: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--errors-xlsx",
            help="Also write a correction workbook: a copy of each submitted table with "
            "every problem cell highlighted and its message attached, and a list sheet.",
            dir_okay=False,
        ),
    ] = None,
    by: Annotated[
        Optional[By],  # noqa: UP045
        typer.Option("--by", help="Also show every indicator for each district."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings as data problems (exit code 1).")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="List errors only, not warnings, on the terminal.")
    ] = False,
    max_file_size: MaxSizeOption = 512,
    jobs: JobsOption = None,
    debug: DebugOption = False,
) -> None:
    """Check institution spreadsheets against the plan's targets.

    Every problem in the data is listed with file, sheet, row, column and value. Exit
    codes: 0 valid; 1 data problems; 2 could not run; 3 a target behind (only with
    --fail-on-behind).
    """
    with _guard(debug):
        from ltl_plan.output import write_atomic
        from ltl_plan.render import renderer_for

        loaded, report = _measure(
            files,
            targets,
            year,
            max_file_size,
            [output, errors_xlsx],
            by is By.DISTRICT,
            show_progress=fmt is Format.TABLE and output is None,
            jobs=jobs,
            keep_tables=errors_xlsx is not None,
        )
        if errors_xlsx is not None:
            from ltl_plan.corrections import write_corrections

            write_corrections(errors_xlsx, loaded.tables, report.problems, lang)
        rendered = renderer_for(fmt)(report, lang)
        if fmt is Format.TABLE:
            _print_problems(report, quiet)
        if output is not None:
            write_atomic(output, rendered if isinstance(rendered, str) else _plain(rendered))
        elif isinstance(rendered, str):
            sys.stdout.write(rendered)
        else:
            from rich.console import Console

            Console(highlight=False).print(rendered)
        if fmt is Format.TABLE:
            from ltl_plan.render.text import summary_line

            _stderr().print(summary_line(report, lang), markup=False)
    raise typer.Exit(_exit_code(report, strict, fail_on_behind))


@app.command()
def trend(
    files: FilesArgument,
    year: YearOption = None,
    targets: TargetsOption = None,
    fmt: Annotated[
        Format,
        typer.Option("--format", "-f", help="table (terminal), json (as check's) or markdown."),
    ] = Format.TABLE,
    lang: LangOption = Lang.EN,
    max_file_size: MaxSizeOption = 512,
    jobs: JobsOption = None,
    debug: DebugOption = False,
) -> None:
    """Show every indicator across every year in the data, beside the plan's path.

    For coverage: the value each year, the straight path to the 2025 and 2030 targets,
    the pace so far and the year it would reach the target; for growth: the totals, the
    10% and 15% paths and where the current average growth leads. Exit codes as check's.
    """
    with _guard(debug):
        from ltl_plan.render.json import render_json
        from ltl_plan.render.trend import render_trend, render_trend_markdown

        _, report = _measure(files, targets, year, max_file_size, [], jobs=jobs)
        if fmt is Format.JSON:
            sys.stdout.write(render_json(report, lang))
        elif fmt is Format.MARKDOWN:
            sys.stdout.write(render_trend_markdown(report, lang))
        else:
            from rich.console import Console

            Console(highlight=False).print(render_trend(report, lang))
    raise typer.Exit(_exit_code(report, False, False))


@app.command()
def report(
    files: FilesArgument,
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="The workbook to write (.xlsx), atomically.", dir_okay=False
        ),
    ],
    year: YearOption = None,
    targets: TargetsOption = None,
    lang: Annotated[
        Lang, typer.Option("--lang", "-l", help="Language of the workbook: vi or en.")
    ] = Lang.VI,
    max_file_size: MaxSizeOption = 512,
    jobs: JobsOption = None,
    debug: DebugOption = False,
) -> None:
    """Write the yearly report workbook: summary, by district, institutions, progress
    with charts, data problems; A4 landscape, ready to print.

    Exit codes as check's: 0 valid, 1 data problems (the workbook is still written and
    says so), 2 could not run.
    """
    with _guard(debug):
        from ltl_plan.errors import UsageError
        from ltl_plan.workbook import write_workbook

        if out.suffix.lower() != ".xlsx":
            raise UsageError(f"--out {out}: the report is an Excel workbook; name it .xlsx")
        loaded, measured = _measure(files, targets, year, max_file_size, [out], True, jobs=jobs)
        write_workbook(out, measured, loaded.dataset.records, loaded.plan, lang)
        _stderr().print(f"wrote {out}", markup=False)
    raise typer.Exit(_exit_code(measured, False, False))


@app.command()
def template(
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="The form to write (.xlsx), atomically.", dir_okay=False),
    ],
    year: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--year", "-y", help="Accept only this year in the Năm column."),
    ] = None,
    district: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--district", "-d", help="Offer only this district (and reporting unit)."),
    ] = None,
    targets: TargetsOption = None,
    debug: DebugOption = False,
) -> None:
    """Write the submission form a district or agency fills in: the plan's Vietnamese
    headers, drop-down lists, a whole-number rule for visits, instructions, the header
    protected. A filled-in form passes check.

    Exit code 0 when written, 2 when it could not be.
    """
    with _guard(debug):
        from ltl_plan.errors import UsageError
        from ltl_plan.plan import load_plan
        from ltl_plan.template import write_template

        if out.suffix.lower() != ".xlsx":
            raise UsageError(f"--out {out}: the form is an Excel workbook; name it .xlsx")
        plan = load_plan(targets)
        years = plan.plan.reporting_years
        if year is not None and not years.first <= year <= years.last:
            raise UsageError(
                f"--year {year} is outside the plan's reporting years {years.first}-{years.last}"
            )
        write_template(out, plan, year, district)
        _stderr().print(f"wrote {out}", markup=False)


def _measure(
    files: list[Path],
    targets: Path | None,
    year: int | None,
    max_file_size: int,
    outputs: list[Path | None],
    by_district: bool = False,
    show_progress: bool = False,
    jobs: int | None = None,
    keep_tables: bool = False,
) -> tuple["Loaded", "Report"]:
    """Load the plan and the files, check them, and measure them; refuse outputs that
    would replace an input."""
    from ltl_plan import prefetch
    from ltl_plan.output import check_not_input
    from ltl_plan.read import Limits, expand

    found = expand(files)
    inputs = [*found, *([targets] if targets else [])]
    for written in outputs:
        if written is not None:
            check_not_input(written, inputs)
    limits = Limits.of_mib(max_file_size)
    if len(found) == 1:  # parsed on another thread while the heavy modules are imported
        prefetch.start(found[0], limits)  # (a no-op when main() started it already)

    from ltl_plan.compute import compute
    from ltl_plan.pipeline import load_files
    from ltl_plan.plan import load_plan

    plan = load_plan(targets)
    loaded = load_files(
        found, plan, limits, _progress if show_progress else None, jobs, keep_tables
    )
    source = str(targets) if targets else "(packaged)"
    return loaded, compute(loaded.dataset, plan, year, source, by_district)


def _progress(files: Sequence[Path]) -> Iterator[Path]:
    """A progress bar over many files, on a terminal only (never in JSON or a pipe)."""
    console = _stderr()
    if len(files) < 2 or not console.is_terminal:
        yield from files
        return
    from rich.progress import track

    yield from track(files, description="Reading", console=console, transient=True)


def _plain(renderable: object) -> str:
    from io import StringIO

    from rich.console import Console

    buffer = StringIO()
    Console(file=buffer, width=160, color_system=None, highlight=False).print(renderable)
    return buffer.getvalue()


def _exit_code(report: "Report", strict: bool, fail_on_behind: bool) -> Exit:
    if report.counts.errors or (strict and report.counts.warnings):
        return Exit.DATA_PROBLEMS
    if fail_on_behind and report.behind:
        return Exit.BEHIND
    return Exit.OK


@app.command()
def targets(
    targets: TargetsOption = None,
    lang: LangOption = Lang.EN,
    debug: DebugOption = False,
) -> None:
    """Validate a targets file and list its indicators, categories and levels.

    Exit code 0 when the file is valid, 2 with every problem listed when it is not.
    """
    with _guard(debug):
        from rich.console import Console
        from rich.table import Table

        from ltl_plan.plan import CoverageIndicator, load_plan

        plan = load_plan(targets)
        info = plan.plan
        console = Console(highlight=False)
        console.print(
            f"[bold]{info.number}[/] ({info.date:%d/%m/%Y}), {info.province}: "
            f"{info.title.get(lang)}\nImplements {info.implements.number}; baseline "
            f"{info.baseline_year}; milestones {', '.join(map(str, info.milestones))}; "
            f"reports due before {info.report_deadline.day:02d}/{info.report_deadline.month:02d}."
        )
        table = Table(title="Indicators", title_justify="left")
        for column in ("id", "section", "kind", "population", "column", "targets"):
            table.add_column(column)
        for indicator in plan.indicators:
            population = ", ".join(indicator.population.categories)
            if indicator.population.levels:
                population += f" @ {', '.join(indicator.population.levels)}"
            if isinstance(indicator, CoverageIndicator):
                column = indicator.flag
                goals = ", ".join(f"{y}: {t:g}%" for y, t in indicator.targets.items())
            else:
                column = indicator.measure
                goals = ", ".join(
                    f"{y}: {b.min:g}" + (f"-{b.max:g}" if b.max is not None else "") + "%/yr"
                    for y, b in indicator.targets.items()
                )
            table.add_row(
                indicator.id, indicator.section, indicator.kind, population, column, goals
            )
        console.print(table)
        codes = Table(title="Categories and levels", title_justify="left")
        for column in ("code", "vi", "en", "levels"):
            codes.add_column(column)
        for category in plan.categories:
            codes.add_row(
                category.code,
                category.label.vi,
                category.label.en,
                ", ".join(category.levels) or "–",
            )
        for level in plan.levels:
            codes.add_row(level.code, level.label.vi, level.label.en, "(level)")
        console.print(codes)


def main() -> None:
    """Entry point of the ``ltl-plan`` console script (and ``python -m ltl_plan``). It
    ends the process when the command is done; from Python, call ``app`` instead, which
    raises SystemExit, or the library's own functions."""
    _start_reading(sys.argv[1:])
    try:
        app()
    except SystemExit as done:
        _exit_now(done)


def _exit_now(done: SystemExit) -> NoReturn:
    """Exit with the command's code once its output is flushed, without tearing the
    interpreter down: freeing pandas, numpy, pydantic and the data object by object costs
    0.1-0.2 s a run, which a process that is ending does not need (every file a command
    writes is closed before it returns, and no thread is left with work to do). A code
    that is not a number, or output that cannot be flushed (a closed pipe), takes
    Python's usual way out."""
    if done.code is None or isinstance(done.code, int):
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            raise done from None
        os._exit(done.code or 0)
    raise done


def _start_reading(args: list[str]) -> None:
    """When the command line names one spreadsheet to read, start parsing it now
    (:mod:`ltl_plan.prefetch`), before Typer converts the options: that costs 0.15 s
    (Typer imports pydantic for it), which the parse of a large workbook then overlaps
    too. The command line is split by the command's own parser, converting nothing;
    anything unexpected leaves the file to be read as usual, and Typer to report."""
    if not args or args[0] not in ("check", "trend", "report"):
        return
    try:
        from ltl_plan import prefetch
        from ltl_plan.read import Limits, expand

        group = typer.main.get_command(app)
        if not isinstance(group, typer.core.TyperGroup):
            return
        command = group.commands[args[0]]
        values, _, _ = command.make_parser(typer.Context(command)).parse_args(args[1:])
        if "help" in values or not values.get("files"):
            return
        default = next(p.default for p in command.params if p.name == "max_file_size")
        size = int(str(values.get("max_file_size", default)))
        found = expand([Path(name) for name in values["files"]])
        if len(found) == 1 and size >= 1:
            prefetch.start(found[0], Limits.of_mib(size))
    except Exception:  # the command reads the file itself, as usual
        return
