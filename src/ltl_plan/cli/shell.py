"""The shell around every command: the Typer app, the exit codes, the one exit path for
failures (a plain message, no traceback unless --debug), and writing an output.

No ``from __future__ import annotations`` here or in the other modules of this package:
Typer reads every command's annotations when it builds the commands, and as strings each
one would be evaluated twice (10 ms of a 150 ms ``--help``).
"""

import sys
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from ltl_plan.outputs import Format, Lang, View
from ltl_plan.version import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from ltl_plan.api import Result
    from ltl_plan.read import StartedParse


class Exit(IntEnum):
    """The documented exit codes."""

    OK = 0  # data valid (warnings allowed) and, with --fail-on-behind, no target behind
    DATA_PROBLEMS = 1  # errors in the data (or warnings, with --strict)
    CANNOT_RUN = 2  # missing or unreadable file, bad targets file, bad option
    BEHIND = 3  # only with --fail-on-behind: valid data, some target behind


app = typer.Typer(
    name="ltl-plan",
    help=(
        "Measure libraries, museums and cultural centres against the lifelong-learning "
        "targets of Decision 1520/QĐ-TTg and the plans that carry it out."
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def stderr() -> "Console":
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, details: list[str] | None = None) -> NoReturn:
    from rich.text import Text

    console = stderr()
    console.print(Text.assemble(("ltl-plan: error:", "bold red"), f" {message}"))
    for line in details or []:
        console.print(f"  • {line}", markup=False)
    raise typer.Exit(Exit.CANNOT_RUN)


@contextmanager
def guard(debug: bool) -> Iterator[None]:
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
        fail(exc.message, exc.details)
    except KeyboardInterrupt:
        stderr().print("ltl-plan: interrupted", markup=False)
        raise typer.Exit(130) from None
    except MemoryError:
        fail("out of memory: the input is larger than this machine can hold")
    except Exception as exc:  # a bug: say so plainly, keep the traceback for --debug
        if debug:
            traceback.print_exc()
        fail(
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


def begun(ctx: typer.Context) -> "StartedParse | None":
    """The parse :mod:`ltl_plan.startup` began, if it began one."""
    from ltl_plan.read import StartedParse

    return ctx.obj if isinstance(ctx.obj, StartedParse) else None


def progress_bar(files: Sequence[Path]) -> Iterator[Path]:
    """A progress bar over many files, on a terminal only (never in JSON or a pipe)."""
    console = stderr()
    if len(files) < 2 or not console.is_terminal:
        yield from files
        return
    from rich.progress import track

    yield from track(files, description="Reading", console=console, transient=True)


def emit(result: "Result", fmt: Format, lang: Lang, view: View, output: Path | None) -> None:
    """The chosen output of a check to a file (atomically) or standard output."""
    from ltl_plan.outputs import plain_text, renderer_for

    rendered = renderer_for(fmt, view)(result.report, lang)
    if output is not None:
        from ltl_plan.output import write_atomic

        write_atomic(output, plain_text(rendered))
    elif isinstance(rendered, str):
        sys.stdout.write(rendered)
    else:
        from rich.console import Console

        Console(highlight=False).print(rendered)


def exit_with(result: "Result", strict: bool = False, fail_on_behind: bool = False) -> NoReturn:
    from ltl_plan.api import exit_code

    raise typer.Exit(exit_code(result.report, strict, fail_on_behind))
