"""Exceptions for what stops a run. Problems in the data are not exceptions: they are
collected as :class:`ltl_plan.problems.Problem` records and reported all at once."""

from __future__ import annotations


class LtlPlanError(Exception):
    """Root of every error that stops ltl-plan; the CLI turns it into exit code 2."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = list(details or [])


class TargetsError(LtlPlanError):
    """The targets file is missing, not YAML, or does not describe a valid plan."""


class InputError(LtlPlanError):
    """An input file cannot be read at all (missing, not a spreadsheet, corrupt, locked)."""


class UsageError(LtlPlanError):
    """An option does not fit the data (a year that is not in the files, say)."""
