"""Who an indicator counts, and in which group: each record's group (a place of the
level asked for, or one group for the whole) and year as small integers, and the
population masks of the plan's indicators, made once for all the indicators measured."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ltl_plan.plan import Plan, Population
from ltl_plan.plan.codes import PlanCodes
from ltl_plan.plan.indicators import IndicatorBase


def identity(indicator: IndicatorBase, milestone: int) -> dict[str, Any]:
    """The fields every result copies from its indicator (for the milestone in force)."""
    return {
        "id": indicator.id,
        "section": indicator.section,
        "group": indicator.group,
        "label": indicator.label,
        "short": indicator.short or indicator.label,
        "categories": indicator.population.categories,
        "level": indicator.population.levels,
        "plan_note": indicator.note,
        "milestone": milestone,
        "source": indicator.source,
        "target_verified": milestone not in indicator.unverified,
    }


@dataclass(frozen=True)
class Grouping:
    """Each record's group as a code into ``names`` (-1: no group) and its year as a code
    into ``years``, made once for all the indicators measured."""

    codes: np.ndarray
    names: list[Any]
    year_codes: np.ndarray
    years: list[int]
    codes_of_plan: PlanCodes
    # Population masks already worked out (indicators share populations), by population.
    masks: dict[str, np.ndarray] = field(default_factory=dict, compare=False)

    def members(self, records: pd.DataFrame, population: Population) -> np.ndarray:
        """The records that belong to ``population``, worked out once per population."""
        name = population.model_dump_json()
        if name not in self.masks:
            self.masks[name] = self.codes_of_plan.members(records, population)
        return self.masks[name]

    @classmethod
    def of(cls, groups: pd.Series | None, records: pd.DataFrame, plan: Plan) -> Grouping:
        year_codes, years = pd.factorize(records["year"].to_numpy())
        if groups is None:
            codes, names = np.zeros(len(records), dtype=np.intp), [None]
        else:
            codes, found = pd.factorize(groups)  # a missing group: -1, left out as groupby does
            names = list(found)
        return cls(
            np.asarray(codes, dtype=np.intp),
            names,
            year_codes,
            [int(y) for y in years],
            PlanCodes(plan),
        )
