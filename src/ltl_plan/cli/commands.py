"""The commands: each parses its options, calls the library (:mod:`ltl_plan.api`),
writes the chosen output and picks the exit code. Nothing here computes."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ltl_plan.cli.options import (
    DEFAULT_MAX_CELLS,
    DEFAULT_MAX_PROBLEMS,
    ByOption,
    DebugOption,
    ErrorsXlsxOption,
    FailOnBehindOption,
    FilesArgument,
    FormatOption,
    JobsOption,
    LangOption,
    MaxCellsOption,
    MaxProblemsOption,
    MaxSizeOption,
    OutputOption,
    PlanOption,
    ProblemsOnlyOption,
    QuietOption,
    StrictOption,
    TargetsOption,
    WrittenQuietOption,
    YearOption,
)
from ltl_plan.cli.shell import app, begun, emit, guard, progress_bar, show, stderr
from ltl_plan.outputs import Format, Lang, View
from ltl_plan.words import say

if TYPE_CHECKING:
    from ltl_plan.api import Result


@app.command()
def check(
    ctx: typer.Context,
    files: FilesArgument,
    year: YearOption = None,
    targets: TargetsOption = None,
    plan: PlanOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
    lang: LangOption = Lang.VI,
    fail_on_behind: FailOnBehindOption = False,
    errors_xlsx: ErrorsXlsxOption = None,
    by: ByOption = None,
    strict: StrictOption = False,
    quiet: QuietOption = False,
    problems_only: ProblemsOnlyOption = False,
    max_problems: MaxProblemsOption = DEFAULT_MAX_PROBLEMS,
    max_file_size: MaxSizeOption = 512,
    max_cells: MaxCellsOption = DEFAULT_MAX_CELLS,
    jobs: JobsOption = None,
    debug: DebugOption = False,
) -> None:
    """Check institution spreadsheets against the plan's targets.

    Every problem in the data is listed, each kind of problem in each column once,
    with its first cells (file, sheet, cell, value) and how to fix it; --errors-xlsx
    marks every problem cell in a copy of the files. Exit codes: 0 valid; 1 data
    problems; 2 could not run; 3 a target behind (only with --fail-on-behind). When
    the output is JSON or Markdown and the exit is not 0, a summary goes to standard
    error.

    \b
    Examples:
      ltl-plan check bao-cao-2025.xlsx
      ltl-plan check submissions/ --lang en --errors-xlsx sua-loi.xlsx
      ltl-plan check bao-cao.xlsx -f json -o ket-qua.json --strict
    """
    with guard(debug):
        from ltl_plan import api

        written = {"--output": output, "--errors-xlsx": errors_xlsx}
        table = fmt is Format.TABLE
        result = api.check(
            files, targets=targets, plan=api.load_plan(targets, plan), year=year, by=by,
            jobs=jobs, max_file_size=max_file_size, max_cells=max_cells,
            max_problems=max_problems, keep_tables=errors_xlsx is not None,
            outputs={name: path for name, path in written.items() if path is not None},
            progress=progress_bar if table and output is None else None, started=begun(ctx),
        )  # fmt: skip
        if not quiet:
            tell_skipped(result, lang)
        if errors_xlsx is not None:
            api.write_corrections(result, errors_xlsx, lang)
        code = api.exit_code(result.report, strict, fail_on_behind)
        show_check(result, code, fmt, lang, output, quiet=quiet, problems_only=problems_only)
    raise typer.Exit(code)


def show_check(
    result: "Result",
    code: int,
    fmt: Format,
    lang: Lang,
    output: Path | None,
    *,
    quiet: bool,
    problems_only: bool,
) -> None:
    """What ``check`` shows: on the terminal, the problems and a summary line on
    standard error around the table; in JSON or Markdown, the document, and when the
    exit is not 0 a short summary of the problems on standard error (a CI log says why)."""
    from ltl_plan.outputs.problem_text import failure_summary, summary_line

    table = fmt is Format.TABLE
    if table:
        tell_problems(result, lang, quiet)
    if not (table and problems_only):
        emit(result, fmt, lang, View.SUMMARY, output)
    if table:
        tell(summary_line(result.report, lang))
    elif code:
        for line in failure_summary(result.report, lang):
            tell(line)


@app.command()
def trend(
    ctx: typer.Context,
    files: FilesArgument,
    year: YearOption = None,
    targets: TargetsOption = None,
    plan: PlanOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
    lang: LangOption = Lang.VI,
    quiet: QuietOption = False,
    max_problems: MaxProblemsOption = DEFAULT_MAX_PROBLEMS,
    max_file_size: MaxSizeOption = 512,
    max_cells: MaxCellsOption = DEFAULT_MAX_CELLS,
    jobs: JobsOption = None,
    debug: DebugOption = False,
) -> None:
    """Show every indicator across every year in the data, beside the plan's path.

    For coverage: the value each year, the straight path to the 2025 and 2030 targets,
    the pace so far and the year it would reach the target; for growth: the totals, the
    10% and 15% paths and where the current average growth leads. The problems in the
    data go to standard error, as check lists them. Exit codes as check's.

    \b
    Examples:
      ltl-plan trend tong-hop-2022-2025.xlsx
      ltl-plan trend tong-hop.xlsx -f markdown -o xu-huong.md
    """
    with guard(debug):
        from ltl_plan import api
        from ltl_plan.outputs.problem_text import failure_summary, summary_line

        table = fmt is Format.TABLE
        result = api.check(
            files, targets=targets, plan=api.load_plan(targets, plan), year=year, jobs=jobs,
            max_file_size=max_file_size, max_cells=max_cells, max_problems=max_problems,
            started=begun(ctx),
        )  # fmt: skip
        code = api.exit_code(result.report)
        if not quiet:
            tell_skipped(result, lang)
        if table:
            tell_problems(result, lang, quiet)
        emit(result, fmt, lang, View.TREND, output)
        if table:
            tell(summary_line(result.report, lang))
        elif code:
            for line in failure_summary(result.report, lang):
                tell(line)
    raise typer.Exit(code)


@app.command()
def report(
    ctx: typer.Context,
    files: FilesArgument,
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="The workbook to write (.xlsx), atomically; - is standard output.",
            dir_okay=False,
            metavar="FILE",
        ),
    ],
    year: YearOption = None,
    targets: TargetsOption = None,
    plan: PlanOption = None,
    lang: LangOption = Lang.VI,
    by: ByOption = None,
    quiet: WrittenQuietOption = False,
    max_file_size: MaxSizeOption = 512,
    max_cells: MaxCellsOption = DEFAULT_MAX_CELLS,
    jobs: JobsOption = None,
    debug: DebugOption = False,
) -> None:
    """Write the yearly report workbook: summary, by place (--by LEVEL; default: the
    first level of places of the year), institutions, progress with charts, data
    problems; A4 landscape, ready to print.

    Exit codes as check's: 0 valid, 1 data problems (the workbook is still written and
    says so on every sheet), 2 could not run.

    \b
    Examples:
      ltl-plan report submissions/ -o bao-cao-2025.xlsx
      ltl-plan report tong-hop.xlsx -o report.xlsx --lang en -q
    """
    with guard(debug):
        from ltl_plan import api
        from ltl_plan.outputs.problem_text import failure_summary

        workbook_name(out, "--out")
        result = api.check(
            files, targets=targets, plan=api.load_plan(targets, plan), year=year,
            by=by or "auto", jobs=jobs, max_file_size=max_file_size, max_cells=max_cells,
            outputs={"--out": out}, started=begun(ctx),
        )  # fmt: skip
        api.write_report(result, out, lang)
        code = api.exit_code(result.report)
        if not quiet:
            tell_skipped(result, lang)
            tell(say(lang, "wrote", file=str(out)))
        if code:
            for line in failure_summary(result.report, lang):
                tell(line)
    raise typer.Exit(code)


@app.command()
def template(
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="The form to write (.xlsx), atomically; - is standard output.",
            dir_okay=False,
            metavar="FILE",
        ),
    ],
    year: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--year",
            "-y",
            help="Accept only this year in the Năm column, and offer only "
            "the places and levels of that year.",
            metavar="YEAR",
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
    quiet: WrittenQuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Write the submission form a reporting unit fills in: the plan's Vietnamese
    headers, drop-down lists, a whole-number rule for counts, instructions, the header
    protected; A4 landscape. A filled-in form passes check.

    Exit code 0 when written, 2 when it could not be.

    \b
    Examples:
      ltl-plan template -o bieu-mau-2026.xlsx --year 2026
      ltl-plan template -o bieu-mau.xlsx --plan tuyen-quang-2025
    """
    with guard(debug):
        from ltl_plan import api
        from ltl_plan.errors import UsageError

        workbook_name(out, "--out")
        chosen = api.load_plan(targets, plan)
        years = chosen.plan.reporting_years
        if year is not None and not years.first <= year <= years.last:
            raise UsageError(
                f"--year {year} is outside the plan's reporting years {years.first}-{years.last}"
            )
        api.write_template(out, chosen, year, unit)
        if not quiet:
            tell(say(Lang.VI, "wrote", file=str(out)))


# The listings of plans and targets wrap their long texts (titles, sources) at this width
# when not on a terminal; their figures are short.
LISTING_WIDTH = 160


def workbook_name(out: Path, option: str) -> None:
    """Refuse a workbook named as something else (standard output is fine)."""
    from ltl_plan.errors import UsageError

    if str(out) != "-" and out.suffix.lower() != ".xlsx":
        raise UsageError(f"{option} {out}: the workbook is an Excel file; name it .xlsx")


def tell(line: str) -> None:
    """One line for a person, on standard error (never markup, always printable)."""
    from rich.text import Text

    from ltl_plan.errors import printable

    stderr().print(Text(printable(line)))


def tell_skipped(result: "Result", lang: Lang) -> None:
    """A line on standard error for each input left out (ltl-plan's own workbooks)."""
    from ltl_plan.outputs.problem_text import skipped_lines

    for line in skipped_lines(result.report, lang):
        tell(line)


def tell_problems(result: "Result", lang: Lang, quiet: bool) -> None:
    """Each file's table and each kind of problem, on standard error."""
    from ltl_plan.outputs.terminal import render_problems

    console = stderr()
    for line in render_problems(result.report, lang, quiet):
        console.print(line)


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
    lang: LangOption = Lang.VI,
    debug: DebugOption = False,
) -> None:
    """Validate a targets file and list its indicators, places, categories and levels.

    Exit code 0 when the file is valid, 2 with every problem listed when it is not.
    """
    with guard(debug):
        from ltl_plan import api
        from ltl_plan.errors import UsageError
        from ltl_plan.outputs.listing import render_plan

        if file is not None and targets is not None:
            raise UsageError(f"give the targets file once: {file} or --targets {targets}")
        show(render_plan(api.load_plan(file or targets, plan), lang), cap=LISTING_WIDTH)


@app.command()
def plans(lang: LangOption = Lang.VI, debug: DebugOption = False) -> None:
    """List the plans shipped with ltl-plan: their ids (for --plan), what each is, and
    where its numbers come from.

    Exit code 0.
    """
    with guard(debug):
        from ltl_plan import api
        from ltl_plan.outputs.listing import render_plans
        from ltl_plan.plan.load import default_plan_id

        show(render_plans(api.plans(), default_plan_id(), lang), cap=LISTING_WIDTH)
