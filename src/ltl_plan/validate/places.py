"""The places of each row: the columns of the plan's place levels, each name checked
against the places the plan names and written as the plan writes it, and the places of
the levels above filled in from the plan (where a place lies within another), so
that every row can be counted by any level. Column-wise: each distinct name once."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ltl_plan.coded import Coded
from ltl_plan.messages import NOTHING, both, in_sentence
from ltl_plan.plan import Plan
from ltl_plan.plan.gazetteer import Gazetteer
from ltl_plan.validate.found import TableProblems


def check_places(
    found: TableProblems,
    data: dict[str, Coded],
    years: np.ndarray,
    plan: Plan,
    gazetteer: Gazetteer,
) -> dict[str, np.ndarray]:
    """Each place level's name per row (None where blank, or where the level does not
    exist in the row's year: a warning says so), unknown names warned about."""
    n = len(years)
    values: dict[str, np.ndarray] = {}
    for level in plan.places:
        column = data.get(level.code)
        if column is None:
            values[level.code] = np.full(n, None, dtype=object)
            continue
        known = [gazetteer.find(level.code, text) if text else None for text in column.text]
        names = np.array(
            [
                place.name if place else (text or None)
                for place, text in zip(known, column.text, strict=True)
            ],
            dtype=object,
        )
        unnamed = np.array(
            [bool(text) and place is None for place, text in zip(known, column.text, strict=True)],
            dtype=bool,
        )
        named_years = [y for y in np.unique(years).tolist() if gazetteer.knows(level.code, y)]
        unknown = unnamed[column.codes] & np.isin(years, named_years)
        row_names = names[column.codes]
        lasting = [y for y in np.unique(years).tolist() if y in level.years]
        ended = ~column.blank & (years > 0) & ~np.isin(years, lasting)
        if ended.any():
            reform = plan.reform(level.years.reform)
            found.of_cells(
                "place-ended",
                level.code,
                ended,
                column,
                level=in_sentence(level.label),
                why=both("because", reason=reform.label) if reform else NOTHING,
            )
            row_names[ended] = None
        if (unknown & ~ended).any():
            found.of_cells(
                "unknown-place",
                level.code,
                unknown & ~ended,
                column,
                level=in_sentence(level.label),
                examples=", ".join(gazetteer.examples(level.code)),
            )
        values[level.code] = row_names
    _fill_upward(values, plan, gazetteer)
    return values


def _fill_upward(values: dict[str, np.ndarray], plan: Plan, gazetteer: Gazetteer) -> None:
    """Where a row names a place but not the place above it, the plan's (each distinct
    name looked up once)."""
    for _ in plan.places:  # as many passes as levels: a chain fills from the bottom up
        for level in plan.places:
            above = level.within
            if above is None:
                continue
            blank = pd.isna(values[above])
            if not blank.any():
                continue
            codes, names = pd.factorize(values[level.code][blank])  # no name: code -1
            found = [gazetteer.find(level.code, str(name)) for name in names]
            parents = np.array([p.within if p else None for p in found] + [None], dtype=object)
            filled = values[above].copy()
            filled[blank] = parents[codes]
            values[above] = filled
