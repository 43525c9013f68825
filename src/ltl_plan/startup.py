"""The speed seam: how the ``ltl-plan`` console script (and ``python -m ltl_plan``) starts
and ends. The rest of the code does not know it is here.

Two things, each measured on a 100,000-row workbook (``docs/ARCHITECTURE.md``):

- **An early parse.** Checking one large workbook costs two things of about the same
  size: calamine parsing it (in Rust, with Python's lock released) and Python importing
  Typer, pandas, pydantic and the rest of ltl-plan. When the command line names one
  workbook, its parse starts on another thread before Typer converts the options
  (:class:`~ltl_plan.read.StartedParse`); the command hands it to the reader, which
  takes it over instead of parsing the file again. The command line is split by the
  command's own parser, converting nothing; anything unexpected (help, two files, a bad
  option) starts nothing, and the command reads the file itself, as usual.
- **A fast exit.** Once the command's output is flushed, the process ends without
  tearing the interpreter down (freeing pandas, numpy, pydantic and the data object by
  object costs 0.1-0.2 s a run).

``LTL_PLAN_NO_SPEEDUPS=1`` switches both off: the same command, the same output (a test
compares them byte for byte), only slower.

Whichever way it starts, standard output and standard error are UTF-8 before anything is
printed (:func:`ltl_plan.cli.shell.use_utf8`, also called by the app's callback, so that
``python -m ltl_plan`` and the app called from Python behave alike), and SIGTERM and
SIGHUP clean up as Ctrl-C does (the handlers are installed by that callback, in the main
thread, and put back when the command ends).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from ltl_plan.read import StartedParse

SWITCH = "LTL_PLAN_NO_SPEEDUPS"
COMMANDS_READING = ("check", "trend", "report")


def main() -> None:
    """Entry point of the console script. It ends the process when the command is done;
    from Python, call :data:`ltl_plan.cli.app` or the library (:mod:`ltl_plan.api`)."""
    from ltl_plan.cli import app
    from ltl_plan.cli.shell import use_utf8

    use_utf8()  # before Typer prints anything: a usage error, --help
    if os.environ.get(SWITCH):
        try:
            app()
        except SystemExit as done:
            raise _signalled(done) from None
        return
    started = start_reading(sys.argv[1:])
    try:
        app(obj=started)
    except SystemExit as done:
        exit_now(_signalled(done))


def _signalled(done: SystemExit) -> SystemExit:
    """The exit of a run a SIGTERM or SIGHUP ended: 128 + its number, even when it
    arrived where Typer, not the command's guard, saw it (Typer exits with 130 for any
    KeyboardInterrupt, as for Ctrl-C)."""
    from ltl_plan.cli.shell import received_signal

    signum = received_signal()
    if signum is None or done.code == 128 + signum:
        return done
    return SystemExit(128 + signum)


def start_reading(args: list[str]) -> StartedParse | None:
    """When the command line names one workbook to read, start parsing it now."""
    if not args or args[0] not in COMMANDS_READING:
        return None
    try:
        import typer

        from ltl_plan.cli import app
        from ltl_plan.read import WORKBOOK_SUFFIXES, Limits, StartedParse

        group = typer.main.get_command(app)
        if not isinstance(group, typer.core.TyperGroup):
            return None
        command = group.commands[args[0]]
        values, _, _ = command.make_parser(typer.Context(command)).parse_args(args[1:])
        named = values.get("files") or []
        if "help" in values or len(named) != 1:
            return None
        path = Path(named[0])
        if path.suffix.lower() not in WORKBOOK_SUFFIXES or not path.is_file():
            return None
        defaults = {p.name: p.default for p in command.params}
        size = int(str(values.get("max_file_size", defaults["max_file_size"])))
        cells = int(str(values.get("max_cells", defaults["max_cells"])))
        if size < 1 or cells < 1:
            return None
        return StartedParse(path, Limits.of_mib(size, cells))
    except Exception:  # the command reads the file itself, as usual
        return None


def exit_now(done: SystemExit) -> NoReturn:
    """Exit with the command's code once its output is flushed, without tearing the
    interpreter down (every file a command writes is closed before it returns, and no
    thread is left with work to do). A code that is not a number, or output that cannot
    be flushed (a closed pipe), takes Python's usual way out."""
    if done.code is None or isinstance(done.code, int):
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            raise done from None
        os._exit(done.code or 0)
    raise done
