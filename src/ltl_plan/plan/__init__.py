"""The plan as data: its models (:mod:`~ltl_plan.plan.model`), loading a targets file
(:mod:`~ltl_plan.plan.load`), and its codes as integers (:mod:`~ltl_plan.plan.codes`)."""

from ltl_plan.plan.load import default_targets_path, load_plan, parse_plan
from ltl_plan.plan.model import (
    Category,
    CoverageIndicator,
    GrowthIndicator,
    Indicator,
    Label,
    Level,
    Plan,
    Population,
)

__all__ = [
    "Category",
    "CoverageIndicator",
    "GrowthIndicator",
    "Indicator",
    "Label",
    "Level",
    "Plan",
    "Population",
    "default_targets_path",
    "load_plan",
    "parse_plan",
]
