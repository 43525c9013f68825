"""The plan's categories and levels as small integers, so that "does this row belong to
that population" is a look-up in a boolean table instead of a string comparison per row.

Checked records hold category and level as categoricals whose categories are the plan's
codes in the plan's order, so their codes are these integers: validation (which flags a
row must answer) and measurement (which rows an indicator counts) ask the same question
the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ltl_plan.plan.indicators import Population
from ltl_plan.plan.model import Plan


class PlanCodes:
    """Category and level codes as indices into the plan's lists (-1: none)."""

    def __init__(self, plan: Plan) -> None:
        self.categories = [category.code for category in plan.categories]
        self.levels = [level.code for level in plan.levels]
        self.category_index = {code: i for i, code in enumerate(self.categories)}
        self.level_index = {code: i for i, code in enumerate(self.levels)}
        # allowed[c + 1, l + 1]: category c may have level l (row and column 0: none).
        self.allowed = np.zeros((len(self.categories) + 1, len(self.levels) + 1), dtype=bool)
        for category in plan.categories:
            for level in category.levels:
                c, lv = self.category_index[category.code], self.level_index[level]
                self.allowed[c + 1, lv + 1] = True
        self.leveled: np.ndarray = np.asarray(self.allowed.any(axis=1))

    def _table(self, codes: Sequence[str], index: dict[str, int]) -> np.ndarray:
        found = np.zeros(len(index) + 1, dtype=bool)
        found[[index[code] + 1 for code in codes]] = True
        return found

    def in_any(
        self, categories: np.ndarray, levels: np.ndarray, populations: Sequence[Population]
    ) -> np.ndarray:
        """Rows whose category (and level) codes belong to any of the populations."""
        mask = np.zeros(len(categories), dtype=bool)
        for population in populations:
            inside = self._table(population.categories, self.category_index)[categories + 1]
            if population.levels is not None:
                inside &= self._table(population.levels, self.level_index)[levels + 1]
            mask |= inside
        return mask

    def members(self, records: pd.DataFrame, population: Population) -> np.ndarray:
        """A boolean per checked record: it belongs to the population."""
        categories = records["category"].cat.codes.to_numpy()
        levels = records["level"].cat.codes.to_numpy()
        return self.in_any(categories, levels, [population])

    def categorical(self, codes: np.ndarray, of: str) -> pd.Categorical[str]:
        """Codes (-1: missing) as a categorical column of category or level codes."""
        names = self.categories if of == "category" else self.levels
        return pd.Categorical.from_codes(codes.astype(np.int64), categories=pd.Index(names))
