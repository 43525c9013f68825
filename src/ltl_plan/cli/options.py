"""The options several commands share, declared once (Typer reads these annotations at
run time)."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from ltl_plan.outputs import Format, Lang

TargetsOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer reads the annotation at run time
    typer.Option(
        "--targets",
        "-t",
        help="Targets file (YAML) with the plan's categories, levels, places and targets. "
        "Default: the default plan shipped with ltl-plan (see --plan).",
        dir_okay=False,
    ),
]
PlanOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--plan",
        "-p",
        help="A plan shipped with ltl-plan, by its id (ltl-plan plans lists them).",
        metavar="ID",
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
FormatOption = Annotated[
    Format,
    typer.Option("--format", "-f", help="Output: table (terminal), json or markdown."),
]
OutputOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--output",
        "-o",
        help="Write the output to this file (atomically) instead of standard output.",
        dir_okay=False,
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
    bool, typer.Option("--quiet", "-q", help="List errors only, not warnings, on the terminal.")
]
