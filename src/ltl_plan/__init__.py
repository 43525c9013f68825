"""ltl-plan: measure lifelong-learning services against the targets of a plan.

A library first (:mod:`ltl_plan.api`)::

    import ltl_plan

    result = ltl_plan.check(["submissions/"], year=2024)
    result.report.valid, result.report.indicators[0].status
    ltl_plan.write_report(result, "bao-cao.xlsx")

The command line (:mod:`ltl_plan.cli`) is a thin shell over the same functions. The names
below are imported on first use, so ``import ltl_plan`` and ``ltl-plan --help`` stay quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ltl_plan.version import __version__

if TYPE_CHECKING:
    from ltl_plan.api import (
        Result,
        check,
        exit_code,
        load_plan,
        plans,
        render,
        write_corrections,
        write_report,
        write_template,
    )
    from ltl_plan.errors import LtlPlanError
    from ltl_plan.plan import Plan
    from ltl_plan.result import Report

_API = {
    "Result": "ltl_plan.api",
    "check": "ltl_plan.api",
    "exit_code": "ltl_plan.api",
    "load_plan": "ltl_plan.api",
    "plans": "ltl_plan.api",
    "render": "ltl_plan.api",
    "write_corrections": "ltl_plan.api",
    "write_report": "ltl_plan.api",
    "write_template": "ltl_plan.api",
    "LtlPlanError": "ltl_plan.errors",
    "Plan": "ltl_plan.plan",
    "Report": "ltl_plan.result",
}

__all__ = [
    "LtlPlanError",
    "Plan",
    "Report",
    "Result",
    "__version__",
    "check",
    "exit_code",
    "load_plan",
    "plans",
    "render",
    "write_corrections",
    "write_report",
    "write_template",
]


def __getattr__(name: str) -> Any:
    if name in _API:
        from importlib import import_module

        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'ltl_plan' has no attribute {name!r}")
