"""The command-line shell: a thin layer over the library (:mod:`ltl_plan.api`).

:mod:`.shell` holds the Typer app, the exit codes and the one exit path for failures;
:mod:`.options` the options several commands share; :mod:`.commands` the commands. The
console script enters through :mod:`ltl_plan.startup`, which may hand the commands a parse
already begun (``ctx.obj``); called as ``app`` (tests, ``python -c``), they read
everything themselves.
"""

from ltl_plan.cli import commands as _commands  # noqa: F401 - registers the commands
from ltl_plan.cli.shell import Exit, app

__all__ = ["Exit", "app"]
