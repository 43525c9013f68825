"""The options several commands share, declared once (Typer reads these annotations at
run time). Every option has a placeholder a user understands (FILE, YEAR, N), never a
Python type."""

from pathlib import Path
from typing import Annotated, Optional

import typer
import typer.core

from ltl_plan.outputs import Format, Lang


def _placeholder_only(self: object, ctx: object) -> str | None:
    """An argument's help shows its placeholder (FILE...), as an option's does; Typer
    would add the Python type (``FILE <list[Path]>``)."""
    return None


typer.core.TyperArgument.display_type_rich = _placeholder_only  # type: ignore[method-assign]

LANG_VARIABLE = "LTL_PLAN_LANG"

TargetsOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer reads the annotation at run time
    typer.Option(
        "--targets",
        "-t",
        help="Targets file (YAML) with the plan's categories, levels, places and targets. "
        "Default: the default plan shipped with ltl-plan (see --plan).",
        dir_okay=False,
        metavar="FILE",
    ),
]


def _plan_ids(incomplete: str) -> list[str]:
    """Shell completion of --plan: the shipped plans' ids."""
    from ltl_plan.plan.load import shipped_plans

    return [plan_id for plan_id in shipped_plans() if plan_id.startswith(incomplete)]


PlanOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--plan",
        "-p",
        help="A plan shipped with ltl-plan, by its id (ltl-plan plans lists them).",
        metavar="ID",
        autocompletion=_plan_ids,
    ),
]
LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang",
        "-l",
        help="Language of everything the output says: vi (Vietnamese) or en (English).",
        envvar=LANG_VARIABLE,
        metavar="vi|en",
    ),
]
FilesArgument = Annotated[
    list[Path],
    typer.Argument(
        help="Institution spreadsheets (.xlsx, .xlsm, .xlsb, .xls, .ods, .csv), one row "
        "per institution per year, or folders of them; several files are merged. - reads "
        "one file from standard input.",
        show_default=False,
        metavar="FILE",
    ),
]
YearOption = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--year",
        "-y",
        help="Reporting year. Default: the latest year in the data.",
        metavar="YEAR",
    ),
]
MaxSizeOption = Annotated[
    int,
    typer.Option(
        "--max-file-size",
        help="Refuse input files larger than this many MiB (a zipped workbook may "
        "unpack to four times as much).",
        min=1,
        metavar="MIB",
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
        metavar="N",
    ),
]
DebugOption = Annotated[
    bool, typer.Option("--debug", help="Show a Python traceback when something fails.")
]
FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help="Output: table (for people, on the terminal), json (for programs) or markdown.",
        metavar="table|json|markdown",
    ),
]
OutputOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--output",
        "-o",
        help="Write the output to this file (atomically) instead of standard output; - "
        "is standard output.",
        dir_okay=False,
        metavar="FILE",
    ),
]
FailOnBehindOption = Annotated[
    bool, typer.Option("--fail-on-behind", help="Exit with code 3 when a target is behind.")
]
ErrorsXlsxOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--errors-xlsx",
        help="Also write a correction workbook: a copy of each submitted table with "
        "every problem cell highlighted and its message attached, and a list sheet.",
        dir_okay=False,
        metavar="FILE",
    ),
]
ByOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--by",
        help="Also show every indicator for each place of a level of the plan's places "
        "(ltl-plan targets lists them).",
        metavar="LEVEL",
    ),
]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Treat warnings as data problems (exit code 1).")
]
QuietOption = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="Print errors only: no warnings, no line about each file."),
]
ProblemsOnlyOption = Annotated[
    bool,
    typer.Option(
        "--problems-only",
        help="Print the problems only (each kind once, errors and warnings), no table of "
        "indicators: for a pre-commit hook or a clerk correcting a file.",
    ),
]
WrittenQuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print nothing when all goes well (for cron).")
]
MaxProblemsOption = Annotated[
    int,
    typer.Option(
        "--max-problems",
        help="List at most N problems: on the terminal and in Markdown each kind of "
        "problem in each column is one line, with its first cells; in JSON each problem "
        "is one record. 0 lists every one. Every problem is counted all the same.",
        min=0,
        metavar="N",
    ),
]
MaxCellsOption = Annotated[
    int,
    typer.Option(
        "--max-cells",
        help="Refuse a sheet or CSV file of more than N cells (rows × columns in use), "
        "checked before it is read: a small file can declare billions.",
        min=1,
        metavar="N",
    ),
]
# The library's defaults (ltl_plan.problems.MAX_PROBLEMS, ltl_plan.read.Limits), written
# out so that --help imports neither numpy nor pydantic; a test keeps them equal.
DEFAULT_MAX_PROBLEMS = 200
DEFAULT_MAX_CELLS = 50_000_000
