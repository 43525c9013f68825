"""The shell around every command: the Typer app, the exit codes, the one exit path for
failures (a plain message, no traceback unless --debug), and writing an output.

Before any command runs, the app's callback makes standard output and standard error
UTF-8 (:func:`use_utf8`) and has SIGTERM and SIGHUP clean up as Ctrl-C does
(:func:`catch_termination`).

No ``from __future__ import annotations`` here or in the other modules of this package:
Typer reads every command's annotations when it builds the commands, and as strings each
one would be evaluated twice (10 ms of a 150 ms ``--help``). Nothing heavy is imported
at module level either (rich, the library): this module is imported for every command,
``--help`` included.
"""

import io
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from ltl_plan.outputs import Format, Lang, View
from ltl_plan.version import __version__

if TYPE_CHECKING:
    from types import FrameType

    from rich.console import Console, RenderableType

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
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def stderr() -> "Console":
    """The console of messages: no markup, no emoji codes (a name a user controls is
    printed as it is; pass it through :func:`~ltl_plan.errors.printable` first)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)


def fail(message: str, details: list[str] | None = None) -> NoReturn:
    """Say why the run stops, on one line (and its details), and exit with code 2.
    Control characters and undecodable bytes of file or sheet names are escaped."""
    from rich.text import Text

    from ltl_plan.errors import printable

    console = stderr()
    console.print(Text.assemble(("ltl-plan: error:", "bold red"), f" {printable(message)}"))
    for line in details or []:
        console.print(Text(f"  • {printable(line)}"))
    raise typer.Exit(Exit.CANNOT_RUN)


@contextmanager
def guard(debug: bool) -> Iterator[None]:
    """Turn every failure into a one-line message and exit code 2; no traceback unless
    --debug is given. A failure of the machine (an :class:`OSError`: permission denied,
    a full disk, ...) is one plain line too, never "a bug"; Ctrl-C exits with 130,
    SIGTERM and SIGHUP with 128 + the signal's number, once every clean-up has run."""
    from ltl_plan.errors import LtlPlanError, Terminated, os_error_message

    try:
        yield
    except (typer.Exit, typer.Abort):
        raise
    except LtlPlanError as exc:
        if debug:
            traceback.print_exc()
        fail(exc.message, exc.details)
    except KeyboardInterrupt as exc:
        if isinstance(exc, Terminated):
            stderr().print(f"ltl-plan: interrupted ({_signal_name(exc.signum)})")
            raise typer.Exit(128 + exc.signum) from None
        stderr().print("ltl-plan: interrupted")
        raise typer.Exit(130) from None
    except MemoryError:
        fail("out of memory: the input is larger than this machine can hold")
    except BrokenPipeError:
        # The reader of standard output went away (``| head``): say nothing, as other
        # tools do, and keep Python from failing again on flushing it at exit.
        _silence_stdout()
        raise typer.Exit(128 + 13) from None  # as if killed by SIGPIPE
    except OSError as exc:
        if debug:
            traceback.print_exc()
        fail(os_error_message(exc))
    except Exception as exc:  # a bug: say so plainly, keep the traceback for --debug
        if debug:
            traceback.print_exc()
        fail(
            f"internal error ({type(exc).__name__}: {exc}). This is a bug in ltl-plan; "
            "run again with --debug and report the output."
        )


def _signal_name(signum: int) -> str:
    import signal

    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def use_utf8() -> None:
    """Standard output and standard error in UTF-8, whatever the locale or the console's
    code page (``PYTHONIOENCODING=cp1258``, a Windows ANSI code page when redirected):
    JSON, Markdown and Vietnamese names always come out, as UTF-8; a lone surrogate (a
    file name that is not UTF-8) as ``\\udcNN`` instead of an error. On a real Windows
    console this changes nothing one can see: Python (3.6 and later) writes to it with
    WriteConsoleW, in Unicode, whatever the encoding named here."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            with suppress(OSError, ValueError):  # a stream already read from, or closed
                stream.reconfigure(encoding="utf-8", errors="backslashreplace")


# The signal that is ending this run, once one has arrived (SIGTERM or SIGHUP).
_received: list[int] = []


def received_signal() -> int | None:
    """The number of the SIGTERM or SIGHUP that is ending this run, if one arrived."""
    return _received[0] if _received else None


def catch_termination() -> Callable[[], None] | None:
    """Have SIGTERM and SIGHUP raise :class:`~ltl_plan.errors.Terminated` (a
    KeyboardInterrupt) in the main thread, so that every clean-up runs as on Ctrl-C:
    temporary files, temporary folders; :func:`guard` then exits with 128 + the signal.

    Installed only from the main thread, and only over the default action: a signal
    the caller ignores (``nohup`` ignores SIGHUP) or handles itself stays so. A forked
    worker that inherits the handler dies of the signal, as by default. A second signal
    while the first is being cleaned up after is ignored. Returns the function that puts
    the previous handlers back, or None when nothing was installed."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None
    owner = os.getpid()

    def terminate(signum: int, frame: "FrameType | None") -> None:
        from ltl_plan.errors import Terminated

        if os.getpid() != owner:  # a forked worker: end as the default action would
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        if _received:
            return
        _received.append(signum)
        raise Terminated(signum)

    _received.clear()
    previous: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is None:  # SIGHUP on Windows
            continue
        try:
            if signal.getsignal(signum) is signal.SIG_DFL:
                previous[signum] = signal.signal(signum, terminate)
        except (OSError, ValueError):
            continue

    def restore() -> None:
        for signum, handler in previous.items():
            with suppress(OSError, ValueError, TypeError):
                signal.signal(signum, handler)

    return restore


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ltl-plan {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", help="Show the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Measure libraries, museums and cultural centres against a lifelong-learning plan."""
    use_utf8()
    restore = catch_termination()
    if restore is not None:
        ctx.call_on_close(restore)


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
    """The chosen output of a check to a file (atomically) or to standard output (no
    ``output``, or ``-``)."""
    from ltl_plan.output import is_stdout
    from ltl_plan.outputs import plain_text, renderer_for

    rendered = renderer_for(fmt, view)(result.report, lang)
    if output is not None and not is_stdout(output):
        from ltl_plan.output import write_atomic

        write_atomic(output, plain_text(rendered))
    else:
        show(rendered)


def show(rendered: "str | RenderableType", cap: int | None = None) -> None:
    """Print a renderer's output on standard output. On a terminal, as wide as the
    terminal; elsewhere (a pipe, a file, cron mail, a CI log) at its natural width, so
    no figure or label is cut and no line is wrapped in the middle of a figure, or at
    ``cap`` columns when that is narrower (a listing whose long texts may wrap)."""
    if isinstance(rendered, str):
        sys.stdout.write(rendered)
        return
    from rich.console import Console

    from ltl_plan.outputs import natural_width

    console = Console(highlight=False, markup=False, emoji=False)
    if not console.is_terminal:
        width = min(natural_width(rendered), cap or natural_width(rendered))
        console = Console(highlight=False, markup=False, emoji=False, width=width)
    console.print(rendered)


def exit_with(result: "Result", strict: bool = False, fail_on_behind: bool = False) -> NoReturn:
    from ltl_plan.api import exit_code

    raise typer.Exit(exit_code(result.report, strict, fail_on_behind))
