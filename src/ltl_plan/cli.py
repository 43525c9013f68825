"""The command-line shell: parse options, call the library, render, pick the exit code.

Heavy modules (pandas, pydantic, the readers) are imported inside the commands, so
``ltl-plan --help`` and ``--version`` start at once.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from ltl_plan import __version__
from ltl_plan.render import Format, Lang

if TYPE_CHECKING:
    from rich.console import Console

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
DebugOption = Annotated[
    bool, typer.Option("--debug", help="Show a Python traceback when something fails.")
]


def _stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(message: str, details: list[str] | None = None) -> NoReturn:
    console = _stderr()
    console.print(f"[bold red]ltl-plan: error:[/] {message}", markup=True)
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


def _print_problems(report: Report, quiet: bool) -> None:
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
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Institution spreadsheets (.xlsx, .xlsm, .xlsb, .xls, .ods, .csv), one row "
            "per institution per year, or folders of them. Several files are merged.",
            show_default=False,
            metavar="FILE",
        ),
    ],
    year: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--year", "-y", help="Reporting year. Default: the latest year in the data."),
    ] = None,
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
    max_file_size: Annotated[
        int,
        typer.Option(
            "--max-file-size",
            help="Refuse input files larger than this many MiB (a zipped workbook may "
            "unpack to four times as much).",
            min=1,
        ),
    ] = 512,
    debug: DebugOption = False,
) -> None:
    """Check institution spreadsheets against the plan's targets.

    Every problem in the data is listed with file, sheet, row, column and value. Exit
    codes: 0 valid; 1 data problems; 2 could not run; 3 a target behind (only with
    --fail-on-behind).
    """
    with _guard(debug):
        from ltl_plan.compute import compute
        from ltl_plan.errors import LtlPlanError
        from ltl_plan.layout import tables_of_file
        from ltl_plan.output import check_not_input, write_atomic
        from ltl_plan.plan import load_plan
        from ltl_plan.read import MIB, Limits, expand
        from ltl_plan.render import renderer_for
        from ltl_plan.validate import validate
        from ltl_plan.vocab import Vocabulary

        plan = load_plan(targets)
        vocab = Vocabulary.from_plan(plan)
        files = expand(files)
        if not files:
            raise LtlPlanError("no spreadsheet found in the folders given")
        for written in (output, errors_xlsx):
            if written is not None:
                check_not_input(written, [*files, *([targets] if targets else [])])
        limits = Limits(max_bytes=max_file_size * MIB, max_unpacked=4 * max_file_size * MIB)
        tables = []
        unreadable: list[str] = []
        for path in files:
            try:
                tables.append((str(path), tables_of_file(path, vocab, limits)))
            except LtlPlanError as exc:
                unreadable.append(exc.message)
        if len(files) == 1 and unreadable:
            raise LtlPlanError(unreadable[0])
        if unreadable:
            raise LtlPlanError(
                f"cannot read {len(unreadable)} of {len(files)} files; nothing was checked",
                unreadable,
            )
        dataset = validate(tables, plan)
        report = compute(
            dataset, plan, year, str(targets) if targets else "(packaged)", by is By.DISTRICT
        )
        if errors_xlsx is not None:
            from ltl_plan.corrections import write_corrections

            write_corrections(errors_xlsx, tables, report.problems, lang)
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


def _plain(renderable: object) -> str:
    from io import StringIO

    from rich.console import Console

    buffer = StringIO()
    Console(file=buffer, width=160, color_system=None, highlight=False).print(renderable)
    return buffer.getvalue()


def _exit_code(report: Report, strict: bool, fail_on_behind: bool) -> Exit:
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
    """Entry point of the ``ltl-plan`` console script."""
    app()
