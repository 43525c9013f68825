"""The plan as data: its parts (:mod:`.common`, :mod:`.parts`, :mod:`.places`,
:mod:`.indicators`), the whole file and the checks of its references (:mod:`.model`),
loading a targets file or a shipped plan (:mod:`.load`), and its codes as integers
(:mod:`.codes`)."""

from ltl_plan.plan.common import Label, Period
from ltl_plan.plan.indicators import (
    CountIndicator,
    CoverageIndicator,
    GrowthIndicator,
    Indicator,
    Measure,
    Population,
)
from ltl_plan.plan.load import default_targets_path, load_plan, parse_plan
from ltl_plan.plan.model import Plan
from ltl_plan.plan.parts import Category, Flag, Level
from ltl_plan.plan.places import Place, PlaceLevel, Reform

__all__ = [
    "Category",
    "CountIndicator",
    "CoverageIndicator",
    "Flag",
    "GrowthIndicator",
    "Indicator",
    "Label",
    "Level",
    "Measure",
    "Period",
    "Place",
    "PlaceLevel",
    "Plan",
    "Population",
    "Reform",
    "default_targets_path",
    "load_plan",
    "parse_plan",
]
