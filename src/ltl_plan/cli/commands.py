"""The commands: each parses its options, calls the library (:mod:`ltl_plan.api`),
writes the chosen output and picks the exit code. Nothing here computes."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from ltl_plan.cli.options import (
    ByOption,
    DebugOption,
    ErrorsXlsxOption,
    FailOnBehindOption,
    FilesArgument,
    FormatOption,
    JobsOption,
    LangOption,
    MaxSizeOption,
    OutputOption,
    PlanOption,
    QuietOption,
    StrictOption,
    TargetsOption,
    YearOption,
)
from ltl_plan.cli.shell import app, begun, emit, exit_with, guard, progress_bar, stderr
from ltl_plan.outputs import Format, Lang, View


@app.command()
def check(
    ctx: typer.Context,
    files: FilesArgument,
    year: YearOption = None,
    targets: TargetsOption = None,
    plan: PlanOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
    lang: LangOption = Lang.EN,
    fail_on_behind: FailOnBehindOption = False,
    errors_xlsx: ErrorsXlsxOption = None,
    by: ByOption = None,
    strict: StrictOption = False,
    quiet: QuietOption = False,
    max_file_size: MaxSizeOption = 512,
    jobs: JobsOption = None,
    debug: DebugOption = False,
) -> None:
    """Check institution spreadsheets against the plan's targets.

    Every problem in the data is listed with file, sheet, row, column and value. Exit
    codes: 0 valid; 1 data problems; 2 could not run; 3 a target behind (only with
    --fail-on-behind).
    """
    with guard(debug):
        from ltl_plan import api
        from ltl_plan.outputs.terminal import render_problems
        from ltl_plan.outputs.text import summary_line

        written = {"--output": output, "--errors-xlsx": errors_xlsx}
        table = fmt is Format.TABLE
        result = api.check(
            files, targets=targets, plan=api.load_plan(targets, plan), year=year, by=by,
            jobs=jobs, max_file_size=max_file_size,
            keep_tables=errors_xlsx is not None,
            outputs={name: path for name, path in written.items() if path is not None},
            progress=progress_bar if table and output is None else None, started=begun(ctx),
        )  # fmt: skip
        if errors_xlsx is not None:
            api.write_corrections(result, errors_xlsx, lang)
        if table:
            console = stderr()
            for line in render_problems(result.report, quiet):
                console.print(line)
        emit(result, fmt, lang, View.SUMMARY, output)
        if table:
            stderr().print(summary_line(result.report, lang), markup=False)
    exit_with(result, strict, fail_on_behind)


@app.command()
def trend(
    ctx: typer.Context,
    files: FilesArgument,
    year: YearOption = None,
    targets: TargetsOption = None,
    plan: PlanOption = None,
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
    with guard(debug):
        from ltl_plan import api

        result = api.check(
            files, targets=targets, plan=api.load_plan(targets, plan), year=year, jobs=jobs,
            max_file_size=max_file_size, started=begun(ctx),
        )  # fmt: skip
        emit(result, fmt, lang, View.TREND, None)
    exit_with(result)


@app.command()
def report(
    ctx: typer.Context,
    files: FilesArgument,
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="The workbook to write (.xlsx), atomically.", dir_okay=False
        ),
    ],
    year: YearOption = None,
    targets: TargetsOption = None,
    plan: PlanOption = None,
    lang: Annotated[
        Lang, typer.Option("--lang", "-l", help="Language of the workbook: vi or en.")
    ] = Lang.VI,
    by: ByOption = None,
    max_file_size: MaxSizeOption = 512,
    jobs: JobsOption = None,
    debug: DebugOption = False,
) -> None:
    """Write the yearly report workbook: summary, by place (--by LEVEL; default: the
    first level of places of the year), institutions, progress with charts, data
    problems; A4 landscape, ready to print.

    Exit codes as check's: 0 valid, 1 data problems (the workbook is still written and
    says so), 2 could not run.
    """
    with guard(debug):
        from ltl_plan import api
        from ltl_plan.errors import UsageError

        if out.suffix.lower() != ".xlsx":
            raise UsageError(f"--out {out}: the report is an Excel workbook; name it .xlsx")
        result = api.check(
            files, targets=targets, plan=api.load_plan(targets, plan), year=year,
            by=by or "auto", jobs=jobs, max_file_size=max_file_size, outputs={"--out": out},
            started=begun(ctx),
        )  # fmt: skip
        api.write_report(result, out, lang)
        stderr().print(f"wrote {out}", markup=False)
    exit_with(result)


@app.command()
def template(
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="The form to write (.xlsx), atomically.", dir_okay=False),
    ],
    year: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--year",
            "-y",
            help="Accept only this year in the Năm column, and offer only "
            "the places and levels of that year.",
        ),
    ] = None,
    unit: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--unit",
            "-u",
            help="Offer only this reporting unit (by name or code), and its place.",
            metavar="NAME",
        ),
    ] = None,
    targets: TargetsOption = None,
    plan: PlanOption = None,
    debug: DebugOption = False,
) -> None:
    """Write the submission form a reporting unit fills in: the plan's Vietnamese
    headers, drop-down lists, a whole-number rule for counts, instructions, the header
    protected. A filled-in form passes check.

    Exit code 0 when written, 2 when it could not be.
    """
    with guard(debug):
        from ltl_plan import api
        from ltl_plan.errors import UsageError

        if out.suffix.lower() != ".xlsx":
            raise UsageError(f"--out {out}: the form is an Excel workbook; name it .xlsx")
        chosen = api.load_plan(targets, plan)
        years = chosen.plan.reporting_years
        if year is not None and not years.first <= year <= years.last:
            raise UsageError(
                f"--year {year} is outside the plan's reporting years {years.first}-{years.last}"
            )
        api.write_template(out, chosen, year, unit)
        stderr().print(f"wrote {out}", markup=False)


@app.command()
def targets(
    file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(
            help="The targets file to check (default: --targets, --plan, or the default plan).",
            show_default=False,
            metavar="FILE",
            dir_okay=False,
        ),
    ] = None,
    targets: TargetsOption = None,
    plan: PlanOption = None,
    lang: LangOption = Lang.EN,
    debug: DebugOption = False,
) -> None:
    """Validate a targets file and list its indicators, places, categories and levels.

    Exit code 0 when the file is valid, 2 with every problem listed when it is not.
    """
    with guard(debug):
        from rich.console import Console

        from ltl_plan import api
        from ltl_plan.errors import UsageError
        from ltl_plan.outputs.listing import render_plan

        if file is not None and targets is not None:
            raise UsageError(f"give the targets file once: {file} or --targets {targets}")
        Console(highlight=False).print(render_plan(api.load_plan(file or targets, plan), lang))


@app.command()
def plans(lang: LangOption = Lang.EN, debug: DebugOption = False) -> None:
    """List the plans shipped with ltl-plan: their ids (for --plan), what each is, and
    where its numbers come from.

    Exit code 0.
    """
    with guard(debug):
        from rich.console import Console

        from ltl_plan import api
        from ltl_plan.outputs.listing import render_plans
        from ltl_plan.plan.load import default_plan_id

        Console(highlight=False).print(render_plans(api.plans(), default_plan_id(), lang))
